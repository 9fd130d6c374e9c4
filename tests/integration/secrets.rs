//! Secrets never shown: the value of a variable whose name says token or
//! password, or that `--secret` or `secrets:` names, is masked in every
//! report (terminal, JSON, JUnit, HTML, annotations, the job summary) and in what
//! `--update` writes, while the commands run with the real value.

use crate::test::Test;

const VALUE: &str = "s3cr3t-value-42";

/// A guide that prints the secret where a reader sees it, and fails.
const LEAKY: &str = "```console\n$ echo \"token: $API_TOKEN\"\ntoken: wrong\n```\n";

fn assert_hidden(what: &str, text: &str) {
    assert!(!text.contains(VALUE), "{what} shows the secret:\n{text}");
    assert!(
        !text.contains("s3cr3t"),
        "{what} shows part of the secret:\n{text}"
    );
}

#[test]
fn a_token_is_masked_in_every_report_of_a_failing_step() {
    let out = Test::new()
        .guide(LEAKY)
        .env("API_TOKEN", VALUE)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", "summary.md")
        .args(&["g.md", "--junit", "out.xml", "--html", "out.html"])
        .status(1)
        .stdout("...\n          +token: ***\n...\ng.md: FAILED. [..]\n")
        .run();
    assert_hidden("the terminal", &out.stdout);
    assert!(out.stdout.contains("::error file=g.md"), "{}", out.stdout);
    let xml = std::fs::read_to_string(out.path("out.xml")).unwrap();
    assert_hidden("JUnit", &xml);
    assert!(xml.contains("token: ***"), "{xml}");
    let html = std::fs::read_to_string(out.path("out.html")).unwrap();
    assert_hidden("the HTML report", &html);
    assert!(
        html.contains("token: ***"),
        "the HTML shows the masked output"
    );
    let summary = std::fs::read_to_string(out.path("summary.md")).unwrap();
    assert_hidden("the job summary", &summary);
    assert!(summary.contains("+token: ***"), "{summary}");

    let json = Test::new()
        .guide(LEAKY)
        .env("API_TOKEN", VALUE)
        .args(&["g.md", "--format", "json"])
        .status(1)
        .stdout("{[..]\"output\":\"token: ***\\n\"[..]}\n")
        .run();
    assert_hidden("JSON", &json.stdout);
}

/// The command ran with the real value: only the report hides it.
#[test]
fn the_command_still_gets_the_real_value() {
    Test::new()
        .guide("```sh\ntest \"$DB_PASSWORD\" = hunter2-long\n```\n")
        .env("DB_PASSWORD", "hunter2-long")
        .stdout("...\ng.md: ok. [..]\n")
        .run();
}

#[test]
fn secret_and_secrets_name_variables_whatever_their_names() {
    let guide = "```console\n$ echo \"$PLAIN_NAME\"\nnothing\n```\n";
    let out = Test::new()
        .guide(guide)
        .env("PLAIN_NAME", VALUE)
        .args(&["g.md", "--secret", "PLAIN_NAME"])
        .status(1)
        .stdout("...\n          +***\n...\n")
        .run();
    assert_hidden("--secret", &out.stdout);

    let out = Test::new()
        .write(
            "scenarios/s.yaml",
            "guides: [g.md]\nsecrets: [PLAIN_NAME]\n",
        )
        .guide(guide)
        .env("PLAIN_NAME", VALUE)
        .status(1)
        .stdout("...\n          +***\n...\n")
        .run();
    assert_hidden("secrets:", &out.stdout);

    Test::new()
        .guide(guide)
        .args(&["g.md", "--secret", "NOT_SET_ANYWHERE"])
        .status(2)
        .stderr("error: --secret NOT_SET_ANYWHERE: NOT_SET_ANYWHERE is not set in doccheck's environment, so there is no value to pass on and mask\n")
        .run();
}

/// What --update writes into the guide is a wildcard where the secret was,
/// so the guide passes again and holds no secret.
#[test]
fn update_writes_a_wildcard_where_the_secret_was() {
    let out = Test::new()
        .guide("```console\n$ echo \"token: $API_TOKEN (v2)\"\ntoken: [..] (v1)\n```\n")
        .env("API_TOKEN", VALUE)
        .args(&["g.md", "--update"])
        .stdout("...\ng.md: updated. [..]\n")
        .stderr("updated g.md:2: expected output of `echo \"token: $API_TOKEN (v2)\"`\n")
        .run();
    let text = std::fs::read_to_string(out.path("g.md")).unwrap();
    assert_eq!(
        text,
        "```console\n$ echo \"token: $API_TOKEN (v2)\"\ntoken: [..] (v2)\n```\n"
    );
    Test::new()
        .guide(&text)
        .env("API_TOKEN", VALUE)
        .stdout("...\ng.md: ok. [..]\n")
        .run();
}
