//! The command line: arguments → guide → scenario → plan → run → report → exit code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::{Parser, ValueEnum};

use crate::error::Error;
use crate::exec::{self, Observer};
use crate::report::{self, github, json, junit, terminal};
use crate::{markdown, plan, scenario};

/// Exit codes: 0 every step passed, 1 a step failed, 2 usage, scenario or
/// environment error, 130 interrupted.
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_ERROR: i32 = 2;
pub const EXIT_INTERRUPTED: i32 = 130;

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
    #[arg(long, conflicts_with_all = ["list", "step", "from", "keep"])]
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

pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { 0 };
        }
    };
    terminal::configure_colors();
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            let line = format!("{} {e}\n", console::style("error:").red().bold());
            let _ = std::io::stderr().write_all(line.as_bytes());
            EXIT_ERROR
        }
    }
}

struct Quiet;
impl Observer for Quiet {}

fn run(args: &Args) -> Result<i32, Error> {
    let guide = args.guide.display().to_string();
    let text = markdown::read_guide(&args.guide)?;
    let blocks = markdown::parse(&guide, &text)?;
    let scenario = match &args.scenario {
        Some(path) => Some(scenario::load(path)?),
        None => scenario::find_for(&args.guide)?
            .map(|p| scenario::load(&p))
            .transpose()?,
    };
    if args.translation {
        return check_translation(args, &guide, &text, scenario.as_ref());
    }
    if blocks.is_empty() {
        return Err(Error::new(format!(
            "{guide} has no fenced code blocks: there is nothing to check"
        )));
    }
    let plan = plan::build(&guide, &blocks, scenario)?;
    for n in [args.step, args.from].into_iter().flatten() {
        if n == 0 || n > plan.steps.len() {
            return Err(Error::new(format!(
                "there is no step {n}: {guide} has steps 1 to {}",
                plan.steps.len()
            )));
        }
    }
    if args.list {
        match args.format {
            Format::Human => terminal::print_list(&plan),
            Format::Json => out(&format!("{}\n", json::list(&plan))),
        }
        return Ok(0);
    }

    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&interrupted);
    // A second handler cannot be installed in one process (tests call run twice).
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let options = exec::Options {
        keep: args.keep,
        only: args.step,
        from: args.from,
        interrupted,
    };
    if args.format == Format::Human {
        let scenario = plan
            .scenario
            .as_ref()
            .map(|s| format!(" with {}", s.path.display()))
            .unwrap_or_default();
        out(&format!(
            "doccheck {guide}{scenario}: {} steps\n",
            plan.steps.len()
        ));
    }
    let mut live = terminal::Live::new(&guide);
    let observer: &mut dyn Observer = if args.format == Format::Human {
        &mut live
    } else {
        &mut Quiet
    };
    let run = exec::run(&plan, &options, observer)?;

    let cases = report::step_cases(&plan, &run);
    match args.format {
        Format::Human => out(&terminal::summary(&plan, &run)),
        Format::Json => out(&format!("{}\n", json::run(&plan, &run))),
    }
    if github::enabled() {
        out(&github::annotations(&cases));
    }
    if let Some(path) = &args.junit {
        write_file(path, &junit::render(&guide, &cases))?;
    }
    let _ = std::io::stdout().flush();
    Ok(if run.interrupted {
        EXIT_INTERRUPTED
    } else if run.passed() {
        0
    } else {
        EXIT_FAILED
    })
}

fn check_translation(
    args: &Args,
    guide: &str,
    text: &str,
    scenario: Option<&scenario::Scenario>,
) -> Result<i32, Error> {
    let checked = crate::translation::check(&args.guide, text, args.source.as_deref(), scenario)?;
    let cases = report::finding_cases(guide, &checked.findings);
    match args.format {
        Format::Human => out(&terminal::findings(
            guide,
            checked.source.as_deref(),
            &checked.findings,
        )),
        Format::Json => {
            let errors = checked
                .findings
                .iter()
                .filter(|f| f.severity == doccheck_l10n::Severity::Error)
                .count();
            let document = serde_json::json!({
                "guide": guide,
                "source": checked.source.as_ref().map(|s| s.display().to_string()),
                "passed": errors == 0,
                "summary": {"errors": errors, "warnings": checked.findings.len() - errors},
                "findings": checked.findings,
            });
            out(&format!("{document}\n"));
        }
    }
    if github::enabled() {
        out(&github::annotations(&cases));
    }
    if let Some(path) = &args.junit {
        write_file(
            path,
            &junit::render(&format!("{guide} (translation)"), &cases),
        )?;
    }
    let failed = cases
        .iter()
        .any(|c| c.outcome == report::CaseOutcome::Failed);
    Ok(if failed { EXIT_FAILED } else { 0 })
}

/// Writes to stdout; a closed pipe (`doccheck ... | head`) is not an error worth a panic.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

fn write_file(path: &Path, content: &str) -> Result<(), Error> {
    std::fs::write(path, content)
        .map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))
}
