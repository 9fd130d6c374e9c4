//! The CLI that explains itself: `--help`, `doccheck completions SHELL`,
//! `doccheck man`, guides named like those commands, report paths checked
//! before anything runs, and README's example guide.

use std::process::Command;

use crate::test::{repo, Test};

const GUIDE: &str = "```console\n$ echo hi\nhi\n```\n";

/// Every long flag `--help` lists, in its order.
fn long_flags() -> Vec<String> {
    let out = Test::new().args(&["--help"]).stdout("...\n").run();
    let mut flags: Vec<String> = out
        .stdout
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .split([' ', ','])
                .find(|w| w.starts_with("--"))
        })
        .map(|w| w.to_string())
        .collect();
    flags.dedup();
    assert!(flags.len() > 15, "{flags:?}");
    flags
}

#[test]
fn long_help_shows_examples_and_exit_codes_and_short_help_does_not() {
    let long = Test::new()
        .args(&["--help"])
        .stdout(
            "Run markdown guides' code blocks for real, as tests.
...
Commands:
  completions  Print the completion script for SHELL
  man          Print doccheck's man page
...
Examples:
  doccheck docs/install.md
      Run one guide, step by step; exit 0 if every step passed.
  doccheck docs/ --jobs 4 --partition hash:1/3 --junit shard-1.xml
      In CI: [..]
  doccheck docs/install.md --list
      [..]
  doccheck docs/install.md --update --dry-run
      [..]
  doccheck docs/install.md --watch
      [..]
  doccheck docs/install.md --checkpoints; doccheck docs/install.md --resume
      [..]
  doccheck --translation docs/fr-fr/install.md
      [..]
  doccheck ./man
      Run a guide or directory named like a subcommand (man, completions).

Exit codes:
  0         every step passed[..]
  1         a step failed, or no step ran at all[..]
  2         usage, guide, scenario or environment error[..]
  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM

`doccheck man` prints this help as a man page.
",
        )
        .run();
    let short = Test::new().args(&["-h"]).stdout("...\n").run();
    assert!(!short.stdout.contains("Exit codes"), "{}", short.stdout);
    assert!(short.stdout.lines().count() * 2 < long.stdout.lines().count());
}

#[test]
fn bash_completes_flags_commands_and_values_from_the_script() {
    let out = Test::new()
        .args(&["completions", "bash"])
        .stdout("_doccheck() {\n...\n")
        .run();
    std::fs::write(out.path("doccheck.bash"), &out.stdout).unwrap();
    // What bash does on Tab: the function that `complete -p` names, called
    // with COMP_WORDS and COMP_CWORD set, fills COMPREPLY.
    let script = r#"
set -euo pipefail
source ./doccheck.bash
spec=$(complete -p doccheck)
fn=${spec#*-F }; fn=${fn%% *}
tab() {
    COMP_LINE=$1; COMP_POINT=${#COMP_LINE}
    read -ra COMP_WORDS <<< "$COMP_LINE"
    if [[ $COMP_LINE == *' ' ]]; then COMP_WORDS+=(''); fi
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    "$fn" doccheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "$1|${COMPREPLY[*]}"
}
tab 'doccheck --jun'
tab 'doccheck --partit'
tab 'doccheck comp'
tab 'doccheck --format '
tab 'doccheck completions f'
"#;
    let ran = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .current_dir(out.path(""))
        .output()
        .expect("bash runs");
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "doccheck --jun|--junit\n\
         doccheck --partit|--partition\n\
         doccheck comp|completions\n\
         doccheck --format |human json json-events\n\
         doccheck completions f|fish\n",
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
}

#[test]
fn every_shell_gets_a_completion_script_and_a_wrong_one_is_a_usage_error() {
    for (shell, start) in [
        ("bash", "_doccheck() {"),
        ("zsh", "#compdef doccheck"),
        ("fish", "# Print an optspec for argparse"),
        ("elvish", ""),
        ("powershell", ""),
    ] {
        let out = Test::new()
            .args(&["completions", shell])
            .stdout("...\n")
            .run();
        assert!(out.stdout.starts_with(start), "{shell}: {}", out.stdout);
        assert!(out.stdout.contains("junit"), "{shell}: {}", out.stdout);
    }
    Test::new()
        .args(&["completions", "tcsh"])
        .status(2)
        .stderr("error: invalid value 'tcsh' for '<SHELL>'\n...\n")
        .run();
    Test::new()
        .args(&["completions"])
        .status(2)
        .stderr("error: the following required arguments were not provided:\n...\n")
        .run();
}

#[test]
fn the_man_page_is_roff_with_every_flag_exit_status_and_examples() {
    let out = Test::new()
        .args(&["man"])
        .stdout(".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n.TH doccheck 1 [..]\n...\n")
        .run();
    let page = &out.stdout;
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "{section} in\n{page}");
    }
    // In roff a flag's dashes are escaped: `\-\-junit`.
    for flag in long_flags() {
        let escaped = flag.replace('-', "\\-");
        assert!(page.contains(&escaped), "{flag} ({escaped}) in\n{page}");
    }
    // Where man-db is installed, the page renders, with every flag.
    if Command::new("man").arg("--version").output().is_ok() {
        std::fs::write(out.path("doccheck.1"), page).unwrap();
        let shown = Command::new("man")
            .args(["-l", "doccheck.1"])
            .current_dir(out.path(""))
            .env("MANWIDTH", "200")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .expect("man runs");
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(
            shown.status.success(),
            "{}",
            String::from_utf8_lossy(&shown.stderr)
        );
        for flag in long_flags() {
            assert!(text.contains(&flag), "{flag} in\n{text}");
        }
        assert!(
            text.contains("EXIT STATUS") && text.contains("130, 143"),
            "{text}"
        );
    }
}

#[test]
fn a_guide_named_like_a_command_runs_as_a_path() {
    let test = || {
        Test::new()
            .write("man", GUIDE)
            .write("completions/g.md", GUIDE)
    };
    test()
        .args(&["./man"])
        .stdout("doccheck ./man: 1 steps\n✓   1  ./man:1  echo hi  [..]s\n./man: ok. [..]\n")
        .run();
    test()
        .args(&["--", "man"])
        .stdout("doccheck man: 1 steps\n...\nman: ok. [..]\n")
        .run();
    test()
        .args(&["--list", "man", "completions"])
        .stdout("man  1 steps\ncompletions/g.md  1 steps\n2 guides, 0 with nothing to run\n")
        .run();
    // The first word is the command; doccheck says how to reach the guide.
    test()
        .args(&["man"])
        .stdout(".ie [..]\n...\n")
        .stderr("note: `man` is doccheck's subcommand; to run the guide ./man, write `doccheck ./man`\n")
        .run();
    // A command takes none of the run's flags.
    test()
        .args(&["man", "--list"])
        .status(2)
        .stderr("error: unexpected argument '--list' found\n...\n")
        .run();
}

#[test]
fn a_report_that_cannot_be_written_is_a_usage_error_before_anything_runs() {
    let cases = [
        (
            "missing/report.xml",
            "error: --junit missing/report.xml: the directory missing does not exist\n",
        ),
        (
            "reports",
            "error: --junit reports: is a directory; give a file path\n",
        ),
        (
            "g.md/report.xml",
            "error: --junit g.md/report.xml: g.md is not a directory\n",
        ),
        // Not writable even as root.
        (
            "/proc/doccheck-report.xml",
            "error: --junit /proc/doccheck-report.xml: cannot write in the directory /proc: [..]\n",
        ),
    ];
    for (path, message) in cases {
        let test = Test::new().write("reports/.keep", "");
        let ran = test.path("ran");
        test.guide(&format!("```sh\ntouch {}\n```\n", ran.display()))
            .args(&["g.md", "--junit", path])
            .status(2)
            .stderr(message)
            .run();
        assert!(!ran.exists(), "{path}: the guide ran");
    }
    // Where permissions bind (not as root): a read-only directory and file.
    if unsafe { libc::geteuid() } != 0 {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
        };
        for (path, message) in [
            (
                "ro/new.xml",
                "error: --junit ro/new.xml: cannot write in the directory ro: permission denied\n",
            ),
            (
                "ro/old.xml",
                "error: --junit ro/old.xml: cannot write it: permission denied\n",
            ),
        ] {
            let test = Test::new().guide(GUIDE).write("ro/old.xml", "");
            mode(&test.path("ro/old.xml"), 0o444);
            mode(&test.path("ro"), 0o555);
            let out = test
                .args(&["g.md", "--junit", path])
                .status(2)
                .stderr(message)
                .run();
            // So that the test's directory can be removed.
            mode(&out.path("ro"), 0o755);
        }
    }
    // A writable place is fine, and the report is written there.
    let out = Test::new()
        .guide(GUIDE)
        .write("reports/.keep", "")
        .args(&["g.md", "--junit", "reports/r.xml"])
        .stdout("...\n")
        .run();
    assert!(out.path("reports/r.xml").exists());
}

#[test]
fn readmes_example_guide_is_the_one_its_scenario_runs() {
    let real = std::fs::read_to_string(repo().join("examples/hello.md")).unwrap();
    let fixture =
        std::fs::read_to_string(repo().join("scenarios/readme/fixture/examples/hello.md")).unwrap();
    assert_eq!(
        real, fixture,
        "README.md runs examples/hello.md in scenarios/readme/fixture: copy it there"
    );
    Test::new()
        .current_dir(repo())
        .args(&["examples/hello.md"])
        .stdout("doccheck examples/hello.md: 4 steps\n...\nexamples/hello.md: ok. 4 steps: 4 passed, [..]\n")
        .run();
}

#[test]
fn readmes_examples_run_as_shown() {
    Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["README.md"])
        .stdout("doccheck README.md with scenarios/readme.yaml: [..]\n...\nREADME.md: ok. [..]\n")
        .run();
}
