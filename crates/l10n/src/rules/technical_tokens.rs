//! `technical-token-*`: the source's technical tokens (image tags, flags,
//! file names, versions, URLs, identifiers) missing from the translation or
//! altered by it.

use std::collections::HashSet;

mod kinds;
pub(super) use kinds::cell_reference;
use kinds::code_identifier;

use super::side::{certain, Raw, Side};
use crate::text::{self, edit_distance, is_technical};

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Every token of a text, code spans included: whitespace-separated chunks
/// and their parts between separators like `/`, `:`, `=`, brackets.
/// The text with every HTML element that has attributes (`<span
/// id="x">`, `<a href="…">`) taken out; a code span's `<app_assembly>` has
/// none and stays.
fn without_attributes(text: &str) -> std::borrow::Cow<'_, str> {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if !text.contains('<') {
        return text.into();
    }
    TAG.get_or_init(|| regex::Regex::new(r#"</?[A-Za-z][A-Za-z0-9]*\s+[^<>]*=[^<>]*>"#).unwrap())
        .replace_all(text, " ")
}

fn token_set(text: &str) -> HashSet<&str> {
    let mut set = HashSet::new();
    for chunk in text.split(|c: char| c.is_whitespace() || c == '`') {
        set.insert(text::trim_word(chunk));
        // Between brackets, quotes and commas: `[owner/repo](url)` has `owner/repo`.
        for piece in chunk.split(|c: char| "[](){}<>\"',;|*".contains(c)) {
            set.insert(text::trim_word(piece));
        }
        // Where a script without spaces meets a token: `3.0-bionicタグ`.
        for piece in chunk.split(text::no_space_script) {
            set.insert(text::trim_word(piece));
        }
        // And where a Korean particle follows one: `GitHub의`.
        for piece in chunk.split(text::hangul) {
            set.insert(text::trim_word(piece));
        }
        for part in chunk.split(|c: char| !(c.is_alphanumeric() || ".-_+".contains(c))) {
            set.insert(text::trim_word(part));
            // Hyphenated compounds: `gRPC-Anwendungen` has `gRPC`.
            if part.contains('-') && !part.starts_with('-') {
                set.extend(part.split('-').map(text::trim_word));
            }
        }
    }
    set
}

/// Lower case, and a decimal comma read as a dot: `3,0-Buster` is `3.0-buster`.
fn loose(w: &str) -> String {
    w.to_lowercase().replace(',', ".")
}

/// A version's or image tag's leading part, up to its first `-`: `3.0-`.
fn tag_stem(tok: &str) -> Option<&str> {
    if !tok.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let i = tok.find('-')?;
    (i >= 2).then(|| &tok[..=i])
}

/// Machine translation's placeholder for a token it could not place
/// (`@no__t-0`, `@ no__t-1`), published as it is.
fn placeholder(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let lower = t.text.to_ascii_lowercase();
    let Some(at) = lower.find("no__t-") else {
        return;
    };
    if s.text.to_ascii_lowercase().contains("no__t-") {
        return;
    }
    let start = t.text[..at]
        .trim_end()
        .strip_suffix('@')
        .map_or(at, |b| b.len());
    let end = t.text[at..]
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(t.text.len(), |e| at + e);
    out.push((
        "technical-token-missing",
        start,
        certain(&format!(
            "\"{}\" is machine translation's placeholder for a token or code span of the source, published in its place: what the reader should type is gone",
            t.text[start..end].trim()
        )),
    ));
}

/// `code_tokens`: the words of the page's code spans and blocks as written.
pub(super) fn technical_tokens(
    t: &Side,
    s: &Side,
    commands: bool,
    code_tokens: &HashSet<&str>,
    out: &mut Vec<Raw>,
) {
    placeholder(t, s, out);
    // Without the attributes of HTML elements (`<span id="-autorecover">`
    // before a translated `**-Autorrecuperación**`): an anchor's id is no
    // token the reader sees.
    let untagged = without_attributes(t.text);
    let mut t_tokens: Option<HashSet<&str>> = None;
    let s_words: HashSet<&str> = s.words.iter().map(|&(_, w)| w).collect();
    // Candidates for a translated token: words, and the parts of hyphenated
    // compounds (`GrpC-Anwendungen`).
    // Whole words come first.
    let mut candidates: Vec<(usize, &str)> = t.words.clone();
    // And the pieces between Chinese or Japanese punctuation, which no
    // space follows (`、.net 構成`).
    for &(at, w) in &t.words {
        if w.contains(text::cjk_punctuation) {
            let mut off = 0;
            for piece in w.split(text::cjk_punctuation) {
                if !piece.is_empty() && piece.len() < w.len() {
                    candidates.push((at + off, piece));
                }
                off += piece.len()
                    + w[off + piece.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
            }
        }
    }
    // And the Latin runs of a word of Chinese, Japanese or Korean, which
    // writes no space before a link or after a name (`参照してください[Get-package`).
    for &(at, w) in &t.words {
        if !w
            .chars()
            .any(|c| text::no_space_script(c) || text::hangul(c))
        {
            continue;
        }
        let latin = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
        let mut start = None;
        for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
            match (latin(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let piece = w[s..i].trim_matches(['-', '.', '_']);
                    if !piece.is_empty() {
                        candidates.push((at + s, piece));
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
    for &(at, w) in &t.words {
        if w.contains('-') && !w.starts_with('-') {
            let mut off = 0;
            for part in w.split('-') {
                if !part.is_empty() && part.len() < w.len() {
                    candidates.push((at + off, part));
                }
                off += part.len() + 1;
            }
        }
    }
    let mut budget = 1_000_000usize;
    let mut seen = HashSet::new();
    let mut used_variants = HashSet::new();
    // A flag with its value's syntax (`--codepage:<int>`, `--debug[+|-]`)
    // is a word no rule reads as a token: its flag is one.
    let mut s_tokens = s.words.clone();
    for &(at, w) in &s.words {
        if let Some(head) = flag_head(w) {
            s_tokens.push((at, head));
            full_width_after(t, head, w, out);
        }
        half_translated(t, s, w, out);
    }
    for &(at, tok) in &s_tokens {
        let tok = tok
            .strip_suffix("'s")
            .or_else(|| tok.strip_suffix("’s"))
            .unwrap_or(tok);
        // A sentence's period with no space after it (`w*`.This example):
        // not a dot file.
        let glued_period = tok.starts_with('.')
            && s.text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace() && !"([\"'*_".contains(c));
        let pattern = !commands && text::is_command_name(tok);
        if pattern && seen.insert(tok) {
            // A `Verb-Noun` name of another kind (a header, `Set-Cookie`;
            // a pattern, `Request-Reply`) may be translated, not re-cased
            // (`Set-cookie`).
            // In ASCII lower case, which keeps the text's offsets.
            if let Some(at) = t.text.to_ascii_lowercase().find(&tok.to_ascii_lowercase()) {
                let written = &t.text[at..at + tok.len()];
                if written != tok && !t.text.contains(tok) {
                    out.push((
                        "product-name-altered",
                        at,
                        format!("\"{written}\" is the name \"{tok}\" with other capitals; a name is written as the source writes it; suggested fix: \"{tok}\""),
                    ));
                }
            }
            continue;
        }
        if (!is_technical(tok) && !cell_reference(tok))
            || glued_period
            || pattern
            || !seen.insert(tok)
        {
            continue;
        }
        if t_tokens
            .get_or_insert_with(|| token_set(&untagged))
            .contains(tok)
        {
            recased_elsewhere(t, tok, &s_words, out);
            continue;
        }
        // A switch glued to what comes before it (`MakeAppx/d`) is still
        // there; what it is glued to is another rule's.
        if tok.starts_with('/')
            && t.inl.prose.match_indices(tok).any(|(i, _)| {
                !t.inl.prose[i + tok.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            })
        {
            continue;
        }
        let n = tok.chars().count();
        let limit = (n / 3).max(2);
        let loose_tok = loose(tok);
        let stem = tag_stem(&loose_tok).map(str::to_string);
        budget = budget.saturating_sub(candidates.len());
        if budget == 0 {
            break;
        }
        let usable = |w: &&str| !s_words.contains(*w) && !used_variants.contains(*w);
        // The closest kind of variant first: same but for case or a decimal
        // comma, then a small edit, then the same version with a translated tag.
        let variant = candidates
            .iter()
            .filter(|(_, w)| usable(w))
            .find(|(_, w)| loose(w) == loose_tok)
            .or_else(|| {
                candidates.iter().filter(|(_, w)| usable(w)).find(|(_, w)| {
                    common_prefix(&loose(w), &loose_tok) >= 3.min(n)
                        && edit_distance(w, tok, limit) <= limit
                })
            })
            .or_else(|| {
                let stem = stem.as_deref()?;
                candidates.iter().filter(|(_, w)| usable(w)).find(|(_, w)| {
                    let lw = loose(w);
                    lw.len() > stem.len() && lw.starts_with(stem)
                })
            });
        match variant {
            // A switch only re-cased (`/FD` for `/fd`): `recased` says it,
            // with why a tool cares.
            Some(&(_, w))
                if w != tok
                    && w.to_lowercase() == tok.to_lowercase()
                    && tok.starts_with('/')
                    && !tok[1..].contains('/') =>
            {
                used_variants.insert(w);
            }
            // Only its capitals changed, and nothing reads them (a
            // parameter, a property, a command's name: PowerShell ignores
            // case), unlike a path or a file's name: a name re-cased.
            Some(&(at, w))
                if w != tok
                    && w.to_lowercase() == tok.to_lowercase()
                    && (!text::runnable(tok) || text::is_command_name(tok) || dotted_name(tok)) =>
            {
                used_variants.insert(w);
                out.push((
                    "product-name-altered",
                    at,
                    format!("\"{w}\" is the name \"{tok}\" with other capitals; a name is written as the source writes it; suggested fix: \"{tok}\""),
                ));
            }
            Some(&(at, w)) => {
                used_variants.insert(w);
                out.push((
                    "technical-token-translated",
                    at,
                    format!("\"{w}\" stands for the source's \"{tok}\", which must stay as it is"),
                ));
            }
            // An extension in prose named as its file type (`.js` files as
            // "файлы JS"): the reader loses nothing.
            None if tok.strip_prefix('.').is_some_and(|ext| {
                ext.len() <= 5
                    && ext.chars().all(|c| c.is_ascii_lowercase())
                    && t.words.iter().any(|&(_, w)| w == ext.to_uppercase())
            }) => {}
            // Already said, with why (a link text naming its target).
            None if out.iter().any(|f| {
                f.0 == "technical-token-translated" && f.2.contains(&format!("\"{tok}\""))
            }) => {}
            None => {
                let m = format!("the source's \"{tok}\" is not in the translation");
                // What a command uses, gone: the page's commands no longer
                // read as written (a flag or path translated beyond
                // recognition, `-Object` as `-개체`).
                // Or a name the page's code writes (`dotnet add package
                // Microsoft.Quantum.Numerics`): the reader types it too.
                let coded = tok.contains('.')
                    && tok
                        .split('.')
                        .all(|p| !p.is_empty() && code_tokens.contains(p));
                let m = if text::runnable(tok)
                    || coded
                    || code_identifier(tok)
                    || cell_reference(tok)
                {
                    certain(&format!("{m}; commands use it as it is written"))
                } else {
                    m
                };
                out.push(("technical-token-missing", 0, m));
            }
        }
    }
}

/// Beyond this many bytes a segment is not a sentence, and the searches of
/// the whole text a word makes are left out.
const LONG: usize = 20_000;

/// A name of lower-case parts joined by `/` or `-` (`dotnet/docs`,
/// `components-contrib`, `secret-store`) whose first part the translation
/// keeps and whose rest it translates (`dotnet/文档`, `组件-contrib`,
/// `secret ストア`): the name no longer matches anything.
fn half_translated(t: &Side, s: &Side, raw: &str, out: &mut Vec<Raw>) {
    // A sentence, not a megabyte: each name looks through the whole text.
    if t.text.len() > LONG {
        return;
    }
    let w = text::trim_word(raw).trim_matches(|c: char| "*_'\"[]()".contains(c));
    let Some(sep) = w.find(['/', '-']) else {
        return;
    };
    // Joined by a hyphen only, a name where the source quotes it or links
    // it (`'secret-store'`, `[components-contrib](…)`); otherwise an English
    // compound a language may half translate (`do-нотация`).
    let quoted = raw.contains(['\'', '"']) || s.inl.links.iter().any(|l| l.text.contains(w));
    if !w.contains('/') && !quoted {
        return;
    }
    let parts_ok = w
        .split(['/', '-'])
        .all(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_lowercase()));
    // Kept in the prose (a link's target may hold it too, untouched).
    if !parts_ok || t.inl.prose.contains(w) {
        return;
    }
    let (head, tail) = (&w[..=sep], &w[sep + 1..]);
    let foreign = |c: char| c.is_alphabetic() && !c.is_ascii();
    // The head kept, the rest in another script: `dotnet/文档`.
    let head_kept = t
        .text
        .match_indices(head)
        .find(|&(i, _)| t.text[i + head.len()..].trim_start().starts_with(foreign));
    // The rest kept after a word of another script: `组件-contrib`.
    let tail_kept = t
        .text
        .match_indices(&w[sep..])
        .find(|&(i, _)| t.text[..i].chars().next_back().is_some_and(foreign) && !tail.is_empty());
    if let Some((at, _)) = head_kept.or(tail_kept) {
        out.push((
            "technical-token-translated",
            at,
            certain(&format!(
                "the source's \"{w}\" is half translated here: a name of its parts stays whole; keep \"{w}\""
            )),
        ));
    }
}

/// The flag that starts a word with more after it: `--codepage` of
/// `--codepage:&lt;int&gt;`.
fn flag_head(w: &str) -> Option<&str> {
    let body = w.strip_prefix("--").or_else(|| w.strip_prefix('-'))?;
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map(|i| w.len() - body.len() + i)?;
    // A one-letter flag only before its value's separator (`-r:<file>`).
    let long_enough = end >= 3 || w[end..].starts_with([':', '=']);
    (long_enough && body.starts_with(|c: char| c.is_ascii_alphabetic())).then(|| &w[..end])
}

/// The flag kept, but the ASCII colon or equals sign after it written in
/// its full-width form (`--define：`): the shell reads another word.
fn full_width_after(t: &Side, head: &str, w: &str, out: &mut Vec<Raw>) {
    let sep = w[head.len()..].chars().next();
    let wide = match sep {
        Some(':') => '：',
        Some('=') => '＝',
        _ => return,
    };
    let written = format!("{head}{wide}");
    if let Some(at) = t.text.find(&written) {
        out.push((
            "technical-token-translated",
            at,
            certain(&format!(
                "\"{written}\" stands for the source's \"{head}{}\": the separator after the flag is written full-width, which no command reads; keep \"{head}{}\"",
                sep.unwrap_or(':'),
                sep.unwrap_or(':')
            )),
        ));
    }
}

/// A product's name with a dot, capitalized (`Node.js`, `ASP.NET`): re-cased,
/// it is still the name, not a path the system reads (`StockData.csproj`).
fn dotted_name(tok: &str) -> bool {
    let last = tok.rsplit('.').next().unwrap_or("");
    tok.starts_with(|c: char| c.is_ascii_uppercase())
        && tok.contains('.')
        && !tok.contains(['/', '\\', ':'])
        && (last == "js" || (last.len() >= 2 && last.chars().all(|c| c.is_ascii_uppercase())))
}

/// A name in CamelCase (`PowerShell`) kept in one place and re-cased in
/// another (`Powershell 7 以降では、PowerShell は`): a name re-cased, a
/// warning.
fn recased_elsewhere(t: &Side, tok: &str, s_words: &HashSet<&str>, out: &mut Vec<Raw>) {
    if !tok.chars().all(|c| c.is_ascii_alphabetic()) {
        return;
    }
    let lower = tok.to_lowercase();
    for &(at, w) in &t.words {
        // Not inside a path or a URL (`dotnet-architecture/grpc-for-wcf`).
        if is_technical(w) || w.contains(['/', ':', '_', '.']) {
            continue;
        }
        for piece in w.split(|c: char| !c.is_ascii_alphabetic()) {
            if piece != tok && piece.to_lowercase() == lower && !s_words.contains(piece) {
                let at = at + w.find(piece).unwrap_or(0);
                out.push((
                    "product-name-altered",
                    at,
                    format!("\"{piece}\" is the name \"{tok}\" with other capitals; a name is written as the source writes it; suggested fix: \"{tok}\""),
                ));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn token_containment() {
        let set = token_set("image mcr.io/sdk:3.0 here `--tag` 3.0-bionique.");
        assert!(set.contains("3.0") && set.contains("mcr.io/sdk:3.0") && set.contains("--tag"));
        assert!(set.contains("3.0-bionique"));
        assert!(token_set("`x`と3.0-bionicタグ").contains("3.0-bionic"));
        assert!(!set.contains("3.0-bionic") && !set.contains("-t"));
    }

    #[test]
    fn half_translated_names() {
        let rules = |tr, src| -> usize {
            super::super::side::run_rule(
                |t, s, out| technical_tokens(t, s, false, &HashSet::new(), out),
                tr,
                src,
            )
            .len()
        };
        assert_eq!(
            rules(
                "请参阅 *dotnet/文档* 存储库。",
                "See the *dotnet/docs* repository."
            ),
            1
        );
        assert_eq!(
            rules(
                "请参阅 [Dapr 组件-contrib](https://x) 存储库。",
                "See the [Dapr components-contrib](https://x) repo."
            ),
            1
        );
        assert_eq!(
            rules(
                "请参阅 *dotnet/docs* 存储库。",
                "See the *dotnet/docs* repository."
            ),
            0
        );
        // A compound of the language's own: not a name of the source.
        assert_eq!(
            rules("Das Request-Reply-Muster.", "The request-reply pattern."),
            0
        );
    }

    #[test]
    fn a_flag_with_its_values_syntax() {
        assert_eq!(flag_head("--codepage:&lt;int&gt;"), Some("--codepage"));
        assert_eq!(flag_head("--debug[+|-]"), Some("--debug"));
        assert_eq!(flag_head("--debug"), None);
        assert_eq!(flag_head("-g:x"), Some("-g"));
        assert_eq!(flag_head("-g."), None);
        let rules = |tr, src| -> Vec<&str> {
            super::super::side::run_rule(
                |t, s, out| technical_tokens(t, s, false, &HashSet::new(), out),
                tr,
                src,
            )
            .into_iter()
            .map(|f| f.0)
            .collect()
        };
        assert_eq!(
            rules("**--代码页： &lt; int&gt;**", "**--codepage:&lt;int&gt;**"),
            ["technical-token-missing"]
        );
        assert_eq!(
            rules(
                "**--define： &lt; string&gt;**",
                "**--define:&lt;string&gt;**"
            ),
            ["technical-token-translated"]
        );
        assert!(rules("**--define:&lt;string&gt;**", "**--define:&lt;string&gt;**").is_empty());
    }
}
