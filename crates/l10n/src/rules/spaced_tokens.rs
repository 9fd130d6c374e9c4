//! A token of the source broken by spaces at its signs, as machine
//! translation writes it (`SQLSERVER: \ SQL \\` for `SQLSERVER:\SQL\`,
//! `' \ 0 '` for `'\0'`, `192.168. 0.1`, a cell's reference `Sheet. 8!
//! FillForegnd`): what the reader types no longer
//! matches, so it is `technical-token-translated`, an error.

use regex::RegexBuilder;

use super::side::{certain, Raw, Side};
use crate::text::{clip, is_technical};

/// The signs machine translation spaces out.
const SIGNS: &str = "\\/:.![=";

/// A pattern for `w` with optional spaces round each of its inner signs
/// (or, with `anywhere`, between any two of its characters: a member's
/// name cut after its first letter, `::D ynamicMethod`), or `None` when it
/// has no sign between two other characters.
fn spaced_pattern(w: &str, anywhere: bool) -> Option<String> {
    let chars: Vec<char> = w.chars().collect();
    let mut pattern = String::new();
    let mut signs = 0;
    for (i, &c) in chars.iter().enumerate() {
        let sign = SIGNS.contains(c);
        // Spaces may come between a sign and what is next to it, inside
        // the token only (`\0` spaced as `\ 0`).
        let after_sign = i > 0 && SIGNS.contains(chars[i - 1]);
        if i > 0 && (sign || after_sign || anywhere) {
            pattern.push_str("[ \u{a0}]*");
        }
        if sign && i + 1 < chars.len() {
            signs += 1;
        }
        pattern.push_str(&regex::escape(&c.to_string()));
    }
    (signs > 0).then_some(pattern)
}

pub(super) fn spaced_tokens(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    if t.text.len() > 20_000 {
        return;
    }
    spaced_literals(t, s, out);
    dash_parted(t, s, out);
    signed_names(t, s, out);
    let said: Vec<usize> = out.iter().map(|f| f.1).collect();
    let mut seen = std::collections::HashSet::new();
    for &(_, w) in &s.words {
        // A path, an escape sequence, a drive, an address: a token with a
        // backslash, or one the checker calls technical.
        // A member of a type too (`ICorProfilerInfo5::SetEventMask2`).
        let member = w.contains("::") && w.chars().any(|c| c.is_ascii_alphabetic());
        // A dotted format or identifier (`n.n.n.n`, `major.minor.build`).
        let dotted = w.matches('.').count() >= 2
            && w.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
        // A prefixed identifier (`litwareinc:ENTERPRISEPACK`).
        let prefixed = w.split(':').count() == 2
            && w.split(':')
                .all(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        // A cell's reference (`Sheet.8!FillForegnd`, `Char.Font[3]`).
        let cell = super::technical_tokens::cell_reference(w)
            || (w.contains('.') && w.ends_with(']') && w.contains('['));
        let token = cell
            || w.contains('\\')
            || prefixed
            || member
            || dotted
            || (is_technical(w) && w.chars().any(|c| SIGNS.contains(c)));
        // Not an image's markup (`\(![Refresh]`): `markup-broken` reads it.
        if !token || w.contains("![") || t.text.contains(w) || !seen.insert(w) {
            continue;
        }
        let Some(pattern) = spaced_pattern(w, member || dotted) else {
            continue;
        };
        let Ok(re) = RegexBuilder::new(&pattern).case_insensitive(true).build() else {
            continue;
        };
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        // An extension cut from its dot (`el archivo. RC` for "the .rc
        // file"): a word before the dot is no longer its stem.
        let extension = w.starts_with('.');
        let found = re.find_iter(t.text).find(|m| {
            m.as_str().contains([' ', '\u{a0}'])
                && (!alnum(t.text[..m.start()].chars().next_back())
                    || (extension && m.as_str().starts_with('.')))
                && !alnum(t.text[m.end()..].chars().next())
                && !s.text.contains(m.as_str())
        });
        let Some(m) = found else { continue };
        if said.contains(&m.start()) {
            continue;
        }
        // Said here in place of "not in the translation".
        let gone = format!("the source's \"{w}\" is not in the translation");
        out.retain(|f| !(f.0 == "technical-token-missing" && f.2.contains(&gone)));
        out.push((
            "technical-token-translated",
            m.start(),
            certain(&format!(
                "\"{}\" is the source's \"{w}\" broken by spaces: what the reader types no longer matches; keep \"{w}\"",
                clip(m.as_str(), 50)
            )),
        ));
    }
}

/// A parameter's dash parted from its name by a space (`– EnableSync를` for
/// `–EnableSync`, `- Path` for `-Path`): the reader types two words.
fn dash_parted(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    for &(_, w) in &s.words {
        let Some(name) = w.strip_prefix(['-', '–']) else {
            continue;
        };
        let dash = &w[..w.len() - name.len()];
        let named = name.len() >= 3
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !named || t.text.contains(w) {
            continue;
        }
        let parted = [" ", "\u{a0}", "  "]
            .iter()
            .map(|gap| format!("{dash}{gap}{name}"))
            .find_map(|x| t.text.find(&x).map(|at| (at, x)));
        if let Some((at, x)) = parted {
            let after = t.text[at + x.len()..].chars().next();
            if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            out.push((
                "technical-token-translated",
                at,
                certain(&format!(
                    "\"{x}\" is the parameter \"{w}\" with its dash parted from its name: the reader types two words; keep \"{w}\""
                )),
            ));
            return;
        }
    }
}

/// A language's or a library's name written with signs (`C++/WinRT`,
/// `C++17`, `C#`), broken in the translation (`C++(WinRT)`, `C + + 17`,
/// `C++の … 11/WinRT`): no translation writes these names otherwise.
fn signed_names(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let mut masked = s.inl.cursor();
    for &(at, w) in &s.words {
        let w = w.trim_end_matches(['.', ',', ':', ';', ')']);
        let w = w.trim_start_matches('(');
        let signed = (w.starts_with("C++") || w.starts_with("C#") || w.starts_with("F#"))
            && w.len() > 2
            && w[2..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/#".contains(c));
        if !signed || masked.at(at) || t.text.contains(w) {
            continue;
        }
        let head = &w[..2];
        let at = t.text.find(head).unwrap_or(0);
        out.push((
            "product-name-altered",
            at,
            format!(
                "the name \"{w}\" is not in the translation as written: broken, spaced or torn apart; a name is kept whole; suggested fix: \"{w}\""
            ),
        ));
        return;
    }
}

/// A literal the source quotes (`"a$a"`, `'!1'`, `"2+2"`), with a sign
/// in it, written by the translation with spaces or full-width signs in it
/// (`"a $ a"`, `"！ 1"`): the result the page shows no longer matches.
fn spaced_literals(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    static QUOTED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let quoted =
        QUOTED.get_or_init(|| regex::Regex::new(r#""([^"\s]{2,30})"|'([^'\s]{2,30})'"#).unwrap());
    // Full-width signs read as theirs.
    let narrow: String = t
        .text
        .chars()
        .map(|c| match c {
            '！' => '!',
            '，' => ',',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '＄' => '$',
            '＋' => '+',
            c => c,
        })
        .collect();
    for c in quoted.captures_iter(s.text) {
        let Some(lit) = c.get(1).or_else(|| c.get(2)).map(|m| m.as_str()) else {
            continue;
        };
        let signed =
            lit.chars().any(|c| !c.is_alphanumeric()) && lit.chars().any(char::is_alphanumeric);
        if !signed || t.text.contains(lit) {
            continue;
        }
        let pattern: String = lit
            .chars()
            .map(|c| regex::escape(&c.to_string()))
            .collect::<Vec<_>>()
            .join("[ \u{a0}]*");
        let Ok(re) = regex::Regex::new(&pattern) else {
            continue;
        };
        if let Some(m) = re.find(&narrow) {
            // An offset of the translation's own text (full-width signs are
            // longer): where the literal starts, near enough.
            let at = t
                .text
                .char_indices()
                .nth(narrow[..m.start()].chars().count())
                .map_or(0, |(i, _)| i);
            out.push((
                "technical-token-translated",
                at,
                certain(&format!(
                    "\"{}\" is the source's literal \"{lit}\" with spaces or full-width signs put in: what the page shows no longer matches; keep \"{lit}\"",
                    clip(m.as_str(), 40)
                )),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    fn found(tr: &str, src: &str) -> usize {
        run_rule(spaced_tokens, tr, src).len()
    }

    #[test]
    fn a_cells_reference_spaced() {
        assert_eq!(found("Sheet. 8! FillForegnd", "Sheet.8!FillForegnd"), 1);
        assert_eq!(found("Sheet.8!FillForegnd", "Sheet.8!FillForegnd"), 0);
    }

    #[test]
    fn a_name_with_signs_broken() {
        assert_eq!(found("C++(WinRT) を選択します", "Select (C++/WinRT)."), 1);
        assert_eq!(found("符合C + + 17", "conforms to C++17"), 1);
        assert_eq!(found("C++/WinRT を使います", "Use C++/WinRT."), 0);
        assert_eq!(found("使用 C# 和 F#", "Use C# and F#."), 0);
    }

    #[test]
    fn a_dash_parted_from_its_parameter() {
        assert_eq!(found("– EnableSync를 사용합니다", "Use –EnableSync."), 1);
        assert_eq!(found("- Path パラメーター", "the -Path parameter"), 1);
        assert_eq!(found("-Path パラメーター", "the -Path parameter"), 0);
        // A dash of the prose before a word is no parameter's.
        assert_eq!(found("A - B", "A -B test"), 0);
    }

    #[test]
    fn tokens_spaced_out() {
        assert_eq!(
            found(
                "путь SQLSERVER: \\ SQL \\ ComputerName",
                "the path SQLSERVER:\\SQL\\ComputerName"
            ),
            1
        );
        assert_eq!(found("종결자 ' \\ 0 '입니다", "the terminator '\\0'"), 1);
        assert_eq!(
            found(
                "[ICorProfilerInfo5:: SetEventMask2](x.md) を参照",
                "See [ICorProfilerInfo5::SetEventMask2](x.md)."
            ),
            1
        );
        // A reference link left unresolved, a member cut after its first
        // letter.
        assert_eq!(
            found(
                "llamando al método [System. Management. Automation. cmdlet. WriteError][] y",
                "by calling the [System.Management.Automation.Cmdlet.WriteError][] method"
            ),
            1
        );
        assert_eq!(
            found(
                "[ICorProfilerCallback9::D ynamicmethodunloaded](x.md)",
                "[ICorProfilerCallback9::DynamicMethodUnloaded](x.md)"
            ),
            1
        );
        assert_eq!(found("compile el archivo. RC", "compile the .rc file"), 1);
        assert_eq!(
            found(
                "план **litwareinc: ENTERPRISEPACK**",
                "the **litwareinc:ENTERPRISEPACK** plan"
            ),
            1
        );
        // Literals the source quotes, spaced out or given full-width signs.
        assert_eq!(found("结果为 \"a $ a\"", "The result is \"a$a\""), 1);
        assert_eq!(found("结果为 \"！ 1\"", "The result is \"!1\""), 1);
        assert_eq!(found("结果为 \"a$a\"", "The result is \"a$a\""), 0);
        assert_eq!(found("el valor \"Hola\"", "the value \"Hello\""), 0);
        assert_eq!(found("path C:\\Temp.", "path C:\\Temp."), 0);
        // A sentence's stop after a token is no sign of it.
        assert_eq!(found("ruta C:\\Temp .", "path C:\\Temp."), 0);
    }
}
