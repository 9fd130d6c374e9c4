//! Bad input gets a clear error with the source line, exit code 2, and never a panic.

use crate::test::Test;

#[test]
fn missing_directory_binary_and_invalid_utf8() {
    Test::new()
        .args(&["nope.md"])
        .status(2)
        .stderr("error: cannot read guide nope.md: no such file\n")
        .run();
    Test::new()
        .write("dir/x", "")
        .args(&["dir"])
        .status(2)
        .stderr("error: dir holds no markdown guide (*.md) that the walk keeps\n")
        .run();
    Test::new()
        .write("bin.md", b"\x7fELF\x00\x01\x02")
        .args(&["bin.md"])
        .status(2)
        .stderr("error: bin.md looks like a binary file (it contains NUL bytes), not a markdown guide\n")
        .run();
    Test::new()
        .write("latin1.md", b"# Caf\xe9\n\n```sh\nls\n```\n")
        .args(&["latin1.md"])
        .status(2)
        .stderr("error: latin1.md:1:6: the guide is not valid UTF-8 here; save it as UTF-8\n")
        .run();
}

#[test]
fn empty_guides_and_guides_without_blocks() {
    Test::new()
        .guide("")
        .status(2)
        .stderr("error: g.md has no fenced code blocks: there is nothing to check\n")
        .run();
    Test::new()
        .guide("# Title\n\nJust `inline` code.\n\n    indented code is not a fenced block\n")
        .status(2)
        .stderr("error: g.md has no fenced code blocks: there is nothing to check\n")
        .run();
}

#[test]
fn an_unclosed_fence_is_read_as_commonmark_reads_it_and_warned_about_at_its_line() {
    Test::new()
        .guide("# T\n\n```sh\necho hi\n")
        .stdout(
            "doccheck g.md: 1 steps
✓   1  g.md:3  echo hi  [..]s
warning: g.md:3: the fence opened here is never closed: the block runs to the end of the file; close it
g.md: ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    // In a blockquote, the quote's end closes the fence (valid CommonMark):
    // a tree's `--list` goes on.
    Test::new()
        .write("docs/a.md", "> ```sh\n> echo quoted\n\nProse.\n")
        .write("docs/b.md", "```sh\necho b\n```\n")
        .args(&["docs", "--list"])
        .stdout("docs/a.md  1 steps\ndocs/b.md  1 steps\n2 guides, 0 with nothing to run\n")
        .run();
    // A fence left open swallows the prose up to the next block's fence:
    // that block fails, saying where the fence opened, and nothing of it runs.
    Test::new()
        .guide("```bash\necho one\n\nThen run the tests:\n\n```bash\ntouch ran\n```\n")
        .status(1)
        .stdout(
            "doccheck g.md: 1 steps
✗   1  g.md:1  broken: the fence opened at line 1 is not closed before line 6 opens another, so the prose between is part of this block; close it  [..]s
        the fence opened at line 1 is not closed before line 6 opens another, so the prose between is part of this block; close it
warning: g.md:1: the fence opened at line 1 is not closed before line 6 opens another, so the prose between is part of this block; close it
g.md: FAILED. 1 steps: 0 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn bad_annotations_and_usage() {
    Test::new()
        .guide("text\n\n<!-- doccheck: fiel=x -->\n```sh\nls\n```\n")
        .status(2)
        .stderr(
            "error: g.md:3:1: in doccheck attributes: unknown field `fiel`, expected one of [..]
  |
3 | <!-- doccheck: fiel=x -->
  | ^
",
        )
        .run();
    Test::new()
        .guide("```sh timeout=soon\nls\n```\n")
        .status(2)
        .stderr("error: g.md:1:1: `soon` is not a duration ([..]); write e.g. 30s, 2m or 1h\n...\n")
        .run();
    Test::new()
        .guide("```sh timeout=500000000000y\nls\n```\n")
        .status(2)
        .stderr("error: g.md:1:1: `500000000000y` [..]\n...\n")
        .run();
    Test::new()
        .guide("```sh\nls\n```\n")
        .args(&["g.md", "--format", "yaml"])
        .status(2)
        .stderr("error: invalid value 'yaml' for '--format <FORMAT>'\n...\n")
        .run();
    Test::new()
        .status(2)
        .stderr(
            "error: give a guide, a directory or a glob (or set `include:` in .doccheck.yaml)\n",
        )
        .run();
    Test::new()
        .guide("```sh\nls\n```\n")
        .args(&["g.md", "--scenario", "missing.yaml"])
        .status(2)
        .stderr("error: cannot read scenario missing.yaml: no such file\n")
        .run();
}

#[test]
fn a_detached_annotation_is_an_error_at_the_comment() {
    Test::new()
        .guide("# T\n\n<!-- doccheck skip=\"later\" -->\n\nSome text.\n\n```sh\nrm -rf important\n```\n")
        .status(2)
        .stderr(
            "error: g.md:3:1: this doccheck annotation is not followed by a code block; put it right before the fence it is for
  |
3 | <!-- doccheck skip=\"later\" -->
  | ^
",
        )
        .run();
}

/// Three blocks with four problems: an unknown key, a value that is not a
/// number and one that is not a duration, and an annotation that reaches no block.
const FOUR_PROBLEMS: &str = "<!-- doccheck fiel=x -->\n```sh\nls\n```\n\n```sh timeout=soon doccheck:exit=two\nls\n```\n\n<!-- doccheck skip=\"later\" -->\n\ntext\n\n```sh\nls\n```\n";

#[test]
fn every_malformed_annotation_of_a_guide_is_reported_at_once() {
    Test::new()
        .guide(FOUR_PROBLEMS)
        .status(2)
        .stderr(
            "error: g.md:1:1: in doccheck attributes: unknown field `fiel`, expected one of [..]
  |
1 | <!-- doccheck fiel=x -->
  | ^
error: g.md:6:1: exit=`two` is not a number
  |
6 | ```sh timeout=soon doccheck:exit=two
  | ^
error: g.md:6:1: `soon` is not a duration ([..]); write e.g. 30s, 2m or 1h
  |
6 | ```sh timeout=soon doccheck:exit=two
  | ^
error: g.md:10:1: this doccheck annotation is not followed by a code block; put it right before the fence it is for
   |
10 | <!-- doccheck skip=\"later\" -->
   | ^
error: 4 errors in g.md
",
        )
        .run();
    // JSON: one error document, the others in its `related`.
    let out = Test::new()
        .guide(FOUR_PROBLEMS)
        .args(&["g.md", "--format", "json"])
        .status(2)
        .stdout("{\"schema_version\":1,\"kind\":\"error\",\"guide\":\"g.md\",[..]}\n")
        .stderr("...\n")
        .run();
    let doc: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let places: Vec<(u64, String)> = std::iter::once(&doc["error"])
        .chain(doc["error"]["related"].as_array().unwrap())
        .map(|e| {
            assert_eq!((&e["kind"], &e["file"]), (&"guide".into(), &"g.md".into()));
            (
                e["line"].as_u64().unwrap(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let lines: Vec<u64> = places.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [1, 6, 6, 10], "{places:?}");
    // In a tree run the guide's line counts them; under GitHub Actions each
    // is an annotation of its own.
    Test::new()
        .write("docs/g.md", FOUR_PROBLEMS)
        .args(&["docs"])
        .env("GITHUB_ACTIONS", "true")
        .status(2)
        .stdout("::error file=docs/g.md,line=1,col=1,[..]\n::error file=docs/g.md,line=6,col=1,[..]\n::error file=docs/g.md,line=6,col=1,[..]\n::error file=docs/g.md,line=10,col=1,[..]\n✗ docs/g.md  error: docs/g.md:1:1: in doccheck attributes: unknown field `fiel`[..] (and 3 more errors)\n...\n")
        .stderr("...\nerror: 4 errors in docs/g.md\n")
        .run();
}

#[test]
fn a_ten_megabyte_guide() {
    let mut text = String::with_capacity(11 << 20);
    while text.len() < 10 << 20 {
        text.push_str("Some prose <span data-ttu-id=\"x\">with a span</span> and `code`.\n\n");
    }
    text.push_str("```console\n$ echo end\nend\n```\n");
    Test::new()
        .guide(&text)
        .stdout("doccheck g.md: 1 steps\n✓   1  g.md:[..]  echo end  [..]s\ng.md: ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
}
