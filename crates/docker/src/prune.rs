//! `doccheck --prune`: removes what doccheck keeps between runs (the stand-in
//! images, including ones a rebuild superseded) and what dead runs left
//! (labelled containers, images, networks and volumes; workspaces; lock files
//! no run holds; live markers whose run left no lock file here). Nothing a
//! live run of this machine holds is touched.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use doccheck_guide::Error;
use doccheck_runner::session::state;
use doccheck_runner::sys;

use crate::client::{Client, DockerError};
use crate::resources;
use crate::standin::{self, STANDIN_LABEL};

/// The label build.sh-style stand-in builds put on their images.
const BUILT_STANDIN_LABEL: &str = "org.doccheck.standin";

#[derive(Debug, Default)]
pub struct Pruned {
    /// Stand-in images removed, by name (`<none>` ones by id).
    pub images: Vec<String>,
    /// Stand-in images left, and why.
    pub kept: Vec<(String, String)>,
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
    pruned.leftovers =
        crate::sweep::sweep_dead_runs(client)? + resources::remove_orphan_markers(client)?;
    let mut images = BTreeSet::new();
    for label in [STANDIN_LABEL, BUILT_STANDIN_LABEL] {
        let filter = format!("label={label}");
        let listed = client.lines(&[
            "images",
            "--no-trunc",
            "--filter",
            &filter,
            "--format",
            "{{.ID}} {{.Repository}}:{{.Tag}}",
        ])?;
        images.extend(listed);
    }
    for line in images {
        let Some((id, name)) = line.split_once(' ') else {
            continue;
        };
        let untagged = name == "<none>:<none>";
        let target = if untagged { id } else { name };
        // A run that is checking or building this stand-in holds its lock.
        let lock = (!untagged)
            .then(|| sys::lock_file(&standin::lock_path(name)))
            .flatten();
        if lock.as_ref().is_some_and(|file| !sys::try_lock(file)) {
            pruned.kept.push((
                name.to_string(),
                "a doccheck run is preparing it".to_string(),
            ));
            continue;
        }
        match client.run(&["image", "rm", target]) {
            Ok(_) => pruned.images.push(target.to_string()),
            Err(DockerError::NotFound(_)) => {} // Went with an image removed before it.
            Err(DockerError::Refused(why)) => pruned.kept.push((target.to_string(), why)),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Removes the lock files under `dir` that no run holds; how many.
fn remove_free_locks(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let free = |path: &PathBuf| {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .is_ok_and(|file| sys::try_lock(&file))
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "lock"))
        .filter(|p| free(p) && std::fs::remove_file(p).is_ok())
        .count()
}
