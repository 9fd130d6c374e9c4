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
    static QUOTED: OnceLock<Regex> = OnceLock::new();
    let quoted = QUOTED.get_or_init(|| {
        Regex::new(r#"(?:^|\s)-[A-Za-z]+\s+["']([A-Za-z][A-Za-z0-9]+)["']"#).unwrap()
    });
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
        // A program or service the code runs by its name of lower-case
        // parts (`net start ssh-agent`, `ssh-add id_rsa`): no English word
        // is written so, and the prose names it for what the reader types.
        // Comments are prose (`// a triple-quoted string`).
        let code = text.lines().map(|l| {
            let cut = ["//", "# ", "-- ", "REM "]
                .iter()
                .filter_map(|m| l.find(m))
                .min()
                .unwrap_or(l.len());
            &l[..cut]
        });
        out.extend(
            code.flat_map(str::split_whitespace)
                .map(|w| w.trim_matches(|c: char| "\"'`;,()".contains(c)))
                .filter(|w| hyphened(w))
                .map(String::from),
        );
        // A value the code passes to a parameter (`-StackName "Paths"`):
        // the prose names it to say what the command does with it.
        for c in quoted.captures_iter(text) {
            if named(&c[1]) {
                out.insert(c[1].to_string());
            }
        }
    }
    out
}

/// A name of lower-case parts joined by hyphens (`ssh-agent`,
/// `docker-compose`), each part two characters or more.
fn hyphened(w: &str) -> bool {
    w.contains('-')
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && w.split('-').all(|p| {
            p.len() >= 2
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A name strong evidence says is one (a parameter's value in the code, a
/// word the prose calls a parameter): a capital and letters, even if it is
/// an English word (`Paths`, `Raw`).
fn named(w: &str) -> bool {
    w.chars().count() >= 3
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Words the source's prose quotes or sets in bold that the page's code
/// uses, in any case (`a directory named "Logfiles"` for `-Name "logfiles"`,
/// `renames the key from **Advertising**` for `…\MyCompany\Advertising`): the
/// name the reader types.
pub(crate) fn quoted_in_code<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    code: &[&str],
) -> HashSet<String> {
    static QUOTED: OnceLock<Regex> = OnceLock::new();
    let quoted = QUOTED.get_or_init(|| {
        Regex::new(r#""([A-Za-z][A-Za-z0-9]+)"|\*\*([A-Za-z][A-Za-z0-9]+)\*\*"#).unwrap()
    });
    let lower: Vec<String> = code.iter().map(|c| c.to_lowercase()).collect();
    let edge = |ch: Option<char>| !ch.is_some_and(|ch| ch.is_alphanumeric());
    // As written, or in other capitals where the code quotes it as a value
    // (`"logfiles"`): not a command's word or a folder of its own (`dotnet
    // publish -o ./publish` is not the **Publish** menu item).
    let in_code = |w: &str| {
        let exact = code.iter().any(|c| {
            c.match_indices(w).any(|(i, _)| {
                edge(c[..i].chars().next_back()) && edge(c[i + w.len()..].chars().next())
            })
        });
        let w = w.to_lowercase();
        exact
            || lower.iter().any(|c| {
                c.match_indices(&w).any(|(i, _)| {
                    let before = c[..i].chars().next_back();
                    before.is_some_and(|b| "\"'".contains(b))
                        && edge(c[i + w.len()..].chars().next())
                })
            })
    };
    let mut out = HashSet::new();
    for text in texts {
        for c in quoted.captures_iter(text) {
            let Some(w) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            if named(w.as_str()) && in_code(w.as_str()) {
                out.insert(w.as_str().to_string());
            }
        }
    }
    out
}

/// The names the source's prose gives as a parameter's, a property's or an
/// attribute's (`the **Recurse** parameter`, `**FileSystem** provider`):
/// they are typed as they are, whether or not this page's code uses them.
pub(crate) fn named_in_prose<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    static BOLD: OnceLock<Regex> = OnceLock::new();
    let bold = BOLD.get_or_init(|| {
        Regex::new(r"(?i:\*\*|__)([A-Za-z][A-Za-z0-9]+)(?:\*\*|__)\s+(?i:parameters?|property|properties|attributes?|providers?|switch|field|methods?|enumeration|enum)\b").unwrap()
    });
    let mut out = HashSet::new();
    for text in texts {
        for c in bold.captures_iter(text) {
            if named(&c[1]) {
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
    // Next to another capitalized word, a capital is a title's (`[Cmdlet
    // Parameter Names]`, "Adding Parameters That Process Input"): the word
    // is the ordinary one, which a translation translates.
    let capital = |k: Option<usize>| {
        k.and_then(|k| toks.get(k))
            .is_some_and(|t| !t.initial && t.word.starts_with(char::is_uppercase))
    };
    for (k, tok) in toks.iter().enumerate() {
        let w = tok.word;
        if !words.contains(w) || (tok.initial && !alone) || !seen.insert(w) {
            continue;
        }
        if capital(k.checked_sub(1))
            || capital(Some(k + 1))
            || super::side::opens_bold_label(s.text, w)
        {
            continue;
        }
        // Kept, or written with its particle (`Separator를`).
        let kept = contains_word(&t.inl.prose, w, true)
            || t.inl
                .codes
                .iter()
                .any(|c| contains_word(&c.content, w, true));
        if kept {
            continue;
        }
        // Kept but re-cased (**path** for **Path**): PowerShell reads it
        // all the same; a name re-cased, a warning. Only where the source
        // marks it as a name (emphasis): elsewhere the capital may be a
        // title's (`Building the Cmdlet`, "el cmdlet").
        let marked = ["**", "__", "*", "_"]
            .iter()
            .any(|m| s.text.contains(&format!("{m}{w}{m}")));
        if contains_word(&t.inl.prose, w, false) {
            let said = out
                .iter()
                .any(|f| f.0 == "product-name-altered" && f.2.contains(&format!("\"{w}\"")));
            if marked && !said {
                out.push((
                    "product-name-altered",
                    0,
                    format!("the name \"{w}\" is written with other capitals; a name is written as the source writes it; suggested fix: \"{w}\""),
                ));
            }
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

/// Whether `text` (prose: link targets left out) has `w` as a word of its
/// own, with its capitals (`exact`) or in any case, not inside a longer
/// Latin word (`ParameterAttribute` does not have `Parameter`): touching a
/// hyphen, punctuation or another script is fine.
fn contains_word(text: &str, w: &str, exact: bool) -> bool {
    let (hay, w) = if exact {
        (text.to_string(), w.to_string())
    } else {
        (text.to_lowercase(), w.to_lowercase())
    };
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
        assert!(contains_word("use Separator를 x", "Separator", true));
        assert!(contains_word("un cmdlet de Windows", "Cmdlet", false));
        assert!(!contains_word("un cmdlet de Windows", "Cmdlet", true));
        assert!(!contains_word(
            "ParameterAttribute declaración",
            "Parameter",
            false
        ));
    }

    #[test]
    fn names_of_code() {
        let w = code_words([
            "Write-Host \"x\" -ForegroundColor DarkGreen -BackgroundColor white -t x\n",
            "Accepted values: Black, DarkBlue, Gray\n",
            "[Parameter(Mandatory=true)]\npublic string Name { get; }\nConsole.WriteLine(x);",
            "docker build -f Dockerfile --file x -c Release .",
            "net start ssh-agent\nssh-add id_rsa --no-cache a-b\n// a triple-quoted string",
        ]);
        for x in [
            "ForegroundColor",
            "BackgroundColor",
            "Black",
            "DarkBlue",
            "Gray",
            "Parameter",
            "WriteLine",
            "ssh-agent",
            "ssh-add",
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
            "--no-cache",
            "no-cache",
            "a-b",
            "triple-quoted",
        ] {
            assert!(!w.contains(x), "{x}: {w:?}");
        }
    }
}
