//! Requests that name an object in their path (`/images/{name}/push`,
//! `/containers/{id}/start`, `DELETE /volumes/{name}`): the guide's names
//! mapped to the run's, pushes by [`crate::push`], and anything that changes
//! or removes an object allowed only on the run's own.

use serde_json::Value;

use super::create::created_name;
use super::{forward, refuse, Answer, Check, Decision, Forward, Request, Run};
use crate::names::{Namespace, Plain};
use crate::push::Push;
use crate::reference::{registry_host, split_tag};

/// `GET /images/json`: `docker images stockdata` means the run's stockdata.
pub(super) fn image_list(mut request: Request, names: &Namespace) -> Decision {
    if let Some(filters) = request.param("filters").map(str::to_string) {
        if let Some(mapped) = map_reference_filter(&filters, names) {
            request.set_param("filters", &mapped);
        }
    }
    if let Some(filter) = request.param("filter").map(str::to_string) {
        request.set_param("filter", &names.image(&filter));
    }
    forward(request, Answer::ImageList)
}

/// A `filters` JSON whose `reference` values name the run's images.
fn map_reference_filter(filters: &str, names: &Namespace) -> Option<String> {
    let mut json: Value = serde_json::from_str(filters).ok()?;
    match json.get_mut("reference")? {
        // `{"reference": {"app": true}}`, as the CLI sends it.
        Value::Object(map) => {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(k, v)| (names.image(&k), v))
                .collect();
        }
        Value::Array(list) => {
            for value in list.iter_mut() {
                if let Some(text) = value.as_str() {
                    *value = Value::String(names.image(text));
                }
            }
        }
        _ => return None,
    }
    Some(json.to_string())
}

pub(super) fn decide(
    request: Request,
    body: Option<&[u8]>,
    reads: bool,
    run: &Run,
    names: &mut Namespace,
) -> Decision {
    if let Some(rest) = request.path.strip_prefix("/images/") {
        let rest = rest.to_string();
        return image(request, &rest, reads, run, names);
    }
    if let Some(rest) = request.path.strip_prefix("/containers/") {
        let (name, tail) = rest.split_once('/').unwrap_or((rest, ""));
        let (name, tail) = (names.container(name), format!("/{tail}"));
        let tail = if tail == "/" { String::new() } else { tail };
        let mut request = request;
        request.set_segment("/containers/", &tail, &name);
        let check = (!reads).then_some(Check::Container(name));
        return Decision::Forward(Box::new(Forward {
            request,
            check,
            ..Forward::default()
        }));
    }
    for (prefix, kind) in [("/volumes/", Plain::Volume), ("/networks/", Plain::Network)] {
        if let Some(rest) = request.path.strip_prefix(prefix) {
            let (name, tail) = rest
                .split_once('/')
                .map_or((rest, String::new()), |(n, t)| (n, format!("/{t}")));
            let name = names.named(kind, name);
            let mut request = request;
            request.set_segment(prefix, &tail, &name);
            // Removing a volume or network is the run's to do on its own only.
            let check = (request.method == "DELETE").then(|| match kind {
                Plain::Volume => Check::Volume(name.clone()),
                _ => Check::Network(name.clone()),
            });
            // `docker network connect net web`: the run's web.
            let body = body
                .and_then(|b| serde_json::from_slice::<Value>(b).ok())
                .map(|mut json| {
                    if let Some(container) = json.get("Container").and_then(Value::as_str) {
                        json["Container"] = Value::String(names.container(container));
                    }
                    json.to_string().into_bytes()
                });
            let answer = match (reads, tail.is_empty()) {
                (true, true) => Answer::Named(kind),
                _ => Answer::Pass,
            };
            return Decision::Forward(Box::new(Forward {
                request,
                body,
                answer,
                check,
                ..Forward::default()
            }));
        }
    }
    if reads || known_elsewhere(&request.path) {
        return forward(request, Answer::Pass);
    }
    refuse(format!(
        "{} {} is not a request this run knows, and it could change the engine or send something off this machine",
        request.method, request.path
    ))
}

/// Paths other than those above whose writes are the run's own business:
/// an exec the run made on its container, a build it may cancel.
fn known_elsewhere(path: &str) -> bool {
    path.starts_with("/exec/") || path == "/build/cancel" || path == "/images/create"
}

/// `/images/…`: push, tag, remove, and what reads an image by name.
fn image(
    mut request: Request,
    rest: &str,
    reads: bool,
    run: &Run,
    names: &mut Namespace,
) -> Decision {
    if request.method == "POST" {
        if let Some(name) = rest.strip_suffix("/push") {
            return push(request, name, run, names);
        }
        if let Some(name) = rest.strip_suffix("/tag") {
            let source = names.image(name);
            request.set_segment("/images/", "/tag", &source);
            let mut tags = Vec::new();
            if let Some(repo) = request.param("repo").map(str::to_string) {
                let repo = match run.registries.mapped(&repo) {
                    Some((_, mapped)) => mapped,
                    None => created_name(&repo, run, names),
                };
                tags.push(format!(
                    "{repo}:{}",
                    request.param("tag").unwrap_or("latest")
                ));
                request.set_param("repo", &repo);
            }
            return Decision::Forward(Box::new(Forward {
                request,
                tags,
                ..Forward::default()
            }));
        }
    }
    if request.method == "DELETE" {
        let name = names.image(rest);
        request.set_segment("/images/", "", &name);
        // The run's own names (and its registries' tags) are its to remove;
        // anything else only if the engine says the run made it.
        let own_name =
            names.owns(&name) || registry_host(&name).is_some_and(|h| run.registries.own(&h));
        return Decision::Forward(Box::new(Forward {
            request,
            answer: Answer::Deleted,
            check: (!own_name).then_some(Check::Image(name)),
            ..Forward::default()
        }));
    }
    if reads {
        // `docker save app other` asks for `GET /images/get?names=app&names=other`.
        for (key, value) in request.query.iter_mut() {
            if key == "names" {
                *value = names.image(value);
            }
        }
        for tail in ["/json", "/history", "/get", ""] {
            if let Some(name) = rest.strip_suffix(tail).filter(|n| !n.is_empty()) {
                let mapped = names.image(name);
                request.set_segment("/images/", tail, &mapped);
                break;
            }
        }
        return forward(request, Answer::Pass);
    }
    decide_unknown_image(request)
}

fn decide_unknown_image(request: Request) -> Decision {
    if known_elsewhere(&request.path) {
        return forward(request, Answer::Pass);
    }
    refuse(format!(
        "{} {} is not a request this run knows, and it could change the engine or send something off this machine",
        request.method, request.path
    ))
}

fn push(mut request: Request, name: &str, run: &Run, names: &mut Namespace) -> Decision {
    let tag = request.param("tag").unwrap_or("").to_string();
    let full = if tag.is_empty() {
        name.to_string()
    } else {
        format!("{name}:{tag}")
    };
    match run.registries.push(&full) {
        Push::Own => forward(request, Answer::Pass),
        Push::Refused(message) => Decision::Refuse {
            status: 403,
            message,
        },
        Push::Mapped { reference, .. } => {
            let source = names.image(&full);
            let (repository, _) = split_tag(&reference);
            let tag = if tag.is_empty() {
                "latest".to_string()
            } else {
                tag
            };
            request.set_segment("/images/", "/push", &repository);
            request.set_param("tag", &tag);
            Decision::Forward(Box::new(Forward {
                request,
                tags: vec![format!("{repository}:{tag}")],
                tag_first: Some((source, repository, tag)),
                ..Forward::default()
            }))
        }
    }
}
