//! Blocks that hold another block's expected output: Innovation Engine's
//! result blocks (after `<!-- expected_similarity=N -->`) and output blocks
//! (a block of an output language, ```` ```output ````, right after a
//! command block).

use super::{Action, SkipKind, Step};
use crate::error::{Error, Location};
use crate::markdown::Block;
use crate::result_block::{self, ResultBlock};
use crate::transcript::{ExpectedLine, OutputBlock, Status};

/// An `expected_similarity` comment before `block`: the block becomes the
/// expected output of the last command block before it, and is not run itself.
pub(super) fn attach_result(
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

/// The fence languages that hold the output of the command block before them.
#[derive(Debug, Clone)]
pub(super) struct OutputLangs {
    output: Vec<String>,
    /// Output that comes with a failure (the Carpentries' ```` ```error ````).
    error: Vec<String>,
}

impl OutputLangs {
    /// The scenario's lists, else the configuration's, else `output` and `error`.
    pub fn of(
        scenario: Option<&crate::scenario::Scenario>,
        defaults: &crate::config::Defaults,
    ) -> Self {
        let pick = |own: Option<&Vec<String>>, configured: &Option<Vec<String>>, default: &str| {
            own.or(configured.as_ref())
                .cloned()
                .unwrap_or_else(|| vec![default.to_string()])
        };
        OutputLangs {
            output: pick(
                scenario.and_then(|s| s.output_langs.as_ref()),
                &defaults.output_langs,
                "output",
            ),
            error: pick(
                scenario.and_then(|s| s.error_langs.as_ref()),
                &defaults.error_langs,
                "error",
            ),
        }
    }

    /// `Some(true)` for an error language, `Some(false)` for an output one.
    fn kind(&self, lang: &str) -> Option<bool> {
        if self.error.iter().any(|l| l == lang) {
            Some(true)
        } else if self.output.iter().any(|l| l == lang) {
            Some(false)
        } else {
            None
        }
    }
}

/// A block of an output language right after a command block (no other
/// block between them, prose and headings may be) is that block's expected output: the
/// output of its commands, one after the other, compared at its last
/// command, as the Carpentries' lessons and many READMEs show it. It is
/// not run itself. Elsewhere it stays skipped, saying why.
pub(super) fn attach_output(
    block: &Block,
    lang: &str,
    langs: &OutputLangs,
    steps: &mut [Step],
    action: &mut Action,
) {
    let Some(error) = langs.kind(lang) else {
        return;
    };
    if !matches!(
        action,
        Action::Skip {
            kind: SkipKind::NotRunnable,
            ..
        }
    ) {
        return;
    }
    let why_not = |reason: String| Action::Skip {
        reason,
        kind: SkipKind::NotRunnable,
    };
    let owner = steps
        .last_mut()
        .filter(|s| s.number == block.index && s.from_scenario.is_none());
    let Some(owner) = owner else {
        *action = why_not(format!(
            "an `{lang}` block holds the output of the command block right before it, and none comes right before this one"
        ));
        return;
    };
    let runs_plainly = owner.behaviour == Default::default() && owner.result.is_none();
    let Action::Run {
        commands,
        service: None,
        ..
    } = &mut owner.action
    else {
        *action = why_not(format!(
            "an `{lang}` block holds the output of the command block right before it, and the block before (line {}) is not run as commands",
            owner.line
        ));
        return;
    };
    let shows_its_own = commands
        .last()
        .is_some_and(|c| c.expected.as_ref().is_some_and(|e| !e.is_empty()));
    if !runs_plainly || shows_its_own || commands.is_empty() {
        *action = why_not(format!(
            "an `{lang}` block after a command block (line {}) that already says what it prints: not compared",
            owner.line
        ));
        return;
    }
    let count = block.content.lines().count();
    let mut expected: Vec<ExpectedLine> = block
        .content
        .lines()
        .enumerate()
        .map(|(i, text)| ExpectedLine {
            text: text.trim_end().to_string(),
            line: block.content_line + i,
            rule: None,
            matcher: crate::compile::trimmed_line(text, false),
            optional: false,
        })
        .collect();
    while expected.last().is_some_and(|l| l.text.is_empty()) {
        expected.pop();
    }
    let last = commands.len() - 1;
    for command in &mut commands[..last] {
        // Their output is part of the block's, compared at the last command.
        if command.expected.as_ref().is_some_and(Vec::is_empty) {
            command.expected = None;
        }
    }
    let command = &mut commands[last];
    command.expected = Some(expected);
    command.output_block = Some(OutputBlock {
        fence_line: block.line,
        first: block.content_line,
        last: block.content_line + count - 1,
        lang: lang.to_string(),
    });
    if error && command.exit.is_none() {
        command.exit = Some(Status::Failed);
    }
    owner.notes.push(format!(
        "its expected output is the `{lang}` block at line {}{}",
        block.line,
        if error {
            ", with a failure (an exit code other than 0)"
        } else {
            ""
        }
    ));
    *action = Action::Skip {
        reason: format!(
            "the expected output of step {} (line {}), checked there",
            owner.number, owner.line
        ),
        kind: SkipKind::ResultBlock,
    };
}
