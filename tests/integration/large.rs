//! Large and unprintable output: captured whole however long, matched in one
//! pass, reported escaped and cut in the terminal, whole in JSON. No test
//! here times anything: a slow machine passes them too.

use crate::test::Test;

#[test]
fn a_block_printing_100_mb_passes() {
    Test::new()
        .guide("```bash\nhead -c 100000000 /dev/zero | tr '\\0' a\nyes | head -c 100000000\n```\n")
        .stdout("doccheck g.md: 1 steps\n✓   1  g.md:1  head -c 100000000 /dev/zero [..]\ng.md: ok. [..]\n")
        .run();
}

#[test]
fn a_transcript_against_20_mb_of_other_output_fails_with_a_short_report() {
    let out = Test::new()
        .guide("```console\n$ yes | head -c 20000000\ny\n...\nn\n```\n")
        .status(1)
        .stdout(
            "doccheck g.md: 1 steps
✗   1  g.md:1  yes | head -c 20000000  [..]s
        $ yes | head -c 20000000  (line 2)
        the output differs from the guide's
        output, last 25 of 10000000 lines:
...
        diff (- expected, + actual):
          … 1 output line as expected, not shown
          … 997 lines as expected, not shown
           y
           y
           y
          -n
          … the rest not compared: 9,998,999 output lines
g.md: FAILED. [..]
",
        )
        .run();
    assert!(out.stdout.len() < 2_000, "{}", out.stdout.len());
}

#[test]
fn escape_sequences_and_nuls_are_shown_escaped_and_kept_whole_in_json() {
    let guide = "```console\n$ printf '\\033[?1049hvim\\0screen\\n'\nsomething else\n```\n";
    Test::new()
        .guide(guide)
        .status(1)
        .stdout(
            "doccheck g.md: 1 steps
✗   1  g.md:1  [..]
        $ printf '\\033[?1049hvim\\0screen\\n'  (line 2)
        the output differs from the guide's
        output:
        │ \\e[?1049hvim\\0screen
        diff (- expected, + actual):
          -something else
          +\\e[?1049hvim\\0screen
g.md: FAILED. [..]
",
        )
        .run();
    let out = Test::new()
        .guide(guide)
        .args(&["g.md", "--format", "json", "--junit", "out.xml"])
        .status(1)
        .stdout("{[..]}\n")
        .run();
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let command = &v["steps"][0]["commands"][0];
    assert_eq!(command["output"], "\x1b[?1049hvim\0screen\n");
    assert_eq!(command["diff"][1]["text"], "\x1b[?1049hvim\0screen");
    let xml = std::fs::read_to_string(out.path("out.xml")).unwrap();
    assert!(xml.contains("  | \\e[?1049hvim\\0screen\n"), "{xml}");
    assert!(!xml.contains('\0') && !xml.contains('\x1b'), "{xml}");
}

#[test]
fn a_long_mismatched_line_is_cut_in_the_terminal() {
    let out = Test::new()
        .guide("```console\n$ head -c 1000000 /dev/zero | tr '\\0' a; echo\nb\n```\n")
        .args(&["g.md", "--format", "json"])
        .status(1)
        .stdout("{[..]}\n")
        .run();
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let output = v["steps"][0]["commands"][0]["output"].as_str().unwrap();
    assert_eq!(output.len(), 1_000_001);
    let a500 = "a".repeat(500);
    let out = Test::new()
        .guide("```console\n$ head -c 1000000 /dev/zero | tr '\\0' a; echo\nb\n```\n")
        .status(1)
        .stdout(&format!(
            "doccheck g.md: 1 steps
✗   1  g.md:1  [..]
        $ head -c 1000000 /dev/zero | tr '\\0' a; echo  (line 2)
        the output differs from the guide's
        output:
        │ {a500}… [999,500 more bytes]
        diff (- expected, + actual):
          -b
          +{a500}… [999,500 more bytes]
g.md: FAILED. [..]
"
        ))
        .run();
    assert!(out.stdout.len() < 2_000, "{}", out.stdout.len());
}

#[test]
fn an_expectation_too_ambiguous_to_decide_fails_as_such() {
    let mut guide = String::from("```console\n$ seq 80000\n...\n");
    for _ in 0..2_000 {
        guide.push_str("[..]\n");
    }
    guide.push_str("never\n...\n```\n");
    let out = Test::new()
        .guide(&guide)
        .args(&["g.md", "--format", "json"])
        .status(1)
        .stdout("{[..]}\n")
        .run();
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let failure = &v["steps"][0]["failure"];
    assert_eq!(failure["kind"], "ambiguous");
    assert_eq!(
        failure["message"],
        "the expected output is too ambiguous to match within 10,000,000 line comparisons: \
         the lines from line 4 on fit partly in too many places; make them more specific \
         (fewer `[..]`, a line that says more after each `...`)"
    );
}
