//! Where a push may go, defined once: to a registry of the run's own, or to a
//! host the scenario maps (which goes to the run's registry for that host);
//! anything else is refused, so nothing leaves the machine. The gateway
//! decides by it for every request, the rewriter maps the commands it reads
//! by it, and without a gateway (an `ssh://` or TLS engine) the session's
//! `docker` function is written from it.

use crate::reference::{registry_host, split_host};

/// The run's registries: documented host (`docker.io`,
/// `internal-registry:5000`) → the address of the run's registry for it
/// (`127.0.0.1:PORT`), in the order they were started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registries(pub Vec<(String, String)>);

/// What becomes of a push of one reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Push {
    /// To one of the run's own registries, as it is.
    Own,
    /// To a mapped host: pushed as `reference` to the run's registry `index`.
    Mapped { index: usize, reference: String },
    /// Anywhere else: refused, with the message the guide sees.
    Refused(String),
}

impl Registries {
    pub fn add(&mut self, host: &str, address: &str) {
        self.0.push((host.to_string(), address.to_string()));
    }

    /// Whether `host` is the address of one of the run's registries.
    pub fn own(&self, host: &str) -> bool {
        self.0.iter().any(|(_, address)| address == host)
    }

    /// A reference whose registry host is mapped → (index, the reference at the run's registry).
    pub fn mapped(&self, reference: &str) -> Option<(usize, String)> {
        let host = registry_host(reference)?;
        let index = self.0.iter().position(|(h, _)| *h == host)?;
        let (_, rest) = split_host(reference);
        Some((index, format!("{}/{rest}", self.0[index].1)))
    }

    pub fn push(&self, reference: &str) -> Push {
        let host = registry_host(reference);
        if host.as_deref().is_some_and(|h| self.own(h)) {
            return Push::Own;
        }
        if let Some((index, reference)) = self.mapped(reference) {
            return Push::Mapped { index, reference };
        }
        let shown = host.unwrap_or_else(|| "a local name".to_string());
        Push::Refused(format!(
            "doccheck: pushes to {shown} are not allowed in this run ({reference}); map the host in the scenario's docker.registry.hosts, and nothing leaves this machine"
        ))
    }

    /// The session's `docker` function where no gateway stands between the
    /// guide and the engine: a push goes only to the run's registries (the
    /// rewriter has already mapped the ones it read). Scripts bypass it, as
    /// the report says.
    pub fn shell_guard(&self) -> String {
        let own: Vec<String> = self
            .0
            .iter()
            .map(|(_, address)| format!("{address}/*"))
            .collect();
        let own = if own.is_empty() {
            "doccheck-no-registry/*".to_string()
        } else {
            own.join("|")
        };
        format!(
            r#"docker() {{ if [ "$1" = push ]; then case "${{@: -1}}" in {own}) ;; *) echo "doccheck: pushes to ${{@: -1}} are not allowed in this run: its registry is not one the scenario maps to a local registry, and nothing leaves this machine" >&2; return 125;; esac; fi; command docker "$@"; }}"#
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registries() -> Registries {
        let mut r = Registries::default();
        r.add("docker.io", "127.0.0.1:5001");
        r.add("internal-registry:5000", "127.0.0.1:5002");
        r
    }

    #[test]
    fn a_push_goes_to_the_runs_registries_or_nowhere() {
        let r = registries();
        assert_eq!(r.push("127.0.0.1:5002/myorg/app:1"), Push::Own);
        assert_eq!(
            r.push("myorg/app"),
            Push::Mapped {
                index: 0,
                reference: "127.0.0.1:5001/myorg/app".into()
            }
        );
        assert_eq!(
            r.push("internal-registry:5000/myorg/app:2"),
            Push::Mapped {
                index: 1,
                reference: "127.0.0.1:5002/myorg/app:2".into()
            }
        );
        for off in [
            "evil.example.com/x",
            "127.0.0.1:5999/x",
            "quay.io/a/b",
            "app",
        ] {
            assert!(
                matches!(r.push(off), Push::Refused(m) if m.starts_with("doccheck: pushes to ")),
                "{off}"
            );
        }
    }

    #[test]
    fn the_shell_guard_lets_the_runs_registries_through_only() {
        let guard = registries().shell_guard();
        assert!(
            guard.contains("127.0.0.1:5001/*|127.0.0.1:5002/*) ;;"),
            "{guard}"
        );
        assert!(Registries::default()
            .shell_guard()
            .contains("doccheck-no-registry/*) ;;"));
    }
}
