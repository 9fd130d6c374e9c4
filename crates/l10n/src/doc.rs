//! The whole file: fenced code blocks, headings, leaf blocks (for aligning a
//! translation without side-by-side spans), anchors, reference definitions,
//! and the side-by-side segments.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::inline::RefDefs;
use crate::text::{LineIndex, Mapped};

#[derive(Debug, Clone)]
pub(crate) struct CodeBlock {
    /// Byte offset of the opening fence.
    pub(crate) start: usize,
    pub(crate) info: String,
    pub(crate) content: String,
}

impl CodeBlock {
    pub(crate) fn lang(&self) -> String {
        self.info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Heading {
    pub(crate) range: Range<usize>,
    /// Text and code content, HTML left out.
    pub(crate) plain: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum LeafKind {
    Paragraph,
    Heading,
    Cell,
    Item,
}

#[derive(Debug, Clone)]
pub(crate) struct Leaf {
    pub(crate) kind: LeafKind,
    /// From the first inline element to the end of the last one.
    pub(crate) range: Range<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Doc {
    pub(crate) code_blocks: Vec<CodeBlock>,
    pub(crate) code_ranges: Vec<Range<usize>>,
    pub(crate) headings: Vec<Heading>,
    pub(crate) leaves: Vec<Leaf>,
    pub(crate) refs: RefDefs,
    /// The fragments of the page's links to its own headings (`#usage` in
    /// `[usage](#usage)`), outside code.
    pub(crate) fragments: HashSet<String>,
}

pub(crate) fn parse(text: &str) -> Doc {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let parser = Parser::new_ext(text, options);
    let mut doc = Doc::default();
    for (label, def) in parser.reference_definitions().iter() {
        doc.refs.insert(label.to_lowercase(), def.dest.to_string());
    }
    let mut code: Option<CodeBlock> = None;
    let mut heading: Option<Heading> = None;
    // Open leaf containers: kind and the span of their inline content.
    let mut leaves: Vec<(LeafKind, Option<Range<usize>>)> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        let inline = matches!(
            event,
            Event::Text(_)
                | Event::Code(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. })
                | Event::Start(Tag::Image { .. })
        ) || (matches!(event, Event::Html(_)) && !leaves.is_empty());
        if code.is_none() && inline {
            if let Some((_, span)) = leaves.last_mut() {
                *span = Some(match span.take() {
                    Some(s) => s.start.min(range.start)..s.end.max(range.end),
                    None => range.clone(),
                });
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                code = Some(CodeBlock {
                    start: range.start,
                    info: info.to_string(),
                    content: String::new(),
                });
                doc.code_ranges.push(range);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                doc.code_ranges.push(range);
            }
            Event::Text(t) if code.is_some() => {
                if let Some(c) = code.as_mut() {
                    c.content.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(c) = code.take() {
                    doc.code_blocks.push(c);
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(Heading {
                    range: range.clone(),
                    plain: String::new(),
                });
                leaves.push((LeafKind::Heading, None));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    doc.headings.push(h);
                }
                pop_leaf(&mut leaves, &mut doc.leaves);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.plain.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(fragment) = dest_url.strip_prefix('#') {
                    doc.fragments.insert(fragment.to_lowercase());
                }
            }
            Event::Start(Tag::Paragraph) => leaves.push((LeafKind::Paragraph, None)),
            Event::Start(Tag::TableCell) => leaves.push((LeafKind::Cell, None)),
            Event::Start(Tag::Item) => leaves.push((LeafKind::Item, None)),
            Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item) => {
                pop_leaf(&mut leaves, &mut doc.leaves);
            }
            _ => {}
        }
    }
    doc
}

fn pop_leaf(open: &mut Vec<(LeafKind, Option<Range<usize>>)>, out: &mut Vec<Leaf>) {
    if let Some((kind, Some(range))) = open.pop() {
        out.push(Leaf { kind, range });
    }
}

impl Doc {
    pub(crate) fn in_code(&self, offset: usize) -> bool {
        let i = self.code_ranges.partition_point(|r| r.start <= offset);
        i > 0 && self.code_ranges[i - 1].contains(&offset)
    }
}

/// Every `<a name="...">` / `<a id="...">` anchor outside code blocks.
pub(crate) fn anchors(text: &str, doc: &Doc, within: Range<usize>) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i)<a\s+(?:[^>]*?\s)?(?:name|id)\s*=\s*["']([^"']*)["']"#).unwrap()
    });
    re.captures_iter(&text[within.clone()])
        .filter(|c| !doc.in_code(within.start + c.get(0).map_or(0, |m| m.start())))
        .map(|c| c[1].to_string())
        .collect()
}

/// One side-by-side segment: the translation, and the source it carries.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub(crate) id: Option<String>,
    pub(crate) text: Mapped,
    pub(crate) source: Option<String>,
    /// The whole `<span ...>…</span></span>` construct.
    pub(crate) outer: Range<usize>,
}

/// A defect of the side-by-side markup itself.
#[derive(Debug, Clone)]
pub(crate) struct Malformed {
    pub(crate) id: Option<String>,
    pub(crate) at: usize,
    pub(crate) message: String,
}

pub(crate) fn segments(lines: &LineIndex, doc: &Doc) -> (Vec<Segment>, Vec<Malformed>) {
    let text = lines.text;
    static OPEN: OnceLock<Regex> = OnceLock::new();
    static LOOKUP: OnceLock<Regex> = OnceLock::new();
    static CLOSE: OnceLock<Regex> = OnceLock::new();
    let open = OPEN.get_or_init(|| {
        Regex::new(r#"(?i)<span\s+data-ttu-id\s*=\s*["']([^"'<>]*)["']\s*>"#).unwrap()
    });
    let lookup = LOOKUP.get_or_init(|| {
        Regex::new(
            r#"(?i)\A[ \t]*<span\s+class\s*=\s*["']sxs-lookup["']\s*>[ \t]*<span\s+data-stu-id\s*=\s*["']([^"'<>]*)["']\s*>"#,
        )
        .unwrap()
    });
    let close = CLOSE.get_or_init(|| Regex::new(r"(?i)\A[ \t]*</span\s*>").unwrap());

    let mut segs = Vec::new();
    let mut bad = Vec::new();
    let mut resume = 0;
    for m in open.captures_iter(text) {
        let whole = m.get(0).expect("match");
        if whole.start() < resume || doc.in_code(whole.start()) {
            continue;
        }
        let id = m[1].to_string();
        let Some((text_end, after)) = span_content(text, whole.end()) else {
            bad.push(Malformed {
                id: Some(id.clone()),
                at: whole.start(),
                message: format!(
                    "<span data-ttu-id=\"{id}\"> has no </span> before the paragraph ends"
                ),
            });
            resume = whole.end();
            continue;
        };
        let mut seg = Segment {
            id: Some(id.clone()),
            text: Mapped::from_range(lines, whole.end()..text_end),
            source: None,
            outer: whole.start()..after,
        };
        resume = after;
        match lookup.captures(&text[after..]) {
            None => bad.push(Malformed {
                id: Some(id.clone()),
                at: whole.start(),
                message: format!(
                    "segment {id} is not followed by its source (<span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">)"
                ),
            }),
            Some(l) => {
                let lend = after + l.get(0).expect("match").end();
                let sid = l[1].to_string();
                if sid != id {
                    bad.push(Malformed {
                        id: Some(id.clone()),
                        at: whole.start(),
                        message: format!("segment {id} is followed by the source of segment {sid}"),
                    });
                }
                match span_content(text, lend) {
                    None => bad.push(Malformed {
                        id: Some(id.clone()),
                        at: after,
                        message: format!(
                            "the source span of segment {id} has no </span> before the paragraph ends"
                        ),
                    }),
                    Some((src_end, src_after)) => {
                        seg.source = Some(Mapped::from_range(lines, lend..src_end).text);
                        match close.find(&text[src_after..]) {
                            Some(c) => seg.outer.end = src_after + c.end(),
                            None => {
                                seg.outer.end = src_after;
                                bad.push(Malformed {
                                    id: Some(id.clone()),
                                    at: src_after,
                                    message: format!(
                                        "the sxs-lookup span of segment {id} is not closed"
                                    ),
                                });
                            }
                        }
                        resume = seg.outer.end;
                    }
                }
            }
        }
        segs.push(seg);
    }
    (segs, bad)
}

/// From just after an opening `<span ...>`: the end of its content and the
/// end of its `</span>`, counting nested spans; `None` when a blank line
/// (the end of the paragraph) or the end of the file comes first.
fn span_content(text: &str, from: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut depth = 1usize;
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                let rest = &text[i + 1..];
                let line = rest.split('\n').next().unwrap_or("");
                if line
                    .trim_matches(|c: char| c.is_whitespace() || c == '>')
                    .is_empty()
                {
                    return None;
                }
            }
            b'<' => {
                let rest = &b[i..];
                if starts_with_ci(rest, b"</span") {
                    depth -= 1;
                    let end = text[i..].find('>').map(|j| i + j + 1)?;
                    if depth == 0 {
                        return Some((i, end));
                    }
                    i = end;
                    continue;
                } else if starts_with_ci(rest, b"<span")
                    && rest
                        .get(5)
                        .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
                {
                    depth += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Where a segment that is the whole of a table's cell sits: (index in
/// `segs`, table, column, in the header row). A table is a run of lines
/// that start with `|`, told apart by its first line's offset.
pub(crate) fn table_cells(lines: &LineIndex, segs: &[Segment]) -> Vec<(usize, usize, usize, bool)> {
    let text = lines.text;
    let line_end = |s: usize| text[s..].find('\n').map_or(text.len(), |e| s + e);
    let row = |s: usize| text[s..line_end(s)].trim_start().starts_with('|');
    let rule = |s: usize| {
        let l = text[s..line_end(s)].trim();
        l.starts_with('|') && l.contains("--") && l.chars().all(|c| "|-: ".contains(c))
    };
    let mut out = Vec::new();
    let mut table = 0;
    // The last row's line: (start, end).
    let mut last: Option<(usize, usize)> = None;
    for (i, seg) in segs.iter().enumerate() {
        let start = lines.line_start(seg.outer.start);
        let end = line_end(start);
        if !row(start) {
            continue;
        }
        if !last.is_some_and(|(s, e)| s == start || e + 1 == start) {
            table = start;
        }
        last = Some((start, end));
        // The header: the row above the `|---|` line.
        let header = end < text.len() && rule(end + 1);
        let before = &text[start..seg.outer.start];
        let after = &text[seg.outer.end..end];
        let cell_start = before.trim_end().ends_with('|');
        let cell_end = after.trim_start().starts_with('|') || after.trim().is_empty();
        if !cell_start || !cell_end {
            continue;
        }
        let pipes = before.matches('|').count() - before.matches("\\|").count();
        out.push((i, table, pipes, header));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SXS: &str = "# <a name=\"a-b\"></a><span data-ttu-id=\"x-1\">A</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-1\">A b</span></span>\n\n>[!div]\n><span data-ttu-id=\"x-2\">[P](p.md)\n>[N](n.md)</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-2\">[Prev](p.md)\n[Next](n.md)</span></span>\n\n```console\n<span data-ttu-id=\"no\">x</span>\n```\n";

    #[test]
    fn finds_segments() {
        let doc = parse(SXS);
        let (segs, bad) = segments(&LineIndex::new(SXS), &doc);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].text.text, "A");
        assert_eq!(segs[0].source.as_deref(), Some("A b"));
        assert_eq!(segs[1].text.text, "[P](p.md)\n[N](n.md)");
        assert_eq!(
            segs[1].source.as_deref(),
            Some("[Prev](p.md)\n[Next](n.md)")
        );
        assert_eq!(doc.code_blocks.len(), 1);
        assert_eq!(doc.code_blocks[0].lang(), "console");
        assert_eq!(doc.headings.len(), 1);
        assert_eq!(anchors(SXS, &doc, doc.headings[0].range.clone()), ["a-b"]);
    }

    #[test]
    fn malformed_segments() {
        let t = "<span data-ttu-id=\"1\">a</span><span class=\"sxs-lookup\"><span data-stu-id=\"2\">b</span></span> <span data-ttu-id=\"3\">c\n\nd";
        let (segs, bad) = segments(&LineIndex::new(t), &parse(t));
        assert_eq!(segs.len(), 1);
        assert_eq!(bad.len(), 2, "{bad:?}");
    }

    #[test]
    fn leaves() {
        let t =
            "# H\n\nPara `x`\nmore\n\n- a\n- b\n\n| c | d |\n|---|---|\n| e | f |\n\n> q\n> r\n";
        let d = parse(t);
        let kinds: Vec<_> = d
            .leaves
            .iter()
            .map(|l| (l.kind, &t[l.range.clone()]))
            .collect();
        assert_eq!(
            kinds,
            [
                (LeafKind::Heading, "H"),
                (LeafKind::Paragraph, "Para `x`\nmore"),
                (LeafKind::Item, "a"),
                (LeafKind::Item, "b"),
                (LeafKind::Cell, "c"),
                (LeafKind::Cell, "d"),
                (LeafKind::Cell, "e"),
                (LeafKind::Cell, "f"),
                (LeafKind::Paragraph, "q\n> r"),
            ]
        );
    }
}
