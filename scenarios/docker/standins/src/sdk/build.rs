//! `dotnet build` and `dotnet publish`: the checks the real SDK makes before and while
//! compiling (target framework, restore assets, .proto files, the C# the stand-in can
//! read, content files), then the stand-in assembly and the files that go beside it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{json, Value};

use super::csharp::{self, Source};
use super::framework::{self, framework_of, sdk_targets, TargetFramework};
use super::project::{self, Project};
use super::restore::{self, assets_path};
use super::{BuildError, Options};
use crate::assembly::Assembly;
use crate::install::Install;
use crate::proto;

/// What building one project produced.
pub struct Built {
    pub assembly: Assembly,
    pub sources: Vec<Source>,
    pub bin_dir: PathBuf,
    pub files: Vec<(String, Vec<u8>)>,
    pub content: Vec<(PathBuf, String)>,
    pub referenced_files: Vec<(String, Vec<u8>)>,
}

pub fn run(install: &Install, target: &Path, opts: &Options, cwd: &Path, publish: bool) -> Result<(), BuildError> {
    let started = Instant::now();
    if !opts.no_restore {
        restore::restore(install, target, opts)?;
    }
    for path in restore::projects_of(target)? {
        let built = build_project(install, &path, opts, 0)?;
        if publish {
            publish_project(install, &path, &built, opts, cwd)?;
        }
    }
    if !publish {
        let t = started.elapsed().as_secs_f64() + 1.0;
        println!("\nBuild succeeded.\n    0 Warning(s)\n    0 Error(s)\n\nTime Elapsed 00:00:{t:05.2}");
    }
    Ok(())
}

fn io_error(path: &Path, project: &Path, e: std::io::Error) -> BuildError {
    BuildError::line(format!("{} : error : {e} [{}]", path.display(), project.display()))
}

pub fn build_project(install: &Install, path: &Path, opts: &Options, depth: usize) -> Result<Built, BuildError> {
    let path = restore::normalize(path);
    if depth > 32 {
        return Err(BuildError::line(format!(
            "{} : error MSB4006: There is a circular dependency in the target dependency graph.",
            path.display()
        )));
    }
    let project = project::load(&path, &opts.globals())?;
    let proj = path.display().to_string();
    let tf = framework_of(install, &project, opts, true)?.remove(0);
    check_assets(install, &project, &tf)?;
    framework::check_reference_assemblies(install, &tf, &proj)?;

    let mut assembly = Assembly {
        name: project.assembly_name(),
        target_framework: tf.moniker.clone(),
        configuration: opts.configuration(),
        sdk: project.sdk.clone(),
        package_references: project.package_references.clone(),
        ..Default::default()
    };
    let mut sources = Vec::new();
    let mut referenced_files = Vec::new();
    for reference in &project.project_references {
        let dep = build_project(install, &project.dir.join(reference), opts, depth + 1)?;
        assembly.messages.extend(dep.assembly.messages.clone());
        assembly.enums.extend(dep.assembly.enums.clone());
        assembly.services.extend(dep.assembly.services.clone());
        sources.extend(dep.sources);
        referenced_files.extend(dep.files.into_iter().filter(|(n, _)| n.ends_with(".dll")));
        referenced_files.extend(dep.referenced_files);
    }

    compile_protos(&project, &mut assembly)?;

    let mut errors = Vec::new();
    for item in project.items_of("Compile").filter(|i| i.path.ends_with(".cs")) {
        match std::fs::read_to_string(project.dir.join(&item.path)) {
            Ok(text) => sources.push(Source::new(item.path.clone(), &text)),
            Err(_) => errors.push(format!(
                "CSC : error CS2001: Source file '{}' could not be found. [{proj}]",
                project.dir.join(&item.path).display()
            )),
        }
    }
    let default_type = if project.is_web() || project.sdk == "Microsoft.NET.Sdk.Worker" {
        "Exe"
    } else {
        "Library"
    };
    let exe = project
        .property("OutputType")
        .unwrap_or(default_type)
        .eq_ignore_ascii_case("Exe");
    // C# 9 (the default from net5.0) also takes top-level statements as the entry point.
    let top_level = tf.is_core_app() && tf.version.0 >= 5 && csharp::has_top_level_statements(&sources);
    if exe && errors.is_empty() && !csharp::has_entry_point(&sources) && !top_level {
        errors.push(format!(
            "CSC : error CS5001: Program does not contain a static 'Main' method suitable for an entry point [{proj}]"
        ));
    }
    if exe && errors.is_empty() {
        let health = project.references("Grpc.HealthCheck") || project.references("Grpc.AspNetCore.HealthChecks");
        match csharp::mapped_services(&sources, &assembly.services, health, &proj) {
            Ok(mapped) => assembly.mapped_services = mapped,
            Err(e) => errors.extend(e),
        }
        assembly.health_statuses = csharp::health_statuses(&sources, &assembly.services);
        if sources.iter().any(|s| s.code.contains("MapGrpcHealthChecksService(")) {
            // Grpc.AspNetCore.HealthChecks reports the app's overall health as "".
            assembly.health_statuses.push((String::new(), "Serving".into()));
        }
    }
    if !errors.is_empty() {
        return Err(BuildError { lines: errors });
    }

    let name = assembly.name.clone();
    let mut files = vec![
        (format!("{name}.dll"), assembly.to_bytes()),
        (format!("{name}.pdb"), b"doccheck stand-in: no debug symbols\n".to_vec()),
        (format!("{name}.deps.json"), pretty(&deps_json(&project, &tf, &name))),
    ];
    if exe && tf.is_core_app() {
        files.push((
            format!("{name}.runtimeconfig.json"),
            pretty(&runtimeconfig_json(install, &project, &tf)),
        ));
    }
    let mut bin_dir = project.dir.join("bin").join(opts.configuration()).join(&tf.moniker);
    if let Some(rid) = &opts.runtime {
        bin_dir = bin_dir.join(rid);
    }
    std::fs::create_dir_all(&bin_dir).map_err(|e| io_error(&bin_dir, &path, e))?;
    for (file, bytes) in files.iter().chain(referenced_files.iter()) {
        std::fs::write(bin_dir.join(file), bytes).map_err(|e| io_error(&bin_dir.join(file), &path, e))?;
    }
    println!(
        "  {} -> {}",
        project.stem(),
        bin_dir.join(format!("{name}.dll")).display()
    );

    let content = project
        .items
        .iter()
        .filter(|i| (i.kind == "Content" || i.kind == "None") && i.published())
        .map(|i| {
            (
                project.dir.join(&i.path),
                i.meta("Link")
                    .map(|l| l.replace('\\', "/"))
                    .unwrap_or_else(|| i.path.clone()),
            )
        })
        .collect();
    Ok(Built {
        assembly,
        sources,
        bin_dir,
        files,
        content,
        referenced_files,
    })
}

fn check_assets(install: &Install, project: &Project, tf: &TargetFramework) -> Result<(), BuildError> {
    let assets = assets_path(project);
    let resolution = sdk_targets(install, "Microsoft.PackageDependencyResolution.targets", 234);
    let proj = project.path.display();
    let Ok(text) = std::fs::read_to_string(&assets) else {
        return Err(BuildError::line(format!(
            "{resolution}: error NETSDK1004: Assets file '{}' not found. Run a NuGet package restore to \
             generate this file. [{proj}]",
            assets.display()
        )));
    };
    let doc: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if doc.get("targets").and_then(|t| t.get(tf.long_name())).is_none() {
        return Err(BuildError::line(format!(
            "{resolution}: error NETSDK1005: Assets file '{}' doesn't have a target for '{}'. Ensure that \
             restore has run and that you have included '{}' in the TargetFrameworks for your project. [{proj}]",
            assets.display(),
            tf.long_name(),
            tf.moniker
        )));
    }
    Ok(())
}

/// Grpc.Tools (which Grpc.AspNetCore brings) runs protoc over the `Protobuf` items; without
/// it MSBuild ignores them, and so does this.
fn compile_protos(project: &Project, assembly: &mut Assembly) -> Result<(), BuildError> {
    if !(project.references("Grpc.AspNetCore") || project.references("Grpc.Tools")) {
        return Ok(());
    }
    let proj = project.path.display();
    let mut errors = Vec::new();
    for item in project.items_of("Protobuf") {
        let rel = item.path.clone();
        if !project.dir.join(&rel).is_file() {
            errors.push(format!(
                "{rel} : error : Could not make proto path relative: {rel}: No such file or directory [{proj}]"
            ));
            continue;
        }
        match proto::compile(&project.dir, &rel) {
            Ok(file) => {
                for w in &file.warnings {
                    println!("{w} [{proj}]");
                }
                let mode = item.meta("GrpcServices").unwrap_or("Both").to_string();
                assembly.messages.extend(file.messages);
                assembly.enums.extend(file.enums);
                if mode.eq_ignore_ascii_case("Server") || mode.eq_ignore_ascii_case("Both") {
                    assembly.services.extend(file.services);
                }
                assembly.protos.push((rel, mode));
            }
            Err(errs) => errors.extend(errs.iter().map(|e| format!("{e} [{proj}]"))),
        }
    }
    // Imports bring the same messages in more than once.
    assembly.messages.dedup_by(|a, b| a.full_name == b.full_name);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BuildError { lines: errors })
    }
}

fn publish_project(
    install: &Install,
    path: &Path,
    built: &Built,
    opts: &Options,
    cwd: &Path,
) -> Result<(), BuildError> {
    let out = match &opts.output {
        Some(o) => restore::normalize(&cwd.join(o)),
        None => built.bin_dir.join("publish"),
    };
    std::fs::create_dir_all(&out).map_err(|e| io_error(&out, path, e))?;
    for (file, bytes) in built.files.iter().chain(built.referenced_files.iter()) {
        std::fs::write(out.join(file), bytes).map_err(|e| io_error(&out.join(file), path, e))?;
    }
    let copy = sdk_targets(install, "Microsoft.NET.Publish.targets", 221);
    let mut errors = Vec::new();
    for (source, rel) in &built.content {
        let dest = out.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, path, e))?;
        }
        if std::fs::copy(source, &dest).is_err() {
            errors.push(format!(
                "{copy}: error MSB3030: Could not copy the file \"{}\" because it was not found. [{}]",
                source.display(),
                path.display()
            ));
        }
    }
    if !errors.is_empty() {
        return Err(BuildError { lines: errors });
    }
    if built.assembly.sdk == "Microsoft.NET.Sdk.Web" {
        let config = web_config(&built.assembly.name);
        std::fs::write(out.join("web.config"), config).map_err(|e| io_error(&out, path, e))?;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    println!("  {stem} -> {}/", out.display().to_string().trim_end_matches('/'));
    Ok(())
}

fn pretty(v: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(v).unwrap_or_default()
}

fn deps_json(project: &Project, tf: &TargetFramework, name: &str) -> Value {
    let deps: serde_json::Map<String, Value> = project
        .package_references
        .iter()
        .map(|(id, v)| (id.clone(), Value::from(v.clone())))
        .collect();
    json!({
        "runtimeTarget": { "name": tf.long_name(), "signature": "" },
        "compilationOptions": {},
        "targets": { tf.long_name(): { format!("{name}/1.0.0"): {
            "dependencies": deps,
            "runtime": { format!("{name}.dll"): {} },
        }}},
        "libraries": { format!("{name}/1.0.0"): { "type": "project", "serviceable": false, "sha512": "" } },
    })
}

/// The frameworks the app runs on, at `X.Y.0` of its target framework (hostfxr rolls forward
/// from there). From SDK 6.0 a web app lists Microsoft.NETCore.App too.
fn runtimeconfig_json(install: &Install, project: &Project, tf: &TargetFramework) -> Value {
    let version = format!("{}.{}.0", tf.version.0, tf.version.1);
    let core = json!({ "name": "Microsoft.NETCore.App", "version": version });
    let asp = json!({ "name": "Microsoft.AspNetCore.App", "version": version });
    let lists_all = install.sdk().is_some_and(|s| s.lists_all_frameworks());
    let mut options = match (project.is_web(), lists_all) {
        (true, true) => json!({ "tfm": tf.moniker, "frameworks": [core, asp] }),
        (true, false) => json!({ "tfm": tf.moniker, "framework": asp }),
        (false, _) => json!({ "tfm": tf.moniker, "framework": core }),
    };
    if project.is_web() {
        options["configProperties"] = json!({ "System.GC.Server": true });
    }
    json!({ "runtimeOptions": options })
}

fn web_config(name: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <location path=\".\" inheritInChildApplications=\"false\">\n    \
         <system.webServer>\n      <handlers>\n        <add name=\"aspNetCore\" path=\"*\" verb=\"*\" modules=\"AspNetCoreModuleV2\" \
         resourceType=\"Unspecified\" />\n      </handlers>\n      <aspNetCore processPath=\"dotnet\" arguments=\".\\{name}.dll\" \
         stdoutLogEnabled=\"false\" stdoutLogFile=\".\\logs\\stdout\" hostingModel=\"inprocess\" />\n    </system.webServer>\n  \
         </location>\n</configuration>\n"
    )
}
