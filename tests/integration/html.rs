//! `--html FILE`: the page the real binary writes, loaded in headless
//! Chromium (Debian's `chromium`, installed by .ci/setup), and checked in the
//! DOM the browser built from it after its script ran.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::test::{repo, Test};

/// The DOM of `page` after its script ran, with `script` (if any) appended
/// to the page first and run after it: how a test clicks or presses a key.
pub(crate) fn dom_with(page: &Path, script: &str) -> String {
    let page = match script {
        "" => page.to_path_buf(),
        _ => {
            let text = std::fs::read_to_string(page).unwrap();
            // The page's policy lets its own script run, by its nonce: so does the test's.
            let nonce = text
                .split("<script nonce=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .expect("the page's script has a nonce");
            let driven = page.with_extension("driven.html");
            let end = text.rfind("</body>").expect("a body");
            std::fs::write(
                &driven,
                format!(
                    "{}<script nonce=\"{nonce}\">{script}</script>\n{}",
                    &text[..end],
                    &text[end..]
                ),
            )
            .unwrap();
            driven
        }
    };
    let profile = tempfile::tempdir().unwrap();
    let child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=1000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium runs (bash .ci/setup installs it)");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    let out = match receive.recv_timeout(Duration::from_secs(90)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            crate::test::signal(pid, 9);
            panic!("chromium did not load {} within 90 s", page.display());
        }
    };
    assert!(
        out.status.success(),
        "chromium failed on {}",
        page.display()
    );
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(dom.contains("</html>"), "no DOM from chromium: {dom}");
    dom
}

pub(crate) fn dom(page: &Path) -> String {
    dom_with(page, "")
}

/// The value of attribute `name` in the start tag `tag` (up to its `>`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let at = match tag.strip_prefix(&format!("{name}=\"")) {
        Some(_) => name.len() + 2,
        None => tag.find(&format!(" {name}=\""))? + name.len() + 3,
    };
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The start tags of `element`s that carry attribute `with`, in page order.
fn tags<'a>(dom: &'a str, element: &str, with: &str) -> Vec<&'a str> {
    dom.split(&format!("<{element} "))
        .skip(1)
        .filter(|t| attr(t, with).is_some())
        .collect()
}

/// Each block's `data-step` and `data-status`, in page order.
pub(crate) fn steps(dom: &str) -> Vec<(String, String)> {
    tags(dom, "figure", "data-step")
        .iter()
        .map(|t| {
            (
                attr(t, "data-step").unwrap().to_string(),
                attr(t, "data-status").unwrap().to_string(),
            )
        })
        .collect()
}

/// Nothing on the page loads anything: no element that fetches, no style
/// that does, and a policy that refuses whatever else.
pub(crate) fn assert_self_contained(page: &Path, dom: &str) {
    let text = std::fs::read_to_string(page).unwrap();
    for fetches in [
        "<img", "<link", "<iframe", "<object", "<embed", "<video", "<audio", " src=", " srcset=",
    ] {
        assert!(!dom.contains(fetches), "{fetches} in the DOM:\n{dom}");
    }
    for fetches in ["url(", "@import"] {
        assert!(!text.contains(fetches), "{fetches} in the page");
    }
    assert!(
        dom.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
        "{dom}"
    );
}

const GUIDE: &str = "# A guide

Prose with an image ![logo](https://example.com/logo.png), a
[link](https://example.com) and <script>document.title = 'taken'</script> inline.

```console
$ echo hello
hello
```

```console
$ printf '<script>document.body.dataset.taken = 1</script>\\n'
expected <b>this</b>
```

```text
not a command
```

```sh
echo after
```
";

#[test]
fn each_block_carries_its_steps_status_and_the_failure_its_diff() {
    let out = Test::new()
        .guide(GUIDE)
        .args(&["g.md", "--keep-going", "--html", "report.html"])
        .status(1)
        .stdout("...\ng.md: FAILED. 4 steps: 2 passed, 1 failed, 1 skipped, 0 not run; [..]s\n")
        .run();
    let page = out.path("report.html");
    let dom = dom(&page);
    assert_eq!(
        steps(&dom),
        [
            ("1", "passed"),
            ("2", "failed"),
            ("3", "skipped"),
            ("4", "passed")
        ]
        .map(|(n, s)| (n.to_string(), s.to_string()))
    );
    let section = tags(&dom, "section", "data-guide");
    assert_eq!(section.len(), 1);
    assert_eq!(attr(section[0], "data-guide"), Some("g.md"));
    assert_eq!(attr(section[0], "data-verdict"), Some("failed"));
    // The diff: the guide's line expected (-), the output's actual (+).
    assert!(
        dom.contains("<span class=\"del\">-expected &lt;b&gt;this&lt;/b&gt;\n</span><span class=\"ins\">+&lt;script&gt;document.body.dataset.taken = 1&lt;/script&gt;\n</span>"),
        "{dom}"
    );
    assert!(
        dom.contains("<p class=\"why\">the output differs from the guide's</p>"),
        "{dom}"
    );
    // Neither the output's script nor the guide's ran: the page's is the only one.
    assert_eq!(dom.matches("<script").count(), 1, "{dom}");
    assert!(!dom.contains("data-taken"), "{dom}");
    assert!(
        dom.contains("<title>doccheck: FAILED — g.md</title>"),
        "{dom}"
    );
    assert!(
        dom.contains("<a class=\"image\" href=\"https://example.com/logo.png\">image: logo</a>")
    );
    assert_self_contained(&page, &dom);
}

#[test]
fn the_n_key_and_the_next_failure_button_go_to_the_failure() {
    let out = Test::new()
        .guide(GUIDE)
        .args(&["g.md", "--keep-going", "--html", "report.html"])
        .status(1)
        .stdout("...\n")
        .run();
    let page = out.path("report.html");
    let pressed = dom_with(
        &page,
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n', bubbles: true}));\
         document.body.setAttribute('data-test-focus', document.activeElement.id);",
    );
    assert!(pressed.contains("data-test-focus=\"g0-s2\""), "{pressed}");
    let clicked = dom_with(
        &page,
        "document.getElementById('next-failure').click();\
         document.body.setAttribute('data-test-focus', document.activeElement.id);",
    );
    assert!(clicked.contains("data-test-focus=\"g0-s2\""), "{clicked}");
    // Without the script too: a link to the first failure.
    assert!(
        clicked.contains("<a href=\"#g0-s2\">First failure</a>"),
        "{clicked}"
    );
}

#[test]
fn a_tree_gives_an_index_whose_links_lead_to_each_guides_section() {
    let out = Test::new()
        .write("docs/a.md", "```console\n$ echo a\na\n```\n")
        .write("docs/b.md", "```console\n$ echo b\nnot b\n```\n\n```sh\ntrue\n```\n")
        .write("docs/c.md", "# nothing to run\n\n```text\nprose\n```\n")
        .write("docs/d.md", "<!-- doccheck timeout=never -->\n```sh\necho bad annotation\n```\n")
        .args(&["docs", "--html", "report.html", "-j", "2"])
        .status(2)
        .stdout("...\ndoccheck: FAILED. 4 guides: 1 passed, 1 failed, 1 with errors, 1 with nothing to run; [..]\n")
        .stderr("...\n")
        .run();
    let page = out.path("report.html");
    let dom = dom(&page);
    let rows = tags(&dom, "tr", "data-verdict");
    let index: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                attr(r, "data-guide").unwrap(),
                attr(r, "data-verdict").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        index,
        [
            ("docs/a.md", "passed"),
            ("docs/b.md", "failed"),
            ("docs/c.md", "empty"),
            ("docs/d.md", "error")
        ]
    );
    let sections = tags(&dom, "section", "data-guide");
    for row in &rows {
        let guide = attr(row, "data-guide").unwrap();
        let link = row
            .split("<a href=\"#")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap();
        let target = sections
            .iter()
            .find(|s| attr(s, "id") == Some(link))
            .unwrap_or_else(|| panic!("no section #{link} for {guide}"));
        assert_eq!(attr(target, "data-guide"), Some(guide));
        assert_eq!(attr(target, "data-verdict"), attr(row, "data-verdict"));
    }
    // The failing guide's failing step, in the index.
    assert!(
        rows[1].contains("step 1</a>: echo b — the output differs from the guide's"),
        "{}",
        rows[1]
    );
    assert!(dom.contains("docs/d.md:1:1"), "{dom}");
    // Failures only: the guides that passed or had nothing to run are hidden.
    let filtered = dom_with(&page, "document.getElementById('failures-only').click();");
    for (guide, hidden) in [
        ("docs/a.md", true),
        ("docs/b.md", false),
        ("docs/c.md", true),
        ("docs/d.md", false),
    ] {
        for tag in tags(&filtered, "tr", "data-guide")
            .into_iter()
            .chain(tags(&filtered, "section", "data-guide"))
            .filter(|t| attr(t, "data-guide") == Some(guide))
        {
            assert_eq!(attr(tag, "hidden").is_some(), hidden, "{guide}: {tag}");
        }
    }
    assert!(
        tags(&dom, "section", "hidden").is_empty(),
        "nothing hidden before"
    );
}

#[test]
fn a_translation_shows_each_segment_beside_its_source_with_findings_marked() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("translation.html");
    Test::new()
        .current_dir(repo())
        .args(&[
            "--translation",
            "docs/fr-fr/docker.md",
            "--html",
            page.to_str().unwrap(),
        ])
        .status(1)
        .stdout(
            "...\ndocs/fr-fr/docker.md: translation FAILED. 39 findings: 2 errors, 37 warnings\n",
        )
        .run();
    let dom = dom(&page);
    let row = |segment: &str| -> String {
        let start = dom
            .find(&format!("data-segment=\"{segment}\""))
            .unwrap_or_else(|| panic!("no row for segment {segment}"));
        dom[start..start + dom[start..].find("</tr>").unwrap()].to_string()
    };
    let glued = row("5ce59-114");
    assert!(
        glued.contains("<td class=\"source\">For building applications with `docker build`.</td>"),
        "{glued}"
    );
    assert!(
        glued.contains(
            "<mark class=\"finding error\" data-rule=\"code-span-glued code-span-moved\""
        ),
        "{glued}"
    );
    assert!(
        glued.contains(">`docker build`applications</mark>"),
        "{glued}"
    );
    let translated = row("5ce59-131");
    assert!(
        translated
            .contains("<mark class=\"finding error\" data-rule=\"technical-token-translated\""),
        "{translated}"
    );
    // Each mark links to its finding in the list.
    let link = glued.split("class=\"ref\" href=\"#").nth(1).unwrap();
    let id = &link[..link.find('"').unwrap()];
    assert!(
        dom.contains(&format!(
            "<li id=\"{id}\" class=\"finding warning\" data-rule=\"code-span-glued\""
        )),
        "{id}"
    );
    let section = tags(&dom, "section", "data-guide");
    assert_eq!(attr(section[0], "data-verdict"), Some("failed"));
    assert_self_contained(&page, &dom);
}

#[test]
fn a_place_the_page_cannot_be_written_stops_before_the_run() {
    Test::new()
        .guide("```sh\ntouch ran\n```\n")
        .args(&["g.md", "--html", "no/such/dir/report.html"])
        .status(2)
        .stderr("error: --html no/such/dir/report.html: the directory no/such/dir does not exist\n")
        .run();
    // Nothing ran: stdout is empty.
    Test::new()
        .guide("```sh\ntouch ran\n```\n")
        .write("reports/keep", "")
        .args(&["g.md", "--html", "reports"])
        .status(2)
        .stderr("error: --html reports: is a directory; give a file path\n")
        .run();
    Test::new()
        .guide("```sh\ntrue\n```\n")
        .args(&["g.md", "--list", "--html", "r.html"])
        .status(2)
        .stderr("error: the argument '--list' cannot be used with '--html <FILE>'\n...\n")
        .run();
}
