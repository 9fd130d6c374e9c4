//! Unary gRPC calls described by `.proto` files compiled at run time
//! (`protox`), with JSON in and out (`prost-reflect`), as `grpcurl` does.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, SerializeOptions};
use serde_json::Value;

use crate::grpc::{call, normalize_authority};
use crate::tls::Tls;
use crate::ProbeError;

/// A unary gRPC call, compiled and checked once, callable many times.
///
/// [`UnaryCall::new`] does all the work that does not need the server:
/// compiling the `.proto` files, finding the method, turning the request JSON
/// into protobuf bytes. Every error there is `Failed`. [`UnaryCall::call`]
/// then makes one attempt.
#[derive(Debug, Clone)]
pub struct UnaryCall {
    /// "package.Service/Method"
    method: String,
    path: String,
    request: Vec<u8>,
    output: MessageDescriptor,
    emit_defaults: bool,
}

impl UnaryCall {
    /// Compiles `protos` (searched in `includes`; a file that is in none of
    /// them has its own directory added as an include path, so
    /// `includes = &[]` works for self-contained files), finds `method`
    /// ("package.Service/Method" or "package.Service.Method", a leading `/`
    /// allowed) and encodes `request_json` (proto3 JSON; empty means `{}`).
    pub fn new(
        protos: &[PathBuf],
        includes: &[PathBuf],
        method: &str,
        request_json: &str,
    ) -> Result<Self, ProbeError> {
        let compiled = compile(protos, includes)?;
        let method_desc = find_method(&compiled, method)?;
        let full = format!(
            "{}/{}",
            method_desc.parent_service().full_name(),
            method_desc.name()
        );
        if method_desc.is_client_streaming() || method_desc.is_server_streaming() {
            return Err(ProbeError::failed(format!(
                "{full} is a streaming method; only unary methods can be called."
            )));
        }
        let input = method_desc.input();
        let text = if request_json.trim().is_empty() {
            "{}"
        } else {
            request_json
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let message = DynamicMessage::deserialize(input.clone(), &mut de)
            .and_then(|m| de.end().map(|_| m))
            .map_err(|e| {
                ProbeError::failed(format!(
                    "The request JSON does not fit {} (the input of {full}): {e}.",
                    input.full_name()
                ))
            })?;
        Ok(UnaryCall {
            path: format!("/{full}"),
            method: full,
            request: message.encode_to_vec(),
            output: method_desc.output(),
            emit_defaults: false,
        })
    }

    /// Also write fields that hold their default value (0, "", false, empty
    /// lists), like `grpcurl -emit-defaults`. Off by default, like grpcurl.
    pub fn emit_defaults(mut self, yes: bool) -> Self {
        self.emit_defaults = yes;
        self
    }

    /// The method as "package.Service/Method".
    pub fn method(&self) -> &str {
        &self.method
    }

    /// One attempt: call the method at `authority` ("127.0.0.1:5000").
    ///
    /// Returns the response in proto3 JSON mapping, like grpcurl: camelCase
    /// field names, 64-bit integers as strings, enums by name, fields with
    /// default values omitted unless [`UnaryCall::emit_defaults`].
    ///
    /// A non-zero `grpc-status` is `Failed` with "grpc-status N (NAME):
    /// message", except 14 (UNAVAILABLE), which is `NotReady`.
    pub fn call(
        &self,
        authority: &str,
        timeout: Duration,
        tls: Option<&Tls>,
    ) -> Result<Value, ProbeError> {
        let addr = normalize_authority(authority)?;
        let reply = call(&addr, &self.path, &self.request, timeout, tls)?;
        if reply.status != 0 {
            let msg = format!(
                "{} at {addr} answered {}.",
                self.method,
                reply.status_text()
            );
            return Err(if reply.status == 14 {
                ProbeError::not_ready(msg)
            } else {
                ProbeError::failed(msg)
            });
        }
        let payload = reply.payload.ok_or_else(|| {
            ProbeError::failed(format!(
                "{} at {addr} answered grpc-status 0 (OK) but sent no message.",
                self.method
            ))
        })?;
        let message = DynamicMessage::decode(self.output.clone(), payload).map_err(|e| {
            ProbeError::failed(format!(
                "The answer of {} at {addr} does not decode as {}: {e}.",
                self.method,
                self.output.full_name()
            ))
        })?;
        let options = SerializeOptions::new().skip_default_fields(!self.emit_defaults);
        message
            .serialize_with_options(serde_json::value::Serializer, &options)
            .map_err(|e| {
                ProbeError::failed(format!(
                    "The answer of {} at {addr} cannot be written as JSON: {e}.",
                    self.method
                ))
            })
    }
}

/// A unary gRPC call as grpcurl does it: see [`UnaryCall`] for the details.
///
/// `protos` are compiled at run time (no `protoc` needed); `method` is
/// "package.Service/Method" or "package.Service.Method"; `request_json` is
/// proto3 JSON. Returns the response as proto3 JSON (camelCase names, int64
/// as strings, default values omitted, as grpcurl prints by default).
///
/// `Failed` with `file:line:column` for a `.proto` that does not compile;
/// `Failed` for a missing file, an unknown service or method, request JSON
/// that does not fit the input message, and a non-zero `grpc-status`
/// ("grpc-status N (NAME): message") other than 14 UNAVAILABLE.
pub fn grpc_unary(
    authority: &str,
    protos: &[PathBuf],
    includes: &[PathBuf],
    method: &str,
    request_json: &str,
    timeout: Duration,
    tls: Option<&Tls>,
) -> Result<Value, ProbeError> {
    UnaryCall::new(protos, includes, method, request_json)?.call(authority, timeout, tls)
}

/// Compiled files, with the way back from protox's file names to the paths
/// the caller gave.
struct Compiled {
    pool: DescriptorPool,
    display: HashMap<String, String>,
}

impl Compiled {
    fn show<'a>(&'a self, name: &'a str) -> &'a str {
        self.display.get(name).map(String::as_str).unwrap_or(name)
    }
}

fn compile(protos: &[PathBuf], includes: &[PathBuf]) -> Result<Compiled, ProbeError> {
    if protos.is_empty() {
        return Err(ProbeError::failed("No .proto file was given."));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut incs: Vec<PathBuf> = includes.iter().map(|i| absolute(&cwd, i)).collect();
    let mut files = Vec::new();
    let mut display = HashMap::new();
    for proto in protos {
        if let Err(e) = std::fs::metadata(proto).and_then(|m| {
            if m.is_file() {
                Ok(())
            } else {
                Err(std::io::Error::other("not a file"))
            }
        }) {
            return Err(ProbeError::failed(format!(
                "Cannot read the .proto file {}: {e}.",
                proto.display()
            )));
        }
        let abs = absolute(&cwd, proto);
        let name = match incs.iter().find_map(|i| abs.strip_prefix(i).ok()) {
            Some(rel) => rel.to_path_buf(),
            None => {
                let parent = abs.parent().map(Path::to_path_buf).unwrap_or_default();
                incs.push(parent);
                PathBuf::from(abs.file_name().unwrap_or_default())
            }
        };
        let name = name
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        display.insert(name, proto.display().to_string());
        files.push(abs);
    }
    let show_error = |e: protox::Error| {
        let text = format!("{e:?}");
        let text = match e.file().and_then(|f| display.get(f).map(|d| (f, d))) {
            Some((name, shown)) if text.starts_with(name) && name != shown => {
                format!("{shown}{}", &text[name.len()..])
            }
            _ => text,
        };
        let stop = if text.ends_with(['.', '?', '!']) {
            ""
        } else {
            "."
        };
        ProbeError::failed(format!("The .proto files do not compile: {text}{stop}"))
    };
    let mut compiler = protox::Compiler::new(&incs).map_err(show_error)?;
    compiler.include_imports(true).include_source_info(true);
    compiler.open_files(&files).map_err(show_error)?;
    Ok(Compiled {
        pool: compiler.descriptor_pool(),
        display,
    })
}

/// Lexically absolute path: `cwd` joined with a relative path, `.` and `..`
/// resolved without touching the file system.
fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn find_method(
    compiled: &Compiled,
    method: &str,
) -> Result<prost_reflect::MethodDescriptor, ProbeError> {
    let m = method.trim().trim_start_matches('/');
    let split = m.rsplit_once('/').or_else(|| m.rsplit_once('.'));
    let Some((service_name, method_name)) = split.filter(|(s, m)| !s.is_empty() && !m.is_empty())
    else {
        return Err(ProbeError::failed(format!(
            "{method:?} is not a method name of the form package.Service/Method."
        )));
    };
    let pool = &compiled.pool;
    let Some(service) = pool.get_service_by_name(service_name) else {
        let known: Vec<String> = pool.services().map(|s| s.full_name().to_string()).collect();
        let known = if known.is_empty() {
            "they define no service".to_string()
        } else {
            format!("services defined: {}", known.join(", "))
        };
        let files: Vec<&str> = compiled.display.values().map(String::as_str).collect();
        return Err(ProbeError::failed(format!(
            "No service {service_name:?} in {} ({known}).",
            files.join(", ")
        )));
    };
    if let Some(found) = service.methods().find(|x| x.name() == method_name) {
        return Ok(found);
    }
    let methods: Vec<String> = service.methods().map(|x| x.name().to_string()).collect();
    let file = service.parent_file();
    let location = file
        .file_descriptor_proto()
        .source_code_info
        .as_ref()
        .and_then(|info| info.location.iter().find(|l| l.path == service.path()))
        .filter(|l| l.span.len() >= 3)
        .map(|l| format!(":{}:{}", l.span[0] + 1, l.span[1] + 1))
        .unwrap_or_default();
    Err(ProbeError::failed(format!(
        "{}{location}: service {} has no method {method_name:?} (its methods: {}).",
        compiled.show(file.name()),
        service.full_name(),
        if methods.is_empty() {
            "none".to_string()
        } else {
            methods.join(", ")
        }
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_are_lexical() {
        let cwd = Path::new("/w/x");
        assert_eq!(
            absolute(cwd, Path::new("a/../b.proto")),
            Path::new("/w/x/b.proto")
        );
        assert_eq!(absolute(cwd, Path::new("/p/./q")), Path::new("/p/q"));
    }
}
