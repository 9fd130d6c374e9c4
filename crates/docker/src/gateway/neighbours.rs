//! Whether another doccheck run shares the engine right now. Each run marks
//! itself with a volume labelled `doccheck.marker` for as long as it lives
//! (made before its first step, removed with its objects); the gateway asks
//! for them before each build. A build of a run alone on the engine is the
//! guide's build exactly; only when another run is live does it also carry
//! the run's label, which the legacy builder commits as a step of its own
//! (about 0.8 s), so that two runs' identical builds stay two images.
//!
//! Of two overlapping runs, the one that asks later always sees the other's
//! marker (each marker exists before its run's first build), so at most one
//! of any two identical builds is unlabelled, and they differ.

use std::io;

use serde_json::Value;

use super::stream::Upstream;
use crate::resources::{MARKER_LABEL, RUN_LABEL};

/// Whether a run other than `run_id` has its marker on the engine. When the
/// engine cannot say, yes: a needless label costs time, a missing one isolation.
pub fn others_live(upstream: &Upstream, run_id: &str) -> bool {
    marker_runs(upstream).map_or(true, |runs| runs.iter().any(|r| r != run_id))
}

fn marker_runs(upstream: &Upstream) -> io::Result<Vec<String>> {
    let filters = format!("{{\"label\":[\"{MARKER_LABEL}\"]}}");
    let query: String = form_urlencoded::byte_serialize(filters.as_bytes()).collect();
    let (status, answer) = super::owned::get(upstream, &format!("/volumes?filters={query}"))?;
    if status != 200 {
        return Err(io::Error::other(format!("the engine answered {status}")));
    }
    Ok(runs_in(&answer))
}

/// The runs named by the markers of a `GET /volumes` answer.
fn runs_in(answer: &Value) -> Vec<String> {
    answer
        .get("Volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|v| v.pointer(&format!("/Labels/{MARKER_LABEL}")).is_some())
        .filter_map(|v| v.pointer(&format!("/Labels/{RUN_LABEL}"))?.as_str())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_their_runs() {
        let body = br#"{"Volumes":[
            {"Name":"doccheck-live-dc1","Labels":{"doccheck.marker":"live","doccheck.run":"a"}},
            {"Name":"data","Labels":{"doccheck.run":"b"}},
            {"Name":"other","Labels":null}
        ],"Warnings":null}"#;
        let body: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(runs_in(&body), ["a"]);
        assert!(runs_in(&serde_json::json!({"Volumes": null})).is_empty());
        assert!(runs_in(&Value::Null).is_empty());
    }
}
