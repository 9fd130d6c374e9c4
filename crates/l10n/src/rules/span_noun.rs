//! `code-span-moved` by the noun a span names: the source has the span right
//! next to a noun (`the `Logfiles` directory`, `the `Ignore` value`), the
//! translation has that noun, found by its translation in any script
//! (`目录`, `디렉터리`, `каталог`, `répertoire`, see `nouns`), as often as the
//! source has it, and the span is next to none of its occurrences: other
//! words, or a clause end, lie between (`` `Logfiles`不复制此目录 ``,
//! `매개 변수를 사용 하 여 `ForegroundColor``). A translator keeps a span by
//! the noun it names, on either side, with at most a particle, a linking
//! word (`的`, `の`, `という`) or two words (`файл конфигурации `X``) between.
//! In Korean and Japanese, a span right after its noun's case particle
//! (`디렉터리에 `Logfiles``, `ディレクトリに `X``) where the source has the span
//! before the noun cannot be read as naming it: that is structural, an
//! error; the rest is a warning.

use std::ops::Range;

use super::nouns::{entry, nouns as table, nouns_in};
use super::side::{certain, Raw, Side};
use super::span_place::{norm, pairs, Place};
use crate::text::{hangul, no_space_script};

/// Clause ends and brackets: a span beyond one is in another phrase. The
/// ASCII marks count before a space only (not the dot of `.NET`).
const BREAKS: &[char] = &['、', '。', '，', '．', '；', '：', '（', '）', '(', ')'];
const ASCII_BREAKS: &[char] = &[',', ';', ':', '.', '!', '?'];

fn breaks(text: &str) -> bool {
    text.contains(BREAKS)
        || text.char_indices().any(|(i, c)| {
            ASCII_BREAKS.contains(&c)
                && text[i + 1..].chars().next().is_none_or(char::is_whitespace)
        })
}

/// Words that may stand between a span and its noun: linking words and
/// articles (`名为 `X` 的文件`, ``X` というファイル`, `el archivo `X``).
const LINKS: &[&str] = &[
    "的",
    "之",
    "这个",
    "該",
    "该",
    "此",
    "の",
    "という",
    "と",
    "라는",
    "이라는",
    "and",
    "or",
    "y",
    "o",
    "e",
    "ou",
    "et",
    "und",
    "oder",
    "и",
    "или",
    "el",
    "la",
    "los",
    "las",
    "un",
    "una",
    "os",
    "as",
    "um",
    "uma",
    "le",
    "les",
    "l'",
    "il",
    "lo",
    "gli",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
];

/// Case particles that close a noun's phrase (not "as", `으로`, `として`:
/// "별칭으로 `builder`" is "`builder` as the alias").
const KO_CASE: &[&str] = &["에", "를", "을", "이", "가", "은", "는", "에서"];
const JA_CASE: &[&str] = &["を", "に", "が", "は"];

/// How far apart the span and one occurrence of its noun are: `None` when
/// they are next to each other, else why not.
fn apart(t: &Side, tr: &Range<usize>, noun: &Range<usize>, span_first: bool) -> Option<Apart> {
    let (from, to, noun_first) = if noun.start >= tr.end {
        (tr.end, noun.start, false)
    } else if noun.end <= tr.start {
        (noun.end, tr.start, true)
    } else {
        return None;
    };
    let between = &t.text[from..to];
    // Another span between: a list (`` `a`、`b` パラメーター ``), not judged.
    if between.contains('`') {
        return None;
    }
    let trimmed = between.trim();
    if noun_first && span_first {
        let case = if trimmed.chars().any(hangul) {
            KO_CASE
        } else {
            JA_CASE
        };
        if case.contains(&trimmed) {
            return Some(Apart::Particle(trimmed.to_string()));
        }
    }
    if trimmed.is_empty() {
        return None;
    }
    if breaks(trimmed) {
        return Some(Apart::Clause);
    }
    let cjk = trimmed.chars().any(no_space_script);
    if cjk {
        let rest: String = trimmed.split_whitespace().collect();
        if LINKS.contains(&rest.as_str())
            || (rest.chars().count() <= 3
                && rest.chars().all(|c| matches!(c as u32, 0x3040..=0x309F)))
        {
            return None;
        }
        return Some(Apart::Words(rest));
    }
    let words: Vec<&str> = trimmed
        .split_whitespace()
        .filter(|w| !LINKS.contains(&w.to_lowercase().as_str()))
        .collect();
    (words.len() > 2).then(|| Apart::Words(words.join(" ")))
}

/// The sentence around `at`: between the sentence ends before and after it
/// (`.` `!` `?` before a space, `。` `！` `？`), outside code spans. A plain
/// copy's segment is a paragraph; a noun is counted in its sentence.
fn sentence(side: &Side, at: usize) -> Range<usize> {
    let text = side.text;
    let mut masked = side.inl.cursor();
    let (mut start, mut end) = (0, text.len());
    for (i, c) in text.char_indices() {
        if masked.at(i) {
            continue;
        }
        let next = &text[i + c.len_utf8()..];
        let ends = matches!(c, '。' | '！' | '？')
            || (matches!(c, '.' | '!' | '?') && next.starts_with(char::is_whitespace));
        if !ends {
            continue;
        }
        if i < at {
            start = i + c.len_utf8();
        } else {
            end = i;
            break;
        }
    }
    start..end
}

enum Apart {
    Particle(String),
    Clause,
    Words(String),
}

pub(super) fn span_away_from_noun(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if s.inl.codes.len() > 200 || t.inl.codes.is_empty() {
        return;
    }
    let sp = Place::new(s);
    let nouns = nouns_in(t);
    if nouns.is_empty() {
        return;
    }
    for (si, ti) in pairs(t, s) {
        let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
        if super::moved_at(out, tr.start) {
            continue;
        }
        for (span_first, i) in [(true, sp.next(sr)), (false, sp.prev(sr))] {
            let Some(i) = i else { continue };
            let Some(e) = entry(&norm(s.words[i].1)) else {
                continue;
            };
            let (ss, ts) = (sentence(s, sr.start), sentence(t, tr.start));
            let in_source = sp
                .words
                .iter()
                .zip(&s.words)
                .filter(|(w, (o, _))| ss.contains(o) && entry(w) == Some(e))
                .count();
            let here: Vec<&Range<usize>> = nouns
                .iter()
                .filter(|(r, x)| *x == e && ts.contains(&r.start))
                .map(|(r, _)| r)
                .collect();
            if here.len() != in_source {
                continue;
            }
            let far: Vec<Apart> = here
                .iter()
                .filter_map(|r| apart(t, tr, r, span_first))
                .collect();
            if far.len() != here.len() {
                continue;
            }
            let noun = &t.text[here[0].clone()];
            let code = s.inl.codes[si].shown();
            let en = table()[e].en[0];
            let message = match &far[0] {
                Apart::Particle(p) if here.len() == 1 => certain(&format!(
                    "code span {code} is not where the source has it: it comes after \"{noun}{p}\", the noun it names with the particle that ends its phrase; the source has the span before \"{en}\""
                )),
                Apart::Clause | Apart::Particle(_) => format!(
                    "code span {code} is not where the source has it: it is in another phrase than \"{noun}\" ({en}), the noun the source has it name"
                ),
                Apart::Words(w) => format!(
                    "code span {code} is not where the source has it: \"{w}\" stands between it and \"{noun}\" ({en}), the noun the source has it name"
                ),
            };
            out.push(("code-span-moved", tr.start, message));
            break;
        }
    }
}

/// Chinese coverbs that take their object right after them, for the
/// English word right before a span: "from `X`" is "从 `X`", "using `X`"
/// "使用 `X`", "to `X`" "向 `X`".
const COVERBS: &[(&str, &str)] = &[
    ("from", "从"),
    ("using", "使用"),
    ("from", "從"),
    ("to", "向"),
];

/// A span that the source has right after "from" or "using", after the
/// Chinese coverb's place: the coverb, once in the sentence, is followed by
/// something else (`将项名称从更改 `X` 为`, `使用编写的数据， `X``), so its
/// object went elsewhere.
pub(super) fn coverb_without_span(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if !t.text.chars().any(no_space_script) || s.inl.codes.len() > 200 {
        return;
    }
    let sp = Place::new(s);
    for (si, ti) in pairs(t, s) {
        let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
        if super::moved_at(out, tr.start) {
            continue;
        }
        let Some(i) = sp.prev(sr) else { continue };
        let (ss, ts) = (sentence(s, sr.start), sentence(t, tr.start));
        for &(en, zh) in COVERBS {
            if sp.words[i] != en {
                continue;
            }
            let in_source = sp
                .words
                .iter()
                .zip(&s.words)
                .filter(|(w, (o, _))| ss.contains(o) && *w == en)
                .count();
            let at: Vec<usize> = t.text[ts.clone()]
                .match_indices(zh)
                .map(|(k, _)| ts.start + k)
                .collect();
            let [at] = at.as_slice() else { continue };
            let after = &t.text[at + zh.len()..];
            if in_source != 1 || *at > tr.start || t.span_after(at + zh.len()) {
                continue;
            }
            let next: String = after.chars().take(4).collect();
            out.push((
                "code-span-moved",
                tr.start,
                format!(
                    "code span {} is not where the source has it: \"{zh}\" (\"{en}\") is followed by \"{next}\", not by the span it takes",
                    s.inl.codes[si].shown()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::RefDefs;

    fn moved(tr: &str, src: &str) -> Vec<String> {
        let refs = RefDefs::new();
        let (t, s) = (Side::new(tr, &refs), Side::new(src, &refs));
        let mut out = Vec::new();
        span_away_from_noun(&t, &s, &mut out);
        out.into_iter().map(|f| f.2).collect()
    }

    #[test]
    fn a_span_away_from_its_noun_in_every_script() {
        let src = "The `Temp` folder is not copied.";
        assert_eq!(moved("`Temp`不复制此文件夹。", src).len(), 1);
        assert_eq!(moved("不复制 `Temp` 文件夹。", src), Vec::<String>::new());
        assert_eq!(
            moved("名为 `Temp` 的文件夹不复制。", src),
            Vec::<String>::new()
        );
        let src = "It uses the `Color` parameter to paint the text.";
        assert_eq!(
            moved("매개 변수를 사용 하 여 `Color` 텍스트를 칠합니다.", src).len(),
            1
        );
        assert!(moved("`Color` 매개 변수를 사용 하 여 텍스트를 칠합니다.", src).is_empty());
        assert_eq!(
            moved("パラメーターを使用して `Color` 文字を塗ります。", src).len(),
            1
        );
        assert!(moved("`Color` パラメーターを使用して文字を塗ります。", src).is_empty());
        assert!(moved("Использует параметр `Color` для текста.", src).is_empty());
        assert_eq!(
            moved(
                "Использует параметр, чтобы покрасить текст `Color` сразу.",
                src
            )
            .len(),
            1
        );
        assert!(moved("Usa el parámetro `Color` para pintar el texto.", src).is_empty());
    }

    #[test]
    fn after_the_particle_of_its_own_noun() {
        let src = "If the `Temp` folder has files, they are copied.";
        let m = moved("폴더에 `Temp` 파일이 있으면 복사 됩니다.", src);
        assert_eq!(m.len(), 1);
        assert!(unmark_is_error(&m[0]));
        // The noun before the span with no particle is fine.
        assert!(moved("폴더 `Temp` 에 파일이 있으면 복사 됩니다.", src).is_empty());
    }

    fn unmark_is_error(m: &str) -> bool {
        super::super::side::unmark(m).0
    }

    #[test]
    fn the_noun_is_counted_in_the_spans_sentence() {
        // A paragraph (a plain copy): the other sentence's "folder" does not
        // make the noun ambiguous.
        let src = "Open the folder. The `Temp` folder is not copied.";
        assert_eq!(moved("打开文件夹。`Temp`不复制此文件夹。", src).len(), 1);
    }

    #[test]
    fn a_coverb_without_its_span() {
        let refs = RefDefs::new();
        let run = |tr: &str, src: &str| {
            let (t, s) = (Side::new(tr, &refs), Side::new(src, &refs));
            let mut out = Vec::new();
            coverb_without_span(&t, &s, &mut out);
            out.len()
        };
        let src = "It renames the item from `a.txt` to `b.txt`.";
        assert_eq!(run("它将项从重命名 `a.txt` 为 `b.txt`。", src), 1);
        assert_eq!(run("它将项从 `a.txt` 重命名为 `b.txt`。", src), 0);
        let src = "Data written using `Tool` is kept.";
        assert_eq!(run("使用写入的数据， `Tool` 保留。", src), 1);
        assert_eq!(run("使用 `Tool` 写入的数据会保留。", src), 0);
    }

    #[test]
    fn not_judged_when_the_noun_is_ambiguous_or_listed() {
        // Twice in the translation, once in the source.
        let src = "Set the `Temp` folder.";
        assert!(moved("设置文件夹，然后 `Temp` 文件夹。", src).is_empty());
        // Another span between: a list.
        let src = "Use the `a` and `b` parameters.";
        assert!(moved("`a`、`b` パラメーターを使用します。", src).is_empty());
    }
}
