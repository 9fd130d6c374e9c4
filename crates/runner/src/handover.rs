//! The guide's shell (`--shell-at N`, `--shell-on-failure`): an interactive
//! bash in the run's workspace with the session's environment, the state the
//! guide's commands left (variables, functions, aliases, options, working
//! directory: [`crate::session::snapshot`]) and the session's view of the
//! machine (the gateway in place of the engine's socket), so what the user
//! tries there is what the next block would meet. The run cleans up when it
//! exits, as after any run.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::session::namespace::Prepared;
use crate::signals::Interrupt;

/// When the guide's shell opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// After this step (1-based), then the run ends.
    After(usize),
    /// At the first step that fails, then the run ends.
    OnFailure,
}

/// What the shell gets from the run.
pub struct Handover<'a> {
    pub env: &'a [(String, String)],
    pub view: Option<&'a Prepared>,
    /// doccheck's private directory of the run (the shell's rc file goes there).
    pub control: &'a Path,
    pub workspace: &'a Path,
}

impl Handover<'_> {
    /// Runs the shell until the user leaves it; `state` is the bash code that
    /// puts the session's state back, `title` what the prompt says. The
    /// shell's own exit status, or why it could not start.
    pub fn open(&self, state: &str, title: &str, interrupt: &Interrupt) -> Result<i32, String> {
        let rc = self.control.join("shell-rc");
        let prompt = format!("({title}) \\w\\$ ").replace('\'', "");
        let text = format!(
            "{state}\nPS1='{prompt}'\necho \"doccheck: {title}; the workspace is {}; leave with exit (or Ctrl-D): doccheck then cleans up\" >&2\n",
            self.workspace.display()
        );
        std::fs::write(&rc, text).map_err(|e| format!("cannot write {}: {e}", rc.display()))?;
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--rcfile"])
            .arg(&rc)
            .arg("-i")
            .current_dir(self.workspace)
            .env("DOCCHECK", "1")
            .env("DOCCHECK_WORKSPACE", self.workspace)
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        let terminal = rustix::termios::isatty(std::io::stdin());
        // Its own process group, in the terminal's foreground: Ctrl-C there
        // reaches the shell's commands, not doccheck.
        command.process_group(0);
        if let Some(view) = self.view {
            crate::sys::enter_private_mounts(&mut command, view.clone());
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start bash: {e}"))?;
        let pgid = rustix::process::Pid::from_raw(child.id() as i32);
        let ours = rustix::process::getpgrp();
        if let (true, Some(pgid)) = (terminal, pgid) {
            let _ = rustix::termios::tcsetpgrp(std::io::stdin(), pgid);
        }
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status.code().unwrap_or(1),
                Ok(None) if interrupt.is_set() => {
                    // SIGTERM from outside: the shell goes, the run cleans up.
                    crate::sys::kill_group(child.id());
                    let _ = child.wait();
                    break 143;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => return Err(format!("cannot wait for bash: {e}")),
            }
        };
        if terminal {
            // doccheck is in the background now: taking the terminal back
            // must not stop it (SIGTTOU).
            // SAFETY: changes this process's disposition of one signal, and back.
            unsafe {
                let old = libc::signal(libc::SIGTTOU, libc::SIG_IGN);
                let _ = rustix::termios::tcsetpgrp(std::io::stdin(), ours);
                libc::signal(libc::SIGTTOU, old);
            }
        }
        Ok(status)
    }
}
