//! Expected output against actual output, with trycmd/snapbox wildcards:
//! `[..]` inside a line matches any text on that line, and `...` alone on a
//! line matches any number of lines (none included). Each expected line
//! stands for one output line, or (scrut's quantifiers, [`Quantity`]) for
//! zero or one, or any number of them. The lines come compiled from the
//! plan ([`expected`]); nothing here knows which dialect wrote them. An
//! output is read in place, line by line ([`lines`]; [`exact`]: whole lines,
//! as scrut reads them); the match ([`walk`]) is one pass over it for
//! ordinary transcripts and gives up, saying so, past a budget of
//! comparisons; the [`diff`] is an alignment computed with the same line
//! rule, bounded for long outputs.

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

pub use doccheck_guide::model::expect::Quantity;

/// An expected line: plain text with `[..]` and `...`, or a line the plan
/// compiled ([`expected::Line`]).
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
pub mod exact;
pub mod expected;
pub mod lines;
#[cfg(test)]
mod tests;
pub mod walk;

pub use diff::{align, diff, plain_diff, updated, Aligned};
pub use lines::{Actual, Normalized};
pub use walk::{compare, TooAmbiguous};
