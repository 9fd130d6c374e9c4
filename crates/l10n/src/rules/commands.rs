//! `technical-token-translated`: a command the page's code runs (`curl`,
//! `dapr`, `kubectl`), named in the source's prose, gone from the
//! translation, translated as a word (`команда с *фигурой*`, `使用卷调用`) or
//! dropped. The reader can no longer tell what to run.

use std::collections::HashSet;

use super::side::{certain, Raw, Side};

/// Commands that are also English verbs or words (`find`, `sort`): in
/// prose they are more often the word, which a translation translates.
const WORDS: &[&str] = &[
    "find", "sort", "type", "set", "make", "touch", "export", "test", "time", "which", "echo",
    "read", "run", "start", "kill", "wait", "sleep", "head", "tail", "watch", "open", "cut",
    "join", "split", "paste", "more", "less", "print", "shift", "trap", "source", "exec", "eval",
    "true", "false", "help", "install", "update", "build", "new", "add", "list", "get", "use",
    "code", "node", "view", "show", "clear", "copy", "move", "dir", "path", "date", "history",
    "top", "free", "file", "env", "tree", "config", "login", "logout", "init", "restore",
    "publish", "pack", "clean", "deploy", "create", "delete", "remove", "apply", "describe",
    "logs", "exit", "call", // A shell's keywords, not commands.
    "function", "foreach", "for", "if", "else", "elseif", "while", "until", "do", "done", "then",
    "fi", "case", "esac", "switch", "param", "return", "begin", "process", "end", "try", "catch",
    "finally", "throw", "break", "continue", "filter", "class", "enum", "using", "import", "from",
    "let", "var", "const", "local", "declare",
];

/// Languages of code blocks that hold commands (a shell's), not a
/// program's source.
const SHELLS: &[&str] = &[
    "bash",
    "sh",
    "shell",
    "console",
    "cmd",
    "powershell",
    "pwsh",
    "azurecli",
    "dotnetcli",
    "cli",
    "zsh",
    "terminal",
];

/// The first word of each line of the shell code blocks (`lang`, content;
/// after a prompt), in lower case: the commands the page runs.
pub(crate) fn commands_run<'a>(
    blocks: impl IntoIterator<Item = (String, &'a str)>,
) -> HashSet<String> {
    let mut out = HashSet::new();
    for (lang, block) in blocks {
        if !SHELLS.contains(&lang.to_ascii_lowercase().as_str()) {
            continue;
        }
        // A prompt (`$ `, `PS> `, `C:\>`): where a block shows one, its
        // other lines are the commands' output.
        let after_prompt = |line: &str| -> Option<usize> {
            let l = line.trim_start();
            let lead = line.len() - l.len();
            if let Some(p) = ["$ ", "> ", "PS> ", "# "]
                .iter()
                .find(|p| l.starts_with(**p))
            {
                return Some(lead + p.len());
            }
            // `C:\>`, `PS C:\Users>`: a drive, a path, `>`.
            let path = l.strip_prefix("PS ").unwrap_or(l);
            let drive = path.len() > 3 && path.as_bytes()[1] == b':' && path.as_bytes()[2] == b'\\';
            drive
                .then(|| path.find('>'))
                .flatten()
                .map(|e| line.len() - path.len() + e + 1)
        };
        let prompted = block.lines().any(|l| after_prompt(l).is_some());
        for line in block.lines() {
            let line = match after_prompt(line) {
                Some(at) => line[at..].trim_start(),
                None if prompted => continue,
                None => line.trim_start(),
            };
            // A line of prose (a command's output or help text, wrapped):
            // a sentence's end, or words only, several of them.
            let words: Vec<&str> = line.split_whitespace().collect();
            let prose = line.trim_end().ends_with(['.', ',', ':', ';'])
                || (words.len() >= 5
                    && words
                        .iter()
                        .all(|w| w.chars().all(|c| c.is_ascii_alphabetic())));
            if prose {
                continue;
            }
            if let Some(&w) = words.first() {
                let plain = w.len() >= 3
                    && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !WORDS.contains(&w)
                    && !crate::text::is_english_word(w);
                if plain {
                    out.insert(w.to_string());
                }
            }
        }
    }
    out
}

pub(super) fn command_gone(t: &Side, s: &Side, run: &HashSet<String>, out: &mut Vec<Raw>) {
    // A sentence, not a megabyte: each command looks through the whole text.
    if run.is_empty() || t.text.len() > 20_000 {
        return;
    }
    let lower = t.text.to_lowercase();
    let mut seen = HashSet::new();
    for &(_, w) in &s.words {
        let w = w.trim_matches(|c: char| "*_".contains(c));
        if !run.contains(w) || !seen.insert(w) {
            continue;
        }
        let kept = lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        });
        if kept {
            continue;
        }
        out.push((
            "technical-token-translated",
            0,
            certain(&format!(
                "the command \"{w}\" of the source, which the page's code runs, is not in the translation: translated or dropped; keep \"{w}\""
            )),
        ));
    }
}

/// A segment that is a command line of its own, as a reference page's
/// headings are (`dotnet ef database drop`, `Drop-Database`): its words
/// are the command's, none of them to translate (`dotnet ef 데이터베이스
/// 삭제`).
pub(super) fn command_line_gone(t: &Side, s: &Side, run: &HashSet<String>, out: &mut Vec<Raw>) {
    let line = s.text.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let plain = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
    };
    let command = words.len() >= 2 && run.contains(words[0]) && words.iter().all(|w| plain(w));
    // A cmdlet's name alone, whatever its verb (`Drop-Database`).
    let cmdlet = words.len() == 1
        && line.split_once('-').is_some_and(|(verb, noun)| {
            [verb, noun].iter().all(|p| {
                p.len() >= 2
                    && p.starts_with(|c: char| c.is_ascii_uppercase())
                    && p.chars().all(|c| c.is_ascii_alphanumeric())
                    && p.chars().any(|c| c.is_ascii_lowercase())
            })
        });
    if !(command || cmdlet) {
        return;
    }
    let squeeze = |x: &str| {
        x.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if squeeze(t.text).contains(&squeeze(line)) {
        return;
    }
    out.push((
        "technical-token-translated",
        0,
        certain(&format!(
            "the command \"{line}\" is not in the translation as written: its words are the command's, not words to translate; keep \"{line}\""
        )),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    #[test]
    fn a_command_of_the_code_gone() {
        let run = commands_run([
            (
                "bash".to_string(),
                "curl -X GET http://localhost:3500/v1.0/state\nfind . -name x",
            ),
            ("csharp".to_string(), "public class X {}"),
        ]);
        assert!(run.contains("curl") && !run.contains("find") && !run.contains("public"));
        // A block with prompts: the other lines are output, help text.
        let shown = commands_run([(
            "console".to_string(),
            "C:\\>makepri help\n    MakePri.exe createconfig   Creates a config for other\n                               commands\nthe property of the object\n",
        )]);
        assert_eq!(shown, HashSet::from(["makepri".to_string()]));
        let found = |tr, src| run_rule(|t, s, o| command_gone(t, s, &run, o), tr, src).len();
        let src = "In the example below, a *curl* command retrieves the data:";
        assert_eq!(
            found("В примере ниже команда с *фигурой* получает данные:", src),
            1
        );
        assert_eq!(
            found("В примере ниже команда *curl* получает данные:", src),
            0
        );
        assert_eq!(found("Найдите файлы:", "Find the files:"), 0);
    }
}

#[cfg(test)]
mod line_tests {
    use super::super::side::run_rule;
    use super::*;

    #[test]
    fn a_command_line_as_a_heading() {
        let run = HashSet::from(["dotnet".to_string()]);
        let found = |tr: &str, src: &str| {
            run_rule(|t, s, out| command_line_gone(t, s, &run, out), tr, src).len()
        };
        assert_eq!(
            found("dotnet ef 데이터베이스 삭제", "dotnet ef database drop"),
            1
        );
        assert_eq!(found("删除数据库", "Drop-Database"), 1);
        assert_eq!(
            found("dotnet ef database drop", "dotnet ef database drop"),
            0
        );
        assert_eq!(found("Drop-Database", "Drop-Database"), 0);
        // Prose, or a command the page does not run.
        assert_eq!(found("dotnet 설치", "Install dotnet"), 0);
        assert_eq!(found("git 사용", "git clone"), 0);
        assert_eq!(found("기본 제공", "Built-in"), 0);
    }
}
