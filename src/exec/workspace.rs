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
