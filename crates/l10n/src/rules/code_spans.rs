//! Code span rules: spans missing, added or changed (`code-span-*`), and
//! spans moved out of a link's text or out of parentheses (`code-span-moved`).

use std::collections::HashSet;

use super::compare::{minus, small};
use super::links::norm_dest;
use super::side::{certain, Raw, Side};
use crate::text::{clip, edit_distance};

use crate::inline::{backticked, CodeSpan};

pub(super) fn code_spans(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    // An xref missing or added is a link's defect, reported by `links`.
    let spans = |side: &Side| -> Vec<CodeSpan> {
        side.inl.codes.iter().filter(|c| !c.xref).cloned().collect()
    };
    let (sc, tc) = (spans(s), spans(t));
    let missing = minus(&sc, &tc, |c| c.content.clone());
    let added = minus(&tc, &sc, |c| c.content.clone());
    let mut taken = vec![false; added.len()];
    let pairing = small(missing.len(), added.len() * 100);
    for m in &missing {
        let mut best: Option<(usize, usize)> = None;
        if pairing {
            for (j, a) in added.iter().enumerate() {
                if taken[j] {
                    continue;
                }
                let longest = m.content.chars().count().max(a.content.chars().count());
                let limit = longest.div_ceil(3).max(1);
                let d = edit_distance(&m.content, &a.content, limit);
                if d <= limit && best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((j, d));
                }
            }
        }
        match best {
            Some((j, _)) => {
                taken[j] = true;
                out.push((
                    "code-span-changed",
                    added[j].range.start,
                    format!(
                        "code span {} differs from the source's {}",
                        added[j].shown(),
                        m.shown()
                    ),
                ));
            }
            None => out.push((
                "code-span-missing",
                0,
                format!("code span {} of the source is missing", m.shown()),
            )),
        }
    }
    for (j, a) in added.iter().enumerate() {
        if !taken[j] {
            out.push((
                "code-span-added",
                a.range.start,
                format!("code span {} is not in the source", a.shown()),
            ));
        }
    }
}

/// Top-level parenthesized groups of the prose: (open, close) offsets.
fn paren_groups(side: &Side) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    let mut masked = side.inl.cursor();
    for (i, c) in side.text.char_indices() {
        if masked.at(i) {
            continue;
        }
        match c {
            '(' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push((open, i));
                }
            }
            _ => {}
        }
    }
    groups
}

/// A code span that the source has inside a link's text or inside
/// parentheses, and the translation has elsewhere.
/// The segment's last span now after its sentence's final stop (`в файл с
/// именем. `dir.log``, `です。 <code>…</code>`) where the source ends its
/// sentence after the span: it is outside the sentence it belongs to.
fn after_the_stop(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let Some(last) = t.inl.codes.last() else {
        return;
    };
    let stops = ['.', '。', '!', '?', '！', '？'];
    let ends = t.text.trim_end().len() == last.range.end;
    let before = t.text[..last.range.start].trim_end();
    let in_source = s.inl.codes.iter().find(|c| c.content == last.content);
    let source_stop =
        in_source.is_some_and(|c| s.text[..c.range.start].trim_end().ends_with(stops));
    if ends && before.ends_with(stops) && in_source.is_some() && !source_stop {
        out.push((
            "code-span-moved",
            last.range.start,
            certain(&format!(
                "code span {} is not where the source has it: it now comes after the sentence's final \"{}\", outside the sentence",
                last.shown(),
                before.chars().next_back().unwrap_or('.')
            )),
        ));
    }
}

pub(super) fn code_span_moved(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    after_the_stop(t, s, out);
    if !small(s.inl.codes.len(), t.inl.codes.len() + t.inl.links.len() + 1) {
        return;
    }
    let mut reported: HashSet<usize> = HashSet::new();
    // Out of a link's text.
    for sc in &s.inl.codes {
        let Some(li) = sc.in_link else { continue };
        let dest = norm_dest(&s.inl.links[li].dest);
        let tlinks: Vec<usize> = (0..t.inl.links.len())
            .filter(|&i| norm_dest(&t.inl.links[i].dest) == dest)
            .collect();
        if tlinks.is_empty() {
            continue;
        }
        let same: Vec<usize> = (0..t.inl.codes.len())
            .filter(|&i| t.inl.codes[i].content == sc.content)
            .collect();
        let inside = same
            .iter()
            .any(|&i| t.inl.codes[i].in_link.is_some_and(|l| tlinks.contains(&l)));
        if let (false, Some(&first)) = (inside, same.first()) {
            if reported.insert(first) {
                let l = &s.inl.links[li];
                out.push((
                    "code-span-moved",
                    t.inl.codes[first].range.start,
                    format!(
                        "code span {} is outside the link's text; the source has it inside: {}",
                        sc.shown(),
                        clip(&s.text[l.range.clone()], 70)
                    ),
                ));
            }
        }
    }
    // Out of parentheses.
    let sg = paren_groups(s);
    let tg = paren_groups(t);
    if sg.len() != tg.len() {
        return;
    }
    for (&(so, sc), &(to, tc)) in sg.iter().zip(&tg) {
        let within = |side: &Side, o: usize, c: usize| -> Vec<String> {
            side.inl
                .codes
                .iter()
                .filter(|x| x.range.start > o && x.range.end <= c)
                .map(|x| x.content.clone())
                .collect()
        };
        let sin = within(s, so, sc);
        let tin = within(t, to, tc);
        for gone in minus(&sin, &tin, |x| x.clone()) {
            let Some(i) = (0..t.inl.codes.len()).find(|&i| {
                t.inl.codes[i].content == *gone
                    && !(t.inl.codes[i].range.start > to && t.inl.codes[i].range.end <= tc)
            }) else {
                continue;
            };
            if reported.insert(i) {
                let m = format!(
                    "code span {} is outside the parentheses \"{}\"; the source has \"{}\"",
                    backticked(gone),
                    clip(&t.text[to..=tc], 50),
                    clip(&s.text[so..=sc], 50)
                );
                // Parentheses left empty: the span certainly left them.
                let empty = t.text[to + 1..tc].trim().is_empty();
                out.push((
                    "code-span-moved",
                    t.inl.codes[i].range.start,
                    if empty { certain(&m) } else { m },
                ));
            }
        }
    }
}
