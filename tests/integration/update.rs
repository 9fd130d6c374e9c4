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
        .stdout("...\n")
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
        .stdout("...\n--- docs/notes.md\n+++ docs/notes.md (updated)\n...\n-notes 2.0.0\n+notes 2.1.0\n...\n")
        .stderr("...\n")
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
