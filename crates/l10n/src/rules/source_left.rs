//! `source-left-in-translation`: the longest run of the source's words left
//! inside the translation, when it is English prose. The translation's words
//! are also cut where a script written without spaces meets Latin letters
//! (`、you`, `hosts、または`), so English left in Japanese is compared word
//! by word.

use std::collections::HashMap;

use super::side::{Raw, Side};
use crate::text::{self, clip, is_english_word, no_space_script, trim_word};

/// The side's words, each also cut where a script without spaces, or
/// Hangul (a Korean particle written onto a word), meets another one:
/// (byte offset, word).
fn cut_words<'a>(side: &Side<'a>) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    for &(at, w) in &side.words {
        let mut from = 0;
        let mut prev: Option<char> = None;
        let mut cut = |from: usize, to: usize| {
            let raw = &w[from..to];
            let p = trim_word(raw);
            if !p.is_empty() {
                out.push((at + from + raw.find(p).unwrap_or(0), p));
            }
        };
        for (i, c) in w.char_indices() {
            let cjk = |c: char| no_space_script(c) || text::hangul(c);
            if prev.is_some_and(|p| cjk(p) != cjk(c)) {
                cut(from, i);
                from = i;
            }
            prev = Some(c);
        }
        cut(from, w.len());
    }
    out
}

/// Whether a run of the source's words left in the translation is English
/// prose: five words or more, two of them common English words; three or
/// more that all are ("might not be available"), which a sentence of another
/// language does not have in the source's order; or the whole source, when
/// it is prose.
fn english_prose(run: &[&str], whole: bool) -> bool {
    let n = run.len();
    let english = run.iter().filter(|w| is_english_word(w)).count();
    (n >= 5 && english >= 2) || (n >= 3 && english == n) || (whole && text::is_prose(run))
}

/// `glued`: the range already reported as English glued to the translation.
pub(super) fn source_left(
    t: &Side,
    s: &Side,
    glued: Option<std::ops::Range<usize>>,
    out: &mut Vec<Raw>,
) {
    // Words compared case-insensitively, by a hash of their lower case.
    let key = |w: &str| -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in w.chars().flat_map(char::to_lowercase) {
            let c = if c == '’' { '\'' } else { c };
            h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let t_words = cut_words(t);
    let sw: Vec<u64> = s.words.iter().map(|&(_, w)| key(w)).collect();
    let tw: Vec<u64> = t_words.iter().map(|&(_, w)| key(w)).collect();
    const K: usize = 3;
    if sw.len() < K || tw.len() < K {
        return;
    }
    let mut index: HashMap<&[u64], Vec<usize>> = HashMap::new();
    for j in 0..=tw.len() - K {
        index.entry(&tw[j..j + K]).or_default().push(j);
    }
    // Longest run of words the translation shares with the source that is
    // English prose.
    let english_run = |n: usize, i: usize| -> bool {
        let run: Vec<&str> = s.words[i..i + n].iter().map(|&(_, w)| w).collect();
        english_prose(&run, n == sw.len())
    };
    let mut best = (0, 0, 0); // (length, start in source, start in translation)
    let mut budget = 200_000usize;
    for i in 0..=sw.len() - K {
        let Some(js) = index.get(&sw[i..i + K]) else {
            continue;
        };
        for &j in js {
            let mut n = K;
            while i + n < sw.len() && j + n < tw.len() && sw[i + n] == tw[j + n] {
                n += 1;
            }
            budget = budget.saturating_sub(n);
            if n > best.0 && english_run(n, i) {
                best = (n, i, j);
            }
        }
        if budget == 0 {
            break;
        }
    }
    let (n, _, j) = best;
    if n > 0 {
        let start = t_words[j].0;
        let end = t_words[j + n - 1].0 + t_words[j + n - 1].1.len();
        if glued.is_some_and(|g| g.start < end && start < g.end) || kept_on_purpose(t, start, end) {
            return;
        }
        out.push((
            "source-left-in-translation",
            start,
            format!(
                "English text left in the translation: \"{}\"",
                clip(&t.text[start..end], 70)
            ),
        ));
    }
}

/// English a translator keeps on purpose: the title of an English-only
/// resource in a link's text (`[Containerized Docker Application
/// lifecycle…](https://aka.ms/…)`), or English given with its translation
/// in parentheses (`Get started with Docker CE (Introducción a Docker CE)`).
fn kept_on_purpose(t: &Side, start: usize, end: usize) -> bool {
    let in_external_link =
        t.inl.links.iter().any(|l| {
            l.range.start <= start && end <= l.range.end && super::links::external(&l.dest)
        });
    let after = t.text[end..].trim_start_matches(|c: char| c.is_whitespace() || "*_\\".contains(c));
    let before = t.text[..start].trim_end_matches(|c: char| c.is_whitespace() || "*_".contains(c));
    in_external_link
        || after.starts_with(['(', '（'])
        || (before.ends_with(['(', '（']) && after.starts_with([')', '）']))
}

/// Whether the text is written in another script than Latin letters
/// (Cyrillic, Greek, CJK, Hangul): an English word in it stands out.
fn other_script(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_alphabetic() && (c as u32) >= 0x0370)
}

/// One English word left in a translation written in another script: a
/// verb form (`backgrounded`, `running`) that the source has, kept in Latin
/// letters (`パイプラインチェーン全体を backgrounded、`). Nouns are kept on
/// purpose (`shell`, `cmdlet`); an English participle or gerund is not a
/// term anyone keeps.
/// English words that only its grammar uses: another language never keeps
/// them on purpose.
const GRAMMAR: &[&str] = &[
    "the", "and", "for", "with", "from", "this", "that", "these", "those", "which", "when", "then",
    "than", "into", "are", "was", "were", "will", "can", "should", "must", "not", "only", "also",
    "each", "but", "use", "uses", "using", "you", "your", "its", "their",
];

/// Nouns that Japanese, Chinese and Korean documentation keeps in English
/// on purpose.
const KEPT_NOUNS: &[&str] = &["cmdlet", "cmdlets", "shell", "shells"];

pub(super) fn english_word_left(t: &Side, s: &Side, ctx: &super::Ctx, out: &mut Vec<Raw>) {
    if !other_script(t.text)
        || out
            .iter()
            .any(|f| f.0 == "source-left-in-translation" || f.0 == "source-glued-to-translation")
    {
        return;
    }
    let source: std::collections::HashSet<String> =
        s.words.iter().map(|&(_, w)| w.to_lowercase()).collect();
    // As the source writes them: a word it capitalizes (**Destination**, a
    // parameter) is a name re-cased, which `recased` says.
    let exact: std::collections::HashSet<&str> = cut_words(s).into_iter().map(|(_, w)| w).collect();
    let words = cut_words(t);
    // A capitalized Latin word: a name's (`Docker for Windows`).
    let named = |k: Option<usize>| {
        k.and_then(|k| words.get(k))
            .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_ascii_uppercase()))
    };
    for (k, &(at, w)) in words.iter().enumerate() {
        let plain = w.chars().count() >= 6 && w.chars().all(|c| c.is_ascii_lowercase());
        let inflected = w.ends_with("ed") || w.ends_with("ing");
        // A word that only English grammar uses, left between words of
        // another script ("New-psdrive use 命令"), unless a name holds it.
        // Nor the conjunction between two spans ("`&&` and `||`"): what
        // is left of it is the spans' concern (`code-span-moved`).
        let between_spans = s.text.contains(&format!("` {w} `"));
        let function = GRAMMAR.contains(&w)
            && !between_spans
            && !(named(k.checked_sub(1)) && named(Some(k + 1)));
        // A lower-case noun among Japanese, Chinese or Korean words
        // (`orchestrator는`, `Dapr services 之间`): unless the page writes
        // it as code (`docker`, `null`), or it is one of the few nouns kept
        // on purpose (`cmdlet`), the translation forgot it.
        // Or a lower-case word the page translates elsewhere, unless a name
        // before it holds it (`Azure portal`, `F# interactive`).
        let noun = (plain_noun(t.text, w)
            || (cjk(t.text)
                && w.len() >= 4
                && w.chars().all(|c| c.is_ascii_lowercase())
                && !named(
                    words[..k]
                        .iter()
                        .rposition(|(_, p)| p.chars().any(char::is_alphabetic)),
                )
                && forgotten(ctx, w)))
            && !ctx.in_code.contains(w)
            && !KEPT_NOUNS.contains(&w)
            && !ctx.names.has_word(w);
        if ((plain && inflected) || function || noun)
            // The source's word, maybe in its plural (`orchestrators` left
            // as `orchestrator를`).
            && (if noun {
                exact.contains(w) || exact.contains(format!("{w}s").as_str())
            } else {
                source.contains(w)
            })
            && !crate::text::is_technical(w)
            && !kept_on_purpose(t, at, at + w.len())
        {
            out.push((
                "source-left-in-translation",
                at,
                format!("English word left in the translation: \"{w}\""),
            ));
            return;
        }
    }
}

/// Endings of English words built from others (`orchestrator`,
/// `architecture`, `priority`, `fondly`), which programming keeps none of
/// (`void`, `null`, `stdout`, `bash` are kept on purpose).
const DERIVED: &[&str] = &[
    "tion", "tions", "sion", "sions", "ture", "tures", "ment", "ments", "ness", "ity", "ities",
    "tor", "tors", "ship", "ance", "ence", "ly",
];

/// A lower-case English word built with a derivational ending, of seven
/// letters or more, in Japanese, Chinese or Korean text.
fn cjk(text: &str) -> bool {
    text.chars()
        .any(|c| crate::text::no_space_script(c) || crate::text::hangul(c))
}

fn plain_noun(text: &str, w: &str) -> bool {
    cjk(text)
        && w.len() >= 7
        && w.chars().all(|c| c.is_ascii_lowercase())
        && DERIVED.iter().any(|e| w.ends_with(e))
}

/// How the page's translations treat one lower-case English word of its
/// sources' prose.
#[derive(Default)]
pub(crate) struct KeptWord {
    /// Segments whose translation keeps it in Latin letters.
    kept: u32,
    /// Segments whose translation does not.
    gone: u32,
    /// The source sets it apart somewhere, in italics or bold (a syntax's
    /// placeholder, *skip*): a term, which a translator may keep.
    set_apart: bool,
}

/// Each lower-case English word of the sources' prose, by how the page's
/// translations treat it. A word a page translates in one segment and keeps
/// in another was forgotten where it is kept (`Dapr sidecar で`,
/// サイドカー elsewhere); a word kept throughout (`bash`, `stdout`) is kept
/// on purpose.
pub(crate) type Kept = HashMap<String, KeptWord>;

pub(crate) fn kept_words<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Kept {
    fn latin(text: &str) -> std::collections::HashSet<&str> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 4)
            .collect()
    }
    let mut kept = Kept::new();
    for (translation, source) in pairs {
        let prose: String = source.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let t = latin(translation);
        // Words alone between two `*` or `_` (read once: a segment may be
        // long).
        let apart: std::collections::HashSet<&str> =
            prose.split(['*', '_']).skip(1).step_by(2).collect();
        let words = latin(&prose)
            .into_iter()
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()));
        for w in words {
            let e = kept.entry(w.to_string()).or_default();
            if t.contains(w) {
                e.kept += 1;
            } else {
                e.gone += 1;
            }
            e.set_apart |= apart.contains(w);
        }
    }
    kept
}

/// Whether the page translates the word elsewhere, and never sets it apart
/// as a term.
fn forgotten(ctx: &super::Ctx, w: &str) -> bool {
    ctx.kept
        .get(w)
        .is_some_and(|k| k.gone > 0 && k.kept > 0 && !k.set_apart)
        // A parameter's name (`-Path`) is kept on purpose.
        && !ctx.in_code.contains(&format!("-{w}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn english_runs() {
        assert!(english_prose(&run("might not be available"), false));
        assert!(english_prose(&run("should not be"), false));
        assert!(!english_prose(&run("might not Alpine"), false));
        assert!(!english_prose(&run("not be"), false));
        assert!(!english_prose(&run("Azure Container Registry"), false));
        assert!(english_prose(&run("you can deploy it to"), false));
        assert!(!english_prose(&run("ASP.NET Core on Docker Hub"), false));
        assert!(english_prose(&run("Not to be used in production"), true));
    }
}
