//! Before anything else: the docker CLI runs, the daemon answers, and the disk
//! under Docker's data has room. Each failure is one sentence saying what to do.

use std::path::Path;

use doccheck_guide::Error;

use crate::client::{Client, DockerError};

const MIN_FREE_DISK: u64 = 1 << 30;

pub fn check(client: &Client) -> Result<(), Error> {
    match client.run(&["version", "--format", "{{.Server.Version}}"]) {
        Ok(_) => {}
        Err(DockerError::NoCli(why)) => {
            return Err(Error::environment(format!(
                "the guide needs Docker, but the docker command cannot run ({why}): install the Docker CLI"
            )))
        }
        Err(e) => {
            let why = match &e {
                DockerError::DaemonUnreachable(why) | DockerError::Refused(why) | DockerError::NotFound(why) => why.clone(),
                DockerError::NoCli(why) => why.clone(),
            };
            let why = why.lines().find(|l| !l.trim().is_empty()).unwrap_or("no answer").trim().to_string();
            return Err(Error::environment(format!(
                "the guide needs Docker, but the Docker daemon is not reachable ({why}): start it, or point DOCKER_HOST at one"
            )));
        }
    }
    let root = client
        .run(&["info", "--format", "{{.DockerRootDir}}"])
        .map_err(|e| {
            Error::environment(format!(
                "cannot ask the Docker daemon where its data is: {e}"
            ))
        })?;
    let root = root.trim();
    let root = if root.is_empty() { "/" } else { root };
    if let Some(free) = free_bytes(Path::new(root)) {
        if free < MIN_FREE_DISK {
            return Err(Error::environment(format!(
                "only {} MiB are free on the disk that holds Docker's data ({root}); doccheck needs at least {} MiB: free some space (docker system prune) and run again",
                free >> 20,
                MIN_FREE_DISK >> 20
            )));
        }
    }
    Ok(())
}

/// Free bytes on the filesystem of `path` (None when it cannot be read, e.g. a remote daemon's).
fn free_bytes(path: &Path) -> Option<u64> {
    let s = rustix::fs::statvfs(path).ok()?;
    Some(s.f_bavail * s.f_frsize)
}
