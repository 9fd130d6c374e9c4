//! Expected output against actual output, with trycmd/snapbox wildcards:
//! `[..]` inside a line matches any text on that line, and `...` alone on a
//! line matches any number of lines (none included). Each expected line
//! stands for one output line, or (scrut's quantifiers, [`Quantity`]) for
//! zero or one, or any number of them. An output is read in place, line by
//! line ([`lines`]); the match ([`walk`]) is one pass over it for ordinary
//! transcripts and gives up, saying so, past a budget of comparisons; the
//! [`diff`] is an alignment computed with the same line rule, bounded for
//! long outputs.

/// One line of a diff of expected (`-`) against actual (`+`) output; ` ` is context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub tag: char,
    pub text: String,
}

/// Trailing whitespace, `\r` and trailing blank lines never count (as
/// [`Normalized`] reads an output in place).
pub fn normalize(output: &str) -> Vec<&str> {
    match output.trim_end() {
        "" => Vec::new(),
        text => text.split('\n').map(str::trim_end).collect(),
    }
}

impl DiffLine {
    /// What stands for lines a diff leaves out (`…`, and how many, in `text`).
    pub const CUT: char = '…';

    pub fn cut(text: String) -> DiffLine {
        DiffLine {
            tag: DiffLine::CUT,
            text,
        }
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn is_any_lines(pattern: &str) -> bool {
    pattern.trim() == "..."
}

/// How many output lines an expected line accounts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    One,
    /// Zero or one.
    Optional,
    /// Any number, none included.
    Any,
    /// At least one.
    OneOrMore,
}

/// An expected line: plain text with `[..]` and `...`, one whose named
/// substitutions (`[VERSION]`) made it a regex, or a scrut rule.
pub trait Pattern {
    /// As written, with literal substitutions made.
    fn text(&self) -> &str;
    fn matches_line(&self, actual: &str) -> bool {
        line_matches(self.text(), actual)
    }
    /// A `...`: any lines at all.
    fn any_lines(&self) -> bool {
        is_any_lines(self.text())
    }
    fn quantity(&self) -> Quantity {
        if self.any_lines() {
            Quantity::Any
        } else {
            Quantity::One
        }
    }
}

/// One place of the expected output: expected line `line` once, optionally,
/// or any number of times (a `+` line is one of each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    line: usize,
    times: Times,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Times {
    Once,
    Maybe,
    Many,
}

fn slots<E: Pattern>(expected: &[E]) -> Vec<Slot> {
    let mut out = Vec::with_capacity(expected.len());
    for (line, e) in expected.iter().enumerate() {
        let mut push = |times| out.push(Slot { line, times });
        match e.quantity() {
            Quantity::One => push(Times::Once),
            Quantity::Optional => push(Times::Maybe),
            Quantity::Any => push(Times::Many),
            Quantity::OneOrMore => {
                push(Times::Once);
                push(Times::Many);
            }
        }
    }
    out
}

impl Pattern for &str {
    fn text(&self) -> &str {
        self
    }
}

impl Pattern for String {
    fn text(&self) -> &str {
        self
    }
}

/// The values of trycmd's substitutions in one command's expected output.
#[derive(Debug, Clone, Default)]
pub struct Substitutions {
    /// `[ROOT]`, `[CWD]`, `[EXE]` and their text.
    pub literal: Vec<(String, String)>,
    /// `[VERSION]` and the regex it stands for.
    pub named: Vec<(String, String)>,
}

/// An expected line with its substitutions made.
#[derive(Debug, Clone)]
pub struct Substituted {
    text: String,
    regex: Option<regex::Regex>,
    /// The line may be missing (a `#` line that is output or a comment).
    optional: bool,
}

impl Substituted {
    /// The same line, which the output may lack.
    pub fn optional(mut self, optional: bool) -> Substituted {
        self.optional = optional;
        self
    }
}

impl Pattern for Substituted {
    fn text(&self) -> &str {
        &self.text
    }

    fn quantity(&self) -> Quantity {
        match (self.optional, self.any_lines()) {
            (_, true) => Quantity::Any,
            (true, false) => Quantity::Optional,
            (false, false) => Quantity::One,
        }
    }

    fn matches_line(&self, actual: &str) -> bool {
        match &self.regex {
            Some(regex) => regex.is_match(actual),
            None => line_matches(&self.text, actual),
        }
    }
}

impl Substitutions {
    pub fn apply(&self, line: &str) -> Substituted {
        let mut text = line.trim_end().to_string();
        for (token, value) in &self.literal {
            text = text.replace(token, value);
        }
        let named: Vec<&(String, String)> = self
            .named
            .iter()
            .filter(|(token, _)| text.contains(token.as_str()))
            .collect();
        if named.is_empty() {
            return Substituted {
                text,
                regex: None,
                optional: false,
            };
        }
        // Literal text escaped, `[..]` as `.*`, each name as its regex.
        let mut source = String::from("^");
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let next = named
                .iter()
                .map(|(token, re)| (token.as_str(), format!("(?:{re})")))
                .chain([("[..]", ".*".to_string())])
                .filter_map(|(token, re)| rest.find(token).map(|at| (at, token, re)))
                .min_by_key(|(at, _, _)| *at);
            match next {
                Some((at, token, re)) => {
                    source.push_str(&regex::escape(&rest[..at]));
                    source.push_str(&re);
                    rest = &rest[at + token.len()..];
                }
                None => {
                    source.push_str(&regex::escape(rest));
                    rest = "";
                }
            }
        }
        source.push('$');
        let regex = regex::Regex::new(&source).ok();
        Substituted {
            text,
            regex,
            optional: false,
        }
    }
}

pub fn line_matches(pattern: &str, actual: &str) -> bool {
    let pattern = pattern.trim_end();
    let Some((first, rest)) = pattern.split_once("[..]") else {
        return pattern == actual;
    };
    let (middle, last) = rest.rsplit_once("[..]").unwrap_or(("", rest));
    if !actual.starts_with(first)
        || actual.len() < first.len() + last.len()
        || !actual.ends_with(last)
    {
        return false;
    }
    let mut left = &actual[first.len()..actual.len() - last.len()];
    for part in middle.split("[..]").filter(|p| !p.is_empty()) {
        match left.find(part) {
            Some(at) => left = &left[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `actual` lines match the `expected` pattern lines; `false` too
/// when the expectation is too ambiguous to decide ([`compare`] tells).
pub fn matches<E: Pattern, L: Actual + ?Sized>(expected: &[E], actual: &L) -> bool {
    compare(expected, actual).unwrap_or(false)
}

pub mod diff;
pub mod lines;
pub mod scrut;
#[cfg(test)]
mod tests;
pub mod walk;

pub use diff::{align, diff, plain_diff, updated, Aligned};
pub use lines::{Actual, Normalized};
pub use walk::{compare, TooAmbiguous};
