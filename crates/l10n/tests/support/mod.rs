//! Helpers shared by the rule tests: one side-by-side segment, and the
//! findings of a one-segment pair.
#![allow(dead_code)] // each test binary uses its own part of them

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
