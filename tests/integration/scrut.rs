//! scrut's markdown format runs unchanged, from scrut's documentation: its
//! expectation rules and quantifiers, `[N]` exit codes, stdout-only by
//! default, its fence configuration and front matter, its test variables, and
//! exit code 80 skipping the rest of a document. `--update` writes in scrut's
//! words.

use crate::test::Test;

/// A CLI's tests as scrut's tutorial writes them.
const TESTS: &str = r#"---
title: Testing the greeter
total_timeout: 1m
defaults:
  environment:
    GREETER_NAME: scrut
---

# Smoke test

A tiny CLI, written from the first test case:

```scrut
$ cat > greeter <<'EOF'
> #!/bin/sh
> echo "Hello, ${1:-$GREETER_NAME}!"
> echo "greeting $# name(s)" >&2
> EOF
> chmod +x greeter && export PATH="$PWD:$PATH"
```

## Output expectations

```scrut
$ greeter World
Hello, World!
```

```scrut
# the version, whatever it is
$ printf 'greeter 1.7.1\nbuilt by ci\nbuilt by ci\n'
greeter 1\.\d+\.\d+ (regex)
built by ci (equal+)
```

```scrut
$ printf 'Foo \033[1mBar\033[0m\tBaz\n' && printf 'no newline'
Foo \x1b[1mBar\x1b[0m\tBaz (escaped)
no newline (no-eol)
```

```scrut
$ for i in 1 2 3; do echo "item $i"; done; echo done
item * (glob+)
optional line (?)
done
```

## Exit codes and streams

```scrut
$ greeter; exit 3
Hello, scrut!
[3]
```

```scrut {output_stream: combined}
$ greeter Both
Hello, Both!
greeting 1 name(s)
```

```scrut {output_stream: stderr, environment: {GREETER_NAME: "nobody"}}
$ greeter
greeting 0 name(s)
```

## Where tests run

```scrut
$ echo "$TESTFILE ${SCRUT_TEST#*:} $LC_ALL $TZ" && test "$TESTDIR" = "$DOCS_DIR" && echo "TESTDIR ok"
greeter.md 71 C GMT
TESTDIR ok
```
"#;

fn project(tests: &str) -> Test {
    let test = Test::new().write("docs/greeter.md", tests);
    let docs = std::fs::canonicalize(test.path("docs")).unwrap();
    test.env("DOCS_DIR", docs.to_str().unwrap())
        .args(&["docs/greeter.md"])
}

#[test]
fn scrut_documents_run_with_scruts_rules() {
    project(TESTS)
        .stdout(
            "doccheck docs/greeter.md: 9 steps
✓   1  docs/greeter.md:13  cat > greeter <<'EOF'  [..]s
✓   2  docs/greeter.md:24  greeter World  [..]s
✓   3  docs/greeter.md:29  printf 'greeter 1.7.1\\nbuilt by ci\\nbuilt by ci\\n'  [..]s
✓   4  docs/greeter.md:36  printf 'Foo \\033[1mBar\\033[0m\\tBaz\\n' && printf 'no newline'  [..]s
✓   5  docs/greeter.md:42  for i in 1 2 3; do echo \"item $i\"; done; echo done  [..]s
✓   6  docs/greeter.md:51  greeter; exit 3  [..]s
✓   7  docs/greeter.md:57  greeter Both  [..]s
✓   8  docs/greeter.md:63  greeter  [..]s
✓   9  docs/greeter.md:70  echo \"$TESTFILE ${SCRUT_TEST#*:} $LC_ALL $TZ\" && test \"$TESTDIR\" = \"$DOCS_DIR\" && echo \"TESTDIR ok\"  [..]s
docs/greeter.md: ok. 9 steps: 9 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn scrut_rules_still_catch_what_is_wrong() {
    // stdout only: a line the command prints on stderr is not output.
    project(&TESTS.replace("Hello, World!\n", "Hello, World!\ngreeting 1 name(s)\n"))
        .status(1)
        .stdout(
            "...
✗   2  docs/greeter.md:24  greeter World  [..]s
        $ greeter World  (line 25)
        the output differs from the guide's
        output:
        │ Hello, World!
        diff (- expected, + actual):
           Hello, World!
          -greeting 1 name(s)
        note: line 25: its stderr, which the expectations leave out (scrut compares stdout only):
        │ greeting 1 name(s)
...
",
        )
        .run();
    // The exit code is judged first, and `[N]` is scrut's way to write it.
    project(&TESTS.replace("[3]", "[4]"))
        .status(1)
        .stdout("...\n        exit code 3 (expected 4)\n...\n")
        .run();
    for (from, to) in [
        (
            "greeter 1\\.\\d+\\.\\d+ (regex)",
            "greeter 2\\.\\d+ (regex)",
        ),
        ("built by ci (equal+)", "built by ci"),
        ("item * (glob+)", "item * (glob)"),
        ("no newline (no-eol)", "no newline"),
    ] {
        let broken = TESTS.replace(from, to);
        let out = project(&broken).status(1).stdout("...\n").run();
        assert!(out.stdout.contains("✗ "), "{to}: {}", out.stdout);
    }
}

#[test]
fn exit_code_80_skips_the_rest_of_the_document() {
    let guide = "# Mac only\n\n```scrut\n$ echo checked\nchecked\n```\n\n```scrut\n$ [[ \"$(uname)\" == \"Darwin\" ]] || exit 80\n```\n\n```scrut\n$ echo never\nnever\n```\n";
    Test::new()
        .guide(guide)
        .stdout(
            "doccheck g.md: 3 steps
✓   1  g.md:3  echo checked  [..]s
-   2  g.md:8  skipped: the command at line 9 exited with 80, scrut's code for skipping the rest of the document
-   3  g.md:12  skipped: step 2 skipped the rest of the document (scrut's skip code)
coverage: 1 of 3 blocks ran (1 checked their output); 2 skipped: 2 after scrut's skip code
g.md: ok. 3 steps: 1 passed, 0 failed, 2 skipped, 0 not run; [..]s
",
        )
        .run();
    // Another code, as `skip_document_code` says; 80 is then an exit like any other.
    Test::new()
        .guide(
            &guide
                .replace("```scrut\n$ [[", "```scrut {skip_document_code: 42}\n$ [[")
                .replace("exit 80", "exit 42"),
        )
        .stdout("...\n-   3  g.md:12  skipped: step 2 skipped [..]\n...\n")
        .run();
    Test::new()
        .guide(&guide.replace("```scrut\n$ [[", "```scrut {skip_document_code: 42}\n$ [["))
        .status(1)
        .stdout("...\n        exit code 80 (expected 0)\n...\n")
        .run();
}

#[test]
fn detached_cases_and_waits() {
    let guide = "# A server and its client\n\n```scrut {detached: true}\n$ python3 -c 'import os, time; time.sleep(0.3); open(os.environ[\"TMPDIR\"] + \"/ready\", \"w\").close(); time.sleep(300)'\n```\n\n```scrut {wait: {timeout: \"10s\", path: \"ready\"}}\n$ test -e \"$TMPDIR/ready\" && echo ready\nready\n```\n";
    let out = Test::new()
        .guide(guide)
        .args(&["g.md", "--format", "json"])
        .stdout("...\n")
        .run();
    assert!(
        out.stdout.contains("detached (scrut's `detached: true`)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("for $TMPDIR/ready (scrut's `wait`)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\"passed\": 2") || out.stdout.contains("\"passed\":2"),
        "{}",
        out.stdout
    );
    let left = std::process::Command::new("pgrep")
        .args(["-f", "time.sleep(300)"])
        .output()
        .unwrap();
    assert!(
        left.stdout.is_empty(),
        "the detached process outlived the run"
    );
}

/// Stale scrut tests, and what `--update` makes of them.
const STALE: &str = "# Stale\n\n```scrut\n$ printf 'id: 7\\n1\\n2\\nfin'\nid: * (glob)\n[0-9]+ (re+)\nend\n```\n\nProse stays.\n\n```scrut\n$ printf 'a\\tb\\nx (glob)\\n'; exit 4\nold\n[2]\n```\n";
const UPDATED: &str = "# Stale\n\n```scrut\n$ printf 'id: 7\\n1\\n2\\nfin'\nid: * (glob)\n[0-9]+ (re+)\nfin (no-eol)\n```\n\nProse stays.\n\n```scrut\n$ printf 'a\\tb\\nx (glob)\\n'; exit 4\na\\tb (escaped)\nx (glob) (equal)\n[4]\n```\n";

#[test]
fn update_writes_in_scruts_words() {
    let out = Test::new()
        .write("t.md", STALE)
        .args(&["t.md", "--update"])
        .stdout("...\n")
        .stderr("updated t.md:4: expected output of `printf 'id: 7\\n1\\n2\\nfin'`\nupdated t.md:13: expected output and exit code (4) of `printf 'a\\tb\\nx (glob)\\n'; exit 4`\n")
        .run();
    let text = std::fs::read_to_string(out.path("t.md")).unwrap();
    assert_eq!(text, UPDATED);
    Test::new()
        .write("t.md", &text)
        .args(&["t.md"])
        .stdout("...\nt.md: ok. [..]\n")
        .run();
}

#[test]
fn bad_scrut_syntax_points_at_its_line() {
    Test::new()
        .guide("# t\n\n```scrut\n$ echo x\nx( (regex)\n```\n")
        .status(2)
        .stderr("error: g.md:5:1: `x(` is not a regex scrut can use: [..]\n...\n")
        .run();
    Test::new()
        .guide("# t\n\n```scrut {timeout: soon}\n$ echo x\nx\n```\n")
        .status(2)
        .stderr("error: g.md:3:1: scrut's `timeout`: `soon` is not a duration [..]\n...\n")
        .run();
    Test::new()
        .guide("# t\n\n```scrut\nx\n```\n")
        .status(2)
        .stderr("error: g.md:4:1: output before the first `$ ` command[..]\n...\n")
        .run();
}

#[test]
fn what_doccheck_does_not_do_is_said() {
    Test::new()
        .guide("---\nshell: /bin/zsh\nappend: [teardown.md]\n---\n\n```scrut {colour: blue}\n$ echo x\nx\n```\n")
        .args(&["g.md", "--list"])
        .stdout(
            "  1  g.md:6  echo x
       note: scrut's `shell: /bin/zsh`: doccheck runs every command in bash
       note: scrut's `append:` (documents run after this one) is not supported: run those documents as guides of their own
       note: scrut's test-case key `colour` is not one doccheck knows: ignored
1 steps
",
        )
        .run();
}
