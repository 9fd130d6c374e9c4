//! One step: write a file, check a fragment, or run a block's commands in the
//! session, each offered first to the integrations, then judged against the
//! guide (exit code, expected output).

use std::time::{Duration, Instant};

use doccheck_guide::plan::{Action, Step};
use doccheck_guide::transcript::{Command, Status as Expected};

use crate::events::{CommandRun, Status, StepResult};
use crate::failure::Failure;
use crate::integration::{Context, Integration, Ran};
use crate::matching;
use crate::services::Services;
use crate::session::shell::{Ending, Shell};
use crate::session::workspace::Workspace;

pub(crate) struct StepRunner<'a> {
    pub workspace: &'a Workspace,
    pub shell: &'a mut Shell,
    pub integrations: &'a mut [Box<dyn Integration>],
    pub services: &'a mut Services,
    pub deadline: Instant,
    /// Named substitutions (`[VERSION]` → a regex) of the guide.
    pub substitutions: &'a [(String, String)],
    /// Whether to work out what failing transcripts should say.
    pub update: bool,
    pub context: Context<'a>,
}

impl StepRunner<'_> {
    pub fn run(&mut self, step: &Step) -> StepResult {
        let mut result = StepResult::new(step.number, Status::Passed);
        match &step.action {
            Action::Skip { reason, .. } => result.status = Status::Skipped(reason.clone()),
            Action::Write {
                path,
                also,
                content,
            } => {
                for p in std::iter::once(path).chain(also) {
                    match self.workspace.write(p, content) {
                        Ok(()) => result.notes.push(format!("wrote {p}")),
                        Err(reason) => {
                            result.fail(Failure::FileNotWritten {
                                path: p.clone(),
                                reason,
                            });
                            break;
                        }
                    }
                }
            }
            Action::CheckFragment { of, content } => {
                match std::fs::read_to_string(self.workspace.work.join(of)) {
                    Ok(file) => match missing_fragment_lines(content, &file) {
                        missing if missing.is_empty() => result
                            .notes
                            .push(format!("every line is in {of} (as is or commented out)")),
                        lines => result.fail(Failure::FragmentLinesMissing {
                            of: of.clone(),
                            lines,
                        }),
                    },
                    Err(e) => result.fail(Failure::FragmentFileUnreadable {
                        of: of.clone(),
                        reason: e.to_string(),
                    }),
                }
            }
            Action::Run {
                commands,
                exit,
                service,
            } => {
                for (i, command) in commands.iter().enumerate() {
                    let last = i + 1 == commands.len();
                    let run = self.command(
                        step,
                        command,
                        *exit,
                        service.as_ref(),
                        last,
                        &mut result.notes,
                    );
                    let failed = run.failure.is_some();
                    // With --update, the other commands of the block run too,
                    // so each stale transcript is found, unless the session broke.
                    let go_on = self.update
                        && matches!(
                            run.failure,
                            Some(Failure::Output { .. } | Failure::ExitCode { .. })
                        );
                    result.commands.push(run);
                    if failed {
                        result.status = Status::Failed;
                        if !go_on {
                            break;
                        }
                    }
                }
            }
        }
        result
    }

    fn command(
        &mut self,
        step: &Step,
        command: &Command,
        exit: Option<i32>,
        service: Option<&doccheck_guide::service::Service>,
        last: bool,
        notes: &mut Vec<String>,
    ) -> CommandRun {
        let expected = command
            .exit
            .or(exit.map(Expected::Code))
            .unwrap_or(Expected::Code(0));
        if expected == Expected::Skipped {
            notes.push(format!(
                "not run, as the guide says (`? skipped`): {}",
                command.text.lines().next().unwrap_or("")
            ));
            return CommandRun {
                documented: command.text.clone(),
                run: None,
                line: command.line,
                exit: None,
                expected,
                output: String::new(),
                failure: None,
                duration: Duration::ZERO,
                update: None,
            };
        }
        let remaining = self.deadline.saturating_duration_since(Instant::now());
        let timeout = step.timeout.min(remaining);
        let began = Instant::now();
        // Placeholders filled in first: integrations see the command as it runs.
        let base = command.bound.as_deref().unwrap_or(&command.text);
        let claimed = self
            .integrations
            .iter_mut()
            .enumerate()
            .find_map(|(i, it)| it.before(base, service).map(|r| (i, r)));
        let as_run = claimed
            .as_ref()
            .and_then(|(_, r)| r.run.clone())
            .or_else(|| command.bound.clone());
        if let Some((_, rewrite)) = &claimed {
            notes.extend(rewrite.notes.iter().cloned());
        }
        let text = as_run.as_deref().unwrap_or(&command.text);
        // A service no integration claimed is the block's last command, run in
        // the background of the session; the commands before it prepare it.
        let background = service.is_some() && claimed.is_none() && last;
        let (ending, output) = if background {
            self.services
                .start(self.shell, text, self.context.interrupt)
        } else {
            self.shell.run(text, timeout, self.context.interrupt)
        };
        let mut run = CommandRun {
            documented: command.text.clone(),
            run: as_run,
            line: command.line,
            exit: None,
            expected,
            output,
            failure: None,
            duration: Duration::ZERO,
            update: None,
        };
        let mut failure = match ending {
            Ending::Exited(code) => {
                run.exit = Some(code);
                let substitutions = matching::Substitutions {
                    literal: vec![
                        ("[EXE]".to_string(), String::new()),
                        (
                            "[ROOT]".to_string(),
                            self.workspace.work.display().to_string(),
                        ),
                        ("[CWD]".to_string(), self.shell.cwd().display().to_string()),
                    ],
                    named: self.substitutions.to_vec(),
                };
                let failure = judge(command, code, expected, &run.output, &substitutions);
                if self.update && failure.is_some() {
                    run.update = update(command, code, expected, &run.output, &substitutions);
                }
                failure
            }
            Ending::TimedOut => Some(Failure::Timeout {
                after: timeout,
                overall: timeout < step.timeout,
            }),
            Ending::Interrupted(signal) => Some(Failure::Interrupted { signal }),
            Ending::ShellExited(code) => Some(Failure::ShellExited { code }),
        };
        if let Some((i, _)) = claimed {
            let ran = Ran {
                output: &run.output,
                exit: run.exit,
                passed: failure.is_none(),
                service,
            };
            // The integration's reason (a registry that died) says more than an exit code.
            match self.integrations[i].after(&ran, &mut self.context) {
                Ok(more) => notes.extend(more),
                Err(f) => failure = Some(f),
            }
        } else if let (true, None, Some(service)) = (background, &failure, service) {
            match self
                .services
                .await_ready(service, &self.workspace.work, self.context.interrupt)
            {
                Ok(more) => notes.extend(more),
                Err(f) => failure = Some(f),
            }
        }
        if failure.is_some() {
            let ran = Ran {
                output: &run.output,
                exit: run.exit,
                passed: false,
                service,
            };
            if let Some(cause) = self.integrations.iter_mut().find_map(|i| i.explain(&ran)) {
                failure = Some(cause);
            }
        }
        run.failure = failure;
        run.duration = began.elapsed();
        run
    }
}

/// Exit code and output against what the guide expects.
fn judge(
    command: &Command,
    code: i32,
    expected: Expected,
    output: &str,
    substitutions: &matching::Substitutions,
) -> Option<Failure> {
    if let Some(lines) = command.expected_text() {
        let lines: Vec<matching::Substituted> =
            lines.iter().map(|l| substitutions.apply(l)).collect();
        let actual = matching::normalize(output);
        if !matching::matches(&lines, &actual) {
            return Some(Failure::Output {
                code,
                expected,
                diff: matching::diff(&lines, &actual),
            });
        }
    }
    (!expected.accepts(code)).then_some(Failure::ExitCode { code, expected })
}

/// What a transcript command that failed its expectations should say now.
fn update(
    command: &Command,
    code: i32,
    expected: Expected,
    output: &str,
    substitutions: &matching::Substitutions,
) -> Option<crate::events::Update> {
    let written = command.expected_text()?;
    let patterns: Vec<matching::Substituted> =
        written.iter().map(|l| substitutions.apply(l)).collect();
    let actual = matching::normalize(output);
    let lines = (!matching::matches(&patterns, &actual))
        .then(|| matching::updated(&written, &patterns, &actual));
    let exit = (!expected.accepts(code)).then_some(code);
    (lines.is_some() || exit.is_some()).then_some(crate::events::Update { lines, exit })
}

/// Lines of `fragment` found in `file` neither as they are nor commented out with `#`.
fn missing_fragment_lines(fragment: &str, file: &str) -> Vec<String> {
    let have: Vec<&str> = file.lines().map(str::trim).collect();
    fragment
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| {
            !have
                .iter()
                .any(|h| h == l || h.strip_prefix('#').is_some_and(|rest| rest.trim() == *l))
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_may_be_commented_out_in_the_file() {
        let file = "FROM base\n# ENV URLS=https://+:443\nWORKDIR /app\n";
        assert!(missing_fragment_lines("FROM base\n\nENV URLS=https://+:443\n", file).is_empty());
        assert_eq!(missing_fragment_lines("FROM other\n", file), ["FROM other"]);
    }
}
