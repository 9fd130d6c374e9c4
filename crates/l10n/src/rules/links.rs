//! Link rules: targets missing, changed or added (`link-target-*`),
//! punctuation pulled into a link's text, and link text left in English.

use std::sync::OnceLock;

use regex::Regex;

use super::compare::{minus, small};
use super::names::Names;
use super::side::{certain, Raw, Side};
use crate::inline;
use crate::text::{self, clip, is_english_word};

/// Drops a locale folder (`/en-us/`, `/fr-fr/`) from a link target: a
/// localized copy may point to its own language's pages.
pub(super) fn norm_dest(d: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?i)/[a-z]{2}-[a-z]{2,4}/").unwrap());
    re.replace(d.trim(), "/").into_owned()
}

fn what(image: bool) -> &'static str {
    if image {
        "image"
    } else {
        "link"
    }
}

pub(super) fn link_targets(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let key = |l: &inline::Link| norm_dest(&l.dest);
    let missing = minus(&s.inl.links, &t.inl.links, key);
    let added = minus(&t.inl.links, &s.inl.links, key);
    let pairs = missing.len().min(added.len());
    for (m, a) in missing.iter().zip(&added) {
        out.push((
            "link-target-changed",
            a.range.start,
            format!(
                "{} target {} differs from the source's {}",
                what(a.image),
                a.dest,
                m.dest
            ),
        ));
    }
    for m in &missing[pairs..] {
        let label = &s.text[m.range.clone()];
        out.push((
            "link-target-missing",
            0,
            format!(
                "the source's {} to {} is missing: {}",
                what(m.image),
                m.dest,
                clip(label, 70)
            ),
        ));
    }
    for a in &added[pairs..] {
        out.push((
            "link-target-added",
            a.range.start,
            format!("{} to {} is not in the source", what(a.image), a.dest),
        ));
    }
}

/// The punctuation at the end of a link text (an unbalanced `)` included).
fn trailing_punct(text: &str) -> String {
    let text = text.trim_end();
    let opens = text.matches('(').count();
    let mut closes = text.matches(')').count();
    let mut tail = Vec::new();
    for c in text.chars().rev() {
        if ".,;:!?".contains(c) {
            tail.push(c);
        } else if c == ')' && closes > opens {
            closes -= 1;
            tail.push(c);
        } else {
            break;
        }
    }
    tail.iter().rev().collect()
}

pub(super) fn link_text_punctuation(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if !small(t.inl.links.len(), s.inl.links.len()) {
        return;
    }
    let mut used = vec![false; s.inl.links.len()];
    for l in t.inl.links.iter().filter(|l| !l.image) {
        let tail = trailing_punct(&l.text);
        let Some(si) = (0..s.inl.links.len())
            .find(|&i| !used[i] && norm_dest(&s.inl.links[i].dest) == norm_dest(&l.dest))
        else {
            continue;
        };
        used[si] = true;
        let sl = &s.inl.links[si];
        if tail.is_empty() || trailing_punct(&sl.text) == tail {
            continue;
        }
        let after: String = s.text[sl.range.end..]
            .chars()
            .take_while(|c| ".,;:!?)".contains(*c))
            .collect();
        let src = format!("{}{}", &s.text[sl.range.clone()], after);
        out.push((
            "link-text-punctuation",
            l.range.start,
            format!(
                "\"{tail}\" is inside the link text \"{}\"; the source has the punctuation outside the link: {}",
                clip(&l.text, 40),
                clip(&src, 70)
            ),
        ));
    }
}

/// `link-text-untranslated`: a link's text identical to the source's for
/// the same target, and English: it has a common English word, or it is a
/// title of words that are not names ("[Self-hosted gRPC
/// applications](self-hosted.md)", see `is_title_prose`). The rest of the
/// segment is translated (a segment identical to its source is
/// `segment-untranslated` instead and never gets here).
/// A link to another site than the docs themselves (whose pages are
/// translated too): its page is in English.
pub(super) fn external(dest: &str) -> bool {
    let d = dest.to_ascii_lowercase();
    (d.starts_with("http://") || d.starts_with("https://"))
        && ![
            "docs.microsoft.com",
            "learn.microsoft.com",
            "msdn.microsoft.com",
        ]
        .iter()
        .any(|h| d.split('/').nth(2).is_some_and(|host| host == *h))
}

pub(super) fn link_text_untranslated(t: &Side, s: &Side, names: &Names, out: &mut Vec<Raw>) {
    if !small(t.inl.links.len(), s.inl.links.len()) {
        return;
    }
    // An English-only resource's title may stay in English.
    for l in t
        .inl
        .links
        .iter()
        .filter(|l| !l.image && !external(&l.dest))
    {
        let words = text::words(&l.text);
        let english = words.iter().any(|w| is_english_word(w))
            || text::is_title_prose(&words, |w| names.has_word(w));
        if !english {
            continue;
        }
        let same = s.inl.links.iter().any(|sl| {
            norm_dest(&sl.dest) == norm_dest(&l.dest)
                && text::normalize_space(&sl.text) == text::normalize_space(&l.text)
        });
        if !same {
            continue;
        }
        let list = |side: &Side| {
            side.inl
                .links
                .iter()
                .filter(|l| !l.image)
                .map(|l| format!("[{}]({})", text::normalize_space(&l.text), l.dest))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let detail = if s.inl.links.len() > 1 {
            format!(
                "; the source's links are {}, the translation's {}",
                list(s),
                list(t)
            )
        } else {
            String::new()
        };
        out.push((
            "link-text-untranslated",
            l.range.start,
            format!(
                "link text \"{}\" ({}) is left in English{detail}",
                clip(&l.text, 40),
                l.dest
            ),
        ));
    }
}

/// The last part of a link target without its extension, query or
/// fragment: `Read-Host` for `../x/Read-Host.md`, `system.object.tostring`.
fn target_stem(dest: &str) -> &str {
    let d = dest.split(['?', '#']).next().unwrap_or("");
    let last = d.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, ext)) if ["md", "yml", "yaml", "html", "htm"].contains(&ext) => stem,
        _ => last,
    }
}

/// A name of code rather than a word: no spaces, and a hyphen, underscore or
/// dot between letters, or a capital after a lower-case letter (`Read-Host`,
/// `about_CommonParameters`, `ToString()`).
pub(super) fn identifier_like(label: &str) -> bool {
    let core = label.trim_end_matches("()");
    let inner = |c: char| {
        core.char_indices().skip(1).any(|(i, x)| {
            x == c
                && core[..i].ends_with(char::is_alphanumeric)
                && core[i + 1..].starts_with(char::is_alphanumeric)
        })
    };
    !core.is_empty()
        && !core.contains(char::is_whitespace)
        && core.chars().any(char::is_alphabetic)
        && (inner('-')
            || inner('_')
            || inner('.')
            || core
                .chars()
                .zip(core.chars().skip(1))
                .any(|(a, b)| a.is_lowercase() && b.is_uppercase()))
}

/// `technical-token-translated`: a link whose text is the name of what it
/// points to (`[Read-Host](Read-Host.md)`, `[ToString()](…/system.object.tostring)`):
/// a command's or an API's name, which the translation must keep as it is
/// (`[읽기 호스트](Read-Host.md)`, `[чтением-узлом](Read-Host.md)`).
/// `spanned`: words the page writes in code spans; a spaced link text is a
/// command only when its first word is one of them (`dotnet`), not words
/// that name a topic's page (`[client libraries](client-libraries.md)`).
pub(super) fn link_names_target(
    t: &Side,
    s: &Side,
    spanned: &std::collections::HashSet<String>,
    out: &mut Vec<Raw>,
) {
    if !small(t.inl.links.len(), s.inl.links.len()) {
        return;
    }
    for sl in s.inl.links.iter().filter(|l| !l.image) {
        let label = sl.text.trim();
        let stem = target_stem(&sl.dest);
        let last = stem.rsplit('.').next().unwrap_or(stem);
        let core = label.trim_end_matches("()");
        let names = core.eq_ignore_ascii_case(stem)
            || (label.ends_with("()") && core.eq_ignore_ascii_case(last));
        // A command and its subcommands, spaced where the page's name has
        // hyphens: `[dotnet new](dotnet-new.md)`, `[dotnet sln add](dotnet-sln.md)`.
        let dashed = label.replace(' ', "-").to_ascii_lowercase();
        let stem_lower = stem.to_ascii_lowercase();
        let command = label.contains(' ')
            && label.split(' ').next().is_some_and(|w| spanned.contains(w))
            && stem.contains('-')
            && label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ' || c == '-')
            && (dashed == stem_lower || dashed.starts_with(&format!("{stem_lower}-")));
        if !command && (!names || !identifier_like(label)) {
            continue;
        }
        let dest = norm_dest(&sl.dest);
        for tl in t
            .inl
            .links
            .iter()
            .filter(|l| !l.image && norm_dest(&l.dest) == dest)
        {
            // Only re-cased (`[Ionide.IO](https://ionide.io)`): a name
            // re-cased, which the name rules report.
            if tl.text.to_lowercase().contains(&label.to_lowercase()) {
                continue;
            }
            out.push((
                "technical-token-translated",
                tl.range.start,
                certain(&format!(
                    "link text \"{}\" stands for \"{label}\", the name of what the link points to ({}): a command's or an API's name stays as it is",
                    clip(&tl.text, 40),
                    sl.dest
                )),
            ));
        }
    }
}

/// Verb endings and copulas that machine translation writes after a link
/// it moved out of its sentence (`…を参照してください。[一覧](lists.md)です。`).
const TAIL_ENDINGS: &[&str] = &[
    "です",
    "ます",
    "します",
    "합니다",
    "입니다",
    "됩니다",
    "하세요",
];

/// `link-moved`: a link now after its sentence's final stop, with nothing
/// after it but a verb's ending (`참조 하세요. [자습서](…)합니다.`), where the
/// source has it inside the sentence: the sentence lost it.
pub(super) fn link_after_the_stop(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let stops = ['.', '。', '!', '?', '！', '？'];
    // The source's targets linked inside a sentence (read once: a segment
    // may hold thousands of links).
    let inside: std::collections::HashSet<String> = s
        .inl
        .links
        .iter()
        .filter(|sl| {
            let b = s.text[..sl.range.start].trim_end();
            !b.is_empty() && !b.ends_with(stops)
        })
        .map(|sl| norm_dest(&sl.dest))
        .collect();
    if inside.is_empty() {
        return;
    }
    for l in &t.inl.links {
        let before = t.text[..l.range.start].trim_end();
        // Not an abbreviation's point (`см. [в разделе …](…)`).
        let last_word = before
            .trim_end_matches(stops)
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let abbreviation = before.ends_with('.')
            && last_word.chars().count() <= 3
            && !last_word
                .chars()
                .any(|c| text::hangul(c) || text::no_space_script(c));
        if !before.ends_with(stops) || abbreviation {
            continue;
        }
        let after = t.text[l.range.end..].trim().trim_end_matches(stops).trim();
        if !(after.is_empty() || TAIL_ENDINGS.contains(&after)) {
            continue;
        }
        if inside.contains(&norm_dest(&l.dest)) {
            out.push((
                "link-moved",
                l.range.start,
                format!(
                    "link {} is not where the source has it: it now comes after the sentence's final \"{}\", outside the sentence",
                    clip(&t.text[l.range.clone()], 60),
                    before.chars().next_back().unwrap_or('.')
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_tail() {
        assert_eq!(trailing_punct("les applications IPM),"), "),");
        assert_eq!(trailing_punct("tag(s)"), "");
        assert_eq!(trailing_punct("Next"), "");
        assert_eq!(trailing_punct("Why?"), "?");
    }

    #[test]
    fn names_of_targets() {
        assert_eq!(
            target_stem("../Microsoft.PowerShell.Core/Clear-Host.md"),
            "Clear-Host"
        );
        assert_eq!(
            target_stem("/dotnet/api/system.object.tostring"),
            "system.object.tostring"
        );
        assert!(identifier_like("Read-Host") && identifier_like("ToString()"));
        let spanned = std::collections::HashSet::from(["dotnet".to_string()]);
        let found = |tr, src| {
            super::super::side::run_rule(|t, s, o| link_names_target(t, s, &spanned, o), tr, src)
                .len()
        };
        let src = "Use the [dotnet sln add](../tools/dotnet-sln.md) command.";
        assert_eq!(
            found(
                "Use el comando [agregar dotnet sln](../tools/dotnet-sln.md).",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "Use el comando [dotnet sln add](../tools/dotnet-sln.md).",
                src
            ),
            0
        );
        // Words that only resemble the page's name are not a command.
        let src = "See [client libraries](../client-libraries.md).";
        assert_eq!(
            found("Vea [bibliotecas cliente](../client-libraries.md).", src),
            0
        );
        assert!(identifier_like("about_CommonParameters"));
        assert!(!identifier_like("Overview") && !identifier_like("Next steps"));
    }

    #[test]
    fn locale_in_targets() {
        assert_eq!(
            norm_dest("https://docs.microsoft.com/fr-fr/azure/x"),
            norm_dest("https://docs.microsoft.com/en-us/azure/x")
        );
    }
}
