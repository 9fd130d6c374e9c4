//! Runs a plan: each step in order, in one workspace and one shell session.

pub mod docker;
pub mod registry;
pub mod shell;
pub mod workspace;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::matching::{self, DiffLine};
use crate::plan::{Action, Plan, Step};
use docker::Docker;
use shell::{Ending, Shell};
use workspace::Workspace;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub keep: bool,
    /// Run only this step (1-based).
    pub only: Option<usize>,
    /// Run from this step on (1-based).
    pub from: Option<usize>,
    pub interrupted: Arc<AtomicBool>,
}

impl Options {
    fn selected(&self, number: usize) -> bool {
        self.only.is_none_or(|n| n == number) && self.from.is_none_or(|n| number >= n)
    }
}

/// Live notifications, for a progress display.
pub trait Observer {
    fn started(&mut self, _step: &Step) {}
    fn finished(&mut self, _step: &Step, _result: &StepResult) {}
    /// Something slow is being prepared before the first step (a stand-in image, say).
    fn preparing(&mut self, _what: &str) {}
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "reason")]
pub enum Status {
    Passed,
    Failed,
    Skipped(String),
    NotRun(String),
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CommandRun {
    /// As the guide documents it.
    pub documented: String,
    /// As doccheck ran it, when that differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<String>,
    pub line: usize,
    pub exit: Option<i32>,
    pub expected_exit: i32,
    pub output: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<Vec<DiffLine>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
    pub duration_ms: u128,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct StepResult {
    pub number: usize,
    #[serde(flatten)]
    pub status: Status,
    #[serde(skip)]
    pub duration: Duration,
    pub commands: Vec<CommandRun>,
    /// Why the step failed, in one sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// What doccheck did that the guide does not say (rewrites, files written).
    pub notes: Vec<String>,
}

impl StepResult {
    fn new(number: usize, status: Status) -> Self {
        StepResult {
            number,
            status,
            duration: Duration::ZERO,
            commands: Vec::new(),
            message: None,
            notes: Vec::new(),
        }
    }

    fn fail(&mut self, message: impl Into<String>) {
        self.status = Status::Failed;
        self.message = Some(message.into());
    }
}

#[derive(Debug)]
pub struct RunReport {
    pub results: Vec<StepResult>,
    pub duration: Duration,
    pub kept_workspace: Option<PathBuf>,
    pub interrupted: bool,
    /// Things the run wants the reader to know (stand-in images, remapped ports).
    pub notes: Vec<String>,
}

impl RunReport {
    pub fn passed(&self) -> bool {
        !self.interrupted
            && self
                .results
                .iter()
                .all(|r| !matches!(r.status, Status::Failed))
    }
}

pub fn run(
    plan: &Plan,
    options: &Options,
    observer: &mut dyn Observer,
) -> Result<RunReport, Error> {
    let started = Instant::now();
    let fixture = plan.scenario.as_ref().and_then(|s| s.fixture.as_deref());
    let mut workspace = Workspace::create(fixture)?;
    let mut env: Vec<(String, String)> = plan
        .scenario
        .iter()
        .flat_map(|s| s.env.iter().map(|(k, v)| (k.clone(), v.clone())))
        .collect();
    let mut engine = match uses_docker(plan) {
        true => Some(Docker::start(
            plan.scenario.as_ref(),
            &workspace.control,
            pushes(plan),
            observer,
        )?),
        false => None,
    };
    if let Some(d) = &engine {
        env.extend(d.session_env());
    }
    let mut shell = Shell::start(&workspace.work, &workspace.control, &env)?;
    if let Some(d) = &engine {
        let (ending, output) = shell.run(
            d.session_guard(),
            Duration::from_secs(10),
            &options.interrupted,
        );
        if ending != Ending::Exited(0) {
            return Err(Error::new(format!(
                "cannot prepare the shell session: {output}"
            )));
        }
    }
    let deadline = started + plan.run_timeout;
    let mut results = Vec::with_capacity(plan.steps.len());
    let mut stop: Option<String> = None;

    for step in &plan.steps {
        if let Some(why) = &stop {
            let result = StepResult::new(step.number, Status::NotRun(why.clone()));
            observer.finished(step, &result);
            results.push(result);
            continue;
        }
        // Files written before the selection are written all the same: later steps need them.
        let before_selection = options
            .only
            .or(options.from)
            .is_some_and(|n| step.number < n);
        let needed_file = before_selection && matches!(step.action, Action::Write { .. });
        if !(options.selected(step.number) || needed_file) {
            let result = StepResult::new(step.number, Status::NotRun("not selected".into()));
            observer.finished(step, &result);
            results.push(result);
            continue;
        }
        observer.started(step);
        let step_started = Instant::now();
        let mut result = run_step(
            step,
            &workspace,
            &mut shell,
            engine.as_mut(),
            deadline,
            options,
        );
        result.duration = step_started.elapsed();
        observer.finished(step, &result);
        if result.status == Status::Failed {
            stop = Some(format!("step {} failed", step.number));
            if options.interrupted.load(Ordering::SeqCst) {
                stop = Some("interrupted".into());
            }
        }
        results.push(result);
    }
    drop(shell);
    let mut notes = Vec::new();
    if let Some(mut d) = engine.take() {
        notes.append(&mut d.notes);
        notes.extend(d.cleanup());
    }
    let kept_workspace = if options.keep { workspace.keep() } else { None };
    Ok(RunReport {
        results,
        duration: started.elapsed(),
        kept_workspace,
        interrupted: options.interrupted.load(Ordering::SeqCst),
        notes,
    })
}

/// Whether `pid` is a running doccheck (not a zombie, not a reused pid).
pub(crate) fn doccheck_alive(pid: &str) -> bool {
    let Ok(pid) = pid.trim().parse::<u32>() else {
        return false;
    };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let zombie = status
        .lines()
        .any(|l| l.starts_with("State:") && l.contains("zombie"));
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    !zombie && comm.trim().starts_with("doccheck")
}

/// Makes a child process die when doccheck dies, even by SIGKILL, so a crashed
/// run leaves no shell session or registry behind.
pub(crate) fn die_with_parent(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe; nothing is allocated between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

/// Whether the guide drives Docker: the scenario configures it, or a command starts with `docker`.
fn uses_docker(plan: &Plan) -> bool {
    plan.scenario.as_ref().is_some_and(|s| s.docker.is_some())
        || commands(plan).any(|c| c.starts_with("docker "))
}

fn pushes(plan: &Plan) -> bool {
    commands(plan).any(|c| c.starts_with("docker push "))
}

fn commands(plan: &Plan) -> impl Iterator<Item = &str> {
    plan.steps.iter().flat_map(|s| match &s.action {
        Action::Run { commands, .. } => commands
            .iter()
            .map(|c| c.text.trim_start())
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    })
}

fn run_step(
    step: &Step,
    workspace: &Workspace,
    shell: &mut Shell,
    mut engine: Option<&mut Docker>,
    deadline: Instant,
    options: &Options,
) -> StepResult {
    let mut result = StepResult::new(step.number, Status::Passed);
    match &step.action {
        Action::Skip { reason } => result.status = Status::Skipped(reason.clone()),
        Action::Write {
            path,
            also,
            content,
        } => {
            for p in std::iter::once(path).chain(also) {
                match workspace.write(p, content) {
                    Ok(()) => result.notes.push(format!("wrote {p}")),
                    Err(e) => {
                        result.fail(format!("cannot write {p}: {e}"));
                        break;
                    }
                }
            }
        }
        Action::CheckFragment { of, content } => {
            match std::fs::read_to_string(workspace.work.join(of)) {
                Ok(file) => match missing_fragment_lines(content, &file) {
                    missing if missing.is_empty() => result
                        .notes
                        .push(format!("every line is in {of} (as is or commented out)")),
                    missing => result.fail(format!("not in {of}: {}", missing.join(" | "))),
                },
                Err(e) => result.fail(format!(
                    "cannot read {of}, which this block is a fragment of: {e}"
                )),
            }
        }
        Action::Run {
            commands,
            exit,
            service,
        } => {
            for command in commands {
                let expected_exit = command.exit.or(*exit).unwrap_or(0);
                let remaining = deadline.saturating_duration_since(Instant::now());
                let timeout = step.timeout.min(remaining);
                let began = Instant::now();
                let prepared = engine
                    .as_deref_mut()
                    .map(|d| d.prepare(&command.text, service.as_ref()));
                let as_run = prepared.as_ref().and_then(|p| p.run.clone());
                if let Some(p) = &prepared {
                    result.notes.extend(p.notes.iter().cloned());
                }
                let (ending, output) = shell.run(
                    as_run.as_deref().unwrap_or(&command.text),
                    timeout,
                    &options.interrupted,
                );
                let mut run = CommandRun {
                    documented: command.text.clone(),
                    run: as_run,
                    line: command.line,
                    exit: None,
                    expected_exit,
                    output,
                    diff: None,
                    failure: None,
                    duration_ms: began.elapsed().as_millis(),
                };
                run.failure = match ending {
                    Ending::Exited(code) => {
                        run.exit = Some(code);
                        let mut failure = judge(command.expected.as_deref(), code, expected_exit, &mut run);
                        if let (Some(d), Some(p)) = (engine.as_deref_mut(), &prepared) {
                            // What a command created is recorded for cleanup even when it failed.
                            d.record(&p.after, &run.output);
                            if failure.is_none() {
                                match d.after(&p.after, &run.output, &options.interrupted) {
                                    Ok(notes) => result.notes.extend(notes),
                                    Err(why) => failure = Some(why),
                                }
                            }
                        }
                        failure
                    }
                    Ending::TimedOut if timeout < step.timeout => {
                        Some(format!("the run's overall timeout ran out after {}", humantime::format_duration(round(timeout))))
                    }
                    Ending::TimedOut => Some(format!(
                        "timed out after {}; its process group was killed",
                        humantime::format_duration(round(timeout))
                    )),
                    Ending::Interrupted => Some("interrupted (Ctrl-C)".to_string()),
                    Ending::ShellExited(code) => Some(format!(
                        "the command ended the shell session (exit code {}), so later commands cannot run",
                        code.map_or("unknown".to_string(), |c| c.to_string())
                    )),
                };
                let failure = run.failure.clone();
                result.commands.push(run);
                if let Some(message) = failure {
                    result.fail(message);
                    break;
                }
            }
        }
    }
    result
}

fn round(d: Duration) -> Duration {
    Duration::from_millis(d.as_millis() as u64)
}

/// Exit code and output against what the guide expects; `Some(why)` on a mismatch.
fn judge(
    expected: Option<&[String]>,
    code: i32,
    expected_exit: i32,
    run: &mut CommandRun,
) -> Option<String> {
    if let Some(expected) = expected {
        let actual = matching::normalize(&run.output);
        if !matching::matches(expected, &actual) {
            run.diff = Some(matching::diff(expected, &actual));
            return Some(if code == expected_exit {
                "the output differs from the guide's".to_string()
            } else {
                format!("exit code {code} (expected {expected_exit}) and the output differs from the guide's")
            });
        }
    }
    (code != expected_exit).then(|| format!("exit code {code} (expected {expected_exit})"))
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
