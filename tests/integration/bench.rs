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
