//! Before the first step. Every guide gets a private `DOCKER_CONFIG`; when
//! an engine answers, every guide also gets the gateway, whatever its
//! commands look like (a `docker` inside a script, after `cd app &&`, under
//! `sudo` is still a Docker call). A guide that shows Docker work (its
//! scenario configures it, or a command names `docker`) is prepared in full:
//! preflight, the sweep of dead runs, base images and registries; of those, one that needs Docker (its commands start with
//! `docker`) stops when no engine answers, the others run without one. Any
//! other guide gets the gateway alone, at the cost of one ping; the dead
//! runs it finds are left to the next run that shows Docker work.

use doccheck_guide::Error;
use doccheck_runner::integration::Context;

use crate::client::Client;
use crate::gateway;
use crate::names::Namespace;
use crate::reach::Reach;
use crate::registry::Registry;
use crate::{preflight, resources, standin, Docker};

/// Whether an engine answers at `endpoint`.
fn ping(endpoint: &str) -> bool {
    gateway::Upstream::from_endpoint(endpoint).is_some_and(|upstream| gateway::ping(&upstream))
}

impl Docker {
    pub(crate) fn prepare_all(&mut self, context: &mut Context) -> Result<(), Error> {
        let config = context.control.join("docker-config");
        std::fs::create_dir_all(&config)
            .and_then(|_| std::fs::write(config.join("config.json"), "{}\n"))
            .map_err(|e| {
                Error::environment(format!("cannot create a Docker client configuration: {e}"))
            })?;
        let client = Client::new(&config);
        self.client = Some(client.clone());
        self.run_id = context.run_id.to_string();
        self.names = Namespace::new(context.run_id);
        self.labels = resources::labels(context.run_id, &context.state.join("lock"));
        self.records_file = context.state.join(resources::RECORDS_FILE);
        if !self.full {
            return self.prepare_guard(context);
        }
        // A guide that only names docker (`apt install docker.io`) runs
        // without an engine; one that needs it stops at preflight.
        if !self.needed && !ping(&preflight::default_endpoint()) {
            return Ok(());
        }
        let engine = preflight::check(&client)?;
        self.engine = true;
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
        self.start_gateway(&engine.endpoint, context)?;
        // The sweep of dead runs' objects shares nothing with the base images
        // and the registries: it goes on meanwhile.
        let client = &client;
        std::thread::scope(|scope| {
            let sweep = scope.spawn(|| crate::sweep::sweep_dead_runs(client));
            let prepared = self.prepare_images_and_registries(client, context);
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
        })?;
        self.take_over(client);
        Ok(())
    }

    /// A guide that shows no Docker work: the gateway, if an engine answers.
    fn prepare_guard(&mut self, context: &Context) -> Result<(), Error> {
        let endpoint = preflight::default_endpoint();
        if !ping(&endpoint) {
            return Ok(()); // No engine to protect; the private DOCKER_CONFIG still holds.
        }
        self.engine = true;
        // Dead runs are swept by the next run that shows Docker work.
        self.start_gateway(&endpoint, context)
    }

    /// Starts the gateway in front of the engine at `endpoint`, when it can forward to it.
    fn start_gateway(&mut self, endpoint: &str, context: &Context) -> Result<(), Error> {
        if std::env::var_os("DOCCHECK_NO_GATEWAY").is_some_and(|v| !v.is_empty()) {
            self.notes.push("not isolated: DOCCHECK_NO_GATEWAY is set, so the guide's docker commands talk to the engine directly; the push policy, labels and names hold for the commands doccheck reads, not for scripts".to_string());
            return Ok(());
        }
        let Some(upstream) = gateway::Upstream::from_endpoint(endpoint) else {
            self.notes.push(format!(
                "not isolated: doccheck's gateway cannot forward to {endpoint} (ssh or TLS), so the push policy, labels and names hold for the commands doccheck reads, not for scripts"
            ));
            return Ok(());
        };
        let labels = self
            .labels
            .iter()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.reach = Reach::of(endpoint);
        // Before anything is made: the run's directory stays until a sweep
        // has cleared what it made, should the run die.
        std::fs::write(&self.records_file, format!("run {}\n", context.run_id))
            .map_err(|e| Error::environment(format!("cannot write the run's records: {e}")))?;
        let state = gateway::State {
            run_id: context.run_id.to_string(),
            labels,
            names: Namespace::new(context.run_id),
            records_file: Some(self.records_file.clone()),
            engine_sockets: self.reach.sockets.clone(),
            engine_paths: self.reach.private.clone(),
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
            self.pushes.add(host, &registry.address);
            if let Some(gateway) = &self.gateway {
                gateway::lock_state(gateway)
                    .registries
                    .add(host, &registry.address);
            }
            self.registries.push(registry);
        }
        Ok(())
    }
}
