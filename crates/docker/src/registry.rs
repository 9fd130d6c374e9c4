//! A real registry for the run: Debian's `docker-registry` (CNCF distribution)
//! on a free loopback port with storage in the workspace, or the `registry:2`
//! image where one is present. The daemon treats 127.0.0.0/8 as insecure, so
//! plain-HTTP pushes to it need no daemon configuration.

use std::path::Path;
use std::time::{Duration, Instant};

use doccheck_guide::Error;

use crate::client::Client;

pub struct Registry {
    /// `127.0.0.1:PORT`
    pub address: String,
    /// How it was started, for the report.
    pub kind: String,
    process: Option<std::process::Child>,
    container: Option<String>,
    client: Option<Client>,
    /// Its storage and log, to explain a push that failed.
    dir: std::path::PathBuf,
}

fn free_port() -> Result<u16, Error> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| Error::environment(format!("cannot find a free loopback port: {e}")))
}

/// The registry program: `$DOCCHECK_REGISTRY_BIN`, else `docker-registry` on PATH or in /usr/bin.
pub fn binary() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("DOCCHECK_REGISTRY_BIN") {
        let path = std::path::PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .chain([std::path::PathBuf::from("/usr/bin")])
        .map(|d| d.join("docker-registry"))
        .find(|p| p.is_file())
}

fn image_present(client: &Client, image: &str) -> bool {
    client
        .run(&["image", "inspect", "--format", "x", image])
        .is_ok()
}

impl Registry {
    /// Starts a registry whose storage lives under `dir`; `labels` mark a container.
    pub fn start(client: &Client, dir: &Path, labels: &[String]) -> Result<Registry, Error> {
        let port = free_port()?;
        let address = format!("127.0.0.1:{port}");
        let mut registry = if let Some(binary) = binary() {
            let storage = dir.join("registry-storage");
            std::fs::create_dir_all(&storage).map_err(|e| {
                Error::environment(format!("cannot create {}: {e}", storage.display()))
            })?;
            let config = dir.join("registry.yml");
            // The packaged /etc/docker/registry/config.yml turns on htpasswd auth: use our own.
            let yaml = format!(
                "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: {address}\n",
                storage.display()
            );
            std::fs::write(&config, yaml).map_err(|e| {
                Error::environment(format!("cannot write {}: {e}", config.display()))
            })?;
            let log = std::fs::File::create(dir.join("registry.log")).map_err(|e| {
                Error::environment(format!("cannot create the registry's log: {e}"))
            })?;
            let mut command = std::process::Command::new(&binary);
            doccheck_runner::sys::die_with_parent(&mut command);
            let child = command
                .arg("serve")
                .arg(&config)
                .stdin(std::process::Stdio::null())
                .stdout(
                    log.try_clone()
                        .map_err(|e| Error::environment(e.to_string()))?,
                )
                .stderr(log)
                .spawn()
                .map_err(|e| {
                    Error::environment(format!("cannot start {}: {e}", binary.display()))
                })?;
            Registry {
                address: address.clone(),
                kind: format!("{} on {address}", binary.display()),
                process: Some(child),
                container: None,
                client: None,
                dir: dir.to_path_buf(),
            }
        } else if image_present(client, "registry:2") {
            let mut args = vec![
                "run".to_string(),
                "-d".into(),
                "-p".into(),
                format!("{address}:5000"),
            ];
            for label in labels {
                args.extend(["--label".to_string(), label.clone()]);
            }
            args.push("registry:2".into());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let id = client
                .run(&args)
                .map_err(|e| Error::environment(format!("cannot start the registry:2 image: {e}")))?
                .trim()
                .to_string();
            Registry {
                address: address.clone(),
                kind: format!("registry:2 container on {address}"),
                process: None,
                container: Some(id),
                client: None,
                dir: dir.to_path_buf(),
            }
        } else {
            return Err(Error::environment(
                "no registry is available for the guide's pushes: install Debian's docker-registry (apt-get install docker-registry) or load the registry:2 image",
            ));
        };
        registry.client = Some(client.clone());
        registry.wait_ready(dir)?;
        Ok(registry)
    }

    fn wait_ready(&mut self, dir: &Path) -> Result<(), Error> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let url = format!("http://{}/v2/", self.address);
        loop {
            if let Ok(r) = agent().get(&url).call() {
                if r.status() == 200 {
                    return Ok(());
                }
            }
            if let Some(child) = self.process.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    let log = std::fs::read_to_string(dir.join("registry.log")).unwrap_or_default();
                    return Err(Error::environment(format!(
                        "the registry exited at start ({status}): {}",
                        log.trim()
                    )));
                }
            }
            if Instant::now() > deadline {
                return Err(Error::environment(format!(
                    "the registry at {} did not answer /v2/ within 20s",
                    self.address
                )));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// The digest the registry holds for `repository:tag`, through its HTTP API.
    pub fn manifest_digest(&self, repository: &str, tag: &str) -> Result<String, String> {
        let url = format!("http://{}/v2/{repository}/manifests/{tag}", self.address);
        let accept = "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json";
        match agent().head(&url).set("Accept", accept).call() {
            Ok(r) => r
                .header("Docker-Content-Digest")
                .map(str::to_string)
                .ok_or_else(|| {
                    format!("the registry answered {url} without a Docker-Content-Digest header")
                }),
            Err(ureq::Error::Status(404, _)) => {
                Err(format!("the registry has no {repository}:{tag}"))
            }
            Err(e) => Err(format!(
                "cannot ask the registry for {repository}:{tag}: {e}"
            )),
        }
    }

    /// Tags of `repository` in the registry.
    pub fn tags(&self, repository: &str) -> Result<Vec<String>, String> {
        let url = format!("http://{}/v2/{repository}/tags/list", self.address);
        let text = agent()
            .get(&url)
            .call()
            .map_err(|e| format!("cannot list the tags of {repository}: {e}"))?
            .into_string()
            .map_err(|e| format!("cannot read the tag list of {repository}: {e}"))?;
        let body: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("the registry's tag list of {repository} is not JSON: {e}"))?;
        Ok(body["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect())
    }

    /// Why a push to this registry failed, when the registry is the cause:
    /// its process died, or the disk under its storage is full.
    pub fn explain_failure(&mut self) -> Option<String> {
        let log = || {
            let text = std::fs::read_to_string(self.dir.join("registry.log")).unwrap_or_default();
            // What it said as it went, not its start-up chatter.
            let lines: Vec<&str> = text
                .lines()
                .filter(|l| {
                    ["level=error", "level=fatal", "panic"]
                        .iter()
                        .any(|k| l.contains(k))
                })
                .collect();
            lines[lines.len().saturating_sub(3)..].join(" | ")
        };
        if let Some(child) = self.process.as_mut() {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(format!(
                    "the run's registry on {} exited ({status}) before the push finished{}",
                    self.address,
                    match log() {
                        l if l.is_empty() => String::new(),
                        l => format!("; its log: {l}"),
                    }
                ));
            }
        }
        let storage = self.dir.join("registry-storage");
        let free = rustix::fs::statvfs(&storage)
            .ok()
            .map(|s| s.f_bavail * s.f_frsize)?;
        (free < 16 << 20).then(|| {
            format!(
                "the disk under the run's registry storage ({}) is full: {} KiB free",
                storage.display(),
                free >> 10
            )
        })
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let (Some(id), Some(client)) = (self.container.take(), &self.client) {
            let _ = client.run(&["rm", "-f", &id]);
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(10))
        .build()
}
