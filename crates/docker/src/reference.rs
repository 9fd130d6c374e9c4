//! Image references: `host[:port]/path[:tag][@digest]`, as the docker CLI reads them.

/// `host:5000/org/app:tag` → (Some("host:5000"), "org/app:tag")
pub fn split_host(reference: &str) -> (Option<&str>, &str) {
    match reference.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (Some(first), rest)
        }
        _ => (None, reference),
    }
}

/// `org/app:tag` → ("org/app", "tag"); no tag means `latest`.
pub fn split_tag(path: &str) -> (String, String) {
    let path = path.split('@').next().unwrap_or(path);
    match path.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo.to_string(), tag.to_string()),
        _ => (path.to_string(), "latest".to_string()),
    }
}

/// `app` → `app:latest`, keeping the host.
pub fn normalize_tag(reference: &str) -> String {
    let (host, rest) = split_host(reference);
    let (repo, tag) = split_tag(rest);
    match host {
        Some(h) => format!("{h}/{repo}:{tag}"),
        None => format!("{repo}:{tag}"),
    }
}

/// The registry host a reference is pushed to: `docker.io` for `org/app`;
/// `None` for a bare local name such as `app`.
pub fn registry_host(reference: &str) -> Option<String> {
    match split_host(reference) {
        (Some(h), _) => Some(h.to_string()),
        (None, rest) if rest.contains('/') => Some("docker.io".to_string()),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(
            split_host("internal-registry:5000/myorg/stockdata"),
            (Some("internal-registry:5000"), "myorg/stockdata")
        );
        assert_eq!(split_host("myorg/stockdata"), (None, "myorg/stockdata"));
        assert_eq!(
            split_host("mcr.microsoft.com/dotnet/core/sdk:3.0"),
            (Some("mcr.microsoft.com"), "dotnet/core/sdk:3.0")
        );
        assert_eq!(
            split_tag("myorg/stockdata"),
            ("myorg/stockdata".into(), "latest".into())
        );
        assert_eq!(
            split_tag("dotnet/core/sdk:3.0"),
            ("dotnet/core/sdk".into(), "3.0".into())
        );
        assert_eq!(normalize_tag("stockdata"), "stockdata:latest");
        assert_eq!(registry_host("myorg/app").as_deref(), Some("docker.io"));
        assert_eq!(registry_host("app"), None);
    }
}
