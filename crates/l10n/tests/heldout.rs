//! The held-out corpus (`tests/data/heldout/`, its README says how it was
//! made): careful Italian, Brazilian Portuguese, Dutch and Chinese pages and
//! defective copies, written without reading the rules. First measured
//! blind (2026-12-02: 31 of 41 planted defects found); the rules were then
//! changed while looking at its ten misses, so it is no longer blind and is
//! a regression fence like the tuning corpus: careful pages must give no
//! finding; on the defective pages, what is found today stays found, and
//! the misses and the one finding beyond the labels are listed below. The
//! counts are printed:
//! `cargo nextest run -p doccheck-l10n --no-capture -E 'test(/heldout/)'`.

use std::collections::BTreeSet;

use doccheck_l10n::{check, Config, Finding};

mod support;

use support::{read, show};

const CAREFUL: &[&str] = &["it", "pt-br", "nl", "zh-hans"];
const DEFECTIVE: &[&str] = &["it", "pt-br", "zh-hans"];

/// Planted defects not found. None since the rules were changed for the
/// ten misses of the first, blind measurement (2026-12-02; see "Held out"
/// in docs/translation-check.md): the footer words of more languages, a
/// name gone altogether, short runs of common English words, English glued
/// to Chinese, a word copied into a link, spans moved away from a repeated
/// neighbour or into another clause.
const MISSED: &[(&str, &str, &str)] = &[];

/// Findings beyond the labels: the backticks dropped from `docker run` (the
/// planted `code-span-missing`) also leave "docker" re-cased in the prose.
const BEYOND_LABELS: &[(&str, &str, &str)] =
    &[("it.defective.md", "d-129", "product-name-altered")];

fn heldout(name: &str) -> String {
    read(&format!("tests/data/heldout/{name}"))
}

fn triples(page: &str, findings: &[Finding]) -> BTreeSet<(String, String, String)> {
    findings
        .iter()
        .map(|f| {
            let segment = f.segment.clone().unwrap_or_else(|| "-".into());
            (page.to_string(), segment, f.rule.to_string())
        })
        .collect()
}

fn owned(list: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    list.iter()
        .map(|(p, s, r)| (p.to_string(), s.to_string(), r.to_string()))
        .collect()
}

#[test]
fn heldout_careful_pages_give_no_finding() {
    let en = heldout("en.md");
    for lang in CAREFUL {
        let page = format!("{lang}.md");
        let f = check(&heldout(&page), Some(&en), &Config::default());
        assert!(f.is_empty(), "{page}:\n{}", show(&f));
    }
}

#[test]
fn heldout_defective_pages_as_measured() {
    let en = heldout("en.md");
    let labels: BTreeSet<(String, String, String)> = heldout("labels.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "labels.tsv: {l:?}");
            (cols[0].into(), cols[1].into(), cols[2].into())
        })
        .collect();
    let mut found = BTreeSet::new();
    for lang in DEFECTIVE {
        let page = format!("{lang}.defective.md");
        let f = check(&heldout(&page), Some(&en), &Config::default());
        println!("{page}:\n{}", show(&f));
        found.extend(triples(&page, &f));
    }
    let missed: BTreeSet<_> = labels.difference(&found).cloned().collect();
    let beyond: BTreeSet<_> = found.difference(&labels).cloned().collect();
    let hits = labels.len() - missed.len();
    println!(
        "held out: {hits} of {} planted defects found (recall {:.2}), {} finding(s) beyond the labels (precision {:.2})",
        labels.len(),
        hits as f64 / labels.len() as f64,
        beyond.len(),
        hits as f64 / (hits + beyond.len()) as f64
    );
    let known_missed = owned(MISSED);
    let newly_missed: Vec<_> = missed.difference(&known_missed).collect();
    assert!(
        newly_missed.is_empty(),
        "no longer found: {newly_missed:#?}"
    );
    let known_beyond = owned(BEYOND_LABELS);
    let new_beyond: Vec<_> = beyond.difference(&known_beyond).collect();
    assert!(
        new_beyond.is_empty(),
        "new findings beyond the labels: {new_beyond:#?}"
    );
}
