//! SIGINT and SIGTERM: the run stops, the guide's whole process tree is
//! killed (background jobs and `setsid` daemons too), everything is cleaned
//! up, every report is written, and the exit code is 130 or 143.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::test::{signal, Test};

/// Starts doccheck on `guide` and waits until `ready` exists.
fn start(test: &Test, ready: &std::path::Path) -> std::process::Child {
    let child = test
        .command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !ready.exists() {
        assert!(
            started.elapsed().as_secs() < 30,
            "the guide never got ready"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    child
}

fn stop(mut child: std::process::Child, signal_number: i32) -> (Option<i32>, String) {
    signal(child.id(), signal_number);
    let started = Instant::now();
    let status = child.wait().unwrap();
    assert!(started.elapsed().as_secs() < 30);
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    (status.code(), stdout)
}

/// The guide's processes, as this machine sees them: those that carry the
/// variable the guide exports, whatever pids they had (a `setsid` daemon's
/// children included).
fn guide_processes(dir: &std::path::Path) -> Vec<String> {
    crate::test::processes_with(&format!("DCTEST_MARK={}", dir.display()))
}

fn guide(dir: &std::path::Path) -> String {
    format!(
        "```sh\nexport DCTEST_MARK={d}\npwd > {d}/ws.txt\nsleep 300 &\necho $! > {d}/job.pid\nsetsid sh -c 'echo $$ > {d}/daemon.pid; exec sleep 301' &
while [ ! -s {d}/daemon.pid ]; do sleep 0.05; done\ntouch {d}/ready\n```\n\n```sh\nsleep 302\n```\n",
        d = dir.display()
    )
}

fn assert_all_stopped(test_dir: &std::path::Path) {
    // Killed, a process still takes a moment to go (longer on a busy machine).
    let started = Instant::now();
    let mut left = guide_processes(test_dir);
    while !left.is_empty() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
        left = guide_processes(test_dir);
    }
    assert!(left.is_empty(), "processes survived the run: {left:?}");
    let ws = std::fs::read_to_string(test_dir.join("ws.txt")).unwrap();
    assert!(
        !std::path::Path::new(ws.trim()).exists(),
        "workspace {ws} left behind"
    );
}

#[test]
fn sigterm_stops_the_run_kills_its_processes_and_writes_the_reports() {
    let test = Test::new();
    let dir = test.path("");
    let test = test
        .guide(&guide(&dir))
        .args(&["g.md", "--junit", "out.xml"]);
    let child = start(&test, &dir.join("ready"));
    assert!(guide_processes(&dir).len() >= 3, "the guide's jobs run");
    let (code, stdout) = stop(child, libc::SIGTERM);
    assert_eq!(code, Some(143), "{stdout}");
    crate::test::assert_matches(
        "stdout",
        "doccheck g.md: 2 steps
✓   1  g.md:1  export DCTEST_MARK=[..] (+6 more)  [..]s
✗   2  g.md:11  sleep 302  [..]s
        $ sleep 302  (line 12)
        interrupted (SIGTERM)
g.md: INTERRUPTED. 2 steps: 1 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        &stdout,
        &stdout,
    );
    let xml = std::fs::read_to_string(dir.join("out.xml")).unwrap();
    assert!(xml.contains("interrupted (SIGTERM)"), "{xml}");
    assert_all_stopped(&dir);
}

#[test]
fn ctrl_c_stops_the_run_and_cleans_up() {
    let test = Test::new();
    let dir = test.path("");
    let test = test.guide(&guide(&dir));
    let child = start(&test, &dir.join("ready"));
    assert!(guide_processes(&dir).len() >= 3, "the guide's jobs run");
    let (code, stdout) = stop(child, libc::SIGINT);
    assert_eq!(code, Some(130), "{stdout}");
    assert!(stdout.contains("interrupted (Ctrl-C)"), "{stdout}");
    assert_all_stopped(&dir);
}

#[test]
fn background_jobs_are_stopped_when_the_run_ends() {
    let test = Test::new();
    let dir = test.path("");
    // The test looks while the run is still on: the last step waits for it.
    let looked = dir.join("looked");
    let watcher = {
        let (dir, looked) = (dir.clone(), looked.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            while !dir.join("ws.txt").exists() && started.elapsed().as_secs() < 30 {
                std::thread::sleep(Duration::from_millis(20));
            }
            let running = guide_processes(&dir).len();
            std::fs::write(&looked, "").unwrap();
            running
        })
    };
    let _out = test.guide(&format!(
        "```sh\nexport DCTEST_MARK={d}\nsleep 300 &\necho $! > {d}/job.pid\nsetsid sh -c 'echo $$ > {d}/daemon.pid; exec sleep 301' &
while [ ! -s {d}/daemon.pid ]; do sleep 0.05; done\npwd > {d}/ws.txt\nwhile [ ! -e {l} ]; do sleep 0.05; done\n```\n",
        l = looked.display(),
        d = dir.display()
    ))
    .stdout("...\ng.md: ok. [..]\n")
    .run();
    // The job and the daemon (the loop's `sleep 0.05` may be between two
    // of its runs when the test looks).
    assert!(watcher.join().unwrap() >= 2, "the guide's jobs ran");
    assert_all_stopped(&dir);
}
