//! `--format json-events`: the run's events as they happen, one JSON object
//! a line, flushed at once, for an editor that marks blocks while they run.
//! Each object has `schema_version`, `event`, `elapsed_ms` since the run
//! began and, for a guide's events, `guide_id` (the guide's place in the run:
//! guides run in parallel interleave) and `guide`. A guide's run ends with
//! `guide-finished`, which carries the same document `--format json` prints.
//! docs/json.md documents every event; docs/schema/report.schema.json's
//! `event` definition is its schema.

use std::collections::HashMap;
use std::time::Instant;

use doccheck_runner::events::{StepResult, Updates};
use doccheck_runner::Event as RunEvent;
use serde_json::{json, Map, Value};

use crate::case::step_of;
use crate::json::{self, SCHEMA_VERSION};
use crate::{Event, GuideId, Plans, Reporter};

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
    fn emit(&self, event: &str, guide: Option<(GuideId, &str)>, fields: Value) {
        let mut object = Map::new();
        object.insert("schema_version".into(), json!(SCHEMA_VERSION));
        object.insert("event".into(), json!(event));
        object.insert(
            "elapsed_ms".into(),
            json!(self.started.elapsed().as_millis() as u64),
        );
        if let Some((id, name)) = guide {
            object.insert("guide_id".into(), json!(id));
            object.insert("guide".into(), json!(name));
        }
        if let Value::Object(fields) = fields {
            object.extend(fields);
        }
        crate::out(&json::line(&Value::Object(object)));
    }

    fn run(&mut self, id: GuideId, event: &RunEvent) {
        let Some(plan) = self.plans.observe(id, event) else {
            return;
        };
        let guide = Some((id, plan.guide.as_str()));
        match event {
            RunEvent::Started(_) => {
                self.running.insert(id, Default::default());
                let steps: Vec<Value> = plan
                    .steps
                    .iter()
                    .map(|s| json::step_value(&plan, s, None))
                    .collect();
                let scenario = plan.scenario.as_ref().map(|s| s.display().to_string());
                self.emit(
                    "guide-started",
                    guide,
                    json!({ "scenario": scenario, "steps": steps }),
                );
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
                let document = step_of(&plan, result)
                    .map(|s| json::step_value(&plan, s, Some(result)))
                    .unwrap_or(Value::Null);
                self.emit(
                    "step-finished",
                    guide,
                    json!({ "step": result.number, "result": document }),
                );
                self.running.entry(id).or_default().0.push(result.clone());
            }
            RunEvent::Updated(updates) => {
                let rewrites: Vec<Value> = updates
                    .rewrites
                    .iter()
                    .map(|r| json!({ "file": r.file, "line": r.line, "command": r.command, "what": r.what }))
                    .collect();
                self.emit("updated", guide, json!({ "rewrites": rewrites }));
                self.running.entry(id).or_default().1 = Some(updates.clone());
            }
            RunEvent::Finished(summary) => {
                let (results, updates) = self.running.remove(&id).unwrap_or_default();
                let document = json::run_value(&plan, &results, updates.as_ref(), summary);
                self.plans.end(id);
                self.emit("guide-finished", guide, json!({ "run": document }));
            }
        }
    }
}

impl Reporter for JsonEvents {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => self.run(*guide, event),
            Event::Listed { guide, plan } => self.emit(
                "listed",
                Some((*guide, plan.guide.as_str())),
                json!({ "list": json::list_value(plan) }),
            ),
            Event::Translation { guide, checked } => self.emit(
                "translation",
                Some((*guide, checked.guide.as_str())),
                json!({ "translation": json::translation_value(checked) }),
            ),
            Event::Empty { guide, name } => self.emit(
                "empty",
                Some((*guide, name.as_str())),
                json!({ "empty": json::empty_value(name) }),
            ),
            Event::Cached { guide, plan, entry } => self.emit(
                "guide-cached",
                Some((*guide, plan.guide.as_str())),
                json!({ "run": json::cached_value(plan, entry) }),
            ),
            Event::Error { guide, name, error } => {
                self.running.remove(guide);
                self.plans.end(*guide);
                self.emit(
                    "error",
                    Some((*guide, name.as_str())),
                    json!({ "error": json::error_value(name, error) }),
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
