//! A command block → the commands to type, each with the output it expects.
//!
//! Two shapes, as guides write them: a transcript (`$ ` prompts, `> ` continuation
//! lines, everything else is expected output, a final `? N` is the expected exit
//! code, as in trycmd), or bare commands. Either way a command is whole as a
//! shell reads it ([`shell`]): a heredoc, a quote or a compound command runs as
//! one unit, and a heredoc's body is never a command of its own. scrut's
//! blocks are transcripts of their own dialect ([`Dialect::Scrut`]).

use crate::error::{Error, Location};
use crate::scrut::{self, Expectation};
use crate::shell::{self, Completeness};

/// Whose conventions a transcript follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// doccheck's and trycmd's: `? N` status lines, `[..]` and `...`,
    /// trailing blank lines and trailing whitespace never count.
    #[default]
    Doccheck,
    /// scrut's: `[N]` exit codes, `# ` comments before the command, rule
    /// suffixes on expectation lines, every line of the block expected.
    Scrut,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The command as documented (continuation lines joined with newlines).
    pub text: String,
    /// 1-based line in the guide where the command starts.
    pub line: usize,
    /// Expected output lines: `Some` for a transcript command, even when empty.
    pub expected: Option<Vec<ExpectedLine>>,
    /// Expected exit status, when the transcript gives one (`? 2`, `? failed`).
    pub exit: Option<Status>,
    /// The command with its placeholders filled in, when it has any.
    pub bound: Option<String>,
    /// The guide line of its `? N` status line, and of its last line.
    pub exit_line: Option<usize>,
    pub end_line: usize,
    pub dialect: Dialect,
}

/// An exit status a transcript expects, in trycmd's words: `? 2`, `? success`,
/// `? failed`, `? interrupted` (killed by a signal), `? skipped` (not run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Code(i32),
    Success,
    Failed,
    Interrupted,
    Skipped,
}

impl Status {
    /// Whether a command that exited with `code` is what the guide expects.
    pub fn accepts(self, code: i32) -> bool {
        match self {
            Status::Code(want) => code == want,
            Status::Success => code == 0,
            Status::Failed => code != 0,
            Status::Interrupted => code > 128,
            Status::Skipped => true,
        }
    }

    /// The code a report shows as expected, where there is one.
    pub fn code(self) -> Option<i32> {
        match self {
            Status::Code(code) => Some(code),
            Status::Success => Some(0),
            _ => None,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(code) => write!(f, "{code}"),
            Status::Success => f.write_str("success"),
            Status::Failed => f.write_str("a failure"),
            Status::Interrupted => f.write_str("an interruption by a signal"),
            Status::Skipped => f.write_str("skipped"),
        }
    }
}

/// One line of expected output, with the guide line it is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedLine {
    pub text: String,
    pub line: usize,
    /// scrut's rule for the line, in a scrut block.
    pub rule: Option<Expectation>,
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
        parse_transcript(file, &lines, first_line, Dialect::Doccheck)
    } else {
        Ok(parse_bare(&lines, first_line))
    }
}

/// Parses a scrut block: always a transcript (a block without a `$ ` line
/// holds no test case, and says so).
pub fn parse_scrut(file: &str, content: &str, first_line: usize) -> Result<Vec<Command>, Error> {
    let lines: Vec<&str> = content.split('\n').collect();
    // `content` ends with the newline before the fence: not an expected line.
    let lines = match lines.split_last() {
        Some((&"", rest)) => rest,
        _ => &lines[..],
    };
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    parse_transcript(file, &lines, first_line, Dialect::Scrut)
}

fn parse_bare(lines: &[&str], first_line: usize) -> Vec<Command> {
    shell::split(lines)
        .into_iter()
        .map(|(start, end)| Command {
            text: lines[start..end].join("\n").trim_end().to_string(),
            line: first_line + start,
            expected: None,
            exit: None,
            bound: None,
            exit_line: None,
            end_line: first_line + end - 1,
            dialect: Dialect::Doccheck,
        })
        .collect()
}

fn prompt(line: &str) -> Option<&str> {
    line.strip_prefix("$ ")
        .or(if line == "$" { Some("") } else { None })
}

fn continuation(line: &str) -> Option<&str> {
    line.strip_prefix("> ")
        .or(if line == ">" { Some("") } else { None })
}

fn parse_transcript(
    file: &str,
    lines: &[&str],
    first_line: usize,
    dialect: Dialect,
) -> Result<Vec<Command>, Error> {
    let scrut = dialect == Dialect::Scrut;
    let mut commands: Vec<Command> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // scrut compares whole lines: trailing spaces are part of them.
        let line = if scrut { lines[i] } else { lines[i].trim_end() };
        if let Some(text) = prompt(line) {
            let start = i;
            let mut typed = vec![text];
            i += 1;
            while let Some(more) = lines.get(i).and_then(|l| continuation(l.trim_end())) {
                typed.push(more);
                i += 1;
            }
            // A heredoc or compound command typed after `$ ` whose continuation
            // lines carry no `> `: the lines up to the next prompt that complete it.
            if matches!(
                shell::completeness(&typed.join("\n")),
                Completeness::Incomplete { .. }
            ) {
                let next_prompt = (i..lines.len())
                    .find(|&j| prompt(lines[j].trim_end()).is_some())
                    .unwrap_or(lines.len());
                let mut candidate = typed.clone();
                candidate.extend_from_slice(&lines[i..next_prompt]);
                if let Some((end, _)) = shell::extend(&candidate, 0, candidate.len()) {
                    i += end - typed.len();
                    typed = candidate[..end].to_vec();
                }
            }
            commands.push(Command {
                text: typed.join("\n"),
                line: first_line + start,
                expected: Some(Vec::new()),
                exit: None,
                bound: None,
                exit_line: None,
                end_line: first_line + i - 1,
                dialect,
            });
            continue;
        }
        let Some(command) = commands.last_mut() else {
            // scrut: `# ` lines before the command are comments.
            if line.trim().is_empty() || (scrut && line.starts_with('#')) {
                i += 1;
                continue;
            }
            return Err(Error::guide(
                Location::new(file, first_line + i, 1),
                "output before the first `$ ` command; a transcript starts with a `$ ` prompt line",
            ));
        };
        let status = if scrut {
            scrut::exit_line(line).map(Status::Code)
        } else {
            exit_line(line)
        };
        if let Some(code) = status {
            command.exit = Some(code);
            command.exit_line = Some(first_line + i);
        } else {
            let rule = scrut.then(|| scrut::expectation(line));
            if let Some(problem) = rule.as_ref().and_then(scrut::problem) {
                return Err(Error::guide(
                    Location::new(file, first_line + i, 1),
                    problem,
                ));
            }
            command
                .expected
                .get_or_insert_with(Vec::new)
                .push(ExpectedLine {
                    text: line.to_string(),
                    line: first_line + i,
                    rule,
                });
        }
        i += 1;
    }
    if scrut && commands.is_empty() {
        return Err(Error::guide(
            Location::new(file, first_line, 1),
            "this scrut block has no `$ ` line: a test case starts with `$ ` and its command",
        ));
    }
    for command in commands.iter_mut().filter(|_| !scrut) {
        if let Some(expected) = command.expected.as_mut() {
            while expected.last().is_some_and(|l| l.text.is_empty()) {
                expected.pop();
            }
        }
    }
    Ok(commands)
}

/// `? 3` → 3, `? failed` → Failed (trycmd's status words).
fn exit_line(line: &str) -> Option<Status> {
    let word = line.strip_prefix("? ")?.trim();
    Some(match word {
        "success" => Status::Success,
        "failed" => Status::Failed,
        "interrupted" => Status::Interrupted,
        "skipped" => Status::Skipped,
        code => Status::Code(code.parse().ok()?),
    })
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
        assert_eq!((c[1].line, c[1].exit), (8, Some(Status::Code(1))));
        assert_eq!(c[1].expected_text(), Some(vec![]));
        assert_eq!(c[2].expected_text(), Some(vec![]));
    }

    #[test]
    fn bare_heredocs_loops_and_functions_are_whole_commands() {
        let text =
            "cat > run.sh <<'EOF'\nrm -rf \"$HOME\"\nEOF\nfor i in 1 2; do\n  echo $i\ndone\n";
        let c = parse("g", text, 3).unwrap();
        let texts: Vec<_> = c.iter().map(|c| (c.text.as_str(), c.line)).collect();
        assert_eq!(
            texts,
            [
                ("cat > run.sh <<'EOF'\nrm -rf \"$HOME\"\nEOF", 3),
                ("for i in 1 2; do\n  echo $i\ndone", 6)
            ]
        );
    }

    #[test]
    fn a_heredoc_typed_after_a_prompt_without_continuation_prompts() {
        let text = "$ cat <<EOF > hi.sh\necho hi\nEOF\n$ bash hi.sh\nhi\n$ for i in 1 2; do\n  echo $i\ndone\n1\n2\n$ bad syntax (\n? 2\n[..]syntax error[..]\n";
        let c = parse("g", text, 1).unwrap();
        assert_eq!(c[0].text, "cat <<EOF > hi.sh\necho hi\nEOF");
        assert_eq!(c[0].expected_text(), Some(vec![]));
        assert_eq!((c[1].text.as_str(), c[1].line), ("bash hi.sh", 4));
        assert_eq!(c[1].expected_text(), Some(vec!["hi"]));
        assert_eq!(c[2].text, "for i in 1 2; do\n  echo $i\ndone");
        assert_eq!(c[2].expected_text(), Some(vec!["1", "2"]));
        // Never completed before the next prompt or the end: the lines are output.
        assert_eq!(c[3].text, "bad syntax (");
        assert_eq!(
            (c[3].exit, c[3].expected_text()),
            (Some(Status::Code(2)), Some(vec!["[..]syntax error[..]"]))
        );
    }

    #[test]
    fn trycmd_status_words() {
        let c = parse("g", "$ true\n? success\n$ false\n? failed\n$ kill -9 $$$$\n? interrupted\n$ rm -rf /\n? skipped\n", 1).unwrap();
        let statuses: Vec<_> = c.iter().map(|c| c.exit).collect();
        assert_eq!(
            statuses,
            [
                Some(Status::Success),
                Some(Status::Failed),
                Some(Status::Interrupted),
                Some(Status::Skipped)
            ]
        );
        assert!(Status::Failed.accepts(3) && !Status::Failed.accepts(0));
        assert!(Status::Interrupted.accepts(137) && !Status::Interrupted.accepts(1));
    }

    #[test]
    fn scrut_blocks() {
        let text = "# comment before the command\n$ echo -e 'a\\tb' && \\\n> echo x \n  a\\tb (escaped)\n\nx  (glob)\n[3]\n";
        let c = parse_scrut("t.md", text, 4).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].line, 5);
        assert_eq!(c[0].text, "echo -e 'a\\tb' && \\\necho x");
        assert_eq!(c[0].dialect, Dialect::Scrut);
        // Every line counts, blank and trailing spaces included.
        assert_eq!(
            c[0].expected_text(),
            Some(vec!["  a\\tb (escaped)", "", "x  (glob)"])
        );
        let rules: Vec<_> = c[0]
            .expected
            .as_ref()
            .unwrap()
            .iter()
            .map(|l| l.rule.as_ref().unwrap().kind)
            .collect();
        assert_eq!(
            rules,
            [scrut::Kind::Escaped, scrut::Kind::Equal, scrut::Kind::Glob]
        );
        assert_eq!(
            (c[0].exit, c[0].exit_line),
            (Some(Status::Code(3)), Some(10))
        );
        // `? 1` is output in scrut, `[N]` is output in doccheck's transcripts.
        let c = parse_scrut("t.md", "$ false\n? 1\n", 1).unwrap();
        assert_eq!((c[0].exit, c[0].expected_text()), (None, Some(vec!["? 1"])));
        let c = parse("t.md", "$ false\n[1]\n", 1).unwrap();
        assert_eq!((c[0].exit, c[0].expected_text()), (None, Some(vec!["[1]"])));
        let e = parse_scrut("t.md", "echo no prompt\n", 8).unwrap_err();
        assert!(e.to_string().starts_with("t.md:8:1: output before"), "{e}");
        let e = parse_scrut("t.md", "# only a comment\n", 8).unwrap_err();
        assert!(e.message.contains("no `$ ` line"), "{e}");
    }

    #[test]
    fn output_before_any_prompt_is_an_error() {
        let e = parse("g.md", "hello\n$ ls\n", 7).unwrap_err();
        assert!(e.to_string().starts_with("g.md:7:1: output before"), "{e}");
    }
}
