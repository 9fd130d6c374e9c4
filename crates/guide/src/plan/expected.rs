//! Blocks that hold another block's expected output: Innovation Engine's
//! result blocks (after `<!-- expected_similarity=N -->`) and output blocks
//! (a block of an output language, ```` ```output ````, right after a
//! command block).

use super::{Action, SkipKind, Step};
use crate::error::{Error, Location};
use crate::markdown::Block;
use crate::result_block::{self, ResultBlock};

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
