//! Stops every process a guide started, however it left the session: a
//! background job (`cmd &`), a `setsid` daemon, a double fork. Each session's
//! environment carries `DOCCHECK_RUN=<run id>`, which its descendants inherit;
//! at the end, every process carrying it is killed. doccheck is also its
//! descendants' subreaper, so orphans are reparented to it and reaped here
//! instead of lingering as zombies of init.

use std::time::Duration;

use crate::sys;

pub struct Janitor {
    marker: Vec<u8>,
}

pub const MARKER_VARIABLE: &str = "DOCCHECK_RUN";

impl Janitor {
    pub fn new(run_id: &str) -> Janitor {
        sys::become_subreaper();
        Janitor {
            marker: format!("{MARKER_VARIABLE}={run_id}").into_bytes(),
        }
    }

    /// The variable that marks the session's processes.
    pub fn env(&self) -> (String, String) {
        let text = String::from_utf8_lossy(&self.marker).into_owned();
        let (k, v) = text.split_once('=').unwrap_or((MARKER_VARIABLE, ""));
        (k.to_string(), v.to_string())
    }

    /// The processes that carry this run's marker.
    pub fn processes(&self) -> Vec<u32> {
        let me = std::process::id();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .filter(|&pid| pid != me)
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/environ"))
                    .is_ok_and(|env| env.split(|&b| b == 0).any(|v| v == self.marker))
            })
            .filter(|pid| !is_zombie(*pid))
            .collect()
    }

    /// Kills every process of the run; returns how many there were.
    pub fn stop_all(&self) -> usize {
        let mut stopped = 0;
        for _ in 0..20 {
            let found = self.processes();
            if found.is_empty() {
                break;
            }
            for &pid in &found {
                stopped += sys::signal(pid, libc::SIGKILL) as usize;
            }
            std::thread::sleep(Duration::from_millis(10));
            reap(&found);
        }
        stopped
    }
}

fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    })
}

/// Reaps those of `pids` that became doccheck's children (orphans, through the subreaper).
fn reap(pids: &[u32]) {
    for &pid in pids {
        if let Some(pid) = rustix::process::Pid::from_raw(pid as i32) {
            let _ = rustix::process::waitpid(Some(pid), rustix::process::WaitOptions::NOHANG);
        }
    }
}
