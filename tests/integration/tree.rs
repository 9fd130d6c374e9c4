//! A docs tree in one run: several paths, directories walked as ripgrep walks
//! them, globs, a configuration file, shards, and reports for many guides.

use crate::test::Test;

/// A small docs tree: two passing guides, one failing, one without code
/// blocks, one ignored by .gitignore, one hidden.
fn tree() -> Test {
    Test::new()
        .write("docs/intro.md", "# Intro\n\nNo code here.\n")
        .write(
            "docs/install.md",
            "```console\n$ echo installed\ninstalled\n```\n",
        )
        .write("docs/usage/run.md", "```console\n$ echo ran\nran\n```\n")
        .write(
            "docs/usage/broken.md",
            "```console\n$ echo actual\nexpected\n```\n",
        )
        .write("docs/drafts/wip.md", "```sh\nexit 9\n```\n")
        .write("docs/.hidden/secret.md", "```sh\nexit 9\n```\n")
        .write(".gitignore", "docs/drafts/\n")
}

#[test]
fn a_directory_is_walked_honouring_gitignore_and_hidden_files() {
    tree()
        .args(&["docs", "-j", "1"])
        .status(1)
        .stdout(
            "✓ docs/install.md  ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s
- docs/intro.md  nothing to run (no command or file block)
✗ docs/usage/broken.md  FAILED. 1 steps: 0 passed, 1 failed, 0 skipped, 0 not run; [..]s
✓ docs/usage/run.md  ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s

──
doccheck docs/usage/broken.md: 1 steps
✗   1  docs/usage/broken.md:1  echo actual  [..]s
        $ echo actual  (line 2)
        the output differs from the guide's
        output:
        │ actual
        diff (- expected, + actual):
          -expected
          +actual
docs/usage/broken.md: FAILED. 1 steps: 0 passed, 1 failed, 0 skipped, 0 not run; [..]s

doccheck: FAILED. 4 guides: 2 passed, 1 failed, 0 with errors, 1 with nothing to run; steps: 2 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn several_paths_and_a_glob() {
    tree()
        .args(&["docs/install.md", "docs/usage/*.md", "docs/install.md"])
        .status(1)
        .stdout("...\ndoccheck: FAILED. 3 guides: 2 passed, 1 failed, 0 with errors, 0 with nothing to run; [..]\n")
        .run();
    tree()
        .args(&["docs/usage/run.md", "docs/install.md"])
        .stdout("...\ndoccheck: ok. 2 guides: 2 passed, 0 failed, 0 with errors, 0 with nothing to run; [..]\n")
        .run();
    // Named alone, a guide with nothing to run is still an error.
    tree()
        .args(&["docs/intro.md"])
        .status(2)
        .stderr("error: docs/intro.md has no fenced code blocks: there is nothing to check\n")
        .run();
    tree()
        .args(&["docs/nothing/*.md"])
        .status(2)
        .stderr("error: the glob `docs/nothing/*.md` matches no guide\n")
        .run();
}

#[test]
fn an_error_in_one_guide_is_reported_for_it_and_the_others_still_run() {
    tree()
        .write("docs/usage/bad.md", "```sh timeout=soon\nls\n```\n")
        .args(&["docs/usage", "docs/install.md", "-j", "2"])
        .status(2)
        .stdout(
            "...\n✗ docs/usage/bad.md  error: docs/usage/bad.md:1:1: `soon` is not a duration ([..]); write e.g. 30s, 2m or 1h\n...\ndoccheck: FAILED. 4 guides: 2 passed, 1 failed, 1 with errors, 0 with nothing to run; [..]\n",
        )
        .stderr("error: docs/usage/bad.md:1:1: `soon` is not a duration ([..]); write e.g. 30s, 2m or 1h\n...\n")
        .run();
}

#[test]
fn the_configuration_sets_includes_excludes_languages_and_defaults() {
    tree()
        .write(".doccheck.yaml", "include: ['docs/**/*.md']\nexclude: ['docs/usage/broken.md']\ndefault-lang: console\ncommand-langs: [zsh]\n")
        .write("docs/usage/bare.md", "```\n$ echo bare fence\nbare fence\n```\n\n```zsh\necho zsh block\n```\n")
        .status(0)
        .stdout(
            "✓ docs/install.md  [..]
- docs/intro.md  nothing to run (no command or file block)
✓ docs/usage/bare.md  ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
✓ docs/usage/run.md  [..]

doccheck: ok. 4 guides: 3 passed, 0 failed, 0 with errors, 1 with nothing to run; [..]
",
        )
        .args(&["-j", "1"])
        .run();
    tree()
        .write(".doccheck.yaml", "include: [docs]\ntimeout: soon\n")
        .args(&["docs"])
        .status(2)
        .stderr("error: .doccheck.yaml:2:1: timeout: `soon` is not a duration ([..]); write e.g. 30s, 2m or 1h\n...\n")
        .run();
}

#[test]
fn partitions_split_the_guides_into_disjoint_shards() {
    let mut union: Vec<String> = Vec::new();
    for kind in ["count", "hash"] {
        let mut this: Vec<String> = Vec::new();
        for k in 1..=3 {
            let out = tree()
                .args(&["docs", "--list", "--partition", &format!("{kind}:{k}/3")])
                .stdout("...\n")
                .stderr("...\n")
                .run();
            this.extend(out.stdout.lines().filter(|l| l.contains("docs/")).map(|l| {
                l.split("  ")
                    .next()
                    .unwrap()
                    .trim_start_matches("- ")
                    .to_string()
            }));
        }
        this.sort();
        let mut unique = this.clone();
        unique.dedup();
        assert_eq!(this, unique, "{kind}: a guide is in two shards");
        assert_eq!(
            this,
            [
                "docs/install.md",
                "docs/intro.md",
                "docs/usage/broken.md",
                "docs/usage/run.md"
            ],
            "{kind}"
        );
        union.extend(this);
    }
    assert_eq!(union.len(), 8);
    tree()
        .args(&["docs", "--partition", "count:4/3"])
        .status(2)
        .stderr("error: invalid value 'count:4/3' for '--partition <KIND:K/N>': `count:4/3` is not a partition; write count:K/N, hash:K/N or duration:K/N, with 1 ≤ K ≤ N\n...\n")
        .run();
}

#[test]
fn json_lines_and_one_junit_file_with_a_suite_per_guide() {
    let out = tree()
        .args(&["docs", "--format", "json", "--junit", "report.xml"])
        .status(1)
        .stdout("...\n")
        .run();
    let documents: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON document per line"))
        .collect();
    let mut kinds: Vec<(String, String)> = documents
        .iter()
        .map(|d| {
            (
                d["guide"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("docs/install.md".to_string(), "run".to_string()),
            ("docs/intro.md".into(), "empty".into()),
            ("docs/usage/broken.md".into(), "run".into()),
            ("docs/usage/run.md".into(), "run".into()),
        ]
    );
    let xml = std::fs::read_to_string(out.path("report.xml")).unwrap();
    for suite in [
        "docs/install.md",
        "docs/usage/broken.md",
        "docs/usage/run.md",
    ] {
        assert!(
            xml.contains(&format!("<testsuite name=\"{suite}\"")),
            "{suite} in {xml}"
        );
    }
    assert_eq!(xml.matches("<testsuite ").count(), 3, "{xml}");
}

#[test]
fn guides_run_in_parallel() {
    let mut test = Test::new();
    for i in 0..4 {
        test = test.write(&format!("docs/g{i}.md"), "```sh\nsleep 1\n```\n");
    }
    let started = std::time::Instant::now();
    test.args(&["docs", "-j", "4"])
        .stdout("...\ndoccheck: ok. 4 guides: 4 passed, 0 failed, 0 with errors, 0 with nothing to run; [..]\n")
        .run();
    // Four one-second guides at once, not one after the other: a bound that
    // only a serial run misses, however slow the machine.
    assert!(
        started.elapsed().as_secs_f64() < 3.9,
        "{:?}",
        started.elapsed()
    );
}

/// `duration:K/N` deals guides by an earlier run's times, longest first:
/// the slow guide gets a shard of its own; `--list` says what each shard
/// is expected to take.
#[test]
fn duration_shards_follow_recorded_times() {
    // 3 s against 5 × 0.1 s: on a busy machine too, the quick ones together
    // take less than the slow one.
    let mut test = Test::new().write("docs/slow.md", "```sh\nsleep 3\n```\n");
    for i in 0..5 {
        test = test.write(&format!("docs/quick-{i}.md"), "```sh\nsleep 0.1\n```\n");
    }
    let dir = test.path("");
    let record = std::process::Command::new(crate::test::doccheck_binary())
        .args(["docs", "--format", "json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(record.status.code(), Some(0));
    std::fs::write(dir.join("timings.jsonl"), &record.stdout).unwrap();
    let shard = |k: u32| {
        Test::new().current_dir(&dir).args(&[
            "docs",
            "--list",
            "--partition",
            &format!("duration:{k}/2"),
            "--timings",
            dir.join("timings.jsonl").to_str().unwrap(),
        ])
    };
    shard(1)
        .stdout("docs/slow.md  1 steps\n1 guides, 0 with nothing to run\n")
        .stderr("▶ shard 1/2: 1 guides, 3.[..]s recorded, 0 without a record\n  shard 2/2: 5 guides, [..]s recorded, 0 without a record\n")
        .run();
    shard(2)
        .stdout("docs/quick-0.md  1 steps\ndocs/quick-1.md  1 steps\ndocs/quick-2.md  1 steps\ndocs/quick-3.md  1 steps\ndocs/quick-4.md  1 steps\n5 guides, 0 with nothing to run\n")
        .stderr("  shard 1/2: [..]\n▶ shard 2/2: 5 guides, [..]\n")
        .run();
    Test::new()
        .current_dir(&dir)
        .args(&["docs", "--partition", "duration:1/2"])
        .status(2)
        .stderr("error: --partition duration:K/N deals guides by an earlier run's times: give --timings FILE (a --format json report or a JUnit file)\n")
        .run();
}
