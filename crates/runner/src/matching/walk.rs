//! Whether output lines match expected lines, in one pass over the output
//! for ordinary transcripts and within a budget of comparisons otherwise.
//!
//! Without quantified lines, the expected output is runs of lines between
//! `...`s, as a glob is literal runs between `*`s: the first run is anchored
//! at the first line, the last at the last line, and each run between is
//! placed at the earliest place it fits, which leaves the most room for the
//! rest (so the match is exact, not a heuristic). A run that fits partly at
//! many places is where the work can grow, with the run's length: every
//! comparison beyond the first at each place is counted against [`BUDGET`].
//! Quantified lines (scrut's) take a walk of all the places the expected
//! output can be at, at once; more than one place per output line counts
//! against the budget too.

use super::lines::Actual;
use super::{slots, Pattern, Times};

/// Comparisons beyond one per output line and place a match may make
/// before it gives up: seconds of work at most.
pub const BUDGET: u64 = 10_000_000;

/// The expected output lets its lines fit in too many places to decide
/// within [`BUDGET`] comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooAmbiguous {
    /// The expected line (from 0) being placed when the budget ran out.
    pub line: usize,
    pub budget: u64,
}

/// Where a match that failed stopped: the first expected line it could not
/// place (a `...` before a run stands for the run), and the output position
/// from which it was sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    pub expected: usize,
    pub at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    Matched,
    Failed(Stop),
    Ambiguous(TooAmbiguous),
}

/// Whether `actual` matches `expected`; an error when the budget ran out first.
pub fn compare<E: Pattern, L: Actual + ?Sized>(
    expected: &[E],
    actual: &L,
) -> Result<bool, TooAmbiguous> {
    match walk(expected, actual, BUDGET) {
        Walk::Matched => Ok(true),
        Walk::Failed(_) => Ok(false),
        Walk::Ambiguous(why) => Err(why),
    }
}

/// The match, with where it stopped.
pub fn walk<E: Pattern, L: Actual + ?Sized>(expected: &[E], actual: &L, budget: u64) -> Walk {
    let simple = expected
        .iter()
        .all(|e| e.any_lines() || e.quantity() == super::Quantity::One);
    let mut budget = Budget {
        left: budget,
        of: budget,
    };
    match simple {
        true => runs(expected, actual, &mut budget),
        false => quantified(expected, actual, &mut budget),
    }
}

struct Budget {
    left: u64,
    of: u64,
}

impl Budget {
    fn spend(&mut self, n: u64, line: usize) -> Result<(), TooAmbiguous> {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(TooAmbiguous {
                line,
                budget: self.of,
            }),
        }
    }
}

/// Where the run `expected[run]` ends when it starts at `at`, if it fits
/// there with every line before `limit`. Comparisons after the first are
/// spent from `budget`.
fn fits<E: Pattern, L: Actual + ?Sized>(
    expected: &[E],
    run: std::ops::Range<usize>,
    actual: &L,
    mut at: usize,
    limit: usize,
    budget: &mut Budget,
) -> Result<Option<usize>, TooAmbiguous> {
    let first = run.start;
    for i in run {
        if at >= limit {
            return Ok(None);
        }
        let Some((line, next)) = actual.line(at) else {
            return Ok(None);
        };
        if i > first {
            budget.spend(1, first)?;
        }
        if !expected[i].matches_line(line) {
            return Ok(None);
        }
        at = next;
    }
    Ok(Some(at))
}

fn runs<E: Pattern, L: Actual + ?Sized>(expected: &[E], actual: &L, budget: &mut Budget) -> Walk {
    let end = actual.end();
    let failed = |expected: usize, at: usize| Walk::Failed(Stop { expected, at });
    // Anchored runs compare each line once: no budget to speak of.
    let mut free = Budget {
        left: u64::MAX,
        of: u64::MAX,
    };
    let stars: Vec<usize> = (0..expected.len())
        .filter(|&i| expected[i].any_lines())
        .collect();
    if stars.is_empty() {
        // No `...`: line for line, and the output ends with the expectation.
        let (mut i, mut at) = (0, 0);
        while let (Some(e), Some((line, next))) = (expected.get(i), actual.line(at)) {
            if !e.matches_line(line) {
                break;
            }
            (i, at) = (i + 1, next);
        }
        return match i == expected.len() && at == end {
            true => Walk::Matched,
            false => failed(i, at),
        };
    }
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for &star in &stars {
        if start < star {
            runs.push(start..star);
        }
        start = star + 1;
    }
    if start < expected.len() {
        runs.push(start..expected.len());
    }
    let mut runs = runs.as_slice();
    let mut at = 0;
    if let Some(first) = runs.first().filter(|r| r.start == 0) {
        match fits(expected, first.clone(), actual, 0, end, &mut free) {
            Ok(Some(next)) => at = next,
            _ => return failed(0, 0),
        }
        runs = &runs[1..];
    }
    let mut limit = end;
    if let Some(last) = runs.last().filter(|r| r.end == expected.len()) {
        // The last run ends at the last line: it starts as many lines before.
        let mut start = end;
        for _ in last.clone() {
            match actual.prev(start) {
                Some(before) if before >= at => start = before,
                _ => return failed(last.start - 1, at),
            }
        }
        match fits(expected, last.clone(), actual, start, end, &mut free) {
            Ok(Some(_)) => limit = start,
            _ => return failed(last.start - 1, at),
        }
        runs = &runs[..runs.len() - 1];
    }
    for run in runs {
        let mut from = at;
        loop {
            if from >= limit {
                return failed(run.start - 1, at);
            }
            match fits(expected, run.clone(), actual, from, limit, budget) {
                Ok(Some(next)) => {
                    at = next;
                    break;
                }
                Ok(None) => match actual.line(from) {
                    Some((_, next)) => from = next,
                    None => return failed(run.start - 1, at),
                },
                Err(why) => return Walk::Ambiguous(why),
            }
        }
    }
    Walk::Matched
}

/// The set of slots the expected output can be at after each output line,
/// kept as a list (with a mark per slot), so a line costs what the places
/// it can be at cost.
fn quantified<E: Pattern, L: Actual + ?Sized>(
    expected: &[E],
    actual: &L,
    budget: &mut Budget,
) -> Walk {
    let slots = slots(expected);
    let last = slots.len();
    let mut marked = vec![false; last + 1];
    // From each place, the places reachable without taking a line.
    let close = |places: &mut Vec<usize>, marked: &mut Vec<bool>| {
        let mut i = 0;
        while i < places.len() {
            let k = places[i];
            if k < last && slots[k].times != Times::Once && !marked[k + 1] {
                marked[k + 1] = true;
                places.push(k + 1);
            }
            i += 1;
        }
    };
    let mut places = vec![0];
    marked[0] = true;
    close(&mut places, &mut marked);
    let mut next_places = Vec::new();
    let mut at = 0;
    while let Some((line, next)) = actual.line(at) {
        let first = places.iter().min().map_or(last, |&k| k);
        let line_of = |k: usize| slots.get(k).map_or(expected.len(), |s| s.line);
        if let Err(why) = budget.spend(places.len().saturating_sub(1) as u64, line_of(first)) {
            return Walk::Ambiguous(why);
        }
        for &k in &places {
            marked[k] = false;
        }
        next_places.clear();
        for &k in &places {
            let Some(slot) = slots.get(k) else { continue };
            let e = &expected[slot.line];
            if e.any_lines() || e.matches_line(line) {
                let to = match slot.times {
                    Times::Many => k,
                    _ => k + 1,
                };
                if !marked[to] {
                    marked[to] = true;
                    next_places.push(to);
                }
            }
        }
        close(&mut next_places, &mut marked);
        if next_places.is_empty() {
            return Walk::Failed(Stop {
                expected: line_of(first),
                at,
            });
        }
        std::mem::swap(&mut places, &mut next_places);
        at = next;
    }
    match marked[last] {
        true => Walk::Matched,
        false => {
            let first = places.iter().min().map_or(last, |&k| k);
            Walk::Failed(Stop {
                expected: slots.get(first).map_or(expected.len(), |s| s.line),
                at,
            })
        }
    }
}
