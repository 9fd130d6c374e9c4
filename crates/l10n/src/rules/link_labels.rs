//! Link texts compared with the source's beyond their targets: two links
//! whose labels were swapped (`link-labels-swapped`), in a segment or between
//! the segments of one line (a "Previous / Next" footer), and a word of the
//! sentence pulled into a link's text (`link-text-grew`).

use std::collections::HashSet;

use super::footer_words::concept;
use super::links::norm_dest;
use super::side::{Raw, Side};
use super::span_place::norm;
use crate::text::{clip, hangul, no_space_script};

/// A label's tokens: its words normalized, footer words as their concept.
fn tokens(label: &str) -> HashSet<String> {
    crate::text::words(label)
        .into_iter()
        .map(norm)
        .filter(|w| w.chars().count() >= 2 || w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| concept(&w).map_or(w, str::to_string))
        .collect()
}

fn sim(a: &HashSet<String>, b: &HashSet<String>) -> usize {
    a.intersection(b).count()
}

/// A link for the comparison: label, normalized target, and where it is.
pub(crate) struct Label {
    pub(crate) text: String,
    pub(crate) dest: String,
    /// (segment, byte offset in its text).
    pub(crate) at: (usize, usize),
}

pub(crate) fn labels(side: &Side, seg: usize) -> Vec<Label> {
    side.inl
        .links
        .iter()
        .filter(|l| !l.image)
        .map(|l| Label {
            text: l.text.clone(),
            dest: norm_dest(&l.dest),
            at: (seg, l.range.start),
        })
        .collect()
}

/// Pairs of links whose labels match each other's source labels better than
/// their own; `across`: only pairs from two segments. (segment, offset, message).
pub(crate) fn swapped(t: &[Label], s: &[Label], across: bool) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    if t.len() > 50 || s.len() > 50 {
        return out;
    }
    let mut used = vec![false; s.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (ti, tl) in t.iter().enumerate() {
        if let Some(si) = (0..s.len()).find(|&i| !used[i] && s[i].dest == tl.dest) {
            used[si] = true;
            pairs.push((ti, si));
        }
    }
    let tok_t: Vec<_> = t.iter().map(|l| tokens(&l.text)).collect();
    let tok_s: Vec<_> = s.iter().map(|l| tokens(&l.text)).collect();
    for (x, &(ta, sa)) in pairs.iter().enumerate() {
        for &(tb, sb) in &pairs[x + 1..] {
            if t[ta].dest == t[tb].dest || (across && t[ta].at.0 == t[tb].at.0) {
                continue;
            }
            let cross_a = sim(&tok_t[ta], &tok_s[sb]);
            let cross_b = sim(&tok_t[tb], &tok_s[sa]);
            if cross_a > sim(&tok_t[ta], &tok_s[sa]) && cross_b > sim(&tok_t[tb], &tok_s[sb]) {
                let show = |l: &Label| format!("\"{}\" → {}", clip(&l.text, 30), l.dest);
                out.push((
                    t[ta].at.0,
                    t[ta].at.1,
                    format!(
                        "link labels look swapped: the translation has {} and {}; the source has {} and {}",
                        show(&t[ta]),
                        show(&t[tb]),
                        show(&s[sa]),
                        show(&s[sb])
                    ),
                ));
            }
        }
    }
    out
}

pub(super) fn link_labels_swapped(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    for (_, at, message) in swapped(&labels(t, 0), &labels(s, 0), false) {
        out.push(("link-labels-swapped", at, message));
    }
}

/// Words that are copied as they are (names, numbers, identifiers): with a
/// capital or a digit.
fn verbatim(w: &str) -> bool {
    w.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The word at `o` as written, or the code span's content.
fn shown(side: &Side, o: usize, w: &str) -> String {
    side.words
        .iter()
        .find(|x| x.0 == o)
        .map_or_else(|| w.trim_matches('`').to_string(), |x| x.1.to_string())
}

/// A word's Latin head before another script (`GitHub` of `GitHub의`).
fn latin_head(w: &str) -> &str {
    match w
        .char_indices()
        .find(|&(_, c)| hangul(c) || no_space_script(c))
    {
        Some((i, _)) if i > 0 => &w[..i],
        _ => w,
    }
}

/// A word or code span inside a link's text that the source has in the
/// sentence, outside the link: moved into it, or copied into it while it
/// also stays outside (more of it than in the source).
pub(super) fn link_text_grew(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if t.inl.links.len() > 50 || s.inl.links.len() > 50 {
        return;
    }
    let inside = |side: &Side, i: usize, at: usize| {
        let r = &side.inl.links[i].range;
        at >= r.start && at < r.end
    };
    let in_any = |side: &Side, at: usize| (0..side.inl.links.len()).any(|i| inside(side, i, at));
    // Words and code spans of a side: (offset, text, is code).
    let items = |side: &Side| -> Vec<(usize, String)> {
        let mut v: Vec<(usize, String)> = side
            .words
            .iter()
            // A Korean particle or Japanese kana written onto a name
            // (`GitHub의`, `GitHubの`) is not part of it.
            .map(|&(o, w)| (o, norm(latin_head(w))))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        v.extend(
            side.inl
                .codes
                .iter()
                .map(|c| (c.range.start, format!("`{}`", c.content))),
        );
        v
    };
    let (ti, si) = (items(t), items(s));
    let raw_verbatim = |side: &Side, o: usize| -> bool {
        side.words
            .iter()
            .find(|w| w.0 == o)
            .is_none_or(|&(_, w)| verbatim(w))
    };
    let mut used = vec![false; s.inl.links.len()];
    for (li, l) in t.inl.links.iter().enumerate() {
        if l.image {
            continue;
        }
        let Some(sl) = (0..s.inl.links.len())
            .find(|&i| !used[i] && norm_dest(&s.inl.links[i].dest) == norm_dest(&l.dest))
        else {
            continue;
        };
        used[sl] = true;
        let in_src_link: HashSet<&str> = si
            .iter()
            .filter(|(o, _)| inside(s, sl, *o))
            .map(|(_, w)| w.as_str())
            .collect();
        let count = |v: &[(usize, String)], side: &Side, w: &str| {
            v.iter()
                .filter(|(o, x)| x == w && !in_any(side, *o))
                .count()
        };
        let total = |v: &[(usize, String)], w: &str| v.iter().filter(|(_, x)| x == w).count();
        // A piece of a dotted name the source's link text has whole
        // (`Microsoft. AspNetCore. Authentication` for the package's name):
        // the name was broken, which the token rules say.
        let src_text = norm(&s.inl.links[sl].text);
        for (o, w) in ti.iter().filter(|(o, _)| inside(t, li, *o)) {
            if in_src_link.contains(w.as_str())
                || !raw_verbatim(t, *o)
                || (w.len() >= 3 && src_text.contains(w.as_str()))
            {
                continue;
            }
            let outside_src = count(&si, s, w);
            if outside_src == 0 {
                continue;
            }
            // Moved into the link, or copied into it while it also stays
            // outside: more of it than the source has.
            let (how, also) = if count(&ti, t, w) < outside_src {
                ("is inside", "")
            } else if total(&ti, w) > total(&si, w) {
                ("is copied into", ", and kept outside it too")
            } else {
                continue;
            };
            out.push((
                "link-text-grew",
                *o,
                format!(
                    "\"{}\" {how} the link text \"{}\"{also}; the source has it outside the link: {}",
                    shown(t, *o, w),
                    clip(&l.text, 50),
                    clip(&s.text[s.inl.links[sl].range.clone()], 70)
                ),
            ));
        }
    }
}

/// A link whose source text is a name (`[System.Management.Automation.ParameterAttribute](…)`)
/// and whose translated text has that name and words around it
/// (`[del atributo System. Management. Automation. ParameterAttribute](…)`):
/// the translation pulled its own words into the link. The name is compared
/// without spaces (machine translation spaces out its dots); a particle or
/// kana written onto the name is not a word pulled in.
pub(super) fn name_link_grew(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    // The source's first link to each target, looked up once each.
    let mut by_dest = std::collections::HashMap::new();
    for x in s.inl.links.iter().filter(|x| !x.image) {
        by_dest.entry(norm_dest(&x.dest)).or_insert(x);
    }
    for l in t.inl.links.iter().filter(|l| !l.image) {
        let Some(sl) = by_dest.get(&norm_dest(&l.dest)) else {
            continue;
        };
        let name = sl.text.trim();
        if !super::links::identifier_like(name) {
            continue;
        }
        let squeezed: String = l
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let name_lower = name.to_lowercase();
        let Some(at) = squeezed.find(&name_lower) else {
            continue;
        };
        let rest = format!("{}{}", &squeezed[..at], &squeezed[at + name_lower.len()..]);
        let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
        let only_particles = rest
            .chars()
            .all(|c| !c.is_alphabetic() || matches!(c as u32, 0x3040..=0x309F) || hangul(c))
            && rest.chars().filter(|&c| hangul(c)).count() <= 2;
        if letters < 2 || only_particles {
            continue;
        }
        let at = t.text[l.range.clone()]
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(0);
        out.push((
            "link-text-grew",
            l.range.start + at,
            format!(
                "the link text \"{}\" has words around the name the source's link text is, \"{name}\": words of the sentence were pulled into the link",
                clip(&l.text, 60)
            ),
        ));
    }
}
