//! Requests that create: what they make carries the run's labels (a build
//! only while another run shares the engine) and the run's names, and a
//! container never gets the engine's socket: a bind of the socket is given
//! the gateway's instead, and a bind of a directory that holds it is refused.

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::{refuse, Answer, Decision, Forward, Request, Run};
use crate::names::{Namespace, Plain};
use crate::reference::registry_host;

/// In a build's `cachefrom`: no image has this name.
const OWN_LAYERS_ONLY: &str = "doccheck-own-layers-only";

/// A name the request creates: the run's own, unless it is at one of the run's registries.
pub(super) fn created_name(reference: &str, run: &Run, names: &mut Namespace) -> String {
    match registry_host(reference) {
        Some(host) if run.registries.own(&host) => reference.to_string(),
        _ => names.create_image(reference),
    }
}

/// Adds the run's labels to a JSON object's `key` map.
fn add_labels(body: &mut Value, key: &str, labels: &[(String, String)]) {
    if let Some(object) = body.as_object_mut() {
        let map = object
            .entry(key)
            .or_insert_with(|| Value::Object(Default::default()));
        if !map.is_object() {
            *map = Value::Object(Default::default());
        }
        if let Some(map) = map.as_object_mut() {
            for (k, v) in labels {
                map.insert(k.clone(), Value::String(v.clone()));
            }
        }
    }
}

fn json_body(body: Option<&[u8]>) -> Value {
    body.and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or_else(|| Value::Object(Default::default()))
}

pub(super) fn build(mut request: Request, run: &Run, names: &mut Namespace) -> Decision {
    let wanted: Vec<String> = request
        .query
        .iter()
        .filter(|(k, _)| k == "t")
        .map(|(_, v)| v.clone())
        .collect();
    request.query.retain(|(k, _)| k != "t");
    let mut tags = Vec::new();
    for t in wanted {
        let t = created_name(&t, run, names);
        tags.push(t.clone());
        request.query.push(("t".into(), t));
    }
    // No label: the legacy builder makes each label a step of its own
    // (about 0.8 s), and none is needed. The build's layers and tags are
    // recorded as they stream, for cleanup and the sweep; and since its cache
    // is the run's own (below), two runs' builds of one Dockerfile are two
    // images.
    // The build's cache is the run's own layers: never a user's, never another
    // run's (which that run may remove while this build stands on it). With
    // no source the engine would use any local layer; a name that is no image
    // keeps the list from being empty.
    let mut sources: Vec<Value> = request
        .param("cachefrom")
        .and_then(|c| serde_json::from_str(c).ok())
        .unwrap_or_default();
    sources.push(Value::String(OWN_LAYERS_ONLY.to_string()));
    sources.extend(run.own_images.iter().map(|id| Value::String(id.clone())));
    request.set_param("cachefrom", &Value::Array(sources).to_string());
    // A failed RUN must not leave its container behind.
    request.set_param("forcerm", "1");
    Decision::Forward(Box::new(Forward {
        request,
        answer: Answer::Build,
        tags,
        ..Forward::default()
    }))
}

pub(super) fn container(
    mut request: Request,
    body: Option<&[u8]>,
    run: &Run,
    names: &mut Namespace,
) -> Decision {
    if let Some(name) = request.param("name").map(str::to_string) {
        let renamed = names.create_container(&name);
        request.set_param("name", &renamed);
    }
    let mut json = json_body(body);
    add_labels(&mut json, "Labels", run.labels);
    if let Some(image) = json.get("Image").and_then(Value::as_str) {
        json["Image"] = Value::String(names.image(image));
    }
    let mut volumes = Vec::new();
    if let Some(host) = json.get_mut("HostConfig").filter(|h| h.is_object()) {
        if let Err(message) = keep_engine_out(host, run) {
            return refuse(message);
        }
        volumes = name_what_it_uses(host, names);
    }
    if let Some(endpoints) = json
        .pointer_mut("/NetworkingConfig/EndpointsConfig")
        .and_then(Value::as_object_mut)
    {
        *endpoints = std::mem::take(endpoints)
            .into_iter()
            .map(|(network, config)| (names.named(Plain::Network, &network), config))
            .collect();
    }
    Decision::Forward(Box::new(Forward {
        request,
        body: Some(json.to_string().into_bytes()),
        answer: Answer::Created,
        volumes,
        ..Forward::default()
    }))
}

/// The run's names for the volumes, network and containers a container
/// uses: a named volume in its binds is the run's (the engine makes it if it
/// is not there: returned, to be recorded, as it carries no label), so a
/// user's volume of that name is never written to.
fn name_what_it_uses(host: &mut Value, names: &mut Namespace) -> Vec<String> {
    let mut volumes = Vec::new();
    let mut own_volume = |name: &str, names: &mut Namespace| {
        let renamed = names.create(Plain::Volume, name);
        volumes.push(renamed.clone());
        renamed
    };
    if let Some(binds) = host.get_mut("Binds").and_then(Value::as_array_mut) {
        for bind in binds.iter_mut() {
            let Some(text) = bind.as_str() else { continue };
            let (source, rest) = text.split_once(':').unwrap_or((text, ""));
            if !source.starts_with('/') && !source.is_empty() {
                *bind = Value::String(format!("{}:{rest}", own_volume(source, names)));
            }
        }
    }
    if let Some(mounts) = host.get_mut("Mounts").and_then(Value::as_array_mut) {
        for mount in mounts.iter_mut() {
            if mount.get("Type").and_then(Value::as_str) != Some("volume") {
                continue;
            }
            if let Some(source) = mount
                .get("Source")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                let renamed = own_volume(source, names);
                mount["Source"] = Value::String(renamed);
            }
        }
    }
    if let Some(mode) = host.get("NetworkMode").and_then(Value::as_str) {
        let builtin = matches!(mode, "" | "default" | "bridge" | "host" | "none")
            || mode.starts_with("container:");
        if !builtin {
            host["NetworkMode"] = Value::String(names.named(Plain::Network, mode));
        } else if let Some(container) = mode.strip_prefix("container:") {
            host["NetworkMode"] =
                Value::String(format!("container:{}", names.container(container)));
        }
    }
    for key in ["VolumesFrom", "Links"] {
        if let Some(list) = host.get_mut(key).and_then(Value::as_array_mut) {
            for item in list.iter_mut() {
                let Some(text) = item.as_str() else { continue };
                let (container, rest) = text
                    .split_once(':')
                    .map_or((text, None), |(c, r)| (c, Some(r)));
                let container = names.container(container.trim_start_matches('/'));
                *item = Value::String(match rest {
                    Some(rest) => format!("{container}:{rest}"),
                    None => container,
                });
            }
        }
    }
    volumes
}

/// A volume or network made by name: labelled, and named for the run.
fn labelled_and_named(
    request: Request,
    mut json: Value,
    kind: Plain,
    run: &Run,
    names: &mut Namespace,
) -> Forward {
    if let Some(name) = json
        .get("Name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
    {
        let renamed = names.create(kind, name);
        json["Name"] = Value::String(renamed);
    }
    add_labels(&mut json, "Labels", run.labels);
    Forward {
        request,
        body: Some(json.to_string().into_bytes()),
        ..Forward::default()
    }
}

pub(super) fn network(
    request: Request,
    body: Option<&[u8]>,
    run: &Run,
    names: &mut Namespace,
) -> Decision {
    let forward = labelled_and_named(request, json_body(body), Plain::Network, run, names);
    Decision::Forward(Box::new(forward))
}

/// A volume; one bound to a host directory (`--opt o=bind --opt
/// device=/run`) must not lead to the engine.
pub(super) fn volume(
    request: Request,
    body: Option<&[u8]>,
    run: &Run,
    names: &mut Namespace,
) -> Decision {
    let json = json_body(body);
    if let Some(device) = json.pointer("/DriverOpts/device").and_then(Value::as_str) {
        if let Err(message) = engine_path(device, run).and_then(|to| match to {
            Some(_) => Err(format!(
                "the volume's device {device} is the engine's socket"
            )),
            None => Ok(()),
        }) {
            return refuse(message);
        }
    }
    let mut forward = labelled_and_named(request, json, Plain::Volume, run, names);
    forward.answer = Answer::Named(Plain::Volume);
    Decision::Forward(Box::new(forward))
}

pub(super) fn commit(mut request: Request, run: &Run, names: &mut Namespace) -> Decision {
    let mut tags = Vec::new();
    if let Some(container) = request.param("container").map(str::to_string) {
        request.set_param("container", &names.container(&container));
    }
    if let Some(repo) = request.param("repo").map(str::to_string) {
        let repo = created_name(&repo, run, names);
        let tag = request.param("tag").unwrap_or("latest").to_string();
        tags.push(format!("{repo}:{tag}"));
        request.set_param("repo", &repo);
    }
    let mut changes = request.param("changes").unwrap_or("").to_string();
    for (k, v) in run.labels {
        changes.push_str(&format!("\nLABEL {k}={v}"));
    }
    request.set_param("changes", changes.trim_start());
    Decision::Forward(Box::new(Forward {
        request,
        tags,
        ..Forward::default()
    }))
}

/// The engine's socket stays out of a container's binds and mounts; a
/// privileged container does not get the host's processes (through which
/// it would reach the socket).
fn keep_engine_out(host: &mut Value, run: &Run) -> Result<(), String> {
    if let Some(binds) = host.get_mut("Binds").and_then(Value::as_array_mut) {
        for bind in binds.iter_mut() {
            let Some(text) = bind.as_str() else { continue };
            let (source, rest) = text.split_once(':').unwrap_or((text, ""));
            if let Some(gateway) = engine_path(source, run)? {
                *bind = Value::String(format!("{gateway}:{rest}"));
            }
        }
    }
    if let Some(mounts) = host.get_mut("Mounts").and_then(Value::as_array_mut) {
        for mount in mounts.iter_mut() {
            if mount.get("Type").and_then(Value::as_str) != Some("bind") {
                continue;
            }
            let Some(source) = mount.get("Source").and_then(Value::as_str) else {
                continue;
            };
            if let Some(gateway) = engine_path(source, run)? {
                mount["Source"] = Value::String(gateway);
            }
        }
    }
    let host_pids = host.get("PidMode").and_then(Value::as_str) == Some("host");
    let privileged = host.get("Privileged").and_then(Value::as_bool) == Some(true)
        || host
            .get("CapAdd")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|c| {
                let c = c.trim_start_matches("CAP_");
                c.eq_ignore_ascii_case("SYS_PTRACE") || c.eq_ignore_ascii_case("ALL")
            });
    if host_pids && privileged {
        return Err("a privileged container with the host's processes (--pid host) reaches the engine's socket through them: not in this run".to_string());
    }
    Ok(())
}

/// `.` and `..` taken away without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut clean = PathBuf::from("/");
    for part in path.components() {
        match part {
            Component::ParentDir => {
                clean.pop();
            }
            Component::Normal(p) => clean.push(p),
            _ => {}
        }
    }
    clean
}

fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| lexical(path))
}

/// A host path a container binds: the gateway's socket instead when it is
/// the engine's socket; refused when it is another path of the engine's or
/// a directory that holds one.
fn engine_path(source: &str, run: &Run) -> Result<Option<String>, String> {
    let path = Path::new(source);
    if !path.is_absolute() {
        return Ok(None); // a named volume
    }
    let source_real = real(path);
    for socket in run.engine_sockets {
        if source_real == real(socket) {
            return Ok(Some(run.gateway_socket.display().to_string()));
        }
    }
    for private in run.engine_sockets.iter().chain(run.engine_paths) {
        let private_real = real(private);
        if private_real == source_real || private_real.starts_with(&source_real) {
            return Err(format!(
                "binding {source} into a container would hand it {}, the way to the Docker engine around this run's policy; bind the socket itself (`-v /var/run/docker.sock:/var/run/docker.sock`) and the container gets this run's gateway",
                private.display()
            ));
        }
    }
    Ok(None)
}
