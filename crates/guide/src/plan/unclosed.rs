//! Fences left open, read as CommonMark reads them, and said: a fence that
//! runs to the end of the file runs as it is, with a warning; one that its
//! blockquote or list item ends is valid CommonMark, noted; one that
//! swallowed the prose up to the next block's fence cannot run as the
//! reader means it, and fails at its line, saying where the fence opened.

use super::{Action, SkipKind};
use crate::markdown::{Block, Unclosed};

pub(super) fn fence(
    guide: &str,
    block: &Block,
    action: &mut Action,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) {
    match block.unclosed {
        None => {}
        Some(Unclosed::ByContainer) => notes.push(
            "this fence is never closed: its blockquote or list item ends it, as CommonMark reads it"
                .to_string(),
        ),
        Some(Unclosed::AtEnd) => {
            let said = "the fence opened here is never closed: the block runs to the end of the file; close it";
            notes.push(said.to_string());
            warnings.push(format!("{guide}:{}: {said}", block.line));
        }
        Some(Unclosed::Swallows(other)) => {
            let said = format!(
                "the fence opened at line {} is not closed before line {other} opens another, so the prose between is part of this block; close it",
                block.line
            );
            warnings.push(format!("{guide}:{}: {said}", block.line));
            if matches!(action, Action::Run { .. } | Action::Write { .. }) {
                *action = Action::Skip {
                    reason: said,
                    kind: SkipKind::Broken,
                };
            } else {
                notes.push(said);
            }
        }
    }
}
