//! Where a shell command ends, as an interactive shell reads it: a line that
//! leaves a heredoc, a quote, a compound command (`if`, `for`, `{`, a
//! function), a trailing `|`, `&&` or `\` open continues into the next one.
//! bash's grammar comes from brush-parser, the parser of the brush shell.

use brush_parser::{ast, ParseError, ParserOptions, TokenizerError};

/// Whether `text` is a whole command, needs more lines, or holds none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    /// Needs more lines; for an open heredoc, the tags that would close it.
    Incomplete {
        heredoc_tags: Vec<String>,
    },
    /// Only blank lines and comments.
    Empty,
}

pub fn completeness(text: &str) -> Completeness {
    // A line that ends in an unescaped `\` continues into the next.
    let trailing = text.len() - text.trim_end_matches('\\').len();
    if trailing % 2 == 1 {
        return Completeness::Incomplete {
            heredoc_tags: Vec::new(),
        };
    }
    // The tokenizer sees a heredoc's tag only once its line has ended.
    let mut text = text.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match brush_parser::tokenize_str(&text) {
        Err(TokenizerError::UnterminatedHereDocuments(tags, _)) => Completeness::Incomplete {
            heredoc_tags: tags
                .split(|c: char| c == ',' || c.is_whitespace())
                .map(|t| t.trim_matches(|c| c == '"' || c == '\''))
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
        },
        Err(e) if e.is_incomplete() => Completeness::Incomplete {
            heredoc_tags: Vec::new(),
        },
        // A tokenizing error that more input cannot fix: bash will say what it is.
        Err(_) => Completeness::Complete,
        Ok(tokens) if tokens.iter().all(|t| t.to_str() == "\n") => Completeness::Empty,
        Ok(tokens) => match brush_parser::parse_tokens(&tokens, &ParserOptions::default()) {
            Err(ParseError::ParsingAtEndOfInput) => Completeness::Incomplete {
                heredoc_tags: Vec::new(),
            },
            _ => Completeness::Complete,
        },
    }
}

/// Splits `lines` into whole commands: (first line, one past the last line).
/// Lines with nothing to run are left out. A command still open at the end
/// runs as written from its first line on, so bash reports what is wrong.
pub fn split(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut commands = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        match extend(lines, start, lines.len()) {
            Some((end, true)) => {
                commands.push((start, end));
                start = end;
            }
            Some((end, false)) => start = end,
            None => {
                commands.push((start, lines.len()));
                break;
            }
        }
    }
    commands
}

/// From `start`, the end of the first whole command within `lines[..limit]`
/// and whether it holds anything to run; `None` if it is still open at `limit`.
pub fn extend(lines: &[&str], start: usize, limit: usize) -> Option<(usize, bool)> {
    let mut text = String::new();
    let mut waiting_for: Vec<String> = Vec::new();
    for (end, line) in lines.iter().enumerate().take(limit).skip(start) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
        // Inside a heredoc only its closing tag can change anything.
        if !waiting_for.is_empty()
            && !waiting_for
                .iter()
                .any(|t| line.trim_start_matches('\t') == t)
        {
            continue;
        }
        match completeness(&text) {
            Completeness::Complete => return Some((end + 1, true)),
            Completeness::Empty => return Some((end + 1, false)),
            Completeness::Incomplete { heredoc_tags } => waiting_for = heredoc_tags,
        }
    }
    None
}

/// Whether `text` calls `exit` where it would end the shell that runs it:
/// outside a function's body, a subshell and a pipeline (whose commands
/// run in subshells). Such a block is a script, and the `exit` its status.
pub fn exits(text: &str) -> bool {
    let mut text = text.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let Ok(tokens) = brush_parser::tokenize_str(&text) else {
        return false;
    };
    let Ok(program) = brush_parser::parse_tokens(&tokens, &ParserOptions::default()) else {
        return false;
    };
    program.complete_commands.iter().any(list_exits)
}

fn list_exits(list: &ast::CompoundList) -> bool {
    list.0.iter().any(|ast::CompoundListItem(and_or, _)| {
        std::iter::once(&and_or.first)
            .chain(and_or.additional.iter().map(|a| match a {
                ast::AndOr::And(p) | ast::AndOr::Or(p) => p,
            }))
            .any(|pipeline| match &pipeline.seq[..] {
                [command] => command_exits(command),
                _ => false,
            })
    })
}

fn command_exits(command: &ast::Command) -> bool {
    use ast::CompoundCommand as C;
    match command {
        ast::Command::Simple(simple) => simple
            .word_or_name
            .as_ref()
            .is_some_and(|w| w.value == "exit"),
        ast::Command::Compound(compound, _) => match compound {
            C::BraceGroup(b) => list_exits(&b.list),
            C::ForClause(f) => list_exits(&f.body.list),
            C::ArithmeticForClause(f) => list_exits(&f.body.list),
            C::WhileClause(w) | C::UntilClause(w) => list_exits(&w.0) || list_exits(&w.1.list),
            C::CaseClause(c) => c
                .cases
                .iter()
                .filter_map(|i| i.cmd.as_ref())
                .any(list_exits),
            C::IfClause(i) => {
                list_exits(&i.condition)
                    || list_exits(&i.then)
                    || i.elses.iter().flatten().any(|e| {
                        e.condition.as_ref().is_some_and(list_exits) || list_exits(&e.body)
                    })
            }
            C::Subshell(_) | C::Coprocess(_) | C::Arithmetic(_) => false,
        },
        ast::Command::Function(_) | ast::Command::ExtendedTest(..) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        split(&lines)
            .into_iter()
            .map(|(a, b)| lines[a..b].join("\n"))
            .collect()
    }

    #[test]
    fn whole_commands() {
        assert_eq!(
            commands("cat > greet.sh <<'EOF'\necho hi\nrm -rf /\nEOF\nbash greet.sh\n"),
            [
                "cat > greet.sh <<'EOF'\necho hi\nrm -rf /\nEOF",
                "bash greet.sh"
            ]
        );
        assert_eq!(
            commands("# build it\nfor i in 1 2; do\n  echo $i\ndone\n\nif [ -f x ]; then\n  cat x\nelse\n  echo none\nfi\n"),
            ["for i in 1 2; do\n  echo $i\ndone", "if [ -f x ]; then\n  cat x\nelse\n  echo none\nfi"]
        );
        assert_eq!(
            commands("greet() {\n  echo \"hello, $1\"\n}\necho \"two\nlines\"\nls |\n  wc -l\ndocker run \\\n  -p 1:2 x\n"),
            ["greet() {\n  echo \"hello, $1\"\n}", "echo \"two\nlines\"", "ls |\n  wc -l", "docker run \\\n  -p 1:2 x"]
        );
        assert_eq!(
            commands("cat <<-EOF\n\tx\n\tEOF\necho after\n"),
            ["cat <<-EOF\n\tx\n\tEOF", "echo after"]
        );
    }

    #[test]
    fn an_exit_that_ends_the_shell() {
        for text in [
            "exit 3",
            "echo done\nexit $code",
            "[ -f x ] || exit 1",
            "if [ -z \"$X\" ]; then\n  echo unset\n  exit 2\nfi",
            "for f in *; do exit; done",
            "{ echo a; exit 0; }",
        ] {
            assert!(exits(text), "{text}");
        }
        for text in [
            "echo exit",
            "(exit 3)",
            "die() { echo \"$1\"; exit 1; }",
            "echo x | exit",
            "bash -c 'exit 3'",
            "result=$(exit 4)",
            "echo unclosed \"",
        ] {
            assert!(!exits(text), "{text}");
        }
    }

    #[test]
    fn a_command_left_open_runs_from_its_first_line() {
        assert_eq!(
            commands("echo a\nif true; then\necho b\n"),
            ["echo a", "if true; then\necho b"]
        );
    }

    #[test]
    fn completeness_of_one_command() {
        assert_eq!(completeness("ls"), Completeness::Complete);
        assert_eq!(completeness("# only a comment"), Completeness::Empty);
        assert_eq!(
            completeness("cat <<EOF"),
            Completeness::Incomplete {
                heredoc_tags: vec!["EOF".into()]
            }
        );
        assert!(matches!(
            completeness("ls &&"),
            Completeness::Incomplete { .. }
        ));
    }
}
