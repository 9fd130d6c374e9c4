//! Text helpers: positions, container-marker stripping, words, technical
//! tokens, edit distance and heading slugs.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

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

/// Scripts written without spaces between words: a code span next to one of
/// their characters is not glued.
pub(crate) fn no_space_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x2E80..=0x2FDF    // CJK radicals
        | 0x3000..=0x303F    // CJK punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x312F
        | 0x31A0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x2FFFF)
}

/// A letter or digit of a script that separates words with spaces.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !no_space_script(c)
}

/// Marks a code span inside prose text.
pub(crate) const CODE_MARK: char = '\u{1}';

fn leading_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '«' | '“' | '‘' | '¿' | '¡' | '*' | '_' | '„' | '‹' | '<'
    )
}

fn trailing_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '»'
            | '”'
            | '’'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '*'
            | '_'
            | '›'
            | '>'
            | '…'
    )
}

/// The words of a prose text: split at whitespace and code spans, with
/// surrounding punctuation trimmed (a leading `.` or `-` is kept: `.sln`, `-t`).
pub(crate) fn words(prose: &str) -> Vec<&str> {
    prose
        .split(|c: char| c.is_whitespace() || c == CODE_MARK)
        .map(trim_word)
        .filter(|w| !w.is_empty())
        .collect()
}

pub(crate) fn trim_word(w: &str) -> &str {
    let w = w.trim_start_matches(leading_punct);
    let mut w = w.trim_end_matches(trailing_punct);
    // An unbalanced closing parenthesis was trimmed; a balanced one like
    // `tag(s` lost its `)`, which is fine for comparisons on both sides.
    if w.ends_with('(') {
        w = &w[..w.len() - 1];
    }
    w
}

/// `Alpine's` → `Alpine`.
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

const FILE_EXTENSIONS: &[&str] = &[
    "cs", "csproj", "sln", "fs", "fsproj", "vb", "vbproj", "props", "targets", "md", "json",
    "yaml", "yml", "xml", "toml", "ini", "config", "dll", "exe", "so", "proto", "txt", "sh", "ps1",
    "bat", "cmd", "py", "js", "ts", "rs", "go", "java", "rb", "php", "html", "css", "lock", "zip",
    "tar", "gz", "tgz", "png", "jpg", "svg", "pfx", "pem", "crt", "key", "env", "conf", "log",
    "csv", "sql", "nupkg", "razor", "cshtml",
];

/// A token that must survive translation as it is: image tags, versions,
/// flags, file names, paths, URLs, identifiers.
pub(crate) fn is_technical(w: &str) -> bool {
    let w = strip_possessive(w);
    let chars: Vec<char> = w.chars().collect();
    if chars.len() < 2 || !chars.iter().any(|c| c.is_alphanumeric()) {
        return false;
    }
    let lower = w.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    // Flags: -t, --tag, -p
    if let Some(rest) = w.strip_prefix("--").or_else(|| w.strip_prefix('-')) {
        return rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '=');
    }
    // Dot files and extensions: .dockerignore, .sln, .NET
    if let Some(rest) = w.strip_prefix('.') {
        return rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    }
    let starts_digit = chars[0].is_ascii_digit();
    if starts_digit {
        // Versions and image tags: 3.0, 19.04, 3.0-bionic, 5000:80
        let has_sep = w.contains('.') || w.contains(':') || w.contains('-');
        let ok = w
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:+_".contains(c));
        let digits_then_sep = w
            .split(|c: char| ".-:+_".contains(c))
            .next()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
        return has_sep && ok && digits_then_sep;
    }
    if w.contains('/') {
        // Paths and image names: mcr.microsoft.com/dotnet/core/sdk, src/StockData
        // and repositories: dotnet-architecture/grpc-for-wcf-developers.
        let slashes = w.matches('/').count();
        let parts_ok = w.split('/').all(|p| !p.is_empty() || slashes >= 2);
        let repo = slashes == 1
            && w.split('/').all(|p| {
                p.chars().any(|c| "-_.".contains(c) || c.is_ascii_digit())
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            });
        return !w.contains(' ')
            && parts_ok
            && (w.contains('.') || w.contains(':') || slashes >= 2 || repo);
    }
    if w.contains('_') && w.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return true; // ASPNETCORE_URLS
    }
    if w.contains('.') {
        // File names and dotted names: StockData.csproj, ASP.NET, mcr.microsoft.com
        let parts: Vec<&str> = w.split('.').collect();
        let all_words = parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        });
        if !all_words {
            return false;
        }
        let ext = parts.last().unwrap_or(&"").to_ascii_lowercase();
        return FILE_EXTENSIONS.contains(&ext.as_str())
            || parts.iter().all(|p| p.chars().count() >= 2);
    }
    // Identifiers with a capital inside: gRPC, StockData, GitHub
    let mut prev_lower = false;
    for &c in &chars {
        if c.is_uppercase() && prev_lower {
            return w.chars().all(|c| c.is_alphanumeric());
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// Levenshtein distance over characters, giving up (returning `limit + 1`)
/// once it exceeds `limit`.
pub(crate) fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(limit + 1)
}

/// Common English words that other languages do not share: a run of them
/// is English prose, not a name.
const ENGLISH: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "along",
    "already",
    "although",
    "always",
    "and",
    "another",
    "any",
    "anything",
    "are",
    "aren't",
    "around",
    "available",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "doesn't",
    "don't",
    "does",
    "done",
    "down",
    "during",
    "each",
    "either",
    "enough",
    "even",
    "every",
    "few",
    "following",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "had",
    "has",
    "have",
    "having",
    "here",
    "how",
    "however",
    "if",
    "into",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "learn",
    "least",
    "less",
    "let",
    "let's",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "might",
    "more",
    "most",
    "much",
    "must",
    "need",
    "needs",
    "never",
    "new",
    "next",
    "not",
    "now",
    "of",
    "off",
    "often",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "own",
    "previous",
    "same",
    "see",
    "should",
    "shown",
    "shows",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "uses",
    "using",
    "very",
    "want",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whole",
    "why",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "yet",
    "you",
    "you're",
    "you've",
    "your",
    "yours",
];

pub(crate) fn is_english_word(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| ENGLISH.iter().copied().collect());
    let lower = w.to_lowercase().replace('’', "'");
    set.contains(lower.as_str())
}

/// Words of ordinary prose: lower-case words of letters (a sentence's
/// capitalized first word counts when it is a common English word).
pub(crate) fn prose_word_count(words: &[&str]) -> (usize, usize) {
    let mut prose = 0;
    let mut english = 0;
    for (i, w) in words.iter().enumerate() {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let plain = letters >= 2
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-');
        if !plain || is_technical(w) {
            continue;
        }
        let is_en = is_english_word(w);
        let lower_word = w.chars().next().is_some_and(|c| c.is_lowercase());
        if lower_word || (i == 0 && is_en) {
            prose += 1;
        }
        if is_en {
            english += 1;
        }
    }
    (prose, english)
}

/// Whether a text is prose rather than a name or a list of tokens: more than
/// a couple of ordinary words.
pub(crate) fn is_prose(words: &[&str]) -> bool {
    let (prose, english) = prose_word_count(words);
    prose >= 3 || (prose >= 2 && english >= 1)
}

/// The anchor GitHub (and docfx) make from a heading's text.
pub(crate) fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            s.extend(c.to_lowercase());
        } else if c == ' ' {
            s.push('-');
        }
    }
    s
}

/// Makes slugs unique the way GitHub does: `a`, `a-1`, `a-2`.
#[derive(Default)]
pub(crate) struct Slugger(std::collections::HashMap<String, usize>);

impl Slugger {
    pub(crate) fn unique(&mut self, text: &str) -> String {
        let base = slug(text);
        let n = self.0.entry(base.clone()).or_insert(0);
        let out = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        out
    }
}

/// Collapses whitespace for comparisons.
pub(crate) fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two texts are the same but for whitespace.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Shortens a text for a message.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let s = normalize_space(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn technical_tokens() {
        for t in [
            "3.0-bionic",
            "3.0",
            "19.04",
            "--tag",
            "-t",
            ".dockerignore",
            "StockData.csproj",
            "ASP.NET",
            "gRPC",
            "https://example.com/x",
            "mcr.microsoft.com/dotnet/core/sdk",
            "ASPNETCORE_URLS",
            "5000:80",
            ".NET",
            "dotnet-architecture/grpc-for-wcf-developers",
        ] {
            assert!(is_technical(t), "{t}");
        }
        for t in [
            "Linux",
            "Image",
            "self-hosted",
            "pre-installed",
            "e.g",
            "100",
            "and/or",
            "-",
            "Debian",
            "SDK",
            "tag(s",
            "Alpine's",
            "Docker",
        ] {
            assert!(!is_technical(t), "{t}");
        }
    }

    #[test]
    fn words_and_prose() {
        assert_eq!(
            words("Le drapeau (qui \u{1}peut être raccourci à ) spécifie « x » :"),
            [
                "Le",
                "drapeau",
                "qui",
                "peut",
                "être",
                "raccourci",
                "à",
                "spécifie",
                "x"
            ]
        );
        assert!(!is_prose(&words("Debian 10")));
        assert!(!is_prose(&words("Azure Container Registry")));
        assert!(is_prose(&words("Not to be used in production.")));
        assert!(is_prose(&words("For production.")));
        assert!(!is_prose(&words("Image tag(s)")));
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Microsoft base images for ASP.NET Core applications"),
            "microsoft-base-images-for-aspnet-core-applications"
        );
        assert_eq!(slug("The .dockerignore file"), "the-dockerignore-file");
        let mut s = Slugger::default();
        assert_eq!(
            (s.unique("A b"), s.unique("A b")),
            ("a-b".into(), "a-b-1".into())
        );
    }

    #[test]
    fn positions_and_mapping() {
        let doc = "ab\n> x <s>y\n> z</s>\n";
        let start = doc.find("y").unwrap();
        let end = doc.find("</s>").unwrap();
        let li = LineIndex::new(doc);
        let m = Mapped::from_range(&li, start..end);
        assert_eq!(m.text, "y\nz");
        assert_eq!(li.pos(m.file_offset(2)), (3, 3));
        assert_eq!(li.pos(0), (1, 1));
        let mut c = li.cursor();
        let doc_pos: Vec<_> = (0..=doc.len()).map(|o| li.pos(o)).collect();
        let cur_pos: Vec<_> = (0..=doc.len()).map(|o| c.pos(o)).collect();
        assert_eq!(doc_pos, cur_pos);
        assert_eq!(c.pos(3), li.pos(3));
        assert_eq!(edit_distance("3.0-bionic", "3.0-bionique", 5), 3);
    }
}
