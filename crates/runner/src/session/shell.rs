//! One bash process for the whole run, so `cd`, variables and functions carry
//! from block to block as they would in the reader's terminal.
//!
//! Each command is written to a file that bash sources (`.`), so a command with
//! a syntax error fails on its own instead of leaving the session waiting for
//! more input. bash reads its own script (one short function call per command)
//! from fd 3, so the commands' stdin is /dev/null, and their stdout and stderr
//! go, interleaved as a terminal shows them, into one pipe that `run` reads
//! (with poll, in the calling thread: no thread hop per step) up to the
//! exit-status marker printed after each command. No file is opened
//! per command beyond the command file itself: a step costs little more than the
//! fork and exec of the command it runs. The session has its own process group,
//! which is what a timeout or Ctrl-C kills.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use doccheck_guide::model::Stream;
pub use doccheck_guide::plan::Tty;
use doccheck_guide::Error;

use super::stdin::{Looking, Watched};
use super::terminal::Terminal;

use crate::signals::Interrupt;
use crate::sys;

pub struct Shell {
    handle: duct::Handle,
    script: os_pipe::PipeWriter,
    output: os_pipe::PipeReader,
    /// Bytes read from the session but not yet given to a command.
    pending: Vec<u8>,
    /// `<marker> `: what bash prints before each exit status. The marker is
    /// unique, so it needs no newline before it, and bash's line-buffered printf
    /// then writes the status in one piece.
    needle: Vec<u8>,
    command_path: PathBuf,
    /// Where the stream a command's expectations leave out goes (scrut's stdout-only).
    side_path: PathBuf,
    /// Kept open: each command overwrites it in place (see `run`).
    command_file: std::fs::File,
    pgid: i32,
    alive: bool,
    /// The session's working directory after the last command.
    cwd: PathBuf,
    /// The FIFO commands read as stdin, when the kernel lets doccheck see
    /// who waits on it (else stdin is `/dev/null`).
    stdin: Option<Watched>,
    /// Where a fed stdin is written, and the link to a `tty` command's terminal.
    feed_path: PathBuf,
    tty_link: PathBuf,
    tty_mark: String,
}

/// How one command is run: which stream is its output, and variables set
/// for it alone (bash's `NAME=value command`, here before a function call).
#[derive(Debug, Clone, Copy, Default)]
pub struct Invocation<'a> {
    pub stream: Stream,
    pub env: &'a [(String, String)],
    /// A script: `exit N` returns from it with N instead of ending the
    /// session (`exit` is an alias of `return` while it is read).
    pub script: bool,
    pub stdin: Stdin<'a>,
    /// A terminal of its own (stdin, stdout and stderr), of this size.
    pub tty: Option<Tty>,
}

/// A command's stdin.
#[derive(Debug, Clone, Copy, Default)]
pub enum Stdin<'a> {
    /// `/dev/null`, as for doccheck's own commands.
    #[default]
    Null,
    /// Empty, and doccheck notes whether the command read it.
    Watched,
    /// This text.
    Fed(&'a str),
}

/// How a command ended, what it printed, and what doccheck saw of it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub ending: Ending,
    /// The stream its expectations apply to.
    pub output: String,
    /// The other stream, when the expectations apply to one.
    pub other: Option<String>,
    /// It read from its empty stdin (and got the end of input).
    pub read_stdin: bool,
    /// What doccheck could not do as asked (no terminal could be opened).
    pub notes: Vec<String>,
}

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    TimedOut,
    /// SIGINT or SIGTERM (the signal number).
    Interrupted(i32),
    /// The command ended the shell itself (`exit`, `exec`, a fatal `set -e`).
    ShellExited(Option<i32>),
}

/// What reading the session's output gave.
enum Chunk {
    /// A command's output and exit status.
    Done(String, i32),
    /// The pipe closed (bash exited or was killed): what came after the last marker.
    Closed(String),
    /// Nothing complete yet.
    Waiting,
}

/// What one wait on the output pipe gave.
enum Arrived {
    Nothing,
    Bytes,
    Closed,
}

/// Output as text, without a copy unless it is not UTF-8.
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A marker no command prints by accident: fixed text plus this run's pid and clock.
fn marker() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("__doccheck_{}_{nanos}__", std::process::id())
}

impl Shell {
    /// Starts bash in `workspace`; `control` is a private directory for the
    /// command file; `mounts`, when given, is the view of the machine bash
    /// gets (a mount namespace of its own).
    pub fn start(
        workspace: &Path,
        control: &Path,
        env: &[(String, String)],
        mounts: Option<&super::namespace::Prepared>,
    ) -> Result<Shell, Error> {
        let pipe = || {
            os_pipe::pipe().map_err(|e| Error::environment(format!("cannot create a pipe: {e}")))
        };
        let (script_read, script) = pipe()?;
        let (output_read, output_write) = pipe()?;
        let script_fd = sys::raw(&script_read);
        let mounts = mounts.cloned();
        let mut expression = duct::cmd!("bash", "--noprofile", "--norc", "/dev/fd/3")
            .dir(workspace)
            .stdin_null()
            // duct applies the outer (later) redirection first: stderr joins
            // stdout, then stdout goes to the pipe, so both end up in the pipe.
            .stderr_to_stdout()
            .stdout_file(output_write)
            .env("DOCCHECK", "1")
            .env("DOCCHECK_WORKSPACE", workspace)
            .unchecked()
            .before_spawn(move |command| {
                // Our own process group: a timeout or Ctrl-C kills the command's
                // whole tree, and a Ctrl-C in the terminal reaches doccheck only.
                command.process_group(0);
                sys::die_with_parent(command);
                sys::inherit_as_fd3(command, script_fd);
                if let Some(mounts) = &mounts {
                    sys::enter_private_mounts(command, mounts.clone());
                }
                Ok(())
            });
        for (key, value) in env {
            expression = expression.env(key, value);
        }
        let handle = expression.start().map_err(|e| {
            Error::environment(format!(
                "cannot start bash, which runs the guide's commands: {e}"
            ))
        })?;
        drop(expression);
        drop(script_read);
        let pgid = handle.pids().first().copied().unwrap_or(0) as i32;
        let marker = marker();
        let command_path = control.join("command");
        let side_path = control.join("other-stream");
        let command_file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&command_path)
            .map_err(|e| Error::environment(format!("cannot create the command file: {e}")))?;
        let mut shell = Shell {
            handle,
            script,
            output: output_read,
            pending: Vec::new(),
            needle: format!("{marker} ").into_bytes(),
            command_path,
            side_path,
            command_file,
            pgid,
            alive: true,
            cwd: workspace.to_path_buf(),
            stdin: Watched::create(&control.join("stdin")),
            feed_path: control.join("stdin-fed"),
            tty_link: control.join("tty"),
            tty_mark: format!("{marker}_tty"),
        };
        // `__dc` runs the command file, its stdin `$__dc_in`, and prints the
        // marker with its exit status; `__dc_out` and `__dc_err` keep one
        // stream out of the pipe; `__dc_tty` gives it the terminal at
        // `tty` and writes a mark there after it. Aliases expand as in an
        // interactive shell.
        let (command, side) = (shell.command_path.display(), shell.side_path.display());
        let (tty, mark) = (shell.tty_link.display(), &shell.tty_mark);
        let status = format!("__dc_s=$?; printf '{marker} %d %s\\n' \"$__dc_s\" \"$PWD\"");
        let define = format!(
            "shopt -s expand_aliases\n__dc_in=/dev/null\n__dc() {{ . '{command}' <\"$__dc_in\"; {status}; }}\n__dc_out() {{ . '{command}' <\"$__dc_in\" 2>'{side}'; {status}; }}\n__dc_err() {{ . '{command}' <\"$__dc_in\" 2>&1 >'{side}'; {status}; }}\n__dc_tty() {{ . '{command}' <'{tty}' >'{tty}' 2>&1; __dc_t=$?; printf '%s' '{mark}' >'{tty}'; (exit $__dc_t); {status}; }}\n"
        );
        let define = define + &super::editor::functions();
        if shell.script.write_all(define.as_bytes()).is_err() {
            return Err(Error::environment("bash exited at start"));
        }
        Ok(shell)
    }

    pub fn alive(&self) -> bool {
        self.alive
    }

    /// The working directory the last command left the session in.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// Runs `command` as if typed at the prompt; returns how it ended and its
    /// output (stdout and stderr interleaved, as a terminal shows them).
    pub fn run(
        &mut self,
        command: &str,
        timeout: Duration,
        interrupt: &Interrupt,
    ) -> (Ending, String) {
        let done = self.run_as(command, Invocation::default(), timeout, interrupt);
        (done.ending, done.output)
    }

    /// Runs `command` as `how` says: how it ended, the stream its
    /// expectations apply to and, when that is one stream, the other.
    pub fn run_as(
        &mut self,
        command: &str,
        how: Invocation,
        timeout: Duration,
        interrupt: &Interrupt,
    ) -> Outcome {
        let mut notes = Vec::new();
        let mut terminal = how.tty.and_then(|size| {
            Terminal::open(size, &self.tty_link, &self.tty_mark)
                .map_err(|e| {
                    notes.push(format!(
                        "no terminal could be opened for it ({e}): it ran without one"
                    ))
                })
                .ok()
        });
        let mut looking = Looking::start();
        let (ending, mut output) = self.run_one(
            command,
            how,
            terminal.as_mut(),
            &mut looking,
            timeout,
            interrupt,
        );
        if let Some(terminal) = terminal {
            // bash's own complaints (a redirection it could not make) came by the pipe.
            let shown = terminal.finish(Duration::from_secs(2));
            output = format!("{}{shown}", self.as_in_a_terminal(output));
            output = self.as_in_a_terminal(output);
        }
        let other = (how.stream != Stream::Combined && how.tty.is_none()).then(|| {
            let bytes = std::fs::read(&self.side_path).unwrap_or_default();
            let _ = std::fs::remove_file(&self.side_path);
            self.as_in_a_terminal(text(bytes))
        });
        Outcome {
            ending,
            output,
            other,
            read_stdin: looking.read,
            notes,
        }
    }

    fn run_one(
        &mut self,
        command: &str,
        how: Invocation,
        mut terminal: Option<&mut Terminal>,
        looking: &mut Looking,
        timeout: Duration,
        interrupt: &Interrupt,
    ) -> (Ending, String) {
        if !self.alive {
            return (Ending::ShellExited(None), String::new());
        }
        // Overwrite in place and shrink to the new length; never truncate to zero:
        // on ext4 (auto_da_alloc) a truncate-to-zero then write forces a writeback
        // of the file at close, which the next command's truncate waits for.
        let text = format!("{command}\n");
        let written = {
            use std::os::unix::fs::FileExt;
            self.command_file
                .write_all_at(text.as_bytes(), 0)
                .and_then(|_| self.command_file.set_len(text.len() as u64))
        };
        if let Err(e) = written {
            return (
                Ending::ShellExited(None),
                format!("doccheck cannot write the command file: {e}"),
            );
        }
        if let (Some(t), Stdin::Fed(text)) = (terminal.as_mut(), how.stdin) {
            t.feed(text);
        }
        let call = self.call(&how, terminal.is_some());
        let watched = terminal.is_none() && matches!(how.stdin, Stdin::Watched);
        if self.script.write_all(call.as_bytes()).is_err() {
            self.alive = false;
            let code = self.reap();
            return (Ending::ShellExited(code), String::new());
        }
        let deadline = Instant::now() + timeout;
        // How much of `pending` is known to hold no marker: each byte is
        // searched once, so a command's output costs what reading it costs.
        let mut searched = 0;
        let root = self.pgid.max(0) as u32;
        let result = loop {
            let slice =
                deadline
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(if terminal.is_some() {
                        20
                    } else {
                        50
                    }));
            // A terminal's output is read as it comes, so that it never fills.
            if let Some(t) = terminal.as_mut() {
                t.drain();
                if matches!(how.stdin, Stdin::Watched) && looking.waits(root, &t.slave_path) {
                    t.end_input();
                }
            }
            if watched {
                if let Some(w) = self.stdin.as_mut() {
                    if looking.waits(root, &w.path) {
                        w.disarm();
                    }
                }
            }
            match self.next_chunk(slice, &mut searched) {
                Chunk::Done(output, code) => {
                    break (Ending::Exited(code), self.as_in_a_terminal(output))
                }
                Chunk::Closed(output) => {
                    self.alive = false;
                    break (Ending::ShellExited(self.reap()), output);
                }
                Chunk::Waiting => {
                    if let Some(signal) = interrupt.signal() {
                        self.kill();
                        break (Ending::Interrupted(signal), self.rest());
                    }
                    if Instant::now() >= deadline {
                        self.kill();
                        break (Ending::TimedOut, self.rest());
                    }
                    // bash gone while a background job of the guide holds the pipe open.
                    if let Ok(Some(done)) = self.handle.try_wait() {
                        self.alive = false;
                        let code = done.status.code();
                        break (Ending::ShellExited(code), self.rest());
                    }
                }
            }
        };
        if let Some(w) = self.stdin.as_mut() {
            w.disarm();
        }
        result
    }

    /// bash names the file it sources in its own messages
    /// (`/tmp/doccheck-x/ctl/command: line 1: nosuch: command not found`);
    /// a terminal shows `bash: nosuch: command not found`, and so does the report.
    fn as_in_a_terminal(&self, output: String) -> String {
        let prefix = format!("{}: line ", self.command_path.display());
        if memchr::memmem::find(output.as_bytes(), prefix.as_bytes()).is_none() {
            return output;
        }
        let mut shown = String::with_capacity(output.len());
        for line in output.split_inclusive('\n') {
            let Some(rest) = line.strip_prefix(&prefix) else {
                shown.push_str(line);
                continue;
            };
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            match rest[digits..].strip_prefix(": ") {
                // The line bash echoes after a syntax error; a terminal does not.
                Some(message) if message.starts_with('`') => {}
                Some(message) if digits > 0 => {
                    shown.push_str("bash: ");
                    shown.push_str(message);
                }
                _ => shown.push_str(line),
            }
        }
        shown
    }

    /// A command's output and status if complete, waiting up to `wait` for
    /// more output. `searched` carries over between calls for one command.
    fn next_chunk(&mut self, wait: Duration, searched: &mut usize) -> Chunk {
        if let Some(chunk) = self.split_done(searched) {
            return chunk;
        }
        match self.read_some(wait) {
            Arrived::Nothing => Chunk::Waiting,
            Arrived::Closed => Chunk::Closed(self.rest()),
            Arrived::Bytes => self.split_done(searched).unwrap_or(Chunk::Waiting),
        }
    }

    /// Waits up to `wait` for output and appends what arrives to `pending`.
    fn read_some(&mut self, wait: Duration) -> Arrived {
        if !sys::readable(&self.output, wait) {
            return Arrived::Nothing;
        }
        let mut buffer = [0u8; 64 * 1024];
        match self.output.read(&mut buffer) {
            Ok(0) | Err(_) => Arrived::Closed,
            Ok(n) => {
                self.pending.extend_from_slice(&buffer[..n]);
                Arrived::Bytes
            }
        }
    }

    /// Takes one command's output and status off `pending`, when the marker
    /// line is complete. Only bytes after `searched` (less a marker's length,
    /// for a marker cut between two reads) are searched; the output is moved
    /// out of `pending`, not copied.
    fn split_done(&mut self, searched: &mut usize) -> Option<Chunk> {
        let from = (*searched).min(self.pending.len());
        let Some(found) = memchr::memmem::find(&self.pending[from..], &self.needle) else {
            *searched = self
                .pending
                .len()
                .saturating_sub(self.needle.len().saturating_sub(1));
            return None;
        };
        let at = from + found;
        // The marker stays found while its status line is incomplete.
        *searched = at;
        let status_start = at + self.needle.len();
        let end = memchr::memchr(b'\n', &self.pending[status_start..])?;
        let status = String::from_utf8_lossy(&self.pending[status_start..status_start + end]);
        let (code, cwd) = status.split_once(' ').unwrap_or((&status, ""));
        let code = code.trim().parse().unwrap_or(-1);
        if !cwd.is_empty() {
            self.cwd = PathBuf::from(cwd);
        }
        let after = self.pending.split_off(status_start + end + 1);
        let mut output = std::mem::replace(&mut self.pending, after);
        output.truncate(at);
        Some(Chunk::Done(text(output), code))
    }

    /// Whatever a killed or exited session printed after its last marker: the
    /// pipe is drained until it closes (briefly bounded, in case a process
    /// escaped the session's group and holds it open).
    fn rest(&mut self) -> String {
        let until = Instant::now() + Duration::from_millis(500);
        while Instant::now() < until
            && matches!(self.read_some(Duration::from_millis(100)), Arrived::Bytes)
        {}
        text(std::mem::take(&mut self.pending))
    }

    fn reap(&self) -> Option<i32> {
        self.handle.wait().ok().and_then(|o| o.status.code())
    }

    /// Kills the session's whole process group.
    pub fn kill(&mut self) {
        if self.pgid > 0 {
            sys::kill_group(self.pgid as u32);
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
            sys::kill_group(self.pgid as u32);
        }
    }
}

mod call;
#[cfg(test)]
mod tests;
