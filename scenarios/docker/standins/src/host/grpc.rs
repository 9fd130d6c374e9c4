//! gRPC over HTTP/2 as grpc-dotnet answers it: unary calls with a length-prefixed message,
//! the status in trailers (or alone in the headers when there is no message), and the
//! HTTP-level answers for requests that are not gRPC calls.

use std::sync::Arc;

use bytes::Bytes;
use h2::server::{self, SendResponse};
use http::{HeaderMap, HeaderValue, Request, Response, StatusCode};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::services::{App, Lookup, Status, INTERNAL, OK, UNIMPLEMENTED};

/// A connection's byte stream: a TCP socket, or TLS over one.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send + 'static {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + 'static> Io for T {}

/// One HTTP/2 connection: prior knowledge on Kestrel's Http2-only cleartext endpoints, or
/// after TLS negotiated ALPN `h2`.
pub async fn serve_h2(socket: impl Io, app: Arc<App>) {
    let Ok(mut connection) = server::handshake(socket).await else {
        return;
    };
    while let Some(Ok((request, respond))) = connection.accept().await {
        let app = app.clone();
        tokio::spawn(async move {
            let _ = handle(request, respond, app).await;
        });
    }
}

/// One HTTP/1.x connection: Kestrel endpoints that allow HTTP/1 only speak HTTP/1 without
/// TLS, so an HTTP/2 client gets nowhere and gRPC over HTTP/1.1 is refused, as grpc-dotnet does.
pub async fn serve_http1(mut socket: impl Io) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let response: &[u8] = if text.starts_with("pri * http/2.0") {
        b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nServer: Kestrel\r\nContent-Length: 0\r\n\r\n"
    } else if text.contains("\r\ncontent-type: application/grpc") {
        b"HTTP/1.1 426 Upgrade Required\r\nConnection: close\r\nServer: Kestrel\r\nContent-Type: text/plain\r\n\
          Content-Length: 46\r\n\r\nRequest protocol 'HTTP/1.1' is not supported."
    } else {
        b"HTTP/1.1 404 Not Found\r\nConnection: close\r\nServer: Kestrel\r\nContent-Length: 0\r\n\r\n"
    };
    let _ = socket.write_all(response).await;
    let _ = socket.shutdown().await;
}

fn grpc_response(status: Option<&Status>) -> Response<()> {
    let mut builder = Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/grpc");
    if let Some(s) = status {
        builder = builder.header("grpc-status", s.code.to_string());
        if !s.message.is_empty() {
            builder = builder.header("grpc-message", percent_encode(&s.message));
        }
    }
    builder.body(()).unwrap_or_default()
}

/// gRPC's percent-encoding of grpc-message: everything outside printable ASCII, and '%'.
fn percent_encode(message: &str) -> String {
    let mut out = String::new();
    for b in message.bytes() {
        if (0x20..0x7f).contains(&b) && b != b'%' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn plain(status: StatusCode) -> Response<()> {
    Response::builder().status(status).body(()).unwrap_or_default()
}

async fn handle(
    request: Request<h2::RecvStream>,
    mut respond: SendResponse<Bytes>,
    app: Arc<App>,
) -> Result<(), h2::Error> {
    let path = request.uri().path().to_string();
    let is_post = request.method() == http::Method::POST;
    let content_type = request
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let is_grpc = content_type.starts_with("application/grpc");
    let (service, method) = path.trim_start_matches('/').split_once('/').unwrap_or(("", ""));
    let lookup = app.lookup(service, method);

    if !is_grpc || !is_post {
        let status = match (lookup, is_post) {
            (Lookup::UnknownService | Lookup::UnknownMethod, _) => StatusCode::NOT_FOUND,
            (_, false) => StatusCode::METHOD_NOT_ALLOWED,
            _ => {
                let mut r = grpc_response(Some(&Status::new(
                    INTERNAL,
                    format!("Content-Type '{content_type}' is not supported."),
                )));
                *r.status_mut() = StatusCode::UNSUPPORTED_MEDIA_TYPE;
                respond.send_response(r, true)?;
                return Ok(());
            }
        };
        respond.send_response(plain(status), true)?;
        return Ok(());
    }

    let unimplemented = match lookup {
        Lookup::UnknownService => Some("Service is unimplemented."),
        Lookup::UnknownMethod => Some("Method is unimplemented."),
        _ => None,
    };
    if let Some(message) = unimplemented {
        respond.send_response(grpc_response(Some(&Status::new(UNIMPLEMENTED, message))), true)?;
        return Ok(());
    }

    let body = read_body(request.into_body()).await?;
    let result = match unary_message(&body) {
        Ok(message) => app.call(service, method, message),
        Err(status) => Err(status),
    };
    match result {
        Err(status) => {
            respond.send_response(grpc_response(Some(&status)), true)?;
        }
        Ok(message) => {
            let mut stream = respond.send_response(grpc_response(None), false)?;
            let mut frame = Vec::with_capacity(message.len() + 5);
            frame.push(0);
            frame.extend((message.len() as u32).to_be_bytes());
            frame.extend(message);
            stream.send_data(Bytes::from(frame), false)?;
            if matches!(lookup, Lookup::Watch) {
                // Health/Watch streams status changes; there are none: wait for the client to go.
                let _ = std::future::poll_fn(|cx| stream.poll_reset(cx)).await;
                return Ok(());
            }
            let mut trailers = HeaderMap::new();
            trailers.insert("grpc-status", HeaderValue::from(OK));
            stream.send_trailers(trailers)?;
        }
    }
    Ok(())
}

async fn read_body(mut body: h2::RecvStream) -> Result<Vec<u8>, h2::Error> {
    let mut data = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk?;
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
        if data.len() > 4 * 1024 * 1024 {
            break;
        }
    }
    Ok(data)
}

/// The one length-prefixed message of a unary request.
fn unary_message(body: &[u8]) -> Result<&[u8], Status> {
    if body.len() < 5 {
        return Err(Status::new(INTERNAL, "Incomplete message."));
    }
    if body[0] != 0 {
        return Err(Status::new(
            UNIMPLEMENTED,
            "Request did not include grpc-encoding value with compressed message.",
        ));
    }
    let len = u32::from_be_bytes([body[1], body[2], body[3], body[4]]) as usize;
    if body.len() < 5 + len {
        return Err(Status::new(INTERNAL, "Incomplete message."));
    }
    if body.len() > 5 + len {
        return Err(Status::new(INTERNAL, "Additional data after the message received."));
    }
    Ok(&body[5..5 + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_and_status_encoding() {
        assert_eq!(unary_message(&[0, 0, 0, 0, 2, 8, 1]).unwrap(), &[8, 1]);
        assert_eq!(unary_message(&[0, 0, 0, 0, 0]).unwrap(), &[] as &[u8]);
        assert_eq!(unary_message(&[0, 0, 0, 0, 3, 8]).unwrap_err().code, INTERNAL);
        assert_eq!(percent_encode("Stock 42 not found"), "Stock 42 not found");
        assert_eq!(percent_encode("100% é"), "100%25 %C3%A9");
    }
}
