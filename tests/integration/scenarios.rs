//! Scenario files: found by the guide's path, binding blocks by content, and
//! reporting their own errors with file:line:column.

use crate::test::Test;

const GUIDE: &str = "# Guide\n\n```dockerfile\nFROM base\nRUN make\n```\n\n```\nbin/\nobj/\n```\n\n```console\n$ grep -c obj .dockerignore\n1\n$ cat Dockerfile | head -1\nFROM base\n$ cat fixture.txt\nfrom the fixture\n```\n";

const SCENARIO: &str = "guides:\n  - docs/guide.md\n  - docs/*/guide.md\nfixture: guide/fixture\nblocks:\n  - line: bin/\n    file: .dockerignore\n";

const PASSED: &str = "doccheck docs/guide.md with scenarios/guide.yaml: 3 steps
✓   1  docs/guide.md:3  write Dockerfile  [..]s
✓   2  docs/guide.md:8  write .dockerignore  [..]s
✓   3  docs/guide.md:13  grep -c obj .dockerignore (+2 more)  [..]s
docs/guide.md: ok. 3 steps: 3 passed, 0 failed, 0 skipped, 0 not run; [..]s
";

fn project() -> Test {
    Test::new()
        .write("docs/guide.md", GUIDE)
        .write("scenarios/guide.yaml", SCENARIO)
        .write("scenarios/guide/fixture/fixture.txt", "from the fixture\n")
}

#[test]
fn the_scenario_is_found_for_the_guide_and_its_translations() {
    project().args(&["docs/guide.md"]).stdout(PASSED).run();
    // A translation with the same code blocks but another fence on the ignore file.
    let translated = GUIDE
        .replace("```\nbin/", "```console\nbin/")
        .replace("# Guide", "# Guide traduit");
    project()
        .write("docs/de-de/guide.md", &translated)
        .args(&["docs/de-de/guide.md"])
        .stdout("doccheck docs/de-de/guide.md with scenarios/guide.yaml: 3 steps\n...\ndocs/de-de/guide.md: ok. 3 steps: 3 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    // Run from another directory, with an absolute path.
    let test = project();
    let absolute = test.path("docs/guide.md").display().to_string();
    test.current_dir("docs")
        .args(&[&absolute])
        .stdout("doccheck [..]/docs/guide.md with [..]/scenarios/guide.yaml: 3 steps\n...\n[..]/docs/guide.md: ok. [..]\n")
        .run();
}

#[test]
fn a_guide_no_scenario_claims_runs_on_its_annotations_alone() {
    project()
        .write("docs/other.md", "```console\n$ ls fixture.txt\n? 2\nls: cannot access 'fixture.txt': No such file or directory\n```\n")
        .args(&["docs/other.md"])
        .stdout("doccheck docs/other.md: 1 steps\n✓   1  docs/other.md:1  ls fixture.txt  [..]s\ndocs/other.md: ok. [..]\n")
        .run();
}

#[test]
fn a_binding_that_no_longer_fits_the_guide_is_an_error_at_its_line() {
    project()
        .write(
            "scenarios/guide.yaml",
            format!("{SCENARIO}  - line: RUN make install\n    skip: gone\n"),
        )
        .args(&["docs/guide.md"])
        .status(2)
        .stderr(
            "error: scenarios/guide.yaml:8:5: this binding matches no code block of docs/guide.md
  |
8 |   - line: RUN make install
  |     ^
",
        )
        .run();
    project()
        .write("scenarios/guide.yaml", format!("{SCENARIO}  - pattern: '^(bin|FROM)'\n    skip: two\n"))
        .args(&["docs/guide.md"])
        .status(2)
        .stderr("error: scenarios/guide.yaml:8:5: this binding matches 3 code blocks of docs/guide.md (lines 3, 8, 13); give a line only one of them has, `lines:` that only one has all of, or `occurrence: N`\n...\n")
        .run();
}

#[test]
fn yaml_errors_unknown_keys_and_bad_values_have_positions() {
    project()
        .write("scenarios/guide.yaml", "guides: [docs/guide.md]\nblocks:\n  - line: bin/\n    flie: .dockerignore\n")
        .args(&["docs/guide.md"])
        .status(2)
        .stderr("error: scenarios/guide.yaml:4:5: blocks[0]: unknown field `flie`, expected one of [..]\n...\n")
        .run();
    project()
        .write("scenarios/guide.yaml", "guides: [docs/guide.md\n")
        .args(&["docs/guide.md"])
        .status(2)
        .stderr("error: scenarios/guide.yaml:[..]\n...\n")
        .run();
    project()
        .write(
            "scenarios/guide.yaml",
            "guides: [docs/guide.md]\n\nrun-timeout: 500000000000y\n",
        )
        .args(&["docs/guide.md"])
        .status(2)
        .stderr("error: scenarios/guide.yaml:3:1: run-timeout: [..]\n...\n")
        .run();
    project()
        .write("scenarios/guide.yaml", "guides: [docs/guide.md]\nfixture: ../../../../../../../../etc\n")
        .args(&["docs/guide.md"])
        .status(2)
        .stderr("error: scenarios/guide.yaml:2:1: `../../../../../../../../etc` leads out of the repository that holds the scenario ([..]); scenario paths stay inside it\n...\n")
        .run();
}

#[test]
fn an_explicit_scenario_overrides_the_search() {
    project()
        .write("elsewhere/s.yaml", "guides: []\nblocks:\n  - line: bin/\n    skip: not needed here\n  - line: $ grep -c obj .dockerignore\n    skip: no ignore file\n")
        .args(&["docs/guide.md", "--scenario", "elsewhere/s.yaml"])
        .stdout(
            "doccheck docs/guide.md with elsewhere/s.yaml: 3 steps
✓   1  docs/guide.md:3  write Dockerfile  [..]s
-   2  docs/guide.md:8  skipped: not needed here
-   3  docs/guide.md:13  skipped: no ignore file
coverage: 1 of 3 blocks ran (0 checked their output); 2 skipped: 2 asked (skip=)
warning: most of this guide did not run: 1 of its 3 blocks (33%); bind the skipped ones (a file, or commands by language: docs/guides.md#files-and-commands-by-language), or give --min-run (min-run: in .doccheck.yaml) to fail such a guide
docs/guide.md: ok. 3 steps: 1 passed, 0 failed, 2 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn a_scenario_passes_variables_through_and_may_allow_an_empty_run() {
    let home = std::env::var("HOME").unwrap_or_default();
    Test::new()
        .write(
            "docs/home.md",
            format!("```console\n$ echo \"$HOME\"\n{home}\n```\n\n```text\nnotes\n```\n"),
        )
        .write(
            "scenarios/home.yaml",
            "guides: [docs/home.md]\npass-env: [HOME]\n",
        )
        .args(&["docs/home.md"])
        .stdout("...\ndocs/home.md: ok. [..]\n")
        .run();
    Test::new()
        .write("docs/later.md", "```text\nnothing to run yet\n```\n")
        .write(
            "scenarios/later.yaml",
            "guides: [docs/later.md]\nallow-empty: true\n",
        )
        .args(&["docs/later.md"])
        .stdout(
            "...\ndocs/later.md: ok. 1 steps: 0 passed, 0 failed, 1 skipped, 0 not run; [..]s\n",
        )
        .run();
}

#[test]
fn two_scenarios_claiming_one_guide() {
    project()
        .write("scenarios/again.yml", "guides: ['docs/**']\n")
        .args(&["docs/guide.md"])
        .status(2)
        .stderr("error: several scenarios claim docs/guide.md: [..]; narrow their `guides:` or pick one with --scenario\n")
        .run();
}

#[test]
fn the_run_timeout_bounds_the_whole_run() {
    let started = std::time::Instant::now();
    Test::new()
        .write(
            "docs/slow.md",
            "```sh\nsleep 1\n```\n\n```sh\nsleep 1\n```\n\n```sh\nsleep 30\n```\n",
        )
        .write(
            "scenarios/slow.yaml",
            "guides: [docs/slow.md]\nrun-timeout: 3s\n",
        )
        .args(&["docs/slow.md"])
        .status(1)
        .stdout(
            "doccheck docs/slow.md with scenarios/slow.yaml: 3 steps
✓   1  docs/slow.md:1  sleep 1  [..]s
✓   2  docs/slow.md:5  sleep 1  [..]s
✗   3  docs/slow.md:9  sleep 30  [..]s
        $ sleep 30  (line 10)
        the run's overall timeout ran out after [..]
docs/slow.md: FAILED. 3 steps: 2 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn a_scenario_gives_unlabelled_fences_a_language() {
    let guide = "# ripgrep-style guide\n\n```\n$ echo found it\nfound it\n```\n";
    Test::new()
        .write("docs/guide.md", guide)
        .write("scenarios/guide.yaml", "guides: [docs/guide.md]\ndefault-lang: console\n")
        .args(&["docs/guide.md"])
        .stdout("doccheck docs/guide.md with scenarios/guide.yaml: 1 steps\n✓   1  docs/guide.md:3  echo found it  [..]s\ndocs/guide.md: ok. [..]\n")
        .run();
    // Off unless set: the same guide has nothing to run.
    Test::new()
        .write("docs/guide.md", guide)
        .args(&["docs/guide.md"])
        .status(1)
        .stdout("...\nno step ran: [..]\n...\n")
        .run();
}

#[test]
fn a_probe_whose_proto_does_not_compile_is_an_error_at_the_scenario_before_anything_runs() {
    let test = Test::new();
    let marker = test.path("ran");
    test.write("scenarios/s.yaml", "guides: [g.md]\nblocks:\n  - line: python3 -m http.server 8000\n    service:\n      probes:\n        - grpc: {port: 8000, proto: bad.proto, method: a.B/C, request: '{}'}\n")
        .write("scenarios/bad.proto", "syntax = \"proto3\";\nmessage {\n")
        .guide(&format!("```sh\ntouch {}\npython3 -m http.server 8000\n```\n", marker.display()))
        .status(2)
        .stderr("error: scenarios/s.yaml:4:5: grpc probe: [..]\n...\n")
        .run();
    assert!(!marker.exists(), "a step ran");
}
