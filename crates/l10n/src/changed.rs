//! Which parts of a side-by-side translation the source has changed since:
//! the segments whose English (the `sxs-lookup` text the translation
//! carries) is no longer in the source file, and the source's paragraphs of
//! prose that no segment carries. Either makes the translation outdated,
//! whatever revision it records (`translation-outdated`).

use std::collections::HashMap;

use crate::doc::{Doc, Segment};
use crate::text::{clip, is_prose, words, LineIndex, Mapped};

/// What changed, for the one `translation-outdated` finding.
#[derive(Debug, Default)]
pub(crate) struct Changed {
    /// Segments whose English the source no longer has: (id, English).
    pub(crate) segments: Vec<(String, String)>,
    /// Paragraphs of the source's prose that no segment carries.
    pub(crate) added: Vec<String>,
}

impl Changed {
    pub(crate) fn any(&self) -> bool {
        !self.segments.is_empty() || !self.added.is_empty()
    }

    /// "3 segment(s) carry English the source no longer has (5ce59-103
    /// "…"); the source has 1 paragraph no segment carries ("…")".
    pub(crate) fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some((id, en)) = self.segments.first() {
            parts.push(format!(
                "{} segment(s) carry English that the source no longer has ({id} \"{}\"{})",
                self.segments.len(),
                clip(en, 50),
                if self.segments.len() > 1 { ", …" } else { "" }
            ));
        }
        if let Some(p) = self.added.first() {
            parts.push(format!(
                "the source has {} paragraph(s) that no segment carries (\"{}\"{})",
                self.added.len(),
                clip(p, 50),
                if self.added.len() > 1 { ", …" } else { "" }
            ));
        }
        parts.join("; ")
    }
}

/// Whitespace collapsed: the source wraps its lines where the segments do
/// not.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The segments' English against the source's paragraphs, headings, list
/// items and table cells. `None` when there are no side-by-side segments.
/// `localized`: the translation's text; a paragraph it has as the source
/// does (English left outside the segments) is not an addition.
pub(crate) fn changed(
    segs: &[Segment],
    source: &LineIndex,
    sdoc: &Doc,
    localized: &str,
) -> Option<Changed> {
    let carried: Vec<(&str, String)> = segs
        .iter()
        .filter_map(|s| Some((s.id.as_deref()?, norm(s.source.as_deref()?))))
        // A segment of punctuation only (a table cell `?`) has no word to
        // be looked for by, and says nothing of the source's revision.
        .filter(|(_, en)| en.chars().any(char::is_alphanumeric))
        .collect();
    if carried.is_empty() {
        return None;
    }
    let leaves: Vec<String> = sdoc
        .leaves
        .iter()
        .map(|l| norm(&Mapped::from_range(source, l.range.clone()).text))
        .collect();
    // Leaves by their words, so that each segment is looked for in the few
    // leaves that have its first word rather than in all of them.
    let runs = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Compared by their words and punctuation, markup left out: a leaf's
    // range may start inside the emphasis that opens a list item
    // (`- **UnixMode** is…`); a sentence's end still has to match.
    let key = |s: &str| {
        let mut out = String::from(" ");
        let mut word = false;
        for c in s.chars() {
            if c.is_alphanumeric() {
                out.push(c);
                word = true;
                continue;
            }
            if word {
                out.push(' ');
                word = false;
            }
            if ".,;:!?()".contains(c) {
                out.push(c);
                out.push(' ');
            }
        }
        if word {
            out.push(' ');
        }
        out
    };
    let leaf_keys: Vec<String> = leaves.iter().map(|l| key(l)).collect();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in leaves.iter().enumerate() {
        for w in runs(l) {
            let v = by_word.entry(w).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let mut has_segment = vec![false; leaves.len()];
    let mut out = Changed::default();
    // The source file's words in order, for English that no leaf holds: a
    // table row whose code span has a `|` splits into more cells than the
    // header, and the parser drops the extra ones, in both files alike.
    let mut raw: Option<String> = None;
    let mut budget = 2_000_000usize;
    for (id, en) in &carried {
        // Looked for by its first word of letters or digits (a segment may
        // be a link's text: `[about_Operators](…)`).
        let first = runs(en).into_iter().next().unwrap_or_default();
        let candidates = by_word.get(&first).map_or(&[][..], Vec::as_slice);
        budget = budget.saturating_sub(candidates.len());
        if budget == 0 {
            // Too much to compare: say nothing rather than something wrong.
            return Some(Changed::default());
        }
        let en_key = key(en);
        let found: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| leaf_keys[i].contains(&en_key))
            .collect();
        if found.is_empty() {
            let raw = raw.get_or_insert_with(|| key(source.text));
            if !raw.contains(&en_key) {
                out.segments.push((id.to_string(), en.clone()));
            }
        }
        for i in found {
            has_segment[i] = true;
        }
    }
    let mut kept: Option<String> = None;
    for (i, l) in leaves.iter().enumerate() {
        if !has_segment[i] && is_prose(&words(l)) {
            let kept = kept.get_or_insert_with(|| norm(localized));
            if !kept.contains(l.as_str()) {
                out.added.push(l.clone());
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc;

    fn run(localized: &str, source: &str) -> Changed {
        let (ll, sl) = (LineIndex::new(localized), LineIndex::new(source));
        let (segs, _) = doc::segments(&ll, &doc::parse(localized));
        changed(&segs, &sl, &doc::parse(source), localized).unwrap()
    }

    const COPY: &str = "<span data-ttu-id=\"1\">Lisez une ligne.</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Reads a line of input from the console.</span></span> <span data-ttu-id=\"2\">Demandez.</span><span class=\"sxs-lookup\"><span data-stu-id=\"2\">You can use it to prompt a user for input.</span></span>\n";

    #[test]
    fn same_english_wrapped_otherwise() {
        let c = run(COPY, "Reads a line of input from the\nconsole. You can use it to prompt a\nuser for input.\n");
        assert!(!c.any(), "{c:?}");
    }

    #[test]
    fn list_item_opening_with_emphasis() {
        let page = "- <span data-ttu-id=\"1\">**Grupo** es el dueño</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">**Group** is the group owner</span></span>\n";
        let c = run(page, "- **Group** is the group owner\n");
        assert!(!c.any(), "{c:?}");
    }

    #[test]
    fn a_table_cell_the_parser_drops() {
        let row =
            |cell: &str| format!("| Option | Description |\n|---|---|\n|`--x[+|-]`|{cell}|\n");
        let page = row("<span data-ttu-id=\"1\">Active.</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Enables or disables it.</span></span>");
        assert!(!run(&page, &row("Enables or disables it.")).any());
        assert!(run(&page, &row("Turns it on or off.")).any());
    }

    #[test]
    fn changed_and_added() {
        let c = run(COPY, "Reads a line of input from the console (stdin). You can use it to prompt a user for input.\n\n> [!NOTE]\n> It has a limit of 1022 characters\n> it can accept as input.\n");
        assert_eq!(c.segments.len(), 1, "{c:?}");
        assert_eq!(c.segments[0].0, "1");
        assert_eq!(c.added.len(), 1, "{c:?}");
        assert!(c.describe().contains("1 segment(s)"), "{}", c.describe());
    }
}
