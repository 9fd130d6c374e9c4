//! `code-span-moved` by the particle a span left behind. Japanese and
//! Korean mark a noun's role with a particle glued after it; when machine
//! translation moves a span away, its particle stays where the span was and
//! now follows nothing a particle can follow: a comma (`、を使用して`),
//! another particle (`出力をに`, `호스트는로`), or a space with no word before
//! it (`, 를`). Chinese has no particles, but its frames show the same gap
//! (`是的包装器`, `和的支持`). The sentence cannot be read that way, so the evidence is
//! structural (an error); the span reported is the first one after the
//! orphan, else the last one before it.

use super::side::{certain, Raw, Side};

/// Japanese case particles that cannot start a phrase (not `で`, which
/// also starts `できます`); `の` links a noun to the next.
const JA_PARTICLES: &[char] = &['を', 'に', 'が', 'は', 'の'];

/// Two Japanese particles that never follow one another: a noun between
/// them is gone.
const JA_PAIRS: &[&str] = &[
    "をに", "にを", "がを", "をが", "はを", "にが", "がに", "でが",
];

/// Korean particles that cannot stand alone.
const KO_PARTICLES: &[&str] = &[
    "를", "을", "는", "은", "가", "이", "에", "로", "으로", "의", "와", "과", "에서",
];

/// A Korean topic or object particle followed by another case particle: the
/// noun of the second one is gone (`호스트는로`).
const KO_PAIRS: &[&str] = &[
    "는로",
    "은로",
    "는를",
    "은을",
    "를을",
    "을를",
    "는을",
    "은를",
    "는에",
    "은에",
    "을에서",
    "를에서",
    "을로",
    "를로",
    "에서을",
    "에서를",
    "에이",
    "에가",
    // The same particle twice: the span it followed moved after it
    // (`반환 되는는 `HttpClient``).
    "는는",
    "를를",
    "을을",
    "은은",
    // A topic particle before another case particle: the span between them
    // went elsewhere (`경우에는에서 `Move-Item``, `이 명령은의`).
    "는에서",
    "은에서",
    "는의",
    "은의",
];

/// Chinese words that need a noun between them: a conjunction or the copula
/// straight before `的` (`和的支持`, `是的包装器`), `以` straight before the
/// form it introduces (`以格式`): the noun, a span, went elsewhere.
/// "The same as X" with no X (`与相同`), "specified by X" with no X (`由指定`).
const ZH_GAPS: &[&str] = &[
    "和的",
    "或的",
    "与的",
    "及的",
    "是的",
    "以格式",
    "以形式",
    "与相同",
    "和相同",
    "跟相同",
    "与一样",
    "和一样",
    "跟一样",
    "由指定",
    "由定义",
    "由返回",
    // "The call to X" with no X (`对的调用`); "named X" with no X
    // (`名为的新迁移`).
    "对的",
    "名为的",
    "称为的",
    "命名为的",
];

/// Chinese verbs that take their object after `到`, `给` or `为`: right
/// before a comma or a full stop, the object (a span) went elsewhere
/// (`"a" 将绑定到，`).
const ZH_OPEN_VERBS: &[&str] = &[
    "绑定到",
    "传递到",
    "传递给",
    "添加到",
    "复制到",
    "移动到",
    "发送到",
    "发送给",
    "写入到",
    "输出到",
    "重定向到",
    "设置为",
    "指定为",
    "更改为",
    "转换为",
    "定向到",
    "保存到",
];

/// Prepositions (Russian, Spanish, Portuguese, French, Italian, German)
/// that a noun must follow: right before a comma or a full stop, their noun,
/// a span, went elsewhere (`написанные с помощью, сохраняя `X``).
const PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "на",
    "с",
    "со",
    "для",
    "из",
    "от",
    "до",
    "к",
    "по",
    "об",
    "при",
    "через",
    "без",
    "помощью",
    "используя",
    "de",
    "para",
    "con",
    "en",
    "por",
    "com",
    "em",
    "pour",
    "avec",
    "dans",
    "sur",
    "di",
    "per",
    "mit",
    "für",
    "von",
    "durch",
];

/// Where a preposition stands right before `,` `;` `.` `:` or `)`.
fn bare_prepositions(t: &Side, out: &mut Vec<(usize, String)>) {
    for &(o, w) in &t.words {
        let lower = w.to_lowercase();
        if !PREPOSITIONS.contains(&lower.as_str()) {
            continue;
        }
        let rest = t.text[o + w.len()..].trim_start_matches(' ');
        let mut it = rest.chars();
        let (Some(p), next) = (it.next(), it.next()) else {
            continue;
        };
        if matches!(p, ',' | ';' | ':' | ')') || (p == '.' && next.is_none_or(char::is_whitespace))
        {
            out.push((o, format!("preposition \"{w}\" before \"{p}\"")));
        }
    }
}

/// How many Korean particles `w` is made of, if it is made of nothing else.
fn particles(w: &str) -> usize {
    if w.is_empty() {
        return 0;
    }
    // Longest first: `으로` before `으`.
    let mut by_len: Vec<&str> = KO_PARTICLES.to_vec();
    by_len.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut rest = w;
    let mut n = 0;
    while !rest.is_empty() {
        match by_len.iter().find(|p| rest.starts_with(**p)) {
            Some(p) => {
                rest = &rest[p.len()..];
                n += 1;
            }
            None => return 0,
        }
    }
    n
}

/// Where, in the translation, a particle has lost its noun: (byte offset,
/// the particle and what it follows).
fn orphans(t: &Side) -> Vec<(usize, String)> {
    let text = t.text;
    let mut out = Vec::new();
    let span_before = |at: usize| t.span_before(at);
    let ja = text.chars().any(|c| matches!(c as u32, 0x3040..=0x30FF));
    let ko = text.chars().any(crate::text::hangul);
    if ja {
        for (i, c) in text.char_indices() {
            if !JA_PARTICLES.contains(&c) {
                continue;
            }
            let before = text[..i].trim_end_matches(' ');
            let prev = before.chars().next_back();
            // At the segment's start only before what no kana word goes on
            // with (`に1つの`; not `はい`).
            let next = text[i + c.len_utf8()..].chars().next();
            let at_start =
                before.is_empty() && next.is_some_and(|n| !matches!(n as u32, 0x3040..=0x309F));
            if (prev.is_some_and(|p| "、。「，,(（".contains(p)) || at_start) && !span_before(i)
            {
                out.push((i, format!("\"{}{c}\"", prev.unwrap_or(' '))));
            }
        }
        for pair in JA_PAIRS {
            for (i, _) in text.match_indices(pair) {
                out.push((i, format!("\"{pair}\"")));
            }
        }
        // "Named …" with nothing before it (`という名前のシークレット `X``).
        let start = text.len() - text.trim_start().len();
        if text[start..].starts_with("という") {
            out.push((start, "\"という\"".to_string()));
        }
    }
    if ko {
        let mut start = 0;
        // Words between spaces and commas: `래퍼로,를` has the orphan `를`.
        for word in text.split([' ', ',']) {
            let at = start;
            start += word.len() + 1;
            let w = word.trim_end_matches('.');
            // `이` is also the pronoun "this" (`이 예제`, `이는`, `이에 따라`).
            let n = if w.starts_with('이') {
                0
            } else {
                particles(w)
            };
            // One particle alone after no span, or several in a row
            // (`` `Write-Host` 은이에 ``) after anything. After bold text or
            // a link (`**새 프로젝트** 를`, `[…](…) 로`) the particle has its
            // noun: machine translation spaces it out.
            let marked = {
                let b = text[..at].trim_end();
                b.ends_with("**") || b.ends_with("__") || (b.ends_with(')') && b.contains("]("))
            };
            // At the very start too: `를 `X` 등록`, `를 사용 하 여` (the span
            // went after its particle, or elsewhere).
            if (n == 1 && !span_before(at) && !marked) || n >= 2 {
                out.push((at, format!("\"{w}\" standing alone")));
            }
        }
        for pair in KO_PAIRS {
            for (i, _) in text.match_indices(pair) {
                // At the end of a word: a noun ending in these syllables
                // (`사이에`) is followed by more of the word or a space.
                let end = i + pair.len();
                let word_end = text[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || ",.".contains(c));
                if word_end {
                    out.push((i, format!("\"{pair}\"")));
                }
            }
        }
    }
    if !ja && !ko && text.chars().any(crate::text::no_space_script) {
        for gap in ZH_GAPS {
            for (i, _) in text.match_indices(gap) {
                // `是的，` is "yes", at the start of a sentence or clause.
                let yes = *gap == "是的"
                    && text[..i]
                        .trim_end()
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
                    && text[i + gap.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric());
                if !yes {
                    out.push((i, format!("\"{gap}\"")));
                }
            }
        }
    }
    if !ja && !ko && text.chars().any(crate::text::no_space_script) {
        for verb in ZH_OPEN_VERBS {
            for (i, _) in text.match_indices(verb) {
                let after = text[i + verb.len()..].trim_start();
                // Its object gone before a clause end, or before `的`
                // (`传递给的转换器函数`).
                if after.starts_with(['，', '。', ',', '.', '；', '的']) || after.is_empty() {
                    out.push((i, format!("verb \"{verb}\"")));
                }
            }
        }
    }
    bare_prepositions(t, &mut out);
    out.sort();
    out.dedup_by_key(|o| o.0);
    out
}

pub(super) fn orphaned_particles(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if t.inl.codes.is_empty() || s.inl.codes.is_empty() {
        return;
    }
    let mut moved = super::moved_spans(out);
    let codes = &t.inl.codes;
    for (at, what) in orphans(t) {
        // The first span after the orphan, else the last before it (spans in order).
        let next = codes.partition_point(|c| c.range.start <= at);
        let span = codes
            .get(next)
            .or_else(|| codes[..next].iter().rev().find(|c| c.range.end <= at));
        let Some(span) = span else { continue };
        // One finding a span: a rule with more to say may have spoken.
        if !moved.insert(span.range.start) {
            continue;
        }
        out.push((
            "code-span-moved",
            span.range.start,
            certain(&format!(
                "code span {} is not where the source has it: the {} has lost its {}, which the span was",
                span.shown(),
                if what.starts_with("preposition") || what.starts_with("verb") {
                    what.clone()
                } else {
                    format!("particle {what}")
                },
                if what.starts_with("verb") { "object" } else { "noun" }
            )),
        ));
    }
}

/// Masculine articles of Portuguese, Spanish, French and Italian: each
/// starts a noun phrase, so a preposition cannot come straight after one.
const ROMANCE_ARTICLES: &[&str] = &["o", "os", "um", "el", "los", "le", "les", "il", "lo", "gli"];

/// Prepositions that start no noun (not `de`: `o de …` is "the one of").
const ROMANCE_PREPOSITIONS: &[&str] = &[
    "para", "por", "com", "em", "con", "en", "pour", "avec", "dans", "sur", "per",
];

/// A span followed by an article that a preposition or the sentence's end
/// then follows (`usar `X` o para mover`, for "use `X` to move"): the article
/// was the span's, which machine translation put before it; the article now
/// starts nothing. Structural, an error. `o` is also Spanish and Italian
/// "or": not judged when the source has "or".
pub(super) fn article_left_behind(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let source_or = s.words.iter().any(|&(_, w)| w.eq_ignore_ascii_case("or"));
    let moved = super::moved_spans(out);
    for code in &t.inl.codes {
        if moved.contains(&code.range.start) {
            continue;
        }
        let rest = &t.text[code.range.end..];
        if !rest.starts_with(' ') {
            continue;
        }
        let mut words = rest.split_whitespace();
        let Some(article) = words.next() else {
            continue;
        };
        let bare = article.trim_end_matches([',', '.', ';', ':']);
        let lower = bare.to_lowercase();
        if !ROMANCE_ARTICLES.contains(&lower.as_str()) || (lower == "o" && source_or) {
            continue;
        }
        let ends = bare.len() < article.len();
        let next = words.next().map(str::to_lowercase);
        if !ends && !next.is_some_and(|n| ROMANCE_PREPOSITIONS.contains(&n.as_str())) {
            continue;
        }
        out.push((
            "code-span-moved",
            code.range.start,
            certain(&format!(
                "code span {} is not where the source has it: the article \"{bare}\" after it starts no phrase, as if the span had gone before its own article",
                code.shown()
            )),
        ));
    }
}

/// Two spans side by side in the translation, with nothing between them,
/// that the source keeps apart with words (`` `New-Item` `temp.txt` `` for
/// "the `New-Item` cmdlet creates a `temp.txt` file"): one of them has left
/// its phrase, in any language. The second is reported, as a warning: which
/// of the two moved is not known.
pub(super) fn run_together(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if t.inl.codes.len() < 2 || s.inl.codes.len() > 200 {
        return;
    }
    let pairs = super::span_place::pairs(t, s);
    let source_of = |ti: usize| pairs.iter().find(|p| p.1 == ti).map(|p| p.0);
    for k in 1..t.inl.codes.len() {
        let (a, b) = (&t.inl.codes[k - 1], &t.inl.codes[k]);
        if !t.text[a.range.end..b.range.start].trim().is_empty() {
            continue;
        }
        let (Some(sa), Some(sb)) = (source_of(k - 1), source_of(k)) else {
            continue;
        };
        let (ra, rb) = (&s.inl.codes[sa].range, &s.inl.codes[sb].range);
        let (first, second) = if ra.end <= rb.start {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let between = &s.text[first.end..second.start];
        let words = between
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if words < 2
            || out
                .iter()
                .any(|f| f.0 == "code-span-moved" && (f.1 == b.range.start || f.1 == a.range.start))
        {
            continue;
        }
        out.push((
            "code-span-moved",
            b.range.start,
            format!(
                "code span {} is not where the source has it: it now runs into {} with nothing between them, where the source has \"{}\"",
                b.shown(),
                a.shown(),
                crate::text::clip(between.trim(), 40)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::RefDefs;

    fn found(tr: &str, src: &str) -> usize {
        super::super::side::run_rule(orphaned_particles, tr, src).len()
    }

    #[test]
    fn spans_run_together() {
        let refs = RefDefs::new();
        let src = "Using wildcards the `New-Item` cmdlet creates a `temp.txt` file.";
        let run = |tr: &str| {
            let (t, s) = (Side::new(tr, &refs), Side::new(src, &refs));
            let mut out = Vec::new();
            run_together(&t, &s, &mut out);
            out.len()
        };
        assert_eq!(run("ワイルドカードを使用すると、 `New-Item` `temp.txt` 現在のディレクトリにファイルが作成されます。"), 1);
        assert_eq!(
            run("`New-Item` コマンドレットは `temp.txt` ファイルを作成します。"),
            0
        );
    }

    #[test]
    fn chinese_frames_and_verbs_without_their_span() {
        let src = "It displays the same files as `Get-ChildItem`, bound to `Path`.";
        assert_eq!(
            found(
                "它显示与相同的文件 `Get-ChildItem` ，绑定到，将 `Path`。",
                src
            ),
            2
        );
        assert_eq!(
            found("它显示与 `Get-ChildItem` 相同的文件，绑定到 `Path`。", src),
            0
        );
    }

    #[test]
    fn particles_without_their_noun() {
        let src = "Use this cmdlet and the `Get-ItemProperty` to get registry values.";
        assert_eq!(
            found(
                "このコマンドレットを使用し、を使用して `Get-ItemProperty` レジストリ値を取得します。",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "出力をにパイプ処理します。 `Format-Table`",
                "Pipe the output to `Format-Table`"
            ),
            1
        );
        assert_eq!(
            found(
                "5.0부터 `Write-Host` 은이에 대 한 래퍼로,를 사용 하 여 `Write-Information` 출력을",
                "Starting in 5.0, `Write-Host` is a wrapper for `Write-Information`."
            ),
            1
        );
        assert_eq!(
            found(
                "호스트는로 표시됩니다 `Write-Host` .",
                "It is shown by `Write-Host`."
            ),
            1
        );
        // Glued to its span, or kept with a space after it: fine.
        assert_eq!(
            found(
                "`Get-ItemProperty` を使用してレジストリ値を取得します。",
                src
            ),
            0
        );
        assert_eq!(
            found(
                "`Write-Host` 를 사용 하 여 표시합니다.",
                "Use `Write-Host` to show it."
            ),
            0
        );
        assert_eq!(
            found(
                "`Write-Host`를 사용해 두 값 사이에 공백을 표시합니다.",
                "Use `Write-Host` to show a space between the values."
            ),
            0
        );
        assert_eq!(
            found(
                "从 5.0 开始， `Write-Host` 是的包装器， `Write-Information` 它允许你",
                "Starting in 5.0, `Write-Host` is a wrapper for `Write-Information`."
            ),
            1
        );
        assert_eq!(
            found("是的，`Write-Host` 可以。", "Yes, `Write-Host` can."),
            0
        );
        // The pronoun `이` is no particle.
        assert_eq!(
            found(
                "이는 `sdk` 이미지를 사용합니다. 이 예제에서는",
                "This uses the `sdk` image."
            ),
            0
        );
    }
}
