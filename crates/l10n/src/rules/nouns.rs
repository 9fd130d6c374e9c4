//! The nouns a code span most often names in documentation (`the `X` file`,
//! `the `X` parameter`), with their usual translations, so that the noun can
//! be found in a translation of any script: the span's place is then judged
//! by the noun it names, not by words spelt the same on both sides.
//!
//! Forms in Latin or Cyrillic letters are stems, matched at the start of a
//! word with up to four more letters (`файл` in `файла`, `parámetro` in
//! `parámetros`); forms in Chinese, Japanese or Korean are matched anywhere
//! (`파일을`, `ファイルを`). Where forms overlap, the longest wins, so that
//! `コマンドレット` is a cmdlet and not a `コマンド`, `매개 변수` a parameter and not
//! a `변수`. Single characters that start common words (`键`, `包`, `키`) are
//! left out.

use std::ops::Range;
use std::sync::OnceLock;

use super::side::Side;
use crate::text::{hangul, no_space_script};

pub(super) struct Noun {
    /// English forms, lower case.
    pub(super) en: Vec<&'static str>,
    /// Translations: Chinese (simplified, traditional), Japanese, Korean,
    /// Russian, Spanish, Portuguese, French, Italian, German, Polish.
    tr: Vec<&'static str>,
}

/// The table, one noun a line: English forms, a tab, translations, each list
/// comma-separated (a form may hold a space: `매개 변수`).
const TABLE: &str = include_str!("nouns.tsv");

pub(super) fn nouns() -> &'static [Noun] {
    static NOUNS: OnceLock<Vec<Noun>> = OnceLock::new();
    NOUNS.get_or_init(|| {
        TABLE
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(en, tr)| Noun {
                en: en.split(',').collect(),
                tr: tr.split(',').collect(),
            })
            .collect()
    })
}

/// The entry whose English forms include `w` (lower case).
pub(super) fn entry(w: &str) -> Option<usize> {
    nouns().iter().position(|n| n.en.contains(&w))
}

/// Whether a form is written in a script without spaces or in Hangul: then
/// it is matched anywhere, particles glued after it.
fn anywhere(form: &str) -> bool {
    form.chars().any(|c| no_space_script(c) || hangul(c))
}

/// Where the translation has a noun of the table, outside code spans and
/// link targets: (byte range, entry), the longest form winning where forms
/// overlap.
pub(super) fn nouns_in(t: &Side) -> Vec<(Range<usize>, usize)> {
    let mut found: Vec<(Range<usize>, usize)> = Vec::new();
    let lower: Vec<(usize, String)> = t
        .words
        .iter()
        .map(|&(o, w)| (o, w.to_lowercase()))
        .collect();
    for (e, noun) in nouns().iter().enumerate() {
        for form in &noun.tr {
            if anywhere(form) {
                for (i, _) in t.text.match_indices(form) {
                    found.push((i..i + form.len(), e));
                }
                continue;
            }
            for (o, w) in &lower {
                if w.starts_with(form) && w.chars().count() <= form.chars().count() + 4 {
                    // The whole word: the stem and its ending.
                    let len = t.words.iter().find(|x| x.0 == *o).map_or(0, |x| x.1.len());
                    found.push((*o..*o + len, e));
                }
            }
        }
    }
    let mut masked = t.inl.cursor();
    found.sort_by_key(|(r, _)| r.start);
    found.retain(|(r, _)| !masked.at(r.start));
    // Longest first; a match inside a longer one is the longer one's.
    let mut by_len: Vec<(Range<usize>, usize)> = found;
    by_len.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
    let mut kept: Vec<(Range<usize>, usize)> = Vec::new();
    for (r, e) in by_len {
        if kept
            .iter()
            .all(|(k, _)| r.end <= k.start || r.start >= k.end)
        {
            kept.push((r, e));
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::RefDefs;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let refs = RefDefs::new();
        let t = Side::new(text, &refs);
        nouns_in(&t)
            .into_iter()
            .map(|(r, e)| (t.text[r].to_string(), nouns()[e].en[0]))
            .collect()
    }

    #[test]
    fn longest_form_wins_and_stems_take_endings() {
        assert_eq!(
            found("コマンドレットとコマンド"),
            [
                ("コマンドレット".to_string(), "cmdlet"),
                ("コマンド".to_string(), "command")
            ]
        );
        assert_eq!(
            found("매개 변수를"),
            [("매개 변수".to_string(), "parameter")]
        );
        assert_eq!(
            found("디렉터리에 하위 디렉터리의"),
            [
                ("디렉터리".to_string(), "directory"),
                ("하위 디렉터리".to_string(), "subdirectory")
            ]
        );
        assert_eq!(found("из файла"), [("файла".to_string(), "file")]);
        assert_eq!(found("командлета"), [("командлета".to_string(), "cmdlet")]);
        // Not inside a code span; not a longer word (`portable` is no port).
        assert!(found("`file` значение").iter().all(|(w, _)| w != "file"));
        assert_eq!(
            found("los parámetros"),
            [("parámetros".to_string(), "parameter")]
        );
    }
}
