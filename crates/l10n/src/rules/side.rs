//! One side of a comparison, the translation's or the source's: a segment's
//! text parsed into its inline markup and its words; and the shape of a
//! finding before its position in the file is known.

use crate::inline::{self, Inline, RefDefs};
use crate::text;

/// A finding before its position is resolved: rule, byte offset in the
/// segment's text, message.
pub(crate) type Raw = (&'static str, usize, String);

/// Starts the message of a finding that is an error whatever its rule's
/// usual severity: its evidence is structural (a span between a verb and its
/// ending), or what it breaks is a command (a flag translated). Kept in the
/// message so that every rule's `Raw` stays a plain triple; `check` takes it
/// off.
pub(crate) const ERROR_MARK: char = '\u{2}';

/// `message`, marked as an error (see [`ERROR_MARK`]).
pub(crate) fn certain(message: &str) -> String {
    format!("{ERROR_MARK}{message}")
}

/// Whether `message` is marked as an error, and the message without the mark.
pub(crate) fn unmark(message: &str) -> (bool, &str) {
    match message.strip_prefix(ERROR_MARK) {
        Some(m) => (true, m),
        None => (false, message),
    }
}

/// A segment's text, parsed, with its words and their offsets.
pub(super) struct Side<'a> {
    pub(super) text: &'a str,
    pub(super) inl: Inline,
    pub(super) words: Vec<(usize, &'a str)>,
}

impl<'a> Side<'a> {
    pub(super) fn new(text: &'a str, refs: &RefDefs) -> Self {
        let inl = inline::parse(text, refs);
        let words = raw_words(text, &inl);
        Side { text, inl, words }
    }

    /// Whether a code span of any kind (`` `x` ``, an `<xref:…>`, an
    /// include) starts at `at`, spaces skipped.
    pub(super) fn span_after(&self, at: usize) -> bool {
        let rest = self.text[at..].trim_start();
        let p = self.text.len() - rest.len();
        // Spans are in order: looked up, not scanned (a segment may hold
        // thousands).
        let codes = &self.inl.codes;
        let k = codes.partition_point(|c| c.range.start < p);
        rest.starts_with('`') || codes.get(k).is_some_and(|c| c.range.start == p)
    }

    /// Whether a code span of any kind ends right before `at`, spaces
    /// skipped.
    pub(super) fn span_before(&self, at: usize) -> bool {
        let head = self.text[..at].trim_end();
        let codes = &self.inl.codes;
        let k = codes.partition_point(|c| c.range.end < head.len());
        head.ends_with('`') || codes.get(k).is_some_and(|c| c.range.end == head.len())
    }

    pub(super) fn word_strs(&self) -> Vec<&'a str> {
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

/// Whether the text has `w` as the first word of a bold label of several
/// words (`**Configure project**`, a dialog's name): the UI's words, which a
/// translation translates.
pub(super) fn opens_bold_label(text: &str, w: &str) -> bool {
    ["**", "__"]
        .iter()
        .any(|m| text.contains(&format!("{m}{w} ")))
}

/// A rule's findings on one pair of texts, for the rules' unit tests.
#[cfg(test)]
pub(super) fn run_rule(
    rule: impl Fn(&Side, &Side, &mut Vec<Raw>),
    tr: &str,
    src: &str,
) -> Vec<Raw> {
    let refs = crate::inline::RefDefs::new();
    let (t, s) = (Side::new(tr, &refs), Side::new(src, &refs));
    let mut out = Vec::new();
    rule(&t, &s, &mut out);
    out
}
