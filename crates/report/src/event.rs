//! What reporters are fed, and nothing else: a run over many guides as one
//! stream. A guide's run comes as the runner's own events, tagged with the
//! guide's place in the run; the other modes' facts (a listed plan, a
//! translation checked, a guide that could not start) have their own; the
//! stream ends with the run's [`Outcome`], worked out once from it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use doccheck_guide::plan::Plan;
use doccheck_guide::{Error, ErrorKind};
use doccheck_runner::events::{Counts, Verdict};

/// A guide's place in the run (its index among the guides given).
pub type GuideId = usize;

pub enum Event {
    /// One event of a guide's run, from `Started(plan)` to `Finished`.
    Run {
        guide: GuideId,
        event: doccheck_runner::Event,
    },
    /// `--list`: the plan, nothing run.
    Listed { guide: GuideId, plan: Arc<Plan> },
    /// `--translation`: a guide checked against its source.
    Translation {
        guide: GuideId,
        checked: Translation,
    },
    /// A guide could not be run (usage, scenario or environment error).
    Error {
        guide: GuideId,
        name: String,
        error: Error,
    },
    /// A markdown file of a directory or glob run that has no code block.
    Empty { guide: GuideId, name: String },
    /// A guide not run: an earlier run with the same key passed (`--cache`).
    Cached {
        guide: GuideId,
        plan: Arc<Plan>,
        entry: doccheck_cache::Entry,
    },
    /// A signal stopped the run: the guides not started yet will not be.
    Interrupted(i32),
    /// The last event: what the whole run came to.
    Done(Outcome),
}

/// A translation check's outcome.
#[derive(Clone)]
pub struct Translation {
    pub guide: String,
    pub source: Option<PathBuf>,
    pub findings: Vec<doccheck_l10n::Finding>,
    /// Errors fail a translation; warnings alone do not.
    pub errors: usize,
    /// The translation's text and its segments paired with their sources,
    /// for the reports that show them side by side (empty if not given).
    pub text: String,
    pub pairs: Vec<doccheck_l10n::Pair>,
}

impl Translation {
    pub fn new(
        guide: String,
        source: Option<PathBuf>,
        findings: Vec<doccheck_l10n::Finding>,
    ) -> Translation {
        let errors = findings
            .iter()
            .filter(|f| f.severity == doccheck_l10n::Severity::Error)
            .count();
        Translation {
            guide,
            source,
            findings,
            errors,
            text: String::new(),
            pairs: Vec::new(),
        }
    }

    /// With the translation's text and its segments, to show side by side.
    pub fn with_pairs(mut self, text: String, pairs: Vec<doccheck_l10n::Pair>) -> Translation {
        self.text = text;
        self.pairs = pairs;
        self
    }

    pub fn passed(&self) -> bool {
        self.errors == 0
    }
}

/// What the guides of a run came to: counted from the events as they pass,
/// the one place the run's verdict and exit code come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub passed: usize,
    /// Passed after `--update` rewrote them.
    pub updated: usize,
    /// Not run: they passed before with the same key.
    pub cached: usize,
    pub failed: usize,
    /// Could not be run (usage, scenario or environment error).
    pub errors: usize,
    /// Nothing to run in them.
    pub empty: usize,
    pub listed: usize,
    pub steps: Counts,
    /// Steps that passed on a retry.
    pub flaky: usize,
    /// The signal that stopped the run.
    pub interrupted: Option<i32>,
}

/// Exit codes, as `--help` and README give them.
pub const EXIT_PASSED: i32 = 0;
pub const EXIT_FAILED: i32 = 1;

impl Outcome {
    /// Counts one event in.
    pub fn observe(&mut self, event: &Event) {
        match event {
            Event::Run {
                event: doccheck_runner::Event::StepFinished(result),
                ..
            } => {
                let c = Counts::of(std::slice::from_ref(result));
                self.flaky += result.flaky() as usize;
                self.steps.passed += c.passed;
                self.steps.failed += c.failed;
                self.steps.skipped += c.skipped;
                self.steps.not_run += c.not_run;
            }
            Event::Run {
                event: doccheck_runner::Event::Finished(summary),
                ..
            } => match summary.verdict {
                Verdict::Passed => self.passed += 1,
                Verdict::Updated => self.updated += 1,
                Verdict::Failed | Verdict::NothingRan => self.failed += 1,
                Verdict::Interrupted(signal) => {
                    self.failed += 1;
                    self.interrupted = Some(signal);
                }
            },
            Event::Run { .. } => {}
            Event::Listed { .. } => self.listed += 1,
            Event::Translation { checked, .. } => match checked.passed() {
                true => self.passed += 1,
                false => self.failed += 1,
            },
            Event::Error { error, .. } => match error.kind {
                ErrorKind::Interrupted(signal) => self.interrupted = Some(signal),
                _ => self.errors += 1,
            },
            Event::Empty { .. } => self.empty += 1,
            Event::Cached { .. } => self.cached += 1,
            Event::Interrupted(signal) => self.interrupted = Some(*signal),
            Event::Done(_) => {}
        }
    }

    /// Whether every guide passed (or had nothing to run, in a tree).
    pub fn passed(&self) -> bool {
        self.interrupted.is_none() && self.failed == 0 && self.errors == 0
    }

    /// 0 every guide passed, 1 one failed (or ran nothing), 2 one could not
    /// be run, 128 + N interrupted by signal N.
    pub fn exit_code(&self) -> i32 {
        match self.interrupted {
            Some(signal) => 128 + signal,
            None if self.errors > 0 => ErrorKind::Usage.exit_code(),
            None if self.failed > 0 => EXIT_FAILED,
            None => EXIT_PASSED,
        }
    }
}

/// The plans of the guides under way, as their `Started` events gave them:
/// what a reporter looks a step's block up in.
#[derive(Default)]
pub struct Plans(HashMap<GuideId, Arc<Plan>>);

impl Plans {
    /// Takes in a plan when a run starts; returns the plan the event belongs to.
    pub fn observe(&mut self, guide: GuideId, event: &doccheck_runner::Event) -> Option<Arc<Plan>> {
        if let doccheck_runner::Event::Started(plan) = event {
            self.0.insert(guide, Arc::clone(plan));
        }
        self.0.get(&guide).cloned()
    }

    /// Forgets a guide whose run is over.
    pub fn end(&mut self, guide: GuideId) {
        self.0.remove(&guide);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use doccheck_runner::events::RunSummary;

    fn finished(verdict: Verdict) -> Event {
        Event::Run {
            guide: 0,
            event: doccheck_runner::Event::Finished(RunSummary {
                verdict,
                ..RunSummary::default()
            }),
        }
    }

    fn outcome(events: &[Event]) -> Outcome {
        let mut o = Outcome::default();
        events.iter().for_each(|e| o.observe(e));
        o
    }

    #[test]
    fn the_exit_code_follows_the_guides_verdicts() {
        assert_eq!(outcome(&[finished(Verdict::Passed)]).exit_code(), 0);
        assert_eq!(outcome(&[finished(Verdict::Updated)]).exit_code(), 0);
        assert!(outcome(&[finished(Verdict::Updated)]).passed());
        assert_eq!(outcome(&[finished(Verdict::Failed)]).exit_code(), 1);
        assert_eq!(outcome(&[finished(Verdict::NothingRan)]).exit_code(), 1);
        assert_eq!(
            outcome(&[
                finished(Verdict::Passed),
                finished(Verdict::Interrupted(15))
            ])
            .exit_code(),
            143
        );
        let error = Event::Error {
            guide: 1,
            name: "b.md".into(),
            error: Error::usage("bad"),
        };
        assert_eq!(outcome(&[finished(Verdict::Failed), error]).exit_code(), 2);
        let empty = Event::Empty {
            guide: 0,
            name: "a.md".into(),
        };
        assert_eq!(outcome(&[empty]).exit_code(), 0);
    }
}
