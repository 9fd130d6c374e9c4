//! docs/docker.md for real: the real Docker Engine, real registries, the
//! stand-in base images built here. Each test gives its runs a TMPDIR of its
//! own; what those runs created carries labels pointing into it, so a test
//! checks its own leftovers and is not disturbed by other runs on the daemon.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::test::{repo, signal, Output, Test};

pub(crate) fn guide() -> String {
    std::fs::read_to_string(repo().join("docs/docker.md")).unwrap()
}

pub(crate) fn docker(args: &[&str]) -> String {
    let out = Command::new("docker").args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn image_ids() -> std::collections::BTreeSet<String> {
    docker(&["images", "-aq"])
        .lines()
        .map(str::to_string)
        .collect()
}

/// Labelled objects of doccheck runs: (kind, id, lock file).
pub(crate) fn labelled() -> Vec<(&'static str, String, String)> {
    let mut found = Vec::new();
    for (kind, list, field) in [
        (
            "container",
            &["ps", "-aq", "--no-trunc"][..],
            ".Config.Labels",
        ),
        (
            "image",
            &["images", "-q", "--no-trunc"][..],
            ".Config.Labels",
        ),
        ("network", &["network", "ls", "-q"][..], ".Labels"),
        ("volume", &["volume", "ls", "-q"][..], ".Labels"),
    ] {
        let mut args = list.to_vec();
        args.extend(["--filter", "label=doccheck.run"]);
        for id in docker(&args).lines().filter(|l| !l.is_empty()) {
            let format = format!("{{{{index {field} \"doccheck.lock\"}}}}");
            let lock = docker(&[kind, "inspect", "--format", &format, id]);
            found.push((kind, id.to_string(), lock.trim().to_string()));
        }
    }
    found
}

/// Whether another run's images may be on the daemon right now, though it
/// has no labelled object: a tag with a run's suffix (this test's runs have
/// removed theirs), or a `docker build` under way on this machine (builds
/// carry no label).
fn other_builds_seen() -> bool {
    let tags = docker(&["images", "--format", "{{.Repository}}"]);
    let suffixed = tags.lines().any(|repository| {
        repository
            .rsplit_once("-dc")
            .is_some_and(|(_, hex)| hex.len() == 8 && hex.chars().all(|c| c.is_ascii_hexdigit()))
    });
    let building = std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let parts: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        parts.first().is_some_and(|p| p.ends_with(b"docker")) && parts.contains(&&b"build"[..])
    });
    suffixed || building
}

/// docker-registry processes (not zombies) whose command line names `dir`.
pub(crate) fn registries_under(dir: &Path) -> Vec<String> {
    let mut live = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline);
        if status
            .lines()
            .next()
            .unwrap_or("")
            .ends_with("docker-registry")
            && !status.contains("zombie")
            && cmdline.contains(&*dir.to_string_lossy())
        {
            live.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    live
}

/// The images before a test, to see which ones it added.
pub(crate) struct Before(pub(crate) std::collections::BTreeSet<String>);

impl Before {
    pub(crate) fn now() -> Before {
        Before(image_ids())
    }
}

/// Nothing of this test's runs may remain: containers, images, networks,
/// volumes, registries, workspaces. Tags and unlabelled layers cannot be told
/// apart from another run's, so they are checked when no other run is on the daemon.
pub(crate) fn assert_nothing_left(out: &Output, before: &Before) {
    assert_nothing_left_in(
        out.tmpdir.as_ref().expect("a private TMPDIR").path(),
        before,
    );
}

pub(crate) fn assert_nothing_left_in(tmp: &Path, before: &Before) {
    let tmp_text = tmp.display().to_string();
    let all = labelled();
    let ours: Vec<_> = all
        .iter()
        .filter(|(_, _, lock)| lock.starts_with(&tmp_text))
        .collect();
    assert!(ours.is_empty(), "objects left: {ours:?}");
    let registries = registries_under(tmp);
    assert!(
        registries.is_empty(),
        "registry processes left: {registries:?}"
    );
    let left: Vec<_> = std::fs::read_dir(tmp)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|name| name != crate::test::STATE_DIR)
        .collect();
    assert!(left.is_empty(), "temp files left: {left:?}");
    let records = crate::test::state_left(tmp);
    assert!(records.is_empty(), "run records left: {records:?}");
    if !all.is_empty() || other_builds_seen() {
        eprintln!("other doccheck runs are on the daemon: tags and layers not checked");
        return;
    }
    let tags = docker(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    let tags: Vec<&str> = tags.lines().filter(|t| t.contains("stockdata")).collect();
    assert!(tags.is_empty(), "tags left: {tags:?}");
    // New images may only be the stand-in base images (kept as a cache) and their layers.
    let mut cache = std::collections::BTreeSet::new();
    let standins = docker(&["images", "-q", "--filter", "label=org.doccheck.standin"]);
    for base in standins.lines() {
        cache.extend(docker(&["history", "-q", base]).lines().map(str::to_string));
    }
    let new: Vec<String> = image_ids()
        .difference(&before.0)
        .filter(|i| !cache.contains(*i))
        .cloned()
        .collect();
    assert!(
        new.is_empty(),
        "images left: {new:?}\n{}",
        docker(&["images", "-a"])
    );
}

const WHOLE_GUIDE: &str = "doccheck docs/docker.md with scenarios/docker.yaml: 10 steps
...
✓   1  docs/docker.md:41  write Dockerfile (and src/StockData/Dockerfile)  [..]s
✓   2  docs/docker.md:91  check fragment of Dockerfile  [..]s
✓   3  docs/docker.md:102  write .dockerignore  [..]s
✓   4  docs/docker.md:111  docker build --tag stockdata .  [..]s
        $ docker build --tag stockdata .  (line 112)
        ran as: docker build --force-rm --tag stockdata .
✓   5  docs/docker.md:119  docker build --tag stockdata --file src/StockData/Dockerfile .  [..]s
        $ docker build --tag stockdata --file src/StockData/Dockerfile .  (line 120)
        ran as: docker build --force-rm --tag stockdata --file src/StockData/Dockerfile .
✓   6  docs/docker.md:127  docker run -ti -p 5000:80 stockdata  [..]s
        $ docker run -ti -p 5000:80 stockdata  (line 128)
        ran as: docker run -d -p [..]:80 stockdata
...
        note: no terminal here: -t (and, for a service, -i) dropped
        note: started detached (-d): doccheck waits until it is ready, goes on, and stops it at the end
        note: ready after [..]s: SERVING
        note: ready after [..]s: stocks.Stocks/Get {\"id\": 1} at 127.0.0.1:[..] → {\"stock\":{\"id\":1,\"name\":\"Microsoft\",\"symbol\":\"MSFT\"}}
✓   7  docs/docker.md:139  docker tag stockdata myorg/stockdata (+1 more)  [..]s
        $ docker tag stockdata myorg/stockdata  (line 140)
        ran as: docker tag stockdata 127.0.0.1:[..]/myorg/stockdata
        $ docker push myorg/stockdata  (line 141)
        ran as: docker push 127.0.0.1:[..]/myorg/stockdata
        note: verified through the registry API: 127.0.0.1:[..]/myorg/stockdata:latest is sha256:[..]
✓   8  docs/docker.md:146  docker tag stockdata internal-registry:5000/myorg/stockdata (+1 more)  [..]s
        $ docker tag stockdata internal-registry:5000/myorg/stockdata  (line 147)
        ran as: docker tag stockdata 127.0.0.1:[..]/myorg/stockdata
        $ docker push internal-registry:5000/myorg/stockdata  (line 148)
        ran as: docker push 127.0.0.1:[..]/myorg/stockdata
        note: verified through the registry API: 127.0.0.1:[..]/myorg/stockdata:latest is sha256:[..]
✓   9  docs/docker.md:91  docker build --tag stockdata-https --file Dockerfile.https . (+1 more)  [..]s
        $ docker build --tag stockdata-https --file Dockerfile.https .  (line 49)
        ran as: docker build --force-rm --tag stockdata-https --file Dockerfile.https .
✓  10  docs/docker.md:91  docker run -ti -p 5001:443 [..] stockdata-https  [..]s
...
        note: ready after [..]s: SERVING
        note: ready after [..]s: stocks.Stocks/Get {\"id\": 3} at 127.0.0.1:[..] → {\"stock\":{\"id\":3,\"name\":\"Amazon\",\"symbol\":\"AMZN\"}}
note: docker: Docker Engine [..] at unix://[..]
note: mcr.microsoft.com/dotnet/core/sdk:3.0: [..]
note: mcr.microsoft.com/dotnet/core/aspnet:3.0: [..]
note: pushes to docker.io go to a registry of the run's own: [..] on 127.0.0.1:[..]
note: pushes to internal-registry:5000 go to a registry of the run's own: [..] on 127.0.0.1:[..]
note: local names are the run's own on the daemon: stockdata → stockdata-dc[..]
docs/docker.md: ok. 10 steps: 10 passed, 0 failed, 0 skipped, 0 not run; [..]s
";

#[test]
fn the_whole_guide_passes_and_leaves_nothing_behind() {
    // Whoever holds host port 5000 (here: this test), the guide's -p 5000:80 must still run.
    let _hold = std::net::TcpListener::bind("0.0.0.0:5000");
    let before = Before::now();
    let out = Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["docs/docker.md"])
        .stdout(WHOLE_GUIDE)
        .stderr("...\n")
        .run();
    assert!(
        out.stdout
            // By this test's listener, or by another run's claim on a shared machine.
            .contains("note: host port 5000 is taken "),
        "{}",
        out.stdout
    );
    assert_nothing_left(&out, &before);
}

#[test]
fn preflight_errors_say_what_to_do() {
    let before = Before::now();
    let out = Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["docs/docker.md"])
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .status(2)
        .stdout("doccheck docs/docker.md with scenarios/docker.yaml: 10 steps\n")
        .stderr("error: the guide needs Docker, but the Docker daemon is not reachable ([..]): start it, or point DOCKER_HOST at one\n")
        .run();
    assert_nothing_left(&out, &before);
    let out = Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["docs/docker.md"])
        .env("DOCCHECK_REGISTRY_BIN", "/nonexistent/docker-registry")
        .status(2)
        .stdout("doccheck docs/docker.md with scenarios/docker.yaml: 10 steps\n")
        .stderr("...\nerror: no registry is available for the guide's pushes: install Debian's docker-registry (apt-get install docker-registry) or load the registry:2 image\n")
        .run();
    assert_nothing_left(&out, &before);
}

/// Starts doccheck on the guide plus a long last step; returns once step 8 passed.
fn start_until_step_8(test: &Test) -> (std::process::Child, mpsc::Receiver<String>) {
    let mut child = test
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (sender, lines) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    // Generous: the first Docker test of a cold machine builds the stand-ins
    // (minutes on a busy one); the limit only keeps a hang from lasting forever.
    let started = Instant::now();
    // A failure here kills the run first: left running, it would keep what it made.
    // SIGTERM, so that it cleans up as a stopped run does.
    let mut fail = |why: String| -> ! {
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let _ = child.wait();
        panic!("{why}")
    };
    loop {
        let Ok(line) = lines.recv_timeout(Duration::from_secs(1200)) else {
            fail("doccheck stopped before step 8".to_string())
        };
        if line.starts_with("✓   8") {
            break;
        }
        if line.starts_with('✗') {
            fail(format!("a step failed: {line}"));
        }
        if started.elapsed() > Duration::from_secs(1200) {
            fail("step 8 did not pass within 20 minutes".to_string());
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    (child, lines)
}

fn long_guide() -> Test {
    let scenario = repo().join("scenarios/docker.yaml").display().to_string();
    Test::new()
        .write(
            "docs/docker.md",
            format!("{}\n```console\nsleep 600\n```\n", guide()),
        )
        .private_tmpdir()
        .args(&["docs/docker.md", "--scenario", &scenario])
}

#[test]
fn ctrl_c_and_sigterm_clean_up_everything() {
    for (number, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let before = Before::now();
        let test = long_guide();
        let tmp = test.tmpdir_path().expect("a private TMPDIR");
        let (mut child, _lines) = start_until_step_8(&test);
        let tmp_text = tmp.display().to_string();
        let ours = labelled()
            .into_iter()
            .filter(|(_, _, l)| l.starts_with(&tmp_text))
            .count();
        assert!(ours > 0, "the service runs");
        signal(child.id(), number);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code));
        assert_nothing_left_in(&tmp, &before);
    }
}

#[test]
fn an_interrupt_while_a_stand_in_builds_stops_at_once() {
    for (number, code, name) in [
        (libc::SIGINT, 130, "Ctrl-C"),
        (libc::SIGTERM, 143, "SIGTERM"),
    ] {
        let test = Test::new()
            .write("docs/slow.md", "```sh\ndocker images\n```\n")
            .write("scenarios/slow.yaml", "guides: [docs/slow.md]\ndocker:\n  images:\n    - image: doccheck-test/never-built:1\n      build: sleep 120\n")
            .private_tmpdir()
            .args(&["docs/slow.md"]);
        let tmp = test.tmpdir_path().unwrap();
        let mut child = test
            .command()
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let started = Instant::now();
        loop {
            let line = lines.next().expect("doccheck said nothing").unwrap();
            if line.contains("building its stand-in") {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(300));
        signal(child.id(), number);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code));
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the build was not stopped"
        );
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        assert_eq!(
            rest,
            [format!(
                "error: interrupted ({name}) before the first step; what was prepared was removed"
            )]
        );
        // The build's processes are this run's: they carry its TMPDIR.
        let mark = format!("TMPDIR={}", tmp.display());
        let waited = Instant::now();
        while !crate::test::processes_with(&mark).is_empty()
            && waited.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        let left = crate::test::processes_with(&mark);
        assert!(left.is_empty(), "the build's processes survived: {left:?}");
        assert_nothing_left_in(&tmp, &Before::now());
    }
}

#[test]
fn a_crashed_run_is_swept_by_the_next_one() {
    let before = Before::now();
    let test = long_guide();
    let tmp = test.tmpdir_path().expect("a private TMPDIR");
    let tmp_text = tmp.display().to_string();
    let (mut child, _lines) = start_until_step_8(&test);
    child.kill().unwrap(); // SIGKILL: no cleanup at all
    child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let left = labelled()
        .into_iter()
        .filter(|(_, _, l)| l.starts_with(&tmp_text))
        .count();
    assert!(left > 0, "the crash left its container");
    assert!(
        registries_under(&tmp).is_empty(),
        "registries die with doccheck"
    );
    // The next run, in another TMPDIR, sweeps the dead run's objects and
    // workspace: they are known by the state directory the runs share.
    let elsewhere = tempfile::tempdir().unwrap();
    let state = tmp.join(crate::test::STATE_DIR);
    let out = Test::new()
        .current_dir(repo())
        .args(&["docs/docker.md"])
        .env("TMPDIR", &elsewhere.path().display().to_string())
        .env("DOCCHECK_STATE_DIR", &state.display().to_string())
        .stdout(
            "...
note: removed [..] leftover(s) of an earlier doccheck run that did not finish
...
docs/docker.md: ok. [..]
",
        )
        .stderr(
            "...
",
        )
        .run();
    drop(out);
    assert_nothing_left_in(&tmp, &before);
    let left: Vec<_> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .flatten()
        .collect();
    assert!(left.is_empty(), "the second run left {left:?}");
}

#[test]
fn the_english_and_french_guides_at_once_on_one_daemon() {
    // Each copy ends by asking which image its `stockdata` is: each must see
    // its own build.
    let ending = "\n```console\n$ docker image inspect --format '{{.Id}}' stockdata\nsha256:[..]\n$ docker images --format '{{.Repository}}:{{.Tag}}' | grep stockdata | sed 's/[0-9]*\\//PORT\\//' | sort\n127.0.0.1:PORT/myorg/stockdata:latest\n127.0.0.1:PORT/myorg/stockdata:latest\nstockdata:latest\n```\n";
    let english = guide();
    let french = std::fs::read_to_string(repo().join("docs/fr-fr/docker.md")).unwrap();
    let test = Test::new().private_tmpdir();
    // A barrier at the end: neither run ends (and gives up host port 5000)
    // before the other has published its own, so the second always finds
    // 5000 taken, however fast either one is.
    let barrier = test.path("barrier").display().to_string();
    std::fs::create_dir_all(&barrier).unwrap();
    let ending = format!("{ending}\n```console\n$ touch {barrier}/$$; for i in $(seq 600); do [ \"$(ls {barrier} | wc -l)\" -ge 2 ] && break; sleep 0.1; done\n```\n");
    let test = test
        .write("docs/docker.md", format!("{english}{ending}"))
        .write("docs/fr-fr/docker.md", format!("{french}{ending}"));
    std::os::unix::fs::symlink(repo().join("scenarios"), test.path("scenarios")).unwrap();
    let before = Before::now();
    let out = test
        .args(&[
            "docs/docker.md",
            "docs/fr-fr/docker.md",
            "-j",
            "2",
            "--format",
            "json",
        ])
        .stdout("...\n")
        .stderr("...\n")
        .run();
    let runs: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(runs.len(), 2);
    let mut seen = Vec::new();
    for run in &runs {
        assert_eq!(run["verdict"], "passed", "{run}");
        let steps = run["steps"].as_array().unwrap();
        let last = steps
            .iter()
            .find(|s| {
                s["commands"][0]["documented"]
                    .as_str()
                    .is_some_and(|c| c.starts_with("docker image inspect"))
            })
            .unwrap();
        seen.push(
            last["commands"][0]["output"]
                .as_str()
                .unwrap()
                .trim()
                .to_string(),
        );
    }
    assert_ne!(seen[0], seen[1], "both guides saw the same stockdata image");
    let notes: String = runs.iter().map(|r| r.to_string()).collect();
    assert!(
        notes.contains("host port 5000 is taken"),
        "one of the two had to publish elsewhere: {notes}"
    );
    assert_nothing_left(&out, &before);
}

#[test]
fn our_readme_and_docs_pass_under_doccheck() {
    let before = Before::now();
    let out = Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["README.md", "docs", "-j", "2"])
        .stdout("...\ndoccheck: ok. [..] guides: 4 passed, 0 failed, 0 with errors, [..] with nothing to run; [..]\n")
        .stderr("...\n")
        .run();
    for guide in [
        "README.md",
        "docs/docker.md",
        "docs/fr-fr/docker.md",
        "docs/guides.md",
    ] {
        assert!(
            out.stdout.contains(&format!("✓ {guide}  ok.")),
            "{guide}: {}",
            out.stdout
        );
    }
    assert_nothing_left(&out, &before);
}

#[test]
fn the_french_guide_runs_with_the_same_scenario() {
    let before = Before::now();
    let out = Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["docs/fr-fr/docker.md"])
        .stdout(
            "doccheck docs/fr-fr/docker.md with scenarios/docker.yaml: 10 steps
...
✓   3  docs/fr-fr/docker.md:107  write .dockerignore  [..]s
...
docs/fr-fr/docker.md: ok. 10 steps: 10 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .stderr(
            "...
",
        )
        .run();
    assert_nothing_left(&out, &before);
}

#[test]
fn another_translation_dropped_in_runs_without_new_configuration() {
    let french = std::fs::read_to_string(repo().join("docs/fr-fr/docker.md")).unwrap();
    let german = french
        .replace("Créez des images Docker", "Docker-Images erstellen")
        .replace("ms.contentlocale: fr-FR", "ms.contentlocale: de-DE");
    let test = Test::new()
        .write("docs/de-de/docker.md", german)
        .private_tmpdir();
    std::os::unix::fs::symlink(repo().join("scenarios"), test.path("scenarios")).unwrap();
    let before = Before::now();
    let out = test
        .args(&["docs/de-de/docker.md"])
        .stdout(
            "doccheck docs/de-de/docker.md with scenarios/docker.yaml: 10 steps
...
docs/de-de/docker.md: ok. 10 steps: 10 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .stderr(
            "...
",
        )
        .run();
    assert_nothing_left(&out, &before);
}
