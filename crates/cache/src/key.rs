//! What can change a guide's outcome, as one digest.

use std::path::{Path, PathBuf};

use doccheck_guide::plan::Plan;
use doccheck_guide::Error;
use sha2::{Digest, Sha256};

/// A hasher whose fields cannot run into each other.
#[derive(Default)]
struct Fields(Sha256);

impl Fields {
    fn add(&mut self, name: &str, value: &[u8]) {
        for part in [name.as_bytes(), value] {
            self.0.update((part.len() as u64).to_le_bytes());
            self.0.update(part);
        }
    }

    fn hex(self) -> String {
        doccheck_guide::digest::hex(&self.0.finalize())
    }
}

/// The repository's half of a guide's key: its executable content, its
/// scenario's and the configuration's text, the files of its fixture and its
/// stand-ins' inputs (by path relative to where they are, and content), and
/// the run options that decide a verdict.
pub fn content_key(plan: &Plan, config: Option<&Path>) -> Result<String, Error> {
    let mut key = Fields::default();
    key.add("guide", plan.executable.as_bytes());
    if let Some(scenario) = &plan.scenario {
        key.add("scenario", &read(scenario)?);
    }
    if let Some(config) = config {
        key.add("config", &read(config)?);
    }
    if let Some(fixture) = &plan.setup.fixture {
        tree(&mut key, "fixture", fixture)?;
    }
    for image in plan.setup.docker.iter().flat_map(|d| &d.images) {
        key.add("stand-in", image.image.as_bytes());
        key.add("build", image.build.as_bytes());
        let inputs: Vec<PathBuf> = match image.inputs.is_empty() {
            true => vec![image.dir.clone()],
            false => image.inputs.iter().map(|i| image.dir.join(i)).collect(),
        };
        for input in inputs {
            tree(&mut key, "input", &input)?;
        }
    }
    key.add("allow-empty", &[plan.setup.allow_empty as u8]);
    Ok(key.hex())
}

/// The machine's half: what this machine brings to a run.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    /// Named values: doccheck's build, `image <ref>` → its identity,
    /// `tool <command>` → its output, `env NAME` → its value.
    pub parts: Vec<(String, String)>,
}

impl Machine {
    /// The whole key: the content half and this machine's parts.
    pub fn key(&self, content: &str) -> String {
        let mut key = Fields::default();
        key.add("content", content.as_bytes());
        for (name, value) in &self.parts {
            key.add(name, value.as_bytes());
        }
        key.hex()
    }

    /// doccheck's own build: its version and its executable's size and
    /// modification time, so a rebuilt doccheck (same version, new code)
    /// runs everything again. Not a digest of the executable: that reads
    /// 100 MB of a debug build per run, for what a rebuild changes anyway.
    pub fn doccheck() -> (String, String) {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| {
                let modified = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{} bytes, modified {modified}", m.len())
            })
            .unwrap_or_default();
        (
            "doccheck".to_string(),
            format!("{} {exe}", env!("CARGO_PKG_VERSION")),
        )
    }

    /// A tool's version as a scenario declares it: the output of a command
    /// (`git --version`), run with bash outside any workspace.
    pub fn tool(command: &str) -> (String, String) {
        let output = duct::cmd!("bash", "-c", command)
            .stderr_to_stdout()
            .stdin_null()
            .unchecked()
            .read()
            .unwrap_or_else(|e| format!("cannot run: {e}"));
        (format!("tool {command}"), output)
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| {
        Error::environment(format!(
            "cannot read {} for the cache key: {e}",
            path.display()
        ))
    })
}

/// Every file below `root` (or `root` itself), by relative path and content,
/// in a stable order: hidden files too (a fixture's `.dockerignore`), not
/// what git ignores (a build's `target/`), which no revision holds either.
fn tree(key: &mut Fields, what: &str, root: &Path) -> Result<(), Error> {
    if root.is_file() {
        key.add(what, &read(root)?);
        return Ok(());
    }
    let mut files: Vec<PathBuf> = Vec::new();
    let walk = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for entry in walk {
        let entry = entry.map_err(|e| {
            Error::environment(format!(
                "cannot read {} for the cache key: {e}",
                root.display()
            ))
        })?;
        if entry
            .file_type()
            .is_some_and(|t| t.is_file() || t.is_symlink())
        {
            files.push(entry.into_path());
        }
    }
    files.sort();
    for file in files {
        let relative = file.strip_prefix(root).unwrap_or(&file);
        key.add(what, relative.to_string_lossy().as_bytes());
        match std::fs::read_link(&file) {
            Ok(target) => key.add("link", target.to_string_lossy().as_bytes()),
            Err(_) => key.add("content", &read(&file)?),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_parts_change_the_key() {
        let a = Machine::default().key("c");
        let b = Machine {
            parts: vec![("env X".into(), "1".into())],
        }
        .key("c");
        assert_ne!(a, b);
        assert_ne!(a, Machine::default().key("d"));
        assert_eq!(a, Machine::default().key("c"));
    }
}
