//! Scenario bindings → the block each one binds: by content, exactly one.

use crate::error::Error;
use crate::markdown::Block;
use crate::scenario::{Binding, Scenario};

/// For each block, the scenario binding that matches it. A binding must match
/// exactly one block: otherwise the scenario no longer fits the guide. Among
/// several, `occurrence: N` picks the Nth, and a `fragment-of` binding leaves
/// out the blocks that are written to the file it is a fragment of (the
/// reader's edit of uncommenting the fragment in that file).
pub(super) fn bind<'s>(
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
