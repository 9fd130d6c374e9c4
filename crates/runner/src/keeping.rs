//! What a run keeps of its session between steps, when asked: a checkpoint
//! after each passing step ([`crate::checkpoint`]) and the guide's shell at
//! a step ([`crate::handover`]). Both read the shell's state against the
//! baseline taken before the first step; a resumed run first puts back the
//! state of the checkpoint it goes on from.

use std::time::Duration;

use doccheck_guide::plan::{Action, Plan, Step};

use crate::checkpoint::{Recorder, Restore, Store};
use crate::coverage::SHELL_OPENED;
use crate::events::{Status, StepResult};
use crate::handover::{Handover, When};
use crate::session::shell::{Ending, Shell};
use crate::session::snapshot::{self, Snapshot};
use crate::session::workspace::Workspace;
use crate::signals::Interrupt;

pub(crate) struct Keeping {
    /// The session before the guide's commands (taken only when needed).
    baseline: Option<Snapshot>,
    recorder: Option<Recorder>,
    shell: Option<When>,
}

/// The session a step ran in, for what is kept after it.
pub(crate) type Session<'a, 'b> = (
    &'a mut Shell,
    &'a Workspace,
    &'a Handover<'b>,
    &'a Interrupt,
);

impl Keeping {
    /// Takes the baseline, puts back a checkpoint's shell state, starts
    /// recording into `store` (when the run keeps checkpoints); `when` the
    /// guide's shell opens.
    pub fn start(
        plan: &Plan,
        (store, resume, when): (Option<Store>, Option<&Restore>, Option<When>),
        (shell, workspace): (&mut Shell, &Workspace),
        run_id: &str,
        interrupt: &Interrupt,
        notes: &mut Vec<String>,
    ) -> Keeping {
        let needed = store.is_some() || when.is_some();
        let baseline = needed.then(|| take(shell, interrupt));
        if let Some(restore) = resume.filter(|r| r.after.is_some()) {
            let file = workspace.control.join("restore.sh");
            let restored = std::fs::write(&file, restore.shell_state(&workspace.root))
                .map_err(|e| e.to_string())
                .and_then(|_| {
                    let source = format!(". '{}'", file.display());
                    match shell.run(&source, Duration::from_secs(10), interrupt) {
                        (Ending::Exited(0), _) => Ok(()),
                        (_, output) => Err(output),
                    }
                });
            if let Err(why) = restored {
                notes.push(format!(
                    "the shell's state at the checkpoint could not be put back in full: {why}"
                ));
            }
        }
        let recorder = store.and_then(|store| {
            Recorder::new(plan, store, &workspace.root, run_id, resume)
                .map_err(|e| notes.push(format!("no checkpoints are kept: {e}")))
                .ok()
        });
        Keeping {
            baseline,
            recorder,
            shell: when,
        }
    }

    /// After a step: its checkpoint, or the guide's shell (which ends the
    /// run: the reason the rest does not run).
    pub fn after_step(
        &mut self,
        plan: &Plan,
        step: &Step,
        result: &StepResult,
        running: bool,
        (shell, workspace, session, interrupt): Session,
        notes: &mut Vec<String>,
    ) -> Option<String> {
        let baseline = self.baseline.as_ref()?;
        if let Some(recorder) = self.recorder.as_mut() {
            match &result.status {
                Status::Passed if recorder.recording && shell.alive() => {
                    let state = take(shell, interrupt).since(baseline, shell.cwd());
                    let service = running
                        || matches!(
                            &step.action,
                            Action::Run {
                                service: Some(_),
                                ..
                            }
                        );
                    if let Err(why) =
                        recorder.after_step(step.number, &workspace.root, &state, service)
                    {
                        notes.push(format!("step {}: {why}", step.number));
                    }
                }
                Status::Passed | Status::Skipped(_) => {}
                _ => recorder.recording = false,
            }
        }
        let open = match self.shell {
            Some(When::After(n)) => n == step.number,
            Some(When::OnFailure) => result.status == Status::Failed,
            None => false,
        };
        if !open {
            return None;
        }
        let state = match shell.alive() {
            true => take(shell, interrupt).since(baseline, shell.cwd()),
            false => String::new(),
        };
        let title = format!("{} after step {}", plan.guide, step.number);
        if let Err(why) = session.open(&state, &title, interrupt) {
            notes.push(format!("the guide's shell could not be opened: {why}"));
        }
        Some(format!("{SHELL_OPENED} {}", step.number))
    }

    /// Whether checkpoints are kept (and so what a step leaves running matters).
    pub fn records(&self) -> bool {
        self.recorder.as_ref().is_some_and(|r| r.recording)
    }

    /// Whether the integrations park what they made (a checkpoint was taken).
    pub fn parks(&self) -> bool {
        self.recorder.as_ref().is_some_and(Recorder::any)
    }

    pub fn parked(&mut self, integration: &str, parked: String) {
        if let Some(recorder) = self.recorder.as_mut() {
            recorder.parked(integration, parked);
        }
    }

    /// Puts the checkpoints in place.
    pub fn finish(self, results: &[StepResult], notes: &mut Vec<String>) {
        let Some(recorder) = self.recorder else {
            return;
        };
        let failed = results
            .iter()
            .find(|r| r.status == Status::Failed)
            .map(|r| r.number);
        match recorder.finish(failed) {
            Ok(dir) => notes.push(format!(
                "checkpoints kept in {}: --resume goes on from them (doccheck --prune removes them)",
                dir.display()
            )),
            Err(why) => notes.push(why),
        }
    }
}

/// The session's state as bash prints it.
fn take(shell: &mut Shell, interrupt: &Interrupt) -> Snapshot {
    let (_, printed) = shell.run(
        &snapshot::print_command(),
        Duration::from_secs(10),
        interrupt,
    );
    Snapshot::parse(&printed)
}
