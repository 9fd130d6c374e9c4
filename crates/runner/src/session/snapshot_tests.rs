use super::*;
use std::process::Command;

/// Runs `setup`, snapshots, runs `guide` inside a function (as the session
/// sources commands), snapshots again: the state between the two.
fn capture(setup: &str, guide: &str) -> String {
    let print = print_command();
    let script = format!(
        "{setup}\nshopt -s expand_aliases\n{print}\necho __cut__\n__dc_step() {{ {guide}\n}}\n__dc_step\n{print}\n"
    );
    let out = bash(&script);
    let (before, after) = out.split_once("__cut__\n").unwrap();
    Snapshot::parse(after).since(&Snapshot::parse(before), Path::new("/tmp"))
}

/// Sources `state` inside a function in a fresh bash, then runs `check`.
fn restore(setup: &str, state: &str, check: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.sh");
    std::fs::write(&file, state).unwrap();
    let script = format!(
        "{setup}\nshopt -s expand_aliases\n__dc() {{ . '{}'; }}\n__dc\n{check}\n",
        file.display()
    );
    bash(&script)
}

/// What bash prints running `script`, which must succeed.
fn bash(script: &str) -> String {
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-c", script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{script}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn what_the_guide_set_is_captured_and_nothing_else() {
    let state = capture(
        "export HOME=/ws/home KEEP=1 GONE=1; greet() { echo doccheck; }",
        "export NAME='two words'; count=3; declare -ga list=(a 'b c'); hi() { echo \"hi $1\"; }; alias ll='ls -l'; set -o pipefail; unset GONE; cd /tmp",
    );
    assert!(
        state.contains("declare -g -x NAME=\"two words\"\n"),
        "{state}"
    );
    assert!(state.contains("declare -g -- count=\"3\"\n"), "{state}");
    assert!(state.contains("hi () \n"), "{state}");
    assert!(state.contains("alias ll='ls -l'\n"), "{state}");
    assert!(state.contains("set -o pipefail\n"), "{state}");
    assert!(state.contains("unset -v GONE\n"), "{state}");
    assert!(state.ends_with("cd -- '/tmp'\n"), "{state}");
    for own in ["HOME=", "KEEP=", "greet", "__dc", "PWD=", "BASH"] {
        assert!(!state.contains(own), "{own} is the session's own: {state}");
    }
}

#[test]
fn a_restored_state_is_the_state_the_guide_left() {
    let state = capture(
        "export GONE=1",
        "export NAME='two words'; declare -ga list=(a 'b c'); declare -gA map=([k]='v w'); hi() { echo \"hi $1\"; }; multi=$'line 1\\nline 2'; alias say='echo said'; unset GONE; cd /tmp",
    );
    let out = restore(
        "export GONE=1",
        &state,
        "echo \"$NAME|${list[1]}|${map[k]}|$(hi you)|$PWD|${GONE-unset}\"; printf '%s\\n' \"$multi\"; bash -c 'echo \"exported: $NAME\"'\nsay it",
    );
    assert_eq!(
        out,
        "two words|b c|v w|hi you|/tmp|unset\nline 1\nline 2\nexported: two words\nsaid it\n"
    );
}

#[test]
fn values_with_quotes_and_newlines_survive() {
    let state = capture("", r#"weird="it's \"quoted\" \$HOME \`x\`"; nl=$'a\nb'"#);
    let out = restore("", &state, "printf '%s|%s\\n' \"$weird\" \"$nl\"");
    assert_eq!(out, "it's \"quoted\" $HOME `x`|a\nb\n");
}

#[test]
fn a_moved_state_names_the_new_workspace() {
    let state =
        "declare -g -x PATH=\"/tmp/doccheck-a/work/bin:/usr/bin\"\ncd -- '/tmp/doccheck-a/work/app'\n";
    let moved = moved(
        state,
        Path::new("/tmp/doccheck-a"),
        Path::new("/tmp/doccheck-b"),
    );
    assert_eq!(
        moved,
        "declare -g -x PATH=\"/tmp/doccheck-b/work/bin:/usr/bin\"\ncd -- '/tmp/doccheck-b/work/app'\n"
    );
}
