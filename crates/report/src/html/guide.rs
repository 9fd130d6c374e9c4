//! A guide's run on the page: its verdict and counts, the run's notes and
//! `--update`'s rewrites in one place, the guide rendered with each block's
//! step in place, and the steps no block shows after it.

use std::collections::HashSet;

use doccheck_guide::plan::{Plan, Step};
use doccheck_runner::events::Status;

use super::escape::escape;
use super::markdown;
use super::page::{passing, plural, run_verdict, section_head};
use super::step::{self, seconds, Figure};
use super::Run;
use crate::GuideId;

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

/// Steps of a run by status: `4 steps: 2 passed, 1 failed, 1 skipped`
/// (`short` leaves out the statuses no step has).
pub fn counts(run: &Run, short: bool) -> String {
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

/// The failure after `id` on the page.
fn next_after<'f>(failures: &'f [String], id: &str) -> Option<&'f str> {
    let i = failures.iter().position(|f| f == id)?;
    failures.get(i + 1).map(String::as_str)
}

pub fn run_section(out: &mut String, g: GuideId, run: &Run, failures: &[String]) {
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
        // A block the page could not place (it should not happen) is listed too.
        let title = match after.iter().all(|s| s.from_scenario.is_some()) {
            true => "Steps of the scenario</h3><p class=\"quiet\">Steps the scenario adds; the guide has no block for them.</p>",
            false => "Steps not shown above</h3><p class=\"quiet\">The scenario's steps, and blocks the page could not place in the guide.</p>",
        };
        out.push_str(&format!("<div class=\"extra-steps\"><h3>{title}\n"));
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
        let done = run.steps.get(&s.number).map_or(&[][..], |d| &d.notes[..]);
        let all: Vec<&String> = s.notes.iter().chain(done).collect();
        // A step's notes under one link to it.
        match all[..] {
            [] => {}
            [one] => items.push(note(Some(&link), one)),
            _ => items.push(format!(
                "<li>{link}<ul>{}</ul></li>",
                all.iter().map(|n| note(None, n)).collect::<String>()
            )),
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
