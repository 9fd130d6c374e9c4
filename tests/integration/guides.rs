//! Small guides of shell steps through the real binary (no Docker).

use crate::test::Test;

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
    Test::new()
        .guide(PASSING)
        .stdout(
            "doccheck g.md: 5 steps
✓   1  g.md:5  mkdir -p app && cd app (+2 more)  [..]s
✓   2  g.md:13  echo \"in $(basename \"$PWD\")\" > where.txt  [..]s
✓   3  g.md:17  greet world (+1 more)  [..]s
✓   4  g.md:24  printf 'id 42\\nline a\\nline b\\nend\\n' (+1 more)  [..]s
✓   5  g.md:33  write Dockerfile  [..]s
g.md: ok. 5 steps: 5 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn a_failing_step_names_its_line_shows_a_diff_and_stops_the_run() {
    Test::new()
        .guide("```console\n$ echo one\none\n```\n\n```console\n$ echo ok\nok\n$ echo actual\nexpected\n```\n\n```sh\ntouch never\n```\n")
        .status(1)
        .stdout(
            "doccheck g.md: 3 steps
✓   1  g.md:1  echo one  [..]s
✗   2  g.md:6  echo ok (+1 more)  [..]s
        $ echo actual  (line 9)
        the output differs from the guide's
        output:
        │ actual
        diff (- expected, + actual):
          -expected
          +actual
·   3  g.md:13  not run: step 2 failed
g.md: FAILED. 3 steps: 1 passed, 1 failed, 0 skipped, 1 not run; [..]s
",
        )
        .run();
}

#[test]
fn keep_going_runs_the_remaining_steps_and_reports_each() {
    Test::new()
        .guide("```sh\nfalse\n```\n\n```console\n$ exit 4\n```\n\n```console\n$ echo still here\nstill here\n```\n")
        .args(&["g.md", "--keep-going"])
        .status(1)
        .stdout(
            "doccheck g.md: 3 steps
✗   1  g.md:1  false  [..]s
        $ false  (line 2)
        exit code 1 (expected 0)
✗   2  g.md:5  exit 4  [..]s
        $ exit 4  (line 6)
        the command ended the shell session (exit code 4), so later commands cannot run
✓   3  g.md:9  echo still here  [..]s
g.md: FAILED. 3 steps: 1 passed, 2 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn exit_codes_are_checked() {
    Test::new()
        .guide("```sh\nls /nonexistent-dir\n```\n")
        .status(1)
        .stdout(
            "doccheck g.md: 1 steps
✗   1  g.md:1  ls /nonexistent-dir  [..]s
        $ ls /nonexistent-dir  (line 2)
        exit code 2 (expected 0)
        output:
        │ ls: cannot access '/nonexistent-dir': No such file or directory
g.md: FAILED. 1 steps: 0 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    Test::new()
        .guide("<!-- doccheck: exit=2 -->\n```sh\nls /nonexistent-dir\n```\n")
        .stdout("doccheck g.md: 1 steps\n✓   1  g.md:2  ls /nonexistent-dir  [..]s\n...\n")
        .run();
}

#[test]
fn a_timeout_kills_the_whole_process_group() {
    let test = Test::new();
    let pidfile = test.path("sleeper.pid");
    let started = std::time::Instant::now();
    let _out = test.guide(&format!("```sh timeout=1s\nexport DCTEST_MARK={p}; sleep 300 & echo $! > {p}; sleep 200\n```\n\n```sh\necho after\n```\n", p = pidfile.display()))
        .status(1)
        .stdout(
            "doccheck g.md: 2 steps
✗   1  g.md:1  export DCTEST_MARK=[..]; sleep 300 & echo $! > [..]; sleep 200  [..]s
        $ export DCTEST_MARK=[..]; sleep 300 & echo $! > [..]; sleep 200  (line 2)
        timed out after 1s; its process group was killed
·   2  g.md:5  not run: step 1 failed
g.md: FAILED. 2 steps: 0 passed, 1 failed, 0 skipped, 1 not run; [..]s
",
        )
        .run();
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
    assert!(pidfile.exists(), "the background sleep started");
    let left = crate::test::processes_with(&format!("DCTEST_MARK={}", pidfile.display()));
    assert!(
        left.is_empty(),
        "the background sleep {left:?} survived the timeout"
    );
}

#[test]
fn a_guide_in_which_nothing_ran_fails_unless_allowed() {
    let guide = "<!-- doccheck skip=\"needs a cloud account\" -->\n```sh\naz login\n```\n\n```text\nnotes\n```\n";
    Test::new()
        .guide(guide)
        .status(1)
        .stdout(
            "doccheck g.md: 2 steps
-   1  g.md:2  skipped: needs a cloud account
-   2  g.md:6  skipped: a `text` block is neither commands nor a file with a path: bind it to use it
coverage: 0 of 2 blocks ran (0 checked their output); 2 skipped: 1 asked (skip=), 1 `text`
no step ran: a guide in which nothing ran is not a pass (set allow-empty in its scenario, or --allow-empty, to accept it)
g.md: FAILED. 2 steps: 0 passed, 0 failed, 2 skipped, 0 not run; [..]s
",
        )
        .run();
    Test::new()
        .guide(guide)
        .args(&["g.md", "--allow-empty"])
        .stdout("doccheck g.md: 2 steps\n...\ng.md: ok. 2 steps: 0 passed, 0 failed, 2 skipped, 0 not run; [..]s\n")
        .run();
}

#[test]
fn list_runs_nothing() {
    let test = Test::new();
    let marker = test.path("marker");
    test.guide(&format!(
        "```sh\ntouch {}\n```\n\n```text\nhi\n```\n\n```sh {{\"name\":\"build\"}}\nls\necho two\n```\n",
        marker.display()
    ))
    .args(&["g.md", "--list"])
    .stdout(
        "  1  g.md:1  touch [..]/marker
  2  g.md:5  skip: a `text` block is neither commands nor a file with a path: bind it to use it
  3  g.md:9  ls (+1 more)
       note: info-string metadata `{name:build}` is not doccheck's: ignored
       $ ls
       $ echo two
3 steps
",
    )
    .run();
    assert!(!marker.exists());
}

#[test]
fn step_selection_still_writes_earlier_files() {
    let test = Test::new();
    let marker = test.path("marker");
    let guide = format!("```text file=data.txt\nfrom the guide\n```\n\n```sh\ntouch {}\n```\n\n```console\n$ cat data.txt\nfrom the guide\n```\n", marker.display());
    let out = test
        .guide(&guide)
        .args(&["g.md", "--step", "3"])
        .stdout(
            "doccheck g.md: 3 steps
✓   1  g.md:1  write data.txt  [..]s
·   2  g.md:5  not run: not selected
✓   3  g.md:9  cat data.txt  [..]s
g.md: ok. 3 steps: 2 passed, 0 failed, 0 skipped, 1 not run; [..]s
",
        )
        .run();
    assert!(!marker.exists());
    drop(out);
    Test::new()
        .guide(&guide)
        .args(&["g.md", "--step", "9"])
        .status(2)
        .stderr("error: there is no step 9: g.md has steps 1 to 3\n")
        .run();
}

#[test]
fn the_workspace_is_removed_unless_kept() {
    let test = Test::new();
    let record = test.path("ws.txt");
    let guide = format!("```sh\npwd > {}\n```\n", record.display());
    let out = test.guide(&guide).stdout("...\ng.md: ok. [..]\n").run();
    let ws = std::fs::read_to_string(&record).unwrap();
    assert!(ws.contains("doccheck-"), "{ws}");
    assert!(
        !std::path::Path::new(ws.trim()).exists(),
        "workspace {ws} left behind"
    );
    drop(out);
    let test = Test::new();
    let record = test.path("ws.txt");
    let _out = test
        .guide(&format!("```sh\npwd > {}\n```\n", record.display()))
        .args(&["g.md", "--keep"])
        .stdout("...\nworkspace kept at [..]\ng.md: ok. [..]\n")
        .run();
    let ws = std::fs::read_to_string(&record).unwrap();
    assert!(std::path::Path::new(ws.trim()).exists());
    std::fs::remove_dir_all(std::path::Path::new(ws.trim()).parent().unwrap()).unwrap();
}

#[test]
fn commands_read_an_empty_stdin_and_output_needs_no_final_newline() {
    Test::new()
        .guide("```console\n$ printf 'no newline'\nno newline\n$ cat\n$ read line || echo \"eof: [$line]\"\neof: []\n$ echo out; echo err >&2; echo out2\nout\nerr\nout2\n$ bad syntax (\n? 2\n[..]syntax error[..]\n...\n```\n\n```console\n$ echo the session survived\nthe session survived\n```\n")
        .stdout("...\ng.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
}

#[test]
fn a_file_block_never_writes_through_a_symlink_out_of_the_workspace() {
    let test = Test::new();
    let outside = test.path("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let d = outside.display();
    // A linked directory (with directories still to make under it), a
    // dangling link to a file outside, a dangling link to a directory
    // outside, and the same through a link the fixture brings.
    let fixture = test.path("scenarios/fixture");
    std::fs::create_dir_all(&fixture).unwrap();
    std::os::unix::fs::symlink(outside.join("from-fixture.txt"), fixture.join("config.txt"))
        .unwrap();
    let _out = test
        .write("scenarios/g.yaml", "guides: [g.md]\nfixture: fixture\n")
        .guide(&format!(
            "```sh\nln -s {d} escape && ln -s {d}/dangling.txt notes.txt && ln -s {d}/newdir later\n```\n\n```text file=escape/a/b/x.txt\nharm\n```\n\n```text file=notes.txt\nharm\n```\n\n```text file=later/x.txt\nharm\n```\n\n```text file=config.txt\nharm\n```\n"
        ))
        .args(&["g.md", "--keep-going"])
        .status(1)
        .stdout(
            "doccheck g.md with scenarios/g.yaml: 5 steps
✓   1  g.md:1  ln -s [..]  [..]s
✗   2  g.md:5  write escape/a/b/x.txt  [..]s
        cannot write escape/a/b/x.txt: it leads out of the workspace through a symlink (to [..]/outside); file blocks are written inside the workspace only
✗   3  g.md:9  write notes.txt  [..]s
        cannot write notes.txt: it leads out of the workspace through a symlink (to [..]/outside/dangling.txt); file blocks are written inside the workspace only
✗   4  g.md:13  write later/x.txt  [..]s
        cannot write later/x.txt: it leads out of the workspace through a symlink (to [..]/outside/newdir); file blocks are written inside the workspace only
✗   5  g.md:17  write config.txt  [..]s
        cannot write config.txt: it leads out of the workspace through a symlink (to [..]/outside/from-fixture.txt); file blocks are written inside the workspace only
g.md: FAILED. 5 steps: 1 passed, 4 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    let made: Vec<_> = std::fs::read_dir(&outside)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(made.is_empty(), "written outside the workspace: {made:?}");
}
