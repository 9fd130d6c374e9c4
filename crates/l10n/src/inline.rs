//! A segment's text parsed as inline markdown: code spans, links, prose.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::text::CODE_MARK;

#[derive(Debug, Clone)]
pub(crate) struct CodeSpan {
    pub(crate) content: String,
    /// Byte range in the segment text, backticks included.
    pub(crate) range: Range<usize>,
    /// Index in `links` of the innermost link whose text holds this span.
    pub(crate) in_link: Option<usize>,
    /// An `<xref:uid>` autolink, read as a span of its uid.
    pub(crate) xref: bool,
    /// A docfx include (`[!INCLUDE[ssDE](../includes/ssde-md.md)]`), which
    /// renders a name in its place: placed in a sentence as a span is;
    /// `content` is the whole include.
    pub(crate) include: bool,
}

impl CodeSpan {
    /// The span as the page writes it, for messages.
    pub(crate) fn shown(&self) -> String {
        if self.xref {
            format!("<xref:{}>", self.content)
        } else if self.include {
            self.content.clone()
        } else {
            backticked(&self.content)
        }
    }
}

/// Text shown as a code span: `x`, or `` a`b `` when it holds a backtick.
pub(crate) fn backticked(c: &str) -> String {
    if c.contains('`') {
        format!("`` {c} ``")
    } else {
        format!("`{c}`")
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub(crate) dest: String,
    /// The link text as plain text (code spans' content included).
    pub(crate) text: String,
    /// The whole link, `[text](dest)`.
    pub(crate) range: Range<usize>,
    pub(crate) image: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Inline {
    pub(crate) codes: Vec<CodeSpan>,
    pub(crate) links: Vec<Link>,
    /// Text with each code span replaced by [`CODE_MARK`], link targets left out.
    pub(crate) prose: String,
    /// Byte ranges of the segment text that are not prose: code spans, link
    /// destinations, inline HTML.
    pub(crate) masked: Vec<Range<usize>>,
}

/// Reference definitions of the whole file, by lower-cased label.
pub(crate) type RefDefs = HashMap<String, String>;

pub(crate) fn parse(text: &str, refs: &RefDefs) -> Inline {
    let callback = |link: BrokenLink<'_>| {
        let key = link.reference.to_lowercase();
        refs.get(key.trim())
            .map(|d| (CowStr::from(d.clone()), CowStr::from("")))
    };
    let options = Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_with_broken_link_callback(text, options, Some(callback));
    let mut out = Inline::default();
    // Open links: (index in out.links, end of the last event inside it).
    let mut open: Vec<(usize, usize)> = Vec::new();
    // Inside `<xref:Type>`: docfx renders it as the type's name in code, so
    // it is placed in a sentence as a code span is, and read as one.
    let mut xref: Option<usize> = None;
    // After an include's link: its closing `]`, left out of the prose.
    let mut include_close = false;
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            })
            | Event::Start(Tag::Image {
                dest_url,
                link_type,
                ..
            }) => {
                let image = text[range.clone()].starts_with('!');
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                out.links.push(Link {
                    dest: dest_url.to_string(),
                    text: String::new(),
                    range: range.clone(),
                    image,
                });
                let inner_start = range.start + if image { 2 } else { 1 };
                open.push((out.links.len() - 1, inner_start));
                // `[!INCLUDE[label](path)]`: the link is the include's
                // inside.
                const OPEN: &str = "[!INCLUDE";
                let include = !image
                    && !autolink
                    && range.start >= OPEN.len()
                    && text.is_char_boundary(range.start - OPEN.len())
                    && text[range.start - OPEN.len()..range.start].eq_ignore_ascii_case(OPEN)
                    && text[range.end..].starts_with(']');
                if include {
                    let whole = range.start - OPEN.len()..range.end + 1;
                    xref = Some(out.links.len() - 1);
                    include_close = true;
                    if out.prose.len() >= OPEN.len()
                        && out.prose.is_char_boundary(out.prose.len() - OPEN.len())
                        && out.prose[out.prose.len() - OPEN.len()..].eq_ignore_ascii_case(OPEN)
                    {
                        out.prose.truncate(out.prose.len() - OPEN.len());
                    }
                    out.masked.push(whole.clone());
                    out.codes.push(CodeSpan {
                        content: text[whole.clone()].to_string(),
                        range: whole,
                        in_link: None,
                        xref: false,
                        include: true,
                    });
                    out.prose.push(CODE_MARK);
                }
                if autolink {
                    out.masked.push(range.clone());
                    if let Some(uid) = dest_url.strip_prefix("xref:") {
                        xref = Some(out.links.len() - 1);
                        out.codes.push(CodeSpan {
                            content: uid.to_string(),
                            range: range.clone(),
                            in_link: None,
                            xref: true,
                            include: false,
                        });
                        out.prose.push(CODE_MARK);
                    }
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                xref = None;
                if let Some((i, inner_end)) = open.pop() {
                    let end = out.links[i].range.end;
                    if inner_end < end {
                        out.masked.push(inner_end..end);
                    }
                    if let Some(last) = open.last_mut() {
                        last.1 = last.1.max(end);
                    }
                }
            }
            Event::Text(t) => {
                for &(i, _) in &open {
                    out.links[i].text.push_str(&t);
                }
                if let Some(last) = open.last_mut() {
                    last.1 = last.1.max(range.end);
                }
                if xref.is_none() {
                    let t: &str = if include_close {
                        include_close = false;
                        t.strip_prefix(']').unwrap_or(&t)
                    } else {
                        &t
                    };
                    out.prose.push_str(t);
                }
            }
            Event::Code(c) => {
                for &(i, _) in &open {
                    out.links[i].text.push_str(&c);
                }
                if let Some(last) = open.last_mut() {
                    last.1 = last.1.max(range.end);
                }
                out.codes.push(CodeSpan {
                    content: c.to_string(),
                    range: range.clone(),
                    in_link: open.last().map(|&(i, _)| i),
                    xref: false,
                    include: false,
                });
                out.masked.push(range);
                out.prose.push(CODE_MARK);
            }
            Event::SoftBreak | Event::HardBreak => {
                for &(i, _) in &open {
                    out.links[i].text.push(' ');
                }
                out.prose.push(' ');
            }
            Event::InlineHtml(_) | Event::Html(_) => {
                out.masked.push(range.clone());
                if let Some(last) = open.last_mut() {
                    last.1 = last.1.max(range.end);
                }
                out.prose.push(' ');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                out.prose.push(' ');
            }
            _ => {}
        }
    }
    out.masked.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.masked.len());
    for r in out.masked.drain(..) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    out.masked = merged;
    out
}

/// Answers "is this offset masked?" for offsets visited in increasing order.
pub(crate) struct MaskCursor<'a> {
    ranges: &'a [Range<usize>],
    k: usize,
}

impl MaskCursor<'_> {
    pub(crate) fn at(&mut self, offset: usize) -> bool {
        while self.k < self.ranges.len() && self.ranges[self.k].end <= offset {
            self.k += 1;
        }
        self.ranges.get(self.k).is_some_and(|r| r.start <= offset)
    }
}

impl Inline {
    pub(crate) fn cursor(&self) -> MaskCursor<'_> {
        MaskCursor {
            ranges: &self.masked,
            k: 0,
        }
    }

    #[cfg(test)]
    fn is_masked(&self, offset: usize) -> bool {
        self.cursor().at(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_include_is_read_as_a_code_span() {
        let t = "Run [!INCLUDE[ssDE](../includes/ssde-md.md)] queries.";
        let i = parse(t, &RefDefs::new());
        assert_eq!(i.codes.len(), 1);
        assert!(i.codes[0].include);
        assert_eq!(
            i.codes[0].shown(),
            "[!INCLUDE[ssDE](../includes/ssde-md.md)]"
        );
        assert_eq!(&t[i.codes[0].range.clone()], i.codes[0].shown());
        assert_eq!(i.prose, "Run \u{1} queries. ");
        assert!(i.is_masked(t.find("ssDE").unwrap()));
    }

    #[test]
    fn codes_links_prose() {
        let t = "See [the `x` tool](a.md), `y`peut and ![img](p.png).";
        let i = parse(t, &RefDefs::new());
        let codes: Vec<_> = i.codes.iter().map(|c| c.content.as_str()).collect();
        assert_eq!(codes, ["x", "y"]);
        assert_eq!(i.codes[0].in_link, Some(0));
        assert_eq!(i.links[0].dest, "a.md");
        assert_eq!(i.links[0].text, "the x tool");
        assert_eq!(&t[i.links[0].range.clone()], "[the `x` tool](a.md)");
        assert!(i.links[1].image);
        assert_eq!(i.prose, "See the \u{1} tool, \u{1}peut and img. ");
        assert!(i.is_masked(t.find("(a.md)").unwrap() + 1));
        assert!(!i.is_masked(t.find("peut").unwrap()));
    }

    #[test]
    fn an_xref_is_read_as_a_code_span() {
        let t = "Use <xref:System.Net.Http.HttpClient> here.";
        let i = parse(t, &RefDefs::new());
        assert_eq!(i.codes[0].content, "System.Net.Http.HttpClient");
        assert_eq!(
            &t[i.codes[0].range.clone()],
            "<xref:System.Net.Http.HttpClient>"
        );
        assert_eq!(i.links.len(), 1);
        assert_eq!(i.prose, "Use \u{1} here. ");
    }

    #[test]
    fn reference_links() {
        let mut refs = RefDefs::new();
        refs.insert("k8s".into(), "kubernetes.md".into());
        let i = parse("[Suivant][k8s]", &refs);
        assert_eq!(i.links[0].dest, "kubernetes.md");
    }
}
