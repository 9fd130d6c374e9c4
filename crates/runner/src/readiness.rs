//! Waiting until a service is ready: every probe of its [`Service`] must pass,
//! in order, before its ready timeout. A bare TCP connect never counts (a
//! port proxy accepts before the application listens): probes speak HTTP or
//! gRPC, or run a command. Where the service runs (a container, a background
//! process) is the [`Target`]'s business.

use std::path::Path;
use std::time::{Duration, Instant};

use doccheck_guide::service::{Probe, Service};
use doccheck_probe::ProbeError;

use crate::failure::Failure;
use crate::signals::Interrupt;

/// How a service is doing.
pub enum State {
    Running,
    /// It stopped; with its exit code when known.
    Exited(String),
    /// Its state cannot be read (the daemon went away): a failure now.
    Unknown(String),
}

/// A service being waited for.
pub trait Target {
    /// How reports name it ("container 1a2b3c4d5e6f", "`python3 -m http.server`").
    fn name(&self) -> String;
    fn state(&mut self) -> State;
    /// The `host:port` where the service's `port` is reached; an error is final.
    fn address(&mut self, port: u16) -> Result<String, String>;
    /// The last lines it printed, for the report.
    fn log_tail(&mut self) -> String;
}

const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

pub fn await_ready(
    target: &mut dyn Target,
    service: &Service,
    workspace: &Path,
    interrupt: &Interrupt,
) -> Result<Vec<String>, Failure> {
    let started = Instant::now();
    let mut last = String::from("no probe ran");
    let mut notes = Vec::new();
    let mut pending: Vec<&Probe> = service.probes.iter().collect();
    while let Some(&probe) = pending.first() {
        if let Some(signal) = interrupt.signal() {
            return Err(Failure::Interrupted { signal });
        }
        match target.state() {
            State::Running => {}
            State::Exited(code) => {
                return Err(Failure::ServiceExited {
                    service: target.name(),
                    code,
                    log: target.log_tail(),
                })
            }
            State::Unknown(why) => {
                return Err(Failure::ProbeFailed {
                    reason: format!("cannot tell whether {} runs: {why}", target.name()),
                    log: String::new(),
                })
            }
        }
        if started.elapsed() > service.ready_timeout {
            return Err(Failure::ServiceNotReady {
                service: target.name(),
                after: service.ready_timeout,
                last,
                log: target.log_tail(),
            });
        }
        match attempt(target, probe, workspace) {
            Ok(note) => {
                notes.push(format!(
                    "ready after {:.1}s: {note}",
                    started.elapsed().as_secs_f64()
                ));
                pending.remove(0);
            }
            Err(e) if e.is_failed() => {
                return Err(Failure::ProbeFailed {
                    reason: e.to_string(),
                    log: target.log_tail(),
                })
            }
            Err(e) => {
                last = e.to_string();
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }
    Ok(notes)
}

fn attempt(target: &mut dyn Target, probe: &Probe, workspace: &Path) -> Result<String, ProbeError> {
    let mut address = |port: u16| target.address(port).map_err(ProbeError::failed);
    match probe {
        Probe::Http { port, path, status } => doccheck_probe::http(
            &format!("http://{}{path}", address(*port)?),
            *status,
            ATTEMPT_TIMEOUT,
        ),
        Probe::GrpcHealth { port, service, tls } => {
            let tls = tls
                .as_ref()
                .map(doccheck_probe::spec::tls)
                .transpose()
                .map_err(ProbeError::failed)?;
            doccheck_probe::grpc_health(&address(*port)?, service, ATTEMPT_TIMEOUT, tls.as_ref())
        }
        Probe::Grpc {
            port,
            tls,
            call,
            expect,
        } => {
            let address = address(*port)?;
            let request = &call.request;
            let tls = tls
                .as_ref()
                .map(doccheck_probe::spec::tls)
                .transpose()
                .map_err(ProbeError::failed)?;
            let call = doccheck_probe::spec::call(call).map_err(ProbeError::failed)?;
            let answer = call.call(&address, ATTEMPT_TIMEOUT, tls.as_ref())?;
            if let Some(want) = expect {
                doccheck_probe::json_contains(&answer, want).map_err(|m| {
                    ProbeError::failed(format!(
                        "{} {request} answered {answer}, but {m}",
                        call.method()
                    ))
                })?;
            }
            Ok(format!(
                "{} {request} at {address} → {answer}",
                call.method()
            ))
        }
        Probe::Command { run } => {
            let out = std::process::Command::new("bash")
                .args(["-c", run])
                .current_dir(workspace)
                .stdin(std::process::Stdio::null())
                .output();
            match out {
                Ok(o) if o.status.success() => Ok(format!("`{run}` succeeded")),
                Ok(o) => Err(ProbeError::not_ready(format!(
                    "`{run}` exited with {}",
                    o.status
                ))),
                Err(e) => Err(ProbeError::failed(format!("cannot run `{run}`: {e}"))),
            }
        }
    }
}
