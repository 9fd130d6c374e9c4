//! Where a shell command ends, as an interactive shell reads it: a line that
//! leaves a heredoc, a quote, a compound command (`if`, `for`, `{`, a
//! function), a trailing `|`, `&&` or `\` open continues into the next one.
//! bash's grammar comes from brush-parser, the parser of the brush shell.

use brush_parser::{ParseError, ParserOptions, TokenizerError};

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
