//! The terminal report of a run of several guides: a ✓/✗ line per guide as it
//! finishes, then the failing guides' details and a summary of them all.

use std::collections::HashMap;
use std::time::Instant;

use console::style;
use doccheck_guide::plan::Plan;
use doccheck_runner::events::StepResult;
use doccheck_runner::Event;

use super::live::Live;
use super::{header, step_line, summary};
use crate::case::step_of;
use crate::{GuideId, Outcome};

struct Guide {
    results: Vec<StepResult>,
    /// The step lines, kept to show a failing guide's details at the end.
    lines: String,
}

pub struct Many {
    started: Instant,
    running: HashMap<GuideId, Guide>,
    /// The details of guides that did not pass, in the order they ended.
    failures: Vec<String>,
}

impl Many {
    pub fn new() -> Many {
        Many {
            started: Instant::now(),
            running: HashMap::new(),
            failures: Vec::new(),
        }
    }

    pub fn event(&mut self, id: GuideId, plan: &Plan, event: &Event, live: &Live) {
        if let Event::Started(plan) = event {
            self.running.insert(
                id,
                Guide {
                    results: Vec::new(),
                    lines: header(plan),
                },
            );
            live.running(&plan.guide, format!("{}  starting", plan.guide));
            return;
        }
        let Some(guide) = self.running.get_mut(&id) else {
            return;
        };
        match event {
            Event::Preparing(what) => live.running(&plan.guide, format!("{}  {what}", plan.guide)),
            Event::StepStarted { number } => {
                if let Some(step) = plan.steps.iter().find(|s| s.number == *number) {
                    live.running(
                        &plan.guide,
                        format!(
                            "{}  step {}/{}  {}",
                            plan.guide,
                            step.number,
                            plan.steps.len(),
                            step.summary()
                        ),
                    );
                }
            }
            Event::StepFinished(result) => {
                if let Some(step) = step_of(plan, result) {
                    guide.lines.push_str(&step_line(&plan.guide, step, result));
                }
                guide.results.push(super::outcome(result));
            }
            Event::Updated(_) | Event::Started(_) => {}
            Event::Finished(run) => {
                live.idle(&plan.guide);
                let Some(mut guide) = self.running.remove(&id) else {
                    return;
                };
                let mark = match run.verdict.passed() {
                    true => style("✓").green().to_string(),
                    false => style("✗").red().bold().to_string(),
                };
                let mut why = String::new();
                let text = super::verdict_text(plan, &guide.results, run, &mut why);
                live.print(&format!("{mark} {}  {text}\n", plan.guide));
                if !run.verdict.passed() {
                    guide.lines.push_str(&summary(plan, &guide.results, run));
                    self.failures.push(guide.lines);
                }
            }
        }
    }

    pub fn error(&mut self, id: GuideId, name: &str, error: &doccheck_guide::Error, live: &Live) {
        self.running.remove(&id);
        live.idle(name);
        live.print(&format!(
            "{} {name}  {} {error}\n",
            style("✗").red().bold(),
            style("error:").red().bold()
        ));
    }

    /// The failing guides' details, then the run's outcome.
    pub fn finish(&mut self, outcome: &Outcome) -> String {
        let mut out = String::new();
        if outcome.listed > 0 {
            return format!(
                "{} guides, {} with nothing to run\n",
                outcome.listed + outcome.empty,
                outcome.empty
            );
        }
        for details in &self.failures {
            out.push_str(&format!("\n{}\n{details}", style("──").dim()));
        }
        let passed = outcome.passed + outcome.updated + outcome.cached;
        let guides = passed + outcome.failed + outcome.errors + outcome.empty;
        let verdict = match outcome.passed() {
            true => style("ok").green().bold(),
            false => style("FAILED").red().bold(),
        };
        let mut also = Vec::new();
        if outcome.cached > 0 {
            also.push(format!("{} cached", outcome.cached));
        }
        if outcome.updated > 0 {
            also.push(format!("{} after --update", outcome.updated));
        }
        let updated = match also.is_empty() {
            true => String::new(),
            false => format!(" ({})", also.join(", ")),
        };
        let steps = &outcome.steps;
        out.push_str(&format!(
            "\ndoccheck: {verdict}. {guides} guides: {passed} passed{updated}, {} failed, {} with errors, {} with nothing to run; steps: {} passed{}, {} failed, {} skipped, {} not run; {:.1}s\n",
            outcome.failed,
            outcome.errors,
            outcome.empty,
            steps.passed,
            match outcome.flaky {
                0 => String::new(),
                n => format!(" ({n} flaky)"),
            },
            steps.failed,
            steps.skipped,
            steps.not_run,
            self.started.elapsed().as_secs_f64()
        ));
        out
    }
}

/// A guide with nothing to run, in a tree.
pub fn empty(name: &str) {
    crate::out(&format!(
        "{} {name}  nothing to run (no command or file block)\n",
        style("-").yellow()
    ));
}
