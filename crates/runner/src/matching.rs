//! Expected output against actual output, with trycmd/snapbox wildcards:
//! `[..]` inside a line matches any text on that line, and `...` alone on a
//! line matches any number of lines (none included). Matching first
//! normalizes, then compares; the diff is an alignment computed with the same
//! line rule, so what `...` and `[..]` account for is shown as context, never
//! as a difference.

/// One line of a diff of expected (`-`) against actual (`+`) output; ` ` is context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub tag: char,
    pub text: String,
}

/// Trailing whitespace, `\r` and trailing blank lines never count.
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

fn is_any_lines(pattern: &str) -> bool {
    pattern.trim() == "..."
}

/// An expected line: plain text with `[..]` and `...`, or one whose named
/// substitutions (`[VERSION]`) made it a regex.
pub trait Pattern {
    /// As written, with literal substitutions made.
    fn text(&self) -> &str;
    fn matches_line(&self, actual: &str) -> bool {
        line_matches(self.text(), actual)
    }
    fn any_lines(&self) -> bool {
        is_any_lines(self.text())
    }
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
}

impl Pattern for Substituted {
    fn text(&self) -> &str {
        &self.text
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
            return Substituted { text, regex: None };
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
        Substituted { text, regex }
    }
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
///
/// The classic wildcard walk with `...` as the star: on a mismatch it resumes
/// after the last `...`, one actual line further. At most O(expected ×
/// actual) line comparisons, linear on ordinary transcripts.
pub fn matches<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> bool {
    let (mut e, mut a) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while a < actual.len() {
        if e < expected.len() && expected[e].any_lines() {
            star = Some((e, a));
            e += 1;
        } else if e < expected.len() && expected[e].matches_line(actual[a].as_ref()) {
            e += 1;
            a += 1;
        } else if let Some((s, mark)) = star {
            e = s + 1;
            a = mark + 1;
            star = Some((s, mark + 1));
        } else {
            return false;
        }
    }
    expected[e..].iter().all(|p| p.any_lines())
}

/// Above this many cells the alignment falls back to a plain line diff.
const MAX_ALIGNMENT_CELLS: usize = 4_000_000;

/// One place of an alignment of expected against actual lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aligned {
    /// An expected line kept: one that matched its actual line, or a `...`.
    Kept(usize),
    /// An expected line no actual line matches.
    Missing(usize),
    /// An actual line nothing expected accounts for.
    Unexpected(usize),
    /// An actual line a `...` accounts for.
    Absorbed(usize),
}

/// The alignment with the fewest unmatched lines, where a `...` takes any run
/// of actual lines; `None` when the outputs are too long to align.
pub fn align<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> Option<Vec<Aligned>> {
    let (m, n) = (expected.len(), actual.len());
    if (m + 1).saturating_mul(n + 1) > MAX_ALIGNMENT_CELLS {
        return None;
    }
    // cost[i][j]: fewest unmatched lines aligning expected[i..] with actual[j..].
    let width = n + 1;
    let mut cost = vec![0u32; (m + 1) * width];
    for i in (0..=m).rev() {
        for j in (0..=n).rev() {
            let at = i * width + j;
            cost[at] = if i == m {
                (n - j) as u32
            } else if expected[i].any_lines() {
                let skip = cost[(i + 1) * width + j];
                if j < n {
                    skip.min(cost[at + 1])
                } else {
                    skip
                }
            } else if j == n {
                cost[(i + 1) * width + j] + 1
            } else {
                let mut best = (cost[(i + 1) * width + j] + 1).min(cost[at + 1] + 1);
                if expected[i].matches_line(actual[j].as_ref()) {
                    best = best.min(cost[(i + 1) * width + j + 1]);
                }
                best
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < m || j < n {
        let here = cost[i * width + j];
        if i < m && expected[i].any_lines() {
            // Lazily: a `...` takes a line only when what follows cannot.
            if cost[(i + 1) * width + j] == here || j == n {
                out.push(Aligned::Kept(i));
                i += 1;
            } else {
                out.push(Aligned::Absorbed(j));
                j += 1;
            }
        } else if i < m
            && j < n
            && expected[i].matches_line(actual[j].as_ref())
            && cost[(i + 1) * width + j + 1] == here
        {
            out.push(Aligned::Kept(i));
            i += 1;
            j += 1;
        } else if i < m && cost[(i + 1) * width + j] + 1 == here {
            out.push(Aligned::Missing(i));
            i += 1;
        } else {
            out.push(Aligned::Unexpected(j));
            j += 1;
        }
    }
    Some(out)
}

/// A diff of expected against actual: the fewest `-` and `+` lines, where a
/// `[..]` line that matches is shown as written and the lines a `...` took
/// are shown as context.
pub fn diff<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> Vec<DiffLine> {
    let Some(alignment) = align(expected, actual) else {
        return plain_diff(expected, actual);
    };
    let line = |tag, text: &str| DiffLine {
        tag,
        text: text.to_string(),
    };
    alignment
        .into_iter()
        .filter_map(|a| match a {
            Aligned::Kept(i) if expected[i].any_lines() => None,
            Aligned::Kept(i) => Some(line(' ', expected[i].text())),
            Aligned::Absorbed(j) => Some(line(' ', actual[j].as_ref())),
            Aligned::Missing(i) => Some(line('-', expected[i].text())),
            Aligned::Unexpected(j) => Some(line('+', actual[j].as_ref())),
        })
        .collect()
}

/// What the expected output should say now: lines that still match (a
/// `[..]` line, a `...`) stay as `written`; the others give way to the actual
/// lines. `written[i]` is expected line `i` as the guide has it.
pub fn updated<E: Pattern, A: AsRef<str>>(
    written: &[&str],
    expected: &[E],
    actual: &[A],
) -> Vec<String> {
    match align(expected, actual) {
        Some(alignment) => alignment
            .into_iter()
            .filter_map(|a| match a {
                Aligned::Kept(i) => Some(written[i].to_string()),
                Aligned::Unexpected(j) => Some(actual[j].as_ref().to_string()),
                Aligned::Missing(_) | Aligned::Absorbed(_) => None,
            })
            .collect(),
        None => actual.iter().map(|l| l.as_ref().to_string()).collect(),
    }
}

/// For outputs too long to align: a line diff of the texts.
fn plain_diff<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> Vec<DiffLine> {
    let old: Vec<&str> = expected.iter().map(|l| l.text()).collect();
    let new: Vec<&str> = actual.iter().map(|l| l.as_ref()).collect();
    similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new)
        .iter()
        .flat_map(|op| op.iter_changes(&old, &new))
        .map(|c| DiffLine {
            tag: match c.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => ' ',
            },
            text: c.value().to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
