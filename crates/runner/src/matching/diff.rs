//! Diffs of expected against actual output: an alignment computed with the
//! matching's own line rule, so what `...` and `[..]` account for is shown
//! as context, never as a difference. An output too long to align whole is
//! aligned from where the match stopped, in a window, and the diff says
//! which lines it leaves out: its size and its cost stay bounded whatever
//! the output's.

use super::lines::{self, Actual};
use super::walk::{self, Walk};
use super::{slots, thousands, DiffLine, Pattern, Times};

/// Above this many cells an output is not aligned whole.
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
/// are shown as context. Output too long to align whole gets a bounded
/// diff ([`around_the_stop`]).
pub fn diff<E: Pattern, L: Actual + ?Sized>(expected: &[E], actual: &L) -> Vec<DiffLine> {
    match whole(expected, actual) {
        Some(lines) => {
            let alignment = align(expected, &lines).unwrap_or_default();
            render(expected, &lines, &alignment)
        }
        None => around_the_stop(expected, actual),
    }
}

/// Every actual line, when there are few enough to align with `expected`.
fn whole<'a, E: Pattern, L: Actual + ?Sized>(
    expected: &[E],
    actual: &'a L,
) -> Option<Vec<&'a str>> {
    let n = actual.count(0, actual.end());
    ((slots(expected).len() + 1).saturating_mul(n + 1) <= MAX_ALIGNMENT_CELLS)
        .then(|| lines::take(actual, 0, n).0)
}

fn render<E: Pattern, A: AsRef<str>>(
    expected: &[E],
    actual: &[A],
    alignment: &[Aligned],
) -> Vec<DiffLine> {
    let line = |tag, text: &str| DiffLine {
        tag,
        text: text.to_string(),
    };
    alignment
        .iter()
        .filter_map(|a| match *a {
            Aligned::Passed(_) => None,
            Aligned::Kept(i) => Some(line(' ', expected[i].text())),
            Aligned::Absorbed(j) => Some(line(' ', actual[j].as_ref())),
            Aligned::Missing(i) => Some(line('-', expected[i].text())),
            Aligned::Unexpected(j) => Some(line('+', actual[j].as_ref())),
        })
        .collect()
}

/// Expected and actual lines a bounded diff aligns, at most.
const WINDOW: usize = 1_000;
/// Context lines kept on each side of a change in a bounded diff.
const CONTEXT: usize = 3;
/// Changed lines a bounded diff shows at most.
const CHANGES: usize = 20;

/// The diff of an output too long to align whole: the lines before the
/// place where the match stopped (as expected, so left out), then a window
/// from there aligned, shown up to the end of its first change, then how
/// many lines were not compared.
fn around_the_stop<E: Pattern, L: Actual + ?Sized>(expected: &[E], actual: &L) -> Vec<DiffLine> {
    let stop = match walk::walk(expected, actual, walk::BUDGET) {
        Walk::Failed(stop) => stop,
        Walk::Matched | Walk::Ambiguous(_) => walk::Stop { expected: 0, at: 0 },
    };
    let mut out = Vec::new();
    let before = lines::count(actual, 0, stop.at);
    if before > 0 {
        out.push(DiffLine::cut(format!(
            " {} as expected, not shown",
            lines_of(before, "output ")
        )));
    }
    let rest = &expected[stop.expected..];
    let window = &rest[..rest.len().min(WINDOW)];
    let (lines, _) = lines::take(actual, stop.at, WINDOW);
    let alignment = align(window, &lines).unwrap_or_default();
    let shown = first_change(&alignment);
    let (mut seen_expected, mut seen_actual) = (0, 0);
    for a in &alignment[..shown] {
        match *a {
            Aligned::Kept(i) => (seen_expected, seen_actual) = (i + 1, seen_actual + 1),
            Aligned::Passed(i) | Aligned::Missing(i) => seen_expected = i + 1,
            Aligned::Unexpected(_) | Aligned::Absorbed(_) => seen_actual += 1,
        }
    }
    out.extend(collapse(render(window, &lines, &alignment[..shown])));
    let left_expected = rest.len() - seen_expected;
    let left_actual = lines::count(actual, stop.at, actual.end()) - seen_actual;
    let left = match (left_expected, left_actual) {
        (0, 0) => return out,
        (0, n) => lines_of(n, "output "),
        (n, 0) => lines_of(n, "expected "),
        (e, a) => format!(
            "{} and {}",
            lines_of(e, "expected "),
            lines_of(a, "output ")
        ),
    };
    out.push(DiffLine::cut(format!(" the rest not compared: {left}")));
    out
}

/// How much of an alignment to show: its first change, up to [`CHANGES`]
/// lines of it, and [`CONTEXT`] lines after it (a window's end is no place
/// to judge what follows).
fn first_change(alignment: &[Aligned]) -> usize {
    let changed = |a: &Aligned| matches!(a, Aligned::Missing(_) | Aligned::Unexpected(_));
    let Some(first) = alignment.iter().position(changed) else {
        return alignment.len();
    };
    let (mut context, mut changes) = (0, 0);
    for (i, a) in alignment.iter().enumerate().skip(first) {
        match a {
            Aligned::Passed(_) => {}
            _ if changes == CHANGES => return i,
            a if changed(a) => (context, changes) = (0, changes + 1),
            _ if context == CONTEXT => return i,
            _ => context += 1,
        }
    }
    alignment.len()
}

/// `1 line`, `2,000 lines`.
fn lines_of(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {what}line{s}", thousands(n as u64))
}

/// Runs of context longer than twice [`CONTEXT`] cut to their ends.
fn collapse(diff: Vec<DiffLine>) -> Vec<DiffLine> {
    let mut out = Vec::with_capacity(diff.len());
    let mut run: Vec<DiffLine> = Vec::new();
    let flush = |run: &mut Vec<DiffLine>, out: &mut Vec<DiffLine>, leading: bool| {
        let keep_head = if leading { 0 } else { CONTEXT };
        if run.len() > keep_head + CONTEXT + 1 {
            let cut = run.len() - keep_head - CONTEXT;
            let tail = run.split_off(keep_head + cut);
            run.truncate(keep_head);
            out.append(run);
            out.push(DiffLine::cut(format!(
                " {} as expected, not shown",
                lines_of(cut, "")
            )));
            out.extend(tail);
        } else {
            out.append(run);
        }
    };
    let mut leading = true;
    for line in diff {
        if line.tag == ' ' {
            run.push(line);
            continue;
        }
        flush(&mut run, &mut out, leading);
        leading = false;
        out.push(line);
    }
    out.append(&mut run);
    out
}

/// What the expected output should say now: lines that still match (a
/// `[..]` line, a `...`, a quantified line) stay as `written`; the others
/// give way to the actual lines, each as `write` renders it. `written[i]` is
/// expected line `i` as the guide has it.
pub fn updated<E: Pattern, L: Actual + ?Sized>(
    written: &[&str],
    expected: &[E],
    actual: &L,
    write: impl Fn(&str) -> String,
) -> Vec<String> {
    let Some(lines) = whole(expected, actual) else {
        let every = lines::lines_between(actual, 0, actual.end());
        return every.into_iter().map(write).collect();
    };
    let alignment = align(expected, &lines).unwrap_or_default();
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
            Aligned::Unexpected(j) => out.push(write(lines[j])),
            _ => {}
        }
    }
    out
}

/// Diff lines a plain diff gives at most.
const MAX_PLAIN_LINES: usize = 10_000;

/// A line diff of the texts (result blocks): at most [`MAX_PLAIN_LINES`]
/// lines, and a second's work; Myers' algorithm on longer texts could take
/// hours.
pub fn plain_diff<E: Pattern, A: AsRef<str>>(expected: &[E], actual: &[A]) -> Vec<DiffLine> {
    let old: Vec<&str> = expected.iter().map(|l| l.text()).collect();
    let new: Vec<&str> = actual.iter().map(|l| l.as_ref()).collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    let ops = similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        &old,
        &new,
        Some(deadline),
    );
    let mut out: Vec<DiffLine> = ops
        .iter()
        .flat_map(|op| op.iter_changes(&old, &new))
        .take(MAX_PLAIN_LINES + 1)
        .map(|c| DiffLine {
            tag: match c.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => ' ',
            },
            text: c.value().to_string(),
        })
        .collect();
    if out.len() > MAX_PLAIN_LINES {
        out.truncate(MAX_PLAIN_LINES);
        out.push(DiffLine::cut(format!(
            " the rest not shown: more than {} lines of diff",
            thousands(MAX_PLAIN_LINES as u64)
        )));
    }
    out
}
