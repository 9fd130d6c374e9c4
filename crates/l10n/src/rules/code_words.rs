//! Names the page's own code uses: the values a parameter accepts
//! (`Accepted values: Black, DarkBlue, …`), parameter names (`-Separator`),
//! and the types, attributes and methods called (`[Parameter(Mandatory=true)]`).
//! The prose names them to tell the reader what to type, so a translation
//! that translates or transliterates them (`진한 파랑` for `DarkBlue`,
//! `даркблуе`, **parámetro** for the `Parameter` attribute) breaks the
//! commands as written: `technical-token-translated`, an error.
//!
//! Only words with a capital are taken: lower-case words of code (`file`,
//! `runtime`) are ordinary words of the prose too.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use super::names::tokens;
use super::side::{certain, Raw, Side};
use crate::text::is_english_word;

/// A word of code that the prose may name: a capital, three characters or
/// more, not a common English word.
fn keep(w: &str) -> bool {
    w.chars().count() >= 3
        && w.chars().any(char::is_uppercase)
        && w.chars().all(|c| c.is_alphanumeric())
        && !is_english_word(w)
}

/// The names used by the code blocks' contents.
pub(crate) fn code_words<'a>(blocks: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    static ACCEPTED: OnceLock<Regex> = OnceLock::new();
    static FLAG: OnceLock<Regex> = OnceLock::new();
    static CALL: OnceLock<Regex> = OnceLock::new();
    let accepted =
        ACCEPTED.get_or_init(|| Regex::new(r"(?im)^\s*accepted values:\s*(.+)$").unwrap());
    let flag = FLAG.get_or_init(|| Regex::new(r"(?:^|[\s\[(])-([A-Za-z][A-Za-z0-9]+)").unwrap());
    let call = CALL.get_or_init(|| Regex::new(r"\b([A-Z][A-Za-z0-9]+)\(").unwrap());
    let mut out = HashSet::new();
    for text in blocks {
        for c in accepted.captures_iter(text) {
            out.extend(
                c[1].split(',')
                    .map(str::trim)
                    .filter(|w| keep(w))
                    .map(String::from),
            );
        }
        for c in flag.captures_iter(text) {
            if keep(&c[1]) {
                out.insert(c[1].to_string());
            }
        }
        for c in call.captures_iter(text) {
            if keep(&c[1]) {
                out.insert(c[1].to_string());
            }
        }
    }
    out
}

/// The source's words that the page's code uses, which the translation does
/// not have as they are: a word the source has in a sentence (not as its
/// first word, which is capitalized anyway), or the whole of a one-word
/// segment (a value in a list: "DarkBlue").
pub(super) fn code_words_translated(
    t: &Side,
    s: &Side,
    words: &HashSet<String>,
    out: &mut Vec<Raw>,
) {
    if words.is_empty() {
        return;
    }
    let toks = tokens(s);
    let alone = toks.len() == 1;
    let mut seen = HashSet::new();
    for tok in &toks {
        let w = tok.word;
        if !words.contains(w) || (tok.initial && !alone) || !seen.insert(w) {
            continue;
        }
        // Kept, perhaps re-cased (`cmdlet` in a title: a product name's
        // concern), or written with its particle (`Separator를`).
        let kept = contains_word(&t.inl.prose, w)
            || t.inl.codes.iter().any(|c| contains_word(&c.content, w));
        if kept {
            continue;
        }
        let named = format!("\"{w}\"");
        if out
            .iter()
            .any(|f| f.0 == "technical-token-translated" && f.2.contains(&named))
        {
            continue;
        }
        // Said here with why it matters, rather than as a token gone.
        out.retain(|f| !(f.0 == "technical-token-missing" && f.2.contains(&named)));
        out.push((
            "technical-token-translated",
            0,
            certain(&format!(
                "\"{w}\" is a name the page's code uses (a parameter, a value it accepts, a type or attribute): the translation does not keep it as it is, so what the reader types no longer matches; keep \"{w}\""
            )),
        ));
    }
}

/// Whether `text` (prose: link targets left out) has `w` in any case as a
/// word of its own, not inside a
/// longer Latin word (`ParameterAttribute` does not have `Parameter`):
/// touching a hyphen, punctuation or another script is fine.
fn contains_word(text: &str, w: &str) -> bool {
    let (hay, w) = (text.to_lowercase(), w.to_lowercase());
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    hay.match_indices(&w).any(|(i, _)| {
        !latin(hay[..i].chars().next_back()) && !latin(hay[i + w.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_their_own() {
        assert!(contains_word("use Separator를 x", "Separator"));
        assert!(contains_word("un cmdlet de Windows", "Cmdlet"));
        assert!(!contains_word(
            "ParameterAttribute declaración",
            "Parameter"
        ));
    }

    #[test]
    fn names_of_code() {
        let w = code_words([
            "Write-Host \"x\" -ForegroundColor DarkGreen -BackgroundColor white -t x\n",
            "Accepted values: Black, DarkBlue, Gray\n",
            "[Parameter(Mandatory=true)]\npublic string Name { get; }\nConsole.WriteLine(x);",
            "docker build -f Dockerfile --file x -c Release .",
        ]);
        for x in [
            "ForegroundColor",
            "BackgroundColor",
            "Black",
            "DarkBlue",
            "Gray",
            "Parameter",
            "WriteLine",
        ] {
            assert!(w.contains(x), "{x}: {w:?}");
        }
        // Values given to a flag are left out (`Release`, `Dockerfile`: also
        // words and names of the prose).
        for x in [
            "white",
            "t",
            "file",
            "Name",
            "Console",
            "Dockerfile",
            "Release",
            "DarkGreen",
        ] {
            assert!(!w.contains(x), "{x}: {w:?}");
        }
    }
}
