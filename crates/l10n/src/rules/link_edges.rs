//! `link-text-grew`: a link's boundary moved in the translation, so that
//! its text ends with a word that leads into what follows the link (`[sección
//! decimal en](…) la siguiente parte`, for "the [section on decimals](…) in
//! the next part") or starts with a particle that belongs to what comes
//! before it (`[には、NuGet からパッケージを](…)`). Machine translation moves
//! the link's brackets with the words it was aligned to; the reader is sent
//! to a link whose text no longer names it.

use std::collections::HashMap;

use super::links::norm_dest;
use super::side::{Raw, Side};
use crate::inline::Link;
use crate::text::{clip, hangul, is_english_word, korean_particle, no_space_script, words};

/// Prepositions and articles that lead into a noun (Spanish, Portuguese,
/// French, Italian, German, Russian): a link's text does not end with one.
const LEADING: &[&str] = &[
    "de", "en", "con", "para", "por", "a", "del", "al", "el", "la", "los", "las", "un", "una",
    "em", "com", "do", "da", "dos", "das", "no", "na", "o", "os", "à", "au", "aux", "du", "des",
    "le", "les", "pour", "avec", "dans", "sur", "di", "per", "il", "von", "mit", "für", "der",
    "die", "das", "zu", "zur", "zum", "в", "на", "с", "для", "из", "к", "по", "о", "об",
];

/// Prepositions that start a phrase around a link (`в разделе [Настройка
/// …]`, `en [la documentación]`): a link's text does not start with one
/// unless the source's does.
const PREPOSITIONS: &[&str] = &[
    "в", "во", "на", "с", "со", "для", "из", "к", "по", "о", "об", "при", "en", "con", "para",
    "por", "em", "com", "pour", "avec", "dans", "sur", "per", "con", "mit", "für", "im", "beim",
];

/// English words a link's text may end with on purpose.
const ENGLISH_LEADING: &[&str] = &[
    "of", "on", "in", "to", "for", "with", "the", "a", "an", "by", "from", "at",
];

/// Japanese and Korean particles that mark the word before them: a link's
/// text does not start with one.
const PARTICLES: &[&str] = &[
    "については",
    "には",
    "では",
    "を",
    "に",
    "は",
    "が",
    "で",
    "の",
    "と",
    "を使用",
    "를",
    "을",
    "에",
    "의",
    "은",
    "는",
    "이",
    "가",
    "에서",
];

pub(super) fn link_edges(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    // The source's links by target, looked up once a link (a segment may
    // have thousands).
    let mut by_dest: HashMap<String, &Link> = HashMap::new();
    for sl in s.inl.links.iter().filter(|l| !l.image) {
        by_dest.entry(norm_dest(&sl.dest)).or_insert(sl);
    }
    for l in t.inl.links.iter().filter(|l| !l.image) {
        let Some(sl) = by_dest.get(&norm_dest(&l.dest)) else {
            continue;
        };
        let text = l.text.trim();
        if let Some((rule, why)) = emptied_or_grammar(text, sl.text.trim()) {
            out.push((
                rule,
                l.range.start,
                format!(
                    "the link's text {why}; the source's is \"{}\"",
                    clip(sl.text.trim(), 50)
                ),
            ));
            continue;
        }
        let tw = words(text);
        let sw = words(sl.text.trim());
        let (Some(last), Some(s_last)) = (tw.last(), sw.last()) else {
            continue;
        };
        let first = tw[0].to_lowercase();
        let s_first = sw[0].to_lowercase();
        // In lower case: mid-sentence (`В этом примере`, a sentence's
        // start, may well be the link's own words).
        let why = if tw.len() >= 2
            && PREPOSITIONS.contains(&first.as_str())
            && tw[0].starts_with(char::is_lowercase)
            && !ENGLISH_LEADING.contains(&s_first.as_str())
        {
            Some(format!(
                "it starts with \"{}\", a preposition of the words before the link",
                tw[0]
            ))
        } else if tw.len() >= 2
            && LEADING.contains(&last.to_lowercase().as_str())
            && !ENGLISH_LEADING.contains(&s_last.to_lowercase().as_str())
            && t.text[l.range.end..].starts_with(' ')
        {
            Some(format!(
                "it ends with \"{last}\", which leads into the words after the link"
            ))
        } else {
            PARTICLES
                .iter()
                // Standing alone, before a space or a comma: not the first
                // syllable of a word (`이전`, `はじめに`).
                .find(|p| {
                    text.strip_prefix(**p).is_some_and(|rest| {
                        rest.starts_with(|c: char| c.is_whitespace() || "、，,".contains(c))
                    })
                })
                .map(|p| format!("it starts with \"{p}\", a particle of the words before the link"))
        };
        let why = why
            .or_else(|| particle_taken_in(text, &t.text[l.range.end..]))
            .or_else(|| name_left_out(t, s, sl, text))
            .or_else(|| cut_to_one_word(t, &tw, &sw));
        if let Some(why) = why {
            out.push((
                "link-text-grew",
                l.range.start,
                format!(
                    "the link's text \"{}\" took in a word from outside it: {why}; the source's is \"{}\"",
                    clip(text, 50),
                    clip(sl.text.trim(), 50)
                ),
            ));
        }
    }
}

/// A link's text emptied (`マニフェスト スキーマ[](…)`), starting with the
/// sentence's comma (`[、App Studio](…)`), or holding nothing but kana of a
/// verb's ending or particles (`有効 [にします](…)`), where the source's text
/// names something: its words moved out, other words' grammar moved in.
fn emptied_or_grammar(text: &str, source: &str) -> Option<(&'static str, String)> {
    let named = source.chars().any(char::is_alphanumeric);
    if !named {
        return None;
    }
    if text.is_empty() {
        return Some((
            "link-moved",
            "is empty: its words were moved out of it".into(),
        ));
    }
    let hiragana = crate::text::is_hiragana;
    if text.starts_with(['、', '，']) {
        return Some((
            "link-text-punctuation",
            format!("\"{}\" starts with the sentence's comma", clip(text, 40)),
        ));
    }
    // Kana that start with a particle or hold a verb's polite ending; not
    // a word of kana (`ここ`, `こちら`: "here").
    let grammar =
        text.starts_with(['に', 'を', 'は', 'が', 'で', 'と', 'の', 'も']) || text.contains("ます");
    (text.chars().all(hiragana) && grammar && !source.chars().all(hiragana)).then(|| {
        (
            "link-moved",
            format!("\"{text}\" is nothing but a verb's ending or particles: the link left the words it names"),
        )
    })
}

/// Korean topic and object particles, Japanese ones: they end the phrase
/// a link's text is part of, not the text (`[Azure 앱 구성은](…)`).
const ENDING_PARTICLES: &[&str] = &["은", "는", "을", "를", "は", "を", "が"];

/// A particle written onto the link text's last word where nothing outside
/// the link carries it.
fn particle_taken_in(text: &str, after: &str) -> Option<String> {
    let text = text.trim_end();
    let p = ENDING_PARTICLES.iter().find(|p| text.ends_with(**p))?;
    let stem = &text[..text.len() - p.len()];
    let before = stem.chars().next_back()?;
    let kana = |c: char| matches!(c as u32, 0x3040..=0x309F);
    // Onto a Hangul word of two syllables or more; in Japanese onto kanji,
    // katakana or Latin letters, maybe after a space (a kana ending is the
    // word's own).
    let onto = if hangul(before) {
        stem.split_whitespace()
            .next_back()
            .is_some_and(|w| w.chars().count() >= 2)
    } else {
        let japanese = kana(p.chars().next().unwrap_or(' '));
        let word = stem.trim_end().chars().next_back().unwrap_or(' ');
        japanese && !kana(word) && (no_space_script(word) || word.is_alphanumeric())
    };
    // The same particle, or another, outside the link too (`[구성](…)은`);
    // a word glued on after the link (`[Invoke 명령을](…)사용`) is none.
    let outside = korean_particle(after) || after.chars().next().is_some_and(kana);
    (onto && !outside)
        .then(|| format!("it ends with the particle \"{p}\" of the sentence around the link"))
}

/// A name of the source's link text (`ASP.NET Core`) that the translation
/// has outside the link and not in it, where the source has it only in the
/// link: the link's text was cut short.
fn name_left_out(t: &Side, s: &Side, sl: &Link, text: &str) -> Option<String> {
    // Where a side has the name outside its links' texts.
    let loose = |side: &Side, name: &str| {
        side.inl.prose.matches(name).count()
            > side
                .inl
                .links
                .iter()
                .map(|x| x.text.matches(name).count())
                .sum::<usize>()
    };
    let name = words(&sl.text).into_iter().find(|w| {
        w.len() >= 3
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && (w.contains('.') || !is_english_word(w))
            && !text.contains(*w)
            && loose(t, w)
            && !loose(s, w)
    })?;
    Some(format!(
        "\"{name}\" of the source's link text is outside the link; the link's text was cut short"
    ))
}

/// A link text of several words cut to one word, in a language that spaces
/// its words: the rest of the source's link text is now outside the link.
fn cut_to_one_word(t: &Side, tw: &[&str], sw: &[&str]) -> Option<String> {
    let spaced = !t.text.chars().any(|c| no_space_script(c) || hangul(c));
    (spaced && tw.len() == 1 && sw.len() >= 3).then(|| {
        format!(
            "one word is left of a link text of {} words; the rest was cut off the link",
            sw.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(tr: &str, src: &str) -> usize {
        super::super::side::run_rule(link_edges, tr, src).len()
    }

    #[test]
    fn a_word_from_outside_at_the_links_edge() {
        let src = "Refer to the [section on decimals](types.md#decimals) in the next part.";
        assert_eq!(
            found(
                "Consulte la [sección decimal en](types.md#decimals) la siguiente parte.",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "Consulte la [sección sobre decimales](types.md#decimals) en la siguiente parte.",
                src
            ),
            0
        );
        assert_eq!(
            found(
                "Подробнее см. [в разделе Настройка проверки](a.md).",
                "For more, see [Configuring certificate authentication](a.md)."
            ),
            1
        );
        assert_eq!(
            found(
                "Подробнее см. в разделе [Настройка проверки](a.md).",
                "For more, see [Configuring certificate authentication](a.md)."
            ),
            0
        );
        // The source's own text ends with a preposition.
        assert_eq!(
            found(
                "Vea [la lista de](a.md) tipos.",
                "See [the list of](a.md) types."
            ),
            0
        );
        let src =
            "Install the [Microsoft.Extensions.Hosting.Systemd](https://nuget.org/p) package.";
        assert_eq!(
            found(
                "[には、NuGet からパッケージを](https://nuget.org/p)インストールします。",
                src
            ),
            1
        );
        assert_eq!(found("[Microsoft.Extensions.Hosting.Systemd](https://nuget.org/p) パッケージをインストールします。", src), 0);
    }

    #[test]
    fn a_link_text_cut_short() {
        let src = "For more, see [Options pattern in ASP.NET Core](/aspnet/options).";
        assert_eq!(
            found(
                "有关详细信息，请参阅 ASP.NET Core 文档的 [选项模式](/aspnet/options)。",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "有关详细信息，请参阅 [ASP.NET Core 中的选项模式](/aspnet/options)。",
                src
            ),
            0
        );
        let src = "The [Protobuf style guide](https://x/style) recommends `snake_case`.";
        assert_eq!(
            found(
                "La guía de estilo [Protobuf](https://x/style) recomienda `snake_case`.",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "La [guía de estilo de Protobuf](https://x/style) recomienda `snake_case`.",
                src
            ),
            0
        );
    }

    #[test]
    fn a_link_emptied_or_left_on_grammar() {
        assert_eq!(
            found(
                "マニフェスト スキーマ[](a.md) と",
                "[manifest schema](a.md) and"
            ),
            1
        );
        assert_eq!(found("[、App Studio](a.md)", ", [App Studio](a.md)"), 1);
        assert_eq!(
            found("有効 [にします](a.md)。", "enable it [here](a.md)."),
            1
        );
        assert_eq!(found("[App Studio](a.md) と", "[App Studio](a.md) and"), 0);
        assert_eq!(found("[こちら](a.md) を参照", "see [here](a.md)"), 0);
        assert_eq!(found("[ここ](a.md) を参照", "see [here](a.md)"), 0);
    }

    #[test]
    fn a_particle_taken_into_the_link() {
        let src = "[Azure App Configuration](https://x/aac) offers a service.";
        assert_eq!(
            found(
                "[Azure 앱 구성은](https://x/aac) 서비스를 제공 합니다.",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "[Azure 앱 구성](https://x/aac)은 서비스를 제공 합니다.",
                src
            ),
            0
        );
        assert_eq!(
            found(
                "[Azure App Configuration は](https://x/aac)サービスを提供します。",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "[Azure App Configuration](https://x/aac) はサービスを提供します。",
                src
            ),
            0
        );
    }
}
