//! Scenario files: YAML in `scenarios/` that says how to run guides nobody can
//! annotate (upstream or translated pages). Blocks are bound by their content,
//! never by position alone, so one scenario binds every translation of a guide.
//!
//! Everything is checked here, once, with the scenario's file:line:column:
//! durations, regexes, paths (which stay inside the scenario's repository) and
//! the probes' `.proto` files. Nothing later reads the YAML.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use regex::Regex;
use serde::Deserialize;

use crate::directives::Directives;
use crate::error::{io_reason, Error, ErrorKind, Location};
use crate::markdown::{Block, LineIndex};
use crate::service::Service;
use crate::setup::{DockerSetup, StandIn};
use crate::variant::Variant;

#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ScenarioFile {
    /// Globs of the guides this scenario describes, relative to the directory that holds `scenarios/`.
    guides: Vec<String>,
    /// A directory (relative to the scenario) copied into the workspace before the first step.
    fixture: Option<String>,
    /// Default timeout of each command (`30s`, `2m`).
    timeout: Option<String>,
    /// Limit of the whole run (`30m`).
    run_timeout: Option<String>,
    /// Variables added to the session's environment.
    #[serde(default)]
    env: BTreeMap<String, String>,
    /// Variables the session takes from the caller instead of doccheck's isolated ones (HOME, TMPDIR).
    #[serde(default)]
    pass_env: Vec<String>,
    /// A run in which no step ran passes.
    #[serde(default)]
    allow_empty: bool,
    /// Variables whose values no report shows (masked as `***`).
    #[serde(default)]
    secrets: Vec<String>,
    /// Commands whose output names a tool's version (`git --version`): part
    /// of the verdict cache's key, so a new version runs the guide again.
    #[serde(default)]
    tool_versions: Vec<String>,
    /// Named substitutions in expected output, trycmd-style: `"[VERSION]": '\d+\.\d+\.\d+'`.
    #[serde(default)]
    substitutions: BTreeMap<String, String>,
    /// Values for placeholders in commands (`"<myorg>": acme`) and variables of the session (`RESOURCE_GROUP: rg1`).
    #[serde(default)]
    placeholders: BTreeMap<String, String>,
    /// The language of the guide's fences that have none (`console`); off unless set.
    default_lang: Option<String>,
    /// The prompts a command line of a transcript starts with (see `.doccheck.yaml`'s `prompts`).
    #[serde(default)]
    prompts: Vec<String>,
    /// Fence languages whose block, right after a command block, is its expected output (see `.doccheck.yaml`).
    output_langs: Option<Vec<String>>,
    /// Output languages that come with a failure (see `.doccheck.yaml`).
    error_langs: Option<Vec<String>>,
    /// The share of the guide's blocks (percent) that must run, or it fails.
    min_run: Option<u32>,
    /// Run the guide's commands in a terminal of their own (80x24, TERM=xterm).
    tty: Option<bool>,
    /// Blocks of a language that are a file, then a command (see `.doccheck.yaml`).
    #[serde(default)]
    languages: BTreeMap<String, crate::config::LangRule>,
    /// Absolute paths the guide's prose and commands use, and the workspace
    /// directories they stand for (`/tmp/demo: demo`): in commands, in their
    /// output and in bindings' `file:`.
    #[serde(default)]
    paths: BTreeMap<String, String>,
    /// Bindings of the guide's blocks, by content: each needs `line:` or `pattern:`.
    #[serde(default)]
    blocks: Vec<Directives>,
    /// Base images and registries the guide's Docker commands need.
    docker: Option<DockerKeys>,
    /// Translation-check rules turned off.
    #[serde(default)]
    translation: Translation,
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DockerKeys {
    /// Base images: the real one where present or pullable, else a stand-in built here.
    #[serde(default)]
    images: Vec<StandInKeys>,
    /// Registry hosts whose pushes go to a registry of the run's own.
    registry: Option<RegistryKeys>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StandInKeys {
    /// The reference the guide uses (`mcr.microsoft.com/dotnet/core/sdk:3.0`).
    image: String,
    /// Shell command, run in the scenario's directory, that builds the stand-in and tags it `$DOCCHECK_IMAGE`.
    build: String,
    /// Files and directories whose content decides whether a cached stand-in is current.
    #[serde(default)]
    inputs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RegistryKeys {
    /// Hosts (`docker.io` for `org/app`, `internal-registry:5000`).
    hosts: Vec<String>,
}

/// Translation-check switches for the guides of this scenario.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Translation {
    /// Rules turned off for this guide.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rules turned off for single segments, by segment id.
    #[serde(default)]
    pub segments: BTreeMap<String, Vec<String>>,
    /// Product names the translation must keep as written, besides those
    /// derived from the source (`product-name-altered`).
    #[serde(default)]
    pub product_names: Vec<String>,
    /// The source's current revision (a git commit), compared with the
    /// translation's `ms.sourcegitcommit` (`translation-outdated`).
    pub source_revision: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Matcher {
    Line(String),
    Pattern(Regex),
    /// Every one of these lines.
    Lines(Vec<String>),
}

impl Matcher {
    pub fn matches(&self, block: &Block) -> bool {
        let has = |want: &str| block.content.lines().any(|l| l.trim() == want.trim());
        match self {
            Matcher::Line(want) => has(want),
            Matcher::Pattern(re) => block.content.lines().any(|l| re.is_match(l)),
            Matcher::Lines(all) => all.iter().all(|want| has(want)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub matcher: Matcher,
    /// The binding's keys; `timeout` is known to be a valid duration.
    pub directives: Directives,
    /// `service:`, checked.
    pub service: Option<Service>,
    /// Where the binding's `line:`/`pattern:` key is in the scenario file.
    pub location: Location,
    /// `variants:`, checked (only with `fragment-of`).
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    /// As shown in reports (relative to the current directory when under it).
    pub path: PathBuf,
    pub guides: Vec<String>,
    pub fixture: Option<PathBuf>,
    pub timeout: Option<Duration>,
    pub run_timeout: Option<Duration>,
    pub env: Vec<(String, String)>,
    pub pass_env: Vec<String>,
    pub allow_empty: bool,
    pub secrets: Vec<String>,
    pub tool_versions: Vec<String>,
    pub substitutions: Vec<(String, String)>,
    pub placeholders: crate::placeholders::Placeholders,
    pub default_lang: Option<String>,
    /// `prompts:`, when given.
    pub prompts: Option<Vec<String>>,
    /// `output-langs:` and `error-langs:`, when given.
    pub output_langs: Option<Vec<String>>,
    pub error_langs: Option<Vec<String>>,
    pub min_run: Option<u32>,
    /// `tty:`, when given.
    pub tty: Option<bool>,
    /// `languages:`, checked.
    pub languages: Vec<(String, crate::config::LangRule)>,
    /// `paths:`, checked: an absolute path and the workspace directory it stands for.
    pub paths: Vec<(String, String)>,
    pub bindings: Vec<Binding>,
    pub docker: Option<DockerSetup>,
    pub translation: Translation,
}

pub(crate) fn yaml_error(file: &str, e: &serde_yaml::Error) -> Error {
    let message = e.to_string();
    match e.location() {
        Some(l) => {
            // serde_yaml appends the position to its message; we print it in front.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Error::scenario(Location::new(file, l.line(), l.column()), message)
        }
        None => Error::new(ErrorKind::Scenario, format!("{file}: {message}")),
    }
}

/// The JSON Schema of scenario files, for editors.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ScenarioFile)).unwrap_or_default()
}

pub fn load(path: &Path) -> Result<Scenario, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(
            ErrorKind::Scenario,
            format!("cannot read scenario {shown}: {}", io_reason(&e)),
        )
    })?;
    parse(&shown, path, &text)
}

/// The directory a scenario's paths may not leave: the nearest ancestor that
/// is a repository (has `.git`), else the one holding `scenarios/`, else the
/// scenario's own directory.
fn repository_root(dir: &Path) -> PathBuf {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some(repo) = dir.ancestors().find(|a| a.join(".git").exists()) {
        return repo.to_path_buf();
    }
    match dir.file_name() {
        Some(name) if name == "scenarios" => dir.parent().unwrap_or(&dir).to_path_buf(),
        _ => dir,
    }
}

/// Positions of keys, found in the text: serde_yaml keeps none.
struct Positions<'a> {
    shown: &'a str,
    text: &'a str,
    index: LineIndex<'a>,
    /// Byte range of each entry of `blocks:`.
    items: Vec<Range<usize>>,
}

impl<'a> Positions<'a> {
    fn new(shown: &'a str, text: &'a str) -> Self {
        let start = Regex::new(r"(?m)^blocks\s*:")
            .expect("valid regex")
            .find(text)
            .map_or(text.len(), |m| m.end());
        let end = Regex::new(r"(?m)^[A-Za-z_]")
            .expect("valid regex")
            .find_at(text, start)
            .map_or(text.len(), |m| m.start());
        let item = Regex::new(r"(?m)^([ \t]*)-[ \t]").expect("valid regex");
        let mut starts = Vec::new();
        let mut indent = None;
        for c in item.captures_iter(&text[start..end]) {
            let width = c[1].len();
            if *indent.get_or_insert(width) == width {
                starts.push(start + c.get(0).expect("match").start());
            }
        }
        let items = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(end))
            .collect();
        Positions {
            shown,
            text,
            index: LineIndex::new(text),
            items,
        }
    }

    fn at(&self, offset: usize) -> Location {
        let (line, column) = self.index.position(offset);
        Location::new(self.shown, line, column)
    }

    /// The first `key:` in `range`, at the key.
    fn key(&self, range: Range<usize>, keys: &str) -> Option<Location> {
        let re = Regex::new(&format!(r"(?m)^[ \t]*(?:-[ \t]+)?({keys})[ \t]*:")).ok()?;
        let found = re.captures(&self.text[range.clone()])?;
        Some(self.at(range.start + found.get(1)?.start()))
    }

    fn top(&self, key: &str) -> Location {
        self.key(0..self.text.len(), key)
            .filter(|l| !self.items.iter().any(|r| r.contains(&self.offset_of(l))))
            .unwrap_or_else(|| self.at(0))
    }

    fn offset_of(&self, l: &Location) -> usize {
        self.text
            .split_inclusive('\n')
            .take(l.line - 1)
            .map(str::len)
            .sum::<usize>()
            + l.column
            - 1
    }

    fn binding(&self, i: usize) -> Location {
        match self.items.get(i) {
            Some(r) => self
                .key(r.clone(), "line|pattern")
                .unwrap_or_else(|| self.at(r.start)),
            None => self.at(0),
        }
    }

    /// The `n`th (0-based) `key:` in binding `i`.
    fn nth_in_binding(&self, i: usize, key: &str, n: usize) -> Option<Location> {
        let range = self.items.get(i)?.clone();
        let re = Regex::new(&format!(r"(?m)^[ \t]*(?:-[ \t]+)?({key})[ \t]*:")).ok()?;
        let found = re.captures_iter(&self.text[range.clone()]).nth(n)?;
        Some(self.at(range.start + found.get(1)?.start()))
    }

    /// Whether the value of the key at `at` is a block scalar (`key: |`),
    /// whose text starts on the next line.
    fn value_starts_below(&self, at: &Location) -> bool {
        let line = self.text.lines().nth(at.line - 1).unwrap_or("");
        let value = line.split_once(':').map_or("", |(_, v)| v).trim_start();
        value.starts_with('|') || value.starts_with('>')
    }

    fn in_binding(&self, i: usize, key: &str) -> Location {
        self.items
            .get(i)
            .and_then(|r| self.key(r.clone(), key))
            .unwrap_or_else(|| self.binding(i))
    }
}

pub fn parse(shown: &str, path: &Path, text: &str) -> Result<Scenario, Error> {
    let file: ScenarioFile = serde_yaml::from_str(text).map_err(|e| yaml_error(shown, &e))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let root = repository_root(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    });
    let positions = Positions::new(shown, text);
    let inside = |relative: &str| inside_root(&dir, &root, relative);
    let duration = |v: &Option<String>, key: &str| -> Result<Option<Duration>, Error> {
        v.as_deref()
            .map(|t| {
                crate::duration::parse(t)
                    .map_err(|m| Error::scenario(positions.top(key), format!("{key}: {m}")))
            })
            .transpose()
    };
    let paths = paths_of(&file.paths).map_err(|m| Error::scenario(positions.top("paths"), m))?;
    let mut bindings = Vec::new();
    for (i, mut directives) in file.blocks.into_iter().enumerate() {
        let location = positions.binding(i);
        map_paths(&mut directives, &paths)
            .map_err(|(key, m)| Error::scenario(positions.in_binding(i, key), m))?;
        let matcher = match (&directives.line, &directives.pattern, &directives.lines[..]) {
            (Some(line), None, []) => Matcher::Line(line.clone()),
            (None, Some(p), []) => Matcher::Pattern(Regex::new(p).map_err(|e| {
                Error::scenario(location.clone(), format!("bad pattern: {e}"))
            })?),
            (None, None, [_, ..]) => Matcher::Lines(directives.lines.clone()),
            _ => {
                return Err(Error::scenario(
                    location,
                    format!("blocks[{i}] needs exactly one of `line:` (a line the block contains), `pattern:` (a regex one of its lines matches) or `lines:` (lines it has, all of them)"),
                ))
            }
        };
        if directives.occurrence == Some(0) {
            return Err(Error::scenario(
                positions.in_binding(i, "occurrence"),
                "occurrence: counts from 1 (the first block that matches)",
            ));
        }
        if let Some(t) = &directives.timeout {
            crate::duration::parse(t).map_err(|m| {
                Error::scenario(positions.in_binding(i, "timeout"), format!("timeout: {m}"))
            })?;
        }
        let service = directives
            .service
            .take()
            .map(|keys| keys.check(&|p| inside(p), Some(positions.in_binding(i, "service"))))
            .transpose()
            .map_err(|m| Error::scenario(positions.in_binding(i, "service"), m))?;
        let mut variants = Vec::new();
        for (n, keys) in std::mem::take(&mut directives.variants)
            .into_iter()
            .enumerate()
        {
            let at = positions
                .nth_in_binding(i, "console", n)
                .unwrap_or_else(|| positions.in_binding(i, "variants"));
            if directives.fragment_of.is_none() {
                return Err(Error::scenario(
                    at,
                    "variants: a variant is the file a fragment is of, with the fragment applied: give `fragment-of:` too",
                ));
            }
            let first_line = at.line + positions.value_starts_below(&at) as usize;
            variants.push(keys.check(shown, first_line, at, &|p| inside(p))?);
        }
        bindings.push(Binding {
            matcher,
            directives,
            service,
            location,
            variants,
        });
    }
    let fixture = match &file.fixture {
        Some(f) => {
            let path = inside(f).map_err(|m| Error::scenario(positions.top("fixture"), m))?;
            if !path.is_dir() {
                return Err(Error::scenario(
                    positions.top("fixture"),
                    format!("the fixture {} is not a directory", dir.join(f).display()),
                ));
            }
            Some(dir.join(f))
        }
        None => None,
    };
    let docker = match file.docker {
        Some(keys) => {
            let mut images = Vec::new();
            for image in keys.images {
                let inputs = image
                    .inputs
                    .iter()
                    .map(|i| inside(i).map(|_| dir.join(i)))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|m| Error::scenario(positions.top("docker"), m))?;
                images.push(StandIn {
                    image: image.image,
                    build: image.build,
                    dir: dir.clone(),
                    inputs,
                });
            }
            Some(DockerSetup {
                images,
                registry_hosts: keys.registry.map(|r| r.hosts).unwrap_or_default(),
            })
        }
        None => None,
    };
    Ok(Scenario {
        path: path.to_path_buf(),
        guides: file.guides,
        fixture,
        timeout: duration(&file.timeout, "timeout")?,
        run_timeout: duration(&file.run_timeout, "run-timeout")?,
        env: file.env.into_iter().collect(),
        pass_env: file.pass_env,
        allow_empty: file.allow_empty,
        secrets: file.secrets,
        tool_versions: file.tool_versions,
        substitutions: check_substitutions(&file.substitutions)
            .map_err(|m| Error::scenario(positions.top("substitutions"), m))?,
        placeholders: placeholders_of(&file.placeholders)
            .map_err(|m| Error::scenario(positions.top("placeholders"), m))?,
        default_lang: file.default_lang.map(|l| l.to_ascii_lowercase()),
        prompts: (!file.prompts.is_empty()).then_some(file.prompts),
        output_langs: file
            .output_langs
            .map(|l| l.iter().map(|s| s.to_ascii_lowercase()).collect()),
        error_langs: file
            .error_langs
            .map(|l| l.iter().map(|s| s.to_ascii_lowercase()).collect()),
        min_run: crate::config::percent(file.min_run)
            .map_err(|m| Error::scenario(positions.top("min-run"), m))?,
        tty: file.tty,
        languages: crate::config::lang_rules(&file.languages)
            .map_err(|m| Error::scenario(positions.top("languages"), m))?,
        paths,
        bindings,
        docker,
        translation: file.translation,
    })
}

/// `placeholders:` entries, checked.
pub fn placeholders_of(
    map: &BTreeMap<String, String>,
) -> Result<crate::placeholders::Placeholders, String> {
    let mut placeholders = crate::placeholders::Placeholders::default();
    for (key, value) in map {
        placeholders
            .add(key, value)
            .map_err(|m| format!("placeholders: {m}"))?;
    }
    Ok(placeholders)
}

/// `[NAME]` → regex pairs, checked: the name in brackets, the regex valid.
pub fn check_substitutions(
    map: &BTreeMap<String, String>,
) -> Result<Vec<(String, String)>, String> {
    let mut checked = Vec::new();
    for (token, re) in map {
        let name = token.strip_prefix('[').and_then(|t| t.strip_suffix(']'));
        let valid = name.is_some_and(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        });
        if !valid || matches!(token.as_str(), "[EXE]" | "[ROOT]" | "[CWD]") {
            return Err(format!(
                "substitutions: `{token}` is not a name of one's own; write `[NAME]` in capitals ([EXE], [ROOT] and [CWD] are built in)"
            ));
        }
        regex::Regex::new(re).map_err(|e| format!("substitutions: `{token}`: {e}"))?;
        checked.push((token.clone(), re.clone()));
    }
    Ok(checked)
}

/// `relative` (to the scenario's directory) as a path that stays inside `root`.
fn inside_root(dir: &Path, root: &Path, relative: &str) -> Result<PathBuf, String> {
    let joined = dir.join(relative);
    let resolved = std::fs::canonicalize(&joined)
        .map_err(|e| format!("{}: {}", joined.display(), io_reason(&e)))?;
    if !resolved.starts_with(root) {
        return Err(format!(
            "`{relative}` leads out of the repository that holds the scenario ({}); scenario paths stay inside it",
            root.display()
        ));
    }
    Ok(resolved)
}

mod paths;

pub use paths::mapped;
use paths::{map_paths, paths_of};

#[cfg(test)]
mod tests;
