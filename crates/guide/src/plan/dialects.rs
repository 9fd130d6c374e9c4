//! Whose document a guide is, when another tool's conventions change how
//! its blocks read: a Runme notebook (front matter `runme:`, or cells with
//! Runme's JSON metadata) or an Innovation Engine document (result blocks,
//! or `innovation-engine` in its front matter).

use super::{Action, SkipKind};
use crate::markdown::{self, Block};

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Dialects {
    pub runme: bool,
    pub innovation_engine: bool,
}

/// The keys Runme writes in a cell's JSON metadata.
const RUNME_KEYS: &[&str] = &[
    "id",
    "name",
    "interactive",
    "excludeFromRunAll",
    "background",
    "cwd",
    "interpreter",
    "promptEnv",
    "terminalRows",
    "category",
];

impl Dialects {
    pub fn of(text: &str, blocks: &[Block]) -> Dialects {
        let front = markdown::front_matter(text)
            .map(|(yaml, _)| yaml)
            .unwrap_or("");
        let runme_front = front
            .lines()
            .any(|l| l.trim_end() == "runme:" || l.starts_with("runme:"));
        let runme_cells = blocks.iter().any(|b| {
            runme_metadata(b).is_some_and(|m| RUNME_KEYS.iter().any(|k| m.contains_key(*k)))
        });
        Dialects {
            runme: runme_front || runme_cells,
            innovation_engine: front.contains("innovation-engine")
                || blocks.iter().any(|b| b.result_marker.is_some()),
        }
    }
}

/// A cell's Runme metadata: the JSON object after its language.
fn runme_metadata(block: &Block) -> Option<serde_json::Map<String, serde_json::Value>> {
    let attributes = block.attributes();
    if !attributes.starts_with('{') {
        return None;
    }
    match serde_json::from_str(attributes) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// Runme's `"excludeFromRunAll": true`: the cell is not run when the
/// notebook runs whole, so it is skipped, saying so.
pub(super) fn exclude_from_run_all(block: &Block, action: &mut Action) {
    let excluded = runme_metadata(block)
        .and_then(|m| m.get("excludeFromRunAll").cloned())
        .is_some_and(|v| v == serde_json::Value::Bool(true) || v == "true");
    if excluded && matches!(action, Action::Run { .. }) {
        *action = Action::Skip {
            reason: "Runme's `excludeFromRunAll: true`: not run when the notebook runs whole"
                .to_string(),
            kind: SkipKind::Asked,
        };
    }
}
