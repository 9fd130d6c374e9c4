//! A piece of the file with its container markers (blockquote `>`, list
//! indentation) stripped, mapped back to the file's byte offsets.

use std::ops::Range;

use super::line_index::{floor_boundary, LineIndex};

/// A piece of the file with the container markers of its continuation lines
/// (`>` of a blockquote, list indentation) removed, and a map back to the
/// file's byte offsets.
#[derive(Debug, Clone, Default)]
pub(crate) struct Mapped {
    pub(crate) text: String,
    /// (offset in `text`, offset in the file) where each contiguous run starts.
    chunks: Vec<(usize, usize)>,
}

impl Mapped {
    /// `doc[range]`, with the markers of each line after the first stripped.
    pub(crate) fn from_range(lines: &LineIndex, range: Range<usize>) -> Mapped {
        let doc = lines.text;
        let start = floor_boundary(doc, range.start);
        let end = floor_boundary(doc, range.end.max(start));
        let line_start = lines.line_start(start);
        let in_quote = doc[line_start..start].trim_start().starts_with('>');
        let mut m = Mapped::default();
        let mut pos = start;
        let mut first = true;
        while pos < end {
            let line_end = doc[pos..end].find('\n').map_or(end, |i| pos + i + 1);
            let mut from = pos;
            if !first {
                from += marker_len(&doc[pos..line_end], in_quote);
            }
            if from < line_end {
                m.chunks.push((m.text.len(), from));
                m.text.push_str(&doc[from..line_end]);
            }
            first = false;
            pos = line_end;
        }
        if m.chunks.is_empty() {
            m.chunks.push((0, start));
        }
        m
    }

    /// The file's bytes this piece was taken from.
    pub(crate) fn range(&self) -> Range<usize> {
        let start = self.chunks.first().map_or(0, |c| c.1);
        start..self.file_offset(self.text.len())
    }

    /// The file offset of byte `o` of `text`.
    pub(crate) fn file_offset(&self, o: usize) -> usize {
        let i = self.chunks.partition_point(|&(t, _)| t <= o).max(1) - 1;
        let (t, f) = self.chunks[i];
        f + (o - t)
    }
}

/// Length of a continuation line's container prefix: indentation, and `>`
/// markers (each with one optional space) when in a blockquote.
fn marker_len(line: &str, in_quote: bool) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if in_quote && i < b.len() && b[i] == b'>' {
            i += 1;
            if i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            continue;
        }
        return i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_mapping() {
        let doc = "ab\n> x <s>y\n> z</s>\n";
        let start = doc.find("y").unwrap();
        let end = doc.find("</s>").unwrap();
        let li = LineIndex::new(doc);
        let m = Mapped::from_range(&li, start..end);
        assert_eq!(m.text, "y\nz");
        assert_eq!(li.pos(m.file_offset(2)), (3, 3));
        assert_eq!(m.range(), start..end);
        assert_eq!(li.pos(0), (1, 1));
        let mut c = li.cursor();
        let doc_pos: Vec<_> = (0..=doc.len()).map(|o| li.pos(o)).collect();
        let cur_pos: Vec<_> = (0..=doc.len()).map(|o| c.pos(o)).collect();
        assert_eq!(doc_pos, cur_pos);
        assert_eq!(c.pos(3), li.pos(3));
    }
}
