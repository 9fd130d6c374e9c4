use super::*;

#[test]
fn output_in_many_reads_and_what_follows_a_marker_are_kept_apart() {
    let dir = tempfile::tempdir().unwrap();
    let control = tempfile::tempdir().unwrap();
    let mut shell = Shell::start(dir.path(), control.path(), &[], None).unwrap();
    let interrupt = Interrupt::new();
    let timeout = Duration::from_secs(60);
    // Several pipe reads, with a partial marker written just before the real one.
    let (ending, output) = shell.run(
        "head -c 3000000 /dev/zero | tr '\\0' a; printf '__doccheck_'",
        timeout,
        &interrupt,
    );
    assert_eq!(ending, Ending::Exited(0));
    assert_eq!(output.len(), 3_000_011);
    assert!(output.ends_with("a__doccheck_"));
    let (ending, output) = shell.run("echo next", timeout, &interrupt);
    assert_eq!((ending, output.as_str()), (Ending::Exited(0), "next\n"));
}
