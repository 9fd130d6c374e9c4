//! `product-name-altered` for a word of the source segment whose letters
//! changed in a way no grammar of the translation's language explains,
//! whether or not the page's names (see `names`) include it:
//!
//! - written in capitals the source never gives it (`DOCKER`, `WINDOWS`,
//!   `GET` for `Docker`, `Windows`, `Get`), as machine translation does;
//! - capitalized in a script without capitals (`Systemd を使用` for
//!   "with systemd"), where the page writes the word in a code span (a
//!   command's or a file's spelling, not a word's: `Web` for "web" or
//!   `Cmdlet` is a translator's choice): Japanese, Chinese and Korean have
//!   no sentence start to explain it;
//! - an identifier or name of the page written in Cyrillic letters
//!   (`Фуллстокктиккер` for `FullStockTicker`) where the translation no
//!   longer has it; where the token rules found an identifier missing
//!   (`technical-token-missing`), that finding becomes the error
//!   `technical-token-translated` at the Cyrillic word.

use std::collections::{HashMap, HashSet};

use super::names::Names;
use super::side::{certain, Raw, Side};
use crate::text::{hangul, is_cyrillic, no_space_script, transliterates_cyrillic};

/// Runs of the side's prose words made of the characters `keep`, with their
/// byte offsets in the text.
fn runs<'a>(side: &Side<'a>, keep: impl Fn(char) -> bool) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    for &(at, w) in &side.words {
        let mut start = None;
        for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
            match (keep(c) && i < w.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((at + s, &w[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
    }
    out
}

fn latin(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn all_caps(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_uppercase())
}

fn capitalized(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_lowercase())
}

pub(super) fn recased(
    t: &Side,
    s: &Side,
    names: &Names,
    spanned: &HashSet<String>,
    out: &mut Vec<Raw>,
) {
    // How the source spells each of its Latin words, by lower case.
    let mut spellings: HashMap<String, Vec<&str>> = HashMap::new();
    for (_, w) in runs(s, latin) {
        spellings.entry(w.to_ascii_lowercase()).or_default().push(w);
    }
    let caseless = t.text.chars().any(|c| no_space_script(c) || hangul(c));
    let said = |out: &[Raw], at: usize| {
        out.iter()
            .any(|f| f.0.starts_with("product-name") && f.1 == at)
    };
    for (at, w) in runs(t, latin) {
        if w.len() < 3 || said(out, at) {
            continue;
        }
        let Some(source) = spellings.get(&w.to_ascii_lowercase()) else {
            continue;
        };
        let written = source[0];
        let capitals = all_caps(w)
            && source
                .iter()
                .all(|x| !all_caps(x) && x.chars().any(|c| c.is_ascii_uppercase()));
        let raised = caseless
            && capitalized(w)
            && spanned.contains(&w.to_ascii_lowercase())
            && source
                .iter()
                .all(|x| x.chars().all(|c| c.is_ascii_lowercase()));
        if capitals || raised {
            out.push((
                "product-name-altered",
                at,
                format!(
                    "\"{w}\" is the source's \"{written}\" in capitals the source never gives it; a name is written as the source writes it; suggested fix: \"{written}\""
                ),
            ));
        }
    }
    cyrillic_names(t, s, names, out);
    spaced_names(t, s, names, out);
}

/// A name with a sign in it broken by a space at the sign (`F #`, `C #`,
/// `ASP. NET`), which machine translation writes: reported where it is,
/// in place of the name's "not in the translation".
fn spaced_names(t: &Side, s: &Side, names: &Names, out: &mut Vec<Raw>) {
    let lower = t.text.to_ascii_lowercase();
    let mut seen = HashSet::new();
    for &(_, w) in &s.words {
        let language = w.len() <= 3 && w.starts_with(|c: char| c.is_ascii_uppercase());
        if !(names.has_word(w) || language) || !seen.insert(w) {
            continue;
        }
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        for pair in chars.windows(2) {
            let ((_, a), (i, b)) = (pair[0], pair[1]);
            let sign = |c: char| "#+.".contains(c);
            if !(a.is_alphanumeric() && sign(b) || sign(a) && b.is_alphanumeric()) {
                continue;
            }
            let spaced = format!("{} {}", &w[..i], &w[i..]).to_ascii_lowercase();
            let Some(at) = lower.find(&spaced) else {
                continue;
            };
            let whole = |i: usize| !t.text[i..].starts_with(|c: char| c.is_alphanumeric());
            let starts = t.text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if !starts || !whole(at + spaced.len()) || s.text.to_ascii_lowercase().contains(&spaced)
            {
                continue;
            }
            let gone = format!("\"{w}\" of the source is not in the translation");
            out.retain(|f| !(f.0 == "product-name-altered" && f.2.contains(&gone)));
            out.push((
                "product-name-altered",
                at,
                format!(
                    "\"{}\" is the name \"{w}\" broken by a space; a name is written as the source writes it; suggested fix: \"{w}\"",
                    &t.text[at..at + spaced.len()]
                ),
            ));
            break;
        }
    }
}

/// An identifier (`FullStockTicker`) or a name of the page the translation
/// lost, written in Cyrillic letters instead.
fn cyrillic_names(t: &Side, s: &Side, names: &Names, out: &mut Vec<Raw>) {
    let words = runs(t, is_cyrillic);
    if words.is_empty() {
        return;
    }
    let lower = t.inl.prose.to_lowercase();
    for (_, w) in runs(s, latin) {
        let camel = w
            .as_bytes()
            .windows(2)
            .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
        if w.len() < 5 || !(camel || names.has_word(w)) || lower.contains(&w.to_lowercase()) {
            continue;
        }
        for &(at, c) in &words {
            if c.chars().count() < 5
                || !transliterates_cyrillic(c, w)
                || out.iter().any(|f| f.1 == at)
            {
                continue;
            }
            // An identifier the token rules found missing: it is not
            // missing but transliterated, and what the reader types is gone.
            let quoted = format!("\"{w}\"");
            if out
                .iter()
                .any(|f| f.0 == "technical-token-translated" && f.2.contains(&quoted))
            {
                continue;
            }
            let token = out
                .iter()
                .position(|f| f.0 == "technical-token-missing" && f.2.contains(&quoted));
            let finding = match token {
                Some(i) => {
                    out.remove(i);
                    (
                        "technical-token-translated",
                        certain(&format!(
                            "\"{c}\" is the source's \"{w}\" written in Cyrillic letters: what the reader types no longer matches; keep \"{w}\""
                        )),
                    )
                }
                None => (
                    "product-name-altered",
                    format!(
                        "\"{c}\" stands for \"{w}\" of the source, written in Cyrillic letters; a name is kept in the source's letters; suggested fix: \"{w}\""
                    ),
                ),
            };
            out.push((finding.0, at, finding.1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    fn found(tr: &str, src: &str) -> Vec<String> {
        let names = Names::default();
        let spanned = HashSet::from(["systemd".to_string()]);
        run_rule(|t, s, out| recased(t, s, &names, &spanned, out), tr, src)
            .into_iter()
            .map(|f| f.2)
            .collect()
    }

    #[test]
    fn capitals_the_source_never_gives() {
        assert_eq!(
            found(
                "Хотя контейнеры можно запускать на узлах DOCKER.",
                "Although you can run containers on Docker hosts."
            )
            .len(),
            1
        );
        assert_eq!(
            found(
                "托管在 WINDOWS IIS 服务器上",
                "hosted on a Windows IIS server"
            )
            .len(),
            1
        );
        // An acronym kept, a word the source writes in capitals too.
        assert!(found("托管在 IIS 服务器上", "hosted on an IIS server").is_empty());
        assert!(found("el verbo GET", "the GET verb").is_empty());
        // Lower-case in the source: an HTTP verb or a word, not a name.
        assert!(found("la petición GET", "a get request").is_empty());
    }

    #[test]
    fn capitalized_where_no_sentence_starts() {
        assert_eq!(
            found(
                "Systemd を使用してアプリを実行する",
                "Run your app with systemd"
            )
            .len(),
            1
        );
        // Not a command's spelling: the translator's choice.
        assert!(found("Web 应用", "a web app").is_empty());
        // A Latin script capitalizes a sentence's first word.
        assert!(found("Systemd se usa aquí.", "You use systemd here.").is_empty());
        assert!(found("使用 Docker 运行", "Run with Docker").is_empty());
    }

    #[test]
    fn a_name_broken_by_a_space() {
        let f = found(
            "F# 交互窗口接受许多与 F # 编译器相同的选项。",
            "F# Interactive accepts many of the options of the F# compiler.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(found("Найдите термин **скрипт F#**.", "Search for **F# Script**.").is_empty());
        assert_eq!(
            found(
                "Найдите термин **скрипт F #**.",
                "Search for **F# Script**."
            )
            .len(),
            1
        );
        // Not a name of the page: left to the token rules.
        assert!(found("El archivo *Web. config*.", "The *Web.config* file.").is_empty());
    }

    #[test]
    fn a_name_in_cyrillic_letters() {
        let f = found(
            "См. [примере решения WCF симплестокктиккер](https://x).",
            "See the [SimpleStockTicker WCF sample solution](https://x).",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("SimpleStockTicker"));
        // Kept in Latin letters: nothing to say.
        assert!(found(
            "См. [пример SimpleStockTicker](https://x).",
            "See the [SimpleStockTicker sample](https://x).",
        )
        .is_empty());
    }
}
