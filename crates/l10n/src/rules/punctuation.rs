//! `dangling-punctuation`: a space before `.`, `,` or `)` (and `:`, `;` in
//! other scripts than Latin), left behind where a code span or link moved
//! away.

use std::collections::{HashMap, HashSet};

use super::side::{Raw, Side};
use crate::text::{clip, is_word_char};

fn hspace(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// The marks a space before which is left behind: `.,)`, and `:;` in a text
/// that is not in Latin letters (French puts a space before them, Russian,
/// Korean or Greek do not).
fn marks(text: &str) -> &'static str {
    let latin = |c: char| !c.is_alphabetic() || (c as u32) < 0x0250;
    if text.chars().all(latin) {
        ".,)"
    } else {
        ".,):;"
    }
}

/// The punctuation marks of `marks` that a text has after a space.
fn spaced_punct(text: &str, marks: &str) -> HashSet<char> {
    let mut set = HashSet::new();
    let mut prev = 'x';
    for c in text.chars() {
        if marks.contains(c) && hspace(prev) {
            set.insert(c);
        }
        prev = c;
    }
    set
}

pub(super) fn dangling(t: &Side, s: Option<&Side>, out: &mut Vec<Raw>) {
    let marks = marks(t.text);
    let src_spaced = s.map(|s| spaced_punct(s.text, marks)).unwrap_or_default();
    // What the source has right before each punctuation mark, if a code span
    // or link: probably what moved away.
    let mut hints: HashMap<char, Option<String>> = HashMap::new();
    let mut hint = |c: char| -> Option<String> {
        hints
            .entry(c)
            .or_insert_with(|| {
                let s = s?;
                s.inl
                    .codes
                    .iter()
                    .map(|x| x.range.clone())
                    .chain(s.inl.links.iter().map(|l| l.range.clone()))
                    .filter(|r| s.text[r.end..].starts_with(c))
                    .min_by_key(|r| r.start)
                    .map(|r| format!("{}{c}", &s.text[r]))
            })
            .clone()
    };
    let mut masked = t.inl.cursor();
    let mut prev: Option<(char, bool)> = None; // previous char, and whether masked
    let mut line_has_text = false;
    // End of the last character that is not a space, and whether it belongs
    // to a code span or link.
    let mut last_solid: Option<(usize, bool)> = None;
    let mut last_solid_char = ' ';
    let mut iter = t.text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let is_masked = masked.at(i);
        let next = iter.peek().map(|&(_, n)| n);
        let before = prev;
        let text_before = line_has_text;
        let solid_before = last_solid;
        prev = Some((c, is_masked));
        if c == '\n' {
            line_has_text = false;
        } else if !hspace(c) {
            line_has_text = true;
            last_solid = Some((i + c.len_utf8(), is_masked));
        }
        let solid_char_before = last_solid_char;
        if !hspace(c) && c != '\n' {
            last_solid_char = c;
        }
        if !marks.contains(c) || is_masked || src_spaced.contains(&c) {
            continue;
        }
        let Some((pc, p_masked)) = before else {
            continue;
        };
        if !hspace(pc) || p_masked {
            continue;
        }
        // `.NET`, `...`, `,5`: not punctuation left behind.
        if c != ')' && next.is_some_and(|n| is_word_char(n) || n == '.' || n == '…') {
            continue;
        }
        // Only spaces before it on its line: not left behind by a move.
        if !text_before {
            continue;
        }
        // After emphasis, a quote or an escaped bracket (`**Path** .`, `"x" )`)
        // machine translation spaces the mark out: nothing is missing there.
        // A docfx include (`[!INCLUDE[ssNoVersion](…)] .`) is placed as a
        // code span is: the space is one the source does not have.
        let text_so_far = t.text[..i].trim_end();
        let include = text_so_far.ends_with(")]")
            && text_so_far
                .rfind("[!INCLUDE")
                .is_some_and(|k| !text_so_far[k..].contains(char::is_whitespace));
        if solid_before.is_some_and(|(_, m)| !m) && !is_word_char(solid_char_before) && !include {
            continue;
        }
        // Right after a link the same spacing is typographic; right after a
        // code span it is a space the source does not have.
        // An `<xref:…>` is a link there, though placed as a span.
        if solid_before
            .is_some_and(|(end, m)| m && !t.inl.codes.iter().any(|x| x.range.end == end && !x.xref))
        {
            continue;
        }
        // Right after a code span: a space the source does not have.
        let right_after = solid_before
            .filter(|&(_, m)| m)
            .and_then(|(end, _)| {
                t.inl
                    .codes
                    .iter()
                    .filter(|x| !x.xref)
                    .map(|x| x.range.clone())
                    .find(|r| r.end == end)
            })
            .map(|r| clip(&t.text[r], 50));
        let message = match (right_after, hint(c)) {
            (Some(x), Some(h)) => format!(
                "space between {x} and \"{c}\"; the source has \"{}\"",
                clip(&h, 60)
            ),
            (Some(x), None) => format!("space between {x} and \"{c}\""),
            (None, Some(h)) => format!(
                "space before \"{c}\": something moved away from here; the source has \"{}\"",
                clip(&h, 60)
            ),
            (None, None) => {
                format!("space before \"{c}\": something seems to be missing before it")
            }
        };
        out.push(("dangling-punctuation", i, message));
    }
}
