//! Why a step failed, typed: reporters render each kind as one sentence
//! ([`Failure`]'s `Display`) plus its detail (a diff, a container's log), and
//! JSON gives the kind and its fields.

use std::fmt;
use std::time::Duration;

use doccheck_guide::transcript::Status;

use crate::matching::DiffLine;

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The command exited with another code than the guide expects.
    ExitCode { code: i32, expected: Status },
    /// The output differs from the transcript's (and maybe the exit code too).
    Output {
        code: i32,
        expected: Status,
        diff: Vec<DiffLine>,
    },
    /// The expected output's wildcards let its lines fit in so many places
    /// that matching gave up after `budget` comparisons (a finding about the
    /// guide, not the command).
    Ambiguous {
        code: i32,
        expected: Status,
        /// The guide's line of the expected line being placed.
        line: usize,
        budget: u64,
    },
    /// The command's own timeout, or what was left of the run's, ran out.
    Timeout { after: Duration, overall: bool },
    /// SIGINT or SIGTERM stopped it.
    Interrupted { signal: i32 },
    /// The command ended the shell session itself (`exit`, `exec`, a fatal `set -e`).
    ShellExited { code: Option<i32> },
    /// A service stopped before its probes passed.
    ServiceExited {
        service: String,
        code: String,
        log: String,
    },
    /// A service's probes were still failing at its ready timeout.
    ServiceNotReady {
        service: String,
        after: Duration,
        last: String,
        log: String,
    },
    /// A probe that cannot pass however long one waits (a port not published,
    /// a wrong answer).
    ProbeFailed { reason: String, log: String },
    /// A push the registry does not hold as `docker push` said.
    PushNotVerified { reason: String },
    /// A file block could not be written.
    FileNotWritten { path: String, reason: String },
    /// The file a fragment belongs to could not be read.
    FragmentFileUnreadable { of: String, reason: String },
    /// Lines of a fragment that the file does not have.
    FragmentLinesMissing { of: String, lines: Vec<String> },
    /// The block's output is not what its result block (Innovation Engine's) expects.
    ResultBlock {
        /// The result block's line.
        line: usize,
        why: String,
        diff: Vec<DiffLine>,
    },
    /// The guide broke the block (a fence left open swallowed prose): it
    /// cannot run as the reader means it.
    BrokenBlock { reason: String },
    /// An integration could not do its part (the Docker daemon went away).
    Integration {
        integration: &'static str,
        message: String,
    },
}

impl Failure {
    /// Whether the machine is at fault, not the guide: an integration's
    /// engine that went away or a host port taken between doccheck's check
    /// and the bind, a service no probe ever got a definite answer from.
    /// Only these are tried again (`--retries`); an exit code or an output
    /// that differs never is.
    pub fn infrastructure(&self) -> bool {
        match self {
            Failure::Integration { .. } | Failure::ServiceNotReady { .. } => true,
            Failure::ServiceExited { log, .. } => port_taken(log),
            _ => false,
        }
    }

    /// A short, stable name for JSON and JUnit (`exit-code`, `output`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::ExitCode { .. } => "exit-code",
            Failure::Output { .. } => "output",
            Failure::Ambiguous { .. } => "ambiguous",
            Failure::Timeout { .. } => "timeout",
            Failure::Interrupted { .. } => "interrupted",
            Failure::ShellExited { .. } => "shell-exited",
            Failure::ServiceExited { .. } => "service-exited",
            Failure::ServiceNotReady { .. } => "service-not-ready",
            Failure::ProbeFailed { .. } => "probe-failed",
            Failure::PushNotVerified { .. } => "push-not-verified",
            Failure::FileNotWritten { .. } => "file-not-written",
            Failure::FragmentFileUnreadable { .. } => "fragment-file-unreadable",
            Failure::FragmentLinesMissing { .. } => "fragment-lines-missing",
            Failure::ResultBlock { .. } => "result-block",
            Failure::BrokenBlock { .. } => "broken-block",
            Failure::Integration { .. } => "integration",
        }
    }

    pub fn diff(&self) -> Option<&[DiffLine]> {
        match self {
            Failure::Output { diff, .. } | Failure::ResultBlock { diff, .. } => Some(diff),
            _ => None,
        }
    }

    /// The log of the service that failed, when there is one.
    pub fn log(&self) -> Option<&str> {
        match self {
            Failure::ServiceExited { log, .. }
            | Failure::ServiceNotReady { log, .. }
            | Failure::ProbeFailed { log, .. }
                if !log.is_empty() =>
            {
                Some(log)
            }
            _ => None,
        }
    }
}

fn rounded(d: Duration) -> humantime::FormattedDuration {
    humantime::format_duration(Duration::from_millis(d.as_millis() as u64))
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::ExitCode { code, expected } => {
                write!(f, "exit code {code} (expected {expected})")
            }
            Failure::Output { code, expected, .. } if expected.accepts(*code) => {
                f.write_str("the output differs from the guide's")
            }
            Failure::Output { code, expected, .. } => write!(
                f,
                "exit code {code} (expected {expected}) and the output differs from the guide's"
            ),
            Failure::Ambiguous {
                code,
                expected,
                line,
                budget,
            } => write!(
                f,
                "{}the expected output is too ambiguous to match within {} line comparisons: \
                 the lines from line {line} on fit partly in too many places; \
                 make them more specific (fewer `[..]`, a line that says more after each `...`)",
                match expected.accepts(*code) {
                    true => String::new(),
                    false => format!("exit code {code} (expected {expected}), and "),
                },
                crate::matching::thousands(*budget)
            ),
            Failure::Timeout {
                after,
                overall: true,
            } => write!(
                f,
                "the run's overall timeout ran out after {}",
                rounded(*after)
            ),
            Failure::Timeout { after, .. } => write!(
                f,
                "timed out after {}; its process group was killed",
                rounded(*after)
            ),
            Failure::Interrupted { signal } => {
                write!(f, "interrupted ({})", crate::signals::name(*signal))
            }
            Failure::ShellExited { code } => write!(
                f,
                "the command ended the shell session (exit code {}), so later commands cannot run",
                code.map_or("unknown".to_string(), |c| c.to_string())
            ),
            Failure::ServiceExited { service, code, .. } => {
                write!(f, "{service} exited with code {code} before it was ready")
            }
            Failure::ServiceNotReady {
                service,
                after,
                last,
                ..
            } => write!(
                f,
                "{service} was not ready after {}: {last}",
                humantime::format_duration(Duration::from_secs(after.as_secs()))
            ),
            Failure::ProbeFailed { reason, .. } | Failure::PushNotVerified { reason } => {
                f.write_str(reason)
            }
            Failure::FileNotWritten { path, reason } => write!(f, "cannot write {path}: {reason}"),
            Failure::FragmentFileUnreadable { of, reason } => write!(
                f,
                "cannot read {of}, which this block is a fragment of: {reason}"
            ),
            Failure::FragmentLinesMissing { of, lines } => {
                write!(f, "not in {of}: {}", lines.join(" | "))
            }
            Failure::ResultBlock { line, why, .. } => {
                write!(f, "{why} (the result block at line {line})")
            }
            Failure::BrokenBlock { reason } => f.write_str(reason),
            Failure::Integration { message, .. } => f.write_str(message),
        }
    }
}

/// A bind that failed because the port was taken meanwhile.
pub fn port_taken(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("address already in use") || lower.contains("port is already allocated")
}
