//! Blocks + annotations + scenario bindings → the steps of a run.
//! Every block becomes a step: nothing is dropped, and a skip always has a reason.

use std::time::Duration;

use crate::directives::{parse_attributes, Directives, Treatment};
use crate::error::{Error, Location};
use crate::markdown::Block;
use crate::scenario::{Scenario, Service};
use crate::transcript::{self, Command};

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);
pub const DEFAULT_RUN_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Languages whose blocks are commands typed into a terminal (shared with the
/// translation check, which flags a fence that changes into or out of them).
pub use doccheck_l10n::COMMAND_LANGS;

#[derive(Debug)]
pub struct Plan {
    /// The guide's path as the user gave it.
    pub guide: String,
    pub scenario: Option<Scenario>,
    pub steps: Vec<Step>,
    pub run_timeout: Duration,
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
    },
    Skip {
        reason: String,
    },
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
            Action::Skip { reason } => format!("skip: {reason}"),
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
}

pub fn build(guide: &str, blocks: &[Block], scenario: Option<Scenario>) -> Result<Plan, Error> {
    let bound = bind(guide, blocks, scenario.as_ref())?;
    let default_timeout = scenario
        .as_ref()
        .and_then(|s| s.timeout)
        .unwrap_or(DEFAULT_TIMEOUT);
    let mut steps = Vec::with_capacity(blocks.len());
    for (block, binding) in blocks.iter().zip(bound) {
        let at = Location::new(guide, block.line, block.column);
        let mut directives = Directives::default();
        let mut bound_by = None;
        if let Some(a) = &block.annotation {
            directives = parse_attributes(&a.text, &Location::new(guide, a.line, a.column))?;
            bound_by = Some(format!("annotation at line {}", a.line));
        }
        if !block.attributes().is_empty() {
            directives = directives.merged_with(&parse_attributes(block.attributes(), &at)?);
            bound_by.get_or_insert_with(|| "info string".to_string());
        }
        if let Some((d, location)) = binding {
            directives = directives.merged_with(d);
            bound_by = Some(location.to_string());
        }
        let timeout = directives
            .timeout()
            .map_err(|m| Error::at(at.clone(), m))?
            .unwrap_or(default_timeout);
        steps.push(Step {
            number: block.index + 1,
            line: block.line,
            column: block.column,
            lang: block.lang(),
            action: action(guide, block, &directives, &at)?,
            timeout,
            bound_by,
        });
    }
    let run_timeout = scenario
        .as_ref()
        .and_then(|s| s.run_timeout)
        .unwrap_or(DEFAULT_RUN_TIMEOUT);
    Ok(Plan {
        guide: guide.to_string(),
        scenario,
        steps,
        run_timeout,
    })
}

/// For each block, the scenario binding that matches it. A binding must match
/// exactly one block: otherwise the scenario no longer fits the guide.
fn bind<'s>(
    guide: &str,
    blocks: &[Block],
    scenario: Option<&'s Scenario>,
) -> Result<Vec<Option<(&'s Directives, &'s Location)>>, Error> {
    let mut bound = vec![None; blocks.len()];
    for binding in scenario.map(|s| &s.bindings[..]).unwrap_or_default() {
        let hits: Vec<&Block> = blocks
            .iter()
            .filter(|b| binding.matcher.matches(b))
            .collect();
        match hits[..] {
            [block] => {
                if bound[block.index].is_some() {
                    return Err(Error::at(
                        binding.location.clone(),
                        format!(
                            "this binding and an earlier one both match the block at {guide}:{}",
                            block.line
                        ),
                    ));
                }
                bound[block.index] = Some((&binding.directives, &binding.location));
            }
            [] => {
                return Err(Error::at(
                    binding.location.clone(),
                    format!("this binding matches no code block of {guide}"),
                ))
            }
            _ => {
                let lines: Vec<String> = hits.iter().map(|b| b.line.to_string()).collect();
                return Err(Error::at(
                    binding.location.clone(),
                    format!(
                        "this binding matches {} code blocks of {guide} (lines {}); give a line only one of them has",
                        hits.len(),
                        lines.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(bound)
}

fn action(guide: &str, block: &Block, d: &Directives, at: &Location) -> Result<Action, Error> {
    if let Some(reason) = &d.skip {
        if reason.trim().is_empty() {
            return Err(Error::at(
                at.clone(),
                "skip needs a reason, e.g. skip=\"needs a cloud account\"",
            ));
        }
        return Ok(Action::Skip {
            reason: reason.trim().to_string(),
        });
    }
    if let Some(of) = &d.fragment_of {
        check_path(of, at)?;
        return Ok(Action::CheckFragment {
            of: of.clone(),
            content: block.content.clone(),
        });
    }
    let lang = block.lang();
    let as_file = d.treat_as == Some(Treatment::File) || d.file.is_some();
    let as_commands = d.treat_as == Some(Treatment::Commands)
        || (!as_file && COMMAND_LANGS.contains(&lang.as_str()));
    if as_commands {
        let commands = transcript::parse(guide, &block.content, block.content_line)?;
        return Ok(Action::Run {
            commands,
            exit: d.exit,
            service: d.service.clone(),
        });
    }
    let path = d
        .file
        .clone()
        .or_else(|| (lang == "dockerfile").then(|| "Dockerfile".to_string()));
    match path {
        Some(path) => {
            check_path(&path, at)?;
            for p in &d.also {
                check_path(p, at)?;
            }
            Ok(Action::Write { path, also: d.also.clone(), content: block.content.clone() })
        }
        None => Ok(Action::Skip {
            reason: match lang.as_str() {
                "" => "a block with no language and no file path: bind it to a path or to commands to use it".to_string(),
                l => format!("a `{l}` block is neither commands nor a file with a path: bind it to use it"),
            },
        }),
    }
}

/// Workspace paths stay inside the workspace.
fn check_path(path: &str, at: &Location) -> Result<(), Error> {
    let p = std::path::Path::new(path);
    let escapes = p.is_absolute()
        || p.components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if path.trim().is_empty() || escapes {
        return Err(Error::at(
            at.clone(),
            format!("file path `{path}` must be relative to the workspace and stay inside it"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn plan(guide: &str, scenario: Option<&str>) -> Result<Plan, Error> {
        let blocks = parse("g.md", guide).unwrap();
        let scenario = scenario
            .map(|s| crate::scenario::parse("s.yaml", std::path::Path::new("s.yaml"), s).unwrap());
        build("g.md", &blocks, scenario)
    }

    #[test]
    fn every_block_gets_a_step_and_skips_have_reasons() {
        let p = plan("```sh\nls\n```\n\n```csharp\nclass A {}\n```\n\n```dockerfile\nFROM x\n```\n\n```\nbin/\n```\n", None).unwrap();
        let kinds: Vec<_> = p.steps.iter().map(|s| s.kind()).collect();
        assert_eq!(kinds, ["run", "skip", "write", "skip"]);
        assert!(p.steps[1].summary().contains("`csharp` block"));
        assert_eq!(p.steps[2].summary(), "write Dockerfile");
    }

    #[test]
    fn annotations_and_info_attributes() {
        let p = plan("<!-- doccheck: skip=\"needs a cloud\" -->\n```sh\nls\n```\n\n```text file=notes.txt\nhi\n```\n\n```sh timeout=3s exit=1\nfalse\n```\n", None).unwrap();
        assert_eq!(p.steps[0].summary(), "skip: needs a cloud");
        assert_eq!(p.steps[1].summary(), "write notes.txt");
        assert_eq!(p.steps[2].timeout, Duration::from_secs(3));
        assert!(matches!(
            p.steps[2].action,
            Action::Run { exit: Some(1), .. }
        ));
        let e = plan("<!-- doccheck skip=\"\" -->\n```sh\nls\n```\n", None).unwrap_err();
        assert!(
            e.to_string().starts_with("g.md:2:1: skip needs a reason"),
            "{e}"
        );
        let e = plan("```text file=../x\nhi\n```\n", None).unwrap_err();
        assert!(e.to_string().contains("must be relative"), "{e}");
    }

    #[test]
    fn scenario_bindings_by_content() {
        let guide = "```dockerfile\nFROM a\n```\n\n```dockerfile\nFROM a\nENV X=1\n```\n\n```console\nbin/\n```\n";
        let p = plan(guide, Some("guides: [g.md]\nblocks:\n  - line: ENV X=1\n    skip: a fragment\n  - line: bin/\n    file: .dockerignore\n")).unwrap();
        assert_eq!(p.steps[1].summary(), "skip: a fragment");
        assert_eq!(p.steps[1].bound_by.as_deref(), Some("s.yaml:3:5"));
        assert_eq!(p.steps[2].summary(), "write .dockerignore");
    }

    #[test]
    fn a_binding_must_match_exactly_one_block() {
        let guide = "```dockerfile\nFROM a\n```\n\n```dockerfile\nFROM a\n```\n";
        let e = plan(
            guide,
            Some("guides: [g.md]\nblocks:\n  - line: FROM a\n    file: x\n"),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "s.yaml:3:5: this binding matches 2 code blocks of g.md (lines 1, 5); give a line only one of them has");
        let e = plan(
            guide,
            Some("guides: [g.md]\nblocks:\n  - line: FROM b\n    file: x\n"),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.yaml:3:5: this binding matches no code block of g.md"
        );
    }
}
