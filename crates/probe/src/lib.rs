//! Application-level readiness probes for servers a tutorial starts.
//!
//! Every probe is a blocking function that makes exactly **one attempt** and
//! is bounded by the `timeout` it is given. The caller owns the retry loop:
//! retry while the error is [`ProbeErrorKind::NotReady`], stop at once on
//! [`ProbeErrorKind::Failed`].
//!
//! A bare TCP connect is never taken as "ready": `docker-proxy` accepts
//! connections on a published port before the application listens, so each
//! probe waits for an answer from the application itself (an HTTP status
//! line, a gRPC reply with its `grpc-status`).
//!
//! * [`http`] / [`http_request`]: HTTP/1.1 request over a plain TCP stream.
//! * [`grpc_health`]: `grpc.health.v1.Health/Check` over HTTP/2 cleartext.
//! * [`grpc_unary`]: any unary gRPC call described by `.proto` files that are
//!   compiled at run time, with JSON in and JSON out, as `grpcurl` does.
//! * [`json_contains`]: subset match of a JSON answer against an expectation.

use std::fmt;
use std::time::Duration;

mod grpc;
mod http1;
mod json;
mod proto;
pub mod spec;
mod tls;

pub use grpc::{grpc_health, grpc_status_name};
pub use http1::{http, http_request};
pub use json::json_contains;
pub use proto::{grpc_unary, UnaryCall};
pub use tls::Tls;

/// Whether a failed probe is worth retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProbeErrorKind {
    /// Nothing (or nothing definite) answered yet: connection refused or
    /// reset, end of stream before an answer, timeout, a proxy's 502/503/504,
    /// gRPC `UNAVAILABLE`, health `NOT_SERVING`/`UNKNOWN`. Retry later.
    NotReady,
    /// A definite wrong answer or a bad request on our side: wrong HTTP
    /// status, not HTTP/2, wrong gRPC status, a `.proto` that does not
    /// compile, an unknown method, request JSON that does not fit. Retrying
    /// will not help.
    Failed,
}

/// The error of one probe attempt. `Display` prints `message`, one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeError {
    pub kind: ProbeErrorKind,
    pub message: String,
}

impl ProbeError {
    pub fn not_ready(message: impl Into<String>) -> Self {
        ProbeError {
            kind: ProbeErrorKind::NotReady,
            message: message.into(),
        }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        ProbeError {
            kind: ProbeErrorKind::Failed,
            message: message.into(),
        }
    }

    /// True when retrying may succeed.
    pub fn is_not_ready(&self) -> bool {
        self.kind == ProbeErrorKind::NotReady
    }

    /// True for a definite wrong answer.
    pub fn is_failed(&self) -> bool {
        self.kind == ProbeErrorKind::Failed
    }
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProbeError {}

/// Short human form of a duration: "500ms", "2s", "1.5s".
pub(crate) fn fmt_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(fmt_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(fmt_duration(Duration::from_secs(2)), "2s");
        assert_eq!(fmt_duration(Duration::from_millis(1500)), "1.5s");
    }

    #[test]
    fn error_displays_its_message() {
        let e = ProbeError::failed("HTTP 200 from http://x/, expected 204.");
        assert_eq!(e.to_string(), "HTTP 200 from http://x/, expected 204.");
        assert!(e.is_failed() && !e.is_not_ready());
    }
}
