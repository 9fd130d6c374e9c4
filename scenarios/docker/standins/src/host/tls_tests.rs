use std::path::{Path, PathBuf};

use super::*;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixture/https")
}

fn config(env: &[(&str, &str)]) -> Config {
    let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::load(Path::new("/nonexistent-standin-dir"), &env, &[]).unwrap()
}

fn v(major: u32) -> AspNetCore {
    AspNetCore { line: (major, 0) }
}

fn pfx(path: &str, password: &str) -> CertificateConfig {
    CertificateConfig {
        path: Some(path.into()),
        password: Some(password.into()),
        ..Default::default()
    }
}

#[test]
fn certificate_sections_from_the_environment() {
    let c = config(&[
        (
            "ASPNETCORE_Kestrel__Certificates__Default__Path",
            "/https/aspnetapp.pfx",
        ),
        ("ASPNETCORE_Kestrel__Certificates__Default__Password", "secret"),
    ]);
    let read = CertificateConfig::read(&c, "Kestrel:Certificates:Default").unwrap();
    assert_eq!(read, pfx("/https/aspnetapp.pfx", "secret"));
    // The unprefixed variables are read too, and win over the ASPNETCORE_ ones.
    let c = config(&[
        ("ASPNETCORE_Kestrel__Certificates__Default__Path", "/a.pfx"),
        ("Kestrel__Certificates__Default__Path", "/b.pfx"),
        ("Kestrel__Endpoints__Grpc__Certificate__Path", "/c.crt"),
        ("Kestrel__Endpoints__Grpc__Certificate__KeyPath", "/c.key"),
        ("Kestrel__Endpoints__Grpc__Certificate__Subject", ""),
    ]);
    assert_eq!(
        CertificateConfig::read(&c, "Kestrel:Certificates:Default")
            .unwrap()
            .path
            .as_deref(),
        Some("/b.pfx")
    );
    let grpc = CertificateConfig::read(&c, "Kestrel:Endpoints:Grpc:Certificate").unwrap();
    assert_eq!(
        (grpc.path.as_deref(), grpc.key_path.as_deref(), grpc.subject),
        (Some("/c.crt"), Some("/c.key"), None)
    );
    assert_eq!(CertificateConfig::read(&c, "Kestrel:Endpoints:Other:Certificate"), None);
}

#[test]
fn the_fixture_pfx_loads_and_serves() {
    let root = fixture();
    for major in [3, 5, 8] {
        let cert = load(&pfx("stockdata.pfx", "doccheck-dev"), "Default", &root, v(major))
            .unwrap()
            .unwrap();
        assert!(!cert.chain.is_empty() && cert.key.is_some());
        server_config(&cert, Protocols::Http2).unwrap();
    }
}

#[test]
fn pem_certificates_from_5_0() {
    let root = fixture();
    let pem = CertificateConfig {
        path: Some("stockdata.crt".into()),
        key_path: Some("stockdata.key".into()),
        ..Default::default()
    };
    let cert = load(&pem, "Default", &root, v(6)).unwrap().unwrap();
    assert!(cert.key.is_some());
    server_config(&cert, Protocols::Http1AndHttp2).unwrap();
    // 3.x ignores KeyPath: the certificate loads without its key, and can't serve.
    let old = load(&pem, "Default", &root, v(3)).unwrap().unwrap();
    assert!(old.key.is_none());
    assert_eq!(server_config(&old, Protocols::Http2).unwrap_err(), no_private_key());
    let missing_key = CertificateConfig {
        key_path: Some("nope.key".into()),
        ..pem.clone()
    };
    let e = load(&missing_key, "Default", &root, v(8)).unwrap_err();
    assert!(
        e.starts_with(&format!(
            "System.IO.FileNotFoundException: Could not find file '{}'.",
            root.join("nope.key").display()
        )),
        "{e}"
    );
    let missing_cert = CertificateConfig {
        path: Some("/https/nope.crt".into()),
        ..pem.clone()
    };
    assert!(load(&missing_cert, "Default", &root, v(7))
        .unwrap_err()
        .starts_with("System.IO.FileNotFoundException: Could not find file '/https/nope.crt'."));
    assert!(load(&missing_cert, "Default", &root, v(5)).unwrap_err().starts_with(
        "Interop+Crypto+OpenSslCryptographicException: error:2006D080:BIO routines:BIO_new_file:no such file"
    ));
    let not_a_key = CertificateConfig {
        key_path: Some("stockdata.crt".into()),
        ..pem
    };
    assert!(load(&not_a_key, "Default", &root, v(8))
        .unwrap_err()
        .starts_with("System.ArgumentException: No supported key formats were found."));
}

#[test]
fn failure_texts_by_version() {
    let root = fixture();
    let first_line = |r: Result<Option<Certificate>, String>| r.unwrap_err().lines().next().unwrap().to_string();
    let missing = pfx("/https/aspnetapp.pfx", "x");
    assert_eq!(
        first_line(load(&missing, "Default", &root, v(3))),
        "Interop+Crypto+OpenSslCryptographicException: error:2006D080:BIO routines:BIO_new_file:no such file"
    );
    assert_eq!(
        first_line(load(&missing, "Default", &root, v(8))),
        "Interop+Crypto+OpenSslCryptographicException: error:10000080:BIO routines::no such file"
    );
    let wrong = pfx("stockdata.pfx", "wrong");
    assert_eq!(
        first_line(load(&wrong, "Default", &root, v(3))),
        "Interop+Crypto+OpenSslCryptographicException: error:23076071:PKCS12 routines:PKCS12_parse:mac verify failure"
    );
    assert_eq!(
        first_line(load(&wrong, "Default", &root, v(6))),
        "System.Security.Cryptography.CryptographicException: The certificate data cannot be read with the provided \
         password, the password may be incorrect."
    );
    // Garbage: neither X.509 nor PKCS#12.
    let garbage = pfx("README.md", "doccheck-dev");
    assert_eq!(
        first_line(load(&garbage, "Default", &root, v(3))),
        "Interop+Crypto+OpenSslCryptographicException: error:0D07207B:asn1 encoding routines:ASN1_get_object:header too long"
    );
    assert_eq!(
        first_line(load(&garbage, "Default", &root, v(8))),
        "System.Security.Cryptography.CryptographicException: ASN1 corrupted data."
    );
    let store = CertificateConfig {
        subject: Some("localhost".into()),
        ..Default::default()
    };
    assert_eq!(
        load(&store, "Https", &root, v(8)).unwrap_err(),
        "System.InvalidOperationException: The requested certificate localhost could not be found in CurrentUser/My \
         with AllowInvalid setting: False."
    );
    let both = CertificateConfig {
        subject: Some("localhost".into()),
        ..pfx("a.pfx", "")
    };
    assert_eq!(
        load(&both, "Https", &root, v(8)).unwrap_err(),
        "System.InvalidOperationException: The endpoint Https specified multiple certificate sources."
    );
    // A section without a source (only a password) names no certificate.
    let none = CertificateConfig {
        password: Some("x".into()),
        ..Default::default()
    };
    assert!(load(&none, "Default", &root, v(8)).unwrap().is_none());
}
