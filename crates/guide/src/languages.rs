//! What a fence's language says about its block: commands typed into a
//! terminal, a file with a conventional name, or neither. The translation
//! checker uses the same lists to flag a fence whose change alters how it runs.

/// Languages whose blocks are commands typed into a terminal.
pub const COMMAND_LANGS: &[&str] = &[
    "console",
    "shell",
    "sh",
    "bash",
    "shell-session",
    "shellsession",
    // VS Code's name for shell, which Runme's notebooks write.
    "shellscript",
    // The Azure CLI's, in bash: Microsoft's docs and Innovation Engine.
    "azurecli",
    "azurecli-interactive",
    SCRUT,
    MOONCRAM,
    TESTCASE,
];

/// scrut's test cases: transcripts of scrut's dialect.
pub const SCRUT: &str = "scrut";
/// scrut's test cases in Moon Cram's name, with `% key: value` lines.
pub const MOONCRAM: &str = "mooncram";

/// scrut's test cases in the name its earlier versions read as well.
pub const TESTCASE: &str = "testcase";

/// Whether blocks of `lang` are scrut's test cases.
pub fn is_scrut(lang: &str) -> bool {
    lang == SCRUT || lang == MOONCRAM || lang == TESTCASE
}

/// Languages Innovation Engine runs as commands besides the shell ones:
/// commands in its documents only (elsewhere a `terraform` block is HCL).
pub const INNOVATION_ENGINE_LANGS: &[&str] = &["terraform"];

/// Languages whose blocks are files with a conventional name, and that name.
pub const FILE_LANGS: &[(&str, &str)] = &[("dockerfile", "Dockerfile")];

pub fn is_command(lang: &str) -> bool {
    COMMAND_LANGS.contains(&lang)
}

/// The path a block of this language is written to when nothing else names one.
pub fn default_file(lang: &str) -> Option<&'static str> {
    FILE_LANGS
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, file)| *file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_files() {
        assert!(is_command("console") && is_command("shell-session"));
        assert!(!is_command("text"));
        assert_eq!(default_file("dockerfile"), Some("Dockerfile"));
        assert_eq!(default_file("yaml"), None);
    }
}
