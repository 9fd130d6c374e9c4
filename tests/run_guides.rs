//! End to end: small guides of shell steps through the real binary (no Docker).

mod common;
use common::Project;

const PASSING: &str = r#"# A guide

Some prose with `code` and <span data-ttu-id="1">inline HTML</span>.

```console
$ mkdir -p app && cd app
$ export GREETING=hello
$ greet() { echo "$GREETING, $1"; }
```

1. A list with a nested block:

   ```sh
   echo "in $(basename "$PWD")" > where.txt
   ```

> ~~~console
> $ greet world
> hello, world
> $ cat where.txt
> in app
> ~~~

```console
$ printf 'id 42\nline a\nline b\nend\n'
id [..]
...
end
$ false
? 1
```

```dockerfile
FROM scratch
```
"#;

#[test]
fn a_passing_guide_carries_state_from_block_to_block() {
    let p = Project::new();
    p.file("g.md", PASSING);
    let run = p.doccheck(&["g.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    for line in [
        "✓   1  g.md:5",
        "✓   2  g.md:13",
        "✓   3  g.md:17",
        "✓   4  g.md:24",
        "✓   5  g.md:33  write Dockerfile",
    ] {
        assert!(run.stdout.contains(line), "missing {line:?} in {run:?}");
    }
    assert!(
        run.stdout
            .contains("5 steps: 5 passed, 0 failed, 0 skipped, 0 not run"),
        "{run:?}"
    );
}

#[test]
fn a_failing_step_names_its_line_shows_a_diff_and_stops_the_run() {
    let p = Project::new();
    p.file("g.md", "```console\n$ echo one\none\n```\n\n```console\n$ echo ok\nok\n$ echo actual\nexpected\n```\n\n```sh\ntouch never\n```\n");
    let run = p.doccheck(&["g.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("✗   2  g.md:6"), "{run:?}");
    assert!(run.stdout.contains("$ echo actual  (line 9)"), "{run:?}");
    assert!(
        run.stdout.contains("-expected") && run.stdout.contains("+actual"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("·   3  g.md:13  not run: step 2 failed"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("1 passed, 1 failed, 0 skipped, 1 not run"),
        "{run:?}"
    );
}

#[test]
fn exit_codes_are_checked() {
    let p = Project::new();
    p.file("g.md", "```sh\nls /nonexistent-dir\n```\n");
    let run = p.doccheck(&["g.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("exit code 2 (expected 0)"), "{run:?}");
    assert!(
        run.stdout.contains("No such file or directory"),
        "output tail shown: {run:?}"
    );
    p.file(
        "h.md",
        "<!-- doccheck: exit=2 -->\n```sh\nls /nonexistent-dir\n```\n",
    );
    assert_eq!(p.doccheck(&["h.md"]).code, 0);
}

#[test]
fn a_timeout_kills_the_whole_process_group() {
    let p = Project::new();
    let pidfile = p.path("sleeper.pid");
    p.file(
        "g.md",
        format!("```sh timeout=1s\nsleep 300 & echo $! > {}; sleep 200\n```\n\n```sh\necho after\n```\n", pidfile.display()),
    );
    let started = std::time::Instant::now();
    let run = p.doccheck(&["g.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
    assert!(run.stdout.contains("timed out after 1s"), "{run:?}");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    // A killed process may stay a zombie until init reaps it: that is dead too.
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).unwrap_or_default();
    let alive = status
        .lines()
        .any(|l| l.starts_with("State:") && !l.contains("zombie"));
    assert!(!alive, "the background sleep {pid} survived the timeout");
}

#[test]
fn a_command_that_exits_the_shell_fails_its_step() {
    let p = Project::new();
    p.file("g.md", "```sh\nexit 3\n```\n\n```sh\necho after\n```\n");
    let run = p.doccheck(&["g.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("ended the shell session (exit code 3)"),
        "{run:?}"
    );
}

#[test]
fn list_runs_nothing() {
    let p = Project::new();
    let marker = p.path("marker");
    p.file(
        "g.md",
        format!(
            "```sh\ntouch {}\n```\n\n```text\nhi\n```\n",
            marker.display()
        ),
    );
    let run = p.doccheck(&["g.md", "--list"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("  1  g.md:1  touch"), "{run:?}");
    assert!(
        run.stdout.contains("  2  g.md:5  skip: a `text` block"),
        "{run:?}"
    );
    assert!(!marker.exists());
}

#[test]
fn step_selection_still_writes_earlier_files() {
    let p = Project::new();
    let marker = p.path("marker");
    p.file(
        "g.md",
        format!("```text file=data.txt\nfrom the guide\n```\n\n```sh\ntouch {}\n```\n\n```console\n$ cat data.txt\nfrom the guide\n```\n", marker.display()),
    );
    let run = p.doccheck(&["g.md", "--step", "3"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("·   2  g.md:5  not run: not selected"),
        "{run:?}"
    );
    assert!(!marker.exists());
    let run = p.doccheck(&["g.md", "--from", "2"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(marker.exists());
    let run = p.doccheck(&["g.md", "--step", "9"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("there is no step 9: g.md has steps 1 to 3"),
        "{run:?}"
    );
}

#[test]
fn the_workspace_is_removed_unless_kept() {
    let p = Project::new();
    let record = p.path("ws.txt");
    p.file("g.md", format!("```sh\npwd > {}\n```\n", record.display()));
    assert_eq!(p.doccheck(&["g.md"]).code, 0);
    let ws = std::fs::read_to_string(&record).unwrap();
    assert!(ws.contains("doccheck-"), "{ws}");
    assert!(
        !std::path::Path::new(ws.trim()).exists(),
        "workspace {ws} left behind"
    );

    let run = p.doccheck(&["g.md", "--keep"]);
    let ws = std::fs::read_to_string(&record).unwrap();
    assert!(run.stdout.contains("workspace kept at"), "{run:?}");
    assert!(std::path::Path::new(ws.trim()).exists());
    std::fs::remove_dir_all(std::path::Path::new(ws.trim()).parent().unwrap()).unwrap();
}

#[test]
fn json_junit_and_github_annotations() {
    let p = Project::new();
    p.file(
        "g.md",
        "```console\n$ echo a\nb\n```\n\n```text\nskip me\n```\n",
    );
    let run = p.doccheck_env(
        &["g.md", "--format", "json", "--junit", "out.xml"],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(run.code, 1, "{run:?}");
    let json_line = run.stdout.lines().next().unwrap();
    let v: serde_json::Value = serde_json::from_str(json_line).unwrap();
    assert_eq!(v["passed"], false);
    assert_eq!(v["steps"][0]["status"], "failed");
    assert_eq!(v["steps"][0]["line"], 1);
    assert_eq!(v["steps"][0]["commands"][0]["output"], "a\n");
    assert_eq!(v["steps"][1]["status"], "not-run");
    assert_eq!(v["summary"]["failed"], 1);
    assert!(
        run.stdout.contains(
            "::error file=g.md,line=2,col=1,title=doccheck%3A step 1%3A echo a::the output differs"
        ),
        "{run:?}"
    );

    let xml = std::fs::read_to_string(p.path("out.xml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cases, mut failures, mut skipped) = (0, 0, 0);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    b"skipped" => skipped += 1,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!((cases, failures, skipped), (2, 1, 1), "{xml}");
}

#[test]
fn no_colour_when_not_a_terminal_or_no_color() {
    let p = Project::new();
    p.file("g.md", "```console\n$ echo a\nb\n```\n");
    for env in [&[][..], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")][..]] {
        let run = p.doccheck_env(&["g.md"], env);
        assert_eq!(run.code, 1);
        assert!(!run.stdout.contains('\u{1b}'), "escape codes in {run:?}");
    }
}

#[test]
fn ctrl_c_stops_the_run_and_cleans_up() {
    let p = Project::new();
    let record = p.path("ws.txt");
    p.file(
        "g.md",
        format!(
            "```sh\npwd > {}\n```\n\n```sh\nsleep 300\n```\n",
            record.display()
        ),
    );
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .arg("g.md")
        .current_dir(p.dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !record.exists() || std::fs::read_to_string(&record).unwrap().is_empty() {
        assert!(started.elapsed().as_secs() < 30, "step 1 never ran");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    // SAFETY: signalling our own child process.
    unsafe { libc_kill(child.id() as i32, 2) };
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(started.elapsed().as_secs() < 30);
    let ws = std::fs::read_to_string(&record).unwrap();
    assert!(
        !std::path::Path::new(ws.trim()).exists(),
        "workspace left behind"
    );
}

extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, sig: i32) -> i32;
}

#[test]
fn commands_read_an_empty_stdin_and_output_needs_no_final_newline() {
    let p = Project::new();
    p.file(
        "g.md",
        "```console\n$ printf 'no newline'\nno newline\n$ cat\n$ read line || echo \"eof: [$line]\"\neof: []\n$ echo out; echo err >&2; echo out2\nout\nerr\nout2\n$ bad syntax (\n? 2\n[..]syntax error[..]\n...\n```\n\n```console\n$ echo the session survived\nthe session survived\n```\n",
    );
    let run = p.doccheck(&["g.md"]);
    assert_eq!(run.code, 0, "{run:?}");
}
