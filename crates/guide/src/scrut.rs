//! scrut's markdown format, from scrut's documentation: a ```` ```scrut ````
//! block is a test case (`$ ` and `> ` lines, then one output expectation per
//! line, then `[N]` for an exit code other than 0), each expectation a line of
//! text with an optional rule suffix: ` (equal)`/` (eq)`, ` (no-eol)`,
//! ` (escaped)`/` (esc)`, ` (glob)`/` (gl)`, ` (regex)`/` (re)`, each with an
//! optional quantifier `?`, `*` or `+` (` (glob+)`, or ` (*)` alone for equal).
//! How a case runs (fence `{...}`, the document's front matter) is [`case`].

pub mod case;

/// What an expectation line compares with an output line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The line as written.
    Equal,
    /// The line as written, and the output ends without a newline.
    NoEol,
    /// The line with `\t`, `\xAB` and the like decoded.
    Escaped,
    /// `*` any text, `?` one character.
    Glob,
    /// Decoded as escaped, then a glob.
    EscapedGlob,
    /// A regex that must match the whole line.
    Regex,
}

/// How many output lines an expectation accounts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    One,
    /// `?`: zero or one.
    Optional,
    /// `*`: any number, none included.
    Any,
    /// `+`: at least one.
    OneOrMore,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub kind: Kind,
    pub quantifier: Quantifier,
    /// The text before the rule suffix.
    pub text: String,
}

/// Reads one expectation line. Only the last ` (...)` is a rule, so
/// `Hello (equal) (equal)` expects `Hello (equal)`; `(escaped)` may precede
/// a glob rule (`foo\t* (escaped) (glob+)`).
pub fn expectation(line: &str) -> Expectation {
    let plain = Expectation {
        kind: Kind::Equal,
        quantifier: Quantifier::One,
        text: line.to_string(),
    };
    let Some((text, kind, quantifier)) = suffix(line) else {
        return plain;
    };
    let kind = match (kind, suffix(text)) {
        (Kind::Glob, Some((inner, Kind::Escaped, Quantifier::One))) => {
            return Expectation {
                kind: Kind::EscapedGlob,
                quantifier,
                text: inner.to_string(),
            }
        }
        (kind, _) => kind,
    };
    Expectation {
        kind,
        quantifier,
        text: text.to_string(),
    }
}

/// `text (mod)` → text, kind and quantifier, if `mod` is one of scrut's.
fn suffix(line: &str) -> Option<(&str, Kind, Quantifier)> {
    let inner = line.strip_suffix(')')?;
    let open = inner.rfind(" (")?;
    let (text, rule) = (&inner[..open], &inner[open + 2..]);
    let (name, quantifier) = match rule.chars().last()? {
        '?' => (&rule[..rule.len() - 1], Quantifier::Optional),
        '*' => (&rule[..rule.len() - 1], Quantifier::Any),
        '+' => (&rule[..rule.len() - 1], Quantifier::OneOrMore),
        _ => (rule, Quantifier::One),
    };
    let kind = match name {
        "" if quantifier != Quantifier::One => Kind::Equal,
        "equal" | "eq" => Kind::Equal,
        "no-eol" => Kind::NoEol,
        "escaped" | "esc" => Kind::Escaped,
        "glob" | "gl" => Kind::Glob,
        "regex" | "re" => Kind::Regex,
        _ => return None,
    };
    Some((text, kind, quantifier))
}

/// A regex expectation as the regex scrut makes of it: escapes the regex
/// syntax does not know dropped (`\_` is `_`, `\<` is `<`), braces that are
/// no repetition (`{"key": 1}`, `{2,}`) literal, square brackets inside a
/// class literal (`[[]]`), then written between `^` and `$` (as is: in
/// `a|b` each side is anchored at one end only, as in scrut).
pub fn regex_source(text: &str) -> String {
    let text = known_escapes_only(text);
    let text = literal_braces(&text);
    let text = literal_brackets_in_classes(&text);
    format!("^{text}$")
}

/// `\X` kept where X is regex syntax or a letter (`\d`, `\.`), else X alone.
fn known_escapes_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(next) => {
                if "[]{}()|?*+-.^$\\".contains(next) || next.is_ascii_alphabetic() {
                    out.push('\\');
                }
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Braces escaped unless they are a repetition `{N}` or `{N,M}`.
fn literal_braces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                out.push('\\');
                if let Some(&next) = chars.get(i + 1) {
                    out.push(next);
                }
                i += 2;
                continue;
            }
            '{' => {
                let end = chars[i + 1..].iter().position(|&c| c == '}');
                let body: Option<String> = end.map(|e| chars[i + 1..i + 1 + e].iter().collect());
                let repetition = body.as_deref().is_some_and(|b| {
                    let (min, max) = b.split_once(',').unwrap_or((b, "0"));
                    !min.is_empty()
                        && !max.is_empty()
                        && min.chars().all(|c| c.is_ascii_digit())
                        && max.chars().all(|c| c.is_ascii_digit())
                });
                match (repetition, body) {
                    (true, Some(body)) => {
                        out.push('{');
                        out.push_str(&body);
                        out.push('}');
                        i += body.chars().count() + 2;
                        continue;
                    }
                    _ => out.push_str("\\{"),
                }
            }
            '}' => out.push_str("\\}"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// `[` inside a character class, and a `]` that another one follows
/// before the class could end, escaped: `[[]]` is the class of `[` and `]`.
fn literal_brackets_in_classes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Whether the `]` at `at` is the last `]` before the next unescaped `[`.
    let closes = |at: usize| {
        let mut j = at + 1;
        while j < chars.len() {
            if chars[j - 1] != '\\' {
                match chars[j] {
                    ']' => return false,
                    '[' => return true,
                    _ => {}
                }
            }
            j += 1;
        }
        true
    };
    let mut out = String::with_capacity(text.len());
    let (mut i, mut in_class) = (0, false);
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                out.push('\\');
                if let Some(&next) = chars.get(i + 1) {
                    out.push(next);
                }
                i += 2;
                continue;
            }
            '[' if in_class => out.push_str("\\["),
            '[' => {
                in_class = true;
                out.push('[');
            }
            ']' if in_class && closes(i) => {
                in_class = false;
                out.push(']');
            }
            ']' => out.push_str("\\]"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// `\t`, `\r`, `\n`, `\e`, `\a`, `\b`, `\f`, `\v`, `\\` and `\xAB` decoded;
/// bytes from `\x` that form UTF-8 together (`\xc3\xa9`) make one character.
pub fn unescape(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.peek().copied() {
            Some('t') => bytes.push(b'\t'),
            Some('r') => bytes.push(b'\r'),
            Some('n') => bytes.push(b'\n'),
            Some('e') => bytes.push(0x1b),
            Some('a') => bytes.push(0x07),
            Some('b') => bytes.push(0x08),
            Some('f') => bytes.push(0x0c),
            Some('v') => bytes.push(0x0b),
            Some('\\') => bytes.push(b'\\'),
            Some('x') => {
                let hex: String = chars.clone().skip(1).take(2).collect();
                match u8::from_str_radix(&hex, 16) {
                    Ok(byte) if hex.len() == 2 => {
                        bytes.push(byte);
                        chars.next();
                        chars.next();
                    }
                    _ => {
                        bytes.push(b'\\');
                        continue;
                    }
                }
            }
            _ => {
                bytes.push(b'\\');
                continue;
            }
        }
        chars.next();
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A line of output as a scrut expectation that matches it: as is, or with
/// its control characters escaped, or marked `(equal)` when it would read
/// as a rule, and `(no-eol)` for a last line without a newline.
pub fn expectation_for(actual: &str, no_eol: bool) -> String {
    let needs_escape = actual.chars().any(|c| c.is_control());
    if needs_escape {
        let mut out = String::new();
        for c in actual.chars() {
            match c {
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                }
                c => out.push(c),
            }
        }
        return format!("{out} (escaped)");
    }
    if no_eol {
        return format!("{actual} (no-eol)");
    }
    if suffix(actual).is_some() {
        return format!("{actual} (equal)");
    }
    actual.to_string()
}

/// `[N]` → N: the exit code line of a test case.
pub fn exit_line(line: &str) -> Option<i32> {
    line.trim()
        .strip_prefix('[')?
        .strip_suffix(']')?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(line: &str) -> (Kind, Quantifier, String) {
        let e = expectation(line);
        (e.kind, e.quantifier, e.text)
    }

    #[test]
    fn rules_and_quantifiers_as_scrut_documents_them() {
        use Kind::*;
        use Quantifier::*;
        assert_eq!(rule("Hello"), (Equal, One, "Hello".into()));
        assert_eq!(rule("Hello (equal)"), (Equal, One, "Hello".into()));
        assert_eq!(rule("Hello (eq+)"), (Equal, OneOrMore, "Hello".into()));
        assert_eq!(rule("Hello (?)"), (Equal, Optional, "Hello".into()));
        assert_eq!(rule("Hello (*)"), (Equal, Any, "Hello".into()));
        assert_eq!(rule("Hello (no-eol)"), (NoEol, One, "Hello".into()));
        assert_eq!(rule("*Hello* (glob*)"), (Glob, Any, "*Hello*".into()));
        assert_eq!(rule("Hello? (gl)"), (Glob, One, "Hello?".into()));
        assert_eq!(
            rule("jq-1\\.\\d+ (regex)"),
            (Regex, One, "jq-1\\.\\d+".into())
        );
        assert_eq!(
            rule(".*Hello.* (re+)"),
            (Regex, OneOrMore, ".*Hello.*".into())
        );
        assert_eq!(rule("a\\tb (esc?)"), (Escaped, Optional, "a\\tb".into()));
        assert_eq!(
            rule("foo\\t* (escaped) (glob+)"),
            (EscapedGlob, OneOrMore, "foo\\t*".into())
        );
        // Only the last suffix is a rule; anything else is text.
        assert_eq!(
            rule("Hello (equal) (equal)"),
            (Equal, One, "Hello (equal)".into())
        );
        assert_eq!(rule("f(x)"), (Equal, One, "f(x)".into()));
        assert_eq!(rule("see (below)"), (Equal, One, "see (below)".into()));
        assert_eq!(rule("(glob)"), (Equal, One, "(glob)".into()));
    }

    #[test]
    fn braces_that_are_not_repetitions_are_literal() {
        let matches =
            |re: &str, line: &str| regex::Regex::new(&regex_source(re)).unwrap().is_match(line);
        assert!(matches(r#"{"i am": "json"}"#, r#"{"i am": "json"}"#));
        assert!(matches("a{5}", "aaaaa"));
        assert!(matches("a{2,3}b{1,2}", "aaabb"));
        // As scrut reads it: `{2,}` is no repetition of its, so literal.
        assert!(matches("a{2,}", "a{2,}"));
        // Escapes regex syntax does not know are the character alone.
        assert!(matches(r#"a \"thing\""#, r#"a "thing""#));
        assert!(matches(r"foo\_bar \<b\>", "foo_bar <b>"));
        assert!(matches(r"f\[x\] \d+", "f[x] 42"));
        // Square brackets inside a class.
        assert!(matches("f[[]]o", "f[o") && matches("f[[]]o", "f]o"));
        assert!(matches("f[x[]o", "f[o"));
        assert!(matches(r"x\{y\}", "x{y}"));
        assert!(matches("[{}]+", "{}"));
        assert!(matches("f{oo", "f{oo"));
        assert!(!matches("foo", "foo bar"));
        // Anchored as scrut anchors it: `^` and `$` around the text as written.
        assert!(matches("(a|)|(b)", "anything"));
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape("a\\tb"), "a\tb");
        assert_eq!(unescape("\\x1b[1mBar\\x1b[0m"), "\x1b[1mBar\x1b[0m");
        assert_eq!(unescape("caf\\xc3\\xa9"), "café");
        assert_eq!(unescape("foo\\x00bar"), "foo\0bar");
        assert_eq!(unescape("\\e[1m\\a\\b\\f\\v"), "\x1b[1m\x07\x08\x0c\x0b");
        assert_eq!(unescape("back\\\\slash \\q \\x4"), "back\\slash \\q \\x4");
    }

    #[test]
    fn expectations_written_for_output() {
        assert_eq!(expectation_for("plain", false), "plain");
        assert_eq!(expectation_for("plain", true), "plain (no-eol)");
        assert_eq!(expectation_for("a\tb", false), "a\\tb (escaped)");
        assert_eq!(expectation_for("\x1b[1mx", false), "\\x1b[1mx (escaped)");
        assert_eq!(expectation_for("x (glob)", false), "x (glob) (equal)");
        for line in ["a\tb", "\x1b[31mred", "x (re)", "tail"] {
            let written = expectation_for(line, false);
            let e = expectation(&written);
            let decoded = match e.kind {
                Kind::Escaped => unescape(&e.text),
                _ => e.text.clone(),
            };
            assert_eq!(decoded, line, "{written}");
        }
    }

    #[test]
    fn exit_code_lines() {
        assert_eq!(exit_line("[2]"), Some(2));
        assert_eq!(exit_line("[0]"), Some(0));
        assert_eq!(exit_line("[x]"), None);
        assert_eq!(exit_line("[..]"), None);
    }
}
