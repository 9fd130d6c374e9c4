//! Errors as the terminal shows them, in the manner of `just`: the message
//! with its file:line:column, then the source line it points at and a caret;
//! each error found with it (`related`) the same way, after it.

use console::style;
use doccheck_guide::Error;

pub fn render(error: &Error) -> String {
    let mut out: String = error.each().map(|e| render_one(&e)).collect();
    if !error.related.is_empty() {
        let count = error.related.len() + 1;
        let file = error.location.as_ref().map(|l| &l.file);
        let one_file = error
            .related
            .iter()
            .all(|e| e.location.as_ref().map(|l| &l.file) == file);
        let summary = match file {
            Some(file) if one_file => format!("{count} errors in {file}"),
            _ => format!("{count} errors"),
        };
        out.push_str(&format!("{} {summary}\n", style("error:").red().bold()));
    }
    out
}

fn render_one(error: &Error) -> String {
    let mut out = match &error.location {
        Some(l) => format!("{} {l}: {}\n", style("error:").red().bold(), error.message),
        None => format!("{} {}\n", style("error:").red().bold(), error.message),
    };
    if let Some(location) = &error.location {
        if let Some(source) = source_line(&location.file, location.line) {
            let number = location.line.to_string();
            let gutter = " ".repeat(number.len());
            let caret_at: String = source
                .chars()
                .take(location.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("{gutter} {}\n", style("|").blue()));
            out.push_str(&format!(
                "{} {} {source}\n",
                style(&number).blue(),
                style("|").blue()
            ));
            out.push_str(&format!(
                "{gutter} {} {caret_at}{}\n",
                style("|").blue(),
                style("^").red().bold()
            ));
        }
    }
    out
}

/// Line `line` (1-based) of `file`, if it can be read and is short enough to show.
fn source_line(file: &str, line: usize) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let source = text.lines().nth(line.checked_sub(1)?)?;
    (source.chars().count() <= 200).then(|| source.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use doccheck_guide::Location;

    #[test]
    fn the_source_line_and_a_caret() {
        console::set_colors_enabled(false);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.md");
        std::fs::write(&file, "# T\n\n  ```bash\necho\n").unwrap();
        let shown = file.display().to_string();
        let e = Error::guide(Location::new(&shown, 3, 3), "never closed");
        assert_eq!(
            render(&e),
            format!("error: {shown}:3:3: never closed\n  |\n3 |   ```bash\n  |   ^\n")
        );
        let e = Error::usage("no such step");
        assert_eq!(render(&e), "error: no such step\n");
    }

    #[test]
    fn every_error_found_with_another_is_shown_with_its_line() {
        console::set_colors_enabled(false);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.md");
        std::fs::write(&file, "<!-- doccheck fiel=x -->\n```sh exit=x\nls\n```\n").unwrap();
        let shown = file.display().to_string();
        let e = Error::several([
            Error::guide(Location::new(&shown, 2, 1), "exit=`x` is not a number"),
            Error::guide(Location::new(&shown, 1, 1), "unknown field `fiel`"),
        ])
        .unwrap();
        assert_eq!(
            render(&e),
            format!(
                "error: {shown}:1:1: unknown field `fiel`\n  |\n1 | <!-- doccheck fiel=x -->\n  | ^\n\
                 error: {shown}:2:1: exit=`x` is not a number\n  |\n2 | ```sh exit=x\n  | ^\n\
                 error: 2 errors in {shown}\n"
            )
        );
    }
}
