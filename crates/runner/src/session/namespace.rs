//! The session's own view of a few paths: bash starts in a private mount
//! namespace (util-linux's `unshare`), where an integration's paths lead
//! elsewhere (the Docker engine's socket to the run's gateway) or to nothing
//! (an empty read-only tmpfs). As root, the session then loses CAP_SYS_ADMIN
//! (`setpriv`), so it can neither unmount what hides the paths nor enter
//! another mount namespace; as another user, a user namespace makes the
//! mounts possible and the session has no capability left once bash starts.
//! No PID namespace: it would give every session `$$` = 1, which scripts use
//! for names of their own, so another process's root (`/proc/1/root`) still
//! leads to the machine's view, and the docs say so.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A path the session sees otherwise than the machine does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionMount {
    /// `target` shows `source` (a file onto a file, a directory onto a directory).
    Bind { source: PathBuf, target: PathBuf },
    /// The directory shows as empty and read-only.
    Hide(PathBuf),
}

fn quote(path: &std::path::Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// `unshare` and its flags, without the command.
fn unshare(root: bool) -> Vec<OsString> {
    let mut argv: Vec<OsString> = vec!["unshare".into()];
    if !root {
        argv.extend(["--user".into(), "--map-current-user".into()]);
    }
    for flag in ["--mount", "--propagation", "private", "--"] {
        argv.push(flag.into());
    }
    argv
}

/// Whether this machine lets doccheck make the namespaces; why not, if not.
fn available() -> Result<(), String> {
    static PROBE: OnceLock<Result<(), String>> = OnceLock::new();
    PROBE
        .get_or_init(|| {
            let root = rustix::process::geteuid().is_root();
            let mut argv = unshare(root);
            argv.extend([
                "sh".into(),
                "-c".into(),
                "exec setpriv --bounding-set -sys_admin true".into(),
            ]);
            if !root {
                argv.truncate(argv.len() - 1);
                argv.push("true".into());
            }
            let out = std::process::Command::new(&argv[0])
                .args(&argv[1..])
                .stdin(std::process::Stdio::null())
                .output();
            match out {
                Ok(out) if out.status.success() => Ok(()),
                Ok(out) => Err(String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .next()
                    .unwrap_or("unshare failed")
                    .trim()
                    .to_string()),
                Err(e) => Err(format!("unshare cannot run ({e})")),
            }
        })
        .clone()
}

/// The program and arguments that start `command` (bash and its arguments)
/// with `mounts` in place; why it cannot, when this machine allows no
/// namespace (no util-linux, user namespaces turned off).
pub fn launcher(mounts: &[SessionMount], command: &[&str]) -> Result<Vec<OsString>, String> {
    available()?;
    let root = rustix::process::geteuid().is_root();
    let mut script = String::from("set -e\n");
    for mount in mounts {
        match mount {
            SessionMount::Bind { source, target } => script.push_str(&format!(
                "mount --bind {} {}\n",
                quote(source),
                quote(target)
            )),
            SessionMount::Hide(dir) => script.push_str(&format!(
                "mount -t tmpfs -o ro,mode=0755,size=4k doccheck-hidden {}\n",
                quote(dir)
            )),
        }
    }
    // As root the session keeps every capability but the one that would
    // undo the mounts (or make new namespaces to get around them).
    script.push_str(if root {
        "exec setpriv --bounding-set -sys_admin -- \"$@\"\n"
    } else {
        "exec \"$@\"\n"
    });
    let mut argv = unshare(root);
    argv.extend([
        "sh".into(),
        "-c".into(),
        script.into(),
        "doccheck-session".into(),
    ]);
    argv.extend(command.iter().map(OsString::from));
    Ok(argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launcher_binds_then_hides_then_starts_the_command() {
        let Ok(argv) = launcher(
            &[
                SessionMount::Bind {
                    source: "/ws/ctl/docker.sock".into(),
                    target: "/run/docker.sock".into(),
                },
                SessionMount::Hide("/run/it's".into()),
            ],
            &["bash", "--noprofile"],
        ) else {
            return; // no namespaces on this machine: `available` says why elsewhere
        };
        let text: Vec<String> = argv
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(text[0], "unshare");
        let script = &text[text.iter().position(|a| a == "-c").unwrap() + 1];
        assert!(script.contains("mount --bind '/ws/ctl/docker.sock' '/run/docker.sock'\n"));
        assert!(script.contains("doccheck-hidden '/run/it'\\''s'\n"));
        assert_eq!(&text[text.len() - 2..], ["bash", "--noprofile"]);
    }
}
