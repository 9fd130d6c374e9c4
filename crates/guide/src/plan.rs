//! Blocks + annotations + scenario bindings → the steps of a run, and the
//! setup the run needs. Every block becomes a step: nothing is dropped, and a
//! skip always has a reason. The plan is complete: nothing downstream reads
//! the scenario.

use std::path::PathBuf;
use std::time::Duration;

use crate::config::Defaults;
use crate::directives::{Directives, Treatment};
use crate::error::{Error, Location};
use crate::languages;
use crate::markdown::Block;
use crate::model::Behaviour;
use crate::placeholders::Placeholders;
use crate::result_block::ResultBlock;
use crate::scenario::Scenario;
use crate::scrut::case::{self as scrut_case, Document};
use crate::service::Service;
use crate::setup::{Setup, DEFAULT_TIMEOUT};
use crate::transcript::{self, Command};

#[derive(Debug, Clone)]
pub struct Plan {
    /// The guide's path as the user gave it.
    pub guide: String,
    /// The guide's markdown as it was read to plan it: what `--update` edits
    /// and what a report renders, never read from disk again.
    pub text: String,
    /// The digest of its blocks' executable content ([`crate::digest`]).
    pub executable: String,
    /// Each block's digest, by block number - 1 ([`crate::digest::each`]).
    pub blocks: Vec<String>,
    /// The scenario that applies, as shown in reports.
    pub scenario: Option<PathBuf>,
    pub steps: Vec<Step>,
    pub setup: Setup,
    /// What is wrong with the guide as written but does not stop it (a
    /// fence never closed), each with its guide:line: every report says it.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Step {
    /// 1-based step number (= block number in the guide).
    pub number: usize,
    pub line: usize,
    pub column: usize,
    pub lang: String,
    pub action: Action,
    /// Timeout of each command of the step.
    pub timeout: Duration,
    /// What decided how the block is treated: a scenario binding or an annotation.
    pub bound_by: Option<String>,
    /// What the plan wants the reader to know (other tools' metadata it ignored).
    pub notes: Vec<String>,
    /// How its commands run and are judged, whatever the dialect (a scrut
    /// case's settings, Innovation Engine's stdout, doccheck's own).
    pub behaviour: Behaviour,
    /// The expected output of the whole block (Innovation Engine's result block).
    pub result: Option<ResultBlock>,
    /// Set for a step that is the scenario's, not a block of the guide (a
    /// variant's): where in the scenario. `--update` leaves it alone.
    pub from_scenario: Option<Location>,
    /// Its commands run in a terminal of their own.
    pub tty: Option<Tty>,
    /// What its commands read on stdin (empty when `None`).
    pub stdin: Option<String>,
    /// Files written before its commands run, (path, content): a block of a
    /// language that `languages:` makes a file and a command.
    pub writes: Vec<(String, String)>,
}

/// The terminal a `tty` step's commands run in: always this size and kind,
/// so that output that depends on it is the same on every machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tty {
    pub columns: u16,
    pub rows: u16,
    pub term: &'static str,
}

impl Default for Tty {
    fn default() -> Self {
        Tty {
            columns: 80,
            rows: 24,
            term: "xterm",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Action {
    Run {
        commands: Vec<Command>,
        exit: Option<i32>,
        service: Option<Service>,
    },
    Write {
        path: String,
        also: Vec<String>,
        content: String,
    },
    CheckFragment {
        of: String,
        content: String,
        /// Variants of `of` with the fragment applied, (path, content),
        /// written once the check passes: before the guide's own builds, so
        /// that they share one build context (and cache) with the variant's.
        variants: Vec<(String, String)>,
    },
    Skip {
        reason: String,
        /// Why it is skipped: asked for, or nothing doccheck can run.
        kind: SkipKind,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipKind {
    /// An annotation or binding says `skip=`.
    Asked,
    /// A block that is neither commands nor a file with a path (`text`, `json`).
    NotRunnable,
    /// The expected output of an earlier step (an output block, Innovation
    /// Engine's result block).
    ResultBlock,
    /// A block the guide broke (a fence left open swallowed prose): it
    /// cannot run as the reader means it, and fails, saying why.
    Broken,
}

impl Step {
    /// One line saying what the step does.
    pub fn summary(&self) -> String {
        match &self.action {
            Action::Run { commands, .. } => {
                let first = commands
                    .first()
                    .map(|c| c.text.lines().next().unwrap_or(""))
                    .unwrap_or("");
                let run = match commands.len() {
                    0 => "no commands".to_string(),
                    1 => first.to_string(),
                    n => format!("{first} (+{} more)", n - 1),
                };
                match self.writes.first() {
                    Some((path, _)) => format!("write {path}, then {run}"),
                    None => run,
                }
            }
            Action::Write { path, also, .. } if also.is_empty() => format!("write {path}"),
            Action::Write { path, also, .. } => format!("write {path} (and {})", also.join(", ")),
            Action::CheckFragment { of, .. } => format!("check fragment of {of}"),
            Action::Skip {
                reason,
                kind: SkipKind::Broken,
            } => format!("broken: {reason}"),
            Action::Skip { reason, .. } => format!("skip: {reason}"),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self.action {
            Action::Run { .. } => "run",
            Action::Write { .. } => "write",
            Action::CheckFragment { .. } => "check",
            Action::Skip { .. } => "skip",
        }
    }

    pub fn location(&self, guide: &str) -> Location {
        Location::new(guide, self.line, self.column)
    }
}

impl Plan {
    /// Whether the guide has anything doccheck can run (a command or file
    /// block, even one skipped on purpose).
    pub fn has_runnable_blocks(&self) -> bool {
        self.steps.iter().any(|s| {
            !matches!(
                s.action,
                Action::Skip {
                    kind: SkipKind::NotRunnable,
                    ..
                }
            )
        })
    }

    /// Every command of every step, as documented.
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.steps.iter().flat_map(|s| match &s.action {
            Action::Run { commands, .. } => commands.as_slice(),
            _ => &[],
        })
    }
}

/// Every error in the blocks' annotations and info strings, for a guide that
/// cannot be planned (a detached annotation): reported with the others.
pub fn annotation_errors(guide: &str, blocks: &[Block], defaults: &Defaults) -> Option<Error> {
    inline::read(guide, blocks, defaults).err()
}

/// `document` is the guide's scrut front matter, for its scrut blocks.
pub fn build(
    guide: &str,
    text: &str,
    blocks: &[Block],
    scenario: Option<Scenario>,
    defaults: &Defaults,
    document: &Document,
) -> Result<Plan, Error> {
    let bound = bind::bind(guide, blocks, scenario.as_ref())?;
    // The scenario's values, then the configuration's and `--var`'s, which win.
    let mut placeholders = scenario
        .as_ref()
        .map(|s| s.placeholders.clone())
        .unwrap_or_default();
    placeholders.extend(&defaults.placeholders);
    // A scenario's default language wins over the configuration's, for its
    // guides; an Innovation Engine document runs `terraform` blocks.
    let dialects = dialects::Dialects::of(text, blocks);
    let mut scoped = defaults.clone();
    if let Some(lang) = scenario.as_ref().and_then(|s| s.default_lang.clone()) {
        scoped.default_lang = Some(lang);
    }
    if dialects.innovation_engine {
        scoped.command_langs.extend(
            languages::INNOVATION_ENGINE_LANGS
                .iter()
                .map(|l| l.to_string()),
        );
    }
    let defaults = &scoped;
    let default_timeout = scenario
        .as_ref()
        .and_then(|s| s.timeout)
        .or(defaults.timeout)
        .unwrap_or(DEFAULT_TIMEOUT);
    let inline = inline::read(guide, blocks, defaults)?;
    let mut reader = read::Reader::new(blocks, scenario.as_ref(), defaults, dialects.runme);
    let output_langs = expected::OutputLangs::of(scenario.as_ref(), defaults);
    let mut warnings = Vec::new();
    let guide_tty = scenario
        .as_ref()
        .and_then(|s| s.tty)
        .unwrap_or(defaults.tty);
    let mut by_lang = by_lang::Rules::of(scenario.as_ref(), defaults);
    let mut steps = Vec::with_capacity(blocks.len());
    let mut scrut_cases = false;
    for ((block, binding), own) in blocks.iter().zip(bound.iter().copied()).zip(inline) {
        let at = Location::new(guide, block.line, block.column);
        let inline::Inline {
            mut directives,
            mut bound_by,
            mut notes,
        } = own;
        let is_scrut = languages::is_scrut(&lang_of(block, defaults));
        let mut service = None;
        let mut service_at = None;
        if let Some(b) = binding {
            service_at = b.service.as_ref().map(|_| b.location.clone());
            directives = directives.merged_with(&b.directives);
            service = b.service.clone();
            bound_by = Some(b.location.to_string());
        }
        let mut action = action(
            guide,
            block,
            &directives,
            service,
            &at,
            defaults,
            &mut reader,
            &mut notes,
        )?;
        dialects::exclude_from_run_all(block, &mut action);
        let mut writes = Vec::new();
        let lang = lang_of(block, defaults);
        by_lang.apply(
            block,
            &lang,
            &directives,
            &mut action,
            &mut writes,
            &mut notes,
        );
        unclosed::fence(guide, block, &mut action, &mut notes, &mut warnings);
        if let Some(marker) = &block.result_marker {
            expected::attach_result(guide, block, marker, &mut steps, &mut action, &mut notes)?;
        } else {
            let lang = lang_of(block, defaults);
            expected::attach_output(block, &lang, &output_langs, &mut steps, &mut action);
        }
        let scrut = match (&mut action, is_scrut) {
            (Action::Run { commands, .. }, true) => {
                let lines = transcript::scrut_config(&block.content);
                let (case, more) = scrut_case::case(block.attributes(), &lines, document, &at)?;
                if !scrut_cases {
                    notes.extend(document.notes.iter().cloned());
                }
                scrut_cases = true;
                notes.extend(more);
                if case.interpolated {
                    compiled::interpolate(commands);
                }
                Some(case)
            }
            _ => None,
        };
        let timeout = match (&directives.timeout, scrut.as_ref().and_then(|c| c.timeout)) {
            (Some(t), _) => crate::duration::parse(t).map_err(|m| Error::guide(at.clone(), m))?,
            (None, Some(t)) => t,
            (None, None) => default_timeout,
        };
        if let Action::Run { commands, .. } = &mut action {
            bind_placeholders(commands, &placeholders, &mut notes);
        }
        if let (Some(location), false) = (service_at, matches!(action, Action::Run { .. })) {
            return Err(Error::scenario(
                location,
                format!(
                    "`service:` starts a command, but the block at {guide}:{} is not run as commands ({}); bind the service to the block that starts the server",
                    block.line,
                    match &action {
                        Action::Write { .. } => "it is written to a file",
                        Action::CheckFragment { .. } => "it is checked as a fragment",
                        _ => "it is skipped",
                    }
                ),
            ));
        }
        steps.push(Step {
            number: block.index + 1,
            line: block.line,
            column: block.column,
            lang: lang_of(block, defaults),
            action,
            timeout,
            bound_by,
            notes,
            behaviour: crate::compile::behaviour(scrut.as_ref()),
            result: None,
            from_scenario: None,
            tty: directives.tty.unwrap_or(guide_tty).then(Tty::default),
            stdin: directives.stdin.clone(),
            writes,
        });
    }
    let variants = variants::steps(guide, &mut steps, &bound, default_timeout)?;
    steps.extend(variants);
    let mut setup = Setup {
        pass_env: defaults.pass_env.clone(),
        allow_empty: defaults.allow_empty,
        secrets: defaults.secrets.clone(),
        tool_versions: defaults.tool_versions.clone(),
        substitutions: defaults.substitutions.clone(),
        min_run: defaults.min_run,
        ..Setup::default()
    };
    if let Some(t) = defaults.run_timeout {
        setup.run_timeout = t;
    }
    if scrut_cases {
        setup.env = scrut_case::environment(guide);
        setup.tmp_subdir = Some("__tmp".to_string());
        if let Some(t) = document.total_timeout {
            setup.run_timeout = t;
        }
    }
    let mut scenario_path = None;
    if let Some(s) = scenario {
        setup.fixture = s.fixture;
        setup.env.extend(s.env);
        setup.docker = s.docker;
        setup.pass_env.extend(s.pass_env);
        setup.allow_empty |= s.allow_empty;
        setup.secrets.extend(s.secrets);
        setup.tool_versions.extend(s.tool_versions);
        setup.substitutions.extend(s.substitutions);
        setup.min_run = s.min_run.or(setup.min_run);
        setup.paths = s.paths;
        if let Some(t) = s.run_timeout {
            setup.run_timeout = t;
        }
        scenario_path = Some(s.path);
    }
    setup.env.extend(placeholders.variables.iter().cloned());
    compiled::finish(guide, &mut steps, &setup.substitutions)?;
    Ok(Plan {
        guide: guide.to_string(),
        text: text.to_string(),
        executable: crate::digest::executable(blocks),
        blocks: crate::digest::each(blocks),
        scenario: scenario_path,
        steps,
        setup,
        warnings,
    })
}

/// Fills in each command's placeholders, and notes the ones bash would read as a redirection.
fn bind_placeholders(
    commands: &mut [Command],
    placeholders: &Placeholders,
    notes: &mut Vec<String>,
) {
    for command in commands {
        command.bound = placeholders.bind(&command.text);
        let shown = command.bound.as_deref().unwrap_or(&command.text);
        for word in crate::placeholders::unbound(shown) {
            notes.push(format!(
                "line {}: {word} has no value, and bash reads it as a redirection from a file `{}`: give it one with `placeholders: {{\"{word}\": VALUE}}` in the scenario, or `--var '{word}=VALUE'`",
                command.line,
                word.trim_matches(|c| c == '<' || c == '>')
            ));
        }
    }
}

/// The block's language: its fence's, or the configured one for a bare fence.
fn lang_of(block: &Block, defaults: &Defaults) -> String {
    match (block.lang(), &defaults.default_lang) {
        (lang, Some(default)) if lang.is_empty() => default.clone(),
        (lang, _) => lang,
    }
}

#[allow(clippy::too_many_arguments)]
fn action(
    guide: &str,
    block: &Block,
    d: &Directives,
    service: Option<Service>,
    at: &Location,
    defaults: &Defaults,
    reader: &mut read::Reader,
    notes: &mut Vec<String>,
) -> Result<Action, Error> {
    if let Some(reason) = &d.skip {
        if reason.trim().is_empty() {
            return Err(Error::guide(at.clone(), SKIP_NEEDS_A_REASON));
        }
        return Ok(Action::Skip {
            reason: reason.trim().to_string(),
            kind: SkipKind::Asked,
        });
    }
    if let Some(of) = &d.fragment_of {
        check_path(of, at)?;
        return Ok(Action::CheckFragment {
            of: of.clone(),
            content: block.content.clone(),
            variants: Vec::new(),
        });
    }
    let lang = lang_of(block, defaults);
    let as_file = d.treat_as == Some(Treatment::File) || d.file.is_some();
    let is_command = languages::is_command(&lang) || defaults.command_langs.contains(&lang);
    let as_commands = d.treat_as == Some(Treatment::Commands) || (!as_file && is_command);
    if as_commands {
        let commands = if languages::is_scrut(&lang) {
            transcript::parse_scrut(guide, &block.content, block.content_line)?
        } else {
            reader.commands(guide, block, notes)?
        };
        return Ok(Action::Run {
            commands,
            exit: d.exit,
            service,
        });
    }
    let path = d
        .file
        .clone()
        .or_else(|| languages::default_file(&lang).map(str::to_string));
    match path {
        Some(path) => {
            check_path(&path, at)?;
            for p in &d.also {
                check_path(p, at)?;
            }
            Ok(Action::Write { path, also: d.also.clone(), content: block.content.clone() })
        }
        None => Ok(Action::Skip {
            kind: SkipKind::NotRunnable,
            reason: match lang.as_str() {
                "" => "a block with no language and no file path: bind it to a path or to commands to use it".to_string(),
                l => format!("a `{l}` block is neither commands nor a file with a path: bind it to use it"),
            },
        }),
    }
}

mod bind;
mod by_lang;
mod compiled;
mod dialects;
mod expected;
mod inline;
mod read;
mod unclosed;
mod variants;

use inline::{check_path, SKIP_NEEDS_A_REASON};

#[cfg(test)]
mod tests;
