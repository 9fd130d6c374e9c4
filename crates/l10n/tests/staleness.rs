//! `translation-outdated`: one finding when the translation's source
//! revision is not the source's, with the heading anchors that only follow
//! from the source's changes folded into it.

mod support;

use doccheck_l10n::{check, Config, Finding};
use support::sxs;

fn localized(rev: &str) -> String {
    format!(
        "---\ntitle: Images\nms.sourcegitcommit: {rev}\n---\n# <a name=\"create-docker-images\"></a>{}\n\n{}\n",
        sxs("h-1", "Créez des images Docker", "Create Docker images"),
        sxs("p-1", "Lancez `docker build`.", "Run `docker build`.")
    )
}

fn source(rev: &str, heading: &str) -> String {
    format!(
        "---\ntitle: Images\nms.sourcegitcommit: {rev}\n---\n# {heading}\n\nRun `docker build`.\n"
    )
}

fn rules(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.rule).collect()
}

#[test]
fn same_revision_gives_nothing() {
    let f = check(
        &localized("7588136e355e"),
        Some(&source("7588136e355e", "Create Docker images")),
        &Config::default(),
    );
    assert!(f.is_empty(), "{f:#?}");
    // An abbreviated commit is the same revision.
    let config = Config {
        source_revision: Some("7588136".into()),
        ..Config::default()
    };
    assert!(check(&localized("7588136e355e"), None, &config).is_empty());
}

#[test]
fn other_revision_in_the_source_front_matter() {
    let f = check(
        &localized("7588136e355e"),
        Some(&source("a1b2c3d4e5f6", "Create Docker images")),
        &Config::default(),
    );
    assert_eq!(rules(&f), ["translation-outdated"], "{f:#?}");
    assert_eq!((f[0].line, f[0].column), (3, 21));
    assert_eq!(f[0].severity, doccheck_l10n::Severity::Warning);
    assert!(f[0].message.contains("7588136e355e") && f[0].message.contains("a1b2c3d4e5f6"));
}

#[test]
fn configured_revision() {
    let config = Config {
        source_revision: Some("a1b2c3d4e5f6".into()),
        ..Config::default()
    };
    let f = check(&localized("7588136e355e"), None, &config);
    assert_eq!(rules(&f), ["translation-outdated"], "{f:#?}");
    // No revision on either side: nothing to compare.
    let f = check(
        &localized("7588136e355e"),
        Some("# Create Docker images\n\nRun `docker build`.\n"),
        &Config::default(),
    );
    assert!(f.is_empty(), "{f:#?}");
}

/// The source renamed its heading after the translation was made: the
/// translation's anchor is its own (older) English heading's, so the new
/// anchor's absence is listed in the outdated finding, not reported alone.
#[test]
fn renamed_heading_is_folded() {
    let en = source("a1b2c3d4e5f6", "Build Docker images");
    let f = check(&localized("7588136e355e"), Some(&en), &Config::default());
    assert_eq!(rules(&f), ["translation-outdated"], "{f:#?}");
    assert!(
        f[0].message.contains("1 finding(s)")
            && f[0]
                .message
                .contains("heading-anchor-missing \"build-docker-images\"")
            && f[0].message.contains("\"Create Docker images\""),
        "{}",
        f[0].message
    );
    // Same revision recorded, but the heading the translation carries is no
    // longer the source's: outdated all the same, by its text.
    let en_same = source("7588136e355e", "Build Docker images");
    let f = check(
        &localized("7588136e355e"),
        Some(&en_same),
        &Config::default(),
    );
    assert_eq!(rules(&f), ["translation-outdated"], "{f:#?}");
    assert!(
        f[0].message.contains("1 segment(s) carry English that the source no longer has (h-1 \"Create Docker images\")"),
        "{}",
        f[0].message
    );
    // With the rule off, nothing is folded away.
    let mut config = Config::default();
    config.disabled.insert("translation-outdated".into());
    let f = check(&localized("7588136e355e"), Some(&en), &config);
    assert_eq!(rules(&f), ["heading-anchor-missing"], "{f:#?}");
}

/// An anchor that is wrong whatever the revision is still reported.
#[test]
fn other_anchor_findings_are_not_folded() {
    let fr = localized("7588136e355e").replace("create-docker-images", "creez-des-images");
    let en = source("a1b2c3d4e5f6", "Create Docker images");
    let f = check(&fr, Some(&en), &Config::default());
    assert_eq!(
        rules(&f),
        ["translation-outdated", "heading-anchor-changed"],
        "{f:#?}"
    );
    assert!(!f[0].message.contains("finding(s)"), "{}", f[0].message);
}

/// A table cell of punctuation only (`?`) has no word to be found by in
/// the source: it does not make the copy outdated.
#[test]
fn a_punctuation_cell_is_not_a_change() {
    let fr = format!(
        "| {} | {} |\n| --- | --- |\n| {} | {} |\n",
        sxs("c-1", "Caractère", "Character"),
        sxs("c-2", "Sens", "Meaning"),
        sxs("c-3", "?", "?"),
        sxs("c-4", "Un caractère", "One character"),
    );
    let en = "| Character | Meaning |\n| --- | --- |\n| ? | One character |\n";
    let f = check(&fr, Some(en), &Config::default());
    assert!(
        !f.iter().any(|f| f.rule == "translation-outdated"),
        "{f:#?}"
    );
}
