//! docs/docker.md for real: the real Docker Engine, real registries, the
//! stand-in base images built here. These tests run one at a time
//! (.config/nextest.toml): they share the daemon's names and ports.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Project, Run};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn guide() -> String {
    std::fs::read_to_string(repo().join("docs/docker.md")).unwrap()
}

fn docker(args: &[&str]) -> String {
    let out = Command::new("docker").args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn image_ids() -> std::collections::BTreeSet<String> {
    docker(&["images", "-aq"])
        .lines()
        .map(str::to_string)
        .collect()
}

/// A private TMPDIR, so a test can see exactly what a run leaves in it, and the
/// daemon's images before the test.
struct Tmp(tempfile::TempDir, std::collections::BTreeSet<String>);

impl Tmp {
    fn new() -> Tmp {
        Tmp(
            tempfile::Builder::new().prefix("dctmp-").tempdir().unwrap(),
            image_ids(),
        )
    }
    fn path(&self) -> &str {
        self.0.path().to_str().unwrap()
    }
}

fn doccheck(dir: &Path, args: &[&str], tmp: &Tmp, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_doccheck"));
    command
        .args(args)
        .current_dir(dir)
        .env("TMPDIR", tmp.path())
        .env_remove("GITHUB_ACTIONS");
    for (k, v) in env {
        command.env(k, v);
    }
    Run::from(command.output().unwrap())
}

/// Nothing of any run may remain: containers, images, tags, registries, workspaces.
fn assert_nothing_left(tmp: &Tmp) {
    let containers = docker(&["ps", "-aq", "--filter", "label=doccheck.run"]);
    assert!(
        containers.trim().is_empty(),
        "containers left: {containers}"
    );
    let images = docker(&["images", "-q", "--filter", "label=doccheck.run"]);
    assert!(images.trim().is_empty(), "labelled images left: {images}");
    let tags = docker(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    let ours: Vec<&str> = tags.lines().filter(|t| t.contains("stockdata")).collect();
    assert!(ours.is_empty(), "tags left: {ours:?}");
    let registries = live_registries();
    assert!(
        registries.is_empty(),
        "registry processes left: {registries:?}"
    );
    // New images may only be the stand-in base images (kept as a cache) and their layers.
    let mut cache = std::collections::BTreeSet::new();
    for base in [
        "mcr.microsoft.com/dotnet/core/sdk:3.0",
        "mcr.microsoft.com/dotnet/core/aspnet:3.0",
    ] {
        cache.extend(docker(&["history", "-q", base]).lines().map(str::to_string));
    }
    let new: Vec<String> = image_ids()
        .difference(&tmp.1)
        .filter(|i| !cache.contains(*i))
        .cloned()
        .collect();
    assert!(
        new.is_empty(),
        "images left: {new:?}\n{}",
        docker(&["images", "-a"])
    );
    let left: Vec<_> = std::fs::read_dir(tmp.0.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "temp files left: {left:?}");
}

/// docker-registry processes that are not zombies (killed ones wait for init to reap them).
fn live_registries() -> Vec<String> {
    let mut live = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let name = status.lines().next().unwrap_or("");
        if name.ends_with("docker-registry") && !status.contains("zombie") {
            live.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    live
}

/// A copy of the guide, changed by `edit`, in a project of its own, run with the repository's scenario.
fn run_broken(from: &str, to: &str) -> (Run, Tmp) {
    let text = guide();
    assert!(text.contains(from), "the guide has no {from:?}");
    let p = Project::new();
    p.file("docs/docker.md", text.replacen(from, to, 1));
    let tmp = Tmp::new();
    let scenario = repo().join("scenarios/docker.yaml");
    let run = doccheck(
        p.dir.path(),
        &["docs/docker.md", "--scenario", scenario.to_str().unwrap()],
        &tmp,
        &[],
    );
    (run, tmp)
}

#[test]
fn the_whole_guide_passes_and_leaves_nothing_behind() {
    // Whoever holds host port 5000 (here: this test), the guide's -p 5000:80 must still run.
    let _hold = std::net::TcpListener::bind("0.0.0.0:5000");
    let tmp = Tmp::new();
    let run = doccheck(
        &repo(),
        &[
            "docs/docker.md",
            "--junit",
            &format!("{}/../dc-junit.xml", tmp.path()),
        ],
        &tmp,
        &[],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("8 steps: 8 passed, 0 failed, 0 skipped, 0 not run"),
        "{run:?}"
    );
    // What the report shows besides the verdicts.
    for expected in [
        "ran as: docker run -d --label doccheck.run=",
        "note: host port 5000 is taken on this machine: published on ",
        "stocks.Stocks/Get {\"id\": 1} at 127.0.0.1:",
        "\"symbol\":\"MSFT\"",
        "verified through the registry API: 127.0.0.1:",
        "ran as: docker push 127.0.0.1:",
        "check fragment of Dockerfile",
        "write .dockerignore",
        "mcr.microsoft.com/dotnet/core/sdk:3.0: ",
        "pushes to internal-registry:5000 go to a registry of the run's own",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in {run:?}"
        );
    }
    let _ = std::fs::remove_file(format!("{}/../dc-junit.xml", tmp.path()));
    assert_nothing_left(&tmp);
}

#[test]
fn a_wrong_copy_from_alias_fails_the_first_build() {
    let (run, tmp) = run_broken(
        "COPY --from=builder /published .",
        "COPY --from=build /published .",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("✗   4  docs/docker.md:111  docker build --tag stockdata ."),
        "{run:?}"
    );
    assert!(run.stdout.contains("(line 112)"), "{run:?}");
    assert!(run.stdout.contains("exit code 1 (expected 0)"), "{run:?}");
    assert!(run.stdout.contains("build"), "{run:?}");
    assert!(
        run.stdout
            .contains("·   5  docs/docker.md:119  not run: step 4 failed"),
        "{run:?}"
    );
    assert_nothing_left(&tmp);
}

#[test]
fn a_wrong_project_path_fails_the_publish() {
    let (run, tmp) = run_broken(
        "-o /published src/StockData/StockData.csproj",
        "-o /published src/StockData/StockDta.csproj",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("✗   4  docs/docker.md:111"), "{run:?}");
    assert!(
        run.stdout.contains("MSB1009"),
        "the SDK's own error is shown: {run:?}"
    );
    assert_nothing_left(&tmp);
}

#[test]
fn a_wrong_entrypoint_dll_fails_the_run_step_with_the_container_log() {
    let (run, tmp) = run_broken(
        "ENTRYPOINT [ \"dotnet\", \"StockData.dll\" ]",
        "ENTRYPOINT [ \"dotnet\", \"StockDat.dll\" ]",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("✓   5  docs/docker.md:119"),
        "the image builds: {run:?}"
    );
    assert!(
        run.stdout
            .contains("✗   6  docs/docker.md:127  docker run -ti -p 5000:80 stockdata"),
        "{run:?}"
    );
    assert!(run.stdout.contains("exited with code"), "{run:?}");
    assert!(run.stdout.contains("container log"), "{run:?}");
    assert_nothing_left(&tmp);
}

#[test]
fn a_wrong_container_port_fails_the_run_step() {
    let (run, tmp) = run_broken(
        "docker run -ti -p 5000:80 stockdata",
        "docker run -ti -p 5000:8080 stockdata",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("✗   6  docs/docker.md:127  docker run -ti -p 5000:8080 stockdata"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("container port 80, where the service listens, is not published"),
        "{run:?}"
    );
    assert_nothing_left(&tmp);
}

#[test]
fn pushing_a_tag_never_made_fails_its_step() {
    let (run, tmp) = run_broken(
        "docker push internal-registry:5000/myorg/stockdata",
        "docker push internal-registry:5000/myorg/stockdata:v2",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("✓   7  docs/docker.md:139"), "{run:?}");
    assert!(run.stdout.contains("✗   8  docs/docker.md:146"), "{run:?}");
    assert!(run.stdout.contains("(line 148)"), "{run:?}");
    assert!(
        run.stdout.contains("ran as: docker push 127.0.0.1:"),
        "{run:?}"
    );
    assert_nothing_left(&tmp);
}

#[test]
fn a_push_to_an_unmapped_registry_never_leaves_the_machine() {
    let (run, tmp) = run_broken(
        "docker push myorg/stockdata",
        "docker push quay.io/myorg/stockdata",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("refusing to push quay.io/myorg/stockdata"),
        "{run:?}"
    );
    assert_nothing_left(&tmp);
}

#[test]
fn preflight_errors_say_what_to_do() {
    let tmp = Tmp::new();
    let run = doccheck(
        &repo(),
        &["docs/docker.md"],
        &tmp,
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("the Docker daemon is not reachable"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("start it, or point DOCKER_HOST at one"),
        "{run:?}"
    );
    let run = doccheck(
        &repo(),
        &["docs/docker.md"],
        &tmp,
        &[("DOCCHECK_REGISTRY_BIN", "/nonexistent/docker-registry")],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no registry is available"), "{run:?}");
    assert_nothing_left(&tmp);
}

/// Starts doccheck on the guide plus a long last step; returns once step 8 passed.
fn start_until_step_8(tmp: &Tmp) -> (std::process::Child, Project, mpsc::Receiver<String>) {
    let p = Project::new();
    p.file(
        "docs/docker.md",
        format!("{}\n```console\nsleep 600\n```\n", guide()),
    );
    let scenario = repo().join("scenarios/docker.yaml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(["docs/docker.md", "--scenario", scenario.to_str().unwrap()])
        .current_dir(p.dir.path())
        .env("TMPDIR", tmp.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (sender, lines) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let started = Instant::now();
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(300))
            .expect("doccheck stopped before step 8");
        if line.starts_with("✓   8") {
            break;
        }
        assert!(!line.starts_with('✗'), "a step failed: {line}");
        assert!(started.elapsed() < Duration::from_secs(300));
    }
    std::thread::sleep(Duration::from_millis(300));
    (child, p, lines)
}

extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
}

#[test]
fn ctrl_c_cleans_up_everything() {
    let tmp = Tmp::new();
    let (mut child, _p, _lines) = start_until_step_8(&tmp);
    assert!(
        !docker(&["ps", "-q", "--filter", "label=doccheck.run"])
            .trim()
            .is_empty(),
        "the service runs"
    );
    // SAFETY: signalling our own child.
    unsafe { kill(child.id() as i32, 2) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_nothing_left(&tmp);
}

#[test]
fn a_crashed_run_is_swept_by_the_next_one() {
    let tmp = Tmp::new();
    let (mut child, _p, _lines) = start_until_step_8(&tmp);
    child.kill().unwrap(); // SIGKILL: no cleanup at all
    child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !docker(&["ps", "-aq", "--filter", "label=doccheck.run"])
            .trim()
            .is_empty(),
        "the crash left its container"
    );
    assert!(live_registries().is_empty(), "registries die with doccheck");
    let run = doccheck(&repo(), &["docs/docker.md"], &tmp, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("leftover(s) of an earlier doccheck run that did not finish"),
        "{run:?}"
    );
    assert_nothing_left(&tmp);
}

#[test]
fn the_french_guide_runs_with_the_same_scenario() {
    let tmp = Tmp::new();
    let run = doccheck(&repo(), &["docs/fr-fr/docker.md"], &tmp, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("with scenarios/docker.yaml"), "{run:?}");
    assert!(
        run.stdout
            .contains("8 steps: 8 passed, 0 failed, 0 skipped, 0 not run"),
        "{run:?}"
    );
    // The .dockerignore block is fenced `console` in French: the scenario still makes it a file.
    assert!(
        run.stdout
            .contains("✓   3  docs/fr-fr/docker.md:107  write .dockerignore"),
        "{run:?}"
    );
    assert_nothing_left(&tmp);
}

#[test]
fn another_translation_dropped_in_runs_without_new_configuration() {
    let p = Project::new();
    std::os::unix::fs::symlink(repo().join("scenarios"), p.path("scenarios")).unwrap();
    let french = std::fs::read_to_string(repo().join("docs/fr-fr/docker.md")).unwrap();
    let german = french
        .replace("Créez des images Docker", "Docker-Images erstellen")
        .replace("ms.contentlocale: fr-FR", "ms.contentlocale: de-DE");
    p.file("docs/de-de/docker.md", german);
    let tmp = Tmp::new();
    let run = doccheck(p.dir.path(), &["docs/de-de/docker.md"], &tmp, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("scenarios/docker.yaml"), "{run:?}");
    assert!(run.stdout.contains("8 passed"), "{run:?}");
    assert_nothing_left(&tmp);
}
