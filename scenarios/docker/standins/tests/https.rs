//! HTTPS as Kestrel serves it, end to end without Docker: the built `dotnet` in a 3.1 install
//! layout runs the fixture app (published by the stand-in SDK) on an https endpoint with the
//! fixture's PKCS#12 certificate, and a rustls client that trusts only the fixture's CA
//! negotiates h2 and calls grpc.health.v1.Health/Check. Then the startup failures.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use bytes::Bytes;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use standins::install::Install;
use standins::sdk::{self, build, restore, Options};
use tokio::net::TcpStream;

mod common;

use common::copy_dir;

fn https_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixture/https")
}

/// The fixture published with SDK 3.0.100, and a runtime-only install (3.1.0, as the 3.1
/// aspnet image) holding a copy of the built `dotnet`. Removed when dropped.
struct Setup {
    dir: PathBuf,
    dotnet: PathBuf,
    published: PathBuf,
}

impl Setup {
    fn new(name: &str) -> Setup {
        let dir = std::env::temp_dir().join(format!("standins-https-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let src = dir.join("src");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixture"), &src);
        let sdk_root = dir.join("sdk-root");
        std::fs::create_dir_all(sdk_root.join("sdk/3.0.100")).unwrap();
        let install = Install { root: sdk_root };
        let target = sdk::find_target(None, &src).unwrap();
        restore::restore(&install, &target, &Options::default()).unwrap();
        let args: Vec<String> = ["-c", "Release", "-o", "published", "src/StockData/StockData.csproj"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let opts = sdk::parse_options(&args).unwrap();
        let project = sdk::find_target(opts.target.as_deref(), &src).unwrap();
        build::run(&install, &project, &opts, &src, true).unwrap();

        let root = dir.join("dotnet-root");
        for fw in ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"] {
            std::fs::create_dir_all(root.join("shared").join(fw).join("3.1.0")).unwrap();
        }
        let dotnet = root.join("dotnet");
        std::fs::copy(env!("CARGO_BIN_EXE_dotnet"), &dotnet).unwrap();
        Setup {
            dir,
            dotnet,
            published: src.join("published"),
        }
    }

    fn start(&self, env: &[(&str, String)]) -> Child {
        let mut cmd = Command::new(&self.dotnet);
        cmd.arg("StockData.dll")
            .current_dir(&self.published)
            .env_clear()
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.spawn().unwrap()
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn pfx_env(password: &str) -> Vec<(&'static str, String)> {
    vec![
        ("ASPNETCORE_URLS", "https://127.0.0.1:0".to_string()),
        (
            "ASPNETCORE_Kestrel__Certificates__Default__Path",
            https_fixture().join("stockdata.pfx").display().to_string(),
        ),
        (
            "ASPNETCORE_Kestrel__Certificates__Default__Password",
            password.to_string(),
        ),
    ]
}

fn client_config(versions: &[&'static rustls::SupportedProtocolVersion]) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(https_fixture().join("ca.crt")).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec()];
    Arc::new(config)
}

/// TLS (ALPN h2) to `port`, then one unary gRPC call: (negotiated version, ALPN, grpc-status, message).
async fn health_check(
    port: u16,
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> (rustls::ProtocolVersion, Vec<u8>, String, Vec<u8>) {
    let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let connector = tokio_rustls::TlsConnector::from(client_config(versions));
    let tls = connector
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await
        .unwrap();
    let (version, alpn) = {
        let conn = tls.get_ref().1;
        (
            conn.protocol_version().unwrap(),
            conn.alpn_protocol().unwrap_or_default().to_vec(),
        )
    };
    let (client, connection) = h2::client::handshake(tls).await.unwrap();
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await.unwrap();
    let request = http::Request::post(format!("https://localhost:{port}/grpc.health.v1.Health/Check"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())
        .unwrap();
    let (response, mut send) = client.send_request(request, false).unwrap();
    send.send_data(Bytes::from_static(&[0, 0, 0, 0, 0]), true).unwrap();
    let response = response.await.unwrap();
    assert_eq!(response.status(), http::StatusCode::OK);
    let mut body = response.into_body();
    let mut data = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk.unwrap();
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
    }
    let trailers = body.trailers().await.unwrap().unwrap_or_default();
    let status = trailers
        .get("grpc-status")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (version, alpn, status, data)
}

fn terminate(child: &Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

#[test]
fn serves_grpc_over_tls_with_the_default_certificate() {
    let setup = Setup::new("ok");
    let mut child = setup.start(&pfx_env("doccheck-dev"));
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut log = Vec::new();
    let port = loop {
        let Ok(line) = rx.recv_timeout(Duration::from_secs(20)) else {
            let _ = child.kill();
            panic!("no 'Now listening on:' in {log:?}");
        };
        log.push(line.clone());
        if let Some(url) = line.trim().strip_prefix("Now listening on: https://127.0.0.1:") {
            break url.parse::<u16>().unwrap();
        }
    };
    assert!(
        log.iter().any(|l| l == "info: Microsoft.Hosting.Lifetime[0]"),
        "{log:?}"
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let tls13 = runtime.block_on(health_check(port, &[&rustls::version::TLS13]));
    let tls12 = runtime.block_on(health_check(port, &[&rustls::version::TLS12]));
    terminate(&child);
    let status = child.wait().unwrap();
    let rest: Vec<String> = rx.iter().collect();

    assert_eq!(tls13.0, rustls::ProtocolVersion::TLSv1_3);
    assert_eq!(tls12.0, rustls::ProtocolVersion::TLSv1_2);
    for (_, alpn, grpc_status, message) in [tls13, tls12] {
        assert_eq!(alpn, b"h2");
        assert_eq!(grpc_status, "0");
        // HealthCheckResponse{status: SERVING}, length-prefixed.
        assert_eq!(message, [0, 0, 0, 0, 2, 0x08, 0x01]);
    }
    assert_eq!(status.code(), Some(0));
    assert!(
        rest.iter().any(|l| l.contains("Application is shutting down...")),
        "{rest:?}"
    );
}

fn fails(setup: &Setup, env: &[(&str, String)]) -> (Option<i32>, String, String) {
    let out = setup.start(env).wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn certificate_failures_abort_startup() {
    let setup = Setup::new("fail");
    let (code, stdout, stderr) = fails(&setup, &pfx_env("wrong"));
    assert_eq!(code, Some(134));
    assert!(
        stdout.starts_with(
            "crit: Microsoft.AspNetCore.Server.Kestrel[0]\n      Unable to start Kestrel.\n\
             Interop+Crypto+OpenSslCryptographicException: error:23076071:PKCS12 routines:PKCS12_parse:mac verify failure"
        ),
        "{stdout}"
    );
    assert!(
        stderr.starts_with(
            "Unhandled exception. Interop+Crypto+OpenSslCryptographicException: error:23076071:PKCS12 \
             routines:PKCS12_parse:mac verify failure"
        ),
        "{stderr}"
    );

    let mut missing = pfx_env("doccheck-dev");
    missing[1].1 = "/https/aspnetapp.pfx".into();
    let (code, _, stderr) = fails(&setup, &missing);
    assert_eq!(code, Some(134));
    assert!(
        stderr.starts_with(
            "Unhandled exception. Interop+Crypto+OpenSslCryptographicException: error:2006D080:BIO \
             routines:BIO_new_file:no such file"
        ),
        "{stderr}"
    );

    // No certificate at all: Kestrel's "Unable to configure HTTPS endpoint".
    let (code, _, stderr) = fails(&setup, &pfx_env("x")[..1]);
    assert_eq!(code, Some(134));
    assert!(
        stderr
            .starts_with("Unhandled exception. System.InvalidOperationException: Unable to configure HTTPS endpoint."),
        "{stderr}"
    );
}
