//! Heading anchors (`heading-anchor-*`): the anchors that links from other
//! pages, or from the page itself, depend on.

use std::collections::HashSet;

use crate::doc::{self, Doc, Segment};
use crate::inline;
use crate::text::{self, clip, Slugger};

/// A heading-anchor finding: rule, file offset, segment, message.
pub(crate) struct Anchor {
    pub(crate) rule: &'static str,
    pub(crate) at: usize,
    pub(crate) segment: Option<String>,
    pub(crate) message: String,
    /// For a source heading's missing anchor that follows from the source's
    /// change since the translation (the translation's heading at that place
    /// still has an English heading the source no longer has): how to list
    /// it in `translation-outdated`.
    pub(crate) stale: Option<String>,
}

/// Heading anchors: each localized heading's explicit anchor must be the
/// slug of its English text (the sources of its segments), and, with a
/// source file, every source heading's slug must be an anchor of the
/// translation.
pub(crate) fn heading_anchors(
    localized: &str,
    ldoc: &Doc,
    segs: &[Segment],
    source: Option<(&str, &Doc)>,
) -> Vec<Anchor> {
    let mut out = Vec::new();
    let mut available: HashSet<String> = doc::anchors(localized, ldoc, 0..localized.len())
        .into_iter()
        .collect();
    // A side-by-side page none of whose headings (three or more) has an
    // anchor: the localization did not add them (PowerShell's reference
    // pages), so none is missing.
    let side_by_side = segs.iter().any(|s| s.id.is_some());
    let anchored = ldoc
        .headings
        .iter()
        .any(|h| !doc::anchors(localized, ldoc, h.range.clone()).is_empty());
    if side_by_side && !anchored && ldoc.headings.len() >= 3 {
        return out;
    }
    let mut auto = Slugger::default();
    let mut expected_slugs = Slugger::default();
    let mut reported: HashSet<String> = HashSet::new();
    // Whether any heading's anchor is the slug of its English: the
    // localization's anchors, which every heading then needs.
    let mut slug_anchored = false;
    // Each localized heading's English slug and text, from its segments.
    let mut english: Vec<Option<(String, String)>> = vec![None; ldoc.headings.len()];
    for (hi, h) in ldoc.headings.iter().enumerate() {
        let own = auto.unique(&h.plain);
        available.insert(own.clone());
        let first = segs.partition_point(|s| s.outer.start < h.range.start);
        let inside: Vec<&Segment> = segs[first..]
            .iter()
            .take_while(|s| s.outer.start < h.range.end)
            .filter(|s| s.id.is_some())
            .collect();
        if inside.is_empty() {
            continue;
        }
        let english_text = inline_plain(&inside, &ldoc.refs);
        let expected = expected_slugs.unique(&english_text);
        let explicit = doc::anchors(localized, ldoc, h.range.clone());
        let segment = inside[0].id.clone();
        english[hi] = Some((expected.clone(), english_text.clone()));
        // A repeated heading's anchor without the `-1` that makes it unique:
        // the localization tools' way of numbering, not a changed anchor.
        if let Some(first) = explicit.first() {
            // The English's own anchor (`<a id="SetupVS"></a>` in the
            // source), or one the docfx tools made from the heading's
            // markup (`visual-studiotabvisual-studio` for a tab's link,
            // `no-locq` for `:::no-loc text="Q#":::`): not the translation's.
            // Or one the page's own links go to (`[…](#bkmk-add-pkg)`): the
            // author's, which the English page has as well.
            let english_own = inside
                .iter()
                .filter_map(|s| s.source.as_deref())
                .any(|src| explicit.iter().any(|a| src.contains(&format!("\"{a}\""))))
                || explicit
                    .iter()
                    .any(|a| localized.contains(&format!("](#{a})")));
            slug_anchored |= explicit.contains(&expected);
            // Or the slug of the English as written, its entities not
            // read (`47extensiondllex` for `&#47;ExtensionDll(ex)`).
            let raw: String = inside
                .iter()
                .filter_map(|s| s.source.as_deref())
                .collect::<Vec<_>>()
                .join(" ");
            let raw_slug = text::slug(&strip_tags(&raw));
            let tooled = explicit
                .iter()
                .any(|a| docfx_made(a, &expected) || *a == raw_slug);
            if english_own || tooled {
                // Not missing either: the English page has the same.
                reported.insert(expected.clone());
            }
            if !explicit.contains(&expected)
                && !english_own
                && !tooled
                && !unnumbered(&expected).is_some_and(|u| {
                    explicit.iter().any(|a| a == u)
                        && english[..hi].iter().flatten().any(|(e, _)| e == u)
                })
            {
                out.push(Anchor {
                    rule: "heading-anchor-changed",
                    at: h.range.start,
                    segment,
                    stale: None,
                    message: format!(
                        "anchor \"{first}\" is not \"{expected}\", the anchor of the English heading \"{}\"",
                        clip(&english_text, 50)
                    ),
                });
                reported.insert(expected);
            }
        } else if own != expected {
            out.push(Anchor {
                rule: "heading-anchor-missing",
                at: h.range.start,
                segment,
                stale: None,
                message: format!(
                    "heading has no anchor \"{expected}\" (English heading \"{}\"); links to #{expected} will break",
                    clip(&english_text, 50)
                ),
            });
            reported.insert(expected);
        }
    }
    // Anchors the author set on some headings only (`<a href="" id="bkmk-…">`),
    // none of them a heading's slug: the others have none in English either.
    if anchored && !slug_anchored {
        out.retain(|a| a.rule != "heading-anchor-missing");
    }
    if let Some((_, sdoc)) = source {
        // A plain copy with no anchor of its own follows the convention of
        // translated headings with slugs of their own (GitHub, docfx, careful
        // human translations): an English anchor is missing only where the
        // page itself links to it.
        let linked: HashSet<&String> = ldoc.fragments.iter().chain(&sdoc.fragments).collect();
        let all_needed = side_by_side || anchored;
        let mut sslug = Slugger::default();
        let slugs: Vec<String> = sdoc
            .headings
            .iter()
            .map(|h| sslug.unique(&h.plain))
            .collect();
        let current: HashSet<&str> = slugs.iter().map(String::as_str).collect();
        for (i, (sh, slug)) in sdoc.headings.iter().zip(&slugs).enumerate() {
            let slug = slug.clone();
            // `additional-resources-1`, a repeated heading's, where the
            // translation numbers nothing: the first one's anchor is there.
            let numbered_base = unnumbered(&slug)
                .is_some_and(|base| slugs.iter().any(|s| s == base) && available.contains(base));
            if available.contains(&slug)
                || numbered_base
                || reported.contains(&slug)
                || !(all_needed || linked.contains(&slug))
            {
                continue;
            }
            let at = ldoc.headings.get(i).map_or(0, |h| h.range.start);
            // The translation's heading at this place carries an English
            // heading that the source no longer has: the source changed.
            let stale = english.get(i).cloned().flatten().and_then(|(old, text)| {
                (old != slug && !current.contains(old.as_str())).then(|| {
                    format!(
                        "heading-anchor-missing \"{slug}\" (the source heading is now \"{}\"; the translation's is still from \"{}\")",
                        clip(&sh.plain, 50),
                        clip(&text, 50)
                    )
                })
            });
            out.push(Anchor {
                rule: "heading-anchor-missing",
                at,
                segment: None,
                stale,
                message: format!(
                    "no anchor \"{slug}\" for the source heading \"{}\"; {} #{slug} will break",
                    clip(&sh.plain, 50),
                    if all_needed {
                        "links to"
                    } else {
                        "the page's link to"
                    }
                ),
            });
        }
    }
    out
}

/// `text` without its HTML tags (`<a name="x"></a>`).
fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `anchor` is what docfx's localization tools make of a heading
/// whose slug is `expected` when its markup is a tab's link or a `no-loc`
/// extension: the slug's letters in order, with the markup's words
/// (`tab`, `no-loc`) among them.
fn docfx_made(anchor: &str, expected: &str) -> bool {
    if !(anchor.contains("tab") || anchor.contains("no-loc")) {
        return false;
    }
    let mut rest = anchor.chars().filter(|c| *c != '-');
    expected
        .chars()
        .filter(|c| *c != '-')
        .all(|e| rest.any(|a| a == e))
}

/// A repeated heading's slug without the `-1`, `-2` that makes it unique.
fn unnumbered(slug: &str) -> Option<&str> {
    slug.rsplit_once('-')
        .filter(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map(|(base, _)| base)
}

/// The English text of a heading's segments, as plain text.
fn inline_plain(segs: &[&Segment], refs: &inline::RefDefs) -> String {
    segs.iter()
        .filter_map(|s| s.source.as_deref())
        .map(|src| {
            let i = inline::parse(src, refs);
            let mut plain = String::new();
            let mut codes = i.codes.iter();
            for c in i.prose.chars() {
                if c == text::CODE_MARK {
                    if let Some(code) = codes.next() {
                        plain.push_str(&code.content);
                    }
                } else {
                    plain.push(c);
                }
            }
            plain.trim().to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_docfx_tools_made() {
        assert!(docfx_made("visual-studiotabvisual-studio", "visual-studio"));
        assert!(docfx_made(
            "ways-to-run-a-no-locq-program",
            "ways-to-run-a-q-program"
        ));
        // Another heading's words, or no markup to explain them.
        assert!(!docfx_made("aspnet-core-21tab", "aspnet-core-2x"));
        assert!(!docfx_made("visual-studio-2019", "visual-studio"));
        assert_eq!(
            text::slug(&strip_tags("<a id=\"x\"></a>&#47;ExtensionDll(ex)")),
            "47extensiondllex"
        );
    }
}
