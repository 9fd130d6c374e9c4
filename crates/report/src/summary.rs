//! The CI job summary: Markdown for GitHub Actions' `$GITHUB_STEP_SUMMARY`
//! (the page of the job run): a table of the guides (status, steps, time),
//! then each failing step with its guide:line, the command and a short diff,
//! and each guide that could not run or whose translation failed. Appended
//! to the file once, at the end (other steps of the job write there too),
//! and kept under GitHub's 1 MiB limit.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use doccheck_runner::events::{Counts, Status, StepResult};
use doccheck_runner::Event as RunEvent;

use crate::case::{step_of, tail};
use crate::{printable, Event, GuideId, Outcome, Plans, Reporter};

/// GitHub refuses a step's summary over 1 MiB; ours stops well before.
const LIMIT: usize = 900 * 1024;
/// Diff lines shown per failing step.
const DIFF_LINES: usize = 20;

/// Where GitHub Actions wants the summary, when it does.
pub fn github_path() -> Option<PathBuf> {
    let actions = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())?;
    actions.then(|| PathBuf::from(path))
}

struct Row {
    guide: String,
    status: &'static str,
    steps: String,
    time: Option<Duration>,
}

pub struct Summary {
    path: PathBuf,
    plans: Plans,
    running: HashMap<GuideId, Vec<StepResult>>,
    rows: Vec<Row>,
    /// Failing steps and errors, as Markdown sections.
    details: Vec<String>,
    outcome: Option<Outcome>,
}

impl Summary {
    pub fn new(path: PathBuf) -> Summary {
        Summary {
            path,
            plans: Plans::default(),
            running: HashMap::new(),
            rows: Vec::new(),
            details: Vec::new(),
            outcome: None,
        }
    }

    fn run(&mut self, guide: GuideId, event: &RunEvent) {
        let Some(plan) = self.plans.observe(guide, event) else {
            return;
        };
        match event {
            RunEvent::StepFinished(result) => {
                if result.status == Status::Failed {
                    if let Some(step) = step_of(&plan, result) {
                        let place = format!(
                            "{}:{}",
                            plan.guide,
                            result.failing_line().unwrap_or(step.line)
                        );
                        self.details.push(failing_step(
                            &place,
                            step.number,
                            &step.summary(),
                            result,
                        ));
                    }
                }
                let mut kept = StepResult::new(result.number, result.status.clone());
                kept.duration = result.duration;
                self.running.entry(guide).or_default().push(kept);
            }
            RunEvent::Finished(summary) => {
                self.plans.end(guide);
                let results = self.running.remove(&guide).unwrap_or_default();
                let c = Counts::of(&results);
                self.rows.push(Row {
                    guide: plan.guide.clone(),
                    status: match summary.verdict.passed() {
                        true => "✅ passed",
                        false => "❌ failed",
                    },
                    steps: format!(
                        "{} passed, {} failed, {} skipped, {} not run",
                        c.passed, c.failed, c.skipped, c.not_run
                    ),
                    time: Some(summary.duration),
                });
            }
            _ => {}
        }
    }

    fn render(&self) -> String {
        let mut out = String::new();
        let verdict = match &self.outcome {
            Some(o) if o.passed() => "✅ ok",
            Some(o) if o.interrupted.is_some() => "⚠️ interrupted",
            _ => "❌ FAILED",
        };
        let _ = writeln!(out, "## doccheck: {verdict}\n");
        if let Some(o) = &self.outcome {
            let _ = writeln!(
                out,
                "{} guides: {} passed, {} failed, {} with errors, {} with nothing to run; steps: {} passed, {} failed, {} skipped, {} not run\n",
                o.passed + o.updated + o.cached + o.failed + o.errors + o.empty,
                o.passed + o.updated + o.cached,
                o.failed,
                o.errors,
                o.empty,
                o.steps.passed,
                o.steps.failed,
                o.steps.skipped,
                o.steps.not_run
            );
        }
        out.push_str("| guide | status | steps | time |\n| --- | --- | --- | ---: |\n");
        for row in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&row.guide),
                row.status,
                cell(&row.steps),
                row.time
                    .map(|t| format!("{:.1}s", t.as_secs_f64()))
                    .unwrap_or_default()
            );
        }
        for detail in &self.details {
            if out.len() + detail.len() > LIMIT {
                let _ = writeln!(
                    out,
                    "\n…and more: the summary stops here (GitHub keeps 1 MiB); the job's log and reports have everything."
                );
                break;
            }
            out.push('\n');
            out.push_str(detail.trim_end());
            out.push('\n');
        }
        out
    }
}

impl Reporter for Summary {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => self.run(*guide, event),
            Event::Error { guide, name, error } => {
                self.plans.end(*guide);
                self.running.remove(guide);
                self.rows.push(Row {
                    guide: name.clone(),
                    status: "❌ error",
                    steps: String::new(),
                    time: None,
                });
                let place = error
                    .location
                    .as_ref()
                    .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
                    .unwrap_or_else(|| name.clone());
                self.details.push(format!(
                    "### ❌ {}: could not run\n\n{}\n",
                    code_span(&place),
                    fenced("text", &error.message)
                ));
            }
            Event::Translation { checked, .. } => {
                self.rows.push(Row {
                    guide: format!("{} (translation)", checked.guide),
                    status: if checked.passed() {
                        "✅ passed"
                    } else {
                        "❌ failed"
                    },
                    steps: format!(
                        "{} errors, {} warnings",
                        checked.errors,
                        checked.findings.len() - checked.errors
                    ),
                    time: None,
                });
                let errors: Vec<String> = checked
                    .findings
                    .iter()
                    .filter(|f| f.severity == doccheck_l10n::Severity::Error)
                    .map(|f| {
                        format!(
                            "- {} {}: {}",
                            code_span(&format!("{}:{}:{}", checked.guide, f.line, f.column)),
                            f.rule,
                            printable::line(&f.message, printable::FILE)
                        )
                    })
                    .collect();
                if !errors.is_empty() {
                    self.details.push(format!(
                        "### ❌ {} (translation)\n\n{}\n",
                        code_span(&checked.guide),
                        errors.join("\n")
                    ));
                }
            }
            Event::Cached { plan, entry, .. } => self.rows.push(Row {
                guide: plan.guide.clone(),
                status: "✅ cached",
                steps: format!("{} steps passed in an earlier run", entry.steps.len()),
                time: None,
            }),
            Event::Listed { .. } | Event::Empty { .. } | Event::Interrupted(_) => {}
            Event::Done(outcome) => self.outcome = Some(outcome.clone()),
        }
    }

    fn finish(&mut self) -> Result<(), String> {
        let text = self.render();
        let shown = self.path.display();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(|e| format!("cannot write the job summary {shown}: {e}"))?;
        // One write: another step's summary never lands inside ours.
        file.write_all(text.as_bytes())
            .map_err(|e| format!("cannot write the job summary {shown}: {e}"))
    }
}

/// A failing step: where, the command, why, and the start of its diff.
fn failing_step(place: &str, number: usize, summary: &str, result: &StepResult) -> String {
    let mut out = format!(
        "### ❌ {} step {number}: {}\n\n",
        code_span(place),
        cell(summary)
    );
    if let Some(why) = result.why() {
        let _ = writeln!(
            out,
            "{}\n",
            printable::line(&why.to_string(), printable::FILE)
        );
    }
    for run in result.commands.iter().filter(|c| c.failure.is_some()) {
        let mut text = format!("$ {}\n", run.documented.replace('\n', "\n> "));
        match run.failure.as_ref().and_then(|f| f.diff()) {
            Some(diff) => {
                for d in diff.iter().take(DIFF_LINES) {
                    let _ = writeln!(
                        text,
                        "{}{}",
                        d.tag,
                        printable::line(&d.text, printable::FILE)
                    );
                }
                if diff.len() > DIFF_LINES {
                    let _ = writeln!(text, "… {} more diff lines", diff.len() - DIFF_LINES);
                }
                out.push_str(&fenced("diff", &text));
            }
            None => {
                let (lines, total) = tail(&run.output, DIFF_LINES);
                if total > lines.len() {
                    let _ = writeln!(text, "… (last {} of {total} lines)", lines.len());
                }
                for line in lines {
                    let _ = writeln!(text, "{}", printable::line(line, printable::FILE));
                }
                out.push_str(&fenced("console", &text));
            }
        }
        out.push('\n');
    }
    out
}

/// A table cell: pipes and newlines would break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Inline code that holds any backticks the text has.
fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", cell(text))
}

/// A fenced block longer than any run of backticks inside it.
fn fenced(lang: &str, text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let body = printable::text(text, printable::FILE);
    let newline = if body.ends_with('\n') { "" } else { "\n" };
    format!("{fence}{lang}\n{body}{newline}{fence}\n")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_that_text_cannot_break() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(code_span("docs/a.md:3"), "`docs/a.md:3`");
        assert_eq!(code_span("a `b` c"), "``a `b` c``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(fenced("diff", "-a\n+b\n"), "```diff\n-a\n+b\n```\n");
        assert_eq!(fenced("text", "```\nx"), "````text\n```\nx\n````\n");
    }
}
