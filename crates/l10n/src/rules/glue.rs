//! `code-span-glued`: a code span or link touching a letter with no space
//! between them, where the source has a space.

use std::collections::HashSet;

use super::links::norm_dest;
use super::side::{Raw, Side};
use crate::text::{clip, glues_after, hangul, is_word_char, korean_particle, no_space_script};

/// The word of letters right after (or before) a byte offset.
pub(super) fn word_after(text: &str, at: usize) -> String {
    text[at..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .collect()
}

pub(super) fn word_before(text: &str, at: usize) -> String {
    let w: Vec<char> = text[..at]
        .chars()
        .rev()
        .take_while(|&c| is_word_char(c))
        .collect();
    w.into_iter().rev().collect()
}

/// The sides of a code span or link that touch a letter: (before, after).
fn touches(text: &str, range: &std::ops::Range<usize>) -> (bool, bool) {
    let before = text[..range.start]
        .chars()
        .next_back()
        .is_some_and(is_word_char);
    let rest = &text[range.end..];
    // A number's Korean counter (`` `25`번 ``, `` `3`개 ``) is written onto it.
    let number = text[range.clone()]
        .trim_matches('`')
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.');
    // Bold or italic text right after it (`` `Set-Content`**Path** ``,
    // `` `-i`*input_file* ``).
    let emphasis = ["**", "__", "*", "_"].iter().any(|m| {
        rest.strip_prefix(m)
            .is_some_and(|r| r.starts_with(is_word_char))
    });
    let after = rest.chars().next().is_some_and(glues_after)
        || (rest.starts_with(hangul) && !korean_particle(rest) && !number)
        || emphasis;
    (before, after)
}

pub(super) fn glued(t: &Side, s: Option<&Side>, out: &mut Vec<Raw>) {
    // What the source itself glues: (code content or link target, side).
    let mut allowed: HashSet<(String, bool)> = HashSet::new();
    if let Some(s) = s {
        for c in &s.inl.codes {
            let (b, a) = touches(s.text, &c.range);
            if b {
                allowed.insert((format!("`{}", c.content), false));
            }
            if a {
                allowed.insert((format!("`{}", c.content), true));
            }
        }
        for l in &s.inl.links {
            let (b, a) = touches(s.text, &l.range);
            if b {
                allowed.insert((format!("]{}", norm_dest(&l.dest)), false));
            }
            if a {
                allowed.insert((format!("]{}", norm_dest(&l.dest)), true));
            }
        }
    }
    // A command's flag glued to the command in a span (`get-member`-propiedad
    // where the source has `get-member` -membertype): the command line no
    // longer reads as typed. A hyphen after a span is otherwise fine (a
    // German compound: `--tag`-Flag).
    if let Some(s) = s {
        let flag_after = |text: &str, end: usize, spaced: bool| {
            let rest = &text[end..];
            let rest = if spaced { rest.trim_start() } else { rest };
            (!spaced || rest.len() < text[end..].len())
                && rest.starts_with('-')
                && rest[1..].starts_with(|c: char| c.is_alphabetic())
        };
        let spaced: HashSet<&str> = s
            .inl
            .codes
            .iter()
            .filter(|sc| flag_after(s.text, sc.range.end, true))
            .map(|sc| sc.content.as_str())
            .collect();
        for c in &t.inl.codes {
            if spaced.contains(c.content.as_str()) && flag_after(t.text, c.range.end, false) {
                out.push((
                    "code-span-glued",
                    c.range.start,
                    format!(
                        "code span {} is glued to the flag after it, \"{}\": the source has a space between them",
                        c.shown(),
                        clip(&t.text[c.range.end..], 20)
                    ),
                ));
            }
        }
    }
    // A span and a link touching each other (`` `Write-Host`[ToString()](…) ``)
    // where the source keeps them apart: a space is missing. Links by
    // their ends, so that a segment of thousands of spans and links is not
    // read spans times links.
    let ends = |side: &Side| -> HashSet<usize> {
        let links = side.inl.links.iter().filter(|l| !l.image);
        links.flat_map(|l| [l.range.start, l.range.end]).collect()
    };
    let touching = |side: &Side| -> HashSet<String> {
        let ends = ends(side);
        side.inl
            .codes
            .iter()
            .filter(|c| ends.contains(&c.range.end) || ends.contains(&c.range.start))
            .map(|c| c.content.clone())
            .collect()
    };
    // Japanese and Chinese write no spaces between words: only elsewhere.
    let spaced = t.text.chars().any(hangul) || !t.text.chars().any(no_space_script);
    if let (Some(s), true) = (s, spaced) {
        let glued_in_source = touching(s);
        let t_ends = ends(t);
        for c in &t.inl.codes {
            if !t_ends.contains(&c.range.end) && !t_ends.contains(&c.range.start) {
                continue;
            }
            let link = t
                .inl
                .links
                .iter()
                .filter(|l| !l.image)
                .find(|l| l.range.start == c.range.end || l.range.end == c.range.start);
            let Some(l) = link else { continue };
            if glued_in_source.contains(&c.content)
                || !s.inl.codes.iter().any(|sc| sc.content == c.content)
            {
                continue;
            }
            let side = if l.range.start == c.range.end {
                "after"
            } else {
                "before"
            };
            out.push((
                "code-span-glued",
                c.range.start,
                format!(
                    "code span {} is glued to the link {side} it, {}: a space is missing",
                    c.shown(),
                    clip(&t.text[l.range.clone()], 40)
                ),
            ));
        }
    }
    // (range, key, name, a Korean word, CJK at its (start, end)): a link
    // whose text ends in Hangul takes its ending as any Korean word does
    // (`[… 빌드](…)할`); one whose text starts or ends with Chinese or
    // Japanese meets Latin letters without a space, as those scripts do
    // (`[….证书](…)NuGet`).
    type Item = (std::ops::Range<usize>, String, String, bool, (bool, bool));
    let mut items: Vec<Item> = Vec::new();
    for c in &t.inl.codes {
        items.push((
            c.range.clone(),
            format!("`{}", c.content),
            format!("code span {}", c.shown()),
            false,
            (false, false),
        ));
    }
    for l in t.inl.links.iter().filter(|l| !l.image) {
        items.push((
            l.range.clone(),
            format!("]{}", norm_dest(&l.dest)),
            format!("link {}", clip(&t.text[l.range.clone()], 50)),
            l.text.trim_end().chars().next_back().is_some_and(hangul),
            (
                l.text.trim_start().starts_with(no_space_script),
                l.text
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(no_space_script),
            ),
        ));
    }
    for (range, key, name, korean, (cjk_start, cjk_end)) in items {
        let (b, a) = touches(t.text, &range);
        let b = b && !cjk_start;
        let a = a && !(korean && t.text[range.end..].starts_with(hangul)) && !cjk_end;
        if b && !allowed.contains(&(key.clone(), false)) {
            let before = word_before(t.text, range.start);
            if let Some(english) = english_before(t, s, &before, range.start) {
                out.push(english);
                continue;
            }
            out.push((
                "code-span-glued",
                range.start,
                format!("{name} is glued to the word before it, \"{before}\": a space is missing"),
            ));
        }
        if a && !allowed.contains(&(key, true)) {
            out.push((
                "code-span-glued",
                range.start,
                format!(
                    "{name} is glued to the word after it, \"{}\": a space is missing",
                    word_after(t.text, range.end)
                ),
            ));
        }
    }
}

/// In Japanese or Chinese, an English word the source writes in lower case
/// glued before a
/// span (`type`EventCallback<TValue>`の`): not a missing space, which those
/// scripts do not write, but the source's word left untranslated.
fn english_before(t: &Side, s: Option<&Side>, word: &str, at: usize) -> Option<Raw> {
    let s = s?;
    let cjk = t.text.chars().any(no_space_script) && !t.text.chars().any(hangul);
    // The source writes it in lower case, a word's spelling, not a name's
    // (`Docker` glued to a span is a name kept).
    let lower = word.to_lowercase();
    let in_source = s.words.iter().any(|&(_, w)| w == lower)
        && !s
            .words
            .iter()
            .any(|&(_, w)| w != lower && w.to_lowercase() == lower);
    (cjk && word.len() >= 3 && word.chars().all(|c| c.is_ascii_alphabetic()) && in_source).then(
        || {
            (
                "source-left-in-translation",
                at - word.len(),
                format!("\"{word}\" is the source's English, left untranslated before the span"),
            )
        },
    )
}
