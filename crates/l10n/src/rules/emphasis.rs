//! `emphasis-glued`: emphasis (`*x*`, `**x**`, `_x_`) glued to the next or
//! previous word, where the source has a space or punctuation there:
//! `*Dockerfile-Datei*definiert` for `*Dockerfile* defines`. With `_`,
//! CommonMark does not parse such emphasis at all; with `*` it does, but the
//! words run together.

use std::collections::HashSet;
use std::ops::Range;

use super::glue::{word_after, word_before};
use super::side::{Raw, Side};
use crate::text::{clip, glues_after, hangul, is_word_char, korean_particle, no_space_script};

/// A pair of emphasis delimiters: `*`, `**`, `_`…
struct Emphasis {
    /// From the opening delimiter to the end of the closing one.
    range: Range<usize>,
    delim: String,
    /// Start of the closing delimiter.
    close: usize,
}

/// A run of `*` or `_`: offset, character, length, characters around it.
struct Run {
    at: usize,
    ch: char,
    len: usize,
    before: Option<char>,
    after: Option<char>,
}

fn runs(side: &Side) -> Vec<Run> {
    let text = side.text;
    let masked = |o: usize| {
        let m = &side.inl.masked;
        let i = m.partition_point(|r| r.start <= o);
        i > 0 && m[i - 1].contains(&o)
    };
    // A code span or link target next to a delimiter counts as punctuation.
    let around = |o: Option<(usize, char)>| o.map(|(i, c)| if masked(i) { '\u{1}' } else { c });
    let mut out: Vec<Run> = Vec::new();
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if !escaped && (c == '*' || c == '_') && !masked(i) {
            match out.last_mut() {
                Some(r) if r.ch == c && r.at + r.len == i => r.len += 1,
                _ => out.push(Run {
                    at: i,
                    ch: c,
                    len: 1,
                    before: around(text[..i].char_indices().next_back()),
                    after: None,
                }),
            }
        }
        escaped = c == '\\' && !escaped;
    }
    for r in &mut out {
        let end = r.at + r.len;
        r.after = around(text[end..].char_indices().next().map(|(i, c)| (end + i, c)));
    }
    out
}

fn emphases(side: &Side) -> Vec<Emphasis> {
    let mut open: Vec<&Run> = Vec::new();
    let mut out = Vec::new();
    let all = runs(side);
    for r in &all {
        let space_before = r.before.is_none_or(char::is_whitespace);
        let space_after = r.after.is_none_or(char::is_whitespace);
        if space_before && space_after {
            continue;
        }
        let intraword = r.before.is_some_and(char::is_alphanumeric)
            && r.after.is_some_and(char::is_alphanumeric);
        let can_close = !space_before;
        // `_` inside a word (`ASPNETCORE_URLS`) opens nothing.
        let can_open = !(space_after || (r.ch == '_' && intraword));
        if can_close {
            // The nearest openers only: bounded work on odd input.
            let floor = open.len().saturating_sub(64);
            if let Some(k) = open[floor..]
                .iter()
                .rposition(|o| o.ch == r.ch && o.len == r.len)
                .map(|k| floor + k)
            {
                let o = open[k];
                open.truncate(k);
                out.push(Emphasis {
                    range: o.at..r.at + r.len,
                    delim: r.ch.to_string().repeat(r.len),
                    close: r.at,
                });
                continue;
            }
        }
        if can_open {
            open.push(r);
        }
    }
    out.sort_by_key(|e| e.range.start);
    out
}

/// The insides of the side's italics (`*x*`, `_x_`), in order.
pub(super) fn italics(side: &Side) -> Vec<Range<usize>> {
    insides(side, 1)
}

/// The insides of the side's bold text (`**x**`, `__x__`), in order.
pub(super) fn bolds(side: &Side) -> Vec<Range<usize>> {
    insides(side, 2)
}

fn insides(side: &Side, delim: usize) -> Vec<Range<usize>> {
    emphases(side)
        .into_iter()
        .filter(|e| e.delim.len() == delim)
        .map(|e| e.range.start + delim..e.close)
        .collect()
}

/// Chinese or Japanese inside the emphasis, where it ends before a word:
/// those scripts write no space there (`*dotnet/文档*GitHub`). (Before
/// the emphasis, `razor*ファイル*`, the emphasis has moved off its word.)
fn edge_without_spaces(c: Option<char>) -> bool {
    c.is_some_and(no_space_script)
}

fn glued_before(text: &str, e: &Emphasis) -> bool {
    text[..e.range.start]
        .chars()
        .next_back()
        .is_some_and(is_word_char)
}

fn glued_after(text: &str, e: &Emphasis) -> bool {
    let inner = text[..e.close].chars().next_back();
    let rest = &text[e.range.end..];
    // Korean after Latin in bold: a particle or a verb's ending goes on
    // (`**Path**를`, `**Push**합니다`); another word does not (`**-U**및`).
    let korean_word = inner.is_some_and(|c| c.is_ascii_alphanumeric())
        && rest.starts_with(hangul)
        && !korean_particle(rest)
        && !rest.starts_with(['하', '합', '한', '할', '해', '된', '되', '됩']);
    !edge_without_spaces(inner) && (rest.chars().next().is_some_and(glues_after) || korean_word)
}

pub(super) fn emphasis_glued(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if !t.text.contains(['*', '_']) {
        return;
    }
    let se = emphases(s);
    // (delimiter, side) the source glues, and where it has a space.
    let mut glued: HashSet<(&str, bool)> = HashSet::new();
    let mut spaced: Vec<(&str, bool, &Emphasis)> = Vec::new();
    for e in &se {
        for (after, g) in [
            (false, glued_before(s.text, e)),
            (true, glued_after(s.text, e)),
        ] {
            if g {
                glued.insert((&e.delim, after));
            } else {
                spaced.push((&e.delim, after, e));
            }
        }
    }
    for e in emphases(t) {
        for after in [false, true] {
            let g = if after {
                glued_after(t.text, &e)
            } else {
                glued_before(t.text, &e)
            };
            if !g || glued.contains(&(e.delim.as_str(), after)) {
                continue;
            }
            let Some(&(_, _, src)) = spaced.iter().find(|(d, a, _)| *d == e.delim && *a == after)
            else {
                continue;
            };
            let emph = &t.text[e.range.clone()];
            let src_emph = &s.text[src.range.clone()];
            let (at, found, fixed, source) = if after {
                let w = word_after(t.text, e.range.end);
                let sw: String = s.text[src.range.end..].chars().take(1).collect();
                let src_next = format!("{sw}{}", word_after(s.text, src.range.end + sw.len()));
                (
                    e.close,
                    format!("{emph}{w}"),
                    format!("{emph} {w}"),
                    format!("{src_emph}{src_next}"),
                )
            } else {
                let w = word_before(t.text, e.range.start);
                let start = src.range.start;
                let sw: String = s.text[..start].chars().next_back().into_iter().collect();
                let src_prev = format!("{}{sw}", word_before(s.text, start - sw.len()));
                (
                    e.range.start,
                    format!("{w}{emph}"),
                    format!("{w} {emph}"),
                    format!("{src_prev}{src_emph}"),
                )
            };
            let parse = if e.delim.starts_with('_') {
                "CommonMark does not read it as emphasis"
            } else {
                "the words run together"
            };
            out.push((
                "emphasis-glued",
                at,
                format!(
                    "emphasis {} is glued to the word {} it: \"{}\"; {parse} (the source has \"{}\"); suggested fix: \"{}\"",
                    clip(emph, 40),
                    if after { "after" } else { "before" },
                    clip(&found, 50),
                    clip(&source, 50),
                    clip(&fixed, 50)
                ),
            ));
        }
    }
}
/// `emphasis-moved`: bold or italics set on other words than the source's,
/// as machine translation moves the markers with the words it aligned them
/// to: onto a comma or a particle (`*, в*`, `*は、…*`, `**Hello를**` for
/// `**Hello, World**`'s), or across a clause (`**属性进行排序，按**`), where
/// the source's emphasis holds no clause mark.
/// Words of a language's grammar that no emphasis is set on alone.
const FUNCTION_WORDS: &[&str] = &[
    "します",
    "ます",
    "です",
    "합니다",
    "的",
    "和",
    "或",
    "在",
    "是",
    "の",
    "と",
    "を",
    "は",
    "が",
    "に",
    "で",
    "または",
    "및",
    "또는",
    "와",
    "과",
    "의",
    "를",
    "을",
    "는",
    "은",
    "에",
    "в",
    "во",
    "на",
    "и",
    "или",
    "с",
    "de",
    "la",
    "el",
    "y",
    "o",
    "en",
    "del",
];

/// Korean and Japanese verbs of a UI step ("click", "select", "choose"), in
/// the forms that end or lead on from them: what they act on comes before.
const AFTER_VERB: &[&str] = &[
    "클릭",
    "클릭 합니다",
    "클릭합니다",
    "선택 합니다",
    "선택합니다",
    "クリックします",
    "選択します",
];

/// A sentence's verb at its end, in its polite forms: nothing but a stop
/// comes after it (`表示されます**…**`, `실행할 수 있습니다 합니다 **– whatif**`).
const FINISHED: &[&str] = &["ます", "ません", "ました", "です", "니다"];

/// Bold right after a Japanese verbal noun (`選択**OK**`, `選び**新しいプロジェクトの
/// 追加**します`), no particle after it: English's order ("select **OK**"),
/// where Japanese sets the label first (`**OK** を選択`).
fn after_verbal_noun(before: &str, after: &str) -> bool {
    const UI: &[&str] = &["クリック", "展開", "カスタマイズ", "選び"];
    let b = before.trim_end_matches(['、', ' ']);
    super::span_role::JA_VERBAL_NOUNS
        .iter()
        .chain(UI)
        .any(|v| b.ends_with(v))
        && !after.is_empty()
        && !after.starts_with(PARTICLE_OR_MARK)
        && !after.starts_with("から")
}

/// What follows the object of a Japanese verb: a particle, or a mark that
/// closes or lists it.
const PARTICLE_OR_MARK: &[char] = &[
    'を', 'に', 'が', 'は', 'で', 'と', 'の', 'へ', 'も', '、', '。', ']', '」', ',', '.', ')',
    '）',
];

/// Their connective forms.
const CONNECTIVE: &[&str] = &["클릭 하 여", "클릭하여", "クリックして", "選択して"];

pub(super) fn emphasis_moved(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if s.text.contains("**") || s.text.contains("__") {
        bold_lost_or_grown(t, s, out);
    }
    if !t.text.contains(['*', '_']) {
        return;
    }
    let inner =
        |side: &Side, e: &Emphasis| side.text[e.range.start + e.delim.len()..e.close].to_string();
    let se: Vec<String> = emphases(s).iter().map(|e| inner(s, e)).collect();
    if se.is_empty() {
        return;
    }
    const MARKS: &[char] = &[',', '，', '、', '。', ';', '；'];
    // A sentence's stop in the source's emphasis (`*Service discovery.*`)
    // is a stop in the translation's too.
    let source_marks = se
        .iter()
        .any(|x| x.contains(MARKS) || x.contains(['.', ':']));
    // Where the source's points are a name's (`.txt`, `System.Version`),
    // only a sentence's end after words of the translation's own script
    // (`**ます。**`) tells the emphasis took a clause.
    let name_points = source_marks
        && !se.iter().any(|x| {
            let x = x.trim_end();
            x.contains(MARKS) || x.ends_with(['.', ':']) || x.contains(". ") || x.contains(": ")
        });
    path_cut(t, s, &se, out);
    // Chinese writes the same verbal nouns (`使用`, `指定`) before their
    // object: only kana make the sentence Japanese.
    let japanese = t
        .text
        .chars()
        .any(|c| ('\u{3041}'..='\u{30ff}').contains(&c));
    for e in emphases(t) {
        let x = inner(t, &e);
        let x = x.trim();
        let lead = x.starts_with(MARKS)
            // A Japanese object particle opens no phrase (`**を実行**`).
            || x.starts_with('を')
            || ["は", "を", "が", "に"].iter().any(|p| {
                x.strip_prefix(p)
                    .is_some_and(|r| r.starts_with(['、', '，', ' ']))
            });
        // A Korean particle written onto a Latin word inside the markers.
        let particle = {
            let hangul_tail: String = x
                .chars()
                .rev()
                .take_while(|&c| crate::text::hangul(c))
                .collect();
            let before = x[..x.len() - hangul_tail.len()].chars().next_back();
            !hangul_tail.is_empty()
                && hangul_tail.chars().count() <= 2
                && crate::text::korean_particle(&hangul_tail.chars().rev().collect::<String>())
                && before.is_some_and(|c| c.is_ascii_alphanumeric())
        };
        // A Korean particle alone before the markers' words (`**을
        // 선택합니다.**`): the emphasis begins after its word.
        let stranded = x.split_once(' ').is_some_and(|(first, _)| {
            [
                "을", "를", "은", "는", "가", "에", "에서", "으로", "로", "와", "과", "의",
            ]
            .contains(&first)
        });
        // A sentence's stop inside the markers (`**클릭합니다.**`,
        // `**Windows 10.**`): the emphasis took the sentence's end.
        let stop = x.ends_with(['.', '。', '!', '！']) && !x.ends_with("..");
        let sentence_end = x.ends_with('。')
            || x.strip_suffix('.')
                .and_then(|h| h.chars().next_back())
                .is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
        let clause =
            (!source_marks && (x.contains(MARKS) || stop)) || (name_points && sentence_end);
        // Right after the verb that acts on it, in Korean or Japanese,
        // which put the object first (`클릭 **배포 센터**합니다`,
        // `クリックして**切断**`): the label left its place.
        let before = t.text[..e.range.start].trim_end();
        let after = t.text[e.range.end..].trim_start();
        // A connective form (`클릭하여`, `クリックして`) leads on to the next
        // clause, whose object may follow; only with the verb's ending
        // right after the markers is the label inside its verb.
        // Or right after a verb that ended its sentence with no stop
        // (`表示されます**ソリューション エクスプローラー**`, `확인 합니다 **예**`).
        // After a connective form, what it acts on takes a particle
        // (`クリックして**OK**を`); a bare word after it (`クリックして**切断**前の`)
        // is the label left behind by its own verb.
        let after_verb = AFTER_VERB.iter().any(|v| before.ends_with(v))
            || (e.delim.len() == 2 && FINISHED.iter().any(|v| before.ends_with(v)))
            // A particle glued onto the finished verb (`있습니다는 **/dd+**`,
            // `바뀝니다이 **/T**`): the label's particle, left behind.
            || (e.delim.len() == 2 && crate::text::particle_after_finished_verb(before))
            || (e.delim.len() == 2 && japanese && after_verbal_noun(before, after))
            || (CONNECTIVE.iter().any(|v| before.ends_with(v))
                && (["합니다", "します", "する"]
                    .iter()
                    .any(|e| after.starts_with(e))
                    || (before.ends_with('て')
                        && !after.is_empty()
                        && !after.starts_with(PARTICLE_OR_MARK))));
        // Nothing but a function word of the language in the markers
        // (`**또는**`, `**的**`, `*во*`): the emphasis left its word.
        let function = FUNCTION_WORDS.contains(&x) && !se.iter().any(|w| w.trim() == x);
        if lead || particle || stranded || clause || function || after_verb {
            out.push((
                "emphasis-moved",
                e.range.start,
                format!(
                    "the emphasis \"{}\" is set on other words than the source's ({}): the markers moved with the words they were aligned to",
                    clip(&t.text[e.range.clone()], 40),
                    se.iter().map(|x| format!("\"{}\"", clip(x, 30))).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
}

/// A UI path the source sets in bold whole (`**Administrative Templates >
/// Windows Components > …**`) whose bold the translation ends before its
/// last step, a `>` left outside: the reader no longer sees where the path
/// ends.
fn path_cut(t: &Side, s: &Side, se: &[String], out: &mut Vec<Raw>) {
    // `>` after a space: a step of the path (not an HTML tag's end), even
    // where the bold closes right after it (`компоненты Windows >**`).
    const STEP: &str = " >";
    let inside: usize = se.iter().map(|x| x.matches(STEP).count()).sum();
    if inside == 0 || inside != s.text.matches(STEP).count() {
        return;
    }
    let te = emphases(t);
    let t_inside: usize = te
        .iter()
        .map(|e| t.text[e.range.clone()].matches(STEP).count())
        .sum();
    let outside = t.text.matches(STEP).count().saturating_sub(t_inside);
    // Or the bold closes right after a step, the last steps outside.
    let open_end = te.iter().any(|e| {
        t.text[e.range.start + e.delim.len()..e.close]
            .trim_end()
            .ends_with('>')
    }) && !se.iter().any(|x| x.trim_end().ends_with('>'));
    let Some(first) = te.first() else { return };
    if outside > 0 || open_end {
        out.push((
            "emphasis-moved",
            first.range.start,
            format!(
                "the source sets the whole path in bold ({}); the translation leaves some of its steps outside the markers",
                se.iter().map(|x| format!("\"{}\"", clip(x, 40))).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
}

/// Bold the source sets that the translation drops altogether (`在目录级别创建
/// 设置中的步骤` for "the steps in **Create settings at the directory
/// level**"), or grows from a name over other words (`**método Start**`,
/// `**ScanType の値は次**` for **ScanType**).
fn bold_lost_or_grown(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let sb = bolds(s);
    let Some(first) = sb.first() else { return };
    let tb = bolds(t);
    if tb.is_empty() {
        // Not where the translation keeps the bold text as code, nor a
        // figure's caption (**Figure 7-10**), which styles differ on.
        let x = s.text[first.clone()].trim();
        let caption = ["Figure ", "Table "].iter().any(|p| x.starts_with(p));
        // Nor where quotes stand for it, as Chinese and Japanese translators
        // write a UI's labels (`“.NET Core 跨平台开发”工作负载`).
        let quoted = t.text.contains(['“', '「', '«', '"', '『']);
        // A label of several words inside a sentence, not the whole segment
        // in bold (a list of links, whose markers a translation may set
        // outside its segment) nor one word a translator may leave plain.
        let label =
            x.split_whitespace().count() >= 2 && s.text.trim().trim_matches(['*', '_']).trim() != x;
        if label && !caption && !quoted && !t.inl.codes.iter().any(|c| c.content == x) {
            out.push((
                "emphasis-moved",
                0,
                format!(
                    "the source's bold (\"{}\") is gone from the translation",
                    clip(x, 40)
                ),
            ));
        }
        return;
    }
    let sx: Vec<&str> = sb.iter().map(|r| s.text[r.clone()].trim()).collect();
    for r in &tb {
        let y = t.text[r.clone()].trim();
        if sx.contains(&y) {
            continue;
        }
        // A name of the source's bold, in Latin letters, and words round
        // it inside the markers.
        let grown = sx.iter().find(|x| {
            x.len() >= 3
                && x.chars().all(|c| c.is_ascii() && c != '*')
                && x.chars().any(|c| c.is_ascii_alphabetic())
                && y.contains(**x)
                && y.replace(**x, "").trim().chars().any(char::is_alphabetic)
        });
        if let Some(x) = grown {
            out.push((
                "emphasis-moved",
                r.start,
                format!(
                    "the bold \"{}\" took in words round the source's \"{x}\"",
                    clip(y, 40)
                ),
            ));
        }
    }
}
