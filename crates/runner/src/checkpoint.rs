//! Checkpoints (`--checkpoints`, `--resume`, `--watch`, `--shell-at`): after
//! each step that passes, the run's files (workspace, HOME and TMPDIR: what
//! changed since the last checkpoint is copied, the rest hard-linked to that
//! one's copy, which nothing writes) and the shell's state
//! ([`crate::session::snapshot`]) are kept in a store of the guide's own under
//! the state directory. A later run restores the checkpoint before the step
//! it starts from into a fresh workspace, runs again the steps whose
//! services were running then, and goes on: see [`resume`] for which step.
//! A store is replaced whole when a recording run ends (renamed into place).

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use doccheck_guide::plan::Plan;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::session::snapshot::moved;

/// The parts of a workspace a checkpoint keeps (`ctl/` is doccheck's own).
const PARTS: [&str; 3] = ["work", "home", "tmp"];

/// What a store says of the run that made it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    /// The doccheck that made it: another reads nothing of it.
    pub doccheck: String,
    pub guide: String,
    /// The digest of what the guide's steps do not hold: the scenario's and
    /// config's setup, the fixture's files.
    pub setup: String,
    /// The workspace root of the run that made it (its paths are moved).
    pub root: PathBuf,
    pub steps: Vec<StepRecord>,
    /// The first step that failed, if one did.
    pub failed: Option<usize>,
    /// Seconds since the epoch when the run ended.
    pub ended: u64,
    /// What integrations kept for the checkpoints, by integration name.
    #[serde(default)]
    pub parked: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepRecord {
    pub number: usize,
    pub digest: String,
    /// A checkpoint of the state after it is in the store.
    pub checkpoint: bool,
    /// It started a service (run again when a later checkpoint is restored).
    pub service: bool,
}

/// A guide's store.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

impl Store {
    /// The store of `plan`'s guide (with its scenario), under `root`
    /// (`<state>/checkpoints`).
    pub fn of(plan: &Plan, root: &Path) -> Store {
        let guide =
            std::fs::canonicalize(&plan.guide).unwrap_or_else(|_| PathBuf::from(&plan.guide));
        let scenario = plan.scenario.clone().unwrap_or_default();
        let key = hex(&Sha256::digest(
            format!("{}\0{}", guide.display(), scenario.display()).as_bytes(),
        ));
        Store {
            dir: root.join(&key[..16]),
        }
    }

    /// Where every store is.
    pub fn root() -> PathBuf {
        crate::session::state::root().join("checkpoints")
    }

    /// The store's lock, held for a recording run's whole life: one at a
    /// time per guide, or two would take over the same parked images.
    /// `None` when another run holds it.
    pub fn lock(&self) -> Option<std::fs::File> {
        crate::session::state::create_private_dir_all(self.dir.parent()?).ok()?;
        crate::sys::try_lock_path(&self.dir.with_extension("lock"))
            .ok()
            .flatten()
    }

    pub fn record(&self) -> Option<Record> {
        let text = std::fs::read_to_string(self.dir.join("record.json")).ok()?;
        serde_json::from_str::<Record>(&text)
            .ok()
            .filter(|r| r.doccheck == env!("CARGO_PKG_VERSION"))
    }

    fn step_dir(&self, number: usize) -> PathBuf {
        self.dir.join(number.to_string())
    }
}

/// Removes every guide's checkpoints (`doccheck --prune`), each after
/// `release` let go of what its integrations parked; how many stores went.
pub fn remove_all(release: &mut dyn FnMut(&Record)) -> usize {
    let Ok(entries) = std::fs::read_dir(Store::root()) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        // `.new-…` is a live run's store in the making.
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| {
            if let Some(record) = (Store { dir: e.path() }).record() {
                release(&record);
            }
            std::fs::remove_dir_all(e.path()).is_ok()
        })
        .count()
}

/// What a run restores before its first step.
#[derive(Debug, Clone)]
pub struct Restore {
    pub store: Store,
    pub record: Record,
    /// The step whose checkpoint is restored (`None`: from the start).
    pub after: Option<usize>,
    /// The first step that runs.
    pub from: usize,
    /// Steps before `from` run again: their services ran at the checkpoint.
    pub restart: Vec<usize>,
    /// Why the run starts at `from`, for the report.
    pub why: String,
}

impl Restore {
    /// The shell state of the checkpoint, moved into the workspace at `root`.
    pub fn shell_state(&self, root: &Path) -> String {
        let Some(after) = self.after else {
            return String::new();
        };
        let script = std::fs::read_to_string(self.store.step_dir(after).join("shell.sh"))
            .unwrap_or_default();
        moved(&script, &self.record.root, root)
    }

    /// Copies the checkpoint's files into the workspace at `root`.
    pub fn files(&self, root: &Path) -> std::io::Result<()> {
        let Some(after) = self.after else {
            return Ok(());
        };
        let dir = self.store.step_dir(after);
        for part in PARTS {
            copy_tree(&dir.join(part), &root.join(part))?;
        }
        Ok(())
    }

    /// Whether step `number` is restored rather than run.
    pub fn restored(&self, number: usize) -> bool {
        number < self.from && !self.restart.contains(&number)
    }
}

/// The digest of step `number` as the plan has it: its block's, and those of
/// the blocks it took in (an output block after it), or for a scenario's
/// step its action.
pub fn step_digest(plan: &Plan, index: usize) -> String {
    let step = &plan.steps[index];
    if step.from_scenario.is_some() {
        return hex(&Sha256::digest(format!("{:?}", step.action).as_bytes()));
    }
    let next = plan
        .steps
        .iter()
        .skip(index + 1)
        .find(|s| s.from_scenario.is_none())
        .map_or(plan.blocks.len() + 1, |s| s.number);
    let blocks = plan
        .blocks
        .get(step.number.saturating_sub(1)..(next - 1).min(plan.blocks.len()));
    hex(&Sha256::digest(
        blocks.unwrap_or_default().concat().as_bytes(),
    ))
}

/// The digest of the plan's setup and fixture.
pub fn setup_digest(plan: &Plan) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("{:?}", plan.setup).as_bytes());
    if let Some(fixture) = &plan.setup.fixture {
        for (path, meta) in walk(fixture) {
            hash.update(format!("{}\0{}\0{}\n", path.display(), meta.len, meta.mtime).as_bytes());
        }
    }
    hex(&hash.finalize())
}

/// Where a run of `plan` goes on from, given the store's record: the first
/// step that failed or changed since (or `from`, when earlier), restored from
/// the latest checkpoint before it. An error says why there is nothing to
/// resume from.
pub fn resume(plan: &Plan, store: &Store, from: Option<usize>) -> Result<Restore, String> {
    let record = store.record().ok_or_else(|| {
        format!(
            "no checkpoints of {} to resume from: run it once with --checkpoints (or --watch)",
            plan.guide
        )
    })?;
    let digests: Vec<String> = (0..plan.steps.len())
        .map(|i| step_digest(plan, i))
        .collect();
    let mut start = plan.steps.last().map_or(1, |s| s.number + 1);
    let mut why = "nothing changed since the last run, which passed".to_string();
    if record.setup != setup_digest(plan) {
        (start, why) = (1, "the scenario, config or fixture changed".to_string());
    }
    if let Some(i) = (0..plan.steps.len()).find(|&i| {
        record
            .steps
            .get(i)
            .is_none_or(|r| r.digest != digests[i] || r.number != plan.steps[i].number)
    }) {
        if plan.steps[i].number < start {
            (start, why) = (
                plan.steps[i].number,
                format!("step {} changed", plan.steps[i].number),
            );
        }
    } else if record.steps.len() > plan.steps.len() && start > plan.steps.len() {
        why = "steps were removed at the end".to_string();
    }
    if let Some(failed) = record.failed.filter(|&f| f < start) {
        (start, why) = (failed, format!("step {failed} failed in the last run"));
    }
    if let Some(n) = from.filter(|&n| n < start) {
        (start, why) = (n, format!("--from {n}"));
    }
    let after = record
        .steps
        .iter()
        .filter(|s| s.checkpoint && s.number < start)
        .map(|s| s.number)
        .max()
        .filter(|n| store.step_dir(*n).is_dir());
    let restart = record
        .steps
        .iter()
        .filter(|s| s.service && after.is_some_and(|a| s.number <= a))
        .map(|s| s.number)
        .collect();
    Ok(Restore {
        store: store.clone(),
        record,
        after,
        from: after.map_or(1, |a| a + 1),
        restart,
        why,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meta {
    len: u64,
    mtime: i128,
    mode: u32,
}

/// Records a run's checkpoints into a staging store, put in place at the end.
pub struct Recorder {
    store: Store,
    staging: PathBuf,
    record: Record,
    /// Each file of the last checkpoint, as it was when copied.
    copied: HashMap<PathBuf, Meta>,
    last: Option<PathBuf>,
    /// No checkpoint is taken after a step failed (the state is not one the guide meant).
    pub recording: bool,
}

impl Recorder {
    /// A recorder for a run of `plan` in the workspace at `root`; a resumed
    /// run keeps the checkpoints it restored from (hard links).
    pub fn new(
        plan: &Plan,
        store: Store,
        root: &Path,
        run_id: &str,
        restore: Option<&Restore>,
    ) -> std::io::Result<Recorder> {
        let parent = store.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        crate::session::state::create_private_dir_all(&parent)?;
        sweep_unfinished(&parent);
        let staging = parent.join(format!(".new-{run_id}"));
        std::fs::create_dir_all(&staging)?;
        let mut record = Record {
            doccheck: env!("CARGO_PKG_VERSION").to_string(),
            guide: plan.guide.clone(),
            setup: setup_digest(plan),
            root: root.to_path_buf(),
            ..Record::default()
        };
        let digests = (0..plan.steps.len()).map(|i| step_digest(plan, i));
        for (step, digest) in plan.steps.iter().zip(digests) {
            let kept = restore.filter(|r| r.restored(step.number));
            let old = kept.and_then(|r| r.record.steps.iter().find(|s| s.number == step.number));
            let mut checkpoint = false;
            if let (Some(r), Some(old)) = (kept, old.filter(|o| o.checkpoint)) {
                // A restored step's checkpoint is still true of this run;
                // its shell state names this run's workspace, as the store's others do.
                let to = staging.join(old.number.to_string());
                checkpoint = link_tree(&r.store.step_dir(old.number), &to)
                    .and_then(|_| {
                        let file = to.join("shell.sh");
                        let script = std::fs::read_to_string(&file)?;
                        std::fs::remove_file(&file)?;
                        std::fs::write(&file, moved(&script, &r.record.root, root))
                    })
                    .is_ok();
            }
            record.steps.push(StepRecord {
                number: step.number,
                digest,
                checkpoint,
                service: old.is_some_and(|o| o.service),
            });
        }
        Ok(Recorder {
            store,
            staging,
            record,
            copied: HashMap::new(),
            last: None,
            recording: true,
        })
    }

    /// Keeps the state after step `number`: the workspace at `root` and the
    /// shell's `state` script. Said in the step's notes when it cannot.
    pub fn after_step(
        &mut self,
        number: usize,
        root: &Path,
        state: &str,
        service: bool,
    ) -> Result<(), String> {
        let Some(entry) = self.record.steps.iter_mut().find(|s| s.number == number) else {
            return Ok(());
        };
        entry.service |= service;
        let dir = self.staging.join(number.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        let mut copied = HashMap::new();
        let result = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(&dir)?;
            for part in PARTS {
                let from = root.join(part);
                std::fs::create_dir_all(dir.join(part))?;
                for (relative, meta) in walk(&from) {
                    let (source, target) = (from.join(&relative), dir.join(part).join(&relative));
                    let key = Path::new(part).join(&relative);
                    let unchanged = self.copied.get(&key) == Some(&meta);
                    copy_entry(
                        &source,
                        &target,
                        self.last
                            .as_ref()
                            .filter(|_| unchanged)
                            .map(|l| l.join(&key)),
                    )?;
                    copied.insert(key, meta);
                }
            }
            std::fs::write(dir.join("shell.sh"), state)
        })();
        match result {
            Ok(()) => {
                entry.checkpoint = true;
                self.copied = copied;
                self.last = Some(dir);
                Ok(())
            }
            Err(e) => {
                self.recording = false;
                let _ = std::fs::remove_dir_all(&dir);
                Err(format!("no checkpoint after this step: {e}"))
            }
        }
    }

    /// Whether any checkpoint was taken (else nothing needs parking).
    pub fn any(&self) -> bool {
        self.record.steps.iter().any(|s| s.checkpoint)
    }

    /// Keeps what an integration parked with the store.
    pub fn parked(&mut self, integration: &str, parked: String) {
        self.record.parked.insert(integration.to_string(), parked);
    }

    /// Puts the store in place, replacing the guide's last one.
    pub fn finish(mut self, failed: Option<usize>) -> Result<PathBuf, String> {
        self.record.failed = failed;
        self.record.ended = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let text = serde_json::to_string_pretty(&self.record).map_err(|e| e.to_string())?;
        let cannot = |e: std::io::Error| {
            format!(
                "cannot keep the checkpoints in {}: {e}",
                self.store.dir.display()
            )
        };
        std::fs::write(self.staging.join("record.json"), text).map_err(cannot)?;
        let old = self.staging.with_file_name(format!(
            ".old-{}",
            self.staging
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        ));
        let had = std::fs::rename(&self.store.dir, &old).is_ok();
        std::fs::rename(&self.staging, &self.store.dir).map_err(cannot)?;
        if had {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(self.store.dir.clone())
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        // Unfinished (an error before the end): the staging store goes.
        if self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Stores in the making (`.new-…`) or being replaced (`.old-…`) that a run
/// killed outright left: gone after a day (a live run finishes well before).
fn sweep_unfinished(root: &Path) {
    let day = std::time::Duration::from_secs(24 * 3600);
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > day);
        if (name.starts_with(".new-") || name.starts_with(".old-")) && old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Every entry under `dir` (directories before what they hold), by relative path.
fn walk(dir: &Path) -> Vec<(PathBuf, Meta)> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&relative)) else {
            continue;
        };
        let mut names: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names.into_iter().rev() {
            let path = relative.join(&name);
            let Ok(meta) = std::fs::symlink_metadata(dir.join(&path)) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.push((path, Meta::from(&meta)));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

impl From<&std::fs::Metadata> for Meta {
    fn from(m: &std::fs::Metadata) -> Meta {
        Meta {
            len: m.len(),
            mtime: m.mtime() as i128 * 1_000_000_000 + m.mtime_nsec() as i128,
            mode: m.mode(),
        }
    }
}

/// Copies one entry: a directory made, a link made anew, a file linked to
/// `same` (an unchanged copy) or copied; sockets and pipes left out.
fn copy_entry(source: &Path, target: &Path, same: Option<PathBuf>) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(source)?;
    let kind = meta.file_type();
    if kind.is_dir() {
        std::fs::create_dir_all(target)?;
        std::fs::set_permissions(target, meta.permissions())
    } else if kind.is_symlink() {
        std::os::unix::fs::symlink(std::fs::read_link(source)?, target)
    } else if kind.is_file() {
        if let Some(same) = same {
            if std::fs::hard_link(&same, target).is_ok() {
                return Ok(());
            }
        }
        std::fs::copy(source, target).map(|_| ())
    } else {
        Ok(())
    }
}

/// Copies the tree at `from` into `to` (which exists).
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for (relative, _) in walk(from) {
        copy_entry(&from.join(&relative), &to.join(&relative), None)?;
    }
    Ok(())
}

/// A tree of hard links to the files at `from` (a checkpoint kept by a resumed run).
fn link_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for (relative, _) in walk(from) {
        let source = from.join(&relative);
        copy_entry(&source, &to.join(&relative), Some(source.clone()))?;
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[path = "checkpoint_tests.rs"]
mod tests;
