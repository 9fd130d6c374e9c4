//! A tiny grpcurl for manual checks:
//!
//! ```text
//! cargo run -p doccheck-probe --example grpcurl -- [-I DIR]... [-emit-defaults] ADDR PROTO METHOD [JSON]
//! cargo run -p doccheck-probe --example grpcurl -- ADDR health [SERVICE]
//! cargo run -p doccheck-probe --example grpcurl -- http URL [STATUS]
//! ```
//!
//! `-cacert FILE` speaks TLS trusting that CA, `-insecure` TLS trusting any
//! certificate (grpcurl's flags; without them, HTTP/2 cleartext).
//!
//! Prints the answer (pretty JSON for a unary call) and exits 0, or prints the
//! error and exits 2 when it is NotReady, 1 when it is Failed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use doccheck_probe::{grpc_health, http, ProbeError, ProbeErrorKind, Tls, UnaryCall};

const USAGE: &str =
    "usage: grpcurl [-I DIR]... [-emit-defaults] [-timeout SECS] [-cacert FILE | -insecure] ADDR PROTO METHOD [JSON]
       grpcurl ADDR health [SERVICE]
       grpcurl http URL [STATUS]";

fn main() -> ExitCode {
    let mut includes = Vec::new();
    let mut emit_defaults = false;
    let mut timeout = Duration::from_secs(10);
    let mut positional = Vec::new();
    let mut tls = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-I" | "-import-path" => match args.next() {
                Some(dir) => includes.push(PathBuf::from(dir)),
                None => return usage(),
            },
            "-emit-defaults" => emit_defaults = true,
            "-insecure" => tls = Some(Tls::insecure()),
            "-cacert" => match args.next().map(|f| Tls::trusting(f.as_ref())) {
                Some(Ok(trusting)) => tls = Some(trusting),
                Some(Err(e)) => {
                    eprintln!("{e}");
                    return ExitCode::from(64);
                }
                None => return usage(),
            },
            "-timeout" => match args.next().and_then(|s| s.parse::<f64>().ok()) {
                Some(secs) if secs.is_finite() && secs >= 0.0 => {
                    timeout = Duration::from_secs_f64(secs)
                }
                _ => return usage(),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => positional.push(arg),
        }
    }
    let result = match positional.as_slice() {
        [kind, url] if kind == "http" => http(url, None, timeout).map(|s| println!("{s}")),
        [kind, url, status] if kind == "http" => match status.parse() {
            Ok(s) => http(url, Some(s), timeout).map(|s| println!("{s}")),
            Err(_) => return usage(),
        },
        [addr, kind] if kind == "health" => {
            grpc_health(addr, "", timeout, tls.as_ref()).map(|s| println!("{s}"))
        }
        [addr, kind, service] if kind == "health" => {
            grpc_health(addr, service, timeout, tls.as_ref()).map(|s| println!("{s}"))
        }
        [addr, proto, method] => unary(
            addr,
            proto,
            &includes,
            (method, ""),
            emit_defaults,
            timeout,
            tls.as_ref(),
        ),
        [addr, proto, method, json] => unary(
            addr,
            proto,
            &includes,
            (method, json),
            emit_defaults,
            timeout,
            tls.as_ref(),
        ),
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{:?}: {e}", e.kind);
            match e.kind {
                ProbeErrorKind::NotReady => ExitCode::from(2),
                ProbeErrorKind::Failed => ExitCode::from(1),
            }
        }
    }
}

fn unary(
    addr: &str,
    proto: &str,
    includes: &[PathBuf],
    (method, json): (&str, &str),
    emit_defaults: bool,
    timeout: Duration,
    tls: Option<&Tls>,
) -> Result<(), ProbeError> {
    let call = UnaryCall::new(&[PathBuf::from(proto)], includes, method, json)?
        .emit_defaults(emit_defaults);
    let answer = call.call(addr, timeout, tls)?;
    println!(
        "{}",
        serde_json::to_string_pretty(&answer).unwrap_or_else(|_| answer.to_string())
    );
    Ok(())
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(64)
}
