//! The command line: flags → a [`Mode`] and the run's settings, then
//! [`crate::run`] wires the crates together. Exit codes: 0 every guide passed,
//! 1 a step failed (or none ran), 2 a usage, scenario or environment error,
//! 128 + N interrupted by signal N (130, 143).

use std::path::{Path, PathBuf};

use clap::{Parser, ValueEnum};
use doccheck_guide::config::{self, Config};
use doccheck_guide::tree::{self, Partition};
use doccheck_guide::{Error, ErrorKind};
use doccheck_report::terminal::{self, Diagnostics, Terminal};
use doccheck_report::{github, html::Html, json::Json, junit::Junit, Reporter, Reporters};

#[derive(Parser, Debug)]
#[command(
    name = "doccheck",
    version,
    about = "Run markdown guides' code blocks for real, as tests."
)]
pub struct Args {
    /// Guides to run: markdown files, directories (every *.md below them,
    /// honouring .gitignore) or globs. None: the `include:` globs of .doccheck.yaml.
    pub paths: Vec<PathBuf>,
    /// Scenario YAML to use instead of the one found in scenarios/.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// The configuration to use instead of the nearest .doccheck.yaml.
    #[arg(long, value_name = "FILE")]
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
    /// Guides run at once (default: the configuration's `jobs`, else the number of CPUs).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Run one shard of the guides: count:K/N (round-robin) or hash:K/N (by path).
    #[arg(long, value_name = "KIND:K/N")]
    pub partition: Option<Partition>,
    /// Go on after a failing step and report every step (default: stop, as guides are stateful).
    #[arg(long)]
    pub keep_going: bool,
    /// Let a guide in which no step ran pass (by default that fails).
    #[arg(long)]
    pub allow_empty: bool,
    /// A value for a placeholder in commands (`--var '<myorg>=acme'`) or a
    /// variable of the session (`--var RESOURCE_GROUP=rg1`); repeatable.
    #[arg(long = "var", value_name = "KEY=VALUE")]
    pub vars: Vec<String>,
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
    /// Report format on stdout (json: one document per guide, JSON Lines).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write a JUnit XML report to FILE (one test suite per guide).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Also write an HTML page to FILE: each guide as it reads, every block
    /// annotated with its step's outcome, output and diff; an index for several.
    #[arg(long, value_name = "FILE", conflicts_with = "list")]
    pub html: Option<PathBuf>,
    /// Check the guides as translations of their sources instead of running
    /// them: code blocks, code spans, links, technical tokens, punctuation.
    #[arg(long, conflicts_with_all = ["list", "step", "from", "keep", "keep_going"])]
    pub translation: bool,
    /// The source to check a translation against (default: the side-by-side segments,
    /// and docs/X.md for docs/<locale>/X.md).
    #[arg(long, value_name = "FILE", requires = "translation")]
    pub source: Option<PathBuf>,
    /// Print the JSON Schema of `.doccheck.yaml` (config) or of scenario files, for editors.
    #[arg(long, value_enum, value_name = "FILE_KIND", exclusive = true)]
    pub schema: Option<Schema>,
    /// Remove what doccheck keeps between runs (stand-in images) and what
    /// dead runs left behind (Docker objects, workspaces, lock files); run nothing.
    #[arg(long, exclusive = true)]
    pub prune: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
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

    fn reporters(&self, tree: bool) -> Reporters {
        let mut reporters: Vec<Box<dyn Reporter>> = vec![Box::new(Diagnostics)];
        // Before the terminal's: a guide's annotations come ahead of its summary line.
        if github::enabled() {
            reporters.push(Box::new(github::Github::new(self.format == Format::Json)));
        }
        reporters.push(match self.format {
            Format::Human => Box::new(Terminal::new(tree)),
            Format::Json => Box::new(Json::default()),
        });
        if let Some(path) = &self.junit {
            reporters.push(Box::new(Junit::new(path.clone())));
        }
        if let Some(path) = &self.html {
            reporters.push(Box::new(Html::new(path.clone())));
        }
        Reporters(reporters)
    }
}

/// Whether `--html` can write `path`, asked before anything runs: a path
/// that is not a directory, in a directory that exists and takes new files
/// (the page is written beside it, then renamed).
fn check_html(path: &Path) -> Result<(), Error> {
    let shown = path.display();
    if path.is_dir() {
        return Err(Error::usage(format!(
            "--html {shown}: is a directory; give the path of the page to write"
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::usage(format!(
            "--html {shown}: there is no directory {}",
            dir.display()
        )));
    }
    tempfile::NamedTempFile::new_in(dir).map_err(|e| {
        Error::usage(format!(
            "--html {shown}: cannot write in {}: {}",
            dir.display(),
            doccheck_guide::error::io_reason(&e)
        ))
    })?;
    Ok(())
}

fn config(args: &Args) -> Result<Config, Error> {
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
    if args.prune {
        return match doccheck_docker::prune::prune() {
            Ok(pruned) => {
                doccheck_report::out(&prune_report(&pruned));
                0
            }
            Err(e) => fail(e),
        };
    }
    if let Some(path) = &args.html {
        if let Err(e) = check_html(path) {
            return fail(e);
        }
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
    let guides = match args.partition {
        Some(partition) => partition.select(guides),
        None => guides,
    };
    if (args.step.is_some() || args.from.is_some()) && guides.len() != 1 {
        return fail(Error::usage(
            "--step and --from select steps of one guide; give exactly one",
        ));
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
