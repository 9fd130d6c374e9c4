//! Everything that reaches the page from a guide or a run, made inert: text
//! escaped, link targets that could run script dropped, and the guide's own
//! raw HTML reduced to a few formatting tags without attributes, so that
//! neither a guide nor a command's output can inject markup or script.

/// `text` escaped for HTML text and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A link target the page may carry: a path, a fragment, or an `http`,
/// `https` or `mailto` URL. Browsers ignore tabs, newlines and leading
/// controls in a scheme (`java\tscript:`), so the scheme is read without them.
pub fn safe_url(url: &str) -> Option<&str> {
    let mut scheme = String::new();
    for c in url.chars() {
        match c {
            c if c.is_ascii_whitespace() || c.is_control() => {}
            ':' => {
                let scheme = scheme.to_ascii_lowercase();
                return matches!(scheme.as_str(), "http" | "https" | "mailto").then_some(url);
            }
            '/' | '?' | '#' => break,
            c => scheme.push(c),
        }
    }
    Some(url)
}

/// Tags of a guide's raw HTML that are kept (without their attributes):
/// formatting, and the blocks guides wrap text in.
const INLINE: &[&str] = &[
    "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "u", "var",
];
const BLOCK: &[&str] = &[
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "li",
    "ol",
    "p",
    "pre",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];
const VOID: &[&str] = &["br", "hr", "wbr"];
/// Elements whose content is not text to show (a script, a style sheet).
const HIDDEN: &[&str] = &[
    "iframe", "noembed", "noframes", "noscript", "object", "script", "style", "template",
    "textarea", "title", "xmp",
];

fn known(list: &[&'static str], name: &str) -> Option<&'static str> {
    list.iter().copied().find(|t| *t == name)
}

/// The guide's raw HTML, fed piece by piece as the markdown parser finds it
/// (an HTML block comes a line at a time, so a comment or a tag may span
/// pieces): kept tags are written back balanced, without attributes but
/// the side-by-side source's `class="sxs-lookup"` (which the page hides,
/// as docs sites do); every other tag is dropped, and the content of
/// scripts and styles with it.
#[derive(Default)]
pub struct Sanitizer {
    open: Vec<&'static str>,
    /// Inside a comment, or the content of a [`HIDDEN`] element.
    in_comment: bool,
    hidden: Option<String>,
    /// A tag not closed at the end of its piece.
    pending: String,
}

impl Sanitizer {
    pub fn push(&mut self, out: &mut String, html: &str) {
        let joined;
        let mut rest = if self.pending.is_empty() {
            html
        } else {
            joined = std::mem::take(&mut self.pending) + html;
            joined.as_str()
        };
        while !rest.is_empty() {
            if self.in_comment {
                match rest.find("-->") {
                    Some(i) => {
                        self.in_comment = false;
                        rest = &rest[i + 3..];
                    }
                    None => return,
                }
                continue;
            }
            if let Some(name) = &self.hidden {
                let lower = rest.to_ascii_lowercase();
                match lower.find(&format!("</{name}")) {
                    Some(i) => {
                        self.hidden = None;
                        rest = &rest[i..];
                    }
                    None => return,
                }
            }
            let Some(lt) = rest.find('<') else {
                push_text(out, rest);
                return;
            };
            push_text(out, &rest[..lt]);
            rest = &rest[lt..];
            if rest.starts_with("<!--") {
                self.in_comment = true;
                rest = &rest[4..];
                continue;
            }
            match rest[1..].chars().next() {
                // A `<` at the end of a piece may start a tag in the next one.
                None => {
                    self.pending.push('<');
                    return;
                }
                Some(c) if !(c.is_ascii_alphabetic() || "/!?".contains(c)) => {
                    out.push_str("&lt;");
                    rest = &rest[1..];
                    continue;
                }
                Some(_) => {}
            }
            match tag_end(rest) {
                Some(end) => {
                    self.tag(out, &rest[..end]);
                    rest = &rest[end..];
                }
                None => {
                    // A tag cut across pieces; a runaway one is dropped.
                    if rest.len() < 4096 {
                        self.pending.push_str(rest);
                    }
                    return;
                }
            }
        }
    }

    fn tag(&mut self, out: &mut String, tag: &str) {
        let closing = tag.starts_with("</");
        let name: String = tag[if closing { 2 } else { 1 }..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with("/>") {
            self.hidden = Some(name);
            return;
        }
        if let Some(void) = known(VOID, &name) {
            if !closing {
                out.push_str(&format!("<{void}>"));
            }
            return;
        }
        let Some(kept) = known(INLINE, &name).or_else(|| known(BLOCK, &name)) else {
            return;
        };
        if closing {
            if let Some(at) = self.open.iter().rposition(|t| *t == kept) {
                for t in self.open.drain(at..).rev() {
                    out.push_str(&format!("</{t}>"));
                }
            }
            return;
        }
        if tag.ends_with("/>") {
            return;
        }
        let lookup = kept == "span" && {
            let lower = tag.to_ascii_lowercase();
            lower.contains("class=\"sxs-lookup\"") || lower.contains("class='sxs-lookup'")
        };
        out.push_str(&format!(
            "<{kept}{}>",
            if lookup { " class=\"sxs-lookup\"" } else { "" }
        ));
        self.open.push(kept);
    }

    /// Inside a script or style: the text the parser finds there is not shown.
    pub fn hiding(&self) -> bool {
        self.hidden.is_some()
    }

    /// Closes the formatting tags left open: at the end of a paragraph,
    /// heading, list item or cell, so that they do not run on (nor does an
    /// inline script left open hide the rest).
    pub fn close_inline(&mut self, out: &mut String) {
        self.hidden = None;
        while let Some(t) = self.open.last().copied().filter(|t| INLINE.contains(t)) {
            self.open.pop();
            out.push_str(&format!("</{t}>"));
        }
    }

    /// Closes everything left open, at the end of the guide or before a block
    /// of the page's own.
    pub fn close_all(&mut self, out: &mut String) {
        for t in self.open.drain(..).rev() {
            out.push_str(&format!("</{t}>"));
        }
        self.pending.clear();
    }
}

/// The end of the tag at the start of `text` (just past its `>`, quotes
/// respected), if it ends in `text`.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Text of raw HTML: its character references stay as written (`&eacute;`),
/// anything else that could be markup is escaped.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let reference = tail.starts_with('&') && is_reference(tail);
        match tail.as_bytes()[0] {
            b'&' if reference => out.push('&'),
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            _ => out.push_str("&quot;"),
        }
        rest = &tail[1..];
    }
    out.push_str(rest);
}

/// `&name;`, `&#123;` or `&#x1F;` at the start of `text`.
fn is_reference(text: &str) -> bool {
    let body = &text[1..];
    let (digits, hex) = match body.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(h) => (h, true),
            None => (n, false),
        },
        None => {
            let name_len = body
                .bytes()
                .take(32)
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            return name_len > 0 && body[name_len..].starts_with(';');
        }
    };
    let len = digits
        .bytes()
        .take(8)
        .take_while(|b| match hex {
            true => b.is_ascii_hexdigit(),
            false => b.is_ascii_digit(),
        })
        .count();
    len > 0 && digits[len..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(pieces: &[&str]) -> String {
        let mut s = Sanitizer::default();
        let mut out = String::new();
        for p in pieces {
            s.push(&mut out, p);
        }
        s.close_all(&mut out);
        out
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("plain é"), "plain é");
    }

    #[test]
    fn only_harmless_link_targets_are_kept() {
        for ok in [
            "https://example.com/a?b#c",
            "http://x",
            "mailto:a@b.c",
            "docs/guide.md",
            "../a:b",
            "#section",
            "?q=1",
            "",
        ] {
            assert_eq!(safe_url(ok), Some(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "\x01javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn scripts_styles_and_attributes_are_dropped() {
        assert_eq!(
            clean(&["<script>alert(1)</script>after"]),
            "after",
            "a script and its content"
        );
        assert_eq!(
            clean(&["<b onclick=\"x()\">bold</b> <img src=https://e.com/x.png onerror=x()>"]),
            "<b>bold</b> "
        );
        assert_eq!(clean(&["<style>", "body{}", "</style>x"]), "x");
        assert_eq!(clean(&["<a href=\"javascript:x\">t</a>"]), "t");
        assert_eq!(clean(&["<!-- a", "b -->c"]), "c");
        assert_eq!(clean(&["<div", " class=\"x\">d</div>"]), "<div>d</div>");
    }

    #[test]
    fn tags_are_balanced_and_never_close_the_pages_own() {
        assert_eq!(clean(&["</div></section><em>x"]), "<em>x</em>");
        assert_eq!(clean(&["<div><b>x</div>"]), "<div><b>x</b></div>");
        let mut s = Sanitizer::default();
        let mut out = String::new();
        s.push(&mut out, "<div><i>x");
        s.close_inline(&mut out);
        s.push(&mut out, "y");
        s.close_all(&mut out);
        assert_eq!(out, "<div><i>x</i>y</div>");
    }

    #[test]
    fn side_by_side_source_spans_keep_their_class() {
        assert_eq!(
            clean(&["<span data-ttu-id=\"1\">FR</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">EN</span></span>"]),
            "<span>FR</span><span class=\"sxs-lookup\"><span>EN</span></span>"
        );
    }

    #[test]
    fn raw_text_keeps_references_and_escapes_the_rest() {
        assert_eq!(
            clean(&["a &eacute; &#233; &#xE9; & b < c > \"d\""]),
            "a &eacute; &#233; &#xE9; &amp; b &lt; c &gt; &quot;d&quot;"
        );
        assert_eq!(clean(&["1 <2"]), "1 &lt;2");
    }
}
