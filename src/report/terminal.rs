//! The human report: a live progress line while a step runs (only when stderr is
//! a terminal), then a ✓/✗/- line per step as it finishes, with the command,
//! exit code, output tail and a coloured diff under a failing step.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use console::{style, Term};

use crate::exec::{Observer, RunReport, Status, StepResult};
use crate::plan::{Action, Plan, Step};

/// Colours are off under NO_COLOR or when stdout is not a terminal.
pub fn configure_colors() {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
}

pub fn print_list(plan: &Plan) {
    let mut out = String::new();
    if let Some(s) = &plan.scenario {
        out.push_str(&format!("scenario: {}\n", s.path.display()));
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
    let _ = std::io::stdout().write_all(out.as_bytes());
}

struct Progress {
    label: String,
    since: Instant,
}

/// Prints each step's line as it finishes; animates the running step on stderr.
pub struct Live {
    guide: String,
    out: Term,
    current: Arc<Mutex<Option<Progress>>>,
    ticking: bool,
}

impl Live {
    pub fn new(guide: &str) -> Live {
        let err = Term::stderr();
        let ticking = err.is_term();
        let current: Arc<Mutex<Option<Progress>>> = Arc::new(Mutex::new(None));
        if ticking {
            let shared = Arc::clone(&current);
            std::thread::spawn(move || loop {
                std::thread::sleep(Duration::from_millis(100));
                let guard = shared.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(p) = guard.as_ref() {
                    let line = format!("  … {}  {:.1}s", p.label, p.since.elapsed().as_secs_f64());
                    let width = err.size().1 as usize;
                    let _ = err.clear_line();
                    let _ =
                        err.write_str(&console::truncate_str(&line, width.saturating_sub(1), "…"));
                }
            });
        }
        Live {
            guide: guide.to_string(),
            out: Term::stdout(),
            current,
            ticking,
        }
    }

    fn set(&self, progress: Option<Progress>) {
        let mut guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        *guard = progress;
        if self.ticking {
            let _ = Term::stderr().clear_line();
        }
    }
}

impl Observer for Live {
    fn started(&mut self, step: &Step) {
        self.set(Some(Progress {
            label: format!(
                "step {}  {}:{}  {}",
                step.number,
                self.guide,
                step.line,
                step.summary()
            ),
            since: Instant::now(),
        }));
    }

    fn preparing(&mut self, what: &str) {
        let _ = Term::stderr().write_line(&format!("{} {what}", style("…").dim()));
    }

    fn finished(&mut self, step: &Step, result: &StepResult) {
        self.set(None);
        let _ = self.out.write_str(&step_line(&self.guide, step, result));
    }
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
        Status::NotRun(why) => format!(
            "{} {:>3}  {place}  not run: {why}\n",
            style("·").dim(),
            step.number
        ),
    };
    let show_notes =
        result.status == Status::Failed || result.commands.iter().any(|c| c.run.is_some());
    for run in &result.commands {
        if run.run.is_some() || run.failure.is_some() {
            out.push_str(&format!(
                "        {} {}  (line {})\n",
                style("$").dim(),
                run.documented.replace('\n', "\n        > "),
                run.line
            ));
        }
        if let Some(as_run) = &run.run {
            out.push_str(&format!(
                "        {} {}\n",
                style("ran as:").dim(),
                as_run.replace('\n', " ")
            ));
        }
        let Some(failure) = &run.failure else {
            continue;
        };
        out.push_str(&format!("        {}\n", style(failure).red()));
        let (lines, total) = super::tail(&run.output, super::OUTPUT_TAIL);
        if total > lines.len() {
            out.push_str(&format!(
                "        {}\n",
                style(format!("output, last {} of {total} lines:", lines.len())).dim()
            ));
        } else if total > 0 {
            out.push_str(&format!("        {}\n", style("output:").dim()));
        }
        for line in lines {
            out.push_str(&format!("        {} {line}\n", style("│").dim()));
        }
        if let Some(diff) = &run.diff {
            out.push_str(&format!(
                "        {}\n",
                style("diff (- expected, + actual):").dim()
            ));
            for d in diff {
                let text = format!("{}{}", d.tag, d.text);
                let text = match d.tag {
                    '-' => style(text).red().to_string(),
                    '+' => style(text).green().to_string(),
                    _ => style(text).dim().to_string(),
                };
                out.push_str(&format!("          {text}\n"));
            }
        }
    }
    if let (Status::Failed, Some(message), true) =
        (&result.status, &result.message, result.commands.is_empty())
    {
        out.push_str(&format!("        {}\n", style(message).red()));
    }
    if show_notes {
        for note in &result.notes {
            out.push_str(&format!("        {} {note}\n", style("note:").dim()));
        }
    }
    out
}

pub fn summary(plan: &Plan, run: &RunReport) -> String {
    let c = super::counts(&run.results);
    let mut out = String::new();
    for note in &run.notes {
        out.push_str(&format!("{} {note}\n", style("note:").dim()));
    }
    if let Some(dir) = &run.kept_workspace {
        out.push_str(&format!("workspace kept at {}\n", dir.display()));
    }
    let verdict = if run.interrupted {
        style("INTERRUPTED").yellow().bold()
    } else if run.passed() {
        style("ok").green().bold()
    } else {
        style("FAILED").red().bold()
    };
    out.push_str(&format!(
        "{}: {verdict}. {} steps: {} passed, {} failed, {} skipped, {} not run; {:.1}s\n",
        plan.guide,
        plan.steps.len(),
        c.passed,
        c.failed,
        c.skipped,
        c.not_run,
        run.duration.as_secs_f64()
    ));
    out
}

/// The translation check's findings, one line each, then a count.
pub fn findings(
    guide: &str,
    source: Option<&std::path::Path>,
    findings: &[doccheck_l10n::Finding],
) -> String {
    let mut out = match source {
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
    let errors = findings
        .iter()
        .filter(|f| f.severity == doccheck_l10n::Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let verdict = if errors > 0 {
        style("FAILED").red().bold()
    } else {
        style("ok").green().bold()
    };
    out.push_str(&format!(
        "{guide}: translation {verdict}. {} findings: {errors} errors, {warnings} warnings\n",
        findings.len()
    ));
    out
}
