//! `code-span-moved` by the span's role in its sentence, for every script:
//! what the span is joined to (a conjunction with another span, the noun it
//! names, the particle that marks it, the verb it is the object of), rather
//! than which words happen to be next to it. Machine translation of
//! side-by-side segments treats each span as a placeholder and often drops
//! it at the end of the clause or between a verb and its ending; these
//! places are impossible in the language, so they are found without a
//! dictionary:
//!
//! - two spans the source joins with "and", "or" or a comma run together
//!   (`` `&&` `||` ``) or are pulled apart;
//! - Japanese: a span between a verb and its ending (`抑制さ `X` れます`,
//!   `` `X` ます ``), after the sentence's final verb (`ください `X` 。`), or
//!   after a particle that starts its clause (`、を `X``);
//! - Korean: a span between a verb stem and its ending (`지정 하 `X` 고`,
//!   `추가 `X` 합니다`) or after the sentence's final verb (`됩니다 `X` .`);
//! - Japanese, Chinese, Korean, where a name precedes its noun as in
//!   English: a span the source has before a word (`the `X` variable`) now
//!   ends its clause (`定义 `X` ，`), or comes after that word when the word
//!   is kept in Latin letters (`cmdlet의 출력은 `Read-Host``).
//!
//! A span glued to its particle (`` `X`를 ``, `` `X`を ``) is where it
//! belongs. Findings whose evidence is structural (the sentence cannot be
//! read that way) are errors, the others warnings: see `side::certain`.

use std::collections::HashMap;
use std::ops::Range;

use super::side::{certain, Raw, Side};
use super::span_place::pairs;
use crate::inline::backticked;
use crate::text::{hangul, is_katakana, no_space_script};

/// How the translation writes its words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Japanese,
    Chinese,
    Korean,
    Spaced,
}

impl Script {
    fn of(text: &str) -> Self {
        let kana = |c: char| matches!(c as u32, 0x3040..=0x30FF);
        if text.chars().any(kana) {
            Script::Japanese
        } else if text.chars().any(no_space_script) {
            Script::Chinese
        } else if text.chars().any(hangul) {
            Script::Korean
        } else {
            Script::Spaced
        }
    }

    /// Languages where a name comes before the noun it names, as in
    /// English ("the `X` variable", `` `X` 変数 ``, `` `X` 변수 ``).
    fn head_final(self) -> bool {
        self != Script::Spaced
    }
}

mod korean;
mod names;
mod words;
pub(super) use names::{link_role, name_role};
pub(super) use words::JA_VERBAL_NOUNS;
use words::*;

/// The next character after `at` that is neither a space nor inside
/// another code span, with its offset.
fn next_char(t: &Side, at: usize) -> Option<(usize, char)> {
    let mut i = at;
    while i < t.text.len() {
        if let Some(c) = t.inl.codes.iter().find(|c| c.range.start == i) {
            i = c.range.end;
            continue;
        }
        let c = t.text[i..].chars().next()?;
        if !c.is_whitespace() {
            return Some((i, c));
        }
        i += c.len_utf8();
    }
    None
}

/// The text after `at`, past spaces and other code spans.
fn rest<'a>(t: &Side<'a>, at: usize) -> &'a str {
    next_char(t, at).map_or("", |(i, _)| &t.text[i..])
}

/// The text before `at`, without trailing spaces.
fn before<'a>(t: &Side<'a>, at: usize) -> &'a str {
    t.text[..at].trim_end()
}

/// The last word before `at` (text since the last space).
fn last_word<'a>(t: &Side<'a>, at: usize) -> &'a str {
    let b = before(t, at);
    b.rsplit(char::is_whitespace).next().unwrap_or("")
}

/// Whether the source has a word of the same clause right after the span
/// ("the `X` variable"), rather than punctuation or the end.
fn source_word_after(s: &Side, r: &Range<usize>) -> bool {
    s.text[r.end..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .next()
        .is_none()
        && s.text[r.end..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Why a translated span is not where its role puts it, and whether the
/// evidence is structural.
fn role(
    t: &Side,
    s: &Side,
    script: Script,
    sr: &Range<usize>,
    tr: &Range<usize>,
) -> Option<(bool, String)> {
    let after = rest(t, tr.end);
    let prev = before(t, tr.start);
    match script {
        Script::Japanese => {
            if let Some(e) = JA_ENDINGS.iter().find(|e| after.starts_with(**e)) {
                return Some((
                    true,
                    format!("it is now between a verb and its ending \"{e}\""),
                ));
            }
            let stem = prev.chars().next_back().is_some_and(|c| {
                (no_space_script(c) || is_katakana(c))
                    && !JA_PARTICLES.contains(&c)
                    && c != '、'
                    && c != '。'
            });
            if let (true, Some(e)) = (stem, JA_SURU.iter().find(|e| after.starts_with(**e))) {
                return Some((
                    true,
                    format!(
                        "it is now between a verbal noun and its ending \"{}\"",
                        e.trim_end_matches(['、', '。', ' '])
                    ),
                ));
            }
            // Right after a verbal noun, no particle between, and no
            // particle after it either: the span left its verb's object.
            if let Some(v) = JA_VERBAL_NOUNS.iter().find(|v| prev.ends_with(**v)) {
                // `で` opens `です` too: a copula, which takes no object.
                let particle = (after.starts_with(JA_PARTICLES) && !after.starts_with("です"))
                    || after.starts_with(['の', 'と', 'へ', '(', '（'])
                    || after.starts_with("から");
                if !after.is_empty() && !particle {
                    return Some((
                        true,
                        format!("it now comes right after the verb \"{v}\", with no particle: it left the verb's object"),
                    ));
                }
            }
            // Right after a clause's polite ending with no stop between
            // (`返します`true``): a new phrase cannot start there.
            if let Some(e) = ["ます", "ました", "です", "でした"]
                .iter()
                .find(|e| prev.ends_with(**e))
                .filter(|_| !after.is_empty() && !after.starts_with(['。', '、', '.']))
            {
                return Some((
                    true,
                    format!("it now comes right after the clause's ending \"{e}\", with no stop between"),
                ));
            }
            if let Some(e) = JA_FINAL.iter().find(|e| prev.ends_with(**e)) {
                if after.is_empty() || after.starts_with(['。', '、', '.']) {
                    return Some((
                        true,
                        format!("it is now after the sentence's verb (\"{e}\")"),
                    ));
                }
            }
            if let Some(p) = prev
                .chars()
                .next_back()
                .filter(|c| JA_PARTICLES.contains(c))
            {
                let lead = prev[..prev.len() - p.len_utf8()].trim_end();
                if lead.is_empty() || lead.ends_with(['、', '。', '，']) {
                    return Some((true, format!("the particle \"{p}\" before it starts its clause: it belongs after the span")));
                }
            }
        }
        Script::Korean => {
            let verb_end = prev.ends_with('다');
            if verb_end && (after.is_empty() || after.starts_with('.')) {
                return Some((
                    true,
                    format!(
                        "it is now after the sentence's verb (\"{}\")",
                        last_word(t, tr.start)
                    ),
                ));
            }
            let first = after.split(char::is_whitespace).next().unwrap_or("");
            let w = last_word(t, tr.start);
            if KO_STEMS.contains(&w) && first.starts_with(hangul) {
                return Some((
                    true,
                    format!("it is now between a verb stem \"{w}\" and its ending \"{first}\""),
                ));
            }
            if w.ends_with(hangul) && KO_HADA.iter().any(|h| after.starts_with(h)) {
                return Some((
                    true,
                    format!("it is now between \"{w}\" and the verb ending \"{first}\""),
                ));
            }
            if let Some(why) = korean::english_order(t, tr, prev) {
                return Some((true, why));
            }
            if let Some(p) = misplaced_particle(w) {
                return Some((false, format!("the particle \"{p}\" written onto \"{w}\" right before it does not fit that word: it belongs to the span")));
            }
        }
        Script::Chinese => {
            // "the value of `$?`": in Chinese the span comes before 的
            // (`` `$?` 的值 ``), not after the noun it qualifies (`的值 `$?``).
            let of = s.text[..sr.start].trim_end();
            let of = of.strip_suffix("the").map_or(of, str::trim_end);
            let noun: String = prev
                .chars()
                .rev()
                .take_while(|c| no_space_script(*c) && *c != '的')
                .collect();
            let de = prev[..prev.len() - noun.len()].ends_with('的');
            let of_span = of.ends_with(" of") || of == "of";
            // Or right after the noun with no 的 at all (`输出`function2`如下`
            // for "the output of `function2`").
            let bare = !de
                && (1..=3).contains(&noun.chars().count())
                && after.starts_with(|c: char| no_space_script(c) && c != '的');
            if of_span && bare {
                return Some((false, format!("it comes right after \"{}\" with no 的: the source has it as what the noun belongs to (\"of\"), which Chinese puts before 的", noun.chars().rev().collect::<String>())));
            }
            if of_span && de && (1..=3).contains(&noun.chars().count()) {
                return Some((false, format!("it comes after \"的{}\": the source has it as what the noun belongs to (\"of\"), which Chinese puts before 的", noun.chars().rev().collect::<String>())));
            }
        }
        _ => {}
    }
    if script.head_final() && source_word_after(s, sr) {
        // A list going on after the comma (`` `service`、および `rpc` ``) is
        // no clause's end.
        let next = after.trim_start_matches(|c: char| CLAUSE_END.contains(&c) || c.is_whitespace());
        let listed = next.starts_with('`')
            || CONJUNCTIONS
                .iter()
                .any(|c| next.starts_with(c) && !c.chars().all(|c| c.is_ascii_alphabetic()));
        let end = (after.is_empty() || after.starts_with(CLAUSE_END)) && !listed;
        let word = s.text[sr.end..].split_whitespace().next().unwrap_or("");
        // Chinese puts the object after its verb (`运行 `X`；`): right after
        // one, at the end of its clause, the span is where it belongs.
        let object =
            script == Script::Chinese && ZH_VERBS.iter().any(|v| prev.trim_end().ends_with(v));
        if end && !object {
            return Some((
                false,
                format!(
                    "it now ends its clause; the source has it before \"{}\"",
                    crate::text::trim_word(word)
                ),
            ));
        }
    }
    None
}

/// A Korean word ending with the particle 은 or 을 after a syllable without
/// a final consonant, where 는 or 를 would go (`경우은`): the particle was
/// meant for the span after it. `None` when the word is fine.
fn misplaced_particle(word: &str) -> Option<char> {
    let mut rev = word.chars().rev();
    let p = rev.next().filter(|c| *c == '은' || *c == '을')?;
    let before = rev.next()?;
    let open =
        (0xAC00..=0xD7A3).contains(&(before as u32)) && (before as u32 - 0xAC00).is_multiple_of(28);
    open.then_some(p)
}

/// The source's conjunctions between two spans.
fn joined(between: &str) -> Option<&'static str> {
    match between.trim().to_lowercase().as_str() {
        "and" | ", and" => Some("and"),
        "or" | ", or" => Some("or"),
        "," => Some(","),
        _ => None,
    }
}

/// Two spans the source joins with a conjunction: in the translation they
/// run together, or another clause or several words come between them.
fn conjoined(t: &Side, s: &Side, script: Script, of: &HashMap<usize, usize>, out: &mut Vec<Raw>) {
    let codes = &s.inl.codes;
    for k in 1..codes.len() {
        let (a, b) = (&codes[k - 1], &codes[k]);
        if a.in_link.is_some() || b.in_link.is_some() {
            continue;
        }
        let Some(conj) = joined(&s.text[a.range.end..b.range.start]) else {
            continue;
        };
        let (Some(&ta), Some(&tb)) = (of.get(&(k - 1)), of.get(&k)) else {
            continue;
        };
        let (x, y) = {
            let (ra, rb) = (&t.inl.codes[ta].range, &t.inl.codes[tb].range);
            if ra.start <= rb.start {
                (ra, rb)
            } else {
                (rb, ra)
            }
        };
        let between = &t.text[x.end..y.start];
        let content: String = between.chars().filter(|c| !c.is_whitespace()).collect();
        // The language's own "and" or "or" between them, after a comma or
        // not (`、および`, `и`, `및`; not before one, `和，`): joined as the
        // source joins them.
        let bare = content.trim_start_matches(|c: char| CLAUSE_END.contains(&c));
        if CONJUNCTIONS.contains(&bare) {
            continue;
        }
        let pair = format!("{} and {}", a.shown(), b.shown());
        let why = if content.is_empty() {
            Some((true, format!("code spans {pair} run together: the source joins them with \"{conj}\", the translation has nothing between them")))
        } else {
            let words: Vec<&str> = between
                .split(|c: char| !c.is_alphanumeric() || no_space_script(c))
                .filter(|w| !w.is_empty())
                .collect();
            let clause =
                between.contains(CLAUSE_END) && !content.chars().all(|c| CLAUSE_END.contains(&c));
            let latin = words
                .iter()
                .any(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic()));
            let cjk = content.chars().filter(|c| no_space_script(*c)).count();
            // A verb's aspect or voice (`了`, `被`) between them: a clause.
            let verb = script == Script::Chinese && content.contains(['了', '被']);
            let far = match script {
                Script::Japanese | Script::Chinese => latin || cjk > 6 || verb,
                _ => words.len() > 2 && !repeats_noun(t, x, between),
            };
            (clause || far).then(|| (false, format!("code spans {pair} are pulled apart: the source joins them with \"{conj}\", the translation has \"{}\" between them", crate::text::clip(between.trim(), 40))))
        };
        if let Some((sure, why)) = why {
            let at = y.start;
            if !super::moved_at(out, at) {
                let m = format!(
                    "code span {} is not where the source has it: {why}",
                    backticked(&t.text[y.start + 1..y.end - 1])
                );
                out.push(("code-span-moved", at, if sure { certain(&m) } else { m }));
            }
        }
    }
}

/// "den Operator `&&` und den Operator `||`": the words between two spans
/// repeat the noun before the first one.
fn repeats_noun(t: &Side, first: &Range<usize>, between: &str) -> bool {
    let noun = last_word(t, first.start).to_lowercase();
    noun.chars().count() >= 3
        && between
            .to_lowercase()
            .split_whitespace()
            .any(|w| crate::text::trim_word(w) == noun)
}

/// A span after the word the source has right after it, in a language that
/// keeps that order (`cmdlet의 출력은 `Read-Host``): the word, kept in Latin
/// letters, is once in the translation, and not right before the span.
fn after_its_noun(t: &Side, s: &Side, sr: &Range<usize>, tr: &Range<usize>) -> Option<String> {
    let word = s.text[sr.end..]
        .strip_prefix(' ')?
        .split(|c: char| !c.is_alphanumeric())
        .next()?;
    if word.chars().count() < 3
        || !word.chars().all(|c| c.is_ascii_alphabetic())
        || crate::text::is_english_word(word)
    {
        return None;
    }
    let lower = word.to_lowercase();
    let hay = t.text.to_lowercase();
    let found: Vec<usize> = hay
        .match_indices(&lower)
        .map(|(i, _)| i)
        .filter(|&i| {
            !hay[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && !hay[i + lower.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && !t.inl.masked.iter().any(|m| m.contains(&i))
        })
        .collect();
    let [at] = found.as_slice() else { return None };
    let gap = t.text.get(at + lower.len()..tr.start)?;
    (gap.split_whitespace().count() >= 1 && !gap.trim().is_empty()).then(|| {
        format!(
            "it now comes after \"{}\", which the source has right after it",
            &t.text[*at..at + lower.len()]
        )
    })
}

pub(super) fn code_span_role(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if s.inl.codes.len() > 200 {
        return;
    }
    let script = Script::of(t.text);
    let all = pairs(t, s);
    let of: HashMap<usize, usize> = all.iter().copied().collect();
    conjoined(t, s, script, &of, out);
    for &(si, ti) in &all {
        let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
        if super::moved_at(out, tr.start) {
            continue;
        }
        let why = role(t, s, script, sr, tr).or_else(|| {
            script
                .head_final()
                .then(|| after_its_noun(t, s, sr, tr).map(|w| (false, w)))
                .flatten()
        });
        if let Some((sure, why)) = why {
            let m = format!(
                "code span {} is not where the source has it: {why}",
                s.inl.codes[si].shown()
            );
            out.push((
                "code-span-moved",
                tr.start,
                if sure { certain(&m) } else { m },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(tr: &str, src: &str) -> Vec<String> {
        super::super::side::run_rule(code_span_role, tr, src)
            .into_iter()
            .map(|f| f.2)
            .collect()
    }

    #[test]
    fn spans_run_together_or_pulled_apart() {
        let src = "Describes chaining pipelines with the `&&` and `||` operators.";
        assert_eq!(
            found("Описывает цепочки с помощью `&&` `||` операторов и.", src).len(),
            1
        );
        assert_eq!(
            found("Beschreibt die Operatoren `&&` und `||`.", src).len(),
            0
        );
        assert_eq!(
            found("PowerShell の `&&` と `||` 演算子について説明します。", src).len(),
            0
        );
        let pulled = found(
            "В отличие от других операторов `&&` и для обработки `||` конвейеров.",
            src,
        );
        assert!(pulled[0].contains("pulled apart"), "{pulled:?}");
        assert!(found("den Operator `&&` und den Operator `||`.", src).is_empty());
        // A list in the language's own words.
        assert!(found("gRPC は、`&&`、および `||` の名前を使用します。", src).is_empty());
        // Chinese: a verb's aspect between them is a clause; a noun is not.
        assert_eq!(
            found("在此命令中，`&&` 省略了和 `||` 运算符。", src).len(),
            1
        );
        assert!(found("介绍 `&&` 运算符和 `||` 运算符。", src).is_empty());
    }

    #[test]
    fn japanese_verbs_and_particles() {
        let src = "Pipeline success is defined by the value of the `$?` variable.";
        assert_eq!(
            found(
                "パイプラインの成功は、変数の値によって定義され `$?` ます。",
                src
            )
            .len(),
            1
        );
        assert!(found(
            "パイプラインの成功は、`$?` 変数の値によって定義されます。",
            src
        )
        .is_empty());
        let end = found(
            "かっこを使用することを検討してください `(...)` 。",
            "consider the use of parentheses `(...)`.",
        );
        assert!(end[0].contains("after the sentence's verb"), "{end:?}");
        let p = found(
            "は `Write-Output` 実行されません。",
            "Note that `Write-Output` is not executed.",
        );
        assert!(p[0].contains("particle"), "{p:?}");
        // Glued to its particle, or before its noun: where it belongs.
        assert!(found(
            "`Write-Output` は実行されません。",
            "Note that `Write-Output` is not executed."
        )
        .is_empty());
    }

    #[test]
    fn korean_verbs() {
        let src = "the value is stored in the `$Age` variable.";
        assert_eq!(found("값이 변수에 저장 됩니다 `$Age` .", src).len(), 1);
        assert!(found("값이 `$Age` 변수에 저장됩니다.", src).is_empty());
        let split = found(
            "매개 변수를 사용 하 여 텍스트 색을 지정 하 `ForegroundColor` 고, 끝.",
            "by using the `ForegroundColor` parameter, and",
        );
        assert!(split[0].contains("verb stem"), "{split:?}");
        let p = found(
            "매개 변수를 사용 하는 경우은 `Read-Host` **SecureString** 을 반환 합니다.",
            "If the parameter is used, `Read-Host` returns a **SecureString**.",
        );
        assert!(p[0].contains("particle \"은\""), "{p:?}");
        assert!(found(
            "`Read-Host`는 문자열을 반환합니다.",
            "`Read-Host` returns a string."
        )
        .is_empty());
        let noun = found(
            "이 경우 cmdlet의 출력은 `Read-Host` 개체입니다.",
            "the output of the `Read-Host` cmdlet is an object.",
        );
        assert!(noun[0].contains("after \"cmdlet\""), "{noun:?}");
    }

    #[test]
    fn chinese_clause_end() {
        let src = "defined by the value of the `$?` variable, which";
        assert_eq!(found("管道成功由变量的值定义 `$?` ，在基于", src).len(), 1);
        assert!(found("管道成功由 `$?` 变量的值定义，在基于", src).is_empty());
        let de = found(
            "则管道链将继续，并遵从的值 `$?` 和",
            "the pipeline chain continues, respecting the value of `$?` and",
        );
        assert!(de[0].contains("的值"), "{de:?}");
        assert!(found("并遵从 `$?` 的值。", "respecting the value of `$?`.").is_empty());
        // At the end in the source too.
        assert!(found(
            "请考虑使用括号 `(...)` 。",
            "consider the use of parentheses `(...)`."
        )
        .is_empty());
    }
}
