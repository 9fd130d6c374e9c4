//! `--update`: stale expected output and status lines rewritten in place,
//! wildcards that still match kept, every other byte of the guide kept.

use crate::test::Test;

/// A guide whose transcripts went stale, with CRLF line endings.
const STALE: &str = "# Release notes tool\r\n\r\nInstall it, then:\r\n\r\n```console\r\n$ printf 'notes 2.1.0\\nbuilt [at] 12:00\\n'\r\nnotes 2.0.0\r\nbuilt [..]\r\n$ printf 'a\\nb\\nc\\nd\\n'\r\na\r\n...\r\nd\r\n$ ls missing-file\r\n? 1\r\nls: cannot access 'missing-file': No such file or directory\r\n$ echo fine\r\nfine\r\n```\r\n\r\n> ```console\r\n> $ echo quoted; echo second\r\n> quoted\r\n> ```\r\n\r\nThe end.\r\n";

const UPDATED: &str = "# Release notes tool\r\n\r\nInstall it, then:\r\n\r\n```console\r\n$ printf 'notes 2.1.0\\nbuilt [at] 12:00\\n'\r\nnotes 2.1.0\r\nbuilt [..]\r\n$ printf 'a\\nb\\nc\\nd\\n'\r\na\r\n...\r\nd\r\n$ ls missing-file\r\n? 2\r\nls: cannot access 'missing-file': No such file or directory\r\n$ echo fine\r\nfine\r\n```\r\n\r\n> ```console\r\n> $ echo quoted; echo second\r\n> quoted\r\n> second\r\n> ```\r\n\r\nThe end.\r\n";

#[test]
fn stale_outputs_and_exit_codes_are_rewritten_in_place() {
    let out = Test::new()
        .write("docs/notes.md", STALE)
        .args(&["docs/notes.md", "--update"])
        .stdout("...\ndocs/notes.md: updated. 2 steps: 0 passed, 2 rewritten, 0 skipped, 0 not run; [..]\n")
        .stderr(
            "updated docs/notes.md:6: expected output of `printf 'notes 2.1.0\\nbuilt [at] 12:00\\n'`
updated docs/notes.md:13: exit code (2) of `ls missing-file`
updated docs/notes.md:21: expected output of `echo quoted; echo second`
",
        )
        .run();
    let text = std::fs::read_to_string(out.path("docs/notes.md")).unwrap();
    assert_eq!(text, UPDATED);
    // The updated guide passes as it stands.
    Test::new()
        .write("docs/notes.md", &text)
        .args(&["docs/notes.md"])
        .stdout("...\ndocs/notes.md: ok. [..]\n")
        .run();
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let out = Test::new()
        .write("docs/notes.md", STALE)
        .args(&["docs/notes.md", "--update", "--dry-run"])
        .status(1)
        .stdout("...\n--- docs/notes.md\n+++ docs/notes.md (updated)\n...\n-notes 2.0.0\n+notes 2.1.0\n...\ndocs/notes.md: FAILED. [..]\n")
        .stderr("would update docs/notes.md:6: [..]\n...\n")
        .run();
    assert_eq!(
        std::fs::read_to_string(out.path("docs/notes.md")).unwrap(),
        STALE
    );
}

#[test]
fn a_translation_is_never_rewritten() {
    let out = Test::new()
        .write("docs/notes.md", "```console\n$ echo new\nold\n```\n")
        .write("docs/fr-fr/notes.md", "```console\n$ echo new\nold\n```\n")
        .args(&["docs/fr-fr/notes.md", "--update"])
        .status(1)
        .stdout("...\n")
        .stderr("docs/fr-fr/notes.md: not rewritten: a translation's code comes from its source (docs/notes.md): update that, then the translation\n")
        .run();
    assert_eq!(
        std::fs::read_to_string(out.path("docs/fr-fr/notes.md")).unwrap(),
        "```console\n$ echo new\nold\n```\n"
    );
}

/// The verdict the terminal, JSON and JUnit give after a rewrite is the exit code's.
#[test]
fn a_rewritten_guide_passes_in_every_report_and_exits_0() {
    let out = Test::new()
        .write("docs/notes.md", STALE)
        .args(&["docs/notes.md", "--update", "--format", "json", "--junit", "out.xml"])
        .stdout("{\"schema_version\":1,\"kind\":\"run\",\"guide\":\"docs/notes.md\",\"scenario\":null,\"verdict\":\"updated\",\"passed\":true,[..]\"updates\":[{\"file\":\"docs/notes.md\",\"line\":6,\"command\":\"printf 'notes 2.1.0\\\\nbuilt [at] 12:00\\\\n'\",\"what\":\"expected output\"},{\"file\":\"docs/notes.md\",\"line\":13,\"command\":\"ls missing-file\",\"what\":\"exit code (2)\"},{\"file\":\"docs/notes.md\",\"line\":21,\"command\":\"echo quoted; echo second\",\"what\":\"expected output\"}]}\n")
        .stderr("...\n")
        .run();
    let xml = std::fs::read_to_string(out.path("out.xml")).unwrap();
    assert!(xml.contains("failures=\"0\""), "{xml}");
    assert!(!xml.contains("<failure"), "{xml}");
}

/// A guide with a failure that is not a stale transcript stays failed after the rewrite.
#[test]
fn a_real_failure_keeps_the_guide_failed_after_a_rewrite() {
    let guide = "```console\n$ echo new\nold\n```\n\n```sh\nfalse\n```\n";
    let out = Test::new()
        .write("g.md", guide)
        .args(&["g.md", "--update"])
        .status(1)
        .stdout("...\ng.md: FAILED. 2 steps: 0 passed, 2 failed, 0 skipped, 0 not run; [..]\n")
        .stderr("updated g.md:2: expected output of `echo new`\n")
        .run();
    assert_eq!(
        std::fs::read_to_string(out.path("g.md")).unwrap(),
        "```console\n$ echo new\nnew\n```\n\n```sh\nfalse\n```\n"
    );
}

/// The edits are worked out on the guide as it was read: a guide edited
/// while it ran is not overwritten with them.
#[test]
fn a_guide_edited_during_the_run_is_not_rewritten() {
    let test = Test::new();
    let path = test.path("g.md");
    let guide = "```console\n$ echo new; echo '<!-- edited -->' >> \"$GUIDE\"\nold\n```\n";
    let out = test
        .write("g.md", guide)
        .args(&[
            "g.md",
            "--update",
            "--var",
            &format!("GUIDE={}", path.display()),
        ])
        .status(1)
        .stdout("...\ng.md: FAILED. [..]\n")
        .stderr("g.md: not rewritten: the guide was edited while it ran: run --update again\n")
        .run();
    assert_eq!(
        std::fs::read_to_string(out.path("g.md")).unwrap(),
        format!("{guide}<!-- edited -->\n")
    );
}
