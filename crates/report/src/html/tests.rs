//! The reporter fed events as a run sends them: where each step lands on the
//! page, and what the page says of runs, errors and empty guides.

use std::sync::Arc;
use std::time::Duration;

use doccheck_guide::plan::Plan;
use doccheck_guide::transcript::Status as Expected;
use doccheck_guide::{Error, Location};
use doccheck_runner::events::{CommandRun, RunSummary, Status, StepResult, Verdict};
use doccheck_runner::matching::DiffLine;
use doccheck_runner::{Event as RunEvent, Failure};

use super::Html;
use crate::{Event, Outcome, Reporter};

const GUIDE: &str = "# Guide <script>alert('title')</script>\n\n\
                     ```console\n$ echo '<script>x</script>'\n<script>x</script>\n```\n\n\
                     Then:\n\n```console\n$ echo a\nb\n```\n\n```text\nplain\n```\n";

fn plan(text: &str) -> Arc<Plan> {
    let blocks = doccheck_guide::markdown::parse("g.md", text).unwrap();
    let plan = doccheck_guide::plan::build(
        "g.md",
        text,
        &blocks,
        None,
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    Arc::new(plan)
}

fn command(documented: &str, output: &str, failure: Option<Failure>) -> CommandRun {
    CommandRun {
        documented: documented.into(),
        run: None,
        line: 1,
        exit: Some(0),
        expected: Expected::Success,
        output: output.into(),
        failure,
        duration: Duration::from_millis(12),
        update: None,
        left_out: None,
    }
}

fn results() -> Vec<StepResult> {
    let mut passed = StepResult::new(1, Status::Passed);
    passed.commands = vec![command(
        "echo '<script>x</script>'",
        "<script>x</script>\n",
        None,
    )];
    passed.notes = vec!["a note <i>of the run</i>".into()];
    let mut failed = StepResult::new(2, Status::Failed);
    failed.commands = vec![command(
        "echo a",
        "a\n",
        Some(Failure::Output {
            code: 0,
            expected: Expected::Success,
            diff: vec![
                DiffLine {
                    tag: '-',
                    text: "b".into(),
                },
                DiffLine {
                    tag: '+',
                    text: "a".into(),
                },
            ],
        }),
    )];
    passed.attempts = vec![doccheck_runner::events::Attempt {
        failure: Failure::Integration {
            integration: "docker",
            message: "the engine went away".into(),
        },
        duration: Duration::from_millis(5),
    }];
    let skipped = StepResult::new(3, Status::Skipped("a `text` block".into()));
    vec![passed, failed, skipped]
}

fn run_events(
    guide: usize,
    plan: &Arc<Plan>,
    results: Vec<StepResult>,
    verdict: Verdict,
) -> Vec<Event> {
    let mut events = vec![RunEvent::Started(Arc::clone(plan))];
    events.extend(results.into_iter().map(RunEvent::StepFinished));
    events.push(RunEvent::Finished(RunSummary {
        verdict,
        notes: vec!["stand-in <img src=x>".into()],
        ..RunSummary::default()
    }));
    events
        .into_iter()
        .map(|event| Event::Run { guide, event })
        .collect()
}

fn page(events: &[Event]) -> String {
    let mut html = Html::new("unused.html".into());
    let mut outcome = Outcome::default();
    for e in events {
        outcome.observe(e);
        html.report(e);
    }
    html.report(&Event::Done(outcome));
    html.render()
}

/// The `data-step`/`data-status` pairs of the page's figures, in page order.
fn steps(page: &str) -> Vec<(String, String)> {
    page.split("<figure ")
        .skip(1)
        .map(|f| {
            let attr = |name: &str| {
                let at = f.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                f[at..at + f[at..].find('"').unwrap()].to_string()
            };
            (attr("data-step"), attr("data-status"))
        })
        .collect()
}

#[test]
fn each_block_shows_its_steps_outcome_in_place() {
    let plan = plan(GUIDE);
    let html = page(&run_events(0, &plan, results(), Verdict::Failed));
    assert_eq!(
        steps(&html),
        [("1", "passed"), ("2", "failed"), ("3", "skipped")].map(|(a, b)| (a.into(), b.into()))
    );
    assert!(html.contains(
        "<section class=\"guide\" id=\"g0\" data-guide=\"g.md\" data-verdict=\"failed\""
    ));
    // In place: the prose between the blocks stays between them.
    let (first, then) = (
        html.find("id=\"g0-s1\"").unwrap(),
        html.find("<p>Then:</p>").unwrap(),
    );
    assert!(first < then && then < html.find("id=\"g0-s2\"").unwrap());
    assert!(
        html.contains("<span class=\"del\">-b\n</span><span class=\"ins\">+a\n</span>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"why\">the output differs from the guide&#39;s</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"reason\">skipped: a `text` block</p>"),
        "{html}"
    );
    // Passed on a retry: flaky, with the attempt the machine failed.
    assert!(html.contains("data-status=\"passed\" data-flaky"), "{html}");
    assert!(html.contains("flaky: passed on attempt 2 of 2"), "{html}");
    // One place for the notes, each step's linked to its block.
    assert!(
        html.contains("<li>stand-in &lt;img src=x&gt;</li>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<li><a href=\"#g0-s1\">step 1</a>: a note &lt;i&gt;of the run&lt;/i&gt;</li>"
        ),
        "{html}"
    );
    // The only script is the page's own; the guide's and the output's are text.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
    assert!(!html.contains("alert('title')"));
    // A guide alone: no index.
    assert!(!html.contains("class=\"index\""));
}

#[test]
fn steps_of_the_scenario_come_after_the_guide_even_at_a_blocks_line() {
    let mut plan = (*plan(GUIDE)).clone();
    let mut extra = plan.steps[0].clone();
    extra.number = 4;
    extra.from_scenario = Some(Location::new("scenarios/s.yaml", 7, 3));
    plan.steps.push(extra);
    let plan = Arc::new(plan);
    let mut results = results();
    results.push(StepResult::new(4, Status::Passed));
    let html = page(&run_events(0, &plan, results, Verdict::Failed));
    assert_eq!(steps(&html).len(), 4);
    let extra_at = html.find("<div class=\"extra-steps\">").unwrap();
    assert!(html.find("id=\"g0-s4\"").unwrap() > extra_at);
    assert!(html.find("id=\"g0-s3\"").unwrap() < extra_at);
    assert!(html.contains("scenarios/s.yaml:7:3"));
}

#[test]
fn several_guides_get_an_index_with_errors_and_empty_ones() {
    let plan = plan(GUIDE);
    let mut events = run_events(1, &plan, results(), Verdict::Failed);
    events.push(Event::Error {
        guide: 0,
        name: "bad.md".into(),
        error: Error::guide(Location::new("bad.md", 3, 1), "never <closed>"),
    });
    events.push(Event::Empty {
        guide: 2,
        name: "empty.md".into(),
    });
    let html = page(&events);
    let index =
        &html[html.find("<nav class=\"index\"").unwrap()..html.find("</nav>\n<section").unwrap()];
    for (guide, verdict) in [
        ("bad.md", "error"),
        ("g.md", "failed"),
        ("empty.md", "empty"),
    ] {
        assert!(
            index.contains(&format!(
                "data-guide=\"{guide}\" data-verdict=\"{verdict}\""
            )),
            "{index}"
        );
    }
    // In the order the guides were given, whatever order they ended in.
    assert!(index.find("bad.md").unwrap() < index.find("g.md").unwrap());
    assert!(
        index.contains("<a href=\"#g1-s2\">step 2</a>: echo a — the output differs"),
        "{index}"
    );
    assert!(html.contains("<p class=\"where\">bad.md:3:1</p>"));
    assert!(html.contains("never &lt;closed&gt;"));
    assert!(html.contains("id=\"failures-only\""));
    // The failures in page order: the error, then the failed step.
    assert!(html.contains("<a class=\"skip\" href=\"#g0\">"));
    // The failed step is the last failure: no "next failure" after it.
    assert!(!html.contains("class=\"next\""));
}

#[test]
fn an_unfinished_run_is_shown_as_far_as_it_went() {
    let plan = plan(GUIDE);
    let mut events = run_events(0, &plan, results(), Verdict::Failed);
    events.truncate(2);
    let html = page(&events);
    assert!(html.contains("data-verdict=\"unfinished\""), "{html}");
    assert_eq!(steps(&html)[1], ("2".into(), "not-run".into()));
}

#[test]
fn a_block_the_page_cannot_place_is_listed_after_the_guide() {
    // Front matter the page leaves out, with a block in it that doccheck runs.
    let plan = plan("---\ntitle: x\n```sh\ntrue\n```\n---\n\n```sh\necho\n```\n");
    let results = vec![
        StepResult::new(1, Status::Passed),
        StepResult::new(2, Status::Passed),
    ];
    let html = page(&run_events(0, &plan, results, Verdict::Passed));
    assert_eq!(
        steps(&html),
        [("2".into(), "passed".into()), ("1".into(), "passed".into())]
    );
    assert!(html.contains("Steps not shown above"), "{html}");
}

#[test]
fn a_cached_guide_shows_its_earlier_runs_statuses() {
    let plan = plan(GUIDE);
    let step = |number, line, status: &str| doccheck_cache::store::CachedStep {
        number,
        line,
        summary: String::new(),
        status: status.into(),
    };
    let entry = doccheck_cache::Entry::new(
        "g.md",
        "0123456789abcdef",
        1500,
        vec![
            step(1, 3, "passed"),
            step(2, 10, "passed"),
            step(3, 15, "skipped"),
        ],
    );
    let html = page(&[Event::Cached {
        guide: 0,
        plan: Arc::clone(&plan),
        entry,
    }]);
    assert_eq!(
        steps(&html),
        [("1", "passed"), ("2", "passed"), ("3", "skipped")].map(|(a, b)| (a.into(), b.into()))
    );
    assert!(
        html.contains("data-guide=\"g.md\" data-verdict=\"cached\""),
        "{html}"
    );
    assert!(
        html.contains("an earlier run with the same key (0123456789ab) passed"),
        "{html}"
    );
    assert!(!html.contains(" data-failure"), "{html}");
}
