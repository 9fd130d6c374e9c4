//! Local names per run: the image names (`docker build -t stockdata`,
//! `docker tag … app`) and container names (`--name web`) a guide creates get
//! a suffix of the run's own (`stockdata-dc1a2b3c4d`), and the guide's later
//! references to them are mapped the same way, so two runs of one guide (or
//! two guides) on one daemon never see each other's objects. Base images and
//! stand-ins are not created by the run, so they stay shared.

use std::collections::BTreeSet;

use crate::reference::{registry_host, split_tag};

#[derive(Debug, Default, Clone)]
pub struct Namespace {
    /// `-dc<hash of the run id>`
    suffix: String,
    /// Image repositories the run created, as documented (`stockdata`).
    images: BTreeSet<String>,
    /// Container names the run created, as documented.
    containers: BTreeSet<String>,
}

/// The repository part of a local image reference (`app:1.0` → `app`), if
/// the reference is a local name (no registry, no namespace).
fn local_repository(reference: &str) -> Option<String> {
    if registry_host(reference).is_some() || reference.contains('@') || reference.starts_with('-') {
        return None;
    }
    let (repository, _) = split_tag(reference);
    let valid = !repository.is_empty()
        && repository
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    valid.then_some(repository)
}

impl Namespace {
    pub fn new(run_id: &str) -> Namespace {
        let hash = twox_hash::XxHash64::oneshot(0, run_id.as_bytes());
        Namespace {
            suffix: format!("-dc{:08x}", hash as u32),
            ..Namespace::default()
        }
    }

    fn rename(&self, reference: &str, repository: &str) -> String {
        let tag = &reference[repository.len()..];
        format!("{repository}{}{tag}", self.suffix)
    }

    /// An image reference the command creates: local names are recorded and renamed.
    pub fn create_image(&mut self, reference: &str) -> String {
        match local_repository(reference) {
            Some(repository) => {
                let renamed = self.rename(reference, &repository);
                self.images.insert(repository);
                renamed
            }
            None => reference.to_string(),
        }
    }

    /// An image reference the command uses: renamed when the run created it.
    pub fn image(&self, reference: &str) -> String {
        match local_repository(reference) {
            Some(repository) if self.images.contains(&repository) => {
                self.rename(reference, &repository)
            }
            _ => reference.to_string(),
        }
    }

    pub fn create_container(&mut self, name: &str) -> String {
        self.containers.insert(name.to_string());
        format!("{name}{}", self.suffix)
    }

    pub fn container(&self, name: &str) -> String {
        if self.containers.contains(name) {
            format!("{name}{}", self.suffix)
        } else {
            name.to_string()
        }
    }

    /// `documented → on the daemon` for every name the run created.
    pub fn mapped(&self) -> Vec<String> {
        self.images
            .iter()
            .chain(&self.containers)
            .map(|n| format!("{n} → {n}{}", self.suffix))
            .collect()
    }

    /// The run's suffix (`-dc1a2b3c4d`).
    pub fn suffix(&self) -> &str {
        &self.suffix
    }

    /// Whether a name as the daemon shows it is one of the run's own.
    pub fn owns(&self, name: &str) -> bool {
        split_shown(name).0.ends_with(&self.suffix)
    }

    /// A name as the daemon shows it → as the guide documents it: the run's
    /// own names lose their suffix; `None` for another run's suffixed name.
    pub fn shown(&self, name: &str) -> Option<String> {
        let (repository, tag) = split_shown(name);
        if let Some(documented) = repository.strip_suffix(&self.suffix) {
            return Some(format!("{documented}{tag}"));
        }
        if is_suffixed(repository) {
            return None;
        }
        Some(name.to_string())
    }
}

/// A name as the daemon shows it → repository and `:tag` (or "").
fn split_shown(name: &str) -> (&str, &str) {
    match name.rfind(':') {
        Some(at) if !name[at..].contains('/') => (&name[..at], &name[at..]),
        _ => (name, ""),
    }
}

/// Whether `name` ends with some run's suffix (`-dc` and 8 hex digits).
fn is_suffixed(name: &str) -> bool {
    let Some(at) = name.rfind("-dc") else {
        return false;
    };
    let hex = &name[at + 3..];
    hex.len() == 8 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_the_run_creates_are_its_own() {
        let mut a = Namespace::new("run-a");
        let b = Namespace::new("run-b");
        assert_ne!(a.suffix(), b.suffix());
        let built = a.create_image("stockdata");
        assert_eq!(built, format!("stockdata{}", a.suffix()));
        assert_eq!(
            a.image("stockdata:latest"),
            format!("stockdata{}:latest", a.suffix())
        );
        assert_eq!(b.image("stockdata"), "stockdata");
        // Not created by the run, or not local: shared.
        assert_eq!(a.image("alpine"), "alpine");
        assert_eq!(a.create_image("myorg/stockdata"), "myorg/stockdata");
        assert_eq!(
            a.image("mcr.microsoft.com/dotnet/core/sdk:3.0"),
            "mcr.microsoft.com/dotnet/core/sdk:3.0"
        );
        let web = a.create_container("web");
        assert_eq!(a.container("web"), web);
        assert_eq!(a.container("other"), "other");
        assert_eq!(
            a.shown(&format!("stockdata{}:latest", a.suffix()))
                .as_deref(),
            Some("stockdata:latest")
        );
        assert_eq!(a.shown(&format!("stockdata{}:latest", b.suffix())), None);
        assert_eq!(a.shown("alpine:3").as_deref(), Some("alpine:3"));
        assert_eq!(
            a.shown("127.0.0.1:5000/myorg/app:1").as_deref(),
            Some("127.0.0.1:5000/myorg/app:1")
        );
    }
}
