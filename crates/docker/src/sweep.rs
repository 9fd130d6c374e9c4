//! Leftovers of runs that died (a `kill -9`, a power cut) or could not
//! finish their cleanup (an engine that went away, a layer another run's
//! build stood on): any later run removes them, wherever the dead run's
//! TMPDIR was. Dead runs are known by their state directories (an unlocked
//! lock: [`doccheck_runner::session::state`]); their records name what they
//! made, and their labels point at their lock. A live run's objects are
//! never touched.

use std::path::Path;

use doccheck_runner::session::state;

use crate::client::{Client, DockerError};
use crate::resources::{LOCK_LABEL, RECORDS_FILE, RUN_LABEL};

/// Whether the run that labelled an object is certainly dead: its lock file
/// is there and nobody holds it, or it was made before this machine booted.
fn dead(run_id: &str, lock: &str) -> bool {
    match state::run_is_dead(Path::new(lock)) {
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

/// What dead runs recorded (a build's layers, tags, containers), from their
/// state directories; what still cannot go stays recorded for the next.
pub fn sweep_records(client: &Client) -> usize {
    let mut removed = 0;
    for dead in state::dead_runs() {
        let records = dead.dir.join(RECORDS_FILE);
        if let Ok(text) = std::fs::read_to_string(&records) {
            let mut left = Vec::new();
            // Containers, then tags, then images newest first (an image goes
            // once nothing names or runs it, a layer after what is built on
            // it), then the volumes the containers had.
            for kind in ["container", "tag", "image", "volume"] {
                for line in text.lines().rev() {
                    let removal: &[&str] = match line.split_once(' ') {
                        Some(("container", id)) if kind == "container" => &["rm", "-f", "-v", id],
                        Some(("volume", name)) if kind == "volume" => &["volume", "rm", "-f", name],
                        Some(("tag", name)) if kind == "tag" => &["rmi", name],
                        // Only what is still untagged was the run's alone.
                        Some(("image", id)) if kind == "image" && untagged(client, id) => {
                            &["rmi", id]
                        }
                        _ => continue,
                    };
                    match client.run(removal) {
                        Ok(_) => removed += 1,
                        Err(DockerError::NotFound(_)) => {}
                        Err(_) => left.push(line.to_string()),
                    }
                }
            }
            left.reverse();
            let _ = crate::resources::write_records(&records, &left);
        }
        dead.finish();
    }
    removed
}

fn untagged(client: &Client, image: &str) -> bool {
    client
        .run(&["image", "inspect", "--format", "{{len .RepoTags}}", image])
        .is_ok_and(|tags| tags.trim() == "0")
}

/// Removes what runs that died (crash, kill -9) or could not finish left
/// behind; returns how many. The labelled objects first: a dead run's
/// directory (whose lock its labels name) goes only once its records are
/// cleared too.
pub fn sweep_dead_runs(client: &Client) -> Result<usize, DockerError> {
    let mut removed = 0;
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
    Ok(removed + sweep_records(client))
}
