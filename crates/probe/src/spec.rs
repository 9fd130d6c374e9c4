//! The probes as a guide's plan describes them ([`doccheck_guide::service`]),
//! made ready to use: the TLS configuration read and the `.proto` files
//! compiled once, when the run starts ([`prepare`]), kept for every attempt.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use doccheck_guide::service::{CallSpec, Probe, Service, TlsSpec};

use crate::{Tls, UnaryCall};

fn tls_cache() -> &'static Mutex<HashMap<TlsSpec, Tls>> {
    static CACHE: OnceLock<Mutex<HashMap<TlsSpec, Tls>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn call_cache() -> &'static Mutex<HashMap<CallSpec, UnaryCall>> {
    static CACHE: OnceLock<Mutex<HashMap<CallSpec, UnaryCall>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The TLS a probe speaks: the CA file read (trusting it alone), or any
/// certificate when the scenario said `insecure: true`.
pub fn tls(spec: &TlsSpec) -> Result<Tls, String> {
    if let Some(tls) = tls_cache().lock().ok().and_then(|c| c.get(spec).cloned()) {
        return Ok(tls);
    }
    let tls = match &spec.ca {
        Some(ca) => Tls::trusting(ca).map_err(|m| format!("tls: {m}"))?,
        None => Tls::insecure(),
    };
    let tls = match &spec.server_name {
        Some(name) => tls.with_server_name(name),
        None => tls,
    };
    if let Ok(mut cache) = tls_cache().lock() {
        cache.insert(spec.clone(), tls.clone());
    }
    Ok(tls)
}

/// The unary call a probe makes: its `.proto` files compiled and its
/// request encoded.
pub fn call(spec: &CallSpec) -> Result<UnaryCall, String> {
    if let Some(call) = call_cache().lock().ok().and_then(|c| c.get(spec).cloned()) {
        return Ok(call);
    }
    let call = UnaryCall::new(&spec.protos, &spec.includes, &spec.method, &spec.request)
        .map_err(|e| format!("grpc probe: {e}"))?;
    if let Ok(mut cache) = call_cache().lock() {
        cache.insert(spec.clone(), call.clone());
    }
    Ok(call)
}

/// Makes every probe of `service` ready, or says what is wrong with one.
pub fn prepare(service: &Service) -> Result<(), String> {
    for probe in &service.probes {
        match probe {
            Probe::GrpcHealth { tls: Some(t), .. } => {
                tls(t)?;
            }
            Probe::Grpc {
                tls: t, call: c, ..
            } => {
                if let Some(t) = t {
                    tls(t)?;
                }
                call(c)?;
            }
            _ => {}
        }
    }
    Ok(())
}
