//! HTTP/1.1 probe against a real server in this process.

mod support;

use std::time::{Duration, Instant};

use doccheck_probe::{http, http_request, ProbeErrorKind};
use support::{closed_port, closing_listener, grpc_server, http_server, silent_listener, Health};

const T: Duration = Duration::from_secs(5);

#[test]
fn status_200_is_ready_with_a_description() {
    let base = http_server();
    let url = format!("{base}/");
    assert_eq!(http(&url, None, T).unwrap(), format!("HTTP 200 from {url}"));
    assert_eq!(
        http(&url, Some(200), T).unwrap(),
        format!("HTTP 200 from {url}")
    );
    // no path at all: the request goes to "/"
    assert!(http(&base, None, T).unwrap().starts_with("HTTP 200 "));
}

#[test]
fn any_2xx_or_3xx_is_ready_without_an_expectation() {
    let base = http_server();
    assert!(http(&format!("{base}/empty"), None, T)
        .unwrap()
        .starts_with("HTTP 204 "));
    assert!(http(&format!("{base}/moved"), None, T)
        .unwrap()
        .starts_with("HTTP 301 "));
    assert_eq!(
        http(&format!("{base}/empty"), Some(204), T).unwrap(),
        format!("HTTP 204 from {base}/empty")
    );
}

#[test]
fn status_200_when_204_is_expected_is_failed() {
    let base = http_server();
    let e = http(&format!("{base}/"), Some(204), T).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("HTTP 200"), "{e}");
    assert!(e.message.contains("expected 204"), "{e}");
}

#[test]
fn status_404_is_failed() {
    let base = http_server();
    let e = http(&format!("{base}/missing"), None, T).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("HTTP 404"), "{e}");
}

#[test]
fn status_503_is_not_ready() {
    let base = http_server();
    let e = http(&format!("{base}/starting"), Some(200), T).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(e.message.contains("HTTP 503"), "{e}");
    // but 503 is ready when it is what the guide expects
    assert!(http(&format!("{base}/starting"), Some(503), T).is_ok());
}

#[test]
fn the_method_is_sent() {
    let base = http_server();
    let url = format!("{base}/head-only");
    assert!(http_request("HEAD", &url, Some(200), T).is_ok());
    let e = http(&url, Some(200), T).unwrap_err();
    assert!(e.message.contains("HTTP 405"), "{e}");
    let e = http_request("GE T", &url, None, T).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
}

#[test]
fn connection_refused_is_not_ready_quickly() {
    let url = format!("http://{}/", closed_port());
    let start = Instant::now();
    let e = http(&url, None, T).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(e.message.contains(&url), "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_listener_that_never_answers_is_not_ready_within_the_timeout() {
    let url = format!("http://{}/", silent_listener());
    let timeout = Duration::from_millis(600);
    let start = Instant::now();
    let e = http(&url, None, timeout).unwrap_err();
    let elapsed = start.elapsed();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(e.message.contains("nothing came back"), "{e}");
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
    assert!(elapsed < timeout + Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn a_listener_that_closes_at_once_is_not_ready() {
    let url = format!("http://{}/", closing_listener());
    let e = http(&url, None, T).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
}

#[test]
fn an_http2_only_server_is_failed() {
    let addr = grpc_server(Health::Serving);
    let e = http(&format!("http://{addr}/"), None, T).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("not HTTP/1.x"), "{e}");
}

#[test]
fn unusable_urls_are_failed() {
    for url in [
        "https://127.0.0.1:1/",
        "ftp://x/",
        "http://:80/",
        "http://x:99999/",
    ] {
        let e = http(url, None, T).unwrap_err();
        assert_eq!(e.kind, ProbeErrorKind::Failed, "{url}: {e}");
    }
}
