//! Output lines as the matchers read them ([`Actual`]): from one line to the
//! next or the one before, at positions the reader chooses. A command's
//! output is read in place ([`Normalized`]), so 100 MB of short lines needs
//! no table of its lines; a slice of lines works the same way.

/// Lines read by position: a line's start, or [`Actual::end`] after the last.
/// Positions grow from line to line; the first line is at 0.
pub trait Actual {
    /// The line at `at` and where the next one starts; `None` at the end.
    fn line(&self, at: usize) -> Option<(&str, usize)>;
    /// Where the line before the one at `at` (or before the end) starts.
    fn prev(&self, at: usize) -> Option<usize>;
    /// The position after the last line.
    fn end(&self) -> usize;

    /// Whether `at` is a line (not the end).
    fn has(&self, at: usize) -> bool {
        at < self.end()
    }

    /// How many lines from `from` up to `to`.
    fn count(&self, from: usize, to: usize) -> usize {
        let (mut n, mut at) = (0, from);
        while at < to {
            match self.line(at) {
                Some((_, next)) => at = next,
                None => break,
            }
            n += 1;
        }
        n
    }
}

/// [`Actual::count`] for a text whose lines end with a newline, but maybe
/// the last: the newlines between, and the last line if `to` is past the text.
pub(crate) fn count_in(text: &str, from: usize, to: usize) -> usize {
    if from >= to || from > text.len() {
        return 0;
    }
    let newlines = memchr::memchr_iter(b'\n', &text.as_bytes()[from..to.min(text.len())]).count();
    newlines + usize::from(to > text.len())
}

impl<A: AsRef<str>> Actual for [A] {
    fn line(&self, at: usize) -> Option<(&str, usize)> {
        self.get(at).map(|l| (l.as_ref(), at + 1))
    }

    fn prev(&self, at: usize) -> Option<usize> {
        at.checked_sub(1)
    }

    fn end(&self) -> usize {
        self.len()
    }
}

impl<A: AsRef<str>> Actual for Vec<A> {
    fn line(&self, at: usize) -> Option<(&str, usize)> {
        self.as_slice().line(at)
    }

    fn prev(&self, at: usize) -> Option<usize> {
        self.as_slice().prev(at)
    }

    fn end(&self) -> usize {
        self.len()
    }
}

/// A command's output as doccheck compares it: trailing whitespace, `\r`
/// and trailing blank lines never count. Positions are byte offsets.
#[derive(Debug, Clone, Copy)]
pub struct Normalized<'a> {
    /// The output without what ends it (blank lines, spaces, a newline).
    text: &'a str,
}

impl<'a> Normalized<'a> {
    pub fn new(output: &'a str) -> Normalized<'a> {
        Normalized {
            text: output.trim_end(),
        }
    }
}

impl Actual for Normalized<'_> {
    fn line(&self, at: usize) -> Option<(&str, usize)> {
        if !self.has(at) {
            return None;
        }
        let rest = &self.text[at..];
        Some(match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(n) => (rest[..n].trim_end(), at + n + 1),
            None => (rest.trim_end(), self.end()),
        })
    }

    fn prev(&self, at: usize) -> Option<usize> {
        if at == 0 || self.text.is_empty() {
            return None;
        }
        // The newline that ends the line before `at`, then the one before that.
        let before = (at - 1).min(self.text.len());
        Some(memchr::memrchr(b'\n', &self.text.as_bytes()[..before]).map_or(0, |n| n + 1))
    }

    fn count(&self, from: usize, to: usize) -> usize {
        count_in(self.text, from, to.min(self.end()))
    }

    fn end(&self) -> usize {
        // One past the text: the last line has no newline of its own.
        match self.text.is_empty() {
            true => 0,
            false => self.text.len() + 1,
        }
    }
}

/// Every line from `from` up to `to`, in order.
pub fn lines_between<L: Actual + ?Sized>(actual: &L, from: usize, to: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = from;
    while at < to {
        let Some((line, next)) = actual.line(at) else {
            break;
        };
        out.push(line);
        at = next;
    }
    out
}

/// Up to `limit` lines from `from`, and where the next would start.
pub fn take<L: Actual + ?Sized>(actual: &L, from: usize, limit: usize) -> (Vec<&str>, usize) {
    let mut out = Vec::new();
    let mut at = from;
    while out.len() < limit {
        let Some((line, next)) = actual.line(at) else {
            break;
        };
        out.push(line);
        at = next;
    }
    (out, at)
}

/// How many lines from `from` up to `to`.
pub fn count<L: Actual + ?Sized>(actual: &L, from: usize, to: usize) -> usize {
    actual.count(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(n: &Normalized) -> Vec<String> {
        lines_between(n, 0, n.end())
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn normalized_output_read_forward_and_back() {
        let n = Normalized::new("a  \r\n\nb\t\nc\n\n  \n");
        assert_eq!(all(&n), ["a", "", "b", "c"]);
        let last = n.prev(n.end()).unwrap();
        assert_eq!(n.line(last).unwrap().0, "c");
        let third = n.prev(last).unwrap();
        assert_eq!(n.line(third).unwrap().0, "b");
        let second = n.prev(third).unwrap();
        assert_eq!(n.line(second).unwrap().0, "");
        assert_eq!(n.prev(second), Some(0));
        assert_eq!(n.prev(0), None);
        assert!(all(&Normalized::new("")).is_empty());
        assert!(all(&Normalized::new(" \n\n")).is_empty());
        assert_eq!(all(&Normalized::new("x")), ["x"]);
        assert_eq!(count(&n, 0, n.end()), 4);
        assert_eq!(count(&n, third, n.end()), 2);
        assert_eq!(count(&n, second, last), 2);
        assert_eq!(count(&n, last, last), 0);
    }
}
