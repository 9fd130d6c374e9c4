//! The human report: a live progress line while a step runs (only when stderr is
//! a terminal), then a ✓/✗/- line per step as it finishes, with the command,
//! exit code, output tail and a coloured diff under a failing step, and a
//! summary. Errors are rendered with the source line they point at
//! ([`error`]).

pub mod error;
mod live;
mod many;

use std::collections::HashMap;

use doccheck_guide::plan::{Action, Plan, Step};
use doccheck_runner::events::{Counts, RunSummary, Status, StepResult, Updates, Verdict};
use doccheck_runner::Event as RunEvent;

use console::style;

use crate::case::{step_of, tail, OUTPUT_TAIL};
use crate::printable;
use crate::{Event, GuideId, Plans, Reporter, Translation};
use live::Live;

/// Colours are off under NO_COLOR or when stdout is not a terminal.
pub fn configure_colors() {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
}

pub fn list(plan: &Plan) -> String {
    let mut out = String::new();
    if let Some(s) = &plan.scenario {
        out.push_str(&format!("scenario: {}\n", s.display()));
    }
    for step in &plan.steps {
        out.push_str(&format!(
            "{:>3}  {}:{}  {}{}\n",
            step.number,
            plan.guide,
            step.line,
            step.summary(),
            step.bound_by
                .as_ref()
                .map(|b| format!("  [{b}]"))
                .unwrap_or_default()
        ));
        for note in &step.notes {
            out.push_str(&format!("       note: {note}\n"));
        }
        if let Action::Run { commands, .. } = &step.action {
            if commands.len() > 1 {
                for c in commands {
                    out.push_str(&format!(
                        "       $ {}\n",
                        c.text.replace('\n', "\n         ")
                    ));
                }
            }
        }
    }
    out.push_str(&format!("{} steps\n", plan.steps.len()));
    out
}

/// The terminal reporter. For one guide: step lines on stdout as steps
/// finish, a live progress line on stderr, the guide's summary. For several
/// ([`many`]): a line per guide as it finishes, a live line per running guide,
/// the failing guides' details and a summary at the end.
pub struct Terminal {
    live: Live,
    plans: Plans,
    results: HashMap<GuideId, Vec<StepResult>>,
    many: Option<many::Many>,
}

impl Terminal {
    /// `tree`: a run of several guides, or of a directory, glob or shard
    /// (a line per guide, then a summary), rather than of one named guide.
    pub fn new(tree: bool) -> Terminal {
        Terminal {
            live: Live::new(),
            plans: Plans::default(),
            results: HashMap::new(),
            many: tree.then(many::Many::new),
        }
    }

    fn run(&mut self, guide: GuideId, event: &RunEvent) {
        let Some(plan) = self.plans.observe(guide, event) else {
            return;
        };
        if let RunEvent::Finished(_) = event {
            self.plans.end(guide);
        }
        if let Some(many) = &mut self.many {
            many.event(guide, &plan, event, &self.live);
            return;
        }
        match event {
            RunEvent::Started(plan) => crate::out(&header(plan)),
            RunEvent::Preparing(what) => self.live.preparing(what),
            RunEvent::StepStarted { number } => {
                if let Some(step) = plan.steps.iter().find(|s| s.number == *number) {
                    self.live.running(
                        &plan.guide,
                        format!(
                            "step {}  {}:{}  {}",
                            step.number,
                            plan.guide,
                            step.line,
                            step.summary()
                        ),
                    );
                }
            }
            RunEvent::StepFinished(result) => {
                self.live.idle(&plan.guide);
                if let Some(step) = step_of(&plan, result) {
                    crate::out(&step_line(&plan.guide, step, result));
                }
                self.results.entry(guide).or_default().push(outcome(result));
            }
            RunEvent::Updated(updates) => {
                if let Some(diff) = &updates.diff {
                    crate::out(diff);
                }
            }
            RunEvent::Finished(summary_of_run) => {
                self.live.idle(&plan.guide);
                let results = self.results.remove(&guide).unwrap_or_default();
                crate::out(&summary(&plan, &results, summary_of_run));
            }
        }
    }
}

impl Reporter for Terminal {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => self.run(*guide, event),
            Event::Listed { plan, .. } => match &mut self.many {
                Some(_) => crate::out(&format!(
                    "{}  {} steps{}\n",
                    plan.guide,
                    plan.steps.len(),
                    plan.scenario
                        .as_ref()
                        .map(|s| format!("  [{}]", s.display()))
                        .unwrap_or_default()
                )),
                None => crate::out(&list(plan)),
            },
            Event::Translation { checked, .. } => crate::out(&findings(checked)),
            Event::Error { guide, name, error } => {
                self.plans.end(*guide);
                self.results.remove(guide);
                if let Some(many) = &mut self.many {
                    many.error(*guide, name, error, &self.live);
                }
            }
            Event::Cached { plan, entry, .. } => {
                let line = cached(plan, entry);
                match &mut self.many {
                    Some(_) => {
                        self.live
                            .print(&format!("{} {}  {line}\n", style("✓").green(), plan.guide))
                    }
                    None => crate::out(&format!("{}: {line}\n", plan.guide)),
                }
            }
            Event::Empty { name, .. } => {
                if self.many.is_some() {
                    many::empty(name);
                }
            }
            Event::Interrupted(_) => {}
            Event::Done(outcome) => {
                self.live.stop();
                if let Some(many) = &mut self.many {
                    crate::out(&many.finish(outcome));
                }
            }
        }
    }

    fn finish(&mut self) -> Result<(), String> {
        self.live.stop();
        Ok(())
    }
}

/// `cached. 8 steps passed in an earlier run with the same key (…); 12.3s saved`
fn cached(plan: &Plan, entry: &doccheck_cache::Entry) -> String {
    format!(
        "{}. {} steps passed in an earlier run with the same key ({}); {:.1}s saved",
        style("cached").green().bold(),
        plan.steps.len(),
        &entry.key[..entry.key.len().min(12)],
        entry.duration_ms as f64 / 1000.0
    )
}

/// What goes to stderr whatever the format: why a guide could not run,
/// rendered with its source line, and what `--update` rewrote.
#[derive(Default)]
pub struct Diagnostics;

impl Reporter for Diagnostics {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Error { error, .. } => crate::err(&error::render(error)),
            Event::Run {
                event: RunEvent::Updated(updates),
                ..
            } => crate::err(&rewrites(updates)),
            _ => {}
        }
    }
}

/// `updated docs/a.md:6: expected output of `…``, a line per rewrite.
pub fn rewrites(updates: &Updates) -> String {
    let mut out = String::new();
    for r in &updates.rewrites {
        let verb = match (updates.written, &updates.refused) {
            (true, _) => "updated",
            (false, None) => "would update",
            (false, Some(_)) => continue,
        };
        out.push_str(&format!(
            "{verb} {}:{}: {} of `{}`\n",
            r.file, r.line, r.what, r.command
        ));
    }
    if let (Some(why), Some(first)) = (&updates.refused, updates.rewrites.first()) {
        out.push_str(&format!("{}: not rewritten: {why}\n", first.file));
    }
    out
}

/// A result as the summary counts it, without the commands and their
/// output (which may be 100 MB, not worth a copy).
pub(crate) fn outcome(result: &StepResult) -> StepResult {
    let mut copy = StepResult::new(result.number, result.status.clone());
    copy.duration = result.duration;
    copy.skips_rest = result.skips_rest;
    copy
}

/// `doccheck GUIDE with SCENARIO: N steps`
pub fn header(plan: &Plan) -> String {
    let scenario = plan
        .scenario
        .as_ref()
        .map(|s| format!(" with {}", s.display()))
        .unwrap_or_default();
    format!(
        "doccheck {}{scenario}: {} steps\n",
        plan.guide,
        plan.steps.len()
    )
}

pub fn step_line(guide: &str, step: &Step, result: &StepResult) -> String {
    let place = format!("{guide}:{}", step.line);
    let secs = format!("{:.1}s", result.duration.as_secs_f64());
    let mut out = match &result.status {
        Status::Passed => format!(
            "{} {:>3}  {place}  {}  {}\n",
            style("✓").green(),
            step.number,
            step.summary(),
            style(secs).dim()
        ),
        Status::Failed => format!(
            "{} {:>3}  {place}  {}  {}\n",
            style("✗").red().bold(),
            step.number,
            step.summary(),
            style(secs).dim()
        ),
        Status::Skipped(why) => format!(
            "{} {:>3}  {place}  skipped: {why}\n",
            style("-").yellow(),
            step.number
        ),
        // A resumed run's earlier steps: they ran, in the run that kept the checkpoint.
        Status::NotRun(why) if why.starts_with(doccheck_runner::coverage::RESTORED) => {
            format!("{} {:>3}  {place}  {why}\n", style("↺").cyan(), step.number)
        }
        Status::NotRun(why) => format!(
            "{} {:>3}  {place}  not run: {why}\n",
            style("·").dim(),
            step.number
        ),
    };
    if result.flaky() {
        out.push_str(&format!(
            "        {} passed on attempt {} of {}, after the machine failed it:\n",
            style("flaky:").yellow().bold(),
            result.attempts.len() + 1,
            result.attempts.len() + 1
        ));
        for (n, attempt) in result.attempts.iter().enumerate() {
            out.push_str(&format!(
                "        {} attempt {}: {}\n",
                style("│").dim(),
                n + 1,
                shown(&attempt.failure.to_string())
            ));
        }
    }
    let show_notes =
        result.status == Status::Failed || result.commands.iter().any(|c| c.run.is_some());
    for run in &result.commands {
        if run.run.is_some() || run.failure.is_some() {
            out.push_str(&format!(
                "        {} {}  (line {})\n",
                style("$").dim(),
                shown(&run.documented).replace('\n', "\n        > "),
                run.line
            ));
        }
        if let Some(as_run) = &run.run {
            out.push_str(&format!(
                "        {} {}\n",
                style("ran as:").dim(),
                shown(as_run).replace('\n', " ")
            ));
        }
        if let Some(failure) = &run.failure {
            push_failure(&mut out, failure, &run.output);
        }
    }
    // The step's own failure: a file not written, a result block not matched.
    if let (Status::Failed, Some(failure)) = (&result.status, &result.failure) {
        push_failure(&mut out, failure, "");
    }
    if result.status == Status::Failed {
        for note in &step.notes {
            push_note(&mut out, note);
        }
    }
    if show_notes {
        for note in &result.notes {
            push_note(&mut out, note);
        }
    }
    out
}

/// Text from a run as the terminal shows it.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    printable::text(text, printable::TERMINAL)
}

/// A failure's sentence, the output it came with, a service's log, a diff.
fn push_failure(out: &mut String, failure: &doccheck_runner::Failure, output: &str) {
    out.push_str(&format!(
        "        {}\n",
        style(shown(&failure.to_string())).red()
    ));
    let (lines, total) = tail(output, OUTPUT_TAIL);
    if total > lines.len() {
        out.push_str(&format!(
            "        {}\n",
            style(format!("output, last {} of {total} lines:", lines.len())).dim()
        ));
    } else if total > 0 {
        out.push_str(&format!("        {}\n", style("output:").dim()));
    }
    for line in lines {
        let line = printable::line(line, printable::TERMINAL);
        out.push_str(&format!("        {} {line}\n", style("│").dim()));
    }
    if let Some(log) = failure.log() {
        for line in log.lines() {
            let line = printable::line(line, printable::TERMINAL);
            out.push_str(&format!("        {} {line}\n", style("│").dim()));
        }
    }
    if let Some(diff) = failure.diff() {
        out.push_str(&format!(
            "        {}\n",
            style("diff (- expected, + actual):").dim()
        ));
        for d in diff {
            let text = format!("{}{}", d.tag, printable::line(&d.text, printable::TERMINAL));
            let text = match d.tag {
                '-' => style(text).red().to_string(),
                '+' => style(text).green().to_string(),
                _ => style(text).dim().to_string(),
            };
            out.push_str(&format!("          {text}\n"));
        }
    }
}

/// A note under its step; a note of several lines (another stream's
/// output) shows the rest as quoted output.
fn push_note(out: &mut String, note: &str) {
    let note = shown(note);
    let mut lines = note.lines();
    out.push_str(&format!(
        "        {} {}\n",
        style("note:").dim(),
        lines.next().unwrap_or("")
    ));
    for line in lines {
        out.push_str(&format!("        {} {line}\n", style("│").dim()));
    }
}

pub fn summary(plan: &Plan, results: &[StepResult], run: &RunSummary) -> String {
    let mut out = String::new();
    for note in &run.notes {
        out.push_str(&format!("{} {note}\n", style("note:").dim()));
    }
    out.push_str(&coverage(&run.coverage));
    for warning in &run.warnings {
        out.push_str(&format!("{} {warning}\n", style("warning:").yellow()));
    }
    if let Some(dir) = &run.kept_workspace {
        out.push_str(&format!("workspace kept at {}\n", dir.display()));
    }
    let verdict = verdict_text(plan, results, run, &mut out);
    out.push_str(&format!("{}: {verdict}\n", plan.guide));
    out
}

/// `coverage: 2 of 65 blocks ran (1 checked their output); 63 skipped: 63
/// `makefile``, when a block did not run.
pub fn coverage(c: &doccheck_runner::coverage::Coverage) -> String {
    let skipped = c.skipped_total();
    let mut out = String::new();
    if skipped + c.expected_output > 0 || c.below_min_run() {
        out.push_str(&format!(
            "coverage: {} of {} blocks ran ({} checked their output)",
            c.ran,
            c.blocks - c.expected_output,
            c.checked
        ));
        if c.expected_output > 0 {
            out.push_str(&format!(
                "; {} hold the expected output of others",
                c.expected_output
            ));
        }
        if skipped > 0 {
            let why: Vec<String> = c.skipped.iter().map(|(w, n)| format!("{n} {w}")).collect();
            out.push_str(&format!("; {skipped} skipped: {}", why.join(", ")));
        }
        out.push('\n');
    }
    out
}

/// `ok. 8 steps: 8 passed, ...; 12.3s`, saying first why a run that ran nothing failed.
pub fn verdict_text(
    plan: &Plan,
    results: &[StepResult],
    run: &RunSummary,
    out: &mut String,
) -> String {
    let c = Counts::of(results);
    let verdict = match run.verdict {
        Verdict::Interrupted(_) => style("INTERRUPTED").yellow().bold(),
        Verdict::Passed => style("ok").green().bold(),
        Verdict::Updated => style("updated").green().bold(),
        Verdict::Failed => {
            let c = &run.coverage;
            if let (true, Some(min)) = (c.below_min_run(), c.min_run) {
                out.push_str(&format!(
                    "{}\n",
                    style(format!(
                        "{}% of the blocks ran, below --min-run {min}%: not a pass",
                        c.percent
                    ))
                    .red()
                ));
            }
            style("FAILED").red().bold()
        }
        Verdict::NothingRan => {
            out.push_str(&format!(
                "{}\n",
                style("no step ran: a guide in which nothing ran is not a pass (set allow-empty in its scenario, or --allow-empty, to accept it)").red()
            ));
            style("FAILED").red().bold()
        }
    };
    // Updated, every failed step was a stale transcript now rewritten.
    let failed = match run.verdict {
        Verdict::Updated => "rewritten",
        _ => "failed",
    };
    format!(
        "{verdict}. {} steps: {} passed, {} {failed}, {} skipped, {} not run; {:.1}s",
        plan.steps.len(),
        c.passed,
        c.failed,
        c.skipped,
        c.not_run,
        run.duration.as_secs_f64()
    )
}

/// The translation check's findings, one line each, then a count.
pub fn findings(checked: &Translation) -> String {
    let (guide, findings) = (&checked.guide, &checked.findings);
    let mut out = match &checked.source {
        Some(s) => format!("doccheck --translation {guide} (source {})\n", s.display()),
        None => format!("doccheck --translation {guide} (source: the side-by-side segments)\n"),
    };
    for f in findings {
        let (mark, severity) = match f.severity {
            doccheck_l10n::Severity::Error => (style("✗").red().bold(), style("error").red()),
            doccheck_l10n::Severity::Warning => {
                (style("!").yellow().bold(), style("warning").yellow())
            }
        };
        let segment = f
            .segment
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{mark} {guide}:{}:{}  {severity} {}{segment}: {}\n",
            f.line,
            f.column,
            style(f.rule).bold(),
            f.message
        ));
        if let Some(diff) = &f.diff {
            for line in diff.lines() {
                let styled = match line.chars().next() {
                    Some('-') => style(line).red().to_string(),
                    Some('+') => style(line).green().to_string(),
                    _ => style(line).dim().to_string(),
                };
                out.push_str(&format!("      {styled}\n"));
            }
        }
    }
    let errors = checked.errors;
    let warnings = findings.len() - errors;
    let verdict = if checked.passed() {
        style("ok").green().bold()
    } else {
        style("FAILED").red().bold()
    };
    out.push_str(&format!(
        "{guide}: translation {verdict}. {} findings: {errors} errors, {warnings} warnings\n",
        findings.len()
    ));
    out
}
