//! `...` matching against long output, timed against a baseline measured in
//! the same run: comparing the same output line by line without wildcards.
//! Then the shape, 80,000 lines of output against 2,000 `...` pairs,
//! passing, failing (with the diff a failing step computes) and a
//! pathological expectation whose lines fit partly almost everywhere.
//!
//!     cargo bench --bench matching
//!
//! Prints medians of 15 runs (5 for the 80,000-line shapes) and their ratio
//! to the baseline; asserts nothing.

use std::time::{Duration, Instant};

use doccheck_runner::matching;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(f: impl Fn() -> bool) -> (Duration, bool) {
    time_n(15, f)
}

fn time_n(runs: usize, f: impl Fn() -> bool) -> (Duration, bool) {
    let mut samples = Vec::new();
    let mut result = false;
    for _ in 0..runs {
        let started = Instant::now();
        result = f();
        samples.push(started.elapsed());
    }
    (median(samples), result)
}

fn main() {
    const LINES: usize = 100_000;
    const WILDCARDS: usize = 100;
    let actual: Vec<String> = (0..LINES)
        .map(|i| {
            if i % (LINES / WILDCARDS) == LINES / WILDCARDS - 1 {
                format!("marker {}", i / (LINES / WILDCARDS))
            } else {
                format!("build output line {i}")
            }
        })
        .collect();
    let mut expected: Vec<String> = Vec::new();
    for k in 0..WILDCARDS {
        expected.push("...".into());
        expected.push(format!("marker {k}"));
    }
    // The same expectation whose last marker never comes: the walk retries
    // after every `...` before it gives up.
    let mut missing = expected.clone();
    *missing.last_mut().expect("markers") = "marker that never comes".into();
    let exact = actual.clone();

    let (baseline, same) = time(|| matching::matches(&exact, &actual));
    let (passing, matched) = time(|| matching::matches(&expected, &actual));
    let (failing, failed_match) = time(|| matching::matches(&missing, &actual));
    assert!(
        same && matched && !failed_match,
        "the benchmark's inputs are wrong"
    );
    let ratio = |d: Duration| d.as_secs_f64() / baseline.as_secs_f64();
    println!("{WILDCARDS} `...` lines against {LINES} lines of output (medians of 15 runs)");
    println!(
        "  baseline, {LINES} exact lines:   {:>8.2} ms",
        baseline.as_secs_f64() * 1e3
    );
    println!(
        "  {WILDCARDS} `...`, matching:         {:>8.2} ms  ({:.2}x the baseline)",
        passing.as_secs_f64() * 1e3,
        ratio(passing)
    );
    println!(
        "  {WILDCARDS} `...`, last line missing: {:>8.2} ms  ({:.2}x the baseline)",
        failing.as_secs_f64() * 1e3,
        ratio(failing)
    );
    let (diffing, _) = time(|| !matching::diff(&missing[..20], &actual[..20_000]).is_empty());
    println!(
        "  diff of 10 `...` against 20000 lines: {:>6.2} ms",
        diffing.as_secs_f64() * 1e3
    );
    many_pairs();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// 80,000 lines against 2,000 `...`/line pairs.
fn many_pairs() {
    const LINES: usize = 80_000;
    const PAIRS: usize = 2_000;
    let every = LINES / PAIRS;
    let actual: Vec<String> = (0..LINES)
        .map(|i| match i % every == every - 1 {
            true => format!("step {} done", i / every),
            false => format!("compiling unit {i}"),
        })
        .collect();
    let mut expected: Vec<String> = Vec::new();
    for k in 0..PAIRS {
        expected.push("...".into());
        expected.push(format!("step {k} done"));
    }
    let mut missing = expected.clone();
    missing[PAIRS] = "a step that never comes".into();
    // Each pattern line fits every output line but the last: every place
    // is tried with all of them before the next.
    let mut ambiguous: Vec<String> = vec!["...".into()];
    ambiguous.extend((0..PAIRS).map(|_| "[..]".to_string()));
    ambiguous.push("never".into());
    ambiguous.push("...".into());
    let exact = actual.clone();
    let (baseline, same) = time_n(5, || matching::matches(&exact, &actual));
    let (passing, matched) = time_n(5, || matching::matches(&expected, &actual));
    let (failing, failed_match) = time_n(5, || matching::matches(&missing, &actual));
    let (diffing, _) = time_n(5, || !matching::diff(&missing, &actual).is_empty());
    let (pathological, _) = time_n(5, || matching::matches(&ambiguous, &actual));
    assert!(
        same && matched && !failed_match,
        "the benchmark's inputs are wrong"
    );
    let ratio = |d: Duration| d.as_secs_f64() / baseline.as_secs_f64();
    println!("{PAIRS} `...` pairs against {LINES} lines of output (medians of 5 runs)");
    println!(
        "  baseline, {LINES} exact lines:      {:>9.2} ms",
        ms(baseline)
    );
    for (what, d) in [
        ("matching", passing),
        ("a line in the middle missing", failing),
        ("the failing one's diff", diffing),
        (
            "`...`, 2000 `[..]`, a missing line (pathological)",
            pathological,
        ),
    ] {
        println!(
            "  {what}: {:>9.2} ms  ({:.1}x the baseline)",
            ms(d),
            ratio(d)
        );
    }
}
