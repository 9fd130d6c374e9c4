//! The page: a header with the run's verdict and the ways to the failures,
//! an index when there are several guides, and a section per guide.

use std::collections::{BTreeMap, HashSet};

use doccheck_guide::plan::{Plan, Step};
use doccheck_runner::events::Status;

use super::escape::escape;
use super::markdown;
use super::step::{self, seconds, Figure};
use super::translation;
use super::{Run, Section};
use crate::{GuideId, Outcome};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// `1 guide`, `2 guides`.
fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Where each step of a run is shown: the guide's blocks in document order
/// (matched by the line of their opening fence), then the steps no block
/// shows (the scenario's own, in step order).
pub struct Layout<'p> {
    pub in_guide: Vec<&'p Step>,
    pub after: Vec<&'p Step>,
}

/// The step a fenced block at `line` is: a guide's block, never a scenario's step.
pub fn step_at(plan: &Plan, line: usize) -> Option<&Step> {
    plan.steps
        .iter()
        .find(|s| s.from_scenario.is_none() && s.line == line)
}

pub fn layout(plan: &Plan) -> Layout<'_> {
    let mut in_guide = Vec::new();
    markdown::render(&plan.text, &mut |block| {
        if let Some(step) = step_at(plan, block.line) {
            in_guide.push(step);
        }
        String::new()
    });
    let shown: HashSet<usize> = in_guide.iter().map(|s| s.number).collect();
    let after = plan
        .steps
        .iter()
        .filter(|s| !shown.contains(&s.number))
        .collect();
    Layout { in_guide, after }
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

fn verdict_label(verdict: &str) -> &'static str {
    match verdict {
        "passed" => "✓ passed",
        "updated" => "✓ updated",
        "failed" => "✗ failed",
        "nothing-ran" => "✗ nothing ran",
        "interrupted" => "✗ interrupted",
        "error" => "✗ error",
        "empty" => "– nothing to run",
        _ => "✗ unfinished",
    }
}

/// The runner's verdict, once worked out; `unfinished` if it never came.
fn run_verdict(run: &Run) -> &'static str {
    run.summary
        .as_ref()
        .map_or("unfinished", |s| s.verdict.name())
}

/// Verdicts the failure filter keeps out of sight.
fn passing(verdict: &str) -> bool {
    matches!(verdict, "passed" | "updated" | "empty")
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
        let passed = o.passed + o.updated;
        let guides = passed + o.failed + o.errors + o.empty;
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
            "<p class=\"summary\">{}: {passed} passed, {} failed, {} with errors, {} with nothing to run{steps}</p>\n",
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

/// Steps of a run by status: `4 steps: 2 passed, 1 failed, 1 skipped`
/// (`short` leaves out the statuses no step has).
fn counts(run: &Run, short: bool) -> String {
    let mut c = [0usize; 4];
    for done in run.steps.values() {
        c[match done.status {
            Status::Passed => 0,
            Status::Failed => 1,
            Status::Skipped(_) => 2,
            Status::NotRun(_) => 3,
        }] += 1;
    }
    // Updated, every failed step was a stale transcript now rewritten.
    let failed = match run.summary.as_ref().map(|s| s.verdict.name()) {
        Some("updated") => "rewritten",
        _ => "failed",
    };
    let parts: Vec<String> = [
        ("passed", c[0]),
        (failed, c[1]),
        ("skipped", c[2]),
        ("not run", c[3]),
    ]
    .iter()
    .filter(|(_, n)| !short || *n > 0)
    .map(|(what, n)| format!("{n} {what}"))
    .collect();
    format!(
        "{}: {}",
        plural(run.plan.steps.len(), "step"),
        parts.join(", ")
    )
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

fn section_head(
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

/// The failure after `id` on the page.
fn next_after<'f>(failures: &'f [String], id: &str) -> Option<&'f str> {
    let i = failures.iter().position(|f| f == id)?;
    failures.get(i + 1).map(String::as_str)
}

fn run_section(out: &mut String, g: GuideId, run: &Run, failures: &[String]) {
    let verdict = run_verdict(run);
    let failing = !passing(verdict);
    let any_failed = run.steps.values().any(|d| d.status == Status::Failed);
    let mut detail = format!("<p class=\"counts\">{}", counts(run, false));
    if let Some(summary) = &run.summary {
        detail.push_str(&format!(" · {}", seconds(summary.duration)));
    }
    if let Some(scenario) = &run.plan.scenario {
        detail.push_str(&format!(
            " · scenario <code>{}</code>",
            escape(&scenario.display().to_string())
        ));
    }
    detail.push_str("</p>");
    match verdict {
        "nothing-ran" => detail.push_str("<p class=\"why\">No step ran: a guide in which nothing ran is not a pass (set allow-empty in its scenario, or --allow-empty, to accept it).</p>"),
        "interrupted" => detail.push_str("<p class=\"why\">The run was interrupted.</p>"),
        "unfinished" => detail.push_str("<p class=\"why\">The run did not finish.</p>"),
        _ => {}
    }
    section_head(
        out,
        g,
        &run.plan.guide,
        verdict,
        failing && !any_failed,
        &detail,
    );
    let notes_id = format!("g{g}-notes");
    let has_notes = notes(out, g, run, &notes_id);
    updates(out, run);
    let figure = |step: &Step, place: String, info: &str, code: &str| {
        let id = step::id(g, step.number);
        let done = run.steps.get(&step.number);
        Figure {
            guide: g,
            step,
            place,
            info,
            code,
            done,
            next_failure: next_after(failures, &id),
            notes: (has_notes
                && (!step.notes.is_empty() || done.is_some_and(|d| !d.notes.is_empty())))
            .then_some(notes_id.as_str()),
        }
        .render()
    };
    let mut shown = HashSet::new();
    let body = markdown::render(&run.plan.text, &mut |block| {
        match step_at(&run.plan, block.line) {
            Some(step) => {
                shown.insert(step.number);
                let place = format!("{}:{}", run.plan.guide, step.line);
                figure(step, place, block.info, block.content)
            }
            // Not a step (it should not happen: every block is one): shown as it is.
            None => format!(
                "<pre class=\"code\"><code>{}</code></pre>",
                escape(block.content)
            ),
        }
    });
    out.push_str("<div class=\"markdown\">\n");
    out.push_str(&body);
    out.push_str("</div>\n");
    let after: Vec<&Step> = run
        .plan
        .steps
        .iter()
        .filter(|s| !shown.contains(&s.number))
        .collect();
    if !after.is_empty() {
        out.push_str("<div class=\"extra-steps\"><h3>Steps of the scenario</h3><p class=\"quiet\">Steps the scenario adds; the guide has no block for them.</p>\n");
        for s in after {
            let place = match &s.from_scenario {
                Some(at) => format!("{}:{}:{}", at.file, at.line, at.column),
                None => format!("{}:{}", run.plan.guide, s.line),
            };
            let (lang, code) = step::source(s);
            out.push_str(&figure(s, place, &lang, &code));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

/// The run's notes in one place: the run's own, then each step's.
fn notes(out: &mut String, g: GuideId, run: &Run, id: &str) -> bool {
    let mut items = Vec::new();
    if let Some(summary) = &run.summary {
        items.extend(summary.notes.iter().map(|n| note(None, n)));
        if let Some(dir) = &summary.kept_workspace {
            items.push(format!(
                "<li>workspace kept at <code>{}</code></li>",
                escape(&dir.display().to_string())
            ));
        }
    }
    for s in &run.plan.steps {
        let link = format!(
            "<a href=\"#{}\">step {}</a>: ",
            step::id(g, s.number),
            s.number
        );
        items.extend(s.notes.iter().map(|n| note(Some(&link), n)));
        if let Some(done) = run.steps.get(&s.number) {
            items.extend(done.notes.iter().map(|n| note(Some(&link), n)));
        }
    }
    if items.is_empty() {
        return false;
    }
    out.push_str(&format!(
        "<div class=\"notes\" id=\"{id}\"><h3>Notes</h3><ul>{}</ul></div>\n",
        items.concat()
    ));
    true
}

/// A note; one of several lines (another stream's output) shows the rest folded.
fn note(link: Option<&str>, text: &str) -> String {
    let shown = crate::printable::text(text, crate::printable::FILE);
    let (first, rest) = shown.split_once('\n').unwrap_or((&shown, ""));
    let mut li = format!("<li>{}{}", link.unwrap_or(""), escape(first));
    if !rest.is_empty() {
        step::folded(&mut li, "more", rest);
    }
    li.push_str("</li>");
    li
}

/// What `--update` rewrote (or, with `--dry-run`, would).
fn updates(out: &mut String, run: &Run) {
    let Some(u) = &run.updates else {
        return;
    };
    if u.rewrites.is_empty() && u.diff.is_none() && u.refused.is_none() {
        return;
    }
    out.push_str("<div class=\"updates\"><h3>--update</h3><ul>");
    let verb = match (u.written, &u.refused) {
        (true, _) => "updated",
        (false, None) => "would update",
        (false, Some(_)) => "stale, not rewritten:",
    };
    for r in &u.rewrites {
        out.push_str(&format!(
            "<li>{verb} {}:{}: {} of <code>{}</code></li>",
            escape(&r.file),
            r.line,
            escape(&r.what),
            escape(&r.command)
        ));
    }
    out.push_str("</ul>");
    if let Some(why) = &u.refused {
        out.push_str(&format!(
            "<p class=\"why\">Not rewritten: {}</p>",
            escape(why)
        ));
    }
    if let Some(diff) = &u.diff {
        step::folded(out, "diff", diff);
    }
    out.push_str("</div>\n");
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
