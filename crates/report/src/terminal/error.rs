//! Errors as the terminal shows them, in the manner of `just`: the message
//! with its file:line:column, then the source line it points at and a caret.

use console::style;
use doccheck_guide::Error;

pub fn render(error: &Error) -> String {
    let mut out = format!("{} {error}\n", style("error:").red().bold());
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
}
