//! The connection to the real engine: a unix socket or plain TCP.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;

/// Where the real engine listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upstream {
    Unix(PathBuf),
    Tcp(String),
}

impl Upstream {
    /// `unix:///var/run/docker.sock` or `tcp://host:2375`; `None` for what the
    /// gateway cannot forward to (ssh://, TLS).
    pub fn from_endpoint(endpoint: &str) -> Option<Upstream> {
        if let Some(path) = endpoint.strip_prefix("unix://") {
            return Some(Upstream::Unix(PathBuf::from(path)));
        }
        let tls = std::env::var_os("DOCKER_TLS_VERIFY").is_some_and(|v| !v.is_empty());
        match endpoint.strip_prefix("tcp://") {
            Some(address) if !tls => Some(Upstream::Tcp(address.trim_end_matches('/').to_string())),
            _ => None,
        }
    }

    pub fn connect(&self) -> io::Result<Stream> {
        match self {
            Upstream::Unix(path) => UnixStream::connect(path).map(Stream::Unix),
            Upstream::Tcp(address) => TcpStream::connect(address).map(Stream::Tcp),
        }
    }
}

impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Upstream::Unix(path) => write!(f, "unix://{}", path.display()),
            Upstream::Tcp(address) => write!(f, "tcp://{address}"),
        }
    }
}

pub enum Stream {
    Unix(UnixStream),
    Tcp(TcpStream),
}

impl Stream {
    pub fn try_clone(&self) -> io::Result<Stream> {
        Ok(match self {
            Stream::Unix(s) => Stream::Unix(s.try_clone()?),
            Stream::Tcp(s) => Stream::Tcp(s.try_clone()?),
        })
    }

    pub fn shutdown_write(&self) {
        let _ = match self {
            Stream::Unix(s) => s.shutdown(Shutdown::Write),
            Stream::Tcp(s) => s.shutdown(Shutdown::Write),
        };
    }

    pub fn shutdown_all(&self) {
        let _ = match self {
            Stream::Unix(s) => s.shutdown(Shutdown::Both),
            Stream::Tcp(s) => s.shutdown(Shutdown::Both),
        };
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Unix(s) => s.read(buf),
            Stream::Tcp(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Unix(s) => s.write(buf),
            Stream::Tcp(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Unix(s) => s.flush(),
            Stream::Tcp(s) => s.flush(),
        }
    }
}
