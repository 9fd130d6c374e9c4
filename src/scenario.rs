//! Scenario files: YAML in `scenarios/` that says how to run guides nobody can
//! annotate (upstream or translated pages). Blocks are bound by their content,
//! never by position alone, so one scenario binds every translation of a guide.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use regex::Regex;
use serde::Deserialize;

use crate::directives::{parse_duration, Directives};
use crate::error::{Error, Location};
use crate::markdown::{io_reason, Block};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ScenarioFile {
    guides: Vec<String>,
    fixture: Option<String>,
    timeout: Option<String>,
    run_timeout: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    blocks: Vec<Directives>,
    docker: Option<Docker>,
    #[serde(default)]
    translation: Translation,
}

/// A long-running process a block starts (a server container): it is started,
/// probed until ready, left running for the later steps, and stopped at the end.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Service {
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub probes: Vec<Probe>,
    /// How long to wait for every probe to pass (default 60s).
    pub ready_timeout: Option<String>,
}

/// One readiness check. `port` is the container's port; doccheck finds the host port.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub enum Probe {
    Http {
        port: u16,
        #[serde(default = "root_path")]
        path: String,
        status: Option<u16>,
    },
    GrpcHealth {
        port: u16,
        #[serde(default)]
        service: String,
    },
    Grpc {
        port: u16,
        /// .proto file, relative to the scenario file.
        proto: String,
        /// Import directories, relative to the scenario file.
        #[serde(default)]
        includes: Vec<String>,
        /// `package.Service/Method`
        method: String,
        /// Request as JSON.
        request: String,
        /// JSON the answer must contain.
        expect: Option<String>,
    },
    /// A shell command run in the workspace; ready when it exits 0.
    Command { run: String },
}

fn root_path() -> String {
    "/".to_string()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Docker {
    /// Base images the guide needs; a stand-in is built where they are missing.
    #[serde(default)]
    pub images: Vec<StandIn>,
    pub registry: Option<RegistryConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StandIn {
    /// The image reference the guide uses, e.g. `mcr.microsoft.com/dotnet/core/sdk:3.0`.
    pub image: String,
    /// Shell command run in the scenario's directory that builds the stand-in and
    /// tags it `$DOCCHECK_IMAGE`, with the labels in `$DOCCHECK_LABELS`.
    pub build: String,
    /// Files and directories (relative to the scenario) whose content decides
    /// whether a cached stand-in is still current.
    #[serde(default)]
    pub inputs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegistryConfig {
    /// Registry hosts whose pushes go to doccheck's own registry instead
    /// (`docker.io` stands for unqualified names such as `myorg/app`).
    pub hosts: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Translation {
    /// Translation-check rules turned off for this guide.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rules turned off for single segments, by segment id.
    #[serde(default)]
    pub segments: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
pub enum Matcher {
    Line(String),
    Pattern(Regex),
}

impl Matcher {
    pub fn matches(&self, block: &Block) -> bool {
        match self {
            Matcher::Line(want) => block.content.lines().any(|l| l.trim() == want.trim()),
            Matcher::Pattern(re) => block.content.lines().any(|l| re.is_match(l)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub matcher: Matcher,
    pub directives: Directives,
    /// Where the binding's `line:`/`pattern:` key is in the scenario file.
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub path: PathBuf,
    /// The scenario file's directory: relative paths in it start here.
    pub dir: PathBuf,
    pub guides: Vec<String>,
    pub fixture: Option<PathBuf>,
    pub timeout: Option<Duration>,
    pub run_timeout: Option<Duration>,
    pub env: BTreeMap<String, String>,
    pub bindings: Vec<Binding>,
    pub docker: Option<Docker>,
    pub translation: Translation,
}

impl Scenario {
    pub fn resolve(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }
}

fn yaml_error(file: &str, e: &serde_yaml::Error) -> Error {
    let message = e.to_string();
    match e.location() {
        Some(l) => {
            // serde_yaml appends the position to its message; we print it in front.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Error::at(Location::new(file, l.line(), l.column()), message)
        }
        None => Error::new(format!("{file}: {message}")),
    }
}

pub fn load(path: &Path) -> Result<Scenario, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(format!("cannot read scenario {shown}: {}", io_reason(&e))))?;
    parse(&shown, path, &text)
}

pub fn parse(shown: &str, path: &Path, text: &str) -> Result<Scenario, Error> {
    let file: ScenarioFile = serde_yaml::from_str(text).map_err(|e| yaml_error(shown, &e))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let whole = Location::new(shown, 1, 1);
    let duration = |v: &Option<String>| -> Result<Option<Duration>, Error> {
        v.as_deref()
            .map(|t| parse_duration(t).map_err(|m| Error::at(whole.clone(), m)))
            .transpose()
    };
    let locations = binding_locations(shown, text);
    let mut bindings = Vec::new();
    for (i, directives) in file.blocks.into_iter().enumerate() {
        let location = locations.get(i).cloned().unwrap_or_else(|| whole.clone());
        let matcher = match (&directives.line, &directives.pattern) {
            (Some(line), None) => Matcher::Line(line.clone()),
            (None, Some(p)) => Matcher::Pattern(
                Regex::new(p).map_err(|e| Error::at(location.clone(), format!("bad pattern: {e}")))?,
            ),
            _ => {
                return Err(Error::at(
                    location,
                    format!("blocks[{i}] needs exactly one of `line:` (a line the block contains) or `pattern:` (a regex one of its lines matches)"),
                ))
            }
        };
        if let Err(m) = directives.timeout() {
            return Err(Error::at(location, m));
        }
        bindings.push(Binding {
            matcher,
            directives,
            location,
        });
    }
    Ok(Scenario {
        path: path.to_path_buf(),
        guides: file.guides,
        fixture: file.fixture.as_deref().map(|f| dir.join(f)),
        timeout: duration(&file.timeout)?,
        run_timeout: duration(&file.run_timeout)?,
        env: file.env,
        bindings,
        docker: file.docker,
        translation: file.translation,
        dir,
    })
}

/// The position of each binding's `line:` or `pattern:` key, in order.
/// serde_yaml keeps no positions, so they are found in the text.
fn binding_locations(shown: &str, text: &str) -> Vec<Location> {
    let key = Regex::new(r"(?m)^(\s*(?:-\s+)?)(line|pattern)\s*:").expect("valid regex");
    let start = Regex::new(r"(?m)^blocks\s*:")
        .expect("valid regex")
        .find(text)
        .map_or(0, |m| m.end());
    let index = crate::markdown::LineIndex::new(text);
    key.captures_iter(&text[start..])
        .map(|c| {
            let at = start + c.get(2).expect("group 2").start();
            let (line, column) = index.position(at);
            Location::new(shown, line, column)
        })
        .collect()
}

#[derive(Deserialize)]
struct GuidesOnly {
    guides: Vec<String>,
}

/// The scenario for `guide`: the nearest `scenarios/` directory above it holds
/// YAML files, and the one whose `guides` globs match the guide's path (relative
/// to the directory that holds `scenarios/`) applies.
pub fn find_for(guide: &Path) -> Result<Option<PathBuf>, Error> {
    let absolute = std::fs::canonicalize(guide).unwrap_or_else(|_| guide.to_path_buf());
    for root in absolute.ancestors().skip(1) {
        let dir = root.join("scenarios");
        if !dir.is_dir() {
            continue;
        }
        let relative = absolute.strip_prefix(root).unwrap_or(&absolute);
        let mut found = Vec::new();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::new(format!("cannot read {}: {}", dir.display(), io_reason(&e))))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        entries.sort();
        for path in entries {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::new(format!("cannot read scenario {shown}: {}", io_reason(&e)))
            })?;
            let only: GuidesOnly =
                serde_yaml::from_str(&text).map_err(|e| yaml_error(&shown, &e))?;
            for glob in &only.guides {
                let matcher = globset::Glob::new(glob)
                    .map_err(|e| Error::new(format!("{shown}: bad guides glob `{glob}`: {e}")))?
                    .compile_matcher();
                if matcher.is_match(relative) {
                    found.push(path.clone());
                    break;
                }
            }
        }
        match found.len() {
            0 => return Ok(None),
            1 => return Ok(found.pop().map(|p| relative_to_cwd(&p))),
            _ => {
                let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
                return Err(Error::new(format!(
                    "several scenarios claim {}: {}; narrow their `guides:` or pick one with --scenario",
                    guide.display(),
                    names.join(", ")
                )));
            }
        }
    }
    Ok(None)
}

/// Shorter paths read better in messages: relative to the current directory when under it.
fn relative_to_cwd(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
    match cwd {
        Ok(cwd) => path
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf()),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(text: &str) -> Result<Scenario, Error> {
        parse("s.yaml", Path::new("scenarios/s.yaml"), text)
    }

    #[test]
    fn a_full_scenario() {
        let s = scenario(
            "guides: [docs/a.md]\nfixture: a/fixture\ntimeout: 30s\nblocks:\n  - line: FROM x\n    file: Dockerfile\n    also: [src/Dockerfile]\n  - pattern: '^bin/$'\n    file: .dockerignore\n",
        )
        .unwrap();
        assert_eq!(s.fixture, Some(PathBuf::from("scenarios/a/fixture")));
        assert_eq!(s.timeout, Some(Duration::from_secs(30)));
        assert_eq!(s.bindings.len(), 2);
        assert_eq!(s.bindings[0].location.to_string(), "s.yaml:5:5");
        assert_eq!(s.bindings[1].location.to_string(), "s.yaml:8:5");
        assert_eq!(s.bindings[0].directives.also, ["src/Dockerfile"]);
    }

    #[test]
    fn unknown_keys_and_yaml_errors_have_positions() {
        let e = scenario("guides: [a]\nblocks:\n  - line: x\n    fiel: y\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("s.yaml:4:5: blocks[0]: unknown field `fiel`"),
            "{e}"
        );
        let e = scenario("guides: [a]\nfixtures: x\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("s.yaml:2:1: unknown field `fixtures`"), "{e}");
        let e = scenario("guides: [a\n").unwrap_err().to_string();
        assert!(e.starts_with("s.yaml:"), "{e}");
    }

    #[test]
    fn a_binding_needs_one_matcher() {
        let e = scenario("guides: [a]\nblocks:\n  - file: x\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("needs exactly one of `line:`"), "{e}");
        let e = scenario("guides: [a]\nblocks:\n  - pattern: '('\n    file: x\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("s.yaml:3:5: bad pattern"), "{e}");
    }

    #[test]
    fn services_and_probes() {
        let s = scenario(
            "guides: [a]\nblocks:\n  - line: docker run x\n    service:\n      ready-timeout: 30s\n      probes:\n        - grpc-health: {port: 80}\n        - http: {port: 8080, status: 200}\n",
        )
        .unwrap();
        let service = s.bindings[0].directives.service.as_ref().unwrap();
        assert_eq!(
            service.probes[0],
            Probe::GrpcHealth {
                port: 80,
                service: String::new()
            }
        );
        assert_eq!(
            service.probes[1],
            Probe::Http {
                port: 8080,
                path: "/".into(),
                status: Some(200)
            }
        );
        let e = scenario(
            "guides: [a]\nblocks:\n  - line: x\n    service: {probes: [{tcp: {port: 1}}]}\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown variant `tcp`"), "{e}");
    }
}
