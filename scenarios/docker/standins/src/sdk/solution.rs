//! Visual Studio .sln files: which projects a solution builds.

use std::path::{Path, PathBuf};

use super::BuildError;

/// Solution folders are entries too; they build nothing.
const SOLUTION_FOLDER: &str = "{2150E333-8FDC-42A3-9474-1A3956D46DE8}";

#[derive(Debug, Clone)]
pub struct SolutionProject {
    pub name: String,
    pub path: PathBuf,
}

pub fn projects(sln: &Path) -> Result<Vec<SolutionProject>, BuildError> {
    let text = std::fs::read_to_string(sln).map_err(|e| {
        BuildError::line(format!(
            "MSBUILD : error MSB1009: Project file does not exist.\nSwitch: {} ({e})",
            sln.display()
        ))
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let version = header
        .strip_prefix("Microsoft Visual Studio Solution File, Format Version ")
        .and_then(|v| v.trim().split('.').next()?.parse::<u32>().ok());
    if !matches!(version, Some(7..=12)) {
        return Err(BuildError::line(format!(
            "{} : Solution file error MSB5014: File format version is not recognized.  MSBuild \
             can only read solution files between versions 7.0 and 12.0, inclusive.",
            sln.display()
        )));
    }
    let dir = sln.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix("Project(\"") else {
            continue;
        };
        // Project("{TYPE}") = "Name", "relative\path.csproj", "{GUID}"
        let quoted: Vec<&str> = rest.split('"').collect();
        let (kind, name, path) = match quoted.as_slice() {
            [kind, _, name, _, path, ..] => (*kind, *name, *path),
            _ => {
                return Err(BuildError::line(format!(
                    "{}({}): Solution file error MSB5023: Error parsing the nested project section in solution file.",
                    sln.display(),
                    n + 1
                )))
            }
        };
        if kind.eq_ignore_ascii_case(SOLUTION_FOLDER) {
            continue;
        }
        let path = dir.join(path.replace('\\', "/"));
        let is_project = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.ends_with("proj"));
        if is_project {
            out.push(SolutionProject {
                name: name.to_string(),
                path,
            });
        }
    }
    Ok(out)
}
