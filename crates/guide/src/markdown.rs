//! Guide → fenced code blocks, each with the line and column of its opening fence.
//!
//! pulldown-cmark does the parsing, so `~~~` fences, blocks nested in lists and
//! blockquotes, and inline HTML around the prose (Microsoft's side-by-side spans)
//! are handled as CommonMark says. This module only adds positions and the
//! `<!-- doccheck ... -->` comment that may precede a block.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::error::{io_reason, Error, ErrorKind, Location};

/// One fenced code block of a guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// 0-based position among the guide's fenced blocks.
    pub index: usize,
    /// 1-based line and column of the opening fence.
    pub line: usize,
    pub column: usize,
    /// The whole info string, e.g. `console` or `sh file=run.sh`.
    pub info: String,
    /// The block's text with container markers (`>`, list indentation) removed.
    pub content: String,
    /// 1-based line of the block's first content line.
    pub content_line: usize,
    /// The `<!-- doccheck ... -->` comment right before the block, if any.
    pub annotation: Option<Annotation>,
    /// Innovation Engine's `<!-- expected_similarity=... -->` since the block
    /// before: this block is the expected output of the command block before it.
    pub result_marker: Option<Annotation>,
    /// How the fence is not closed, when it is not.
    pub unclosed: Option<Unclosed>,
    /// The class of a kramdown attribute list right after the fence
    /// (`{: .output}`, `{: .language-bash}`), as Jekyll sites write a
    /// block's kind: its language when the fence gives none.
    pub ial: Option<String>,
}

/// A fence without its closing fence, as CommonMark reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    /// The block runs to the end of the file.
    AtEnd,
    /// Its blockquote or list item ends it (valid CommonMark).
    ByContainer,
    /// A line of it opens another fence (```` ```bash ````): the author
    /// meant to close this one before, and the prose between is in the block.
    /// The guide line of that other fence.
    Swallows(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// The text after `doccheck` (and an optional `:`), up to `-->`.
    pub text: String,
    pub line: usize,
    pub column: usize,
}

impl Block {
    /// The info string's first word, lower-cased: the block's language (or
    /// its kramdown class's, when the fence has none).
    pub fn lang(&self) -> String {
        let lang = self
            .info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match (&self.ial, lang.is_empty()) {
            (Some(class), true) => class.clone(),
            _ => lang,
        }
    }

    /// The info string after the language: inline attributes.
    pub fn attributes(&self) -> &str {
        let lang_len = self
            .info
            .find(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .unwrap_or(self.info.len());
        self.info[lang_len..].trim_start_matches(',').trim()
    }
}

/// Reads a guide from disk, refusing what is not a UTF-8 text file.
pub fn read_guide(path: &std::path::Path) -> Result<String, Error> {
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        Error::new(
            ErrorKind::Guide,
            format!("cannot read guide {shown}: {}", io_reason(&e)),
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(Error::new(
            ErrorKind::Guide,
            format!("{shown} is a directory; give the path of a markdown guide"),
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if bytes.contains(&0) {
        return Err(Error::new(
            ErrorKind::Guide,
            format!(
                "{shown} looks like a binary file (it contains NUL bytes), not a markdown guide"
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::guide(
            Location::new(&shown, line, column),
            "the guide is not valid UTF-8 here; save it as UTF-8",
        )
    })
}

/// Maps byte offsets to 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self.text[start..offset.min(self.text.len())]
            .chars()
            .count()
            + 1;
        (line, column)
    }
}

/// The YAML front matter between `---` lines at the very top of a guide: its
/// text and the guide line it starts on.
pub fn front_matter(text: &str) -> Option<(&str, usize)> {
    let body = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&body[..offset], 2));
        }
        offset += line.len();
    }
    None
}

/// Every fenced code block of `text`, in document order. `file` names the guide in errors.
pub fn parse(file: &str, text: &str) -> Result<Vec<Block>, Error> {
    let (blocks, errors) = scan(file, text);
    match Error::several(errors) {
        Some(error) => Err(error),
        None => Ok(blocks),
    }
}

/// The blocks of `text` and every error found on the way (annotations that
/// reach no block): the blocks that were read are kept,
/// so that the caller can look for more errors in them and report all at once.
pub fn scan(file: &str, text: &str) -> (Vec<Block>, Vec<Error>) {
    let index = LineIndex::new(text);
    let mut errors = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut pending: Option<Annotation> = None;
    let mut result_marker: Option<Annotation> = None;
    let mut open: Option<(Range<usize>, String, String)> = None;
    // A paragraph right after a block, which may be its kramdown attribute list.
    let mut after_block: Option<String> = None;

    for (event, range) in Parser::new(text).into_offset_iter() {
        if let Some(paragraph) = after_block.as_mut() {
            match &event {
                Event::Start(Tag::Paragraph) if paragraph.is_empty() => {
                    paragraph.push('\0');
                    continue;
                }
                Event::Text(t) if paragraph.starts_with('\0') => {
                    paragraph.push_str(t);
                    continue;
                }
                Event::SoftBreak if paragraph.starts_with('\0') => {
                    paragraph.push('\n');
                    continue;
                }
                Event::End(TagEnd::Paragraph) if paragraph.starts_with('\0') => {
                    if let (Some(class), Some(block)) =
                        (ial_class(&paragraph[1..]), blocks.last_mut())
                    {
                        block.ial = Some(class);
                    }
                    after_block = None;
                    continue;
                }
                _ => after_block = None,
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some((range, info.to_string(), String::new()));
            }
            Event::Text(t) if open.is_some() => {
                if let Some((_, _, content)) = open.as_mut() {
                    content.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((range, info, content)) = open.take() else {
                    continue;
                };
                let (line, column) = index.position(range.start);
                let source = &text[range.clone()];
                let unclosed = match swallowed(source, &content) {
                    Some(at) => Some(Unclosed::Swallows(line + 1 + at)),
                    None if is_closed(source) => None,
                    None if text[range.end..].trim().is_empty() => Some(Unclosed::AtEnd),
                    None => Some(Unclosed::ByContainer),
                };
                blocks.push(Block {
                    index: blocks.len(),
                    line,
                    column,
                    info: info.trim().to_string(),
                    content,
                    content_line: line + 1,
                    annotation: pending.take(),
                    result_marker: result_marker.take(),
                    unclosed,
                    ial: None,
                });
                after_block = Some(String::new());
            }
            Event::Html(html) if open.is_none() => {
                if let Some(text) = result_comment(&html) {
                    let (line, column) = index.position(range.start);
                    result_marker = Some(Annotation { text, line, column });
                } else if let Some(text) = doccheck_comment(&html) {
                    errors.extend(detached(file, pending.take()));
                    let (line, column) = index.position(range.start);
                    pending = Some(Annotation { text, line, column });
                } else if !is_comment(&html) && !html.trim().is_empty() {
                    errors.extend(detached(file, pending.take()));
                }
            }
            // Any other block between the comment and the fence detaches the comment.
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::CodeBlock(CodeBlockKind::Indented)
                | Tag::Item,
            ) => errors.extend(detached(file, pending.take())),
            _ => {}
        }
    }
    errors.extend(detached(file, pending.take()));
    (blocks, errors)
}

/// `{: .output}` → `output`, `{: .language-bash}` → `bash`: the first class
/// of a kramdown attribute list (a paragraph of its own after a fence).
fn ial_class(paragraph: &str) -> Option<String> {
    // The first line: a lazy `{: .challenge}` of the blockquote may follow.
    let first = paragraph.lines().next()?;
    let inner = first.trim().strip_prefix("{:")?.strip_suffix('}')?;
    let class = inner
        .split_whitespace()
        .find_map(|word| word.strip_prefix('.'))?;
    let class = class.strip_prefix("language-").unwrap_or(class);
    (!class.is_empty()).then(|| class.to_ascii_lowercase())
}

/// An annotation that reaches no code block would silently do nothing (a
/// `skip=` block would then run): that is an error at the comment.
fn detached(file: &str, annotation: Option<Annotation>) -> Option<Error> {
    annotation.map(|a| {
        Error::guide(
            Location::new(file, a.line, a.column),
            "this doccheck annotation is not followed by a code block; put it right before the fence it is for",
        )
    })
}

/// Other HTML comments (a linter's, Innovation Engine's) do not detach an annotation.
fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}

/// The text of an HTML comment, trimmed.
fn comment_text(html: &str) -> Option<&str> {
    Some(
        html.trim()
            .strip_prefix("<!--")?
            .strip_suffix("-->")?
            .trim(),
    )
}

/// `<!-- expected_similarity=0.8 -->` → `expected_similarity=0.8`
fn result_comment(html: &str) -> Option<String> {
    let inner = comment_text(html)?;
    inner
        .starts_with("expected_similarity")
        .then(|| inner.to_string())
}

/// `<!-- doccheck: key=value ... -->` → `key=value ...`
fn doccheck_comment(html: &str) -> Option<String> {
    let rest = comment_text(html)?.strip_prefix("doccheck")?;
    if !(rest.is_empty() || rest.starts_with(':') || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(rest.trim_start_matches(':').trim().to_string())
}

/// The index of a line of `content` that opens a fence of the kind that
/// would close this block (`source`'s opening fence's character, at least
/// as long) but cannot, as it has an info string: the sign of a fence left
/// open before it.
fn swallowed(source: &str, content: &str) -> Option<usize> {
    let opening = source
        .lines()
        .next()?
        .trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let fence_char = opening.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
    content.lines().position(|line| {
        let line = line.trim_start();
        let run = line.chars().take_while(|&c| c == fence_char).count();
        let info = line[run * fence_char.len_utf8()..].trim();
        run >= fence_len
            && !info.is_empty()
            && info.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// Whether a fenced block's source (opening fence to end) ends with a closing fence.
fn is_closed(source: &str) -> bool {
    let opening = source.lines().next().unwrap_or("");
    let fence_char = opening.chars().next().unwrap_or('`');
    let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
    let mut lines = source.lines();
    lines.next();
    let Some(last) = lines.last() else {
        return false;
    };
    let last = last.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let run = last.chars().take_while(|&c| c == fence_char).count();
    run >= fence_len && last[run * fence_char.len_utf8()..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        parse("g.md", text).unwrap()
    }

    #[test]
    fn fences_in_lists_quotes_and_tildes() {
        let text = "# T\n\n- item\n\n  ```sh\n  echo hi\n  ```\n\n> ```console\n> $ ls\n> ```\n\n~~~dockerfile\nFROM x\n~~~\n";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].line, b[0].column, b[0].lang()), (5, 3, "sh".into()));
        assert_eq!(b[0].content, "echo hi\n");
        assert_eq!((b[1].line, b[1].column), (9, 3));
        assert_eq!(b[1].content, "$ ls\n");
        assert_eq!((b[2].line, b[2].lang()), (13, "dockerfile".into()));
        assert_eq!(b[2].content, "FROM x\n");
    }

    #[test]
    fn annotation_attaches_only_to_the_next_block() {
        let text = "<!-- doccheck: skip=\"later\" -->\n<!-- markdownlint-disable -->\n```sh\nls\n```\n\n```sh\nls\n```\n";
        let b = blocks(text);
        let a = b[0].annotation.as_ref().unwrap();
        assert_eq!((a.text.as_str(), a.line), ("skip=\"later\"", 1));
        assert_eq!(b[1].annotation, None);
    }

    #[test]
    fn a_detached_annotation_is_an_error_at_the_comment() {
        for text in [
            "# T\n\n<!-- doccheck file=a -->\n\ntext\n\n```sh\nls\n```\n",
            "# T\n\n<!-- doccheck file=a -->\n",
            "# T\n\n<!-- doccheck file=a -->\n<!-- doccheck file=b -->\n```sh\nls\n```\n",
        ] {
            let e = parse("g.md", text).unwrap_err();
            assert_eq!(e.to_string(), "g.md:3:1: this doccheck annotation is not followed by a code block; put it right before the fence it is for");
        }
    }

    #[test]
    fn every_detached_annotation_is_found() {
        let text = "<!-- doccheck file=a -->\n\ntext\n\n```sh\nls\n```\n\n<!-- doccheck skip=x -->\n\n- a\n\n  ```sh\n  x\n- b\n";
        let (blocks, errors) = scan("g.md", text);
        assert_eq!(blocks.len(), 2);
        let places: Vec<String> = errors
            .iter()
            .map(|e| e.location.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(places, ["g.md:1:1", "g.md:9:1"]);
        let e = parse("g.md", text).unwrap_err();
        assert_eq!(e.each().count(), 2);
    }

    #[test]
    fn fences_left_open_are_read_as_commonmark_reads_them() {
        let b = blocks("text\n\n```bash\necho\n");
        assert_eq!(
            (b[0].content.as_str(), b[0].unclosed),
            ("echo\n", Some(Unclosed::AtEnd))
        );
        // A blockquote or a list item ends its fence: valid CommonMark.
        let b = blocks("> ```bash\n> echo hi\n\nMore prose.\n\n- a\n\n  ```sh\n  x\n- b\n");
        assert_eq!(b[0].content, "echo hi\n");
        assert_eq!(b[0].unclosed, Some(Unclosed::ByContainer));
        assert_eq!(b[1].unclosed, Some(Unclosed::ByContainer));
        // A fence left open swallows the prose up to the next block's closing fence.
        let b = blocks("```bash\necho one\n\nSome prose.\n\n```bash\necho two\n```\n\n````markdown\n```bash\nnested\n```\n````\n");
        assert_eq!(b[0].unclosed, Some(Unclosed::Swallows(6)));
        assert_eq!(b[1].unclosed, None);
    }

    #[test]
    fn lang_and_attributes() {
        let b = &blocks("```console file=x.sh timeout=3s\nls\n```\n")[0];
        assert_eq!(b.lang(), "console");
        assert_eq!(b.attributes(), "file=x.sh timeout=3s");
        let b = &blocks("```\nbin/\n```\n")[0];
        assert_eq!((b.lang().as_str(), b.attributes()), ("", ""));
    }

    #[test]
    fn kramdown_attribute_lists_give_a_language() {
        let text = "~~~\n$ ls\n~~~\n{: .language-bash}\n\n~~~\nx\n~~~\n{: .output}\n\n> ~~~\n> y\n> ~~~\n> {: .error}\n{: .challenge}\n\n```sh\nz\n```\n{: .output}\n\n~~~\nw\n~~~\n\n{: not an attribute list\n";
        let b = blocks(text);
        let langs: Vec<String> = b.iter().map(Block::lang).collect();
        assert_eq!(langs, ["bash", "output", "error", "sh", ""]);
    }

    #[test]
    fn empty_and_blockless_guides() {
        assert!(blocks("").is_empty());
        assert!(blocks("# just prose\n\nwith `code` spans\n").is_empty());
    }

    #[test]
    fn the_docker_guides_blocks_in_both_languages() {
        let en = include_str!("../../../docs/docker.md");
        let fr = include_str!("../../../docs/fr-fr/docker.md");
        let (en, fr) = (blocks(en), blocks(fr));
        let summary = |b: &[Block]| b.iter().map(|b| (b.line, b.lang())).collect::<Vec<_>>();
        assert_eq!(
            summary(&en),
            [
                (41, "dockerfile"),
                (91, "dockerfile"),
                (102, ""),
                (111, "console"),
                (119, "console"),
                (127, "console"),
                (139, "console"),
                (146, "console")
            ]
            .map(|(l, s)| (l, s.to_string()))
        );
        assert_eq!(
            summary(&fr),
            [
                (46, "dockerfile"),
                (96, "dockerfile"),
                (107, "console"),
                (116, "console"),
                (124, "console"),
                (132, "console"),
                (144, "console"),
                (151, "console")
            ]
            .map(|(l, s)| (l, s.to_string()))
        );
        // The code is the same in both; only the .dockerignore block's fence differs.
        let contents = |b: &[Block]| b.iter().map(|b| b.content.clone()).collect::<Vec<_>>();
        assert_eq!(contents(&en), contents(&fr));
        assert_eq!(en[2].content, "bin/\nobj/\n");
    }
}
