//! The command model every dialect comes down to (doccheck's and trycmd's
//! transcripts, scrut's cases, Innovation Engine's and Runme's documents,
//! output blocks): how a step's commands run and how they are judged, as
//! explicit values. The plan fills it in at load ([`crate::compile`]); the
//! runner executes it and never asks which dialect a guide is written in.
//! This module holds data only and imports nothing of the crate's, so that
//! every dialect's module may use it.

pub mod expect;

use std::time::Duration;

/// Which of a command's output streams its expectations apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stream {
    /// stdout and stderr interleaved, as a terminal shows them (doccheck's own).
    #[default]
    Combined,
    /// scrut's default for markdown.
    Stdout,
    Stderr,
}

/// How a command's output is read into lines before it is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputLines {
    /// Trailing whitespace, `\r` and trailing blank lines never count.
    #[default]
    Trimmed,
    /// Whole lines (trailing spaces count), and whether the last line ends
    /// with a newline; `\r\n` read as `\n` unless `keep_crlf`, ANSI escapes
    /// removed when `strip_ansi`.
    Exact { keep_crlf: bool, strip_ansi: bool },
}

/// Wait before the step's commands: a while, or until a file exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    pub timeout: Duration,
    /// Relative to the session's TMPDIR, as in scrut's example.
    pub path: Option<String>,
}

/// How a step's commands run and are judged, whatever the guide's dialect.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Behaviour {
    /// The stream compared; the other is left out (and shown on a failure).
    pub stream: Stream,
    pub lines: OutputLines,
    /// A wrong exit code is the failure, whatever the output (no diff).
    pub exit_first: bool,
    /// An exit code that skips the rest of the guide.
    pub skip_code: Option<i32>,
    pub wait: Option<Wait>,
    /// Runs in the background of the session; neither output nor exit code is checked.
    pub detached: bool,
    /// Exported in the session before the commands: it stays for the steps after.
    pub environment: Vec<(String, String)>,
    /// A variable set for each command alone to its guide:line (`SCRUT_TEST`).
    pub location_variable: Option<&'static str>,
    /// Whose conventions these are, as the notes about them name it ("scrut").
    pub convention: Option<&'static str>,
}

impl Behaviour {
    /// The behaviour's name for the reader: `scrut's `wait``.
    pub fn named(&self, what: &str) -> String {
        match self.convention {
            Some(who) => format!("{who}'s `{what}`"),
            None => format!("`{what}`"),
        }
    }
}
