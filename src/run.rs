//! Wiring of a run over the guides: each guide planned and run on a thread of
//! the pool, with the integrations its plan wants, and everything it reports
//! brought back to this thread, where the reporters are.

use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::Arc;

use doccheck_guide::config::{Config, Defaults};
use doccheck_guide::load::{self, Loaded};
use doccheck_guide::plan::Plan;
use doccheck_guide::tree::GuidePath;
use doccheck_guide::{Error, ErrorKind};
use doccheck_report::terminal::error::render;
use doccheck_report::{Reporter, Reporters};
use doccheck_runner::events::Verdict;
use doccheck_runner::{pool, Event, Events, Integration, Interrupt};

use crate::cli::{Args, Mode};

const EXIT_FAILED: i32 = 1;

/// What the guides of a run came to, for the exit code.
#[derive(Default)]
struct Outcome {
    failed: bool,
    error: bool,
    interrupted: Option<i32>,
}

impl Outcome {
    fn code(&self) -> i32 {
        match (self.interrupted, self.error, self.failed) {
            (Some(signal), _, _) => 128 + signal,
            (None, true, _) => ErrorKind::Usage.exit_code(),
            (None, false, true) => EXIT_FAILED,
            _ => 0,
        }
    }

    fn error(&mut self, guide: &str, error: &Error, reporters: &mut Reporters) {
        match error.kind {
            ErrorKind::Interrupted(signal) => self.interrupted = Some(signal),
            _ => self.error = true,
        }
        reporters.error(guide, error);
        doccheck_report::err(&render(error));
    }
}

fn defaults(args: &Args, config: &Config) -> Result<Defaults, Error> {
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
    Ok(defaults)
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
    let mut outcome = Outcome::default();
    match args.mode() {
        Mode::List => {
            for guide in guides {
                let shown = guide.path.display().to_string();
                match load::load(guide, args.scenario.as_deref(), &defaults) {
                    Ok(Loaded::Plan(plan)) => match check_selection(args, &plan) {
                        Ok(()) => reporters.listed(&plan),
                        Err(e) => outcome.error(&shown, &e, reporters),
                    },
                    Ok(Loaded::NoBlocks) => reporters.empty(&shown),
                    Err(e) => outcome.error(&shown, &e, reporters),
                }
            }
        }
        Mode::Translation => {
            for guide in guides {
                let shown = guide.path.display().to_string();
                match translate(guide, args) {
                    Ok(checked) => {
                        outcome.failed |= checked.errors() > 0;
                        reporters.translation(&checked);
                    }
                    Err(e) => outcome.error(&shown, &e, reporters),
                }
            }
        }
        Mode::Run => run(args, guides, &defaults, reporters, interrupt, &mut outcome),
    }
    outcome.code()
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
    )
}

fn check_selection(args: &Args, plan: &Plan) -> Result<(), Error> {
    for n in [args.step, args.from].into_iter().flatten() {
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

/// Whether every failure of the run is a transcript whose update was worked out.
fn only_stale_transcripts(results: &[doccheck_runner::StepResult]) -> bool {
    results.iter().all(|r| {
        r.failure.is_none()
            && r.commands
                .iter()
                .all(|c| c.failure.is_none() || c.update.is_some())
    })
}

/// What a guide's thread tells the reporting thread.
enum Message {
    Started(usize, Arc<Plan>),
    Event(usize, Event),
    Empty(usize),
    Error(usize, Error),
    /// What `--update` changed (`guide:line: …`).
    Updated(String),
    Verdict(Verdict),
}

/// A run's events, sent to the reporting side.
struct Forward<'a> {
    index: usize,
    send: &'a mut dyn FnMut(Message),
}

impl Events for Forward<'_> {
    fn emit(&mut self, event: Event) {
        (self.send)(Message::Event(self.index, event));
    }
}

fn run_one(
    index: usize,
    guide: &GuidePath,
    args: &Args,
    defaults: &Defaults,
    interrupt: &Interrupt,
    send: &mut dyn FnMut(Message),
) {
    if let Some(signal) = interrupt.signal() {
        return send(Message::Verdict(Verdict::Interrupted(signal)));
    }
    let plan = match load::load(guide, args.scenario.as_deref(), defaults) {
        Ok(Loaded::Plan(plan)) => plan,
        Ok(Loaded::NoBlocks) => return send(Message::Empty(index)),
        Err(e) => return send(Message::Error(index, e)),
    };
    if let Err(e) = check_selection(args, &plan) {
        return send(Message::Error(index, e));
    }
    let plan: Arc<Plan> = Arc::from(plan);
    send(Message::Started(index, Arc::clone(&plan)));
    let options = doccheck_runner::Options {
        keep: args.keep,
        only: args.step,
        from: args.from,
        keep_going: args.keep_going || args.update,
        allow_empty: defaults.allow_empty,
        update: args.update,
        pass_env: Vec::new(),
        interrupt: interrupt.clone(),
    };
    let mut integrations = integrations(&plan);
    let mut events = Forward { index, send };
    let result = doccheck_runner::run(&plan, &mut integrations, &options, &mut events);
    match result {
        Ok(report) => {
            let mut verdict = report.verdict();
            if args.update {
                match crate::update::rewrite(&plan, &report.results, args.dry_run) {
                    Ok(changes) => {
                        let rewritten = changes.iter().any(|c| c.starts_with("updated "));
                        changes.into_iter().for_each(|c| send(Message::Updated(c)));
                        // Every failure was a transcript now rewritten: the guide passes as it stands.
                        if rewritten && !args.dry_run && only_stale_transcripts(&report.results) {
                            verdict = Verdict::Passed;
                        }
                    }
                    Err(e) => send(Message::Error(index, e)),
                }
            }
            send(Message::Verdict(verdict))
        }
        Err(e) => send(Message::Error(index, e)),
    }
}

/// Where the guides' messages meet the reporters.
struct Reporting<'a> {
    guides: &'a [GuidePath],
    reporters: &'a mut Reporters,
    outcome: &'a mut Outcome,
    plans: HashMap<usize, Arc<Plan>>,
}

impl Reporting<'_> {
    fn handle(&mut self, message: Message) {
        let name = |i: usize| self.guides[i].path.display().to_string();
        match message {
            Message::Started(i, plan) => {
                self.reporters.started(&plan);
                self.plans.insert(i, plan);
            }
            Message::Event(i, event) => {
                if let Some(plan) = self.plans.get(&i) {
                    self.reporters.event(plan, &event);
                }
            }
            Message::Empty(i) => self.reporters.empty(&name(i)),
            Message::Error(i, e) => self.outcome.error(&name(i), &e, self.reporters),
            Message::Updated(change) => doccheck_report::err(&format!("{change}\n")),
            Message::Verdict(Verdict::Passed) => {}
            Message::Verdict(Verdict::Interrupted(signal)) => {
                self.outcome.interrupted = Some(signal)
            }
            Message::Verdict(_) => self.outcome.failed = true,
        }
    }
}

fn run(
    args: &Args,
    guides: &[GuidePath],
    defaults: &Defaults,
    reporters: &mut Reporters,
    interrupt: Interrupt,
    outcome: &mut Outcome,
) {
    let jobs = args.jobs.unwrap_or_else(pool::cpus).max(1);
    let mut reporting = Reporting {
        guides,
        reporters,
        outcome,
        plans: HashMap::new(),
    };
    // One guide, or one at a time: on this thread, with no hop per event.
    if guides.len() == 1 || jobs == 1 {
        for (index, guide) in guides.iter().enumerate() {
            run_one(index, guide, args, defaults, &interrupt, &mut |m| {
                reporting.handle(m)
            });
        }
        return;
    }
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        let interrupt = &interrupt;
        scope.spawn(move || {
            pool::each(guides, jobs, |index, guide| {
                let mut send = |m: Message| {
                    let _ = sender.send(m);
                };
                run_one(index, guide, args, defaults, interrupt, &mut send)
            });
            drop(sender);
        });
        for message in receiver {
            reporting.handle(message);
        }
    });
}
