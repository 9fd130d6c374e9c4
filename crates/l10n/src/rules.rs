//! Rules that compare one segment's translation with its source.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;

use crate::doc::Segment;
use crate::inline::{self, Inline, RefDefs};
use crate::text::{self, clip, edit_distance, is_english_word, is_technical, is_word_char};

/// What the segment rules need from the file.
pub(crate) struct Ctx<'a> {
    pub(crate) refs: &'a RefDefs,
    /// Report translations identical to their source. Off when a file
    /// without side-by-side spans is identical to its source throughout.
    pub(crate) untranslated_allowed: bool,
}

/// A finding before its position is resolved: rule, byte offset in the
/// segment's text, message.
pub(crate) type Raw = (&'static str, usize, String);

/// A segment's text, parsed, with its words and their offsets.
struct Side<'a> {
    text: &'a str,
    inl: Inline,
    words: Vec<(usize, &'a str)>,
}

impl<'a> Side<'a> {
    fn new(text: &'a str, refs: &RefDefs) -> Self {
        let inl = inline::parse(text, refs);
        let words = raw_words(text, &inl);
        Side { text, inl, words }
    }

    fn word_strs(&self) -> Vec<&'a str> {
        self.words.iter().map(|&(_, w)| w).collect()
    }
}

/// Words of the prose, with their byte offsets: code spans, link targets and
/// HTML separate words and are left out.
fn raw_words<'a>(text: &'a str, inl: &Inline) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, &'a str)>| {
        let tok = &text[s..e];
        let trimmed = text::trim_word(tok);
        if !trimmed.is_empty() {
            let lead = tok.find(trimmed).unwrap_or(0);
            out.push((s + lead, trimmed));
        }
    };
    let mut masked = inl.cursor();
    for (i, c) in text.char_indices() {
        let sep = c.is_whitespace() || masked.at(i);
        match (sep, start) {
            (true, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Drops a locale folder (`/en-us/`, `/fr-fr/`) from a link target: a
/// localized copy may point to its own language's pages.
fn norm_dest(d: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?i)/[a-z]{2}-[a-z]{2,4}/").unwrap());
    re.replace(d.trim(), "/").into_owned()
}

fn code(c: &str) -> String {
    if c.contains('`') {
        format!("`` {c} ``")
    } else {
        format!("`{c}`")
    }
}

pub(crate) fn check_segment(seg: &Segment, ctx: &Ctx, out: &mut Vec<Raw>) {
    let t = Side::new(&seg.text.text, ctx.refs);
    let source = seg.source.as_deref();
    let s = source.map(|src| Side::new(src, ctx.refs));

    let empty = t.words.is_empty() && t.inl.codes.is_empty() && t.inl.links.is_empty();
    if empty {
        if let Some(s) = &s {
            if !s.words.is_empty() || !s.inl.codes.is_empty() || !s.inl.links.is_empty() {
                out.push((
                    "segment-empty",
                    0,
                    format!(
                        "the translation is empty; the source has \"{}\"",
                        clip(s.text, 60)
                    ),
                ));
            }
        }
        return;
    }
    let Some(s) = s else {
        glued(&t, None, out);
        dangling(&t, None, out);
        return;
    };
    if text::same_words(t.text, s.text) {
        if ctx.untranslated_allowed && text::is_prose(&s.word_strs()) {
            out.push((
                "segment-untranslated",
                0,
                format!(
                    "the translation is the English source unchanged: \"{}\"",
                    clip(s.text, 60)
                ),
            ));
        }
        return;
    }
    code_spans(&t, &s, out);
    code_span_moved(&t, &s, out);
    link_targets(&t, &s, out);
    link_text_punctuation(&t, &s, out);
    link_text_untranslated(&t, &s, out);
    glued(&t, Some(&s), out);
    dangling(&t, Some(&s), out);
    technical_tokens(&t, &s, out);
    source_left(&t, &s, out);
}

/// Multiset difference, keeping the order of `a`.
fn minus<'x, T, K: Eq + std::hash::Hash>(a: &'x [T], b: &[T], key: impl Fn(&T) -> K) -> Vec<&'x T> {
    let mut counts: HashMap<K, usize> = HashMap::new();
    for x in b {
        *counts.entry(key(x)).or_default() += 1;
    }
    a.iter()
        .filter(|x| match counts.get_mut(&key(x)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

fn code_spans(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let missing = minus(&s.inl.codes, &t.inl.codes, |c| c.content.clone());
    let added = minus(&t.inl.codes, &s.inl.codes, |c| c.content.clone());
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
                        code(&added[j].content),
                        code(&m.content)
                    ),
                ));
            }
            None => out.push((
                "code-span-missing",
                0,
                format!("code span {} of the source is missing", code(&m.content)),
            )),
        }
    }
    for (j, a) in added.iter().enumerate() {
        if !taken[j] {
            out.push((
                "code-span-added",
                a.range.start,
                format!("code span {} is not in the source", code(&a.content)),
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
fn code_span_moved(t: &Side, s: &Side, out: &mut Vec<Raw>) {
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
                        code(&sc.content),
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
                out.push((
                    "code-span-moved",
                    t.inl.codes[i].range.start,
                    format!(
                        "code span {} is outside the parentheses \"{}\"; the source has \"{}\"",
                        code(gone),
                        clip(&t.text[to..=tc], 50),
                        clip(&s.text[so..=sc], 50)
                    ),
                ));
            }
        }
    }
}

fn what(image: bool) -> &'static str {
    if image {
        "image"
    } else {
        "link"
    }
}

fn link_targets(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let key = |l: &inline::Link| norm_dest(&l.dest);
    let missing = minus(&s.inl.links, &t.inl.links, key);
    let added = minus(&t.inl.links, &s.inl.links, key);
    let pairs = missing.len().min(added.len());
    for (m, a) in missing.iter().zip(&added) {
        out.push((
            "link-target-changed",
            a.range.start,
            format!(
                "{} target {} differs from the source's {}",
                what(a.image),
                a.dest,
                m.dest
            ),
        ));
    }
    for m in &missing[pairs..] {
        let label = &s.text[m.range.clone()];
        out.push((
            "link-target-missing",
            0,
            format!(
                "the source's {} to {} is missing: {}",
                what(m.image),
                m.dest,
                clip(label, 70)
            ),
        ));
    }
    for a in &added[pairs..] {
        out.push((
            "link-target-added",
            a.range.start,
            format!("{} to {} is not in the source", what(a.image), a.dest),
        ));
    }
}

/// The punctuation at the end of a link text (an unbalanced `)` included).
fn trailing_punct(text: &str) -> String {
    let text = text.trim_end();
    let opens = text.matches('(').count();
    let mut closes = text.matches(')').count();
    let mut tail = Vec::new();
    for c in text.chars().rev() {
        if ".,;:!?".contains(c) {
            tail.push(c);
        } else if c == ')' && closes > opens {
            closes -= 1;
            tail.push(c);
        } else {
            break;
        }
    }
    tail.iter().rev().collect()
}

fn link_text_punctuation(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if !small(t.inl.links.len(), s.inl.links.len()) {
        return;
    }
    let mut used = vec![false; s.inl.links.len()];
    for l in t.inl.links.iter().filter(|l| !l.image) {
        let tail = trailing_punct(&l.text);
        let Some(si) = (0..s.inl.links.len())
            .find(|&i| !used[i] && norm_dest(&s.inl.links[i].dest) == norm_dest(&l.dest))
        else {
            continue;
        };
        used[si] = true;
        let sl = &s.inl.links[si];
        if tail.is_empty() || trailing_punct(&sl.text) == tail {
            continue;
        }
        let after: String = s.text[sl.range.end..]
            .chars()
            .take_while(|c| ".,;:!?)".contains(*c))
            .collect();
        let src = format!("{}{}", &s.text[sl.range.clone()], after);
        out.push((
            "link-text-punctuation",
            l.range.start,
            format!(
                "\"{tail}\" is inside the link text \"{}\"; the source has the punctuation outside the link: {}",
                clip(&l.text, 40),
                clip(&src, 70)
            ),
        ));
    }
}

fn link_text_untranslated(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if !small(t.inl.links.len(), s.inl.links.len()) {
        return;
    }
    for l in t.inl.links.iter().filter(|l| !l.image) {
        let words = text::words(&l.text);
        if !words.iter().any(|w| is_english_word(w)) {
            continue;
        }
        let same = s.inl.links.iter().any(|sl| {
            norm_dest(&sl.dest) == norm_dest(&l.dest)
                && text::normalize_space(&sl.text) == text::normalize_space(&l.text)
        });
        if !same {
            continue;
        }
        let list = |side: &Side| {
            side.inl
                .links
                .iter()
                .filter(|l| !l.image)
                .map(|l| format!("[{}]({})", text::normalize_space(&l.text), l.dest))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let detail = if s.inl.links.len() > 1 {
            format!(
                "; the source's links are {}, the translation's {}",
                list(s),
                list(t)
            )
        } else {
            String::new()
        };
        out.push((
            "link-text-untranslated",
            l.range.start,
            format!(
                "link text \"{}\" ({}) is left in English{detail}",
                clip(&l.text, 40),
                l.dest
            ),
        ));
    }
}

/// The word of letters right after (or before) a byte offset.
fn word_after(text: &str, at: usize) -> String {
    text[at..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .collect()
}

fn word_before(text: &str, at: usize) -> String {
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
    let after = text[range.end..].chars().next().is_some_and(is_word_char);
    (before, after)
}

fn glued(t: &Side, s: Option<&Side>, out: &mut Vec<Raw>) {
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
    let mut items: Vec<(std::ops::Range<usize>, String, String)> = Vec::new();
    for c in &t.inl.codes {
        items.push((
            c.range.clone(),
            format!("`{}", c.content),
            format!("code span {}", code(&c.content)),
        ));
    }
    for l in t.inl.links.iter().filter(|l| !l.image) {
        items.push((
            l.range.clone(),
            format!("]{}", norm_dest(&l.dest)),
            format!("link {}", clip(&t.text[l.range.clone()], 50)),
        ));
    }
    for (range, key, name) in items {
        let (b, a) = touches(t.text, &range);
        if b && !allowed.contains(&(key.clone(), false)) {
            out.push((
                "code-span-glued",
                range.start,
                format!(
                    "{name} is glued to the word before it, \"{}\": a space is missing",
                    word_before(t.text, range.start)
                ),
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

fn hspace(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// The punctuation marks of `.,)` that a text has after a space.
fn spaced_punct(text: &str) -> HashSet<char> {
    let mut set = HashSet::new();
    let mut prev = 'x';
    for c in text.chars() {
        if ".,)".contains(c) && hspace(prev) {
            set.insert(c);
        }
        prev = c;
    }
    set
}

fn dangling(t: &Side, s: Option<&Side>, out: &mut Vec<Raw>) {
    let src_spaced = s.map(|s| spaced_punct(s.text)).unwrap_or_default();
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
        if !".,)".contains(c) || is_masked || src_spaced.contains(&c) {
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
        // Right after a code span or link: a space the source does not have.
        let right_after = solid_before
            .filter(|&(_, m)| m)
            .and_then(|(end, _)| {
                t.inl
                    .codes
                    .iter()
                    .map(|x| x.range.clone())
                    .chain(t.inl.links.iter().map(|l| l.range.clone()))
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

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Every token of a text, code spans included: whitespace-separated chunks
/// and their parts between separators like `/`, `:`, `=`, brackets.
fn token_set(text: &str) -> HashSet<&str> {
    let mut set = HashSet::new();
    for chunk in text.split(|c: char| c.is_whitespace() || c == '`') {
        set.insert(text::trim_word(chunk));
        // Between brackets, quotes and commas: `[owner/repo](url)` has `owner/repo`.
        for piece in chunk.split(|c: char| "[](){}<>\"',;|*".contains(c)) {
            set.insert(text::trim_word(piece));
        }
        for part in chunk.split(|c: char| !(c.is_alphanumeric() || ".-_+".contains(c))) {
            set.insert(text::trim_word(part));
            // Hyphenated compounds: `gRPC-Anwendungen` has `gRPC`.
            if part.contains('-') && !part.starts_with('-') {
                set.extend(part.split('-').map(text::trim_word));
            }
        }
    }
    set
}

/// Whether `a × b` comparisons are affordable.
fn small(a: usize, b: usize) -> bool {
    a.saturating_mul(b) <= 1_000_000
}

/// Lower case, and a decimal comma read as a dot: `3,0-Buster` is `3.0-buster`.
fn loose(w: &str) -> String {
    w.to_lowercase().replace(',', ".")
}

/// A version's or image tag's leading part, up to its first `-`: `3.0-`.
fn tag_stem(tok: &str) -> Option<&str> {
    if !tok.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let i = tok.find('-')?;
    (i >= 2).then(|| &tok[..=i])
}

fn technical_tokens(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let mut t_tokens: Option<HashSet<&str>> = None;
    let s_words: HashSet<&str> = s.words.iter().map(|&(_, w)| w).collect();
    // Candidates for a translated token: words, and the parts of hyphenated
    // compounds (`GrpC-Anwendungen`).
    // Whole words come first.
    let mut candidates: Vec<(usize, &str)> = t.words.clone();
    for &(at, w) in &t.words {
        if w.contains('-') && !w.starts_with('-') {
            let mut off = 0;
            for part in w.split('-') {
                if !part.is_empty() && part.len() < w.len() {
                    candidates.push((at + off, part));
                }
                off += part.len() + 1;
            }
        }
    }
    let mut budget = 1_000_000usize;
    let mut seen = HashSet::new();
    let mut used_variants = HashSet::new();
    for &(_, tok) in &s.words {
        let tok = tok
            .strip_suffix("'s")
            .or_else(|| tok.strip_suffix("’s"))
            .unwrap_or(tok);
        if !is_technical(tok) || !seen.insert(tok) {
            continue;
        }
        if t_tokens
            .get_or_insert_with(|| token_set(t.text))
            .contains(tok)
        {
            continue;
        }
        let n = tok.chars().count();
        let limit = (n / 3).max(2);
        let loose_tok = loose(tok);
        let stem = tag_stem(&loose_tok).map(str::to_string);
        budget = budget.saturating_sub(candidates.len());
        if budget == 0 {
            break;
        }
        let usable = |w: &&str| !s_words.contains(*w) && !used_variants.contains(*w);
        // The closest kind of variant first: same but for case or a decimal
        // comma, then a small edit, then the same version with a translated tag.
        let variant = candidates
            .iter()
            .filter(|(_, w)| usable(w))
            .find(|(_, w)| loose(w) == loose_tok)
            .or_else(|| {
                candidates.iter().filter(|(_, w)| usable(w)).find(|(_, w)| {
                    common_prefix(&loose(w), &loose_tok) >= 3.min(n)
                        && edit_distance(w, tok, limit) <= limit
                })
            })
            .or_else(|| {
                let stem = stem.as_deref()?;
                candidates.iter().filter(|(_, w)| usable(w)).find(|(_, w)| {
                    let lw = loose(w);
                    lw.len() > stem.len() && lw.starts_with(stem)
                })
            });
        match variant {
            Some(&(at, w)) => {
                used_variants.insert(w);
                out.push((
                    "technical-token-translated",
                    at,
                    format!("\"{w}\" stands for the source's \"{tok}\", which must stay as it is"),
                ));
            }
            None => out.push((
                "technical-token-missing",
                0,
                format!("the source's \"{tok}\" is not in the translation"),
            )),
        }
    }
}

fn source_left(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    // Words compared case-insensitively, by a hash of their lower case.
    let key = |w: &str| -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in w.chars().flat_map(char::to_lowercase) {
            let c = if c == '’' { '\'' } else { c };
            h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let lower = |side: &Side| -> Vec<u64> { side.words.iter().map(|&(_, w)| key(w)).collect() };
    let sw = lower(s);
    let tw = lower(t);
    const K: usize = 3;
    if sw.len() < K || tw.len() < K {
        return;
    }
    let mut index: HashMap<&[u64], Vec<usize>> = HashMap::new();
    for j in 0..=tw.len() - K {
        index.entry(&tw[j..j + K]).or_default().push(j);
    }
    // Longest run of words the translation shares with the source.
    let mut best = (0, 0, 0); // (length, start in source, start in translation)
    let mut budget = 200_000usize;
    for i in 0..=sw.len() - K {
        let Some(js) = index.get(&sw[i..i + K]) else {
            continue;
        };
        for &j in js {
            let mut n = K;
            while i + n < sw.len() && j + n < tw.len() && sw[i + n] == tw[j + n] {
                n += 1;
            }
            budget = budget.saturating_sub(n);
            if n > best.0 {
                best = (n, i, j);
            }
        }
        if budget == 0 {
            break;
        }
    }
    let (n, i, j) = best;
    if n == 0 {
        return;
    }
    let run: Vec<&str> = s.words[i..i + n].iter().map(|&(_, w)| w).collect();
    let english = run.iter().filter(|w| is_english_word(w)).count();
    let whole_sentence = n == sw.len() && text::is_prose(&run);
    if (n >= 5 && english >= 2) || whole_sentence {
        let start = t.words[j].0;
        let end = t.words[j + n - 1].0 + t.words[j + n - 1].1.len();
        out.push((
            "source-left-in-translation",
            start,
            format!(
                "English text left in the translation: \"{}\"",
                clip(&t.text[start..end], 70)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_tail() {
        assert_eq!(trailing_punct("les applications IPM),"), "),");
        assert_eq!(trailing_punct("tag(s)"), "");
        assert_eq!(trailing_punct("Next"), "");
        assert_eq!(trailing_punct("Why?"), "?");
    }

    #[test]
    fn locale_in_targets() {
        assert_eq!(
            norm_dest("https://docs.microsoft.com/fr-fr/azure/x"),
            norm_dest("https://docs.microsoft.com/en-us/azure/x")
        );
    }

    #[test]
    fn token_containment() {
        let set = token_set("image mcr.io/sdk:3.0 here `--tag` 3.0-bionique.");
        assert!(set.contains("3.0") && set.contains("mcr.io/sdk:3.0") && set.contains("--tag"));
        assert!(set.contains("3.0-bionique"));
        assert!(!set.contains("3.0-bionic") && !set.contains("-t"));
    }
}
