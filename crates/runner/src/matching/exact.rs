//! A command's output read as exact lines (as scrut compares them): whole
//! lines (trailing spaces count), `\r\n` read as `\n` unless CRLF is kept,
//! ANSI escapes removed when asked. No line of output holds a `\n`, so a
//! last line that lacks its newline carries one instead ([`NO_EOL`]): what
//! an expected line that forbids its newline (scrut's `(no-eol)`) wants,
//! and one that requires it does not.

use std::borrow::Cow;

use super::lines::Actual;

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

/// A command's output as exact lines.
pub fn lines(output: &str, keep_crlf: bool, strip_ansi: bool) -> Output<'_> {
    let (text, strip_cr) = match (keep_crlf, strip_ansi) {
        (true, true) => (Cow::Owned(without_ansi(output)), false),
        (false, true) => (
            Cow::Owned(without_ansi(&output.replace("\r\n", "\n"))),
            false,
        ),
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
fn without_ansi(text: &str) -> String {
    static ANSI: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = ANSI.get_or_init(|| {
        regex::Regex::new(
            r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]",
        )
        .expect("a valid regex")
    });
    re.replace_all(text, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::expected::Line;
    use crate::matching::{diff, matches, updated};
    use doccheck_guide::model::expect::{Matcher, Values};
    use doccheck_guide::model::OutputLines;

    #[derive(Default)]
    struct Case {
        keep_crlf: bool,
        strip_ansi: bool,
    }

    fn all(output: &str, case: &Case) -> Vec<String> {
        let lines = lines(output, case.keep_crlf, case.strip_ansi);
        crate::matching::lines::lines_between(&lines, 0, lines.end())
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The lines as the plan compiles a scrut block's (`None`: one it rejects).
    fn compiled(expected: &[&str]) -> Option<Vec<Matcher>> {
        let block = format!("$ true\n{}\n", expected.join("\n"));
        let commands = doccheck_guide::transcript::parse_scrut("t.md", &block, 1).ok()?;
        let lines = commands[0].expected.clone().unwrap_or_default();
        Some(lines.into_iter().map(|l| l.matcher).collect())
    }

    const VALUES: Values = Values { root: "", cwd: "" };

    fn block(expected: &[&str], output: &str) -> (Vec<Matcher>, Vec<String>) {
        (compiled(expected).unwrap(), all(output, &Case::default()))
    }

    fn patterns(matchers: &[Matcher]) -> Vec<Line<'_>> {
        matchers.iter().map(|m| Line::new(m, &VALUES)).collect()
    }

    fn passes(expected: &[&str], output: &str) -> bool {
        let (matchers, actual) = block(expected, output);
        matches(&patterns(&matchers), &actual)
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
        assert!(compiled(&["bad( (regex)"]).is_none());
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
        let (matchers, actual) =
            block(&["id: * (glob)", "[0-9]+ (re+)", "end"], "id: 7\n1\n2\nfin");
        let patterns = patterns(&matchers);
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
            let exact = OutputLines::Exact {
                keep_crlf: false,
                strip_ansi: false,
            };
            doccheck_guide::compile::written(exact, line, no_eol)
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
        let output = lines("a\nb\nc", false, false);
        let last = output.prev(output.end()).unwrap();
        assert_eq!(output.line(last), Some(("c\n", output.end())));
        assert_eq!(output.prev(last), Some(2));
        assert_eq!(output.count(0, output.end()), 3);
        assert_eq!(output.count(2, last), 1);
        let ended = lines("a\nb\n", false, false);
        assert_eq!(ended.count(0, ended.end()), 2);
        let keep = Case {
            keep_crlf: true,
            strip_ansi: true,
        };
        assert_eq!(all("\x1b[31mred\x1b[0m\r\n", &keep), ["red\r"]);
    }
}
