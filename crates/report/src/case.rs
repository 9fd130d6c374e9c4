//! One reportable outcome with a place in a file: a step, or a translation
//! finding. JUnit and GitHub annotations list cases.

use std::time::Duration;

use doccheck_guide::plan::{Plan, Step};
use doccheck_runner::events::{Status, StepResult};

use crate::printable;

#[derive(Debug, Clone)]
pub struct Case {
    /// Stable whatever the outcome: `step N: summary`.
    pub name: String,
    pub file: String,
    /// The step's line; `failure_line` is where a failure points.
    pub line: usize,
    pub column: usize,
    pub failure_line: usize,
    pub failure_column: usize,
    pub outcome: CaseOutcome,
    pub duration: Duration,
    /// One sentence: why it failed, or why it was skipped.
    pub message: Option<String>,
    /// Longer text: the command, its output, the diff.
    pub detail: String,
    /// Why each earlier attempt failed, for a step that passed on a retry.
    pub flaky: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseOutcome {
    Passed,
    Failed,
    Warning,
    Skipped,
    NotRun,
}

/// The last `n` lines of `text` (as `str::lines` reads them), and how many
/// there were in all: read from the end, so a long output costs a count.
pub fn tail(text: &str, n: usize) -> (Vec<&str>, usize) {
    if text.is_empty() {
        return (Vec::new(), 0);
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    let total = memchr::memchr_iter(b'\n', body.as_bytes()).count() + 1;
    let mut lines: Vec<&str> = body
        .rsplit('\n')
        .take(n)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    lines.reverse();
    (lines, total)
}

pub const OUTPUT_TAIL: usize = 25;

/// Plain-text detail of a step's result: each command with its output and
/// diff, shown as [`printable`] says for files.
pub fn step_detail(result: &StepResult) -> String {
    let shown = |text| printable::text(text, printable::FILE);
    let mut out = String::new();
    for run in &result.commands {
        out.push_str(&format!(
            "$ {}\n",
            shown(&run.documented).replace('\n', "\n> ")
        ));
        if let Some(as_run) = &run.run {
            out.push_str(&format!(
                "  (run as: {})\n",
                shown(as_run).replace('\n', " ")
            ));
        }
        if let Some(code) = run.exit {
            out.push_str(&format!("exit code {code} (expected {})\n", run.expected));
        }
        let Some(failure) = &run.failure else {
            continue;
        };
        let (lines, total) = tail(&run.output, OUTPUT_TAIL);
        if total > lines.len() {
            out.push_str(&format!("output, last {} of {total} lines:\n", lines.len()));
        } else if total > 0 {
            out.push_str("output:\n");
        }
        for line in lines {
            out.push_str(&format!("  | {}\n", printable::line(line, printable::FILE)));
        }
        if let Some(log) = failure.log() {
            out.push_str(&shown(log));
            out.push('\n');
        }
        if let Some(diff) = failure.diff() {
            out.push_str("diff (- expected, + actual):\n");
            for d in diff {
                let text = printable::line(&d.text, printable::FILE);
                out.push_str(&format!("  {}{text}\n", d.tag));
            }
        }
    }
    for note in &result.notes {
        out.push_str(&format!("note: {}\n", shown(note)));
    }
    out
}

pub fn step_case(plan: &Plan, step: &Step, result: &StepResult) -> Case {
    let (outcome, message) = match &result.status {
        Status::Passed => (CaseOutcome::Passed, None),
        Status::Failed => (
            CaseOutcome::Failed,
            result
                .why()
                .map(|f| printable::text(&f.to_string(), printable::FILE).into_owned()),
        ),
        Status::Skipped(why) => (CaseOutcome::Skipped, Some(why.clone())),
        Status::NotRun(why) => (CaseOutcome::NotRun, Some(format!("not run: {why}"))),
    };
    let failure_line = result.failing_line().unwrap_or(step.line);
    Case {
        name: format!("step {}: {}", step.number, step.summary()),
        file: plan.guide.clone(),
        line: step.line,
        column: step.column,
        failure_line,
        failure_column: if failure_line == step.line {
            step.column
        } else {
            1
        },
        outcome,
        duration: result.duration,
        message,
        detail: step_detail(result),
        flaky: result
            .attempts
            .iter()
            .map(|a| printable::text(&a.failure.to_string(), printable::FILE).into_owned())
            .collect(),
    }
}

/// Translation findings as cases: errors fail, warnings warn.
pub fn finding_cases(guide: &str, findings: &[doccheck_l10n::Finding]) -> Vec<Case> {
    findings
        .iter()
        .map(|f| Case {
            name: match &f.segment {
                Some(id) => format!("translation {} in segment {id}", f.rule),
                None => format!("translation {}", f.rule),
            },
            file: guide.to_string(),
            line: f.line,
            column: f.column,
            failure_line: f.line,
            failure_column: f.column,
            outcome: match f.severity {
                doccheck_l10n::Severity::Error => CaseOutcome::Failed,
                doccheck_l10n::Severity::Warning => CaseOutcome::Warning,
            },
            duration: Duration::ZERO,
            message: Some(f.message.clone()),
            detail: f.diff.clone().unwrap_or_default(),
            flaky: Vec::new(),
        })
        .collect()
}

/// The step a result belongs to.
pub fn step_of<'p>(plan: &'p Plan, result: &StepResult) -> Option<&'p Step> {
    plan.steps.iter().find(|s| s.number == result.number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_reads_lines_as_str_lines_does() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\nb\r\n",
            "a\n\nb",
            "\n",
            "a\n\n",
            "1\n2\n3\n4",
        ] {
            let lines: Vec<&str> = text.lines().collect();
            let (tail2, total) = tail(text, 2);
            assert_eq!(total, lines.len(), "{text:?}");
            assert_eq!(tail2, lines[lines.len().saturating_sub(2)..], "{text:?}");
        }
    }
}
