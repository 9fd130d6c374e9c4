//! `dotnet App.dll`: what hostfxr/hostpolicy check before the app runs (runtimeconfig.json,
//! the framework it asks for), loading the stand-in assembly, then the ASP.NET Core host.

use std::path::Path;

use serde_json::Value;

use super::config::Config;
use super::kestrel;
use super::services::App;
use crate::assembly::{Assembly, LoadError};
use crate::install::{version, Install};
use crate::versions::{major_minor, AspNetCore, Host};

/// Exit codes of the real host and runtime.
const CORE_HOST_LIB_MISSING: i32 = 131;
const FRAMEWORK_MISSING: i32 = 150;
/// An unhandled .NET exception aborts the process (SIGABRT).
const UNHANDLED_EXCEPTION: i32 = 134;

fn unhandled(exception: &str) -> i32 {
    eprintln!("Unhandled exception. {exception}");
    UNHANDLED_EXCEPTION
}

/// hostfxr's roll-forward policies (`rollForward`); the default is `Minor`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RollForward {
    Disable,
    LatestPatch,
    Minor,
    LatestMinor,
    Major,
    LatestMajor,
}

impl RollForward {
    /// A `rollForward` / `DOTNET_ROLL_FORWARD` / `--roll-forward` value (case-insensitive).
    pub fn parse(value: &str) -> Option<RollForward> {
        Some(match value.to_ascii_lowercase().as_str() {
            "disable" => RollForward::Disable,
            "latestpatch" => RollForward::LatestPatch,
            "minor" => RollForward::Minor,
            "latestminor" => RollForward::LatestMinor,
            "major" => RollForward::Major,
            "latestmajor" => RollForward::LatestMajor,
            _ => return None,
        })
    }

    /// The legacy `rollForwardOnNoCandidateFx` (0, 1, 2).
    fn legacy(value: &Value) -> Option<RollForward> {
        match value.as_u64().or_else(|| value.as_str().and_then(|s| s.parse().ok()))? {
            0 => Some(RollForward::LatestPatch),
            1 => Some(RollForward::Minor),
            2 => Some(RollForward::Major),
            _ => None,
        }
    }
}

/// The framework version hostfxr picks from `installed` for an app that asks for `wanted`
/// (release versions only). LatestPatch: same major.minor. Minor: that, else the lowest
/// higher minor of the same major. Major: that, else the lowest higher major (and its lowest
/// minor). The Latest* forms take the highest instead of the lowest. Whatever major.minor is
/// chosen, its latest patch is used (except with Disable, which wants the exact version).
pub fn resolve_framework(installed: &[String], wanted: &str, policy: RollForward) -> Option<String> {
    let want = version(wanted);
    let mm = |v: &[u64]| (v.first().copied().unwrap_or(0), v.get(1).copied().unwrap_or(0));
    let (major, minor) = mm(&want);
    let mut candidates: Vec<(Vec<u64>, &String)> = installed
        .iter()
        .map(|v| (version(v), v))
        .filter(|(v, _)| *v >= want)
        .collect();
    candidates.sort();
    if policy == RollForward::Disable {
        return candidates.into_iter().find(|(v, _)| *v == want).map(|(_, s)| s.clone());
    }
    let lines: Vec<(u64, u64)> = candidates.iter().map(|(v, _)| mm(v)).collect();
    let line = match policy {
        RollForward::LatestPatch => lines.iter().find(|l| **l == (major, minor)).copied(),
        RollForward::Minor => lines
            .iter()
            .find(|l| **l == (major, minor))
            .or_else(|| lines.iter().find(|l| l.0 == major))
            .copied(),
        RollForward::LatestMinor => lines.iter().rev().find(|l| l.0 == major).copied(),
        RollForward::Major => lines
            .iter()
            .find(|l| **l == (major, minor))
            .or_else(|| lines.iter().find(|l| l.0 == major))
            .or_else(|| lines.first())
            .copied(),
        RollForward::LatestMajor => lines.last().copied(),
        RollForward::Disable => None,
    }?;
    candidates
        .into_iter()
        .rev()
        .find(|(v, _)| mm(v) == line)
        .map(|(_, s)| s.clone())
}

/// The policy for one framework reference: `--roll-forward`, then the runtimeconfig.json
/// (the framework's own `rollForward`, the app's `rollForward`, the legacy
/// `rollForwardOnNoCandidateFx`), then `DOTNET_ROLL_FORWARD`, then Minor.
fn policy_of(cli: Option<&str>, options: &Value, fw: &Value) -> RollForward {
    cli.and_then(RollForward::parse)
        .or_else(|| fw["rollForward"].as_str().and_then(RollForward::parse))
        .or_else(|| options["rollForward"].as_str().and_then(RollForward::parse))
        .or_else(|| RollForward::legacy(&fw["rollForwardOnNoCandidateFx"]))
        .or_else(|| RollForward::legacy(&options["rollForwardOnNoCandidateFx"]))
        .or_else(|| {
            std::env::var("DOTNET_ROLL_FORWARD")
                .ok()
                .and_then(|v| RollForward::parse(&v))
        })
        .unwrap_or(RollForward::Minor)
}

/// The frameworks the app gets: (name, version resolved). Err: the exit code, after the
/// host's message.
fn check_frameworks(
    install: &Install,
    host: &Host,
    app: &Path,
    runtimeconfig: &Value,
    cli_roll_forward: Option<&str>,
) -> Result<Vec<(String, String)>, i32> {
    let options = &runtimeconfig["runtimeOptions"];
    let mut wanted: Vec<&Value> = options["frameworks"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    if options["framework"].is_object() {
        wanted.push(&options["framework"]);
    }
    let installed = install.frameworks();
    let mut resolved = Vec::new();
    for fw in wanted {
        let name = fw["name"].as_str().unwrap_or("");
        let asked = fw["version"].as_str().unwrap_or("0.0.0");
        let versions = installed
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let policy = policy_of(cli_roll_forward, options, fw);
        match resolve_framework(&versions, asked, policy) {
            Some(v) => resolved.push((name.to_string(), v)),
            None => {
                eprintln!("{}", host.framework_missing(app, name, asked, &versions, &install.root));
                return Err(FRAMEWORK_MISSING);
            }
        }
    }
    Ok(resolved)
}

/// Runs an existing `app` (a .dll path) with `args`; returns the exit code.
pub fn run(install: &Install, host: &Host, app: &Path, args: &[String], roll_forward: Option<&str>) -> i32 {
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
    let frameworks = match check_frameworks(install, host, &app, &runtimeconfig, roll_forward) {
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
    let Some(aspnet) = frameworks
        .iter()
        .find(|(name, _)| name == "Microsoft.AspNetCore.App")
        .map(|(_, v)| AspNetCore { line: major_minor(v) })
    else {
        eprintln!("doccheck stand-in runtime: {stem} is not an ASP.NET Core app; only those are simulated.");
        return 1;
    };

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
    match kestrel::run(&config, aspnet, service_app, &content_root) {
        Ok(()) => 0,
        Err(failure) => unhandled(&failure.exception),
    }
}

#[cfg(test)]
mod tests {
    use super::{resolve_framework, RollForward};

    fn installed(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rolls_forward_on_minor_by_default() {
        let minor = RollForward::Minor;
        let all = installed(&["3.0.0", "3.0.2", "3.1.4", "3.1.2"]);
        assert_eq!(resolve_framework(&all, "3.0.0", minor).as_deref(), Some("3.0.2"));
        assert_eq!(resolve_framework(&all, "3.1.0", minor).as_deref(), Some("3.1.4"));
        assert_eq!(resolve_framework(&all, "2.2.0", minor), None);
        // A 3.0 app runs on 3.1 when 3.0 is not there; a 3.1 app never runs on 3.0.
        assert_eq!(
            resolve_framework(&installed(&["3.1.0"]), "3.0.0", minor).as_deref(),
            Some("3.1.0")
        );
        assert_eq!(resolve_framework(&installed(&["3.0.0"]), "3.1.0", minor), None);
        // Not across majors: a 6.0 app does not run on 8.0, nor a 3.1 app on 5.0.
        assert_eq!(resolve_framework(&installed(&["8.0.0"]), "6.0.0", minor), None);
        assert_eq!(resolve_framework(&installed(&["5.0.0"]), "3.1.0", minor), None);
        assert_eq!(
            resolve_framework(&installed(&["8.0.0"]), "8.0.0", minor).as_deref(),
            Some("8.0.0")
        );
        assert_eq!(resolve_framework(&installed(&["8.0.0"]), "9.0.0", minor), None);
    }

    #[test]
    fn other_policies() {
        let all = installed(&["6.0.0", "6.0.5", "7.0.1", "8.0.0", "8.0.3"]);
        let pick = |asked, p| resolve_framework(&all, asked, p);
        assert_eq!(pick("6.0.0", RollForward::Disable).as_deref(), Some("6.0.0"));
        assert_eq!(pick("6.0.1", RollForward::Disable), None);
        assert_eq!(pick("6.0.1", RollForward::LatestPatch).as_deref(), Some("6.0.5"));
        assert_eq!(pick("5.0.0", RollForward::LatestPatch), None);
        assert_eq!(pick("5.0.0", RollForward::Major).as_deref(), Some("6.0.5"));
        assert_eq!(pick("6.0.0", RollForward::Major).as_deref(), Some("6.0.5"));
        assert_eq!(pick("6.0.0", RollForward::LatestMajor).as_deref(), Some("8.0.3"));
        assert_eq!(pick("7.0.0", RollForward::LatestMinor).as_deref(), Some("7.0.1"));
        assert_eq!(RollForward::parse("latestMajor"), Some(RollForward::LatestMajor));
        assert_eq!(RollForward::parse("sideways"), None);
    }
}
