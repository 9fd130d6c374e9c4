//! The throw-away directory a run works in: `work/` is the reader's project
//! (the scenario's fixture copied in), `home/` and `tmp/` are the session's
//! HOME and TMPDIR, and `ctl/` holds doccheck's own files, so none of them
//! ends up in a `docker build` context. The workspace, HOME and TMPDIR are
//! the user's alone (0700). Whether the run is alive is said by its state
//! directory ([`super::state`]), not by anything in here, so a run that dies
//! in any TMPDIR is found by any later run.

use std::os::fd::OwnedFd;
use std::path::{Component, Path, PathBuf};

use doccheck_guide::Error;
use rustix::fs::{Mode, OFlags, ResolveFlags};

pub struct Workspace {
    dir: Option<tempfile::TempDir>,
    pub root: PathBuf,
    pub work: PathBuf,
    pub home: PathBuf,
    pub tmp: PathBuf,
    pub control: PathBuf,
}

impl Workspace {
    pub fn create(fixture: Option<&Path>) -> Result<Workspace, Error> {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o700);
        let dir = tempfile::Builder::new()
            .prefix("doccheck-")
            .permissions(private.clone())
            .tempdir()
            .map_err(|e| Error::environment(format!("cannot create a temporary workspace: {e}")))?;
        let root = dir.path().to_path_buf();
        let [work, home, tmp, control] = ["work", "home", "tmp", "ctl"].map(|name| root.join(name));
        for d in [&work, &home, &tmp, &control] {
            std::fs::create_dir(d)
                .and_then(|_| {
                    if d != &work {
                        std::fs::set_permissions(d, private.clone())?;
                    }
                    Ok(())
                })
                .map_err(|e| Error::environment(format!("cannot create {}: {e}", d.display())))?;
        }
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
        })
    }

    /// Keeps the workspace on disk and returns where it is.
    pub fn keep(&mut self) -> Option<PathBuf> {
        self.dir.take().map(|d| d.keep())
    }

    /// "through a symlink (to TARGET)": the first link on `relative`'s way
    /// that leads out, for the message.
    fn through_link(&self, relative: &Path) -> String {
        let mut at = self.work.clone();
        for part in relative.components() {
            at.push(part);
            if let Ok(target) = std::fs::read_link(&at) {
                let target = at.parent().map_or(target.clone(), |p| p.join(&target));
                return format!("through a symlink (to {})", lexical(&target).display());
            }
        }
        "through a symlink".to_string()
    }

    /// Writes a file block at `relative`, every component resolved beneath
    /// `work/` by the kernel (openat2's RESOLVE_BENEATH): a path that leads
    /// out, through a symlink (dangling or not) or `..`, is refused, and a
    /// refused path creates nothing.
    pub fn write(&self, relative: &str, content: &str) -> Result<(), String> {
        use std::io::Write;
        let out = |what: &str| {
            format!("it leads out of the workspace {what}; file blocks are written inside the workspace only")
        };
        let path = Path::new(relative);
        if path.is_absolute() || path.components().any(|c| c == Component::ParentDir) {
            return Err(out("(an absolute path, or `..`)"));
        }
        let root = rustix::fs::open(
            &self.work,
            OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| e.to_string())?;
        let beneath = |at: &OwnedFd, relative: &Path, flags: OFlags, mode: Mode| {
            rustix::fs::openat2(
                at,
                relative,
                flags | OFlags::CLOEXEC,
                mode,
                ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS,
            )
        };
        let refusal = |e: rustix::io::Errno| match e {
            rustix::io::Errno::XDEV => out(&self.through_link(path)),
            rustix::io::Errno::NOSYS => {
                "this kernel cannot open files beneath a directory (openat2, Linux 5.6)".to_string()
            }
            e => std::io::Error::from(e).to_string(),
        };
        // Each missing directory is made inside the one above it, which was
        // itself opened beneath `work/`: mkdirat never follows a link there.
        let mut done = PathBuf::new();
        if let Some(parent) = path.parent() {
            for part in parent.components() {
                let Component::Normal(name) = part else {
                    continue;
                };
                let above = if done.as_os_str().is_empty() {
                    rustix::io::dup(&root).map_err(|e| e.to_string())?
                } else {
                    beneath(
                        &root,
                        &done,
                        OFlags::DIRECTORY | OFlags::RDONLY,
                        Mode::empty(),
                    )
                    .map_err(refusal)?
                };
                match rustix::fs::mkdirat(&above, name, Mode::from_raw_mode(0o755)) {
                    Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                    Err(e) => return Err(std::io::Error::from(e).to_string()),
                }
                done.push(name);
                beneath(
                    &root,
                    &done,
                    OFlags::DIRECTORY | OFlags::RDONLY,
                    Mode::empty(),
                )
                .map_err(refusal)?;
            }
        }
        let file = beneath(
            &root,
            path,
            OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC,
            Mode::from_raw_mode(0o644),
        )
        .map_err(refusal)?;
        std::fs::File::from(file)
            .write_all(content.as_bytes())
            .map_err(|e| e.to_string())
    }
}

/// `.` and `..` taken away without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
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
