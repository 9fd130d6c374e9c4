//! Wiring of `--update`: the run's findings about each transcript turned
//! into edits of the guide (doccheck_guide::update), written through a
//! temporary file and a rename (never a half-written guide), or shown as a
//! diff with `--dry-run`.

use std::io::Write;
use std::path::Path;

use doccheck_guide::plan::{Action, Plan};
use doccheck_guide::update::{apply, edit_for};
use doccheck_guide::Error;
use doccheck_runner::events::StepResult;

/// Rewrites the guide; returns what changed (`guide:line: …`) or why nothing was.
pub fn rewrite(plan: &Plan, results: &[StepResult], dry_run: bool) -> Result<Vec<String>, Error> {
    let path = Path::new(&plan.guide);
    let text = doccheck_guide::markdown::read_guide(path)?;
    if let Some(source) = doccheck_guide::discovery::translation_source(path) {
        return Ok(vec![format!(
            "{}: not rewritten: a translation's code comes from its source ({}): update that, then the translation",
            plan.guide,
            source.display()
        )]);
    }
    if text.contains("data-ttu-id=") {
        return Ok(vec![format!(
            "{}: not rewritten: a translation's code comes from its source: update that, then the translation",
            plan.guide
        )]);
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut edits = Vec::new();
    let mut changes = Vec::new();
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
            if let Some(edit) = edit_for(&lines, command, update.lines.as_deref(), update.exit) {
                let what = match (&update.lines, update.exit) {
                    (Some(_), Some(code)) => format!("expected output and exit code ({code})"),
                    (Some(_), None) => "expected output".to_string(),
                    (None, Some(code)) => format!("exit code ({code})"),
                    (None, None) => continue,
                };
                changes.push(format!(
                    "updated {}:{}: {what} of `{}`",
                    plan.guide,
                    command.line,
                    command.text.lines().next().unwrap_or("")
                ));
                edits.push(edit);
            }
        }
    }
    if edits.is_empty() {
        return Ok(changes);
    }
    let updated = apply(&text, &edits);
    if dry_run {
        let diff = similar::TextDiff::from_lines(&text, &updated);
        let shown = diff
            .unified_diff()
            .header(&plan.guide, &format!("{} (updated)", plan.guide))
            .to_string();
        doccheck_report::out(&shown);
        return Ok(changes);
    }
    write_atomically(path, &updated)?;
    Ok(changes)
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
