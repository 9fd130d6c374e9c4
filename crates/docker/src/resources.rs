//! What a run creates on the daemon, and removing it: every object carries
//! `doccheck.run=<run id>` and `doccheck.lock=<the run's lock file>`; tags
//! (`docker tag` sets no label) and the intermediate images a build printed
//! are recorded. Cleanup runs once, at the end; the sweep removes what runs
//! that died left behind, and never touches a live run's objects.

use std::path::Path;

use crate::client::{Client, DockerError};

pub const RUN_LABEL: &str = "doccheck.run";
pub const LOCK_LABEL: &str = "doccheck.lock";
/// On the volume that says a run is live on the engine (see the gateway's `neighbours`).
pub const MARKER_LABEL: &str = "doccheck.marker";
/// In the run's control directory: `container ID`, `image ID`, `tag NAME` lines,
/// written as the gateway records them, so a run killed outright can be swept.
pub const RECORDS_FILE: &str = "docker-records";

#[derive(Debug, Default)]
pub struct Records {
    pub tags: Vec<String>,
    pub containers: Vec<String>,
    /// Image ids a build printed, in order.
    pub built: Vec<String>,
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

/// Marks the run live on the engine: a volume with the run's labels, which
/// goes with the run's other volumes at cleanup (or in a sweep).
pub fn mark_live(client: &Client, suffix: &str, labels: &[String]) -> Result<(), DockerError> {
    let name = format!("doccheck-live{suffix}");
    let marker = format!("{MARKER_LABEL}=live");
    let mut args = vec!["volume", "create", "--label", &marker];
    for label in labels {
        args.extend(["--label", label]);
    }
    args.push(&name);
    client.run(&args).map(|_| ())
}

/// Removes the live markers whose run's lock file is not on this machine
/// (the run could not clean up and its workspace went): for `--prune` only,
/// since a run in another container on this engine has no lock file here
/// either. Returns how many.
pub fn remove_orphan_markers(client: &Client) -> Result<usize, DockerError> {
    let filter = format!("label={MARKER_LABEL}");
    let markers = client.lines(&["volume", "ls", "-q", "--filter", &filter])?;
    let mut removed = 0;
    for name in markers {
        let format = format!("{{{{index .Labels \"{LOCK_LABEL}\"}}}}");
        let lock = client.run(&["volume", "inspect", "--format", &format, &name])?;
        let lock = lock.trim();
        if lock.is_empty() || !Path::new(lock).exists() {
            removed += client.run(&["volume", "rm", "-f", &name]).is_ok() as usize;
        }
    }
    Ok(removed)
}

/// Removes every container, tag, image, network and volume of the run.
/// Returns what could not be removed (a missing object is no problem).
pub fn cleanup(client: &Client, run_id: &str, records: &mut Records) -> Vec<String> {
    let mut problems = Vec::new();
    let mut note = |what: &str, e: DockerError| match e {
        DockerError::NotFound(_) => {}
        // A cached layer another image (another run's, a stand-in) is built on is
        // not the run's alone to remove.
        DockerError::Refused(why)
            if why.contains("dependent child images") || why.contains("is being used") => {}
        e => problems.push(format!("{what}: {e}")),
    };
    let label = format!("label={RUN_LABEL}={run_id}");
    let mut containers = std::mem::take(&mut records.containers);
    match client.lines(&["ps", "-aq", "--no-trunc", "--filter", &label]) {
        Ok(found) => containers.extend(found),
        Err(e) => note("cannot list the run's containers", e),
    }
    containers.sort();
    containers.dedup();
    if !containers.is_empty() {
        let mut args = vec!["rm", "-f", "-v"];
        args.extend(containers.iter().map(String::as_str));
        if let Err(e) = client.run(&args) {
            note("cannot remove containers", e);
        }
    }
    // One call per kind of object, not one per object: each CLI call costs
    // about 30 ms, and a run makes dozens of objects.
    let tags = std::mem::take(&mut records.tags);
    for (tag, e) in client.each(&["rmi"], &tags) {
        // A tag a failed step never made is no problem.
        note(&format!("cannot remove the tag {tag}"), e);
    }
    match client.lines(&["images", "-q", "--no-trunc", "--filter", &label]) {
        Ok(images) => {
            for (image, e) in client.each(&["rmi", "-f"], &images) {
                note(&format!("cannot remove the image {image}"), e);
            }
        }
        Err(e) => note("cannot list the run's images", e),
    }
    // Earlier stages and layers of the run's builds, newest first. Only untagged
    // ones: a build's output also names its base images, which must stay.
    // Those removed with the images above are no longer there.
    let built: Vec<String> = std::mem::take(&mut records.built)
        .into_iter()
        .rev()
        .collect();
    if !built.is_empty() {
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
        // Removing an untagged image removes its untagged parents that have no
        // other child: name the leaves only.
        let mut leaves: Vec<String> = untagged
            .iter()
            .filter(|(id, _)| !untagged.iter().any(|(_, parent)| parent == id))
            .map(|(id, _)| id.to_string())
            .collect();
        // A build prints short ids, a failed one full ones: one image, twice.
        let mut seen = std::collections::HashSet::new();
        leaves.retain(|id| seen.insert(id.clone()));
        for (image, e) in client.each(&["rmi"], &leaves) {
            note(&format!("cannot remove the build layer {image}"), e);
        }
    }
    for (kind, remove) in [
        ("network", &["network", "rm"][..]),
        ("volume", &["volume", "rm", "-f"][..]),
    ] {
        match client.lines(&[kind, "ls", "-q", "--filter", &label]) {
            Ok(found) => {
                for id in found {
                    let mut args = remove.to_vec();
                    args.push(&id);
                    if let Err(e) = client.run(&args) {
                        note(&format!("cannot remove the {kind} {id}"), e);
                    }
                }
            }
            Err(e) => note(&format!("cannot list the run's {kind}s"), e),
        }
    }
    problems
}

/// Whether the run that labelled an object is certainly dead: its lock file
/// is there and nobody holds it, or it was made before this machine booted.
fn dead(run_id: &str, lock: &str) -> bool {
    match doccheck_runner::session::workspace::run_is_dead(Path::new(lock)) {
        Some(dead) => dead,
        None => {
            doccheck_runner::run_boot(run_id).is_some_and(|boot| boot != doccheck_runner::boot_id())
        }
    }
}

/// One kind of daemon object, and the CLI commands that list, inspect and remove it.
struct Kind {
    list: &'static [&'static str],
    inspect: &'static [&'static str],
    /// Where `inspect`'s template finds the object's id and its labels.
    id: &'static str,
    labels: &'static str,
    remove: &'static [&'static str],
}

/// What dead runs recorded but could not label (a build's layers, tags),
/// from their workspaces' records files; the workspaces themselves are the
/// runner's to remove, later.
fn sweep_records(client: &Client) -> usize {
    let mut removed = 0;
    for workspace in doccheck_runner::session::workspace::dead_workspaces() {
        let records = workspace.join("ctl").join(RECORDS_FILE);
        if !records.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&records).unwrap_or_default();
        // Newest first: a layer goes after the images built on it.
        for line in text.lines().rev() {
            let removal: &[&str] = match line.split_once(' ') {
                Some(("container", id)) => &["rm", "-f", "-v", id],
                // A build's output names its base images too (a stand-in,
                // another run's image): only what is left untagged was the run's.
                Some(("image", id)) if untagged(client, id) => &["rmi", id],
                Some(("tag", name)) => &["rmi", name],
                _ => continue,
            };
            removed += client.run(removal).is_ok() as usize;
        }
        let _ = std::fs::remove_file(&records);
    }
    removed
}

fn untagged(client: &Client, image: &str) -> bool {
    client
        .run(&["image", "inspect", "--format", "{{len .RepoTags}}", image])
        .is_ok_and(|tags| tags.trim() == "0")
}

/// Removes what runs that died (crash, kill -9) left behind; returns how many.
pub fn sweep_dead_runs(client: &Client) -> Result<usize, DockerError> {
    let mut removed = sweep_records(client);
    let filter = format!("label={RUN_LABEL}");
    let template = |id: &str, field: &str| {
        format!("{{{{.{id}}}}} {{{{index .{field} \"{RUN_LABEL}\"}}}} {{{{index .{field} \"{LOCK_LABEL}\"}}}}")
    };
    let kinds = [
        Kind {
            list: &["ps", "-aq", "--no-trunc", "--filter"],
            inspect: &["container", "inspect"],
            id: "Id",
            labels: "Config.Labels",
            remove: &["rm", "-f", "-v"],
        },
        Kind {
            list: &["images", "-q", "--no-trunc", "--filter"],
            inspect: &["image", "inspect"],
            id: "Id",
            labels: "Config.Labels",
            remove: &["rmi", "-f"],
        },
        Kind {
            list: &["network", "ls", "-q", "--no-trunc", "--filter"],
            inspect: &["network", "inspect"],
            id: "Id",
            labels: "Labels",
            remove: &["network", "rm"],
        },
        Kind {
            list: &["volume", "ls", "-q", "--filter"],
            inspect: &["volume", "inspect"],
            // A volume's id is its name.
            id: "Name",
            labels: "Labels",
            remove: &["volume", "rm", "-f"],
        },
    ];
    for Kind {
        list,
        inspect,
        id: id_field,
        labels: field,
        remove,
    } in kinds
    {
        let mut args = list.to_vec();
        args.push(&filter);
        let ids = client.lines(&args)?;
        if ids.is_empty() {
            continue;
        }
        let format = template(id_field, field);
        let mut args = inspect.to_vec();
        args.extend(["--format", format.as_str()]);
        args.extend(ids.iter().map(String::as_str));
        // An object removed meanwhile makes inspect fail for it alone: inspect one by one then.
        let described = match client.lines(&args) {
            Ok(lines) => lines,
            Err(DockerError::NotFound(_)) => ids
                .iter()
                .filter_map(|id| {
                    let mut one = inspect.to_vec();
                    one.extend(["--format", format.as_str(), id]);
                    client.lines(&one).ok()
                })
                .flatten()
                .collect(),
            Err(e) => return Err(e),
        };
        for line in described {
            let mut words = line.splitn(3, ' ');
            let (Some(id), Some(run), lock) = (words.next(), words.next(), words.next()) else {
                continue;
            };
            if dead(run, lock.unwrap_or("").trim()) {
                let mut args = remove.to_vec();
                args.push(id);
                removed += client.run(&args).is_ok() as usize;
            }
        }
    }
    Ok(removed)
}
