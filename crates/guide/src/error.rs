//! Errors that stop doccheck before or outside a step: each has a kind (which
//! decides the exit code), an optional place in a file, and one message; the
//! other errors found at the same time (every malformed annotation of a
//! guide) travel with the first, in `related`.

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
    /// The other errors found with this one, in the file's order; each has
    /// none of its own.
    pub related: Vec<Error>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            location: None,
            message: message.into(),
            related: Vec::new(),
        }
    }

    pub fn at(kind: ErrorKind, location: Location, message: impl Into<String>) -> Self {
        Error {
            kind,
            location: Some(location),
            message: message.into(),
            related: Vec::new(),
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

    /// Several errors found at once as one: the first in the file (by
    /// line and column; errors without a place last), the others in its
    /// `related`. `None` for none.
    pub fn several(errors: impl IntoIterator<Item = Error>) -> Option<Error> {
        let mut all: Vec<Error> = errors.into_iter().flat_map(Error::into_each).collect();
        // Stable: errors at one place keep the order they were found in.
        all.sort_by_key(|e| {
            e.location
                .as_ref()
                .map_or((1, 0, 0), |l| (0, l.line, l.column))
        });
        all.dedup();
        let mut all = all.into_iter();
        let mut first = all.next()?;
        first.related = all.collect();
        Some(first)
    }

    /// This error and the ones found with it, each alone (without
    /// `related`, so that each displays as itself).
    pub fn each(&self) -> impl Iterator<Item = Error> + '_ {
        let first = Error {
            kind: self.kind,
            location: self.location.clone(),
            message: self.message.clone(),
            related: Vec::new(),
        };
        std::iter::once(first).chain(self.related.iter().cloned())
    }

    fn into_each(mut self) -> Vec<Error> {
        let related = std::mem::take(&mut self.related);
        std::iter::once(self).chain(related).collect()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(l) => write!(f, "{l}: {}", self.message)?,
            None => f.write_str(&self.message)?,
        }
        // One line for the reports that give an error one (a tree run's
        // line per guide, JUnit): the others are counted.
        match self.related.len() {
            0 => Ok(()),
            1 => f.write_str(" (and 1 more error)"),
            n => write!(f, " (and {n} more errors)"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize, message: &str) -> Error {
        Error::guide(Location::new("g.md", line, column), message)
    }

    #[test]
    fn several_errors_are_the_first_in_the_file_with_the_others_related() {
        assert_eq!(Error::several(Vec::new()), None);
        let one = Error::several([at(3, 1, "a")]).unwrap();
        assert_eq!(one, at(3, 1, "a"));
        assert_eq!(one.to_string(), "g.md:3:1: a");
        let nested = Error::several([at(9, 1, "c"), at(3, 1, "a")]).unwrap();
        let all = Error::several([nested, at(5, 2, "b"), at(3, 1, "a")]).unwrap();
        assert_eq!(all.to_string(), "g.md:3:1: a (and 2 more errors)");
        let each: Vec<String> = all.each().map(|e| e.to_string()).collect();
        assert_eq!(each, ["g.md:3:1: a", "g.md:5:2: b", "g.md:9:1: c"]);
        assert!(all.related.iter().all(|e| e.related.is_empty()));
        assert_eq!(all.exit_code(), 2);
    }
}
