//! What a run reports, as it happens ([`Event`], sent to an [`Events`] sink)
//! and at the end ([`RunReport`]). Reporters are fed these and nothing else.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use doccheck_guide::plan::Plan;
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
    /// Earlier attempts that failed for the machine's sake (`--retries`).
    pub attempts: Vec<Attempt>,
}

/// A failed attempt of a step that was tried again.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub failure: Failure,
    pub duration: Duration,
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
            attempts: Vec::new(),
        }
    }

    /// Passed after attempts that failed for the machine's sake.
    pub fn flaky(&self) -> bool {
        self.status == Status::Passed && !self.attempts.is_empty()
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
    /// The guide's verdict, worked out once, after `--update` if it ran.
    pub verdict: Verdict,
    /// How much of the guide ran, checked, and was skipped, and why.
    pub coverage: crate::coverage::Coverage,
    /// What is wrong with the guide but did not stop it (a fence never
    /// closed, most of it skipped), each a sentence.
    pub warnings: Vec<String>,
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
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    #[default]
    Passed,
    /// Every failure was a transcript gone stale, and `--update` rewrote it:
    /// the guide passes as it now stands (as trycmd and scrut end after a rewrite).
    Updated,
    Failed,
    /// No step ran (all skipped or not selected): not a pass.
    NothingRan,
    Interrupted(i32),
}

impl Verdict {
    /// Whether the guide counts as passing (for the exit code and every report).
    pub fn passed(self) -> bool {
        matches!(self, Verdict::Passed | Verdict::Updated)
    }

    /// The name every report uses (`passed`, `updated`, `failed`, `nothing-ran`, `interrupted`).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Updated => "updated",
            Verdict::Failed => "failed",
            Verdict::NothingRan => "nothing-ran",
            Verdict::Interrupted(_) => "interrupted",
        }
    }
}

impl RunReport {
    pub fn verdict(&self) -> Verdict {
        self.summary.verdict
    }

    pub fn passed(&self) -> bool {
        self.verdict().passed()
    }
}

/// The verdict of the steps as they ran, before any `--update`.
pub(crate) fn verdict(
    results: &[StepResult],
    interrupted: Option<i32>,
    ran: usize,
    allow_empty: bool,
) -> Verdict {
    if let Some(signal) = interrupted {
        Verdict::Interrupted(signal)
    } else if results.iter().any(|r| r.status == Status::Failed) {
        Verdict::Failed
    } else if ran == 0 && !allow_empty {
        Verdict::NothingRan
    } else {
        Verdict::Passed
    }
}

/// One edit `--update` made (or, with `--dry-run`, would make) to a guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    pub file: String,
    /// The command's line.
    pub line: usize,
    /// The command's first line.
    pub command: String,
    /// `expected output`, `exit code (2)`, or both.
    pub what: String,
}

/// What the `--update` phase of a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updates {
    pub rewrites: Vec<Rewritten>,
    /// Whether the guide was rewritten (not with `--dry-run`, not when refused).
    pub written: bool,
    /// With `--dry-run`: the change as a unified diff.
    pub diff: Option<String>,
    /// Why the guide was left as it is although it is stale (a translation,
    /// a guide edited while it ran).
    pub refused: Option<String>,
}

/// Live notifications of one guide's run.
#[derive(Debug, Clone)]
pub enum Event {
    /// The run of this plan begins: the first event of every guide's run.
    Started(Arc<Plan>),
    /// Something slow before the first step (a stand-in image build).
    Preparing(String),
    StepStarted {
        number: usize,
    },
    StepFinished(StepResult),
    /// `--update`'s phase, after the steps: what it rewrote.
    Updated(Updates),
    /// The last event: how the run ended, and its verdict.
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
