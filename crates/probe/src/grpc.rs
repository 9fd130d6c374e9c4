//! gRPC over HTTP/2 cleartext with prior knowledge, on the `h2` crate and a
//! current-thread tokio runtime made for each attempt.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use h2::Reason;
use http::{HeaderMap, Request, StatusCode, Uri};

use crate::tls::Tls;
use crate::{fmt_duration, ProbeError};

/// Largest answer body we accept.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// The name of a gRPC status code, e.g. `5` → `"NOT_FOUND"`.
pub fn grpc_status_name(code: u32) -> &'static str {
    match code {
        0 => "OK",
        1 => "CANCELLED",
        2 => "UNKNOWN",
        3 => "INVALID_ARGUMENT",
        4 => "DEADLINE_EXCEEDED",
        5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS",
        7 => "PERMISSION_DENIED",
        8 => "RESOURCE_EXHAUSTED",
        9 => "FAILED_PRECONDITION",
        10 => "ABORTED",
        11 => "OUT_OF_RANGE",
        12 => "UNIMPLEMENTED",
        13 => "INTERNAL",
        14 => "UNAVAILABLE",
        15 => "DATA_LOSS",
        16 => "UNAUTHENTICATED",
        _ => "UNKNOWN_CODE",
    }
}

/// The outcome of a call that got a gRPC answer (any `grpc-status`).
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u32,
    pub message: String,
    /// The first response message, without its 5-byte prefix.
    pub payload: Option<Bytes>,
}

impl Reply {
    /// "grpc-status 5 (NOT_FOUND): message"
    pub fn status_text(&self) -> String {
        let mut s = format!(
            "grpc-status {} ({})",
            self.status,
            grpc_status_name(self.status)
        );
        if !self.message.is_empty() {
            s.push_str(": ");
            s.push_str(&self.message);
        }
        s
    }
}

const HEALTH_CHECK: &str = "/grpc.health.v1.Health/Check";

#[derive(Clone, PartialEq, prost::Message)]
struct HealthCheckRequest {
    #[prost(string, tag = "1")]
    service: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct HealthCheckResponse {
    #[prost(int32, tag = "1")]
    status: i32,
}

/// gRPC health check: `grpc.health.v1.Health/Check` with request
/// `{service}` (empty for the whole server), over HTTP/2 cleartext with prior
/// knowledge, to `authority` ("127.0.0.1:5000"; an `http://` prefix is
/// accepted).
///
/// * `Ok("SERVING")` when the status is `SERVING`.
/// * `Ok(description)` when the server answers `grpc-status 12`
///   (UNIMPLEMENTED): it has no health service, but a gRPC server is there.
/// * `NotReady` for `NOT_SERVING`, `UNKNOWN`, `SERVICE_UNKNOWN`,
///   `grpc-status 5` (NOT_FOUND: the service is not registered with the
///   health service, which servers often do just after they start),
///   `grpc-status 14` (UNAVAILABLE), and every connection-level "nothing
///   yet" (refused, reset, closed, timeout).
/// * `Failed` for other gRPC statuses and for answers that are not gRPC.
pub fn grpc_health(
    authority: &str,
    service: &str,
    timeout: Duration,
    tls: Option<&Tls>,
) -> Result<String, ProbeError> {
    use prost::Message;
    let request = HealthCheckRequest {
        service: service.to_string(),
    }
    .encode_to_vec();
    let reply = call(authority, HEALTH_CHECK, &request, timeout, tls)?;
    let addr = normalize_authority(authority)?;
    let what = if service.is_empty() {
        format!("The health of {addr}")
    } else {
        format!("The health of service {service:?} at {addr}")
    };
    match reply.status {
        0 => {
            let payload = reply.payload.ok_or_else(|| {
                ProbeError::failed(format!(
                    "{addr} answered the health check with grpc-status 0 but no message."
                ))
            })?;
            let answer = HealthCheckResponse::decode(payload).map_err(|e| {
                ProbeError::failed(format!(
                    "{addr} answered the health check with a message that is not a HealthCheckResponse: {e}."
                ))
            })?;
            match answer.status {
                1 => Ok("SERVING".to_string()),
                0 => Err(ProbeError::not_ready(format!("{what} is UNKNOWN."))),
                2 => Err(ProbeError::not_ready(format!("{what} is NOT_SERVING."))),
                3 => Err(ProbeError::not_ready(format!("{what} is SERVICE_UNKNOWN."))),
                n => Err(ProbeError::failed(format!(
                    "{addr} answered the health check with an unknown serving status {n}."
                ))),
            }
        }
        12 => Ok(format!(
            "gRPC server at {addr} is up: it answered UNIMPLEMENTED to grpc.health.v1.Health/Check (it has no health service)"
        )),
        5 | 14 => Err(ProbeError::not_ready(format!(
            "{addr} answered the health check with {}.",
            reply.status_text()
        ))),
        _ => Err(ProbeError::failed(format!(
            "{addr} answered the health check with {}.",
            reply.status_text()
        ))),
    }
}

#[derive(Clone, Copy)]
enum Stage {
    Connecting,
    Waiting,
    Reading,
}

/// Normalises "127.0.0.1:5000", "http://127.0.0.1:5000/" to "127.0.0.1:5000".
pub(crate) fn normalize_authority(authority: &str) -> Result<String, ProbeError> {
    let a = authority.trim();
    let a = if a.len() >= 8 && a[..8].eq_ignore_ascii_case("https://") {
        return Err(ProbeError::failed(format!(
            "{authority}: give the address as host:port, and the probe `tls:` to speak TLS."
        )));
    } else if a.len() >= 7 && a[..7].eq_ignore_ascii_case("http://") {
        &a[7..]
    } else {
        a
    };
    let a = a.trim_end_matches('/');
    let bad = || {
        ProbeError::failed(format!(
            "{authority:?} is not a host:port address (e.g. 127.0.0.1:5000)."
        ))
    };
    let port = if a.starts_with('[') {
        a.rsplit_once("]:").map(|(_, p)| p)
    } else {
        a.rsplit_once(':').map(|(_, p)| p)
    };
    match port.map(str::parse::<u16>) {
        Some(Ok(p)) if p != 0 => {}
        _ => return Err(bad()),
    }
    if a.contains(['/', '?', '#', '@', ' ']) {
        return Err(bad());
    }
    Ok(a.to_string())
}

/// One unary gRPC call: POST `path` (e.g. "/pkg.Svc/Method") with `message`
/// (protobuf bytes, unframed) to `authority`, within `timeout`.
pub(crate) fn call(
    authority: &str,
    path: &str,
    message: &[u8],
    timeout: Duration,
    tls: Option<&Tls>,
) -> Result<Reply, ProbeError> {
    let authority = normalize_authority(authority)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let uri: Uri = format!("{scheme}://{authority}{path}")
        .parse()
        .map_err(|_| {
            ProbeError::failed(format!(
                "{scheme}://{authority}{path} is not a valid request URI."
            ))
        })?;
    let mut framed = BytesMut::with_capacity(5 + message.len());
    framed.extend_from_slice(&[0]);
    let len = u32::try_from(message.len())
        .map_err(|_| ProbeError::failed("The request message is larger than 4 GiB."))?;
    framed.extend_from_slice(&len.to_be_bytes());
    framed.extend_from_slice(message);

    let stage = Cell::new(Stage::Connecting);
    let result = block_on_with_timeout(
        timeout,
        exchange(&authority, uri, framed.freeze(), timeout, &stage, tls),
    );
    match result? {
        Some(r) => r,
        None => Err(ProbeError::not_ready(match stage.get() {
            Stage::Connecting => format!(
                "Could not connect to {authority} within {}.",
                fmt_duration(timeout)
            ),
            Stage::Waiting => format!(
                "No gRPC answer from {authority} within {}: the connection was accepted but nothing came back.",
                fmt_duration(timeout)
            ),
            Stage::Reading => format!(
                "The gRPC answer from {authority} did not finish within {}.",
                fmt_duration(timeout)
            ),
        })),
    }
}

/// Runs `fut` on a fresh current-thread runtime; `Ok(None)` on timeout.
fn block_on_with_timeout<F: Future>(
    timeout: Duration,
    fut: F,
) -> Result<Option<F::Output>, ProbeError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| ProbeError::failed(format!("Could not start an I/O runtime: {e}.")))?;
    let out = rt.block_on(async { tokio::time::timeout(timeout, fut).await.ok() });
    // Do not wait for a name lookup that may still run on the blocking pool.
    rt.shutdown_background();
    Ok(out)
}

async fn exchange(
    authority: &str,
    uri: Uri,
    body: Bytes,
    timeout: Duration,
    stage: &Cell<Stage>,
    tls: Option<&Tls>,
) -> Result<Reply, ProbeError> {
    stage.set(Stage::Connecting);
    let tcp = tokio::net::TcpStream::connect(authority)
        .await
        .map_err(|e| connect_error(authority, e))?;
    let _ = tcp.set_nodelay(true);
    stage.set(Stage::Waiting);
    match tls {
        Some(tls) => {
            let stream = tls.connect(authority, tcp).await?;
            over(stream, authority, uri, body, timeout, stage).await
        }
        None => over(tcp, authority, uri, body, timeout, stage).await,
    }
}

/// The gRPC exchange over a connected stream (cleartext or TLS).
async fn over<T>(
    io: T,
    authority: &str,
    uri: Uri,
    body: Bytes,
    timeout: Duration,
    stage: &Cell<Stage>,
) -> Result<Reply, ProbeError>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (client, connection) = h2::client::Builder::new()
        .handshake::<_, Bytes>(io)
        .await
        .map_err(|e| h2_error(authority, e))?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await.map_err(|e| h2_error(authority, e))?;

    let request = Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("grpc-timeout", grpc_timeout(timeout))
        .header(
            "user-agent",
            concat!("doccheck-probe/", env!("CARGO_PKG_VERSION")),
        )
        .body(())
        .map_err(|e| ProbeError::failed(format!("Could not build the gRPC request: {e}.")))?;
    let (response, mut send) = client
        .send_request(request, false)
        .map_err(|e| h2_error(authority, e))?;
    send.send_data(body, true)
        .map_err(|e| h2_error(authority, e))?;

    let response = response.await.map_err(|e| h2_error(authority, e))?;
    stage.set(Stage::Reading);
    let (parts, mut recv) = response.into_parts();

    // A "trailers-only" answer carries grpc-status in the headers.
    if let Some(reply) = status_from(&parts.headers, authority)? {
        return Ok(reply);
    }
    if parts.status != StatusCode::OK {
        let code = parts.status.as_u16();
        let ct = content_type(&parts.headers);
        let msg =
            format!("HTTP {code} from {authority} instead of a gRPC answer (content-type {ct})");
        return Err(if matches!(code, 502..=504) {
            ProbeError::not_ready(format!("{msg}: a proxy or the server is not ready yet."))
        } else {
            ProbeError::failed(format!("{msg}."))
        });
    }
    let ct = content_type(&parts.headers);
    if !ct.starts_with("application/grpc") {
        return Err(ProbeError::failed(format!(
            "{authority} answered with content-type {ct}, not application/grpc: it is not a gRPC server."
        )));
    }

    let mut data = BytesMut::new();
    while let Some(chunk) = recv.data().await {
        let chunk = chunk.map_err(|e| h2_error(authority, e))?;
        let _ = recv.flow_control().release_capacity(chunk.len());
        if data.len() + chunk.len() > MAX_BODY {
            return Err(ProbeError::failed(format!(
                "The gRPC answer from {authority} is larger than {} MiB.",
                MAX_BODY / (1024 * 1024)
            )));
        }
        data.extend_from_slice(&chunk);
    }
    let trailers = recv
        .trailers()
        .await
        .map_err(|e| h2_error(authority, e))?
        .unwrap_or_default();
    let mut reply = status_from(&trailers, authority)?.ok_or_else(|| {
        ProbeError::failed(format!(
            "The answer from {authority} has no grpc-status trailer: it is not a gRPC server."
        ))
    })?;
    reply.payload = first_message(data.freeze(), authority)?;
    Ok(reply)
}

fn grpc_timeout(timeout: Duration) -> String {
    let ms = timeout.as_millis().max(1);
    if ms <= 99_999_999 {
        format!("{ms}m")
    } else {
        format!("{}S", timeout.as_secs().min(99_999_999))
    }
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("(none)")
        .to_string()
}

fn status_from(headers: &HeaderMap, authority: &str) -> Result<Option<Reply>, ProbeError> {
    let Some(value) = headers.get("grpc-status") else {
        return Ok(None);
    };
    let status = value
        .to_str()
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .ok_or_else(|| {
            ProbeError::failed(format!(
                "{authority} sent an unreadable grpc-status {:?}.",
                String::from_utf8_lossy(value.as_bytes())
            ))
        })?;
    let message = headers
        .get("grpc-message")
        .map(|v| percent_decode(v.as_bytes()))
        .unwrap_or_default();
    Ok(Some(Reply {
        status,
        message,
        payload: None,
    }))
}

/// The first length-prefixed message of a gRPC body.
fn first_message(body: Bytes, authority: &str) -> Result<Option<Bytes>, ProbeError> {
    if body.is_empty() {
        return Ok(None);
    }
    if body.len() < 5 {
        return Err(ProbeError::failed(format!(
            "The gRPC answer from {authority} is truncated ({} bytes, less than a message prefix).",
            body.len()
        )));
    }
    let compressed = body[0];
    let len = u32::from_be_bytes([body[1], body[2], body[3], body[4]]) as usize;
    if compressed & 1 == 1 {
        return Err(ProbeError::failed(format!(
            "{authority} sent a compressed gRPC message, which this probe does not decode."
        )));
    }
    if body.len() - 5 < len {
        return Err(ProbeError::failed(format!(
            "The gRPC answer from {authority} is truncated: the message says {len} bytes, {} arrived.",
            body.len() - 5
        )));
    }
    Ok(Some(body.slice(5..5 + len)))
}

fn percent_decode(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' && i + 2 < raw.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(raw[i + 1]), hex(raw[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn connect_error(authority: &str, e: std::io::Error) -> ProbeError {
    match e.kind() {
        std::io::ErrorKind::InvalidInput => {
            ProbeError::failed(format!("{authority} is not a usable address: {e}."))
        }
        // getaddrinfo failures come back as uncategorized errors
        _ if e.to_string().contains("failed to lookup address") => {
            ProbeError::failed(format!("{authority} does not resolve: {e}."))
        }
        _ => ProbeError::not_ready(format!("Could not connect to {authority}: {e}.")),
    }
}

fn h2_error(authority: &str, e: h2::Error) -> ProbeError {
    if let Some(io) = e.get_io() {
        return ProbeError::not_ready(format!(
            "The connection to {authority} failed before a gRPC answer: {io}."
        ));
    }
    let reason = e.reason();
    let definite = matches!(
        reason,
        Some(Reason::PROTOCOL_ERROR)
            | Some(Reason::FRAME_SIZE_ERROR)
            | Some(Reason::COMPRESSION_ERROR)
            | Some(Reason::HTTP_1_1_REQUIRED)
    );
    if definite {
        ProbeError::failed(if e.is_remote() {
            format!("{authority} rejected our HTTP/2 request: {e}.")
        } else {
            format!(
                "{authority} does not speak HTTP/2 with prior knowledge (an HTTP/1.1-only or TLS server?): {e}."
            )
        })
    } else {
        ProbeError::not_ready(format!(
            "The HTTP/2 connection to {authority} ended before a gRPC answer: {e}."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorities_normalize() {
        assert_eq!(
            normalize_authority("127.0.0.1:5000").unwrap(),
            "127.0.0.1:5000"
        );
        assert_eq!(
            normalize_authority("http://localhost:80/").unwrap(),
            "localhost:80"
        );
        assert_eq!(normalize_authority("[::1]:5000").unwrap(), "[::1]:5000");
        for bad in ["127.0.0.1", "x:0", "x:port", "https://x:1", "x:1/path", ""] {
            assert!(normalize_authority(bad).unwrap_err().is_failed(), "{bad}");
        }
    }

    #[test]
    fn grpc_messages_are_percent_decoded() {
        assert_eq!(
            percent_decode(b"stock%2042 not found"),
            "stock 42 not found"
        );
        assert_eq!(percent_decode(b"100%"), "100%");
        assert_eq!(percent_decode(b"%e2%82%ac%zz%4"), "€%zz%4");
    }

    #[test]
    fn bodies_are_unframed() {
        let body = Bytes::from_static(b"\x00\x00\x00\x00\x02\x08\x01");
        assert_eq!(
            first_message(body, "a").unwrap().unwrap().as_ref(),
            b"\x08\x01"
        );
        assert!(first_message(Bytes::new(), "a").unwrap().is_none());
        assert!(
            first_message(Bytes::from_static(b"\x00\x00\x00\x00\x09\x08"), "a")
                .unwrap_err()
                .is_failed()
        );
        assert!(
            first_message(Bytes::from_static(b"\x01\x00\x00\x00\x00"), "a")
                .unwrap_err()
                .is_failed()
        );
        assert!(first_message(Bytes::from_static(b"\x00\x00"), "a")
            .unwrap_err()
            .is_failed());
    }

    #[test]
    fn timeouts_fit_the_header() {
        assert_eq!(grpc_timeout(Duration::from_secs(2)), "2000m");
        assert_eq!(grpc_timeout(Duration::ZERO), "1m");
        assert_eq!(grpc_timeout(Duration::from_secs(10_000_000)), "10000000S");
    }
}
