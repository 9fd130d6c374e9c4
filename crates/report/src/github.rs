//! GitHub Actions workflow commands: `::error file=..,line=..::message`, which
//! GitHub shows on the guide's line in the pull request. Printed when a
//! guide's run ends, for the steps that failed, unless `--update` rewrote
//! them all (the guide passes then). On stdout with the human format; on
//! stderr with `--format json`, so stdout stays pure JSON (the Actions runner
//! reads commands on both streams).

use std::collections::HashMap;

use doccheck_runner::events::{Status, Verdict};
use doccheck_runner::Event as RunEvent;

use crate::case::{finding_cases, step_case, step_of, Case, CaseOutcome};
use crate::{Event, GuideId, Plans, Reporter};

/// Whether annotations should be printed: GitHub sets GITHUB_ACTIONS=true.
pub fn enabled() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

pub struct Github {
    /// Annotations go to stderr instead of stdout.
    to_stderr: bool,
    plans: Plans,
    /// The failing steps of runs under way.
    failed: HashMap<GuideId, Vec<Case>>,
}

impl Github {
    pub fn new(to_stderr: bool) -> Github {
        Github {
            to_stderr,
            plans: Plans::default(),
            failed: HashMap::new(),
        }
    }

    fn print(&self, text: &str) {
        if self.to_stderr {
            crate::err(text)
        } else {
            crate::out(text)
        }
    }
}

impl Reporter for Github {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => {
                let Some(plan) = self.plans.observe(*guide, event) else {
                    return;
                };
                match event {
                    RunEvent::StepFinished(result) if result.status == Status::Failed => {
                        if let Some(step) = step_of(&plan, result) {
                            let case = step_case(&plan, step, result);
                            self.failed.entry(*guide).or_default().push(case);
                        }
                    }
                    // Passed on a retry: a warning, so that flakes are seen, not hidden.
                    RunEvent::StepFinished(result) if result.flaky() => {
                        if let Some(step) = step_of(&plan, result) {
                            let mut case = step_case(&plan, step, result);
                            case.outcome = CaseOutcome::Warning;
                            case.message = Some(format!(
                                "flaky: passed on a retry; the machine failed it first: {}",
                                case.flaky.join("; ")
                            ));
                            case.detail = String::new();
                            self.failed.entry(*guide).or_default().push(case);
                        }
                    }
                    RunEvent::Finished(summary) => {
                        self.plans.end(*guide);
                        let failed = self.failed.remove(guide).unwrap_or_default();
                        if summary.verdict != Verdict::Updated {
                            self.print(&annotations(&failed));
                        }
                    }
                    _ => {}
                }
            }
            Event::Error { guide, name, error } => {
                self.plans.end(*guide);
                self.failed.remove(guide);
                // An annotation for each error found at once, each at its own line.
                for error in error.each() {
                    let place = match &error.location {
                        Some(l) => format!(
                            "file={},line={},col={},",
                            escape_property(&l.file),
                            l.line,
                            l.column
                        ),
                        None => format!("file={},", escape_property(name)),
                    };
                    self.print(&format!(
                        "::error {place}title=doccheck%3A error::{}\n",
                        escape_data(&error.message)
                    ));
                }
            }
            Event::Translation { checked, .. } => {
                self.print(&annotations(&finding_cases(
                    &checked.guide,
                    &checked.findings,
                )));
            }
            Event::Listed { .. }
            | Event::Empty { .. }
            | Event::Cached { .. }
            | Event::Interrupted(_)
            | Event::Done(_) => {}
        }
    }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn annotations(cases: &[Case]) -> String {
    let mut out = String::new();
    for case in cases {
        let level = match case.outcome {
            CaseOutcome::Failed => "error",
            CaseOutcome::Warning => "warning",
            _ => continue,
        };
        let mut message = case.message.clone().unwrap_or_default();
        if !case.detail.is_empty() {
            message.push('\n');
            message.push_str(&case.detail);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            escape_property(&case.file),
            case.failure_line,
            case.failure_column,
            escape_property(&format!("doccheck: {}", case.name)),
            escape_data(message.trim_end())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn failures_become_escaped_error_commands() {
        let case = Case {
            name: "step 2: echo a, b".into(),
            file: "docs/a.md".into(),
            line: 6,
            column: 1,
            failure_line: 7,
            failure_column: 1,
            outcome: CaseOutcome::Failed,
            duration: Duration::ZERO,
            message: Some("exit code 1 (expected 0)".into()),
            detail: "100% sure\n".into(),
            flaky: Vec::new(),
        };
        let passed = Case {
            outcome: CaseOutcome::Passed,
            ..case.clone()
        };
        assert_eq!(
            annotations(&[case, passed]),
            "::error file=docs/a.md,line=7,col=1,title=doccheck%3A step 2%3A echo a%2C b::exit code 1 (expected 0)%0A100%25 sure\n"
        );
    }
}
