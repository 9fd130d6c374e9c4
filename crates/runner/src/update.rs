//! `--update`, the phase of a run after its steps: each transcript found
//! stale turned into an edit of the guide as it was planned
//! (doccheck_guide::update), written through a temporary file and a rename
//! (never a half-written guide), or only shown as a diff with `--dry-run`.
//! What it did is an event of its own, and it decides the guide's verdict.

use std::io::Write;
use std::path::Path;

use doccheck_guide::plan::{Action, Plan};
use doccheck_guide::update::{apply, edit_for};
use doccheck_guide::Error;

use crate::events::{Rewritten, StepResult, Updates, Verdict};

/// What `--update` does with what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    /// Work out the edits and show them; write nothing.
    DryRun,
}

/// The edits the results call for, applied to the guide unless `mode` says not to.
pub fn rewrite(plan: &Plan, results: &[StepResult], mode: Mode) -> Result<Updates, Error> {
    let path = Path::new(&plan.guide);
    let mut updates = Updates::default();
    let lines: Vec<&str> = plan.text.lines().collect();
    let mut edits = Vec::new();
    for result in results {
        // A scenario's own steps (variants) have no text in the guide to rewrite.
        let Some(step) = plan
            .steps
            .iter()
            .find(|s| s.number == result.number && s.from_scenario.is_none())
        else {
            continue;
        };
        let Action::Run { commands, .. } = &step.action else {
            continue;
        };
        for run in &result.commands {
            let (Some(update), Some(command)) =
                (&run.update, commands.iter().find(|c| c.line == run.line))
            else {
                continue;
            };
            let what = match (&update.lines, update.exit) {
                (Some(_), Some(code)) => format!("expected output and exit code ({code})"),
                (Some(_), None) => "expected output".to_string(),
                (None, Some(code)) => format!("exit code ({code})"),
                (None, None) => continue,
            };
            if let Some(edit) = edit_for(&lines, command, update.lines.as_deref(), update.exit) {
                updates.rewrites.push(Rewritten {
                    file: plan.guide.clone(),
                    line: command.line,
                    command: command.text.lines().next().unwrap_or("").to_string(),
                    what,
                });
                edits.push(edit);
            }
        }
    }
    if edits.is_empty() {
        return Ok(updates);
    }
    if let Some(why) = refusal(plan, path) {
        updates.refused = Some(why);
        return Ok(updates);
    }
    let updated = apply(&plan.text, &edits);
    match mode {
        Mode::DryRun => {
            let diff = similar::TextDiff::from_lines(&plan.text, &updated);
            updates.diff = Some(
                diff.unified_diff()
                    .header(&plan.guide, &format!("{} (updated)", plan.guide))
                    .to_string(),
            );
        }
        Mode::Write => {
            write_atomically(path, &updated)?;
            updates.written = true;
        }
    }
    Ok(updates)
}

/// Why a stale guide must be left as it is.
fn refusal(plan: &Plan, path: &Path) -> Option<String> {
    if let Some(source) = doccheck_guide::discovery::translation_source(path) {
        return Some(format!(
            "a translation's code comes from its source ({}): update that, then the translation",
            source.display()
        ));
    }
    if plan.text.contains("data-ttu-id=") {
        return Some(
            "a translation's code comes from its source: update that, then the translation"
                .to_string(),
        );
    }
    // The edits are lines of the guide as it was planned: on another text they would land wrong.
    match doccheck_guide::markdown::read_guide(path) {
        Ok(now) if now == plan.text => None,
        Ok(_) => Some("the guide was edited while it ran: run --update again".to_string()),
        Err(e) => Some(format!("cannot read it again: {e}")),
    }
}

/// The guide's verdict after the update phase: a guide whose every failure
/// was a stale transcript, now rewritten, passes as it stands.
pub fn verdict(before: Verdict, results: &[StepResult], updates: &Updates) -> Verdict {
    let rewritten = |line: usize| updates.rewrites.iter().any(|r| r.line == line);
    let only_stale = results.iter().all(|r| {
        r.failure.is_none()
            && r.commands
                .iter()
                .all(|c| c.failure.is_none() || rewritten(c.line))
    });
    match before {
        Verdict::Failed if updates.written && only_stale => Verdict::Updated,
        other => other,
    }
}

/// A temporary file beside the guide, renamed over it: the guide is whole before and after.
fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let shown = path.display();
    let fail = |e: std::io::Error| Error::environment(format!("cannot update {shown}: {e}"));
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(path) {
        file.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
