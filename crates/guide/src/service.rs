//! Services: a block that starts a long-running process (a server, in a
//! container or not), probed until ready, kept for the later steps, stopped at
//! the end. The scenario's keys ([`ServiceKeys`]) become a typed, checked
//! [`Service`] once, at load: durations parsed, paths resolved, JSON read.
//! The probes are described with this crate's own types ([`TlsSpec`],
//! [`CallSpec`]); the probe crate reads them (it compiles the `.proto`
//! files and the TLS configuration when the run starts), so reading a guide
//! needs no HTTP, gRPC or TLS stack.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::Location;

/// How long a service may take to pass its probes when the scenario says nothing.
pub const DEFAULT_READY_TIMEOUT: Duration = Duration::from_secs(60);

/// `service:` as a scenario writes it.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServiceKeys {
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    #[schemars(with = "Vec<ProbeKeys>")]
    pub probes: Vec<ProbeKeys>,
    /// How long to wait for every probe to pass (default 60s).
    pub ready_timeout: Option<String>,
}

/// One readiness check as written. `port` is the port the service listens on:
/// a container's port (doccheck finds the published host port) or a host port.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub enum ProbeKeys {
    Http {
        port: u16,
        #[serde(default = "root_path")]
        path: String,
        status: Option<u16>,
    },
    GrpcHealth {
        port: u16,
        #[serde(default)]
        service: String,
        /// Speak TLS (gRPC over https) instead of HTTP/2 cleartext.
        tls: Option<TlsKeys>,
    },
    Grpc {
        port: u16,
        /// Speak TLS (gRPC over https) instead of HTTP/2 cleartext.
        tls: Option<TlsKeys>,
        /// .proto file, relative to the scenario file.
        proto: String,
        /// Import directories, relative to the scenario file.
        #[serde(default)]
        includes: Vec<String>,
        /// `package.Service/Method`
        method: String,
        /// Request as JSON.
        request: String,
        /// JSON the answer must contain.
        expect: Option<String>,
    },
    /// A shell command run in the workspace; ready when it exits 0.
    Command { run: String },
}

/// `tls:` of a gRPC probe: trust a CA file, or (said explicitly) any certificate.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TlsKeys {
    /// PEM file of the CA that signed the service's certificate, relative to the scenario file.
    pub ca: Option<String>,
    /// Accept any certificate (TLS without authentication).
    #[serde(default)]
    pub insecure: bool,
    /// The name the certificate must be for (default: the address probed, e.g. 127.0.0.1).
    pub server_name: Option<String>,
}

impl TlsKeys {
    fn check(
        &self,
        resolve: &dyn Fn(&str) -> Result<std::path::PathBuf, String>,
    ) -> Result<TlsSpec, String> {
        let ca =
            match (&self.ca, self.insecure) {
                (Some(ca), false) => Some(resolve(ca).map_err(|m| format!("tls: {m}"))?),
                (None, true) => None,
                _ => return Err(
                    "tls: give exactly one of `ca: FILE` (the CA to trust) and `insecure: true`"
                        .to_string(),
                ),
            };
        Ok(TlsSpec {
            ca,
            server_name: self.server_name.clone(),
        })
    }
}

/// How a probe speaks TLS: trusting the CA of a PEM file, or (when `ca` is
/// `None`, said explicitly in the scenario) any certificate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TlsSpec {
    pub ca: Option<PathBuf>,
    /// The name the certificate must be for (default: the address probed).
    pub server_name: Option<String>,
}

/// A unary gRPC call, as the scenario describes it: the probe crate
/// compiles the `.proto` files and encodes the request once, when the run starts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallSpec {
    pub protos: Vec<PathBuf>,
    /// Import directories (the first `.proto` file's own directory last).
    pub includes: Vec<PathBuf>,
    /// `package.Service/Method`
    pub method: String,
    /// The request, as JSON.
    pub request: String,
}

fn root_path() -> String {
    "/".to_string()
}

/// A service, checked and ready to probe.
#[derive(Debug, Clone)]
pub struct Service {
    pub probes: Vec<Probe>,
    pub ready_timeout: Duration,
    /// Where the scenario describes it: the probe crate's errors point there.
    pub location: Option<Location>,
}

#[derive(Debug, Clone)]
pub enum Probe {
    Http {
        port: u16,
        path: String,
        status: Option<u16>,
    },
    GrpcHealth {
        port: u16,
        service: String,
        tls: Option<TlsSpec>,
    },
    Grpc {
        port: u16,
        tls: Option<TlsSpec>,
        call: CallSpec,
        expect: Option<serde_json::Value>,
    },
    /// Run by bash in the workspace.
    Command { run: String },
}

impl Probe {
    pub fn port(&self) -> Option<u16> {
        match self {
            Probe::Http { port, .. }
            | Probe::GrpcHealth { port, .. }
            | Probe::Grpc { port, .. } => Some(*port),
            Probe::Command { .. } => None,
        }
    }
}

impl ServiceKeys {
    /// Checks the keys; `resolve` turns a scenario-relative path into one that
    /// stays inside the scenario's repository, or says why it cannot;
    /// `location` is where the scenario describes the service.
    pub fn check(
        &self,
        resolve: &dyn Fn(&str) -> Result<std::path::PathBuf, String>,
        location: Option<Location>,
    ) -> Result<Service, String> {
        let ready_timeout = match &self.ready_timeout {
            Some(t) => crate::duration::parse(t).map_err(|m| format!("ready-timeout: {m}"))?,
            None => DEFAULT_READY_TIMEOUT,
        };
        let mut probes = Vec::with_capacity(self.probes.len());
        for probe in &self.probes {
            probes.push(match probe {
                ProbeKeys::Http { port, path, status } => Probe::Http {
                    port: *port,
                    path: path.clone(),
                    status: *status,
                },
                ProbeKeys::GrpcHealth { port, service, tls } => Probe::GrpcHealth {
                    port: *port,
                    service: service.clone(),
                    tls: tls.as_ref().map(|t| t.check(resolve)).transpose()?,
                },
                ProbeKeys::Grpc {
                    port,
                    tls,
                    proto,
                    includes,
                    method,
                    request,
                    expect,
                } => {
                    let proto = resolve(proto)?;
                    let mut dirs = includes
                        .iter()
                        .map(|i| resolve(i))
                        .collect::<Result<Vec<_>, _>>()?;
                    dirs.extend(proto.parent().map(Path::to_path_buf));
                    if !request.trim().is_empty() {
                        serde_json::from_str::<serde_json::Value>(request)
                            .map_err(|e| format!("grpc probe: `request` is not JSON: {e}"))?;
                    }
                    let expect = expect
                        .as_deref()
                        .map(serde_json::from_str)
                        .transpose()
                        .map_err(|e| format!("grpc probe: `expect` is not JSON: {e}"))?;
                    Probe::Grpc {
                        port: *port,
                        tls: tls.as_ref().map(|t| t.check(resolve)).transpose()?,
                        call: CallSpec {
                            protos: vec![proto],
                            includes: dirs,
                            method: method.clone(),
                            request: request.clone(),
                        },
                        expect,
                    }
                }
                ProbeKeys::Command { run } => Probe::Command { run: run.clone() },
            });
        }
        Ok(Service {
            probes,
            ready_timeout,
            location,
        })
    }
}
