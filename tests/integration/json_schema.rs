//! docs/schema/report.schema.json against real `--format json` documents of
//! every kind, validated with Python's jsonschema (.ci/setup installs it).

use std::path::Path;

use crate::test::{repo, Test};

const PASSING: &str = "```console\n$ echo a\na\n```\n\n```text file=notes.txt\nhi\n```\n";
const FAILING: &str = "```console\n$ echo a\nb\n$ printf 'x\\ny\\n'\n...\ny\n```\n\n```sh\nexit 3\n```\n\n<!-- doccheck skip=\"later\" -->\n```sh\ntrue\n```\n\n```text\nnot run\n```\n";
const SOURCE: &str = "# Install\n\nRun `make`:\n\n```sh\nmake install\n```\n";
const TRANSLATED: &str = "# Installer\n\nLancez `faire` :\n\n```sh\nmake installer\n```\n";

/// The JSON lines a run printed (with `--format json`).
fn documents(test: Test, status: i32) -> String {
    test.status(status)
        .stdout("...\n")
        .stderr("...\n")
        .run()
        .stdout
}

/// Validates every line of `lines` against the schema; the kinds seen, or the errors.
fn validate(lines: &str, dir: &Path) -> String {
    let file = dir.join("documents.jsonl");
    std::fs::write(&file, lines).unwrap();
    let script = r##"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
whole = jsonschema.Draft202012Validator(schema)
def of_kind(kind):
    return jsonschema.Draft202012Validator({"$ref": "#/$defs/" + kind, "$defs": schema["$defs"]})
kinds = set()
for n, line in enumerate(open(sys.argv[2]), 1):
    doc = json.loads(line)
    kinds.add(doc.get("kind"))
    if not whole.is_valid(doc):
        # The kind's own definition says which field is wrong.
        for e in of_kind(doc.get("kind", "run")).iter_errors(doc):
            print(f"line {n} ({doc.get('kind')}): {'/'.join(map(str, e.absolute_path))}: {e.message}")
        print(f"line {n} is not valid: {line}")
print("kinds: " + " ".join(sorted(kinds)))
"##;
    run_script(script, &file)
}

/// Runs the Python `script` with the schema's path and `file`'s; its stdout.
pub(crate) fn run_script(script: &str, file: &Path) -> String {
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(repo().join("docs/schema/report.schema.json"))
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "is jsonschema installed? .ci/setup installs it:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_kind_of_json_document_is_valid_against_the_schema() {
    let mut lines = String::new();
    let json = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        all.iter().map(|a| a.to_string()).collect::<Vec<_>>()
    };
    let run = |test: Test, args: &[&str], status: i32| {
        let args = json(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        documents(test.args(&args), status)
    };
    // run: passed, failed (a diff, exit code, skip, not run), kept workspace, nothing ran.
    lines += &run(Test::new().guide(PASSING), &["g.md"], 0);
    lines += &run(Test::new().guide(FAILING), &["g.md"], 1);
    lines += &run(
        Test::new().guide(FAILING).private_tmpdir(),
        &["g.md", "--keep-going", "--keep"],
        1,
    );
    lines += &run(
        Test::new().guide("<!-- doccheck skip=\"later\" -->\n```sh\ntrue\n```\n"),
        &["g.md"],
        1,
    );
    // --update: what it rewrote (the guide passes: verdict "updated"), or would.
    for (args, status) in [
        (&["g.md", "--update"][..], 0),
        (&["g.md", "--update", "--dry-run"], 1),
    ] {
        lines += &run(
            Test::new().guide("```console\n$ echo new\nold\n```\n"),
            args,
            status,
        );
    }
    // cached: the second run of a passing guide with --cache
    let cached = Test::new().guide(PASSING);
    let cache_dir = cached.path("cache").display().to_string();
    let out = cached
        .args(&["g.md", "--cache", &cache_dir])
        .stdout("...\n")
        .run();
    let again = Test::new().guide(PASSING);
    lines += &run(again, &["g.md", "--cache", &cache_dir], 0);
    drop(out);
    // list
    lines += &run(Test::new().guide(FAILING), &["g.md", "--list"], 0);
    // translation, with findings (a changed code block has a diff)
    lines += &run(
        Test::new()
            .write("docs/install.md", SOURCE)
            .write("docs/fr-fr/install.md", TRANSLATED),
        &["--translation", "docs/fr-fr/install.md"],
        1,
    );
    // error: a scenario error, several annotation errors, a usage error
    lines += &run(
        Test::new().guide(PASSING).write(
            "s.yaml",
            "guides: [g.md]\nblocks:\n  - line: nowhere\n    skip: x\n",
        ),
        &["g.md", "--scenario", "s.yaml"],
        2,
    );
    lines += &run(
        Test::new().guide("<!-- doccheck fiel=x -->\n```sh exit=two\nls\n```\n"),
        &["g.md"],
        2,
    );
    lines += &run(Test::new().guide(PASSING), &["g.md", "--step", "9"], 2);
    // empty: a markdown file without blocks in a directory run
    lines += &run(
        Test::new()
            .write("docs/intro.md", "# Just prose\n")
            .write("docs/run.md", PASSING),
        &["docs"],
        0,
    );
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        validate(&lines, dir.path()),
        "kinds: empty error list run translation\n",
        "{lines}"
    );
    for expected in [
        "\"verdict\":\"nothing-ran\"",
        "\"verdict\":\"updated\"",
        "\"verdict\":\"cached\"",
        "\"updates\":[{\"file\":\"g.md\",\"line\":2,",
        "\"workspace\":\"/",
        "\"related\":[{",
        "\"rule\":\"code-block-changed\"",
    ] {
        assert!(lines.contains(expected), "{expected} in {lines}");
    }
}

#[test]
fn the_schema_is_strict() {
    let out = Test::new()
        .guide(PASSING)
        .args(&["g.md", "--format", "json"])
        .stdout("...\n")
        .run();
    let run: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut doc = run.clone();
        change(&mut doc);
        format!("{doc}\n")
    };
    let cases = [
        // Valid: what --update adds to a run document.
        with(&|d| {
            d["verdict"] = "updated".into();
            d["updates"] = serde_json::json!([
                {"file": "g.md", "line": 3, "command": "echo a", "what": "expected output"}
            ]);
        }),
        // Invalid, each one way.
        with(&|d| d["verdict"] = "updated".into()).replace("\"passed\":true", "\"passed\":false"),
        with(&|d| d["verdict"] = "fine".into()),
        with(&|d| d["extra"] = 1.into()),
        with(&|d| {
            d.as_object_mut().unwrap().remove("summary");
        }),
        with(&|d| d["steps"][0]["status"] = "done".into()),
        with(&|d| d["updates"] = serde_json::json!([{"file": "g.md", "line": "3"}])),
    ];
    let dir = tempfile::tempdir().unwrap();
    let report = validate(&cases.concat(), dir.path());
    let invalid: Vec<&str> = report
        .lines()
        .filter_map(|l| l.split_once(" is not valid: ").map(|(line, _)| line))
        .collect();
    assert_eq!(
        invalid,
        ["line 2", "line 3", "line 4", "line 5", "line 6", "line 7"],
        "{report}"
    );
    // The translation rules are doccheck-l10n's, all of them.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/schema/report.schema.json")).unwrap(),
    )
    .unwrap();
    let rules: Vec<&str> = schema["$defs"]["finding"]["properties"]["rule"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let known: Vec<&str> = doccheck_l10n::RULES.iter().map(|r| r.name).collect();
    assert_eq!(
        rules, known,
        "docs/schema/report.schema.json: the finding rules"
    );
}
