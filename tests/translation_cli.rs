//! `doccheck --translation`: the French guide's findings through the CLI, in every format.

mod common;
use common::Project;

fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn doccheck(args: &[&str], env: &[(&str, &str)]) -> common::Run {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_doccheck"));
    command
        .args(args)
        .current_dir(repo())
        .env_remove("GITHUB_ACTIONS");
    for (k, v) in env {
        command.env(k, v);
    }
    common::Run::from(command.output().unwrap())
}

#[test]
fn the_french_guide_against_its_english_source() {
    let run = doccheck(&["--translation", "docs/fr-fr/docker.md"], &[]);
    assert_eq!(run.code, 1, "a translated image tag is an error: {run:?}");
    assert!(run.stdout.contains("(source docs/docker.md)"), "{run:?}");
    for expected in [
        "docs/fr-fr/docker.md:35:33  error technical-token-translated [5ce59-131]",
        "code-span-glued [5ce59-114]",
        "code-span-glued [5ce59-162]",
        "code-span-glued [5ce59-173]",
        "code-span-glued [5ce59-177]",
        "link-text-punctuation [5ce59-163]",
        "[5ce59-190]",
        "docs/fr-fr/docker.md:107:1  warning fence-info-changed",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in {run:?}"
        );
    }
}

#[test]
fn the_english_guide_against_itself_finds_nothing() {
    let run = doccheck(
        &[
            "--translation",
            "docs/docker.md",
            "--source",
            "docs/docker.md",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("0 findings"), "{run:?}");
}

#[test]
fn findings_in_json_junit_and_github_annotations() {
    let p = Project::new();
    let junit = p.path("t.xml");
    let run = doccheck(
        &[
            "--translation",
            "docs/fr-fr/docker.md",
            "--format",
            "json",
            "--junit",
            junit.to_str().unwrap(),
        ],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(run.code, 1, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(json["passed"], false);
    let findings = json["findings"].as_array().unwrap();
    let token = findings
        .iter()
        .find(|f| f["rule"] == "technical-token-translated")
        .unwrap();
    assert_eq!(
        (
            token["segment"].as_str(),
            token["line"].as_u64(),
            token["severity"].as_str()
        ),
        (Some("5ce59-131"), Some(35), Some("error"))
    );
    assert!(run.stdout.contains("::error file=docs/fr-fr/docker.md,line=35,col=33,title=doccheck%3A translation technical-token-translated in segment 5ce59-131::"), "{run:?}");
    assert!(
        run.stdout
            .contains("::warning file=docs/fr-fr/docker.md,line=25,"),
        "{run:?}"
    );
    let xml = std::fs::read_to_string(junit).unwrap();
    assert_eq!(xml.matches("<testcase").count(), findings.len(), "{xml}");
    assert!(
        xml.contains("translation technical-token-translated in segment 5ce59-131"),
        "{xml}"
    );
}

#[test]
fn a_scenario_turns_rules_off_everywhere_or_per_segment() {
    let p = Project::new();
    let french = std::fs::read_to_string(repo().join("docs/fr-fr/docker.md")).unwrap();
    let english = std::fs::read_to_string(repo().join("docs/docker.md")).unwrap();
    p.file("docs/docker.md", &english);
    p.file("docs/fr-fr/docker.md", &french);
    p.file("scenarios/s.yaml", "guides: ['docs/**']\ntranslation:\n  disable: [code-span-glued]\n  segments:\n    5ce59-131: [technical-token-translated]\n");
    let run = p.doccheck(&["--translation", "docs/fr-fr/docker.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("code-span-glued"), "{run:?}");
    assert!(!run.stdout.contains("5ce59-131"), "{run:?}");
    assert!(
        run.stdout.contains("link-text-punctuation [5ce59-163]"),
        "other rules still apply: {run:?}"
    );
    p.file(
        "scenarios/s.yaml",
        "guides: ['docs/**']\ntranslation:\n  disable: [code-span-gluing]\n",
    );
    let run = p.doccheck(&["--translation", "docs/fr-fr/docker.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("unknown rule(s) code-span-gluing"),
        "{run:?}"
    );
}

#[test]
fn a_plain_translation_needs_a_source() {
    let p = Project::new();
    p.file("de/guide.md", "# Anleitung\n\n```sh\nls\n```\n");
    let run = p.doccheck(&["--translation", "de/guide.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("give the source with --source FILE"),
        "{run:?}"
    );
    p.file("guide.md", "# Guide\n\n```sh\nls -l\n```\n");
    let run = p.doccheck(&["--translation", "de/guide.md", "--source", "guide.md"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("code-block-changed"), "{run:?}");
}
