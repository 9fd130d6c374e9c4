//! `source-glued-to-translation`: the English source (the whole of it, or a
//! long part) glued to the translated text without a space, as machine
//! translation leaves it in short segments and headings:
//! `Étapes de l'image d'exécutionThe runtime image steps`.
//!
//! The translation's words are cut where two texts meet inside a word: a
//! lower-case letter (or a digit, or the end of a sentence) directly followed
//! by an upper-case letter (or an acronym by a capitalized word:
//! `WCFDocker`), or a change between a script written without
//! spaces (Japanese, Chinese) and a Latin one, but not at that script's
//! punctuation (`、you can deploy…`: no space is written after `、`, so that
//! English is left, not glued). From such a cut, the source's
//! words are looked for forward (the English after the cut) and backward
//! (before it). A whole source glued with a lower-case letter
//! (`exécutionthe runtime…`) is found at the very end or start when it is
//! prose of three words or more; a whole source of three words or more glued
//! to Japanese or Chinese (`映像Create a Docker image`) is found when one of
//! its words is in lower case.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::side::{Raw, Side};
use crate::text::{self, clip, is_technical, normalize_space, trim_word};

/// A piece of a translation word, between cuts.
struct Piece {
    range: Range<usize>,
    key: String,
    /// Glued to the previous piece (a cut inside one word), and how.
    glued: Option<Glue>,
}

#[derive(Clone, Copy, PartialEq)]
enum Glue {
    /// Letters of a spaced script: `exécutionThe`, `image.Build`.
    Case,
    /// A script without spaces next to a Latin one: `ビルドBuild`.
    Script,
    /// Lower case on both sides: `exécutionthe`. As likely an inflection
    /// (`image` / `images`) when short, so only long prose counts.
    Lower,
}

fn key(w: &str) -> String {
    w.to_lowercase().replace('’', "'")
}

fn glue_between(a: char, b: char) -> Option<Glue> {
    let cjk = text::no_space_script;
    // `、you can…`: after (or before) `、` or `。` no space is written, so
    // the English there is left, not glued.
    if text::cjk_punctuation(a) || text::cjk_punctuation(b) {
        return None;
    }
    if cjk(a) != cjk(b) && (a.is_alphabetic() || cjk(a)) && (b.is_alphabetic() || cjk(b)) {
        return Some(Glue::Script);
    }
    if cjk(a) || cjk(b) {
        return None;
    }
    let case = (a.is_lowercase() || a.is_ascii_digit()) && b.is_uppercase();
    case.then_some(Glue::Case)
}

/// The end of a sentence glued to the next one: `l’image.Build`, but not
/// `ASP.NET` (upper case before the dot) nor `.NET`.
fn sentence_glue(w: &str, i: usize) -> bool {
    let mut before = w[..i].chars().rev();
    let (Some(p), Some(l)) = (before.next(), before.next()) else {
        return false;
    };
    let mut after = w[i..].chars();
    ".:;!?)".contains(p)
        && l.is_lowercase()
        && after.next().is_some_and(char::is_uppercase)
        && after.any(char::is_lowercase)
}

/// The translation's words, cut where two texts are glued; a word that is
/// one of the source's (`StockData`, `ASP.NET`) is not cut.
fn pieces(t: &Side, source_words: &HashSet<&str>) -> Vec<Piece> {
    let mut out = Vec::new();
    for &(at, w) in &t.words {
        if source_words.contains(key(w).as_str()) {
            push(&mut out, w, at, 0..w.len(), None);
            continue;
        }
        let mut from = 0;
        let mut prev: Option<char> = None;
        let mut glued = None;
        for (i, c) in w.char_indices() {
            let g = prev.and_then(|p| glue_between(p, c));
            let g = g.or_else(|| sentence_glue(w, i).then_some(Glue::Case));
            // An acronym glued to a capitalized word: `WCFDocker`.
            let acronym = prev.is_some_and(char::is_uppercase)
                && c.is_uppercase()
                && w[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
            let g = g.or(acronym.then_some(Glue::Case));
            if let Some(g) = g {
                push(&mut out, w, at, from..i, glued);
                from = i;
                glued = Some(g);
            }
            prev = Some(c);
        }
        push(&mut out, w, at, from..w.len(), glued);
    }
    out
}

fn push(out: &mut Vec<Piece>, w: &str, at: usize, r: Range<usize>, glued: Option<Glue>) {
    let raw = &w[r.clone()];
    let trimmed = trim_word(raw);
    if trimmed.is_empty() {
        return;
    }
    let lead = raw.find(trimmed).unwrap_or(0);
    let start = at + r.start + lead;
    out.push(Piece {
        range: start..start + trimmed.len(),
        key: key(trimmed),
        glued,
    });
}

/// Whether a run of source words is English worth reporting: the whole
/// source (two words or more, one of them an ordinary lower-case word), or a
/// long part of it that is prose. Names (`ASP.NET Core`, `Docker Hub`,
/// `Dockerfile`) are neither.
fn english(run: &[&str], whole: bool, glue: Glue) -> bool {
    let lower = run
        .iter()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !is_technical(w)
        })
        .count();
    let chars: usize = run.iter().map(|w| w.chars().count()).sum::<usize>() + run.len();
    let prose = text::is_prose(run);
    // Glued to Japanese or Chinese (`映像Create a Docker image`), where a
    // name or a term is often written without a space (`Dockerイメージ`,
    // `Release buildを`): the whole source of three words or more.
    let script_whole = glue == Glue::Script && run.len() >= 3;
    if whole
        && glue != Glue::Lower
        && run.len() >= 2
        && (prose || (lower >= 1 && (glue == Glue::Case || script_whole)))
    {
        return true;
    }
    run.len() >= 3 && chars >= 15 && prose
}

/// The English found: its range in the translation, the source words, and
/// where it is glued.
struct Found {
    range: Range<usize>,
    words: Range<usize>,
    glue_at: usize,
}

/// Finds the source glued to the translation; returns the range reported.
pub(super) fn source_glued(t: &Side, s: &Side, out: &mut Vec<Raw>) -> Option<Range<usize>> {
    let sw: Vec<String> = s.words.iter().map(|&(_, w)| key(w)).collect();
    if sw.len() < 2 {
        return None;
    }
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, w) in sw.iter().enumerate() {
        index.entry(w.as_str()).or_default().push(i);
    }
    let known: HashSet<&str> = index.keys().copied().collect();
    let p = pieces(t, &known);
    let words: Vec<&str> = s.words.iter().map(|&(_, w)| w).collect();
    let mut best: Option<Found> = None;
    let consider = |f: Found, glue: Glue, best: &mut Option<Found>| {
        let n = f.words.len();
        let whole = n == sw.len();
        if english(&words[f.words.clone()], whole, glue)
            && best.as_ref().is_none_or(|b| n > b.words.len())
        {
            *best = Some(f);
        }
    };
    let mut budget = 200_000usize;
    for (j, piece) in p.iter().enumerate() {
        let Some(glue) = piece.glued else { continue };
        if budget == 0 {
            break;
        }
        // Forward: the English starts at this piece.
        for &i in index.get(piece.key.as_str()).into_iter().flatten() {
            let mut n = 1;
            while i + n < sw.len() && j + n < p.len() && p[j + n].key == sw[i + n] {
                n += 1;
            }
            budget = budget.saturating_sub(n);
            let f = Found {
                range: piece.range.start..p[j + n - 1].range.end,
                words: i..i + n,
                glue_at: piece.range.start,
            };
            consider(f, glue, &mut best);
        }
        // Backward: the English ends at the previous piece.
        let Some(prev) = j.checked_sub(1).map(|k| &p[k]) else {
            continue;
        };
        for &i in index.get(prev.key.as_str()).into_iter().flatten() {
            let mut n = 1;
            while n <= i && n < j && p[j - 1 - n].key == sw[i - n] {
                n += 1;
            }
            budget = budget.saturating_sub(n);
            let f = Found {
                range: p[j - n].range.start..prev.range.end,
                words: i + 1 - n..i + 1,
                glue_at: piece.range.start,
            };
            consider(f, glue, &mut best);
        }
    }
    // The whole source glued after (or before) a lower-case letter.
    if best.is_none() && p.len() >= sw.len() {
        let k = sw.len();
        let tail = &p[p.len() - k..];
        if tail[1..].iter().zip(&sw[1..]).all(|(a, b)| &a.key == b) {
            let first = &tail[0];
            if let Some(at) = glued_suffix(t.text, &first.range, &sw[0]) {
                let f = Found {
                    range: at..tail[k - 1].range.end,
                    words: 0..k,
                    glue_at: at,
                };
                consider(f, Glue::Lower, &mut best);
            }
        }
        let head = &p[..k];
        if best.is_none() && head[..k - 1].iter().zip(&sw).all(|(a, b)| &a.key == b) {
            let last = &head[k - 1];
            if let Some(at) = glued_prefix(t.text, &last.range, &sw[k - 1]) {
                let f = Found {
                    range: head[0].range.start..at,
                    words: 0..k,
                    glue_at: at,
                };
                consider(f, Glue::Lower, &mut best);
            }
        }
    }
    let f = best?;
    let english = &t.text[f.range.clone()];
    let before = &t.text[..f.range.start];
    let after = &t.text[f.range.end..];
    let fixed = normalize_space(&format!("{before}{after}"));
    let fixed = fixed.trim_start_matches([' ', '.', ',', ';', ':']);
    let glued_word = glued_word(t.text, f.glue_at);
    out.push((
        "source-glued-to-translation",
        f.range.start,
        format!(
            "the English source \"{}\" is glued to the translation with no space (\"{}\"); suggested fix: \"{}\"",
            clip(english, 60),
            clip(&glued_word, 40),
            clip(fixed, 80)
        ),
    ));
    Some(f.range)
}

/// In the piece at `r`, where `word` ends it glued to letters before it.
fn glued_suffix(text: &str, r: &Range<usize>, word: &str) -> Option<usize> {
    let piece = &text[r.clone()];
    let n = word.chars().count();
    let (at, _) = piece.char_indices().rev().nth(n.checked_sub(1)?)?;
    let before = piece[..at].chars().next_back()?;
    (at > 0 && key(&piece[at..]) == word && text::is_word_char(before)).then_some(r.start + at)
}

/// In the piece at `r`, where `word` starts it glued to letters after it.
fn glued_prefix(text: &str, r: &Range<usize>, word: &str) -> Option<usize> {
    let piece = &text[r.clone()];
    let n = word.chars().count();
    let at = piece.char_indices().nth(n).map(|(i, _)| i)?;
    let after = piece[at..].chars().next()?;
    (key(&piece[..at]) == word && text::is_word_char(after)).then_some(r.start + at)
}

/// The whitespace-free text around a glue point, for the message.
fn glued_word(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace())
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].to_string()
}
