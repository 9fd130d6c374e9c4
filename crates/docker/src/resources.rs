//! What a run creates on the daemon, and removing it: every object the
//! gateway lets through carries `doccheck.run=<run id>` and
//! `doccheck.lock=<the run's lock file>` (in its state directory); tags
//! (`docker tag` sets no label) and the images a build made are recorded,
//! by the names and ids the engine gave, in the state directory as they
//! arrive. Cleanup runs once, at the end, and removes only those: a tag the
//! run made, an image its build made that nothing else holds. What it could
//! not remove (a layer another run's build stands on, an engine gone) stays
//! recorded, for [`crate::sweep`] in a later run.

use std::path::Path;

use crate::client::{Client, DockerError};

pub const RUN_LABEL: &str = "doccheck.run";
pub const LOCK_LABEL: &str = "doccheck.lock";
/// In the run's state directory: `container ID`, `image ID`, `tag NAME`
/// lines, written as the gateway records them, so a run killed outright (or
/// one whose cleanup could not finish) can be swept.
pub const RECORDS_FILE: &str = "docker-records";

#[derive(Debug, Default)]
pub struct Records {
    pub tags: Vec<String>,
    pub containers: Vec<String>,
    /// Image ids a build printed, in order.
    pub built: Vec<String>,
    /// Volumes the engine made for the run's containers, unlabelled.
    pub volumes: Vec<String>,
}

impl Records {
    pub fn tag(&mut self, tag: String) {
        if !self.tags.contains(&tag) {
            self.tags.push(tag);
        }
    }

    pub fn built(&mut self, ids: Vec<String>) {
        // Two builds of one Dockerfile print the same cached layers: keep each once.
        for id in ids {
            if !self.built.contains(&id) {
                self.built.push(id);
            }
        }
    }
}

pub fn labels(run_id: &str, lock: &Path) -> Vec<String> {
    vec![
        format!("{RUN_LABEL}={run_id}"),
        format!("{LOCK_LABEL}={}", lock.display()),
    ]
}

/// What cleanup could not remove.
#[derive(Debug, Default)]
pub struct Left {
    /// Said in the report.
    pub problems: Vec<String>,
    /// Records (`kind id` lines) for a later run's sweep.
    pub records: Vec<String>,
}

/// Whether a refusal may pass if asked again a moment later: another
/// run's build or container holds the image for now.
fn held_by_another(e: &DockerError) -> bool {
    matches!(e, DockerError::Refused(why)
        if why.contains("dependent child images") || why.contains("is being used") || why.contains("conflict"))
}

/// Removes the run's containers, tags, images, networks and volumes: those
/// it recorded and those carrying its label, nothing else.
/// With `images` false (the run parks them for its checkpoints) the images
/// it built or labelled stay; the tags left in `records` go all the same.
pub fn cleanup(client: &Client, run_id: &str, records: &mut Records, images: bool) -> Left {
    let mut left = Left::default();
    let label = format!("label={RUN_LABEL}={run_id}");
    let mut containers = std::mem::take(&mut records.containers);
    match client.lines(&["ps", "-aq", "--no-trunc", "--filter", &label]) {
        Ok(found) => containers.extend(found),
        Err(e) => left
            .problems
            .push(format!("cannot list the run's containers: {e}")),
    }
    containers.sort();
    containers.dedup();
    for (container, e) in client.each(&["rm", "-f", "-v"], &containers) {
        if !matches!(e, DockerError::NotFound(_)) {
            left.problems
                .push(format!("cannot remove the container {container}: {e}"));
            left.records.push(format!("container {container}"));
        }
    }
    // One call per kind of object, not one per object: each CLI call costs
    // about 30 ms, and a run makes dozens of objects.
    let tags = std::mem::take(&mut records.tags);
    for (tag, e) in client.each(&["rmi"], &tags) {
        if !matches!(e, DockerError::NotFound(_)) {
            left.problems
                .push(format!("cannot remove the tag {tag}: {e}"));
            left.records.push(format!("tag {tag}"));
        }
    }
    if images {
        remove_images(client, &label, records, &mut left);
    }
    for (kind, remove) in [
        ("network", &["network", "rm"][..]),
        ("volume", &["volume", "rm", "-f"][..]),
    ] {
        let listed = client.lines(&[kind, "ls", "-q", "--filter", &label]);
        let listed = match kind {
            "volume" => listed.map(|mut found| {
                found.append(&mut records.volumes);
                found
            }),
            _ => listed,
        };
        match listed {
            Ok(found) => {
                for (id, e) in client.each(remove, &found) {
                    if !matches!(e, DockerError::NotFound(_)) {
                        left.problems
                            .push(format!("cannot remove the {kind} {id}: {e}"));
                    }
                }
            }
            Err(e) => left
                .problems
                .push(format!("cannot list the run's {kind}s: {e}")),
        }
    }
    left
}

/// The images the run built or labelled that nothing else holds.
fn remove_images(client: &Client, label: &str, records: &mut Records, left: &mut Left) {
    let mut images: Vec<String> =
        match client.lines(&["images", "-q", "--no-trunc", "--filter", label]) {
            Ok(images) => images,
            Err(e) => {
                left.problems
                    .push(format!("cannot list the run's images: {e}"));
                Vec::new()
            }
        };
    // What the run's builds made, newest first, once its tags are gone: only
    // what is left untagged (a tag another process gave it since keeps it).
    let built: Vec<String> = std::mem::take(&mut records.built)
        .into_iter()
        .rev()
        .collect();
    images.extend(untagged_leaves(client, &built));
    let mut pending = images;
    for attempt in 0..4 {
        let refused = client.each(&["rmi"], &pending);
        pending.clear();
        for (image, e) in refused {
            match e {
                DockerError::NotFound(_) => {}
                // A concurrent build of another run may be done with it in a moment.
                e if held_by_another(&e) && attempt < 3 => pending.push(image),
                e if held_by_another(&e) => left.records.push(format!("image {image}")),
                e => {
                    left.problems
                        .push(format!("cannot remove the image {image}: {e}"));
                    left.records.push(format!("image {image}"));
                }
            }
        }
        if pending.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    // Its parents go with a leaf; those a leaf that stays holds stay recorded too.
    let kept_leaves = left.records.iter().any(|r| r.starts_with("image "));
    if kept_leaves {
        left.problems.push("an image the run built is a layer of another run's image: it is left for a later run to remove".to_string());
        for id in &built {
            let line = format!("image {id}");
            if !left.records.contains(&line) {
                left.records.push(line);
            }
        }
    }
}

/// Of `built` (newest first), the untagged images no other of them is built
/// on: removing one removes its untagged parents that have no other child.
fn untagged_leaves(client: &Client, built: &[String]) -> Vec<String> {
    if built.is_empty() {
        return Vec::new();
    }
    let mut args = vec![
        "image",
        "inspect",
        "--format",
        "{{.Id}} {{len .RepoTags}} {{.Parent}}",
    ];
    args.extend(built.iter().map(String::as_str));
    let (described, _) = client.output(&args);
    let untagged: Vec<(&str, &str)> = described
        .lines()
        .filter_map(|line| {
            let mut words = line.split(' ');
            let (id, tags, parent) = (words.next()?, words.next()?, words.next());
            (tags == "0").then_some((id, parent.unwrap_or("")))
        })
        .collect();
    let mut leaves: Vec<String> = untagged
        .iter()
        .filter(|(id, _)| !untagged.iter().any(|(_, parent)| parent == id))
        .map(|(id, _)| id.to_string())
        .collect();
    // A build prints short ids, a failed one full ones: one image, twice.
    let mut seen = std::collections::HashSet::new();
    leaves.retain(|id| seen.insert(id.clone()));
    leaves
}

/// Replaces the records file with `lines`, whole or not at all (a sweep may
/// read it at any moment); removes it when there is nothing left.
pub fn write_records(file: &Path, lines: &[String]) -> std::io::Result<()> {
    if lines.is_empty() {
        return match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut new = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut new, format!("{}\n", lines.join("\n")).as_bytes())?;
    new.persist(file).map(|_| ()).map_err(|e| e.error)
}
