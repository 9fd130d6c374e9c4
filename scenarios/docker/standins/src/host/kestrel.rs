//! Kestrel: which endpoints the configuration asks for, binding them, the console log an
//! ASP.NET Core app of that version writes, and serving until SIGTERM/SIGINT.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::task::Poll;

use rustls::ServerConfig;
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{signal, SignalKind};
use tokio_rustls::TlsAcceptor;

use super::config::Config;
use super::grpc;
use super::services::App;
use super::tls::{self, Certificate, CertificateConfig};
use super::urls::{self, Address};
use crate::versions::AspNetCore;

const HTTPS_NO_CERT: &str = "System.InvalidOperationException: Unable to configure HTTPS endpoint. No server \
certificate was specified, and the default developer certificate could not be found or is out of date.
To generate a developer certificate run 'dotnet dev-certs https'. To trust the certificate (Windows and macOS \
only) run 'dotnet dev-certs https --trust'.
For more information on configuring HTTPS see https://go.microsoft.com/fwlink/?linkid=848054.
   at Microsoft.AspNetCore.Hosting.ListenOptionsHttpsExtensions.UseHttps(ListenOptions listenOptions, Action`1 configureOptions)
   at Microsoft.AspNetCore.Server.Kestrel.Core.Internal.AddressBinder.AddressesStrategy.BindAsync(AddressBindContext context)
   at Microsoft.AspNetCore.Server.Kestrel.Core.Internal.AddressBinder.BindAsync(IServerAddressesFeature addresses, KestrelServerOptions serverOptions, ILogger logger, Func`2 createBinding)
   at Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServer.StartAsync[TContext](IHttpApplication`1 application, CancellationToken cancellationToken)";

pub fn log(level: &str, category: &str, message: &str) {
    use std::io::Write;
    // A closed stdout must not take the server down (println! would panic).
    let _ = writeln!(std::io::stdout(), "{level}: {category}\n      {message}");
}

/// A startup failure: what Kestrel logs (if anything) and the unhandled exception.
pub struct Failure {
    pub logged: Option<String>,
    pub exception: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Protocols {
    Http1,
    Http2,
    Http1AndHttp2,
}

struct Endpoint {
    address: Address,
    protocols: Protocols,
    certificate: Option<Certificate>,
}

/// What an accepted connection gets.
#[derive(Clone)]
enum Transport {
    Plain,
    Tls(Arc<ServerConfig>),
    /// An https endpoint whose certificate has no private key (3.x, PEM): every handshake fails.
    TlsNoKey,
}

fn protocols(value: Option<&str>) -> Protocols {
    match value.map(str::to_ascii_lowercase).as_deref() {
        Some("http2") => Protocols::Http2,
        Some("http1") => Protocols::Http1,
        _ => Protocols::Http1AndHttp2,
    }
}

/// The server addresses asked for outside `Kestrel:Endpoints`: `urls` (ASPNETCORE_URLS and
/// friends; empty counts as unset), else, from ASP.NET Core 8.0, `http_ports`/`https_ports`
/// (ASPNETCORE_HTTP_PORTS…) as `http://*:PORT` each, else None.
pub fn server_urls(config: &Config, aspnet: AspNetCore) -> Option<String> {
    let get = |key: &str| config.get(key).map(str::trim).filter(|v| !v.is_empty());
    let ports = |key: &str, scheme: &str| -> Vec<String> {
        get(key)
            .map(|v| {
                v.split(';')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| format!("{scheme}://*:{p}"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (http, https) = if aspnet.honours_http_ports() {
        (ports("http_ports", "http"), ports("https_ports", "https"))
    } else {
        (Vec::new(), Vec::new())
    };
    if let Some(urls) = get("urls") {
        if !http.is_empty() || !https.is_empty() {
            log(
                "warn",
                "Microsoft.AspNetCore.Hosting.Diagnostics[15]",
                &format!(
                    "Overriding HTTP_PORTS '{}' and HTTPS_PORTS '{}'. Binding to values defined by URLS instead '{urls}'.",
                    get("http_ports").unwrap_or(""),
                    get("https_ports").unwrap_or("")
                ),
            );
        }
        return Some(urls.to_string());
    }
    let all: Vec<String> = http.into_iter().chain(https).collect();
    (!all.is_empty()).then(|| all.join(";"))
}

/// The endpoints: `Kestrel:Endpoints` if configured (they override the server addresses),
/// else the server addresses (`server_urls`), else Kestrel's default http://localhost:5000.
/// As KestrelConfigurationLoader.Load does, `Kestrel:Certificates:Default` is loaded first,
/// whether or not an endpoint uses it; an https endpoint's own `Certificate` wins over it.
fn endpoints(config: &Config, aspnet: AspNetCore, content_root: &Path) -> Result<Vec<Endpoint>, Failure> {
    let fail = |exception: String| Failure {
        logged: None,
        exception,
    };
    let cert_fail = |exception: String| Failure {
        logged: Some(exception.clone()),
        exception,
    };
    let defaults = protocols(config.get("Kestrel:EndpointDefaults:Protocols"));
    let default_cert = match CertificateConfig::read(config, "Kestrel:Certificates:Default") {
        Some(c) => tls::load(&c, "Default", content_root, aspnet).map_err(cert_fail)?,
        None => None,
    };
    let named = config.children("Kestrel:Endpoints");
    let addresses = server_urls(config, aspnet);
    if !named.is_empty() {
        if let Some(urls) = &addresses {
            log(
                "warn",
                "Microsoft.AspNetCore.Server.Kestrel[0]",
                &format!("Overriding address(es) '{urls}'. Binding to endpoints defined in UseKestrel() instead."),
            );
        }
        return named
            .iter()
            .map(|name| {
                let section = format!("Kestrel:Endpoints:{name}");
                let url = config.get(&format!("{section}:Url")).unwrap_or("");
                let address = urls::parse(url).map_err(fail)?;
                let own = match CertificateConfig::read(config, &format!("{section}:Certificate")) {
                    Some(c) if address.scheme == "https" => {
                        tls::load(&c, name, content_root, aspnet).map_err(cert_fail)?
                    }
                    _ => None,
                };
                Ok(Endpoint {
                    address,
                    protocols: config
                        .get(&format!("{section}:Protocols"))
                        .map(|p| protocols(Some(p)))
                        .unwrap_or(defaults),
                    certificate: own.or_else(|| default_cert.clone()),
                })
            })
            .collect();
    }
    let urls = addresses.unwrap_or_else(|| "http://localhost:5000".to_string());
    Ok(urls::parse_list(&urls)
        .map_err(fail)?
        .into_iter()
        .map(|address| Endpoint {
            address,
            protocols: defaults,
            certificate: default_cert.clone(),
        })
        .collect())
}

struct Bound {
    listeners: Vec<(std::net::TcpListener, Protocols)>,
    transport: Transport,
    shown: String,
}

fn bind(endpoint: &Endpoint) -> Result<Bound, Failure> {
    let address = &endpoint.address;
    let transport = match (address.scheme.as_str(), &endpoint.certificate) {
        ("https", None) => {
            return Err(Failure {
                logged: Some(HTTPS_NO_CERT.lines().take(3).collect::<Vec<_>>().join("\n")),
                exception: HTTPS_NO_CERT.to_string(),
            })
        }
        ("https", Some(cert)) if cert.key.is_none() => Transport::TlsNoKey,
        ("https", Some(cert)) => Transport::Tls(tls::server_config(cert, endpoint.protocols).map_err(|e| Failure {
            logged: Some(e.clone()),
            exception: e,
        })?),
        _ => Transport::Plain,
    };
    let mut listeners = Vec::new();
    let mut port = address.port;
    let mut last_error = None;
    for ip in address.ips() {
        match std::net::TcpListener::bind(SocketAddr::new(ip, port)) {
            Ok(l) => {
                // Port 0: the other family must get the same port.
                port = l.local_addr().map(|a| a.port()).unwrap_or(port);
                listeners.push((l, endpoint.protocols));
                if matches!(address.host, urls::Host::Any) {
                    // [::] is dual-stack; 0.0.0.0 is only the fallback without IPv6.
                    break;
                }
            }
            Err(e) => last_error = Some(e),
        }
    }
    if listeners.is_empty() {
        let e = last_error.map(|e| e.to_string()).unwrap_or_default();
        let reason = if e.contains("in use") {
            "address already in use".to_string()
        } else {
            e.to_lowercase()
        };
        return Err(Failure {
            logged: Some(format!("System.IO.IOException: Failed to bind to address {}: {reason}.", address.display(address.port))),
            exception: format!(
                "System.IO.IOException: Failed to bind to address {}: {reason}.\n   at \
                 Microsoft.AspNetCore.Server.Kestrel.Core.Internal.AddressBinder.BindEndpointAsync(ListenOptions endpoint, AddressBindContext context)",
                address.display(address.port)
            ),
        });
    }
    Ok(Bound {
        listeners,
        transport,
        shown: address.display(port),
    })
}

/// Starts Kestrel and serves until a stop signal. Ok: clean shutdown; Err: startup failure.
pub fn run(config: &Config, aspnet: AspNetCore, app: App, content_root: &Path) -> Result<(), Failure> {
    let crit = |f: &Failure| {
        if let Some(logged) = &f.logged {
            log(
                "crit",
                "Microsoft.AspNetCore.Server.Kestrel[0]",
                &format!("Unable to start Kestrel.\n{logged}"),
            );
        }
    };
    let endpoints = endpoints(config, aspnet, content_root).inspect_err(crit)?;
    let mut bound = Vec::new();
    for e in &endpoints {
        if e.protocols == Protocols::Http1AndHttp2 && e.address.scheme == "http" {
            log(
                "warn",
                "Microsoft.AspNetCore.Server.Kestrel[64]",
                &format!(
                    "HTTP/2 is not enabled for {}. The endpoint is configured to use HTTP/1.1 and HTTP/2, but TLS is \
                     not enabled. HTTP/2 requires TLS application protocol negotiation. Connections to this endpoint \
                     will use HTTP/1.1.",
                    e.address.display(e.address.port).split("://").nth(1).unwrap_or("")
                ),
            );
        }
        bound.push(bind(e).inspect_err(crit)?);
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure {
            logged: None,
            exception: format!("System.InvalidOperationException: {e}"),
        })?;
    let app = Arc::new(app);
    runtime.block_on(async move {
        // Signals first: as PID 1 in a container nothing else would stop the process.
        let (Ok(mut term), Ok(mut int)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) else {
            return Err(Failure {
                logged: None,
                exception: "System.InvalidOperationException: signal handlers".into(),
            });
        };
        for b in &bound {
            for (listener, protocols) in &b.listeners {
                let listener = listener.try_clone().and_then(|l| {
                    l.set_nonblocking(true)?;
                    TcpListener::from_std(l)
                });
                let Ok(listener) = listener else { continue };
                tokio::spawn(accept_loop(listener, *protocols, b.transport.clone(), app.clone()));
            }
        }
        let listening = format!("Microsoft.Hosting.Lifetime[{}]", aspnet.listening_event());
        for b in &bound {
            log("info", &listening, &format!("Now listening on: {}", b.shown));
        }
        let lifetime = "Microsoft.Hosting.Lifetime[0]";
        log("info", lifetime, "Application started. Press Ctrl+C to shut down.");
        log(
            "info",
            lifetime,
            &format!("Hosting environment: {}", config.environment_name()),
        );
        log(
            "info",
            lifetime,
            &format!("Content root path: {}", content_root.display()),
        );
        std::future::poll_fn(|cx| {
            if term.poll_recv(cx).is_ready() || int.poll_recv(cx).is_ready() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await;
        log("info", lifetime, "Application is shutting down...");
        Ok(())
    })
}

async fn accept_loop(listener: TcpListener, protocols: Protocols, transport: Transport, app: Arc<App>) {
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            continue;
        };
        let _ = socket.set_nodelay(true);
        match &transport {
            Transport::Plain if protocols == Protocols::Http2 => {
                tokio::spawn(grpc::serve_h2(socket, app.clone()));
            }
            Transport::Plain => {
                tokio::spawn(grpc::serve_http1(socket));
            }
            Transport::Tls(config) => {
                tokio::spawn(serve_tls(
                    socket,
                    TlsAcceptor::from(config.clone()),
                    protocols,
                    app.clone(),
                ));
            }
            Transport::TlsNoKey => {
                log(
                    "fail",
                    "Microsoft.AspNetCore.Server.Kestrel[0]",
                    &format!(
                        "Unhandled exception while processing a connection.\n{}",
                        tls::no_private_key()
                    ),
                );
                drop(socket);
            }
        }
    }
}

/// One connection to an https endpoint: the TLS handshake (10 s at most, as Kestrel's
/// HandshakeTimeout), then HTTP/2 if ALPN chose `h2`, else HTTP/1.1 unless the endpoint is
/// Http2-only (Kestrel closes those).
async fn serve_tls(socket: TcpStream, acceptor: TlsAcceptor, protocols: Protocols, app: Arc<App>) {
    let handshake = tokio::time::timeout(std::time::Duration::from_secs(10), acceptor.accept(socket));
    let Ok(Ok(stream)) = handshake.await else {
        return;
    };
    let h2 = stream.get_ref().1.alpn_protocol() == Some(b"h2");
    if h2 {
        grpc::serve_h2(stream, app).await;
    } else if protocols != Protocols::Http2 {
        grpc::serve_http1(stream).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(env: &[(&str, &str)]) -> Config {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::load(Path::new("/nonexistent-standin-dir"), &env, &[]).unwrap()
    }

    #[test]
    fn http_ports_from_8_0() {
        let eight = AspNetCore { line: (8, 0) };
        let seven = AspNetCore { line: (7, 0) };
        let ports = config(&[("ASPNETCORE_HTTP_PORTS", "8080;8081")]);
        assert_eq!(
            server_urls(&ports, eight).as_deref(),
            Some("http://*:8080;http://*:8081")
        );
        // Before 8.0 the variable means nothing: Kestrel's default.
        assert_eq!(server_urls(&ports, seven), None);
        let both = config(&[("ASPNETCORE_HTTP_PORTS", "8080"), ("ASPNETCORE_URLS", "http://+:80")]);
        assert_eq!(server_urls(&both, eight).as_deref(), Some("http://+:80"));
        // The SDK images set ASPNETCORE_URLS= (empty): unset.
        let empty = config(&[("ASPNETCORE_URLS", "")]);
        assert_eq!(server_urls(&empty, seven), None);
        let dotnet = config(&[("DOTNET_HTTP_PORTS", "5001")]);
        assert_eq!(server_urls(&dotnet, eight).as_deref(), Some("http://*:5001"));
    }
}
