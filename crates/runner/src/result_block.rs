//! A block's output against its Innovation Engine result block: a regex that
//! must be found in it, or a similarity score that must reach the guide's.
//!
//! The score is Jaro-Winkler similarity (boost above 0.7, prefix of up to
//! four characters), the measure `ie test` computes: IE's expectation spec
//! names Jaro similarity and links Jaro-Winkler, and the thresholds in IE
//! documents were tuned against what `ie test` reports, so the same measure
//! keeps them meaningful. It is 1 only for identical texts, so
//! `expected_similarity=1` asks for the exact output. A `json` result block
//! is compared as JSON with its keys sorted, as IE does, so key order never
//! counts.

use doccheck_guide::result_block::{Expect, ResultBlock};

use crate::failure::Failure;
use crate::matching;

/// The failure, if the block's stdout does not hold what its result block expects.
pub fn judge(result: &ResultBlock, stdout: &str) -> Option<Failure> {
    let actual = stdout.replace("\r\n", "\n");
    let expected = result.content.replace("\r\n", "\n");
    let (actual, expected) = (
        actual.trim_end_matches('\n'),
        expected.trim_end_matches('\n'),
    );
    let failure = |why: String| {
        let e: Vec<&str> = expected.lines().collect();
        let a: Vec<&str> = actual.lines().collect();
        Some(Failure::ResultBlock {
            line: result.line,
            why,
            diff: matching::plain_diff(&e, &a),
        })
    };
    match &result.expect {
        Expect::Regex(re) => (!re.is_match(actual))
            .then(|| failure(format!("the output has no match for /{}/", re.as_str())))?,
        Expect::Similarity(wanted) => {
            let (e, a) = if result.is_json() {
                let Ok(a) = serde_json::from_str::<serde_json::Value>(actual) else {
                    return failure("the output is not JSON, and the result block is".into());
                };
                let e = serde_json::from_str::<serde_json::Value>(expected)
                    .map(|v| v.to_string())
                    .unwrap_or_else(|_| expected.to_string());
                (e, a.to_string())
            } else {
                (expected.to_string(), actual.to_string())
            };
            let score = similarity(&e, &a);
            (score < *wanted).then(|| {
                failure(format!(
                    "the output is {score:.2} similar to the result block (Jaro-Winkler); the guide asks for {wanted}"
                ))
            })?
        }
    }
}

/// Jaro-Winkler similarity, 1 for identical texts.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    strsim::jaro_winkler(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use doccheck_guide::model::expect::Regex;

    fn block(content: &str, lang: &str, expect: Expect) -> ResultBlock {
        ResultBlock {
            line: 12,
            lang: lang.into(),
            content: content.into(),
            expect,
        }
    }

    #[test]
    fn similarity_thresholds() {
        // Innovation Engine's own example: "Hello World" against "Hello world".
        let b = |n| block("Hello world\n", "text", Expect::Similarity(n));
        assert_eq!(judge(&b(0.8), "Hello World\n"), None);
        assert!(judge(&b(1.0), "Hello World\n").is_some());
        assert_eq!(judge(&b(1.0), "Hello world\n"), None);
        assert!(judge(&b(0.9), "Goodbye, moon\n").is_some());
        let score = similarity("Hello world", "Hello World");
        assert!(score > 0.9 && score < 1.0, "{score}");
    }

    #[test]
    fn json_keys_in_any_order() {
        let b = block(
            "{\"name\": \"rg1\", \"location\": \"eastus\"}\n",
            "JSON",
            Expect::Similarity(1.0),
        );
        assert_eq!(
            judge(
                &b,
                "{\n  \"location\": \"eastus\",\n  \"name\": \"rg1\"\n}\n"
            ),
            None
        );
        let Some(Failure::ResultBlock { why, .. }) = judge(&b, "Deployment failed\n") else {
            panic!("not JSON must fail");
        };
        assert!(why.contains("not JSON"), "{why}");
    }

    #[test]
    fn regexes_are_searched_for() {
        let b = block(
            "whatever\n",
            "text",
            Expect::Regex(Regex(regex::Regex::new("Succeeded|Running").unwrap())),
        );
        assert_eq!(judge(&b, "provisioningState: Succeeded\n"), None);
        let Some(Failure::ResultBlock { why, line, .. }) = judge(&b, "Failed\n") else {
            panic!("no match must fail");
        };
        assert_eq!(line, 12);
        assert!(why.contains("/Succeeded|Running/"), "{why}");
    }
}
