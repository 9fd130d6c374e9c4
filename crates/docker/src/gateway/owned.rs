//! Whether an object a request changes or removes is the run's own, as the
//! engine answers: a container, volume or network carries the run's label
//! (the gateway gave it at creation); an image is one the run's builds made
//! (recorded as they streamed, labelled or not) or carries the label.

use std::io::{self, BufReader, Write};

use serde_json::Value;

use super::http::{read_body, read_head};
use super::policy::Check;
use super::stream::Upstream;
use crate::resources::RUN_LABEL;

/// `GET target` on a connection of its own: the status and the JSON body.
pub fn get(upstream: &Upstream, target: &str) -> io::Result<(u16, Value)> {
    let mut stream = upstream.connect()?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n"
    )?;
    stream.flush()?;
    let mut reader = BufReader::new(stream);
    let head = read_head(&mut reader)?.ok_or_else(|| io::Error::other("the engine closed"))?;
    let status = head
        .start
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = read_body(head.framing(false), &mut reader)?;
    Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

/// Why the run may not touch the object; `None` when it may (or when the
/// engine does not know it: its own answer says so then).
pub fn refusal(
    upstream: &Upstream,
    check: &Check,
    run_id: &str,
    images: &[String],
) -> io::Result<Option<String>> {
    let encode = |name: &str| -> String {
        percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    let (what, name, target, labels) = match check {
        Check::Container(n) => (
            "container",
            n,
            format!("/containers/{}/json", encode(n)),
            "/Config/Labels",
        ),
        Check::Image(n) => (
            "image",
            n,
            format!("/images/{}/json", encode(n)),
            "/Config/Labels",
        ),
        Check::Volume(n) => ("volume", n, format!("/volumes/{}", encode(n)), "/Labels"),
        Check::Network(n) => ("network", n, format!("/networks/{}", encode(n)), "/Labels"),
    };
    let (status, answer) = get(upstream, &target)?;
    if status == 404 {
        return Ok(None);
    }
    let labelled = answer
        .pointer(labels)
        .and_then(|l| l.get(RUN_LABEL))
        .and_then(Value::as_str)
        == Some(run_id);
    let built = matches!(check, Check::Image(_))
        && answer
            .get("Id")
            .and_then(Value::as_str)
            .is_some_and(|id| images.iter().any(|i| same_image(i, id)));
    if labelled || built {
        return Ok(None);
    }
    Ok(Some(format!(
        "doccheck: the {what} {name} is not one this run created, and a run changes or removes only what it created"
    )))
}

/// A recorded id (short, or `sha256:` and full) is the engine's full `Id`.
fn same_image(recorded: &str, id: &str) -> bool {
    let bare = id.trim_start_matches("sha256:");
    let recorded = recorded.trim_start_matches("sha256:");
    !recorded.is_empty() && bare.starts_with(recorded)
}

#[cfg(test)]
mod tests {
    #[test]
    fn recorded_ids_short_or_full() {
        let full = "sha256:0123456789abcdef";
        assert!(super::same_image("0123456789ab", full));
        assert!(super::same_image(full, full));
        assert!(!super::same_image("", full));
        assert!(!super::same_image("fedcba987654", full));
    }
}
