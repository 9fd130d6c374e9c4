//! The Docker guide's HTML report, checked in headless Chromium: the real
//! engine and registry, one at a time with the other Docker tests.

use crate::docker::{assert_nothing_left, Before};
use crate::test::{repo, Test};

#[test]
fn the_docker_guide_renders_as_an_html_page() {
    let before = Before::now();
    // Beside the run, not in its private TMPDIR, which must end empty.
    let reports = tempfile::tempdir().unwrap();
    let page = reports.path().join("docker.html");
    let out = Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["docs/docker.md", "--html", page.to_str().unwrap()])
        .stdout(
            "...\ndocs/docker.md: ok. 10 steps: 10 passed, 0 failed, 0 skipped, 0 not run; [..]s\n",
        )
        .stderr("...\n")
        .run();
    assert_nothing_left(&out, &before);
    let dom = crate::html::dom(&page);
    assert_eq!(
        crate::html::steps(&dom),
        (1..=10)
            .map(|n| (n.to_string(), "passed".to_string()))
            .collect::<Vec<_>>()
    );
    assert!(
        dom.contains("data-guide=\"docs/docker.md\" data-verdict=\"passed\""),
        "{dom}"
    );
    // The scenario's two steps (the HTTPS variant) come after the guide's eight blocks.
    let extra = dom
        .find("<div class=\"extra-steps\">")
        .expect("the scenario's steps");
    assert!(dom.find("data-step=\"8\"").unwrap() < extra);
    assert!(dom.find("data-step=\"9\"").unwrap() > extra);
    // What the run did differently is on the page: the push as run, and its verification.
    assert!(dom.contains("ran as"), "{dom}");
    assert!(dom.contains("verified through the registry API"), "{dom}");
    crate::html::assert_self_contained(&page, &dom);
}
