//! The command line: flags → a [`Mode`] and the run's settings, then
//! [`crate::run`] wires the crates together. Exit codes: 0 every guide passed,
//! 1 a step failed (or none ran), 2 a usage, scenario or environment error,
//! 128 + N interrupted by signal N (130, 143).

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum, ValueHint};
use doccheck_guide::config::{self, Config};
use doccheck_guide::error::io_reason;
use doccheck_guide::shards::{self, Timings};
use doccheck_guide::tree::{self, GuidePath, Partition};
use doccheck_guide::{Error, ErrorKind};
use doccheck_report::terminal::{self, Diagnostics, Terminal};
use doccheck_report::{github, html::Html, json::Json, junit::Junit, summary, Reporter, Reporters};

const LONG_ABOUT: &str = "\
Run markdown guides' code blocks for real, as tests.

doccheck takes each fenced block of a guide in order (commands with the output
they should print, files to write) and runs it in a throw-away workspace with
bash, so every documented step is proven to work, or fails with a report that
points at the guide's line.";

#[derive(Parser, Debug)]
#[command(
    name = "doccheck",
    version,
    about = "Run markdown guides' code blocks for real, as tests.",
    long_about = LONG_ABOUT,
    after_long_help = crate::help::after_long_help(),
    // `doccheck help` would take a guide's name away for nothing: --help is there.
    disable_help_subcommand = true,
    // `doccheck --list man` runs the guide `man`: a subcommand is only ever
    // the first word, and takes none of the run's flags.
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Guides to run: markdown files, directories (every *.md below them,
    /// honouring .gitignore) or globs. None: the `include:` globs of .doccheck.yaml.
    ///
    /// A first path named like a subcommand (`man`, `completions`) is the
    /// subcommand: write `./man`, or put it after `--`, another path or a flag.
    #[arg(value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Scenario YAML to use instead of the one found in scenarios/.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub scenario: Option<PathBuf>,
    /// The configuration to use instead of the nearest .doccheck.yaml.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub config: Option<PathBuf>,
    /// Print the plan (every block and what will be done with it) and run
    /// nothing; with several guides, one line per guide.
    #[arg(long)]
    pub list: bool,
    /// Run only step N of the guide (files written by earlier steps are still written).
    #[arg(long, value_name = "N", conflicts_with = "from")]
    pub step: Option<usize>,
    /// Run the guide from step N on (files written by earlier steps are still written).
    #[arg(long, value_name = "N")]
    pub from: Option<usize>,
    /// Keep a checkpoint after each passing step (files, the shell's
    /// variables, functions, aliases and directory) in doccheck's state
    /// directory, for --resume. Removed with `doccheck --prune`.
    #[arg(long, conflicts_with_all = ["translation", "list"])]
    pub checkpoints: bool,
    /// Go on from the last run's checkpoints: from its failed step, or the
    /// first step changed since (or --from N, when earlier), in a fresh
    /// workspace restored from the checkpoint before it; steps whose
    /// services were running then run again. Keeps checkpoints too.
    #[arg(long, conflicts_with_all = ["translation", "list", "step", "update"])]
    pub resume: bool,
    /// Open an interactive bash in the workspace with the state after step
    /// N (variables, functions, directory, the gateway in place); the run
    /// ends and cleans up when it exits. One guide only.
    #[arg(long, value_name = "N", conflicts_with_all = ["translation", "list", "step", "resume"])]
    pub shell_at: Option<usize>,
    /// Run the guide, then again each time it, its scenario, its fixture
    /// or the configuration changes, from the first block that changed (or
    /// the one that failed) on top of the checkpoint before it; a prose edit
    /// runs nothing. One guide; Ctrl-C stops.
    #[arg(long, conflicts_with_all = ["translation", "list", "step", "update", "shell_at", "shell_on_failure"])]
    pub watch: bool,
    /// Open that shell at the first step that fails.
    #[arg(long, conflicts_with_all = ["translation", "list"])]
    pub shell_on_failure: bool,
    /// Guides run at once (default: the configuration's `jobs`, else the number of CPUs).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Run one shard of the guides: count:K/N (round-robin), hash:K/N (by
    /// path) or duration:K/N (longest first by the times in --timings).
    #[arg(long, value_name = "KIND:K/N")]
    pub partition: Option<Partition>,
    /// An earlier run's report whose times deal a duration partition:
    /// `--format json` output or a JUnit file; repeatable (one per shard).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub timings: Vec<PathBuf>,
    /// Go on after a failing step and report every step (default: stop, as guides are stateful).
    #[arg(long)]
    pub keep_going: bool,
    /// Let a guide in which no step ran pass (by default that fails).
    #[arg(long)]
    pub allow_empty: bool,
    /// Fail a guide in which fewer than PERCENT of its blocks ran (by
    /// default a guide that ran less than half passes with a warning).
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_run: Option<u32>,
    /// A value for a placeholder in commands (`--var '<myorg>=acme'`) or a
    /// variable of the session (`--var RESOURCE_GROUP=rg1`); repeatable.
    #[arg(long = "var", value_name = "KEY=VALUE")]
    pub vars: Vec<String>,
    /// A variable of doccheck's environment whose value the session gets
    /// and no report shows (masked as `***`); repeatable. Variables whose
    /// names say token, secret, password or key are masked without it.
    #[arg(long = "secret", value_name = "NAME")]
    pub secrets: Vec<String>,
    /// Rewrite each transcript's expected output (and status line) that no
    /// longer matches with what the command printed, in place; runs keep-going.
    #[arg(long, conflicts_with_all = ["translation", "list"])]
    pub update: bool,
    /// With --update: print the changes as a diff and write nothing.
    #[arg(long, requires = "update")]
    pub dry_run: bool,
    /// Keep the workspace (and print where it is) instead of removing it.
    #[arg(long)]
    pub keep: bool,
    /// Report format on stdout (json: one document per guide, JSON Lines;
    /// json-events: every event as it happens, one object a line).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Try a step again, up to N times, when it failed for the machine's sake
    /// (an engine that went away, a host port taken meanwhile, a service no
    /// probe reached); never for an exit code or output that differs. A step
    /// that passed on a retry is reported flaky. Default: `retries:` of the
    /// configuration, else 0.
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,
    /// Keep passing verdicts in DIR, and report a guide whose key (its code
    /// blocks, scenario, configuration, fixture, base images, declared tool
    /// versions, variables passed through, doccheck's build) matches one as
    /// `cached` instead of running it. Prose edits change no key.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub cache: Option<PathBuf>,
    /// Run every guide, whatever `--cache` or the configuration's `cache:` says.
    #[arg(long, conflicts_with = "cache")]
    pub no_cache: bool,
    /// Run only the guides whose content (code blocks, scenario, configuration,
    /// fixture) differs from what it was at git revision REF (a pull request's base).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Also write a JUnit XML report to FILE (one test suite per guide).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub junit: Option<PathBuf>,
    /// Also write an HTML page to FILE: each guide as it reads, every block
    /// annotated with its step's outcome, output and diff; an index for several.
    #[arg(long, value_name = "FILE", conflicts_with = "list", value_hint = ValueHint::FilePath)]
    pub html: Option<PathBuf>,
    /// Check the guides as translations of their sources instead of running
    /// them: code blocks, code spans, links, technical tokens, punctuation.
    #[arg(long, conflicts_with_all = ["list", "step", "from", "keep", "keep_going"])]
    pub translation: bool,
    /// The source to check a translation against (default: the side-by-side segments,
    /// and docs/X.md for docs/<locale>/X.md).
    #[arg(long, value_name = "FILE", requires = "translation", value_hint = ValueHint::FilePath)]
    pub source: Option<PathBuf>,
    /// Print the JSON Schema of `.doccheck.yaml` (config) or of scenario files, for editors.
    #[arg(long, value_enum, value_name = "FILE_KIND", exclusive = true)]
    pub schema: Option<Schema>,
    /// Remove what doccheck keeps between runs (stand-in images) and what
    /// dead runs left behind (Docker objects, workspaces, lock files); run nothing.
    #[arg(long, exclusive = true)]
    pub prune: bool,
}

/// What doccheck does besides running guides: each prints to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Print the completion script for SHELL
    ///
    /// To stdout, e.g. `doccheck completions bash >
    /// ~/.local/share/bash-completion/completions/doccheck`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print doccheck's man page
    ///
    /// To stdout, in roff: `doccheck man | man -l -`, or `doccheck man >
    /// ~/.local/share/man/man1/doccheck.1`.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// The run's events as they happen, one JSON object a line (for editors).
    JsonEvents,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Schema {
    Config,
    Scenario,
}

/// What doccheck is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Run,
    List,
    Translation,
}

impl Args {
    pub fn mode(&self) -> Mode {
        if self.translation {
            Mode::Translation
        } else if self.list {
            Mode::List
        } else {
            Mode::Run
        }
    }

    pub fn reporters(&self, tree: bool) -> Reporters {
        let mut reporters: Vec<Box<dyn Reporter>> = vec![Box::new(Diagnostics)];
        // Before the terminal's: a guide's annotations come ahead of its summary line.
        if github::enabled() {
            reporters.push(Box::new(github::Github::new(self.format != Format::Human)));
        }
        reporters.push(match self.format {
            Format::Human => Box::new(Terminal::new(tree)),
            Format::Json => Box::new(Json::default()),
            Format::JsonEvents => Box::new(doccheck_report::json_events::JsonEvents::default()),
        });
        if let Some(path) = summary::github_path() {
            reporters.push(Box::new(summary::Summary::new(path)));
        }
        if let Some(path) = &self.junit {
            reporters.push(Box::new(Junit::new(path.clone())));
        }
        if let Some(path) = &self.html {
            reporters.push(Box::new(Html::new(path.clone())));
        }
        Reporters(reporters)
    }
}

pub fn config(args: &Args) -> Result<Config, Error> {
    let found = match &args.config {
        Some(path) => Some(path.clone()),
        None => config::find(&std::env::current_dir().unwrap_or_default()),
    };
    match found {
        Some(path) => config::load(&path),
        None => Ok(Config {
            root: PathBuf::from("."),
            ..Config::default()
        }),
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
    if let Some(command) = args.command {
        return crate::help::main(command);
    }
    if let Some(kind) = args.schema {
        let schema = match kind {
            Schema::Config => config::schema(),
            Schema::Scenario => doccheck_guide::scenario::schema(),
        };
        doccheck_report::out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&schema).unwrap_or_default()
        ));
        return 0;
    }
    let fail = |error: Error| {
        doccheck_report::err(&terminal::error::render(&error));
        error.exit_code()
    };
    // A run that takes minutes must not lose its report at the end.
    let outputs = [
        ("--junit", args.junit.clone()),
        ("--html", args.html.clone()),
        ("GITHUB_STEP_SUMMARY", summary::github_path()),
    ];
    for (flag, path) in outputs {
        if let Some(Err(e)) = path.map(|p| check_output(flag, &p)) {
            return fail(e);
        }
    }
    if args.prune {
        return match doccheck_docker::prune::prune() {
            Ok(pruned) => {
                let mut release = |record: &doccheck_runner::checkpoint::Record| {
                    if let Some(parked) = record.parked.get("docker") {
                        doccheck_docker::park::release(parked);
                    }
                };
                let stores = doccheck_runner::checkpoint::remove_all(&mut release);
                doccheck_report::out(&prune_report(&pruned));
                if stores > 0 {
                    doccheck_report::out(&format!(
                        "doccheck --prune: {stores} guide(s)' checkpoints removed\n"
                    ));
                }
                0
            }
            Err(e) => fail(e),
        };
    }
    let interrupt = match doccheck_runner::signals::install() {
        Ok(interrupt) => interrupt,
        Err(e) => {
            return fail(Error::environment(format!(
                "cannot install signal handlers: {e}"
            )))
        }
    };
    let config = match config(&args) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let guides = match tree::collect(&args.paths, &config) {
        Ok(guides) => guides,
        Err(e) => return fail(e),
    };
    let guides = match &args.changed_since {
        Some(rev) => {
            let defaults = |c: &Config| crate::run::defaults(&args, c);
            match crate::cache::changed_since(
                rev,
                guides,
                args.scenario.as_deref(),
                &config,
                defaults,
            ) {
                Ok(changed) => changed,
                Err(e) => return fail(e),
            }
        }
        None => guides,
    };
    let guides = match args.partition {
        Some(partition) => match shard(&args, partition, guides) {
            Ok(guides) => guides,
            Err(e) => return fail(e),
        },
        None => guides,
    };
    if (args.step.is_some() || args.from.is_some()) && guides.len() != 1 {
        return fail(Error::usage(
            "--step and --from select steps of one guide; give exactly one",
        ));
    }
    if (args.shell_at.is_some() || args.shell_on_failure) && guides.len() != 1 {
        return fail(Error::usage(
            "--shell-at and --shell-on-failure open the shell of one guide; give exactly one",
        ));
    }
    if args.watch {
        return crate::watch::main(&args, &guides, interrupt);
    }
    // One named guide is reported step by step; a tree of them guide by guide.
    let tree = guides.len() != 1 || !guides[0].named || args.partition.is_some();
    let mut reporters = args.reporters(tree);
    let code = crate::run::all(&args, &config, &guides, &mut reporters, interrupt);
    match reporters.finish() {
        Ok(()) => code,
        Err(why) => code.max(fail(Error::environment(why))),
    }
}

/// Whether the report a flag names (`--junit FILE`) can be written, asked
/// before any guide runs: a directory, a missing or read-only directory, or
/// a file that cannot be written is a usage error. Nothing is left behind.
pub fn check_output(flag: &str, path: &Path) -> Result<(), Error> {
    let fail = |why: String| Err(Error::usage(format!("{flag} {}: {why}", path.display())));
    if path.as_os_str().is_empty() {
        return fail("give a file path".into());
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return fail("is a directory; give a file path".into()),
        // A file is written over: it must open for writing (append does not
        // truncate it). A FIFO or a device is the user's choice, and opening
        // a FIFO would block.
        Ok(meta) if meta.is_file() => {
            return match std::fs::OpenOptions::new().append(true).open(path) {
                Ok(_) => Ok(()),
                Err(e) => fail(format!("cannot write it: {}", io_reason(&e))),
            }
        }
        Ok(_) => return Ok(()),
        Err(e)
            if !matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return fail(format!("cannot write it: {}", io_reason(&e)))
        }
        Err(_) => {}
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return fail(format!("{} is not a directory", dir.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return fail(format!("the directory {} does not exist", dir.display()))
        }
        Err(e) => {
            return fail(format!(
                "cannot reach the directory {}: {}",
                dir.display(),
                io_reason(&e)
            ))
        }
    }
    // A file made and removed there answers for permission bits, ACLs and
    // read-only mounts alike, as root too.
    match tempfile::Builder::new()
        .prefix(".doccheck-check-")
        .tempfile_in(dir)
    {
        Ok(_) => Ok(()),
        Err(e) => {
            // ENOENT for a directory that exists: one that takes no new files (/proc).
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "it takes no new files".to_string(),
                _ => io_reason(&e),
            };
            fail(format!(
                "cannot write in the directory {}: {why}",
                dir.display()
            ))
        }
    }
}

/// One shard's guides; for a duration partition, says on stderr what each
/// shard is expected to take (with `--list`: every shard's time).
fn shard(
    args: &Args,
    partition: Partition,
    guides: Vec<GuidePath>,
) -> Result<Vec<GuidePath>, Error> {
    let Partition::Duration { shard, total } = partition else {
        return Ok(partition.select(guides, &Timings::default()));
    };
    if args.timings.is_empty() {
        return Err(Error::usage(
            "--partition duration:K/N deals guides by an earlier run's times: give --timings FILE (a --format json report or a JUnit file)",
        ));
    }
    let timings = Timings::read(&args.timings)?;
    let dealt = shards::deal(&guides, &timings, total);
    if args.list {
        let mut text = String::new();
        for (i, s) in dealt.iter().enumerate() {
            text += &format!(
                "{} shard {}/{total}: {} guides, {:.1}s recorded, {} without a record\n",
                if i as u64 + 1 == shard { "▶" } else { " " },
                i + 1,
                s.guides.len(),
                s.expected.as_secs_f64(),
                s.unknown
            );
        }
        doccheck_report::err(&text);
    }
    Ok(partition.select(guides, &timings))
}

fn prune_report(pruned: &doccheck_docker::prune::Pruned) -> String {
    let mut text = String::new();
    for image in &pruned.images {
        text += &format!("removed stand-in image {image}\n");
    }
    for (image, why) in &pruned.kept {
        text += &format!("kept stand-in image {image}: {why}\n");
    }
    if pruned.inherited > 0 {
        text += &format!(
            "left {} image(s) that carry a stand-in's label but are not a stand-in doccheck built here (built FROM one, or by another user)\n",
            pruned.inherited
        );
    }
    if let Some(why) = &pruned.no_docker {
        text += &format!("no Docker images were looked at: {why}\n");
    }
    text += &format!(
        "doccheck --prune: {} stand-in image(s), {} leftover(s) of dead runs, {} workspace(s), {} lock file(s) removed\n",
        pruned.images.len(),
        pruned.leftovers,
        pruned.workspaces,
        pruned.locks
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(path: &Path) -> String {
        match check_output("--junit", path) {
            Ok(()) => "ok".to_string(),
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::Usage);
                e.to_string()
            }
        }
    }

    #[test]
    fn output_paths_are_checked_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let at = |p: &str| dir.path().join(p);
        std::fs::write(at("old.xml"), "kept").unwrap();
        std::fs::create_dir(at("reports")).unwrap();
        assert_eq!(message(&at("new.xml")), "ok");
        assert_eq!(message(&at("old.xml")), "ok");
        assert_eq!(std::fs::read_to_string(at("old.xml")).unwrap(), "kept");
        let shown = |p: &str| at(p).display().to_string();
        assert_eq!(
            message(&at("reports")),
            format!(
                "--junit {}: is a directory; give a file path",
                shown("reports")
            )
        );
        assert_eq!(
            message(&at("missing/r.xml")),
            format!(
                "--junit {}: the directory {} does not exist",
                shown("missing/r.xml"),
                shown("missing")
            )
        );
        assert_eq!(
            message(&at("old.xml/r.xml")),
            format!(
                "--junit {}: {} is not a directory",
                shown("old.xml/r.xml"),
                shown("old.xml")
            )
        );
        assert_eq!(message(Path::new("")), "--junit : give a file path");
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["old.xml", "reports"]);
    }

    #[test]
    fn a_bare_file_name_is_checked_in_the_current_directory() {
        // The current directory of the test process is the crate's, which is writable.
        assert_eq!(message(Path::new("doccheck-check-output-test.xml")), "ok");
        assert!(!Path::new("doccheck-check-output-test.xml").exists());
    }
}
