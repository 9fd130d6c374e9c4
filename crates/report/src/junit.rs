//! JUnit XML in the dialect of Jenkins' junit-10.xsd, which GitHub, GitLab and
//! Jenkins render: one `<testsuite>` per guide (named by its path), one
//! `<testcase>` per step with a name that does not change between pass and
//! fail (`step N: summary`), and one per translation finding. No attribute
//! outside the schema is written (quick-junit's `disabled` is one, so the XML
//! is written here with quick-xml). The file is written once, at the end,
//! through a temporary file and a rename.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use doccheck_runner::events::Verdict;
use doccheck_runner::Event as RunEvent;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event as Xml};
use quick_xml::Writer;

use crate::case::{finding_cases, step_case, step_of, Case, CaseOutcome};
use crate::{Event, GuideId, Plans, Reporter, Translation};

pub struct Suite {
    pub name: String,
    pub file: String,
    pub cases: Vec<Case>,
    pub time: Duration,
    /// `<property>`s: `doccheck.cached` for a guide the cache vouched for.
    pub properties: Vec<(String, String)>,
}

pub struct Junit {
    path: PathBuf,
    suites: Vec<Suite>,
    plans: Plans,
    /// Cases of runs in progress, by guide.
    running: HashMap<GuideId, Vec<Case>>,
}

impl Junit {
    pub fn new(path: PathBuf) -> Junit {
        Junit {
            path,
            suites: Vec::new(),
            plans: Plans::default(),
            running: HashMap::new(),
        }
    }

    fn run(&mut self, guide: GuideId, event: &RunEvent) {
        let Some(plan) = self.plans.observe(guide, event) else {
            return;
        };
        match event {
            RunEvent::StepFinished(result) => {
                if let Some(step) = step_of(&plan, result) {
                    let case = step_case(&plan, step, result);
                    self.running.entry(guide).or_default().push(case);
                }
            }
            RunEvent::Finished(summary) => {
                let mut cases = self.running.remove(&guide).unwrap_or_default();
                self.plans.end(guide);
                // Rewritten by --update, the guide passes as it stands: so do its steps.
                if summary.verdict == Verdict::Updated {
                    for case in cases
                        .iter_mut()
                        .filter(|c| c.outcome == CaseOutcome::Failed)
                    {
                        case.outcome = CaseOutcome::Passed;
                        case.message = None;
                    }
                }
                self.suites.push(Suite {
                    name: plan.guide.clone(),
                    file: plan.guide.clone(),
                    cases,
                    time: summary.duration,
                    properties: Vec::new(),
                });
            }
            _ => {}
        }
    }

    fn error(&mut self, guide: &str, error: &doccheck_guide::Error) {
        let (line, column) = error
            .location
            .as_ref()
            .map_or((1, 1), |l| (l.line, l.column));
        self.suites.push(Suite {
            name: guide.to_string(),
            file: guide.to_string(),
            cases: vec![Case {
                name: "load the guide and its scenario".to_string(),
                file: error
                    .location
                    .as_ref()
                    .map_or_else(|| guide.to_string(), |l| l.file.clone()),
                line,
                column,
                failure_line: line,
                failure_column: column,
                outcome: CaseOutcome::Failed,
                duration: Duration::ZERO,
                message: Some(error.to_string()),
                detail: String::new(),
                flaky: Vec::new(),
            }],
            time: Duration::ZERO,
            properties: Vec::new(),
        });
    }

    fn translation(&mut self, checked: &Translation) {
        self.suites.push(Suite {
            name: format!("{} (translation)", checked.guide),
            file: checked.guide.clone(),
            cases: finding_cases(&checked.guide, &checked.findings),
            time: Duration::ZERO,
            properties: Vec::new(),
        });
    }
}

impl Reporter for Junit {
    fn report(&mut self, event: &Event) {
        match event {
            Event::Run { guide, event } => self.run(*guide, event),
            Event::Translation { checked, .. } => self.translation(checked),
            Event::Error { guide, name, error } => {
                self.running.remove(guide);
                self.plans.end(*guide);
                self.error(name, error)
            }
            Event::Cached { plan, entry, .. } => self.suites.push(cached_suite(plan, entry)),
            Event::Listed { .. } | Event::Empty { .. } | Event::Interrupted(_) | Event::Done(_) => {
            }
        }
    }

    fn finish(&mut self) -> Result<(), String> {
        crate::write_file(&self.path, &render(&self.suites))
    }
}

/// A cached guide: its steps as the passing run left them, passed (or
/// skipped), taking no time now, and a property saying why.
fn cached_suite(plan: &doccheck_guide::plan::Plan, entry: &doccheck_cache::Entry) -> Suite {
    let cases = entry
        .steps
        .iter()
        .map(|s| Case {
            name: format!("step {}: {}", s.number, s.summary),
            file: plan.guide.clone(),
            line: s.line,
            column: 1,
            failure_line: s.line,
            failure_column: 1,
            outcome: match s.status.as_str() {
                "passed" => CaseOutcome::Passed,
                "skipped" => CaseOutcome::Skipped,
                _ => CaseOutcome::NotRun,
            },
            duration: Duration::ZERO,
            message: (s.status != "passed").then(|| format!("{} in the cached run", s.status)),
            detail: String::new(),
            flaky: Vec::new(),
        })
        .collect();
    Suite {
        name: plan.guide.clone(),
        file: plan.guide.clone(),
        cases,
        time: Duration::ZERO,
        properties: vec![
            ("doccheck.cached".to_string(), "true".to_string()),
            ("doccheck.cache-key".to_string(), entry.key.clone()),
        ],
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

/// The whole document.
pub fn render(suites: &[Suite]) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 4);
    let count = |s: &Suite, o: CaseOutcome| s.cases.iter().filter(|c| c.outcome == o).count();
    let failures = |s: &Suite| count(s, CaseOutcome::Failed) + count(s, CaseOutcome::Warning);
    let skipped = |s: &Suite| count(s, CaseOutcome::Skipped) + count(s, CaseOutcome::NotRun);
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let total_failures: usize = suites.iter().map(failures).sum();
    let time: Duration = suites.iter().map(|s| s.time).sum();
    let _ = w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut root = BytesStart::new("testsuites");
    root.extend_attributes([
        ("name", "doccheck"),
        ("tests", tests.to_string().as_str()),
        ("failures", total_failures.to_string().as_str()),
        ("errors", "0"),
        ("time", seconds(time).as_str()),
    ]);
    let _ = w.write_event(Xml::Start(root));
    for suite in suites {
        let mut tag = BytesStart::new("testsuite");
        tag.extend_attributes([
            ("name", suite.name.as_str()),
            ("tests", suite.cases.len().to_string().as_str()),
            ("failures", failures(suite).to_string().as_str()),
            ("errors", "0"),
            ("skipped", skipped(suite).to_string().as_str()),
            ("time", seconds(suite.time).as_str()),
            ("file", suite.file.as_str()),
        ]);
        let _ = w.write_event(Xml::Start(tag));
        if !suite.properties.is_empty() {
            let _ = w.write_event(Xml::Start(BytesStart::new("properties")));
            for (name, value) in &suite.properties {
                let mut property = BytesStart::new("property");
                property.extend_attributes([("name", name.as_str()), ("value", value.as_str())]);
                let _ = w.write_event(Xml::Empty(property));
            }
            let _ = w.write_event(Xml::End(BytesEnd::new("properties")));
        }
        for case in &suite.cases {
            write_case(&mut w, case);
        }
        let _ = w.write_event(Xml::End(BytesEnd::new("testsuite")));
    }
    let _ = w.write_event(Xml::End(BytesEnd::new("testsuites")));
    let mut text = String::from_utf8_lossy(&w.into_inner()).into_owned();
    text.push('\n');
    text
}

fn write_case(w: &mut Writer<Vec<u8>>, case: &Case) {
    let mut tag = BytesStart::new("testcase");
    tag.extend_attributes([
        ("name", case.name.as_str()),
        ("classname", format!("{}:{}", case.file, case.line).as_str()),
        ("time", seconds(case.duration).as_str()),
    ]);
    let (element, kind) = match case.outcome {
        CaseOutcome::Passed if case.flaky.is_empty() => {
            let _ = w.write_event(Xml::Empty(tag));
            return;
        }
        // Passed on a retry: each earlier attempt as surefire's flakyFailure.
        CaseOutcome::Passed => {
            let _ = w.write_event(Xml::Start(tag));
            for why in &case.flaky {
                let mut flaky = BytesStart::new("flakyFailure");
                flaky.extend_attributes([("type", "infrastructure"), ("message", why.as_str())]);
                let _ = w.write_event(Xml::Empty(flaky));
            }
            let _ = w.write_event(Xml::End(BytesEnd::new("testcase")));
            return;
        }
        CaseOutcome::Failed => ("failure", Some("error")),
        CaseOutcome::Warning => ("failure", Some("warning")),
        CaseOutcome::Skipped | CaseOutcome::NotRun => ("skipped", None),
    };
    let _ = w.write_event(Xml::Start(tag));
    let mut inner = BytesStart::new(element);
    if let Some(kind) = kind {
        inner.push_attribute(("type", kind));
    }
    if let Some(message) = &case.message {
        inner.push_attribute(("message", message.as_str()));
    }
    if element == "failure" {
        let _ = w.write_event(Xml::Start(inner));
        let body = format!(
            "{}:{}:{}\n{}",
            case.file, case.failure_line, case.failure_column, case.detail
        );
        let _ = w.write_event(Xml::Text(BytesText::new(&body)));
        let _ = w.write_event(Xml::End(BytesEnd::new(element)));
    } else {
        let _ = w.write_event(Xml::Empty(inner));
    }
    let _ = w.write_event(Xml::End(BytesEnd::new("testcase")));
}
