//! Kestrel's server certificates: which one an https endpoint gets from the configuration
//! (`Kestrel:Endpoints:<name>:Certificate`, else `Kestrel:Certificates:Default`), loading it
//! as X509Certificate2 would on Linux (a PKCS#12 .pfx with `Password`; from 5.0 a PEM
//! certificate with `KeyPath`), the exceptions the real loaders throw, and the rustls
//! configuration that serves it (TLS 1.2 and 1.3, ALPN by the endpoint's protocols).

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::config::Config;
use super::kestrel::Protocols;
use crate::versions::AspNetCore;

/// The keys of a certificate section (Kestrel's CertificateConfig).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CertificateConfig {
    pub path: Option<String>,
    pub key_path: Option<String>,
    pub password: Option<String>,
    pub subject: Option<String>,
    pub store: Option<String>,
    pub location: Option<String>,
    pub allow_invalid: bool,
}

impl CertificateConfig {
    /// The section `section` (e.g. "Kestrel:Certificates:Default"); None when it has no keys.
    pub fn read(config: &Config, section: &str) -> Option<CertificateConfig> {
        if config.children(section).is_empty() {
            return None;
        }
        let get = |key: &str| {
            config
                .get(&format!("{section}:{key}"))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Some(CertificateConfig {
            path: get("Path"),
            key_path: get("KeyPath"),
            password: get("Password"),
            subject: get("Subject"),
            store: get("Store"),
            location: get("Location"),
            allow_invalid: get("AllowInvalid").is_some_and(|v| v.eq_ignore_ascii_case("true")),
        })
    }
}

/// A loaded server certificate. `key` is None for a certificate without its private key
/// (ASP.NET Core 3.x loads a PEM certificate and ignores `KeyPath`): startup succeeds, but
/// no TLS handshake can.
#[derive(Debug)]
pub struct Certificate {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: Option<PrivateKeyDer<'static>>,
}

impl Clone for Certificate {
    fn clone(&self) -> Certificate {
        Certificate {
            chain: self.chain.clone(),
            key: self.key.as_ref().map(PrivateKeyDer::clone_key),
        }
    }
}

const LOAD_STACK: &str =
    "\n   at Microsoft.AspNetCore.Server.Kestrel.KestrelConfigurationLoader.LoadDefaultCert()\n   \
at Microsoft.AspNetCore.Server.Kestrel.KestrelConfigurationLoader.Load()";

/// The OpenSSL error X509Certificate2 reports for a file that can't be opened: OpenSSL
/// 1.1.1 (Debian 10 and 11: 3.0 to 7.0) or OpenSSL 3 (Debian 12: 8.0).
fn no_such_file(aspnet: AspNetCore) -> String {
    let error = if aspnet.line.0 >= 8 {
        "error:10000080:BIO routines::no such file"
    } else {
        "error:2006D080:BIO routines:BIO_new_file:no such file"
    };
    format!(
        "Interop+Crypto+OpenSslCryptographicException: {error}\n   at Interop.Crypto.CheckValidOpenSslHandle(SafeHandle handle)\n   \
         at Internal.Cryptography.Pal.OpenSslX509CertificateReader.FromFile(String fileName, SafePasswordHandle password, X509KeyStorageFlags keyStorageFlags)\n   \
         at System.Security.Cryptography.X509Certificates.X509Certificate2..ctor(String fileName, String password){LOAD_STACK}"
    )
}

/// A PKCS#12 file whose MAC does not verify with the password: OpenSSL's PKCS12_parse in
/// 3.x, the managed PKCS#12 reader from 5.0.
fn bad_password(aspnet: AspNetCore) -> String {
    if aspnet.line.0 >= 5 {
        format!(
            "System.Security.Cryptography.CryptographicException: The certificate data cannot be read with the provided \
             password, the password may be incorrect.\n   at Internal.Cryptography.Pal.UnixPkcs12Reader.VerifyAndDecrypt(ReadOnlySpan`1 password, ReadOnlyMemory`1 authSafeContents)\n   \
             at System.Security.Cryptography.X509Certificates.X509Certificate2..ctor(String fileName, String password){LOAD_STACK}"
        )
    } else {
        format!(
            "Interop+Crypto+OpenSslCryptographicException: error:23076071:PKCS12 routines:PKCS12_parse:mac verify failure\n   \
             at Internal.Cryptography.Pal.OpenSslPkcs12Reader.Decrypt(SafePasswordHandle password)\n   \
             at System.Security.Cryptography.X509Certificates.X509Certificate2..ctor(String fileName, String password){LOAD_STACK}"
        )
    }
}

/// A file that is neither a certificate nor PKCS#12.
fn unreadable(aspnet: AspNetCore) -> String {
    if aspnet.line.0 >= 5 {
        format!(
            "System.Security.Cryptography.CryptographicException: ASN1 corrupted data.\n   \
             at System.Security.Cryptography.X509Certificates.X509Certificate2..ctor(String fileName, String password){LOAD_STACK}"
        )
    } else {
        format!(
            "Interop+Crypto+OpenSslCryptographicException: error:0D07207B:asn1 encoding routines:ASN1_get_object:header too long\n   \
             at System.Security.Cryptography.X509Certificates.X509Certificate2..ctor(String fileName, String password){LOAD_STACK}"
        )
    }
}

fn file_not_found(path: &Path) -> String {
    format!(
        "System.IO.FileNotFoundException: Could not find file '{}'.\nFile name: '{}'\n   at System.IO.File.ReadAllText(String path){LOAD_STACK}",
        path.display(),
        path.display()
    )
}

const INVALID_PEM_KEY: &str = "System.InvalidOperationException: The provided key file is missing or invalid.";

/// A PEM or DER X.509 certificate (what X509Certificate2 reads before trying PKCS#12).
fn x509(bytes: &[u8]) -> Option<Vec<CertificateDer<'static>>> {
    let pem: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(bytes).filter_map(Result::ok).collect();
    if !pem.is_empty() {
        return Some(pem);
    }
    // DER: an X.509 certificate is a SEQUENCE of a SEQUENCE (tbsCertificate); PKCS#12 starts
    // SEQUENCE, INTEGER (the version).
    let looks_der = bytes.first() == Some(&0x30) && {
        let header = match bytes.get(1) {
            Some(l) if *l < 0x80 => 2,
            Some(l) => 2 + (*l & 0x7f) as usize,
            None => 0,
        };
        bytes.get(header) == Some(&0x30)
    };
    looks_der.then(|| vec![CertificateDer::from(bytes.to_vec())])
}

fn pkcs12(bytes: &[u8], password: &str, aspnet: AspNetCore) -> Result<Certificate, String> {
    use p12_keystore::error::Error as P12;
    let store = p12_keystore::KeyStore::from_pkcs12(bytes, password, p12_keystore::Pkcs12ImportPolicy::Relaxed)
        .map_err(|e| match e {
            P12::MacError(_) => bad_password(aspnet),
            _ => unreadable(aspnet),
        })?;
    let Some((_, chain)) = store.private_key_chain() else {
        return Err(unreadable(aspnet));
    };
    Ok(Certificate {
        chain: chain
            .certs()
            .iter()
            .map(|c| CertificateDer::from(c.as_der().to_vec()))
            .collect(),
        key: Some(PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            chain.key().as_der().to_vec(),
        ))),
    })
}

/// Loads a certificate as Kestrel's CertificateConfigLoader does; paths are relative to the
/// content root. Ok(None): the section names no certificate source. Err: the exception.
pub fn load(
    cert: &CertificateConfig,
    endpoint: &str,
    content_root: &Path,
    aspnet: AspNetCore,
) -> Result<Option<Certificate>, String> {
    if cert.path.is_some() && cert.subject.is_some() {
        return Err(format!(
            "System.InvalidOperationException: The endpoint {endpoint} specified multiple certificate sources."
        ));
    }
    if let Some(subject) = &cert.subject {
        // The stand-in's X509Store is always empty, as a fresh container's is.
        return Err(format!(
            "System.InvalidOperationException: The requested certificate {subject} could not be found in {}/{} with \
             AllowInvalid setting: {}.",
            cert.location.as_deref().unwrap_or("CurrentUser"),
            cert.store.as_deref().unwrap_or("My"),
            if cert.allow_invalid { "True" } else { "False" }
        ));
    }
    let Some(path) = &cert.path else {
        return Ok(None);
    };
    let full = content_root.join(path);
    let pem_key = cert.key_path.as_ref().filter(|_| aspnet.line.0 >= 5);
    if let Some(key_path) = pem_key {
        // 7.0 and later read the chain with ImportFromPemFile (File.ReadAllText) first.
        let bytes = match std::fs::read(&full) {
            Ok(b) => b,
            Err(_) if aspnet.line.0 >= 7 => return Err(file_not_found(&full)),
            Err(_) => return Err(no_such_file(aspnet)),
        };
        let chain = x509(&bytes).ok_or_else(|| INVALID_PEM_KEY.to_string())?;
        let key_full = content_root.join(key_path);
        let key_text = std::fs::read(&key_full).map_err(|_| file_not_found(&key_full))?;
        if String::from_utf8_lossy(&key_text).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            return Err(format!(
                "System.NotSupportedException: doccheck stand-in runtime: encrypted PEM keys are not simulated ('{}').",
                key_full.display()
            ));
        }
        let key = PrivateKeyDer::from_pem_slice(&key_text).map_err(|_| {
            "System.ArgumentException: No supported key formats were found. Check that the input represents the \
             contents of a PEM-encoded key file, not the path to such a file. (Parameter 'input')"
                .to_string()
        })?;
        return Ok(Some(Certificate { chain, key: Some(key) }));
    }
    let bytes = std::fs::read(&full).map_err(|_| no_such_file(aspnet))?;
    if let Some(chain) = x509(&bytes) {
        return Ok(Some(Certificate { chain, key: None }));
    }
    pkcs12(&bytes, cert.password.as_deref().unwrap_or(""), aspnet).map(Some)
}

/// The exception of an https endpoint whose certificate has no private key (3.x with PEM).
pub fn no_private_key() -> String {
    "System.NotSupportedException: The server mode SSL must use a certificate with the associated private key.".into()
}

/// The rustls configuration of an endpoint: ALPN `h2` and/or `http/1.1` by its protocols.
pub fn server_config(cert: &Certificate, protocols: Protocols) -> Result<Arc<ServerConfig>, String> {
    let key = cert
        .key
        .as_ref()
        .map(PrivateKeyDer::clone_key)
        .ok_or_else(no_private_key)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| format!("System.Security.Authentication.AuthenticationException: {e}"))?
        .with_no_client_auth()
        .with_single_cert(cert.chain.clone(), key)
        .map_err(|e| format!("System.Security.Cryptography.CryptographicException: {e}"))?;
    config.alpn_protocols = match protocols {
        Protocols::Http2 => vec![b"h2".to_vec()],
        Protocols::Http1 => vec![b"http/1.1".to_vec()],
        Protocols::Http1AndHttp2 => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
    };
    Ok(Arc::new(config))
}

#[cfg(test)]
#[path = "tls_tests.rs"]
mod tests;
