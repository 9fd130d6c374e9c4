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
use crate::placeholders::Placeholders;
use crate::result_block::{self, ResultBlock};
use crate::scenario::{Binding, Scenario};
use crate::scrut::case::{self as scrut_case, Case, Document};
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
    /// The scenario that applies, as shown in reports.
    pub scenario: Option<PathBuf>,
    pub steps: Vec<Step>,
    pub setup: Setup,
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
    /// How a scrut test case runs (a ```` ```scrut ```` block).
    pub scrut: Option<Case>,
    /// The expected output of the whole block (Innovation Engine's result block).
    pub result: Option<ResultBlock>,
    /// Set for a step that is the scenario's, not a block of the guide (a
    /// variant's): where in the scenario. `--update` leaves it alone.
    pub from_scenario: Option<Location>,
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
    /// The expected output of an earlier step (Innovation Engine's result block).
    ResultBlock,
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
                match commands.len() {
                    0 => "no commands".to_string(),
                    1 => first.to_string(),
                    n => format!("{first} (+{} more)", n - 1),
                }
            }
            Action::Write { path, also, .. } if also.is_empty() => format!("write {path}"),
            Action::Write { path, also, .. } => format!("write {path} (and {})", also.join(", ")),
            Action::CheckFragment { of, .. } => format!("check fragment of {of}"),
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
    let bound = bind(guide, blocks, scenario.as_ref())?;
    // The scenario's values, then the configuration's and `--var`'s, which win.
    let mut placeholders = scenario
        .as_ref()
        .map(|s| s.placeholders.clone())
        .unwrap_or_default();
    placeholders.extend(&defaults.placeholders);
    // A scenario's default language wins over the configuration's, for its guides.
    let scenario_lang = scenario.as_ref().and_then(|s| s.default_lang.clone());
    let scoped;
    let defaults = match scenario_lang {
        Some(lang) => {
            scoped = Defaults {
                default_lang: Some(lang),
                ..defaults.clone()
            };
            &scoped
        }
        None => defaults,
    };
    let default_timeout = scenario
        .as_ref()
        .and_then(|s| s.timeout)
        .or(defaults.timeout)
        .unwrap_or(DEFAULT_TIMEOUT);
    let inline = inline::read(guide, blocks, defaults)?;
    let mut steps = Vec::with_capacity(blocks.len());
    for ((block, binding), own) in blocks.iter().zip(bound.iter().copied()).zip(inline) {
        let at = Location::new(guide, block.line, block.column);
        let inline::Inline {
            mut directives,
            mut bound_by,
            mut notes,
        } = own;
        let is_scrut = lang_of(block, defaults) == languages::SCRUT;
        let mut service = None;
        let mut service_at = None;
        if let Some(b) = binding {
            service_at = b.service.as_ref().map(|_| b.location.clone());
            directives = directives.merged_with(&b.directives);
            service = b.service.clone();
            bound_by = Some(b.location.to_string());
        }
        let mut action = action(guide, block, &directives, service, &at, defaults)?;
        if let Some(marker) = &block.result_marker {
            attach_result(guide, block, marker, &mut steps, &mut action, &mut notes)?;
        }
        let scrut = match (&action, is_scrut) {
            (Action::Run { .. }, true) => {
                let (case, more) = scrut_case::case(block.attributes(), document, &at)?;
                if steps.iter().all(|s: &Step| s.scrut.is_none()) {
                    notes.extend(document.notes.iter().cloned());
                }
                notes.extend(more);
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
            scrut,
            result: None,
            from_scenario: None,
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
        ..Setup::default()
    };
    if let Some(t) = defaults.run_timeout {
        setup.run_timeout = t;
    }
    if steps.iter().any(|s| s.scrut.is_some()) {
        setup.env = scrut_case::environment(guide);
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
        if let Some(t) = s.run_timeout {
            setup.run_timeout = t;
        }
        scenario_path = Some(s.path);
    }
    setup.env.extend(placeholders.variables.iter().cloned());
    Ok(Plan {
        guide: guide.to_string(),
        text: text.to_string(),
        executable: crate::digest::executable(blocks),
        scenario: scenario_path,
        steps,
        setup,
    })
}

/// For each block, the scenario binding that matches it. A binding must match
/// exactly one block: otherwise the scenario no longer fits the guide. Among
/// several, `occurrence: N` picks the Nth, and a `fragment-of` binding leaves
/// out the blocks that are written to the file it is a fragment of (the
/// reader's edit of uncommenting the fragment in that file).
fn bind<'s>(
    guide: &str,
    blocks: &[Block],
    scenario: Option<&'s Scenario>,
) -> Result<Vec<Option<&'s Binding>>, Error> {
    let mut bound = vec![None; blocks.len()];
    let bindings = scenario.map(|s| &s.bindings[..]).unwrap_or_default();
    let hits_of = |binding: &Binding| -> Vec<&Block> {
        blocks
            .iter()
            .filter(|b| binding.matcher.matches(b))
            .collect()
    };
    for binding in bindings {
        let mut hits = hits_of(binding);
        if let Some(n) = binding.directives.occurrence {
            hits = match hits.get(n - 1) {
                Some(block) => vec![*block],
                None => {
                    return Err(Error::scenario(
                        binding.location.clone(),
                        format!(
                            "occurrence: {n}, but this binding matches {} code block{} of {guide}",
                            hits.len(),
                            if hits.len() == 1 { "" } else { "s" }
                        ),
                    ))
                }
            };
        }
        if let (Some(of), true) = (&binding.directives.fragment_of, hits.len() > 1) {
            let targets: Vec<usize> = bindings
                .iter()
                .filter(|other| {
                    let d = &other.directives;
                    d.file.as_ref() == Some(of) || d.also.contains(of)
                })
                .flat_map(|other| hits_of(other).into_iter().map(|b| b.index))
                .collect();
            hits.retain(|b| !targets.contains(&b.index));
        }
        match hits[..] {
            [block] => {
                if bound[block.index].is_some() {
                    return Err(Error::scenario(
                        binding.location.clone(),
                        format!(
                            "this binding and an earlier one both match the block at {guide}:{}",
                            block.line
                        ),
                    ));
                }
                bound[block.index] = Some(binding);
            }
            [] => {
                return Err(Error::scenario(
                    binding.location.clone(),
                    format!("this binding matches no code block of {guide}"),
                ))
            }
            _ => {
                let lines: Vec<String> = hits.iter().map(|b| b.line.to_string()).collect();
                return Err(Error::scenario(
                    binding.location.clone(),
                    format!(
                        "this binding matches {} code blocks of {guide} (lines {}); give a line only one of them has, `lines:` that only one has all of, or `occurrence: N`",
                        hits.len(),
                        lines.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(bound)
}

/// An `expected_similarity` comment before `block`: the block becomes the
/// expected output of the last command block before it, and is not run itself.
fn attach_result(
    guide: &str,
    block: &Block,
    marker: &crate::markdown::Annotation,
    steps: &mut [Step],
    action: &mut Action,
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    let at = Location::new(guide, marker.line, marker.column);
    let Some(expect) = result_block::expectation(&marker.text, &at)? else {
        return Ok(());
    };
    if matches!(action, Action::Run { .. }) {
        notes.push(format!(
            "line {}: `{}` comes before a block that runs: ignored (a result block holds the output of the command block before it)",
            marker.line, marker.text
        ));
        return Ok(());
    }
    let Some(owner) = steps
        .iter_mut()
        .rev()
        .find(|s| matches!(s.action, Action::Run { .. }))
    else {
        notes.push(format!(
            "line {}: `{}` follows no command block: ignored",
            marker.line, marker.text
        ));
        return Ok(());
    };
    if owner.result.is_some() {
        return Err(Error::guide(
            at,
            format!(
                "the block at line {} already has a result block; a command block has one expected output",
                owner.line
            ),
        ));
    }
    owner.result = Some(ResultBlock {
        line: block.line,
        lang: block.lang(),
        content: block.content.clone(),
        expect,
    });
    *action = Action::Skip {
        reason: format!(
            "the expected output of step {} (line {}), checked there (`{}`)",
            owner.number, owner.line, marker.text
        ),
        kind: SkipKind::ResultBlock,
    };
    Ok(())
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

fn action(
    guide: &str,
    block: &Block,
    d: &Directives,
    service: Option<Service>,
    at: &Location,
    defaults: &Defaults,
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
        let commands = if lang == languages::SCRUT {
            transcript::parse_scrut(guide, &block.content, block.content_line)?
        } else {
            transcript::parse(guide, &block.content, block.content_line)?
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

mod inline;
mod variants;

use inline::{check_path, SKIP_NEEDS_A_REASON};

#[cfg(test)]
mod tests;
