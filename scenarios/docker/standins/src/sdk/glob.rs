//! MSBuild item wildcards (`*`, `?`, `**`) over a project's files.

use std::path::Path;

pub fn has_wildcard(spec: &str) -> bool {
    spec.contains(['*', '?'])
}

/// Every file under `dir`, relative with '/' separators, minus what the SDK's
/// DefaultItemExcludes leave out: bin/, obj/, dot-files and dot-directories.
pub fn project_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        let path = entry.path();
        if path.is_dir() {
            if prefix.is_empty() && (name == "bin" || name == "obj") {
                continue;
            }
            walk(&path, &format!("{rel}/"), out);
        } else if !name.ends_with(".user") && !name.ends_with("proj") && !name.ends_with(".sln") {
            out.push(rel);
        }
    }
}

pub struct Pattern {
    segments: Vec<String>,
}

impl Pattern {
    pub fn new(spec: &str) -> Pattern {
        let spec = spec.replace('\\', "/");
        let spec = spec.trim_start_matches("./");
        let mut segments: Vec<String> = spec.split('/').filter(|s| !s.is_empty()).map(str::to_string).collect();
        // `dir/**` means everything below dir.
        if segments.last().is_some_and(|s| s == "**") {
            segments.push("*".into());
        }
        Pattern { segments }
    }

    pub fn matches(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').collect();
        match_segments(&self.segments, &parts)
    }
}

fn match_segments(pattern: &[String], parts: &[&str]) -> bool {
    match pattern.split_first() {
        None => parts.is_empty(),
        Some((first, rest)) if first == "**" => (0..=parts.len()).any(|skip| match_segments(rest, &parts[skip..])),
        Some((first, rest)) => {
            !parts.is_empty() && match_name(first.as_bytes(), parts[0].as_bytes()) && match_segments(rest, &parts[1..])
        }
    }
}

fn match_name(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|skip| match_name(rest, &name[skip..])),
        Some((b'?', rest)) => !name.is_empty() && match_name(rest, &name[1..]),
        Some((c, rest)) => name.first() == Some(c) && match_name(rest, &name[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn msbuild_wildcards() {
        assert!(Pattern::new("**/*.json").matches("appsettings.json"));
        assert!(Pattern::new("**/*.json").matches("Data/stocks.json"));
        assert!(Pattern::new("Data\\*.json").matches("Data/stocks.json"));
        assert!(!Pattern::new("Data/*.json").matches("Data/x/stocks.json"));
        assert!(Pattern::new("wwwroot/**").matches("wwwroot/css/site.css"));
        assert!(Pattern::new("Protos/stocks.proto").matches("Protos/stocks.proto"));
        assert!(!Pattern::new("Protos/stocks.proto").matches("Protos/stock.proto"));
    }
}
