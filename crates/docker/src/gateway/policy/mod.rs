//! What the gateway does with one Engine API request, decided from its head
//! (and, for small JSON bodies, its body), with no I/O: refuse a push that
//! would leave the machine, send a mapped host's push to the run's registry,
//! label what is created and give it the run's names, keep the engine's
//! socket out of containers, let the run change or remove only its own
//! objects, and say which answers must be read on their way back. A request
//! it does not know that could change the engine or send something out
//! (plugins, distribution, swarm, anything new) is refused.

mod create;
mod objects;
mod request;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::names::{Namespace, Plain};
use crate::push::Registries;
pub use request::Request;

/// What the run is, as the gateway needs it.
pub struct Run<'a> {
    pub run_id: &'a str,
    pub labels: &'a [(String, String)],
    pub registries: &'a Registries,
    /// The images the run's builds made so far: the only cache its builds use.
    pub own_images: &'a [String],
    /// The engine's socket, by every path it has (`/var/run/docker.sock`,
    /// `/run/docker.sock`): a container that binds it gets the gateway's.
    pub engine_sockets: &'a [PathBuf],
    /// Other paths that lead to the engine (containerd's socket, the engine's
    /// state directory under /run): never bound into a container.
    pub engine_paths: &'a [PathBuf],
    /// The gateway's own socket: bound instead where a container asks for the engine's.
    pub gateway_socket: &'a Path,
}

/// What to read in the engine's answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Answer {
    #[default]
    Pass,
    /// A build's JSON stream: record the image ids its steps made.
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
    /// `DELETE /images/…`: the names it untagged, as documented.
    Deleted,
    /// `GET /networks`: the run's names as documented, other runs' hidden.
    NetworkList,
    /// An object whose `Name` is shown as documented (a volume, a network).
    Named(Plain),
}

/// An object a request changes or removes, which must be the run's own: the
/// gateway asks the engine for its labels before it forwards the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Container(String),
    Image(String),
    Volume(String),
    Network(String),
}

/// A request to send on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Forward {
    pub request: Request,
    /// Sent instead of the original body, when rewritten.
    pub body: Option<Vec<u8>>,
    pub answer: Answer,
    /// A tag to make first (a mapped host's push: source, repository, tag).
    pub tag_first: Option<(String, String, String)>,
    /// Tags this request creates, to remove at the end.
    pub tags: Vec<String>,
    /// Volumes it makes the engine create without a label (`-v data:/data`).
    pub volumes: Vec<String>,
    pub check: Option<Check>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Forward(Box<Forward>),
    /// Answered here with this status and message, as the engine answers an error.
    Refuse {
        status: u16,
        message: String,
    },
    /// Answered here as the engine would have succeeded (`200`, this JSON body).
    Reply(String),
}

fn forward(request: Request, answer: Answer) -> Decision {
    Decision::Forward(Box::new(Forward {
        request,
        answer,
        ..Forward::default()
    }))
}

fn refuse(message: String) -> Decision {
    Decision::Refuse {
        status: 403,
        message: format!("doccheck: {message}"),
    }
}

/// The run's label on what a prune may remove: `docker system prune` in a
/// guide prunes the run's objects, never the user's.
fn prune_own(mut request: Request, run: &Run) -> Decision {
    let mut filters: Value = request
        .param("filters")
        .and_then(|f| serde_json::from_str(f).ok())
        .unwrap_or_else(|| Value::Object(Default::default()));
    let own = format!("{}={}", crate::resources::RUN_LABEL, run.run_id);
    if let Some(object) = filters.as_object_mut() {
        let label = object
            .entry("label")
            .or_insert_with(|| Value::Object(Default::default()));
        match label {
            Value::Array(list) => list.push(Value::String(own)),
            Value::Object(map) => {
                map.insert(own, Value::Bool(true));
            }
            other => *other = serde_json::json!({ own: true }),
        }
    }
    request.set_param("filters", &filters.to_string());
    forward(request, Answer::Pass)
}

/// Families of the API a run has no business with: each could push, send
/// out or change the engine for everyone.
const REFUSED: &[(&str, &str)] = &[
    (
        "plugins",
        "plugins are installed and pushed outside any run",
    ),
    ("distribution", "it asks registries off this machine"),
    ("swarm", "it changes the engine for everyone"),
    ("services", "swarm services outlive the run"),
    ("nodes", "it changes the swarm"),
    ("secrets", "swarm secrets outlive the run"),
    ("configs", "swarm configs outlive the run"),
    ("tasks", "it changes the swarm"),
    ("session", "BuildKit sessions can export files and images"),
    ("grpc", "BuildKit's API can export files and images"),
];

/// Whether the decision needs the request's body (small JSON ones).
pub fn reads_body(request: &Request) -> bool {
    request.method == "POST"
        && (matches!(
            request.path.as_str(),
            "/containers/create" | "/networks/create" | "/volumes/create"
        ) || (request.path.starts_with("/networks/")
            && (request.path.ends_with("/connect") || request.path.ends_with("/disconnect"))))
}

/// The decision for `request`, with its (small, JSON) body when it has one.
pub fn decide(request: Request, body: Option<&[u8]>, run: &Run, names: &mut Namespace) -> Decision {
    let reads = matches!(request.method.as_str(), "GET" | "HEAD");
    let family = request.path[1..]
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();
    if let Some((_, why)) = REFUSED.iter().find(|(f, _)| *f == family) {
        if !reads || family == "distribution" {
            return refuse(format!(
                "{} {} is not allowed in this run: {why}",
                request.method, request.path
            ));
        }
    }
    let path = request.path.clone();
    match (request.method.as_str(), path.as_str()) {
        // `docker login` checks the guide's credentials with the registry:
        // none leaves the machine, and the push goes to the run's registry anyway.
        ("POST", "/auth") => Decision::Reply(
            serde_json::json!({"Status": "Login Succeeded", "IdentityToken": ""}).to_string(),
        ),
        ("POST", "/build") => create::build(request, run, names),
        // BuildKit's cache is the machine's, not the run's.
        ("POST", "/build/prune") => Decision::Reply(
            serde_json::json!({"CachesDeleted": [], "SpaceReclaimed": 0}).to_string(),
        ),
        ("POST", "/containers/create") => create::container(request, body, run, names),
        ("POST", "/networks/create") => create::network(request, body, run, names),
        ("POST", "/volumes/create") => create::volume(request, body, run, names),
        ("POST", "/commit") => create::commit(request, run, names),
        ("POST", "/images/load") => forward(request, Answer::Loaded),
        ("POST", "/containers/prune" | "/images/prune" | "/networks/prune" | "/volumes/prune") => {
            prune_own(request, run)
        }
        ("GET", "/images/json") => objects::image_list(request, names),
        ("GET", "/containers/json") => forward(request, Answer::ContainerList),
        ("GET", "/volumes") => forward(request, Answer::VolumeList),
        ("GET", "/networks") => forward(request, Answer::NetworkList),
        _ => objects::decide(request, body, reads, run, names),
    }
}

#[cfg(test)]
mod tests;
