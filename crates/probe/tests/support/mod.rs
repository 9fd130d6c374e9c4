//! Real servers for the probe tests, on 127.0.0.1 with a port the kernel
//! picks: an h2c gRPC server written on the `h2` crate, a small HTTP/1.1
//! server, a listener that accepts and never answers, and one that accepts and
//! closes at once (what docker-proxy does while the container's application is
//! not listening yet).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use bytes::Bytes;
use h2::server::SendResponse;
use h2::RecvStream;
use http::{HeaderMap, HeaderValue, Request, Response};
use prost::Message;

pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A fresh directory for files a test writes.
pub fn scratch_dir(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("probe-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub fn closed_port() -> SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    addr
}

// ---------------------------------------------------------------- gRPC server

/// What the test gRPC server answers to grpc.health.v1.Health/Check.
#[derive(Clone, Copy, Debug)]
pub enum Health {
    Serving,
    NotServing,
    /// No health service: every Health call gets grpc-status 12.
    Unimplemented,
}

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

#[derive(Clone, PartialEq, prost::Message)]
struct GetRequest {
    #[prost(int32, tag = "1")]
    id: i32,
}

#[derive(Clone, PartialEq, prost::Message)]
struct GetResponse {
    #[prost(message, optional, tag = "1")]
    stock: Option<Stock>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct Stock {
    #[prost(int32, tag = "1")]
    id: i32,
    #[prost(string, tag = "2")]
    symbol: String,
    #[prost(string, tag = "3")]
    name: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct Timestamp {
    #[prost(int64, tag = "1")]
    seconds: i64,
    #[prost(int32, tag = "2")]
    nanos: i32,
}

#[derive(Clone, PartialEq, prost::Message)]
struct Quote {
    #[prost(message, optional, tag = "1")]
    stock: Option<Stock>,
    #[prost(int64, tag = "2")]
    price_micros: i64,
    #[prost(message, optional, tag = "3")]
    at: Option<Timestamp>,
}

fn stock(id: i32) -> Option<Stock> {
    match id {
        1 => Some(Stock {
            id: 1,
            symbol: "MSFT".into(),
            name: "Microsoft".into(),
        }),
        7 => Some(Stock {
            id: 7,
            symbol: "ZERO".into(),
            name: String::new(),
        }),
        _ => None,
    }
}

/// Starts an h2c gRPC server implementing grpc.health.v1.Health/Check,
/// stocks.Stocks/Get and quotes.Quotes/Latest. Returns "127.0.0.1:PORT".
pub fn grpc_server(health: Health) -> String {
    accepting(move |tcp| serve_connection(tcp, health))
}

/// Listens on a free loopback port in a thread of its own and hands each
/// accepted connection to `serve`. Returns "127.0.0.1:PORT".
fn accepting<F, Fut>(serve: F) -> String
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    listener.set_nonblocking(true).unwrap();
    thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                tokio::spawn(serve(tcp));
            }
        });
    });
    addr
}

/// The same server over TLS (ALPN h2), with the Docker guide's test
/// certificate (scenarios/docker/fixture/https: localhost and 127.0.0.1,
/// signed by its `ca.crt`). Returns "127.0.0.1:PORT".
pub fn grpc_tls_server(health: Health) -> String {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let dir = fixture_https();
    let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(dir.join("stockdata.crt"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(dir.join("stockdata.key")).unwrap();
    let mut config = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    config.alpn_protocols = vec![b"h2".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    accepting(move |tcp| {
        let acceptor = acceptor.clone();
        async move {
            if let Ok(tls) = acceptor.accept(tcp).await {
                serve_connection(tls, health).await;
            }
        }
    })
}

/// The test certificate's directory.
pub fn fixture_https() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/docker/fixture/https")
}

async fn serve_connection<T>(tcp: T, health: Health)
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let Ok(mut conn) = h2::server::handshake(tcp).await else {
        return;
    };
    while let Some(Ok((request, respond))) = conn.accept().await {
        tokio::spawn(handle(request, respond, health));
    }
}

async fn handle(request: Request<RecvStream>, respond: SendResponse<Bytes>, health: Health) {
    let path = request.uri().path().to_string();
    let grpc = request
        .headers()
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"application/grpc"));
    let mut body = request.into_body();
    let mut data = Vec::new();
    while let Some(Ok(chunk)) = body.data().await {
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
    }
    if !grpc || data.len() < 5 {
        return status_only(respond, 3, "expected one length-prefixed gRPC message");
    }
    let message = &data[5..];
    match path.as_str() {
        "/grpc.health.v1.Health/Check" => match health {
            Health::Unimplemented => status_only(respond, 12, ""),
            Health::Serving | Health::NotServing => {
                let req = HealthCheckRequest::decode(message).unwrap_or_default();
                if !req.service.is_empty() && req.service != "stocks.Stocks" {
                    return status_only(respond, 5, "unknown service");
                }
                let status = if matches!(health, Health::Serving) {
                    1
                } else {
                    2
                };
                ok(respond, HealthCheckResponse { status }.encode_to_vec())
            }
        },
        "/stocks.Stocks/Get" => {
            let id = GetRequest::decode(message).unwrap_or_default().id;
            match stock(id) {
                Some(s) => ok(respond, GetResponse { stock: Some(s) }.encode_to_vec()),
                // "—" percent-encoded, as the gRPC spec asks for non-ASCII
                None => status_only(respond, 5, &format!("Stock {id} not found %E2%80%94 try 1")),
            }
        }
        "/quotes.Quotes/Latest" => {
            let id = GetRequest::decode(message).unwrap_or_default().id;
            let quote = Quote {
                stock: stock(id),
                price_micros: 4_200_000_000_000,
                at: Some(Timestamp {
                    seconds: 1_700_000_000,
                    nanos: 0,
                }),
            };
            ok(respond, quote.encode_to_vec())
        }
        _ => status_only(respond, 12, &format!("unknown method {path}")),
    }
}

fn ok(mut respond: SendResponse<Bytes>, message: Vec<u8>) {
    let response = Response::builder()
        .status(200)
        .header("content-type", "application/grpc")
        .body(())
        .unwrap();
    let Ok(mut stream) = respond.send_response(response, false) else {
        return;
    };
    let mut framed = vec![0u8];
    framed.extend_from_slice(&(message.len() as u32).to_be_bytes());
    framed.extend_from_slice(&message);
    let _ = stream.send_data(Bytes::from(framed), false);
    let mut trailers = HeaderMap::new();
    trailers.insert("grpc-status", HeaderValue::from_static("0"));
    let _ = stream.send_trailers(trailers);
}

/// A "trailers-only" answer: grpc-status in the headers, no body.
fn status_only(mut respond: SendResponse<Bytes>, status: u32, message: &str) {
    let mut response = Response::builder()
        .status(200)
        .header("content-type", "application/grpc")
        .header("grpc-status", status.to_string());
    if !message.is_empty() {
        response = response.header("grpc-message", message);
    }
    let _ = respond.send_response(response.body(()).unwrap(), true);
}

// ------------------------------------------------------------ HTTP/1.1 server

/// Starts an HTTP/1.1 server. Paths: "/" → 200, "/empty" → 204,
/// "/moved" → 301, "/missing" → 404, "/starting" → 503, "/head-only" → 200
/// for HEAD and 405 otherwise. Returns "http://127.0.0.1:PORT".
pub fn http_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || serve_http(stream));
        }
    });
    format!("http://{addr}")
}

fn serve_http(mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 512];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut words = head.split_whitespace();
    let method = words.next().unwrap_or("");
    let path = words.next().unwrap_or("");
    let has_host = head
        .lines()
        .any(|l| l.to_ascii_lowercase().starts_with("host: 127.0.0.1:"));
    let (code, reason) = match (method, path) {
        _ if !has_host => (400, "Bad Request"),
        ("HEAD", "/head-only") => (200, "OK"),
        (_, "/head-only") => (405, "Method Not Allowed"),
        (_, "/") => (200, "OK"),
        (_, "/empty") => (204, "No Content"),
        (_, "/moved") => (301, "Moved Permanently"),
        (_, "/starting") => (503, "Service Unavailable"),
        _ => (404, "Not Found"),
    };
    let body = if code == 204 { "" } else { "hello\n" };
    let _ = write!(
        stream,
        "HTTP/1.1 {code} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

// ------------------------------------------------------- misbehaving listeners

/// Accepts connections and never reads or writes. Returns "127.0.0.1:PORT".
pub fn silent_listener() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    addr
}

/// Accepts connections and closes them at once, like docker-proxy before
/// the application listens. Returns "127.0.0.1:PORT".
pub fn closing_listener() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            drop(stream);
        }
    });
    addr
}
