//! Command blocks run as a reader pasting them into a terminal would: whole
//! shell constructs, state that carries from block to block, a terminal's
//! messages, and a session isolated from the user's HOME and TMPDIR.

use crate::test::Test;

#[test]
fn a_heredoc_writes_a_script_that_a_later_block_runs() {
    Test::new()
        .guide(
            "Create the script:

```bash
cat > greet.sh <<'EOF'
#!/bin/sh
name=${1:-world}
echo \"Hello, $name!\"
EOF
chmod +x greet.sh
```

Run it:

```console
$ ./greet.sh docs
Hello, docs!
```
",
        )
        .stdout(
            "doccheck g.md: 2 steps
✓   1  g.md:3  cat > greet.sh <<'EOF' (+1 more)  [..]s
✓   2  g.md:14  ./greet.sh docs  [..]s
g.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn a_heredocs_body_is_never_run_as_commands() {
    let test = Test::new();
    let harm = test.path("harmed");
    let out = test
        .guide(&format!(
            "```sh\ncat > cleanup.sh <<EOF\ntouch {harm}\nexit 3\nEOF\nwc -l < cleanup.sh\n```\n",
            harm = harm.display()
        ))
        .stdout("doccheck g.md: 1 steps\n✓   1  g.md:1  cat > cleanup.sh <<EOF (+1 more)  [..]s\ng.md: ok. [..]\n")
        .run();
    assert!(
        !out.path("harmed").exists(),
        "a line of the heredoc's body ran"
    );
}

#[test]
fn loops_conditionals_functions_and_multi_line_strings() {
    Test::new()
        .guide(
            r#"```bash
for f in a b c; do
  touch "$f.txt"
done

if [ -f b.txt ]; then
  echo "b is there" > found
else
  echo "b is missing" > found
fi

count() {
  ls *.txt | wc -l
}

message="first line
second line"
```

```console
$ count
3
$ cat found
b is there
$ echo "$message"
first line
second line
$ case "$(count)" in
>   3) echo three ;;
>   *) echo other ;;
> esac
three
$ while read -r line; do
  echo "got $line"
done <<'END'
x
END
got x
```
"#,
        )
        .stdout(
            "doccheck g.md: 2 steps
✓   1  g.md:1  for f in a b c; do (+3 more)  [..]s
✓   2  g.md:20  count (+4 more)  [..]s
g.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn a_failure_inside_a_construct_points_at_the_line_where_it_starts() {
    Test::new()
        .guide("```sh\necho ok\nfor i in 1 2; do\n  test $i -lt 2\ndone\n```\n")
        .status(1)
        .stdout(
            "doccheck g.md: 1 steps
✗   1  g.md:1  echo ok (+1 more)  [..]s
        $ for i in 1 2; do
        >   test $i -lt 2
        > done  (line 3)
        exit code 1 (expected 0)
g.md: FAILED. 1 steps: 0 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn aliases_options_and_traps_carry_across_blocks() {
    Test::new()
        .guide(
            "```console\n$ alias ll='echo listing'\n$ set -o pipefail\n$ trap 'echo bye from the trap' EXIT\n```\n\n```console\n$ ll\nlisting\n$ false | true\n? 1\n```\n",
        )
        .stdout("doccheck g.md: 2 steps\n✓   1  g.md:1  [..]\n✓   2  g.md:7  ll (+1 more)  [..]s\ng.md: ok. [..]\n")
        .run();
}

#[test]
fn shell_errors_read_as_in_a_terminal() {
    Test::new()
        .guide(
            "```console\n$ nosuch-command --help\n? 127\nbash: nosuch-command: command not found\n$ cd /nonexistent\n? 1\nbash: cd: /nonexistent: No such file or directory\n$ bad syntax (\n? 2\nbash: syntax error near unexpected token `('\n```\n",
        )
        .stdout("doccheck g.md: 1 steps\n✓   1  g.md:1  nosuch-command --help (+2 more)  [..]s\ng.md: ok. [..]\n")
        .run();
}

#[test]
fn the_session_has_its_own_home_and_tmpdir() {
    let test = Test::new().private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let real_home = std::env::var("HOME").unwrap_or_default();
    let out = test
        .guide(&format!(
            "```console\n$ test \"$HOME\" != '{real_home}' && ls -A ~ | wc -l\n0\n$ touch ~/.doccheck-was-here\n$ mktemp > made\n$ case \"$(cat made)\" in \"$TMPDIR\"/*) echo inside;; esac\ninside\n$ stat -c %a \"$HOME\" \"$TMPDIR\" \"$(dirname \"$HOME\")\"\n700\n700\n700\n```\n"
        ))
        .stdout("doccheck g.md: 1 steps\n✓   1  g.md:1  [..]\ng.md: ok. [..]\n")
        .run();
    assert!(!std::path::Path::new(&real_home)
        .join(".doccheck-was-here")
        .exists());
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|name| name != crate::test::STATE_DIR)
        .collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");
    let records = crate::test::state_left(&tmp);
    assert!(records.is_empty(), "run records left: {records:?}");
    drop(out);
}

#[test]
fn other_tools_fence_metadata_is_ignored_with_a_note() {
    Test::new()
        .guide(
            "Runme:\n\n```sh {\"name\":\"setup\",\"interactive\":false}\necho runme > r\n```\n\nscrut:\n\n```sh {timeout: 3s}\necho scrut > s\n```\n\nDocusaurus:\n\n```bash title=\"setup.sh\" showLineNumbers {2}\ncat r s\n```\n",
        )
        .args(&["g.md", "--list"])
        .stdout(
            "  1  g.md:3  echo runme > r
       note: info-string metadata `{name:setup,interactive:false}` is not doccheck's: ignored
  2  g.md:9  echo scrut > s
       note: info-string metadata `{timeout: 3s}` is not doccheck's: ignored
  3  g.md:15  cat r s
       note: info-string metadata `title=setup.sh showLineNumbers {2}` is not doccheck's: ignored
3 steps
",
        )
        .run();
}

#[test]
fn a_background_http_server_bound_as_a_service_is_probed_and_stopped() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let test = Test::new();
    let pidfile = test.path("server.pid");
    let scenario = format!("guides: [docs/serve.md]\nblocks:\n  - pattern: ^cd site\n    service:\n      ready-timeout: 20s\n      probes:\n        - http: {{port: {port}, path: /, status: 200}}\n");
    let out = test
        .write(
            "docs/serve.md",
            format!(
                "```bash\nmkdir site && echo '<h1>docs</h1>' > site/index.html\n```\n\n```bash\ncd site && exec python3 -m http.server {port} --bind 127.0.0.1\n```\n\n```console\n$ python3 -c \"import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:{port}/').read().decode().strip())\"\n<h1>docs</h1>\n$ pgrep -f 'http.server {port}' > {pid}\n```\n",
                pid = pidfile.display()
            ),
        )
        .write("scenarios/serve.yaml", scenario)
        .args(&["docs/serve.md"])
        .stdout(
            "doccheck docs/serve.md with scenarios/serve.yaml: 3 steps
✓   1  docs/serve.md:1  mkdir site && echo '<h1>docs</h1>' > site/index.html  [..]s
✓   2  docs/serve.md:5  cd site && exec python3 -m http.server [..] --bind 127.0.0.1  [..]s
✓   3  docs/serve.md:9  python3 -c [..] (+1 more)  [..]s
docs/serve.md: ok. 3 steps: 3 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    assert!(
        out.path("server.pid").exists(),
        "the server was found running"
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    let left = crate::test::processes_with(&format!("http.server {port}"));
    assert!(left.is_empty(), "the server {left:?} survived the run");
}

#[test]
fn a_service_that_never_gets_ready_fails_its_step_with_its_log() {
    Test::new()
        .write(
            "docs/serve.md",
            "```bash\necho starting; echo broken config >&2; exit 3\n```\n",
        )
        .write("scenarios/serve.yaml", "guides: [docs/serve.md]\nblocks:\n  - pattern: starting\n    service:\n      probes:\n        - http: {port: 9, path: /}\n")
        .args(&["docs/serve.md"])
        .status(1)
        .stdout(
            "doccheck docs/serve.md with scenarios/serve.yaml: 1 steps
✗   1  docs/serve.md:1  echo starting; echo broken config >&2; exit 3  [..]s
        $ echo starting; echo broken config >&2; exit 3  (line 2)
        `echo starting; echo broken config >&2; exit 3` exited with code 3 before it was ready
        │ its output (last 2 lines):
        │ starting
        │ broken config
...
docs/serve.md: FAILED. [..]
",
        )
        .run();
}

#[test]
fn a_guide_that_only_names_docker_runs_without_an_engine() {
    // `docker` as a word, not a command: no engine is needed, and none answers here.
    Test::new()
        .guide("```console\n$ echo 'apt install docker.io, then: cd app && docker build .'\napt install docker.io, then: cd app && docker build .\n$ printenv DOCKER_CONFIG | grep -c '/ctl/docker-config$'\n1\n```\n")
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .stdout("doccheck g.md: 1 steps\n✓   1  g.md:1  [..]\ng.md: ok. [..]\n")
        .run();
}
