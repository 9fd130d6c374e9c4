//! Byte offsets in a file turned into 1-based lines and character columns.

/// Byte offset → 1-based line and (character) column.
pub(crate) struct LineIndex<'a> {
    pub(crate) text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The offset where the line holding `offset` starts.
    pub(crate) fn line_start(&self, offset: usize) -> usize {
        self.starts[self.starts.partition_point(|&s| s <= offset).max(1) - 1]
    }

    pub(crate) fn pos(&self, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }
}

/// Positions of increasing offsets, each character counted once.
pub(crate) struct PosCursor<'a, 'b> {
    index: &'b LineIndex<'a>,
    line: usize,
    offset: usize,
    column: usize,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn cursor(&self) -> PosCursor<'a, '_> {
        PosCursor {
            index: self,
            line: 0,
            offset: 0,
            column: 1,
        }
    }
}

impl PosCursor<'_, '_> {
    pub(crate) fn pos(&mut self, offset: usize) -> (usize, usize) {
        let text = self.index.text;
        let offset = floor_boundary(text, offset);
        let line = self.index.starts.partition_point(|&s| s <= offset).max(1);
        if line != self.line || offset < self.offset {
            self.line = line;
            self.offset = self.index.starts[line - 1];
            self.column = 1;
        }
        self.column += text[self.offset..offset].chars().count();
        self.offset = offset;
        (line, self.column)
    }
}

pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
