//! The command line: flags → a [`Mode`], then wiring only: guide → plan →
//! runner with its integrations → reporters → exit code.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use doccheck_guide::plan::Plan;
use doccheck_guide::scenario::Scenario;
use doccheck_guide::{discovery, markdown, plan, scenario, Error, ErrorKind};
use doccheck_report::terminal::{self, Terminal};
use doccheck_report::{github, json::Json, junit::Junit, Reporter, Reporters};
use doccheck_runner::events::Verdict;
use doccheck_runner::{Event, Events, Integration, Interrupt};

/// Exit codes: 0 every step passed, 1 a step failed (or none ran), 2 usage,
/// scenario or environment error, 128 + N interrupted by signal N (130, 143).
pub const EXIT_FAILED: i32 = 1;

#[derive(Parser, Debug)]
#[command(
    name = "doccheck",
    version,
    about = "Run a markdown guide's code blocks for real, as a test."
)]
pub struct Args {
    /// The markdown guide to run.
    pub guide: PathBuf,
    /// Scenario YAML to use instead of the one found in scenarios/.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Print the plan (every block and what will be done with it) and run nothing.
    #[arg(long)]
    pub list: bool,
    /// Run only step N (files written by earlier steps are still written).
    #[arg(long, value_name = "N", conflicts_with = "from")]
    pub step: Option<usize>,
    /// Run from step N on (files written by earlier steps are still written).
    #[arg(long, value_name = "N")]
    pub from: Option<usize>,
    /// Go on after a failing step and report every step (default: stop, as guides are stateful).
    #[arg(long)]
    pub keep_going: bool,
    /// Let a guide in which no step ran pass (by default that fails).
    #[arg(long)]
    pub allow_empty: bool,
    /// Keep the workspace (and print where it is) instead of removing it.
    #[arg(long)]
    pub keep: bool,
    /// Report format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Check the guide as a translation of its source instead of running it: code
    /// blocks, code spans, links, technical tokens, punctuation (docs/translation-check.md).
    #[arg(long, conflicts_with_all = ["list", "step", "from", "keep", "keep_going"])]
    pub translation: bool,
    /// The source to check a translation against (default: the side-by-side segments,
    /// and docs/X.md for docs/<locale>/X.md).
    #[arg(long, value_name = "FILE", requires = "translation")]
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// What doccheck is asked to do.
enum Mode {
    Run,
    List,
    Translation,
}

impl Args {
    fn mode(&self) -> Mode {
        if self.translation {
            Mode::Translation
        } else if self.list {
            Mode::List
        } else {
            Mode::Run
        }
    }

    fn reporters(&self) -> Reporters {
        let mut reporters: Vec<Box<dyn Reporter>> = match self.format {
            Format::Human => vec![Box::new(Terminal::default())],
            Format::Json => vec![Box::new(Json::default())],
        };
        if github::enabled() {
            reporters.push(Box::new(github::Github {
                to_stderr: self.format == Format::Json,
            }));
        }
        if let Some(path) = &self.junit {
            reporters.push(Box::new(Junit::new(path.clone())));
        }
        Reporters(reporters)
    }
}

pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ErrorKind::Usage.exit_code()
            } else {
                0
            };
        }
    };
    terminal::configure_colors();
    let interrupt = match doccheck_runner::signals::install() {
        Ok(interrupt) => interrupt,
        Err(e) => {
            let error = Error::environment(format!("cannot install signal handlers: {e}"));
            doccheck_report::err(&terminal::error::render(&error));
            return error.exit_code();
        }
    };
    let mut reporters = args.reporters();
    let guide = args.guide.display().to_string();
    let code = match run(&args, &mut reporters, interrupt) {
        Ok(code) => code,
        Err(e) => {
            reporters.error(&guide, &e);
            doccheck_report::err(&terminal::error::render(&e));
            e.exit_code()
        }
    };
    match reporters.finish() {
        Ok(()) => code,
        Err(why) => {
            let error = Error::environment(why);
            doccheck_report::err(&terminal::error::render(&error));
            code.max(error.exit_code())
        }
    }
}

fn load_scenario(args: &Args) -> Result<Option<Scenario>, Error> {
    match &args.scenario {
        Some(path) => scenario::load(path).map(Some),
        None => discovery::scenario_for(&args.guide)?
            .map(|p| scenario::load(&p))
            .transpose(),
    }
}

fn run(args: &Args, reporters: &mut Reporters, interrupt: Interrupt) -> Result<i32, Error> {
    let guide = args.guide.display().to_string();
    let text = markdown::read_guide(&args.guide)?;
    let blocks = markdown::parse(&guide, &text)?;
    let scenario = load_scenario(args)?;
    if let Mode::Translation = args.mode() {
        let checked = crate::translate::check(
            &args.guide,
            &text,
            args.source.as_deref(),
            scenario.as_ref(),
        )?;
        reporters.translation(&checked);
        return Ok(if checked.errors() > 0 { EXIT_FAILED } else { 0 });
    }
    if blocks.is_empty() {
        return Err(Error::new(
            ErrorKind::Guide,
            format!("{guide} has no fenced code blocks: there is nothing to check"),
        ));
    }
    let plan = plan::build(&guide, &blocks, scenario)?;
    for n in [args.step, args.from].into_iter().flatten() {
        if n == 0 || n > plan.steps.len() {
            return Err(Error::usage(format!(
                "there is no step {n}: {guide} has steps 1 to {}",
                plan.steps.len()
            )));
        }
    }
    if let Mode::List = args.mode() {
        reporters.listed(&plan);
        return Ok(0);
    }
    let options = doccheck_runner::Options {
        keep: args.keep,
        only: args.step,
        from: args.from,
        keep_going: args.keep_going,
        allow_empty: args.allow_empty,
        pass_env: Vec::new(),
        interrupt,
    };
    let mut integrations = integrations(&plan);
    reporters.started(&plan);
    let mut events = Forward {
        plan: &plan,
        reporters,
    };
    let report = doccheck_runner::run(&plan, &mut integrations, &options, &mut events)?;
    Ok(match report.verdict() {
        Verdict::Passed => 0,
        Verdict::Failed | Verdict::NothingRan => EXIT_FAILED,
        Verdict::Interrupted(signal) => 128 + signal,
    })
}

/// The integrations a plan needs.
fn integrations(plan: &Plan) -> Vec<Box<dyn Integration>> {
    let mut all: Vec<Box<dyn Integration>> = Vec::new();
    if doccheck_docker::wanted(plan) {
        all.push(Box::new(doccheck_docker::Docker::new(plan)));
    }
    all
}

/// The runner's events, to every reporter, with the plan they belong to.
struct Forward<'a> {
    plan: &'a Plan,
    reporters: &'a mut Reporters,
}

impl Events for Forward<'_> {
    fn emit(&mut self, event: Event) {
        self.reporters.event(self.plan, &event);
    }
}
