//! Before anything else: the docker CLI runs, the daemon answers, and the disk
//! under Docker's data has room. Each failure is one sentence saying what to do.

use std::path::Path;

use doccheck_guide::Error;

use crate::client::{Client, DockerError};

const MIN_FREE_DISK: u64 = 1 << 30;

/// The engine a run talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    /// `unix:///var/run/docker.sock`, `tcp://host:2376`, `ssh://user@host`.
    pub endpoint: String,
    pub version: String,
    /// The host published ports are reached on, when the engine is on another machine.
    pub remote_host: Option<String>,
}

impl Engine {
    pub fn describe(&self) -> String {
        match &self.remote_host {
            Some(host) => format!(
                "Docker Engine {} at {} (remote: published ports are reached on {host})",
                self.version, self.endpoint
            ),
            None => format!("Docker Engine {} at {}", self.version, self.endpoint),
        }
    }
}

/// The host of a `tcp://` or `ssh://` endpoint that is not this machine.
fn remote_host(endpoint: &str) -> Option<String> {
    let rest = endpoint
        .strip_prefix("tcp://")
        .or_else(|| endpoint.strip_prefix("ssh://"))?;
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host.split(':').next().unwrap_or(host),
    };
    let local = host.is_empty() || host == "localhost" || host == "::1" || host.starts_with("127.");
    (!local).then(|| host.to_string())
}

/// Where an engine is without asking the CLI: DOCKER_HOST, else the
/// default socket (the run's DOCKER_CONFIG is empty: no other context).
pub fn default_endpoint() -> String {
    std::env::var("DOCKER_HOST")
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unix:///var/run/docker.sock".to_string())
}

/// Where the CLI's calls go: DOCKER_HOST, else the current context's endpoint.
fn endpoint(client: &Client) -> String {
    if let Some(host) = std::env::var_os("DOCKER_HOST").filter(|h| !h.is_empty()) {
        return host.to_string_lossy().into_owned();
    }
    client
        .run(&[
            "context",
            "inspect",
            "--format",
            "{{.Endpoints.docker.Host}}",
        ])
        .map(|e| e.trim().to_string())
        .unwrap_or_else(|_| "unix:///var/run/docker.sock".to_string())
}

pub fn check(client: &Client) -> Result<Engine, Error> {
    let version = match client.run(&["version", "--format", "{{.Server.Version}}"]) {
        Ok(version) => version.trim().to_string(),
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
    };
    let endpoint = endpoint(client);
    let engine = Engine {
        remote_host: remote_host(&endpoint),
        endpoint,
        version,
    };
    let root = client
        .run(&["info", "--format", "{{.DockerRootDir}}"])
        .map_err(|e| {
            Error::environment(format!(
                "cannot ask the Docker daemon where its data is: {e}"
            ))
        })?;
    let root = root.trim();
    let root = if root.is_empty() { "/" } else { root };
    // A remote engine's disk is not this machine's to measure.
    let local_disk = engine
        .remote_host
        .is_none()
        .then(|| free_bytes(Path::new(root)))
        .flatten();
    if let Some(free) = local_disk {
        if free < MIN_FREE_DISK {
            return Err(Error::environment(format!(
                "only {} MiB are free on the disk that holds Docker's data ({root}); doccheck needs at least {} MiB: free some space (docker system prune) and run again",
                free >> 20,
                MIN_FREE_DISK >> 20
            )));
        }
    }
    Ok(engine)
}

/// Free bytes on the filesystem of `path` (None when it cannot be read, e.g. a remote daemon's).
fn free_bytes(path: &Path) -> Option<u64> {
    let s = rustix::fs::statvfs(path).ok()?;
    Some(s.f_bavail * s.f_frsize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_endpoints() {
        assert_eq!(remote_host("unix:///var/run/docker.sock"), None);
        assert_eq!(remote_host("tcp://127.0.0.1:2375"), None);
        assert_eq!(
            remote_host("tcp://build-host:2376").as_deref(),
            Some("build-host")
        );
        assert_eq!(
            remote_host("ssh://me@10.0.0.5").as_deref(),
            Some("10.0.0.5")
        );
        assert_eq!(
            remote_host("tcp://[fd00::1]:2376").as_deref(),
            Some("fd00::1")
        );
    }
}
