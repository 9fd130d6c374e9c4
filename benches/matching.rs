//! `...` matching against long output, timed against a baseline measured in
//! the same run: comparing the same output line by line without wildcards.
//!
//!     cargo bench --bench matching
//!
//! Prints medians of 15 runs and their ratio to the baseline; asserts nothing.

use std::time::{Duration, Instant};

use doccheck_runner::matching;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(f: impl Fn() -> bool) -> (Duration, bool) {
    let mut samples = Vec::new();
    let mut result = false;
    for _ in 0..15 {
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
}
