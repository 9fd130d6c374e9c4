//! Innovation Engine's result blocks, from its documentation: a comment
//! `<!-- expected_similarity=0.8 -->` before a fenced block makes that block
//! the expected output (stdout) of the command block before it, compared by a
//! similarity score from 0 (nothing alike) to 1 (identical); written
//! `expected_similarity="regex"`, the output must contain a match instead.

use crate::error::{Error, Location};
use crate::model::expect::Regex;

/// What a result block asks of the output.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// At least this similar (0 to 1; 1 is the same text).
    Similarity(f64),
    /// A regex found somewhere in the output, compiled at load.
    Regex(Regex),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultBlock {
    /// The guide line of the result block's fence.
    pub line: usize,
    /// Its language: a `json` result block is compared as JSON.
    pub lang: String,
    pub content: String,
    pub expect: Expect,
}

impl ResultBlock {
    pub fn is_json(&self) -> bool {
        self.lang.eq_ignore_ascii_case("json")
    }
}

/// The expectation of an HTML comment, if it is an `expected_similarity` one
/// (`inner` is the text between `<!--` and `-->`).
pub fn expectation(inner: &str, at: &Location) -> Result<Option<Expect>, Error> {
    let Some(value) = inner.trim().strip_prefix("expected_similarity") else {
        return Ok(None);
    };
    let Some(value) = value.trim_start().strip_prefix('=') else {
        return Ok(None);
    };
    let value = value.trim();
    if let Some(pattern) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return match regex::Regex::new(pattern) {
            Ok(re) if !pattern.is_empty() => Ok(Some(Expect::Regex(Regex(re)))),
            Ok(_) => Err(Error::guide(
                at.clone(),
                "expected_similarity=\"\" has no regex",
            )),
            Err(e) => Err(Error::guide(
                at.clone(),
                format!(
                    "expected_similarity=\"{pattern}\" is not a regex: {}",
                    e.to_string()
                        .lines()
                        .last()
                        .unwrap_or_default()
                        .trim_start_matches("error: ")
                ),
            )),
        };
    }
    match value.parse::<f64>() {
        Ok(n) if (0.0..=1.0).contains(&n) => Ok(Some(Expect::Similarity(n))),
        _ => Err(Error::guide(
            at.clone(),
            format!("expected_similarity={value} must be a number from 0 to 1 (1: the same text), or a \"regex\""),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::new("g.md", 9, 1)
    }

    #[test]
    fn comments_as_innovation_engine_writes_them() {
        assert_eq!(
            expectation("expected_similarity=0.8", &at()),
            Ok(Some(Expect::Similarity(0.8)))
        );
        assert_eq!(
            expectation(" expected_similarity = 1 ", &at()),
            Ok(Some(Expect::Similarity(1.0)))
        );
        assert_eq!(
            expectation("expected_similarity=\"Hello \\w+\"", &at()),
            Ok(Some(Expect::Regex(Regex(
                regex::Regex::new("Hello \\w+").unwrap()
            ))))
        );
        assert_eq!(expectation("markdownlint-disable", &at()), Ok(None));
        assert_eq!(expectation("expected_similarity_note", &at()), Ok(None));
    }

    #[test]
    fn bad_values_are_errors_at_the_comment() {
        for (inner, says) in [
            ("expected_similarity=9.0", "from 0 to 1"),
            ("expected_similarity=high", "from 0 to 1"),
            ("expected_similarity=\"(\"", "not a regex"),
        ] {
            let e = expectation(inner, &at()).unwrap_err();
            assert!(e.message.contains(says), "{inner}: {}", e.message);
            assert_eq!(e.location, Some(at()));
        }
    }
}
