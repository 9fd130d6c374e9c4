//! How a scrut test case runs: the fence's `{...}` configuration, over the
//! document's front-matter `defaults:`, over scrut's defaults, mapped onto
//! what doccheck does. A key doccheck cannot honour is named in a note, never
//! silently dropped.

use std::time::Duration;

use serde_yaml::{Mapping, Value};

use crate::error::{Error, Location};

pub use crate::model::{Stream, Wait};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub stream: Stream,
    /// Keep `\r` before a newline (scrut's `keep_crlf`).
    pub keep_crlf: bool,
    pub strip_ansi: bool,
    /// An exit code that skips the rest of the document (80 by default).
    pub skip_document_code: i32,
    pub wait: Option<Wait>,
    /// Run in the background; neither output nor exit code is checked.
    pub detached: bool,
    /// Exported for this test case and the ones after it, as scrut leaves them.
    pub environment: Vec<(String, String)>,
    pub timeout: Option<Duration>,
    /// `$NAME` in its expectations stands for the variable's value.
    pub interpolated: bool,
}

impl Default for Case {
    fn default() -> Self {
        Case {
            stream: Stream::Stdout,
            keep_crlf: false,
            strip_ansi: false,
            skip_document_code: 80,
            wait: None,
            detached: false,
            environment: Vec::new(),
            timeout: None,
            interpolated: false,
        }
    }
}

/// A scrut document's front matter, as far as doccheck uses it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// `total_timeout`: the limit of the whole document's run.
    pub total_timeout: Option<Duration>,
    /// `defaults`: test-case keys every case starts from.
    pub defaults: Mapping,
    pub notes: Vec<String>,
}

/// Reads the front matter (`text` is what lies between the `---` lines,
/// starting at guide line `line`). Keys that are not scrut's belong to other
/// tools (a site generator's `title:`) and are left alone.
pub fn document(text: &str, file: &str, line: usize) -> Result<Document, Error> {
    let at = Location::new(file, line, 1);
    let mut doc = Document::default();
    let Ok(Value::Mapping(map)) = serde_yaml::from_str::<Value>(text) else {
        doc.notes
            .push("the front matter is not a YAML mapping: scrut's document keys ignored".into());
        return Ok(doc);
    };
    for (key, value) in &map {
        match key.as_str() {
            Some("total_timeout") => {
                let text = scalar(value, "total_timeout", &at)?;
                doc.total_timeout = Some(duration(&text, "total_timeout", &at)?);
            }
            Some("defaults") => match value {
                Value::Mapping(defaults) => doc.defaults = defaults.clone(),
                _ => return Err(wrong(&at, "defaults", "a mapping of test-case keys")),
            },
            Some("shell") => {
                let shell = scalar(value, "shell", &at)?;
                if shell.rsplit('/').next() != Some("bash") {
                    doc.notes.push(format!(
                        "scrut's `shell: {shell}`: doccheck runs every command in bash"
                    ));
                }
            }
            Some(key @ ("append" | "prepend")) => doc.notes.push(format!(
                "scrut's `{key}:` (documents run {} this one) is not supported: run those documents as guides of their own",
                if key == "append" { "after" } else { "before" }
            )),
            _ => {}
        }
    }
    Ok(doc)
}

/// The case of a block whose info string after `scrut` is `attributes`
/// and whose `% key: value` lines are `lines` (their YAML).
pub fn case(
    attributes: &str,
    lines: &[String],
    document: &Document,
    at: &Location,
) -> Result<(Case, Vec<String>), Error> {
    let mut keys = document.defaults.clone();
    if !lines.is_empty() {
        match serde_yaml::from_str::<Value>(&lines.join("\n")) {
            Ok(Value::Mapping(own)) => keys.extend(own),
            _ => {
                return Err(Error::guide(
                    at.clone(),
                    format!(
                        "cannot read the test case's `%` configuration `{}`: write `% key: value` lines",
                        lines.join(" | ")
                    ),
                ))
            }
        }
    }
    let attributes = attributes.trim();
    if !attributes.is_empty() {
        match serde_yaml::from_str::<Value>(attributes) {
            Ok(Value::Mapping(own)) => keys.extend(own),
            _ => {
                return Err(Error::guide(
                    at.clone(),
                    format!("cannot read scrut's test-case configuration `{attributes}`: write a YAML mapping, e.g. {{timeout: 10s}}"),
                ))
            }
        }
    }
    let mut case = Case::default();
    let mut notes = Vec::new();
    for (key, value) in &keys {
        let name = key.as_str().unwrap_or_default();
        match name {
            "timeout" => {
                case.timeout = Some(duration(&scalar(value, name, at)?, name, at)?);
            }
            "output_stream" => {
                case.stream = match scalar(value, name, at)?.as_str() {
                    "stdout" => Stream::Stdout,
                    "stderr" => Stream::Stderr,
                    "combined" => Stream::Combined,
                    other => {
                        return Err(wrong(
                            at,
                            name,
                            &format!("stdout, stderr or combined, not `{other}`"),
                        ))
                    }
                }
            }
            "keep_crlf" => case.keep_crlf = boolean(value, name, at)?,
            "strip_ansi_escaping" => case.strip_ansi = boolean(value, name, at)?,
            "detached" => case.detached = boolean(value, name, at)?,
            "interpolated" => case.interpolated = boolean(value, name, at)?,
            "skip_document_code" => {
                case.skip_document_code = value
                    .as_i64()
                    .and_then(|n| i32::try_from(n).ok())
                    .filter(|n| (0..=255).contains(n))
                    .ok_or_else(|| wrong(at, name, "an exit code, 0 to 255"))?;
            }
            "environment" => {
                let Value::Mapping(vars) = value else {
                    return Err(wrong(at, name, "a mapping of variable names to values"));
                };
                for (var, val) in vars {
                    let var = var
                        .as_str()
                        .filter(|v| is_name(v))
                        .ok_or_else(|| wrong(at, name, "variable names such as FOO"))?;
                    case.environment
                        .push((var.to_string(), scalar(val, name, at)?));
                }
            }
            "wait" => case.wait = Some(wait(value, at)?),
            other => notes.push(format!(
                "scrut's test-case key `{other}` is not one doccheck knows: ignored"
            )),
        }
    }
    Ok((case, notes))
}

/// The variables scrut documents for a test document's session: `TESTDIR`
/// (the guide's directory, absolute), `TESTFILE`, `TESTSHELL`, and its fixed
/// locale, time zone and terminal width. `TMPDIR` is the run's own already.
pub fn environment(guide: &str) -> Vec<(String, String)> {
    let path = std::path::Path::new(guide);
    let dir = path
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| std::fs::canonicalize(p).ok())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shell = if std::path::Path::new("/bin/bash").exists() {
        "/bin/bash"
    } else {
        "bash"
    };
    [
        ("TESTDIR", dir.as_str()),
        ("TESTFILE", file.as_str()),
        ("TESTSHELL", shell),
        ("SHELL", shell),
        ("CDPATH", ""),
        ("COLUMNS", "80"),
        ("GREP_OPTIONS", ""),
        ("LANG", "C"),
        ("LANGUAGE", "C"),
        ("LC_ALL", "C"),
        ("TZ", "GMT"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn wait(value: &Value, at: &Location) -> Result<Wait, Error> {
    match value {
        Value::Mapping(map) => {
            let get = |k: &str| map.get(Value::from(k));
            let timeout = get("timeout")
                .ok_or_else(|| wrong(at, "wait", "a duration, or {timeout: 10s, path: FILE}"))?;
            let path = get("path")
                .map(|p| scalar(p, "wait.path", at))
                .transpose()?;
            Ok(Wait {
                timeout: duration(&scalar(timeout, "wait.timeout", at)?, "wait.timeout", at)?,
                path,
            })
        }
        other => Ok(Wait {
            timeout: duration(&scalar(other, "wait", at)?, "wait", at)?,
            path: None,
        }),
    }
}

fn is_name(var: &str) -> bool {
    let mut chars = var.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn scalar(value: &Value, key: &str, at: &Location) -> Result<String, Error> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(wrong(at, key, "a single value")),
    }
}

fn boolean(value: &Value, key: &str, at: &Location) -> Result<bool, Error> {
    value
        .as_bool()
        .ok_or_else(|| wrong(at, key, "true or false"))
}

fn duration(text: &str, key: &str, at: &Location) -> Result<Duration, Error> {
    crate::duration::parse(text)
        .map_err(|m| Error::guide(at.clone(), format!("scrut's `{key}`: {m}")))
}

fn wrong(at: &Location, key: &str, expected: &str) -> Error {
    Error::guide(at.clone(), format!("scrut's `{key}` must be {expected}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::new("t.md", 4, 1)
    }

    #[test]
    fn fence_configuration_over_document_defaults() {
        let doc = document(
            "title: Tests\ntotal_timeout: 30s\ndefaults:\n  timeout: 5s\n  environment:\n    FOO: bar\n",
            "t.md",
            2,
        )
        .unwrap();
        assert_eq!(doc.total_timeout, Some(Duration::from_secs(30)));
        let (case, notes) = case("", &[], &doc, &at()).unwrap();
        assert_eq!(case.timeout, Some(Duration::from_secs(5)));
        assert_eq!(case.environment, [("FOO".to_string(), "bar".to_string())]);
        assert_eq!(case.stream, Stream::Stdout);
        assert!(notes.is_empty());
        let (case, _) = super::case(
            "{timeout: 10s, output_stream: combined, wait: {timeout: \"2s\", path: sock}}",
            &[],
            &doc,
            &at(),
        )
        .unwrap();
        assert_eq!(case.timeout, Some(Duration::from_secs(10)));
        assert_eq!(case.stream, Stream::Combined);
        assert_eq!(
            case.wait,
            Some(Wait {
                timeout: Duration::from_secs(2),
                path: Some("sock".into())
            })
        );
        let (case, _) =
            super::case("{skip_document_code: 42, detached: true}", &[], &doc, &at()).unwrap();
        assert_eq!((case.skip_document_code, case.detached), (42, true));
    }

    #[test]
    fn what_doccheck_cannot_honour_is_said() {
        let doc = document("shell: /bin/zsh\nappend: [teardown.md]\n", "t.md", 2).unwrap();
        assert!(doc.notes[0].contains("doccheck runs every command in bash"));
        assert!(doc.notes[1].contains("`append:`"));
        let (_, notes) = case("{colour: blue}", &[], &Document::default(), &at()).unwrap();
        assert!(notes[0].contains("`colour`"), "{notes:?}");
    }

    #[test]
    fn bad_values_point_at_the_fence() {
        let doc = Document::default();
        for (attributes, says) in [
            ("{timeout: soon}", "not a duration"),
            ("{output_stream: both}", "stdout, stderr or combined"),
            ("{detached: maybe}", "true or false"),
            ("{skip_document_code: 300}", "0 to 255"),
            ("{timeout: 3s", "YAML mapping"),
            ("{environment: {\"1X\": y}}", "variable names"),
        ] {
            let e = case(attributes, &[], &doc, &at()).unwrap_err();
            assert!(e.message.contains(says), "{attributes}: {}", e.message);
            assert_eq!(e.location, Some(at()));
        }
    }
}
