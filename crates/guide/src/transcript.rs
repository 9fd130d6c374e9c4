//! A command block → the commands to type, each with the output it expects.
//!
//! Two shapes, as guides write them: a transcript (`$ ` prompts, `> ` continuation
//! lines, everything else is expected output, a final `? N` is the expected exit
//! code, as in trycmd), or bare command lines where every line is a command.

use crate::error::{Error, Location};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The command as documented (continuation lines joined with newlines).
    pub text: String,
    /// 1-based line in the guide where the command starts.
    pub line: usize,
    /// Expected output lines: `Some` for a transcript command, even when empty.
    pub expected: Option<Vec<ExpectedLine>>,
    /// Expected exit code, when the transcript gives one with `? N`.
    pub exit: Option<i32>,
}

/// One line of expected output, with the guide line it is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedLine {
    pub text: String,
    pub line: usize,
}

impl Command {
    /// The expected output lines' text, when the command has expected output.
    pub fn expected_text(&self) -> Option<Vec<&str>> {
        self.expected
            .as_ref()
            .map(|lines| lines.iter().map(|l| l.text.as_str()).collect())
    }
}

/// Parses a command block whose first content line is guide line `first_line`.
pub fn parse(file: &str, content: &str, first_line: usize) -> Result<Vec<Command>, Error> {
    let lines: Vec<&str> = content.lines().collect();
    let is_transcript = lines.iter().any(|l| l.starts_with("$ ") || *l == "$");
    if is_transcript {
        parse_transcript(file, &lines, first_line)
    } else {
        Ok(parse_bare(&lines, first_line))
    }
}

fn parse_bare(lines: &[&str], first_line: usize) -> Vec<Command> {
    let mut commands: Vec<Command> = Vec::new();
    let mut continuing = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        if continuing {
            let last = commands.last_mut().expect("continuation follows a command");
            last.text.push('\n');
            last.text.push_str(line);
        } else if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        } else {
            commands.push(Command {
                text: line.to_string(),
                line: first_line + i,
                expected: None,
                exit: None,
            });
        }
        continuing = line.ends_with('\\');
    }
    commands
}

fn parse_transcript(file: &str, lines: &[&str], first_line: usize) -> Result<Vec<Command>, Error> {
    let mut commands: Vec<Command> = Vec::new();
    let mut in_command = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        if let Some(text) = line
            .strip_prefix("$ ")
            .or(if line == "$" { Some("") } else { None })
        {
            commands.push(Command {
                text: text.to_string(),
                line: first_line + i,
                expected: Some(Vec::new()),
                exit: None,
            });
            in_command = true;
            continue;
        }
        let Some(command) = commands.last_mut() else {
            if line.trim().is_empty() {
                continue;
            }
            return Err(Error::guide(
                Location::new(file, first_line + i, 1),
                "output before the first `$ ` command; a transcript starts with a `$ ` prompt line",
            ));
        };
        if in_command {
            if let Some(more) =
                line.strip_prefix("> ")
                    .or(if line == ">" { Some("") } else { None })
            {
                command.text.push('\n');
                command.text.push_str(more);
                continue;
            }
        }
        in_command = false;
        if let Some(code) = exit_line(line) {
            command.exit = Some(code);
        } else {
            command
                .expected
                .get_or_insert_with(Vec::new)
                .push(ExpectedLine {
                    text: line.to_string(),
                    line: first_line + i,
                });
        }
    }
    for command in &mut commands {
        if let Some(expected) = command.expected.as_mut() {
            while expected.last().is_some_and(|l| l.text.is_empty()) {
                expected.pop();
            }
        }
    }
    Ok(commands)
}

/// `? 3` → 3
fn exit_line(line: &str) -> Option<i32> {
    line.strip_prefix("? ")?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_lines_are_commands() {
        let c = parse("g", "docker tag a b\n\n# comment\ndocker push b\n", 10).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].text.as_str(), c[0].line, &c[0].expected),
            ("docker tag a b", 10, &None)
        );
        assert_eq!((c[1].text.as_str(), c[1].line), ("docker push b", 13));
    }

    #[test]
    fn backslash_continues_a_bare_command() {
        let c = parse("g", "docker run \\\n  -p 1:2 x\nls\n", 1).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].text, "docker run \\\n  -p 1:2 x");
    }

    #[test]
    fn transcript_with_output_continuation_and_exit() {
        let text = "$ echo a \\\n> b\na b\n$ false\n? 1\n$ cd /\n\n";
        let c = parse("g", text, 5).unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].text, "echo a \\\nb");
        assert_eq!(c[0].expected_text(), Some(vec!["a b"]));
        assert_eq!(c[0].expected.as_ref().unwrap()[0].line, 7);
        assert_eq!((c[1].line, c[1].exit), (8, Some(1)));
        assert_eq!(c[1].expected_text(), Some(vec![]));
        assert_eq!(c[2].expected_text(), Some(vec![]));
    }

    #[test]
    fn output_before_any_prompt_is_an_error() {
        let e = parse("g.md", "hello\n$ ls\n", 7).unwrap_err();
        assert!(e.to_string().starts_with("g.md:7:1: output before"), "{e}");
    }
}
