//! What a run reports, as it happens ([`Event`], sent to an [`Events`] sink)
//! and at the end ([`RunReport`]). Reporters are fed these and nothing else.

use std::path::PathBuf;
use std::time::Duration;

use doccheck_guide::transcript::Status as Expected;

use crate::failure::Failure;

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Passed,
    Failed,
    Skipped(String),
    NotRun(String),
}

/// One command as it ran.
#[derive(Debug, Clone)]
pub struct CommandRun {
    /// As the guide documents it.
    pub documented: String,
    /// As doccheck ran it, when that differs.
    pub run: Option<String>,
    pub line: usize,
    pub exit: Option<i32>,
    /// The exit status the guide expects.
    pub expected: Expected,
    pub output: String,
    pub failure: Option<Failure>,
    pub duration: Duration,
    /// With `--update`: what the transcript should say now.
    pub update: Option<Update>,
    /// The stream the expectations leave out (stderr, for scrut's and
    /// Innovation Engine's stdout-only comparison), when there is one.
    pub left_out: Option<String>,
}

/// A transcript command's expectations as the run found them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// The expected output, when it no longer matches: lines that still match
    /// stay as written (`[..]`, `...`), the others are what the command printed.
    pub lines: Option<Vec<String>>,
    /// The code it exited with, when the status line no longer holds.
    pub exit: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct StepResult {
    pub number: usize,
    pub status: Status,
    pub duration: Duration,
    pub commands: Vec<CommandRun>,
    /// A failure of the step itself (a file that could not be written); a
    /// failing command carries its own.
    pub failure: Option<Failure>,
    /// What doccheck did that the guide does not say (rewrites, files written).
    pub notes: Vec<String>,
    /// The step skips the rest of the guide (a scrut case that exited with
    /// the document's skip code).
    pub skips_rest: bool,
}

impl StepResult {
    pub fn new(number: usize, status: Status) -> Self {
        StepResult {
            number,
            status,
            duration: Duration::ZERO,
            commands: Vec::new(),
            failure: None,
            notes: Vec::new(),
            skips_rest: false,
        }
    }

    pub(crate) fn fail(&mut self, failure: Failure) {
        self.status = Status::Failed;
        self.failure = Some(failure);
    }

    /// Why the step failed: its own failure or its failing command's.
    pub fn why(&self) -> Option<&Failure> {
        self.failure
            .as_ref()
            .or_else(|| self.commands.iter().find_map(|c| c.failure.as_ref()))
    }

    /// The line the failure points at: the failing command's, if one failed.
    pub fn failing_line(&self) -> Option<usize> {
        self.commands
            .iter()
            .find(|c| c.failure.is_some())
            .map(|c| c.line)
    }
}

/// How the run ended, beyond each step's result.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    pub duration: Duration,
    pub kept_workspace: Option<PathBuf>,
    /// The signal that stopped the run, if one did.
    pub interrupted: Option<i32>,
    /// Things the run wants the reader to know (stand-in images, registries).
    pub notes: Vec<String>,
    /// Whether a step ran at all (a guide whose steps were all skipped did not).
    pub ran: usize,
    /// Set when nothing ran and that is allowed.
    pub allow_empty: bool,
}

#[derive(Debug, Clone)]
pub struct RunReport {
    pub results: Vec<StepResult>,
    pub summary: RunSummary,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub not_run: usize,
}

impl Counts {
    pub fn of(results: &[StepResult]) -> Counts {
        let mut c = Counts::default();
        for r in results {
            match r.status {
                Status::Passed => c.passed += 1,
                Status::Failed => c.failed += 1,
                Status::Skipped(_) => c.skipped += 1,
                Status::NotRun(_) => c.not_run += 1,
            }
        }
        c
    }
}

/// The verdict of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed,
    /// No step ran (all skipped or not selected): not a pass.
    NothingRan,
    Interrupted(i32),
}

impl RunReport {
    pub fn verdict(&self) -> Verdict {
        verdict(&self.results, &self.summary)
    }

    pub fn passed(&self) -> bool {
        self.verdict() == Verdict::Passed
    }
}

pub fn verdict(results: &[StepResult], summary: &RunSummary) -> Verdict {
    if let Some(signal) = summary.interrupted {
        Verdict::Interrupted(signal)
    } else if results.iter().any(|r| r.status == Status::Failed) {
        Verdict::Failed
    } else if summary.ran == 0 && !summary.allow_empty {
        Verdict::NothingRan
    } else {
        Verdict::Passed
    }
}

/// Live notifications of one guide's run.
#[derive(Debug, Clone)]
pub enum Event {
    /// Something slow before the first step (a stand-in image build).
    Preparing(String),
    StepStarted {
        number: usize,
    },
    StepFinished(StepResult),
    Finished(RunSummary),
}

/// Where a run sends its events.
pub trait Events {
    fn emit(&mut self, event: Event);
}

/// A sink that drops every event.
pub struct Discard;

impl Events for Discard {
    fn emit(&mut self, _: Event) {}
}
