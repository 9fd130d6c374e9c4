//! The repository's configuration, `.doccheck.yaml` at its root: defaults for
//! every guide of a run (which files are guides, the language of unlabelled
//! fences, extra command languages, variables passed through, timeouts,
//! jobs). A scenario's own keys win over these for its guides. Checked once,
//! at load, with file:line:column; its JSON Schema is in docs/schema/.

use std::path::{Path, PathBuf};
use std::time::Duration;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::error::{io_reason, Error, ErrorKind, Location};

pub const FILE_NAME: &str = ".doccheck.yaml";

/// `.doccheck.yaml` as written.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Globs (relative to the config's directory) of the guides a run takes
    /// when it is given no path, and that a directory walk keeps. Default: every `*.md`.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files a directory walk or the `include` globs leave out.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The language of fences that have none (`console`, `sh`...). Off unless set.
    pub default_lang: Option<String>,
    /// Fence languages that are commands too, beside console, shell, sh, bash, shell-session.
    #[serde(default)]
    pub command_langs: Vec<String>,
    /// Variables the session takes from the caller instead of doccheck's isolated ones (HOME, TMPDIR).
    #[serde(default)]
    pub pass_env: Vec<String>,
    /// Default timeout of each command (`2m`).
    pub timeout: Option<String>,
    /// Default limit of each guide's whole run (`30m`).
    pub run_timeout: Option<String>,
    /// Guides run at once (default: the number of CPUs).
    pub jobs: Option<usize>,
    /// A guide in which no step ran passes.
    #[serde(default)]
    pub allow_empty: bool,
    /// Variables whose values no report shows (masked as `***`), beside
    /// those whose names say token, secret, password or key.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// Commands whose output names a tool's version (`git --version`), part
    /// of every guide's cache key.
    #[serde(default)]
    pub tool_versions: Vec<String>,
    /// The verdict cache's directory (as `--cache DIR`), relative to this file.
    pub cache: Option<String>,
    /// Tries a step again up to this many times when the machine is at
    /// fault (as `--retries N`); never for an exit code or output that differs.
    pub retries: Option<u32>,
    /// Named substitutions in expected output, trycmd-style: `"[VERSION]": '\d+\.\d+\.\d+'`.
    #[serde(default)]
    pub substitutions: std::collections::BTreeMap<String, String>,
    /// Values for placeholders in commands (`"<myorg>": acme`) and variables of the session (`RESOURCE_GROUP: rg1`).
    #[serde(default)]
    pub placeholders: std::collections::BTreeMap<String, String>,
    /// The prompts a command line of a transcript starts with (default: `$ `,
    /// `% `, `❯ `, `PS> `, and `> ` in a block with no other); `"# "` among them
    /// makes `#` root's prompt instead of a comment.
    #[serde(default)]
    pub prompts: Vec<String>,
    /// Fence languages whose block, right after a command block, is that
    /// block's expected output (default: `output`); `text` is a common addition.
    pub output_langs: Option<Vec<String>>,
    /// Like `output-langs`, for output that comes with a failure: the command
    /// block's last command must exit with another code than 0 (default: `error`).
    pub error_langs: Option<Vec<String>>,
    /// The share of a guide's blocks (percent, 0-100) that must run, or the
    /// guide fails; below 50% a passing guide only warns.
    pub min_run: Option<u32>,
    /// Run every guide's commands in a terminal of their own (80x24,
    /// TERM=xterm); `tty=false` on a block or in a binding turns it off there.
    #[serde(default)]
    pub tty: bool,
    /// Blocks of a language that the prose says to put in a file and run
    /// (`makefile: {file: Makefile, run: make}`): each is written to `file`,
    /// then `run` runs.
    #[serde(default)]
    pub languages: std::collections::BTreeMap<String, LangRule>,
}

/// What the blocks of one language are: a file, and a command run after each.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LangRule {
    /// The file each block is written to, relative to the workspace; each
    /// replaces the last, unless `{n}` numbers them (`example-{n}/Makefile`).
    pub file: String,
    /// A command run in the session after each block is written; `{file}`
    /// and `{dir}` are the file's and its directory's absolute paths, `{n}`
    /// the block's number among its language's.
    pub run: Option<String>,
}

impl LangRule {
    /// Checks the file's path (relative, staying in the workspace) and the command.
    pub fn check(&self, lang: &str) -> Result<(), String> {
        let path = self.file.replace("{n}", "1");
        let p = Path::new(&path);
        if path.trim().is_empty()
            || p.is_absolute()
            || p.components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(format!(
                "languages: {lang}: file `{}` must be relative to the workspace and stay inside it",
                self.file
            ));
        }
        if self.run.as_ref().is_some_and(|r| r.trim().is_empty()) {
            return Err(format!("languages: {lang}: run is empty"));
        }
        Ok(())
    }
}

/// `languages:` checked, their names in lower case.
pub fn lang_rules(
    map: &std::collections::BTreeMap<String, LangRule>,
) -> Result<Vec<(String, LangRule)>, String> {
    map.iter()
        .map(|(lang, rule)| {
            rule.check(lang)?;
            Ok((lang.to_ascii_lowercase(), rule.clone()))
        })
        .collect()
}

/// The configuration, checked.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// The directory its globs are relative to.
    pub root: PathBuf,
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
    pub include_globs: Vec<String>,
    pub defaults: Defaults,
    pub jobs: Option<usize>,
    /// `cache:`, resolved against the file's directory.
    pub cache: Option<PathBuf>,
    pub retries: Option<u32>,
}

/// What every guide's plan starts from.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub default_lang: Option<String>,
    pub command_langs: Vec<String>,
    pub pass_env: Vec<String>,
    /// `secrets:` and `--secret`.
    pub secrets: Vec<String>,
    pub tool_versions: Vec<String>,
    pub timeout: Option<Duration>,
    pub run_timeout: Option<Duration>,
    pub allow_empty: bool,
    pub substitutions: Vec<(String, String)>,
    /// The configuration's, then `--var`'s (which win).
    pub placeholders: crate::placeholders::Placeholders,
    /// `prompts:`, when given.
    pub prompts: Option<Vec<String>>,
    /// `output-langs:` and `error-langs:`, when given.
    pub output_langs: Option<Vec<String>>,
    pub error_langs: Option<Vec<String>>,
    /// `min-run:` (or `--min-run`), checked.
    pub min_run: Option<u32>,
    /// `tty:`: every command in a terminal of its own.
    pub tty: bool,
    /// `languages:`, checked.
    pub languages: Vec<(String, LangRule)>,
}

/// The nearest `.doccheck.yaml` from `start` up to the repository's root (the
/// directory with `.git`), if any.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            let cwd = std::env::current_dir()
                .and_then(std::fs::canonicalize)
                .unwrap_or_default();
            return Some(
                candidate
                    .strip_prefix(&cwd)
                    .map(Path::to_path_buf)
                    .unwrap_or(candidate),
            );
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

pub fn load(path: &Path) -> Result<Config, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(
            ErrorKind::Scenario,
            format!("cannot read the configuration {shown}: {}", io_reason(&e)),
        )
    })?;
    parse(&shown, path, &text)
}

fn key_location(shown: &str, text: &str, key: &str) -> Location {
    let line = text
        .lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .map_or(1, |i| i + 1);
    Location::new(shown, line, 1)
}

fn globs(
    shown: &str,
    text: &str,
    key: &str,
    patterns: &[String],
) -> Result<Option<globset::GlobSet>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for pattern in patterns {
        let glob = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                Error::scenario(
                    key_location(shown, text, key),
                    format!("{key}: bad glob `{pattern}`: {e}"),
                )
            })?;
        set.add(glob);
    }
    set.build()
        .map(Some)
        .map_err(|e| Error::scenario(key_location(shown, text, key), format!("{key}: {e}")))
}

pub fn parse(shown: &str, path: &Path, text: &str) -> Result<Config, Error> {
    let file: ConfigFile =
        serde_yaml::from_str(text).map_err(|e| crate::scenario::yaml_error(shown, &e))?;
    let duration = |value: &Option<String>, key: &str| -> Result<Option<Duration>, Error> {
        value
            .as_deref()
            .map(|t| {
                crate::duration::parse(t).map_err(|m| {
                    Error::scenario(key_location(shown, text, key), format!("{key}: {m}"))
                })
            })
            .transpose()
    };
    if file.jobs == Some(0) {
        return Err(Error::scenario(
            key_location(shown, text, "jobs"),
            "jobs: must be at least 1",
        ));
    }
    let root = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(Config {
        path: Some(path.to_path_buf()),
        cache: file.cache.as_ref().map(|c| root.join(c)),
        root,
        include: globs(shown, text, "include", &file.include)?,
        exclude: globs(shown, text, "exclude", &file.exclude)?,
        include_globs: file.include.clone(),
        defaults: Defaults {
            default_lang: file.default_lang.map(|l| l.to_ascii_lowercase()),
            command_langs: file
                .command_langs
                .iter()
                .map(|l| l.to_ascii_lowercase())
                .collect(),
            pass_env: file.pass_env,
            timeout: duration(&file.timeout, "timeout")?,
            run_timeout: duration(&file.run_timeout, "run-timeout")?,
            allow_empty: file.allow_empty,
            secrets: file.secrets,
            tool_versions: file.tool_versions,
            substitutions: crate::scenario::check_substitutions(&file.substitutions)
                .map_err(|m| Error::scenario(key_location(shown, text, "substitutions"), m))?,
            placeholders: crate::scenario::placeholders_of(&file.placeholders)
                .map_err(|m| Error::scenario(key_location(shown, text, "placeholders"), m))?,
            prompts: (!file.prompts.is_empty()).then_some(file.prompts),
            output_langs: file.output_langs.map(|l| lowercase(&l)),
            error_langs: file.error_langs.map(|l| lowercase(&l)),
            min_run: percent(file.min_run)
                .map_err(|m| Error::scenario(key_location(shown, text, "min-run"), m))?,
            tty: file.tty,
            languages: lang_rules(&file.languages)
                .map_err(|m| Error::scenario(key_location(shown, text, "languages"), m))?,
        },
        jobs: file.jobs,
        retries: file.retries,
    })
}

impl Config {
    /// Whether `path` (absolute, or relative to the current directory) is a
    /// guide by the config's globs.
    pub fn keeps(&self, path: &Path) -> bool {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let relative = absolute.strip_prefix(&root).unwrap_or(&absolute);
        let included = self
            .include
            .as_ref()
            .is_none_or(|set| set.is_match(relative));
        let excluded = self
            .exclude
            .as_ref()
            .is_some_and(|set| set.is_match(relative));
        included && !excluded
    }
}

/// `min-run:`, checked: a percentage.
pub fn percent(value: Option<u32>) -> Result<Option<u32>, String> {
    match value {
        Some(n) if n > 100 => Err(format!("min-run: {n} is not a percentage (0 to 100)")),
        other => Ok(other),
    }
}

fn lowercase(langs: &[String]) -> Vec<String> {
    langs.iter().map(|l| l.to_ascii_lowercase()).collect()
}

/// The JSON Schema of `.doccheck.yaml`, for editors.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ConfigFile)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Config, Error> {
        parse(".doccheck.yaml", Path::new("/repo/.doccheck.yaml"), text)
    }

    #[test]
    fn keys_and_checks() {
        let c = config("include: ['docs/**/*.md']\nexclude: ['docs/drafts/**']\ndefault-lang: Console\ncommand-langs: [zsh]\ntimeout: 2m\njobs: 3\n").unwrap();
        assert_eq!(c.defaults.default_lang.as_deref(), Some("console"));
        assert_eq!(c.defaults.timeout, Some(Duration::from_secs(120)));
        assert_eq!(c.jobs, Some(3));
        assert!(c.keeps(Path::new("/repo/docs/a/b.md")));
        assert!(!c.keeps(Path::new("/repo/docs/drafts/x.md")));
        assert!(!c.keeps(Path::new("/repo/README.md")));
        let e = config("jobs: 0\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            ".doccheck.yaml:1:1: jobs: must be at least 1"
        );
        let e = config("include: [x]\n\ntimeout: forever\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with(".doccheck.yaml:3:1: timeout: `forever` is not a duration"),
            "{e}"
        );
        let e = config("includes: [x]\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with(".doccheck.yaml:1:1: unknown field `includes`"),
            "{e}"
        );
    }
}
