//! `--retries N`: a step is tried again only when the machine failed it (a
//! service no probe ever reached, a port taken meanwhile), never for an exit
//! code or output that differs; a step that passed on a retry is flaky in
//! every report, and the run passes.

use crate::test::Test;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server that, the first time, hangs before it listens (a slow machine),
/// and the second time serves at once.
fn slow_first_start(port: u16) -> Test {
    Test::new()
        .write(
            "docs/serve.md",
            format!("```bash\nif [ -e .tried ]; then exec python3 -m http.server {port} --bind 127.0.0.1; else touch .tried; sleep 60; fi\n```\n\n```console\n$ test -e .tried && echo tried\ntried\n```\n"),
        )
        .write(
            "scenarios/serve.yaml",
            format!("guides: [docs/serve.md]\nblocks:\n  - pattern: tried\n    occurrence: 1\n    service:\n      ready-timeout: 2s\n      probes:\n        - http: {{port: {port}, path: /, status: 200}}\n"),
        )
}

#[test]
fn a_service_the_machine_kept_from_starting_passes_on_a_retry_as_flaky() {
    let port = free_port();
    let out = slow_first_start(port)
        .args(&["docs/serve.md", "--retries", "1", "--junit", "out.xml"])
        .stdout(
            "doccheck docs/serve.md with scenarios/serve.yaml: 2 steps
✓   1  docs/serve.md:1  [..]  [..]s
        flaky: passed on attempt 2 of 2, after the machine failed it:
        │ attempt 1: [..] was not ready after 2s[..]
...
docs/serve.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    let xml = std::fs::read_to_string(out.path("out.xml")).unwrap();
    assert!(
        xml.contains("<flakyFailure type=\"infrastructure\" message=\""),
        "{xml}"
    );
    assert!(!xml.contains("<failure"), "{xml}");
    crate::test::assert_valid_junit(&out.path("out.xml"));
    assert!(crate::test::processes_with(&format!("http.server {port}")).is_empty());

    // In JSON: the attempt's failure, and the step flaky.
    let port = free_port();
    let out = slow_first_start(port)
        .args(&["docs/serve.md", "--retries", "1", "--format", "json"])
        .stdout("{[..]\"verdict\":\"passed\"[..]\"attempts\":[{\"failure\":{\"kind\":\"service-not-ready\",[..]\"flaky\":true[..]}\n")
        .run();
    drop(out);
    // Without --retries, the same machine fails it.
    slow_first_start(free_port())
        .args(&["docs/serve.md"])
        .status(1)
        .stdout("...\ndocs/serve.md: FAILED. [..]\n")
        .run();
}

#[test]
fn an_exit_code_or_output_that_differs_is_never_retried() {
    let out = Test::new()
        .write("g.md", "```console\n$ echo $RANDOM-$$ > /dev/null; date +%N >> tries; wc -l < tries\n0\n```\n\n```sh\nfalse\n```\n")
        .args(&["g.md", "--retries", "3", "--keep-going", "--format", "json"])
        .status(1)
        .stdout("...\n")
        .run();
    assert!(!out.stdout.contains("\"attempts\""), "{}", out.stdout);
    assert!(!out.stdout.contains("\"flaky\""), "{}", out.stdout);
    // The command ran once: its output says 1 line in `tries`.
    assert!(out.stdout.contains("\"output\":\"1\\n\""), "{}", out.stdout);
}

#[test]
fn a_port_taken_meanwhile_is_retried_and_still_fails_when_it_stays_taken() {
    let (holder, port) = bound_not_listening();
    let out = Test::new()
        .write("docs/serve.md", format!("```bash\nexec python3 -m http.server {port} --bind 127.0.0.1\n```\n"))
        .write(
            "scenarios/serve.yaml",
            format!("guides: [docs/serve.md]\nblocks:\n  - pattern: http.server\n    service:\n      ready-timeout: 10s\n      probes:\n        - http: {{port: {port}, path: /, status: 200}}\n"),
        )
        .args(&["docs/serve.md", "--retries", "2", "--format", "json"])
        .status(1)
        .stdout("{[..]\"verdict\":\"failed\"[..]}\n")
        .run();
    unsafe { libc::close(holder) };
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let step = &doc["steps"][0];
    // Tried three times: two failed attempts kept, then the last one's failure.
    assert_eq!(step["attempts"].as_array().map(Vec::len), Some(2), "{step}");
    assert_eq!(step["attempts"][0]["failure"]["kind"], "service-exited");
    assert_eq!(step["failure"]["kind"], "service-exited");
    assert_eq!(step["status"], "failed");
    assert!(
        out.stdout.contains("Address already in use"),
        "{}",
        out.stdout
    );
}

/// A TCP port held (bound) by this process but not listening: the server's
/// bind fails with "Address already in use", and probes are refused at once
/// rather than left hanging by a listener that never answers.
fn bound_not_listening() -> (i32, u16) {
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
        assert!(fd >= 0);
        let mut addr: libc::sockaddr_in = std::mem::zeroed();
        addr.sin_family = libc::AF_INET as libc::sa_family_t;
        addr.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
        let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        assert_eq!(
            libc::bind(fd, &addr as *const _ as *const libc::sockaddr, len),
            0
        );
        let mut bound: libc::sockaddr_in = std::mem::zeroed();
        let mut bound_len = len;
        assert_eq!(
            libc::getsockname(
                fd,
                &mut bound as *mut _ as *mut libc::sockaddr,
                &mut bound_len
            ),
            0
        );
        (fd, u16::from_be(bound.sin_port))
    }
}
