//! A run that keeps checkpoints (`--checkpoints`, `--resume`, `--watch`)
//! keeps its images too: a later run that goes on from step 7 needs what the
//! build of step 4 made. At the end such a run removes its containers,
//! volumes and networks as any run does, and *parks* its tags and built
//! layers: the list goes into the guide's checkpoints. The next recording
//! run of the guide adopts them before it prepares (each tag renamed into
//! its own names, each layer recorded as its own), so they are removed or
//! parked again when it ends; `doccheck --prune` releases them. Nothing of
//! a user's or of another run's is ever parked: only what the run recorded.

use serde::{Deserialize, Serialize};

use crate::client::{Client, DockerError};
use crate::gateway;
use crate::Docker;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Parked {
    /// (as the guide names it, as the engine holds it).
    pub tags: Vec<(String, String)>,
    /// Image ids the run's builds made.
    pub built: Vec<String>,
}

impl Parked {
    pub fn parse(text: &str) -> Result<Parked, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("the checkpoints' Docker record is unreadable ({e})"))
    }
}

/// A client for the checks made before a run prepares.
fn bare_client() -> Client {
    Client::new(&std::env::temp_dir().join("doccheck-no-config"))
}

/// The tags of `parked` that the engine no longer holds.
fn missing(client: &Client, parked: &Parked) -> Vec<String> {
    parked
        .tags
        .iter()
        .filter(|(_, name)| {
            matches!(
                client.run(&["image", "inspect", "--format", "{{.Id}}", name]),
                Err(DockerError::NotFound(_))
            )
        })
        .map(|(documented, _)| documented.clone())
        .collect()
}

impl Docker {
    /// Checks what an earlier run parked; what is there is taken over when
    /// the run prepares, even when something is missing.
    pub(crate) fn adopt_parked(&mut self, text: &str) -> Result<(), String> {
        let parked = Parked::parse(text)?;
        let gone = missing(&bare_client(), &parked);
        let (tags, built) = (parked.tags.clone(), parked.built.clone());
        self.adopted = Some(Parked {
            tags: tags
                .into_iter()
                .filter(|(d, _)| !gone.contains(d))
                .collect(),
            built,
        });
        match gone.is_empty() {
            true => Ok(()),
            false => Err(format!(
                "the image(s) {} that the checkpoints' run built are gone from the engine",
                gone.join(", ")
            )),
        }
    }

    /// Once the gateway runs: each adopted tag under the run's own name,
    /// each adopted layer the run's own.
    pub(crate) fn take_over(&mut self, client: &Client) {
        let Some(parked) = self.adopted.take() else {
            return;
        };
        let mut taken = 0;
        for (documented, old) in &parked.tags {
            let new = match &self.gateway {
                Some(g) => gateway::lock_state(g).names.create_image(documented),
                None => self.names.create_image(documented),
            };
            if client.run(&["tag", old, &new]).is_err() {
                self.notes.push(format!(
                    "could not take over the checkpoint's image {documented}"
                ));
                continue;
            }
            // The old name goes; the image stays under the new one.
            let _ = client.run(&["rmi", old]);
            self.own("tag", &new);
            taken += 1;
        }
        for id in &parked.built {
            self.own("image", id);
        }
        if taken > 0 {
            self.notes.push(format!(
                "took over {taken} image(s) that the checkpoints' run built: {}",
                parked
                    .tags
                    .iter()
                    .map(|(d, _)| d.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }

    fn own(&mut self, kind: &str, what: &str) {
        match &self.gateway {
            Some(g) => gateway::lock_state(g).record(kind, what),
            None if kind == "tag" => self.records.tag(what.to_string()),
            None => self.records.built(vec![what.to_string()]),
        }
    }

    /// In `finish`, when parking: the tags and layers the run recorded, out
    /// of the records (so the cleanup leaves them), as the text to keep.
    pub(crate) fn park_records(&mut self) -> String {
        // Only the run's own names: a tag for a push to the run's registry
        // (`127.0.0.1:PORT/…`) means nothing once that registry is gone.
        let (own, others): (Vec<String>, Vec<String>) = std::mem::take(&mut self.records.tags)
            .into_iter()
            .partition(|name| self.names_shown(name).is_some_and(|shown| shown != *name));
        self.records.tags = others;
        let tags = own
            .into_iter()
            .filter_map(|name| Some((self.names_shown(&name)?, name)))
            .collect();
        let parked = Parked {
            tags,
            built: std::mem::take(&mut self.records.built),
        };
        serde_json::to_string(&parked).unwrap_or_default()
    }

    fn names_shown(&self, name: &str) -> Option<String> {
        match &self.gateway {
            Some(g) => gateway::lock_state(g).names.shown(name),
            None => self.names.shown(name),
        }
    }
}

/// `doccheck --prune`: what a guide's checkpoints parked goes (tags, then
/// the layers nothing else holds); how many tags.
pub fn release(text: &str) -> usize {
    let Ok(parked) = Parked::parse(text) else {
        return 0;
    };
    let client = bare_client();
    let tags: Vec<String> = parked.tags.iter().map(|(_, n)| n.clone()).collect();
    let refused = client.each(&["rmi"], &tags).len();
    let built: Vec<String> = parked.built.iter().rev().cloned().collect();
    let _ = client.each(&["rmi"], &built);
    tags.len() - refused
}
