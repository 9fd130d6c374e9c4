//! A guide rendered as its readers see it (pulldown-cmark, as doccheck-guide
//! reads it), with each fenced code block replaced by what the caller makes
//! of it, and nothing that could load or run: raw HTML through the
//! [`Sanitizer`], link targets through [`safe_url`], images shown as links.

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use doccheck_guide::markdown::LineIndex;

use super::escape::{escape, safe_url, Sanitizer};

/// A fenced code block of the guide.
pub struct Fenced<'a> {
    /// The line of its opening fence, as `Step::line` has it.
    pub line: usize,
    pub info: &'a str,
    pub content: &'a str,
}

/// The guide's HTML, each fenced block as `block` renders it.
pub fn render(text: &str, block: &mut dyn FnMut(&Fenced) -> String) -> String {
    // Tables and the like as the sites that show guides render them; they
    // change no fenced block, so blocks are where doccheck-guide found them.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let index = LineIndex::new(text);
    let mut raw = Sanitizer::default();
    let mut events: Vec<Event> = Vec::new();
    let html = |s: String| Event::Html(CowStr::from(s));
    let mut parser = Parser::new_ext(text, options).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let mut content = String::new();
                for (inner, _) in parser.by_ref() {
                    match inner {
                        Event::Text(t) => content.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let (line, _) = index.position(range.start);
                let mut out = String::new();
                raw.close_all(&mut out);
                out.push_str(&block(&Fenced {
                    line,
                    info: info.trim(),
                    content: &content,
                }));
                events.push(html(out));
            }
            // Between an inline <script> and its end: the script's text.
            Event::Text(_) | Event::Code(_) if raw.hiding() => {}
            Event::Html(h) | Event::InlineHtml(h) => {
                let mut out = String::new();
                raw.push(&mut out, &h);
                events.push(html(out));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let dest = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                events.push(html(anchor(&dest, &title, "")));
            }
            // An image would be loaded from wherever it points: a link to it instead.
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => events.push(html(anchor(&dest_url, &title, "image") + "image: ")),
            Event::End(TagEnd::Image) => events.push(html("</a>".to_string())),
            Event::End(end @ (TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)) => {
                let mut out = String::new();
                raw.close_inline(&mut out);
                if !out.is_empty() {
                    events.push(html(out));
                }
                events.push(Event::End(end));
            }
            // The page's own headings are h1 and h2: the guide's go below them.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => events.push(Event::Start(Tag::Heading {
                level: below(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                let mut out = String::new();
                raw.close_inline(&mut out);
                if !out.is_empty() {
                    events.push(html(out));
                }
                events.push(Event::End(TagEnd::Heading(below(level))));
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    raw.close_all(&mut out);
    events.push(html(out));
    let mut page = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut page, events.into_iter());
    page
}

fn below(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn anchor(dest: &str, title: &str, class: &str) -> String {
    let mut a = String::from("<a");
    if !class.is_empty() {
        a.push_str(&format!(" class=\"{class}\""));
    }
    if let Some(url) = safe_url(dest) {
        a.push_str(&format!(" href=\"{}\"", escape(url)));
    }
    if !title.is_empty() {
        a.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    a.push('>');
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> (String, Vec<(usize, String, String)>) {
        let mut seen = Vec::new();
        let html = render(text, &mut |b| {
            seen.push((b.line, b.info.to_string(), b.content.to_string()));
            format!("<BLOCK {}>", b.line)
        });
        (html, seen)
    }

    #[test]
    fn blocks_are_found_at_the_lines_doccheck_guide_gives() {
        let text = "---\ntitle: x\n---\n# T\n\n- item\n\n  ```sh\n  echo hi\n  ```\n\n> ```console\n> $ ls\n> ```\n\n| a | b |\n|---|---|\n| c | d |\n\n~~~dockerfile\nFROM x\n~~~\n";
        let (html, seen) = lines_of(text);
        let guide = doccheck_guide::markdown::parse("g.md", text).unwrap();
        let lines: Vec<usize> = guide.iter().map(|b| b.line).collect();
        assert_eq!(
            seen.iter().map(|s| s.0).collect::<Vec<_>>(),
            lines,
            "{html}"
        );
        assert_eq!(seen[0].2, "echo hi\n");
        assert_eq!(seen[1].2, "$ ls\n");
        assert_eq!(seen[2].1, "dockerfile");
        assert!(html.contains("<BLOCK 8>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(
            !html.contains("title: x"),
            "front matter is not shown: {html}"
        );
    }

    #[test]
    fn the_guides_html_and_links_cannot_run_or_load_anything() {
        let text = "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and [a](javascript:alert(1)) \
                    and [b](https://example.com \"t\") and ![logo](https://example.com/logo.png) and <b>bold</b>\n\n\
                    <div onclick=\"x()\">\n\n*md*\n\n</div>\n\n`<code>` & <http://x.org>\n";
        let (html, _) = lines_of(text);
        for bad in [
            "<script",
            "alert(1)</",
            "<img",
            "onerror",
            "javascript:",
            "onclick",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<a>a</a>"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.com\" title=\"t\">b</a>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<a class=\"image\" href=\"https://example.com/logo.png\">image: logo</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(html.contains("<div>\n<p><em>md</em></p>\n</div>"), "{html}");
        assert!(html.contains("<code>&lt;code&gt;</code> &amp;"), "{html}");
        assert!(
            html.contains("<a href=\"http://x.org\">http://x.org</a>"),
            "{html}"
        );
    }

    #[test]
    fn formatting_left_open_stops_at_its_paragraph() {
        let (html, _) = lines_of("a <b>bold\n\nnext\n");
        assert_eq!(html, "<p>a <b>bold</b></p>\n<p>next</p>\n");
        let (html, _) = lines_of("a <script>x()</script> b <style>p{}\n\nc\n");
        assert_eq!(html, "<p>a  b </p>\n<p>c</p>\n");
        let (html, _) = lines_of("# T <i>x\n\n#### U\n");
        assert_eq!(html, "<h3>T <i>x</i></h3>\n<h6>U</h6>\n");
    }
}
