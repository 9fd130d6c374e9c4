//! The step loop: a workspace, the integrations prepared, one bash session,
//! each step in order, then everything stopped and cleaned up, on every path.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use doccheck_guide::plan::{Action, Plan};
use doccheck_guide::{Error, ErrorKind};

use crate::checkpoint::{Restore, Store};
use crate::coverage::Coverage;
use crate::events::{
    self, Attempt, Event, Events, RunReport, RunSummary, Status, StepResult, Verdict,
};
use crate::failure::Failure;
use crate::handover::{Handover, When};
use crate::integration::{Context, Integration};
use crate::keeping::Keeping;
use crate::secrets::Secrets;
use crate::services::Services;
use crate::session::janitor::Janitor;
use crate::session::namespace;
use crate::session::shell::{Ending, Shell};
use crate::session::state::{self, RunState};
use crate::session::workspace::Workspace;
use crate::signals::Interrupt;
use crate::step::StepRunner;
use crate::update;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub keep: bool,
    /// Run only this step (1-based).
    pub only: Option<usize>,
    /// Run from this step on (1-based).
    pub from: Option<usize>,
    /// Go on after a failing step instead of stopping.
    pub keep_going: bool,
    /// A run in which no step ran passes.
    pub allow_empty: bool,
    /// The share of blocks (percent) that must run, or the guide fails
    /// (`--min-run`; wins over the plan's `min-run:`).
    pub min_run: Option<u32>,
    /// Work out, for each transcript command that no longer matches, what it
    /// should say, and after the steps rewrite the guide (or show the diff).
    pub update: Option<update::Mode>,
    /// Tries a step again up to this many times when it failed for the
    /// machine's sake ([`Failure::infrastructure`]).
    pub retries: u32,
    /// Names of variables the session takes from doccheck's environment instead
    /// of doccheck's isolated value (`HOME`, `TMPDIR`).
    pub pass_env: Vec<String>,
    /// Keep a checkpoint after each passing step, in this store.
    pub checkpoints: Option<Store>,
    /// Restore a checkpoint first, and go on from it (`--resume`, `--watch`).
    pub resume: Option<Restore>,
    /// Open the guide's shell (`--shell-at`, `--shell-on-failure`).
    pub shell: Option<When>,
    pub interrupt: Interrupt,
}

impl Options {
    fn selected(&self, number: usize) -> bool {
        self.only.is_none_or(|n| n == number) && self.from.is_none_or(|n| number >= n)
    }
}

/// Runs the plan; every fact of the run goes to `events`, from `Started` to
/// `Finished` (an `Err` ends it instead when the run could not start).
pub fn run(
    plan: &Arc<Plan>,
    integrations: &mut [Box<dyn Integration>],
    options: &Options,
    events: &mut dyn Events,
) -> Result<RunReport, Error> {
    let started = Instant::now();
    prepare_probes(plan)?;
    events.emit(Event::Started(Arc::clone(plan)));
    let id = crate::run_id::new_run_id();
    let state = RunState::create(&id)?;
    let mut notes = Vec::new();
    let store_lock = options.checkpoints.as_ref().map(Store::lock);
    let recording = !matches!(store_lock, Some(None));
    if !recording {
        notes.push("another doccheck run of this guide keeps checkpoints now: this one ran from the start and keeps none".to_string());
    }
    let mut resume = options.resume.as_ref().filter(|_| recording);
    // What the guide's last recording run parked is this run's now (it
    // goes on from it, or replaces the checkpoints it was kept for).
    let previous = resume.map(|r| r.record.clone()).or_else(|| {
        options
            .checkpoints
            .as_ref()
            .filter(|_| recording)
            .and_then(Store::record)
    });
    for integration in integrations.iter_mut() {
        let Some(parked) = previous
            .as_ref()
            .and_then(|r| r.parked.get(integration.name()))
        else {
            continue;
        };
        if let (Err(why), Some(_)) = (integration.adopt(parked), resume) {
            notes.push(format!(
                "{why}: the checkpoints cannot be gone on from, so the guide ran from the start"
            ));
            resume = None;
        }
    }
    // A restored checkpoint holds the fixture as the steps before it left it.
    let fixture = plan
        .setup
        .fixture
        .as_deref()
        .filter(|_| resume.is_none_or(|r| r.after.is_none()));
    let created = Workspace::create(fixture).and_then(|w| match resume.map(|r| r.files(&w.root)) {
        Some(Err(e)) => Err(Error::environment(format!(
            "cannot restore the checkpoint's files: {e}"
        ))),
        _ => Ok(w),
    });
    let mut workspace = match created {
        Ok(workspace) => workspace,
        Err(e) => {
            state.end(true);
            return Err(e);
        }
    };
    state.note_workspace(Some(&workspace.root));
    let janitor = Janitor::new(&id);
    let mut prepared = 0;
    let mut failed = None;
    for integration in integrations.iter_mut() {
        prepared += 1;
        let mut context = Context {
            workspace: &workspace.work,
            control: &workspace.control,
            state: &state.dir,
            run_id: &id,
            interrupt: &options.interrupt,
            events: &mut *events,
        };
        if let Err(e) = integration.prepare(&mut context) {
            failed = Some(e);
            break;
        }
        if let Some(signal) = options.interrupt.signal() {
            failed = Some(interrupted(signal));
            break;
        }
    }
    if let Some(error) = failed {
        let mut complete = true;
        for integration in integrations[..prepared].iter_mut() {
            complete &= integration.finish().is_empty();
        }
        state.end(complete);
        return Err(error);
    }
    // After the integrations' sweeps, which read the dead runs' records.
    state::sweep_dead_runs();

    let mut env = plan.setup.env.clone();
    // No pager waits for a key and no editor for a typist; the guide's own
    // `env:` and `pass-env:` win (the first value of a name is the one set).
    env.extend(
        crate::session::editor::defaults(&workspace.control)
            .into_iter()
            .filter(|(name, _)| {
                !options
                    .pass_env
                    .iter()
                    .chain(&plan.setup.pass_env)
                    .any(|p| p == name)
            }),
    );
    // The session's TMPDIR: the run's own, or a directory of the name the
    // plan asks for inside it (scrut's `__tmp`).
    let tmpdir = match &plan.setup.tmp_subdir {
        Some(name) => {
            let dir = workspace.tmp.join(name);
            let _ = std::fs::create_dir_all(&dir);
            dir
        }
        None => workspace.tmp.clone(),
    };
    for (name, dir) in [("HOME", &workspace.home), ("TMPDIR", &tmpdir)] {
        let passed = options.pass_env.iter().chain(&plan.setup.pass_env);
        if !passed.into_iter().any(|p| p == name) {
            env.push((name.to_string(), dir.display().to_string()));
        }
    }
    env.push(janitor.env());
    if let Some(path) = path_with_doccheck() {
        env.push(("PATH".to_string(), path));
    }
    for integration in integrations.iter() {
        env.extend(integration.session_env());
    }
    let inherited: Vec<(String, String)> = std::env::vars().collect();
    let secrets = Secrets::of(
        inherited
            .iter()
            .chain(&env)
            .map(|(k, v)| (k.as_str(), v.as_str())),
        &plan.setup.secrets,
    );
    let setup: Vec<String> = integrations
        .iter()
        .filter_map(|i| i.session_setup())
        .collect();
    let mounts: Vec<_> = integrations
        .iter()
        .flat_map(|i| i.session_mounts())
        .collect();
    let view = match mounts.is_empty() {
        true => None,
        false => namespace::prepare(&mounts)
            .map_err(|why| {
                notes.push(format!(
                    "not isolated: the session runs without a mount namespace of its own ({why}), so a command that names the engine's socket itself reaches it around doccheck's gateway"
                ))
            })
            .ok(),
    };
    let start_shell = || -> Result<Shell, Error> {
        let mut shell = Shell::start(&workspace.work, &workspace.control, &env, view.as_ref())?;
        for code in &setup {
            let (ending, output) = shell.run(code, Duration::from_secs(10), &options.interrupt);
            if ending != Ending::Exited(0) {
                return Err(Error::environment(format!(
                    "cannot prepare the shell session: {output}"
                )));
            }
        }
        Ok(shell)
    };
    let mut shell = match start_shell() {
        Ok(shell) => shell,
        Err(e) => {
            let mut complete = true;
            for integration in integrations.iter_mut() {
                complete &= integration.finish().is_empty();
            }
            state.end(complete);
            return Err(e);
        }
    };
    let store = options.checkpoints.clone().filter(|_| recording);
    let mut keeping = Keeping::start(
        plan,
        (store, resume, options.shell),
        (&mut shell, &workspace),
        &id,
        &options.interrupt,
        &mut notes,
    );
    let mut services = Services::new(&workspace.control);
    let paths = crate::paths::Paths::new(&plan.setup.paths, &workspace.work);
    let deadline = started + plan.setup.run_timeout;
    let mut results = Vec::with_capacity(plan.steps.len());
    let mut stop: Option<String> = None;
    // Set by a scrut case that exits with its document's skip code.
    let mut skip_rest: Option<String> = None;
    let mut ran = 0;

    for step in &plan.steps {
        if options.interrupt.is_set() {
            stop = Some("interrupted".into());
        }
        let not_run = match (&stop, &skip_rest) {
            (Some(why), _) => Some(Status::NotRun(why.clone())),
            (None, Some(why)) => Some(Status::Skipped(why.clone())),
            (None, None) => None,
        };
        let not_run = not_run.or_else(|| {
            let restore = resume.filter(|r| r.restored(step.number))?;
            ran += 1;
            Some(Status::NotRun(format!(
                "{} {} ({})",
                crate::coverage::RESTORED,
                restore.after.unwrap_or(0),
                restore.why
            )))
        });
        if let Some(status) = not_run {
            let result = StepResult::new(step.number, status);
            events.emit(Event::StepFinished(result.clone()));
            results.push(result);
            continue;
        }
        // Files written before the selection are written all the same: later steps need them.
        let before_selection = options
            .only
            .or(options.from)
            .is_some_and(|n| step.number < n);
        let needed_file = before_selection && matches!(step.action, Action::Write { .. });
        if !(options.selected(step.number) || needed_file) {
            let result = StepResult::new(step.number, Status::NotRun("not selected".into()));
            events.emit(Event::StepFinished(result.clone()));
            results.push(result);
            continue;
        }
        if !shell.alive() && options.keep_going {
            match start_shell() {
                Ok(fresh) => shell = fresh,
                Err(e) => stop = Some(format!("the session could not be restarted: {e}")),
            }
            if let Some(why) = &stop {
                let result = StepResult::new(step.number, Status::NotRun(why.clone()));
                events.emit(Event::StepFinished(result.clone()));
                results.push(result);
                continue;
            }
        }
        events.emit(Event::StepStarted {
            number: step.number,
        });
        let mut attempts = Vec::new();
        let mut result = loop {
            let step_started = Instant::now();
            let mark = services.mark();
            integrations.iter_mut().for_each(|i| i.step_started());
            let mut result = StepRunner {
                guide: &plan.guide,
                workspace: &workspace,
                shell: &mut shell,
                integrations,
                services: &mut services,
                deadline,
                paths: &paths,
                tmpdir: &tmpdir,
                update: options.update.is_some(),
                context: Context {
                    workspace: &workspace.work,
                    control: &workspace.control,
                    state: &state.dir,
                    run_id: &id,
                    interrupt: &options.interrupt,
                    events: &mut *events,
                },
            }
            .run(step);
            result.duration = step_started.elapsed();
            let again = result.status == Status::Failed
                && attempts.len() < options.retries as usize
                && !options.interrupt.is_set()
                && shell.alive()
                && result.why().is_some_and(Failure::infrastructure);
            if again {
                // What the failed attempt started goes first, or the next would meet it.
                services.stop_since(mark);
                if integrations.iter_mut().all(|i| i.undo_step().is_ok()) {
                    if let Some(failure) = result.why().cloned() {
                        attempts.push(Attempt {
                            failure,
                            duration: result.duration,
                        });
                        events.emit(Event::StepStarted {
                            number: step.number,
                        });
                        continue;
                    }
                }
            }
            result.attempts = std::mem::take(&mut attempts);
            break result;
        };
        if resume.is_some_and(|r| r.restart.contains(&step.number)) {
            result.notes.push(
                "run again before the steps that go on from the checkpoint: its service was running then"
                    .to_string(),
            );
        }
        secrets.mask_result(&mut result);
        // A case that skips the document ran: the guide decided, nothing was left out.
        if (!matches!(result.status, Status::Skipped(_)) || result.skips_rest) && !needed_file {
            ran += 1;
        }
        if result.skips_rest {
            skip_rest = Some(format!(
                "step {} skipped the rest of the document (scrut's skip code)",
                step.number
            ));
        }
        let interrupted_here = matches!(result.why(), Some(Failure::Interrupted { .. }));
        if result.status == Status::Failed && (!options.keep_going || interrupted_here) {
            stop = Some(if interrupted_here {
                "interrupted".to_string()
            } else {
                format!("step {} failed", step.number)
            });
        }
        events.emit(Event::StepFinished(result.clone()));
        let session = Handover {
            env: &env,
            view: view.as_ref(),
            control: &workspace.control,
            workspace: &workspace.work,
        };
        let running = keeping.records() && integrations.iter_mut().any(|i| i.step_left_running());
        let context = (&mut shell, &workspace, &session, &options.interrupt);
        if let Some(why) = keeping.after_step(plan, step, &result, running, context, &mut notes) {
            stop.get_or_insert(why);
        }
        results.push(result);
    }
    drop(shell);
    services.stop_all();
    janitor.stop_all();
    let mut complete = true;
    let park = keeping.parks();
    for integration in integrations.iter_mut() {
        notes.extend(integration.notes());
        if park {
            integration.park();
        }
        for problem in integration.finish() {
            complete = false;
            notes.push(format!("cleanup ({}): {problem}", integration.name()));
        }
        if let Some(parked) = integration.parked() {
            keeping.parked(integration.name(), parked);
        }
    }
    if !complete {
        notes.push(format!(
            "what could not be removed is recorded in {}: the next doccheck run removes it",
            state.dir.display()
        ));
    }
    keeping.finish(&results, &mut notes);
    // Held until the checkpoints are in place.
    drop(store_lock);
    let kept_workspace: Option<PathBuf> = if options.keep { workspace.keep() } else { None };
    if kept_workspace.is_some() {
        // The user's now: no sweep removes it.
        state.note_workspace(None);
    }
    // The workspace first: until the state directory goes, a sweep would find it.
    drop(workspace);
    state.end(complete);
    let interrupted = options.interrupt.signal();
    let allow_empty = options.allow_empty || plan.setup.allow_empty;
    let mut verdict = events::verdict(&results, interrupted, ran, allow_empty);
    if let (Some(mode), None) = (options.update, interrupted) {
        let updates = update::rewrite(plan, &results, mode)?;
        verdict = update::verdict(verdict, &results, &updates);
        events.emit(Event::Updated(updates));
    }
    notes.iter_mut().for_each(|n| secrets.mask(n));
    let min_run = options.min_run.or(plan.setup.min_run);
    let coverage = Coverage::of(plan, &results, min_run);
    let mut warnings = plan.warnings.clone();
    if verdict.passed() {
        warnings.extend(coverage.warning());
        if coverage.below_min_run() {
            verdict = Verdict::Failed;
        }
    }
    let summary = RunSummary {
        duration: started.elapsed(),
        kept_workspace,
        interrupted,
        notes,
        ran,
        allow_empty,
        verdict,
        coverage,
        warnings,
    };
    events.emit(Event::Finished(summary.clone()));
    Ok(RunReport { results, summary })
}

/// The services' probes made ready before anything runs (`.proto` files
/// compiled, TLS configurations read): what is wrong with one is an error at
/// its place in the scenario.
fn prepare_probes(plan: &Plan) -> Result<(), Error> {
    let services = plan.steps.iter().filter_map(|s| match &s.action {
        Action::Run { service, .. } => service.as_ref(),
        _ => None,
    });
    for service in services {
        if let Err(message) = doccheck_probe::spec::prepare(service) {
            return Err(match &service.location {
                Some(at) => Error::scenario(at.clone(), message),
                None => Error::new(ErrorKind::Scenario, message),
            });
        }
    }
    Ok(())
}

/// The caller's PATH, ending with the directory of the running doccheck, so
/// that a guide about doccheck finds the very binary that runs it.
fn path_with_doccheck() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    let path = std::env::var_os("PATH").unwrap_or_default();
    if std::env::split_paths(&path).any(|p| p == dir) {
        return None;
    }
    let joined =
        std::env::join_paths(std::env::split_paths(&path).chain([dir.to_path_buf()])).ok()?;
    Some(joined.to_string_lossy().into_owned())
}

/// The error for a signal that arrived before the steps ran.
pub fn interrupted(signal: i32) -> Error {
    Error::new(
        ErrorKind::Interrupted(signal),
        format!(
            "interrupted ({}) before the first step; what was prepared was removed",
            crate::signals::name(signal)
        ),
    )
}
