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
use crate::text::{cyrillic_key, hangul, is_cyrillic, latin_key, no_space_script};

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

/// Whether the text is written in Latin letters only (no Cyrillic, CJK or
/// Hangul).
fn caseless_free(text: &str) -> bool {
    !text
        .chars()
        .any(|c| is_cyrillic(c) || no_space_script(c) || hangul(c))
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

/// Words of the texts written with a capital away from a sentence's start,
/// in lower case.
pub(crate) fn cased_words<'a>(texts: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let mut out = HashSet::new();
    for text in texts {
        let mut start = true;
        for w in text.split_whitespace() {
            if !start {
                for run in w.split(|c: char| !c.is_ascii_alphabetic()) {
                    if run.chars().any(|c| c.is_ascii_uppercase()) {
                        out.insert(run.to_ascii_lowercase());
                    }
                }
            }
            start = w.ends_with(['.', '!', '?', ':']);
        }
    }
    out
}

pub(super) fn recased(t: &Side, s: &Side, ctx: &super::Ctx, out: &mut Vec<Raw>) {
    let (names, spanned) = (ctx.names, ctx.spanned);
    // How the source spells each of its Latin words, by lower case.
    let mut spellings: HashMap<String, Vec<&str>> = HashMap::new();
    // The acronyms of the source's plurals (`API` of `APIs`).
    let mut plurals: HashSet<&str> = HashSet::new();
    // Each spelling once: a long segment writes the same word thousands of
    // times, and every word of the translation is looked up.
    for (_, w) in runs(s, latin) {
        let mut stem = w.strip_suffix('s').filter(|x| x.len() >= 3 && all_caps(x));
        for x in std::iter::once(w).chain(stem.take()) {
            let v = spellings.entry(x.to_ascii_lowercase()).or_default();
            if !v.contains(&x) {
                v.push(x);
            }
            if x != w {
                plurals.insert(x);
            }
        }
    }
    let caseless = t.text.chars().any(|c| no_space_script(c) || hangul(c));
    let latin_only = caseless_free(t.text);
    // Where a name was already said to be altered, looked up once a word.
    let said: HashSet<usize> = out
        .iter()
        .filter(|f| f.0.starts_with("product-name"))
        .map(|f| f.1)
        .collect();
    let t_runs = runs(t, latin);
    // The words each side sets in bold alone, read once.
    let bold_words = |side: &Side<'_>| -> HashSet<String> {
        super::emphasis::bolds(side)
            .into_iter()
            .map(|r| side.text[r].to_string())
            .collect()
    };
    let (s_bold, t_bold) = (bold_words(s), bold_words(t));
    let page_lower = |w: &str| {
        let l = w.to_ascii_lowercase();
        !ctx.cased.contains(&l) && !spanned.contains(&l)
    };
    english_recased(t, &t_runs, &spellings, page_lower, out);
    for &(at, w) in &t_runs {
        // Two letters in bold are an alias (**sl**, **LS**).
        let bold_pair = w.len() == 2 && t_bold.contains(w);
        // Two letters the source writes in lower case, in capitals (`alias:
        // DB` for `alias: db`): an alias or a value, not an acronym.
        // Not an extension named as its file type (`JS` for `.js` files),
        // unless still after its dot (`Startup.CS`).
        let shouted_pair = w.len() == 2
            && all_caps(w)
            && (!s.text.contains(&format!(".{}", w.to_ascii_lowercase()))
                || t.text[..at].ends_with('.'))
            // Nor a switch, which `flags_recased` reads.
            && !t.text[..at].ends_with(['/', '-'])
            && spellings
                .get(&w.to_ascii_lowercase())
                .is_some_and(|v| v.iter().all(|x| x.chars().all(|c| c.is_ascii_lowercase())));
        if (w.len() < 3 && !bold_pair && !shouted_pair) || said.contains(&at) {
            continue;
        }
        // Or its plural's (`Pssession` for "PSSessions").
        let lower = w.to_ascii_lowercase();
        let plural = !spellings.contains_key(&lower);
        let Some(source) = spellings
            .get(&lower)
            .or_else(|| spellings.get(&format!("{lower}s")))
        else {
            continue;
        };
        let written = source[0];
        // `BLOB-объект`: the language's compound with an acronym.
        let compound = t.text[at + w.len()..].starts_with('-');
        let capitals = all_caps(w)
            && !compound
            && source
                .iter()
                .all(|x| !all_caps(x) && x.chars().any(|c| c.is_ascii_uppercase()));
        let raised = caseless
            && capitalized(w)
            && spanned.contains(&w.to_ascii_lowercase())
            && source
                .iter()
                .all(|x| x.chars().all(|c| c.is_ascii_lowercase()));
        // Lowered where the source marks it as a name in bold (**And**,
        // **Destination**, a parameter or an operator), in a translation
        // of another script that keeps it in English.
        let lowered = !latin_only
            && w.chars().all(|c| c.is_ascii_lowercase())
            && source.iter().all(|x| capitalized(x))
            && s.text.contains(&format!("**{written}**"));
        // Written by the source with a small first letter and a capital
        // inside (`macOS`, `iOS`, `eShop`): those capitals are the name's
        // own, whatever the sentence (`MacOS`, `Macos`).
        let camel = |x: &str| {
            x.starts_with(|c: char| c.is_ascii_lowercase())
                && x.chars().skip(1).any(|c| c.is_ascii_uppercase())
        };
        let mixed = !source.contains(&w) && source.iter().all(|x| camel(x));
        // An acronym the source writes in its plural, in other capitals
        // (`Api` for "APIs").
        let acronym = !all_caps(w) && source.iter().all(|x| plurals.contains(x));
        // Its inner capitals lost (`Pssession` for `PSSession`, `Javascript`
        // for `JavaScript`): the capitals inside a word are the
        // name's own, whatever the sentence.
        let upper = |x: &str| x.chars().filter(char::is_ascii_uppercase).count();
        // (Written all in lower case, it is a command's or a file's spelling
        // more often: `psdrive`, `appxmanifest`.)
        let inner_lost = !source.contains(&w)
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && source.iter().all(|x| {
                x.chars().skip(1).any(|c| c.is_ascii_uppercase())
                    && !all_caps(x)
                    && upper(w) < upper(x)
            });
        // Bold on both sides, one word of code's spelling, other capitals:
        // a switch or parameter re-cased (**SSL** for **ssl**, **AppID**
        // for **appid**).
        // Not its first letter alone, which a sentence's start may raise.
        let bold = !source.contains(&w)
            && w.get(1..) != written.get(1..)
            && s_bold.contains(written)
            && t_bold.contains(w);
        // An acronym (`API`, `VS Code`), never a code spelling of the page,
        // written in lower case (`api`, `vs Code`). (A camel-case name in
        // lower case is a command's or a file's spelling more often:
        // `psdrive`, `appxmanifest`.)
        // Not a piece of a dotted name (`ASP.net`, said as the whole).
        let piece = t.text[..at].ends_with('.') || t.text[at + w.len()..].starts_with('.');
        let lowered_name = w.chars().all(|c| c.is_ascii_lowercase())
            && !piece
            && !spanned.contains(&lower)
            && source.iter().all(|x| all_caps(x));
        let found = if plural {
            inner_lost
        } else {
            capitals
                || raised
                || lowered
                || lowered_name
                || mixed
                || acronym
                || bold
                || inner_lost
                || (shouted_pair && !compound && !crate::text::is_english_word(w))
        };
        if found {
            out.push((
                "product-name-altered",
                at,
                format!(
                    "\"{w}\" is the source's \"{written}\" in {} the source never gives it; a name is written as the source writes it; suggested fix: \"{written}\"",
                    if lowered_name { "lower case" } else { "capitals" }
                ),
            ));
        }
    }
    flags_recased(t, s, out);
    for_names_recased(t, s, out);
    cyrillic_names(t, s, ctx, out);
    spaced_names(t, s, names, out);
}

/// A name joined by "for" (`Skype for Business`, `OneDrive for Business`,
/// `Visual Studio for Mac`), kept in English with other capitals (`Skype for
/// business`): the capitals of its second part are the name's.
fn for_names_recased(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    static FOR: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = FOR.get_or_init(|| {
        regex::Regex::new(r"\b[A-Z][A-Za-z0-9]+(?: [A-Z][A-Za-z0-9]+)* for [A-Z][A-Za-z0-9]+\b")
            .unwrap()
    });
    if !s.text.contains(" for ") {
        return;
    }
    // ASCII lower case keeps every byte where it is: offsets found in it
    // are the text's.
    let lower_t = t.text.to_ascii_lowercase();
    for m in re.find_iter(s.text) {
        let name = m.as_str();
        if t.text.contains(name) {
            continue;
        }
        // The same letters, other capitals: byte offsets agree for ASCII.
        if let Some(at) = lower_t.find(&name.to_ascii_lowercase()) {
            let written = &t.text[at..at + name.len()];
            out.push((
                "product-name-altered",
                at,
                format!("\"{written}\" is the name \"{name}\" with other capitals; a name is written as the source writes it; suggested fix: \"{name}\""),
            ));
            return;
        }
    }
}

/// A switch of the source written with other capitals (`-E` for `-e`,
/// `/FD` for `/fd`): tools such as `sqlcmd` or `bcp` read them in their
/// case, so it is reported (a name re-cased, a warning).
fn flags_recased(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let flag = |w: &str| {
        w.strip_prefix(['-', '/']).is_some_and(|r| {
            !r.is_empty() && r.len() <= 12 && r.chars().all(|c| c.is_ascii_alphabetic())
        })
    };
    let source: HashSet<&str> = s
        .words
        .iter()
        .map(|&(_, w)| w)
        .filter(|w| flag(w))
        .collect();
    if source.is_empty() {
        return;
    }
    for &(at, w) in &t.words {
        if !flag(w) || source.contains(w) {
            continue;
        }
        let Some(written) = source.iter().find(|x| x.eq_ignore_ascii_case(w)) else {
            continue;
        };
        // The same flag in both cases in the source: two flags.
        if out.iter().any(|f| f.1 == at) {
            continue;
        }
        out.push((
            "product-name-altered",
            at,
            format!(
                "the switch \"{w}\" is the source's \"{written}\" in other capitals: a tool reads its switches in their case; suggested fix: \"{written}\""
            ),
        ));
    }
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
            // A particle or a word of another script may touch it (`F #에서`).
            let whole = |i: usize| !t.text[i..].starts_with(|c: char| c.is_ascii_alphanumeric());
            let starts = t.text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
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

/// English the source writes in lower case, left in the translation and
/// re-cased, which no translator does and machine translation does:
/// in capitals (`WINS` for "first-write-wins"), or two words or more in
/// Title Case (`State Management` for "state management").
/// `page_lower`: the page never writes the word with a capital (`JSON`) nor
/// in a code span (`enum`).
fn english_recased(
    t: &Side,
    t_runs: &[(usize, &str)],
    spellings: &HashMap<String, Vec<&str>>,
    page_lower: impl Fn(&str) -> bool,
    out: &mut Vec<Raw>,
) {
    let lower_only = |w: &str| {
        page_lower(w)
            && spellings
                .get(&w.to_ascii_lowercase())
                .is_some_and(|v| v.iter().all(|x| x.chars().all(|c| c.is_ascii_lowercase())))
    };
    // In a Latin script a translator may write an acronym's capitals the
    // source leaves out (`JSON` for "json"); in another script the word
    // is English left behind.
    let other_script = t
        .text
        .chars()
        .any(|c| is_cyrillic(c) || no_space_script(c) || hangul(c));
    let mut k = 0;
    while k < t_runs.len() {
        let (at, w) = t_runs[k];
        if other_script && w.len() >= 4 && all_caps(w) && lower_only(w) {
            out.push((
                "source-left-in-translation",
                at,
                format!(
                    "\"{w}\" is the source's word \"{}\", left in English and written in capitals",
                    w.to_ascii_lowercase()
                ),
            ));
            k += 1;
            continue;
        }
        // A run of Title Case words, one space apart.
        let mut end = k;
        while end < t_runs.len()
            && capitalized(t_runs[end].1)
            && lower_only(t_runs[end].1)
            && (end == k || {
                let (pa, pw) = t_runs[end - 1];
                &t.text[pa + pw.len()..t_runs[end].0] == " "
            })
        {
            end += 1;
        }
        let (la, lw) = t_runs[end.max(k + 1) - 1];
        let after = t.text[la + lw.len()..].trim_start();
        // Spelled out next to its acronym, `Common Language Runtime (CLR)`,
        // `ASLR (Address Space …)`: a term's English, kept on purpose.
        let acronym = after.starts_with('(') || t.text[..at].trim_end().ends_with('(');
        if end - k >= 2 && !acronym {
            let phrase = &t.text[at..la + lw.len()];
            out.push((
                "source-left-in-translation",
                at,
                format!(
                    "\"{phrase}\" is the source's \"{}\", left in English and capitalized",
                    phrase.to_ascii_lowercase()
                ),
            ));
        }
        k = end.max(k + 1);
    }
}

/// An identifier (`FullStockTicker`) or a name of the page the translation
/// lost, written in Cyrillic letters instead. Words the page capitalizes
/// mid-sentence (`ctx.cased`: `Hazelcast`) are names though they come once.
/// An identifier the token rules found gone (`ChannelCredentials`) or a
/// file's name is what the reader types: a token translated, an error;
/// another name is a name altered.
fn cyrillic_names(t: &Side, s: &Side, ctx: &super::Ctx, out: &mut Vec<Raw>) {
    let (names, cased) = (ctx.names, ctx.cased);
    // The Cyrillic words by their skeleton, looked up once a Latin word.
    let mut by_key: HashMap<String, Vec<(usize, &str)>> = HashMap::new();
    for (at, c) in runs(t, is_cyrillic) {
        if let Some(k) = cyrillic_key(c) {
            by_key.entry(k).or_default().push((at, c));
        }
    }
    if by_key.is_empty() {
        return;
    }
    let kept: HashSet<String> = runs(t, latin)
        .into_iter()
        .map(|(_, w)| w.to_ascii_lowercase())
        .collect();
    let mut seen = HashSet::new();
    for (_, w) in runs(s, latin) {
        let camel = w
            .as_bytes()
            .windows(2)
            .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase())
            && cased.contains(&w.to_ascii_lowercase());
        let known = w.len() >= 5 && (camel || names.has_word(w));
        if !(known || capital && w.len() >= 4)
            || kept.contains(&w.to_ascii_lowercase())
            || !seen.insert(w)
        {
            continue;
        }
        let Some(matches) = latin_key(w).and_then(|k| by_key.get(&k)) else {
            continue;
        };
        for &(at, c) in matches {
            // A word the page capitalizes once is a name only where the
            // Cyrillic is in capitals too (`ДАПР`): Russian shares many
            // words with English (`клиент`, `сертификат`, `Майкрософт`).
            let caps = c.chars().all(|c| !c.is_lowercase());
            let long = c.chars().count() >= if known { 5 } else { 4 };
            if !long || !(known || caps) || out.iter().any(|f| f.1 == at) {
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
            // A file's name (`MyFirstScript.fsx`): what the reader opens.
            let file = s.text.match_indices(w).any(|(i, _)| {
                let rest = &s.text[i + w.len()..];
                rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            });
            let finding = if file || token.is_some() {
                if let Some(i) = token {
                    out.remove(i);
                }
                (
                    "technical-token-translated",
                    certain(&format!(
                        "\"{c}\" is the source's \"{w}\" written in Cyrillic letters: what the reader types no longer matches; keep \"{w}\""
                    )),
                )
            } else {
                (
                    "product-name-altered",
                    format!(
                        "\"{c}\" stands for \"{w}\" of the source, written in Cyrillic letters; a name is kept in the source's letters; suggested fix: \"{w}\""
                    ),
                )
            };
            out.push((finding.0, at, finding.1));
        }
    }
}

#[cfg(test)]
mod tests;
