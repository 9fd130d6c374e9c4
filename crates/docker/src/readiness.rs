//! A container as a [`Target`] of the runner's readiness probes: its state,
//! the host port published for a container port, and its log.

use doccheck_runner::readiness::{State, Target};

use crate::client::{Client, DockerError};

pub struct Container<'a> {
    pub client: &'a Client,
    pub id: String,
    /// Where published ports are reached: the engine's host when it is remote.
    pub host: &'a str,
}

impl Target for Container<'_> {
    fn name(&self) -> String {
        format!("container {}", &self.id[..12.min(self.id.len())])
    }

    fn state(&mut self) -> State {
        match self.client.run(&[
            "inspect",
            "-f",
            "{{.State.Running}} {{.State.ExitCode}}",
            &self.id,
        ]) {
            Ok(state) if state.trim_start().starts_with("false") => {
                State::Exited(state.split_whitespace().nth(1).unwrap_or("?").to_string())
            }
            Ok(_) => State::Running,
            Err(DockerError::NotFound(_)) => State::Exited("? (the container is gone)".into()),
            Err(e) => State::Unknown(e.to_string()),
        }
    }

    /// `HOST:PORT` published for the container's `port`.
    fn address(&mut self, port: u16) -> Result<String, String> {
        let out = self
            .client
            .run(&["port", &self.id, &format!("{port}/tcp")])
            .map_err(|e| match e {
                DockerError::DaemonUnreachable(_) | DockerError::NoCli(_) => e.to_string(),
                _ => {
                    let published = self.client.lines(&["port", &self.id]).unwrap_or_default();
                    format!(
                        "container port {port}, where the service listens, is not published (published: {})",
                        if published.is_empty() { "none".to_string() } else { published.join(", ") }
                    )
                }
            })?;
        let line = out
            .lines()
            .find(|l| l.starts_with("0.0.0.0:") || l.starts_with("127.0.0.1:"))
            .or_else(|| out.lines().next())
            .ok_or_else(|| format!("container port {port} is not published"))?;
        let host_port = line.rsplit(':').next().unwrap_or("").trim();
        Ok(format!("{}:{host_port}", self.host))
    }

    fn log_tail(&mut self) -> String {
        let out = self
            .client
            .command()
            .args(["logs", "--tail", "30", &self.id])
            .output();
        match out {
            Ok(o) => {
                let text = format!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                );
                format!("container log (last 30 lines):\n{}", text.trim_end())
            }
            Err(_) => String::new(),
        }
    }
}
