//! Kestrel's server addresses (`http://+:80;https://localhost:5001`) and what each binds.
//! Only numeric addresses are bound: a static glibc binary cannot resolve names.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq)]
pub enum Host {
    /// `+`, `*`, or a name Kestrel cannot bind specifically: every interface.
    Any,
    Localhost,
    Ip(IpAddr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub scheme: String,
    pub host: Host,
    pub port: u16,
    pub original: String,
}

impl Address {
    /// Candidate socket addresses, first preferred; `Any` tries IPv6 dual-stack first.
    pub fn ips(&self) -> Vec<IpAddr> {
        match &self.host {
            Host::Any => vec![IpAddr::V6(Ipv6Addr::UNSPECIFIED), IpAddr::V4(Ipv4Addr::UNSPECIFIED)],
            Host::Localhost => vec![IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)],
            Host::Ip(ip) => vec![*ip],
        }
    }

    /// How "Now listening on:" shows it, with the port actually bound.
    pub fn display(&self, port: u16) -> String {
        let host = match &self.host {
            Host::Any => "[::]".to_string(),
            Host::Localhost => "localhost".to_string(),
            Host::Ip(IpAddr::V6(v6)) => format!("[{v6}]"),
            Host::Ip(ip) => ip.to_string(),
        };
        format!("{}://{host}:{port}", self.scheme)
    }
}

/// Parses one address as Kestrel's BindingAddress does. Err: the exception text.
pub fn parse(url: &str) -> Result<Address, String> {
    let original = url.trim().to_string();
    let Some((scheme, rest)) = original.split_once("://") else {
        return Err(format!("System.FormatException: Invalid url: '{original}'"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "System.InvalidOperationException: Unrecognized scheme in server address '{original}'. Only 'http://' is supported."
        ));
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if !path.is_empty() && path != "/" {
        return Err(
            "System.InvalidOperationException: A path base can only be configured using IApplicationBuilder.UsePathBase()."
                .to_string(),
        );
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6
            .find(']')
            .ok_or_else(|| format!("System.FormatException: Invalid url: '{original}'"))?;
        (&authority[..end + 2], v6[end + 1..].strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port = match port {
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| format!("System.FormatException: Invalid url: '{original}'"))?,
        None if scheme == "https" => 443,
        None => 80,
    };
    if host.is_empty() {
        return Err(format!("System.FormatException: Invalid url: '{original}'"));
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let host = if host == "+" || host == "*" {
        Host::Any
    } else if host.eq_ignore_ascii_case("localhost") {
        Host::Localhost
    } else if let Ok(ip) = bare.parse::<IpAddr>() {
        Host::Ip(ip)
    } else {
        // Kestrel binds a host name it cannot bind specifically to every interface.
        Host::Any
    };
    Ok(Address {
        scheme,
        host,
        port,
        original,
    })
}

/// `ASPNETCORE_URLS` style: semicolon-separated.
pub fn parse_list(urls: &str) -> Result<Vec<Address>, String> {
    urls.split(';')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kestrel_addresses() {
        let a = parse("http://+:80").unwrap();
        assert_eq!((a.host.clone(), a.port), (Host::Any, 80));
        assert_eq!(a.display(80), "http://[::]:80");
        assert_eq!(
            parse("http://localhost:5000").unwrap().display(5000),
            "http://localhost:5000"
        );
        assert_eq!(
            parse("http://0.0.0.0:8080").unwrap().display(8080),
            "http://0.0.0.0:8080"
        );
        assert_eq!(
            parse("http://[::1]:5000").unwrap().host,
            Host::Ip("::1".parse().unwrap())
        );
        assert_eq!(parse("https://+").unwrap().port, 443);
        assert_eq!(parse_list("http://*:1;https://127.0.0.1:2").unwrap().len(), 2);
        assert!(parse("localhost:5000").is_err());
        assert!(parse("http://+:80/api").unwrap_err().contains("path base"));
    }
}
