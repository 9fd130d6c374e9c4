//! Text from a run (a command's output, a diff, a log) as the human and file
//! reports show it: control characters escaped visibly, so that an editor's
//! alternate-screen switch or a NUL in an output can neither take over the
//! reader's terminal nor break an XML file, and every line cut past a limit,
//! with a marker saying how much was cut, so that a 1 MB line prints a
//! line. The JSON report keeps the text whole (JSON escapes control
//! characters itself).

use std::borrow::Cow;

/// Characters of a line the terminal shows.
pub const TERMINAL: usize = 500;
/// Characters of a line JUnit XML and GitHub annotations hold.
pub const FILE: usize = 4_096;

/// One line (no newline of its own) escaped and cut to `limit` characters.
pub fn line(text: &str, limit: usize) -> Cow<'_, str> {
    if text.len() <= limit && !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(limit + 32));
    let mut shown = 0;
    for (at, c) in text.char_indices() {
        if shown >= limit {
            let left = (text.len() - at) as u64;
            out.push_str(&format!(
                "… [{} more byte{}]",
                doccheck_runner::matching::thousands(left),
                if left == 1 { "" } else { "s" }
            ));
            break;
        }
        let before = out.len();
        push(&mut out, c);
        shown += out[before..].chars().count();
    }
    Cow::Owned(out)
}

/// Text of several lines, each as [`line`] shows it; newlines are kept.
pub fn text(text: &str, limit: usize) -> Cow<'_, str> {
    let lines: Vec<Cow<str>> = text.split('\n').map(|l| line(l, limit)).collect();
    match lines.iter().all(|l| matches!(l, Cow::Borrowed(_))) {
        true => Cow::Borrowed(text),
        false => Cow::Owned(lines.join("\n")),
    }
}

/// Whether `c` is shown as an escape: C0 controls but tab (and newline,
/// which splits lines before this), DEL and C1 controls.
fn escaped(c: char) -> bool {
    c != '\t' && c.is_control()
}

fn push(out: &mut String, c: char) {
    match c {
        '\x1b' => out.push_str("\\e"),
        '\0' => out.push_str("\\0"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c if escaped(c) && (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if escaped(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(line("plain\ttext", 80), "plain\ttext");
        assert!(matches!(line("plain", 80), Cow::Borrowed(_)));
        assert_eq!(
            line("\x1b[?1049hvim\x1b[?1049l\0\x07\r\x7f\u{9b}é", 80),
            "\\e[?1049hvim\\e[?1049l\\0\\x07\\r\\x7f\\u{9b}é"
        );
        assert_eq!(text("a\0\nb\n", 80), "a\\0\nb\n");
    }

    #[test]
    fn long_lines_are_cut_with_what_was_left_out() {
        let long = "a".repeat(1_000_000);
        assert_eq!(
            line(&long, 500),
            format!("{}… [999,500 more bytes]", "a".repeat(500))
        );
        assert_eq!(line(&"é".repeat(10), 4), "éééé… [12 more bytes]");
        assert_eq!(line("\0\0\0", 4), "\\0\\0… [1 more byte]");
        let several = format!("short\n{long}\nend");
        let shown = text(&several, 10);
        assert_eq!(shown, "short\naaaaaaaaaa… [999,990 more bytes]\nend");
    }
}
