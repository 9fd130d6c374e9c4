//! The throw-away directory a run works in: `work/` is the reader's project
//! (the scenario's fixture copied in), `ctl/` holds doccheck's own files so they
//! never end up in a `docker build` context.

use std::path::{Path, PathBuf};

use crate::error::Error;

pub struct Workspace {
    dir: Option<tempfile::TempDir>,
    pub work: PathBuf,
    pub control: PathBuf,
}

impl Workspace {
    pub fn create(fixture: Option<&Path>) -> Result<Workspace, Error> {
        sweep_dead_workspaces();
        let dir = tempfile::Builder::new()
            .prefix("doccheck-")
            .tempdir()
            .map_err(|e| Error::new(format!("cannot create a temporary workspace: {e}")))?;
        let work = dir.path().join("work");
        let control = dir.path().join("ctl");
        for d in [&work, &control] {
            std::fs::create_dir(d)
                .map_err(|e| Error::new(format!("cannot create {}: {e}", d.display())))?;
        }
        // Marks the workspace as this run's, for the sweep of runs that died.
        std::fs::write(control.join("pid"), std::process::id().to_string())
            .map_err(|e| Error::new(format!("cannot write in the workspace: {e}")))?;
        if let Some(fixture) = fixture {
            if !fixture.is_dir() {
                return Err(Error::new(format!(
                    "the scenario's fixture {} is not a directory",
                    fixture.display()
                )));
            }
            copy_tree(fixture, &work).map_err(|e| {
                Error::new(format!(
                    "cannot copy the fixture {}: {e}",
                    fixture.display()
                ))
            })?;
        }
        Ok(Workspace {
            dir: Some(dir),
            work,
            control,
        })
    }

    /// Keeps the workspace on disk and returns where it is.
    pub fn keep(&mut self) -> Option<PathBuf> {
        // A kept workspace belongs to the user now: the sweep must leave it alone.
        let _ = std::fs::remove_file(self.control.join("pid"));
        self.dir.take().map(|d| d.keep())
    }

    pub fn write(&self, relative: &str, content: &str) -> std::io::Result<()> {
        let path = self.work.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, content)
    }
}

/// Removes the workspaces of runs that died (SIGKILL leaves no chance to clean up).
fn sweep_dead_workspaces() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with("doccheck-") {
            continue;
        }
        let pid = std::fs::read_to_string(entry.path().join("ctl").join("pid"));
        if let Ok(pid) = pid {
            if !super::doccheck_alive(&pid) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
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
