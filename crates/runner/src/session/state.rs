//! What a run leaves for later runs, outside its workspace: a directory per
//! run under a per-user state directory (`$DOCCHECK_STATE_DIR`, else
//! `/var/lib/doccheck` as root, else `$XDG_STATE_HOME/doccheck` or
//! `~/.local/state/doccheck`), holding `lock` (flock'ed for the run's whole
//! life: a run whose lock can be taken is dead, whatever its pid or TMPDIR),
//! `workspace` (where its workspace is) and the integrations' records of
//! what the run created. A run that cleaned up completely removes its
//! directory; one that could not (its engine went away, an image another
//! run still builds on) leaves it, and any later run sweeps it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use doccheck_guide::Error;

use crate::sys;

/// A dead run's directory is dropped after this long even if what it
/// records could never be removed (an image the user built on).
const GIVE_UP_AFTER: Duration = Duration::from_secs(7 * 24 * 3600);

/// Where every run of this user keeps its directory.
pub fn root() -> PathBuf {
    if let Some(dir) = std::env::var_os("DOCCHECK_STATE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if rustix::process::geteuid().is_root() {
        return PathBuf::from("/var/lib/doccheck");
    }
    let xdg = std::env::var_os("XDG_STATE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")));
    match xdg {
        Some(dir) => dir.join("doccheck"),
        None => std::env::temp_dir().join(format!(
            "doccheck-state-{}",
            rustix::process::geteuid().as_raw()
        )),
    }
}

fn runs() -> PathBuf {
    root().join("runs")
}

/// A live run's directory; its lock is held until the value is dropped.
pub struct RunState {
    pub dir: PathBuf,
    lock: Option<File>,
}

impl RunState {
    pub fn create(run_id: &str) -> Result<RunState, Error> {
        let runs = runs();
        let cannot = |e: std::io::Error| {
            Error::environment(format!(
                "cannot keep the run's records in {} ({e}): set DOCCHECK_STATE_DIR to a directory doccheck may write",
                runs.display()
            ))
        };
        create_private_dir_all(&runs).map_err(cannot)?;
        // Locked before it gets its name: a sweep must never find a live
        // run's lock unlocked.
        let unnamed = tempfile::Builder::new()
            .prefix(".new-")
            .tempdir_in(&runs)
            .map_err(cannot)?;
        let lock = File::create(unnamed.path().join("lock")).map_err(cannot)?;
        if !sys::try_lock(&lock) {
            return Err(Error::environment("cannot lock the run's state directory"));
        }
        let dir = runs.join(run_id);
        std::fs::rename(unnamed.keep(), &dir).map_err(cannot)?;
        Ok(RunState {
            dir,
            lock: Some(lock),
        })
    }

    /// The file whose lock says the run is alive.
    pub fn lock_path(&self) -> PathBuf {
        self.dir.join("lock")
    }

    /// Says where the run's workspace is, for a sweep to remove it.
    pub fn note_workspace(&self, workspace: Option<&Path>) {
        let file = self.dir.join("workspace");
        match workspace {
            Some(path) => {
                let _ = std::fs::write(file, path.as_os_str().as_encoded_bytes());
            }
            None => {
                let _ = std::fs::remove_file(file);
            }
        }
    }

    /// The run ends: its directory goes when nothing is left to sweep,
    /// otherwise it stays (unlocked) for a later run.
    pub fn end(mut self, complete: bool) {
        if complete {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        self.lock = None;
    }
}

/// A dead run's directory, locked by the caller while it sweeps.
pub struct DeadRun {
    pub dir: PathBuf,
    _lock: File,
}

impl DeadRun {
    /// Removes its workspace; then its directory, when nothing but the lock
    /// is left in it, or when it is too old to keep trying.
    pub fn finish(self) {
        if let Ok(path) = std::fs::read(self.dir.join("workspace")) {
            let path = PathBuf::from(String::from_utf8_lossy(&path).into_owned());
            let named = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("doccheck-"));
            if named {
                let _ = std::fs::remove_dir_all(&path);
            }
            let _ = std::fs::remove_file(self.dir.join("workspace"));
        }
        let rest = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name() != "lock")
            .count();
        let old = std::fs::metadata(self.dir.join("lock"))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > GIVE_UP_AFTER);
        if rest == 0 || old {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The directories of runs that died, each locked for the caller (so two
/// sweeps never work on one run at once).
pub fn dead_runs() -> Vec<DeadRun> {
    let Ok(entries) = std::fs::read_dir(runs()) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|dir| {
            !dir.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .filter_map(|dir| {
            let lock = std::fs::OpenOptions::new()
                .read(true)
                .open(dir.join("lock"))
                .ok()?;
            sys::try_lock(&lock).then_some(DeadRun { dir, _lock: lock })
        })
        .collect()
}

/// Removes what dead runs left that is not the integrations' to sweep:
/// their workspaces, and their directories when nothing else is in them.
pub fn sweep_dead_runs() -> usize {
    let dead = dead_runs();
    let count = dead.len();
    dead.into_iter().for_each(DeadRun::finish);
    count
}

/// Whether the run whose lock file is `lock` is dead: `None` when the file
/// is not there (the run ended and cleaned up, or it lives where this
/// process cannot see).
pub fn run_is_dead(lock: &Path) -> Option<bool> {
    let file = std::fs::OpenOptions::new().read(true).open(lock).ok()?;
    Some(sys::try_lock(&file))
}

/// `create_dir_all` whose new directories are the user's alone (0700).
pub fn create_private_dir_all(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_runs_directory_is_found_and_a_live_ones_is_not() {
        let root = tempfile::tempdir().unwrap();
        // The environment is the process's: this test is the only one that sets it.
        std::env::set_var("DOCCHECK_STATE_DIR", root.path());
        let live = RunState::create("live-run").unwrap();
        let dead = RunState::create("dead-run").unwrap();
        let workspace = root.path().join("doccheck-ws");
        std::fs::create_dir(&workspace).unwrap();
        dead.note_workspace(Some(&workspace));
        std::fs::write(dead.dir.join("records"), "left").unwrap();
        let dead_dir = dead.dir.clone();
        dead.end(false);
        let found = dead_runs();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].dir, dead_dir);
        // Locked while one sweep holds it: a second sweep does not see it.
        assert!(dead_runs().is_empty());
        found.into_iter().for_each(DeadRun::finish);
        assert!(!workspace.exists(), "the dead run's workspace is removed");
        assert!(dead_dir.exists(), "its records are kept until swept");
        std::fs::remove_file(dead_dir.join("records")).unwrap();
        assert_eq!(sweep_dead_runs(), 1);
        assert!(!dead_dir.exists());
        assert_eq!(run_is_dead(&live.lock_path()), Some(false));
        live.end(true);
        std::env::remove_var("DOCCHECK_STATE_DIR");
    }
}
