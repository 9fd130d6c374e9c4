//! A command's exit code and output against what the guide expects, as the
//! plan compiled it, and what a stale transcript should say now (`--update`).

use doccheck_guide::compile;
use doccheck_guide::model::expect::{Matcher, Values};
use doccheck_guide::model::Behaviour;
use doccheck_guide::transcript::{Command, Status as Expected};

use crate::failure::Failure;
use crate::matching::{self, exact::printed, expected::Line, expected::Read};

/// How a command's expected lines are compared: the step's behaviour, the
/// run's values, and the lines (interpolated, when the command has `$NAME`s).
pub(super) struct Expectations<'a> {
    pub behaviour: &'a Behaviour,
    pub values: Values<'a>,
    /// The command's expected lines as compared, when it has any.
    pub lines: Option<&'a [Matcher]>,
}

impl Expectations<'_> {
    fn compare<'o>(&self, output: &'o str) -> Option<(Vec<Line<'_>>, Read<'o>)> {
        let patterns = self
            .lines?
            .iter()
            .map(|m| Line::new(m, &self.values))
            .collect();
        Some((patterns, Read::new(output, self.behaviour.lines)))
    }
}

/// Exit code and output against what the guide expects.
pub(super) fn judge(
    command: &Command,
    code: i32,
    expected: Expected,
    output: &str,
    expectations: &Expectations,
) -> Option<Failure> {
    let exit_failure = (!expected.accepts(code)).then_some(Failure::ExitCode { code, expected });
    if expectations.behaviour.exit_first && exit_failure.is_some() {
        return exit_failure;
    }
    let compared = expectations.compare(output);
    let verdict = match &compared {
        Some((lines, actual)) => matching::compare(lines, actual),
        None => Ok(true),
    };
    let diff = match (verdict, compared) {
        (Err(why), _) => {
            let line = command
                .expected
                .as_ref()
                .and_then(|lines| lines.get(why.line))
                .map_or(command.line, |l| l.line);
            return Some(Failure::Ambiguous {
                code,
                expected,
                line,
                budget: why.budget,
            });
        }
        (Ok(true), _) | (_, None) => None,
        (Ok(false), Some((lines, actual))) => {
            let mut diff = matching::diff(&lines, &actual);
            // A last line's missing newline is a mark, not text to show.
            for line in &mut diff {
                line.text = printed(&line.text).0.to_string();
            }
            Some(diff)
        }
    };
    match diff {
        Some(diff) => Some(Failure::Output {
            code,
            expected,
            diff,
        }),
        None => exit_failure,
    }
}

/// What a transcript command that failed its expectations should say now.
/// `command` is as the guide has it (an interpolated line's `$NAME` kept).
pub(super) fn update(
    command: &Command,
    code: i32,
    expected: Expected,
    output: &str,
    expectations: &Expectations,
) -> Option<crate::events::Update> {
    let written = command.expected_text()?;
    let (patterns, actual) = expectations.compare(output)?;
    let lines = (matching::compare(&patterns, &actual) == Ok(false)).then(|| {
        matching::updated(&written, &patterns, &actual, |l| {
            let (line, no_eol) = printed(l);
            compile::written(expectations.behaviour.lines, line, no_eol)
        })
    });
    let exit = (!expected.accepts(code)).then_some(code);
    (lines.is_some() || exit.is_some()).then_some(crate::events::Update { lines, exit })
}
