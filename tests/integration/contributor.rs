//! The contributor's loop: `--checkpoints` and `--resume` (a fixed guide
//! goes on from its failed block, on the files, variables, functions and
//! directory the blocks before it left), `--shell-at`/`--shell-on-failure`
//! (an interactive bash in that state), with the real binary and bash.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use crate::test::{state_left, Output, Test, STATE_DIR};

/// Step 1 leaves a directory, a file, a variable, a function, an alias and
/// an option, and counts its runs in a file outside the workspace; step 3
/// fails until the guide is fixed.
fn guide(count: &Path, last: &str) -> String {
    format!(
        "# A tutorial\n\nSet up:\n\n```console\n$ echo run >> {count}\n$ mkdir -p app && cd app && echo data > file.txt\n$ export GREETING=hello\n$ greet() {{ echo \"$GREETING, $1\"; }}\n$ alias shout='tr a-z A-Z'\n$ set -o pipefail\n```\n\nUse it:\n\n```console\n$ greet world\nhello, world\n```\n\nLast:\n\n```console\n{last}\n```\n",
        count = count.display()
    )
}

const FAILING: &str = "$ cat missing.txt";
const FIXED: &str = "$ cat file.txt | shout; pwd | sed 's|.*/work/||'; shopt -qo pipefail && echo pipefail-on\nDATA\napp\npipefail-on";

/// Runs doccheck in `test`'s directory with `args`; stdin as given.
fn run(test: &Test, args: &[&str], stdin: &str) -> Output {
    let mut command = test.command();
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("doccheck starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let output = Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code().unwrap_or(-1),
        dir: tempfile::tempdir().unwrap(),
        tmpdir: None,
    };
    assert!(!output.stderr.contains("panicked"), "{}", output.stderr);
    output
}

fn shown(out: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status, out.stdout, out.stderr
    )
}

/// A project with the guide, a private TMPDIR (state directory in it),
/// no arguments of its own.
fn project(last: &str) -> Test {
    let test = Test::new().private_tmpdir().args(&[]);
    let count = test.path("count.txt");
    test.write("g.md", guide(&count, last))
}

fn no_workspace_left(test: &Test) {
    let tmp = test.tmpdir_path().unwrap();
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != STATE_DIR)
        .collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");
    assert!(state_left(&tmp).is_empty(), "{:?}", state_left(&tmp));
}

#[test]
fn a_fixed_guide_resumes_from_its_failed_block_on_the_state_the_blocks_before_left() {
    let test = project(FAILING);
    let first = run(&test, &["g.md", "--checkpoints"], "");
    assert_eq!(first.status, 1, "{}", shown(&first));
    assert!(
        first.stdout.contains("checkpoints kept in"),
        "{}",
        shown(&first)
    );

    std::fs::write(test.path("g.md"), guide(&test.path("count.txt"), FIXED)).unwrap();
    let resumed = run(&test, &["g.md", "--resume", "--html", "r.html"], "");
    assert_eq!(resumed.status, 0, "{}", shown(&resumed));
    let page = std::fs::read_to_string(test.path("r.html")).unwrap();
    assert_eq!(
        page.matches("↺ restored</span>").count(),
        2,
        "the page says which steps were restored"
    );
    for step in ["1", "2"] {
        let line = resumed
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("↺   {step} ")))
            .unwrap_or_else(|| panic!("step {step}: {}", shown(&resumed)));
        assert!(
            line.contains("restored from the checkpoint after step 2 (step 3 changed)"),
            "{}",
            shown(&resumed)
        );
    }
    assert!(
        resumed.stdout.contains("✓   3  g.md:"),
        "{}",
        shown(&resumed)
    );
    let count = std::fs::read_to_string(test.path("count.txt")).unwrap();
    assert_eq!(count, "run\n", "step 1 ran once, not again");
    no_workspace_left(&test);

    // Nothing changed and the last run passed: nothing runs.
    let again = run(&test, &["g.md", "--resume"], "");
    assert_eq!(again.status, 0, "{}", shown(&again));
    assert!(!again.stdout.contains('✓'), "{}", shown(&again));
    // A block edited before the failure: the run goes on from there.
    let edited = guide(&test.path("count.txt"), FIXED).replace(
        "greet world\nhello",
        "greet all\nhello, all\n$ greet world\nhello",
    );
    std::fs::write(test.path("g.md"), edited).unwrap();
    let from_two = run(&test, &["g.md", "--resume"], "");
    assert_eq!(from_two.status, 0, "{}", shown(&from_two));
    assert!(
        from_two.stdout.contains("after step 1 (step 2 changed)"),
        "{}",
        shown(&from_two)
    );
    assert_eq!(
        std::fs::read_to_string(test.path("count.txt")).unwrap(),
        "run\n"
    );
    no_workspace_left(&test);
}

#[test]
fn resume_without_checkpoints_says_how_to_get_them() {
    let test = project(FIXED);
    let out = run(&test, &["g.md", "--resume"], "");
    assert_eq!(out.status, 2, "{}", shown(&out));
    assert!(
        out.stderr
            .contains("no checkpoints of g.md to resume from: run it once with --checkpoints"),
        "{}",
        shown(&out)
    );
}

#[test]
fn the_guides_shell_opens_after_a_step_with_its_state_and_the_run_cleans_up() {
    let test = project(FAILING);
    let typed = "greet shell\nshout <<<quiet\npwd | sed 's|.*/work/||'\ncat file.txt\nexit 3\n";
    let out = run(&test, &["g.md", "--shell-at", "1"], typed);
    assert_eq!(out.status, 0, "{}", shown(&out));
    assert!(
        out.stdout.contains("hello, shell\nQUIET\napp\ndata\n"),
        "{}",
        shown(&out)
    );
    assert!(
        out.stdout
            .contains("not run: the guide's shell was opened after step 1"),
        "{}",
        shown(&out)
    );
    assert!(
        !out.stdout.contains("most of this guide"),
        "{}",
        shown(&out)
    );
    assert!(
        out.stderr.contains("doccheck: g.md after step 1"),
        "{}",
        shown(&out)
    );
    no_workspace_left(&test);
}

#[test]
fn the_guides_shell_opens_at_the_failure() {
    let test = project(FAILING);
    let out = run(
        &test,
        &["g.md", "--shell-on-failure"],
        "ls\necho \"$GREETING\"\n",
    );
    assert_eq!(out.status, 1, "{}", shown(&out));
    assert!(out.stdout.contains("file.txt\nhello\n"), "{}", shown(&out));
    assert!(out.stderr.contains("g.md after step 3"), "{}", shown(&out));
    no_workspace_left(&test);
}

#[test]
fn the_shell_takes_one_guide() {
    let test = project(FIXED).write("h.md", "```sh\ntrue\n```\n");
    let out = run(&test, &["g.md", "h.md", "--shell-on-failure"], "");
    assert_eq!(out.status, 2, "{}", shown(&out));
    assert!(out.stderr.contains("give exactly one"), "{}", shown(&out));
}

/// Lines a child prints on one of its streams, as they come.
fn lines_of(stream: impl std::io::Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stream)
            .lines()
            .map_while(Result::ok)
        {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

/// What came on `lines` until one holds `needle` (a minute at most: a
/// guard for a hung test, not a measure).
fn until(lines: &std::sync::mpsc::Receiver<String>, needle: &str) -> String {
    let mut seen = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        if let Ok(line) = lines.recv_timeout(std::time::Duration::from_millis(100)) {
            seen += &line;
            seen.push('\n');
            if line.contains(needle) {
                return seen;
            }
        }
    }
    panic!("no line with {needle:?} came; what came:\n{seen}");
}

fn drain(lines: &std::sync::mpsc::Receiver<String>) -> String {
    std::thread::sleep(std::time::Duration::from_millis(300));
    lines.try_iter().map(|l| l + "\n").collect()
}

#[test]
fn watch_runs_again_from_the_block_that_changed_and_not_for_prose() {
    let test = project(FIXED);
    let count = test.path("count.txt");
    let mut command = test.command();
    command
        .args(["--watch", "g.md"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let out = lines_of(child.stdout.take().unwrap());
    let err = lines_of(child.stderr.take().unwrap());
    let first = until(&out, "g.md: ok.");
    assert!(first.contains("✓   1  g.md:"), "{first}");
    until(&err, "doccheck --watch: watching");

    let edited = guide(&count, FIXED).replace("greet world\nhello, world", "greet you\nhello, you");
    std::fs::write(test.path("g.md"), &edited).unwrap();
    let second = until(&out, "g.md: ok.");
    assert!(
        second
            .contains("↺   1  g.md:5  restored from the checkpoint after step 1 (step 2 changed)"),
        "{second}"
    );
    assert!(second.contains("✓   2  g.md:16  greet you"), "{second}");
    assert!(second.contains("✓   3  g.md:"), "{second}");
    until(&err, "doccheck --watch: watching");

    // Prose: nothing runs.
    std::fs::write(test.path("g.md"), edited.replace("Use it:", "Now use it:")).unwrap();
    until(&err, "no block changed: nothing to run");
    assert_eq!(drain(&out), "", "no run for a prose edit");

    crate::test::signal(child.id(), libc::SIGINT);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(
        std::fs::read_to_string(&count).unwrap(),
        "run\n",
        "step 1 ran once"
    );
    no_workspace_left(&test);
}

#[test]
fn one_recording_run_of_a_guide_at_a_time() {
    let test = Test::new().private_tmpdir();
    let (started, go) = (test.path("started"), test.path("go"));
    let test = test
        .write(
            "g.md",
            format!(
                "```sh
echo run >> {}
while [ ! -e {} ]; do sleep 0.05; done
```
",
                started.display(),
                go.display()
            ),
        )
        .args(&["g.md", "--checkpoints"]);
    let spawn = || {
        test.command()
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(), spawn());
    // Both are in their first step: each took (or found taken) the store's lock before.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::fs::read_to_string(&started).map_or(0, |t| t.lines().count()) < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "the runs never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::write(&go, "").unwrap();
    let outputs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let stdout: Vec<String> = outputs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .collect();
    let kept = stdout
        .iter()
        .filter(|s| s.contains("checkpoints kept in"))
        .count();
    let refused = stdout
        .iter()
        .filter(|s| s.contains("another doccheck run of this guide keeps checkpoints now"))
        .count();
    assert_eq!((kept, refused), (1, 1), "{stdout:?}");
    assert!(outputs.iter().all(|o| o.status.success()), "{stdout:?}");
    no_workspace_left(&test);
}
