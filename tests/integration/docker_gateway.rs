//! Every Docker call of a run goes through doccheck's gateway, whatever the
//! guide writes: pushes never leave the machine, credentials are never read
//! or sent, whatever is created is removed, and a daemon that goes away is
//! reported as such. Real engine, real registries, a real socket proxy.

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::docker::{assert_nothing_left_in, docker, Before};
use crate::test::{signal, Test};

/// A registry process of the test's own, standing in for a host outside.
pub(crate) struct Outside {
    pub(crate) address: String,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Outside {
    pub(crate) fn start() -> Outside {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let address = format!("127.0.0.1:{port}");
        let config = dir.path().join("config.yml");
        std::fs::write(
            &config,
            format!(
                "version: 0.1\nlog: {{level: error}}\nstorage: {{filesystem: {{rootdirectory: {}}}}}\nhttp: {{addr: {address}}}\n",
                dir.path().join("storage").display()
            ),
        )
        .unwrap();
        let child = Command::new("/usr/bin/docker-registry")
            .arg("serve")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("docker-registry runs (.ci/setup installs it)");
        let outside = Outside {
            address,
            child,
            _dir: dir,
        };
        let started = Instant::now();
        while outside.catalog().is_none() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the outside registry never answered"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        outside
    }

    pub(crate) fn assert_received_nothing(&self) {
        assert_eq!(
            self.catalog().as_deref(),
            Some("{\"repositories\":[]}"),
            "the outside registry received a push"
        );
    }

    /// `GET /v2/_catalog`.
    pub(crate) fn catalog(&self) -> Option<String> {
        let mut stream = std::net::TcpStream::connect(&self.address).ok()?;
        stream
            .write_all(b"GET /v2/_catalog HTTP/1.0\r\n\r\n")
            .ok()?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).ok()?;
        answer
            .split("\r\n\r\n")
            .nth(1)
            .map(|b| b.trim().to_string())
    }
}

impl Drop for Outside {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A socket proxy in front of the engine that records what passes and can be
/// stopped, as if the daemon went away, or hold each `containers/create` a
/// few seconds before the engine sees it.
pub(crate) struct Proxy {
    socket: PathBuf,
    seen: Arc<Mutex<Vec<u8>>>,
    stopped: Arc<AtomicBool>,
    hold_creates: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<UnixStream>>>,
    _dir: tempfile::TempDir,
}

impl Proxy {
    pub(crate) fn start() -> Proxy {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("engine.sock");
        let listener = UnixListener::bind(&socket).unwrap();
        let seen: Arc<Mutex<Vec<u8>>> = Arc::default();
        let stopped = Arc::new(AtomicBool::new(false));
        let hold_creates = Arc::new(AtomicBool::new(false));
        let connections: Arc<Mutex<Vec<UnixStream>>> = Arc::default();
        let (seen2, stopped2, connections2, hold2) = (
            Arc::clone(&seen),
            Arc::clone(&stopped),
            Arc::clone(&connections),
            Arc::clone(&hold_creates),
        );
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if stopped2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(engine) = UnixStream::connect("/var/run/docker.sock") else {
                    continue;
                };
                connections2
                    .lock()
                    .unwrap()
                    .extend([client.try_clone().unwrap(), engine.try_clone().unwrap()]);
                let (mut c_read, mut c_write) = (client.try_clone().unwrap(), client);
                let (mut e_read, mut e_write) = (engine.try_clone().unwrap(), engine);
                let seen = Arc::clone(&seen2);
                let hold = Arc::clone(&hold2);
                std::thread::spawn(move || {
                    let mut buffer = [0u8; 65536];
                    while let Ok(n) = c_read.read(&mut buffer) {
                        let create = b"/containers/create";
                        if hold.load(Ordering::SeqCst)
                            && buffer[..n].windows(create.len()).any(|w| w == create)
                        {
                            std::thread::sleep(Duration::from_secs(3));
                        }
                        if n == 0 || e_write.write_all(&buffer[..n]).is_err() {
                            break;
                        }
                        seen.lock().unwrap().extend_from_slice(&buffer[..n]);
                    }
                    let _ = e_write.shutdown(std::net::Shutdown::Write);
                });
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut e_read, &mut c_write);
                    let _ = c_write.shutdown(std::net::Shutdown::Both);
                });
            }
        });
        Proxy {
            socket,
            seen,
            stopped,
            hold_creates,
            connections,
            _dir: dir,
        }
    }

    /// From now on, each create reaches the engine 3 s late.
    pub(crate) fn hold_creates(&self) {
        self.hold_creates.store(true, Ordering::SeqCst);
    }

    pub(crate) fn host(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    fn seen(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }

    /// The daemon goes away: no new connection, every open one cut.
    fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        let _ = std::fs::remove_file(&self.socket);
        let _ = UnixStream::connect(&self.socket);
        for c in self.connections.lock().unwrap().drain(..) {
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// A guide's first block: an image of its own, built FROM scratch.
pub(crate) const IMAGE: &str = "```bash\nmkdir img && echo hello > img/hello.txt\nprintf 'FROM scratch\\nCOPY hello.txt /\\nCMD [\"/hello.txt\"]\\n' > img/Dockerfile\ndocker build -q -t pushme img\n```\n\n";

#[test]
fn pushes_that_would_leave_the_machine_are_refused_however_written() {
    let outside = Outside::start();
    let target = format!("{}/pushme", outside.address);
    let docker_path = String::from_utf8(
        Command::new("bash")
            .args(["-c", "command -v docker"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let forms = [
        format!("docker push {target}"),
        format!("bash -c \"docker push {target}\""),
        "./push.sh".to_string(),
        format!("docker image push {target}"),
        format!("command docker push {target}"),
        format!("{} push {target}", docker_path.trim()),
        format!("docker --log-level error push {target}"),
    ];
    let mut guide = format!("{IMAGE}```bash\ndocker tag pushme {target}\nprintf '#!/bin/sh\\ndocker push {target}\\n' > push.sh && chmod +x push.sh\n```\n\n");
    for form in &forms {
        guide.push_str(&format!("```console\n$ {form}\n? 1\n...\nError response from daemon: doccheck: pushes to {} are not allowed in this run ({target}:latest); map the host in the scenario's docker.registry.hosts, and nothing leaves this machine\n```\n\n", outside.address));
    }
    let test = Test::new().guide(&guide).private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let _out = test
        .stdout("...\ng.md: ok. 9 steps: 9 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    outside.assert_received_nothing();
    assert_nothing_left_in(&tmp, &before);
    assert!(
        !docker(&["images", "--format", "{{.Repository}}"]).contains("pushme"),
        "a tag of the run was left"
    );
}

#[test]
fn no_process_reads_the_users_credentials_and_no_request_carries_them() {
    let secret = "s3cr3t-token-of-the-user";
    let config = tempfile::tempdir().unwrap();
    let auth = "dXNlcjpzM2NyM3QtdG9rZW4tb2YtdGhlLXVzZXI="; // user:s3cr3t-token-of-the-user
    std::fs::write(
        config.path().join("config.json"),
        format!("{{\"auths\": {{\"https://index.docker.io/v1/\": {{\"auth\": \"{auth}\"}}, \"quay.io\": {{\"auth\": \"{auth}\"}}}}}}"),
    )
    .unwrap();
    let proxy = Proxy::start();
    let trace = tempfile::NamedTempFile::new().unwrap();
    let test = Test::new()
        .current_dir(crate::test::repo())
        .private_tmpdir()
        .env("DOCKER_CONFIG", &config.path().display().to_string())
        .env("DOCKER_HOST", &proxy.host());
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let command = test.command();
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let out = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=open,openat,openat2", "-o"])
        .arg(trace.path())
        .arg(program)
        .args(args)
        .arg("docs/docker.md")
        .envs(
            command
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .current_dir(crate::test::repo())
        .output()
        .expect("strace runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let opened = std::fs::read_to_string(trace.path()).unwrap();
    let config_path = config.path().display().to_string();
    let reads: Vec<&str> = opened
        .lines()
        .filter(|l| l.contains(&config_path))
        .collect();
    assert!(
        reads.is_empty(),
        "the user's Docker config was opened:\n{}",
        reads.join("\n")
    );
    let sent = proxy.seen();
    assert!(
        sent.contains("POST /v1."),
        "the proxy saw the run's requests"
    );
    assert!(
        !sent.contains(auth) && !sent.contains(secret),
        "a request carried the user's credentials"
    );
    drop(command);
    assert_nothing_left_in(&tmp, &before);
}

#[test]
fn objects_made_by_create_compose_and_scripts_are_removed() {
    let guide = format!(
        "{IMAGE}```console\n$ docker create --name made-by-create pushme > /dev/null\n$ cat > run.sh <<'EOF'\ndocker create --name made-by-script pushme\nEOF\n$ bash run.sh > /dev/null\n$ printf 'services:\\n  app:\\n    image: pushme\\nvolumes:\\n  data: {{}}\\n' > docker-compose.yml\n$ docker-compose -p dcproj up --no-start 2>&1 | grep -c Creating\n[..]\n$ docker ps -a --format '{{{{.Names}}}}' | sort\n...\nmade-by-create\n...\n```\n"
    );
    let test = Test::new().guide(&guide).private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let _out = test
        .stdout("...\ng.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    let names = docker(&["ps", "-a", "--format", "{{.Names}}"]);
    assert!(
        !names.contains("made-by") && !names.contains("dcproj"),
        "containers left: {names}"
    );
    let networks = docker(&["network", "ls", "--format", "{{.Name}}"]);
    assert!(!networks.contains("dcproj"), "networks left: {networks}");
    let volumes = docker(&["volume", "ls", "--format", "{{.Name}}"]);
    assert!(!volumes.contains("dcproj"), "volumes left: {volumes}");
    assert_nothing_left_in(&tmp, &before);
}

#[test]
fn an_interrupted_build_leaves_no_image() {
    let guide = "```bash\nmkdir big && cd big && echo a > a && head -c 400000000 /dev/zero > b\nprintf 'FROM scratch\\nCOPY a /a\\nCOPY b /b\\nCOPY a /c\\n' > Dockerfile\ndocker build -t interrupted .\n```\n";
    let test = Test::new().guide(guide).private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let mut child = test
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Until the first COPY made its image: then the second is under way.
    let started = Instant::now();
    loop {
        let records = std::fs::read_dir(tmp.join(crate::test::STATE_DIR).join("runs"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("docker-records"))
            .find(|p| p.exists());
        if records.is_some_and(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .contains("image ")
        }) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the build never got going"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    signal(child.id(), libc::SIGINT);
    assert_eq!(child.wait().unwrap().code(), Some(130));
    // The engine finishes the step under way after its client went away: what
    // it commits then must be gone too.
    std::thread::sleep(Duration::from_secs(3));
    assert_nothing_left_in(&tmp, &before);
    // Its images are the ones holding the 400 MB file (other runs on the
    // daemon make small ones).
    let dangling = docker(&["images", "-aq", "--filter", "dangling=true"]);
    let new: Vec<&str> = dangling
        .lines()
        .filter(|i| !before_has(&before, i))
        .filter(|i| {
            docker(&["image", "inspect", "--format", "{{.Size}}", i])
                .trim()
                .parse::<u64>()
                .is_ok_and(|size| size >= 400_000_000)
        })
        .collect();
    assert!(
        new.is_empty(),
        "images of the interrupted build were left: {new:?}"
    );
}

fn before_has(before: &Before, id: &str) -> bool {
    before.0.contains(id)
}

#[test]
fn two_runs_of_the_docker_guide_at_once_one_slowed_both_pass() {
    let guide = std::fs::read_to_string(crate::test::repo().join("docs/docker.md")).unwrap();
    let slowed = format!("```sh\nsleep 3\n```\n\n{guide}");
    let scenario = crate::test::repo()
        .join("scenarios/docker.yaml")
        .display()
        .to_string();
    let start = |text: &str| {
        let test = Test::new()
            .write("docs/docker.md", text)
            .private_tmpdir()
            .args(&["docs/docker.md", "--scenario", &scenario]);
        let child = test
            .command()
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (test, child)
    };
    let before = Before::now();
    let (fast_test, fast) = start(&guide);
    let (slow_test, slow) = start(&slowed);
    for (test, child) in [(fast_test, fast), (slow_test, slow)] {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(stdout.contains("docs/docker.md: ok."), "{stdout}");
        assert_nothing_left_in(&test.tmpdir_path().unwrap(), &before);
    }
}

#[test]
fn the_daemon_going_away_mid_step_is_reported_as_such() {
    let proxy = Proxy::start();
    let test = Test::new();
    let flag = test.path("first-done");
    // What the run makes before its engine goes: a container, a tag.
    let guide = format!(
        "{IMAGE}```sh\ndocker create --name held pushme > /dev/null && docker tag pushme kept && touch {}\n```\n\n```sh\nsleep 2\ndocker ps\n```\n",
        flag.display()
    );
    let test = test
        .guide(&guide)
        .env("DOCKER_HOST", &proxy.host())
        .private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let child = crate::test::spawn_until(&test, &flag);
    proxy.stop();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    crate::test::assert_matches(
        "stdout",
        &format!("...\n✗   3  g.md:[..]  sleep 2 (+1 more)  [..]s\n        $ docker ps  (line [..])\n        the Docker daemon at {} does not answer ([..])\n...\nnote: what could not be removed is recorded in [..]: the next doccheck run removes it\n...\n", proxy.host()),
        &stdout,
        &stdout,
    );
    // The run could not reach the engine to clean up: its container, tag and
    // marker are still there. Once the engine answers again, the next run
    // (any TMPDIR, the same state directory) removes them.
    let tmp_text = tmp.display().to_string();
    assert!(
        crate::docker::labelled()
            .iter()
            .any(|(_, _, lock)| lock.starts_with(&tmp_text)),
        "the run's objects were removed without an engine"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let _next = Test::new()
        .guide("```sh\ndocker version > /dev/null\n```\n")
        .env("TMPDIR", &elsewhere.path().display().to_string())
        .env(
            "DOCCHECK_STATE_DIR",
            &tmp.join(crate::test::STATE_DIR).display().to_string(),
        )
        .stdout("...\nnote: removed [..] leftover(s) of an earlier doccheck run that did not finish\n...\n")
        .run();
    assert_nothing_left_in(&tmp, &before);
    let tags = docker(&["images", "--format", "{{.Repository}}"]);
    assert!(!tags.contains("kept-dc"), "the tag was left: {tags}");
}

#[test]
fn a_registry_that_died_is_named_at_the_push_that_met_it() {
    // The registry is doccheck's, not the guide's: the guide asks the test
    // to kill it, and waits.
    let guide = format!(
        "{IMAGE}```sh\ndocker tag pushme myorg/pushme\ntouch ../kill-the-registry; while [ ! -e ../registry-killed ]; do sleep 0.1; done\n```\n\n```sh\ndocker push myorg/pushme\n```\n"
    );
    let test = Test::new()
        .write("docs/push.md", &guide)
        .write(
            "scenarios/push.yaml",
            "guides: [docs/push.md]\ndocker:\n  registry:\n    hosts: [docker.io]\n",
        )
        .private_tmpdir()
        .args(&["docs/push.md"]);
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let killer = {
        let tmp = tmp.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(60) {
                let asked = std::fs::read_dir(&tmp)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| p.join("kill-the-registry").exists());
                if let Some(workspace) = asked {
                    for pid in crate::docker::registries_under(&workspace) {
                        signal(pid.parse().unwrap(), libc::SIGKILL);
                    }
                    std::thread::sleep(Duration::from_millis(300));
                    std::fs::write(workspace.join("registry-killed"), "").unwrap();
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    let _out = test
        .status(1)
        .stdout("...\n✗   3  docs/push.md:12  docker push myorg/pushme  [..]s\n        $ docker push myorg/pushme  (line 13)\n        ran as: docker push 127.0.0.1:[..]/myorg/pushme\n        the run's registry on 127.0.0.1:[..] exited ([..]) before the push finished[..]\n...\n")
        .run();
    killer.join().unwrap();
    assert_nothing_left_in(&tmp, &before);
}

#[test]
fn a_build_carries_no_label_and_two_at_once_are_two_images() {
    // A build carries nothing of doccheck's (no label step), and the guide's
    // volumes are its own.
    let alone = format!(
        "{IMAGE}```console\n$ docker image inspect --format '{{{{json .Config.Labels}}}}' pushme\nnull\n$ docker volume ls -q | grep doccheck || echo none\nnone\n```\n"
    );
    let test = Test::new().guide(&alone).private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let _out = test
        .stdout("...\ng.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    assert_nothing_left_in(&tmp, &before);

    // Two runs at once building the same Dockerfile: two images, each run's own.
    let test = Test::new().private_tmpdir();
    let barrier = test.path("barrier").display().to_string();
    std::fs::create_dir_all(&barrier).unwrap();
    let guide = format!(
        "{IMAGE}```console\n$ touch {barrier}/$$; for i in $(seq 600); do [ \"$(ls {barrier} | wc -l)\" -ge 2 ] && break; sleep 0.1; done\n$ docker image inspect --format '{{{{.Id}}}}' pushme\nsha256:[..]\n$ docker images --format '{{{{.Repository}}}}' | grep -c pushme\n1\n```\n"
    );
    let test = test.write("a.md", &guide).write("b.md", &guide);
    let tmp = test.tmpdir_path().unwrap();
    let out = test
        .args(&["a.md", "b.md", "-j", "2", "--format", "json"])
        .stdout("...\n")
        .run();
    let ids: Vec<String> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|run| {
            assert_eq!(run["verdict"], "passed", "{run}");
            let inspect = run["steps"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| s["commands"].as_array().unwrap())
                .find(|c| c["documented"].as_str().unwrap().contains("{{.Id}}"))
                .unwrap();
            inspect["output"].as_str().unwrap().trim().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1], "both runs' builds are one image");
    assert_nothing_left_in(&tmp, &before);
}
