//! Expected output against actual output, with trycmd/snapbox wildcards:
//! `[..]` inside a line matches any text on that line, and `...` alone on a line
//! matches any number of lines (none included).

use similar::{ChangeTag, TextDiff};

/// One line of a diff of expected (`-`) against actual (`+`) output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffLine {
    pub tag: char,
    pub text: String,
}

/// Trailing whitespace and trailing blank lines never count.
pub fn normalize(output: &str) -> Vec<String> {
    let mut lines: Vec<String> = output
        .replace("\r\n", "\n")
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

pub fn line_matches(pattern: &str, actual: &str) -> bool {
    let pattern = pattern.trim_end();
    if !pattern.contains("[..]") {
        return pattern == actual;
    }
    let parts: Vec<&str> = pattern.split("[..]").collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first)
        || actual.len() < first.len() + last.len()
        || !actual.ends_with(last)
    {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `actual` lines match the `expected` pattern lines.
pub fn matches(expected: &[String], actual: &[String]) -> bool {
    // Backtracking only at `...` lines, so plain transcripts are linear.
    fn go(e: &[String], a: &[String]) -> bool {
        match e.split_first() {
            None => a.is_empty(),
            Some((p, rest)) if p.trim() == "..." => (0..=a.len()).any(|skip| go(rest, &a[skip..])),
            Some((p, rest)) => a
                .split_first()
                .is_some_and(|(l, a_rest)| line_matches(p, l) && go(rest, a_rest)),
        }
    }
    go(expected, actual)
}

/// A diff of expected against actual. Actual lines that a wildcard line accounts
/// for are shown as that wildcard line, so only real differences stand out.
pub fn diff(expected: &[String], actual: &[String]) -> Vec<DiffLine> {
    let mut shown = Vec::with_capacity(actual.len());
    let mut next_pattern = 0;
    for line in actual {
        let found = expected[next_pattern.min(expected.len())..]
            .iter()
            .position(|p| p.contains("[..]") && line_matches(p, line))
            .map(|i| i + next_pattern);
        match found {
            Some(i) => {
                shown.push(expected[i].clone());
                next_pattern = i + 1;
            }
            None => shown.push(line.clone()),
        }
    }
    let (old, new) = (expected.join("\n") + "\n", shown.join("\n") + "\n");
    let diff = TextDiff::from_lines(&old, &new);
    diff.iter_all_changes()
        .map(|c| DiffLine {
            tag: match c.tag() {
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
                ChangeTag::Equal => ' ',
            },
            text: c.value().trim_end_matches('\n').to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn inline_wildcards() {
        assert!(line_matches(
            "Successfully built [..]",
            "Successfully built 1a2b3c"
        ));
        assert!(line_matches(
            "[..] -> [..]/published/",
            "  StockData -> /src/published/"
        ));
        assert!(line_matches("a[..]", "a"));
        assert!(!line_matches("Successfully built [..]", "Step 1/2"));
        assert!(!line_matches("ab[..]ba", "aba"));
        assert!(!line_matches("exact", "exact but longer"));
    }

    #[test]
    fn line_wildcards() {
        assert!(matches(
            &v(&["start", "...", "end"]),
            &v(&["start", "x", "y", "end"])
        ));
        assert!(matches(&v(&["start", "...", "end"]), &v(&["start", "end"])));
        assert!(matches(&v(&["..."]), &v(&[])));
        assert!(!matches(&v(&["start", "...", "end"]), &v(&["start", "x"])));
        assert!(!matches(&v(&["a"]), &v(&["a", "b"])));
        assert!(matches(&v(&[]), &v(&[])));
    }

    #[test]
    fn normalize_drops_trailing_space_and_blank_lines() {
        assert_eq!(normalize("a  \r\nb\n\n\n"), v(&["a", "b"]));
        assert!(normalize("").is_empty());
    }

    #[test]
    fn diff_hides_lines_a_wildcard_accounts_for() {
        let d = diff(&v(&["id [..]", "hello"]), &v(&["id 42", "hullo"]));
        let changed: Vec<_> = d
            .iter()
            .filter(|l| l.tag != ' ')
            .map(|l| format!("{}{}", l.tag, l.text))
            .collect();
        assert_eq!(changed, ["-hello", "+hullo"]);
    }
}
