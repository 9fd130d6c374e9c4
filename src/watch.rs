//! `doccheck --watch GUIDE`: runs the guide, then waits for it, its
//! scenario, its fixture or the configuration to change (inotify, through
//! the `notify` crate) and runs it again from the first block that changed
//! (or the one that failed), on top of the checkpoint before it; a change
//! of prose alone runs nothing. Each run is a whole run (its objects removed
//! at its end, its images parked with the checkpoints); Ctrl-C stops the
//! run in progress, or the waiting, and exits with 130.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use doccheck_guide::config::Config;
use doccheck_guide::load::{self, Loaded};
use doccheck_guide::tree::GuidePath;
use doccheck_guide::Error;
use doccheck_runner::checkpoint::{self, Store};
use doccheck_runner::Interrupt;
use notify::{RecursiveMode, Watcher};

use doccheck_report::Reporter;

use crate::cli::Args;

/// Events that come this close together are one change (an editor's save
/// is several writes and a rename).
const SETTLE: Duration = Duration::from_millis(100);

pub fn main(args: &Args, guides: &[GuidePath], interrupt: Interrupt) -> i32 {
    let fail = |error: Error| {
        doccheck_report::err(&doccheck_report::terminal::error::render(&error));
        error.exit_code()
    };
    let [guide] = guides else {
        return fail(Error::usage("--watch runs one guide; give exactly one"));
    };
    let (send, changes) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(send) {
        Ok(watcher) => watcher,
        Err(e) => return fail(Error::environment(format!("cannot watch files: {e}"))),
    };
    let mut watched = BTreeSet::new();
    let mut code = 0;
    let mut first = true;
    loop {
        let config = match crate::cli::config(args) {
            Ok(config) => config,
            Err(e) => {
                code = fail(e);
                Config::default()
            }
        };
        let inputs = inputs(args, &config, guide);
        for dir in inputs.iter().map(|(dir, _)| dir.clone()) {
            if watched.insert(dir.clone()) {
                let _ = watcher.watch(&dir, RecursiveMode::Recursive);
            }
        }
        if first || worth_a_run(args, &config, guide) {
            if console::Term::stdout().is_term() && !first {
                let _ = console::Term::stdout().clear_screen();
            }
            let mut reporters = args.reporters(false);
            code = crate::run::all(args, &config, guides, &mut reporters, interrupt.clone());
            if let Err(why) = reporters.finish() {
                code = code.max(fail(Error::environment(why)));
            }
        } else {
            doccheck_report::err("doccheck --watch: no block changed: nothing to run\n");
        }
        first = false;
        if interrupt.is_set() {
            return code.max(130);
        }
        doccheck_report::err(&format!(
            "doccheck --watch: watching {}; Ctrl-C to stop\n",
            shown(&inputs)
        ));
        if !wait(&changes, &inputs, &interrupt) {
            return 130;
        }
    }
}

/// What a run of the guide reads, as (directory watched, file in it or
/// `None` for the whole directory): the guide, its scenario, the scenario's
/// fixture, the configuration. Directories are watched, not files: an
/// editor that saves by renaming replaces the file a watch was on.
fn inputs(args: &Args, config: &Config, guide: &GuidePath) -> Vec<(PathBuf, Option<PathBuf>)> {
    let parent_of = |path: &Path| -> (PathBuf, Option<PathBuf>) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        (dir, Some(path))
    };
    let mut inputs = vec![parent_of(&guide.path)];
    inputs.extend(config.path.as_deref().map(parent_of));
    if let Ok(defaults) = crate::run::defaults(args, config) {
        if let Ok(Loaded::Plan(plan)) = load::load(guide, args.scenario.as_deref(), &defaults) {
            inputs.extend(plan.scenario.as_deref().map(parent_of));
            if let Some(fixture) = plan.setup.fixture.as_deref() {
                let fixture =
                    std::fs::canonicalize(fixture).unwrap_or_else(|_| fixture.to_path_buf());
                inputs.push((fixture, None));
            }
        }
    }
    inputs
}

fn shown(inputs: &[(PathBuf, Option<PathBuf>)]) -> String {
    let names: Vec<String> = inputs
        .iter()
        .map(|(dir, file)| file.as_ref().unwrap_or(dir).display().to_string())
        .collect();
    names.join(", ")
}

/// Whether an event touches one of the inputs.
fn touches(event: &notify::Event, inputs: &[(PathBuf, Option<PathBuf>)]) -> bool {
    use notify::EventKind;
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|path| {
        inputs.iter().any(|(dir, file)| match file {
            Some(file) => path == file,
            None => path.starts_with(dir),
        })
    })
}

/// Waits for a change of the inputs (then for the writes to settle);
/// `false` when interrupted.
fn wait(
    changes: &mpsc::Receiver<notify::Result<notify::Event>>,
    inputs: &[(PathBuf, Option<PathBuf>)],
    interrupt: &Interrupt,
) -> bool {
    loop {
        if interrupt.is_set() {
            return false;
        }
        match changes.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(event)) if touches(&event, inputs) => break,
            Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return false,
        }
    }
    while changes.recv_timeout(SETTLE).is_ok() {}
    true
}

/// Whether the guide as it now stands has anything to run: a block changed
/// since its checkpoints, or the last run failed (a guide that no longer
/// loads is worth a run too: the run says why).
fn worth_a_run(args: &Args, config: &Config, guide: &GuidePath) -> bool {
    let Ok(defaults) = crate::run::defaults(args, config) else {
        return true;
    };
    let Ok(Loaded::Plan(plan)) = load::load(guide, args.scenario.as_deref(), &defaults) else {
        return true;
    };
    let store = Store::of(&plan, &Store::root());
    match checkpoint::resume(&plan, &store, args.from) {
        Ok(restore) => {
            restore.record.failed.is_some() || plan.steps.iter().any(|s| s.number >= restore.from)
        }
        Err(_) => true,
    }
}
