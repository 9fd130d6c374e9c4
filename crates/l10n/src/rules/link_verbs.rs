//! Links machine translation put on the wrong side of "see": the link set
//! after the verb that governs it in Japanese or Korean
//! (`参照してください[…](…)`, for "see […](…)", which Japanese writes
//! `[…](…)を参照してください`), or the verb pulled into the link's text
//! (`[vea Windows Defender API de WMIv2](…)`, `[…を参照](…)`); and a link
//! text given spaces at its edges (`[ https://dist.nuget.org ](…)`) or a
//! reference link broken by a space between its brackets (`[PMC 도구] [
//! 1]`), which no longer resolves.

use super::side::{Raw, Side};
use crate::text::{clip, hangul, no_space_script};

/// Polite endings of a Japanese or Korean predicate: what ends a clause,
/// which nothing it governs follows.
const PREDICATE_ENDS: &[&str] = &[
    "ください",
    "ます",
    "ません",
    "です",
    "하세요",
    "하십시오",
    "합니다",
    "습니다",
    "됩니다",
];

/// "See" in a language, at the edge of a link's text: (word, at the start).
const SEE: &[(&str, bool)] = &[
    ("vea", true),
    ("consulte", true),
    ("véase", true),
    ("veja", true),
    ("voir", true),
    ("consultez", true),
    ("siehe", true),
    ("см.", true),
    ("смотрите", true),
    ("请参阅", true),
    ("参阅", true),
    ("请参见", true),
    ("参见", true),
    ("を参照してください", false),
    ("参照してください", false),
    ("を参照", false),
    ("参照", false),
    ("참조", false),
    ("참조하세요", false),
    ("참조하십시오", false),
];

/// The raw text between a link's brackets, and where it starts.
fn raw_text<'a>(side: &Side<'a>, range: std::ops::Range<usize>) -> Option<(usize, &'a str)> {
    let raw = &side.text[range.clone()];
    let inner = raw.strip_prefix('[')?;
    let end = inner
        .rfind("](")
        .or_else(|| inner.find("]["))
        .or_else(|| inner.rfind(']'))?;
    Some((range.start + 1, &inner[..end]))
}

pub(super) fn link_verbs(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    // `[text] [label]`: a space between a reference link's brackets.
    if s.text.contains("][") {
        // A label after the space, not an include or another link's text.
        let broken = t.text.match_indices("] [").find(|(i, _)| {
            let rest = &t.text[i + 3..];
            rest.find(']').is_some_and(|e| {
                !rest[..e].contains(['[', '!', '('])
                    && e <= 40
                    && !rest[e + 1..].starts_with(['(', '['])
            })
        });
        if let Some((at, _)) = broken {
            out.push((
                "link-target-missing",
                at,
                "a space between a reference link's brackets (\"] [\"): the link no longer resolves; the source writes \"][\"".to_string(),
            ));
        }
    }
    let source_texts: Vec<&str> = s
        .inl
        .links
        .iter()
        .filter(|l| !l.image)
        .filter_map(|l| raw_text(s, l.range.clone()).map(|r| r.1))
        .collect();
    if source_texts.is_empty() {
        return;
    }
    let source_sees = source_texts.iter().any(|x| {
        let x = x.to_lowercase();
        x.starts_with("see ") || x.contains(" see ")
    });
    for l in t.inl.links.iter().filter(|l| !l.image) {
        let before = t.text[..l.range.start].trim_end();
        let cjk_before = before
            .chars()
            .next_back()
            .is_some_and(|c| hangul(c) || no_space_script(c));
        if cjk_before && PREDICATE_ENDS.iter().any(|e| before.ends_with(e)) {
            out.push((
                "link-moved",
                l.range.start,
                format!(
                    "the link \"{}\" comes after the verb that ends its clause (\"…{}\"): the verb governs the link, which goes before it",
                    clip(&l.text, 40),
                    before.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect::<String>()
                ),
            ));
        }
        let Some((at, inner)) = raw_text(t, l.range.clone()) else {
            continue;
        };
        let lower = inner.trim().to_lowercase();
        let see = SEE.iter().find(|(w, start)| {
            if *start {
                lower
                    .strip_prefix(w)
                    .is_some_and(|r| r.starts_with(' ') || !w.is_ascii())
            } else {
                lower.ends_with(w) && lower.len() > w.len()
            }
        });
        if let (Some((w, _)), false) = (see, source_sees) {
            out.push((
                "link-text-grew",
                l.range.start,
                format!(
                    "the link text \"{}\" took in \"{w}\" (\"see\"), which the source leaves outside its link",
                    clip(inner, 40)
                ),
            ));
        }
        let spaced = |x: &str| x.starts_with(' ') || x.ends_with(' ');
        if spaced(inner) && !source_texts.iter().any(|x| spaced(x)) {
            out.push((
                "link-text-punctuation",
                at,
                format!(
                    "the link text \"{}\" has a space at its edge, which the source's links do not",
                    clip(inner, 40)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    fn found(tr: &str, src: &str) -> Vec<&'static str> {
        run_rule(link_verbs, tr, src).iter().map(|f| f.0).collect()
    }

    #[test]
    fn links_after_their_verb() {
        assert_eq!(
            found(
                "詳細については、参照してください[NuGet CLI](x.md)です。",
                "For details, see [NuGet CLI](x.md)."
            ),
            ["link-moved"]
        );
        assert!(found(
            "詳細については、[NuGet CLI](x.md)を参照してください。",
            "For details, see [NuGet CLI](x.md)."
        )
        .is_empty());
    }

    #[test]
    fn see_inside_the_link() {
        assert_eq!(
            found(
                "Para más información, [vea Windows Defender API de WMIv2](x.md).",
                "For more information, see [Windows Defender WMIv2 APIs](x.md)."
            ),
            ["link-text-grew"]
        );
        assert_eq!(
            found("[データの収集を参照](x.md)。", "See [Collect data](x.md)."),
            ["link-text-grew"]
        );
        // A link whose English says "see" too.
        assert!(found("[Vea también](x.md)", "[See also](x.md)").is_empty());
    }

    #[test]
    fn spaces_in_and_between_brackets() {
        assert_eq!(
            found(
                "Descargue [ https://dist.nuget.org ](https://dist.nuget.org).",
                "Download [https://dist.nuget.org](https://dist.nuget.org)."
            ),
            ["link-text-punctuation"]
        );
        assert_eq!(
            found("[PMC 도구] [ 1]를 사용합니다.", "Use [the PMC Tools][1]."),
            ["link-target-missing"]
        );
    }
}
