//! `doccheck --translation`: a localized guide checked against its source, with
//! the rules of the doccheck-l10n crate and the rule switches of the guide's
//! scenario; with `--html`, its segments paired with their sources too.

use std::path::Path;

use doccheck_guide::scenario::Scenario;
use doccheck_guide::{Error, ErrorKind};
use doccheck_l10n::Config;
use doccheck_report::Translation;

fn config(scenario: Option<&Scenario>) -> Result<Config, Error> {
    let mut config = Config::default();
    if let Some(s) = scenario {
        config.disabled = s.translation.disable.iter().cloned().collect();
        config.disabled_in_segment = s
            .translation
            .segments
            .iter()
            .map(|(id, rules)| (id.clone(), rules.iter().cloned().collect()))
            .collect();
        config.product_names = s.translation.product_names.clone();
        config.source_revision = s.translation.source_revision.clone();
        let unknown = doccheck_l10n::unknown_rules(&config);
        if !unknown.is_empty() {
            let known: Vec<&str> = doccheck_l10n::RULES.iter().map(|r| r.name).collect();
            return Err(Error::new(
                ErrorKind::Scenario,
                format!(
                    "{}: translation: unknown rule(s) {}; the rules are: {}",
                    s.path.display(),
                    unknown.join(", "),
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(config)
}

pub fn check(
    guide: &Path,
    text: &str,
    source: Option<&Path>,
    scenario: Option<&Scenario>,
    side_by_side: bool,
) -> Result<Translation, Error> {
    let source = source
        .map(Path::to_path_buf)
        .or_else(|| doccheck_guide::discovery::translation_source(guide));
    let source_text = source
        .as_deref()
        .map(doccheck_guide::markdown::read_guide)
        .transpose()?;
    if source_text.is_none() && !text.contains("data-stu-id=") {
        return Err(Error::usage(format!(
            "{} has no side-by-side source segments and no source file was found: give the source with --source FILE",
            guide.display()
        )));
    }
    let findings = doccheck_l10n::check(text, source_text.as_deref(), &config(scenario)?);
    let checked = Translation::new(guide.display().to_string(), source, findings);
    // Only the HTML page shows segments side by side: found again only for it.
    Ok(match side_by_side {
        true => checked.with_pairs(
            text.to_string(),
            doccheck_l10n::pairs(text, source_text.as_deref()),
        ),
        false => checked,
    })
}
