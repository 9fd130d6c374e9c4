//! What a run needs from Docker beyond typing the guide's commands: a preflight,
//! base images (real, or stand-ins built here), registries standing in for the
//! hosts the guide pushes to, rewrites of the commands a runner without a
//! terminal or credentials cannot run as written, readiness of the services a
//! block starts, and cleanup of everything the run created.
//!
//! Everything the run creates carries the labels `doccheck.run=<id>` and
//! `doccheck.pid=<pid>`; `docker tag` sets no label, so tags are recorded.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::registry::Registry;
use crate::error::Error;
use crate::scenario::{Probe, Scenario, Service};

const RUN_LABEL: &str = "doccheck.run";
const PID_LABEL: &str = "doccheck.pid";
const STANDIN_LABEL: &str = "doccheck.standin";
const MIN_FREE_DISK: u64 = 1 << 30;

/// Runs `docker ARGS`; Ok(stdout) on success, Err(stderr or why it could not run).
pub fn docker(args: &[&str]) -> Result<String, String> {
    let out = Command::new("docker")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run docker: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// What to do once a rewritten command has run.
#[derive(Debug, Clone)]
pub enum After {
    Nothing,
    /// `docker build`: record the images its steps made (the legacy builder
    /// leaves a multi-stage build's earlier stages as untagged images).
    Build,
    /// `docker run`: record the container; wait for it when it is a service.
    Container {
        service: Option<Service>,
    },
    /// `docker push`: check the registry holds what was pushed.
    VerifyPush {
        registry: usize,
        repository: String,
        tag: String,
    },
}

#[derive(Debug, Clone)]
pub struct Prepared {
    /// The command to run, when it differs from the documented one.
    pub run: Option<String>,
    pub after: After,
    pub notes: Vec<String>,
}

pub struct Docker {
    run_id: String,
    pid: u32,
    /// Documented registry host → the registry standing in for it.
    hosts: BTreeMap<String, usize>,
    registries: Vec<Registry>,
    tags: BTreeSet<String>,
    containers: Vec<String>,
    built: Vec<String>,
    config_dir: PathBuf,
    scenario_dir: PathBuf,
    pub notes: Vec<String>,
}

impl Docker {
    /// Preflight, sweep of crashed runs, base images and registries.
    pub fn start(
        scenario: Option<&Scenario>,
        control: &Path,
        needs_registry: bool,
        observer: &mut dyn super::Observer,
    ) -> Result<Docker, Error> {
        preflight()?;
        let pid = std::process::id();
        let run_id = format!(
            "{pid}-{}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis())
        );
        let mut notes = Vec::new();
        let swept = sweep_dead_runs();
        if swept > 0 {
            notes.push(format!(
                "removed {swept} leftover(s) of an earlier doccheck run that did not finish"
            ));
        }
        let config_dir = control.join("docker-config");
        std::fs::create_dir_all(&config_dir)
            .and_then(|_| std::fs::write(config_dir.join("config.json"), "{}\n"))
            .map_err(|e| Error::new(format!("cannot create a Docker client configuration: {e}")))?;
        let mut this = Docker {
            run_id,
            pid,
            hosts: BTreeMap::new(),
            registries: Vec::new(),
            tags: BTreeSet::new(),
            containers: Vec::new(),
            built: Vec::new(),
            config_dir,
            scenario_dir: scenario.map(|s| s.dir.clone()).unwrap_or_default(),
            notes,
        };
        let config = scenario.and_then(|s| s.docker.as_ref());
        for image in config.map(|d| &d.images[..]).unwrap_or_default() {
            let note = ensure_image(
                &image.image,
                &image.build,
                &image.inputs,
                &this.scenario_dir,
                observer,
            )?;
            this.notes.push(note);
        }
        let hosts: Vec<String> = config
            .and_then(|d| d.registry.as_ref())
            .map(|r| r.hosts.clone())
            .unwrap_or_default();
        if needs_registry || !hosts.is_empty() {
            for (i, host) in hosts.iter().enumerate() {
                let registry =
                    Registry::start(&control.join(format!("registry-{i}")), &this.labels())?;
                this.notes.push(format!(
                    "pushes to {host} go to a registry of the run's own: {}",
                    registry.kind
                ));
                this.hosts.insert(host.clone(), this.registries.len());
                this.registries.push(registry);
            }
        }
        Ok(this)
    }

    fn labels(&self) -> Vec<String> {
        vec![
            format!("{RUN_LABEL}={}", self.run_id),
            format!("{PID_LABEL}={}", self.pid),
        ]
    }

    /// Environment for the shell session: a Docker config without the user's credentials.
    pub fn session_env(&self) -> Vec<(String, String)> {
        vec![(
            "DOCKER_CONFIG".into(),
            self.config_dir.display().to_string(),
        )]
    }

    /// Defined in the session before the first step: even a push doccheck did not
    /// rewrite (inside a script, say) never leaves the machine.
    pub fn session_guard(&self) -> &'static str {
        r#"docker() { if [ "$1" = push ]; then case "${@: -1}" in 127.0.0.1:*|localhost:*) ;; *) echo "doccheck: refusing to push ${@: -1}: its registry is not one the scenario maps to a local registry, and nothing is pushed off this machine" >&2; return 125;; esac; fi; command docker "$@"; }"#
    }

    /// Where an image reference goes when its registry host is mapped.
    fn map_reference(&self, reference: &str) -> Option<(usize, String)> {
        let (host, rest) = split_host(reference);
        let key = match host {
            Some(h) => h.to_string(),
            // An unqualified name with a namespace (`myorg/app`) lives on Docker Hub;
            // a bare `app` is a local image name here.
            None if rest.contains('/') => "docker.io".to_string(),
            None => return None,
        };
        let index = *self.hosts.get(&key)?;
        Some((index, format!("{}/{rest}", self.registries[index].address)))
    }

    /// How `command` must run here, if it is a docker command that needs it.
    pub fn prepare(&mut self, command: &str, service: Option<&Service>) -> Prepared {
        let unchanged = Prepared {
            run: None,
            after: After::Nothing,
            notes: Vec::new(),
        };
        // Only simple commands are rewritten; anything with shell syntax runs as written.
        if command.contains(|c: char| "|&;<>()$`\n".contains(c)) && !command.contains("\\\n") {
            return unchanged;
        }
        let Ok(mut args) = shell_words::split(command) else {
            return unchanged;
        };
        if args.first().map(String::as_str) != Some("docker") || args.len() < 2 {
            return unchanged;
        }
        let mut notes = Vec::new();
        let mut after = After::Nothing;
        match args[1].as_str() {
            "build" => {
                self.insert_labels(&mut args);
                // A failed RUN must not leave its container behind.
                args.insert(2, "--force-rm".to_string());
                after = After::Build;
                let mut i = 2;
                while i < args.len() {
                    if (args[i] == "-t" || args[i] == "--tag") && i + 1 < args.len() {
                        self.tags.insert(normalize_tag(&args[i + 1]));
                        i += 1;
                    } else if let Some(t) = args[i].strip_prefix("--tag=") {
                        self.tags.insert(normalize_tag(t));
                    }
                    i += 1;
                }
            }
            "run" => {
                self.rewrite_run(&mut args, service.is_some(), &mut notes);
                after = After::Container {
                    service: service.cloned(),
                };
            }
            "tag" if args.len() >= 4 => {
                let last = args.len() - 1;
                if let Some((_, mapped)) = self.map_reference(&args[last]) {
                    args[last] = mapped;
                }
                self.tags.insert(normalize_tag(&args[last]));
            }
            "push" if args.len() >= 3 => {
                let last = args.len() - 1;
                if let Some((registry, mapped)) = self.map_reference(&args[last]) {
                    args[last] = mapped.clone();
                    let (_, rest) = split_host(&mapped);
                    let (repository, tag) = split_tag(rest);
                    after = After::VerifyPush {
                        registry,
                        repository,
                        tag,
                    };
                }
            }
            "pull" if args.len() >= 3 => {
                let last = args.len() - 1;
                if let Some((_, mapped)) = self.map_reference(&args[last]) {
                    args[last] = mapped;
                }
            }
            "network" | "volume" if args.get(2).is_some_and(|a| a == "create") => {
                let mut rest = args.split_off(3);
                for label in self.labels() {
                    args.extend(["--label".to_string(), label]);
                }
                args.append(&mut rest);
            }
            _ => return unchanged,
        }
        let run = join(&args);
        let documented = shell_words::split(command)
            .map(|a| join(&a))
            .unwrap_or_default();
        Prepared {
            run: (run != documented).then_some(run),
            after,
            notes,
        }
    }

    fn insert_labels(&self, args: &mut Vec<String>) {
        let mut rest = args.split_off(2);
        for label in self.labels() {
            args.extend(["--label".to_string(), label]);
        }
        args.append(&mut rest);
    }

    fn rewrite_run(&self, args: &mut Vec<String>, detach: bool, notes: &mut Vec<String>) {
        let mut i = 2;
        let mut removed_tty = false;
        while i < args.len() {
            let arg = args[i].clone();
            if !arg.starts_with('-') || arg == "--" {
                break; // the image
            }
            // Boolean short-flag clusters such as -ti, -it, -itd.
            if !arg.starts_with("--")
                && arg.len() > 1
                && arg[1..].chars().all(|c| "dit".contains(c))
            {
                let kept: String = arg[1..]
                    .chars()
                    .filter(|&c| !(c == 't' || (detach && c == 'i')))
                    .collect();
                removed_tty |= arg.contains('t');
                if kept.is_empty() {
                    args.remove(i);
                } else {
                    args[i] = format!("-{kept}");
                    i += 1;
                }
                continue;
            }
            if matches!(arg.as_str(), "--tty" | "--interactive") {
                removed_tty |= arg == "--tty";
                if arg == "--tty" || detach {
                    args.remove(i);
                    continue;
                }
            }
            if (arg == "-p" || arg == "--publish") && i + 1 < args.len() {
                if let Some((mapping, note)) = free_host_port(&args[i + 1]) {
                    args[i + 1] = mapping;
                    notes.push(note);
                }
            }
            if takes_value(&arg) {
                i += 1;
            }
            i += 1;
        }
        if removed_tty {
            notes.push("no terminal here: -t (and, for a service, -i) dropped".to_string());
        }
        let mut rest = args.split_off(2);
        if detach {
            args.push("-d".to_string());
            notes.push("started detached (-d): doccheck waits until it is ready, goes on, and stops it at the end".into());
        }
        for label in self.labels() {
            args.extend(["--label".to_string(), label]);
        }
        args.append(&mut rest);
    }

    /// Records what a command created, whether it succeeded or not.
    pub fn record(&mut self, after: &After, output: &str) {
        if let After::Build = after {
            // Two builds of one Dockerfile print the same cached layers: keep each once.
            for id in built_images(output) {
                if !self.built.contains(&id) {
                    self.built.push(id);
                }
            }
        }
    }

    /// Work after a rewritten command succeeded: record, verify, wait for readiness.
    pub fn after(
        &mut self,
        after: &After,
        output: &str,
        interrupted: &std::sync::atomic::AtomicBool,
    ) -> Result<Vec<String>, String> {
        match after {
            After::Nothing => Ok(Vec::new()),
            After::Build => Ok(Vec::new()),
            After::Container { service } => {
                let id = output
                    .lines()
                    .rev()
                    .map(str::trim)
                    .find(|l| l.len() == 64 && l.chars().all(|c| c.is_ascii_hexdigit()));
                let Some(id) = id.map(str::to_string) else {
                    return Ok(Vec::new());
                };
                self.containers.push(id.clone());
                match service {
                    Some(service) => self.await_ready(&id, service, interrupted),
                    None => Ok(Vec::new()),
                }
            }
            After::VerifyPush {
                registry,
                repository,
                tag,
            } => {
                let pushed = output
                    .split_whitespace()
                    .skip_while(|w| *w != "digest:")
                    .nth(1)
                    .ok_or("docker push printed no digest")?;
                let registry = &self.registries[*registry];
                let held = registry.manifest_digest(repository, tag)?;
                if held != pushed {
                    return Err(format!("the registry holds {held} for {repository}:{tag}, but docker push printed {pushed}"));
                }
                let tags = registry.tags(repository)?;
                if !tags.contains(tag) {
                    return Err(format!(
                        "the registry's tag list of {repository} lacks {tag}: {tags:?}"
                    ));
                }
                Ok(vec![format!(
                    "verified through the registry API: {}/{repository}:{tag} is {held}",
                    registry.address
                )])
            }
        }
    }

    fn await_ready(
        &self,
        id: &str,
        service: &Service,
        interrupted: &std::sync::atomic::AtomicBool,
    ) -> Result<Vec<String>, String> {
        let limit = match &service.ready_timeout {
            Some(t) => crate::directives::parse_duration(t)?,
            None => Duration::from_secs(60),
        };
        let started = Instant::now();
        let short = &id[..12];
        let mut last = String::from("no probe ran");
        let mut notes = Vec::new();
        let mut pending: Vec<&Probe> = service.probes.iter().collect();
        while !pending.is_empty() {
            if interrupted.load(std::sync::atomic::Ordering::SeqCst) {
                return Err("interrupted while waiting for the service".into());
            }
            let state = docker(&[
                "inspect",
                "-f",
                "{{.State.Running}} {{.State.ExitCode}}",
                id,
            ])
            .unwrap_or_default();
            if state.trim_start().starts_with("false") {
                let code = state.split_whitespace().nth(1).unwrap_or("?");
                return Err(format!(
                    "container {short} exited with code {code} before it was ready\n{}",
                    logs(id)
                ));
            }
            if started.elapsed() > limit {
                return Err(format!(
                    "container {short} was not ready after {}: {last}\n{}",
                    humantime::format_duration(Duration::from_secs(limit.as_secs())),
                    logs(id)
                ));
            }
            match self.probe(id, pending[0]) {
                Ok(note) => {
                    notes.push(format!(
                        "ready after {:.1}s: {note}",
                        started.elapsed().as_secs_f64()
                    ));
                    pending.remove(0);
                }
                Err(e) if e.is_failed() => return Err(format!("{e}\n{}", logs(id))),
                Err(e) => {
                    last = e.to_string();
                    std::thread::sleep(Duration::from_millis(200));
                }
            }
        }
        Ok(notes)
    }

    fn probe(&self, id: &str, probe: &Probe) -> Result<String, doccheck_probe::ProbeError> {
        let timeout = Duration::from_secs(5);
        // Ports are published when the container starts: a missing one will not appear later.
        let host = |port: u16| host_address(id, port).map_err(doccheck_probe::ProbeError::failed);
        match probe {
            Probe::Http { port, path, status } => {
                doccheck_probe::http(&format!("http://{}{path}", host(*port)?), *status, timeout)
            }
            Probe::GrpcHealth { port, service } => {
                doccheck_probe::grpc_health(&host(*port)?, service, timeout)
            }
            Probe::Grpc {
                port,
                proto,
                includes,
                method,
                request,
                expect,
            } => {
                let proto = self.scenario_dir.join(proto);
                let mut dirs: Vec<PathBuf> =
                    includes.iter().map(|i| self.scenario_dir.join(i)).collect();
                dirs.extend(proto.parent().map(Path::to_path_buf));
                let address = host(*port)?;
                let answer = doccheck_probe::grpc_unary(
                    &address,
                    &[proto],
                    &dirs,
                    method,
                    request,
                    timeout,
                )?;
                if let Some(expect) = expect {
                    let want: serde_json::Value = serde_json::from_str(expect).map_err(|e| {
                        doccheck_probe::ProbeError::failed(format!(
                            "the scenario's expected answer is not JSON: {e}"
                        ))
                    })?;
                    doccheck_probe::json_contains(&answer, &want).map_err(|m| {
                        doccheck_probe::ProbeError::failed(format!(
                            "{method} {request} answered {answer}, but {m}"
                        ))
                    })?;
                }
                Ok(format!("{method} {request} at {address} → {answer}"))
            }
            Probe::Command { run } => {
                let out = Command::new("bash")
                    .args(["-c", run])
                    .stdin(Stdio::null())
                    .output();
                match out {
                    Ok(o) if o.status.success() => Ok(format!("`{run}` succeeded")),
                    Ok(o) => Err(doccheck_probe::ProbeError::not_ready(format!(
                        "`{run}` exited with {}",
                        o.status
                    ))),
                    Err(e) => Err(doccheck_probe::ProbeError::failed(format!(
                        "cannot run `{run}`: {e}"
                    ))),
                }
            }
        }
    }

    /// Removes every container, tag, image and network the run created, and stops its registries.
    pub fn cleanup(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        let label = format!("label={RUN_LABEL}={}", self.run_id);
        let mut containers = std::mem::take(&mut self.containers);
        containers.extend(lines(
            &docker(&["ps", "-aq", "--no-trunc", "--filter", &label]).unwrap_or_default(),
        ));
        containers.sort();
        containers.dedup();
        if !containers.is_empty() {
            let mut args = vec!["rm", "-f", "-v"];
            args.extend(containers.iter().map(String::as_str));
            if let Err(e) = docker(&args) {
                problems.push(format!("cannot remove containers: {e}"));
            }
        }
        for tag in std::mem::take(&mut self.tags) {
            // A tag a failed step never made is no problem.
            let _ = docker(&["rmi", &tag]);
        }
        let images =
            lines(&docker(&["images", "-q", "--no-trunc", "--filter", &label]).unwrap_or_default());
        for image in images {
            let _ = docker(&["rmi", "-f", &image]);
        }
        // Earlier stages and layers of our builds, newest first. Only untagged
        // ones: a build's output also names its base images, which must stay.
        for image in std::mem::take(&mut self.built).iter().rev() {
            let tags = docker(&["image", "inspect", "--format", "{{len .RepoTags}}", image]);
            if tags.is_ok_and(|t| t.trim() == "0") {
                let _ = docker(&["rmi", image]);
            }
        }
        for network in
            lines(&docker(&["network", "ls", "-q", "--filter", &label]).unwrap_or_default())
        {
            let _ = docker(&["network", "rm", &network]);
        }
        for volume in
            lines(&docker(&["volume", "ls", "-q", "--filter", &label]).unwrap_or_default())
        {
            let _ = docker(&["volume", "rm", "-f", &volume]);
        }
        for registry in &mut self.registries {
            registry.stop();
        }
        problems
    }
}

impl Drop for Docker {
    fn drop(&mut self) {
        self.cleanup();
    }
}

/// Image ids the legacy builder printed (` ---> 1a2b3c4d5e6f`), short form.
fn built_images(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("---> "))
        .map(str::trim)
        .filter(|id| id.len() == 12 && id.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_string)
        .collect()
}

/// Joins words into a command line, quoting only words that need it (readable in reports).
fn join(words: &[String]) -> String {
    let plain = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c))
    };
    words
        .iter()
        .map(|w| {
            if plain(w) {
                w.clone()
            } else {
                shell_words::quote(w).into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn logs(id: &str) -> String {
    let out = Command::new("docker")
        .args(["logs", "--tail", "30", id])
        .stdin(Stdio::null())
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

/// `127.0.0.1:PORT` published for the container's `port`.
fn host_address(id: &str, port: u16) -> Result<String, String> {
    let out =
        docker(&["port", id, &format!("{port}/tcp")]).map_err(|_| {
            let published = docker(&["port", id]).unwrap_or_default();
            let published: Vec<&str> = published.lines().collect();
            format!(
            "container port {port}, where the service listens, is not published (published: {})",
            if published.is_empty() { "none".to_string() } else { published.join(", ") }
        )
        })?;
    let line = out
        .lines()
        .find(|l| l.starts_with("0.0.0.0:") || l.starts_with("127.0.0.1:"))
        .or_else(|| out.lines().next())
        .ok_or_else(|| format!("container port {port} is not published"))?;
    let host_port = line.rsplit(':').next().unwrap_or("").trim();
    Ok(format!("127.0.0.1:{host_port}"))
}

/// Flags of `docker run`/`create` that take a separate value.
fn takes_value(flag: &str) -> bool {
    if flag.contains('=') {
        return false;
    }
    matches!(
        flag,
        "-a" | "--attach"
            | "-e"
            | "--env"
            | "--env-file"
            | "-h"
            | "--hostname"
            | "-l"
            | "--label"
            | "--label-file"
            | "-m"
            | "--memory"
            | "--name"
            | "--network"
            | "--net"
            | "-p"
            | "--publish"
            | "--platform"
            | "--pull"
            | "--restart"
            | "-u"
            | "--user"
            | "-v"
            | "--volume"
            | "--volumes-from"
            | "-w"
            | "--workdir"
            | "--entrypoint"
            | "--mount"
            | "--add-host"
            | "--cpus"
            | "--dns"
            | "--expose"
            | "--health-cmd"
            | "--health-interval"
            | "--health-retries"
            | "--health-timeout"
            | "--health-start-period"
            | "--log-driver"
            | "--log-opt"
            | "--network-alias"
            | "--shm-size"
            | "--stop-signal"
            | "--stop-timeout"
            | "--tmpfs"
            | "--ulimit"
            | "--cap-add"
            | "--cap-drop"
            | "--device"
            | "--gpus"
            | "--ipc"
            | "--pid"
            | "--runtime"
            | "--security-opt"
            | "--cidfile"
            | "--memory-swap"
            | "--cpu-shares"
            | "-c"
            | "--cpuset-cpus"
            | "--init-path"
            | "--link"
            | "--sysctl"
            | "--userns"
            | "--uts"
            | "--group-add"
            | "--ip"
            | "--ip6"
            | "--mac-address"
            | "--detach-keys"
    )
}

/// `-p 5000:80` with 5000 taken → `-p <free>:80` and a note saying so.
fn free_host_port(mapping: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = mapping.split(':').collect();
    let (prefix, host) = match parts[..] {
        [host, _] => ("", host),
        [ip, host, _] => (ip, host),
        _ => return None,
    };
    let port: u16 = host.parse().ok()?;
    let bind_ip = if prefix.is_empty() { "0.0.0.0" } else { prefix };
    if std::net::TcpListener::bind((bind_ip, port)).is_ok() {
        return None;
    }
    let free = std::net::TcpListener::bind((bind_ip, 0))
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let container = parts[parts.len() - 1];
    let new = if prefix.is_empty() {
        format!("{free}:{container}")
    } else {
        format!("{prefix}:{free}:{container}")
    };
    Some((
        new,
        format!("host port {port} is taken on this machine: published on {free} instead"),
    ))
}

/// `host:5000/org/app:tag` → (Some("host:5000"), "org/app:tag")
pub fn split_host(reference: &str) -> (Option<&str>, &str) {
    match reference.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (Some(first), rest)
        }
        _ => (None, reference),
    }
}

/// `org/app:tag` → ("org/app", "tag"); no tag means `latest`.
pub fn split_tag(path: &str) -> (String, String) {
    let path = path.split('@').next().unwrap_or(path);
    match path.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo.to_string(), tag.to_string()),
        _ => (path.to_string(), "latest".to_string()),
    }
}

fn normalize_tag(reference: &str) -> String {
    let (host, rest) = split_host(reference);
    let (repo, tag) = split_tag(rest);
    match host {
        Some(h) => format!("{h}/{repo}:{tag}"),
        None => format!("{repo}:{tag}"),
    }
}

fn preflight() -> Result<(), Error> {
    let version = Command::new("docker")
        .args(["version", "--format", "{{.Server.Version}}"])
        .stdin(Stdio::null())
        .output();
    match version {
        Err(e) => return Err(Error::new(format!("the guide needs Docker, but the docker command cannot run ({e}): install the Docker CLI"))),
        Ok(o) if !o.status.success() => {
            let why = String::from_utf8_lossy(&o.stderr);
            let why = why.lines().find(|l| !l.trim().is_empty()).unwrap_or("no answer").trim();
            return Err(Error::new(format!(
                "the guide needs Docker, but the Docker daemon is not reachable ({why}): start it, or point DOCKER_HOST at one"
            )));
        }
        Ok(_) => {}
    }
    let root = docker(&["info", "--format", "{{.DockerRootDir}}"]).unwrap_or_default();
    let root = root.trim();
    if let Some(free) = free_bytes(Path::new(if root.is_empty() { "/" } else { root })) {
        if free < MIN_FREE_DISK {
            return Err(Error::new(format!(
                "only {} MiB are free on the disk that holds Docker's data ({root}); doccheck needs at least {} MiB: free some space (docker system prune) and run again",
                free >> 20,
                MIN_FREE_DISK >> 20
            )));
        }
    }
    Ok(())
}

fn free_bytes(path: &Path) -> Option<u64> {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).ok()?;
    // SAFETY: statvfs fills the zeroed struct we pass; c is a valid NUL-terminated path.
    unsafe {
        let mut s: libc::statvfs = std::mem::zeroed();
        (libc::statvfs(c.as_ptr(), &mut s) == 0).then(|| s.f_bavail as u64 * s.f_frsize as u64)
    }
}

/// Removes what runs that died (crash, kill -9) left behind; returns how many.
pub fn sweep_dead_runs() -> usize {
    let filter = format!("label={RUN_LABEL}");
    let pid_of = format!("{{{{index .Config.Labels \"{PID_LABEL}\"}}}}");
    let network_pid_of = format!("{{{{index .Labels \"{PID_LABEL}\"}}}}");
    // (list command, inspect kind, pid template, remove command)
    let kinds: [(&[&str], &str, &str, &[&str]); 3] = [
        (
            &["ps", "-aq", "--no-trunc", "--filter"],
            "container",
            &pid_of,
            &["rm", "-f", "-v"],
        ),
        (
            &["images", "-q", "--no-trunc", "--filter"],
            "image",
            &pid_of,
            &["rmi", "-f"],
        ),
        (
            &["network", "ls", "-q", "--no-trunc", "--filter"],
            "network",
            &network_pid_of,
            &["network", "rm"],
        ),
    ];
    let mut removed = 0;
    for (list, kind, template, remove) in kinds {
        let mut args = list.to_vec();
        args.push(&filter);
        for id in lines(&docker(&args).unwrap_or_default()) {
            let pid = docker(&[kind, "inspect", "--format", template, &id]).unwrap_or_default();
            if !super::doccheck_alive(&pid) {
                let mut args = remove.to_vec();
                args.push(&id);
                removed += docker(&args).is_ok() as usize;
            }
        }
    }
    removed
}

/// Makes `image` available: the real one if present or pullable, else the
/// scenario's stand-in, rebuilt only when its inputs changed.
fn ensure_image(
    image: &str,
    build: &str,
    inputs: &[String],
    scenario_dir: &Path,
    observer: &mut dyn super::Observer,
) -> Result<String, Error> {
    let hash = inputs_hash(scenario_dir, inputs, build);
    if let Ok(labels) = docker(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config.Labels}}",
        image,
    ]) {
        let labels: BTreeMap<String, String> =
            serde_json::from_str(labels.trim()).unwrap_or_default();
        match labels.get(STANDIN_LABEL) {
            Some(h) if *h == hash => {
                return Ok(format!("{image}: a stand-in built by doccheck (cached; scenarios/ says what it keeps of the real image)"))
            }
            // A stand-in from other inputs (or built by hand) is rebuilt below.
            _ if labels.keys().any(|k| k.contains("doccheck")) => {}
            _ => return Ok(format!("{image}: the real image, present locally")),
        }
    } else if docker(&["pull", image]).is_ok() {
        return Ok(format!("{image}: the real image, pulled"));
    }
    observer.preparing(&format!(
        "{image} is not here and cannot be pulled: building its stand-in (`{build}`)"
    ));
    let started = Instant::now();
    let out = Command::new("bash")
        .args(["-c", build])
        .current_dir(scenario_dir)
        .env("DOCCHECK_IMAGE", image)
        .env("DOCCHECK_LABELS", format!("{STANDIN_LABEL}={hash}"))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::new(format!("cannot run the stand-in build for {image}: {e}")))?;
    if !out.status.success() {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let (tail, _) = crate::report::tail(&text, 20);
        return Err(Error::new(format!(
            "{image} is not present, cannot be pulled, and its stand-in did not build (`{build}` in {}, {}):\n{}",
            scenario_dir.display(),
            out.status,
            tail.join("\n")
        )));
    }
    Ok(format!(
        "{image}: not present and not pullable, so a stand-in was built in {:.0}s (scenarios/ says what it keeps of the real image)",
        started.elapsed().as_secs_f64()
    ))
}

/// A digest of the stand-in's inputs (files under `inputs`, skipping `target/`
/// and hidden directories) and its build command.
fn inputs_hash(base: &Path, inputs: &[String], build: &str) -> String {
    let mut files = Vec::new();
    for input in inputs {
        collect_files(&base.join(input), &mut files);
    }
    files.sort();
    let mut hasher = Sha256::new();
    hasher.update(build.as_bytes());
    for file in files {
        hasher.update(
            file.strip_prefix(base)
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update(std::fs::read(&file).unwrap_or_default());
    }
    hasher
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name == "target" || name.starts_with('.') {
                continue;
            }
            collect_files(&entry.path(), files);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(
            split_host("internal-registry:5000/myorg/stockdata"),
            (Some("internal-registry:5000"), "myorg/stockdata")
        );
        assert_eq!(split_host("myorg/stockdata"), (None, "myorg/stockdata"));
        assert_eq!(
            split_host("mcr.microsoft.com/dotnet/core/sdk:3.0"),
            (Some("mcr.microsoft.com"), "dotnet/core/sdk:3.0")
        );
        assert_eq!(
            split_tag("myorg/stockdata"),
            ("myorg/stockdata".into(), "latest".into())
        );
        assert_eq!(
            split_tag("dotnet/core/sdk:3.0"),
            ("dotnet/core/sdk".into(), "3.0".into())
        );
        assert_eq!(normalize_tag("stockdata"), "stockdata:latest");
    }

    fn docker_without_daemon() -> Docker {
        Docker {
            run_id: "r1".into(),
            pid: 7,
            hosts: BTreeMap::new(),
            registries: Vec::new(),
            tags: BTreeSet::new(),
            containers: Vec::new(),
            built: Vec::new(),
            config_dir: PathBuf::from("/tmp/x"),
            scenario_dir: PathBuf::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn run_rewrites_for_a_service_and_for_no_terminal() {
        let mut d = docker_without_daemon();
        let service = Service {
            probes: Vec::new(),
            ready_timeout: None,
        };
        let p = d.prepare("docker run -ti -p 127.0.0.1:0:80 stockdata", Some(&service));
        assert_eq!(
            p.run.as_deref(),
            Some("docker run -d --label doccheck.run=r1 --label doccheck.pid=7 -p 127.0.0.1:0:80 stockdata")
        );
        let p = d.prepare("docker run --rm -it -e X=1 alpine echo -t", None);
        assert_eq!(
            p.run.as_deref(),
            Some("docker run --label doccheck.run=r1 --label doccheck.pid=7 --rm -i -e X=1 alpine echo -t")
        );
        mem_drop(d);
    }

    #[test]
    fn build_and_tag_are_labelled_and_recorded() {
        let mut d = docker_without_daemon();
        let p = d.prepare(
            "docker build --tag stockdata --file src/StockData/Dockerfile .",
            None,
        );
        assert_eq!(
            p.run.as_deref(),
            Some("docker build --force-rm --label doccheck.run=r1 --label doccheck.pid=7 --tag stockdata --file src/StockData/Dockerfile .")
        );
        assert!(d.tags.contains("stockdata:latest"));
        // Unmapped hosts are left alone (and the session's guard refuses to push them).
        let p = d.prepare("docker push myorg/stockdata", None);
        assert!(p.run.is_none());
        assert!(d
            .prepare("docker build -t a . && docker push a", None)
            .run
            .is_none());
        d.tags.clear();
        mem_drop(d);
    }

    /// Dropping runs cleanup, which talks to the daemon; these tests don't need it.
    fn mem_drop(d: Docker) {
        std::mem::forget(d);
    }
}
