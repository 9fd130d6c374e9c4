//! How a guide's command blocks are read, decided once per guide: which
//! line openings are prompts (`$ `, `% `, `❯ `, `PS> `, `> `, or the ones the
//! configuration names), and whether a `#` line is a comment or root's
//! prompt. Real docs write both: a command-line book puts
//! `# press Ctrl+d after the input` above `$ cat > notes.txt`; a system
//! administration page writes `# systemctl restart nginx`. The guide as a
//! whole decides, and the plan says which way it went.

/// The prompts recognised when the configuration names none. `> ` is a
/// prompt only in a block that has no other (fd's README writes
/// `> fd netfl`); after a `$ ` line it is bash's continuation prompt.
pub const DEFAULT_PROMPTS: &[&str] = &["$ ", "% ", "❯ ", "PS> ", "> "];

/// What a `#` line of a command block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hash {
    /// A comment for the reader (`# press Ctrl+d after the input`).
    #[default]
    Comment,
    /// Root's prompt (`# apt-get install nginx`).
    RootPrompt,
}

/// How the command blocks of one guide are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Line openings that start a command, longest first.
    pub prompts: Vec<String>,
    pub hash: Hash,
    /// Whether `prompts` came from the configuration or a scenario.
    pub configured: bool,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            prompts: DEFAULT_PROMPTS.iter().map(|p| p.to_string()).collect(),
            hash: Hash::Comment,
            configured: false,
        }
    }
}

/// Whether `line` (trailing whitespace removed) is a comment line: `#`
/// alone, or `#` and a space or another `#`; never a `#!` line.
pub fn is_comment(line: &str) -> bool {
    let line = line.trim_start();
    line == "#" || line.starts_with("# ") || line.starts_with("##") || line.starts_with("#\t")
}

impl Reading {
    /// The prompts `configured` names (`"# "` among them makes `#` root's
    /// prompt), or the defaults; `#` stays undecided until [`Reading::decide`].
    pub fn configured(configured: Option<&[String]>) -> Reading {
        match configured {
            Some(list) if !list.is_empty() => {
                let mut prompts: Vec<String> = list
                    .iter()
                    .filter(|p| !p.trim().is_empty())
                    .cloned()
                    .collect();
                prompts.sort_by_key(|p| std::cmp::Reverse(p.len()));
                let hash = if prompts.iter().any(|p| p.trim_end() == "#") {
                    Hash::RootPrompt
                } else {
                    Hash::Comment
                };
                Reading {
                    prompts,
                    hash,
                    configured: true,
                }
            }
            _ => Reading::default(),
        }
    }

    /// Decides what `#` means in a guide whose command blocks are
    /// `blocks`, when the configuration did not: root's prompt if no block
    /// uses a `$ ` prompt and most `#` lines that open a block read as
    /// commands, comments otherwise. Returns the note that says which.
    pub fn decide<'a>(&mut self, blocks: impl Iterator<Item = &'a str>) -> Option<String> {
        if self.configured {
            return None;
        }
        let mut dollar = false;
        let (mut hashes, mut commands) = (0, 0);
        for block in blocks {
            let mut first = true;
            for line in block.lines().map(str::trim_end) {
                if line.starts_with("$ ") || line == "$" {
                    dollar = true;
                }
                if line.trim().is_empty() {
                    continue;
                }
                if first {
                    if let Some(rest) = line.strip_prefix("# ") {
                        hashes += 1;
                        commands += usize::from(reads_as_command(rest));
                    }
                }
                first = false;
            }
        }
        if !dollar && hashes > 0 && commands * 2 > hashes {
            self.hash = Hash::RootPrompt;
            self.prompts.push("# ".to_string());
            self.prompts.sort_by_key(|p| std::cmp::Reverse(p.len()));
            return Some(format!(
                "`#` is root's prompt in this guide: no command block uses `$ `, and {commands} of the {hashes} `#` lines that open a block read as commands (`prompts:` in the scenario or .doccheck.yaml decides otherwise); they run as the user doccheck runs as"
            ));
        }
        None
    }

    /// The prompt a block's commands are typed after, if the block is a
    /// transcript: the one its first line (past blank and comment lines)
    /// starts with, or `$ ` when a later command of it does (the block then
    /// shows output before its first prompt, which is an error).
    pub fn block_prompt(&self, lines: &[&str]) -> Option<String> {
        let comments = self.hash == Hash::Comment;
        let first = lines
            .iter()
            .map(|l| l.trim_end())
            .find(|l| !(l.trim().is_empty() || (comments && is_comment(l))));
        if let Some(line) = first {
            if let Some(p) = self.prompts.iter().find(|p| starts_with_prompt(line, p)) {
                let dollar_later = lines.iter().any(|l| starts_with_prompt(l.trim_end(), "$ "));
                // `> ` after which a `$ ` line comes is continuation, not a prompt.
                if !(p == "> " && dollar_later) {
                    return Some(p.clone());
                }
            }
        }
        // A `$ ` line where a command starts, read as bare lines (never a
        // heredoc's body line): a transcript that shows output first.
        let starts = crate::shell::split(lines);
        let dollar = starts
            .iter()
            .any(|&(start, _)| starts_with_prompt(lines[start].trim_end(), "$ "));
        (dollar && self.prompts.iter().any(|p| p == "$ ")).then(|| "$ ".to_string())
    }

    /// The prompts of a block whose first prompt is `prompt`: every one
    /// the configuration names, or it and root's next to the user's (`$ `
    /// and `# `) where `#` is a prompt.
    pub fn block_prompts(&self, prompt: &str) -> Vec<String> {
        if self.configured {
            return self.prompts.clone();
        }
        let mut prompts = vec![prompt.to_string()];
        if self.hash == Hash::RootPrompt {
            for p in ["# ", "$ "] {
                if prompt != "> " && !prompts.iter().any(|q| q == p) {
                    prompts.push(p.to_string());
                }
            }
        }
        prompts.sort_by_key(|p| std::cmp::Reverse(p.len()));
        prompts
    }
}

/// The continuation prompt that goes with `prompt`: bash's and zsh's `> `,
/// PowerShell's `>> `; none after a `> ` prompt.
pub fn continuation_of(prompt: &str) -> Option<&'static str> {
    match prompt {
        "> " => None,
        p if p.starts_with("PS") => Some(">> "),
        _ => Some("> "),
    }
}

/// `line` starts with `prompt`, or is the prompt alone (`$`).
pub fn starts_with_prompt(line: &str, prompt: &str) -> bool {
    line.starts_with(prompt) || (line == prompt.trim_end() && !line.is_empty())
}

/// The text after `prompt` on `line`, if it starts with it.
pub fn after_prompt<'a>(line: &'a str, prompt: &str) -> Option<&'a str> {
    line.strip_prefix(prompt)
        .or_else(|| (line == prompt.trim_end() && !line.is_empty()).then_some(""))
}

/// Whether the text after a `# ` reads as a command (`apt-get install -y
/// nginx`, `./configure`) rather than a sentence (`press Ctrl+d after the
/// input`, `Now list the files:`).
pub fn reads_as_command(text: &str) -> bool {
    let text = text.trim();
    let Some(word) = text.split_whitespace().next() else {
        return false;
    };
    const PROSE: &[&str] = &[
        "a",
        "an",
        "and",
        "also",
        "as",
        "but",
        "check",
        "create",
        "do",
        "don't",
        "e.g.",
        "example",
        "first",
        "finally",
        "for",
        "here",
        "if",
        "in",
        "it",
        "it's",
        "let's",
        "next",
        "note",
        "now",
        "on",
        "optionally",
        "or",
        "output",
        "press",
        "remember",
        "replace",
        "run",
        "see",
        "should",
        "some",
        "that",
        "the",
        "then",
        "these",
        "this",
        "to",
        "type",
        "use",
        "we",
        "when",
        "will",
        "with",
        "you",
        "your",
    ];
    let lower = word.to_ascii_lowercase();
    let shaped = word.starts_with("./")
        || word.starts_with('/')
        || word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.+-".contains(c));
    // Four words and more, none with shell punctuation: a sentence.
    let plain = text.split_whitespace().count() >= 4
        && !text.contains(['-', '/', '=', '|', '<', '>', '$', '.', '*', '&', ';', '"']);
    shaped
        && !plain
        && !PROSE.contains(&lower.as_str())
        && !text.ends_with(['.', ':', '?', '!'])
        && !text.contains("'s ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_commands_after_a_hash() {
        for comment in [
            "press Ctrl+d after the third input line",
            "filter lines containing 'is'",
            "Now list the files:",
            "something is wrong with this command",
            "the output is sorted",
        ] {
            assert!(!reads_as_command(comment), "{comment}");
        }
        for command in [
            "apt-get install -y nginx",
            "systemctl restart sshd",
            "./configure --prefix=/usr",
            "make install",
            "echo 1 > /proc/sys/net/ipv4/ip_forward",
        ] {
            assert!(reads_as_command(command), "{command}");
        }
        assert!(is_comment("# x") && is_comment("#") && is_comment("## x"));
        assert!(!is_comment("#!/bin/bash") && !is_comment("#include"));
    }

    #[test]
    fn the_guide_decides_what_a_hash_is() {
        let mut r = Reading::default();
        assert_eq!(
            r.decide(["# press Ctrl+d after typing\n$ cat\n"].into_iter()),
            None
        );
        assert_eq!(r.hash, Hash::Comment);
        let mut r = Reading::default();
        let note = r.decide(["# apt-get install nginx\n", "# systemctl start nginx\n"].into_iter());
        assert_eq!(r.hash, Hash::RootPrompt);
        assert!(note.unwrap().contains("2 of the 2"));
        let mut r = Reading::configured(Some(&["$ ".into(), "# ".into()]));
        assert_eq!(r.hash, Hash::RootPrompt);
        assert_eq!(r.decide(["# note: nothing\n"].into_iter()), None);
    }

    #[test]
    fn the_prompt_of_a_block() {
        let r = Reading::default();
        let prompt = |text: &str| r.block_prompt(&text.lines().collect::<Vec<_>>());
        assert_eq!(prompt("$ ls\nout\n").as_deref(), Some("$ "));
        assert_eq!(prompt("# a comment\n\n$ ls\n").as_deref(), Some("$ "));
        assert_eq!(prompt("> fd netfl\nSoftware/x.py\n").as_deref(), Some("> "));
        assert_eq!(prompt("% ls\n").as_deref(), Some("% "));
        assert_eq!(prompt("❯ rg fast\n").as_deref(), Some("❯ "));
        assert_eq!(prompt("PS> Get-Item x\n").as_deref(), Some("PS> "));
        assert_eq!(prompt("ls -l\n"), None);
        // A heredoc's body line is never a prompt.
        assert_eq!(prompt("cat <<'EOF' > x.md\n$ not a command\nEOF\n"), None);
        // Output before the first prompt: still a transcript (and an error).
        assert_eq!(prompt("hello\n$ ls\n").as_deref(), Some("$ "));
        assert_eq!(continuation_of("$ "), Some("> "));
        assert_eq!(continuation_of("> "), None);
        assert_eq!(continuation_of("PS> "), Some(">> "));
    }
}
