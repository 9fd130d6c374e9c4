//! What the gateway does with one Engine API request, decided from its head
//! (and, for small JSON bodies, its body), with no I/O: refuse a push that
//! would leave the machine, send a mapped host's push to the run's registry,
//! strip credentials, label what is created, give local names the run's
//! suffix, and say which answers must be read on their way back.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

use crate::names::Namespace;
use crate::reference::{registry_host, split_host, split_tag};
use crate::resources::RUN_LABEL;

/// Characters escaped in a path segment: as the docker CLI writes names.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b':')
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'@');

/// What the run maps, as the gateway needs it.
pub struct Run<'a> {
    pub labels: &'a [(String, String)],
    /// Registry host as documented (`docker.io`) → the run's registry (`127.0.0.1:PORT`).
    pub registries: &'a [(String, String)],
    /// Whether builds carry the run's label: only while another run shares
    /// the engine (see [`super::neighbours`]).
    pub label_builds: bool,
}

impl Run<'_> {
    fn own_registry(&self, host: &str) -> bool {
        self.registries.iter().any(|(_, address)| address == host)
    }

    fn mapped(&self, reference: &str) -> Option<String> {
        let host = registry_host(reference)?;
        let (_, address) = self.registries.iter().find(|(h, _)| *h == host)?;
        let (_, rest) = split_host(reference);
        Some(format!("{address}/{rest}"))
    }
}

/// A request as the gateway sees it: method, API path without the version
/// prefix, and the decoded query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// `/v1.41` or empty.
    pub version: String,
    pub path: String,
    pub query: Vec<(String, String)>,
}

impl Request {
    pub fn parse(start: &str) -> Option<Request> {
        let mut words = start.split(' ');
        let method = words.next()?.to_string();
        let target = words.next()?;
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let (version, path) = match path.strip_prefix("/v") {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
                let cut = rest.find('/').unwrap_or(rest.len());
                (format!("/v{}", &rest[..cut]), rest[cut..].to_string())
            }
            _ => (String::new(), path.to_string()),
        };
        let query = form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Some(Request {
            method,
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

    fn set_param(&mut self, name: &str, value: &str) {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_string(), value.to_string()));
    }

    /// The request line's target, encoded again.
    pub fn target(&self) -> String {
        let mut target = format!("{}{}", self.version, self.path);
        if !self.query.is_empty() {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.query)
                .finish();
            target.push('?');
            target.push_str(&query);
        }
        target
    }

    /// `/images/{name}/push` → the decoded `{name}` between `prefix` and `suffix`.
    fn segment(&self, prefix: &str, suffix: &str) -> Option<String> {
        let rest = self.path.strip_prefix(prefix)?;
        let name = rest.strip_suffix(suffix)?;
        (!name.is_empty()).then(|| percent_decode_str(name).decode_utf8_lossy().into_owned())
    }

    fn set_segment(&mut self, prefix: &str, suffix: &str, name: &str) {
        let encoded = utf8_percent_encode(name, SEGMENT).to_string();
        self.path = format!("{prefix}{encoded}{suffix}");
    }
}

/// What to read in the engine's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Pass,
    /// A build's JSON stream: record the image ids its steps print.
    Build,
    /// `containers/create`: record the id.
    Created,
    /// `images/load`: record the images it loaded.
    Loaded,
    /// `GET /images/json`: show the run's names as documented, hide other runs'.
    ImageList,
    /// `GET /containers/json`: likewise.
    ContainerList,
    /// `GET /volumes`: without other runs' volumes and the runs' markers.
    VolumeList,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Send it on as `request` (with `body` instead of the original when rewritten).
    Forward {
        request: Request,
        body: Option<Vec<u8>>,
        answer: Answer,
        /// A tag to make first (a mapped host's push: source, repository, tag).
        tag_first: Option<(String, String, String)>,
        /// Tags this request creates, to remove at the end.
        tags: Vec<String>,
    },
    /// Answer it here with this status and message, as the engine would an error.
    Refuse { status: u16, message: String },
}

fn forward(request: Request, answer: Answer) -> Decision {
    Decision::Forward {
        request,
        body: None,
        answer,
        tag_first: None,
        tags: Vec::new(),
    }
}

/// Adds the run's labels to a JSON object's `Labels` (or `labels`) map.
fn add_labels(body: &mut Value, key: &str, run: &Run) {
    if let Some(object) = body.as_object_mut() {
        let labels = object
            .entry(key)
            .or_insert_with(|| Value::Object(Default::default()));
        if labels.is_null() {
            *labels = Value::Object(Default::default());
        }
        if let Some(labels) = labels.as_object_mut() {
            for (k, v) in run.labels {
                labels.insert(k.clone(), Value::String(v.clone()));
            }
        }
    }
}

/// The decision for `request`, with its (small, JSON) body when it has one.
pub fn decide(
    mut request: Request,
    body: Option<&[u8]>,
    run: &Run,
    names: &mut Namespace,
) -> Decision {
    let method = request.method.clone();
    let path = request.path.clone();
    match (method.as_str(), path.as_str()) {
        ("POST", "/build") => {
            let mut tags = Vec::new();
            let wanted: Vec<String> = request
                .query
                .iter()
                .filter(|(k, _)| k == "t")
                .map(|(_, v)| v.clone())
                .collect();
            request.query.retain(|(k, _)| k != "t");
            for t in wanted {
                let t = names.create_image(&t);
                tags.push(t.clone());
                request.query.push(("t".into(), t));
            }
            // The legacy builder makes each label a step of its own, about a
            // second each: a build gets the run's id alone, and only when
            // another run could build the same image (its layers and tags are
            // recorded as they stream, for cleanup and the sweep, either way).
            if run.label_builds {
                let mut labels: Value = request
                    .param("labels")
                    .and_then(|l| serde_json::from_str(l).ok())
                    .unwrap_or_else(|| Value::Object(Default::default()));
                if let Some(object) = labels.as_object_mut() {
                    for (k, v) in run.labels.iter().filter(|(k, _)| k == RUN_LABEL) {
                        object.insert(k.clone(), Value::String(v.clone()));
                    }
                }
                let wrapper = serde_json::json!({ "labels": labels.take() });
                request.set_param("labels", &wrapper["labels"].to_string());
            }
            // A failed RUN must not leave its container behind.
            request.set_param("forcerm", "1");
            Decision::Forward {
                request,
                body: None,
                answer: Answer::Build,
                tag_first: None,
                tags,
            }
        }
        ("POST", "/containers/create") => {
            if let Some(name) = request.param("name").map(str::to_string) {
                let renamed = names.create_container(&name);
                request.set_param("name", &renamed);
            }
            let mut json: Value = body
                .and_then(|b| serde_json::from_slice(b).ok())
                .unwrap_or_else(|| Value::Object(Default::default()));
            add_labels(&mut json, "Labels", run);
            if let Some(image) = json
                .get("Image")
                .and_then(Value::as_str)
                .map(str::to_string)
            {
                json["Image"] = Value::String(names.image(&image));
            }
            Decision::Forward {
                request,
                body: Some(json.to_string().into_bytes()),
                answer: Answer::Created,
                tag_first: None,
                tags: Vec::new(),
            }
        }
        ("POST", "/networks/create") | ("POST", "/volumes/create") => {
            let mut json: Value = body
                .and_then(|b| serde_json::from_slice(b).ok())
                .unwrap_or_else(|| Value::Object(Default::default()));
            add_labels(&mut json, "Labels", run);
            Decision::Forward {
                request,
                body: Some(json.to_string().into_bytes()),
                answer: Answer::Pass,
                tag_first: None,
                tags: Vec::new(),
            }
        }
        ("POST", "/commit") => {
            let mut tags = Vec::new();
            if let Some(repo) = request.param("repo").map(str::to_string) {
                let repo = names.create_image(&repo);
                let tag = request.param("tag").unwrap_or("latest").to_string();
                tags.push(format!("{repo}:{tag}"));
                request.set_param("repo", &repo);
            }
            let mut changes = request.param("changes").unwrap_or("").to_string();
            for (k, v) in run.labels {
                changes.push_str(&format!("\nLABEL {k}={v}"));
            }
            request.set_param("changes", changes.trim_start());
            Decision::Forward {
                request,
                body: None,
                answer: Answer::Pass,
                tag_first: None,
                tags,
            }
        }
        ("POST", "/images/load") => forward(request, Answer::Loaded),
        ("GET", "/images/json") => forward(request, Answer::ImageList),
        ("GET", "/containers/json") => forward(request, Answer::ContainerList),
        ("GET", "/volumes") => forward(request, Answer::VolumeList),
        _ => decide_by_name(request, run, names),
    }
}

/// Requests that name an image or a container in their path.
fn decide_by_name(mut request: Request, run: &Run, names: &mut Namespace) -> Decision {
    if request.method == "POST" {
        if let Some(name) = request.segment("/images/", "/push") {
            let tag = request.param("tag").unwrap_or("").to_string();
            let full = if tag.is_empty() {
                name.clone()
            } else {
                format!("{name}:{tag}")
            };
            let host = registry_host(&name);
            match host.as_deref() {
                Some(h) if run.own_registry(h) => {}
                _ => match run.mapped(&name) {
                    Some(mapped) => {
                        let source = names.image(&full);
                        let (repository, _) = split_tag(&mapped);
                        let tag = if tag.is_empty() {
                            "latest".to_string()
                        } else {
                            tag
                        };
                        request.set_segment("/images/", "/push", &repository);
                        request.set_param("tag", &tag);
                        return Decision::Forward {
                            tags: vec![format!("{repository}:{tag}")],
                            request,
                            body: None,
                            answer: Answer::Pass,
                            tag_first: Some((source, repository, tag)),
                        };
                    }
                    None => {
                        let shown = host.unwrap_or_else(|| "a local name".to_string());
                        return Decision::Refuse {
                            status: 403,
                            message: format!(
                                "doccheck: pushes to {shown} are not allowed in this run ({full}); map the host in the scenario's docker.registry.hosts, and nothing leaves this machine"
                            ),
                        };
                    }
                },
            }
            return forward(request, Answer::Pass);
        }
        if let Some(name) = request.segment("/images/", "/tag") {
            request.set_segment("/images/", "/tag", &names.image(&name));
            let mut tags = Vec::new();
            if let Some(repo) = request.param("repo").map(str::to_string) {
                let repo = match run.mapped(&repo) {
                    Some(mapped) => mapped,
                    None => names.create_image(&repo),
                };
                tags.push(format!(
                    "{repo}:{}",
                    request.param("tag").unwrap_or("latest")
                ));
                request.set_param("repo", &repo);
            }
            return Decision::Forward {
                request,
                body: None,
                answer: Answer::Pass,
                tag_first: None,
                tags,
            };
        }
    }
    // `/images/{name}/json`, `DELETE /images/{name}`, `/containers/{name}/start`...
    for prefix in ["/images/", "/containers/"] {
        if let Some(rest) = request.path.strip_prefix(prefix) {
            let (name, tail) = match rest.find('/') {
                Some(cut) if prefix == "/containers/" => (&rest[..cut], &rest[cut..]),
                _ => match ["/json", "/history", "/get"]
                    .iter()
                    .find(|t| rest.ends_with(*t))
                {
                    Some(t) => (&rest[..rest.len() - t.len()], *t),
                    None => (rest, ""),
                },
            };
            let decoded = percent_decode_str(name).decode_utf8_lossy().into_owned();
            let mapped = if prefix == "/images/" {
                names.image(&decoded)
            } else {
                names.container(&decoded)
            };
            if mapped != decoded {
                let tail = tail.to_string();
                request.set_segment(prefix, &tail, &mapped);
            }
            break;
        }
    }
    forward(request, Answer::Pass)
}

#[cfg(test)]
mod tests;
