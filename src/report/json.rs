//! `--format json`: one document with the plan, every step's result and the summary.

use serde_json::{json, Value};

use crate::exec::RunReport;
use crate::plan::{Action, Plan};

pub fn plan_steps(plan: &Plan) -> Vec<Value> {
    plan.steps
        .iter()
        .map(|s| {
            let commands: Vec<&str> = match &s.action {
                Action::Run { commands, .. } => commands.iter().map(|c| c.text.as_str()).collect(),
                _ => Vec::new(),
            };
            json!({
                "number": s.number,
                "file": plan.guide,
                "line": s.line,
                "column": s.column,
                "lang": s.lang,
                "kind": s.kind(),
                "summary": s.summary(),
                "commands": commands,
                "timeout_ms": s.timeout.as_millis() as u64,
                "bound_by": s.bound_by,
            })
        })
        .collect()
}

pub fn list(plan: &Plan) -> Value {
    json!({
        "guide": plan.guide,
        "scenario": plan.scenario.as_ref().map(|s| s.path.display().to_string()),
        "steps": plan_steps(plan),
    })
}

pub fn run(plan: &Plan, run: &RunReport) -> Value {
    let steps: Vec<Value> = plan_steps(plan)
        .into_iter()
        .zip(&run.results)
        .map(|(mut step, result)| {
            let mut r = serde_json::to_value(result).unwrap_or(Value::Null);
            if let (Some(step), Some(r)) = (step.as_object_mut(), r.as_object_mut()) {
                r.remove("number");
                step.remove("commands");
                step.append(r);
                step.insert(
                    "duration_ms".into(),
                    json!(result.duration.as_millis() as u64),
                );
            }
            step
        })
        .collect();
    json!({
        "guide": plan.guide,
        "scenario": plan.scenario.as_ref().map(|s| s.path.display().to_string()),
        "passed": run.passed(),
        "interrupted": run.interrupted,
        "duration_ms": run.duration.as_millis() as u64,
        "summary": super::counts(&run.results),
        "steps": steps,
        "notes": run.notes,
        "workspace": run.kept_workspace.as_ref().map(|p| p.display().to_string()),
    })
}
