//! Docs written for other checkers run unchanged: trycmd's conventions in
//! console transcripts (`[EXE]`, `? failed`, `[ROOT]`, `[CWD]`, named
//! substitutions), as clap's example docs and trycmd's own README use them.

use std::os::unix::fs::PermissionsExt;

use crate::test::Test;

/// A small CLI in the style of clap's examples: `demo --help`, `demo --version`.
const DEMO: &str = r#"#!/bin/sh
case "$1" in
  --help) printf 'A demo tool\n\nUsage: demo [OPTIONS] <NAME>\n';;
  --version) echo "demo 1.4.2";;
  "") echo "error: the following required arguments were not provided:" >&2; echo "  <NAME>" >&2; exit 2;;
  *) echo "Hello $1 from $(pwd)";;
esac
"#;

const GUIDE: &str = r#"# demo

Put `demo` on your PATH:

```console
$ export PATH="$PWD/bin:$PATH"
```

```console
$ demo --help
A demo tool

Usage: demo[EXE] [OPTIONS] <NAME>

$ demo
? failed
error: the following required arguments were not provided:
  <NAME>

$ demo --version
demo [VERSION]

$ mkdir -p sub && cd sub && demo docs
Hello docs from [ROOT]/sub

$ demo again
Hello again from [CWD]

$ demo --never-run
? skipped
```
"#;

fn project(guide: &str) -> Test {
    let test = Test::new()
        .write("scenarios/demo/fixture/bin/demo", DEMO)
        .write(
            "scenarios/demo.yaml",
            "guides: [docs/demo.md]\nfixture: demo/fixture\nsubstitutions:\n  \"[VERSION]\": '\\d+\\.\\d+\\.\\d+'\n",
        )
        .write("docs/demo.md", guide);
    let bin = test.path("scenarios/demo/fixture/bin/demo");
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    test.args(&["docs/demo.md"])
}

#[test]
fn trycmd_conventions_in_console_transcripts() {
    project(GUIDE)
        .stdout(
            "doccheck docs/demo.md with scenarios/demo.yaml: 2 steps
✓   1  docs/demo.md:5  export PATH=\"$PWD/bin:$PATH\"  [..]s
✓   2  docs/demo.md:9  demo --help (+5 more)  [..]s
docs/demo.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn trycmd_conventions_still_catch_what_is_wrong() {
    project(
        &GUIDE
            .replace("demo [VERSION]", "demo [VERSION]-beta")
            .replace("? failed", "? success"),
    )
    .args(&["docs/demo.md", "--keep-going"])
    .status(1)
    .stdout(
        "...
        $ demo  (line 15)
        exit code 2 (expected success)
...
",
    )
    .run();
    project(&GUIDE.replace("demo [VERSION]", "demo [VERSION]-beta"))
        .status(1)
        .stdout(
            "...
        $ demo --version  (line 20)
        the output differs from the guide's
        output:
        │ demo 1.4.2
        diff (- expected, + actual):
          -demo [VERSION]-beta
          +demo 1.4.2
...
",
        )
        .run();
}

/// Commands as Microsoft's docs write them, with `<placeholders>` and variables.
const AZURE_STYLE: &str = "# Publish\n\n```bash\nmkdir -p out && echo \"image for <myorg> in $RESOURCE_GROUP\" > out/<myorg>.txt\n```\n\n```console\n$ cat out/acme.txt\nimage for acme in rg1\n```\n";

#[test]
fn placeholders_and_variables_are_given_values() {
    Test::new()
        .write("docs/publish.md", AZURE_STYLE)
        .write("scenarios/publish.yaml", "guides: [docs/publish.md]\nplaceholders:\n  \"<myorg>\": acme\n")
        .args(&["docs/publish.md", "--var", "RESOURCE_GROUP=rg1"])
        .stdout(
            "doccheck docs/publish.md with scenarios/publish.yaml: 2 steps
✓   1  docs/publish.md:3  mkdir -p out && echo \"image for <myorg> in $RESOURCE_GROUP\" > out/<myorg>.txt  [..]s
        $ mkdir -p out && echo \"image for <myorg> in $RESOURCE_GROUP\" > out/<myorg>.txt  (line 4)
        ran as: mkdir -p out && echo \"image for acme in $RESOURCE_GROUP\" > out/acme.txt
✓   2  docs/publish.md:7  cat out/acme.txt  [..]s
docs/publish.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    // `--var` wins over the scenario.
    Test::new()
        .write("docs/publish.md", AZURE_STYLE.replace("acme", "other"))
        .write(
            "scenarios/publish.yaml",
            "guides: [docs/publish.md]\nplaceholders:\n  \"<myorg>\": acme\n",
        )
        .args(&[
            "docs/publish.md",
            "--var",
            "<myorg>=other",
            "--var",
            "RESOURCE_GROUP=rg1",
        ])
        .stdout("...\ndocs/publish.md: ok. [..]\n")
        .run();
}

#[test]
fn an_unbound_placeholder_is_pointed_out_with_the_binding_to_add() {
    Test::new()
        .write("docs/publish.md", AZURE_STYLE)
        .args(&["docs/publish.md", "--list"])
        .stdout(
            "  1  docs/publish.md:3  mkdir -p out && echo \"image for <myorg> in $RESOURCE_GROUP\" > out/<myorg>.txt
       note: line 4: <myorg> has no value, and bash reads it as a redirection from a file `myorg`: give it one with `placeholders: {\"<myorg>\": VALUE}` in the scenario, or `--var '<myorg>=VALUE'`
  2  docs/publish.md:7  cat out/acme.txt
2 steps
",
        )
        .run();
    Test::new()
        .write("docs/publish.md", AZURE_STYLE)
        .args(&["docs/publish.md"])
        .status(1)
        .stdout(
            "...
        │ bash: out/: Is a directory
        note: line 4: <myorg> has no value, and bash reads it as a redirection from a file `myorg`: [..]
...
",
        )
        .run();
    Test::new()
        .write("docs/publish.md", AZURE_STYLE)
        .args(&["docs/publish.md", "--var", "my org=x"])
        .status(2)
        .stderr("error: --var my org=x: `my org` is neither a placeholder (`<name>`, replaced where a command has it) nor a variable (`NAME` or `$NAME`)\n")
        .run();
}
