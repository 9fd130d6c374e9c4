//! `product-name-altered`: a product or technology name of the source
//! segment (see `names`) that the translation does not keep as written,
//! whole and untranslated: its capitals changed (`docker`, `ASP.NET core`),
//! inflected or cut (`alpines`, `Alpi` for `Alpine`, also before a hyphen:
//! `Alpinen-Basisimage`), given another ending (`alpino`), written in
//! katakana where the name is gone (`アルパイン`, see `text::translit`), or
//! split by other words or a link boundary (`ASP.NET applications Core`,
//! `[Registre de conteneurs](…) Azure`).
//!
//! A name is kept when it is in the translation with the source's capitals,
//! its words separated by spaces or a hyphen (`Docker-Hub`), not inside a
//! longer word: a hyphen, an apostrophe (`l’Alpine`), punctuation or a
//! Japanese or Chinese character may touch it (`Dockerfile-Datei`,
//! `Docker イメージ`, `Dockerfileで`), and so may a final `s` (German genitive
//! `des Dockerfiles`). Code spans, link targets and URLs are not looked at
//! for altered names.

use std::collections::HashSet;
use std::ops::Range;

use super::localized;
use super::names::{strip_possessive, tokens, Names};
use super::side::{certain, Raw, Side};
use crate::text::{
    clip, glues_after, is_katakana, is_technical, is_word_char, no_space_script, transliterates,
    trim_word,
};

/// Where `words` occur in `text` one after the other, separated by spaces or
/// a hyphen, not inside a longer word. `ci`: ASCII letters in any case.
fn find(text: &str, words: &[String], ci: bool) -> Vec<Range<usize>> {
    let hay = if ci {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let words: Vec<String> = words
        .iter()
        .map(|w| {
            if ci {
                w.to_ascii_lowercase()
            } else {
                w.clone()
            }
        })
        .collect();
    let Some(first) = words.first().filter(|w| !w.is_empty()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (pos, _) in hay.match_indices(first.as_str()) {
        if text[..pos].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        let mut p = pos + first.len();
        let mut ok = true;
        for w in &words[1..] {
            let rest = &hay[p..];
            let spaces = rest.len() - rest.trim_start().len();
            let sep = if spaces > 0 {
                spaces
            } else if rest.starts_with('-') {
                1
            } else {
                0
            };
            if sep == 0 || !hay[p + sep..].starts_with(w.as_str()) {
                ok = false;
                break;
            }
            p += sep + w.len();
        }
        if !ok {
            continue;
        }
        let mut next = text[p..].chars();
        match next.next() {
            // A Korean particle after the name is not part of it (`Docker에서`).
            Some(c) if glues_after(c) => {
                // A final `s`: genitive or plural (`des Dockerfiles`).
                if c == 's' && !next.next().is_some_and(is_word_char) {
                    p += 1;
                } else {
                    continue;
                }
            }
            _ => {}
        }
        out.push(pos..p);
    }
    out
}

fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= at);
    i > 0 && ranges[i - 1].contains(&at)
}

/// The whitespace-delimited chunk around `at` is a URL or a path.
fn in_url(text: &str, at: usize) -> bool {
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let chunk = &text[start..end];
    chunk.contains('/') || chunk.to_ascii_lowercase().contains("www.")
}

/// The translation's prose words, also cut at apostrophes (`d’alpine`) and
/// where a script without spaces meets another (`Alpineベース`).
fn pieces<'a>(t: &Side<'a>) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    for &(at, w) in &t.words {
        let mut from = 0;
        let mut prev: Option<char> = None;
        let cut = |from: usize, to: usize, out: &mut Vec<(usize, &'a str)>| {
            let raw = &w[from..to];
            let p = trim_word(raw);
            if !p.is_empty() {
                out.push((at + from + raw.find(p).unwrap_or(0), p));
            }
        };
        for (i, c) in w.char_indices() {
            if c == '\'' || c == '’' {
                cut(from, i, &mut out);
                from = i + c.len_utf8();
            } else if prev.is_some_and(|p| no_space_script(p) != no_space_script(c)) {
                cut(from, i, &mut out);
                from = i;
            }
            prev = Some(c);
        }
        cut(from, w.len(), &mut out);
    }
    out
}

/// The names of the source segment, with how often each comes, in order.
fn source_names(s: &Side, names: &Names) -> Vec<(Vec<String>, usize)> {
    let toks = tokens(s);
    let mut out: Vec<(Vec<String>, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let found = names.starting_with(toks[i].word).iter().find(|name| {
            i + name.len() <= toks.len()
                && name.iter().enumerate().all(|(k, w)| {
                    toks[i + k].word == w && (k + 1 == name.len() || toks[i + k].joined)
                })
        });
        match found {
            Some(name) => {
                match out.iter_mut().find(|(n, _)| n == name) {
                    Some(e) => e.1 += 1,
                    None => out.push((name.clone(), 1)),
                }
                i += name.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Letters in common at the start, ignoring case.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars()
        .flat_map(char::to_lowercase)
        .zip(b.chars().flat_map(char::to_lowercase))
        .take_while(|(x, y)| x == y)
        .count()
}

/// A word that stands for a one-word name: the name inflected (`alpines`,
/// `Alpinen`), cut (`Alpi`), or its stem with another ending where the name
/// ends in a vowel (`alpino`, `Alpina` for `Alpine`).
fn inflected(w: &str, name: &str) -> bool {
    let (n, m) = (name.chars().count(), w.chars().count());
    let shared = common_prefix(w, name);
    if n < 4 || shared < 4 || w == name {
        return false;
    }
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiouAEIOU".contains(c));
    let restemmed = shared + 1 == n
        && vowel(name.chars().last())
        && vowel(w.chars().nth(shared))
        && m >= n
        && m - n <= 2;
    (shared == n && m > n && m - n <= 3) || (shared == m && n - m <= 3) || restemmed
}

/// The word and, when it is hyphenated, each of its parts (`Alpinen` in
/// `Alpinen-Basisimage`): (byte offset, text).
fn with_parts(at: usize, w: &str) -> Vec<(usize, &str)> {
    let mut out = vec![(at, w)];
    if w.contains('-') {
        let mut from = 0;
        for part in w.split('-') {
            if !part.is_empty() {
                out.push((at + from, part));
            }
            from += part.len() + 1;
        }
    }
    out
}

/// Katakana runs of the text outside `masked`: (byte offset, run).
fn katakana_runs<'a>(text: &'a str, masked: &[Range<usize>]) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_katakana(c) && !inside(masked, i), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The message for a one-word name of the source that the translation does
/// not have in any form: translated (`arquivo do Docker` for `Dockerfile`), written
/// in another script (阿尔卑斯 for `Alpine`) or dropped.
fn missing(name: &str) -> String {
    format!(
        "the product name \"{name}\" of the source is not in the translation: translated, transliterated or dropped; a name is kept as the source writes it; suggested fix: keep \"{name}\""
    )
}

/// A capitalized Latin word written twice in a row where the source has it
/// once (`OpenID Connect Connect`): a name with a word doubled.
fn doubled(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    for pair in t.words.windows(2) {
        let ((_, a), (at, b)) = (pair[0], pair[1]);
        let gap = &t.text[pair[0].0 + a.len()..at];
        if a == b
            && gap.chars().all(|c| c == ' ')
            && a.starts_with(|c: char| c.is_ascii_uppercase())
            && a.chars().all(|c| c.is_ascii_alphanumeric())
            && !s.text.contains(&format!("{a} {a}"))
        {
            out.push((
                "product-name-altered",
                at,
                format!("\"{a}\" is written twice: \"{a} {a}\"; the source has it once; suggested fix: \"{a}\""),
            ));
            return;
        }
    }
}

pub(super) fn product_names(
    t: &Side,
    s: &Side,
    names: &Names,
    skip: &HashSet<usize>,
    out: &mut Vec<Raw>,
) {
    doubled(t, s, out);
    let wanted = source_names(s, names);
    if wanted.is_empty() {
        return;
    }
    let s_words: HashSet<&str> = s
        .words
        .iter()
        .map(|&(_, w)| strip_possessive(w).0)
        .chain(pieces(s).into_iter().map(|(_, w)| w))
        .collect();
    let masked = &t.inl.masked;
    let prose_ok = |at: usize| !inside(masked, at) && !in_url(t.text, at);
    // Where each name of the segment is kept as it is.
    let exact: Vec<Vec<Range<usize>>> = wanted
        .iter()
        .map(|(name, _)| {
            find(t.text, name, false)
                .into_iter()
                .filter(|r| !in_url(t.text, r.start))
                .collect()
        })
        .collect();
    let kept = |at: usize| exact.iter().flatten().any(|r| r.contains(&at));
    let words = pieces(t);
    let push = |at: usize, message: String, out: &mut Vec<Raw>| {
        if !skip.contains(&at)
            && !out
                .iter()
                .any(|f| f.0 == "product-name-altered" && f.1 == at)
        {
            out.push(("product-name-altered", at, message));
        }
    };
    for ((name, count), exact) in wanted.iter().zip(&exact) {
        let written = name.join(" ");
        // The name with other capitals.
        let mut recased = 0;
        for r in find(t.text, name, true) {
            // Part of an identifier (`@ignore_distributor`): not the name.
            let identifier =
                t.text[..r.start].ends_with(['_', '@']) || t.text[r.end..].starts_with('_');
            if exact.contains(&r) || !prose_ok(r.start) || identifier {
                continue;
            }
            recased += 1;
            let found = &t.text[r.clone()];
            // Part of a longer hyphenated word the source does not have
            // (`new-psdrive` for `PSDrive`): another identifier replaced the
            // name, which no re-casing explains; what the reader types changes.
            let joined = |c: char| c.is_alphanumeric() || c == '-';
            let start = t.text[..r.start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| joined(c))
                .last()
                .map_or(r.start, |(i, _)| i);
            let end = t.text[r.end..]
                .char_indices()
                .find(|&(_, c)| !joined(c))
                .map_or(t.text.len(), |(i, _)| r.end + i);
            let whole = t.text[start..end].trim_matches('-');
            // Written like a command (`new-psdrive`, `New-psdrive`): ASCII, the
            // name and what follows in lower case; not a compound of the
            // language (`GRPC-Dienst`, `alpine-Images`).
            let command_like = whole.is_ascii()
                && !found.chars().any(char::is_uppercase)
                && whole
                    .split('-')
                    .skip(1)
                    .all(|p| !p.chars().any(char::is_uppercase));
            if command_like
                && whole.len() > found.len()
                && whole.contains('-')
                && !s.text.contains(whole)
            {
                out.push((
                    "technical-token-translated",
                    start,
                    certain(&format!(
                        "\"{whole}\" replaces the name \"{written}\" of the source: another identifier, not the same one re-cased; keep \"{written}\""
                    )),
                ));
                continue;
            }
            let how = if found.len() == written.len() {
                "with other capitals; a name is written as the source writes it"
            } else {
                "re-cased and inflected; a name is written as the source writes it, not inflected"
            };
            push(
                r.start,
                format!(
                    "\"{}\" is the product name \"{written}\" {how}; suggested fix: \"{written}\"",
                    clip(found, 50)
                ),
                out,
            );
        }
        if exact.len() + recased >= *count {
            continue;
        }
        let before = out.len();
        // A one-word name not there in any case, also not in a code span or
        // where `in_url` may have passed it over (`di Docker](https://…)`);
        // link targets do not count. A compound gone altogether is left
        // alone unless a word of it is a brand: it may be a UI label
        // localized on purpose.
        let gone = find(t.text, name, true).iter().all(|r| {
            inside(masked, r.start) && !t.inl.codes.iter().any(|c| c.range.contains(&r.start))
        });
        if name.len() > 1 {
            // What is left of a compound: its words, apart.
            let lower: Vec<String> = name.iter().map(|w| w.to_lowercase()).collect();
            let traces: Vec<&(usize, &str)> = words
                .iter()
                .filter(|(at, w)| lower.contains(&w.to_lowercase()) && !kept(*at) && prose_ok(*at))
                .collect();
            let (Some(first), Some(last)) = (traces.first(), traces.last()) else {
                // Gone altogether with a word that is a name of its own
                // (`Blazor Server` as "servidor increíble", where the page
                // says "Blazor" too): the brand was translated away. Without
                // one it may be a UI label localized on purpose.
                let brand = name.iter().find(|w| {
                    !localized::generic(w)
                        && names.starting_with(w).iter().any(|n| n.len() == 1)
                        && !t.text.to_lowercase().contains(&w.to_lowercase())
                });
                if let (true, Some(b)) = (gone, brand) {
                    push(
                        0,
                        format!(
                            "the product name \"{written}\" is not in the translation, nor \"{b}\" alone: translated, transliterated or dropped; a name is kept as the source writes it; suggested fix: keep \"{written}\""
                        ),
                        out,
                    );
                }
                continue;
            };
            let span_end = last.0 + last.1.len();
            let span = &t.text[first.0..span_end];
            let all = lower
                .iter()
                .all(|l| traces.iter().any(|(_, w)| &w.to_lowercase() == l));
            let spans: Vec<&str> = span.split_whitespace().map(trim_word).collect();
            let found: Vec<(usize, &str)> = traces.iter().map(|&&p| p).collect();
            if (all && localized::reordered(&spans, name))
                || localized::generic_translated(t.text, &found, name, |w| {
                    names.starting_with(w).iter().any(|n| n.len() == 1)
                })
            {
                continue;
            }
            let message = if all && span.len() <= 80 && !span.contains(['[', ']', '(']) {
                let others: Vec<&str> = span
                    .split_whitespace()
                    .filter(|w| !lower.contains(&trim_word(w).to_lowercase()))
                    .collect();
                let fix = if others.is_empty() {
                    written.clone()
                } else {
                    format!("{} {written}", others.join(" "))
                };
                format!(
                    "the product name \"{written}\" is split by other words: \"{}\"; it must stay whole and untranslated; suggested fix: \"{fix}\"",
                    clip(span, 60)
                )
            } else {
                let left: Vec<&str> = traces.iter().map(|(_, w)| *w).collect();
                let link = s
                    .inl
                    .links
                    .iter()
                    .find(|l| !l.image && l.text.trim() == written)
                    .map(|l| format!("[{written}]({})", l.dest));
                format!(
                    "only \"{}\" is left of the product name \"{written}\"; the rest is translated, missing or cut off by a link; the name must stay whole and untranslated; suggested fix: \"{}\"",
                    left.join(" "),
                    link.unwrap_or_else(|| written.clone())
                )
            };
            push(first.0, message, out);
        } else {
            let n = &name[0];
            if exact.is_empty() && recased == 0 {
                // Written in katakana (`アルパイン`), the name gone.
                for (at, run) in katakana_runs(t.text, masked) {
                    if transliterates(run, n) {
                        push(
                            at,
                            format!(
                                "\"{run}\" stands for the product name \"{n}\", written in katakana; a name is kept in the source's letters; suggested fix: \"{n}\""
                            ),
                            out,
                        );
                    }
                }
            }
            let candidates = words.iter().flat_map(|&(at, w)| with_parts(at, w));
            for (at, w) in candidates {
                if inflected(w, n)
                    && !kept(at)
                    && prose_ok(at)
                    && !s_words.contains(w)
                    && !names.has_word(w)
                    && !is_technical(w)
                {
                    push(
                        at,
                        format!(
                            "\"{w}\" stands for the product name \"{n}\", which must stay as it is (not inflected, translated or cut); suggested fix: \"{n}\""
                        ),
                        out,
                    );
                }
            }
            if gone && out.len() == before && !super::side::opens_bold_label(s.text, n) {
                push(0, missing(n), out);
            }
        }
    }
}

/// An identifier in CamelCase gone (`WebAssembly`, `eShop`) that the page's
/// code never writes, on a page that is not PowerShell's, is a name of the
/// prose (a product, an app), not what the reader types: a name altered,
/// said once.
pub(super) fn names_not_tokens(ctx: &super::Ctx, out: &mut Vec<Raw>) {
    let named = |m: &str| m.split('"').nth(1).map(str::to_string);
    let said: Vec<String> = out
        .iter()
        .filter(|f| f.0 == "product-name-altered")
        .filter_map(|f| named(&f.2))
        .collect();
    out.retain_mut(|f| {
        if f.0 != "technical-token-missing" {
            return true;
        }
        let Some(w) = named(&f.2) else { return true };
        // Words joined in CamelCase, not an acronym's (`gRPC`, a protocol
        // the reader names in commands).
        let bytes = w.as_bytes();
        let camel = w.chars().all(|c| c.is_ascii_alphanumeric())
            && bytes
                .windows(2)
                .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
            && !bytes
                .windows(2)
                .any(|p| p[0].is_ascii_uppercase() && p[1].is_ascii_uppercase());
        // On a PowerShell page every such word is PowerShell's (a parameter
        // set, a type); elsewhere one the code writes is the code's.
        let code = ctx.commands
            || ctx.code_tokens.contains(w.as_str())
            || ctx.code_tokens.contains(format!("-{w}").as_str())
            || ctx.code_words.contains(&w);
        if !camel || code {
            return true;
        }
        if said.contains(&w) {
            return false;
        }
        *f = ("product-name-altered", f.1, missing(&w));
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn finding_names() {
        let t = "ASP.NET Core-Apps, Docker-Hub, l’Alpine, Dockerfiles, Dockerfile-Datei";
        assert_eq!(find(t, &w("ASP.NET Core"), false), vec![(0..12)]);
        assert_eq!(find(t, &w("Docker Hub"), false).len(), 1);
        assert_eq!(find(t, &w("Alpine"), false).len(), 1);
        assert_eq!(find(t, &w("Dockerfile"), false).len(), 2);
        assert_eq!(find(t, &w("Docker"), false).len(), 1);
        assert!(find("ASP.NET applications Core", &w("ASP.NET Core"), false).is_empty());
        assert_eq!(
            find("asp.net core", &w("ASP.NET Core"), true),
            vec![(0..12)]
        );
        assert!(find("xDocker", &w("Docker"), false).is_empty());
        assert_eq!(find("Docker イメージ", &w("Docker"), false).len(), 1);
        assert_eq!(find("Dockerイメージ", &w("Docker"), false).len(), 1);
    }

    #[test]
    fn inflections() {
        assert!(inflected("alpines", "Alpine"));
        assert!(inflected("Alpi", "Alpine"));
        assert!(!inflected("Alp", "Alpine"));
        assert!(!inflected("Alpine", "Alpine"));
        assert!(!inflected("Dockerfile", "Docker"));
        assert!(inflected("alpino", "Alpine"));
        assert!(inflected("Alpinas", "Alpine"));
        // Only a name ending in a vowel has a stem to inflect.
        assert!(!inflected("Linus", "Linux"));
        assert!(!inflected("alpinisme", "Alpine"));
    }

    #[test]
    fn hyphenated_parts() {
        assert_eq!(
            with_parts(3, "Alpinen-Basisimage"),
            vec![
                (3, "Alpinen-Basisimage"),
                (3, "Alpinen"),
                (11, "Basisimage")
            ]
        );
        assert_eq!(with_parts(0, "Alpine"), vec![(0, "Alpine")]);
    }

    #[test]
    fn katakana_outside_code() {
        let t = "アルパインの `イメージ` です";
        let code = t.find('`').unwrap()..t.rfind('`').unwrap() + 1;
        let runs = katakana_runs(t, &[code]);
        assert_eq!(runs, vec![(0, "アルパイン")]);
    }
}
