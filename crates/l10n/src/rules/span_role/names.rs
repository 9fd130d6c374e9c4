//! Names of the page and links moved where a Japanese or Korean sentence
//! cannot hold them, judged as the parent judges spans.

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

/// A link that Japanese or Korean machine translation moved as it moves
/// spans, where its sentence cannot hold it (`用意されて [`X`](…) います`,
/// between a verb and its ending): `link-moved`. Paired with the source's
/// link to the same target, when each side has one.
pub(in crate::rules) fn link_role(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let script = Script::of(t.text);
    if !matches!(script, Script::Japanese | Script::Korean) || t.inl.links.is_empty() {
        return;
    }
    let dest = |l: &crate::inline::Link| super::super::links::norm_dest(&l.dest);
    // Each target's links on each side, counted once.
    let mut counts: std::collections::HashMap<String, (usize, Option<usize>)> =
        std::collections::HashMap::new();
    for (i, l) in s.inl.links.iter().enumerate() {
        let e = counts.entry(dest(l)).or_default();
        e.0 += 1;
        e.1 = Some(i);
    }
    let mut in_t: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in &t.inl.links {
        *in_t.entry(dest(l)).or_default() += 1;
    }
    let said: std::collections::HashSet<usize> = out
        .iter()
        .filter(|f| f.0 == "link-moved")
        .map(|f| f.1)
        .collect();
    for tl in &t.inl.links {
        // A link whose text is a name or code, as a span's is: a translated
        // text may be the verb itself (`[설계 및 빌드](…)할 때`). Not a
        // figure, nor an `<xref:…>` (judged as a span).
        let text = &t.text[tl.range.clone()];
        let foreign = text
            .chars()
            .any(|c| crate::text::hangul(c) || crate::text::no_space_script(c));
        if tl.image || foreign || tl.dest.starts_with("xref:") || said.contains(&tl.range.start) {
            continue;
        }
        let key = dest(tl);
        let (Some(&1), Some(&(1, Some(si)))) = (in_t.get(&key), counts.get(&key)) else {
            continue;
        };
        let sl = &s.inl.links[si];
        if let Some((true, why)) = role(t, s, script, &sl.range, &tl.range) {
            // A link whose text is a code span: the span moved.
            let spanned =
                t.inl.codes.iter().any(|c| {
                    tl.range.contains(&c.range.start) && c.content.trim() == tl.text.trim()
                });
            let (rule, what) = if spanned {
                ("code-span-moved", "code span in the link")
            } else {
                ("link-moved", "link")
            };
            out.push((
                rule,
                tl.range.start,
                format!(
                    "{what} {} is not where the source has it: {why}",
                    crate::text::clip(&t.text[tl.range.clone()], 60)
                ),
            ));
        }
    }
}
