//! The throw-away directory a run works in: `work/` is the reader's project
//! (the scenario's fixture copied in), `home/` and `tmp/` are the session's
//! HOME and TMPDIR, and `ctl/` holds doccheck's own files, so none of them
//! ends up in a `docker build` context. `ctl/lock` is locked for the run's
//! whole life: a run whose lock can be taken is dead, whatever its pid.

use std::path::{Path, PathBuf};

use doccheck_guide::Error;

use crate::sys;

pub struct Workspace {
    dir: Option<tempfile::TempDir>,
    pub root: PathBuf,
    pub work: PathBuf,
    pub home: PathBuf,
    pub tmp: PathBuf,
    pub control: PathBuf,
    /// Held (flock) until the run ends.
    lock: Option<std::fs::File>,
}

impl Workspace {
    pub fn create(fixture: Option<&Path>) -> Result<Workspace, Error> {
        let dir = tempfile::Builder::new()
            .prefix("doccheck-")
            .tempdir()
            .map_err(|e| Error::environment(format!("cannot create a temporary workspace: {e}")))?;
        let root = dir.path().to_path_buf();
        let [work, home, tmp, control] = ["work", "home", "tmp", "ctl"].map(|name| root.join(name));
        for d in [&work, &home, &tmp, &control] {
            std::fs::create_dir(d)
                .map_err(|e| Error::environment(format!("cannot create {}: {e}", d.display())))?;
        }
        // Locked before it gets its name: a concurrent sweep must never find
        // `ctl/lock` unlocked while this run is alive.
        let unnamed = control.join("lock.new");
        let lock = std::fs::File::create(&unnamed)
            .map_err(|e| Error::environment(format!("cannot write in the workspace: {e}")))?;
        if !sys::try_lock(&lock) {
            return Err(Error::environment("cannot lock the new workspace"));
        }
        std::fs::rename(&unnamed, control.join("lock"))
            .map_err(|e| Error::environment(format!("cannot write in the workspace: {e}")))?;
        if let Some(fixture) = fixture {
            copy_tree(fixture, &work).map_err(|e| {
                Error::environment(format!(
                    "cannot copy the fixture {}: {e}",
                    fixture.display()
                ))
            })?;
        }
        Ok(Workspace {
            dir: Some(dir),
            root,
            work,
            home,
            tmp,
            control,
            lock: Some(lock),
        })
    }

    /// The file whose lock says this run is alive.
    pub fn lock_path(&self) -> PathBuf {
        self.control.join("lock")
    }

    /// Keeps the workspace on disk and returns where it is.
    pub fn keep(&mut self) -> Option<PathBuf> {
        // A kept workspace belongs to the user now: the sweep must leave it alone.
        let _ = std::fs::remove_file(self.lock_path());
        self.lock = None;
        self.dir.take().map(|d| d.keep())
    }

    /// Writes a file block at `relative`, refusing a path that leads out of
    /// `work/` through a symlink.
    pub fn write(&self, relative: &str, content: &str) -> Result<(), String> {
        let path = self.work.join(relative);
        let parent = path.parent().unwrap_or(&self.work);
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        let work = std::fs::canonicalize(&self.work).map_err(|e| e.to_string())?;
        let real_parent = std::fs::canonicalize(parent).map_err(|e| e.to_string())?;
        let target = match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                std::fs::canonicalize(&path).unwrap_or_else(|_| real_parent.join("?"))
            }
            _ => real_parent.join(path.file_name().unwrap_or_default()),
        };
        if !target.starts_with(&work) {
            return Err(format!(
                "it leads out of the workspace through a symlink (to {}); file blocks are written inside the workspace only",
                target.display()
            ));
        }
        std::fs::write(&path, content).map_err(|e| e.to_string())
    }
}

/// The workspaces (in the temporary directory) of runs that died: those whose
/// lock nobody holds.
pub fn dead_workspaces() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("doccheck-"))
        .map(|e| e.path())
        .filter(|dir| run_is_dead(&dir.join("ctl").join("lock")) == Some(true))
        .collect()
}

/// Removes the workspaces of runs that died (SIGKILL leaves no chance to
/// clean up).
pub fn sweep_dead_workspaces() -> usize {
    dead_workspaces()
        .iter()
        .filter(|dir| std::fs::remove_dir_all(dir).is_ok())
        .count()
}

/// Whether the run whose lock file is `lock` is dead: `None` when the file is
/// not there (the run ended, was swept, or lives where this process cannot see).
pub fn run_is_dead(lock: &Path) -> Option<bool> {
    let file = std::fs::OpenOptions::new().read(true).open(lock).ok()?;
    Some(sys::try_lock(&file))
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(entry.path())?, &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
