//! `--format json-events`: the run's events as they happen, one JSON object
//! a line, each valid against the `event` definition of
//! docs/schema/report.schema.json (Python's jsonschema, as .ci/setup installs).

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::test::Test;

/// Validates each line against `$defs/event`; the events seen, or the errors.
fn validate(lines: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("events.jsonl");
    std::fs::write(&file, lines).unwrap();
    let script = r##"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
event = jsonschema.Draft202012Validator({"$ref": "#/$defs/event", "$defs": schema["$defs"]})
seen = []
for n, line in enumerate(open(sys.argv[2]), 1):
    doc = json.loads(line)
    seen.append(doc.get("event"))
    name = "event_" + str(doc.get("event")).replace("-", "_")
    if not event.is_valid(doc):
        one = jsonschema.Draft202012Validator({"$ref": "#/$defs/" + name, "$defs": schema["$defs"]})
        for e in one.iter_errors(doc):
            print(f"line {n}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        print(f"line {n} is not valid: {line}")
print("events: " + " ".join(seen))
"##;
    crate::json_schema::run_script(script, &file)
}

const GUIDE: &str =
    "```console\n$ echo a\na\n```\n\n```console\n$ echo b\nc\n```\n\n```sh\ntrue\n```\n";

#[test]
fn a_run_streams_its_events_in_order_and_each_is_valid() {
    let out = Test::new()
        .guide(GUIDE)
        .args(&["g.md", "--format", "json-events"])
        .status(1)
        .stdout("...\n")
        .run();
    assert_eq!(
        validate(&out.stdout),
        "events: guide-started step-started step-finished step-started step-finished step-finished guide-finished done\n",
        "{}",
        out.stdout
    );
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["steps"].as_array().unwrap().len(), 3);
    assert_eq!(lines[4]["result"]["status"], "failed");
    assert_eq!(lines[4]["result"]["commands"][0]["diff"][0]["text"], "c");
    assert_eq!(lines[5]["result"]["status"], "not-run");
    assert_eq!(lines[6]["run"]["verdict"], "failed");
    assert_eq!(lines[7]["exit_code"], 1);
    let times: Vec<u64> = lines
        .iter()
        .map(|l| l["elapsed_ms"].as_u64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
}

#[test]
fn other_modes_stream_their_events_too() {
    let mut lines = String::new();
    lines += &Test::new()
        .guide(GUIDE)
        .args(&["g.md", "--list", "--format", "json-events"])
        .stdout("...\n")
        .run()
        .stdout;
    lines += &Test::new()
        .write("docs/a.md", "# Prose only\n")
        .write("docs/b.md", "<!-- doccheck fiel=x -->\n```sh\nls\n```\n")
        .args(&["docs", "--format", "json-events"])
        .status(2)
        .stdout("...\n")
        .stderr("...\n")
        .run()
        .stdout;
    let report = validate(&lines);
    for event in ["listed", "empty", "error", "done"] {
        assert!(report.contains(event), "{report}");
    }
    assert!(!report.contains("not valid"), "{report}");
}

#[test]
fn events_arrive_while_the_guide_still_runs() {
    let test = Test::new().guide("```sh\necho first\n```\n\n```sh\nsleep 3\n```\n");
    let mut command = test.command();
    command
        .args(["g.md", "--format", "json-events"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let mut first_finished = None;
    while reader.read_line(&mut line).unwrap() > 0 {
        if line.contains("\"event\":\"step-finished\"") && line.contains("\"step\":1,") {
            first_finished = Some(child.try_wait().unwrap().is_none());
            break;
        }
        line.clear();
    }
    assert_eq!(
        first_finished,
        Some(true),
        "step 1's event came while the run went on"
    );
    child.wait().unwrap();
}
