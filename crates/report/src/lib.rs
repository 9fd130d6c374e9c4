//! Reporters, fed by the runner's events (cargo-nextest's split): the
//! [`terminal`], [`json`], [`junit`] and [`github`] annotations. Steps and
//! translation findings both become [`case::Case`]s for the formats that
//! list outcomes, so every format shows them the same way; [`printable`]
//! is how text from a run is shown in all but JSON.

pub mod case;
pub mod github;
pub mod json;
pub mod junit;
pub mod printable;
pub mod terminal;

use std::path::PathBuf;

use doccheck_guide::plan::Plan;
use doccheck_guide::Error;
use doccheck_runner::Event;

/// A translation check's outcome, as reporters receive it.
pub struct Translation {
    pub guide: String,
    pub source: Option<PathBuf>,
    pub findings: Vec<doccheck_l10n::Finding>,
}

impl Translation {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == doccheck_l10n::Severity::Error)
            .count()
    }
}

/// One output format. Every method has a default that ignores the call.
pub trait Reporter {
    /// A guide's run is about to start.
    fn started(&mut self, _plan: &Plan) {}
    /// Something happened in a guide's run.
    fn event(&mut self, _plan: &Plan, _event: &Event) {}
    /// `--list`: the plan, run nothing.
    fn listed(&mut self, _plan: &Plan) {}
    /// `--translation`: a guide checked against its source.
    fn translation(&mut self, _checked: &Translation) {}
    /// A guide could not be run (usage, scenario or environment error).
    fn error(&mut self, _guide: &str, _error: &Error) {}
    /// A markdown file of a directory or glob run that has no code block.
    fn empty(&mut self, _guide: &str) {}
    /// Everything is over: write files. Returns what could not be written.
    fn finish(&mut self) -> Result<(), String> {
        Ok(())
    }
}

/// Several reporters as one.
pub struct Reporters(pub Vec<Box<dyn Reporter>>);

impl Reporter for Reporters {
    fn started(&mut self, plan: &Plan) {
        self.0.iter_mut().for_each(|r| r.started(plan));
    }
    fn event(&mut self, plan: &Plan, event: &Event) {
        self.0.iter_mut().for_each(|r| r.event(plan, event));
    }
    fn listed(&mut self, plan: &Plan) {
        self.0.iter_mut().for_each(|r| r.listed(plan));
    }
    fn translation(&mut self, checked: &Translation) {
        self.0.iter_mut().for_each(|r| r.translation(checked));
    }
    fn error(&mut self, guide: &str, error: &Error) {
        self.0.iter_mut().for_each(|r| r.error(guide, error));
    }
    fn empty(&mut self, guide: &str) {
        self.0.iter_mut().for_each(|r| r.empty(guide));
    }
    fn finish(&mut self) -> Result<(), String> {
        let mut result = Ok(());
        for r in &mut self.0 {
            if let Err(e) = r.finish() {
                result = Err(e);
            }
        }
        result
    }
}

/// Writes to stdout; a closed pipe (`doccheck ... | head`) is not worth a panic.
pub fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

/// Writes to stderr, likewise.
pub fn err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}
