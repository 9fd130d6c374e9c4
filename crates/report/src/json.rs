//! `--format json`: one JSON document per guide, each on one line (JSON
//! Lines), in the shapes below: a versioned schema of its own, documented in
//! docs/json.md. Stdout holds nothing else.

use std::collections::BTreeMap;

use doccheck_guide::plan::{Action, Plan, Step};
use doccheck_guide::Error;
use std::collections::HashMap;

use doccheck_runner::events::{Counts, RunSummary, Status, StepResult, Updates};
use doccheck_runner::{Event as RunEvent, Failure};
use serde::Serialize;

use crate::case::step_of;
use crate::{Event, GuideId, Plans, Reporter, Translation};

/// Bumped when a field changes meaning or goes away (adding fields does not).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct PlanStep<'a> {
    number: usize,
    file: &'a str,
    line: usize,
    column: usize,
    lang: &'a str,
    kind: &'a str,
    summary: String,
    timeout_ms: u64,
    bound_by: Option<&'a str>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct ListDocument<'a> {
    schema_version: u32,
    kind: &'static str,
    guide: &'a str,
    scenario: Option<String>,
    steps: Vec<PlanStepWithCommands<'a>>,
}

#[derive(Serialize)]
struct PlanStepWithCommands<'a> {
    #[serde(flatten)]
    step: PlanStep<'a>,
    commands: Vec<&'a str>,
}

#[derive(Serialize)]
struct FailureDocument {
    kind: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<String>,
}

impl From<&Failure> for FailureDocument {
    fn from(f: &Failure) -> Self {
        FailureDocument {
            kind: f.kind(),
            message: f.to_string(),
            log: f.log().map(str::to_string),
        }
    }
}

#[derive(Serialize)]
struct DiffLineDocument<'a> {
    tag: char,
    text: &'a str,
}

#[derive(Serialize)]
struct CommandDocument<'a> {
    documented: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    run: Option<&'a str>,
    line: usize,
    exit: Option<i32>,
    /// The code expected, when one is (`? 2`, or the default 0).
    expected_exit: Option<i32>,
    /// `code`, `success`, `failed`, `interrupted` or `skipped`.
    expected_status: &'static str,
    /// Whole, unescaped: the one report that keeps every byte.
    output: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<Vec<DiffLineDocument<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<FailureDocument>,
    duration_ms: u64,
}

#[derive(Serialize)]
struct StepDocument<'a> {
    #[serde(flatten)]
    step: PlanStep<'a>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<FailureDocument>,
    commands: Vec<CommandDocument<'a>>,
    /// What doccheck did that the guide does not say.
    run_notes: &'a [String],
    duration_ms: u64,
    /// Earlier attempts that failed for the machine's sake (`--retries`):
    /// a passing step with attempts is flaky.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attempts: Vec<AttemptDocument>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    flaky: bool,
}

#[derive(Serialize)]
struct AttemptDocument {
    failure: FailureDocument,
    duration_ms: u64,
}

#[derive(Serialize)]
struct CountsDocument {
    passed: usize,
    failed: usize,
    skipped: usize,
    not_run: usize,
}

impl From<Counts> for CountsDocument {
    fn from(c: Counts) -> Self {
        CountsDocument {
            passed: c.passed,
            failed: c.failed,
            skipped: c.skipped,
            not_run: c.not_run,
        }
    }
}

#[derive(Serialize)]
struct RunDocument<'a> {
    schema_version: u32,
    kind: &'static str,
    guide: &'a str,
    scenario: Option<String>,
    verdict: &'static str,
    passed: bool,
    interrupted: Option<&'static str>,
    duration_ms: u64,
    summary: CountsDocument,
    steps: Vec<StepDocument<'a>>,
    notes: &'a [String],
    /// What is wrong with the guide but did not stop it.
    warnings: &'a [String],
    /// How much of the guide ran, and why the rest did not.
    coverage: CoverageDocument,
    workspace: Option<String>,
    /// With `--update`: what was rewritten (or, with `--dry-run`, would be).
    #[serde(skip_serializing_if = "Option::is_none")]
    updates: Option<Vec<RewriteDocument<'a>>>,
    /// For a `cached` verdict: the earlier passing run it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache: Option<CacheDocument<'a>>,
}

#[derive(Serialize)]
struct CacheDocument<'a> {
    key: &'a str,
    /// When the passing run ended, in seconds since the epoch.
    recorded: u64,
    duration_ms: u64,
}

#[derive(Serialize)]
struct CoverageDocument {
    blocks: usize,
    ran: usize,
    checked: usize,
    expected_output: usize,
    skipped: BTreeMap<String, usize>,
    not_run: usize,
    percent: u32,
    min_run: Option<u32>,
}

impl From<&doccheck_runner::coverage::Coverage> for CoverageDocument {
    fn from(c: &doccheck_runner::coverage::Coverage) -> Self {
        CoverageDocument {
            blocks: c.blocks,
            ran: c.ran,
            checked: c.checked,
            expected_output: c.expected_output,
            skipped: c.skipped.iter().map(|(why, n)| (why.key(), *n)).collect(),
            not_run: c.not_run,
            percent: c.percent,
            min_run: c.min_run,
        }
    }
}

#[derive(Serialize)]
struct RewriteDocument<'a> {
    file: &'a str,
    line: usize,
    command: &'a str,
    what: &'a str,
}

#[derive(Serialize)]
struct TranslationDocument<'a> {
    schema_version: u32,
    kind: &'static str,
    guide: &'a str,
    source: Option<String>,
    passed: bool,
    summary: BTreeMap<&'static str, usize>,
    findings: &'a [doccheck_l10n::Finding],
}

#[derive(Serialize)]
struct ErrorDocument<'a> {
    schema_version: u32,
    kind: &'static str,
    guide: &'a str,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct EmptyDocument<'a> {
    schema_version: u32,
    kind: &'static str,
    guide: &'a str,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: doccheck_guide::ErrorKind,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    /// The other errors found with this one (every malformed annotation of
    /// a guide), each in this shape with an empty `related`.
    related: Vec<ErrorBody<'a>>,
}

impl<'a> From<&'a Error> for ErrorBody<'a> {
    fn from(error: &'a Error) -> Self {
        ErrorBody {
            kind: error.kind,
            message: &error.message,
            file: error.location.as_ref().map(|l| l.file.as_str()),
            line: error.location.as_ref().map(|l| l.line),
            column: error.location.as_ref().map(|l| l.column),
            related: error.related.iter().map(ErrorBody::from).collect(),
        }
    }
}

fn plan_step<'a>(plan: &'a Plan, s: &'a Step) -> PlanStep<'a> {
    PlanStep {
        number: s.number,
        file: &plan.guide,
        line: s.line,
        column: s.column,
        lang: &s.lang,
        kind: s.kind(),
        summary: s.summary(),
        timeout_ms: s.timeout.as_millis() as u64,
        bound_by: s.bound_by.as_deref(),
        notes: &s.notes,
    }
}

fn commands(s: &Step) -> Vec<&str> {
    match &s.action {
        Action::Run { commands, .. } => commands.iter().map(|c| c.text.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn status(status: &Status) -> (&'static str, Option<String>) {
    match status {
        Status::Passed => ("passed", None),
        Status::Failed => ("failed", None),
        Status::Skipped(why) => ("skipped", Some(why.clone())),
        Status::NotRun(why) => ("not-run", Some(why.clone())),
    }
}

fn step_document<'a>(plan: &'a Plan, step: &'a Step, result: &'a StepResult) -> StepDocument<'a> {
    let (status, reason) = status(&result.status);
    StepDocument {
        step: plan_step(plan, step),
        status,
        reason,
        failure: result.why().map(FailureDocument::from),
        commands: result
            .commands
            .iter()
            .map(|c| CommandDocument {
                documented: &c.documented,
                run: c.run.as_deref(),
                line: c.line,
                exit: c.exit,
                expected_exit: c.expected.code(),
                expected_status: match c.expected {
                    doccheck_guide::transcript::Status::Code(_) => "code",
                    doccheck_guide::transcript::Status::Success => "success",
                    doccheck_guide::transcript::Status::Failed => "failed",
                    doccheck_guide::transcript::Status::Interrupted => "interrupted",
                    doccheck_guide::transcript::Status::Skipped => "skipped",
                },
                output: &c.output,
                diff: c.failure.as_ref().and_then(|f| f.diff()).map(|d| {
                    d.iter()
                        .map(|l| DiffLineDocument {
                            tag: l.tag,
                            text: &l.text,
                        })
                        .collect()
                }),
                failure: c.failure.as_ref().map(FailureDocument::from),
                duration_ms: c.duration.as_millis() as u64,
            })
            .collect(),
        run_notes: &result.notes,
        duration_ms: result.duration.as_millis() as u64,
        attempts: result
            .attempts
            .iter()
            .map(|a| AttemptDocument {
                failure: FailureDocument::from(&a.failure),
                duration_ms: a.duration.as_millis() as u64,
            })
            .collect(),
        flaky: result.flaky(),
    }
}

pub(crate) fn line<T: Serialize>(document: &T) -> String {
    let mut text = serde_json::to_string(document).unwrap_or_else(|e| {
        format!("{{\"schema_version\":{SCHEMA_VERSION},\"kind\":\"error\",\"error\":{{\"message\":\"cannot render JSON: {e}\"}}}}")
    });
    text.push('\n');
    text
}

/// Collects each guide's results and prints its document when its run ends.
#[derive(Default)]
pub struct Json {
    plans: Plans,
    running: HashMap<GuideId, (Vec<StepResult>, Option<Updates>)>,
}

impl Json {
    fn run(&mut self, guide: GuideId, event: &RunEvent) {
        let Some(plan) = self.plans.observe(guide, event) else {
            return;
        };
        let running = self.running.entry(guide).or_default();
        match event {
            RunEvent::StepFinished(result) => running.0.push(result.clone()),
            RunEvent::Updated(updates) => running.1 = Some(updates.clone()),
            RunEvent::Finished(summary) => {
                let (results, updates) = self.running.remove(&guide).unwrap_or_default();
                self.plans.end(guide);
                crate::out(&line(&run_doc(&plan, &results, updates.as_ref(), summary)));
            }
            _ => {}
        }
    }
}

fn run_document<'a>(
    plan: &'a Plan,
    results: &'a [StepResult],
    updates: Option<&'a Updates>,
    summary: &'a RunSummary,
) -> RunDocument<'a> {
    RunDocument {
        schema_version: SCHEMA_VERSION,
        kind: "run",
        guide: &plan.guide,
        scenario: plan.scenario.as_ref().map(|s| s.display().to_string()),
        verdict: summary.verdict.name(),
        passed: summary.verdict.passed(),
        interrupted: summary.interrupted.map(doccheck_runner::signals::name),
        duration_ms: summary.duration.as_millis() as u64,
        summary: Counts::of(results).into(),
        steps: results
            .iter()
            .filter_map(|r| step_of(plan, r).map(|s| step_document(plan, s, r)))
            .collect(),
        notes: &summary.notes,
        warnings: &summary.warnings,
        coverage: CoverageDocument::from(&summary.coverage),
        workspace: summary
            .kept_workspace
            .as_ref()
            .map(|p| p.display().to_string()),
        cache: None,
        updates: updates.map(|u| {
            u.rewrites
                .iter()
                .map(|r| RewriteDocument {
                    file: &r.file,
                    line: r.line,
                    command: &r.command,
                    what: &r.what,
                })
                .collect()
        }),
    }
}

/// A guide the cache vouches for: a run document with no step run.
fn cached_document<'a>(plan: &'a Plan, entry: &'a doccheck_cache::Entry) -> RunDocument<'a> {
    let count = |status: &str| entry.steps.iter().filter(|s| s.status == status).count();
    RunDocument {
        schema_version: SCHEMA_VERSION,
        kind: "run",
        guide: &plan.guide,
        scenario: plan.scenario.as_ref().map(|s| s.display().to_string()),
        verdict: "cached",
        passed: true,
        interrupted: None,
        duration_ms: 0,
        summary: CountsDocument {
            passed: count("passed"),
            failed: 0,
            skipped: count("skipped"),
            not_run: count("not-run"),
        },
        steps: Vec::new(),
        notes: &[],
        warnings: &[],
        // This run ran nothing: the cached run's steps are in `summary`.
        coverage: CoverageDocument::from(&doccheck_runner::coverage::Coverage {
            blocks: entry.steps.len(),
            ..Default::default()
        }),
        workspace: None,
        updates: None,
        cache: Some(CacheDocument {
            key: &entry.key,
            recorded: entry.recorded,
            duration_ms: entry.duration_ms,
        }),
    }
}

impl Reporter for Json {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => self.run(*guide, event),
            Event::Listed { plan, .. } => crate::out(&line(&list_doc(plan))),
            Event::Translation { checked, .. } => crate::out(&line(&translation_doc(checked))),
            Event::Empty { name, .. } => crate::out(&line(&empty_doc(name))),
            Event::Cached { plan, entry, .. } => crate::out(&line(&cached_doc(plan, entry))),
            Event::Error { guide, name, error } => {
                self.running.remove(guide);
                self.plans.end(*guide);
                crate::out(&line(&error_doc(name, error)))
            }
            Event::Interrupted(_) | Event::Done(_) => {}
        }
    }
}

/// The documents, which `--format json-events` embeds too.
pub(crate) fn run_doc<'a>(
    plan: &'a Plan,
    results: &'a [StepResult],
    updates: Option<&'a Updates>,
    summary: &'a RunSummary,
) -> impl Serialize + 'a {
    run_document(plan, results, updates, summary)
}

pub(crate) fn cached_doc<'a>(
    plan: &'a Plan,
    entry: &'a doccheck_cache::Entry,
) -> impl Serialize + 'a {
    cached_document(plan, entry)
}

/// One step's document: where it is and what it runs, and how it ran when
/// `result` is given.
pub(crate) fn step_doc<'a>(
    plan: &'a Plan,
    step: &'a Step,
    result: Option<&'a StepResult>,
) -> impl Serialize + 'a {
    StepDoc {
        planned: result.is_none().then(|| PlanStepWithCommands {
            step: plan_step(plan, step),
            commands: commands(step),
        }),
        ran: result.map(|r| step_document(plan, step, r)),
    }
}

/// Either a planned step or one that ran.
#[derive(Serialize)]
struct StepDoc<'a> {
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    planned: Option<PlanStepWithCommands<'a>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    ran: Option<StepDocument<'a>>,
}

pub(crate) fn list_doc(plan: &Plan) -> impl Serialize + '_ {
    ListDocument {
        schema_version: SCHEMA_VERSION,
        kind: "list",
        guide: &plan.guide,
        scenario: plan.scenario.as_ref().map(|s| s.display().to_string()),
        steps: plan
            .steps
            .iter()
            .map(|s| PlanStepWithCommands {
                step: plan_step(plan, s),
                commands: commands(s),
            })
            .collect(),
    }
}

pub(crate) fn translation_doc(checked: &Translation) -> impl Serialize + '_ {
    let errors = checked.errors;
    TranslationDocument {
        schema_version: SCHEMA_VERSION,
        kind: "translation",
        guide: &checked.guide,
        source: checked.source.as_ref().map(|s| s.display().to_string()),
        passed: checked.passed(),
        summary: BTreeMap::from([
            ("errors", errors),
            ("warnings", checked.findings.len() - errors),
        ]),
        findings: &checked.findings,
    }
}

pub(crate) fn empty_doc(guide: &str) -> impl Serialize + '_ {
    EmptyDocument {
        schema_version: SCHEMA_VERSION,
        kind: "empty",
        guide,
    }
}

pub(crate) fn error_doc<'a>(guide: &'a str, error: &'a Error) -> impl Serialize + 'a {
    ErrorDocument {
        schema_version: SCHEMA_VERSION,
        kind: "error",
        guide,
        error: ErrorBody::from(error),
    }
}
