//! `code-span-moved` in scripts written without spaces (Japanese, Chinese),
//! where words cannot be counted: a code span that the source has right next
//! to a word (`the `builder` alias`) and that the translation puts in
//! another clause than that word, written as it is or in katakana
//! (`エイリアス`): "`builder` 基本イメージを宣言し、エイリアスを割り当てます"
//! for "Declares the base image and assigns the `builder` alias". A clause
//! ends at `、` `。` and their full-width and ASCII kin, or a parenthesis.
//! Word order inside a clause is free ("エイリアス `builder`" and
//! "`builder` エイリアス" are both fine).

use std::ops::Range;

use super::code_spans::backticked;
use super::side::{Raw, Side};
use super::span_place::{neighbour_word, norm, pairs, Place};
use crate::text::{is_katakana, no_space_script, transliterates};

/// Where a clause ends.
const CLAUSE_ENDS: &[char] = &[
    '、', '。', '，', '．', '；', '：', '（', '）', '(', ')', ',', ';', ':', '「', '」',
];

/// Where the translation has the word `w`, outside code spans and link
/// targets: as a Latin word (in any case) or in katakana.
fn occurrences(t: &Side, w: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    let mut masked = t.inl.cursor();
    let chars = t
        .text
        .char_indices()
        .chain(std::iter::once((t.text.len(), ' ')));
    for (i, c) in chars {
        let kind = if i < t.text.len() && masked.at(i) {
            None
        } else if is_katakana(c) {
            Some(true)
        } else if c.is_alphanumeric() && !no_space_script(c) {
            Some(false)
        } else {
            None
        };
        match (start, kind) {
            (Some((_, k)), Some(now)) if k == now => {}
            (prev, now) => {
                if let Some((s, kana)) = prev {
                    let run = &t.text[s..i];
                    let same = if kana {
                        transliterates(run, w)
                    } else {
                        norm(run) == w
                    };
                    if same {
                        out.push(s..i);
                    }
                }
                start = now.map(|k| (i, k));
            }
        }
    }
    out
}

pub(super) fn code_span_clause(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if s.inl.codes.len() > 200 {
        return;
    }
    let sp = Place::new(s);
    for (si, ti) in pairs(t, s) {
        let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
        if out
            .iter()
            .any(|f| f.0 == "code-span-moved" && f.1 == tr.start)
        {
            continue;
        }
        for i in [sp.prev(sr), sp.next(sr)].into_iter().flatten() {
            let w = sp.words[i].as_str();
            if !neighbour_word(w) || sp.words.iter().filter(|x| *x == w).count() != 1 {
                continue;
            }
            let found = occurrences(t, w);
            let [at] = found.as_slice() else {
                continue;
            };
            let between = if at.end <= tr.start {
                &t.text[at.end..tr.start]
            } else if at.start >= tr.end {
                &t.text[tr.end..at.start]
            } else {
                continue;
            };
            if between.contains(CLAUSE_ENDS) {
                out.push((
                    "code-span-moved",
                    tr.start,
                    format!(
                        "code span {} is not where the source has it: it is now in another clause than \"{}\", which the source has right next to it (\"{}\")",
                        backticked(&s.inl.codes[si].content),
                        &t.text[at.clone()],
                        s.words[i].1
                    ),
                ));
                break;
            }
        }
    }
}
