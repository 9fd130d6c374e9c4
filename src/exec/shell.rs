//! One bash process for the whole run, so `cd`, variables and functions carry
//! from block to block as they would in the reader's terminal.
//!
//! Each command is sent as `eval '<command>'` with its output redirected to a
//! file, followed by a `printf` of its exit status on bash's stdout. bash reads
//! a whole `eval` line before running it, so a command with a syntax error fails
//! on its own instead of leaving the session waiting for more input. The
//! session runs in its own process group, which is what a timeout or Ctrl-C kills.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::error::Error;

const STATUS_MARK: &str = "__doccheck_status";

pub struct Shell {
    handle: duct::Handle,
    input: os_pipe::PipeWriter,
    statuses: Receiver<Option<i32>>,
    output_path: PathBuf,
    pgid: i32,
    alive: bool,
}

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    TimedOut,
    Interrupted,
    /// The command ended the shell itself (`exit`, `exec`, a fatal `set -e`).
    ShellExited(Option<i32>),
}

impl Shell {
    /// Starts bash in `workspace`; `control` is a private directory for its output file.
    pub fn start(
        workspace: &Path,
        control: &Path,
        env: &[(String, String)],
    ) -> Result<Shell, Error> {
        let (script_read, input) =
            os_pipe::pipe().map_err(|e| Error::new(format!("cannot create a pipe: {e}")))?;
        let (status_read, status_write) =
            os_pipe::pipe().map_err(|e| Error::new(format!("cannot create a pipe: {e}")))?;
        let mut expression = duct::cmd!("bash", "--noprofile", "--norc", "-s")
            .dir(workspace)
            .stdin_file(script_read)
            .stdout_file(status_write)
            .stderr_path(control.join("shell.log"))
            .env("DOCCHECK", "1")
            .env("DOCCHECK_WORKSPACE", workspace)
            .unchecked()
            .before_spawn(|command| {
                // Our own process group: a timeout or Ctrl-C kills the command's
                // whole tree, and a Ctrl-C in the terminal reaches doccheck only.
                command.process_group(0);
                super::die_with_parent(command);
                Ok(())
            });
        for (key, value) in env {
            expression = expression.env(key, value);
        }
        let handle = expression.start().map_err(|e| {
            Error::new(format!(
                "cannot start bash, which runs the guide's commands: {e}"
            ))
        })?;
        drop(expression);
        let pgid = handle.pids().first().copied().unwrap_or(0) as i32;
        let (sender, statuses) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(status_read).lines() {
                let Ok(line) = line else { break };
                if let Some(code) = line
                    .strip_prefix(STATUS_MARK)
                    .and_then(|c| c.trim().parse().ok())
                {
                    if sender.send(Some(code)).is_err() {
                        return;
                    }
                }
            }
            let _ = sender.send(None);
        });
        Ok(Shell {
            handle,
            input,
            statuses,
            output_path: control.join("output"),
            pgid,
            alive: true,
        })
    }

    pub fn is_alive(&self) -> bool {
        self.alive
    }

    /// Runs `command` as if typed at the prompt; returns how it ended and its
    /// output (stdout and stderr interleaved, as a terminal shows them).
    pub fn run(
        &mut self,
        command: &str,
        timeout: Duration,
        interrupted: &AtomicBool,
    ) -> (Ending, String) {
        if !self.alive {
            return (Ending::ShellExited(None), String::new());
        }
        let quoted = command.replace('\'', r"'\''");
        let line = format!(
            "eval '{quoted}' </dev/null >'{}' 2>&1; printf '{STATUS_MARK} %d\\n' \"$?\"\n",
            self.output_path.display()
        );
        if self
            .input
            .write_all(line.as_bytes())
            .and_then(|_| self.input.flush())
            .is_err()
        {
            self.alive = false;
            let code = self.reap();
            return (Ending::ShellExited(code), self.output());
        }
        let deadline = Instant::now() + timeout;
        let ending = loop {
            let slice = deadline
                .saturating_duration_since(Instant::now())
                .min(Duration::from_millis(50));
            match self.statuses.recv_timeout(slice) {
                Ok(Some(code)) => break Ending::Exited(code),
                Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                    self.alive = false;
                    break Ending::ShellExited(self.reap());
                }
                Err(RecvTimeoutError::Timeout) => {
                    if interrupted.load(Ordering::SeqCst) {
                        self.kill();
                        break Ending::Interrupted;
                    }
                    if Instant::now() >= deadline {
                        self.kill();
                        break Ending::TimedOut;
                    }
                    if let Ok(Some(output)) = self.handle.try_wait() {
                        self.alive = false;
                        break Ending::ShellExited(output.status.code());
                    }
                }
            }
        };
        (ending, self.output())
    }

    fn output(&self) -> String {
        std::fs::read(&self.output_path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }

    fn reap(&self) -> Option<i32> {
        self.handle.wait().ok().and_then(|o| o.status.code())
    }

    /// Kills the session's whole process group.
    pub fn kill(&mut self) {
        if self.pgid > 0 {
            // SAFETY: kill(2) with a negative pid signals a process group; no memory is involved.
            unsafe {
                libc::kill(-self.pgid, libc::SIGKILL);
            }
        }
        self.alive = false;
        let _ = self.handle.wait();
    }
}

impl Drop for Shell {
    fn drop(&mut self) {
        if self.alive {
            self.kill();
        } else if self.pgid > 0 {
            // Background jobs of the guide may outlive bash itself.
            // SAFETY: as in `kill`.
            unsafe {
                libc::kill(-self.pgid, libc::SIGKILL);
            }
        }
    }
}
