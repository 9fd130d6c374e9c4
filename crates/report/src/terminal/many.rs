//! The terminal report of a run of several guides: a ✓/✗ line per guide as it
//! finishes, then the failing guides' details and a summary of them all.

use std::time::Instant;

use console::style;
use doccheck_guide::plan::Plan;
use doccheck_runner::events::{self, Counts, StepResult, Verdict};
use doccheck_runner::Event;

use super::live::Live;
use super::{header, step_line, summary};
use crate::case::step_of;

struct Guide {
    name: String,
    results: Vec<StepResult>,
    /// The step lines, kept to show a failing guide's details at the end.
    lines: String,
}

pub struct Many {
    started: Instant,
    running: Vec<Guide>,
    /// The details of guides that did not pass, in the order they ended.
    failures: Vec<String>,
    passed: usize,
    failed: usize,
    errors: usize,
    empty: usize,
    listed: usize,
    steps: Counts,
}

impl Many {
    pub fn new() -> Many {
        Many {
            started: Instant::now(),
            running: Vec::new(),
            failures: Vec::new(),
            passed: 0,
            failed: 0,
            errors: 0,
            empty: 0,
            listed: 0,
            steps: Counts::default(),
        }
    }

    pub fn started(&mut self, plan: &Plan, live: &Live) {
        self.running.push(Guide {
            name: plan.guide.clone(),
            results: Vec::new(),
            lines: header(plan),
        });
        live.running(&plan.guide, format!("{}  starting", plan.guide));
    }

    pub fn event(&mut self, plan: &Plan, event: &Event, live: &Live) {
        let Some(at) = self.running.iter().position(|g| g.name == plan.guide) else {
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
                let guide = &mut self.running[at];
                if let Some(step) = step_of(plan, result) {
                    guide.lines.push_str(&step_line(&plan.guide, step, result));
                }
                guide.results.push(super::outcome(result));
            }
            Event::Finished(run) => {
                live.idle(&plan.guide);
                let mut guide = self.running.remove(at);
                let counts = Counts::of(&guide.results);
                self.steps.passed += counts.passed;
                self.steps.failed += counts.failed;
                self.steps.skipped += counts.skipped;
                self.steps.not_run += counts.not_run;
                let verdict = events::verdict(&guide.results, run);
                let mark = if verdict == Verdict::Passed {
                    self.passed += 1;
                    style("✓").green().to_string()
                } else {
                    self.failed += 1;
                    style("✗").red().bold().to_string()
                };
                let mut why = String::new();
                let text = super::verdict_text(plan, &guide.results, run, &mut why);
                live.print(&format!("{mark} {}  {text}\n", plan.guide));
                if verdict != Verdict::Passed {
                    guide.lines.push_str(&summary(plan, &guide.results, run));
                    self.failures.push(guide.lines);
                }
            }
        }
    }

    pub fn error(&mut self, guide: &str, error: &doccheck_guide::Error, live: &Live) {
        self.errors += 1;
        self.running.retain(|g| g.name != guide);
        live.idle(guide);
        live.print(&format!(
            "{} {guide}  {} {error}\n",
            style("✗").red().bold(),
            style("error:").red().bold()
        ));
    }

    pub fn empty(&mut self, guide: &str) {
        self.empty += 1;
        crate::out(&format!(
            "{} {guide}  nothing to run (no command or file block)\n",
            style("-").yellow()
        ));
    }

    pub fn listed(&mut self) {
        self.listed += 1;
    }

    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        if self.listed > 0 {
            return format!(
                "{} guides, {} with nothing to run\n",
                self.listed + self.empty,
                self.empty
            );
        }
        for details in &self.failures {
            out.push_str(&format!("\n{}\n{details}", style("──").dim()));
        }
        let guides = self.passed + self.failed + self.errors + self.empty;
        let verdict = if self.failed + self.errors == 0 {
            style("ok").green().bold()
        } else {
            style("FAILED").red().bold()
        };
        out.push_str(&format!(
            "\ndoccheck: {verdict}. {guides} guides: {} passed, {} failed, {} with errors, {} with nothing to run; steps: {} passed, {} failed, {} skipped, {} not run; {:.1}s\n",
            self.passed,
            self.failed,
            self.errors,
            self.empty,
            self.steps.passed,
            self.steps.failed,
            self.steps.skipped,
            self.steps.not_run,
            self.started.elapsed().as_secs_f64()
        ));
        out
    }
}
