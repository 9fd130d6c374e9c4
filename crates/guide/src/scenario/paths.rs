//! `paths:`: the absolute paths a guide's prose uses (`/tmp/demo`), each
//! for a directory of the workspace, and bindings' paths mapped by them.

use std::collections::BTreeMap;
use std::path::Path;

use crate::directives::Directives;

/// `paths:` entries, checked: absolute paths, each for a relative one.
pub(super) fn paths_of(map: &BTreeMap<String, String>) -> Result<Vec<(String, String)>, String> {
    let mut paths = Vec::new();
    for (from, to) in map {
        let target = Path::new(to);
        if !from.starts_with('/') || from.trim_end_matches('/').is_empty() {
            return Err(format!(
                "paths: `{from}` is not an absolute path (the paths are what the guide writes, as `/tmp/demo`)"
            ));
        }
        if to.trim().is_empty()
            || target.is_absolute()
            || target
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(format!(
                "paths: `{to}` must be a directory relative to the workspace, inside it"
            ));
        }
        paths.push((
            from.trim_end_matches('/').to_string(),
            to.trim_end_matches('/').to_string(),
        ));
    }
    // The longest first: `/tmp/demo/sub` before `/tmp/demo`.
    paths.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    Ok(paths)
}

/// `path` in the workspace: as is when relative, else by `paths:`.
pub fn mapped(path: &str, paths: &[(String, String)]) -> Option<String> {
    if !path.starts_with('/') {
        return Some(path.to_string());
    }
    paths.iter().find_map(|(from, to)| {
        let rest = path.strip_prefix(from.as_str())?;
        match rest {
            "" => Some(to.clone()),
            r if r.starts_with('/') => Some(format!("{to}{r}")),
            _ => None,
        }
    })
}

/// A binding's `file:`, `also:` and `fragment-of:` in the workspace, or the
/// key whose absolute path no `paths:` entry maps, and why.
pub(super) fn map_paths(
    d: &mut Directives,
    paths: &[(String, String)],
) -> Result<(), (&'static str, String)> {
    let refuse = |key: &'static str, path: &str| {
        (
            key,
            format!(
                "{key}: `{path}` is absolute; a binding's paths are in the workspace: give a relative one, or map its directory with `paths:` (`paths: {{\"{}\": {}}}`)",
                Path::new(path).parent().map_or(path.to_string(), |p| p.display().to_string()),
                Path::new(path)
                    .parent()
                    .and_then(|p| p.file_name())
                    .map_or("dir".to_string(), |n| n.to_string_lossy().into_owned())
            ),
        )
    };
    let escapes = |key: &'static str, path: &str| {
        let p = Path::new(path);
        (path.trim().is_empty()
            || p.components()
                .any(|c| matches!(c, std::path::Component::ParentDir)))
        .then(|| {
            (
                key,
                format!("{key}: `{path}` leads out of the workspace; paths in it stay inside"),
            )
        })
    };
    for (key, path) in d
        .file
        .iter()
        .map(|f| ("file", f))
        .chain(d.fragment_of.iter().map(|f| ("fragment-of", f)))
        .chain(d.also.iter().map(|f| ("also", f)))
    {
        if let Some(e) = escapes(key, path) {
            return Err(e);
        }
    }
    if let Some(file) = d.file.as_mut() {
        *file = mapped(file, paths).ok_or_else(|| refuse("file", file))?;
    }
    if let Some(of) = d.fragment_of.as_mut() {
        *of = mapped(of, paths).ok_or_else(|| refuse("fragment-of", of))?;
    }
    for also in d.also.iter_mut() {
        *also = mapped(also, paths).ok_or_else(|| refuse("also", also))?;
    }
    Ok(())
}
