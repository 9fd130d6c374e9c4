//! Wiring of a run over the guides: each guide planned and run on a thread of
//! the pool, with the integrations its plan wants, and every event it emits
//! brought back to this thread, where the reporters are. The run's outcome is
//! counted from the same events, once, and gives the exit code.

use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;

use doccheck_cache::Cache;
use doccheck_guide::config::{Config, Defaults};
use doccheck_guide::load::{self, Loaded};
use doccheck_guide::plan::Plan;
use doccheck_guide::tree::GuidePath;
use doccheck_guide::Error;
use doccheck_report::terminal::error::render;
use doccheck_report::{Event, GuideId, Outcome, Reporter, Reporters};
use doccheck_runner::checkpoint::{self, Store};
use doccheck_runner::events::Verdict;
use doccheck_runner::handover::When;
use doccheck_runner::update::Mode as UpdateMode;
use doccheck_runner::{pool, Events, Integration, Interrupt};

use crate::cli::{Args, Mode};

pub fn defaults(args: &Args, config: &Config) -> Result<Defaults, Error> {
    let mut defaults = config.defaults.clone();
    defaults.allow_empty |= args.allow_empty;
    for var in &args.vars {
        let (key, value) = var.split_once('=').ok_or_else(|| {
            Error::usage(format!(
                "--var {var}: write KEY=VALUE (`<myorg>=acme`, `NAME=value`)"
            ))
        })?;
        defaults
            .placeholders
            .add(key, value)
            .map_err(|m| Error::usage(format!("--var {var}: {m}")))?;
    }
    for name in &args.secrets {
        if std::env::var_os(name).is_none() {
            return Err(Error::usage(format!(
                "--secret {name}: {name} is not set in doccheck's environment, so there is no value to pass on and mask"
            )));
        }
        defaults.secrets.push(name.clone());
    }
    Ok(defaults)
}

/// Where every event meets the reporters and the outcome.
struct Reporting<'a> {
    reporters: &'a mut Reporters,
    outcome: Outcome,
}

impl Reporting<'_> {
    fn handle(&mut self, event: Event) {
        self.outcome.observe(&event);
        self.reporters.report(&event);
    }

    /// The last event; returns the exit code.
    fn done(self) -> i32 {
        let code = self.outcome.exit_code();
        self.reporters.report(&Event::Done(self.outcome));
        code
    }
}

pub fn all(
    args: &Args,
    config: &Config,
    guides: &[GuidePath],
    reporters: &mut Reporters,
    interrupt: Interrupt,
) -> i32 {
    if guides.is_empty() {
        doccheck_report::err("doccheck: no guide in this shard: nothing to do\n");
        return 0;
    }
    let defaults = match defaults(args, config) {
        Ok(defaults) => defaults,
        Err(e) => {
            doccheck_report::err(&render(&e));
            return e.exit_code();
        }
    };
    let mut reporting = Reporting {
        reporters,
        outcome: Outcome::default(),
    };
    let name = |guide: &GuidePath| guide.path.display().to_string();
    let error = |guide, path: &GuidePath, error| Event::Error {
        guide,
        name: name(path),
        error,
    };
    match args.mode() {
        Mode::List => {
            for (i, guide) in guides.iter().enumerate() {
                let event = match load::load(guide, args.scenario.as_deref(), &defaults) {
                    Ok(Loaded::Plan(plan)) => match check_selection(args, &plan) {
                        Ok(()) => Event::Listed {
                            guide: i,
                            plan: Arc::from(plan),
                        },
                        Err(e) => error(i, guide, e),
                    },
                    Ok(Loaded::NoBlocks) => Event::Empty {
                        guide: i,
                        name: name(guide),
                    },
                    Err(e) => error(i, guide, e),
                };
                reporting.handle(event);
            }
        }
        Mode::Translation => {
            for (i, guide) in guides.iter().enumerate() {
                reporting.handle(match translate(guide, args) {
                    Ok(checked) => Event::Translation { guide: i, checked },
                    Err(e) => error(i, guide, e),
                });
            }
        }
        Mode::Run => {
            let shared = Shared::new(args, config);
            run(
                (args, &defaults, &shared),
                guides,
                &mut reporting,
                interrupt,
            )
        }
    }
    reporting.done()
}

fn translate(guide: &GuidePath, args: &Args) -> Result<doccheck_report::Translation, Error> {
    let text = doccheck_guide::markdown::read_guide(&guide.path)?;
    let shown = guide.path.display().to_string();
    doccheck_guide::markdown::parse(&shown, &text)?;
    let scenario = load::scenario_for(&guide.path, args.scenario.as_deref())?;
    crate::translate::check(
        &guide.path,
        &text,
        args.source.as_deref(),
        scenario.as_ref(),
        args.html.is_some(),
    )
}

fn check_selection(args: &Args, plan: &Plan) -> Result<(), Error> {
    for n in [args.step, args.from, args.shell_at].into_iter().flatten() {
        if n == 0 || n > plan.steps.len() {
            return Err(Error::usage(format!(
                "there is no step {n}: {} has steps 1 to {}",
                plan.guide,
                plan.steps.len()
            )));
        }
    }
    Ok(())
}

/// The integrations of a run. Docker's is always there: a guide's Docker
/// calls go through its gateway however they are written, and a guide that
/// shows none still gets a private DOCKER_CONFIG.
fn integrations(plan: &Plan) -> Vec<Box<dyn Integration>> {
    vec![Box::new(doccheck_docker::Docker::new(plan))]
}

/// A guide's run events, tagged with the guide and sent to the reporting side.
struct Forward<'a> {
    guide: GuideId,
    send: &'a mut dyn FnMut(Event),
}

impl Events for Forward<'_> {
    fn emit(&mut self, event: doccheck_runner::Event) {
        (self.send)(Event::Run {
            guide: self.guide,
            event,
        });
    }
}

/// What every guide of a run shares: the verdict cache, the configuration
/// file that is part of every key, and how often a step may be tried again.
pub struct Shared {
    cache: Option<Cache>,
    config: Option<PathBuf>,
    /// `--retries`, else the configuration's.
    retries: u32,
}

impl Shared {
    pub fn new(args: &Args, config: &Config) -> Shared {
        let dir = match args.no_cache {
            true => None,
            false => args.cache.clone().or_else(|| config.cache.clone()),
        };
        Shared {
            // A partial run or a rewrite says nothing about the guide as a whole.
            cache: crate::cache::open(dir.as_deref()).filter(|_| {
                args.step.is_none() && args.from.is_none() && !args.update && !args.resume
            }),
            config: config.path.clone(),
            retries: args.retries.or(config.retries).unwrap_or(0),
        }
    }
}

fn run_one(
    index: GuideId,
    guide: &GuidePath,
    (args, defaults, shared): Settings,
    interrupt: &Interrupt,
    send: &mut dyn FnMut(Event),
) {
    let fail = |error| Event::Error {
        guide: index,
        name: guide.path.display().to_string(),
        error,
    };
    // Interrupted: the guides not yet started are not started (the run says so once).
    if interrupt.is_set() {
        return;
    }
    let plan = match load::load(guide, args.scenario.as_deref(), defaults) {
        Ok(Loaded::Plan(plan)) => plan,
        Ok(Loaded::NoBlocks) => {
            return send(Event::Empty {
                guide: index,
                name: guide.path.display().to_string(),
            })
        }
        Err(e) => return send(fail(e)),
    };
    if let Err(e) = check_selection(args, &plan) {
        return send(fail(e));
    }
    let plan: Arc<Plan> = Arc::from(plan);
    let key = shared.cache.as_ref().and_then(|cache| {
        let key = crate::cache::key(&plan, shared.config.as_deref()).ok()?;
        Some((cache, key))
    });
    if let Some(entry) = key.as_ref().and_then(|(cache, key)| cache.lookup(key)) {
        return send(Event::Cached {
            guide: index,
            plan,
            entry,
        });
    }
    let store =
        (args.checkpoints || args.resume || args.watch).then(|| Store::of(&plan, &Store::root()));
    let resume = match &store {
        Some(store) if args.resume || args.watch => {
            match checkpoint::resume(&plan, store, args.from) {
                Ok(restore) => Some(restore),
                // A first watched run records the checkpoints the next ones go on from.
                Err(_) if args.watch => None,
                Err(why) => return send(fail(Error::usage(why))),
            }
        }
        _ => None,
    };
    let options = doccheck_runner::Options {
        keep: args.keep,
        only: args.step,
        from: args.from.filter(|_| resume.is_none()),
        checkpoints: store,
        resume,
        shell: match (args.shell_at, args.shell_on_failure) {
            (Some(n), _) => Some(When::After(n)),
            (None, true) => Some(When::OnFailure),
            (None, false) => None,
        },
        keep_going: args.keep_going || args.update,
        allow_empty: defaults.allow_empty,
        min_run: args.min_run,
        update: match (args.update, args.dry_run) {
            (false, _) => None,
            (true, false) => Some(UpdateMode::Write),
            (true, true) => Some(UpdateMode::DryRun),
        },
        retries: shared.retries,
        pass_env: Vec::new(),
        interrupt: interrupt.clone(),
    };
    let mut integrations = integrations(&plan);
    let mut events = Forward { guide: index, send };
    match doccheck_runner::run(&plan, &mut integrations, &options, &mut events) {
        Ok(report) if report.verdict() == Verdict::Passed => {
            if let Some((cache, key)) = &key {
                // A cache that cannot be written costs the next run time, never a verdict.
                let _ = cache.record(&crate::cache::entry(&plan, key, &report));
            }
        }
        Ok(_) => {}
        Err(e) => (events.send)(fail(e)),
    }
}

/// What every guide's run reads: the flags, the defaults, the cache.
type Settings<'a> = (&'a Args, &'a Defaults, &'a Shared);

fn run(settings: Settings, guides: &[GuidePath], reporting: &mut Reporting, interrupt: Interrupt) {
    run_guides(settings, guides, reporting, &interrupt);
    if let Some(signal) = interrupt.signal() {
        reporting.handle(Event::Interrupted(signal));
    }
}

fn run_guides(
    settings: Settings,
    guides: &[GuidePath],
    reporting: &mut Reporting,
    interrupt: &Interrupt,
) {
    let args = settings.0;
    let jobs = args.jobs.unwrap_or_else(pool::cpus).max(1);
    // One guide, or one at a time: on this thread, with no hop per event.
    if guides.len() == 1 || jobs == 1 {
        for (index, guide) in guides.iter().enumerate() {
            run_one(index, guide, settings, interrupt, &mut |e| {
                reporting.handle(e)
            });
        }
        return;
    }
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool::each(guides, jobs, |index, guide| {
                let mut send = |e: Event| {
                    let _ = sender.send(e);
                };
                run_one(index, guide, settings, interrupt, &mut send)
            });
            drop(sender);
        });
        for event in receiver {
            reporting.handle(event);
        }
    });
}
