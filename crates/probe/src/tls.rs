//! TLS for the gRPC probes: a client configuration that trusts a CA file
//! (PEM) or, asked explicitly, any certificate; ALPN `h2`, as gRPC over TLS
//! requires. rustls with the `ring` provider.

use std::path::Path;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::ProbeError;

/// How a probe speaks TLS to the service.
#[derive(Clone)]
pub struct Tls {
    config: Arc<ClientConfig>,
    /// The name the certificate must be for (default: the probed host).
    server_name: Option<String>,
    /// What the probe trusts, for messages.
    trusts: String,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tls({})", self.trusts)
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

impl Tls {
    /// Trusts the certificates of the PEM file `ca` (and nothing else).
    pub fn trusting(ca: &Path) -> Result<Tls, String> {
        let mut roots = RootCertStore::empty();
        let certs =
            CertificateDer::pem_file_iter(ca).map_err(|e| format!("{}: {e}", ca.display()))?;
        for cert in certs {
            let cert = cert.map_err(|e| format!("{}: {e}", ca.display()))?;
            roots
                .add(cert)
                .map_err(|e| format!("{}: not a CA certificate: {e}", ca.display()))?;
        }
        if roots.is_empty() {
            return Err(format!("{}: no PEM certificate in it", ca.display()));
        }
        let config = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Tls::from_config(config, format!("the CA {}", ca.display())))
    }

    /// Accepts any certificate: TLS without authentication, for a service
    /// whose certificate the scenario cannot know. Said so in messages.
    pub fn insecure() -> Tls {
        let config = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .expect("ring supports the default protocol versions")
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate))
            .with_no_client_auth();
        Tls::from_config(config, "any certificate (insecure)".to_string())
    }

    fn from_config(mut config: ClientConfig, trusts: String) -> Tls {
        config.alpn_protocols = vec![b"h2".to_vec()];
        Tls {
            config: Arc::new(config),
            server_name: None,
            trusts,
        }
    }

    /// Checks the certificate against `name` instead of the probed host.
    pub fn with_server_name(mut self, name: impl Into<String>) -> Tls {
        self.server_name = Some(name.into());
        self
    }

    /// Wraps a connected stream to `authority` (host:port) in TLS.
    pub(crate) async fn connect(
        &self,
        authority: &str,
        tcp: tokio::net::TcpStream,
    ) -> Result<tokio_rustls::client::TlsStream<tokio::net::TcpStream>, ProbeError> {
        let host = match &self.server_name {
            Some(name) => name.clone(),
            None => host_of(authority),
        };
        let name = ServerName::try_from(host.clone()).map_err(|_| {
            ProbeError::failed(format!(
                "{host:?} is not a name a TLS certificate can be for."
            ))
        })?;
        let connector = tokio_rustls::TlsConnector::from(self.config.clone());
        let stream = connector.connect(name, tcp).await.map_err(|e| {
            // A service that is still starting resets the connection; a
            // certificate the probe does not trust will not change by waiting.
            let text = format!(
                "The TLS handshake with {authority} failed (trusting {}): {e}.",
                self.trusts
            );
            if e.kind() == std::io::ErrorKind::InvalidData {
                ProbeError::failed(text)
            } else {
                ProbeError::not_ready(text)
            }
        })?;
        if stream.get_ref().1.alpn_protocol() != Some(b"h2") {
            return Err(ProbeError::failed(format!(
                "{authority} speaks TLS but did not agree to HTTP/2 (ALPN h2), which gRPC needs."
            )));
        }
        Ok(stream)
    }
}

/// "127.0.0.1:5001" → "127.0.0.1", "[::1]:5001" → "::1".
fn host_of(authority: &str) -> String {
    let host = authority
        .rsplit_once(':')
        .map(|(h, _)| h)
        .unwrap_or(authority);
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .to_string()
}

#[derive(Debug)]
struct AnyCertificate;

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_of_an_authority() {
        assert_eq!(host_of("127.0.0.1:5001"), "127.0.0.1");
        assert_eq!(host_of("[::1]:5001"), "::1");
        assert_eq!(host_of("localhost:443"), "localhost");
    }

    #[test]
    fn a_ca_file_without_certificates_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.crt");
        std::fs::write(&path, "not a certificate\n").unwrap();
        let error = Tls::trusting(&path).unwrap_err();
        assert!(error.ends_with("no PEM certificate in it"), "{error}");
    }
}
