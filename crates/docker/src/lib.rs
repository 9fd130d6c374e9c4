//! doccheck's Docker integration: what a run needs from Docker beyond typing
//! the guide's commands. [`preflight`] checks the daemon; [`standin`] makes the
//! base images available; [`registry`] starts a registry of the run's own for
//! each host the guide pushes to and verifies every push; [`rewrite`] turns
//! commands into what a runner without a terminal or credentials can run;
//! [`readiness`] lets the runner probe a container; [`resources`] labels,
//! records and removes everything the run created, and sweeps dead runs'.
//! The runner reaches all of it through [`Docker`]'s `Integration`.

pub mod client;
pub mod gateway;
pub mod names;
pub mod ports;
pub mod preflight;
pub mod prune;
pub mod readiness;
pub mod reference;
pub mod registry;
pub mod resources;
pub mod rewrite;
pub mod standin;

use std::collections::BTreeMap;

use doccheck_guide::plan::Plan;
use doccheck_guide::setup::DockerSetup;
use doccheck_guide::Error;
use doccheck_runner::integration::{Context, Integration, Ran, Rewrite};
use doccheck_runner::Failure;

use client::Client;
use registry::Registry;
use resources::Records;
use rewrite::{After, Rewriter};

/// Whether a plan drives Docker: its scenario configures it, or a command starts with `docker`.
pub fn wanted(plan: &Plan) -> bool {
    plan.setup.docker.is_some()
        || plan
            .commands()
            .any(|c| c.text.trim_start().starts_with("docker "))
}

pub struct Docker {
    setup: DockerSetup,
    client: Option<Client>,
    run_id: String,
    labels: Vec<String>,
    /// Documented registry host → the registry standing in for it.
    hosts: BTreeMap<String, usize>,
    registries: Vec<Registry>,
    records: Records,
    names: names::Namespace,
    ports: ports::Ports,
    /// Where published ports are reached.
    probe_host: String,
    /// The run's one point of contact with the engine, when it can forward to it.
    gateway: Option<gateway::Gateway>,
    /// What the command `before` claimed needs once it has run.
    pending: Option<After>,
    notes: Vec<String>,
}

/// Defined in the session before the first step: even a push doccheck did not
/// rewrite (inside a script, say) never leaves the machine.
const SESSION_GUARD: &str = r#"docker() { if [ "$1" = push ]; then case "${@: -1}" in 127.0.0.1:*|localhost:*) ;; *) echo "doccheck: refusing to push ${@: -1}: its registry is not one the scenario maps to a local registry, and nothing is pushed off this machine" >&2; return 125;; esac; fi; command docker "$@"; }"#;

impl Docker {
    pub fn new(plan: &Plan) -> Docker {
        Docker {
            setup: plan.setup.docker.clone().unwrap_or_default(),
            client: None,
            run_id: String::new(),
            labels: Vec::new(),
            hosts: BTreeMap::new(),
            registries: Vec::new(),
            records: Records::default(),
            names: names::Namespace::default(),
            ports: ports::Ports::default(),
            probe_host: "127.0.0.1".to_string(),
            gateway: None,
            pending: None,
            notes: Vec::new(),
        }
    }

    /// Where an image reference goes when its registry host is mapped.
    fn map_reference(&self, reference: &str) -> Option<(usize, String)> {
        let host = reference::registry_host(reference)?;
        let index = *self.hosts.get(&host)?;
        let (_, rest) = reference::split_host(reference);
        Some((index, format!("{}/{rest}", self.registries[index].address)))
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

impl Docker {
    /// Starts the gateway in front of `engine`, when it can forward to it.
    fn start_gateway(
        &mut self,
        engine: &preflight::Engine,
        context: &Context,
    ) -> Result<(), Error> {
        if std::env::var_os("DOCCHECK_NO_GATEWAY").is_some_and(|v| !v.is_empty()) {
            self.notes.push("DOCCHECK_NO_GATEWAY is set: the guide's docker commands talk to the engine directly; the push policy, labels and names hold for the commands doccheck reads, not for scripts".to_string());
            return Ok(());
        }
        let Some(upstream) = gateway::Upstream::from_endpoint(&engine.endpoint) else {
            self.notes.push(format!(
                "doccheck's gateway cannot forward to {} (ssh or TLS): the push policy, labels and names hold for the commands doccheck reads, not for scripts",
                engine.endpoint
            ));
            return Ok(());
        };
        let labels = self
            .labels
            .iter()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let state = gateway::State {
            run_id: context.run_id.to_string(),
            labels,
            names: names::Namespace::new(context.run_id),
            records_file: Some(context.control.join(resources::RECORDS_FILE)),
            ..gateway::State::default()
        };
        let socket = context.control.join("docker.sock");
        let gateway = gateway::Gateway::start(&socket, upstream, state).map_err(|e| {
            Error::environment(format!(
                "cannot serve the Docker API on {}: {e}",
                socket.display()
            ))
        })?;
        self.gateway = Some(gateway);
        Ok(())
    }
}

impl Docker {
    /// The base images (real or stand-ins) and a registry per mapped host.
    fn prepare_images_and_registries(
        &mut self,
        client: &Client,
        context: &mut Context,
    ) -> Result<(), Error> {
        for image in &self.setup.images {
            let note = standin::ensure(client, image, context.interrupt, context.events)?;
            self.notes.push(note);
        }
        for (i, host) in self.setup.registry_hosts.iter().enumerate() {
            if let Some(signal) = context.interrupt.signal() {
                return Err(doccheck_runner::interrupted(signal));
            }
            let registry = Registry::start(
                client,
                &context.control.join(format!("registry-{i}")),
                &self.labels,
            )?;
            self.notes.push(format!(
                "pushes to {host} go to a registry of the run's own: {}",
                registry.kind
            ));
            self.hosts.insert(host.clone(), self.registries.len());
            if let Some(gateway) = &self.gateway {
                gateway::lock_state(gateway)
                    .registries
                    .push((host.clone(), registry.address.clone()));
            }
            self.registries.push(registry);
        }
        Ok(())
    }
}

impl Integration for Docker {
    fn name(&self) -> &'static str {
        "docker"
    }

    fn prepare(&mut self, context: &mut Context) -> Result<(), Error> {
        let config = context.control.join("docker-config");
        std::fs::create_dir_all(&config)
            .and_then(|_| std::fs::write(config.join("config.json"), "{}\n"))
            .map_err(|e| {
                Error::environment(format!("cannot create a Docker client configuration: {e}"))
            })?;
        let client = Client::new(&config);
        self.client = Some(client.clone());
        self.run_id = context.run_id.to_string();
        self.names = names::Namespace::new(context.run_id);
        self.labels = resources::labels(context.run_id, &context.control.join("lock"));
        let engine = preflight::check(&client)?;
        if engine.remote_host.is_some() && !self.setup.registry_hosts.is_empty() {
            return Err(Error::environment(format!(
                "the guide pushes, but {} is on another machine, which cannot reach the registries doccheck starts on this one's loopback: run doccheck where the engine runs, or against a local engine",
                engine.describe()
            )));
        }
        self.notes.push(format!("docker: {}", engine.describe()));
        self.probe_host = engine
            .remote_host
            .clone()
            .unwrap_or_else(|| "127.0.0.1".to_string());
        self.start_gateway(&engine, context)?;
        // The sweep of dead runs' objects shares nothing with the base images
        // and the registries: it goes on meanwhile.
        let client = &client;
        std::thread::scope(|scope| {
            let sweep = scope.spawn(|| resources::sweep_dead_runs(client));
            // Before the first step: the run's builds and other runs' decide by it.
            let (suffix, labels) = (self.names.suffix().to_string(), self.labels.clone());
            let marked = scope.spawn(move || resources::mark_live(client, &suffix, &labels));
            let prepared = self.prepare_images_and_registries(client, context);
            if let Ok(Err(e)) = marked.join() {
                return Err(Error::environment(format!(
                    "cannot mark the run on the Docker engine: {e}"
                )));
            }
            match sweep.join() {
                Ok(Ok(0)) | Err(_) => {}
                Ok(Ok(swept)) => self.notes.push(format!(
                    "removed {swept} leftover(s) of an earlier doccheck run that did not finish"
                )),
                Ok(Err(e)) => self
                    .notes
                    .push(format!("cannot sweep the leftovers of dead runs: {e}")),
            }
            prepared
        })
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

    fn session_setup(&self) -> Option<String> {
        // The gateway refuses what the guard would; without one, the guard.
        self.gateway.is_none().then(|| SESSION_GUARD.to_string())
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
        let map = |r: &str| self.map_reference(r);
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
        for tag in rewritten.tags {
            self.records.tag(tag);
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
                self.records.built(rewrite::built_images(ran.output));
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

    fn explain(&mut self, _ran: &Ran) -> Option<Failure> {
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

    fn finish(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(mut gateway) = self.gateway.take() {
            if !gateway.wait_for_builds(std::time::Duration::from_secs(120)) {
                problems.push("a build the guide started was still running after 2 minutes; what it builds after now is not removed".to_string());
            }
            gateway.stop();
            let mut state = gateway::lock_state(&gateway);
            self.records.containers.append(&mut state.containers);
            self.records.built(std::mem::take(&mut state.images));
            for tag in std::mem::take(&mut state.tags) {
                self.records.tag(tag);
            }
        }
        if let Some(client) = &self.client {
            problems.extend(resources::cleanup(client, &self.run_id, &mut self.records));
        }
        for registry in &mut self.registries {
            registry.stop();
        }
        self.registries.clear();
        self.ports.release();
        problems
    }
}
