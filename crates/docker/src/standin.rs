//! Base images the guide needs: the real image if it is present or can be
//! pulled, else the scenario's stand-in, built here and kept as a cache
//! (labelled with a digest of its inputs, rebuilt only when they change).
//! The build runs in a process group of its own, so Ctrl-C or SIGTERM stops it
//! at once and nothing else of doccheck's goes on.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use doccheck_guide::setup::StandIn;
use doccheck_guide::Error;
use doccheck_runner::{Event, Events, Interrupt};
use sha2::{Digest, Sha256};

use crate::client::Client;

pub const STANDIN_LABEL: &str = "doccheck.standin";

/// Makes `image` available; returns the note for the report.
pub fn ensure(
    client: &Client,
    standin: &StandIn,
    interrupt: &Interrupt,
    events: &mut dyn Events,
) -> Result<String, Error> {
    let image = standin.image.as_str();
    // Runs side by side (a parallel run, two CI jobs) build a stand-in once:
    // the others wait for it, then find it cached.
    let _lock = lock(image, interrupt, events)?;
    let hash = inputs_hash(&standin.dir, &standin.inputs, &standin.build);
    let mut superseded = None;
    if let Some(found) = inspect(client, image) {
        match found.labels.get(STANDIN_LABEL) {
            Some(h) if *h == hash => {
                return Ok(format!(
                    "{image}: a stand-in built by doccheck{} (cached; scenarios/ says what it keeps of the real image)",
                    implementing(&found.labels)
                ))
            }
            // A stand-in from other inputs (or built by hand) is rebuilt below,
            // and the image it was is removed once the new one has its name.
            _ if found.labels.keys().any(|k| k.contains("doccheck")) => {
                superseded = Some(found.id)
            }
            _ => return Ok(format!("{image}: the real image, present locally")),
        }
    } else if client.run(&["pull", image]).is_ok() {
        return Ok(format!("{image}: the real image, pulled"));
    }
    events.emit(Event::Preparing(format!(
        "{image} is not here and cannot be pulled: building its stand-in (`{}`)",
        standin.build
    )));
    let started = Instant::now();
    let output = build(client, standin, &hash, interrupt)?;
    if let Some(signal) = interrupt.signal() {
        return Err(doccheck_runner::interrupted(signal));
    }
    if let Err(status) = output.1 {
        return Err(Error::environment(build_failure(
            standin, &status, &output.0,
        )));
    }
    let built = inspect(client, image);
    if let Some(new) = &built {
        record_built(&new.id, image);
    }
    let mut removed = String::new();
    if let (Some(old), Some(new)) = (superseded, &built) {
        if old != new.id && !built_here(&old) {
            removed = format!(
                "; the stand-in it replaces ({}) was not built by doccheck here, and is left",
                short(&old)
            );
        } else if old != new.id {
            removed = match client.run(&["image", "rm", &old]) {
                Ok(_) => format!("; the stand-in it replaces ({}) was removed", short(&old)),
                Err(e) => format!(
                    "; the stand-in it replaces ({}) could not be removed: {e}",
                    short(&old)
                ),
            };
        }
    }
    Ok(format!(
        "{image}: not present and not pullable, so a stand-in{} was built in {:.0}s{removed} (scenarios/ says what it keeps of the real image)",
        built.map(|b| implementing(&b.labels)).unwrap_or_default(),
        started.elapsed().as_secs_f64()
    ))
}

/// What a stand-in's build printed when it failed: its one line when it gave
/// a reason in one line (an unknown tag, say), else the tail of its output.
fn build_failure(standin: &StandIn, status: &str, output: &str) -> String {
    let image = &standin.image;
    let lines: Vec<&str> = output.lines().filter(|l| !l.trim().is_empty()).collect();
    if let [reason] = lines[..] {
        return format!(
            "{image} is not present, cannot be pulled, and its stand-in did not build: {}",
            reason.trim()
        );
    }
    let tail = lines[lines.len().saturating_sub(20)..].join("\n");
    format!(
        "{image} is not present, cannot be pulled, and its stand-in did not build (`{}` in {}, {status}):\n{tail}",
        standin.build,
        standin.dir.display(),
    )
}

/// The label in which a stand-in's build says what it implements.
pub const IMPLEMENTS_LABEL: &str = "org.doccheck.standin.implements";

fn implementing(labels: &BTreeMap<String, String>) -> String {
    labels
        .get(IMPLEMENTS_LABEL)
        .map(|what| format!(" implementing {what}"))
        .unwrap_or_default()
}

fn short(id: &str) -> &str {
    let id = id.strip_prefix("sha256:").unwrap_or(id);
    &id[..id.len().min(12)]
}

struct Found {
    id: String,
    labels: BTreeMap<String, String>,
}

/// The image's id and labels, if the daemon has it.
/// What a base image is, for a verdict cache's key: the digest of the
/// stand-in's inputs where doccheck builds (or built) it, the real image's
/// id where the machine has one. The same before and after a first run
/// builds the stand-in, so that run's verdict is found by the next.
pub fn identity(standin: &StandIn) -> String {
    let dir = tempfile::tempdir();
    let hash = inputs_hash(&standin.dir, &standin.inputs, &standin.build);
    // An empty DOCKER_CONFIG of its own: an inspect needs no credentials.
    let found = dir
        .ok()
        .and_then(|d| inspect(&Client::new(d.path()), &standin.image));
    match found {
        Some(f) if !f.labels.contains_key(STANDIN_LABEL) => format!("image {}", f.id),
        _ => format!("stand-in {hash}"),
    }
}

fn inspect(client: &Client, image: &str) -> Option<Found> {
    let line = client
        .run(&[
            "image",
            "inspect",
            "--format",
            "{{.Id}} {{json .Config.Labels}}",
            image,
        ])
        .ok()?;
    let (id, labels) = line.trim().split_once(' ')?;
    Some(Found {
        id: id.to_string(),
        labels: serde_json::from_str(labels).unwrap_or_default(),
    })
}

/// In the state directory: `<image id> <name>` for every stand-in doccheck
/// built here, so that `--prune` removes those by id, and never an image
/// that merely inherits a stand-in's labels (one built `FROM` it).
pub const RECORDS: &str = "standins";

fn records_path() -> PathBuf {
    doccheck_runner::session::state::root().join(RECORDS)
}

fn record_built(id: &str, image: &str) {
    use std::io::Write;
    let path = records_path();
    if let Some(dir) = path.parent() {
        let _ = doccheck_runner::session::state::create_private_dir_all(dir);
    }
    // One short append: whole lines even with runs writing side by side.
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let _ = file.write_all(format!("{id} {image}\n").as_bytes());
    }
}

/// The stand-ins built here: (image id, name), oldest first.
pub fn built() -> Vec<(String, String)> {
    std::fs::read_to_string(records_path())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect()
}

fn built_here(id: &str) -> bool {
    built().iter().any(|(i, _)| i == id)
}

/// Keeps the records of the stand-ins that are still there.
pub fn keep_records(left: &[(String, String)]) -> std::io::Result<()> {
    let lines: Vec<String> = left
        .iter()
        .map(|(id, name)| format!("{id} {name}"))
        .collect();
    crate::resources::write_records(&records_path(), &lines)
}

/// Where the machine-wide locks of stand-ins live.
pub const LOCKS_DIR: &str = "/tmp/doccheck-locks";

/// The lock a run holds while it checks or builds `image`'s stand-in.
pub fn lock_path(image: &str) -> PathBuf {
    let name: String = image
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Path::new(LOCKS_DIR).join(format!("standin-{name}.lock"))
}

/// Holds the machine-wide lock of `image`'s stand-in, waiting for another
/// run that holds it (interrupts are honoured meanwhile).
fn lock(
    image: &str,
    interrupt: &Interrupt,
    events: &mut dyn Events,
) -> Result<Option<std::fs::File>, Error> {
    if std::fs::create_dir_all(LOCKS_DIR).is_err() {
        return Ok(None);
    }
    let path = lock_path(image);
    let mut told = false;
    loop {
        match doccheck_runner::sys::try_lock_path(&path) {
            Ok(Some(file)) => return Ok(Some(file)),
            Ok(None) => {}
            Err(_) => return Ok(None), // Nowhere to coordinate.
        }
        if let Some(signal) = interrupt.signal() {
            return Err(doccheck_runner::interrupted(signal));
        }
        if !told {
            events.emit(Event::Preparing(format!(
                "{image}: another doccheck run is preparing it; waiting"
            )));
            told = true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs the stand-in's build command in its own process group; its output and
/// whether it succeeded. An interrupt kills the whole group.
fn build(
    client: &Client,
    standin: &StandIn,
    hash: &str,
    interrupt: &Interrupt,
) -> Result<(String, Result<(), String>), Error> {
    use std::os::unix::process::CommandExt;
    let log_path =
        std::env::temp_dir().join(format!("doccheck-standin-{}.log", std::process::id()));
    let log = std::fs::File::create(&log_path)
        .map_err(|e| Error::environment(format!("cannot create the stand-in build's log: {e}")))?;
    let mut command = std::process::Command::new("bash");
    command
        .args(["-c", &standin.build])
        .current_dir(&standin.dir)
        .env("DOCCHECK_IMAGE", &standin.image)
        .env("DOCCHECK_LABELS", format!("{STANDIN_LABEL}={hash}"))
        .env("DOCKER_CONFIG", client.config_dir())
        .stdin(std::process::Stdio::null())
        .stdout(
            log.try_clone()
                .map_err(|e| Error::environment(e.to_string()))?,
        )
        .stderr(log)
        .process_group(0);
    doccheck_runner::sys::die_with_parent(&mut command);
    let mut child = command.spawn().map_err(|e| {
        Error::environment(format!(
            "cannot run the stand-in build for {}: {e}",
            standin.image
        ))
    })?;
    let status = loop {
        if interrupt.is_set() {
            doccheck_runner::sys::kill_group(child.id());
            let _ = child.wait();
            break None;
        }
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                return Err(Error::environment(format!(
                    "cannot wait for the stand-in build: {e}"
                )))
            }
        }
    };
    let mut text = String::new();
    let _ = std::fs::File::open(&log_path).and_then(|mut f| f.read_to_string(&mut text));
    let _ = std::fs::remove_file(&log_path);
    let outcome = match status {
        Some(s) if s.success() => Ok(()),
        Some(s) => Err(s.to_string()),
        None => Err("interrupted".to_string()),
    };
    Ok((text, outcome))
}

/// A digest of the stand-in's inputs (files under `inputs`, skipping `target/`
/// and hidden directories) and its build command.
pub fn inputs_hash(base: &Path, inputs: &[PathBuf], build: &str) -> String {
    let mut files = Vec::new();
    for input in inputs {
        collect_files(input, &mut files);
    }
    files.sort();
    let mut hasher = Sha256::new();
    hasher.update(build.as_bytes());
    for file in files {
        hasher.update(
            file.strip_prefix(base)
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update(std::fs::read(&file).unwrap_or_default());
    }
    hasher
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name == "target" || name.starts_with('.') {
                continue;
            }
            collect_files(&entry.path(), files);
        }
    }
}
