//! An integration supplies what a guide's commands need beyond a shell (Docker:
//! base images, registries, rewrites for a machine without a terminal,
//! cleanup). The runner reaches it only through this trait, in this order:
//! `prepare` once, `session_env`/`session_setup` once, then `before`/`after`
//! around each command that `before` claimed, and `finish` exactly once, even
//! when `prepare` failed or the run was interrupted.

use std::path::Path;

use doccheck_guide::service::Service;
use doccheck_guide::Error;

use crate::events::Events;
use crate::failure::Failure;
pub use crate::session::namespace::SessionMount;
use crate::signals::Interrupt;

/// What an integration may use while it works.
pub struct Context<'a> {
    /// The reader's project directory (the session's working directory).
    pub workspace: &'a Path,
    /// doccheck's private directory of the run (never in a build context).
    pub control: &'a Path,
    /// The run's state directory: records kept there outlive the workspace,
    /// for a later run to sweep (see [`crate::session::state`]).
    pub state: &'a Path,
    /// A unique id of this run (for labels and names).
    pub run_id: &'a str,
    pub interrupt: &'a Interrupt,
    pub events: &'a mut dyn Events,
}

/// How a command an integration claims is to run.
#[derive(Debug, Clone, Default)]
pub struct Rewrite {
    /// The command to run instead, when it differs from the documented one.
    pub run: Option<String>,
    /// Said in the report under the command.
    pub notes: Vec<String>,
}

/// A claimed command after it ran.
pub struct Ran<'a> {
    pub output: &'a str,
    /// `None` when it did not exit on its own (timeout, interrupt).
    pub exit: Option<i32>,
    /// Whether the runner judged it a success so far (exit code and output).
    pub passed: bool,
    /// The step's service, if the command starts one.
    pub service: Option<&'a Service>,
}

pub trait Integration {
    /// Its name in reports ("docker").
    fn name(&self) -> &'static str;

    /// Before the session starts: preflight, images, servers.
    fn prepare(&mut self, context: &mut Context) -> Result<(), Error>;

    /// Variables for the session's environment.
    fn session_env(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Paths the session must see otherwise than the machine does (an
    /// engine's socket that must lead to a gateway); the session then runs
    /// in namespaces of its own.
    fn session_mounts(&self) -> Vec<SessionMount> {
        Vec::new()
    }

    /// Shell code the session runs before the first step.
    fn session_setup(&self) -> Option<String> {
        None
    }

    /// A step begins: what the integration creates from now on is that step's.
    fn step_started(&mut self) {}

    /// Whether what the step created is still running (a container started
    /// detached): a run that goes on from a later checkpoint runs the step
    /// again. Asked only when checkpoints are kept.
    fn step_left_running(&mut self) -> bool {
        false
    }

    /// Removes what it created since the step began, so that the step can be
    /// tried again (`--retries`, after a failure that was the machine's
    /// fault). An error says why the step cannot be tried again.
    fn undo_step(&mut self) -> Result<(), String> {
        Ok(())
    }

    /// Claims `command` (returns a rewrite) or leaves it (None). A claimed
    /// command's `service`, if any, is the integration's to start and probe.
    fn before(&mut self, command: &str, service: Option<&Service>) -> Option<Rewrite>;

    /// After a claimed command, whatever its outcome: record what it created;
    /// when it passed, check what it promised (a push, a service's readiness).
    /// Returns notes for the report, or why the step fails.
    fn after(&mut self, ran: &Ran, context: &mut Context) -> Result<Vec<String>, Failure>;

    /// After every command, claimed or not, when it failed: a cause the
    /// integration knows better than the command's exit code (its daemon went away).
    fn explain(&mut self, _ran: &Ran) -> Option<Failure> {
        None
    }

    /// Notes for the run's report (which images were real, where pushes went).
    fn notes(&mut self) -> Vec<String> {
        Vec::new()
    }

    /// Removes everything the run created; returns what could not be
    /// removed (the run's records are then kept for a later run's sweep).
    fn finish(&mut self) -> Vec<String>;

    /// Before `prepare`, when the guide's checkpoints hold what an earlier
    /// run parked ([`Integration::parked`]): take it over as the run's own.
    /// An error (it is gone) says why a checkpoint cannot be gone on from.
    fn adopt(&mut self, _parked: &str) -> Result<(), String> {
        Ok(())
    }

    /// Before `finish`: the run keeps checkpoints, so what a later run
    /// needs to go on from them (a build's images) stays, parked.
    fn park(&mut self) {}

    /// After `finish`, when parking: what was kept, for the later run's `adopt`.
    fn parked(&mut self) -> Option<String> {
        None
    }
}
