//! The stand-in SDK's "compiled assembly": no IL, but a magic line and a JSON description
//! of what the build found (the gRPC services compiled from the .proto files, the ones the
//! C# code maps, the package references). The stand-in runtime serves from that.

use serde_json::{json, Value};

use crate::proto::{EnumDef, Field, FieldType, Message, Method, Scalar, Service};

pub const MAGIC: &str = "DOCCHECK-STANDIN-ASSEMBLY 1";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assembly {
    pub name: String,
    pub target_framework: String,
    pub configuration: String,
    pub sdk: String,
    pub package_references: Vec<(String, String)>,
    /// Each compiled .proto: its path in the project and its GrpcServices mode.
    pub protos: Vec<(String, String)>,
    pub messages: Vec<Message>,
    pub enums: Vec<EnumDef>,
    /// Services whose server base classes were generated (GrpcServices Server or Both).
    pub services: Vec<Service>,
    /// Full names of the services the app maps (`MapGrpcService<T>`).
    pub mapped_services: Vec<String>,
    /// (service name, ServingStatus name) as the code sets them on the health service.
    pub health_statuses: Vec<(String, String)>,
}

#[derive(Debug)]
pub enum LoadError {
    /// Not a stand-in assembly at all (a real PE file, text, ...).
    NotStandin,
    Corrupt(String),
}

impl Assembly {
    pub fn to_bytes(&self) -> Vec<u8> {
        let doc = json!({
            "name": self.name,
            "targetFramework": self.target_framework,
            "configuration": self.configuration,
            "sdk": self.sdk,
            "packageReferences": self.package_references.iter()
                .map(|(id, v)| json!({"id": id, "version": v})).collect::<Vec<_>>(),
            "protos": self.protos.iter()
                .map(|(p, mode)| json!({"path": p, "grpcServices": mode})).collect::<Vec<_>>(),
            "messages": self.messages.iter().map(message_json).collect::<Vec<_>>(),
            "enums": self.enums.iter().map(|e| json!({
                "fullName": e.full_name,
                "values": e.values.iter().map(|(n, v)| json!({"name": n, "number": v})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "services": self.services.iter().map(service_json).collect::<Vec<_>>(),
            "mappedServices": self.mapped_services,
            "healthStatuses": self.health_statuses.iter()
                .map(|(service, status)| json!({"service": service, "status": status})).collect::<Vec<_>>(),
        });
        let mut out = format!("{MAGIC}\n").into_bytes();
        out.extend(serde_json::to_vec_pretty(&doc).unwrap_or_default());
        out.push(b'\n');
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Assembly, LoadError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_bytes())
            .and_then(|r| r.strip_prefix(b"\n"))
            .ok_or(LoadError::NotStandin)?;
        let doc: Value = serde_json::from_slice(rest).map_err(|e| LoadError::Corrupt(e.to_string()))?;
        parse(&doc).ok_or_else(|| LoadError::Corrupt("unexpected JSON layout".into()))
    }
}

fn message_json(m: &Message) -> Value {
    json!({
        "fullName": m.full_name,
        "fields": m.fields.iter().map(|f| json!({
            "name": f.name,
            "number": f.number,
            "repeated": f.repeated,
            "type": type_json(&f.ty),
        })).collect::<Vec<_>>(),
    })
}

fn type_json(t: &FieldType) -> Value {
    match t {
        FieldType::Scalar(s) => json!(s.name()),
        FieldType::Message(m) => json!({"message": m}),
        FieldType::Enum(e) => json!({"enum": e}),
        FieldType::Map(k, v) => json!({"mapKey": k.name(), "mapValue": type_json(v)}),
    }
}

fn service_json(s: &Service) -> Value {
    json!({
        "fullName": s.full_name,
        "name": s.name,
        "methods": s.methods.iter().map(|m| json!({
            "name": m.name,
            "input": m.input,
            "output": m.output,
            "clientStreaming": m.client_streaming,
            "serverStreaming": m.server_streaming,
        })).collect::<Vec<_>>(),
    })
}

fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_string)
}

fn list<'a>(v: &'a Value, key: &str) -> Option<&'a Vec<Value>> {
    v.get(key)?.as_array()
}

fn parse_type(v: &Value) -> Option<FieldType> {
    if let Some(name) = v.as_str() {
        return Scalar::from_name(name).map(FieldType::Scalar);
    }
    if let Some(m) = s(v, "message") {
        return Some(FieldType::Message(m));
    }
    if let Some(e) = s(v, "enum") {
        return Some(FieldType::Enum(e));
    }
    let key = Scalar::from_name(v.get("mapKey")?.as_str()?)?;
    Some(FieldType::Map(key, Box::new(parse_type(v.get("mapValue")?)?)))
}

fn parse(doc: &Value) -> Option<Assembly> {
    let pairs = |key: &str, a: &str, b: &str| -> Option<Vec<(String, String)>> {
        list(doc, key)?.iter().map(|p| Some((s(p, a)?, s(p, b)?))).collect()
    };
    let messages = list(doc, "messages")?
        .iter()
        .map(|m| {
            let fields = list(m, "fields")?
                .iter()
                .map(|f| {
                    Some(Field {
                        name: s(f, "name")?,
                        number: f.get("number")?.as_u64()? as u32,
                        repeated: f.get("repeated")?.as_bool()?,
                        ty: parse_type(f.get("type")?)?,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Message {
                full_name: s(m, "fullName")?,
                fields,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let enums = list(doc, "enums")?
        .iter()
        .map(|e| {
            let values = list(e, "values")?
                .iter()
                .map(|v| Some((s(v, "name")?, v.get("number")?.as_i64()? as i32)))
                .collect::<Option<Vec<_>>>()?;
            Some(EnumDef {
                full_name: s(e, "fullName")?,
                values,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let services = list(doc, "services")?
        .iter()
        .map(|sv| {
            let methods = list(sv, "methods")?
                .iter()
                .map(|m| {
                    Some(Method {
                        name: s(m, "name")?,
                        input: s(m, "input")?,
                        output: s(m, "output")?,
                        client_streaming: m.get("clientStreaming")?.as_bool()?,
                        server_streaming: m.get("serverStreaming")?.as_bool()?,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Service {
                full_name: s(sv, "fullName")?,
                name: s(sv, "name")?,
                methods,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Assembly {
        name: s(doc, "name")?,
        target_framework: s(doc, "targetFramework")?,
        configuration: s(doc, "configuration")?,
        sdk: s(doc, "sdk")?,
        package_references: pairs("packageReferences", "id", "version")?,
        protos: pairs("protos", "path", "grpcServices")?,
        messages,
        enums,
        services,
        mapped_services: list(doc, "mappedServices")?
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()?,
        health_statuses: pairs("healthStatuses", "service", "status")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::compile_source;

    #[test]
    fn round_trips() {
        let file = compile_source(
            "x.proto",
            "syntax = \"proto3\"; package p; enum E { A = 0; } message M { E e = 1; map<string, M> m = 2; } \
             service S { rpc Call (M) returns (stream M); }",
        )
        .unwrap();
        let asm = Assembly {
            name: "App".into(),
            target_framework: "netcoreapp3.0".into(),
            configuration: "Release".into(),
            sdk: "Microsoft.NET.Sdk.Web".into(),
            package_references: vec![("Grpc.AspNetCore".into(), "2.23.1".into())],
            protos: vec![("Protos/x.proto".into(), "Server".into())],
            messages: file.messages,
            enums: file.enums,
            services: file.services,
            mapped_services: vec!["p.S".into()],
            health_statuses: vec![("".into(), "Serving".into())],
        };
        let bytes = asm.to_bytes();
        assert!(bytes.starts_with(b"DOCCHECK-STANDIN-ASSEMBLY 1\n{"));
        assert_eq!(Assembly::from_bytes(&bytes).unwrap(), asm);
        assert!(matches!(
            Assembly::from_bytes(b"MZ\x90\x00"),
            Err(LoadError::NotStandin)
        ));
    }
}
