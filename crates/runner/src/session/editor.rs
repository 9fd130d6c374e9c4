//! Pagers and editors, which wait for a person at a terminal: in a run
//! nobody is there. Pagers are `cat` (`PAGER`, `GIT_PAGER`, `MANPAGER`,
//! `SYSTEMD_PAGER`), so `git log` prints and returns; an editor
//! (`EDITOR`, `VISUAL`, `GIT_EDITOR`, and `vi`, `vim`, `nvim`, `nano`,
//! `emacs` typed at the prompt) fails at once, saying so, unless the step
//! feeds it keys with `stdin:`. git never asks for a password
//! (`GIT_TERMINAL_PROMPT=0`). The guide's `env:` and `pass-env:` win.

use std::path::Path;

/// The helper every editor variable names, written in the run's control
/// directory, and the variables.
pub fn defaults(control: &Path) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = [
        ("PAGER", "cat"),
        ("GIT_PAGER", "cat"),
        ("MANPAGER", "cat"),
        ("SYSTEMD_PAGER", "cat"),
        ("GIT_TERMINAL_PROMPT", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let helper = control.join("editor");
    if write_helper(&helper).is_ok() {
        for name in ["EDITOR", "VISUAL", "GIT_EDITOR"] {
            env.push((name.to_string(), helper.display().to_string()));
        }
        env.push(("DOCCHECK_EDITOR".to_string(), helper.display().to_string()));
    }
    env
}

/// What an editor started without keys to read says, and its exit code 1;
/// with keys fed (`DOCCHECK_STDIN` set for the command), `vi` reads them.
const HELPER: &str = r#"#!/bin/sh
if [ -n "${DOCCHECK_STDIN-}" ]; then exec vi "$@"; fi
echo "doccheck: an editor was started (${DOCCHECK_EDITING:-\$EDITOR} $*), and no one is there to type: set EDITOR (in the scenario's env:, e.g. EDITOR='sed -i s/old/new/') or feed it keys with stdin:" >&2
exit 1
"#;

fn write_helper(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, HELPER)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
}

/// bash functions for the editors a guide types at the prompt: they run
/// when keys are fed, and else the helper says why not.
pub fn functions() -> String {
    let mut out = String::new();
    for editor in ["vi", "vim", "nvim", "nano", "emacs"] {
        out.push_str(&format!(
            "{editor}() {{ if [ -n \"${{DOCCHECK_STDIN-}}\" ] || [ -z \"${{DOCCHECK_EDITOR-}}\" ]; then command {editor} \"$@\"; else DOCCHECK_EDITING={editor} \"$DOCCHECK_EDITOR\" \"$@\"; fi; }}\n"
        ));
    }
    out
}
