//! `--update`: a transcript command's expected output and status line
//! rewritten in the guide's own text, every other byte kept (prose, fences,
//! other blocks, the container's `> ` or indentation, line endings).

use crate::transcript::{Command, Dialect, Status};

/// Lines `first..=last` (1-based) of the guide become `lines`; `first ==
/// last + 1` inserts them after line `last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub first: usize,
    pub last: usize,
    pub lines: Vec<String>,
}

/// The edit that makes `command`'s transcript say `output` (when given) and
/// exit with `exit` (when given); `guide` holds the guide's lines.
pub fn edit_for(
    guide: &[&str],
    command: &Command,
    output: Option<&[String]>,
    exit: Option<i32>,
) -> Option<Edit> {
    let expected = command.expected.as_ref()?;
    // The container's `> ` or indentation before the prompt (or the fence).
    let (prefix, first, last) = match &command.output_block {
        Some(block) => {
            let raw = guide.get(block.fence_line.checked_sub(1)?)?;
            let fence = raw.find("```").or_else(|| raw.find("~~~"))?;
            (&raw[..fence], block.first, block.last)
        }
        None => {
            let raw = guide.get(command.line.checked_sub(1)?)?.trim_end();
            // The line as the block holds it: the prompt and the command.
            let typed = format!(
                "{}{}",
                command.prompt,
                command.text.lines().next().unwrap_or("")
            );
            let typed = typed.trim_end();
            let at = (!command.prompt.is_empty() && raw.ends_with(typed))
                .then(|| raw.len() - typed.len());
            let last = expected
                .iter()
                .map(|l| l.line)
                .chain(command.exit_line)
                .max()
                .unwrap_or(command.end_line);
            (&raw[..at?], command.end_line + 1, last)
        }
    };
    let status_first = match (command.exit_line, expected.first()) {
        (Some(status), Some(output)) => status < output.line,
        _ => false,
    };
    let code_line = |code: i32| match command.dialect {
        Dialect::Doccheck => format!("? {code}"),
        Dialect::Scrut => format!("[{code}]"),
    };
    let status = match exit {
        // An output block holds output only; its status is the block's.
        _ if command.output_block.is_some() => None,
        // Success needs no line; a word that still holds keeps its line.
        Some(0) => None,
        Some(code) => Some(code_line(code)),
        None => command.exit.map(|s| match s {
            Status::Code(code) => code_line(code),
            Status::Success => "? success".into(),
            Status::Failed => "? failed".into(),
            Status::Interrupted => "? interrupted".into(),
            Status::Skipped => "? skipped".into(),
        }),
    };
    let body: Vec<String> = match output {
        Some(lines) => lines.to_vec(),
        None => expected.iter().map(|l| l.text.clone()).collect(),
    };
    let mut lines: Vec<String> = Vec::new();
    if status_first {
        lines.extend(status.clone());
    }
    lines.extend(body);
    if !status_first {
        lines.extend(status);
    }
    let lines = lines
        .into_iter()
        .map(|l| {
            if l.is_empty() {
                prefix.trim_end().to_string()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect();
    Some(Edit { first, last, lines })
}

/// `text` with `edits` made (they must not overlap), its line endings kept.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let ends_with_newline = text.ends_with('\n');
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if ends_with_newline {
        lines.pop();
    }
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.first));
    for edit in sorted {
        let start = edit.first.saturating_sub(1).min(lines.len());
        let end = edit.last.min(lines.len()).max(start);
        lines.splice(start..end, edit.lines.iter().cloned());
    }
    let mut out = lines.join(ending);
    if ends_with_newline {
        out.push_str(ending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::parse;

    fn commands(text: &str) -> Vec<Command> {
        let blocks = crate::markdown::parse("g.md", text).unwrap();
        let b = &blocks[0];
        parse("g.md", &b.content, b.content_line).unwrap()
    }

    #[test]
    fn output_and_status_lines_change_and_nothing_else() {
        let text = "# Guide\r\n\r\nProse.\r\n\r\n```console\r\n$ tool --version\r\ntool [..]\r\n$ tool list\r\nalpha\r\nbeta\r\n$ tool fail\r\n? 2\r\nno\r\n```\r\n\r\nMore prose.\r\n";
        let c = commands(text);
        let lines: Vec<&str> = text.lines().collect();
        let edits = [
            edit_for(&lines, &c[1], Some(&["alpha".into(), "gamma".into()]), None).unwrap(),
            edit_for(&lines, &c[2], None, Some(3)).unwrap(),
        ];
        assert_eq!(
            apply(text, &edits),
            "# Guide\r\n\r\nProse.\r\n\r\n```console\r\n$ tool --version\r\ntool [..]\r\n$ tool list\r\nalpha\r\ngamma\r\n$ tool fail\r\n? 3\r\nno\r\n```\r\n\r\nMore prose.\r\n"
        );
    }

    #[test]
    fn inside_a_blockquote_and_where_no_output_was_written() {
        let text = "> ```console\n> $ echo hi\n> $ true\n> ```\n";
        let c = commands(text);
        let lines: Vec<&str> = text.lines().collect();
        let edit = edit_for(
            &lines,
            &c[0],
            Some(&["hi".into(), String::new(), "there".into()]),
            None,
        )
        .unwrap();
        assert_eq!(
            apply(text, &[edit]),
            "> ```console\n> $ echo hi\n> hi\n>\n> there\n> $ true\n> ```\n"
        );
    }
}
