//! A translation check on the page: its findings listed, and each segment's
//! source and translation side by side with every finding marked where it
//! points in the translation.

use std::ops::Range;

use doccheck_l10n::{Finding, Severity};

use super::escape::{escape, push_escaped};
use crate::Translation;

/// How far a mark reaches from the point a finding gives: the word there.
const MARK_CHARS: usize = 40;

/// The byte offset of 1-based `line` and character `column` in `text`.
pub fn offset(text: &str, line: usize, column: usize) -> usize {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[start..];
    let in_line = rest
        .char_indices()
        .take_while(|(_, c)| *c != '\n')
        .nth(column.saturating_sub(1))
        .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
    start + in_line
}

/// The pair each finding belongs to: the segment whose markup holds the
/// point it gives, else the segment of its id.
pub fn owners(t: &Translation) -> Vec<Option<usize>> {
    t.findings
        .iter()
        .map(|f| {
            let at = offset(&t.text, f.line, f.column);
            let i = t.pairs.partition_point(|p| p.outer.start <= at);
            (i > 0 && t.pairs[i - 1].outer.contains(&at))
                .then(|| i - 1)
                .or_else(|| {
                    let id = f.segment.as_deref()?;
                    t.pairs.iter().position(|p| p.id.as_deref() == Some(id))
                })
        })
        .collect()
}

/// What a finding marks in its segment's text, within `text`: the token at
/// its point (a code span or a link whole, with a word glued to it, else
/// the word; the word before it at the segment's end; from a space, the
/// space and the word after it).
pub fn mark_span(file: &str, text: &Range<usize>, at: usize) -> Range<usize> {
    let body = &file[text.clone()];
    let mut at = at.clamp(text.start, text.end) - text.start;
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    if body.trim_end().is_empty() {
        return text.clone();
    }
    if at >= body.trim_end().len() {
        let trimmed = body.trim_end();
        let word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        return text.start + trimmed.len() - word.len()..text.start + trimmed.len();
    }
    let rest = &body[at..];
    // A code span or link is one token: up to its closing backticks or `)`.
    let token = if rest.starts_with('`') {
        let ticks = rest.len() - rest.trim_start_matches('`').len();
        rest[ticks..].find(&rest[..ticks]).map(|i| 2 * ticks + i)
    } else if rest.starts_with('[') {
        rest.find("](")
            .and_then(|i| rest[i..].find(')').map(|j| i + j + 1))
    } else {
        None
    };
    let mut end = token.filter(|&n| n <= MARK_CHARS * 3).unwrap_or(0);
    let mut seen_word = end > 0;
    for (n, c) in rest[end..].chars().enumerate() {
        if n >= MARK_CHARS || (c.is_whitespace() && seen_word) {
            break;
        }
        seen_word |= !c.is_whitespace();
        end += c.len_utf8();
    }
    text.start + at..text.start + at + end
}

/// A finding marked in its segment's translation.
pub struct Mark<'a> {
    pub span: Range<usize>,
    /// The id of its entry in the findings' list, and its number there.
    pub id: String,
    pub number: usize,
    pub finding: &'a Finding,
}

/// `file[text]` escaped, with `<mark>`s over the findings' spans (pieces
/// where several overlap carry them all) and a link to each finding after it.
pub fn marked(file: &str, text: &Range<usize>, marks: &[Mark]) -> String {
    let mut cuts: Vec<usize> = vec![text.start, text.end];
    for m in marks {
        cuts.extend([m.span.start, m.span.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let piece = w[0]..w[1];
        let over: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.span.start < piece.end && piece.start < m.span.end)
            .collect();
        let text = escape(&file[piece.clone()]);
        if over.is_empty() {
            out.push_str(&text);
        } else {
            let severity = match over.iter().any(|m| m.finding.severity == Severity::Error) {
                true => "error",
                false => "warning",
            };
            let rules: Vec<&str> = over.iter().map(|m| m.finding.rule).collect();
            let title: Vec<String> = over
                .iter()
                .map(|m| format!("{}: {}", m.finding.rule, m.finding.message))
                .collect();
            out.push_str(&format!(
                "<mark class=\"finding {severity}\" data-rule=\"{}\" title=\"{}\">{text}</mark>",
                rules.join(" "),
                escape(&title.join("\n"))
            ));
        }
        // A link to each finding whose span ends here.
        for m in marks.iter().filter(|m| m.span.end == piece.end) {
            out.push_str(&format!(
                "<a class=\"ref\" href=\"#{}\" aria-label=\"finding {}: {}\">{}</a>",
                m.id,
                m.number,
                escape(m.finding.rule),
                m.number
            ));
        }
    }
    out
}

/// The translation's section body: findings, then the segments side by side.
pub fn render(out: &mut String, guide: usize, t: &Translation) {
    let finding_id = |k: usize| format!("g{guide}-f{}", k + 1);
    let owners = owners(t);
    out.push_str("<h3>Findings</h3>");
    if t.findings.is_empty() {
        out.push_str("<p class=\"quiet\">No findings.</p>");
    } else {
        out.push_str("<ol class=\"findings\">");
        for (k, f) in t.findings.iter().enumerate() {
            let severity = f.severity.to_string();
            let failure = match f.severity {
                Severity::Error => " data-failure tabindex=\"-1\"",
                Severity::Warning => "",
            };
            out.push_str(&format!(
                "<li id=\"{}\" class=\"finding {severity}\" data-rule=\"{}\" data-severity=\"{severity}\"{failure}>",
                finding_id(k),
                escape(f.rule)
            ));
            let place = format!("{}:{}:{}", t.guide, f.line, f.column);
            match owners[k] {
                Some(p) => out.push_str(&format!(
                    "<a class=\"where\" href=\"#g{guide}-p{p}\">{}</a>",
                    escape(&place)
                )),
                None => out.push_str(&format!("<span class=\"where\">{}</span>", escape(&place))),
            }
            out.push_str(&format!(
                " <span class=\"badge {severity}\">{severity}</span> <code>{}</code>",
                escape(f.rule)
            ));
            if let Some(id) = &f.segment {
                out.push_str(&format!(" <span class=\"segment\">[{}]</span>", escape(id)));
            }
            out.push_str(&format!(": {}", escape(&f.message)));
            if let Some(diff) = &f.diff {
                out.push_str("<pre class=\"diff\">");
                for line in diff.lines() {
                    let class = match line.chars().next() {
                        Some('-') => "del",
                        Some('+') => "ins",
                        _ => "same",
                    };
                    out.push_str(&format!("<span class=\"{class}\">"));
                    push_escaped(out, line);
                    out.push_str("</span>\n");
                }
                out.push_str("</pre>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    if t.pairs.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<h3>Segments</h3><table class=\"side-by-side\"><caption>Each segment's source and translation; findings are marked in the translation.</caption><thead><tr><th scope=\"col\">segment</th><th scope=\"col\">source{}</th><th scope=\"col\">translation</th></tr></thead><tbody>",
        t.source
            .as_ref()
            .map(|s| format!(" ({})", escape(&s.display().to_string())))
            .unwrap_or_default()
    ));
    let lines = doccheck_guide::markdown::LineIndex::new(&t.text);
    // Ranges come with the text; a pair that does not fit it is not shown.
    let fits = |pair: &&doccheck_l10n::Pair| {
        t.text.get(pair.text.clone()).is_some() && t.text.get(pair.outer.clone()).is_some()
    };
    for (p, pair) in t.pairs.iter().enumerate().filter(|(_, pair)| fits(pair)) {
        let marks: Vec<Mark> = t
            .findings
            .iter()
            .enumerate()
            .filter(|(k, _)| owners[*k] == Some(p))
            .map(|(k, f)| Mark {
                span: mark_span(&t.text, &pair.text, offset(&t.text, f.line, f.column)),
                id: finding_id(k),
                number: k + 1,
                finding: f,
            })
            .collect();
        let (line, _) = lines.position(pair.text.start);
        out.push_str(&format!(
            "<tr id=\"g{guide}-p{p}\"{}{}><th scope=\"row\" class=\"id\">{}<br><span class=\"where\">line {line}</span></th><td class=\"source\">{}</td><td class=\"translation\">{}</td></tr>",
            pair.id
                .as_ref()
                .map(|id| format!(" data-segment=\"{}\"", escape(id)))
                .unwrap_or_default(),
            if marks.is_empty() { "" } else { " class=\"has-findings\"" },
            pair.id.as_deref().map(escape).unwrap_or_else(|| (p + 1).to_string()),
            pair.source.as_deref().map(escape).unwrap_or_default(),
            marked(&t.text, &pair.text, &marks)
        ));
    }
    out.push_str("</tbody></table>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, severity: Severity, line: usize, column: usize) -> Finding {
        Finding {
            rule,
            severity,
            segment: None,
            line,
            column,
            message: format!("<{rule}>"),
            diff: None,
        }
    }

    #[test]
    fn positions_are_lines_and_character_columns() {
        let text = "ab\né `x`\n";
        assert_eq!(offset(text, 1, 1), 0);
        assert_eq!(offset(text, 2, 1), 3);
        assert_eq!(offset(text, 2, 3), 6);
        assert_eq!(offset(text, 2, 99), 9, "past the line: its end");
        assert_eq!(offset(text, 9, 1), text.len());
    }

    #[test]
    fn a_mark_covers_the_token_at_the_findings_point() {
        let file = "x Pour les `docker build`applications de [lien](a.md). \u{e9}t\u{e9}";
        let text = 2..file.len();
        let span = |at: &str| {
            let s = mark_span(file, &text, file.find(at).unwrap());
            &file[s]
        };
        assert_eq!(span("`docker"), "`docker build`applications");
        assert_eq!(span("[lien"), "[lien](a.md).");
        assert_eq!(span("Pour"), "Pour");
        assert_eq!(span(" de"), " de");
        assert_eq!(&file[mark_span(file, &text, file.len())], "\u{e9}t\u{e9}");
        assert_eq!(
            &file[mark_span(file, &text, 0)],
            "Pour",
            "clamped into the text"
        );
        assert_eq!(
            &file[mark_span(file, &text, file.len() - 1)],
            "\u{e9}",
            "a character boundary"
        );
        assert_eq!(mark_span("  ", &(0..2), 1), 0..2);
    }

    #[test]
    fn overlapping_marks_are_cut_into_pieces_and_escaped() {
        let file = "<b>a</b> bc";
        let (e, w) = (
            finding("r1", Severity::Error, 1, 1),
            finding("r2", Severity::Warning, 1, 1),
        );
        let marks = [
            Mark {
                span: 0..8,
                id: "g0-f1".into(),
                number: 1,
                finding: &e,
            },
            Mark {
                span: 4..11,
                id: "g0-f2".into(),
                number: 2,
                finding: &w,
            },
        ];
        let html = marked(file, &(0..file.len()), &marks);
        assert_eq!(
            html,
            "<mark class=\"finding error\" data-rule=\"r1\" title=\"r1: &lt;r1&gt;\">&lt;b&gt;a</mark>\
             <mark class=\"finding error\" data-rule=\"r1 r2\" title=\"r1: &lt;r1&gt;\nr2: &lt;r2&gt;\">&lt;/b&gt;</mark>\
             <a class=\"ref\" href=\"#g0-f1\" aria-label=\"finding 1: r1\">1</a>\
             <mark class=\"finding warning\" data-rule=\"r2\" title=\"r2: &lt;r2&gt;\"> bc</mark>\
             <a class=\"ref\" href=\"#g0-f2\" aria-label=\"finding 2: r2\">2</a>"
        );
    }

    #[test]
    fn findings_belong_to_the_segment_that_holds_them_or_has_their_id() {
        let text = "<span data-ttu-id=\"1\">Un</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">One</span></span>\n\n```sh\nls\n```\n";
        let mut by_id = finding("segment-malformed", Severity::Error, 9, 9);
        by_id.segment = Some("1".into());
        let t = Translation::new(
            "fr.md".into(),
            None,
            vec![
                finding("r", Severity::Warning, 1, 23),
                finding("code-block-changed", Severity::Error, 3, 1),
                by_id,
            ],
        )
        .with_pairs(text.to_string(), doccheck_l10n::pairs(text, None));
        assert_eq!(owners(&t), [Some(0), None, Some(0)]);
        let mut out = String::new();
        render(&mut out, 0, &t);
        // The malformed segment's finding points after it: it is marked by its id.
        assert!(out.contains("<td class=\"source\">One</td><td class=\"translation\"><mark class=\"finding error\" data-rule=\"r segment-malformed\""), "{out}");
        assert!(
            out.contains("<span class=\"where\">fr.md:3:1</span>"),
            "{out}"
        );
    }

    #[test]
    fn pairs_that_do_not_fit_the_text_are_left_out() {
        let pairs = doccheck_l10n::pairs("<span data-ttu-id=\"1\">Un</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">One</span></span>\n", None);
        let t = Translation::new(
            "fr.md".into(),
            None,
            vec![finding("r", Severity::Error, 1, 30)],
        )
        .with_pairs("short".into(), pairs);
        let mut out = String::new();
        render(&mut out, 0, &t);
        assert!(!out.contains("<tr id"), "{out}");
    }
}
