//! Errors that stop doccheck before or outside a step: each has a kind (which
//! decides the exit code), an optional place in a file, and one message.

use std::fmt;

/// A place in a file, 1-based; columns count characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: impl Into<String>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// What went wrong, broadly: it decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// Command-line arguments.
    Usage,
    /// A guide: unreadable, not UTF-8, an unclosed fence, a malformed annotation.
    Guide,
    /// A scenario or configuration file, or a binding that no longer fits its guide.
    Scenario,
    /// The machine: no Docker daemon, no registry, no disk space, no temp dir.
    Environment,
    /// SIGINT or SIGTERM arrived before the steps ran (the signal number).
    Interrupted(i32),
}

impl ErrorKind {
    /// 2 for usage, guide, scenario and environment errors; 128 + N for signal N.
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Interrupted(signal) => 128 + signal,
            _ => 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub location: Option<Location>,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            location: None,
            message: message.into(),
        }
    }

    pub fn at(kind: ErrorKind, location: Location, message: impl Into<String>) -> Self {
        Error {
            kind,
            location: Some(location),
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage, message)
    }

    pub fn guide(location: Location, message: impl Into<String>) -> Self {
        Error::at(ErrorKind::Guide, location, message)
    }

    pub fn scenario(location: Location, message: impl Into<String>) -> Self {
        Error::at(ErrorKind::Scenario, location, message)
    }

    pub fn environment(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Environment, message)
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(l) => write!(f, "{l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// An I/O error as a short reason ("no such file").
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
