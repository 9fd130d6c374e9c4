//! Names per run: every image name (`docker build -t stockdata`, `docker tag
//! … myorg/app`, `registry.example.com/team/app:1`) and container name
//! (`--name web`) a guide creates gets a suffix of the run's own on its
//! repository (`stockdata-dc1a2b3c4d`, `myorg/app-dc1a2b3c4d`), and the guide's
//! later references to them are mapped the same way. So two runs of one guide
//! (or two guides) on one daemon never see each other's objects, and a user's
//! own image that shares a documented name is shadowed for the run, never
//! retagged or removed. Base images and stand-ins are not created by the run,
//! so they stay shared.

use std::collections::BTreeSet;

use crate::reference::split_host;

#[derive(Debug, Default, Clone)]
pub struct Namespace {
    /// `-dc<hash of the run id>`
    suffix: String,
    /// Image repositories the run created, as documented (`stockdata`, `myorg/app`).
    images: BTreeSet<String>,
    /// Container names the run created, as documented.
    containers: BTreeSet<String>,
    /// Volume and network names the run created (or made the engine create,
    /// `-v data:/data`), as documented.
    volumes: BTreeSet<String>,
    networks: BTreeSet<String>,
}

/// Objects named by a plain name (no registry, no tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plain {
    Container,
    Volume,
    Network,
}

/// An image reference by name → its repository, normalised as the engine
/// stores it (`docker.io/library/app` → `app`), and its `:tag` (or "")
/// (`host:5000/org/app:1` → `host:5000/org/app`, `:1`); `None` for an id, a
/// digest or anything that is not a name.
fn repository_of(reference: &str) -> Option<(String, String)> {
    if reference.contains('@') || reference.starts_with('-') || reference.starts_with("sha256:") {
        return None;
    }
    let (host, rest) = split_host(reference);
    let (path, tag) = match rest.rsplit_once(':') {
        Some((path, tag)) => (path, Some(tag)),
        None => (rest, None),
    };
    let component = |c: &str| {
        !c.is_empty()
            && c.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
    };
    if !path.split('/').all(component) || tag.is_some_and(|t| t.is_empty()) {
        return None;
    }
    let tag = tag.map(|t| format!(":{t}")).unwrap_or_default();
    let repository = match host {
        Some("docker.io" | "index.docker.io") => {
            path.strip_prefix("library/").unwrap_or(path).to_string()
        }
        Some(h) => format!("{h}/{path}"),
        None => path.to_string(),
    };
    Some((repository, tag))
}

impl Namespace {
    pub fn new(run_id: &str) -> Namespace {
        let hash = twox_hash::XxHash64::oneshot(0, run_id.as_bytes());
        Namespace {
            suffix: format!("-dc{:08x}", hash as u32),
            ..Namespace::default()
        }
    }

    fn rename(&self, repository: &str, tag: &str) -> String {
        format!("{repository}{}{tag}", self.suffix)
    }

    /// An image reference the command creates: names are recorded and renamed.
    pub fn create_image(&mut self, reference: &str) -> String {
        match repository_of(reference) {
            Some((repository, tag)) => {
                let renamed = self.rename(&repository, &tag);
                self.images.insert(repository);
                renamed
            }
            None => reference.to_string(),
        }
    }

    /// An image reference the command uses: renamed when the run created it.
    pub fn image(&self, reference: &str) -> String {
        match repository_of(reference) {
            Some((repository, tag)) if self.images.contains(&repository) => {
                self.rename(&repository, &tag)
            }
            _ => reference.to_string(),
        }
    }

    fn set(&self, kind: Plain) -> &BTreeSet<String> {
        match kind {
            Plain::Container => &self.containers,
            Plain::Volume => &self.volumes,
            Plain::Network => &self.networks,
        }
    }

    /// A container, volume or network name the request creates: recorded and renamed.
    pub fn create(&mut self, kind: Plain, name: &str) -> String {
        let set = match kind {
            Plain::Container => &mut self.containers,
            Plain::Volume => &mut self.volumes,
            Plain::Network => &mut self.networks,
        };
        set.insert(name.to_string());
        format!("{name}{}", self.suffix)
    }

    /// A container, volume or network name a request uses: renamed when the run created it.
    pub fn named(&self, kind: Plain, name: &str) -> String {
        if self.set(kind).contains(name) {
            format!("{name}{}", self.suffix)
        } else {
            name.to_string()
        }
    }

    /// A name as the daemon shows it → as documented; `None` for another
    /// run's, and for a user's that one of the run's shadows.
    pub fn shown_as(&self, kind: Plain, name: &str) -> Option<String> {
        if let Some(documented) = name.strip_suffix(&self.suffix) {
            return Some(documented.to_string());
        }
        if is_suffixed(name) || self.set(kind).contains(name) {
            return None;
        }
        Some(name.to_string())
    }

    pub fn create_container(&mut self, name: &str) -> String {
        self.create(Plain::Container, name)
    }

    pub fn container(&self, name: &str) -> String {
        self.named(Plain::Container, name)
    }

    /// `documented → on the daemon` for every name the run created.
    pub fn mapped(&self) -> Vec<String> {
        self.images
            .iter()
            .chain(&self.containers)
            .chain(&self.volumes)
            .chain(&self.networks)
            .map(|n| format!("{n} → {n}{}", self.suffix))
            .collect()
    }

    /// The run's suffix (`-dc1a2b3c4d`).
    pub fn suffix(&self) -> &str {
        &self.suffix
    }

    /// Whether a name as the daemon shows it is another run's.
    pub fn another_runs(&self, name: &str) -> bool {
        let (repository, _) = split_shown(name);
        is_suffixed(repository) && !repository.ends_with(&self.suffix)
    }

    /// Whether a name as the daemon shows it is one of the run's own.
    pub fn owns(&self, name: &str) -> bool {
        split_shown(name).0.ends_with(&self.suffix)
    }

    /// A name as the daemon shows it → as the guide documents it: the run's
    /// own names lose their suffix; `None` for another run's suffixed name,
    /// and for a name (a user's image) that one of the run's shadows.
    pub fn shown(&self, name: &str) -> Option<String> {
        let (repository, tag) = split_shown(name);
        if let Some(documented) = repository.strip_suffix(&self.suffix) {
            return Some(format!("{documented}{tag}"));
        }
        if is_suffixed(repository) || self.shadows_image(name) {
            return None;
        }
        Some(name.to_string())
    }

    /// Whether `name` (not the run's) carries a repository the run created:
    /// the guide means the run's image by it, not this one.
    fn shadows_image(&self, name: &str) -> bool {
        repository_of(name).is_some_and(|(repository, _)| self.images.contains(&repository))
    }

    /// A container name as the daemon shows it (`/web-dc…`) → as documented;
    /// `None` for another run's, and for one the run's shadows.
    pub fn shown_container(&self, name: &str) -> Option<String> {
        self.shown_as(Plain::Container, name.trim_start_matches('/'))
            .map(|n| format!("/{n}"))
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
        // Not created by the run: shared.
        assert_eq!(a.image("alpine"), "alpine");
        assert_eq!(
            a.image("mcr.microsoft.com/dotnet/core/sdk:3.0"),
            "mcr.microsoft.com/dotnet/core/sdk:3.0"
        );
        // Names with a namespace or a registry are the run's own too: a user's
        // `myorg/stockdata` is never retagged.
        let sfx = a.suffix().to_string();
        assert_eq!(
            a.create_image("myorg/stockdata"),
            format!("myorg/stockdata{sfx}")
        );
        assert_eq!(
            a.create_image("registry.example.com:5000/team/app:1"),
            format!("registry.example.com:5000/team/app{sfx}:1")
        );
        assert_eq!(
            a.image("registry.example.com:5000/team/app"),
            format!("registry.example.com:5000/team/app{sfx}")
        );
        assert_eq!(b.image("myorg/stockdata"), "myorg/stockdata");
        // Ids and digests are never names.
        assert_eq!(a.create_image("sha256:abcd"), "sha256:abcd");
        assert_eq!(a.image("stockdata@sha256:abcd"), "stockdata@sha256:abcd");
        assert_eq!(
            a.shown(&format!("registry.example.com:5000/team/app{sfx}:1"))
                .as_deref(),
            Some("registry.example.com:5000/team/app:1")
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
