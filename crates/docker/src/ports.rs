//! Host ports a guide publishes (`-p 5000:80`). A port is the run's while it
//! holds a lock on `/tmp/doccheck-ports/<port>.lock`, so two runs on one
//! machine (two guides of a parallel run, two CI jobs) never publish the same
//! one; a port another run holds, or another process listens on, is replaced
//! by a free one, and the report says so. A run removes the lock files it
//! held when it lets its ports go, so they do not pile up.

use std::fs::File;
use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Default)]
pub struct Ports {
    /// Locks held for the run's life, and their files.
    claims: Mutex<Vec<(PathBuf, File)>>,
}

pub fn claims_dir() -> PathBuf {
    let shared = PathBuf::from("/tmp/doccheck-ports");
    if std::fs::create_dir_all(&shared).is_ok() {
        return shared;
    }
    std::env::temp_dir().join("doccheck-ports")
}

impl Ports {
    /// Takes `port` for the run, if no other run holds it.
    fn claim(&self, port: u16) -> bool {
        let dir = claims_dir();
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{port}.lock"));
        let file = match doccheck_runner::sys::try_lock_path(&path) {
            Ok(Some(file)) => file,
            Ok(None) => return false,
            Err(_) => return true, // Nowhere to coordinate: the bind check alone decides.
        };
        self.claims
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, file));
        true
    }

    /// `-p 5000:80` with 5000 taken → `-p <free>:80` and a note saying so.
    pub fn publish(&self, mapping: &str) -> Option<(String, String)> {
        let parts: Vec<&str> = mapping.split(':').collect();
        let (prefix, host) = match parts[..] {
            [host, _] => ("", host),
            [ip, host, _] => (ip, host),
            _ => return None,
        };
        let port: u16 = host.parse().ok()?;
        if port == 0 {
            return None;
        }
        let bind_ip = if prefix.is_empty() { "0.0.0.0" } else { prefix };
        let held_by_a_run = !self.claim(port);
        if !held_by_a_run && std::net::TcpListener::bind((bind_ip, port)).is_ok() {
            return None;
        }
        let free = loop {
            let candidate = std::net::TcpListener::bind((bind_ip, 0))
                .ok()?
                .local_addr()
                .ok()?
                .port();
            if self.claim(candidate) {
                break candidate;
            }
        };
        let container = parts[parts.len() - 1];
        let new = if prefix.is_empty() {
            format!("{free}:{container}")
        } else {
            format!("{prefix}:{free}:{container}")
        };
        let by = if held_by_a_run {
            "by another doccheck run"
        } else {
            "on this machine"
        };
        Some((
            new,
            format!("host port {port} is taken {by}: published on {free} instead"),
        ))
    }

    /// Lets the ports go, and their lock files.
    pub fn release(&self) {
        let claims = std::mem::take(&mut *self.claims.lock().unwrap_or_else(|e| e.into_inner()));
        for (path, file) in claims {
            doccheck_runner::sys::unlink_locked(&path, file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claimed_port_is_the_runs_until_released_and_its_lock_file_goes() {
        // A port number no test or run publishes.
        let port = 40000 + (std::process::id() % 20000) as u16;
        let path = claims_dir().join(format!("{port}.lock"));
        let (a, b) = (Ports::default(), Ports::default());
        assert!(a.claim(port));
        assert!(!b.claim(port), "two runs hold one port");
        assert!(path.exists());
        a.release();
        assert!(!path.exists(), "the lock file piles up");
        assert!(b.claim(port));
        b.release();
    }
}
