//! doccheck's Docker integration: what a run needs from Docker beyond typing
//! the guide's commands. [`preflight`] checks the daemon; [`standin`] makes the
//! base images available; [`registry`] starts a registry of the run's own for
//! each host the guide pushes to and verifies every push; [`rewrite`] turns
//! commands into what a runner without a terminal or credentials can run;
//! [`readiness`] lets the runner probe a container; [`resources`] labels,
//! records and removes everything the run created, and sweeps dead runs'.
//! The runner reaches all of it through [`Docker`]'s `Integration`.

pub mod built;
pub mod client;
pub mod gateway;
pub mod names;
pub mod park;
pub mod ports;
pub mod preflight;
mod prepare;
pub mod prune;
pub mod push;
pub mod reach;
pub mod readiness;
pub mod reference;
pub mod registry;
pub mod resources;
pub mod rewrite;
pub mod standin;
pub mod sweep;

use doccheck_guide::plan::Plan;
use doccheck_guide::setup::DockerSetup;
use doccheck_guide::Error;
use doccheck_runner::integration::{Context, Integration, Ran, Rewrite, SessionMount};
use doccheck_runner::Failure;

use client::Client;
use registry::Registry;
use resources::Records;
use rewrite::{After, Rewriter};

/// Whether a plan needs Docker: its scenario configures it, or a command
/// starts with `docker`. Such a guide stops before its first step when no
/// engine answers.
pub fn needed(plan: &Plan) -> bool {
    plan.setup.docker.is_some()
        || plan
            .commands()
            .any(|c| c.text.trim_start().starts_with("docker "))
}

/// Whether a plan shows Docker work, and is prepared in full for it when an
/// engine answers: it needs Docker, or a command names `docker` anywhere
/// (`cd app && docker build`, `sudo docker push`, `docker-compose up`).
/// Every other plan still gets the gateway when an engine answers.
pub fn wanted(plan: &Plan) -> bool {
    needed(plan)
        || plan.commands().any(|c| {
            c.text
                .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'))
                .any(|word| word == "docker" || word == "docker-compose")
        })
}

pub struct Docker {
    setup: DockerSetup,
    /// Prepared in full ([`wanted`]), or the gateway alone.
    full: bool,
    /// No engine is an error ([`needed`]).
    needed: bool,
    /// Whether an engine answered: only then is there anything to clean up.
    engine: bool,
    client: Option<Client>,
    run_id: String,
    labels: Vec<String>,
    /// Where pushes go ([`push`]), by the registries below.
    pushes: push::Registries,
    registries: Vec<Registry>,
    /// The ways to the engine the session must not take around the gateway.
    reach: reach::Reach,
    records: Records,
    /// In the run's state directory (see [`resources::RECORDS_FILE`]).
    records_file: std::path::PathBuf,
    names: names::Namespace,
    ports: ports::Ports,
    /// Where published ports are reached.
    probe_host: String,
    /// The run's one point of contact with the engine, when it can forward to it.
    gateway: Option<gateway::Gateway>,
    /// What the command `before` claimed needs once it has run.
    pending: Option<After>,
    notes: Vec<String>,
    /// How many containers were recorded (here, by the gateway) when the step began.
    step_mark: (usize, usize),
    /// What an earlier run parked for the guide's checkpoints, to take over.
    adopted: Option<park::Parked>,
    /// The run keeps checkpoints: its images stay, parked ([`park`]).
    parking: bool,
    parked: Option<String>,
}

impl Docker {
    pub fn new(plan: &Plan) -> Docker {
        Docker {
            setup: plan.setup.docker.clone().unwrap_or_default(),
            full: wanted(plan),
            needed: needed(plan),
            engine: false,
            client: None,
            run_id: String::new(),
            labels: Vec::new(),
            pushes: push::Registries::default(),
            registries: Vec::new(),
            reach: reach::Reach::default(),
            records: Records::default(),
            records_file: std::path::PathBuf::new(),
            names: names::Namespace::default(),
            ports: ports::Ports::default(),
            probe_host: "127.0.0.1".to_string(),
            gateway: None,
            pending: None,
            notes: Vec::new(),
            step_mark: (0, 0),
            adopted: None,
            parking: false,
            parked: None,
        }
    }

    fn verify_push(
        &self,
        registry: usize,
        repository: &str,
        tag: &str,
        output: &str,
    ) -> Result<Vec<String>, String> {
        let pushed = output
            .split_whitespace()
            .skip_while(|w| *w != "digest:")
            .nth(1)
            .ok_or("docker push printed no digest")?;
        let registry = &self.registries[registry];
        let held = registry.manifest_digest(repository, tag)?;
        if held != pushed {
            return Err(format!("the registry holds {held} for {repository}:{tag}, but docker push printed {pushed}"));
        }
        let tags = registry.tags(repository)?;
        if !tags.iter().any(|t| t == tag) {
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

impl Integration for Docker {
    fn name(&self) -> &'static str {
        "docker"
    }

    fn prepare(&mut self, context: &mut Context) -> Result<(), Error> {
        self.prepare_all(context)
    }

    fn session_env(&self) -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = self
            .gateway
            .iter()
            .flat_map(|g| {
                [
                    ("DOCKER_HOST".to_string(), g.host()),
                    ("DOCKER_CONTEXT".to_string(), "default".to_string()),
                ]
            })
            .collect();
        env.extend(self.client.iter().map(|c| {
            (
                "DOCKER_CONFIG".to_string(),
                c.config_dir().display().to_string(),
            )
        }));
        env
    }

    fn session_mounts(&self) -> Vec<SessionMount> {
        let Some(gateway) = &self.gateway else {
            return Vec::new();
        };
        // Hidden first: a socket under a hidden directory stays hidden.
        let mut mounts: Vec<SessionMount> = self
            .reach
            .private
            .iter()
            .map(|dir| SessionMount::Hide(dir.clone()))
            .collect();
        for socket in &self.reach.sockets {
            if !self.reach.private.iter().any(|dir| socket.starts_with(dir)) {
                mounts.push(SessionMount::Bind {
                    source: gateway.socket().to_path_buf(),
                    target: socket.clone(),
                });
            }
        }
        mounts
    }

    fn session_setup(&self) -> Option<String> {
        // The gateway refuses what the guard would; without one, the guard.
        (self.gateway.is_none() && self.full).then(|| self.pushes.shell_guard())
    }

    fn before(
        &mut self,
        command: &str,
        service: Option<&doccheck_guide::service::Service>,
    ) -> Option<Rewrite> {
        // With the gateway, labels and the run's names are given on the way
        // to the engine, whatever sends the request: the command keeps them out.
        let mut names = match self.gateway {
            Some(_) => names::Namespace::default(),
            None => std::mem::take(&mut self.names),
        };
        let labels: &[String] = match self.gateway {
            Some(_) => &[],
            None => &self.labels,
        };
        let map = |r: &str| self.pushes.mapped(r);
        let rewriter = Rewriter {
            labels,
            map: &map,
            free_port: &|mapping: &str| self.ports.publish(mapping),
        };
        let rewritten = rewriter.rewrite(command, service.is_some(), &mut names);
        if self.gateway.is_none() {
            self.names = names;
        }
        let rewritten = rewritten?;
        // With the gateway, what the command creates is recorded as the engine
        // answers; the documented names here may be a user's own images.
        if self.gateway.is_none() {
            for tag in rewritten.tags {
                self.records.tag(tag);
            }
        }
        self.pending = Some(rewritten.after);
        Some(Rewrite {
            run: rewritten.run,
            notes: rewritten.notes,
        })
    }

    fn after(&mut self, ran: &Ran, context: &mut Context) -> Result<Vec<String>, Failure> {
        let (Some(after), Some(client)) = (self.pending.take(), self.client.clone()) else {
            return Ok(Vec::new());
        };
        match after {
            After::Nothing => Ok(Vec::new()),
            After::Build => {
                // Recorded even when the build failed: its finished stages are images.
                self.records.built(built::Built::from_output(ran.output));
                Ok(Vec::new())
            }
            After::Container { service } => {
                let id = ran
                    .output
                    .lines()
                    .rev()
                    .map(str::trim)
                    .find(|l| l.len() == 64 && l.chars().all(|c| c.is_ascii_hexdigit()));
                let Some(id) = id.map(str::to_string) else {
                    return Ok(Vec::new());
                };
                self.records.containers.push(id.clone());
                match (service, ran.service, ran.passed) {
                    (true, Some(s), true) => {
                        let mut target = readiness::Container {
                            client: &client,
                            id,
                            host: &self.probe_host,
                        };
                        doccheck_runner::readiness::await_ready(
                            &mut target,
                            s,
                            context.workspace,
                            context.interrupt,
                        )
                    }
                    _ => Ok(Vec::new()),
                }
            }
            After::VerifyPush {
                registry,
                repository,
                tag,
            } if ran.passed => self
                .verify_push(registry, &repository, &tag, ran.output)
                .map_err(|reason| Failure::PushNotVerified { reason }),
            After::VerifyPush { registry, .. } => {
                match self
                    .registries
                    .get_mut(registry)
                    .and_then(Registry::explain_failure)
                {
                    Some(reason) => Err(Failure::PushNotVerified { reason }),
                    None => Ok(Vec::new()),
                }
            }
        }
    }

    fn step_started(&mut self) {
        let gateway = self
            .gateway
            .as_ref()
            .map_or(0, |g| gateway::lock_state(g).containers.len());
        self.step_mark = (self.records.containers.len(), gateway);
    }

    fn step_left_running(&mut self) -> bool {
        let mut ids: Vec<String> =
            self.records.containers[self.step_mark.0.min(self.records.containers.len())..].to_vec();
        if let Some(gateway) = &self.gateway {
            let state = gateway::lock_state(gateway);
            ids.extend_from_slice(
                &state.containers[self.step_mark.1.min(state.containers.len())..],
            );
        }
        let Some(client) = self.client.as_ref().filter(|_| !ids.is_empty()) else {
            return false;
        };
        let mut args = vec!["ps", "-q"];
        let filters: Vec<String> = ids.iter().map(|id| format!("id={id}")).collect();
        for filter in &filters {
            args.extend(["--filter", filter.as_str()]);
        }
        client.lines(&args).is_ok_and(|running| !running.is_empty())
    }

    /// The containers the step created, removed: they are the run's own, and
    /// a retried `docker run --name web` would meet its own earlier attempt.
    fn undo_step(&mut self) -> Result<(), String> {
        let mut ids: Vec<String> = self
            .records
            .containers
            .split_off(self.step_mark.0.min(self.records.containers.len()));
        if let Some(gateway) = &self.gateway {
            let mut state = gateway::lock_state(gateway);
            let at = self.step_mark.1.min(state.containers.len());
            ids.extend(state.containers.split_off(at));
        }
        ids.sort();
        ids.dedup();
        let Some(client) = &self.client else {
            return Ok(());
        };
        let mut args = vec!["rm", "-f", "-v"];
        args.extend(ids.iter().map(String::as_str));
        match ids.is_empty() {
            true => Ok(()),
            false => client.run(&args).map(|_| ()).map_err(|e| {
                // Still the run's: the cleanup at the end tries again.
                self.records.containers.extend(ids.iter().cloned());
                e.to_string()
            }),
        }
    }

    fn explain(&mut self, ran: &Ran) -> Option<Failure> {
        // Another process took the host port between doccheck's claim and the bind.
        if doccheck_runner::failure::port_taken(ran.output) {
            let line = ran
                .output
                .lines()
                .find(|l| doccheck_runner::failure::port_taken(l))?;
            return Some(Failure::Integration {
                integration: "docker",
                message: format!("a host port was taken by another process before the container could bind it: {}", line.trim()),
            });
        }
        let message = gateway::lock_state(self.gateway.as_ref()?)
            .engine_gone
            .take()?;
        Some(Failure::Integration {
            integration: "docker",
            message: message.trim_start_matches("doccheck: ").to_string(),
        })
    }

    fn notes(&mut self) -> Vec<String> {
        if let Some(gateway) = &self.gateway {
            let state = gateway::lock_state(gateway);
            let mapped = state.names.mapped();
            if !mapped.is_empty() {
                self.notes.push(format!(
                    "local names are the run's own on the daemon: {}",
                    mapped.join(", ")
                ));
            }
            for refused in &state.refused {
                self.notes.push(format!("refused: {refused}"));
            }
        }
        std::mem::take(&mut self.notes)
    }

    fn adopt(&mut self, parked: &str) -> Result<(), String> {
        self.adopt_parked(parked)
    }

    fn park(&mut self) {
        self.parking = true;
    }

    fn parked(&mut self) -> Option<String> {
        self.parked.take()
    }

    fn finish(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        // A guide prepared with the gateway alone that sent the engine no
        // change made nothing: no need to ask the engine (about 40 ms).
        let mut changed = self.full;
        if let Some(mut gateway) = self.gateway.take() {
            if !gateway.wait_for_requests(std::time::Duration::from_secs(120)) {
                problems.push("a build or create the guide started was still running after 2 minutes; what it makes after now is not removed".to_string());
            }
            gateway.stop();
            let mut state = gateway::lock_state(&gateway);
            changed |= state.changed;
            self.records.containers.append(&mut state.containers);
            self.records.volumes.append(&mut state.volumes);
            self.records.built(std::mem::take(&mut state.images));
            for tag in std::mem::take(&mut state.tags) {
                self.records.tag(tag);
            }
        }
        if self.parking && self.engine {
            self.parked = Some(self.park_records());
        }
        if let Some(client) = self.client.as_ref().filter(|_| self.engine && changed) {
            let left = resources::cleanup(client, &self.run_id, &mut self.records, !self.parking);
            problems.extend(left.problems);
            if !self.records_file.as_os_str().is_empty() {
                if let Err(e) = resources::write_records(&self.records_file, &left.records) {
                    problems.push(format!("cannot keep the records of what is left: {e}"));
                }
            }
        }
        for registry in &mut self.registries {
            registry.stop();
        }
        self.registries.clear();
        self.ports.release();
        problems
    }
}
