//! Bad input gets a clear error, exit code 2, and never a panic.

mod common;
use common::Project;

fn error(p: &Project, args: &[&str]) -> String {
    let run = p.doccheck(args);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stdout.is_empty() || !run.stdout.contains('✓'),
        "{run:?}"
    );
    run.stderr
}

#[test]
fn missing_directory_binary_and_invalid_utf8() {
    let p = Project::new();
    assert!(error(&p, &["nope.md"]).contains("cannot read guide nope.md: no such file"));
    std::fs::create_dir(p.path("dir")).unwrap();
    assert!(error(&p, &["dir"]).contains("dir is a directory"));
    p.file("bin.md", b"\x7fELF\x00\x01\x02");
    assert!(error(&p, &["bin.md"]).contains("looks like a binary file"));
    p.file("latin1.md", b"# Caf\xe9\n\n```sh\nls\n```\n");
    let e = error(&p, &["latin1.md"]);
    assert!(
        e.contains("latin1.md:1:6: the guide is not valid UTF-8"),
        "{e}"
    );
}

#[test]
fn empty_guides_and_guides_without_blocks() {
    let p = Project::new();
    p.file("empty.md", "");
    assert!(error(&p, &["empty.md"]).contains("empty.md has no fenced code blocks"));
    p.file(
        "prose.md",
        "# Title\n\nJust `inline` code.\n\n    indented code is not a fenced block\n",
    );
    assert!(error(&p, &["prose.md"]).contains("prose.md has no fenced code blocks"));
}

#[test]
fn unterminated_fence() {
    let p = Project::new();
    p.file("g.md", "# T\n\n```sh\necho hi\n");
    let e = error(&p, &["g.md"]);
    assert!(
        e.contains("g.md:3:1: this code fence is never closed"),
        "{e}"
    );
}

#[test]
fn bad_annotations_and_usage() {
    let p = Project::new();
    p.file(
        "g.md",
        "text\n\n<!-- doccheck: fiel=x -->\n```sh\nls\n```\n",
    );
    let e = error(&p, &["g.md"]);
    assert!(
        e.contains("g.md:3:1: in doccheck attributes: unknown field `fiel`"),
        "{e}"
    );
    p.file("t.md", "```sh timeout=soon\nls\n```\n");
    assert!(error(&p, &["t.md"]).contains("t.md:1:1: `soon` is not a duration"));
    assert!(error(&p, &["t.md", "--format", "yaml"]).contains("invalid value 'yaml'"));
    assert!(error(&p, &[]).contains("Usage"));
    assert!(error(&p, &["t.md", "--scenario", "missing.yaml"])
        .contains("cannot read scenario missing.yaml: no such file"));
}

#[test]
fn a_ten_megabyte_guide() {
    let p = Project::new();
    let mut text = String::with_capacity(11 << 20);
    while text.len() < 10 << 20 {
        text.push_str("Some prose <span data-ttu-id=\"x\">with a span</span> and `code`.\n\n");
    }
    text.push_str("```console\n$ echo end\nend\n```\n");
    p.file("big.md", &text);
    let started = std::time::Instant::now();
    let run = p.doccheck(&["big.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("1 passed"), "{run:?}");
    eprintln!("10 MB guide: {:?}", started.elapsed());
}
