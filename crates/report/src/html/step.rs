//! A step on the page: its block with a caption (status, time, where), and
//! under it what the run did: each command as documented and as run, its
//! output (long output folded), and for a failure its sentence, log and diff.

use std::time::Duration;

use doccheck_guide::plan::{Action, Step};
use doccheck_runner::events::{Status, StepResult};
use doccheck_runner::Failure;

use super::escape::{escape, push_escaped};
use crate::case::tail;
use crate::printable;

/// Output lines shown open; those before are folded.
pub const OPEN: usize = 25;
/// Output lines kept in all (the last ones): a report of a 1 GB output
/// stays a page. `--format json` keeps every byte.
pub const KEPT: usize = 500;
/// Diff lines kept (the diff is bounded already; this bounds the page).
const DIFF_KEPT: usize = 2_000;

/// A finished step as the page shows it, rendered when it finished so that
/// its outputs are kept no longer than the page shows them.
pub struct Done {
    pub status: Status,
    pub duration: Duration,
    /// Why it failed, in one sentence.
    pub why: Option<String>,
    /// The commands, outputs, failure and diff.
    pub body: String,
    pub notes: Vec<String>,
    /// Passed after attempts the machine failed (`--retries`).
    pub flaky: bool,
}

impl Done {
    pub fn of(result: &StepResult) -> Done {
        Done {
            status: result.status.clone(),
            duration: result.duration,
            why: match result.status {
                Status::Failed => result.why().map(|f| line(&f.to_string())),
                _ => None,
            },
            body: body(result),
            notes: result.notes.clone(),
            flaky: result.flaky(),
        }
    }
}

impl Done {
    /// A step of a run `--cache` stands for: its status, nothing else.
    pub fn cached(status: Status) -> Done {
        Done {
            status,
            duration: Duration::ZERO,
            why: None,
            body: String::new(),
            notes: Vec::new(),
            flaky: false,
        }
    }
}

/// The `data-status` of a step: `passed`, `failed`, `skipped` or `not-run`.
pub fn status_name(status: &Status) -> &'static str {
    match status {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Skipped(_) => "skipped",
        Status::NotRun(_) => "not-run",
    }
}

/// What a status badge says.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "passed" => "✓ passed",
        "failed" => "✗ failed",
        "skipped" => "– skipped",
        _ => "· not run",
    }
}

pub fn seconds(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

/// One line of text from a run, printable and escaped.
fn line(text: &str) -> String {
    escape(&printable::text(text, printable::FILE))
}

fn body(result: &StepResult) -> String {
    let mut out = String::new();
    // Attempts the machine failed, before the one shown (`--retries`).
    if !result.attempts.is_empty() {
        let tries = result.attempts.len() + 1;
        out.push_str(&match result.flaky() {
            true => format!("<div class=\"attempts\"><p class=\"label\">flaky: passed on attempt {tries} of {tries}, after the machine failed it:</p><ul>"),
            false => format!("<div class=\"attempts\"><p class=\"label\">tried {tries} times; the machine failed the earlier attempts:</p><ul>"),
        });
        for (n, attempt) in result.attempts.iter().enumerate() {
            out.push_str(&format!(
                "<li>attempt {}: {} ({})</li>",
                n + 1,
                line(&attempt.failure.to_string()),
                seconds(attempt.duration)
            ));
        }
        out.push_str("</ul></div>");
    }
    for run in &result.commands {
        let exit = match run.exit {
            Some(code) if run.failure.is_some() && run.expected.code() != Some(code) => {
                format!("exit {code} (expected {})", run.expected)
            }
            Some(code) => format!("exit {code}"),
            None => "no exit code".to_string(),
        };
        out.push_str(&format!(
            "<div class=\"command\"><div class=\"cmd-line\"><pre class=\"cmd\"><span class=\"prompt\" aria-hidden=\"true\">$ </span>{}</pre><span class=\"exit\">{exit} · line {} · {}</span></div>",
            line(&run.documented).replace('\n', "\n&gt; "),
            run.line,
            seconds(run.duration)
        ));
        if let Some(as_run) = &run.run {
            out.push_str(&format!(
                "<p class=\"ran-as\"><span class=\"label\">ran as</span> <code>{}</code></p>",
                line(as_run)
            ));
        }
        folded(&mut out, "output", &run.output);
        if let Some(failure) = &run.failure {
            push_failure(&mut out, failure);
        }
        out.push_str("</div>");
    }
    if let (Status::Failed, Some(failure)) = (&result.status, &result.failure) {
        push_failure(&mut out, failure);
    }
    out
}

fn push_failure(out: &mut String, failure: &Failure) {
    out.push_str("<div class=\"failure\">");
    out.push_str(&format!(
        "<p class=\"why\">{}</p>",
        line(&failure.to_string())
    ));
    if let Some(log) = failure.log() {
        folded(out, "log", log);
    }
    if let Some(diff) = failure.diff() {
        out.push_str(
            "<div class=\"diff\"><p class=\"label\">diff (<span class=\"del\">- expected</span>, <span class=\"ins\">+ actual</span>)</p><pre>",
        );
        for d in diff.iter().take(DIFF_KEPT) {
            let class = match d.tag {
                '-' => "del",
                '+' => "ins",
                _ => "same",
            };
            out.push_str(&format!("<span class=\"{class}\">"));
            push_escaped(out, &d.tag.to_string());
            push_escaped(out, &printable::line(&d.text, printable::FILE));
            out.push_str("\n</span>");
        }
        if diff.len() > DIFF_KEPT {
            out.push_str(&format!(
                "<span class=\"cut\">… {} more diff lines\n</span>",
                diff.len() - DIFF_KEPT
            ));
        }
        out.push_str("</pre></div>");
    }
    out.push_str("</div>");
}

/// `text` under `label`: its last [`OPEN`] lines open, up to [`KEPT`]
/// before them folded in a `<details>`, and a word on what was left out.
pub fn folded(out: &mut String, label: &str, text: &str) {
    let (lines, total) = tail(text, KEPT);
    if total == 0 {
        return;
    }
    let split = lines.len().saturating_sub(OPEN);
    let (earlier, open) = lines.split_at(split);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    out.push_str(&format!(
        "<div class=\"output\"><p class=\"label\">{label}, {total} line{}</p>",
        plural(total)
    ));
    if !earlier.is_empty() {
        let left_out = total - lines.len();
        let note = match left_out {
            0 => String::new(),
            n => format!(" (the {n} before them are not kept here; --format json keeps them)"),
        };
        out.push_str(&format!(
            "<details><summary>{} earlier line{}{note}</summary><pre>",
            earlier.len(),
            plural(earlier.len())
        ));
        push_lines(out, earlier);
        out.push_str("</pre></details>");
    }
    out.push_str("<pre>");
    push_lines(out, open);
    out.push_str("</pre></div>");
}

fn push_lines(out: &mut String, lines: &[&str]) {
    for l in lines {
        push_escaped(out, &printable::line(l, printable::FILE));
        out.push('\n');
    }
}

/// What a step of the scenario does, shown where a guide's block would be:
/// its language and text.
pub fn source(step: &Step) -> (String, String) {
    match &step.action {
        Action::Run { commands, .. } => (
            "console".to_string(),
            commands
                .iter()
                .map(|c| format!("$ {}\n", c.text.replace('\n', "\n> ")))
                .collect(),
        ),
        Action::Write { content, .. } | Action::CheckFragment { content, .. } => {
            (step.lang.clone(), content.clone())
        }
        Action::Skip { reason, .. } => ("text".to_string(), reason.clone()),
    }
}

/// Where a step leads the page: the link target of a step or failure.
pub fn id(guide: usize, step: usize) -> String {
    format!("g{guide}-s{step}")
}

/// A step's figure: the caption, its block, and what the run did.
pub struct Figure<'a> {
    pub guide: usize,
    pub step: &'a Step,
    /// `file:line` of the block (or of the scenario's step).
    pub place: String,
    /// The fence's info string and the block's text.
    pub info: &'a str,
    pub code: &'a str,
    pub done: Option<&'a Done>,
    /// Where the next failure on the page is.
    pub next_failure: Option<&'a str>,
    /// Where the guide's notes are, when the step has some.
    pub notes: Option<&'a str>,
}

impl Figure<'_> {
    pub fn render(&self) -> String {
        let id = id(self.guide, self.step.number);
        let status = self.done.map_or("not-run", |d| status_name(&d.status));
        let failed = status == "failed";
        let flaky = self.done.is_some_and(|d| d.flaky);
        let mut out = format!(
            "<figure class=\"step {status}\" id=\"{id}\" data-step=\"{}\" data-status=\"{status}\"{}{} tabindex=\"-1\" aria-labelledby=\"{id}-c\">",
            self.step.number,
            if failed { " data-failure" } else { "" },
            if flaky { " data-flaky" } else { "" }
        );
        // A resumed run's earlier steps ran in the run that kept the checkpoint.
        let restored = matches!(self.done.map(|d| &d.status), Some(Status::NotRun(why)) if why.starts_with(doccheck_runner::coverage::RESTORED));
        out.push_str(&format!(
            "<figcaption id=\"{id}-c\"><span class=\"badge {status}\">{}</span> <a class=\"step-link\" href=\"#{id}\">step {}</a> <span class=\"where\">{}</span>",
            if restored { "↺ restored" } else { status_label(status) },
            self.step.number,
            escape(&self.place),
        ));
        if flaky {
            out.push_str(" <span class=\"badge flaky\">flaky</span>");
        }
        // A skip's summary is its reason, shown under the block.
        if !matches!(self.step.action, Action::Skip { .. }) {
            out.push_str(&format!(
                " <span class=\"summary\">{}</span>",
                line(&self.step.summary())
            ));
        }
        // A step `--cache` stands for has no time of its own.
        if let Some(done) = self.done.filter(|d| {
            matches!(d.status, Status::Passed | Status::Failed)
                && (d.duration > Duration::ZERO || !d.body.is_empty())
        }) {
            out.push_str(&format!(
                " <span class=\"time\">{}</span>",
                seconds(done.duration)
            ));
        }
        if let Some(notes) = self.notes {
            out.push_str(&format!(
                " <a class=\"notes-link\" href=\"#{notes}\">notes</a>"
            ));
        }
        if let Some(next) = self.next_failure.filter(|_| failed) {
            out.push_str(&format!(
                " <a class=\"next\" href=\"#{next}\">next failure</a>"
            ));
        }
        out.push_str("</figcaption>");
        let lang = self
            .info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .next()
            .unwrap_or("");
        out.push_str(&format!(
            "<pre class=\"code\"><code class=\"language-{}\">{}</code></pre>",
            escape(lang),
            escape(self.code)
        ));
        match self.done.map(|d| &d.status) {
            Some(Status::Skipped(why)) => {
                out.push_str(&format!("<p class=\"reason\">skipped: {}</p>", line(why)))
            }
            Some(Status::NotRun(why)) if restored => {
                out.push_str(&format!("<p class=\"reason\">{}</p>", line(why)))
            }
            Some(Status::NotRun(why)) => {
                out.push_str(&format!("<p class=\"reason\">not run: {}</p>", line(why)))
            }
            None => out.push_str("<p class=\"reason\">not run: the run ended before this step</p>"),
            _ => {}
        }
        if let Some(done) = self.done {
            out.push_str(&done.body);
        }
        out.push_str("</figure>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> String {
        let mut out = String::new();
        folded(&mut out, "output", text);
        out
    }

    #[test]
    fn short_output_is_shown_open_and_escaped() {
        assert_eq!(fold(""), "");
        assert_eq!(
            fold("<script>alert(1)</script>\n\x1b[31mred\n"),
            "<div class=\"output\"><p class=\"label\">output, 2 lines</p><pre>&lt;script&gt;alert(1)&lt;/script&gt;\n\\e[31mred\n</pre></div>"
        );
    }

    #[test]
    fn long_output_folds_what_comes_before_its_tail() {
        let text: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        let html = fold(&text);
        assert!(
            html.contains("<details><summary>5 earlier lines</summary><pre>line 1\n"),
            "{html}"
        );
        assert!(
            html.contains("line 5\n</pre></details><pre>line 6\n"),
            "{html}"
        );
        assert!(html.ends_with("line 30\n</pre></div>"), "{html}");
    }

    #[test]
    fn very_long_output_keeps_its_last_lines_and_says_so() {
        let text: String = (1..=KEPT + 100).map(|i| format!("{i}\n")).collect();
        let html = fold(&text);
        assert!(
            html.contains(&format!("output, {} lines", KEPT + 100)),
            "{html}"
        );
        assert!(
            html.contains("475 earlier lines (the 100 before them are not kept here"),
            "{html}"
        );
        assert!(!html.contains("<pre>100\n"), "{html}");
        assert!(html.contains("<pre>101\n"), "{html}");
        let long_line = "x".repeat(100_000);
        assert!(fold(&long_line).len() < printable::FILE + 200);
    }
}
