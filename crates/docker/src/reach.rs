//! The ways to a Docker engine on this machine, which a guide must not take
//! around the gateway: the engine's socket by every path it has (the one the
//! run uses, and the default `/var/run/docker.sock` that `env -u DOCKER_HOST`,
//! `-H unix:///var/run/docker.sock` or a `docker context` would reach), and
//! the engine's other doors (containerd's socket, the engine's state under
//! `/run`, its data under `/var/lib`). The session sees the gateway at each
//! socket path and nothing at the others; containers get the same treatment
//! from the gateway's policy.

use std::path::{Path, PathBuf};

/// Where the engine's socket usually is, whatever DOCKER_HOST says.
const DEFAULT_SOCKETS: &[&str] = &["/var/run/docker.sock", "/run/docker.sock"];

/// Directories that hold other ways in: containerd (which can push images
/// itself), the engine's runtime state, and the data the engine keeps.
const PRIVATE: &[&str] = &[
    "/run/containerd",
    "/run/docker",
    "/var/run/containerd",
    "/var/run/docker",
    "/var/lib/docker",
    "/var/lib/containerd",
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// Socket paths that lead to an engine, each existing, deduplicated by
    /// where they lead.
    pub sockets: Vec<PathBuf>,
    /// Existing directories with other ways to the engine.
    pub private: Vec<PathBuf>,
}

impl Reach {
    /// For an engine at `endpoint` (`unix:///var/run/docker.sock`, `tcp://…`).
    pub fn of(endpoint: &str) -> Reach {
        let mut reach = Reach::default();
        let used = endpoint.strip_prefix("unix://").map(PathBuf::from);
        for path in used
            .into_iter()
            .chain(DEFAULT_SOCKETS.iter().map(PathBuf::from))
        {
            reach.add_socket(&path);
        }
        for dir in PRIVATE {
            let path = Path::new(dir);
            let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if path.is_dir() && !reach.private.contains(&real) {
                reach.private.push(real);
            }
        }
        reach
    }

    fn add_socket(&mut self, path: &Path) {
        use std::os::unix::fs::FileTypeExt;
        let Ok(real) = std::fs::canonicalize(path) else {
            return;
        };
        let is_socket = std::fs::metadata(&real).is_ok_and(|m| m.file_type().is_socket());
        if is_socket && !self.sockets.contains(&real) {
            self.sockets.push(real);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_socket_is_named_once_by_where_it_leads() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("engine.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let link = dir.path().join("link.sock");
        std::os::unix::fs::symlink(&socket, &link).unwrap();
        let mut reach = Reach::default();
        reach.add_socket(&link);
        reach.add_socket(&socket);
        reach.add_socket(&dir.path().join("missing.sock"));
        reach.add_socket(dir.path()); // not a socket
        assert_eq!(reach.sockets, [std::fs::canonicalize(&socket).unwrap()]);
    }
}
