//! The stand-in image cache: a stand-in rebuilt for new inputs replaces the
//! image it was (nothing dangling is left), and `doccheck --prune` removes
//! the stand-ins doccheck built, by id, and never an image built on one.
//! Real daemon, real builds (FROM scratch). The test's runs and its prune
//! share a state directory of their own: the prune sees only what they
//! built, and leaves every other run's stand-ins on a shared daemon.

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

fn project(version: &str, state: &std::path::Path) -> Test {
    Test::new()
        .env("DOCCHECK_STATE_DIR", &state.display().to_string())
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
    let state = tempfile::tempdir().unwrap();
    let state_env = state.path().display().to_string();
    let first = project("1\n", state.path())
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
        .env("DOCCHECK_STATE_DIR", &state_env)
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
        .env("DOCCHECK_STATE_DIR", &state_env)
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

    // A user's image built on the stand-in carries its labels: it stays.
    let user = tempfile::tempdir().unwrap();
    std::fs::write(
        user.path().join("Dockerfile"),
        format!("FROM {IMAGE}\nLABEL mine=yes\n"),
    )
    .unwrap();
    let user_tag = format!("doccheck-test/built-on-a-standin-{}:1", std::process::id());
    let built = Command::new("docker")
        .args(["build", "-q", "-t", &user_tag])
        .arg(user.path())
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");

    let pruned = Command::new(doccheck_binary())
        .arg("--prune")
        .env("DOCCHECK_STATE_DIR", &state_env)
        .output()
        .unwrap();
    let users_image = image_id(&user_tag);
    let _ = Command::new("docker").args(["rmi", &user_tag]).output();
    let stdout = String::from_utf8_lossy(&pruned.stdout);
    assert_eq!(pruned.status.code(), Some(0), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l == format!("removed stand-in image {IMAGE}")),
        "{stdout}"
    );
    assert!(
        users_image.is_some(),
        "--prune removed an image built on a stand-in"
    );
    assert!(
        stdout.contains(
            "image(s) that carry a stand-in's label but are not a stand-in doccheck built here"
        ),
        "{stdout}"
    );
    assert_eq!(image_id(IMAGE), None, "--prune left the stand-in");
    // The stand-in's image stays while the user's is built on it; once that
    // is gone, the next prune removes it by the id it recorded.
    let again = Command::new(doccheck_binary())
        .arg("--prune")
        .env("DOCCHECK_STATE_DIR", &state_env)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(image_id(&new), None, "--prune left the stand-in's image");
    assert!(stdout.ends_with(" lock file(s) removed\n"), "{stdout}");
}
