//! Code the prose writes without code spans, as reference pages do, and a
//! translation changed (`technical-token-translated`, an error: the reader
//! no longer finds what the syntax or the code has):
//!
//! - a syntax's placeholders, set in italics by the prose that explains
//!   them (`*member-list* is the optional list of members`, `*start* ..
//!   *finish*`), translated (`*lista de miembros*`, `*启动*`);
//! - a command line set in bold (`**MakeAppx pack /d**`, `**-l debug**`)
//!   written otherwise (`**Paquete de MakeAppx/d**`);
//! - a word of code, an element or a folder's name in bold (`**get**`
//!   function, `**<endpoint>**`, **manifest** folder) translated;
//! - an XML element the prose names (`\<gcConcurrent>`) translated;
//! - a parameter's direction (`[in]`) gone.

use super::emphasis::{bolds, italics};
use super::side::{certain, Raw, Side};
use super::Ctx;
use crate::text::clip;

/// One word of code's spelling: letters, digits, `-` and `_`, starting with
/// a letter (`member-list`, `label1`, `start`).
fn one_word(x: &str) -> bool {
    x.starts_with(|c: char| c.is_ascii_alphabetic())
        && x.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether `x` stands in `text` as a word of its own.
fn stands_in(text: &str, x: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    text.match_indices(x).any(|(i, _)| {
        !word(text[..i].chars().next_back()) && !word(text[i + x.len()..].chars().next())
    })
}

/// A switch: `/d`, `/fd`, `-Q`.
fn switch(w: &str) -> bool {
    w.strip_prefix(['/', '-'])
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()) && r.len() <= 12)
}

/// A command line in bold: a command and a switch (`**SignTool sign /a**`).
fn command_line(x: &str) -> bool {
    let words: Vec<&str> = x.split_whitespace().collect();
    let command = words.first().is_some_and(|w| {
        w.starts_with(|c: char| c.is_ascii_alphabetic())
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c))
    });
    // Or a switch and its value (`**-l debug**`).
    let valued = words.len() == 2 && switch(words[0]) && one_word(words[1]);
    words.len() >= 2 && ((command && words[1..].iter().any(|w| switch(w))) || valued)
}

/// The bold text of each side, in order.
type Bolds = (Vec<std::ops::Range<usize>>, Vec<std::ops::Range<usize>>);

fn command_lines(t: &Side, s: &Side, (sb, tb): &Bolds, out: &mut Vec<Raw>) {
    if sb.len() != tb.len() {
        return;
    }
    let squeeze = |x: &str| x.split_whitespace().collect::<Vec<_>>().join(" ");
    for (sr, tr) in sb.iter().zip(tb) {
        let (x, y) = (&s.text[sr.clone()], &t.text[tr.clone()]);
        if command_line(x) && squeeze(x) != squeeze(y) {
            out.push((
                "technical-token-translated",
                tr.start,
                certain(&format!(
                    "the command line **{}** is written **{}**: what the reader types no longer matches; keep \"{}\"",
                    squeeze(x),
                    squeeze(y),
                    squeeze(x)
                )),
            ));
        }
    }
}

/// What the prose calls a word of code right before or after it.
const CODE_NOUNS: &[&str] = &[
    "function",
    "method",
    "element",
    "attribute",
    "parameter",
    "property",
    "keyword",
    "command",
    "switch",
    "option",
    "class",
    "type",
    "field",
    "argument",
    "operator",
];

/// What the prose calls a folder's or a file's name right after it.
const FILE_NOUNS: &[&str] = &["folder", "folders", "directory", "file", "files"];

/// A word of code in bold (an element, `**<endpoint>**`; a word of the
/// page's code, `**get**`) translated (`**<끝점>**`, `**取得**`).
fn code_in_bold(t: &Side, s: &Side, ctx: &Ctx, (sb, tb): &Bolds, out: &mut Vec<Raw>) {
    if sb.len() != tb.len() {
        return;
    }
    let bare = |x: &str| {
        x.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace('\\', "")
            .trim_matches(|c: char| c == '<' || c == '>' || c == '/' || c.is_whitespace())
            .to_string()
    };
    // A syntax's term (`**/S** **system**`, `**/P** **\[password\]**`):
    // its value's placeholder is set in bold beside the switch.
    let syntax = sb.iter().any(|r| switch(s.text[r.clone()].trim()));
    for (sr, tr) in sb.iter().zip(tb) {
        let (x, y) = (bare(&s.text[sr.clone()]), bare(&t.text[tr.clone()]));
        let raw = &s.text[sr.clone()];
        let element = (raw.contains('<') || raw.contains("&lt;")) && one_word(&x);
        // A word of the code that the source names as code: "the **get**
        // function", "the **query** parameter" (not "the **build** stage").
        let named = |w: Option<&str>| {
            w.is_some_and(|w| CODE_NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        };
        let after = s.text[sr.end..]
            .trim_start_matches(['*', '_'])
            .split_whitespace()
            .next();
        let before = s.text[..sr.start]
            .trim_end_matches(['*', '_'])
            .split_whitespace()
            .next_back();
        let code = one_word(&x)
            && x.starts_with(|c: char| c.is_ascii_lowercase())
            && ctx.code_tokens.contains(x.as_str())
            && (named(after) || named(before));
        // A folder's or a file's name: "the **manifest** folder", "the
        // **_Test** folder".
        let file = one_word(x.trim_start_matches(['_', '.']))
            && !x.starts_with(|c: char| c.is_ascii_uppercase())
            && after.is_some_and(|w| {
                FILE_NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
            });
        let bracketed = s.text[sr.clone()].trim().starts_with("\\[");
        let placeholder = (syntax || bracketed)
            && one_word(&x)
            && x.len() >= 3
            && x.starts_with(|c: char| c.is_ascii_lowercase());
        // An identifier in CamelCase (`**NewProject**`, a permission's or a
        // property's name), which no translation translates.
        // Gone from the whole translation: the bold may stand elsewhere.
        let camel = one_word(&x)
            && !t.text.to_lowercase().contains(&x.to_lowercase())
            && x.chars().all(|c| c.is_ascii_alphanumeric())
            && x.chars()
                .zip(x.chars().skip(1))
                .any(|(a, b)| a.is_ascii_lowercase() && b.is_ascii_uppercase());
        if (element || code || file || placeholder || camel)
            && !y.to_lowercase().contains(&x.to_lowercase())
            && !y.is_empty()
        {
            out.push((
                "technical-token-translated",
                tr.start,
                certain(&format!(
                    "**{}** stands for the source's **{}**, {}: keep \"{x}\"",
                    clip(&t.text[tr.clone()], 40),
                    clip(raw, 40),
                    if file && !code && !element {
                        "a folder's or a file's name"
                    } else if camel && !code && !element {
                        "an identifier"
                    } else if placeholder && !code && !element {
                        "a placeholder of the syntax beside its switch"
                    } else {
                        "a word of the page's code"
                    }
                )),
            ));
        }
    }
}

/// A parameter's direction as API references write it (`[in]`, `[out]`,
/// `[in, out]`), gone from the translation (`de IDENTIFICADOR…` for "[in]
/// The ID…").
fn directions(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let squeeze = |x: &str| -> String {
        x.chars()
            .filter(|c| !c.is_whitespace() && *c != '\\')
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let (st, tt) = (squeeze(s.text), squeeze(t.text));
    for mark in ["[in,out]", "[out]", "[in]"] {
        if st.contains(mark) && !tt.contains(mark) {
            out.push((
                "technical-token-translated",
                0,
                certain(&format!(
                    "the parameter's direction {mark} of the source is not in the translation: API references keep it as it is"
                )),
            ));
            return;
        }
    }
}

/// An XML element the prose names (`\\<gcConcurrent>`, `&lt;runtime&gt;`),
/// translated (`\\<gc동시>`, `[\\<구성>](…)`).
fn elements(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    static ELEMENT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = ELEMENT.get_or_init(|| {
        regex::Regex::new(r"(?:\\<|&lt;)/?([A-Za-z][\w.:-]*)\s*(?:>|&gt;)").unwrap()
    });
    let names = |text: &str| -> Vec<(usize, String)> {
        re.captures_iter(text)
            .map(|c| (c.get(0).map_or(0, |m| m.start()), c[1].to_string()))
            .collect()
    };
    let (sn, tn) = (names(s.text), names(t.text));
    for (_, name) in &sn {
        // Kept, or already said in bold (`**<끝점>**`).
        let said = out
            .iter()
            .any(|f| f.0 == "technical-token-translated" && f.2.contains(name.as_str()));
        if tn.iter().any(|(_, n)| n == name) || said {
            continue;
        }
        // Where the translation has an element the source does not.
        let at = tn
            .iter()
            .find(|(_, n)| !sn.iter().any(|(_, m)| m == n))
            .map_or(0, |&(at, _)| at);
        out.push((
            "technical-token-translated",
            at,
            certain(&format!(
                "the element <{name}> of the source is not in the translation: an element's name stays as it is"
            )),
        ));
        return;
    }
}

pub(super) fn syntax_words(t: &Side, s: &Side, ctx: &Ctx, out: &mut Vec<Raw>) {
    directions(t, s, out);
    // Read once for the rules of bold text and for what is all syntax.
    let bold: Bolds = (bolds(s), bolds(t));
    command_lines(t, s, &bold, out);
    code_in_bold(t, s, ctx, &bold, out);
    elements(t, s, out);
    let slots = italics(s);
    if slots.is_empty() {
        return;
    }
    // A segment that is all syntax (`*start* .. *skip* .. *finish*`,
    // `**-d** _db_name_`): every word of it is in italics or a flag.
    let all_syntax = s
        .words
        .iter()
        .all(|&(at, w)| slots.iter().any(|r| r.contains(&at)) || crate::text::is_technical(w));
    let t_slots = italics(t);
    for (k, r) in slots.iter().enumerate() {
        // In lower case: a capitalized word alone in italics is a label
        // (*Security.*), not a placeholder.
        // Markdown's escapes read (`source\_server\_name`).
        let unescaped = s.text[r.clone()].replace('\\', "");
        let x = unescaped.as_str();
        // An identifier's camel case (*sourceFileName*) is no label (a
        // capitalized one, *StockKube*, may be an application's name).
        let camel = (x.starts_with(|c: char| c.is_ascii_lowercase())
            && x.contains(|c: char| c.is_ascii_uppercase()))
            // Or snake case (*source_server_name*): no word of prose.
            || (x.contains('_') && x.split('_').filter(|p| !p.is_empty()).count() >= 2);
        // Right after the command it is given to (`vbc.exe` *file*, **/b**
        // *Filename*), or explained as one ("Where *tenant* equals your
        // tenant name").
        let head = s.text[..r.start.saturating_sub(1)].trim_end();
        let after_switch = head.strip_suffix("**").is_some_and(|h| {
            h.rsplit("**")
                .next()
                .is_some_and(|b| b.starts_with(['/', '-']) && !b.contains(' '))
        });
        let after_command = s.span_before(r.start.saturating_sub(1))
            || after_switch
            || head.to_lowercase().ends_with("where");
        let capital = x.contains(|c: char| c.is_ascii_uppercase());
        if !one_word(x) || (capital && !camel && !after_command) {
            continue;
        }
        // A word of the page's code blocks that the prose explains: spelled
        // as code (`member-list`, `label1`), or named as the syntax's
        // (`Each *element* in the previous syntax`). Ordinary words of
        // code set in italics (*policy*, *Security*) are not.
        // Or one the segment's own code span uses (*origin* beside `git
        // remote rename origin upstream`).
        let own_span = s
            .inl
            .codes
            .iter()
            .any(|c| c.content.split_whitespace().any(|w| w == x));
        let code = (ctx.code_tokens.contains(x)
            && (x.contains(|c: char| c == '-' || c == '_' || c.is_ascii_digit())
                || s.text.to_lowercase().contains("syntax")))
            || own_span;
        if !(code || all_syntax || camel || after_command)
            || stands_in(&t.text.replace('\\', ""), x)
        {
            continue;
        }
        // Reported where the translation's italics of the same rank are,
        // when they hold no Latin letter.
        let Some(tr) = t_slots.get(k) else {
            continue;
        };
        // Those italics hold one of the source's placeholders: kept.
        let shown = &t.text[tr.clone()];
        // Only re-cased (*Myalias*): a name re-cased, `recased`'s.
        if shown.replace('\\', "").eq_ignore_ascii_case(x) {
            continue;
        }
        if slots.iter().any(|r| {
            stands_in(
                &shown.replace('\\', ""),
                &s.text[r.clone()].replace('\\', ""),
            )
        }) {
            continue;
        }
        out.push((
            "technical-token-translated",
            tr.start,
            certain(&format!(
                "*{shown}* stands for the syntax's placeholder *{x}*, which the page's syntax writes as it is: keep \"{x}\""
            )),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spelled_words() {
        assert!(one_word("member-list"));
        assert!(one_word("label1"));
        assert!(!one_word("lista de miembros"));
        assert!(!one_word("启动"));
        assert!(stands_in("*start* ..", "start"));
        assert!(!stands_in("restart", "start"));
        assert!(!stands_in("start-up", "start"));
        assert!(command_line("MakeAppx pack /d"));
        assert!(command_line("SignTool sign /a /v /fd"));
        assert!(!command_line("Note"));
        assert!(!command_line("/d"));
        assert!(command_line("-l debug"));
        assert!(!command_line("-l"));
    }
}
