//! Links whose boundary cuts the sentence's grammar, as machine translation
//! moves a link's brackets with the words it aligned them to: a verb's
//! polite ending inside the text (`[配置できます](…)`, `[Surface
//! Pro参照してください](…)`) or glued after it (`[Web パッケージを展開する](…)
//! します`, `[메시지 처리기](…)합니다`), a particle opening it (`[のビルドと
//! パッケージ化](…)`), a quotation mark inside it whose pair is outside
//! (`[программе "предварительные оценки](…) "`). The reader is sent to a
//! link whose text no longer names its page.

use super::side::{Raw, Side};
use crate::text::{clip, hangul, is_hiragana as hiragana};

/// Polite endings of a Japanese or Korean predicate.
const ENDS: &[&str] = &[
    "ます",
    "ません",
    "ました",
    "ください",
    "합니다",
    "습니다",
    "됩니다",
    "하세요",
    "하십시오",
];

/// Quotation marks of a pair, one without the other in `x`.
fn split_quotes(x: &str) -> bool {
    x.matches('"').count() % 2 == 1
        || [('「', '」'), ('“', '”'), ('«', '»'), ('『', '』')]
            .iter()
            .any(|&(o, c)| x.matches(o).count() != x.matches(c).count())
}

/// Why the link's text `x`, followed by `after`, cuts the grammar, if it
/// does, with the rule to report.
fn cut(x: &str, after: &str, source: &str) -> Option<(&'static str, String)> {
    let x = x.trim();
    // A term's link (`[air-tap]`), not a title a translation may word as a
    // predicate (`[キャッシュのデータを表示します]` for "View the data…").
    let term = source.split_whitespace().count() <= 3;
    if let Some(e) = ENDS.iter().find(|e| x.ends_with(**e)) {
        if term && !ENDS.iter().any(|e| source.ends_with(e)) {
            return Some((
                "link-text-grew",
                format!("it ends with the verb's ending \"{e}\" of the sentence"),
            ));
        }
    }
    // A verb's ending right after the link, where the link's text cannot
    // take it: a Japanese text ending in kana (`…を展開する`), the Korean of a
    // page's title in Title Case (`[데이터베이스 프로젝트 배포](…)합니다` for
    // "Deploying Database Projects"); not a verbal noun's own ending
    // (`[インストール](…)します`, `[… 다운로드](…)합니다` for "Download …").
    let glued = after
        .trim_start()
        .strip_prefix("します")
        .or_else(|| after.trim_start().strip_prefix("합니다"))
        .is_some_and(|r| r.is_empty() || r.starts_with(['。', '.', '、', ',']));
    let kana_end = x.chars().next_back().is_some_and(hiragana);
    let title_case = source
        .split_whitespace()
        .filter(|w| w.len() > 3)
        .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && source.split_whitespace().count() >= 2;
    let korean_title = x.chars().any(hangul) && title_case;
    if glued && (kana_end || korean_title) {
        return Some((
            "link-moved",
            "a verb's ending is glued after it, where its text cannot take one".into(),
        ));
    }
    // A Japanese particle opening the text before a word of another kind
    // (`[のビルド…]`); not a word of kana (`[はじめに]`).
    let mut chars = x.chars();
    if let (Some(p), Some(next)) = (chars.next(), chars.next()) {
        if "のをはがにで".contains(p) && !hiragana(next) && !next.is_whitespace() {
            return Some((
                "link-text-grew",
                format!("it opens with the particle \"{p}\" of the words before it"),
            ));
        }
    }
    (split_quotes(x) && !split_quotes(source)).then(|| {
        (
            "link-text-punctuation",
            "a quotation mark of the sentence is inside it, its pair outside".into(),
        )
    })
}

pub(super) fn link_grammar(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let source: Vec<&str> = s
        .inl
        .links
        .iter()
        .filter(|l| !l.image)
        .map(|l| l.text.as_str())
        .collect();
    if source.is_empty() {
        return;
    }
    let said: Vec<usize> = out
        .iter()
        .filter(|f| f.0.starts_with("link-"))
        .map(|f| f.1)
        .collect();
    for l in t.inl.links.iter().filter(|l| !l.image) {
        if said.contains(&l.range.start) {
            continue;
        }
        // The source's text of the same target, or its first.
        let src = s
            .inl
            .links
            .iter()
            .find(|sl| !sl.image && sl.dest == l.dest)
            .map_or(source[0], |sl| sl.text.as_str());
        if let Some((rule, why)) = cut(&l.text, &t.text[l.range.end..], src.trim()) {
            out.push((
                rule,
                l.range.start,
                format!(
                    "the link's text \"{}\" cuts its sentence's grammar: {why}; the source's is \"{}\"",
                    clip(l.text.trim(), 40),
                    clip(src.trim(), 40)
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
        run_rule(link_grammar, tr, src)
            .iter()
            .map(|f| f.0)
            .collect()
    }

    #[test]
    fn links_that_cut_the_grammar() {
        assert_eq!(
            found(
                "詳しくは「[ビルド プロセスを理解する](a.md)します。",
                "See [Understanding the build process](a.md)."
            ),
            ["link-moved"]
        );
        assert_eq!(
            found(
                "자세한 내용은 [데이터베이스 프로젝트 배포](a.md)합니다.",
                "See [Deploying Database Projects](a.md)."
            ),
            ["link-moved"]
        );
        assert_eq!(
            found(
                "[EF Core 도구가 설치 되어 있는지 확인](a.md)합니다.",
                "[make sure you have the EF Core tools installed](a.md)."
            ),
            [] as [&str; 0]
        );
        assert_eq!(
            found("[インストール](a.md)します。", "[Install](a.md) it."),
            [] as [&str; 0]
        );
        assert_eq!(
            found(
                "エアタップで [配置できます](a.md)。",
                "You can place it with an [air-tap](a.md)."
            ),
            ["link-text-grew"]
        );
        assert_eq!(
            found(
                "[のビルドとパッケージ化 Web Application Projects](a.md)",
                "[Building and Packaging Web Application Projects](a.md)"
            ),
            ["link-text-grew"]
        );
        assert_eq!(
            found("[はじめに](a.md)", "[Getting started](a.md)"),
            [] as [&str; 0]
        );
        assert_eq!(
            found(
                "в [программе \"предварительные оценки Windows](a.md) \"",
                "the [Windows Insider Program](a.md)"
            ),
            ["link-text-punctuation"]
        );
        assert_eq!(
            found(
                "«[Программа предварительной оценки](a.md)»",
                "the [Windows Insider Program](a.md)"
            ),
            [] as [&str; 0]
        );
    }
}
