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
use crate::text::{clip, words};

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
}
