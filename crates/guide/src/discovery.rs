//! Which scenario applies to a guide: the nearest `scenarios/` directory above
//! it holds YAML files, and the one whose `guides:` globs match the guide's path
//! (relative to the directory that holds `scenarios/`) applies.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{io_reason, Error, ErrorKind};
use crate::scenario::yaml_error;

#[derive(Deserialize)]
struct GuidesOnly {
    guides: Vec<String>,
}

pub fn scenario_for(guide: &Path) -> Result<Option<PathBuf>, Error> {
    let absolute = std::fs::canonicalize(guide).unwrap_or_else(|_| guide.to_path_buf());
    let unreadable = |path: &Path, e: std::io::Error| {
        Error::new(
            ErrorKind::Scenario,
            format!("cannot read {}: {}", path.display(), io_reason(&e)),
        )
    };
    for root in absolute.ancestors().skip(1) {
        let dir = root.join("scenarios");
        if !dir.is_dir() {
            continue;
        }
        let relative = absolute.strip_prefix(root).unwrap_or(&absolute);
        let mut found = Vec::new();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| unreadable(&dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        entries.sort();
        for path in entries {
            let shown = relative_to_cwd(&path).display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| unreadable(&path, e))?;
            let only: GuidesOnly =
                serde_yaml::from_str(&text).map_err(|e| yaml_error(&shown, &e))?;
            for glob in &only.guides {
                let matcher = globset::Glob::new(glob)
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Scenario,
                            format!("{shown}: bad guides glob `{glob}`: {e}"),
                        )
                    })?
                    .compile_matcher();
                if matcher.is_match(relative) {
                    found.push(path.clone());
                    break;
                }
            }
        }
        return match found.len() {
            0 => Ok(None),
            1 => Ok(found.pop().map(|p| relative_to_cwd(&p))),
            _ => {
                let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
                Err(Error::new(
                    ErrorKind::Scenario,
                    format!(
                        "several scenarios claim {}: {}; narrow their `guides:` or pick one with --scenario",
                        guide.display(),
                        names.join(", ")
                    ),
                ))
            }
        };
    }
    Ok(None)
}

/// Shorter paths read better in messages: relative to the current directory when under it.
fn relative_to_cwd(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
    match cwd {
        Ok(cwd) => path
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf()),
        Err(_) => path.to_path_buf(),
    }
}

/// The source of a localized guide: `docs/fr-fr/guide.md` → `docs/guide.md`,
/// when that exists (the usual layout: a locale directory beside the source).
pub fn translation_source(guide: &Path) -> Option<PathBuf> {
    let locale_dir = guide.parent()?;
    let locale = locale_dir.file_name()?.to_str()?;
    let looks_like_locale = {
        let parts: Vec<&str> = locale.split(['-', '_']).collect();
        (1..=3).contains(&parts.len())
            && parts[0].len() == 2
            && parts
                .iter()
                .all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
    };
    let source = locale_dir.parent()?.join(guide.file_name()?);
    (looks_like_locale && source.is_file()).then_some(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_of_a_locale_copy() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert_eq!(
            translation_source(&root.join("docs/fr-fr/docker.md")),
            Some(root.join("docs/docker.md"))
        );
        assert_eq!(translation_source(&root.join("docs/docker.md")), None);
        assert_eq!(
            translation_source(&root.join("docs/guides/docker.md")),
            None
        );
    }
}
