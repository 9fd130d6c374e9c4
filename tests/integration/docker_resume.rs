//! `--checkpoints` and `--resume` with the real engine: a run that keeps
//! checkpoints parks the image its build made, the resumed run takes it over
//! (its own name for the guide's `hello`, no build again), and `doccheck
//! --prune` releases it. The test's runs and prune share a state directory
//! of their own, so nothing of another run is touched.

use std::process::Command;

use crate::docker::{assert_nothing_left_in, Before};
use crate::test::{Output, Test};

fn guide(expected: &str) -> String {
    format!(
        "# Build an image\n\n<!-- doccheck file=Dockerfile -->\n```dockerfile\nFROM scratch\nCOPY hello.txt /hello.txt\n```\n\n```console\n$ echo hi > hello.txt\n$ docker build --tag hello . > /dev/null 2>&1 && echo built\nbuilt\n```\n\n```console\n$ docker image ls hello --format '{{{{.Repository}}}}'\n{expected}\n```\n"
    )
}

fn run(test: &Test, args: &[&str]) -> Output {
    let out = test.command().args(args).output().unwrap();
    Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code().unwrap_or(-1),
        dir: tempfile::tempdir().unwrap(),
        tmpdir: None,
    }
}

/// The engine's names of the images the guide's checkpoints parked.
fn parked(state: &std::path::Path) -> Vec<String> {
    let mut names = Vec::new();
    let stores = std::fs::read_dir(state.join("checkpoints"))
        .unwrap()
        .flatten();
    for store in stores.filter(|e| e.path().is_dir()) {
        let record = std::fs::read_to_string(store.path().join("record.json")).unwrap();
        let record: serde_json::Value = serde_json::from_str(&record).unwrap();
        let docker: serde_json::Value =
            serde_json::from_str(record["parked"]["docker"].as_str().unwrap()).unwrap();
        for tag in docker["tags"].as_array().unwrap() {
            names.push(tag[1].as_str().unwrap().to_string());
        }
    }
    names
}

fn exists(image: &str) -> bool {
    Command::new("docker")
        .args(["image", "inspect", image])
        .output()
        .unwrap()
        .status
        .success()
}

/// Releases what the test's checkpoints parked, should an assertion fail
/// before the test's own `--prune`.
struct Prune<'a>(&'a Test);

impl Drop for Prune<'_> {
    fn drop(&mut self) {
        let _ = self.0.command().arg("--prune").output();
    }
}

#[test]
fn docker_a_resumed_run_takes_over_the_image_its_checkpoints_parked() {
    let before = Before::now();
    let test = Test::new().private_tmpdir().write("g.md", guide("hello2"));
    let _prune = Prune(&test);
    let tmp = test.tmpdir_path().unwrap();
    let state = tmp.join(crate::test::STATE_DIR);
    let shown = |o: &Output| format!("exit {}\n{}\n{}", o.status, o.stdout, o.stderr);

    let first = run(&test, &["g.md", "--checkpoints"]);
    assert_eq!(first.status, 1, "{}", shown(&first));
    let kept = parked(&state);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].starts_with("hello-dc"), "{kept:?}");
    assert!(exists(&kept[0]), "the parked image stays after the run");

    std::fs::write(test.path("g.md"), guide("hello")).unwrap();
    let resumed = run(&test, &["g.md", "--resume"]);
    assert_eq!(resumed.status, 0, "{}", shown(&resumed));
    let build = resumed
        .stdout
        .lines()
        .find(|l| l.starts_with("↺   2  g.md:"));
    assert!(
        build.is_some_and(
            |l| l.ends_with("  restored from the checkpoint after step 2 (step 3 changed)")
        ),
        "the build does not run again: {}",
        shown(&resumed)
    );
    assert!(
        resumed
            .stdout
            .contains("note: took over 1 image(s) that the checkpoints' run built: hello"),
        "{}",
        shown(&resumed)
    );
    assert!(
        !exists(&kept[0]),
        "the old name went; the image is the resumed run's now"
    );
    let again = parked(&state);
    assert_eq!(again.len(), 1);
    assert!(exists(&again[0]));

    let pruned = run(&test, &["--prune"]);
    assert_eq!(pruned.status, 0, "{}", shown(&pruned));
    assert!(
        pruned.stdout.contains("1 guide(s)' checkpoints removed"),
        "{}",
        shown(&pruned)
    );
    assert!(!exists(&again[0]), "--prune released the parked image");
    assert_nothing_left_in(&tmp, &before);
}
