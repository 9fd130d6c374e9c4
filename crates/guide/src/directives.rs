//! How one block is to be treated: the same keys whether they come from an
//! inline annotation (`<!-- doccheck file=x -->`), the fence's info string, or
//! a scenario binding, so all three are validated by one serde definition.
//!
//! In an annotation every key is doccheck's, so an unknown one is an error. An
//! info string is shared with other tools (Runme's `{"name":"x"}`, Docusaurus'
//! `title="x"`, scrut's `{timeout: 3s}`): there doccheck takes the words whose
//! key is one of its own (or that are written `doccheck:key=value`) and leaves
//! the rest, with a note; only a malformed doccheck attribute is an error.

use serde::Deserialize;

use crate::error::{Error, Location};
use crate::service::ServiceKeys;
use crate::variant::VariantKeys;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Directives {
    /// Scenario only: bind the block that has this line (trimmed, exact).
    pub line: Option<String>,
    /// Scenario only: bind the block that has a line matching this regex.
    pub pattern: Option<String>,
    /// Scenario only: bind the block that has every one of these lines (trimmed, exact).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// Scenario only: of the blocks `line`/`pattern`/`lines` match, the Nth
    /// (1-based, in the guide's order).
    pub occurrence: Option<usize>,
    /// Write the block to this path in the workspace.
    pub file: Option<String>,
    /// Also write it to these paths.
    #[serde(default)]
    pub also: Vec<String>,
    /// Don't run the block; the reason is shown in the report.
    pub skip: Option<String>,
    /// Expected exit code of each of the block's commands.
    pub exit: Option<i32>,
    /// Timeout of each command, e.g. `30s`, `2m`.
    pub timeout: Option<String>,
    /// Check that every line of this block appears in that workspace file, as is
    /// or commented out with `#` (a fragment of a file written earlier).
    pub fragment_of: Option<String>,
    /// Treat the block as `commands` or `file` whatever its language.
    #[serde(rename = "as")]
    pub treat_as: Option<Treatment>,
    /// Run the block's commands in a terminal of their own (a pseudo-terminal,
    /// 80x24, TERM=xterm), for output that depends on one (`ls` columns, `rg`
    /// line numbers, colours).
    pub tty: Option<bool>,
    /// What the block's commands read on their stdin, each from the start
    /// (by default stdin is empty).
    pub stdin: Option<String>,
    /// Scenario only: the block starts a long-running service (docs/guides.md).
    pub service: Option<ServiceKeys>,
    /// Scenario only, with `fragment-of`: the file with the fragment applied,
    /// exercised by commands of the scenario's after the guide's last step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantKeys>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Treatment {
    Commands,
    File,
}

/// The keys an annotation or info string may give (the others are scenario-only).
pub const INLINE_KEYS: &[&str] = &[
    "file",
    "also",
    "skip",
    "exit",
    "timeout",
    "fragment-of",
    "as",
    "tty",
    "stdin",
];
const SCENARIO_ONLY: &[&str] = &[
    "line",
    "pattern",
    "lines",
    "occurrence",
    "service",
    "variants",
];

impl Directives {
    /// `other`'s keys win over `self`'s.
    pub fn merged_with(mut self, other: &Directives) -> Directives {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(
            line,
            pattern,
            occurrence,
            file,
            skip,
            exit,
            timeout,
            fragment_of,
            treat_as,
            tty,
            stdin,
            service
        );
        if !other.also.is_empty() {
            self.also = other.also.clone();
        }
        if !other.lines.is_empty() {
            self.lines = other.lines.clone();
        }
        self
    }
}

/// Attributes of an inline annotation, `key=value key="a value"`: all
/// doccheck's. Every malformed attribute is an error (one [`Error`], the
/// others in its `related`).
pub fn parse_annotation(text: &str, at: &Location) -> Result<Directives, Error> {
    let (directives, errors) = read_annotation(text, at);
    Error::several(errors).map_or(Ok(directives), Err)
}

/// An annotation's directives, from the attributes that are well formed, and
/// an error for each one that is not.
pub fn read_annotation(text: &str, at: &Location) -> (Directives, Vec<Error>) {
    let text = text.trim().trim_start_matches('{').trim_end_matches('}');
    let words = match shell_words::split(text) {
        Ok(words) => words,
        Err(e) => {
            let why = format!("cannot read doccheck attributes `{text}`: {e}");
            return (Directives::default(), vec![Error::guide(at.clone(), why)]);
        }
    };
    let mut pairs = Vec::new();
    let mut errors = Vec::new();
    for word in words {
        let word = word.strip_prefix("doccheck:").unwrap_or(&word);
        match word.split_once('=') {
            Some((key, value)) => pairs.push((key.to_string(), value.to_string())),
            None => errors.push(Error::guide(
                at.clone(),
                format!("doccheck attribute `{word}` has no value; write key=value"),
            )),
        }
    }
    directives_from(pairs, at, errors)
}

/// What an info string holds after its language: doccheck's directives, and
/// the words that belong to other tools (ignored, and listed in notes).
#[derive(Debug, Default, PartialEq)]
pub struct InfoAttributes {
    pub directives: Directives,
    pub foreign: Vec<String>,
}

pub fn parse_info(attributes: &str, at: &Location) -> Result<InfoAttributes, Error> {
    let (info, errors) = read_info(attributes, at);
    Error::several(errors).map_or(Ok(info), Err)
}

/// An info string's attributes, from the doccheck attributes that are well
/// formed, and an error for each one that is not.
pub fn read_info(attributes: &str, at: &Location) -> (InfoAttributes, Vec<Error>) {
    let attributes = attributes.trim();
    if attributes.is_empty() {
        return (InfoAttributes::default(), Vec::new());
    }
    // Unbalanced quotes are another tool's syntax unless doccheck's prefix is in it.
    let Ok(words) = shell_words::split(attributes) else {
        if attributes.contains("doccheck:") {
            let why =
                format!("cannot read doccheck attributes in `{attributes}`: unbalanced quotes");
            return (
                InfoAttributes::default(),
                vec![Error::guide(at.clone(), why)],
            );
        }
        let info = InfoAttributes {
            directives: Directives::default(),
            foreign: vec![attributes.to_string()],
        };
        return (info, Vec::new());
    };
    let mut pairs = Vec::new();
    let mut errors = Vec::new();
    let mut foreign = Vec::new();
    for word in words {
        if let Some(explicit) = word.strip_prefix("doccheck:") {
            match explicit.split_once('=') {
                Some((key, value)) => pairs.push((key.to_string(), value.to_string())),
                None => errors.push(Error::guide(
                    at.clone(),
                    format!("doccheck attribute `{word}` has no value; write doccheck:key=value"),
                )),
            }
            continue;
        }
        // `{as=commands}`: braces around doccheck's own pairs, as some renderers want them.
        let bare = word.trim_start_matches('{').trim_end_matches('}');
        match bare.split_once('=') {
            Some((key, value)) if INLINE_KEYS.contains(&key) || SCENARIO_ONLY.contains(&key) => {
                pairs.push((key.to_string(), value.to_string()));
            }
            _ => foreign.push(word),
        }
    }
    let (directives, errors) = directives_from(pairs, at, errors);
    (
        InfoAttributes {
            directives,
            foreign,
        },
        errors,
    )
}

/// The directives of the well-formed `pairs`, and an error for each other
/// one after `errors` (found before): each key is read alone first, so that
/// each bad one is reported.
fn directives_from(
    pairs: Vec<(String, String)>,
    at: &Location,
    mut errors: Vec<Error>,
) -> (Directives, Vec<Error>) {
    let mut map = serde_yaml::Mapping::new();
    for (key, value) in pairs {
        if SCENARIO_ONLY.contains(&key.as_str()) {
            errors.push(Error::guide(
                at.clone(),
                format!("`{key}` is only valid in a scenario file"),
            ));
            continue;
        }
        let value = match key.as_str() {
            "also" => {
                serde_yaml::Value::Sequence(value.split(',').map(|s| s.trim().into()).collect())
            }
            "tty" => match value.as_str() {
                "true" => true.into(),
                "false" => false.into(),
                _ => {
                    errors.push(Error::guide(
                        at.clone(),
                        format!("tty=`{value}` is neither true nor false"),
                    ));
                    continue;
                }
            },
            "exit" => match value.parse::<i64>() {
                Ok(code) => code.into(),
                Err(_) => {
                    errors.push(Error::guide(
                        at.clone(),
                        format!("exit=`{value}` is not a number"),
                    ));
                    continue;
                }
            },
            _ => value.into(),
        };
        let alone = serde_yaml::Mapping::from_iter([(key.clone().into(), value.clone())]);
        match serde_yaml::from_value::<Directives>(serde_yaml::Value::Mapping(alone)) {
            Ok(_) => {
                map.insert(key.into(), value);
            }
            Err(e) => errors.push(in_attributes(at, e)),
        }
    }
    match serde_yaml::from_value(serde_yaml::Value::Mapping(map)) {
        Ok(directives) => (directives, errors),
        Err(e) => {
            errors.push(in_attributes(at, e));
            (Directives::default(), errors)
        }
    }
}

fn in_attributes(at: &Location, e: serde_yaml::Error) -> Error {
    Error::guide(at.clone(), format!("in doccheck attributes: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::new("g.md", 3, 1)
    }

    #[test]
    fn annotation_attributes() {
        let d = parse_annotation(
            "file=src/a.sh also=b,c skip=\"needs a GPU\" exit=2 timeout=5s",
            &at(),
        )
        .unwrap();
        assert_eq!(d.file.as_deref(), Some("src/a.sh"));
        assert_eq!(d.also, ["b", "c"]);
        assert_eq!(d.skip.as_deref(), Some("needs a GPU"));
        assert_eq!(d.exit, Some(2));
        assert_eq!(d.timeout.as_deref(), Some("5s"));
        assert_eq!(
            parse_annotation("{as=commands}", &at()).unwrap().treat_as,
            Some(Treatment::Commands)
        );
    }

    #[test]
    fn bad_annotations_say_where_and_what() {
        let e = parse_annotation("fiel=x", &at()).unwrap_err().to_string();
        assert!(
            e.starts_with("g.md:3:1: in doccheck attributes: unknown field `fiel`"),
            "{e}"
        );
        let e = parse_annotation("skip", &at()).unwrap_err().to_string();
        assert!(e.contains("`skip` has no value"), "{e}");
        assert!(parse_annotation("exit=two", &at()).is_err());
        assert!(parse_annotation("line=x", &at())
            .unwrap_err()
            .to_string()
            .contains("only valid in a scenario"));
    }

    #[test]
    fn every_bad_attribute_of_an_annotation_is_an_error() {
        let e =
            parse_annotation("fiel=x skip exit=two line=y file=ok tiemout=3s", &at()).unwrap_err();
        let each: Vec<String> = e.each().map(|e| e.to_string()).collect();
        assert_eq!(each.len(), 5, "{each:#?}");
        assert!(each[0].starts_with("g.md:3:1: doccheck attribute `skip` has no value"));
        assert!(each[1].starts_with("g.md:3:1: in doccheck attributes: unknown field `fiel`"));
        assert!(each[2].ends_with("exit=`two` is not a number"));
        assert!(each[3].ends_with("`line` is only valid in a scenario file"));
        assert!(each[4].contains("unknown field `tiemout`"), "{}", each[4]);
        let e = parse_info("doccheck:skip doccheck:fiel=x title=y", &at()).unwrap_err();
        assert_eq!(e.each().count(), 2);
    }

    #[test]
    fn info_strings_keep_doccheck_keys_and_leave_other_tools_metadata() {
        let i = parse_info("file=x.sh timeout=3s", &at()).unwrap();
        assert_eq!(i.directives.file.as_deref(), Some("x.sh"));
        assert!(i.foreign.is_empty());
        for (info, foreign) in [
            (
                r#"{"name":"build","interactive":false}"#,
                vec![r#"{name:build,interactive:false}"#],
            ),
            ("{timeout: 3s}", vec!["{timeout:", "3s}"]),
            (
                r#"title="src/main.rs" showLineNumbers"#,
                vec!["title=src/main.rs", "showLineNumbers"],
            ),
            ("{3}", vec!["{3}"]),
            ("{3,5-7} 'unbalanced", vec!["{3,5-7} 'unbalanced"]),
        ] {
            let i = parse_info(info, &at()).unwrap();
            assert_eq!(i.directives, Directives::default(), "{info}");
            assert_eq!(i.foreign, foreign, "{info}");
        }
        let i = parse_info("{as=commands} title=x doccheck:exit=3", &at()).unwrap();
        assert_eq!(i.directives.treat_as, Some(Treatment::Commands));
        assert_eq!(i.directives.exit, Some(3));
        assert_eq!(i.foreign, ["title=x"]);
    }

    #[test]
    fn only_malformed_doccheck_attributes_are_errors_in_an_info_string() {
        assert!(parse_info("exit=two", &at()).is_err());
        assert!(parse_info("doccheck:fiel=x", &at())
            .unwrap_err()
            .to_string()
            .contains("unknown field `fiel`"));
        assert!(parse_info("doccheck:skip", &at()).is_err());
        assert!(parse_info("line=x", &at()).is_err());
    }

    #[test]
    fn later_directives_win() {
        let a = parse_annotation("file=a skip=x", &at()).unwrap();
        let b = parse_annotation("file=b", &at()).unwrap();
        let m = a.merged_with(&b);
        assert_eq!(
            (m.file.as_deref(), m.skip.as_deref()),
            (Some("b"), Some("x"))
        );
    }
}
