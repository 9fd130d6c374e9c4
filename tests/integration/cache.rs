//! The verdict cache and `--changed-since`: a guide runs again exactly when
//! something that can change its outcome changed, never for a prose edit,
//! and a failing guide is never taken from the cache.

use std::path::Path;
use std::process::Command;

use crate::test::Test;

const GUIDE: &str = "# Notes\n\nCount the lines:\n\n```console\n$ cat notes.txt | wc -l\n2\n```\n";
const SCENARIO: &str = "guides: [docs/notes.md]\nfixture: fixture\n";

/// A project with a guide, its scenario and fixture, and a configuration.
fn project() -> Test {
    Test::new()
        .write("docs/notes.md", GUIDE)
        .write("scenarios/notes.yaml", SCENARIO)
        .write("scenarios/fixture/notes.txt", "one\ntwo\n")
        .write(".doccheck.yaml", "cache: .doccheck-cache\n")
}

/// Runs doccheck in `dir`, returning its stdout; `status` is the exit code expected.
fn doccheck(dir: &Path, args: &[&str], env: &[(&str, &str)], status: i32) -> String {
    let mut command = Command::new(crate::test::doccheck_binary());
    command
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(status),
        "{args:?}\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn cached(stdout: &str) -> bool {
    stdout.contains(": cached. ")
}

#[test]
fn a_passing_guide_is_cached_until_something_that_matters_changes() {
    let test = project();
    let dir = test.path("");
    let run = |env: &[(&str, &str)]| doccheck(&dir, &["docs/notes.md"], env, 0);
    assert!(!cached(&run(&[])), "the first run runs");
    let second = run(&[]);
    assert!(cached(&second), "{second}");
    crate::test::assert_matches(
        "a cached run",
        "docs/notes.md: cached. 1 steps passed in an earlier run with the same key ([..]); [..]s saved\n",
        &second,
        &second,
    );

    // Prose changes no key.
    let edit = |path: &str, text: &str| std::fs::write(dir.join(path), text).unwrap();
    edit(
        "docs/notes.md",
        &GUIDE.replace(
            "Count the lines:",
            "Now count the lines of the file:\n\nIt has two.",
        ),
    );
    assert!(cached(&run(&[])), "a prose edit reruns nothing");

    // Each of these does, and the run after it is cached again.
    let changes: Vec<(&str, &str, String)> = vec![
        (
            "the guide's code",
            "docs/notes.md",
            GUIDE.replace("wc -l", "wc -l "),
        ),
        (
            "the scenario",
            "scenarios/notes.yaml",
            format!("{SCENARIO}timeout: 1m\n"),
        ),
        (
            "a fixture file",
            "scenarios/fixture/notes.txt",
            "one\ntwo!\n".to_string(),
        ),
        (
            "a new fixture file",
            "scenarios/fixture/.hidden",
            "x".to_string(),
        ),
        (
            "the configuration",
            ".doccheck.yaml",
            "cache: .doccheck-cache\ntimeout: 3m\n".to_string(),
        ),
    ];
    for (what, path, text) in changes {
        edit(path, &text);
        assert!(!cached(&run(&[])), "{what} changed: the guide runs");
        assert!(cached(&run(&[])), "{what}: cached again");
    }

    // Variables passed through and declared tool versions are part of the key.
    edit(
        ".doccheck.yaml",
        "cache: .doccheck-cache\npass-env: [NOTES_MODE]\ntool-versions: ['cat tool-version']\n",
    );
    edit("tool-version", "1.0\n");
    assert!(!cached(&run(&[("NOTES_MODE", "a")])));
    assert!(cached(&run(&[("NOTES_MODE", "a")])));
    assert!(
        !cached(&run(&[("NOTES_MODE", "b")])),
        "a variable passed through changed"
    );
    assert!(cached(&run(&[("NOTES_MODE", "b")])));
    edit("tool-version", "1.1\n");
    assert!(
        !cached(&run(&[("NOTES_MODE", "b")])),
        "a tool's version changed"
    );
    // --var values too.
    let var = |v: &str| {
        doccheck(
            &dir,
            &["docs/notes.md", "--var", &format!("LEVEL={v}")],
            &[("NOTES_MODE", "b")],
            0,
        )
    };
    assert!(!cached(&var("1")));
    assert!(cached(&var("1")));
    assert!(!cached(&var("2")), "a --var value changed");

    // --no-cache runs it, whatever is kept.
    let out = doccheck(
        &dir,
        &["docs/notes.md", "--no-cache"],
        &[("NOTES_MODE", "b")],
        0,
    );
    assert!(!cached(&out), "{out}");
}

#[test]
fn a_failing_guide_is_never_cached() {
    let test = Test::new().write("g.md", "```console\n$ echo yes\nno\n```\n");
    let dir = test.path("");
    for _ in 0..2 {
        let out = doccheck(&dir, &["g.md", "--cache", "c"], &[], 1);
        assert!(out.contains("g.md: FAILED"), "{out}");
    }
    let kept = std::fs::read_dir(dir.join("c"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(kept, 0, "nothing kept for a failing guide");
}

#[test]
fn a_cached_guide_is_a_passing_suite_with_a_property_in_junit() {
    let test = Test::new().write("g.md", "```sh\ntrue\n```\n\n```text\nnot run\n```\n");
    let dir = test.path("");
    doccheck(&dir, &["g.md", "--cache", "c"], &[], 0);
    doccheck(
        &dir,
        &["g.md", "--cache", "c", "--junit", "out.xml"],
        &[],
        0,
    );
    let xml = std::fs::read_to_string(dir.join("out.xml")).unwrap();
    assert!(
        xml.contains("<property name=\"doccheck.cached\" value=\"true\"/>"),
        "{xml}"
    );
    assert!(
        xml.contains("tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\""),
        "{xml}"
    );
    crate::test::assert_valid_junit(&dir.join("out.xml"));
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn changed_since_runs_what_a_change_touches_and_nothing_else() {
    let test = project()
        .write("docs/prose.md", "# Prose\n\nText.\n\n```sh\ntrue\n```\n")
        .write("docs/code.md", "```sh\necho one\n```\n")
        .write("docs/steady.md", "```sh\ntrue\n```\n");
    let dir = test.path("");
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "base"]);
    std::fs::write(
        dir.join("docs/prose.md"),
        "# Prose, edited\n\nNew words.\n\n```sh\ntrue\n```\n",
    )
    .unwrap();
    std::fs::write(dir.join("docs/code.md"), "```sh\necho two\n```\n").unwrap();
    std::fs::write(dir.join("scenarios/fixture/notes.txt"), "one\nTWO\n").unwrap();
    std::fs::write(dir.join("docs/new.md"), "```sh\ntrue\n```\n").unwrap();
    let out = doccheck(&dir, &["docs", "--list", "--changed-since", "main"], &[], 0);
    crate::test::assert_matches(
        "--changed-since main --list",
        "docs/code.md  1 steps\ndocs/new.md  1 steps\ndocs/notes.md  1 steps  [scenarios/notes.yaml]\n3 guides, 0 with nothing to run\n",
        &out,
        &out,
    );
    // Committed, the same edits are no change since HEAD.
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "edits"]);
    let out = doccheck(&dir, &["docs", "--changed-since", "HEAD"], &[], 0);
    assert!(out.is_empty(), "{out}");
    let bad = Command::new(crate::test::doccheck_binary())
        .args(["docs", "--changed-since", "no-such-ref"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "error: --changed-since no-such-ref: no such revision in this repository\n"
    );
}
