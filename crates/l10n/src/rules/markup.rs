//! `markup-broken`: inline markup the source writes whole that the
//! translation breaks, so the page no longer renders as the source's does:
//! an escaped parenthesis cut from its backslash (`\ (Windows \)`), an entity split
//! (`& #47;`), bold turned into literal asterisks (`\*\*`), math whose
//! dollars no longer pair, an image emptied of its alt text or with words of
//! the sentence pulled into it, a parenthesis opened twice. Each is counted
//! in the prose of both sides: the translation has more of it than the
//! source. (Two code spans run together, or list separators left with
//! nothing between them, are what spans that moved leave: the span rules
//! say it.)

use super::side::{Raw, Side};
use crate::text::clip;

/// The side's prose with code spans and link targets blanked, so that what
/// a code span holds (`` `$x` ``, `` `\*` ``) is not read as markup. Each
/// blanked character keeps its length in bytes: offsets found in the prose
/// are the text's.
fn prose(side: &Side) -> String {
    let mut masked = side.inl.cursor();
    let mut out = String::with_capacity(side.text.len());
    for (i, c) in side.text.char_indices() {
        if masked.at(i) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// What breaks markup, by how it shows in the text, and what to tell.
const BROKEN: &[(&str, &str)] = &[
    ("& #", "an HTML entity split by a space"),
    ("&# ", "an HTML entity split by a space"),
    ("&\\# ", "an HTML entity split by a space"),
    ("\\*\\*", "bold turned into literal asterisks"),
    ("（ (", "a parenthesis opened twice"),
    ("( （", "a parenthesis opened twice"),
];

/// Images whose alt text holds bold or a sentence's stop that the
/// source's alt texts do not: words of the sentence pulled into it.
fn alt_grown(text: &str) -> usize {
    text.match_indices("![")
        .filter(|&(i, _)| {
            let rest = &text[i + 2..];
            let Some(end) = rest.find("](") else {
                return true;
            };
            let alt = &rest[..end];
            alt.contains("**") || alt.contains(['。', '.']) && alt.trim_end().ends_with(['。', '.'])
        })
        .count()
}

pub(super) fn markup_broken(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let (tp, sp) = (prose(t), prose(s));
    for &(mark, what) in BROKEN {
        let more = tp.matches(mark).count() > sp.matches(mark).count();
        if more {
            let at = tp.find(mark).unwrap_or(0);
            out.push((
                "markup-broken",
                at,
                format!(
                    "{what} (\"{}\"), which the source does not have: the page no longer renders as the source's",
                    clip(t.text[at..].trim_end(), 30)
                ),
            ));
            return;
        }
    }
    // An escaped parenthesis cut from its backslash (`\ (Windows \)`);
    // a backslash and a space elsewhere is a path broken, a token's concern.
    if (sp.contains("\\(") || sp.contains("\\)"))
        && tp.matches("\\ ").count() > sp.matches("\\ ").count()
    {
        let at = tp.find("\\ ").unwrap_or(0);
        out.push((
            "markup-broken",
            at,
            format!(
                "an escaped parenthesis cut from its backslash (\"{}\"): the backslash shows and the parenthesis is no longer escaped",
                clip(t.text[at..].trim_end(), 30)
            ),
        ));
        return;
    }
    // Math: `$2^2 = 4$` whose closing dollar moved (`$2 ^ 2 = $4`) pairs
    // with another; a dollar more or less unpairs the rest.
    let dollars = |p: &str| p.matches('$').count();
    if dollars(&sp) >= 2 && dollars(&sp) % 2 == 0 && dollars(&tp) != dollars(&sp) {
        out.push((
            "markup-broken",
            tp.find('$').unwrap_or(0),
            "the math's dollar signs no longer pair as the source's do: the formula renders as text".into(),
        ));
        return;
    }
    // Images read in the text itself: their targets are masked in the prose.
    let emptied = |x: &str| x.matches("![](").count();
    if emptied(t.text) > emptied(s.text) {
        out.push((
            "markup-broken",
            t.text.find("![](").unwrap_or(0),
            "an image whose alt text is gone: the source describes the image, the translation no longer does".into(),
        ));
        return;
    }
    if alt_grown(t.text) > alt_grown(s.text) {
        out.push((
            "markup-broken",
            t.text.find("![").unwrap_or(0),
            "an image's alt text holds words of the sentence (bold, its end) or is not closed: the image and the sentence are torn apart".into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    fn found(tr: &str, src: &str) -> usize {
        run_rule(markup_broken, tr, src).len()
    }

    #[test]
    fn broken_markup() {
        assert_eq!(found("\\ (Windows \\)", "\\(Windows\\)"), 1);
        assert_eq!(found("\\(Windows\\)", "\\(Windows\\)"), 0);
        assert_eq!(found("## & #47;IndexFile(if)", "## &#47;IndexFile(if)"), 1);
        assert_eq!(found("单击“下一步”\\*\\*\\*\\*", "Click **Next**"), 1);
        assert_eq!(found("数学 $2 ^ 2 = $4", "math $2^2 = 4$"), 0);
        assert_eq!(
            found("$ \\ket $ 場合があり {0} ます", "$\\ket{0}$ and $\\ket{1}$"),
            1
        );
        assert_eq!(
            found(
                "グラフの例 ![](./media/a.png)",
                "![Chart example](./media/a.png)"
            ),
            1
        );
        assert_eq!(
            found(
                "Kubernetes 클러스터 ![합니다. **그림 3-3**을](a.png) 합니다",
                "cluster ![Kubernetes cluster](a.png) **Figure 3-3**"
            ),
            1
        );
        assert_eq!(found("选项（ (**-n**、)", "options (**-n**,)"), 1);
        // A path broken by a space is a token's defect.
        assert_eq!(found("C:\\ テスト", "C:\\PS-Test"), 0);
        // Offsets past a blanked code span of wide characters stay the
        // text's.
        assert_eq!(found("`日本語` & #47;x", "`日本語` &#47;x"), 1);
        // Inside a code span, what looks like markup is code.
        assert_eq!(found("`\\ x` を使う", "use `\\ x`"), 0);
        assert_eq!(found("`$a` と `$b`", "`$a` and `$b`"), 0);
    }
}
