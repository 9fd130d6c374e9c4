//! Services that no integration claims (`python3 -m http.server 8000`, bound
//! with `service:`): started in the background of the session (so the guide's
//! `cd`, variables and functions apply), in a process group of their own,
//! with their output in a log of their own that never leaks into a later
//! step; probed on host ports until ready; stopped at the end.

use std::path::{Path, PathBuf};
use std::time::Duration;

use doccheck_guide::service::Service;

use crate::failure::Failure;
use crate::readiness::{self, State, Target};
use crate::session::shell::{Ending, Shell};
use crate::signals::Interrupt;
use crate::sys;

pub(crate) struct Services {
    control: PathBuf,
    started: Vec<Background>,
    /// Services ever started: a retried one's log and status are new files.
    count: usize,
}

struct Background {
    pid: u32,
    command: String,
    log: PathBuf,
    status: PathBuf,
}

impl Services {
    pub fn new(control: &Path) -> Services {
        Services {
            control: control.to_path_buf(),
            started: Vec::new(),
            count: 0,
        }
    }

    /// Starts `command` in the background; the ending is the start's, not the service's.
    pub fn start(
        &mut self,
        shell: &mut Shell,
        command: &str,
        interrupt: &Interrupt,
    ) -> (Ending, String) {
        let n = self.count;
        self.count += 1;
        let log = self.control.join(format!("service-{n}.log"));
        let status = self.control.join(format!("service-{n}.status"));
        // `set -m` gives the background job its own process group; the inner
        // subshell lets the status be written even when the command `exit`s,
        // and the rename makes it appear whole. Disowned: a service stopped
        // (for a retry) is not announced in a later command's output.
        let wrapper = format!(
            "set -m; {{ ( {command}\n) >'{log}' 2>&1 </dev/null; echo $? >'{status}.new'; mv '{status}.new' '{status}'; }} & __doccheck_service=$!; disown \"$__doccheck_service\"; set +m; echo \"$__doccheck_service\"",
            log = log.display(),
            status = status.display()
        );
        let (ending, output) = shell.run(&wrapper, Duration::from_secs(10), interrupt);
        match (&ending, output.trim().parse::<u32>()) {
            (Ending::Exited(0), Ok(pid)) => {
                self.started.push(Background {
                    pid,
                    command: command.to_string(),
                    log,
                    status,
                });
                (Ending::Exited(0), String::new())
            }
            (Ending::Exited(_), _) => (Ending::Exited(1), output),
            _ => (ending, output),
        }
    }

    /// Probes the service started last until it is ready.
    pub fn await_ready(
        &mut self,
        service: &Service,
        workspace: &Path,
        interrupt: &Interrupt,
    ) -> Result<Vec<String>, Failure> {
        let Some(target) = self.started.last_mut() else {
            return Ok(Vec::new());
        };
        let mut notes = vec![format!(
            "started in the background (process group {}); its output goes to its own log; stopped at the end",
            target.pid
        )];
        notes.extend(readiness::await_ready(
            target, service, workspace, interrupt,
        )?);
        Ok(notes)
    }

    /// How many services were started so far.
    pub fn mark(&self) -> usize {
        self.started.len()
    }

    /// Stops the services started since `mark` (a step tried again).
    pub fn stop_since(&mut self, mark: usize) {
        for service in self.started.drain(mark.min(self.started.len())..) {
            sys::kill_group(service.pid);
        }
    }

    /// Stops every service's process group.
    pub fn stop_all(&mut self) {
        for service in self.started.drain(..) {
            sys::kill_group(service.pid);
        }
    }
}

impl Target for Background {
    fn name(&self) -> String {
        format!("`{}`", self.command.lines().next().unwrap_or(""))
    }

    fn state(&mut self) -> State {
        match std::fs::read_to_string(&self.status) {
            Ok(code) => State::Exited(code.trim().to_string()),
            Err(_) => State::Running,
        }
    }

    fn address(&mut self, port: u16) -> Result<String, String> {
        Ok(format!("127.0.0.1:{port}"))
    }

    fn log_tail(&mut self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = &lines[lines.len().saturating_sub(30)..];
        if tail.is_empty() {
            return String::new();
        }
        format!(
            "its output (last {} lines):\n{}",
            tail.len(),
            tail.join("\n")
        )
    }
}
