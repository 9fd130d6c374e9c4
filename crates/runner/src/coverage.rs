//! How much of a guide ran: each guide's summary says how many blocks ran,
//! how many of those compared their output with the guide, and how many
//! were skipped and why. A guide in which most blocks were skipped passes
//! with a warning; below `--min-run` (or `min-run:`) it fails.

use doccheck_guide::plan::{Action, Plan, SkipKind, Step};

use crate::events::{Status, StepResult};

/// Below this share of blocks run, a passing guide says so.
pub const WARN_BELOW: u32 = 50;

/// Why blocks were skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// `skip=` in an annotation or a binding.
    Asked,
    /// A block of this language, neither commands nor a file.
    Lang(String),
    /// A block without a language, neither commands nor a file.
    NoLanguage,
    /// After a scrut case that exited with its document's skip code.
    SkipCode,
}

impl Skipped {
    /// A stable key for JSON: `asked`, `lang:makefile`, `no-language`, `skip-code`.
    pub fn key(&self) -> String {
        match self {
            Skipped::Asked => "asked".into(),
            Skipped::Lang(lang) => format!("lang:{lang}"),
            Skipped::NoLanguage => "no-language".into(),
            Skipped::SkipCode => "skip-code".into(),
        }
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skipped::Asked => f.write_str("asked (skip=)"),
            Skipped::Lang(lang) => write!(f, "`{lang}`"),
            Skipped::NoLanguage => f.write_str("without a language"),
            Skipped::SkipCode => f.write_str("after scrut's skip code"),
        }
    }
}

/// How a step restored from a checkpoint is said (`--resume`): not run
/// here, and not left out either.
pub const RESTORED: &str = "restored from the checkpoint after step";

/// How the steps after `--shell-at N` are said: the user chose to stop there.
pub const SHELL_OPENED: &str = "the guide's shell was opened after step";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// The guide's blocks (not the scenario's own steps).
    pub blocks: usize,
    /// Blocks that ran (passed or failed).
    pub ran: usize,
    /// Of those, the ones that compared output with the guide (a
    /// transcript's lines, an output block, a result block).
    pub checked: usize,
    /// Blocks that hold another's expected output (output and result blocks).
    pub expected_output: usize,
    /// Blocks skipped, by why, in the guide's order of first appearance.
    pub skipped: Vec<(Skipped, usize)>,
    /// Blocks not run (after a failure, or not selected).
    pub not_run: usize,
    /// `ran` in percent of the blocks that could run (all but the
    /// expected-output blocks and those not selected); 100 when none could.
    pub percent: u32,
    /// `--min-run` or `min-run:`, when given.
    pub min_run: Option<u32>,
}

impl Coverage {
    pub fn of(plan: &Plan, results: &[StepResult], min_run: Option<u32>) -> Coverage {
        let mut c = Coverage {
            min_run,
            ..Coverage::default()
        };
        let (mut not_selected, mut decided) = (0, 0);
        for result in results {
            let Some(step) = plan.steps.iter().find(|s| s.number == result.number) else {
                continue;
            };
            if step.from_scenario.is_some() {
                continue;
            }
            c.blocks += 1;
            match (&result.status, &step.action) {
                (
                    _,
                    Action::Skip {
                        kind: SkipKind::ResultBlock,
                        ..
                    },
                ) => c.expected_output += 1,
                (Status::Passed | Status::Failed, _) => {
                    c.ran += 1;
                    c.checked += usize::from(compares_output(step));
                }
                (Status::Skipped(_), action) => {
                    let why = why_skipped(step, action);
                    // The guide decided (scrut's skip code): nothing left out.
                    decided += usize::from(why == Skipped::SkipCode);
                    c.add(why);
                }
                (Status::NotRun(why), _)
                    if why == "not selected"
                        || why.starts_with(RESTORED)
                        || why.starts_with(SHELL_OPENED) =>
                {
                    not_selected += 1
                }
                (Status::NotRun(_), _) => c.not_run += 1,
            }
        }
        let could = c.blocks - c.expected_output - not_selected - decided;
        c.percent = match could {
            0 => 100,
            n => (c.ran * 100 / n) as u32,
        };
        c
    }

    fn add(&mut self, why: Skipped) {
        match self.skipped.iter_mut().find(|(w, _)| *w == why) {
            Some((_, n)) => *n += 1,
            None => self.skipped.push((why, 1)),
        }
    }

    pub fn skipped_total(&self) -> usize {
        self.skipped.iter().map(|(_, n)| n).sum()
    }

    /// Below `min-run`: the guide fails.
    pub fn below_min_run(&self) -> bool {
        self.min_run.is_some_and(|min| self.percent < min)
    }

    /// A passing guide whose blocks mostly did not run says so, unless
    /// `min-run` says how much must (and so what is enough).
    pub fn warning(&self) -> Option<String> {
        if self.percent >= WARN_BELOW || self.min_run.is_some() {
            return None;
        }
        Some(format!(
            "most of this guide did not run: {} of its {} blocks ({}%); bind the skipped ones (a file, or commands by language: docs/guides.md#files-and-commands-by-language), or give --min-run (min-run: in .doccheck.yaml) to fail such a guide",
            self.ran,
            self.blocks - self.expected_output,
            self.percent
        ))
    }
}

/// Whether the step compares output with what the guide shows.
fn compares_output(step: &Step) -> bool {
    step.result.is_some()
        || match &step.action {
            Action::Run { commands, .. } => commands
                .iter()
                .any(|c| c.expected.as_ref().is_some_and(|e| !e.is_empty())),
            Action::CheckFragment { .. } => true,
            _ => false,
        }
}

fn why_skipped(step: &Step, action: &Action) -> Skipped {
    match action {
        Action::Skip {
            kind: SkipKind::NotRunnable,
            ..
        } if step.lang.is_empty() => Skipped::NoLanguage,
        Action::Skip {
            kind: SkipKind::NotRunnable,
            ..
        } => Skipped::Lang(step.lang.clone()),
        Action::Skip { .. } => Skipped::Asked,
        _ => Skipped::SkipCode,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_of_the_blocks_that_could_run() {
        let c = Coverage {
            blocks: 65,
            ran: 2,
            percent: 3,
            ..Coverage::default()
        };
        assert!(c
            .warning()
            .unwrap()
            .starts_with("most of this guide did not run: 2 of its 65 blocks (3%)"));
        let c = Coverage {
            min_run: Some(50),
            ..c
        };
        assert!(c.below_min_run() && c.warning().is_none());
        let c = Coverage {
            percent: 100,
            ..Coverage::default()
        };
        assert!(!c.below_min_run() && c.warning().is_none());
    }
}
