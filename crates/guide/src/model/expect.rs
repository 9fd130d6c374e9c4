//! Expected output lines compiled at load: what each line compares with an
//! output line, and how many output lines it accounts for. Only what is
//! known at run time is left open: the run's paths (`[ROOT]`, `[CWD]`) and an
//! interpolated case's `$NAME`s, kept as pieces, never as text to parse again.

/// How many output lines an expected line accounts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    One,
    /// Zero or one.
    Optional,
    /// Any number, none included.
    Any,
    /// At least one.
    OneOrMore,
}

/// A regex compiled at load; two are equal when written alike.
#[derive(Debug, Clone)]
pub struct Regex(pub regex::Regex);

impl PartialEq for Regex {
    fn eq(&self, other: &Regex) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for Regex {}

impl Regex {
    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A value only the run knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// The workspace (`[ROOT]`).
    Root,
    /// The session's working directory when the command ran (`[CWD]`).
    Cwd,
}

/// The run's values, for the pieces that stand for them.
#[derive(Debug, Clone, Copy)]
pub struct Values<'a> {
    pub root: &'a str,
    pub cwd: &'a str,
}

impl Values<'_> {
    pub fn of(&self, value: Value) -> &str {
        match value {
            Value::Root => self.root,
            Value::Cwd => self.cwd,
        }
    }
}

/// A part of a line: text, or a value the run fills in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Value(Value),
}

/// `pieces` with the run's values in; `escape` is applied to each value.
pub fn fill(pieces: &[Piece], values: &Values, escape: fn(&str) -> String) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Value(v) => out.push_str(&escape(values.of(*v))),
        }
    }
    out
}

/// Whether the line must end with a newline (the last line of an output
/// may lack one, and an [`OutputLines::Exact`](super::OutputLines) reading tells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eol {
    Required,
    Forbidden,
    Either,
}

/// What an expected line compares with an output line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The line as shown, with `[..]` matching any text inside it.
    Wildcards,
    /// Any number of lines (a `...` line).
    AnyLines,
    /// The line exactly.
    Equal { text: String, eol: Eol },
    /// A regex the whole line is matched with.
    Regex(Regex),
    /// A regex with the run's values in it, escaped: its source's pieces,
    /// compiled when they are known ([`crate::compile::with_values`]).
    RegexWithValues(Vec<Piece>),
    /// A regex that no longer compiles once interpolated: matches nothing.
    Nothing,
}

/// `$NAME`s in an expected line, read at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// A name, and how it is written (kept when it has no value).
    Name {
        name: String,
        written: String,
    },
}

/// An expected line compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    /// What a diff shows for it (the line with its substitutions made).
    pub shown: Vec<Piece>,
    pub rule: Rule,
    pub quantity: Quantity,
    /// Its `$NAME`s, when they are only known once the command ran: the
    /// line is compiled again with their values
    /// ([`crate::compile::interpolated`]).
    pub template: Option<Template>,
}

/// An interpolated line: its parts (as shown, and the text its rule
/// reads), and how it is compiled once filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub shown: Vec<Part>,
    pub parts: Vec<Part>,
    /// The line's rule as written, which the filled-in text is compiled to
    /// (crate-private: only the compile step reads it).
    pub(crate) form: Form,
}

/// How a line's text becomes a [`Rule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Equal(Eol),
    Decoded,
    Glob,
    DecodedGlob,
    Regex,
}

impl Matcher {
    /// The line as shown, with no values in it (as written, for a report).
    pub fn text(&self) -> String {
        self.shown
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Value(Value::Root) => "[ROOT]",
                Piece::Value(Value::Cwd) => "[CWD]",
            })
            .collect()
    }
}

impl Template {
    /// `parts` with the values given (a name without one stays as written).
    pub fn fill(parts: &[Part], values: &[(String, String)]) -> String {
        let mut out = String::new();
        for part in parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Name { name, written } => match values.iter().find(|(n, _)| n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(written),
                },
            }
        }
        out
    }
}
