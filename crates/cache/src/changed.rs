//! `--changed-since REF`: the repository as it was at a git revision,
//! exported whole to a temporary directory, so that each guide's content key
//! can be worked out there exactly as it is here (its scenario, fixture and
//! configuration found the same way), and only the guides whose key differs
//! are run.

use std::path::{Path, PathBuf};

use doccheck_guide::Error;

/// A revision of the repository, checked out in a directory of its own.
pub struct Revision {
    /// The repository's root now.
    root: PathBuf,
    tree: tempfile::TempDir,
}

fn git(args: &[&str]) -> Result<String, String> {
    let out = duct::cmd("git", args)
        .stderr_capture()
        .stdout_capture()
        .unchecked()
        .run()
        .map_err(|e| format!("cannot run git: {e}"))?;
    match out.status.success() {
        true => Ok(String::from_utf8_lossy(&out.stdout).trim().to_string()),
        false => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
    }
}

impl Revision {
    /// Exports `rev` of the repository the current directory is in.
    pub fn export(rev: &str) -> Result<Revision, Error> {
        let usage = |why: String| Error::usage(format!("--changed-since {rev}: {why}"));
        let root = git(&["rev-parse", "--show-toplevel"])
            .map_err(|e| usage(format!("not in a git repository ({e})")))?;
        let commit = git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .map_err(|_| usage("no such revision in this repository".to_string()))?;
        let tree = tempfile::Builder::new()
            .prefix("doccheck-rev-")
            .tempdir()
            .map_err(|e| Error::environment(format!("cannot make a directory for {rev}: {e}")))?;
        duct::cmd!("git", "-C", &root, "archive", "--format=tar", &commit)
            .pipe(duct::cmd!("tar", "-x", "-C", tree.path()))
            .stderr_capture()
            .run()
            .map_err(|e| Error::environment(format!("cannot export {rev}: {e}")))?;
        Ok(Revision {
            root: PathBuf::from(root),
            tree,
        })
    }

    /// Where `path` (as given now, relative to the current directory or
    /// absolute) is in the exported revision; `None` outside the repository.
    pub fn path_of(&self, path: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(path).ok()?;
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let absolute = match absolute.parent().and_then(|p| p.canonicalize().ok()) {
            Some(dir) => dir.join(absolute.file_name()?),
            None => absolute,
        };
        let relative = absolute.strip_prefix(&root).ok()?;
        Some(self.tree.path().join(relative))
    }

    /// The directory the revision is exported to.
    pub fn dir(&self) -> &Path {
        self.tree.path()
    }
}

/// Whether a guide's content key at the revision differs from now's. A
/// guide the revision does not have, or that does not load there, changed.
pub fn differs(now: &Result<String, Error>, then: Option<Result<String, Error>>) -> bool {
    match (now, then) {
        (Ok(now), Some(Ok(then))) => *now != then,
        _ => true,
    }
}
