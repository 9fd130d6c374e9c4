//! A request's line as the engine will read it: the method, the API version,
//! the path decoded once (as the engine's router decodes it, so
//! `/images/x/pus%68` is the push it is), and the query. A target the engine
//! would read otherwise than plainly (a path with `.` or `..` segments or
//! empty ones, control characters, an encoding that is not UTF-8) is refused
//! before any policy looks at it, and what is forwarded is the canonical
//! form the policy judged.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters escaped in a path: every one but those of names and ids.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b':')
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'@');

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// `/v1.41` or empty.
    pub version: String,
    /// Decoded, without the version prefix: `/images/myorg/app/push`.
    pub path: String,
    pub query: Vec<(String, String)>,
}

impl Request {
    /// The request line's method and target; why not, when the gateway
    /// cannot be sure the engine reads it as it does.
    pub fn parse(start: &str) -> Result<Request, String> {
        let mut words = start.split(' ');
        let (Some(method), Some(target)) = (words.next(), words.next()) else {
            return Err("not an HTTP request".to_string());
        };
        if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "the method {method:?} is not one the Engine API has"
            ));
        }
        // `POST http://docker/v1.41/... HTTP/1.1` is read by the path alone.
        let target = match target.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => {
                rest.find('/').map_or("/", |at| &rest[at..])
            }
            _ => target,
        };
        if !target.starts_with('/') || target.contains('#') {
            return Err(format!("the request target {target:?} is not a plain path"));
        }
        let (raw_path, query) = target.split_once('?').unwrap_or((target, ""));
        let path = percent_decode_str(raw_path)
            .decode_utf8()
            .map_err(|_| format!("the path {raw_path:?} is not UTF-8 once decoded"))?
            .into_owned();
        if path.chars().any(|c| c.is_control())
            || path[1..]
                .split('/')
                .enumerate()
                .any(|(i, s)| s == "." || s == ".." || (s.is_empty() && i > 0))
        {
            return Err(format!(
                "the path {raw_path:?} is not in the plain form the engine reads"
            ));
        }
        let (version, path) = match path.strip_prefix("/v") {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
                let cut = rest.find('/').unwrap_or(rest.len());
                (format!("/v{}", &rest[..cut]), rest[cut..].to_string())
            }
            _ => (String::new(), path),
        };
        let query = form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(Request {
            method: method.to_string(),
            version,
            path,
            query,
        })
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn set_param(&mut self, name: &str, value: &str) {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_string(), value.to_string()));
    }

    /// The request line's target, encoded again, in canonical form.
    pub fn target(&self) -> String {
        let path = utf8_percent_encode(&self.path, PATH);
        let mut target = format!("{}{path}", self.version);
        if !self.query.is_empty() {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.query)
                .finish();
            target.push('?');
            target.push_str(&query);
        }
        target
    }

    /// `/images/{name}/push` → `{name}`, the part between `prefix` and `suffix`.
    pub fn segment(&self, prefix: &str, suffix: &str) -> Option<String> {
        let rest = self.path.strip_prefix(prefix)?;
        let name = rest.strip_suffix(suffix)?;
        (!name.is_empty()).then(|| name.to_string())
    }

    pub fn set_segment(&mut self, prefix: &str, suffix: &str, name: &str) {
        self.path = format!("{prefix}{name}{suffix}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_read_as_the_engine_reads_it() {
        let r = Request::parse("POST /v1.41/images/myorg%2Fstockdata/pus%68?tag=latest HTTP/1.1")
            .unwrap();
        assert_eq!(r.version, "/v1.41");
        assert_eq!(r.path, "/images/myorg/stockdata/push");
        assert_eq!(r.param("tag"), Some("latest"));
        assert_eq!(r.target(), "/v1.41/images/myorg/stockdata/push?tag=latest");
        let r = Request::parse("POST /%69mages/x/push HTTP/1.1").unwrap();
        assert_eq!(
            (r.version.as_str(), r.path.as_str()),
            ("", "/images/x/push")
        );
        let r = Request::parse("GET http://docker/v1.41/_ping HTTP/1.1").unwrap();
        assert_eq!(r.path, "/_ping");
        // Once decoded, as the engine decodes once: `%2568` stays `%68`.
        let r = Request::parse("POST /images/x/pus%2568 HTTP/1.1").unwrap();
        assert_eq!(r.path, "/images/x/pus%68");
        assert_eq!(r.target(), "/images/x/pus%2568");
    }

    #[test]
    fn targets_read_otherwise_are_refused() {
        for start in [
            "POST /v1.41/images/x/../y/push HTTP/1.1",
            "POST /v1.41//images/x/push HTTP/1.1",
            "POST /v1.41/images/x/./push HTTP/1.1",
            "POST /v1.41/images/x/%2e%2e/push HTTP/1.1",
            "POST /images/x%00/push HTTP/1.1",
            "POST /images/%ff/push HTTP/1.1",
            "post /images/x/push HTTP/1.1",
            "POST images/x/push HTTP/1.1",
            "POST /images/x/push#frag HTTP/1.1",
            "",
        ] {
            assert!(Request::parse(start).is_err(), "{start}");
        }
    }
}
