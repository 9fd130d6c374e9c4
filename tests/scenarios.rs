//! Scenario files: found by the guide's path, binding blocks by content, and
//! reporting their own errors with file:line:column.

mod common;
use common::Project;

const GUIDE: &str = "# Guide\n\n```dockerfile\nFROM base\nRUN make\n```\n\n```\nbin/\nobj/\n```\n\n```console\n$ grep -c obj .dockerignore\n1\n$ cat Dockerfile | head -1\nFROM base\n$ cat fixture.txt\nfrom the fixture\n```\n";

const SCENARIO: &str = "guides:\n  - docs/guide.md\n  - docs/*/guide.md\nfixture: guide/fixture\nblocks:\n  - line: bin/\n    file: .dockerignore\n";

fn project() -> Project {
    let p = Project::new();
    p.file("docs/guide.md", GUIDE);
    p.file("scenarios/guide.yaml", SCENARIO);
    p.file("scenarios/guide/fixture/fixture.txt", "from the fixture\n");
    p
}

#[test]
fn the_scenario_is_found_for_the_guide_and_its_translations() {
    let p = project();
    let run = p.doccheck(&["docs/guide.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("with scenarios/guide.yaml")
            || run.stdout.contains("scenarios/guide.yaml"),
        "{run:?}"
    );
    // A translation with the same code blocks but another fence on the ignore file.
    let translated = GUIDE
        .replace("```\nbin/", "```console\nbin/")
        .replace("# Guide", "# Guide traduit");
    p.file("docs/de-de/guide.md", translated);
    let run = p.doccheck(&["docs/de-de/guide.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    // Run from another directory, with an absolute path.
    let abs = p.path("docs/de-de/guide.md");
    let run = p.doccheck(&[abs.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_guide_no_scenario_claims_runs_on_its_annotations_alone() {
    let p = project();
    p.file("docs/other.md", "```console\n$ ls fixture.txt\n? 2\nls: cannot access 'fixture.txt': No such file or directory\n```\n");
    let run = p.doccheck(&["docs/other.md"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_binding_that_no_longer_fits_the_guide_is_an_error_at_its_line() {
    let p = project();
    p.file(
        "scenarios/guide.yaml",
        format!("{SCENARIO}  - line: RUN make install\n    skip: gone\n"),
    );
    let run = p.doccheck(&["docs/guide.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "scenarios/guide.yaml:8:5: this binding matches no code block of docs/guide.md"
        ),
        "{run:?}"
    );
    p.file(
        "scenarios/guide.yaml",
        format!("{SCENARIO}  - pattern: '^(bin|FROM)'\n    skip: two\n"),
    );
    let run = p.doccheck(&["docs/guide.md"]);
    assert!(run.stderr.contains("scenarios/guide.yaml:8:5: this binding matches 3 code blocks of docs/guide.md (lines 3, 8, 13)"), "{run:?}");
}

#[test]
fn yaml_errors_and_unknown_keys() {
    let p = project();
    p.file(
        "scenarios/guide.yaml",
        "guides: [docs/guide.md]\nblocks:\n  - line: bin/\n    flie: .dockerignore\n",
    );
    let run = p.doccheck(&["docs/guide.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("scenarios/guide.yaml:4:5: blocks[0]: unknown field `flie`, expected one of"),
        "{run:?}"
    );
    p.file("scenarios/guide.yaml", "guides: [docs/guide.md\n");
    let run = p.doccheck(&["docs/guide.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("scenarios/guide.yaml:"), "{run:?}");
}

#[test]
fn an_explicit_scenario_overrides_the_search() {
    let p = project();
    p.file("elsewhere/s.yaml", "guides: []\nblocks:\n  - line: bin/\n    skip: not needed here\n  - line: $ grep -c obj .dockerignore\n    skip: no ignore file\n");
    let run = p.doccheck(&["docs/guide.md", "--scenario", "elsewhere/s.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("skipped: not needed here"), "{run:?}");
    assert!(run.stdout.contains("skipped: no ignore file"), "{run:?}");
}

#[test]
fn two_scenarios_claiming_one_guide() {
    let p = project();
    p.file("scenarios/again.yml", "guides: ['docs/**']\n");
    let run = p.doccheck(&["docs/guide.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("several scenarios claim docs/guide.md"),
        "{run:?}"
    );
}

#[test]
fn the_run_timeout_bounds_the_whole_run() {
    let p = Project::new();
    p.file(
        "docs/slow.md",
        "```sh\nsleep 1\n```\n\n```sh\nsleep 1\n```\n\n```sh\nsleep 30\n```\n",
    );
    p.file(
        "scenarios/slow.yaml",
        "guides: [docs/slow.md]\nrun-timeout: 3s\n",
    );
    let started = std::time::Instant::now();
    let run = p.doccheck(&["docs/slow.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert!(run.stdout.contains("✗   3  docs/slow.md:9"), "{run:?}");
    assert!(
        run.stdout.contains("the run's overall timeout ran out"),
        "{run:?}"
    );
}
