//! The engine's answers the gateway reads: ids to record for cleanup as they
//! stream by (a build's steps, a created container, loaded images), and lists
//! shown with the run's names as documented and without other runs' objects.

use serde_json::Value;

use crate::built::Built;
use crate::names::{Namespace, Plain};
use crate::resources::RUN_LABEL;

/// Feeds a build's JSON stream (complete lines) to `built`: its `stream`
/// texts and the final `aux.ID`.
pub fn build_progress(chunk: &str, built: &mut Built) {
    for line in chunk.lines() {
        let Ok(message) = serde_json::from_str::<Value>(line.trim()) else {
            continue;
        };
        if let Some(text) = message.get("stream").and_then(Value::as_str) {
            text.lines().for_each(|l| built.line(l));
        }
        if let Some(id) = message.pointer("/aux/ID").and_then(Value::as_str) {
            built.result(id);
        }
    }
}

/// The id in `POST /containers/create`'s answer.
pub fn created_id(body: &[u8]) -> Option<String> {
    let answer: Value = serde_json::from_slice(body).ok()?;
    answer.get("Id")?.as_str().map(str::to_string)
}

/// What `POST /images/load` loaded (`Loaded image: app:1`, `Loaded image ID: sha256:…`).
pub fn loaded(chunk: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in chunk.lines() {
        let Ok(message) = serde_json::from_str::<Value>(line.trim()) else {
            continue;
        };
        let text = message.get("stream").and_then(Value::as_str).unwrap_or("");
        for prefix in ["Loaded image ID: ", "Loaded image: "] {
            if let Some(name) = text.trim().strip_prefix(prefix) {
                found.push(name.trim().to_string());
            }
        }
    }
    found
}

/// `GET /images/json` as the guide would see it on its own daemon: another
/// run's images (by their label, or by their suffixed names) are not listed.
pub fn image_list(body: &[u8], names: &Namespace, run_id: &str) -> Option<Vec<u8>> {
    let mut images: Vec<Value> = serde_json::from_slice(body).ok()?;
    images.retain_mut(|image| {
        let run = image
            .pointer("/Labels/doccheck.run")
            .and_then(Value::as_str);
        if run.is_some_and(|r| r != run_id) {
            return false;
        }
        let Some(tags) = image.get_mut("RepoTags").and_then(Value::as_array_mut) else {
            return true;
        };
        let had = tags.len();
        let theirs = tags
            .iter()
            .filter_map(Value::as_str)
            .any(|t| names.another_runs(t));
        let ours = tags.iter().filter_map(Value::as_str).any(|t| names.owns(t));
        // An unlabelled build of another run: its other tags (a registry's
        // name, pushed) are that run's too.
        if theirs && !ours {
            return false;
        }
        let shown: Vec<Value> = tags
            .iter()
            .filter_map(|t| t.as_str().and_then(|t| names.shown(t)))
            .map(Value::String)
            .collect();
        let keep = had == 0 || !shown.is_empty();
        *tags = shown;
        keep
    });
    serde_json::to_vec(&images).ok()
}

/// `GET /volumes` without other runs' volumes, the run's names as documented.
pub fn volume_list(body: &[u8], names: &Namespace, run_id: &str) -> Option<Vec<u8>> {
    let mut answer: Value = serde_json::from_slice(body).ok()?;
    if let Some(volumes) = answer.get_mut("Volumes").and_then(Value::as_array_mut) {
        volumes.retain_mut(|volume| {
            let labels = volume.get("Labels");
            let label = |key: &str| labels.and_then(|l| l.get(key)).and_then(Value::as_str);
            if label(RUN_LABEL).is_some_and(|r| r != run_id) {
                return false;
            }
            show_name(volume, Plain::Volume, names)
        });
    }
    serde_json::to_vec(&answer).ok()
}

/// `GET /networks` without other runs' networks, the run's names as documented.
pub fn network_list(body: &[u8], names: &Namespace) -> Option<Vec<u8>> {
    let mut networks: Vec<Value> = serde_json::from_slice(body).ok()?;
    networks.retain_mut(|network| show_name(network, Plain::Network, names));
    serde_json::to_vec(&networks).ok()
}

/// An object's `Name` as documented (a volume's inspect, one just created).
pub fn named(body: &[u8], kind: Plain, names: &Namespace) -> Option<Vec<u8>> {
    let mut object: Value = serde_json::from_slice(body).ok()?;
    show_name(&mut object, kind, names);
    serde_json::to_vec(&object).ok()
}

/// Rewrites `object`'s `Name` as documented; false when the object is
/// another run's or shadowed by one of the run's.
fn show_name(object: &mut Value, kind: Plain, names: &Namespace) -> bool {
    let Some(name) = object.get("Name").and_then(Value::as_str) else {
        return true;
    };
    match names.shown_as(kind, name) {
        Some(shown) => {
            object["Name"] = Value::String(shown);
            true
        }
        None => false,
    }
}

/// `DELETE /images/…`'s list, with the names it untagged as documented.
pub fn deleted(body: &[u8], names: &Namespace) -> Option<Vec<u8>> {
    let mut list: Vec<Value> = serde_json::from_slice(body).ok()?;
    for item in &mut list {
        if let Some(name) = item.get("Untagged").and_then(Value::as_str) {
            let shown = names.shown(name).unwrap_or_else(|| name.to_string());
            item["Untagged"] = Value::String(shown);
        }
    }
    serde_json::to_vec(&list).ok()
}

/// `GET /containers/json` without other runs' containers, names as documented.
pub fn container_list(body: &[u8], names: &Namespace, run_id: &str) -> Option<Vec<u8>> {
    let mut containers: Vec<Value> = serde_json::from_slice(body).ok()?;
    containers.retain_mut(|container| {
        let run = container
            .pointer("/Labels/doccheck.run")
            .and_then(Value::as_str)
            .map(str::to_string);
        if run.as_deref().is_some_and(|r| r != run_id) {
            return false;
        }
        if let Some(list) = container.get_mut("Names").and_then(Value::as_array_mut) {
            let had = list.len();
            *list = list
                .iter()
                .filter_map(|n| names.shown_container(n.as_str()?))
                .map(Value::String)
                .collect();
            // A user's container whose name the run's shadows.
            if had > 0 && list.is_empty() {
                return false;
            }
        }
        if let Some(image) = container.get("Image").and_then(Value::as_str) {
            if let Some(shown) = names.shown(image) {
                container["Image"] = Value::String(shown);
            }
        }
        true
    });
    serde_json::to_vec(&containers).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_a_build_stream() {
        let chunk = "{\"stream\":\"Step 1/2 : FROM x\\n\"}\r\n{\"stream\":\" ---\\u003e 1a2b3c4d5e6f\\n\"}\r\n{\"stream\":\"Step 2/2 : RUN true\\n\"}\r\n{\"stream\":\" ---\\u003e Running in 0123456789ab\\n\"}\r\n{\"stream\":\" ---\\u003e abcdefabcdef\\n\"}\r\n{\"aux\":{\"ID\":\"sha256:ff\"}}\r\n{\"stream\":\"Successfully built abcdefabcdef\\n\"}\r\n";
        let mut built = Built::default();
        build_progress(chunk, &mut built);
        // The base image of FROM is not the build's.
        assert_eq!(built.ids, ["abcdefabcdef", "sha256:ff"]);
    }

    #[test]
    fn lists_as_the_guide_would_see_them() {
        let mut mine = Namespace::new("mine");
        mine.create_image("web");
        mine.create_container("db");
        let theirs = Namespace::new("theirs");
        let body = serde_json::json!([
            {"Id": "1", "RepoTags": [format!("stockdata{}:latest", mine.suffix())]},
            {"Id": "2", "RepoTags": [format!("stockdata{}:latest", theirs.suffix())]},
            {"Id": "3", "RepoTags": ["mcr.microsoft.com/dotnet/core/sdk:3.0"]},
            {"Id": "4", "RepoTags": []},
            {"Id": "5", "RepoTags": ["127.0.0.1:5001/myorg/stockdata:latest"], "Labels": {"doccheck.run": "theirs"}},
            // Another run's build, unlabelled (it was alone), and pushed.
            {"Id": "6", "RepoTags": [format!("app{}:1", theirs.suffix()), "127.0.0.1:5009/app:1"]},
            // A user's images: one the run's `web` shadows, one with another name too.
            {"Id": "7", "RepoTags": ["web:latest"]},
            {"Id": "8", "RepoTags": ["web:1", "mine:1"]},
            {"Id": "9", "RepoTags": [format!("web{}:latest", mine.suffix())]}
        ]);
        let shown: Value = serde_json::from_slice(
            &image_list(body.to_string().as_bytes(), &mine, "mine").unwrap(),
        )
        .unwrap();
        assert_eq!(field_of_each(&shown, "Id"), ["1", "3", "4", "8", "9"]);
        assert_eq!(shown[0]["RepoTags"][0], "stockdata:latest");
        assert_eq!(shown[3]["RepoTags"], serde_json::json!(["mine:1"]));
        assert_eq!(shown[4]["RepoTags"], serde_json::json!(["web:latest"]));
        let containers = serde_json::json!([
            {"Id": "a", "Names": [format!("/web{}", mine.suffix())], "Labels": {"doccheck.run": "mine"}, "Image": format!("app{}", mine.suffix())},
            {"Id": "b", "Names": ["/web-other"], "Labels": {"doccheck.run": "theirs"}},
            {"Id": "c", "Names": ["/unrelated"], "Labels": {}},
            {"Id": "d", "Names": ["/db"], "Labels": {}}
        ]);
        let shown: Value = serde_json::from_slice(
            &container_list(containers.to_string().as_bytes(), &mine, "mine").unwrap(),
        )
        .unwrap();
        assert_eq!(field_of_each(&shown, "Id"), ["a", "c"]);
        assert_eq!(shown[0]["Names"][0], "/web");
        assert_eq!(shown[0]["Image"], "app");
        let volumes = serde_json::json!({"Volumes": [
            {"Name": "data", "Labels": {"doccheck.run": "mine"}},
            {"Name": "theirs", "Labels": {"doccheck.run": "theirs"}},
            {"Name": "unrelated", "Labels": null}
        ], "Warnings": null});
        let shown: Value = serde_json::from_slice(
            &volume_list(volumes.to_string().as_bytes(), &mine, "mine").unwrap(),
        )
        .unwrap();
        assert_eq!(
            field_of_each(&shown["Volumes"], "Name"),
            ["data", "unrelated"]
        );
    }

    fn field_of_each<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|o| o[field].as_str().unwrap())
            .collect()
    }
}
