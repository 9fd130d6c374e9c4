//! One step: write a file, check a fragment, or run a block's commands in the
//! session, each offered first to the integrations, then judged against the
//! guide (exit code, expected output).

use std::time::{Duration, Instant};

use doccheck_guide::compile;
use doccheck_guide::model::expect::{Matcher, Values};
use doccheck_guide::plan::{Action, SkipKind, Step};
use doccheck_guide::transcript::{Command, Status as Expected};

use crate::events::{CommandRun, Status, StepResult};
use crate::failure::Failure;
use crate::integration::{Context, Integration, Ran};
use crate::result_block;
use crate::services::Services;
use crate::session::shell::{Ending, Invocation, Outcome, Shell, Stdin, Stream};
use crate::session::workspace::Workspace;

pub(crate) struct StepRunner<'a> {
    /// The guide's path as given (scrut's `SCRUT_TEST`).
    pub guide: &'a str,
    pub workspace: &'a Workspace,
    pub shell: &'a mut Shell,
    pub integrations: &'a mut [Box<dyn Integration>],
    pub services: &'a mut Services,
    pub deadline: Instant,
    /// The guide's absolute paths and where they are in the workspace.
    pub paths: &'a crate::paths::Paths,
    /// The session's TMPDIR.
    pub tmpdir: &'a std::path::Path,
    /// Whether to work out what failing transcripts should say.
    pub update: bool,
    pub context: Context<'a>,
}

impl StepRunner<'_> {
    pub fn run(&mut self, step: &Step) -> StepResult {
        let mut result = StepResult::new(step.number, Status::Passed);
        match &step.action {
            Action::Skip {
                reason,
                kind: SkipKind::Broken,
            } => result.fail(Failure::BrokenBlock {
                reason: reason.clone(),
            }),
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
            Action::CheckFragment {
                of,
                content,
                variants,
            } => match std::fs::read_to_string(self.workspace.work.join(of)) {
                Ok(file) => match missing_fragment_lines(content, &file) {
                    missing if missing.is_empty() => {
                        result
                            .notes
                            .push(format!("every line is in {of} (as is or commented out)"));
                        for (path, text) in variants {
                            match self.workspace.write(path, text) {
                                    Ok(()) => result.notes.push(format!(
                                        "wrote {path}: {of} with the fragment applied (the scenario's variant)"
                                    )),
                                    Err(reason) => {
                                        result.fail(Failure::FileNotWritten {
                                            path: path.clone(),
                                            reason,
                                        });
                                        break;
                                    }
                                }
                        }
                    }
                    lines => result.fail(Failure::FragmentLinesMissing {
                        of: of.clone(),
                        lines,
                    }),
                },
                Err(e) => result.fail(Failure::FragmentFileUnreadable {
                    of: of.clone(),
                    reason: e.to_string(),
                }),
            },
            Action::Run {
                commands,
                exit,
                service,
            } => {
                // A block `languages:` makes a file: written, then its command runs.
                for (path, content) in &step.writes {
                    if let Err(reason) = self.workspace.write(path, content) {
                        result.fail(Failure::FileNotWritten {
                            path: path.clone(),
                            reason,
                        });
                        return result;
                    }
                    result.notes.push(format!("wrote {path}"));
                }
                let waited = around::wait(&step.behaviour, self.tmpdir, self.context.interrupt);
                result.notes.extend(waited);
                // What the block printed since the last command that had
                // expectations of its own: an output block's expected output.
                let mut since = String::new();
                for (i, command) in commands.iter().enumerate() {
                    let last = i + 1 == commands.len();
                    let run = self.command(
                        step,
                        command,
                        Around {
                            exit: *exit,
                            service: service.as_ref(),
                            last,
                            before: &since,
                        },
                        &mut result.notes,
                    );
                    match command.expected {
                        None => since.push_str(&run.output),
                        Some(_) => since.clear(),
                    }
                    if let (Some(skip), Some(code)) = (step.behaviour.skip_code, run.exit) {
                        if code == skip {
                            result.status = Status::Skipped(format!(
                                "the command at line {} exited with {code}, {} for skipping the rest of the document",
                                run.line,
                                match step.behaviour.convention {
                                    Some(who) => format!("{who}'s code"),
                                    None => "the code".to_string(),
                                }
                            ));
                            result.skips_rest = true;
                            result.commands.push(CommandRun {
                                failure: None,
                                update: None,
                                ..run
                            });
                            break;
                        }
                    }
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
                if let (Status::Passed, Some(expected)) = (&result.status, &step.result) {
                    let stdout: String =
                        result.commands.iter().map(|c| c.output.as_str()).collect();
                    if let Some(failure) = result_block::judge(expected, &stdout) {
                        let left_out = result
                            .commands
                            .iter()
                            .filter_map(|c| left_out_note(step, c));
                        let left_out: Vec<String> = left_out.collect();
                        result.notes.extend(left_out);
                        result.fail(failure);
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
        with: Around,
        notes: &mut Vec<String>,
    ) -> CommandRun {
        let Around {
            exit,
            service,
            last,
            before,
        } = with;
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
                left_out: None,
            };
        }
        let remaining = self.deadline.saturating_duration_since(Instant::now());
        let timeout = step.timeout.min(remaining);
        let began = Instant::now();
        // Placeholders filled in and the guide's absolute paths put in the
        // workspace (`paths:`), first: integrations see the command as it runs.
        let bound = self
            .paths
            .in_workspace(command.bound.as_deref().unwrap_or(&command.text));
        let bound = bound.or_else(|| command.bound.clone());
        let base = bound.as_deref().unwrap_or(&command.text);
        let claimed = self
            .integrations
            .iter_mut()
            .enumerate()
            .find_map(|(i, it)| it.before(base, service).map(|r| (i, r)));
        let as_run = claimed
            .as_ref()
            .and_then(|(_, r)| r.run.clone())
            .or_else(|| bound.clone());
        if let Some((_, rewrite)) = &claimed {
            notes.extend(rewrite.notes.iter().cloned());
        }
        let text = as_run.as_deref().unwrap_or(&command.text);
        let behaviour = &step.behaviour;
        // A service no integration claimed is the block's last command, run in
        // the background of the session; the commands before it prepare it.
        // A detached command runs the same way, unchecked.
        let detached = behaviour.detached && claimed.is_none();
        let background = (service.is_some() && claimed.is_none() && last) || detached;
        // The behaviour's `environment` stays in the session.
        if let Some(exports) = around::exports(behaviour).filter(|_| !background) {
            let (ending, output) = self.shell.run(&exports, timeout, self.context.interrupt);
            if ending != Ending::Exited(0) {
                notes.push(format!(
                    "{} could not be set: {output}",
                    behaviour.named("environment")
                ));
            }
        }
        let env = around::variables(behaviour, self.guide, command.line);
        // What the command reads on stdin, and whether it has a terminal.
        let how = Invocation {
            stream: behaviour.stream,
            env: &env,
            script: command.script,
            stdin: match step.stdin.as_deref() {
                Some(text) => Stdin::Fed(text),
                None => Stdin::Watched,
            },
            tty: step.tty,
        };
        let done = if background {
            let (ending, output) = self
                .services
                .start(self.shell, text, self.context.interrupt);
            Outcome {
                ending,
                output,
                other: None,
                read_stdin: false,
                notes: Vec::new(),
            }
        } else {
            // A command that calls `exit` and must not end the session.
            let executed = command.subshell.then(|| format!("(\n{text}\n)"));
            if executed.is_some() {
                notes.push(format!(
                    "line {}: runs in a subshell, as the command calls `exit` ({} runs each test case in a bash of its own)",
                    command.line,
                    behaviour.convention.unwrap_or("doccheck")
                ));
            }
            let text = executed.as_deref().unwrap_or(text);
            self.shell
                .run_as(text, how, timeout, self.context.interrupt)
        };
        notes.extend(done.notes);
        // `$NAME` in the expectations is its value in the session, once the command ran.
        let lines = self.expected_lines(command, timeout);
        let Outcome {
            ending,
            output,
            other,
            read_stdin,
            ..
        } = done;
        if detached {
            notes.push(format!(
                "line {}: detached ({}): runs in the background until the run ends; its output and exit code are not checked",
                command.line,
                behaviour.named("detached: true")
            ));
        }
        // The workspace's paths as the guide writes them (`paths:`).
        let output = self.paths.as_written(output);
        // An output block's lines are what the whole block printed.
        let output = match command.output_block {
            Some(_) if !before.is_empty() => format!("{before}{output}"),
            _ => output,
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
            left_out: other.filter(|o| !o.trim().is_empty()),
        };
        let mut failure = match ending {
            Ending::Exited(code) if detached => {
                run.exit = None;
                (code != 0).then_some(Failure::ShellExited { code: Some(code) })
            }
            Ending::Exited(code) => {
                run.exit = Some(code);
                let (root, cwd) = (
                    self.workspace.work.display().to_string(),
                    self.shell.cwd().display().to_string(),
                );
                let expectations = Expectations {
                    behaviour,
                    values: Values {
                        root: &root,
                        cwd: &cwd,
                    },
                    lines: lines.as_deref(),
                };
                let failure = judge(command, code, expected, &run.output, &expectations);
                if self.update && failure.is_some() {
                    run.update = update(command, code, expected, &run.output, &expectations);
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
        if failure.is_some() {
            notes.extend(left_out_note(step, &run));
            if read_stdin {
                notes.push(format!(
                    "line {}: it read from stdin, which is empty (doccheck types nothing into a command, and gave it the end of input): give the input in the command (a pipe, `<`, a heredoc), or feed it with `stdin:` in a scenario binding{}",
                    command.line,
                    if step.tty.is_some() { "" } else { " (`tty: true` too, for a program that wants a terminal)" }
                ));
            }
        }
        run.failure = failure;
        run.duration = began.elapsed();
        run
    }
}

impl StepRunner<'_> {
    /// The command's expected lines as compared: with the session's values
    /// of the names the plan found in them, when it found any.
    fn expected_lines(&mut self, command: &Command, timeout: Duration) -> Option<Vec<Matcher>> {
        let expected = command.expected.as_ref()?;
        let values = match command.interpolate.is_empty() {
            true => Vec::new(),
            false => {
                let query = around::values_query(&command.interpolate);
                let (_, printed) = self.shell.run(&query, timeout, self.context.interrupt);
                around::values(&printed)
            }
        };
        Some(
            expected
                .iter()
                .map(|l| compile::interpolated(&l.matcher, &values))
                .collect(),
        )
    }
}

/// What one command of a block runs with, besides the command.
struct Around<'a> {
    /// The block's `exit=`.
    exit: Option<i32>,
    service: Option<&'a doccheck_guide::service::Service>,
    /// The block's last command.
    last: bool,
    /// What the block printed before it, since a command that had
    /// expectations of its own.
    before: &'a str,
}

/// The stream a failing command's expectations left out, for the report.
fn left_out_note(step: &Step, run: &CommandRun) -> Option<String> {
    let other = run.left_out.as_ref()?;
    let (name, compared) = match step.behaviour.stream {
        Stream::Stderr => ("stdout", "stderr"),
        _ => ("stderr", "stdout"),
    };
    let who = step.behaviour.convention.unwrap_or("doccheck");
    let lines: Vec<&str> = other.lines().collect();
    let shown = lines[lines.len().saturating_sub(20)..].join("\n");
    Some(format!(
        "line {}: its {name}, which the expectations leave out ({who} compares {compared} only):\n{shown}",
        run.line
    ))
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

mod around;
mod judge;

use judge::{judge, update, Expectations};
