//! `doccheck --translation`: a localized guide checked against its source, with
//! the rules of the doccheck-l10n crate and the rule switches of the guide's scenario.

use std::path::{Path, PathBuf};

use doccheck_l10n::{Config, Finding};

use crate::error::Error;
use crate::scenario::Scenario;

pub struct Checked {
    pub source: Option<PathBuf>,
    pub findings: Vec<Finding>,
}

/// `docs/fr-fr/guide.md` → `docs/guide.md`, when that exists: the usual layout of
/// localized docs (a locale directory beside the source).
pub fn default_source(guide: &Path) -> Option<PathBuf> {
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

pub fn config(scenario: Option<&Scenario>) -> Result<Config, Error> {
    let mut config = Config::default();
    if let Some(s) = scenario {
        config.disabled = s.translation.disable.iter().cloned().collect();
        config.disabled_in_segment = s
            .translation
            .segments
            .iter()
            .map(|(id, rules)| (id.clone(), rules.iter().cloned().collect()))
            .collect();
        let unknown = doccheck_l10n::unknown_rules(&config);
        if !unknown.is_empty() {
            let known: Vec<&str> = doccheck_l10n::RULES.iter().map(|r| r.name).collect();
            return Err(Error::new(format!(
                "{}: translation: unknown rule(s) {}; the rules are: {}",
                s.path.display(),
                unknown.join(", "),
                known.join(", ")
            )));
        }
    }
    Ok(config)
}

pub fn check(
    guide: &Path,
    text: &str,
    source: Option<&Path>,
    scenario: Option<&Scenario>,
) -> Result<Checked, Error> {
    let source = source
        .map(Path::to_path_buf)
        .or_else(|| default_source(guide));
    let source_text = source
        .as_deref()
        .map(crate::markdown::read_guide)
        .transpose()?;
    if source_text.is_none() && !text.contains("data-stu-id=") {
        return Err(Error::new(format!(
            "{} has no side-by-side source segments and no source file was found: give the source with --source FILE",
            guide.display()
        )));
    }
    let findings = doccheck_l10n::check(text, source_text.as_deref(), &config(scenario)?);
    Ok(Checked { source, findings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_of_a_locale_copy() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            default_source(&root.join("docs/fr-fr/docker.md")),
            Some(root.join("docs/docker.md"))
        );
        assert_eq!(default_source(&root.join("docs/docker.md")), None);
        assert_eq!(default_source(&root.join("docs/guides/docker.md")), None);
    }
}
