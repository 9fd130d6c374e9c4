//! The HTTP/1.1 the Engine API speaks, as far as a gateway needs it: message
//! heads (parsed by httparse), bodies framed by Content-Length or chunked
//! encoding, and everything else passed through byte for byte.

use std::io::{self, BufRead, BufReader, Read, Write};

/// A request or response head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// `POST /v1.41/images/x/push?tag=latest HTTP/1.1`, or `HTTP/1.1 200 OK`.
    pub start: String,
    pub headers: Vec<(String, String)>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn set_header(&mut self, name: &str, value: &str) {
        self.remove_header(name);
        self.headers.push((name.to_string(), value.to_string()));
    }

    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// How the body that follows is framed.
    pub fn framing(&self, is_response_to_head: bool) -> Framing {
        if is_response_to_head {
            return Framing::Length(0);
        }
        if self
            .header("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
        {
            return Framing::Chunked;
        }
        match self
            .header("content-length")
            .and_then(|l| l.trim().parse().ok())
        {
            Some(length) => Framing::Length(length),
            None => Framing::None,
        }
    }

    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let mut text = format!("{}\r\n", self.start);
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        text.push_str("\r\n");
        out.write_all(text.as_bytes())
    }
}

/// How a body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Length(u64),
    Chunked,
    /// No length: a request has no body; a response runs until the connection closes.
    None,
}

/// Reads one head; `None` when the peer closed the connection before one began.
pub fn read_head(reader: &mut BufReader<impl Read>) -> io::Result<Option<Head>> {
    let mut raw = Vec::new();
    loop {
        let before = raw.len();
        reader.read_until(b'\n', &mut raw)?;
        if raw.len() == before {
            return if raw.is_empty() {
                Ok(None)
            } else {
                Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "cut off in a message head",
                ))
            };
        }
        if raw.ends_with(b"\r\n\r\n") || raw.ends_with(b"\n\n") {
            break;
        }
        if raw.len() > 1 << 20 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "message head over 1 MiB",
            ));
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let (start, parsed): (String, &[httparse::Header]) = if raw.starts_with(b"HTTP/") {
        let mut response = httparse::Response::new(&mut headers);
        response
            .parse(&raw)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        let start = format!(
            "HTTP/1.{} {} {}",
            response.version.unwrap_or(1),
            response.code.unwrap_or(0),
            response.reason.unwrap_or("")
        );
        (start, response.headers)
    } else {
        let mut request = httparse::Request::new(&mut headers);
        request
            .parse(&raw)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        let start = format!(
            "{} {} HTTP/1.{}",
            request.method.unwrap_or("GET"),
            request.path.unwrap_or("/"),
            request.version.unwrap_or(1)
        );
        (start, request.headers)
    };
    let headers = parsed
        .iter()
        .filter(|h| !h.name.is_empty())
        .map(|h| {
            (
                h.name.to_string(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    Ok(Some(Head { start, headers }))
}

/// Copies a body framed by `framing` from `from` to `to`, calling `seen` with
/// its bytes as they pass (chunk framing excluded).
pub fn copy_body(
    framing: Framing,
    from: &mut BufReader<impl Read>,
    to: &mut impl Write,
    seen: &mut dyn FnMut(&[u8]),
) -> io::Result<()> {
    let mut buffer = vec![0u8; 64 * 1024];
    match framing {
        Framing::Length(mut left) => {
            while left > 0 {
                let want = buffer.len().min(left as usize);
                let n = from.read(&mut buffer[..want])?;
                if n == 0 {
                    return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "body cut off"));
                }
                seen(&buffer[..n]);
                to.write_all(&buffer[..n])?;
                to.flush()?;
                left -= n as u64;
            }
        }
        Framing::Chunked => loop {
            let mut size_line = String::new();
            if from.read_line(&mut size_line)? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "chunked body cut off",
                ));
            }
            to.write_all(size_line.as_bytes())?;
            let size = u64::from_str_radix(size_line.trim().split(';').next().unwrap_or("0"), 16)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            if size == 0 {
                // Trailers, then the blank line that ends the body.
                loop {
                    let mut line = String::new();
                    from.read_line(&mut line)?;
                    to.write_all(line.as_bytes())?;
                    if line == "\r\n" || line == "\n" || line.is_empty() {
                        break;
                    }
                }
                to.flush()?;
                return Ok(());
            }
            let mut left = size;
            while left > 0 {
                let want = buffer.len().min(left as usize);
                let n = from.read(&mut buffer[..want])?;
                if n == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "chunk cut off",
                    ));
                }
                seen(&buffer[..n]);
                to.write_all(&buffer[..n])?;
                left -= n as u64;
            }
            let mut end = String::new();
            from.read_line(&mut end)?;
            to.write_all(end.as_bytes())?;
            to.flush()?;
        },
        Framing::None => loop {
            let n = from.read(&mut buffer)?;
            if n == 0 {
                to.flush()?;
                return Ok(());
            }
            seen(&buffer[..n]);
            to.write_all(&buffer[..n])?;
            to.flush()?;
        },
    }
    to.flush()
}

/// Reads a whole body (to rewrite it).
pub fn read_body(framing: Framing, from: &mut BufReader<impl Read>) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    copy_body(framing, from, &mut io::sink(), &mut |bytes| {
        body.extend_from_slice(bytes)
    })?;
    Ok(body)
}

/// A whole response of our own (a refusal, a rewritten answer).
pub fn respond(
    out: &mut impl Write,
    status: &str,
    content_type: &str,
    body: &[u8],
) -> io::Result<()> {
    let head = Head {
        start: format!("HTTP/1.1 {status}"),
        headers: vec![
            ("Content-Type".into(), content_type.into()),
            ("Content-Length".into(), body.len().to_string()),
            ("Api-Version".into(), "1.41".into()),
        ],
    };
    head.write_to(out)?;
    out.write_all(body)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_chunked_bodies() {
        let raw = b"POST /v1.41/build?t=app HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /_ping HTTP/1.1\r\n\r\n";
        let mut reader = BufReader::new(&raw[..]);
        let head = read_head(&mut reader).unwrap().unwrap();
        assert_eq!(head.start, "POST /v1.41/build?t=app HTTP/1.1");
        assert_eq!(head.framing(false), Framing::Chunked);
        let mut out = Vec::new();
        let mut seen = Vec::new();
        copy_body(head.framing(false), &mut reader, &mut out, &mut |b| {
            seen.extend_from_slice(b)
        })
        .unwrap();
        assert_eq!(seen, b"hello");
        assert_eq!(out, b"5\r\nhello\r\n0\r\n\r\n");
        let next = read_head(&mut reader).unwrap().unwrap();
        assert_eq!(next.start, "GET /_ping HTTP/1.1");
        assert_eq!(next.framing(false), Framing::None);
        assert!(read_head(&mut reader).unwrap().is_none());
    }
}
