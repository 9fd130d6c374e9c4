//! A command's exit code and output against what the guide expects, in
//! the dialect its expectations are written in, and what a stale
//! transcript should say now (`--update`).

use doccheck_guide::transcript::{Command, Status as Expected};

use crate::failure::Failure;
use crate::matching;

/// How a command's expected lines are read: doccheck's conventions with
/// the run's substitutions, or a scrut case's rules.
pub(super) struct Expectations<'a> {
    pub substitutions: &'a matching::Substitutions,
    pub scrut: Option<&'a doccheck_guide::scrut::case::Case>,
}

/// Expected lines, and the output's lines (read in place), as the dialect compares them.
enum Compared<'o> {
    Doccheck(Vec<matching::Substituted>, matching::Normalized<'o>),
    Scrut(Vec<matching::scrut::ScrutLine>, matching::scrut::Output<'o>),
}

impl Expectations<'_> {
    fn compare<'o>(&self, command: &Command, output: &'o str) -> Option<Compared<'o>> {
        let expected = command.expected.as_ref()?;
        Some(match self.scrut {
            None => Compared::Doccheck(
                expected
                    .iter()
                    .map(|l| self.substitutions.apply(&l.text).optional(l.optional))
                    .collect(),
                matching::Normalized::new(output),
            ),
            Some(case) => {
                let actual = matching::scrut::lines(output, case);
                let patterns = expected
                    .iter()
                    .map(|l| {
                        let rule = l
                            .rule
                            .clone()
                            .unwrap_or_else(|| doccheck_guide::scrut::expectation(&l.text));
                        matching::scrut::ScrutLine::new(&l.text, &rule)
                    })
                    .collect();
                Compared::Scrut(patterns, actual)
            }
        })
    }
}

/// Exit code and output against what the guide expects (scrut: exit code first).
pub(super) fn judge(
    command: &Command,
    code: i32,
    expected: Expected,
    output: &str,
    expectations: &Expectations,
) -> Option<Failure> {
    let exit_failure = (!expected.accepts(code)).then_some(Failure::ExitCode { code, expected });
    if expectations.scrut.is_some() && exit_failure.is_some() {
        return exit_failure;
    }
    let compared = expectations.compare(command, output);
    let verdict = match &compared {
        Some(Compared::Doccheck(lines, actual)) => matching::compare(lines, actual),
        Some(Compared::Scrut(lines, actual)) => matching::compare(lines, actual),
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
        (Ok(false), Some(Compared::Doccheck(lines, actual))) => {
            Some(matching::diff(&lines, &actual))
        }
        (Ok(false), Some(Compared::Scrut(lines, actual))) => {
            let mut diff = matching::diff(&lines, &actual);
            for line in &mut diff {
                line.text = matching::scrut::printed(&line.text).0.to_string();
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
pub(super) fn update(
    command: &Command,
    code: i32,
    expected: Expected,
    output: &str,
    expectations: &Expectations,
) -> Option<crate::events::Update> {
    let written = command.expected_text()?;
    let lines = match expectations.compare(command, output)? {
        Compared::Doccheck(patterns, actual) => (matching::compare(&patterns, &actual)
            == Ok(false))
        .then(|| matching::updated(&written, &patterns, &actual, |l| l.to_string())),
        Compared::Scrut(patterns, actual) => (matching::compare(&patterns, &actual) == Ok(false))
            .then(|| {
                matching::updated(&written, &patterns, &actual, |l| {
                    let (line, no_eol) = matching::scrut::printed(l);
                    doccheck_guide::scrut::expectation_for(line, no_eol)
                })
            }),
    };
    let exit = (!expected.accepts(code)).then_some(code);
    (lines.is_some() || exit.is_some()).then_some(crate::events::Update { lines, exit })
}
