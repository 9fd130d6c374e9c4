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

/// Punctuation that ends a clause, for counting clauses in order (brackets
/// and quotes, which enclose rather than end, are left out).
const CLAUSE_MARKS: &[char] = &[
    '、', '。', '，', '．', '；', '：', ',', ';', ':', '.', '!', '?', '！', '？',
];

/// Where the side's clauses end: its clause marks outside code spans and link
/// targets (an ASCII one only before a space), the trailing ones dropped.
fn clause_ends(side: &Side) -> Vec<usize> {
    let mut out = Vec::new();
    let mut masked = side.inl.cursor();
    let mut it = side.text.char_indices().peekable();
    let mut last_word = 0;
    while let Some((i, c)) = it.next() {
        if masked.at(i) {
            continue;
        }
        if c.is_alphanumeric() {
            last_word = i;
        }
        let spaced = it.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if CLAUSE_MARKS.contains(&c) && (!c.is_ascii() || spaced) {
            out.push(i);
        }
    }
    out.retain(|&i| i < last_word);
    out
}

/// Runs of Latin letters and digits outside code spans and link targets
/// that are copied as they are (numbers, words with a capital), each with
/// where it is: `900`, `MB`, `Debian`.
fn verbatim_runs<'a>(side: &Side<'a>) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut masked = side.inl.cursor();
    let text = side.text;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let latin = i < text.len() && !masked.at(i) && c.is_alphanumeric() && !no_space_script(c);
        match (latin, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                let run = &text[st..i];
                if run.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) {
                    out.push((st, run));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The span is in another clause, counted in order, than in the source,
/// while the sentence has as many clauses on both sides and the numbers and
/// names both have once (at least one), and the other spans, kept theirs:
/// "这是因为映像约为 900 MB，而 `sdk` 运行时映像约为 200 MB" for "This is
/// because the `sdk` image is around 900 MB, compared to around 200 MB…".
/// Clauses given in another order move their numbers and names too.
fn moved_across_clauses(
    t: &Side,
    s: &Side,
    all: &[(usize, usize)],
    k: usize,
) -> Option<(usize, usize)> {
    let (te, se) = (clause_ends(t), clause_ends(s));
    if te.len() != se.len() || te.is_empty() {
        return None;
    }
    let clause = |ends: &[usize], at: usize| ends.partition_point(|&e| e < at);
    let (si, ti) = all[k];
    let (a, b) = (
        clause(&se, s.inl.codes[si].range.start),
        clause(&te, t.inl.codes[ti].range.start),
    );
    if a == b {
        return None;
    }
    let others_kept = all
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != k)
        .all(|(_, &(x, y))| {
            clause(&se, s.inl.codes[x].range.start) == clause(&te, t.inl.codes[y].range.start)
        });
    let (tr, sr) = (verbatim_runs(t), verbatim_runs(s));
    let once = |v: &[(usize, &str)], w: &str| {
        let mut it = v.iter().filter(|(_, x)| *x == w);
        it.next().filter(|_| it.next().is_none()).map(|&(o, _)| o)
    };
    let mut anchors = 0;
    for &(so, w) in &sr {
        let (Some(true), Some(to)) = (once(&sr, w).map(|o| o == so), once(&tr, w)) else {
            continue;
        };
        if clause(&se, so) != clause(&te, to) {
            return None;
        }
        anchors += 1;
    }
    (others_kept && anchors > 0).then_some((a, b))
}

pub(super) fn code_span_clause(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if s.inl.codes.len() > 200 {
        return;
    }
    let sp = Place::new(s);
    let all = pairs(t, s);
    for (k, &(si, ti)) in all.iter().enumerate() {
        let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
        if super::moved_at(out, tr.start) {
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
                        s.inl.codes[si].shown(),
                        &t.text[at.clone()],
                        s.words[i].1
                    ),
                ));
                break;
            }
        }
        if super::moved_at(out, tr.start) {
            continue;
        }
        if let Some((a, b)) = moved_across_clauses(t, s, &all, k) {
            out.push((
                "code-span-moved",
                tr.start,
                format!(
                    "code span {} is not where the source has it: it is now in clause {} of the sentence, the source has it in clause {}, while the sentence's numbers and names kept theirs",
                    s.inl.codes[si].shown(),
                    b + 1,
                    a + 1
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::RefDefs;

    #[test]
    fn clauses_and_verbatim_runs() {
        let refs = RefDefs::new();
        let t = Side::new("而 `a, b` 约为 900 MB，而运行时映像，约为 200 MB。", &refs);
        let ends: Vec<&str> = clause_ends(&t).iter().map(|&i| &t.text[i..i + 3]).collect();
        // The comma inside the code span and the final `。` do not count.
        assert_eq!(ends, ["，", "，"]);
        let s = Side::new(
            "Run `x`, then see ASP.NET Core 3.0. Done, e.g. twice.",
            &refs,
        );
        // `,` `.` `,` before a space, not the dots of `ASP.NET` or `3.0`;
        // the dot of "e.g." counts too (the counts then differ from the
        // translation's, and nothing is reported).
        assert_eq!(clause_ends(&s).len(), 4);
        let runs: Vec<&str> = verbatim_runs(&s).iter().map(|&(_, w)| w).collect();
        assert_eq!(runs, ["Run", "ASP", "NET", "Core", "3", "0", "Done"]);
    }
}
