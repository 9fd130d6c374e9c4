//! Names of the page moved where a Japanese or Korean sentence cannot hold
//! them, judged as the parent judges spans.

use std::ops::Range;

use super::super::side::{Raw, Side};
use super::{role, Script};

/// A name of the page (`Blazor`) that Japanese or Korean machine
/// translation moved as it moves spans: where its sentence cannot hold it
/// (between a verb and its ending, after the final verb), judged as a span.
/// As often in the source as in the translation, so that the occurrences
/// pair in order.
pub(in crate::rules) fn name_role(
    t: &Side,
    s: &Side,
    names: &super::super::Names,
    out: &mut Vec<Raw>,
) {
    let script = Script::of(t.text);
    if !matches!(script, Script::Japanese | Script::Korean) {
        return;
    }
    let whole = |text: &str, w: &str| -> Vec<Range<usize>> {
        text.match_indices(w)
            .filter(|&(i, _)| {
                let b = text[..i].chars().next_back();
                let a = text[i + w.len()..].chars().next();
                !b.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
                    && !a.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            })
            .map(|(i, _)| i..i + w.len())
            .collect()
    };
    let mut seen = std::collections::HashSet::new();
    for &(_, w) in &s.words {
        let w = crate::text::trim_word(w);
        if !names.has_word(w) || !seen.insert(w) {
            continue;
        }
        let (sr, tr) = (whole(s.text, w), whole(t.text, w));
        if sr.len() != tr.len() {
            continue;
        }
        for (sr, tr) in sr.iter().zip(&tr) {
            if let Some((true, why)) = role(t, s, script, sr, tr) {
                out.push((
                    "product-name-altered",
                    tr.start,
                    format!("the name \"{w}\" is not where the source has it: {why}"),
                ));
            }
        }
    }
}
