//! Results → what people and CI read: the terminal, JSON, JUnit XML and GitHub
//! Actions annotations. Steps and translation findings both become [`Case`]s, so
//! every format shows them the same way.

pub mod github;
pub mod json;
pub mod junit;
pub mod terminal;

use std::time::Duration;

use crate::exec::{RunReport, Status, StepResult};
use crate::plan::{Plan, Step};

/// One reportable outcome with a place in a file: a step, or a finding.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub outcome: CaseOutcome,
    pub duration: Duration,
    /// One sentence: why it failed, or why it was skipped.
    pub message: Option<String>,
    /// Longer text: the command, its output, the diff.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseOutcome {
    Passed,
    Failed,
    Warning,
    Skipped,
    NotRun,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub not_run: usize,
}

pub fn counts(results: &[StepResult]) -> Counts {
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

/// The last `n` lines of `text`, and how many there were in all.
pub fn tail(text: &str, n: usize) -> (Vec<&str>, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let total = lines.len();
    (lines[total.saturating_sub(n)..].to_vec(), total)
}

pub const OUTPUT_TAIL: usize = 25;

/// Plain-text detail of a step's result: each command with its output and diff.
pub fn step_detail(result: &StepResult) -> String {
    let mut out = String::new();
    for run in &result.commands {
        out.push_str(&format!("$ {}\n", run.documented.replace('\n', "\n> ")));
        if let Some(as_run) = &run.run {
            out.push_str(&format!("  (run as: {})\n", as_run.replace('\n', " ")));
        }
        if let Some(code) = run.exit {
            out.push_str(&format!(
                "exit code {code} (expected {})\n",
                run.expected_exit
            ));
        }
        if run.failure.is_some() {
            let (lines, total) = tail(&run.output, OUTPUT_TAIL);
            if total > lines.len() {
                out.push_str(&format!("output, last {} of {total} lines:\n", lines.len()));
            } else if total > 0 {
                out.push_str("output:\n");
            }
            for line in lines {
                out.push_str(&format!("  | {line}\n"));
            }
            if let Some(diff) = &run.diff {
                out.push_str("diff (- expected, + actual):\n");
                for d in diff {
                    out.push_str(&format!("  {}{}\n", d.tag, d.text));
                }
            }
        }
    }
    for note in &result.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out
}

pub fn step_case(plan: &Plan, step: &Step, result: &StepResult) -> Case {
    let (outcome, message) = match &result.status {
        Status::Passed => (CaseOutcome::Passed, None),
        Status::Failed => (CaseOutcome::Failed, result.message.clone()),
        Status::Skipped(why) => (CaseOutcome::Skipped, Some(why.clone())),
        Status::NotRun(why) => (CaseOutcome::NotRun, Some(format!("not run: {why}"))),
    };
    // A failure points at the failing command's own line.
    let line = result
        .commands
        .iter()
        .find(|c| c.failure.is_some())
        .map_or(step.line, |c| c.line);
    Case {
        name: format!("step {}: {}", step.number, step.summary()),
        file: plan.guide.clone(),
        line,
        column: if line == step.line { step.column } else { 1 },
        outcome,
        duration: result.duration,
        message,
        detail: step_detail(result),
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
            outcome: match f.severity {
                doccheck_l10n::Severity::Error => CaseOutcome::Failed,
                doccheck_l10n::Severity::Warning => CaseOutcome::Warning,
            },
            duration: Duration::ZERO,
            message: Some(f.message.clone()),
            detail: f.diff.clone().unwrap_or_default(),
        })
        .collect()
}

pub fn step_cases(plan: &Plan, run: &RunReport) -> Vec<Case> {
    plan.steps
        .iter()
        .zip(&run.results)
        .map(|(s, r)| step_case(plan, s, r))
        .collect()
}
