//! The plan's compiled expected lines as [`Pattern`]s, with the run's
//! values in (`[ROOT]`, `[CWD]`), and a command's output read as the plan
//! says ([`Read`]). Whatever dialect wrote a line, it comes here as a rule.

use std::borrow::Cow;

use doccheck_guide::compile;
use doccheck_guide::model::expect::{fill, Eol, Matcher, Rule, Values};
use doccheck_guide::model::OutputLines;

use super::exact::{self, printed};
use super::lines::{Actual, Normalized};
use super::{line_matches, Pattern, Quantity};

/// An expected line ready to be matched.
#[derive(Debug, Clone)]
pub struct Line<'m> {
    shown: String,
    rule: Cow<'m, Rule>,
    quantity: Quantity,
}

impl<'m> Line<'m> {
    /// `matcher` with `values` in: text filled in, never parsed again.
    pub fn new(matcher: &'m Matcher, values: &Values) -> Line<'m> {
        let rule = match &matcher.rule {
            Rule::RegexWithValues(_) => Cow::Owned(compile::with_values(&matcher.rule, values)),
            rule => Cow::Borrowed(rule),
        };
        Line {
            shown: fill(&matcher.shown, values, str::to_string),
            rule,
            quantity: matcher.quantity,
        }
    }
}

impl Pattern for Line<'_> {
    fn text(&self) -> &str {
        &self.shown
    }

    fn matches_line(&self, actual: &str) -> bool {
        // A last line without its newline carries a mark (exact reading only).
        let (line, no_eol) = printed(actual);
        match self.rule.as_ref() {
            Rule::Wildcards => line_matches(&self.shown, actual),
            Rule::AnyLines => true,
            Rule::Equal { text, eol } => {
                text == line
                    && match eol {
                        Eol::Required => !no_eol,
                        Eol::Forbidden => no_eol,
                        Eol::Either => true,
                    }
            }
            Rule::Regex(re) => re.is_match(line),
            Rule::RegexWithValues(_) | Rule::Nothing => false,
        }
    }

    fn any_lines(&self) -> bool {
        matches!(self.rule.as_ref(), Rule::AnyLines)
    }

    fn quantity(&self) -> Quantity {
        self.quantity
    }
}

/// A command's output read into lines as the plan says, in place.
#[derive(Debug, Clone)]
pub enum Read<'o> {
    Trimmed(Normalized<'o>),
    Exact(exact::Output<'o>),
}

impl<'o> Read<'o> {
    pub fn new(output: &'o str, how: OutputLines) -> Read<'o> {
        match how {
            OutputLines::Trimmed => Read::Trimmed(Normalized::new(output)),
            OutputLines::Exact {
                keep_crlf,
                strip_ansi,
            } => Read::Exact(exact::lines(output, keep_crlf, strip_ansi)),
        }
    }
}

impl Actual for Read<'_> {
    fn line(&self, at: usize) -> Option<(&str, usize)> {
        match self {
            Read::Trimmed(n) => n.line(at),
            Read::Exact(o) => o.line(at),
        }
    }

    fn prev(&self, at: usize) -> Option<usize> {
        match self {
            Read::Trimmed(n) => n.prev(at),
            Read::Exact(o) => o.prev(at),
        }
    }

    fn end(&self) -> usize {
        match self {
            Read::Trimmed(n) => n.end(),
            Read::Exact(o) => o.end(),
        }
    }

    fn count(&self, from: usize, to: usize) -> usize {
        match self {
            Read::Trimmed(n) => n.count(from, to),
            Read::Exact(o) => o.count(from, to),
        }
    }
}
