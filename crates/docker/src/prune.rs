//! `doccheck --prune`: removes what doccheck keeps between runs (the stand-in
//! images it built here, by the ids it recorded, including ones a rebuild
//! superseded) and what dead runs left (their labelled and recorded
//! containers, images, networks and volumes; their workspaces; lock files no
//! run holds). Nothing a live run holds, and nothing doccheck did not make, is
//! touched: an image built `FROM` a stand-in carries its labels, and stays.

use std::path::Path;

use doccheck_guide::Error;
use doccheck_runner::session::state;
use doccheck_runner::sys;

use crate::client::{Client, DockerError};
use crate::standin::{self, STANDIN_LABEL};

/// The labels stand-ins carry (doccheck's, and build.sh-style builds').
const BUILT_LABELS: [&str; 2] = [STANDIN_LABEL, "org.doccheck.standin"];

#[derive(Debug, Default)]
pub struct Pruned {
    /// Stand-in images removed, by name (`<none>` ones by id).
    pub images: Vec<String>,
    /// Stand-in images left, and why.
    pub kept: Vec<(String, String)>,
    /// Images that still carry a stand-in's label without being one built
    /// here (built on a stand-in, or built by another user): left alone.
    pub inherited: usize,
    /// Docker objects of dead runs removed.
    pub leftovers: usize,
    /// Workspaces of dead runs removed.
    pub workspaces: usize,
    /// Lock files no run held, removed.
    pub locks: usize,
    /// Set when there is no docker to prune (the rest was still done).
    pub no_docker: Option<String>,
}

pub fn prune() -> Result<Pruned, Error> {
    let config = tempfile::Builder::new()
        .prefix("doccheck-prune-")
        .tempdir()
        .map_err(|e| Error::environment(format!("cannot create a temporary directory: {e}")))?;
    std::fs::write(config.path().join("config.json"), "{}\n")
        .map_err(|e| Error::environment(format!("cannot write a Docker configuration: {e}")))?;
    let client = Client::new(config.path());
    let mut pruned = Pruned::default();
    match docker(&client, &mut pruned) {
        Ok(()) => {}
        Err(DockerError::NoCli(why)) => pruned.no_docker = Some(why),
        Err(e) => return Err(Error::environment(format!("cannot prune: {e}"))),
    }
    // After the Docker sweep, which reads the dead runs' records.
    pruned.workspaces = state::sweep_dead_runs();
    for dir in [Path::new(standin::LOCKS_DIR), &crate::ports::claims_dir()] {
        pruned.locks += remove_free_locks(dir);
    }
    Ok(pruned)
}

fn docker(client: &Client, pruned: &mut Pruned) -> Result<(), DockerError> {
    pruned.leftovers = crate::sweep::sweep_dead_runs(client)?;
    // Only the stand-ins doccheck built here, by id: an image built on one
    // carries its labels too, and is the user's.
    let mut left = Vec::new();
    for (id, name) in standin::built() {
        let Ok(now) = client.run(&[
            "image",
            "inspect",
            "--format",
            "{{.Id}} {{json .RepoTags}}",
            &id,
        ]) else {
            continue; // gone already
        };
        let tags: Vec<String> = now
            .split_once(' ')
            .and_then(|(_, tags)| serde_json::from_str(tags).ok())
            .unwrap_or_default();
        let named = tags.contains(&name);
        // A run that is checking or building this stand-in holds its lock.
        let lock = named
            .then(|| sys::try_lock_path(&standin::lock_path(&name)).ok())
            .flatten();
        if named && lock.as_ref().is_some_and(Option::is_none) {
            pruned
                .kept
                .push((name.clone(), "a doccheck run is preparing it".to_string()));
            left.push((id, name));
            continue;
        }
        // By its name while it has it (the tag goes, then the image); else by id.
        let target = if named { name.clone() } else { id.clone() };
        match client.run(&["image", "rm", &target]) {
            Ok(_) => {
                // Untagged but held by an image built on it: by id, later.
                if client.run(&["image", "inspect", &id]).is_ok() {
                    left.push((id, name));
                }
                pruned.images.push(target);
            }
            Err(DockerError::NotFound(_)) => {}
            Err(DockerError::Refused(why)) => {
                pruned.kept.push((target, why));
                left.push((id, name));
            }
            Err(e) => return Err(e),
        }
    }
    let _ = standin::keep_records(&left);
    let labelled = BUILT_LABELS
        .iter()
        .map(|label| {
            client
                .lines(&[
                    "images",
                    "-q",
                    "--no-trunc",
                    "--filter",
                    &format!("label={label}"),
                ])
                .map(|ids| ids.len())
                .unwrap_or(0)
        })
        .sum::<usize>();
    pruned.inherited = labelled;
    Ok(())
}

/// Removes the lock files under `dir` that no run holds; how many.
fn remove_free_locks(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for path in entries.flatten().map(|e| e.path()) {
        if path.extension().is_some_and(|x| x == "lock") {
            if let Ok(Some(file)) = sys::try_lock_path(&path) {
                sys::unlink_locked(&path, file);
                removed += 1;
            }
        }
    }
    removed
}
