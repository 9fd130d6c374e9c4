//! The benchmark script still runs: `benches/run.py --quick` (N=10, two runs,
//! 20 guides, no Docker) against this build. Its figures are not checked:
//! speed is measured by the benchmark itself, never asserted in tests. Slow
//! (about 30 s): nextest runs it in a group of its own, in the `ci` profile only.

#[test]
fn the_benchmark_runs_in_quick_mode() {
    let work = tempfile::Builder::new()
        .prefix("dcbench-")
        .tempdir()
        .unwrap();
    let report = work.path().join("report.md");
    let out = std::process::Command::new("python3")
        .arg(crate::test::repo().join("benches/run.py"))
        .args(["--quick", "--doccheck", crate::test::doccheck_binary()])
        .arg("--work")
        .arg(work.path())
        .arg("--out")
        .arg(&report)
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "benches/run.py --quick failed: {}\n{stderr}",
        out.status
    );
    let text = std::fs::read_to_string(&report).expect("the report is written");
    assert!(text.contains("## a. N shell steps"), "{text}");
    assert!(
        text.contains("| doccheck |"),
        "doccheck was measured: {text}"
    );
}

/// Runs `benches/SCRIPT --quick` against this build; its stdout.
fn quick(script: &str) -> String {
    let out = std::process::Command::new("python3")
        .arg(crate::test::repo().join("benches").join(script))
        .args(["--quick", "--doccheck", crate::test::doccheck_binary()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "benches/{script} --quick failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The cache and shards benchmark still runs (`benches/cache.py --quick`,
/// 20 guides, one round); its figures are printed, not checked, but what it
/// asserts of the runs (a warm cache runs nothing) holds.
#[test]
fn the_cache_benchmark_runs_in_quick_mode() {
    let stdout = quick("cache.py");
    assert!(stdout.contains("| prose only | 0 [] | 0 [] |"), "{stdout}");
    assert!(
        stdout.contains("| one command | 1 ['docs/g007.md'] | 1 ['docs/g007.md'] |"),
        "{stdout}"
    );
}

/// The contributor's-loop benchmark still runs (`benches/loop.py --quick`:
/// one round, no Docker); its figures are printed, not checked, but what it
/// asserts of the runs holds: `--resume` goes on from block 9, `--watch`
/// gives a verdict after a save.
#[test]
fn the_loop_benchmark_runs_in_quick_mode() {
    let stdout = quick("loop.py");
    assert!(
        stdout.contains("| `--watch`: save to verdict |"),
        "{stdout}"
    );
}
