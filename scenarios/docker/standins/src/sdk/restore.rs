//! `dotnet restore`: every project of the solution (and what they reference) gets its
//! obj/project.assets.json. Packages are not downloaded (nothing can be); the assets file
//! records what was asked for, which is what a later build checks.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{json, Map, Value};

use super::framework::{framework_of, sdk_of, TargetFramework};
use super::project::{self, Project};
use super::{solution, BuildError, Options};
use crate::install::Install;

pub const PACKAGES_PATH: &str = "/root/.nuget/packages/";

pub fn assets_path(project: &Project) -> PathBuf {
    project.dir.join("obj").join("project.assets.json")
}

/// The projects a target (a solution or a project file) stands for, checked to exist.
pub fn projects_of(target: &Path) -> Result<Vec<PathBuf>, BuildError> {
    if target.extension().is_some_and(|e| e == "sln") {
        let mut out = Vec::new();
        for p in solution::projects(target)? {
            if !p.path.is_file() {
                return Err(BuildError::line(format!(
                    "{sln} : error MSB3202: The project file \"{}\" was not found. [{sln}]",
                    p.path.display(),
                    sln = target.display()
                )));
            }
            out.push(p.path);
        }
        Ok(out)
    } else {
        Ok(vec![target.to_path_buf()])
    }
}

/// Restores `target`; returns the project files restored.
pub fn restore(install: &Install, target: &Path, opts: &Options) -> Result<Vec<PathBuf>, BuildError> {
    let mut queue = projects_of(target)?;
    let sdk = sdk_of(install)?;
    if sdk.determining_projects() {
        println!("  Determining projects to restore...");
    }
    let mut done: Vec<PathBuf> = Vec::new();
    while let Some(path) = queue.pop() {
        let path = normalize(&path);
        if done.contains(&path) {
            continue;
        }
        let started = Instant::now();
        let project = project::load(&path, &opts.globals())?;
        let frameworks = framework_of(install, &project, opts, false)?;
        for reference in &project.project_references {
            let referenced = project.dir.join(reference);
            if !referenced.is_file() {
                return Err(BuildError::line(format!(
                    "{} : error NU1105: Unable to find project information for '{}'. The project file may be \
                     invalid or missing targets required for restore. [{}]",
                    path.display(),
                    normalize(&referenced).display(),
                    path.display()
                )));
            }
            queue.push(referenced);
        }
        write_assets(&project, &frameworks)?;
        if sdk.determining_projects() {
            println!("  Restored {} (in {}).", path.display(), elapsed(started, true));
        } else {
            println!(
                "  Restore completed in {} for {}.",
                elapsed(started, false),
                path.display()
            );
        }
        done.push(path);
    }
    Ok(done)
}

/// "45.13 ms" or "1.2 sec", as NuGet prints it ("45 ms" from SDK 5.0: `whole_ms`).
fn elapsed(started: Instant, whole_ms: bool) -> String {
    let ms = started.elapsed().as_secs_f64() * 1000.0 + 30.0;
    if ms < 1000.0 && whole_ms {
        format!("{ms:.0} ms")
    } else if ms < 1000.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{:.2} sec", ms / 1000.0)
    }
}

/// `a/b/../c` -> `a/c`, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn write_assets(project: &Project, frameworks: &[TargetFramework]) -> Result<(), BuildError> {
    let mut targets = Map::new();
    let mut groups = Map::new();
    let mut fw_deps = Map::new();
    for fw in frameworks {
        targets.insert(fw.long_name(), json!({}));
        groups.insert(
            fw.long_name(),
            Value::from(
                project
                    .package_references
                    .iter()
                    .map(|(id, v)| format!("{id} >= {v}"))
                    .collect::<Vec<_>>(),
            ),
        );
        let deps: Map<String, Value> = project
            .package_references
            .iter()
            .map(|(id, v)| (id.clone(), json!({"target": "Package", "version": format!("[{v}, )")})))
            .collect();
        fw_deps.insert(fw.moniker.clone(), json!({"dependencies": deps}));
    }
    let path = project.path.display().to_string();
    let assets = json!({
        "version": 3,
        "targets": targets,
        "libraries": {},
        "projectFileDependencyGroups": groups,
        "packageFolders": { PACKAGES_PATH: {} },
        "project": {
            "version": "1.0.0",
            "restore": {
                "projectUniqueName": path,
                "projectName": project.stem(),
                "projectPath": path,
                "packagesPath": PACKAGES_PATH,
                "outputPath": format!("{}/", project.dir.join("obj").display()),
                "projectStyle": "PackageReference",
                "originalTargetFrameworks": frameworks.iter().map(|f| f.moniker.clone()).collect::<Vec<_>>(),
                "sources": { "https://api.nuget.org/v3/index.json": {} },
            },
            "frameworks": fw_deps,
        },
        "doccheckStandin": "package contents are not downloaded; this file records the request",
    });
    let out = assets_path(project);
    std::fs::create_dir_all(out.parent().unwrap_or(Path::new(".")))
        .and_then(|_| std::fs::write(&out, serde_json::to_vec_pretty(&assets).unwrap_or_default()))
        .map_err(|e| BuildError::line(format!("{} : error : {e} [{}]", out.display(), project.path.display())))
}
