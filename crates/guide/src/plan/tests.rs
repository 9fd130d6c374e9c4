use super::*;
use crate::markdown::parse;

fn plan(guide: &str, scenario: Option<&str>) -> Result<Plan, Error> {
    let blocks = parse("g.md", guide).unwrap();
    let scenario = scenario
        .map(|s| crate::scenario::parse("s.yaml", std::path::Path::new("s.yaml"), s).unwrap());
    build(
        "g.md",
        guide,
        &blocks,
        scenario,
        &Defaults::default(),
        &Document::default(),
    )
}

#[test]
fn every_block_gets_a_step_and_skips_have_reasons() {
    let p = plan("```sh\nls\n```\n\n```csharp\nclass A {}\n```\n\n```dockerfile\nFROM x\n```\n\n```\nbin/\n```\n", None).unwrap();
    let kinds: Vec<_> = p.steps.iter().map(|s| s.kind()).collect();
    assert_eq!(kinds, ["run", "skip", "write", "skip"]);
    assert!(p.steps[1].summary().contains("`csharp` block"));
    assert_eq!(p.steps[2].summary(), "write Dockerfile");
}

#[test]
fn annotations_and_info_attributes() {
    let p = plan("<!-- doccheck: skip=\"needs a cloud\" -->\n```sh\nls\n```\n\n```text file=notes.txt\nhi\n```\n\n```sh timeout=3s exit=1\nfalse\n```\n", None).unwrap();
    assert_eq!(p.steps[0].summary(), "skip: needs a cloud");
    assert_eq!(p.steps[1].summary(), "write notes.txt");
    assert_eq!(p.steps[2].timeout, Duration::from_secs(3));
    assert!(matches!(
        p.steps[2].action,
        Action::Run { exit: Some(1), .. }
    ));
    let e = plan("<!-- doccheck skip=\"\" -->\n```sh\nls\n```\n", None).unwrap_err();
    assert!(
        e.to_string().starts_with("g.md:1:1: skip needs a reason"),
        "{e}"
    );
    let e = plan("```text file=../x\nhi\n```\n", None).unwrap_err();
    assert!(e.to_string().contains("must be relative"), "{e}");
}

#[test]
fn other_tools_metadata_is_a_note_not_an_error() {
    let p = plan(
        "```sh {\"name\":\"build\",\"interactive\":false}\nls\n```\n\n```rust title=\"main.rs\" showLineNumbers {3}\nfn main() {}\n```\n",
        None,
    )
    .unwrap();
    assert_eq!(p.steps[0].kind(), "run");
    assert_eq!(p.steps[0].bound_by, None);
    assert_eq!(
        p.steps[0].notes,
        ["info-string metadata `{name:build,interactive:false}` is not doccheck's: ignored"]
    );
    assert_eq!(p.steps[1].kind(), "skip");
    assert_eq!(p.steps[1].notes.len(), 1);
}

#[test]
fn scenario_bindings_by_content() {
    let guide = "```dockerfile\nFROM a\n```\n\n```dockerfile\nFROM a\nENV X=1\n```\n\n```console\nbin/\n```\n";
    let p = plan(guide, Some("guides: [g.md]\nblocks:\n  - line: ENV X=1\n    skip: a fragment\n  - line: bin/\n    file: .dockerignore\n")).unwrap();
    assert_eq!(p.steps[1].summary(), "skip: a fragment");
    assert_eq!(p.steps[1].bound_by.as_deref(), Some("s.yaml:3:5"));
    assert_eq!(p.steps[2].summary(), "write .dockerignore");
}

#[test]
fn a_binding_must_match_exactly_one_block() {
    let guide = "```dockerfile\nFROM a\n```\n\n```dockerfile\nFROM a\n```\n";
    let e = plan(
        guide,
        Some("guides: [g.md]\nblocks:\n  - line: FROM a\n    file: x\n"),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "s.yaml:3:5: this binding matches 2 code blocks of g.md (lines 1, 5); give a line only one of them has, `lines:` that only one has all of, or `occurrence: N`");
    let e = plan(
        guide,
        Some("guides: [g.md]\nblocks:\n  - line: FROM a\n    occurrence: 3\n    file: x\n"),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.yaml:3:5: occurrence: 3, but this binding matches 2 code blocks of g.md"
    );
    let e = plan(
        guide,
        Some("guides: [g.md]\nblocks:\n  - line: FROM b\n    file: x\n"),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.yaml:3:5: this binding matches no code block of g.md"
    );
}

#[test]
fn bindings_that_survive_edits() {
    // The reader's edit: the fragment uncommented in the Dockerfile itself.
    let guide = "```dockerfile\nFROM sdk AS builder\nENV URLS=https://+:443\n```\n\n```dockerfile\nENV URLS=https://+:443\n```\n\n```sh\nls\n```\n\n```sh\nls\n```\n";
    let p = plan(
        guide,
        Some("guides: [g.md]\nblocks:\n  - line: FROM sdk AS builder\n    file: Dockerfile\n  - line: ENV URLS=https://+:443\n    fragment-of: Dockerfile\n  - line: ls\n    occurrence: 2\n    skip: the second listing\n"),
    )
    .unwrap();
    let summaries: Vec<String> = p.steps.iter().map(|s| s.summary()).collect();
    assert_eq!(
        summaries,
        [
            "write Dockerfile",
            "check fragment of Dockerfile",
            "ls",
            "skip: the second listing"
        ]
    );
    // `lines:` wants all of them.
    let p = plan(
        guide,
        Some("guides: [g.md]\nblocks:\n  - lines: [FROM sdk AS builder, ENV URLS=https://+:443]\n    skip: both lines\n"),
    )
    .unwrap();
    assert_eq!(p.steps[0].summary(), "skip: both lines");
    let e = crate::scenario::parse(
        "s.yaml",
        std::path::Path::new("s.yaml"),
        "guides: [g.md]\nblocks:\n  - line: ls\n    occurrence: 0\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("counts from 1"), "{e}");
}

#[test]
fn a_service_bound_where_it_cannot_apply_is_an_error_at_the_binding() {
    let e = plan(
        "```dockerfile\nFROM a\n```\n",
        Some("guides: [g.md]\nblocks:\n  - line: FROM a\n    service: {probes: []}\n"),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "s.yaml:3:5: `service:` starts a command, but the block at g.md:1 is not run as commands (it is written to a file); bind the service to the block that starts the server");
}

#[test]
fn configured_default_language_and_extra_command_languages() {
    let blocks = parse("g.md", "```\n$ echo a\na\n```\n\n```zsh\nls\n```\n").unwrap();
    let defaults = Defaults {
        default_lang: Some("console".into()),
        command_langs: vec!["zsh".into()],
        ..Defaults::default()
    };
    let p = build("g.md", "", &blocks, None, &defaults, &Document::default()).unwrap();
    assert_eq!(
        p.steps
            .iter()
            .map(|s| (s.kind(), s.lang.as_str()))
            .collect::<Vec<_>>(),
        [("run", "console"), ("run", "zsh")]
    );
    let p = build(
        "g.md",
        "",
        &blocks,
        None,
        &Defaults::default(),
        &Document::default(),
    )
    .unwrap();
    assert_eq!(p.steps[0].kind(), "skip");
}

#[test]
fn a_fragments_variants_run_after_the_guide_from_the_scenario() {
    let guide = "```dockerfile\nFROM runtime\n# ENV URLS=https://+:443\nENTRYPOINT [\"app\"]\n```\n\n```dockerfile\nENV URLS=https://+:443\n```\n\n```sh\ndocker build -t app .\n```\n";
    let scenario = "guides: [g.md]\nblocks:\n  - line: FROM runtime\n    file: Dockerfile\n  - line: ENV URLS=https://+:443\n    fragment-of: Dockerfile\n    variants:\n      - file: Dockerfile.https\n        console: |\n          $ docker build -t app-https -f Dockerfile.https .\n          ...\n          $ docker run --rm app-https\n          ...\n          ? 134\n      - console: docker run -d app-https\n";
    let p = plan(guide, Some(scenario)).unwrap();
    let summaries: Vec<String> = p.steps.iter().map(|s| s.summary()).collect();
    assert_eq!(
        summaries,
        [
            "write Dockerfile",
            "check fragment of Dockerfile",
            "docker build -t app .",
            "docker build -t app-https -f Dockerfile.https . (+1 more)",
            "docker run -d app-https",
        ]
    );
    // The variant's file is written with the fragment's check, before the
    // guide's build: one build context for both.
    let Action::CheckFragment { variants, .. } = &p.steps[1].action else {
        panic!("{:?}", p.steps[1].action)
    };
    assert_eq!(
        variants,
        &[(
            "Dockerfile.https".to_string(),
            "FROM runtime\nENV URLS=https://+:443\nENTRYPOINT [\"app\"]\n".to_string()
        )]
    );
    let variant = &p.steps[3];
    assert_eq!((variant.number, variant.line), (4, 7));
    assert_eq!(variant.bound_by.as_deref(), Some("s.yaml:9:9"));
    assert!(variant.from_scenario.is_some());
    let Action::Run { commands, .. } = &variant.action else {
        panic!()
    };
    // Its commands are the scenario's lines.
    assert_eq!(
        commands.iter().map(|c| c.line).collect::<Vec<_>>(),
        [10, 12]
    );
    assert_eq!(p.steps[4].number, 5);

    // Variants need a fragment; a fragment line with no place is an error.
    let e = crate::scenario::parse(
        "s.yaml",
        std::path::Path::new("s.yaml"),
        "guides: [g.md]\nblocks:\n  - line: FROM runtime\n    variants:\n      - console: ls\n",
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with("s.yaml:5:9: variants: ")
            && e.to_string().contains("give `fragment-of:` too"),
        "{e}"
    );
    let e = plan(
        &guide.replace("# ENV URLS", "RUN true\n# nothing"),
        Some(scenario),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("s.yaml:5:5: variants: the fragment's line `ENV URLS=https://+:443`"),
        "{e}"
    );
}

#[test]
fn every_annotation_and_attribute_error_of_a_guide_at_once() {
    let guide = "<!-- doccheck fiel=x -->\n```sh\nls\n```\n\n```sh timeout=soon doccheck:skip\nls\n```\n\n```sh\nls\n```\n\n<!-- doccheck skip=\"\" file=../x -->\n```text\nx\n```\n";
    let e = plan(guide, None).unwrap_err();
    let each: Vec<String> = e.each().map(|e| e.to_string()).collect();
    assert_eq!(each.len(), 5, "{each:#?}");
    assert!(each[0].starts_with("g.md:1:1: in doccheck attributes: unknown field `fiel`"));
    assert!(each[1].starts_with("g.md:6:1: doccheck attribute `doccheck:skip` has no value"));
    assert!(each[2].starts_with("g.md:6:1: `soon` is not a duration"));
    assert_eq!(
        each[3..],
        [
            "g.md:14:1: skip needs a reason, e.g. skip=\"needs a cloud account\"",
            "g.md:14:1: file path `../x` must be relative to the workspace and stay inside it"
        ]
    );
    // A guide that cannot be planned still has its blocks' errors found.
    let blocks = parse("g.md", "```sh exit=x\nls\n```\n").unwrap();
    let e = annotation_errors("g.md", &blocks, &Defaults::default()).unwrap();
    assert_eq!(e.to_string(), "g.md:1:1: exit=`x` is not a number");
}
