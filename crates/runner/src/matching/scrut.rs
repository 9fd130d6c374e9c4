//! scrut's expectation rules as [`Pattern`]s, and a command's output as scrut
//! compares it: whole lines (trailing spaces count), `\r\n` read as `\n`
//! unless the case keeps CRLF, ANSI escapes removed when it asks. No line of
//! output holds a `\n`, so a last line that lacks its newline carries one
//! instead ([`NO_EOL`]): what scrut's `(no-eol)` expects, and an equal line does not.

use doccheck_guide::scrut::case::Case;
use doccheck_guide::scrut::{self, Expectation, Kind, Quantifier};

use std::borrow::Cow;

use super::lines::Actual;
use super::{Pattern, Quantity};

/// What marks the last line of an output that does not end with a newline.
pub const NO_EOL: char = '\n';

/// The line as printed, without the [`NO_EOL`] mark, and whether it had it.
pub fn printed(line: &str) -> (&str, bool) {
    match line.strip_suffix(NO_EOL) {
        Some(text) => (text, true),
        None => (line, false),
    }
}

/// A command's output as scrut's lines, read in place (see [`Actual`]):
/// positions are byte offsets into the output, or into a copy when ANSI
/// escapes are removed.
#[derive(Debug, Clone)]
pub struct Output<'a> {
    text: Cow<'a, str>,
    /// Whether a line's `\r` before its newline is dropped (`\r\n` read as `\n`).
    strip_cr: bool,
    /// The last line with its [`NO_EOL`] mark, when the output lacks a final newline.
    last: Option<String>,
}

/// A command's output as scrut's lines.
pub fn lines<'a>(output: &'a str, case: &Case) -> Output<'a> {
    let (text, strip_cr) = match (case.keep_crlf, case.strip_ansi) {
        (true, true) => (Cow::Owned(strip_ansi(output)), false),
        (false, true) => (Cow::Owned(strip_ansi(&output.replace("\r\n", "\n"))), false),
        (keep, false) => (Cow::Borrowed(output), !keep),
    };
    let last = (!text.is_empty() && !text.ends_with('\n')).then(|| {
        let start = text.rfind('\n').map_or(0, |n| n + 1);
        let mut line = text[start..].to_string();
        line.push(NO_EOL);
        line
    });
    Output {
        text,
        strip_cr,
        last,
    }
}

impl Actual for Output<'_> {
    fn line(&self, at: usize) -> Option<(&str, usize)> {
        if !self.has(at) {
            return None;
        }
        match memchr::memchr(b'\n', &self.text.as_bytes()[at..]) {
            Some(n) => {
                let line = &self.text[at..at + n];
                let line = match self.strip_cr {
                    true => line.strip_suffix('\r').unwrap_or(line),
                    false => line,
                };
                Some((line, at + n + 1))
            }
            None => self.last.as_deref().map(|l| (l, self.end())),
        }
    }

    fn prev(&self, at: usize) -> Option<usize> {
        if at == 0 || !self.has(at - 1) {
            return None;
        }
        let before = (at - 1).min(self.text.len());
        Some(memchr::memrchr(b'\n', &self.text.as_bytes()[..before]).map_or(0, |n| n + 1))
    }

    fn count(&self, from: usize, to: usize) -> usize {
        super::lines::count_in(&self.text, from, to.min(self.end()))
    }

    fn end(&self) -> usize {
        match self.last {
            Some(_) => self.text.len() + 1,
            None => self.text.len(),
        }
    }
}

/// CSI and OSC escape sequences removed (colours, cursor moves, hyperlinks).
fn strip_ansi(text: &str) -> String {
    static ANSI: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = ANSI.get_or_init(|| {
        regex::Regex::new(
            r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]",
        )
        .expect("a valid regex")
    });
    re.replace_all(text, "").into_owned()
}

/// One expectation line of a scrut block.
#[derive(Debug, Clone)]
pub struct ScrutLine {
    written: String,
    rule: Rule,
    quantity: Quantity,
}

#[derive(Debug, Clone)]
enum Rule {
    Equal(String),
    /// Equal, on a last line without a newline.
    NoEol(String),
    /// Equal, with or without a newline (scrut's escaped lines).
    Decoded(String),
    Regex(regex::Regex),
    /// A regex scrut's own engine would reject: it matches nothing.
    Invalid,
}

impl ScrutLine {
    /// `written` is the line as the guide has it.
    pub fn new(written: &str, e: &Expectation) -> ScrutLine {
        let rule = match e.kind {
            Kind::Equal => Rule::Equal(e.text.clone()),
            Kind::NoEol => Rule::NoEol(e.text.clone()),
            Kind::Escaped => Rule::Decoded(scrut::unescape(&e.text)),
            Kind::Glob => glob(&e.text),
            Kind::EscapedGlob => glob(&scrut::unescape(&e.text)),
            Kind::Regex => {
                regex::Regex::new(&scrut::regex_source(&e.text)).map_or(Rule::Invalid, Rule::Regex)
            }
        };
        let quantity = match e.quantifier {
            Quantifier::One => Quantity::One,
            Quantifier::Optional => Quantity::Optional,
            Quantifier::Any => Quantity::Any,
            Quantifier::OneOrMore => Quantity::OneOrMore,
        };
        ScrutLine {
            written: written.to_string(),
            rule,
            quantity,
        }
    }
}

/// `*` any text, `?` one character, everything else literal (scrut's globs
/// have no escapes and no classes).
fn glob(pattern: &str) -> Rule {
    let mut source = String::from("^");
    for c in pattern.chars() {
        match c {
            '*' => source.push_str(".*"),
            '?' => source.push('.'),
            c => source.push_str(&regex::escape(&c.to_string())),
        }
    }
    source.push('$');
    regex::Regex::new(&source).map_or(Rule::Invalid, Rule::Regex)
}

impl Pattern for ScrutLine {
    fn text(&self) -> &str {
        &self.written
    }

    fn matches_line(&self, actual: &str) -> bool {
        let (line, no_eol) = printed(actual);
        match &self.rule {
            Rule::Equal(text) => !no_eol && text == line,
            Rule::NoEol(text) => no_eol && text == line,
            Rule::Decoded(text) => text == line,
            Rule::Regex(re) => re.is_match(line),
            Rule::Invalid => false,
        }
    }

    fn any_lines(&self) -> bool {
        false
    }

    fn quantity(&self) -> Quantity {
        self.quantity
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{diff, matches, updated};

    fn all(output: &str, case: &Case) -> Vec<String> {
        let lines = lines(output, case);
        crate::matching::lines::lines_between(&lines, 0, lines.end())
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    fn block(expected: &[&str], output: &str) -> (Vec<ScrutLine>, Vec<String>) {
        let actual = all(output, &Case::default());
        let patterns = expected
            .iter()
            .map(|l| ScrutLine::new(l, &scrut::expectation(l)))
            .collect();
        (patterns, actual)
    }

    fn passes(expected: &[&str], output: &str) -> bool {
        let (patterns, actual) = block(expected, output);
        matches(&patterns, &actual)
    }

    #[test]
    fn the_examples_of_scruts_documentation() {
        assert!(passes(&["Hello"], "Hello\n"));
        assert!(passes(&["Hello (equal+)"], "Hello\nHello\nHello\n"));
        assert!(passes(&["Hello (no-eol)"], "Hello"));
        assert!(!passes(&["Hello (no-eol)"], "Hello\n"));
        assert!(!passes(&["Hello"], "Hello"));
        assert!(passes(&["a\\tb (escaped)"], "a\tb"));
        assert!(passes(&["Hello* (glob)"], "Hello You\n"));
        assert!(passes(
            &["Hello* (glob+)"],
            "Hello\nHello There\nHello World\n"
        ));
        assert!(passes(&["Hello.+ (regex)"], "Hello You\n"));
        assert!(passes(
            &[".*Hello.* (regex+)"],
            "Hello\nEnding in Hello\nHello Start\n"
        ));
        assert!(passes(
            &["Foo \\x1b[1mBar\\x1b[0m Baz (escaped)"],
            "Foo \x1b[1mBar\x1b[0m Baz\n"
        ));
        assert!(passes(
            &["foo\\t* (escaped) (glob+)", "bar\\tbaz (escaped)"],
            "foo\t1\nfoo\t2\nbar\tbaz\n"
        ));
        assert!(passes(&["Hello (equal) (equal)"], "Hello (equal)\n"));
        // Regexes match whole lines; globs have `?` for one character.
        assert!(!passes(&["Hello (regex)"], "Hello You\n"));
        assert!(passes(&["Hello? (glob)"], "Hello!\n"));
        assert!(!passes(&["Hello? (glob)"], "Hello\n"));
        // Trailing spaces are part of a line; `[..]` and `...` are text.
        assert!(!passes(&["a"], "a \n"));
        assert!(!passes(&["[..]"], "anything\n"));
        assert!(passes(&["..."], "...\n"));
        assert!(!passes(&["bad( (regex)"], "bad(\n"));
        assert!(passes(
            &["{\"i am\": \"json\"} (regex)"],
            "{\"i am\": \"json\"}\n"
        ));
    }

    #[test]
    fn quantifiers() {
        assert!(passes(&["a", "b (?)", "c"], "a\nc\n"));
        assert!(passes(&["a", "b (?)", "c"], "a\nb\nc\n"));
        assert!(!passes(&["a", "b (?)", "c"], "a\nb\nb\nc\n"));
        assert!(passes(&["x* (glob*)"], ""));
        assert!(!passes(&["x* (glob+)"], ""));
        assert!(passes(&["start", "* (glob*)", "end"], "start\n1\n2\nend\n"));
        assert!(passes(&["[0-9]+ (re+)", "done"], "1\n22\ndone\n"));
        assert!(!passes(&["[0-9]+ (re+)", "done"], "1\nx\ndone\n"));
        // Blank lines are expected like any other.
        assert!(passes(&["a", "", "b"], "a\n\nb\n"));
        assert!(!passes(&["a", "b"], "a\n\nb\n"));
    }

    #[test]
    fn diffs_and_updates_keep_what_still_holds() {
        let (patterns, actual) =
            block(&["id: * (glob)", "[0-9]+ (re+)", "end"], "id: 7\n1\n2\nfin");
        assert!(!matches(&patterns, &actual));
        let shown: Vec<String> = diff(&patterns, &actual)
            .iter()
            .map(|l| format!("{}{}", l.tag, printed(&l.text).0))
            .collect();
        assert_eq!(
            shown,
            [" id: * (glob)", " [0-9]+ (re+)", " 2", "-end", "+fin"]
        );
        let written = ["id: * (glob)", "[0-9]+ (re+)", "end"];
        let new = updated(&written, &patterns, &actual, |l| {
            let (line, no_eol) = printed(l);
            scrut::expectation_for(line, no_eol)
        });
        assert_eq!(new, ["id: * (glob)", "[0-9]+ (re+)", "fin (no-eol)"]);
    }

    #[test]
    fn output_lines_as_scrut_reads_them() {
        let case = Case::default();
        assert_eq!(all("a\r\nb\n", &case), ["a", "b"]);
        assert_eq!(all("a", &case), ["a\n"]);
        assert_eq!(all("", &case), Vec::<String>::new());
        assert_eq!(all("a\n\n", &case), ["a", ""]);
        assert_eq!(all("\n", &case), [""]);
        assert_eq!(all("a\r\r\nb\r", &case), ["a\r", "b\r\n"]);
        let output = lines("a\nb\nc", &case);
        let last = output.prev(output.end()).unwrap();
        assert_eq!(output.line(last), Some(("c\n", output.end())));
        assert_eq!(output.prev(last), Some(2));
        assert_eq!(output.count(0, output.end()), 3);
        assert_eq!(output.count(2, last), 1);
        let ended = lines("a\nb\n", &case);
        assert_eq!(ended.count(0, ended.end()), 2);
        let keep = Case {
            keep_crlf: true,
            strip_ansi: true,
            ..Case::default()
        };
        assert_eq!(all("\x1b[31mred\x1b[0m\r\n", &keep), ["red\r"]);
    }
}
