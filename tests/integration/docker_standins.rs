//! The stand-in image cache: a stand-in rebuilt for new inputs replaces the
//! image it was (nothing dangling is left), and `doccheck --prune` removes
//! every stand-in. Real daemon, real builds (FROM scratch).

use std::process::Command;

use crate::test::{doccheck_binary, Test};

const IMAGE: &str = "doccheck-test/standin-cache:1";

const SCENARIO: &str = r#"guides: [docs/guide.md]
docker:
  images:
    - image: doccheck-test/standin-cache:1
      build: |
        labels=(); for l in $DOCCHECK_LABELS; do labels+=(--label "$l"); done
        docker build -q --tag "$DOCCHECK_IMAGE" "${labels[@]}" --label org.doccheck.standin.implements="a test image" standin
      inputs: [standin]
"#;

fn image_id(reference: &str) -> Option<String> {
    let out = Command::new("docker")
        .args(["image", "inspect", "--format", "{{.Id}}", reference])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn project(version: &str) -> Test {
    Test::new()
        .write(
            "docs/guide.md",
            "```console\n$ docker images --quiet doccheck-test/standin-cache:1 | wc -l\n1\n```\n",
        )
        .write("scenarios/guide.yaml", SCENARIO)
        .write(
            "scenarios/standin/Dockerfile",
            "FROM scratch\nCOPY version /version\n",
        )
        .write("scenarios/standin/version", version)
        .args(&["docs/guide.md"])
}

#[test]
fn a_rebuilt_stand_in_replaces_its_image_and_prune_removes_it() {
    let _ = Command::new("docker").args(["rmi", "-f", IMAGE]).output();
    let first = project("1\n")
        .stdout(
            "...
note: doccheck-test/standin-cache:1: not present and not pullable, so a stand-in implementing a test image was built in [..]s (scenarios/ says what it keeps of the real image)
...
docs/guide.md: ok. [..]
",
        )
        .stderr("...\n")
        .run();
    let old = image_id(IMAGE).expect("the stand-in was built");

    // The same inputs: the cached image is used as it is.
    let cached = Test::new()
        .current_dir(first.dir.path())
        .args(&["docs/guide.md"])
        .stdout(
            "...
note: doccheck-test/standin-cache:1: a stand-in built by doccheck implementing a test image (cached; [..])
...
",
        )
        .run();
    drop(cached);
    assert_eq!(image_id(IMAGE).as_deref(), Some(old.as_str()));

    // New inputs: rebuilt, and the image it was is gone, not left dangling.
    std::fs::write(first.path("scenarios/standin/version"), "2\n").unwrap();
    let short = &old.trim_start_matches("sha256:")[..12];
    let rebuilt = Test::new()
        .current_dir(first.dir.path())
        .args(&["docs/guide.md"])
        .stdout(&format!(
            "...
note: doccheck-test/standin-cache:1: not present and not pullable, so a stand-in implementing a test image was built in [..]s; the stand-in it replaces ({short}) was removed (scenarios/ says what it keeps of the real image)
...
docs/guide.md: ok. [..]
"
        ))
        .stderr("...\n")
        .run();
    drop(rebuilt);
    let new = image_id(IMAGE).expect("the rebuilt stand-in");
    assert_ne!(new, old);
    assert_eq!(
        image_id(&old),
        None,
        "the superseded stand-in is still there"
    );

    // A run that could not clean up and whose workspace is gone left its marker.
    let orphan = "doccheck-live-orphan-of-a-test";
    let made = Command::new("docker")
        .args(["volume", "create", "--label", "doccheck.marker=live"])
        .args(["--label", "doccheck.run=orphan", "--label"])
        .arg("doccheck.lock=/nonexistent/doccheck-x/ctl/lock")
        .arg(orphan)
        .output()
        .unwrap();
    assert!(made.status.success());
    let pruned = Command::new(doccheck_binary())
        .arg("--prune")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&pruned.stdout);
    assert_eq!(pruned.status.code(), Some(0), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l == format!("removed stand-in image {IMAGE}")),
        "{stdout}"
    );
    assert_eq!(image_id(IMAGE), None, "--prune left the stand-in");
    assert_eq!(image_id(&new), None, "--prune left the stand-in's image");
    assert!(stdout.ends_with(" lock file(s) removed\n"), "{stdout}");
    let volumes = Command::new("docker")
        .args(["volume", "ls", "-q"])
        .output()
        .unwrap();
    let volumes = String::from_utf8_lossy(&volumes.stdout);
    assert!(
        !volumes.contains(orphan),
        "--prune left the marker: {volumes}"
    );
}
