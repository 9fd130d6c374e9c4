//! The session's own view of a few paths: bash starts in a private mount
//! namespace, where an integration's paths lead elsewhere (the Docker
//! engine's socket to the run's gateway) or to nothing (an empty read-only
//! tmpfs). The namespace is made in the forked child before bash is exec'd
//! ([`crate::sys::enter_private_mounts`]: no helper process, about a
//! millisecond). As root, the session then loses CAP_SYS_ADMIN from its
//! bounding set, so it can neither unmount what hides the paths nor enter
//! another mount namespace; as another user, a user namespace (the user's
//! own uid and gid, mapped to themselves) makes the mounts possible, and the
//! session has no capability left once bash starts. No PID namespace: it
//! would give every session `$$` = 1, which scripts use for names of their
//! own, so another process's root (`/proc/1/root`) still leads to the
//! machine's view, and the docs say so.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A path the session sees otherwise than the machine does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionMount {
    /// `target` shows `source` (a file onto a file, a directory onto a directory).
    Bind { source: PathBuf, target: PathBuf },
    /// The directory shows as empty and read-only.
    Hide(PathBuf),
}

/// Everything the child needs, made before the fork: it may not allocate.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// (source, target), after the hidden directories.
    pub binds: Vec<(CString, CString)>,
    pub hides: Vec<CString>,
    /// For another user than root: the `uid_map` and `gid_map` lines of a
    /// user namespace mapping the user to itself.
    pub user: Option<(Vec<u8>, Vec<u8>)>,
}

fn c_path(path: &Path) -> Result<CString, String> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| format!("{} has a NUL in its name", path.display()))
}

impl Prepared {
    fn new(mounts: &[SessionMount]) -> Result<Prepared, String> {
        let mut prepared = Prepared::default();
        let euid = rustix::process::geteuid();
        if !euid.is_root() {
            let gid = rustix::process::getegid().as_raw();
            prepared.user = Some((
                format!("{0} {0} 1\n", euid.as_raw()).into_bytes(),
                format!("{gid} {gid} 1\n").into_bytes(),
            ));
        }
        for mount in mounts {
            match mount {
                SessionMount::Hide(dir) => prepared.hides.push(c_path(dir)?),
                SessionMount::Bind { source, target } => {
                    prepared.binds.push((c_path(source)?, c_path(target)?))
                }
            }
        }
        Ok(prepared)
    }
}

/// Whether this machine lets doccheck make the namespace (once per
/// process); why not, if not.
fn available() -> Result<(), String> {
    static PROBE: OnceLock<Result<(), String>> = OnceLock::new();
    PROBE
        .get_or_init(|| {
            let mut probe = std::process::Command::new("true");
            crate::sys::enter_private_mounts(&mut probe, Prepared::new(&[])?);
            match probe.status() {
                Ok(status) if status.success() => Ok(()),
                Ok(status) => Err(format!("the probe exited with {status}")),
                Err(e) => Err(format!("a private mount namespace cannot be made ({e})")),
            }
        })
        .clone()
}

/// What the child does to see `mounts`; why it cannot, when this machine
/// allows no namespace (user namespaces turned off, a seccomp profile).
pub fn prepare(mounts: &[SessionMount]) -> Result<Prepared, String> {
    available()?;
    Prepared::new(mounts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_file_and_a_hidden_directory_are_what_the_child_sees() {
        let dir = tempfile::tempdir().unwrap();
        let (shown, target, hidden) = (
            dir.path().join("shown"),
            dir.path().join("target"),
            dir.path().join("hidden"),
        );
        std::fs::write(&shown, "gateway").unwrap();
        std::fs::write(&target, "engine").unwrap();
        std::fs::create_dir(&hidden).unwrap();
        std::fs::write(hidden.join("secret"), "x").unwrap();
        let prepared = match prepare(&[
            SessionMount::Hide(hidden.clone()),
            SessionMount::Bind {
                source: shown,
                target: target.clone(),
            },
        ]) {
            Ok(prepared) => prepared,
            Err(why) => panic!("no namespace on this machine: {why}"),
        };
        let mut child = std::process::Command::new("sh");
        child.args([
            "-c",
            "cat \"$1\"; ls -A \"$2\" | wc -l; umount \"$1\" 2>/dev/null && echo unmounted",
            "sh",
        ]);
        child.arg(&target).arg(&hidden);
        crate::sys::enter_private_mounts(&mut child, prepared);
        let out = child.output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "gateway0\n");
        // The machine's view is untouched.
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "engine");
        assert!(hidden.join("secret").exists());
    }
}
