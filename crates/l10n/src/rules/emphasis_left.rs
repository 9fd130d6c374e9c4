//! `emphasis-moved`, where the evidence is in what the markers left behind
//! rather than in what they took: a name the source sets in bold or italics,
//! kept in Latin letters but outside the translation's markers (`Path
//! パラメーター` for "the **Path** parameter", `**ItemIs** ルール` for
//! `**FormType**`); emphasis that takes in one bracket of a pair (`[キャッシュ
//! ストレージ **] セクションを展開**`), as machine translation moves the
//! markers with the words it aligned them to.

use std::ops::Range;

use super::emphasis::{bolds, italics};
use super::side::{Raw, Side};
use crate::text::clip;

/// A name the source's emphasis holds: Latin letters, digits and the signs
/// of a name or a switch (`Path`, `-D`, `.txt`, `server_name`, `Get-`).
fn latin_name(x: &str) -> bool {
    x.len() >= 2
        && x.chars().any(|c| c.is_ascii_alphabetic())
        && x.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        && !x.contains(['*', '[', ']', '(', ')', '`'])
}

/// Offsets where `x` stands as a whole in `text` (no letter or digit of the
/// same name glued on either side: a Korean particle may follow).
fn whole(text: &str, x: &str) -> Vec<usize> {
    text.match_indices(x)
        .filter(|&(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + x.len()..].chars().next();
            let name = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            };
            !name(before) && !name(after)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The occurrences of `x` outside `inside`, code and link targets.
fn plain(side: &Side, x: &str, inside: &[Range<usize>]) -> Vec<usize> {
    let mut masked = side.inl.cursor();
    whole(side.text, x)
        .into_iter()
        .filter(|&i| !masked.at(i) && !inside.iter().any(|r| r.contains(&i)))
        .collect()
}

/// Every emphasis's inside, bold and italics, for telling what is outside.
fn all_insides(side: &Side) -> Vec<Range<usize>> {
    let mut all = bolds(side);
    all.extend(italics(side));
    all
}

fn name_left_outside(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    for (kind, sx, tx) in [
        ("bold", bolds(s), bolds(t)),
        ("italics", italics(s), italics(t)),
    ] {
        let mut seen: Vec<&str> = Vec::new();
        for r in &sx {
            let x = s.text[r.clone()].trim();
            if !latin_name(x) || seen.contains(&x) {
                continue;
            }
            seen.push(x);
            let in_source = sx
                .iter()
                .filter(|r| s.text[(*r).clone()].trim() == x)
                .count();
            let in_translation = tx
                .iter()
                .filter(|r| !whole(&t.text[(*r).clone()], x).is_empty())
                .count();
            // A translation without any emphasis of this kind here may
            // be a translator's style (human translators often drop the
            // italics of a file's name throughout); markers kept but set on
            // other words are machine translation's.
            if in_translation >= in_source || tx.is_empty() {
                continue;
            }
            // Outside this kind of emphasis: bold turned into italics is
            // lost too.
            let t_plain = plain(t, x, &tx);
            if t_plain.len() > plain(s, x, &sx).len() {
                out.push((
                    "emphasis-moved",
                    t_plain[0],
                    format!(
                        "\"{}\" is in {kind} in the source, not in the translation: the markers were lost or moved onto other words",
                        clip(x, 40)
                    ),
                ));
                return;
            }
        }
    }
}

/// Brackets of a pair inside `x` that is not closed (or opened) there,
/// other than a closing one at its very end or an opening one at its start
/// (`[ **マニフェスト]**`: the label is still all in bold).
fn unbalanced(x: &str) -> bool {
    let x = x.trim();
    [('[', ']'), ('(', ')'), ('（', '）'), ('「', '」')]
        .iter()
        .any(|&(o, c)| {
            let (opened, closed) = (x.matches(o).count(), x.matches(c).count());
            let edge = (closed == opened + 1 && x.ends_with(c))
                || (opened == closed + 1 && x.starts_with(o));
            opened != closed && !edge
        })
}

fn bracket_taken(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let prose = |side: &Side, r: &Range<usize>| {
        let mut masked = side.inl.cursor();
        side.text[r.clone()]
            .char_indices()
            .filter(|&(i, _)| !masked.at(r.start + i))
            .map(|(_, c)| c)
            .collect::<String>()
    };
    if all_insides(s).iter().any(|r| unbalanced(&prose(s, r))) {
        return;
    }
    for r in all_insides(t) {
        if unbalanced(&prose(t, &r)) {
            out.push((
                "emphasis-moved",
                r.start,
                format!(
                    "the emphasis \"{}\" takes in one bracket of a pair: the markers no longer enclose the label",
                    clip(&t.text[r.clone()], 40)
                ),
            ));
            return;
        }
    }
}

pub(super) fn emphasis_left(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    // One finding a segment: the markers' other rule may have spoken.
    if !s.text.contains(['*', '_']) || out.iter().any(|f| f.0 == "emphasis-moved") {
        return;
    }
    name_left_outside(t, s, out);
    bracket_taken(t, s, out);
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    fn found(tr: &str, src: &str) -> usize {
        run_rule(emphasis_left, tr, src).len()
    }

    #[test]
    fn a_name_left_outside_its_markers() {
        // Bold lost altogether: maybe a translator's style.
        assert_eq!(
            found(
                "Path パラメーターを使用します。",
                "Use the **Path** parameter."
            ),
            0
        );
        // Bold moved onto another name.
        assert_eq!(
            found(
                "**ItemIs** ルールで FormType を指定します。",
                "Specify **FormType** in the ItemIs rule."
            ),
            1
        );
        // Bold kept, with a particle glued after it.
        assert_eq!(found("**Path**를 사용합니다.", "Use **Path**."), 0);
        // The translation writes it as code instead.
        assert_eq!(found("`Path` パラメーター", "the **Path** parameter"), 0);
        // The source also writes it plain.
        assert_eq!(
            found(
                "Path と Path **パラメーター**",
                "**Path** and the Path parameter"
            ),
            1
        );
        assert_eq!(
            found(
                "**Path** と Path パラメーター",
                "**Path** and the Path parameter"
            ),
            0
        );
        // Italics and bold swapped.
        assert_eq!(found("*osql* と **db_name**", "**osql** and *db_name*"), 1);
    }

    #[test]
    fn emphasis_that_takes_one_bracket() {
        assert_eq!(
            found(
                "[キャッシュ ストレージ **] セクションを展開** して",
                "Expand the **Cache Storage** section"
            ),
            1
        );
        assert_eq!(
            found(
                "**選択済み \\(**を削除する])",
                "**Delete Selected** \\(icon\\)"
            ),
            1
        );
        assert_eq!(
            found(
                "[**キャッシュ ストレージ**] を展開",
                "Expand **Cache Storage**"
            ),
            0
        );
        assert_eq!(found("**[Continue]** をクリック", "Click **Continue**"), 0);
        assert_eq!(
            found("[ **マニフェスト]** ウィンドウ", "**Manifest** pane"),
            0
        );
        assert_eq!(
            found("**テスト (_t)** フォルダー", "the **_Test** folder"),
            0
        );
        assert_eq!(
            found(
                "**[x](https://a.b/(c))** を参照",
                "See **[x](https://a.b/(c))**"
            ),
            0
        );
    }
}
