//! The docker CLI, as doccheck itself calls it: always with the run's own
//! DOCKER_CONFIG (never the user's credentials), stdin closed, and errors
//! typed so that a daemon that went away is never mistaken for "no such image".

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DockerError {
    /// The docker program cannot be started.
    NoCli(String),
    /// The daemon does not answer.
    DaemonUnreachable(String),
    /// The object does not exist.
    NotFound(String),
    /// Any other refusal, with the CLI's message.
    Refused(String),
}

impl fmt::Display for DockerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DockerError::NoCli(why) => write!(f, "the docker command cannot run ({why})"),
            DockerError::DaemonUnreachable(why) => {
                write!(f, "the Docker daemon is not reachable ({why})")
            }
            DockerError::NotFound(why) | DockerError::Refused(why) => f.write_str(why),
        }
    }
}

impl DockerError {
    fn from_stderr(stderr: &str) -> DockerError {
        let text = stderr.trim().to_string();
        let lower = text.to_ascii_lowercase();
        if lower.contains("cannot connect to the docker daemon")
            || lower.contains("is the docker daemon running")
            || lower.contains("error during connect")
        {
            DockerError::DaemonUnreachable(first_line(&text))
        } else if lower.contains("no such") || lower.contains("not found") {
            DockerError::NotFound(text)
        } else {
            DockerError::Refused(text)
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no answer")
        .trim()
        .to_string()
}

#[derive(Debug, Clone)]
pub struct Client {
    config: PathBuf,
}

impl Client {
    /// A client whose calls read `config` (a directory with an empty config.json).
    pub fn new(config: &Path) -> Client {
        Client {
            config: config.to_path_buf(),
        }
    }

    pub fn config_dir(&self) -> &Path {
        &self.config
    }

    /// A `docker` command with the run's configuration, for callers that stream.
    pub fn command(&self) -> Command {
        let mut command = Command::new("docker");
        command
            .env("DOCKER_CONFIG", &self.config)
            .stdin(Stdio::null());
        command
    }

    /// Runs `docker ARGS`; its stdout on success.
    pub fn run(&self, args: &[&str]) -> Result<String, DockerError> {
        let (stdout, outcome) = self.output(args);
        outcome.map(|()| stdout)
    }

    /// Runs `docker ARGS`: its stdout whatever the outcome (`inspect` of
    /// several objects prints those it found even when one is missing), and
    /// the outcome.
    pub fn output(&self, args: &[&str]) -> (String, Result<(), DockerError>) {
        let out = match self.command().args(args).output() {
            Ok(out) => out,
            Err(e) => return (String::new(), Err(DockerError::NoCli(e.to_string()))),
        };
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() {
            (stdout, Ok(()))
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            (stdout, Err(DockerError::from_stderr(&stderr)))
        }
    }

    /// Runs `docker PREFIX OBJECTS...` in one call (the CLI goes on past an
    /// object it cannot remove and says why, one line each); the refusals,
    /// by object. Only when a line of its stderr names no object is each
    /// object tried alone, to know which one it was about.
    pub fn each(&self, prefix: &[&str], objects: &[String]) -> Vec<(String, DockerError)> {
        if objects.is_empty() {
            return Vec::new();
        }
        let mut args = prefix.to_vec();
        args.extend(objects.iter().map(String::as_str));
        let out = match self.command().args(&args).output() {
            Ok(out) => out,
            Err(e) => return vec![(objects.join(" "), DockerError::NoCli(e.to_string()))],
        };
        if out.status.success() {
            return Vec::new();
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut refusals = Vec::new();
        for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
            match objects.iter().find(|o| line.contains(o.as_str())) {
                Some(object) => refusals.push((object.clone(), DockerError::from_stderr(line))),
                None if objects.len() == 1 => {
                    refusals.push((objects[0].clone(), DockerError::from_stderr(line)))
                }
                None => {
                    return objects
                        .iter()
                        .filter_map(|object| {
                            let mut args = prefix.to_vec();
                            args.push(object);
                            self.run(&args).err().map(|e| (object.clone(), e))
                        })
                        .collect()
                }
            }
        }
        refusals
    }

    /// The non-empty lines of `docker ARGS`'s stdout.
    pub fn lines(&self, args: &[&str]) -> Result<Vec<String>, DockerError> {
        Ok(self
            .run(args)?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_told_apart() {
        assert!(matches!(
            DockerError::from_stderr("Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?"),
            DockerError::DaemonUnreachable(_)
        ));
        assert!(matches!(
            DockerError::from_stderr("Error: No such image: stockdata"),
            DockerError::NotFound(_)
        ));
        assert!(matches!(
            DockerError::from_stderr("conflict: unable to remove repository reference"),
            DockerError::Refused(_)
        ));
    }
}
