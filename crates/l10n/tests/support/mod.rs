//! Helpers shared by the rule tests: one side-by-side segment, the findings
//! of a one-segment pair, the repository's French guide and its source, and
//! findings shown one per line for assertion messages, and findings as
//! (page, segment, rule) for the labelled corpora.
#![allow(dead_code)] // each test binary uses its own part of them

use std::collections::BTreeSet;

pub mod real;

use doccheck_l10n::{check, Config, Finding};

/// One side-by-side segment.
pub fn sxs(id: &str, tr: &str, src: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{src}</span></span>"
    )
}

pub fn findings(tr: &str, src: &str) -> Vec<Finding> {
    check(
        &format!("{}\n", sxs("t-1", tr, src)),
        None,
        &Config::default(),
    )
}

pub fn rules(tr: &str, src: &str) -> Vec<&'static str> {
    findings(tr, src).iter().map(|f| f.rule).collect()
}

pub fn clean(tr: &str, src: &str) {
    let f = findings(tr, src);
    assert!(f.is_empty(), "{tr:?} / {src:?}: {f:#?}");
}

/// A file relative to the crate's directory.
pub fn read(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// docs/fr-fr/docker.md, the French machine translation of the Docker guide.
pub fn french() -> String {
    read("../../docs/fr-fr/docker.md")
}

/// docs/docker.md, its English source.
pub fn english() -> String {
    read("../../docs/docker.md")
}

/// One line per finding: `line:column severity [rule] segment message`.
pub fn show(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} [{}] {} {}\n",
                f.line,
                f.column,
                f.severity,
                f.rule,
                f.segment.as_deref().unwrap_or("-"),
                f.message
            )
        })
        .collect()
}

/// (segment, rule) of each finding, without repeats: "-" for no segment.
pub fn pairs(findings: &[Finding]) -> BTreeSet<(String, String)> {
    findings
        .iter()
        .map(|f| {
            let seg = f.segment.clone().unwrap_or_else(|| "-".into());
            (seg, f.rule.to_string())
        })
        .collect()
}

/// (page, segment, rule) of each finding of `page`.
pub fn triples(page: &str, findings: &[Finding]) -> BTreeSet<(String, String, String)> {
    pairs(findings)
        .into_iter()
        .map(|(s, r)| (page.to_string(), s, r))
        .collect()
}

/// A list of (page, segment, rule) as owned strings.
pub fn owned(list: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    list.iter()
        .map(|(p, s, r)| (p.to_string(), s.to_string(), r.to_string()))
        .collect()
}

/// The severity of the `code-span-moved` finding on `tr`, which must have one.
pub fn moved(tr: &str, src: &str) -> doccheck_l10n::Severity {
    let f = findings(tr, src);
    let m = f.iter().find(|f| f.rule == "code-span-moved");
    m.unwrap_or_else(|| panic!("no code-span-moved in {tr:?}:\n{}", show(&f)))
        .severity
}
