//! gRPC probes against a real h2c server in this process.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use doccheck_probe::{grpc_health, grpc_unary, ProbeErrorKind, Tls, UnaryCall};
use serde_json::json;
use support::{
    closed_port, closing_listener, data, fixture_https, grpc_server, grpc_tls_server, http_server,
    scratch_dir, silent_listener, Health,
};

const T: Duration = Duration::from_secs(5);

fn stocks() -> Vec<PathBuf> {
    vec![data("stocks.proto")]
}

#[test]
fn health_serving_is_ready() {
    let addr = grpc_server(Health::Serving);
    assert_eq!(grpc_health(&addr, "", T, None).unwrap(), "SERVING");
    assert_eq!(
        grpc_health(&addr, "stocks.Stocks", T, None).unwrap(),
        "SERVING"
    );
    // the same address with a scheme, as a guide may write it
    assert_eq!(
        grpc_health(&format!("http://{addr}/"), "", T, None).unwrap(),
        "SERVING"
    );
}

#[test]
fn health_not_serving_is_not_ready() {
    let addr = grpc_server(Health::NotServing);
    let e = grpc_health(&addr, "", T, None).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(e.message.contains("NOT_SERVING"), "{e}");
}

#[test]
fn health_of_an_unknown_service_is_not_ready() {
    let addr = grpc_server(Health::Serving);
    let e = grpc_health(&addr, "nope.Nope", T, None).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(e.message.contains("grpc-status 5 (NOT_FOUND)"), "{e}");
}

#[test]
fn unimplemented_health_still_proves_a_grpc_server() {
    let addr = grpc_server(Health::Unimplemented);
    let description = grpc_health(&addr, "", T, None).unwrap();
    assert!(description.contains("UNIMPLEMENTED"), "{description}");
    assert!(description.contains(&addr), "{description}");
    assert!(description.contains("no health service"), "{description}");
    assert_ne!(description, "SERVING");
}

#[test]
fn unary_call_returns_the_stock_as_json() {
    let addr = grpc_server(Health::Serving);
    let answer = grpc_unary(
        &addr,
        &stocks(),
        &[],
        "stocks.Stocks/Get",
        r#"{"id": 1}"#,
        T,
        None,
    )
    .unwrap();
    assert_eq!(
        answer,
        json!({"stock": {"id": 1, "symbol": "MSFT", "name": "Microsoft"}})
    );
}

#[test]
fn unary_call_accepts_the_dotted_method_form_and_a_relative_path() {
    let addr = grpc_server(Health::Serving);
    // relative to the package directory, where cargo runs integration tests
    let protos = [PathBuf::from("tests/data/stocks.proto")];
    let includes = [PathBuf::from("tests/data")];
    let answer = grpc_unary(
        &addr,
        &protos,
        &includes,
        "stocks.Stocks.Get",
        r#"{"id":1}"#,
        T,
        None,
    )
    .unwrap();
    assert_eq!(answer["stock"]["symbol"], "MSFT");
}

#[test]
fn default_values_are_omitted_unless_asked_for() {
    let addr = grpc_server(Health::Serving);
    let call = UnaryCall::new(&stocks(), &[], "stocks.Stocks/Get", r#"{"id": 7}"#).unwrap();
    assert_eq!(call.method(), "stocks.Stocks/Get");
    assert_eq!(
        call.call(&addr, T, None).unwrap(),
        json!({"stock": {"id": 7, "symbol": "ZERO"}})
    );
    let call = call.emit_defaults(true);
    assert_eq!(
        call.call(&addr, T, None).unwrap(),
        json!({"stock": {"id": 7, "symbol": "ZERO", "name": ""}})
    );
}

#[test]
fn imports_well_known_types_int64_and_camel_case() {
    let addr = grpc_server(Health::Serving);
    let answer = grpc_unary(
        &addr,
        &[data("ext/quotes.proto")],
        &[data("")],
        "quotes.Quotes/Latest",
        r#"{"id": 1}"#,
        T,
        None,
    )
    .unwrap();
    assert_eq!(
        answer,
        json!({
            "stock": {"id": 1, "symbol": "MSFT", "name": "Microsoft"},
            "priceMicros": "4200000000000",
            "at": "2023-11-14T22:13:20Z"
        })
    );
}

#[test]
fn grpc_status_not_found_is_failed_with_its_name_and_message() {
    let addr = grpc_server(Health::Serving);
    let e = grpc_unary(
        &addr,
        &stocks(),
        &[],
        "stocks.Stocks/Get",
        r#"{"id": 42}"#,
        T,
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(
        e.message
            .contains("grpc-status 5 (NOT_FOUND): Stock 42 not found — try 1"),
        "{e}"
    );
}

#[test]
fn a_method_the_server_lacks_is_failed_unimplemented() {
    // the .proto declares Watch, but it is streaming; use a proto the server
    // does not implement instead: the server answers 12 for unknown paths
    let dir = support::scratch_dir("server-lacks");
    let proto = dir.join("extra.proto");
    std::fs::write(
        &proto,
        "syntax = \"proto3\";\npackage extra;\nservice Extra { rpc Ping (P) returns (P); }\nmessage P {}\n",
    )
    .unwrap();
    let addr = grpc_server(Health::Serving);
    let e = grpc_unary(&addr, &[proto], &[], "extra.Extra/Ping", "", T, None).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("grpc-status 12 (UNIMPLEMENTED)"), "{e}");
}

#[test]
fn connection_refused_is_not_ready_quickly() {
    let addr = closed_port().to_string();
    let start = Instant::now();
    let e = grpc_health(&addr, "", T, None).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(e.message.contains(&addr), "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );

    let e = grpc_unary(&addr, &stocks(), &[], "stocks.Stocks/Get", "{}", T, None).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
}

#[test]
fn a_listener_that_never_answers_is_not_ready_within_the_timeout() {
    let addr = silent_listener();
    let timeout = Duration::from_millis(600);
    let start = Instant::now();
    let e = grpc_health(&addr, "", timeout, None).unwrap_err();
    let elapsed = start.elapsed();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(e.message.contains("nothing came back"), "{e}");
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
    assert!(elapsed < timeout + Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn a_listener_that_closes_at_once_is_not_ready() {
    // what docker-proxy does before the container's server listens
    let addr = closing_listener();
    let start = Instant::now();
    let e = grpc_health(&addr, "", T, None).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::NotReady, "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn an_http1_server_is_failed_not_grpc() {
    let url = http_server();
    let addr = url.trim_start_matches("http://");
    let e = grpc_health(addr, "", T, None).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("HTTP/2"), "{e}");
}

#[test]
fn a_bad_proto_is_failed_with_file_line_and_column() {
    let dir = support::scratch_dir("bad-proto");
    let proto = dir.join("bad.proto");
    std::fs::write(
        &proto,
        "syntax = \"proto3\";\npackage bad;\nmessage M { int32 id = 1 }\n",
    )
    .unwrap();
    let addr = closed_port().to_string();
    let e = grpc_unary(
        &addr,
        std::slice::from_ref(&proto),
        &[],
        "bad.S/M",
        "{}",
        T,
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    let location = format!("{}:3:", proto.display());
    assert!(e.message.contains(&location), "{e}");
}

#[test]
fn a_missing_import_is_failed_with_its_location() {
    let dir = support::scratch_dir("missing-import");
    let proto = dir.join("imp.proto");
    std::fs::write(
        &proto,
        "syntax = \"proto3\";\n\nimport \"nowhere/gone.proto\";\n",
    )
    .unwrap();
    let e = UnaryCall::new(std::slice::from_ref(&proto), &[], "a.B/C", "{}").unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("nowhere/gone.proto"), "{e}");
    assert!(
        e.message.contains(&format!("{}:3:", proto.display())),
        "{e}"
    );
}

#[test]
fn a_missing_proto_file_is_failed() {
    let missing = data("does-not-exist.proto");
    let e = UnaryCall::new(&[missing], &[], "stocks.Stocks/Get", "{}").unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("does-not-exist.proto"), "{e}");
    let e = UnaryCall::new(&[], &[], "stocks.Stocks/Get", "{}").unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
}

#[test]
fn an_unknown_method_is_failed_naming_the_methods() {
    let e = UnaryCall::new(&stocks(), &[], "stocks.Stocks/Buy", "{}").unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("no method \"Buy\""), "{e}");
    assert!(e.message.contains("its methods: Get"), "{e}");
    assert!(e.message.contains("stocks.proto:4:1"), "{e}");
}

#[test]
fn an_unknown_service_is_failed_naming_the_services() {
    let e = UnaryCall::new(&stocks(), &[], "stocks.Bonds/Get", "{}").unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("stocks.Bonds"), "{e}");
    assert!(e.message.contains("services defined: stocks.Stocks"), "{e}");
    let e = UnaryCall::new(&stocks(), &[], "Get", "{}").unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
}

#[test]
fn a_streaming_method_is_failed() {
    let e = UnaryCall::new(
        &[data("ext/quotes.proto")],
        &[data("")],
        "quotes.Quotes/Watch",
        "{}",
    )
    .unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(e.message.contains("streaming"), "{e}");
}

#[test]
fn request_json_that_does_not_fit_is_failed_with_its_position() {
    for (json, needle) in [
        (r#"{"id": "abc"}"#, "line 1 column"),
        (r#"{"ident": 1}"#, "ident"),
        (r#"{"id": 1} trailing"#, "line 1 column"),
        ("[1, 2]", "stocks.GetRequest"),
    ] {
        let e = UnaryCall::new(&stocks(), &[], "stocks.Stocks/Get", json).unwrap_err();
        assert_eq!(e.kind, ProbeErrorKind::Failed, "{json}: {e}");
        assert!(e.message.contains(needle), "{json}: {e}");
    }
    // an empty request is the empty message, as with grpcurl without -d
    assert!(UnaryCall::new(&stocks(), &[], "stocks.Stocks/Get", "  ").is_ok());
}

#[test]
fn bad_addresses_are_failed_not_retried() {
    for addr in [
        "127.0.0.1",
        "https://127.0.0.1:5000",
        "127.0.0.1:0",
        "a b:1",
    ] {
        let e = grpc_health(addr, "", T, None).unwrap_err();
        assert_eq!(e.kind, ProbeErrorKind::Failed, "{addr}: {e}");
    }
}

#[test]
fn over_tls_trusting_the_ca_the_health_check_and_a_call_pass() {
    let addr = grpc_tls_server(Health::Serving);
    let tls = Tls::trusting(&fixture_https().join("ca.crt")).unwrap();
    assert_eq!(grpc_health(&addr, "", T, Some(&tls)).unwrap(), "SERVING");
    let answer = grpc_unary(
        &addr,
        &stocks(),
        &[],
        "stocks.Stocks/Get",
        r#"{"id": 1}"#,
        T,
        Some(&tls),
    )
    .unwrap();
    assert_eq!(answer["stock"]["symbol"], "MSFT");
    // The certificate is for localhost too.
    let port = addr.rsplit_once(':').unwrap().1;
    let by_name = tls.clone().with_server_name("localhost");
    assert_eq!(
        grpc_health(&format!("127.0.0.1:{port}"), "", T, Some(&by_name)).unwrap(),
        "SERVING"
    );
}

#[test]
fn over_tls_a_certificate_nobody_vouches_for_fails_at_once() {
    let addr = grpc_tls_server(Health::Serving);
    // Trusting the server's own leaf certificate, not its CA: not a trust anchor here.
    let other = scratch_dir("tls-other-ca").join("other.crt");
    std::fs::write(&other, OTHER_CA).unwrap();
    let tls = Tls::trusting(&other).unwrap();
    let e = grpc_health(&addr, "", T, Some(&tls)).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(
        e.to_string().starts_with(&format!(
            "The TLS handshake with {addr} failed (trusting the CA "
        )),
        "{e}"
    );
    assert!(e.to_string().contains("UnknownIssuer"), "{e}");
    // Insecure: any certificate, said so.
    assert_eq!(
        grpc_health(&addr, "", T, Some(&Tls::insecure())).unwrap(),
        "SERVING"
    );
    // The wrong name fails, however trusted the CA.
    let wrong = Tls::trusting(&fixture_https().join("ca.crt"))
        .unwrap()
        .with_server_name("stockdata.example.com");
    let e = grpc_health(&addr, "", T, Some(&wrong)).unwrap_err();
    assert_eq!(e.kind, ProbeErrorKind::Failed, "{e}");
    assert!(
        e.to_string().contains("certificate not valid for name"),
        "{e}"
    );
}

#[test]
fn cleartext_against_a_tls_server_is_not_an_answer() {
    let addr = grpc_tls_server(Health::Serving);
    assert!(grpc_health(&addr, "", T, None).is_err());
}

/// A CA certificate that signed nothing of ours (self-signed, made with openssl).
const OTHER_CA: &str = include_str!("data/other-ca.crt");
