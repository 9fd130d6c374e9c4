//! The plan's last pass: what compiling a step's expectations needs from the
//! whole guide (its named substitutions, an output block attached after the
//! step was read, a result block's stream), done once every step is there.

use super::{Action, Step};
use crate::compile;
use crate::error::{Error, Location};
use crate::model::{OutputLines, Stream};
use crate::transcript::Command;

/// An interpolated scrut case's commands: the names each one's lines refer
/// to, and their templates.
pub(super) fn interpolate(commands: &mut [Command]) {
    for command in commands {
        let Some(expected) = command.expected.as_mut() else {
            continue;
        };
        let mut lines: Vec<_> = expected
            .iter_mut()
            .filter_map(|l| Some((l.text.as_str(), l.rule.as_ref()?, &mut l.matcher)))
            .collect();
        command.interpolate = compile::interpolate(&mut lines);
    }
}

/// Named substitutions compiled into the lines that use them (a line that
/// cannot be matched with them is an error at its line), and a block with
/// a result block compares its stdout, as Innovation Engine does.
pub(super) fn finish(
    guide: &str,
    steps: &mut [Step],
    substitutions: &[(String, String)],
) -> Result<(), Error> {
    for step in steps {
        if step.result.is_some() && step.behaviour == Default::default() {
            step.behaviour.stream = Stream::Stdout;
            step.behaviour.convention = Some("Innovation Engine");
        }
        let Action::Run { commands, .. } = &mut step.action else {
            continue;
        };
        if step.behaviour.lines != OutputLines::Trimmed || substitutions.is_empty() {
            continue;
        }
        for line in commands
            .iter_mut()
            .flat_map(|c| c.expected.iter_mut().flatten())
        {
            let matcher = std::mem::replace(&mut line.matcher, compile::trimmed_line("", false));
            line.matcher = compile::substituted(matcher, substitutions)
                .map_err(|m| Error::guide(Location::new(guide, line.line, step.column), m))?;
        }
    }
    Ok(())
}
