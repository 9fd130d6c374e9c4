//! A minimal gRPC client over HTTP/2 cleartext (prior knowledge), for checking a server
//! from outside its container:
//!
//!     grpc-smoke [--wait SECS] HOST:PORT /package.Service/Method [HEX_REQUEST]
//!
//! Prints `grpc-status: N`, `grpc-message: ...` and `response: HEX` (one message) and exits
//! 0 once a gRPC answer came back, whatever its status; 1 if none did. `--wait` retries
//! until an answer (not a mere TCP connect: docker-proxy accepts before the app listens).
//! HOST must be a numeric address.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, Request};
use tokio::net::TcpStream;

struct Answer {
    status: Option<String>,
    message: Option<String>,
    response: Vec<u8>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

fn grpc_header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

async fn call(addr: SocketAddr, path: &str, message: &[u8]) -> Result<Answer, String> {
    let socket = TcpStream::connect(addr).await.map_err(|e| format!("connect: {e}"))?;
    let (client, connection) = h2::client::handshake(socket)
        .await
        .map_err(|e| format!("HTTP/2 handshake: {e}"))?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await.map_err(|e| format!("HTTP/2: {e}"))?;
    let request = Request::post(format!("http://{addr}{path}"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())
        .map_err(|e| e.to_string())?;
    let (response, mut send) = client
        .send_request(request, false)
        .map_err(|e| format!("request: {e}"))?;
    let mut frame = vec![0];
    frame.extend((message.len() as u32).to_be_bytes());
    frame.extend(message);
    send.send_data(Bytes::from(frame), true)
        .map_err(|e| format!("send: {e}"))?;

    let response = response.await.map_err(|e| format!("response: {e}"))?;
    let (parts, mut body) = response.into_parts();
    if parts.status != http::StatusCode::OK {
        return Err(format!("HTTP status {}", parts.status));
    }
    let mut data = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk.map_err(|e| format!("body: {e}"))?;
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
    }
    let trailers = body
        .trailers()
        .await
        .map_err(|e| format!("trailers: {e}"))?
        .unwrap_or_default();
    // A trailers-only answer carries the status in the headers.
    let status = grpc_header(&trailers, "grpc-status").or_else(|| grpc_header(&parts.headers, "grpc-status"));
    let message = grpc_header(&trailers, "grpc-message").or_else(|| grpc_header(&parts.headers, "grpc-message"));
    let response = if data.len() >= 5 {
        let len = u32::from_be_bytes([data[1], data[2], data[3], data[4]]) as usize;
        data.get(5..5 + len).ok_or("truncated response message")?.to_vec()
    } else {
        Vec::new()
    };
    Ok(Answer {
        status,
        message,
        response,
    })
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut wait = 0.0;
    if args.first().map(String::as_str) == Some("--wait") && args.len() > 1 {
        wait = args[1].parse().unwrap_or(0.0);
        args.drain(..2);
    }
    let (Some(addr), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: grpc-smoke [--wait SECS] HOST:PORT /package.Service/Method [HEX_REQUEST]");
        std::process::exit(2);
    };
    let Ok(addr) = addr.parse::<SocketAddr>() else {
        eprintln!("grpc-smoke: {addr}: not a numeric HOST:PORT");
        std::process::exit(2);
    };
    let Some(message) = unhex(args.get(2).map(String::as_str).unwrap_or("")) else {
        eprintln!("grpc-smoke: the request must be hex");
        std::process::exit(2);
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let deadline = Instant::now() + Duration::from_secs_f64(wait);
    loop {
        let attempt = runtime.block_on(async {
            tokio::time::timeout(Duration::from_secs(5), call(addr, path, &message))
                .await
                .unwrap_or_else(|_| Err("timed out".into()))
        });
        match attempt {
            Ok(answer) => {
                println!("grpc-status: {}", answer.status.as_deref().unwrap_or("(none)"));
                println!("grpc-message: {}", answer.message.as_deref().unwrap_or(""));
                println!("response: {}", hex(&answer.response));
                std::process::exit(0);
            }
            Err(e) if Instant::now() >= deadline => {
                eprintln!("grpc-smoke: {e}");
                std::process::exit(1);
            }
            Err(_) => std::thread::sleep(Duration::from_millis(200)),
        }
    }
}
