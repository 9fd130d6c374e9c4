//! `--html FILE`: one self-contained page (styles and script inline, nothing
//! loaded from anywhere) that shows each guide as its readers see it, with
//! every fenced block annotated in place with what the run made of it; an
//! index of the guides when there are several; translations side by side.
//! Written once, at the end, through a temporary file and a rename.
//!
//! Every block carries `data-step` and `data-status`, every guide's section
//! `data-guide` and `data-verdict`, for tests and users' scripts.

mod escape;
mod guide;
mod markdown;
mod page;
mod step;
#[cfg(test)]
mod tests;
mod translation;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use doccheck_guide::plan::Plan;
use doccheck_runner::events::{RunSummary, Status, Updates};
use doccheck_runner::Event as RunEvent;

use crate::{Event, GuideId, Outcome, Plans, Reporter, Translation};
use step::Done;

/// What the page shows of one guide.
enum Section {
    // Boxed: a run's summary is large beside the other sections.
    Run(Box<Run>),
    Translation(Translation),
    Error {
        name: String,
        error: doccheck_guide::Error,
    },
    Empty {
        name: String,
    },
}

/// A guide's run: its plan, its steps as they finished, and how it ended.
struct Run {
    plan: Arc<Plan>,
    steps: BTreeMap<usize, Done>,
    updates: Option<Updates>,
    /// `None` if the run never said it finished.
    summary: Option<RunSummary>,
    /// Not run: the key of the earlier passing run it stands for (`--cache`).
    cached: Option<String>,
}

pub struct Html {
    path: PathBuf,
    plans: Plans,
    sections: BTreeMap<GuideId, Section>,
    running: HashMap<GuideId, Run>,
    outcome: Option<Outcome>,
    interrupted: Option<i32>,
}

impl Html {
    pub fn new(path: PathBuf) -> Html {
        Html {
            path,
            plans: Plans::default(),
            sections: BTreeMap::new(),
            running: HashMap::new(),
            outcome: None,
            interrupted: None,
        }
    }

    fn run(&mut self, guide: GuideId, event: &RunEvent) {
        let Some(plan) = self.plans.observe(guide, event) else {
            return;
        };
        let run = self.running.entry(guide).or_insert_with(|| Run {
            plan: Arc::clone(&plan),
            steps: BTreeMap::new(),
            updates: None,
            summary: None,
            cached: None,
        });
        match event {
            RunEvent::StepFinished(result) => {
                run.steps.insert(result.number, Done::of(result));
            }
            RunEvent::Updated(updates) => run.updates = Some(updates.clone()),
            RunEvent::Finished(summary) => {
                self.plans.end(guide);
                if let Some(mut run) = self.running.remove(&guide) {
                    run.summary = Some(summary.clone());
                    self.sections.insert(guide, Section::Run(Box::new(run)));
                }
            }
            RunEvent::Started(_) | RunEvent::Preparing(_) | RunEvent::StepStarted { .. } => {}
        }
    }

    /// The whole page, as `finish` writes it.
    pub fn render(&mut self) -> String {
        // A run that never finished (the binary stopped it) is shown as far as it went.
        for (guide, run) in self.running.drain() {
            self.sections
                .entry(guide)
                .or_insert(Section::Run(Box::new(run)));
        }
        page::render(&self.sections, self.outcome.as_ref(), self.interrupted)
    }
}

/// A guide `--cache` did not run, shown as its earlier passing run left it:
/// each block's status then, no output.
fn cached(plan: &Arc<Plan>, entry: &doccheck_cache::Entry) -> Run {
    let steps = entry
        .steps
        .iter()
        .map(|s| {
            let status = match s.status.as_str() {
                "passed" => Status::Passed,
                "skipped" => Status::Skipped("in the cached run".into()),
                _ => Status::NotRun("in the cached run".into()),
            };
            (s.number, Done::cached(status))
        })
        .collect();
    Run {
        plan: Arc::clone(plan),
        steps,
        updates: None,
        summary: Some(RunSummary {
            duration: Duration::from_millis(entry.duration_ms),
            notes: vec![format!(
                "not run: an earlier run with the same key ({}) passed; the statuses are that run's",
                &entry.key[..entry.key.len().min(12)]
            )],
            ..RunSummary::default()
        }),
        cached: Some(entry.key.clone()),
    }
}

impl Reporter for Html {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => self.run(*guide, event),
            Event::Translation { guide, checked } => {
                self.sections
                    .insert(*guide, Section::Translation(checked.clone()));
            }
            Event::Error { guide, name, error } => {
                self.running.remove(guide);
                self.plans.end(*guide);
                self.sections.insert(
                    *guide,
                    Section::Error {
                        name: name.clone(),
                        error: error.clone(),
                    },
                );
            }
            Event::Empty { guide, name } => {
                self.sections
                    .insert(*guide, Section::Empty { name: name.clone() });
            }
            Event::Cached { guide, plan, entry } => {
                self.sections
                    .insert(*guide, Section::Run(Box::new(cached(plan, entry))));
            }
            Event::Interrupted(signal) => self.interrupted = Some(*signal),
            Event::Done(outcome) => self.outcome = Some(outcome.clone()),
            // --list runs nothing: `--html` is refused with it.
            Event::Listed { .. } => {}
        }
    }

    fn finish(&mut self) -> Result<(), String> {
        let html = self.render();
        crate::write_file(&self.path, &html)
    }
}
