//! The machine-readable reports: JSON, JUnit XML, GitHub annotations, and colour rules.

use crate::test::Test;

const FAILING: &str = "```console\n$ echo a\nb\n```\n\n```text\nskip me\n```\n";

#[test]
fn json_is_pure_json_on_stdout_even_under_github_actions() {
    let out = Test::new()
        .guide(FAILING)
        .args(&["g.md", "--format", "json"])
        .env("GITHUB_ACTIONS", "true")
        .status(1)
        .stdout("{\"schema_version\":1,\"kind\":\"run\",[..]}\n")
        .stderr("::error file=g.md,line=2,col=1,title=doccheck%3A step 1%3A echo a::the output differs from the guide's%0A$ echo a%0Aexit code 0 (expected 0)%0Aoutput:%0A  | a%0Adiff (- expected, + actual):%0A  -b%0A  +a\n")
        .run();
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(v["passed"], false);
    assert_eq!(v["verdict"], "failed");
    assert_eq!(v["steps"][0]["status"], "failed");
    assert_eq!(v["steps"][0]["line"], 1);
    assert_eq!(v["steps"][0]["failure"]["kind"], "output");
    assert_eq!(v["steps"][0]["commands"][0]["output"], "a\n");
    assert_eq!(v["steps"][0]["commands"][0]["diff"][0]["tag"], "-");
    assert_eq!(v["steps"][1]["status"], "not-run");
    assert_eq!(v["summary"]["failed"], 1);
}

#[test]
fn annotations_go_to_stdout_in_the_human_format() {
    Test::new()
        .guide("```sh\nfalse\n```\n")
        .env("GITHUB_ACTIONS", "true")
        .status(1)
        .stdout("...\n::error file=g.md,line=2,col=1,title=doccheck%3A step 1%3A false::exit code 1 (expected 0)%0A$ false%0Aexit code 1 (expected 0)\ng.md: FAILED. [..]\n")
        .run();
}

/// Parses JUnit XML into (test case name, outcome) pairs.
fn junit_cases(xml: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut cases: Vec<(String, String)> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                match name.as_str() {
                    "testcase" => {
                        let n = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"name")
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_default();
                        cases.push((n, "passed".into()));
                    }
                    "failure" | "skipped" => {
                        if let Some(last) = cases.last_mut() {
                            last.1 = name;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    cases
}

#[test]
fn junit_has_a_case_per_step_with_a_name_that_does_not_change_with_the_outcome() {
    let guide = |expected: &str| {
        format!("```console\n$ echo a\n{expected}\n```\n\n```text\nskip me\n```\n")
    };
    let failed = Test::new()
        .guide(&guide("b"))
        .args(&["g.md", "--junit", "out.xml"])
        .status(1)
        .stdout("...\n")
        .run();
    let xml = std::fs::read_to_string(failed.path("out.xml")).unwrap();
    let passed = Test::new()
        .guide(&guide("a"))
        .args(&["g.md", "--junit", "out.xml"])
        .stdout("...\n")
        .run();
    let xml_passed = std::fs::read_to_string(passed.path("out.xml")).unwrap();
    assert_eq!(
        junit_cases(&xml),
        [
            ("step 1: echo a".to_string(), "failure".to_string()),
            ("step 2: skip: a `text` block is neither commands nor a file with a path: bind it to use it".into(), "skipped".into())
        ]
    );
    assert_eq!(
        junit_cases(&xml_passed)[0],
        ("step 1: echo a".to_string(), "passed".to_string())
    );
    assert!(
        xml.contains(
            "<testsuite name=\"g.md\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\""
        ),
        "{xml}"
    );
    assert!(xml.contains("classname=\"g.md:1\""), "{xml}");
}

#[test]
fn junit_validates_against_the_jenkins_schema() {
    let out = Test::new()
        .guide("```console\n$ echo a\nb\n```\n\n```sh\ntrue\n```\n\n```text\nx\n```\n")
        .args(&["g.md", "--junit", "out.xml", "--keep-going"])
        .status(1)
        .stdout("...\n")
        .run();
    crate::test::assert_valid_junit(&out.path("out.xml"));
}

#[test]
fn no_colour_when_not_a_terminal_or_no_color() {
    for env in [&[][..], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")][..]] {
        let mut test = Test::new()
            .guide("```console\n$ echo a\nb\n```\n")
            .status(1)
            .stdout("...\n");
        for (k, v) in env {
            test = test.env(k, v);
        }
        let out = test.run();
        assert!(
            !out.stdout.contains('\u{1b}'),
            "escape codes in {}",
            out.stdout
        );
    }
}

#[test]
fn the_committed_json_schemas_are_the_ones_doccheck_prints() {
    for (kind, file) in [
        ("config", "doccheck.schema.json"),
        ("scenario", "scenario.schema.json"),
    ] {
        let committed =
            std::fs::read_to_string(crate::test::repo().join("docs/schema").join(file)).unwrap();
        let out = Test::new().args(&["--schema", kind]).stdout("...\n").run();
        assert_eq!(
            out.stdout, committed,
            "docs/schema/{file} is stale: run `doccheck --schema {kind} > docs/schema/{file}`"
        );
        let schema: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert!(schema["properties"].is_object(), "{schema}");
    }
}

/// Under GitHub Actions the job's page gets a summary: a table of the
/// guides, then each failing step with its place, command and diff, and the
/// guides that could not run; appended after what other steps wrote.
#[test]
fn the_github_job_summary_has_a_table_and_each_failure() {
    let out = Test::new()
        .write("docs/a.md", "```sh\ntrue\n```\n")
        .write(
            "docs/b.md",
            "# B\n\n```console\n$ echo new | tr a-z A-Z\nOLD\n```\n",
        )
        .write(
            "docs/c.md",
            "<!-- doccheck timeout=never -->\n```sh\ntrue\n```\n",
        )
        .write("summary.md", "earlier step's summary\n")
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", "summary.md")
        .args(&["docs", "-j", "1"])
        .status(2)
        .stdout("...\n")
        .stderr("...\n")
        .run();
    let summary = std::fs::read_to_string(out.path("summary.md")).unwrap();
    crate::test::assert_matches(
        "the job summary",
        "earlier step's summary
## doccheck: ❌ FAILED

3 guides: 1 passed, 1 failed, 1 with errors, 0 with nothing to run; steps: 1 passed, 1 failed, 0 skipped, 0 not run

| guide | status | steps | time |
| --- | --- | --- | ---: |
| docs/a.md | ✅ passed | 1 passed, 0 failed, 0 skipped, 0 not run | [..]s |
| docs/b.md | ❌ failed | 0 passed, 1 failed, 0 skipped, 0 not run | [..]s |
| docs/c.md | ❌ error |  |  |

### ❌ `docs/b.md:4` step 1: echo new \\| tr a-z A-Z

the output differs from the guide's

```diff
$ echo new | tr a-z A-Z
-OLD
+NEW
```

### ❌ `docs/c.md:1:1`: could not run

```text
`never` is not a duration[..]
```
",
        &summary,
        &summary,
    );
}

/// Outside GitHub Actions nothing is written, whatever GITHUB_STEP_SUMMARY says.
#[test]
fn no_job_summary_outside_github_actions() {
    let out = Test::new()
        .guide("```sh\ntrue\n```\n")
        .env("GITHUB_STEP_SUMMARY", "summary.md")
        .stdout("...\n")
        .run();
    assert!(!out.path("summary.md").exists());
}
