//! A command block → the commands to type, each with the output it expects.
//!
//! Two shapes, as guides write them: a transcript (`$ ` prompts, `> ` continuation
//! lines, everything else is expected output, a final `? N` is the expected exit
//! code, as in trycmd), or bare commands. Either way a command is whole as a
//! shell reads it ([`shell`]): a heredoc, a quote or a compound command runs as
//! one unit, and a heredoc's body is never a command of its own. scrut's
//! blocks are transcripts of their own dialect ([`Dialect::Scrut`]). Which
//! openings are prompts, and what a `#` line is, the guide decides as a
//! whole ([`reading`]). A bare block that calls `exit` is a script: it runs
//! as one unit, and the `exit` gives its status ([`Command::script`]).

pub mod reading;

pub use reading::{Hash, Reading};

use crate::compile;
use crate::error::{Error, Location};
use crate::model::expect::Matcher;
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
    /// The prompt it was typed after (`$ `, `> `...); empty for a bare command.
    pub prompt: String,
    /// A script (a bare block that calls `exit`): the block's lines run as
    /// one unit, and an `exit` ends it with that status, not the session.
    pub script: bool,
    /// Runs in a subshell of the session, so that an `exit` ends it only (a
    /// scrut case that calls `exit`: scrut gives each case a bash of its own);
    /// what it changes in the session is lost.
    pub subshell: bool,
    /// Where its expected output is written when not under it: the output
    /// block after its command block, compared with the whole block's output.
    pub output_block: Option<OutputBlock>,
    /// The variables whose values its expected lines hold (`$NAME`, in an
    /// interpolated scrut case): read from the session once it ran.
    pub interpolate: Vec<String>,
}

/// A block of its own that holds the expected output of the command block
/// before it (```` ```output ````, as the Carpentries' lessons write it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputBlock {
    /// The guide line of its opening fence.
    pub fence_line: usize,
    /// Its first and last content lines (`last` is `first - 1` when empty).
    pub first: usize,
    pub last: usize,
    pub lang: String,
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
    /// scrut's rule for the line as written, in a scrut block (what an
    /// interpolated case compiles again: [`compile::interpolate`]).
    pub rule: Option<Expectation>,
    /// What it compares with an output line, compiled at load.
    pub matcher: Matcher,
    /// The line may be missing from the output: a `#` line right after a
    /// command's output and before the next prompt is its last output line
    /// or a comment on the next command, and the output tells.
    pub optional: bool,
}

impl Command {
    /// The expected output lines' text, when the command has expected output.
    pub fn expected_text(&self) -> Option<Vec<&str>> {
        self.expected
            .as_ref()
            .map(|lines| lines.iter().map(|l| l.text.as_str()).collect())
    }
}

/// The commands of a command block, and how it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub commands: Vec<Command>,
    /// The prompt of a transcript; `None` for bare commands.
    pub prompt: Option<String>,
    /// Guide lines read as comments for the reader (`# press Ctrl+d ...`).
    pub comments: Vec<usize>,
}

/// Parses a command block whose first content line is guide line
/// `first_line`, with the default prompts.
pub fn parse(file: &str, content: &str, first_line: usize) -> Result<Vec<Command>, Error> {
    parse_with(file, content, first_line, &Reading::default()).map(|p| p.commands)
}

/// Parses a command block as `reading` says the guide's blocks are read.
pub fn parse_with(
    file: &str,
    content: &str,
    first_line: usize,
    reading: &Reading,
) -> Result<Parsed, Error> {
    let lines: Vec<&str> = content.lines().collect();
    match reading.block_prompt(&lines) {
        Some(prompt) => {
            let prompts = reading.block_prompts(&prompt);
            let shape = Shape {
                prompts: prompts.iter().map(String::as_str).collect(),
                continuation: reading::continuation_of(&prompt),
                comments: reading.hash == Hash::Comment,
                dialect: Dialect::Doccheck,
            };
            let (commands, comments) = parse_transcript(file, &lines, first_line, &shape)?;
            Ok(Parsed {
                commands,
                prompt: Some(prompt),
                comments,
            })
        }
        None => Ok(Parsed {
            commands: parse_bare(&lines, first_line),
            prompt: None,
            comments: Vec::new(),
        }),
    }
}

/// Parses a scrut block: always a transcript (a block without a `$ ` line
/// holds no test case, and says so) of one test case: everything after
/// its command is its expected output, a `$ ` line too (as scrut reads a
/// generated document). `% key: value` lines before it configure the case
/// ([`scrut_config`]).
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
    let shape = Shape {
        prompts: vec!["$ "],
        continuation: Some("> "),
        comments: true,
        dialect: Dialect::Scrut,
    };
    parse_transcript(file, &lines, first_line, &shape).map(|(commands, _)| commands)
}

/// A scrut block's `% key: value` lines (Moon Cram's per-case
/// configuration), before its command: the YAML of each.
pub fn scrut_config(content: &str) -> Vec<String> {
    content
        .lines()
        .take_while(|l| !(l.starts_with("$ ") || *l == "$"))
        .filter_map(|l| l.strip_prefix("% ").or_else(|| l.strip_prefix('%')))
        .map(str::to_string)
        .collect()
}

/// A bare block: its whole commands, or, when it calls `exit` outside a
/// function or subshell, one script whose status the `exit` gives.
fn parse_bare(lines: &[&str], first_line: usize) -> Vec<Command> {
    let bare = |start: usize, end: usize, script: bool| Command {
        text: lines[start..end].join("\n").trim_end().to_string(),
        line: first_line + start,
        expected: None,
        exit: None,
        bound: None,
        exit_line: None,
        end_line: first_line + end - 1,
        dialect: Dialect::Doccheck,
        prompt: String::new(),
        script,
        subshell: false,
        output_block: None,
        interpolate: Vec::new(),
    };
    let spans = shell::split(lines);
    if spans
        .iter()
        .any(|&(start, end)| shell::exits(&lines[start..end].join("\n")))
    {
        let (start, end) = (spans[0].0, spans[spans.len() - 1].1);
        return vec![bare(start, end, true)];
    }
    spans
        .into_iter()
        .map(|(start, end)| bare(start, end, false))
        .collect()
}

/// How a transcript's lines are told apart.
struct Shape<'a> {
    prompts: Vec<&'a str>,
    continuation: Option<&'a str>,
    /// `#` lines may be comments for the reader.
    comments: bool,
    dialect: Dialect,
}

impl Shape<'_> {
    /// The prompt `line` starts with, and the text after it.
    fn prompt<'l>(&self, line: &'l str) -> Option<(&str, &'l str)> {
        self.prompts
            .iter()
            .find_map(|p| reading::after_prompt(line, p).map(|rest| (*p, rest)))
    }

    fn continuation<'l>(&self, line: &'l str) -> Option<&'l str> {
        self.continuation
            .and_then(|c| reading::after_prompt(line, c))
    }
}

fn parse_transcript(
    file: &str,
    lines: &[&str],
    first_line: usize,
    shape: &Shape,
) -> Result<(Vec<Command>, Vec<usize>), Error> {
    let dialect = shape.dialect;
    let scrut = dialect == Dialect::Scrut;
    let mut commands: Vec<Command> = Vec::new();
    let mut comments = Vec::new();
    let is_prompt = |l: &str| shape.prompt(l.trim_end()).is_some();
    let mut i = 0;
    while i < lines.len() {
        // scrut compares whole lines: trailing spaces are part of them.
        let line = if scrut { lines[i] } else { lines[i].trim_end() };
        // A scrut block is one test case: a later `$ ` line is output.
        let prompt_here = shape.prompt(line).filter(|_| !scrut || commands.is_empty());
        if let Some((prompt, text)) = prompt_here {
            let start = i;
            let mut typed = vec![text];
            i += 1;
            while let Some(more) = lines.get(i).and_then(|l| shape.continuation(l.trim_end())) {
                typed.push(more);
                i += 1;
            }
            // A heredoc or compound command typed after the prompt whose
            // continuation lines carry no `> `: a heredoc's body runs to its
            // closing tag whatever its lines start with; anything else, up
            // to the next prompt, to the lines that complete it.
            if let Completeness::Incomplete { heredoc_tags } =
                shell::completeness(&typed.join("\n"))
            {
                let limit = if heredoc_tags.is_empty() {
                    (i..lines.len())
                        .find(|&j| is_prompt(lines[j]))
                        .unwrap_or(lines.len())
                } else {
                    lines.len()
                };
                let mut candidate = typed.clone();
                candidate.extend_from_slice(&lines[i..limit]);
                if let Some((end, _)) = shell::extend(&candidate, 0, candidate.len()) {
                    i += end - typed.len();
                    typed = candidate[..end].to_vec();
                }
            }
            let text = typed.join("\n");
            // `$ # a comment`: typed at the prompt, runs nothing.
            let next_is_prompt = lines.get(i).is_none_or(|l| is_prompt(l));
            if !scrut && next_is_prompt && shell::completeness(&text) == Completeness::Empty {
                comments.push(first_line + start);
                continue;
            }
            commands.push(Command {
                subshell: scrut && shell::calls_exit(&text),
                text,
                line: first_line + start,
                expected: Some(Vec::new()),
                exit: None,
                bound: None,
                exit_line: None,
                end_line: first_line + i - 1,
                dialect,
                prompt: prompt.to_string(),
                script: false,
                output_block: None,
                interpolate: Vec::new(),
            });
            continue;
        }
        // `#` lines: a comment before the next prompt after a blank line (or
        // before the first command), or the output's last lines or a comment
        // on the next command right after output (optional expected lines).
        let comment_run = !scrut && shape.comments && reading::is_comment(line);
        if comment_run {
            let mut end = i;
            while end < lines.len()
                && (reading::is_comment(lines[end]) || lines[end].trim().is_empty())
            {
                end += 1;
            }
            let before_prompt = end == lines.len() || is_prompt(lines[end]);
            let after_gap = i == 0 || lines[i - 1].trim().is_empty() || commands.is_empty();
            if before_prompt && after_gap {
                for (j, l) in lines.iter().enumerate().take(end).skip(i) {
                    if reading::is_comment(l) {
                        comments.push(first_line + j);
                    }
                }
                i = end;
                continue;
            }
            if before_prompt {
                if let Some(command) = commands.last_mut() {
                    while i < end && reading::is_comment(lines[i]) {
                        command
                            .expected
                            .get_or_insert_with(Vec::new)
                            .push(ExpectedLine {
                                text: lines[i].trim_end().to_string(),
                                line: first_line + i,
                                rule: None,
                                matcher: compile::trimmed_line(lines[i], true),
                                optional: true,
                            });
                        i += 1;
                    }
                    continue;
                }
            }
        }
        let Some(command) = commands.last_mut() else {
            // scrut: `# ` lines before the command are comments, `% ` lines its configuration.
            if line.trim().is_empty() || (scrut && (line.starts_with('#') || line.starts_with('%')))
            {
                i += 1;
                continue;
            }
            return Err(Error::guide(
                Location::new(file, first_line + i, 1),
                format!(
                    "output before the first `{p}` command; a transcript starts with a `{p}` prompt line",
                    p = shape.prompts.first().copied().unwrap_or("$ ")
                ),
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
            // Compiled now: a pattern that cannot be is an error at its line.
            let matcher = match &rule {
                Some(rule) => compile::scrut_line(line, rule)
                    .map_err(|m| Error::guide(Location::new(file, first_line + i, 1), m))?,
                None => compile::trimmed_line(line, false),
            };
            command
                .expected
                .get_or_insert_with(Vec::new)
                .push(ExpectedLine {
                    text: line.to_string(),
                    line: first_line + i,
                    rule,
                    matcher,
                    optional: false,
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
    Ok((commands, comments))
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
mod tests;
