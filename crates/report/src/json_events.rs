//! `--format json-events`: the run's events as they happen, one JSON object
//! a line, flushed at once, for an editor that marks blocks while they run.
//! Each object has `schema_version`, `event`, `elapsed_ms` since the run
//! began and, for a guide's events, `guide_id` (the guide's place in the run:
//! guides run in parallel interleave) and `guide`. A guide's run ends with
//! `guide-finished`, which carries the same document `--format json` prints.
//! docs/json.md documents every event; docs/schema/report.schema.json's
//! `event` definition is its schema.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use doccheck_runner::events::{StepResult, Updates};
use doccheck_runner::Event as RunEvent;
use serde::Serialize;
use serde_json::json;

use crate::case::step_of;
use crate::json::{self, SCHEMA_VERSION};
use crate::{Event, GuideId, Plans, Reporter};

/// One line: the common fields first, then the event's own.
#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    schema_version: u32,
    event: &'a str,
    elapsed_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    guide_id: Option<GuideId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guide: Option<&'a str>,
    #[serde(flatten)]
    fields: T,
}

pub struct JsonEvents {
    started: Instant,
    plans: Plans,
    running: HashMap<GuideId, (Vec<StepResult>, Option<Updates>)>,
}

impl Default for JsonEvents {
    fn default() -> Self {
        JsonEvents {
            started: Instant::now(),
            plans: Plans::default(),
            running: HashMap::new(),
        }
    }
}

impl JsonEvents {
    /// Prints one event: its name, the common fields, then `fields`.
    fn emit(&self, event: &str, guide: Option<(GuideId, &str)>, fields: impl Serialize) {
        crate::out(&json::line(&Line {
            schema_version: SCHEMA_VERSION,
            event,
            elapsed_ms: self.started.elapsed().as_millis() as u64,
            guide_id: guide.map(|g| g.0),
            guide: guide.map(|g| g.1),
            fields,
        }));
    }

    fn run(&mut self, id: GuideId, event: &RunEvent) {
        let Some(plan) = self.plans.observe(id, event) else {
            return;
        };
        let guide = Some((id, plan.guide.as_str()));
        match event {
            RunEvent::Started(_) => {
                self.running.insert(id, Default::default());
                let steps: Vec<_> = plan
                    .steps
                    .iter()
                    .map(|s| json::step_doc(&plan, s, None))
                    .collect();
                let scenario = plan.scenario.as_ref().map(|s| s.display().to_string());
                self.emit("guide-started", guide, Started { scenario, steps });
            }
            RunEvent::Preparing(what) => self.emit("preparing", guide, json!({ "what": what })),
            RunEvent::StepStarted { number } => {
                let line = plan
                    .steps
                    .iter()
                    .find(|s| s.number == *number)
                    .map(|s| s.line);
                self.emit(
                    "step-started",
                    guide,
                    json!({ "step": number, "line": line }),
                );
            }
            RunEvent::StepFinished(result) => {
                let result_doc =
                    step_of(&plan, result).map(|s| json::step_doc(&plan, s, Some(result)));
                let fields = StepFinished {
                    step: result.number,
                    result: result_doc,
                };
                self.emit("step-finished", guide, fields);
                self.running.entry(id).or_default().0.push(result.clone());
            }
            RunEvent::Updated(updates) => {
                let rewrites: Vec<_> = updates
                    .rewrites
                    .iter()
                    .map(|r| json!({ "file": r.file, "line": r.line, "command": r.command, "what": r.what }))
                    .collect();
                self.emit("updated", guide, json!({ "rewrites": rewrites }));
                self.running.entry(id).or_default().1 = Some(updates.clone());
            }
            RunEvent::Finished(summary) => {
                let (results, updates) = self.running.remove(&id).unwrap_or_default();
                let run = json::run_doc(&plan, &results, updates.as_ref(), summary);
                self.emit("guide-finished", guide, one("run", run));
                self.plans.end(id);
            }
        }
    }
}

#[derive(Serialize)]
struct Started<S: Serialize> {
    scenario: Option<String>,
    steps: Vec<S>,
}

#[derive(Serialize)]
struct StepFinished<S: Serialize> {
    step: usize,
    result: Option<S>,
}

/// `{key: document}`, the document's fields in their order.
fn one<T: Serialize>(key: &'static str, document: T) -> BTreeMap<&'static str, T> {
    BTreeMap::from([(key, document)])
}

impl Reporter for JsonEvents {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => self.run(*guide, event),
            Event::Listed { guide, plan } => self.emit(
                "listed",
                Some((*guide, plan.guide.as_str())),
                one("list", json::list_doc(plan)),
            ),
            Event::Translation { guide, checked } => self.emit(
                "translation",
                Some((*guide, checked.guide.as_str())),
                one("translation", json::translation_doc(checked)),
            ),
            Event::Empty { guide, name } => self.emit(
                "empty",
                Some((*guide, name.as_str())),
                one("empty", json::empty_doc(name)),
            ),
            Event::Cached { guide, plan, entry } => self.emit(
                "guide-cached",
                Some((*guide, plan.guide.as_str())),
                one("run", json::cached_doc(plan, entry)),
            ),
            Event::Error { guide, name, error } => {
                self.running.remove(guide);
                self.plans.end(*guide);
                self.emit(
                    "error",
                    Some((*guide, name.as_str())),
                    one("error", json::error_doc(name, error)),
                );
            }
            Event::Interrupted(signal) => self.emit(
                "interrupted",
                None,
                json!({ "signal": doccheck_runner::signals::name(*signal) }),
            ),
            Event::Done(outcome) => self.emit(
                "done",
                None,
                json!({
                    "passed": outcome.passed,
                    "updated": outcome.updated,
                    "cached": outcome.cached,
                    "failed": outcome.failed,
                    "errors": outcome.errors,
                    "empty": outcome.empty,
                    "listed": outcome.listed,
                    "flaky": outcome.flaky,
                    "interrupted": outcome.interrupted.map(doccheck_runner::signals::name),
                    "exit_code": outcome.exit_code(),
                }),
            ),
        }
    }
}
