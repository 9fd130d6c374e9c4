//! `code-span-moved` by neighbourhood: a code span that a machine
//! translation put at another place in its sentence (`Crée `/src` le
//! répertoire` for "Creates the `/src` directory"). Each span is compared with
//! its source's: which side of the sentence's strong punctuation (`:` `;`) and
//! of its conjunctions ("and", "because", "that", "like") it is on, whether an
//! article now follows it where the source has it inside a noun phrase, and
//! whether it now sits next to a word that the source has elsewhere. Word
//! order inside a phrase (adjective and noun, German verb-final clauses,
//! elision) is not compared; in scripts without spaces (Japanese, Chinese)
//! only the clause a span is in is (`span_clause`).

use std::collections::{HashMap, HashSet};

use super::side::{Raw, Side};
use crate::text::{is_english_word, no_space_script};

/// Conjunctions whose translations keep their place in the sentence: the
/// English word, then its usual translations (French, German, Spanish,
/// Italian, Portuguese).
const GROUPS: &[(&str, &[&str])] = &[
    ("and", &["and", "et", "und", "y", "e"]),
    (
        "because",
        &["because", "parce", "car", "weil", "porque", "perché"],
    ),
    ("that", &["that", "que", "dass", "daß", "che"]),
    ("like", &["like", "comme", "wie", "como"]),
];

/// English determiners: a span right after one is inside a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "your", "this", "that", "its", "their", "our", "each", "every", "any",
    "these", "those",
];

/// Articles that start a new noun phrase in French and Spanish, where a code
/// span naming a thing follows its noun: right after a span, they show the
/// span was put before the phrase it belongs to.
const ARTICLES: &[&str] = &[
    "le", "la", "les", "un", "une", "el", "los", "las", "una", "unos", "unas",
];

/// A word compared across languages: lower case, an elided article or a
/// leading hyphen (`l’image`, `-Build`) and a possessive `'s` dropped.
pub(super) fn norm(w: &str) -> String {
    let mut w = w.to_lowercase().replace('’', "'");
    if let Some(i) = w.find('\'') {
        let head = &w[..i];
        if i <= 2 && !head.is_empty() && head.chars().all(|c| c.is_alphabetic()) {
            w = w[i + 1..].to_string();
        }
    }
    if let Some(x) = w.strip_suffix("'s") {
        w = x.to_string();
    }
    w.trim_start_matches('-').to_string()
}

/// Whether the word is elided (`l’image`): it starts with its article.
fn elided_article(w: &str) -> bool {
    let w = w.to_lowercase().replace('’', "'");
    w.starts_with("l'") && w.len() > 2
}

pub(super) struct Place<'a> {
    side: &'a Side<'a>,
    /// Normalized words, parallel to `side.words`.
    pub(super) words: Vec<String>,
    strong: Vec<usize>,
    commas: Vec<usize>,
}

impl<'a> Place<'a> {
    pub(super) fn new(side: &'a Side<'a>) -> Self {
        let words = side.words.iter().map(|&(_, w)| norm(w)).collect();
        let (mut strong, mut commas) = (Vec::new(), Vec::new());
        let mut masked = side.inl.cursor();
        let mut it = side.text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let next_space = it.peek().is_some_and(|&(_, n)| n.is_whitespace());
            if masked.at(i) || !next_space {
                continue;
            }
            match c {
                ':' | ';' | '!' | '?' | '.' => strong.push(i),
                ',' => commas.push(i),
                _ => {}
            }
        }
        Place {
            side,
            words,
            strong,
            commas,
        }
    }

    /// Index of the first word at or after `at`.
    fn after(&self, at: usize) -> usize {
        self.side.words.partition_point(|&(o, _)| o < at)
    }

    /// The word right before the span (only spaces between), if any.
    pub(super) fn prev(&self, r: &std::ops::Range<usize>) -> Option<usize> {
        let i = self.after(r.start).checked_sub(1)?;
        let (o, w) = self.side.words[i];
        self.side.text[o + w.len()..r.start]
            .trim()
            .is_empty()
            .then_some(i)
    }

    /// The word right after the span (only spaces between), if any.
    pub(super) fn next(&self, r: &std::ops::Range<usize>) -> Option<usize> {
        let i = self.after(r.end);
        let &(o, _) = self.side.words.get(i)?;
        self.side.text[r.end..o].trim().is_empty().then_some(i)
    }

    fn group_count(&self, g: &[&str], before: usize) -> usize {
        self.words[..before]
            .iter()
            .filter(|w| g.contains(&w.as_str()))
            .count()
    }

    /// Whether at most one word is between the span and the start or the
    /// end of its sentence (strong punctuation).
    fn at_edge(&self, r: &std::ops::Range<usize>) -> bool {
        let k = self.strong.partition_point(|&o| o < r.start);
        let from = k.checked_sub(1).map_or(0, |j| self.after(self.strong[j]));
        let to = self
            .strong
            .get(k)
            .map_or(self.words.len(), |&o| self.after(o));
        self.after(r.start) - from <= 1 || to.saturating_sub(self.after(r.end)) <= 1
    }

    /// The span with up to two words either side, for a message.
    fn context(&self, r: &std::ops::Range<usize>) -> String {
        let i = self.after(r.start);
        let start = self.side.words[i.saturating_sub(2)..i]
            .first()
            .map_or(r.start, |&(o, _)| o);
        let j = self.after(r.end);
        let end = self.side.words[j..(j + 2).min(self.side.words.len())]
            .last()
            .map_or(r.end, |&(o, w)| o + w.len());
        crate::text::normalize_space(&self.side.text[start..end])
    }
}

/// Pairs each code span of the source (outside link texts) with the
/// translation's span of the same content and occurrence: (source, translation)
/// indices in `inl.codes`.
pub(super) fn pairs(t: &Side, s: &Side) -> Vec<(usize, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (si, sc) in s.inl.codes.iter().enumerate() {
        if sc.in_link.is_some() {
            continue;
        }
        let k = seen.entry(sc.content.as_str()).or_default();
        let ti = t
            .inl
            .codes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.in_link.is_none() && c.content == sc.content)
            .nth(*k)
            .map(|(i, _)| i);
        *k += 1;
        if let Some(ti) = ti {
            out.push((si, ti));
        }
    }
    out
}

pub(super) fn code_span_misplaced(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if t.text.chars().any(no_space_script) {
        super::span_clause::code_span_clause(t, s, out);
        return;
    }
    if s.inl.codes.len() > 200 {
        return;
    }
    let already: HashSet<usize> = out
        .iter()
        .filter(|f| f.0 == "code-span-moved")
        .map(|f| f.1)
        .collect();
    let (tp, sp) = (Place::new(t), Place::new(s));
    let shared: HashSet<&str> = {
        let tw: HashSet<&str> = tp.words.iter().map(String::as_str).collect();
        sp.words
            .iter()
            .map(String::as_str)
            .filter(|w| w.chars().count() >= 3 && tw.contains(w))
            .collect()
    };
    let all = pairs(t, s);
    let moved_by_comma: Vec<bool> = all
        .iter()
        .map(|&(si, ti)| {
            let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
            let before = |v: &[usize], at: usize| v.partition_point(|&o| o < at);
            before(&sp.commas, sr.start) != before(&tp.commas, tr.start)
        })
        .collect();
    for (k, &(si, ti)) in all.iter().enumerate() {
        let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
        if already.contains(&tr.start) {
            continue;
        }
        if let Some(why) = reason(&tp, &sp, sr, tr, &shared, &all, &moved_by_comma, k) {
            out.push((
                "code-span-moved",
                tr.start,
                format!(
                    "code span {} is not where the source has it: {why}; the source has \"{}\", the translation \"{}\"",
                    s.inl.codes[si].shown(),
                    sp.context(sr),
                    tp.context(tr)
                ),
            ));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn reason(
    tp: &Place,
    sp: &Place,
    sr: &std::ops::Range<usize>,
    tr: &std::ops::Range<usize>,
    shared: &HashSet<&str>,
    all: &[(usize, usize)],
    moved_by_comma: &[bool],
    k: usize,
) -> Option<String> {
    let t = tp.side;
    let before = |v: &[usize], at: usize| v.partition_point(|&o| o < at);
    let (s_at, t_at) = (sp.after(sr.start), tp.after(tr.start));
    let (s_prev, s_next) = (sp.prev(sr), sp.next(sr));
    let (t_prev, t_next) = (tp.prev(tr), tp.next(tr));
    let s_mid = s_prev.is_some() && s_next.is_some();

    // Across strong punctuation.
    if sp.strong.len() == tp.strong.len() && !sp.strong.is_empty() {
        let (a, b) = (before(&sp.strong, sr.start), before(&tp.strong, tr.start));
        if a != b && s_mid {
            let mark = |p: &Place, i: usize| p.side.text[i..].chars().next().unwrap_or(' ');
            let (when, i) = if b < a {
                ("before", b)
            } else {
                ("after", b - 1)
            };
            return Some(format!(
                "it is now {when} the \"{}\" that the source has on its other side",
                mark(tp, tp.strong[i])
            ));
        }
    }

    // Across a conjunction the span is next to in the source.
    for (en, g) in GROUPS {
        let (a, b) = (sp.group_count(&[en], s_at), tp.group_count(g, t_at));
        let (na, nb) = (
            sp.group_count(&[en], sp.words.len()),
            tp.group_count(g, tp.words.len()),
        );
        if na != nb || na == 0 || a == b {
            continue;
        }
        let is =
            |i: Option<usize>, ws: &[&str]| i.is_some_and(|i| ws.contains(&sp.words[i].as_str()));
        let right_after = is(s_prev, &[en])
            || (is(s_prev, DETERMINERS) && s_prev.is_some_and(|i| i > 0 && sp.words[i - 1] == *en));
        let right_before = is(s_next, &[en]);
        // Items of a list swapped around their conjunction: `b` et `a`.
        let listed = |i: Option<usize>, code_beyond: bool| {
            i.is_some_and(|i| g.contains(&tp.words[i].as_str())) && code_beyond
        };
        let code_at = |at: usize| t.span_after(at) || t.span_before(at);
        let in_list = listed(
            t_next,
            t_next.is_some_and(|i| {
                let (o, w) = t.words[i];
                code_at(o + w.len())
            }),
        ) || listed(t_prev, t_prev.is_some_and(|i| code_at(t.words[i].0)));
        if (right_after || right_before) && !in_list {
            let found = if b < a {
                tp.words[t_at..]
                    .iter()
                    .position(|w| g.contains(&w.as_str()))
                    .map(|i| i + t_at)
            } else {
                tp.words[..t_at]
                    .iter()
                    .rposition(|w| g.contains(&w.as_str()))
            };
            let tw = found.map_or(*en, |i| t.words[i].1);
            let when = if b < a { "before" } else { "after" };
            let other = if when == "before" { "after" } else { "before" };
            return Some(format!(
                "it is now {when} \"{tw}\" where the source has it {other} \"{en}\""
            ));
        }
    }

    // Next to a word the source has elsewhere.
    let (s_edge, t_edge) = (sp.at_edge(sr), tp.at_edge(tr));
    if !(s_edge && t_edge) {
        for i in [t_prev, t_next].into_iter().flatten() {
            let w = tp.words[i].as_str();
            if !shared.contains(w) {
                continue;
            }
            let lo = s_at.saturating_sub(2);
            let hi = (sp.after(sr.end) + 2).min(sp.words.len());
            if !sp.words[lo..hi].iter().any(|x| x == w) {
                return Some(format!(
                    "it is now next to \"{}\", which the source has elsewhere in the sentence",
                    t.words[i].1
                ));
            }
        }
    }

    // Away from the word the source has right next to it.
    if let Some(why) = neighbour_left(tp, sp, sr, tr, shared) {
        return Some(why);
    }

    // An article right after it, where the source has it inside a noun phrase
    // and the translation does not have the span's own phrase start with an
    // article before it ("à la variable d’environnement `X` la valeur": the
    // span follows its noun, and the article starts the next phrase).
    let s_in_phrase = s_mid && s_prev.is_some_and(|i| DETERMINERS.contains(&sp.words[i].as_str()));
    if let (true, Some(i), false) = (s_in_phrase, t_next, article_before(tp, tr)) {
        let raw = t.words[i].1;
        let lower = raw.to_lowercase();
        if ARTICLES.contains(&lower.as_str()) || elided_article(raw) {
            return Some(format!(
                "an article (\"{raw}\") follows it, as if it were before the phrase it belongs to"
            ));
        }
    }

    // Across a comma, while the other spans and names of the sentence keep
    // their side of it (a reordered clause would move them too).
    if moved_by_comma[k] && s_mid && sp.commas.len() == tp.commas.len() {
        let by_comma = |p: &Place, r: &std::ops::Range<usize>| {
            p.side.text[..r.start].trim_end().ends_with(',')
                || p.side.text[r.end..].starts_with(',')
        };
        let others_kept = (0..all.len())
            .filter(|&j| j != k)
            .all(|j| !moved_by_comma[j]);
        let names_kept = names_kept(tp, sp);
        let anchors = all.len() > 1 || names_kept.is_some_and(|n| n > 0);
        if !by_comma(tp, tr) && others_kept && names_kept.is_some() && anchors {
            let a = before(&sp.commas, sr.start);
            let b = before(&tp.commas, tr.start);
            let when = if b < a { "before" } else { "after" };
            return Some(format!(
                "it is now {when} a comma that the source has on its other side, while the sentence's other words kept theirs"
            ));
        }
    }
    None
}

/// Articles and contractions with an article (`du`, `al`) that start the
/// noun phrase a span closes.
const PHRASE_STARTS: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "du", "au", "aux", "el", "los", "las", "una", "unos",
    "unas", "del", "al",
];

/// Whether one of the four words before the span, with no punctuation or
/// other span between, is an article: the span closes a noun phrase that
/// started there (`la variable de entorno `X``).
fn article_before(tp: &Place, tr: &std::ops::Range<usize>) -> bool {
    let t = tp.side;
    let at = tp.after(tr.start);
    for i in (at.saturating_sub(4)..at).rev() {
        let (o, w) = t.words[i];
        let between = &t.text[o + w.len()..tr.start];
        if between.contains([',', ';', ':', '.', '(', ')', '`']) {
            return false;
        }
        if PHRASE_STARTS.contains(&w.to_lowercase().as_str()) || elided_article(w) {
            return true;
        }
    }
    false
}

/// The span is more than two words away from every occurrence of a word
/// that the source has right next to it, and both sides have as often
/// ("Deklariert das Basisimage
/// `builder` und weist ihm den Alias zu" for "assigns the `builder` alias"):
/// a translator keeps a span by its noun, whichever side of it.
fn neighbour_left(
    tp: &Place,
    sp: &Place,
    sr: &std::ops::Range<usize>,
    tr: &std::ops::Range<usize>,
    shared: &HashSet<&str>,
) -> Option<String> {
    let at = |p: &Place, w: &str| -> Vec<usize> {
        (0..p.words.len()).filter(|&i| p.words[i] == w).collect()
    };
    for si in [sp.prev(sr), sp.next(sr)].into_iter().flatten() {
        let w = sp.words[si].as_str();
        if !neighbour_word(w) || !shared.contains(w) {
            continue;
        }
        // The word as often on both sides; the span next to none of its
        // occurrences (the first "base" of the source may be the second of
        // a translation that put its clauses in another order).
        if at(sp, w).len() != at(tp, w).len() {
            continue;
        }
        let (start, end) = (tp.after(tr.start), tp.after(tr.end));
        let distance = |ti: usize| {
            if ti < start {
                Some(start - ti - 1)
            } else if ti >= end {
                Some(ti - end)
            } else {
                None
            }
        };
        let Some((between, ti)) = at(tp, w)
            .into_iter()
            .filter_map(|ti| distance(ti).map(|d| (d, ti)))
            .min()
        else {
            continue;
        };
        if between > 2 {
            return Some(format!(
                "it is now {between} words away from \"{}\", which the source has right next to it",
                tp.side.words[ti].1
            ));
        }
    }
    None
}

/// A word that tells where a span belongs: three letters or more, not a
/// common English word nor a determiner (`alias`, `image`, `Docker`).
pub(super) fn neighbour_word(w: &str) -> bool {
    w.chars().count() >= 3 && !is_english_word(w) && !DETERMINERS.contains(&w)
}

/// Capitalized words both sides share once each: how many there are, or
/// `None` when one of them is on another side of the commas than in the
/// source.
fn names_kept(tp: &Place, sp: &Place) -> Option<usize> {
    let caps = |p: &Place| -> HashMap<String, Vec<usize>> {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, &(o, w)) in p.side.words.iter().enumerate() {
            if i > 0 && w.chars().next().is_some_and(char::is_uppercase) {
                m.entry(w.to_string()).or_default().push(o);
            }
        }
        m
    };
    let (tc, sc) = (caps(tp), caps(sp));
    let mut n = 0;
    for (w, so) in &sc {
        let Some(to) = tc.get(w) else { continue };
        if so.len() != 1 || to.len() != 1 {
            continue;
        }
        let before = |v: &[usize], at: usize| v.partition_point(|&o| o < at);
        if before(&sp.commas, so[0]) != before(&tp.commas, to[0]) {
            return None;
        }
        n += 1;
    }
    Some(n)
}
