//! Wiring of the verdict cache: a guide's key (the cache crate's halves,
//! with the machine's parts gathered here: doccheck's build, the base images
//! as the Docker integration knows them, declared tool versions, variables
//! passed through), and `--changed-since`'s selection of guides.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use doccheck_cache::changed::{self, Revision};
use doccheck_cache::{content_key, Cache, Entry, Machine};
use doccheck_guide::config::{self, Config, Defaults};
use doccheck_guide::load::{self, Loaded};
use doccheck_guide::plan::Plan;
use doccheck_guide::tree::GuidePath;
use doccheck_guide::Error;
use doccheck_runner::events::{RunReport, Status};

/// The key of a guide's run on this machine.
pub fn key(plan: &Plan, config: Option<&Path>) -> Result<String, Error> {
    static DOCCHECK: OnceLock<(String, String)> = OnceLock::new();
    let content = content_key(plan, config)?;
    let mut machine = Machine::default();
    machine
        .parts
        .push(DOCCHECK.get_or_init(Machine::doccheck).clone());
    for image in plan.setup.docker.iter().flat_map(|d| &d.images) {
        machine.parts.push((
            format!("image {}", image.image),
            doccheck_docker::standin::identity(image),
        ));
    }
    for command in &plan.setup.tool_versions {
        machine.parts.push(Machine::tool(command));
    }
    let passed = plan.setup.pass_env.iter().chain(&plan.setup.secrets);
    for name in passed {
        let value = std::env::var(name).unwrap_or_default();
        machine.parts.push((format!("env {name}"), value));
    }
    for (name, value) in &plan.setup.env {
        machine.parts.push((format!("var {name}"), value.clone()));
    }
    Ok(machine.key(&content))
}

/// What a passing run leaves in the cache.
pub fn entry(plan: &Plan, key: &str, report: &RunReport) -> Entry {
    let steps = report
        .results
        .iter()
        .filter_map(|r| {
            let step = plan.steps.iter().find(|s| s.number == r.number)?;
            Some(doccheck_cache::store::CachedStep {
                number: r.number,
                line: step.line,
                summary: step.summary(),
                status: match r.status {
                    Status::Passed | Status::Failed => "passed",
                    Status::Skipped(_) => "skipped",
                    Status::NotRun(_) => "not-run",
                }
                .to_string(),
            })
        })
        .collect();
    Entry::new(
        &plan.guide,
        key,
        report.summary.duration.as_millis() as u64,
        steps,
    )
}

/// Opens the cache a run uses, if any.
pub fn open(dir: Option<&Path>) -> Option<Cache> {
    dir.map(Cache::new)
}

/// The guides whose content key differs from what it was at `rev`.
pub fn changed_since(
    rev: &str,
    guides: Vec<GuidePath>,
    scenario: Option<&Path>,
    config_now: &Config,
    defaults: impl Fn(&Config) -> Result<Defaults, Error>,
) -> Result<Vec<GuidePath>, Error> {
    let revision = Revision::export(rev)?;
    let then_config = match &config_now.path {
        Some(path) => match revision.path_of(path).filter(|p| p.exists()) {
            Some(p) => config::load(&p).ok(),
            None => None,
        },
        None => Some(Config {
            root: revision.dir().to_path_buf(),
            ..Config::default()
        }),
    };
    let now_defaults = defaults(config_now)?;
    let then_defaults = then_config.as_ref().map(&defaults).and_then(Result::ok);
    let then_scenario: Option<PathBuf> = scenario.and_then(|s| revision.path_of(s));
    let key_of = |guide: &GuidePath,
                  scenario: Option<&Path>,
                  defaults: &Defaults,
                  config: Option<&Path>|
     -> Result<String, Error> {
        match load::load(guide, scenario, defaults)? {
            Loaded::Plan(plan) => content_key(&plan, config),
            Loaded::NoBlocks => Ok(String::new()),
        }
    };
    let mut kept = Vec::new();
    for guide in guides {
        let now = key_of(&guide, scenario, &now_defaults, config_now.path.as_deref());
        let then = match (&then_defaults, revision.path_of(&guide.path)) {
            (Some(defaults), Some(path)) if path.exists() => {
                let at = GuidePath {
                    path,
                    named: guide.named,
                };
                let config = then_config.as_ref().and_then(|c| c.path.as_deref());
                Some(key_of(&at, then_scenario.as_deref(), defaults, config))
            }
            _ => None,
        };
        if changed::differs(&now, then) {
            kept.push(guide);
        }
    }
    Ok(kept)
}
