//! Translated text outside the side-by-side markup: a paragraph that has
//! segments and also a sentence of prose in none of them. The localization
//! lost that sentence's spans (`このコマンドは、2 ~ 12 の偶数を表示します。
//! <span data-ttu-id="…-124">…`), so its English is gone from the file and
//! nothing checks it: `segment-malformed`.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::doc::{Doc, Segment};
use crate::text::clip;

/// Letters a stray sentence has at least: fewer are markup or a label.
const MIN_LETTERS: usize = 8;

/// (offset, message) for each leaf with segments and prose outside them.
pub(crate) fn outside(text: &str, doc: &Doc, segs: &[Segment]) -> Vec<(usize, String)> {
    static MARKUP: OnceLock<Regex> = OnceLock::new();
    let markup = MARKUP.get_or_init(|| {
        // Tags, admonitions (`[!NOTE]`), link targets, code spans, docfx
        // directives (`:::image … :::`) and includes (`[!INCLUDE[ssDE](…)]`),
        // URLs (a link whose text is its URL).
        Regex::new(r"(?i)\[!include\[[^\]]*\]\([^)]*\)\]|<[^>]*>|\[![^\]]*\]|\]\([^)]*\)|`[^`]*`|:::[^\n]*|https?://\S+").unwrap()
    });
    let mut out = Vec::new();
    let outers: Vec<&Range<usize>> = segs
        .iter()
        .filter(|s| s.id.is_some())
        .map(|s| &s.outer)
        .collect();
    for leaf in &doc.leaves {
        let r = &leaf.range;
        let first = outers.partition_point(|o| o.start < r.start);
        let inside: Vec<&Range<usize>> = outers[first..]
            .iter()
            .take_while(|o| o.start < r.end)
            .copied()
            .collect();
        if inside.is_empty() {
            continue;
        }
        // The leaf's text between its segments.
        let mut pos = r.start;
        let mut gaps = Vec::new();
        for o in inside.iter().chain(std::iter::once(&&(r.end..r.end))) {
            if o.start > pos {
                gaps.push(pos..o.start.min(r.end));
            }
            pos = pos.max(o.end);
        }
        for g in gaps {
            let raw = &text[g.clone()];
            let bare = markup.replace_all(raw, " ");
            let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= MIN_LETTERS {
                let lead = raw.len() - raw.trim_start().len();
                out.push((
                    g.start + lead,
                    format!(
                        "text outside the side-by-side markup: \"{}\"; its segment lost its spans, so its English is not in the file and it is not checked",
                        clip(raw.trim(), 60)
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc;
    use crate::text::LineIndex;

    fn run(t: &str) -> Vec<(usize, String)> {
        let d = doc::parse(t);
        let (segs, _) = doc::segments(&LineIndex::new(t), &d);
        outside(t, &d, &segs)
    }

    const SEG: &str = "<span data-ttu-id=\"1-124\">Texte.</span><span class=\"sxs-lookup\"><span data-stu-id=\"1-124\">Text.</span></span>";

    #[test]
    fn stray_sentence() {
        let t = format!("このコマンドは、2 ~ 12 の偶数を表示します。 {SEG}\n");
        let f = run(&t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 0);
    }

    #[test]
    fn markup_around_segments_is_fine() {
        for t in [
            format!("> [!NOTE]\n> {SEG}\n"),
            format!("- [{SEG}](Read-Host.md)\n"),
            format!("**`-c`** {SEG} `x`\n"),
            format!("## <a name=\"x\"></a>{SEG}\n"),
            format!("{SEG}\n:::image type=\"complex\" source=\"./media/a.png\" alt-text=\"Schéma des étapes\":::\n"),
            format!("> [!IMPORTANT]\n> [!INCLUDE[ssManStudioFull](../includes/ssmanstudiofull-md.md)] {SEG}\n"),
            format!("- {SEG} \\\n  [https://visualstudio.microsoft.com/downloads/](https://visualstudio.microsoft.com/downloads/)\n"),
        ] {
            assert!(run(&t).is_empty(), "{t}");
        }
    }
}
