//! How one block is to be treated: the same keys whether they come from an
//! inline annotation (`<!-- doccheck file=x -->`, or the info string) or from a
//! scenario binding, so both are validated by one serde definition.

use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Location};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Directives {
    /// Scenario only: bind the block that has this line (trimmed, exact).
    pub line: Option<String>,
    /// Scenario only: bind the block that has a line matching this regex.
    pub pattern: Option<String>,
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
    /// Scenario only: the block starts a long-running service (see docs/scenarios.md).
    pub service: Option<crate::scenario::Service>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Treatment {
    Commands,
    File,
}

impl Directives {
    /// `other`'s keys win over `self`'s.
    pub fn merged_with(mut self, other: &Directives) -> Directives {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(
            line,
            pattern,
            file,
            skip,
            exit,
            timeout,
            fragment_of,
            treat_as,
            service
        );
        if !other.also.is_empty() {
            self.also = other.also.clone();
        }
        self
    }

    pub fn timeout(&self) -> Result<Option<Duration>, String> {
        self.timeout.as_deref().map(parse_duration).transpose()
    }
}

pub fn parse_duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text.trim())
        .map_err(|e| format!("`{text}` is not a duration ({e}); write e.g. 30s, 2m or 1h"))
}

/// Parses `key=value key="a value"` attributes (an annotation or an info string).
pub fn parse_attributes(text: &str, at: &Location) -> Result<Directives, Error> {
    let text = text.trim().trim_start_matches('{').trim_end_matches('}');
    let words = shell_words::split(text).map_err(|e| {
        Error::at(
            at.clone(),
            format!("cannot read doccheck attributes `{text}`: {e}"),
        )
    })?;
    let mut map = serde_yaml::Mapping::new();
    for word in words {
        let (key, value) = word.split_once('=').ok_or_else(|| {
            Error::at(
                at.clone(),
                format!("doccheck attribute `{word}` has no value; write key=value"),
            )
        })?;
        if matches!(key, "line" | "pattern" | "service") {
            return Err(Error::at(
                at.clone(),
                format!("`{key}` is only valid in a scenario file"),
            ));
        }
        let value = match key {
            "also" => {
                serde_yaml::Value::Sequence(value.split(',').map(|s| s.trim().into()).collect())
            }
            "exit" => value
                .parse::<i64>()
                .map(Into::into)
                .map_err(|_| Error::at(at.clone(), format!("exit=`{value}` is not a number")))?,
            _ => value.into(),
        };
        map.insert(key.into(), value);
    }
    serde_yaml::from_value(serde_yaml::Value::Mapping(map))
        .map_err(|e| Error::at(at.clone(), format!("in doccheck attributes: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::new("g.md", 3, 1)
    }

    #[test]
    fn attributes() {
        let d = parse_attributes(
            "file=src/a.sh also=b,c skip=\"needs a GPU\" exit=2 timeout=5s",
            &at(),
        )
        .unwrap();
        assert_eq!(d.file.as_deref(), Some("src/a.sh"));
        assert_eq!(d.also, ["b", "c"]);
        assert_eq!(d.skip.as_deref(), Some("needs a GPU"));
        assert_eq!(d.exit, Some(2));
        assert_eq!(d.timeout().unwrap(), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_attributes("{as=commands}", &at()).unwrap().treat_as,
            Some(Treatment::Commands)
        );
    }

    #[test]
    fn bad_attributes_say_where_and_what() {
        let e = parse_attributes("fiel=x", &at()).unwrap_err().to_string();
        assert!(
            e.starts_with("g.md:3:1: in doccheck attributes: unknown field `fiel`"),
            "{e}"
        );
        let e = parse_attributes("skip", &at()).unwrap_err().to_string();
        assert!(e.contains("`skip` has no value"), "{e}");
        assert!(parse_attributes("exit=two", &at()).is_err());
        assert!(parse_attributes("line=x", &at())
            .unwrap_err()
            .to_string()
            .contains("only valid in a scenario"));
        let d = parse_attributes("timeout=soon", &at()).unwrap();
        assert!(d.timeout().unwrap_err().contains("not a duration"));
    }

    #[test]
    fn later_directives_win() {
        let a = parse_attributes("file=a skip=x", &at()).unwrap();
        let b = parse_attributes("file=b", &at()).unwrap();
        let m = a.merged_with(&b);
        assert_eq!(
            (m.file.as_deref(), m.skip.as_deref()),
            (Some("b"), Some("x"))
        );
    }
}
