//! The page: a header with the run's verdict and the ways to the failures,
//! an index when there are several guides, and a section per guide.

use std::collections::BTreeMap;

use doccheck_runner::events::Status;

use super::escape::escape;
use super::guide::{counts, layout, run_section};
use super::step::{self, seconds};
use super::translation;
use super::{Run, Section};
use crate::{GuideId, Outcome};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// `1 guide`, `2 guides`.
pub(super) fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `data-verdict` of a section.
fn verdict(section: &Section) -> &'static str {
    match section {
        Section::Run(run) => run_verdict(run),
        Section::Translation(t) if t.passed() => "passed",
        Section::Translation(_) => "failed",
        Section::Error { .. } => "error",
        Section::Empty { .. } => "empty",
    }
}

pub(super) fn verdict_label(verdict: &str) -> &'static str {
    match verdict {
        "passed" => "✓ passed",
        "updated" => "✓ updated",
        "cached" => "✓ cached",
        "failed" => "✗ failed",
        "nothing-ran" => "✗ nothing ran",
        "interrupted" => "✗ interrupted",
        "error" => "✗ error",
        "empty" => "– nothing to run",
        _ => "✗ unfinished",
    }
}

/// The runner's verdict, once worked out; `unfinished` if it never came.
pub(super) fn run_verdict(run: &Run) -> &'static str {
    match (&run.cached, &run.summary) {
        (Some(_), _) => "cached",
        (None, Some(s)) => s.verdict.name(),
        (None, None) => "unfinished",
    }
}

/// Verdicts the failure filter keeps out of sight.
pub(super) fn passing(verdict: &str) -> bool {
    matches!(verdict, "passed" | "updated" | "cached" | "empty")
}

fn name(section: &Section) -> &str {
    match section {
        Section::Run(run) => &run.plan.guide,
        Section::Translation(t) => &t.guide,
        Section::Error { name, .. } | Section::Empty { name } => name,
    }
}

/// The page's failures in page order: failed steps, guides that failed with
/// no failed step, errors, translation errors. Each is a link target.
fn failures(sections: &BTreeMap<GuideId, Section>) -> Vec<String> {
    let mut out = Vec::new();
    for (&g, section) in sections {
        match section {
            Section::Run(run) => {
                let layout = layout(&run.plan);
                let before = out.len();
                for s in layout.in_guide.iter().chain(&layout.after) {
                    if run
                        .steps
                        .get(&s.number)
                        .is_some_and(|d| d.status == Status::Failed)
                    {
                        out.push(step::id(g, s.number));
                    }
                }
                if out.len() == before && !passing(verdict(section)) {
                    out.push(format!("g{g}"));
                }
            }
            Section::Translation(t) => out.extend(
                t.findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.severity == doccheck_l10n::Severity::Error)
                    .map(|(k, _)| format!("g{g}-f{}", k + 1)),
            ),
            Section::Error { .. } => out.push(format!("g{g}")),
            Section::Empty { .. } => {}
        }
    }
    out
}

pub fn render(
    sections: &BTreeMap<GuideId, Section>,
    outcome: Option<&Outcome>,
    interrupted: Option<i32>,
) -> String {
    let failures = failures(sections);
    let verdict_word = match outcome {
        Some(o) if o.interrupted.is_some() => "INTERRUPTED",
        Some(o) if o.passed() => "ok",
        _ => "FAILED",
    };
    let title = match sections.values().next() {
        Some(only) if sections.len() == 1 => name(only).to_string(),
        _ => format!("{} guides", sections.len()),
    };
    let nonce = nonce();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src data:\">\n\
         <title>doccheck: {verdict_word} — {}</title>\n<style>\n{STYLE}</style>\n</head>\n",
        escape(&title)
    );
    out.push_str(&format!(
        "<body data-verdict=\"{}\">\n",
        if verdict_word == "ok" {
            "passed"
        } else {
            "failed"
        }
    ));
    if let Some(first) = failures.first() {
        out.push_str(&format!(
            "<a class=\"skip\" href=\"#{first}\">Skip to the first failure</a>\n"
        ));
    }
    header(
        &mut out,
        verdict_word,
        outcome,
        interrupted,
        &failures,
        sections.len() > 1,
    );
    out.push_str("<main>\n");
    if sections.len() > 1 {
        index(&mut out, sections);
    }
    for (&g, section) in sections {
        match section {
            Section::Run(run) => run_section(&mut out, g, run, &failures),
            other => other_section(&mut out, g, other),
        }
    }
    if sections.is_empty() {
        out.push_str("<p class=\"quiet\">No guide was run.</p>\n");
    }
    out.push_str(&format!(
        "</main>\n<script nonce=\"{nonce}\">\n{SCRIPT}</script>\n</body>\n</html>\n"
    ));
    out
}

/// A nonce for the page's one script, so that the policy refuses any other.
fn nonce() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let a = h.finish();
    h.write_u64(a);
    format!("{a:016x}{:016x}", h.finish())
}

fn header(
    out: &mut String,
    verdict_word: &str,
    outcome: Option<&Outcome>,
    interrupted: Option<i32>,
    failures: &[String],
    many: bool,
) {
    let class = if verdict_word == "ok" {
        "passed"
    } else {
        "failed"
    };
    out.push_str(&format!(
        "<header class=\"top\">\n<h1>doccheck <span class=\"badge {class}\">{verdict_word}</span></h1>\n"
    ));
    if let Some(o) = outcome {
        let passed = o.passed + o.updated + o.cached;
        let guides = passed + o.failed + o.errors + o.empty;
        let cached = match o.cached {
            0 => String::new(),
            n => format!(" ({n} cached)"),
        };
        let s = &o.steps;
        // A translation check runs no step: no steps to count.
        let steps = match s.passed + s.failed + s.skipped + s.not_run {
            0 => String::new(),
            _ => format!(
                "; steps: {} passed, {} failed, {} skipped, {} not run",
                s.passed, s.failed, s.skipped, s.not_run
            ),
        };
        out.push_str(&format!(
            "<p class=\"summary\">{}: {passed} passed{cached}, {} failed, {} with errors, {} with nothing to run{steps}</p>\n",
            plural(guides, "guide"),
            o.failed,
            o.errors,
            o.empty
        ));
    }
    if let Some(signal) = interrupted.or(outcome.and_then(|o| o.interrupted)) {
        out.push_str(&format!(
            "<p class=\"interrupted\">Interrupted by {}: the guides not started were not run.</p>\n",
            doccheck_runner::signals::name(signal)
        ));
    }
    out.push_str("</header>\n<nav class=\"tools\" aria-label=\"failures\"><div>");
    match failures.first() {
        Some(first) => out.push_str(&format!(
            "<a href=\"#{first}\">First failure</a> <button type=\"button\" id=\"next-failure\" title=\"Next failure (n; p for the previous one)\">Next failure <kbd>n</kbd></button> <span class=\"count\">{} failure{}</span>",
            failures.len(),
            if failures.len() == 1 { "" } else { "s" }
        )),
        None => out.push_str("<span class=\"count\">No failures.</span>"),
    }
    if many {
        out.push_str(" <label class=\"filter\"><input type=\"checkbox\" id=\"failures-only\"> Failing guides only</label>");
    }
    out.push_str("</div></nav>\n");
}

fn index(out: &mut String, sections: &BTreeMap<GuideId, Section>) {
    out.push_str("<nav class=\"index\" aria-labelledby=\"index-h\">\n<h2 id=\"index-h\">Guides</h2>\n<table>\n<thead><tr><th scope=\"col\">status</th><th scope=\"col\">guide</th><th scope=\"col\">steps</th><th scope=\"col\">time</th><th scope=\"col\">first failure</th></tr></thead>\n<tbody>\n");
    for (&g, section) in sections {
        let verdict = verdict(section);
        let (steps, time, failure) = match section {
            Section::Run(run) => {
                let layout = layout(&run.plan);
                let failed = layout.in_guide.iter().chain(&layout.after).find_map(|s| {
                    let done = run.steps.get(&s.number)?;
                    (done.status == Status::Failed).then(|| {
                        format!(
                            "<a href=\"#{}\">step {}</a>: {}{}",
                            step::id(g, s.number),
                            s.number,
                            escape(&s.summary()),
                            done.why
                                .as_ref()
                                .map(|w| format!(" — {w}"))
                                .unwrap_or_default()
                        )
                    })
                });
                (
                    counts(run, true),
                    run.summary
                        .as_ref()
                        .map(|s| seconds(s.duration))
                        .unwrap_or_default(),
                    failed.unwrap_or_default(),
                )
            }
            Section::Translation(t) => (
                findings_count(t),
                String::new(),
                t.findings
                    .iter()
                    .position(|f| f.severity == doccheck_l10n::Severity::Error)
                    .map(|k| {
                        let f = &t.findings[k];
                        format!(
                            "<a href=\"#g{g}-f{}\">line {}</a>: {}",
                            k + 1,
                            f.line,
                            escape(&f.message)
                        )
                    })
                    .unwrap_or_default(),
            ),
            Section::Error { error, .. } => (
                String::new(),
                String::new(),
                format!(
                    "<a href=\"#g{g}\">error</a>: {}",
                    escape(&error.to_string())
                ),
            ),
            Section::Empty { .. } => (
                "no command or file block".to_string(),
                String::new(),
                String::new(),
            ),
        };
        out.push_str(&format!(
            "<tr data-guide=\"{}\" data-verdict=\"{verdict}\"><td><span class=\"badge {verdict}\">{}</span></td><td><a href=\"#g{g}\">{}</a></td><td>{steps}</td><td>{time}</td><td>{failure}</td></tr>\n",
            escape(name(section)),
            verdict_label(verdict),
            escape(name(section)),
        ));
    }
    out.push_str("</tbody>\n</table>\n</nav>\n");
}

pub(super) fn section_head(
    out: &mut String,
    g: GuideId,
    name: &str,
    verdict: &str,
    failure: bool,
    detail: &str,
) {
    out.push_str(&format!(
        "<section class=\"guide\" id=\"g{g}\" data-guide=\"{}\" data-verdict=\"{verdict}\"{} tabindex=\"-1\" aria-labelledby=\"g{g}-h\">\n<header class=\"guide-head\"><h2 id=\"g{g}-h\"><span class=\"badge {verdict}\">{}</span> <a href=\"#g{g}\">{}</a></h2>{detail}</header>\n",
        escape(name),
        if failure { " data-failure" } else { "" },
        verdict_label(verdict),
        escape(name),
    ));
}

/// `36 findings: 1 error, 35 warnings`
fn findings_count(t: &crate::Translation) -> String {
    format!(
        "{}: {}, {}",
        plural(t.findings.len(), "finding"),
        plural(t.errors, "error"),
        plural(t.findings.len() - t.errors, "warning")
    )
}

fn other_section(out: &mut String, g: GuideId, section: &Section) {
    match section {
        Section::Translation(t) => {
            let detail = format!(
                "<p class=\"counts\">translation of {}: {}</p>",
                t.source.as_ref().map_or(
                    "the side-by-side segments' source".to_string(),
                    |s| format!("<code>{}</code>", escape(&s.display().to_string()))
                ),
                findings_count(t)
            );
            section_head(out, g, &t.guide, verdict(section), false, &detail);
            translation::render(out, g, t);
        }
        Section::Error { error, .. } => {
            let place = error
                .location
                .as_ref()
                .map(|l| {
                    format!(
                        "<p class=\"where\">{}:{}:{}</p>",
                        escape(&l.file),
                        l.line,
                        l.column
                    )
                })
                .unwrap_or_default();
            let detail = format!("<p class=\"why\">{}</p>{place}", escape(&error.message));
            section_head(out, g, name(section), "error", true, &detail);
        }
        Section::Empty { .. } => {
            section_head(
                out,
                g,
                name(section),
                "empty",
                false,
                "<p class=\"quiet\">Nothing to run: no command or file block.</p>",
            );
        }
        Section::Run(_) => {}
    }
    out.push_str("</section>\n");
}
