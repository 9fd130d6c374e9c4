//! Expected output against actual output, with trycmd/snapbox wildcards:
//! `[..]` inside a line matches any text on that line, and `...` alone on a
//! line matches any number of lines (none included). Matching first
//! normalizes, then compares; the diff is an alignment computed with the same
//! line rule, so what `...` and `[..]` account for is shown as context, never
//! as a difference. Each expected line stands for one output line, or (scrut's
//! quantifiers, [`Quantity`]) for zero or one, or any number of them.

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
/// Lines that are each one line or a `...` take the classic wildcard walk
/// with `...` as the star: on a mismatch it resumes after the last `...`, one
/// actual line further. Quantified lines (scrut's) take a walk of all the
/// places the expected output can be at, at once. Either way at most
/// O(expected × actual) line comparisons, linear on ordinary transcripts.
pub fn matches<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> bool {
    let simple = expected
        .iter()
        .all(|e| e.any_lines() || e.quantity() == Quantity::One);
    if !simple {
        return matches_quantified(expected, actual);
    }
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

/// The set of slots the expected output can be at after each actual line.
fn matches_quantified<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> bool {
    let slots = slots(expected);
    let close = |at: &mut Vec<bool>| {
        for k in 0..slots.len() {
            if at[k] && slots[k].times != Times::Once {
                at[k + 1] = true;
            }
        }
    };
    let mut at = vec![false; slots.len() + 1];
    at[0] = true;
    close(&mut at);
    for line in actual {
        let mut next = vec![false; slots.len() + 1];
        for (k, slot) in slots.iter().enumerate() {
            let e = &expected[slot.line];
            if at[k] && (e.any_lines() || e.matches_line(line.as_ref())) {
                match slot.times {
                    Times::Many => next[k] = true,
                    _ => next[k + 1] = true,
                }
            }
        }
        close(&mut next);
        if !next.contains(&true) {
            return false;
        }
        at = next;
    }
    at[slots.len()]
}

/// Above this many cells the alignment falls back to a plain line diff.
const MAX_ALIGNMENT_CELLS: usize = 4_000_000;

/// One place of an alignment of expected against actual lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aligned {
    /// An expected line that matched its actual line.
    Kept(usize),
    /// An expected line that holds with no line of its own: a `...` or a
    /// quantified line, after the lines it took, or an optional one unused.
    Passed(usize),
    /// An expected line no actual line matches.
    Missing(usize),
    /// An actual line nothing expected accounts for.
    Unexpected(usize),
    /// An actual line a `...` or a quantified line accounts for.
    Absorbed(usize),
}

/// The alignment with the fewest unmatched lines, where a `...` takes any run
/// of actual lines and a quantified line as many as it allows; `None` when
/// the outputs are too long to align.
pub fn align<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> Option<Vec<Aligned>> {
    let slots = slots(expected);
    let (m, n) = (slots.len(), actual.len());
    if (m + 1).saturating_mul(n + 1) > MAX_ALIGNMENT_CELLS {
        return None;
    }
    let fits = |k: usize, j: usize| {
        let e = &expected[slots[k].line];
        e.any_lines() || e.matches_line(actual[j].as_ref())
    };
    // cost[k][j]: fewest unmatched lines aligning slots[k..] with actual[j..].
    let width = n + 1;
    let mut cost = vec![0u32; (m + 1) * width];
    for k in (0..=m).rev() {
        for j in (0..=n).rev() {
            let at = k * width + j;
            cost[at] = if k == m {
                (n - j) as u32
            } else {
                let next = cost[(k + 1) * width + j];
                let mut best = match slots[k].times {
                    Times::Once => next + 1,
                    Times::Maybe | Times::Many => next,
                };
                if j < n {
                    best = best.min(cost[at + 1] + 1);
                    if fits(k, j) {
                        best = best.min(match slots[k].times {
                            Times::Many => cost[at + 1],
                            _ => cost[(k + 1) * width + j + 1],
                        });
                    }
                }
                best
            };
        }
    }
    let mut out = Vec::new();
    let (mut k, mut j) = (0, 0);
    while k < m || j < n {
        let here = cost[k * width + j];
        if k == m {
            out.push(Aligned::Unexpected(j));
            j += 1;
            continue;
        }
        let line = slots[k].line;
        let next = cost[(k + 1) * width + j];
        let fits_here = j < n && fits(k, j);
        match slots[k].times {
            // Lazily: a `...` takes a line only when what follows cannot.
            Times::Many if next == here => {
                out.push(Aligned::Passed(line));
                k += 1;
            }
            Times::Many if fits_here && cost[k * width + j + 1] == here => {
                out.push(Aligned::Absorbed(j));
                j += 1;
            }
            _ if slots[k].times != Times::Many
                && fits_here
                && cost[(k + 1) * width + j + 1] == here =>
            {
                out.push(Aligned::Kept(line));
                k += 1;
                j += 1;
            }
            Times::Maybe if next == here => {
                out.push(Aligned::Passed(line));
                k += 1;
            }
            Times::Once if next + 1 == here => {
                out.push(Aligned::Missing(line));
                k += 1;
            }
            _ => {
                out.push(Aligned::Unexpected(j));
                j += 1;
            }
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
            Aligned::Passed(_) => None,
            Aligned::Kept(i) => Some(line(' ', expected[i].text())),
            Aligned::Absorbed(j) => Some(line(' ', actual[j].as_ref())),
            Aligned::Missing(i) => Some(line('-', expected[i].text())),
            Aligned::Unexpected(j) => Some(line('+', actual[j].as_ref())),
        })
        .collect()
}

/// What the expected output should say now: lines that still match (a
/// `[..]` line, a `...`, a quantified line) stay as `written`; the others
/// give way to the actual lines, each as `write` renders it. `written[i]` is
/// expected line `i` as the guide has it.
pub fn updated<E: Pattern, A: AsRef<str>>(
    written: &[&str],
    expected: &[E],
    actual: &[A],
    write: impl Fn(&str) -> String,
) -> Vec<String> {
    let Some(alignment) = align(expected, actual) else {
        return actual.iter().map(|l| write(l.as_ref())).collect();
    };
    let mut out = Vec::new();
    // A `+` line holds in two places (its first line, then the rest): it is
    // written once, and not at all when its first line is missing.
    let mut seen = None;
    for a in alignment {
        match a {
            Aligned::Kept(i) | Aligned::Passed(i) if seen != Some(i) => {
                out.push(written[i].to_string());
                seen = Some(i);
            }
            Aligned::Missing(i) => seen = Some(i),
            Aligned::Unexpected(j) => out.push(write(actual[j].as_ref())),
            _ => {}
        }
    }
    out
}

/// A line diff of the texts (for outputs too long to align, and result blocks).
pub fn plain_diff<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> Vec<DiffLine> {
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

pub mod scrut;
#[cfg(test)]
mod tests;
