//! `dotnet App.dll`: what hostfxr/hostpolicy check before the app runs (runtimeconfig.json,
//! the framework it asks for), loading the stand-in assembly, then the ASP.NET Core host.

use std::path::Path;

use serde_json::Value;

use super::config::Config;
use super::kestrel;
use super::services::App;
use crate::assembly::{Assembly, LoadError};
use crate::install::{version, Install};

/// Exit codes of the real host and runtime.
const CORE_HOST_LIB_MISSING: i32 = 131;
const FRAMEWORK_MISSING: i32 = 150;
/// An unhandled .NET exception aborts the process (SIGABRT).
const UNHANDLED_EXCEPTION: i32 = 134;

fn unhandled(exception: &str) -> i32 {
    eprintln!("Unhandled exception. {exception}");
    UNHANDLED_EXCEPTION
}

/// The framework hostfxr would pick: same major, lowest minor at or above the one asked
/// for, latest patch of it (the default "roll forward on minor").
fn resolve_framework(installed: &[String], wanted: &str) -> Option<String> {
    let want = version(wanted);
    let (major, minor) = (want.first().copied().unwrap_or(0), want.get(1).copied().unwrap_or(0));
    let mut candidates: Vec<&String> = installed
        .iter()
        .filter(|v| {
            let v = version(v);
            v.first() == Some(&major) && v.get(1).copied().unwrap_or(0) >= minor && v >= want
        })
        .collect();
    candidates.sort_by_key(|v| version(v));
    let lowest_minor = candidates.first().map(|v| version(v).get(1).copied().unwrap_or(0))?;
    candidates
        .into_iter()
        .rev()
        .find(|v| version(v).get(1).copied().unwrap_or(0) == lowest_minor)
        .cloned()
}

fn check_frameworks(install: &Install, runtimeconfig: &Value) -> Result<Vec<String>, i32> {
    let options = &runtimeconfig["runtimeOptions"];
    let mut wanted: Vec<&Value> = options["frameworks"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    if options["framework"].is_object() {
        wanted.push(&options["framework"]);
    }
    let installed = install.frameworks();
    let mut names = Vec::new();
    for fw in wanted {
        let name = fw["name"].as_str().unwrap_or("");
        let asked = fw["version"].as_str().unwrap_or("0.0.0");
        let versions = installed
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        if resolve_framework(&versions, asked).is_none() {
            eprintln!("It was not possible to find any compatible framework version");
            eprintln!("The specified framework '{name}', version '{asked}' was not found.");
            if versions.is_empty() {
                eprintln!("  - No frameworks were found.");
            } else {
                eprintln!("  - The following frameworks were found:");
                for v in &versions {
                    eprintln!("      {v} at [{}]", install.framework_dir(name).display());
                }
            }
            eprintln!("\nYou can resolve the problem by installing the specified framework and/or SDK.\n");
            eprintln!("The .NET Core frameworks can be found at:\n  - https://aka.ms/dotnet-download");
            return Err(FRAMEWORK_MISSING);
        }
        names.push(name.to_string());
    }
    Ok(names)
}

/// Runs an existing `app` (a .dll path) with `args`; returns the exit code.
pub fn run(install: &Install, app: &Path, args: &[String]) -> i32 {
    let app = std::path::absolute(app).unwrap_or_else(|_| app.to_path_buf());
    let dir = app.parent().unwrap_or(Path::new("/")).to_path_buf();
    let stem = app
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let config_path = dir.join(format!("{stem}.runtimeconfig.json"));
    let Ok(text) = std::fs::read_to_string(&config_path) else {
        eprintln!(
            "A fatal error was encountered. The library 'libhostpolicy.so' required to execute the application \
             was not found in '{}/'.",
            dir.display()
        );
        eprintln!(
            "Failed to run as a self-contained app. If this should be a framework-dependent app, add the {} file \
             specifying the appropriate framework.",
            config_path.display()
        );
        return CORE_HOST_LIB_MISSING;
    };
    let Ok(runtimeconfig) = serde_json::from_str::<Value>(&text) else {
        eprintln!("A JSON parsing exception occurred in [{}]", config_path.display());
        eprintln!(
            "Invalid runtimeconfig.json [{}] [{}]",
            config_path.display(),
            dir.join(format!("{stem}.runtimeconfig.dev.json")).display()
        );
        return 139;
    };
    let frameworks = match check_frameworks(install, &runtimeconfig) {
        Ok(f) => f,
        Err(code) => return code,
    };

    let bytes = std::fs::read(&app).unwrap_or_default();
    let assembly = match Assembly::from_bytes(&bytes) {
        Ok(a) => a,
        Err(LoadError::NotStandin) => {
            return unhandled(&format!(
                "System.BadImageFormatException: Bad IL format. The format of the file '{}' is invalid.\n\
                 (doccheck stand-in runtime: only assemblies built by the stand-in SDK can run here)",
                app.display()
            ))
        }
        Err(LoadError::Corrupt(e)) => {
            return unhandled(&format!(
                "System.BadImageFormatException: Could not load file or assembly '{stem}'. ({e})"
            ))
        }
    };
    if !frameworks.iter().any(|f| f == "Microsoft.AspNetCore.App") {
        eprintln!("doccheck stand-in runtime: {stem} is not an ASP.NET Core app; only those are simulated.");
        return 1;
    }

    // Host.CreateDefaultBuilder: the content root is the current directory.
    let content_root = std::env::current_dir().unwrap_or_else(|_| dir.clone());
    let env: Vec<(String, String)> = std::env::vars().collect();
    let config = match Config::load(&content_root, &env, args) {
        Ok(c) => c,
        Err(e) => return unhandled(&e),
    };
    let service_app = match App::start(assembly, &dir) {
        Ok(a) => a,
        Err(e) => return unhandled(&e),
    };
    match kestrel::run(&config, service_app, &content_root) {
        Ok(()) => 0,
        Err(failure) => unhandled(&failure.exception),
    }
}

#[cfg(test)]
mod tests {
    use super::resolve_framework;

    #[test]
    fn rolls_forward_on_minor_only() {
        let installed = vec!["3.0.0".to_string(), "3.0.2".to_string(), "3.1.4".to_string()];
        assert_eq!(resolve_framework(&installed, "3.0.0").as_deref(), Some("3.0.2"));
        assert_eq!(resolve_framework(&installed, "3.1.0").as_deref(), Some("3.1.4"));
        assert_eq!(resolve_framework(&installed, "2.2.0"), None);
        assert_eq!(resolve_framework(&["3.0.0".to_string()], "3.1.0"), None);
    }
}
