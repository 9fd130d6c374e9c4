//! HTTP/1.1 probe, hand-written over a blocking `std::net::TcpStream`.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::{fmt_duration, ProbeError};

/// The longest status line we wait for before giving up on the answer.
const MAX_STATUS_LINE: usize = 8 * 1024;

/// HTTP/1.1 `GET` to `url`: see [`http_request`].
pub fn http(
    url: &str,
    expect_status: Option<u16>,
    timeout: Duration,
) -> Result<String, ProbeError> {
    http_request("GET", url, expect_status, timeout)
}

/// One HTTP/1.1 request (`method`, e.g. "GET" or "HEAD") to an `http://` URL.
///
/// Ready when a response status line arrives whose status is `expect_status`,
/// or any 2xx/3xx status when `expect_status` is `None`. Only the status line
/// is read; the body is not. Returns a one-line description such as
/// `HTTP 200 from http://127.0.0.1:5000/`.
///
/// Errors:
/// * `NotReady`: connection refused or reset, the connection closed before a
///   status line, nothing within `timeout`, or a 502/503/504 status that was
///   not the expected one (a proxy or the server says "not yet").
/// * `Failed`: another unexpected status, an answer that is not HTTP/1.x
///   (e.g. an HTTP/2-only server), a malformed or `https://` URL, a host
///   name that does not resolve.
pub fn http_request(
    method: &str,
    url: &str,
    expect_status: Option<u16>,
    timeout: Duration,
) -> Result<String, ProbeError> {
    let now = Instant::now();
    // a huge timeout means "no limit" rather than a panic
    let deadline = now
        .checked_add(timeout)
        .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 24 * 3600));
    if method.is_empty() || !method.bytes().all(is_token_byte) {
        return Err(ProbeError::failed(format!(
            "{method:?} is not a valid HTTP method."
        )));
    }
    let target = parse_url(url)?;
    let addrs = resolve(&target, url)?;

    let mut stream = connect(&addrs, deadline, timeout, url)?;
    let _ = stream.set_nodelay(true);

    let request = format!(
        "{method} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: doccheck-probe/{}\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        target.path,
        target.host_header,
        env!("CARGO_PKG_VERSION")
    );
    let timed_out = || {
        ProbeError::not_ready(format!(
            "No HTTP answer from {url} within {}: the connection was accepted but nothing came back.",
            fmt_duration(timeout)
        ))
    };
    let io_failed = |e: io::Error| {
        if is_timeout(&e) {
            timed_out()
        } else {
            ProbeError::not_ready(format!(
                "The connection to {url} failed before an answer: {e}."
            ))
        }
    };

    set_timeouts(&stream, deadline).ok_or_else(timed_out)?;
    stream.write_all(request.as_bytes()).map_err(io_failed)?;

    let mut buf: Vec<u8> = Vec::with_capacity(512);
    let mut chunk = [0u8; 1024];
    let line_end = loop {
        if let Some(pos) = buf.iter().position(|&b| b == b'\n') {
            break pos;
        }
        check_looks_like_http(&buf, url)?;
        if buf.len() > MAX_STATUS_LINE {
            return Err(ProbeError::failed(format!(
                "{url} sent more than {MAX_STATUS_LINE} bytes without ending its status line."
            )));
        }
        set_timeouts(&stream, deadline).ok_or_else(timed_out)?;
        match stream.read(&mut chunk) {
            Ok(0) => {
                return Err(ProbeError::not_ready(if buf.is_empty() {
                    format!("{url} closed the connection without answering.")
                } else {
                    format!("{url} closed the connection in the middle of its status line.")
                }))
            }
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_failed(e)),
        }
    };
    check_looks_like_http(&buf, url)?;
    let line = String::from_utf8_lossy(&buf[..line_end]);
    let line = line.trim_end_matches('\r');
    let status = parse_status_line(line).ok_or_else(|| {
        ProbeError::failed(format!(
            "{url} answered with a malformed status line: {:?}.",
            truncate(line, 80)
        ))
    })?;

    let ready = match expect_status {
        Some(s) => status == s,
        None => (200..400).contains(&status),
    };
    let expected = match expect_status {
        Some(s) => format!("expected {s}"),
        None => "expected a 2xx or 3xx status".to_string(),
    };
    if ready {
        Ok(format!("HTTP {status} from {url}"))
    } else if matches!(status, 502..=504) {
        Err(ProbeError::not_ready(format!(
            "HTTP {status} from {url} ({expected}): the server, or a proxy in front of it, is not ready yet."
        )))
    } else {
        Err(ProbeError::failed(format!(
            "HTTP {status} from {url}, {expected}."
        )))
    }
}

struct Target {
    host: String,
    port: u16,
    host_header: String,
    path: String,
}

fn parse_url(url: &str) -> Result<Target, ProbeError> {
    let bad = |why: &str| ProbeError::failed(format!("{url:?} is not a usable URL: {why}."));
    let trimmed = url.trim();
    let rest = match trimmed.find("://") {
        Some(i) => {
            let scheme = &trimmed[..i];
            if scheme.eq_ignore_ascii_case("http") {
                &trimmed[i + 3..]
            } else if scheme.eq_ignore_ascii_case("https") {
                return Err(ProbeError::failed(format!(
                    "{url} uses https, which this probe does not support (plain http:// only)."
                )));
            } else {
                return Err(bad(&format!("the scheme {scheme:?} is not http")));
            }
        }
        None => trimmed,
    };
    let split = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(split);
    let authority = match authority.rfind('@') {
        Some(i) => &authority[i + 1..],
        None => authority,
    };
    let tail = tail.split('#').next().unwrap_or("");
    let path = if tail.is_empty() {
        "/".to_string()
    } else if tail.starts_with('?') {
        format!("/{tail}")
    } else {
        tail.to_string()
    };
    if path.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(bad("the path contains spaces or control characters"));
    }
    if authority.is_empty() {
        return Err(bad("there is no host"));
    }
    let (host, port) = if let Some(after_bracket) = authority.strip_prefix('[') {
        let close = after_bracket
            .find(']')
            .ok_or_else(|| bad("the IPv6 address has no closing ']'"))?;
        let host = &after_bracket[..close];
        let after = &after_bracket[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(bad("unexpected text after the IPv6 address")),
        };
        (host, port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() || host.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(bad("the host is empty or contains spaces"));
    }
    let port = match port {
        None => 80,
        Some(p) => match p.parse::<u16>() {
            Ok(p) if p != 0 => p,
            _ => return Err(bad(&format!("{p:?} is not a port number"))),
        },
    };
    Ok(Target {
        host: host.to_string(),
        port,
        host_header: authority.to_string(),
        path,
    })
}

fn resolve(target: &Target, url: &str) -> Result<Vec<SocketAddr>, ProbeError> {
    match (target.host.as_str(), target.port).to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            if addrs.is_empty() {
                Err(ProbeError::failed(format!(
                    "The host {:?} of {url} has no address.",
                    target.host
                )))
            } else {
                Ok(addrs)
            }
        }
        Err(e) => Err(ProbeError::failed(format!(
            "The host {:?} of {url} does not resolve: {e}.",
            target.host
        ))),
    }
}

fn connect(
    addrs: &[SocketAddr],
    deadline: Instant,
    timeout: Duration,
    url: &str,
) -> Result<TcpStream, ProbeError> {
    let mut last: Option<io::Error> = None;
    for addr in addrs {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            break;
        }
        match TcpStream::connect_timeout(addr, remaining) {
            Ok(s) => return Ok(s),
            Err(e) => last = Some(e),
        }
    }
    match last {
        Some(e) if !is_timeout(&e) => Err(ProbeError::not_ready(format!(
            "Could not connect to {url}: {e}."
        ))),
        _ => Err(ProbeError::not_ready(format!(
            "Could not connect to {url} within {}.",
            fmt_duration(timeout)
        ))),
    }
}

/// Sets read and write timeouts to what is left until `deadline`; `None` when
/// nothing is left.
fn set_timeouts(stream: &TcpStream, deadline: Instant) -> Option<()> {
    let remaining = deadline.saturating_duration_since(Instant::now());
    if remaining.is_zero() {
        return None;
    }
    stream.set_read_timeout(Some(remaining)).ok()?;
    stream.set_write_timeout(Some(remaining)).ok()?;
    Some(())
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

/// Fails as soon as the first bytes cannot be the start of "HTTP/".
fn check_looks_like_http(buf: &[u8], url: &str) -> Result<(), ProbeError> {
    const PREFIX: &[u8] = b"HTTP/";
    let n = buf.len().min(PREFIX.len());
    if buf[..n].eq_ignore_ascii_case(&PREFIX[..n]) {
        return Ok(());
    }
    let hint = if buf.len() >= 9 && buf[3] == 0x04 {
        " (it looks like HTTP/2 frames: an HTTP/2-only server?)"
    } else {
        ""
    };
    Err(ProbeError::failed(format!(
        "{url} answered with something that is not HTTP/1.x, starting {}{hint}.",
        escape_bytes(&buf[..buf.len().min(24)])
    )))
}

fn parse_status_line(line: &str) -> Option<u16> {
    let mut parts = line.splitn(3, ' ');
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code: u16 = code.parse().ok()?;
    (100..=999).contains(&code).then_some(code)
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn escape_bytes(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for &b in bytes {
        s.extend(std::ascii::escape_default(b).map(char::from));
    }
    s.push('"');
    s
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}...")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse() {
        let t = parse_url("http://127.0.0.1:5000/v2/_catalog?n=1#frag").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("127.0.0.1", 5000));
        assert_eq!(t.path, "/v2/_catalog?n=1");
        assert_eq!(t.host_header, "127.0.0.1:5000");

        let t = parse_url("http://[::1]:8080").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("::1", 8080, "/")
        );

        let t = parse_url("localhost?x").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("localhost", 80, "/?x")
        );

        for bad in [
            "https://x/",
            "ftp://x/",
            "http://",
            "http://x:99999/",
            "http://x:/",
            "http://[::1/",
            "http://x/a b",
            "",
        ] {
            let e = match parse_url(bad) {
                Ok(_) => panic!("{bad:?} parsed"),
                Err(e) => e,
            };
            assert!(e.is_failed(), "{bad:?}: {e}");
        }
    }

    #[test]
    fn status_lines_parse() {
        assert_eq!(parse_status_line("HTTP/1.1 204 No Content"), Some(204));
        assert_eq!(parse_status_line("HTTP/1.0 200"), Some(200));
        assert_eq!(parse_status_line("HTTP/1.1 20 OK"), None);
        assert_eq!(parse_status_line("SSH-2.0-OpenSSH"), None);
    }

    #[test]
    fn non_http_bytes_are_failed_early() {
        assert!(check_looks_like_http(b"HT", "u").is_ok());
        assert!(check_looks_like_http(b"", "u").is_ok());
        let e = check_looks_like_http(b"\x00\x00\x12\x04\x00\x00\x00\x00\x00", "u").unwrap_err();
        assert!(e.is_failed() && e.message.contains("HTTP/2"), "{e}");
    }
}
