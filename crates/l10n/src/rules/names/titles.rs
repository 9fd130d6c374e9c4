//! Title Case that makes no name: headings, short titles, links titled
//! after another page.

use super::words::FUNCTION_WORDS;
use super::Tok;
use crate::rules::side::Side;
use crate::text::is_command_name;

pub(super) fn title_case(toks: &[Tok]) -> bool {
    let mut total = 0;
    let mut caps = 0;
    for t in toks.iter().filter(|t| !t.initial) {
        let lower = t.word.to_lowercase();
        if t.word.chars().filter(|c| c.is_alphabetic()).count() < 2
            || FUNCTION_WORDS.contains(&lower.as_str())
        {
            continue;
        }
        total += 1;
        if t.word.starts_with(char::is_uppercase) {
            caps += 1;
        }
    }
    total >= 2 && caps * 2 > total
}

/// A link whose text is another page's or section's title rather than a
/// name: it points to a heading of this page (`[Notes](#notes)`), or it
/// reads as a title: a Title Case phrase with a function word left in lower
/// case, or one that opens with a gerund or a question word (`[Creating Your
/// First Cmdlet]`, `[How to Register Cmdlets, Providers, and Host
/// Applications]`, `[Extending Object Types and Formatting]`).
pub(super) fn titles_page(side: &Side, toks: &[Tok], l: usize) -> bool {
    let link = &side.inl.links[l];
    if link.dest.starts_with('#') {
        return true;
    }
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.link == Some(l))
        .map(|t| t.word)
        .collect();
    // One or two words linked to a page of the same docs (`[Configuration]
    // (config.md)`, `[Access Control](access-control.md)`): the page's title.
    let local = !link.dest.contains("://") && link.dest.contains(".md");
    // Not a command's name, which its reference page is titled after
    // (`[Get-Package](ps-ref-get-package.md)`).
    if words.len() < 3 {
        return local && !words.is_empty() && !words.iter().any(|w| is_command_name(w));
    }
    let function = words[1..].iter().any(|w| {
        w.starts_with(char::is_lowercase) && FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
    });
    let first = words[0].to_lowercase();
    let opens = (first.ends_with("ing") && first.len() > 5)
        || ["how", "what", "why", "when", "where", "which"].contains(&first.as_str());
    let capitals = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    capitals * 2 > words.len() && (function || opens)
}

/// A short segment of Title Case without a sentence's stop, as a list of
/// the page's sections has (`[Limitations and Restrictions](#Restrictions)`):
/// its capitals are a title's.
pub(super) fn short_title(text: &str, toks: &[Tok]) -> bool {
    (2..=6).contains(&toks.len())
        && !text.trim_end().ends_with(['.', ':', '!', '?'])
        && toks
            .iter()
            .filter(|t| !FUNCTION_WORDS.contains(&t.word.to_lowercase().as_str()))
            .all(|t| t.word.starts_with(char::is_uppercase))
}
