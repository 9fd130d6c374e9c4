//! The stand-in .NET SDK (the version installed beside it: 3.0.100 to 8.0.100): `dotnet
//! restore`, `dotnet build` and `dotnet publish` with the real SDK's command line, checks and
//! messages. It compiles the .proto files
//! and reads the C# sources for the services they map; it does not compile C#.

pub mod build;
pub mod csharp;
pub mod framework;
pub mod glob;
pub mod project;
pub mod restore;
pub mod solution;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::install::Install;

/// MSBuild-style error output; the command exits 1.
#[derive(Debug)]
pub struct BuildError {
    pub lines: Vec<String>,
}

impl BuildError {
    pub fn line(line: impl Into<String>) -> Self {
        BuildError {
            lines: vec![line.into()],
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Options {
    pub target: Option<String>,
    pub configuration: Option<String>,
    pub output: Option<PathBuf>,
    pub framework: Option<String>,
    pub runtime: Option<String>,
    pub no_restore: bool,
    pub no_build: bool,
    pub nologo: bool,
    pub properties: HashMap<String, String>,
}

impl Options {
    pub fn configuration(&self) -> String {
        self.configuration.clone().unwrap_or_else(|| "Debug".into())
    }

    /// Global properties, as `-p:` and the CLI's own options set them.
    pub fn globals(&self) -> HashMap<String, String> {
        let mut globals = self.properties.clone();
        globals.insert("Configuration".into(), self.configuration());
        if let Some(f) = &self.framework {
            globals.insert("TargetFramework".into(), f.clone());
        }
        globals
    }
}

/// Options that take a value, under all their spellings.
const VALUE_OPTIONS: [(&str, &[&str]); 6] = [
    ("configuration", &["-c", "--configuration"]),
    ("output", &["-o", "--output"]),
    ("framework", &["-f", "--framework"]),
    ("runtime", &["-r", "--runtime"]),
    (
        "ignored",
        &[
            "-v",
            "--verbosity",
            "-s",
            "--source",
            "--packages",
            "--configfile",
            "--version-suffix",
        ],
    ),
    (
        "ignored",
        &[
            "--manifest",
            "--runtime-config",
            "--interactive-value",
            "--disable-parallel-value",
            "--lock-file-path",
            "--no-cache-value",
        ],
    ),
];

const FLAG_OPTIONS: [&str; 12] = [
    "--no-restore",
    "--no-build",
    "--nologo",
    "--no-dependencies",
    "--force",
    "--interactive",
    "--disable-parallel",
    "--no-cache",
    "--ignore-failed-sources",
    "--self-contained",
    "--no-incremental",
    "--locked-mode",
];

pub fn parse_options(args: &[String]) -> Result<Options, BuildError> {
    let mut o = Options::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if let Some(props) = ["-p:", "/p:", "--property:", "-property:", "/property:"]
            .iter()
            .find_map(|p| arg.strip_prefix(p))
        {
            for pair in props.split(';') {
                if let Some((k, v)) = pair.split_once('=') {
                    o.properties.insert(k.trim().into(), v.trim().into());
                }
            }
            continue;
        }
        let (name, inline) = match arg.find(['=', ':']) {
            Some(at) if arg.starts_with('-') => (&arg[..at], Some(arg[at + 1..].to_string())),
            _ => (arg.as_str(), None),
        };
        if let Some((key, _)) = VALUE_OPTIONS.iter().find(|(_, names)| names.contains(&name)) {
            let value = match inline {
                Some(v) => v,
                None if i < args.len() => {
                    i += 1;
                    args[i - 1].clone()
                }
                None => {
                    return Err(BuildError::line(format!(
                        "Required argument missing for option: {name}"
                    )));
                }
            };
            match *key {
                "configuration" => o.configuration = Some(value),
                "output" => o.output = Some(PathBuf::from(value)),
                "framework" => o.framework = Some(value),
                "runtime" => o.runtime = Some(value),
                _ => {}
            }
        } else if FLAG_OPTIONS.contains(&name) {
            match name {
                "--no-restore" => o.no_restore = true,
                "--no-build" => o.no_build = true,
                "--nologo" => o.nologo = true,
                "--self-contained" if matches!(args.get(i).map(String::as_str), Some("true" | "false")) => i += 1,
                _ => {}
            }
        } else if arg.starts_with('-') && arg.len() > 1 {
            return Err(BuildError::line(format!(
                "MSBUILD : error MSB1001: Unknown switch.\nSwitch: {arg}"
            )));
        } else if o.target.is_some() {
            return Err(BuildError::line(format!(
                "MSBUILD : error MSB1008: Only one project can be specified.\nSwitch: {arg}"
            )));
        } else {
            o.target = Some(arg.clone());
        }
    }
    Ok(o)
}

/// The project or solution a command works on: the one named, or the only one in the
/// directory, as MSBuild picks it.
pub fn find_target(named: Option<&str>, cwd: &Path) -> Result<PathBuf, BuildError> {
    let dir = match named {
        Some(n) => {
            let p = cwd.join(n);
            if p.is_dir() {
                p
            } else if p.is_file() {
                return Ok(p);
            } else {
                return Err(BuildError::line(format!(
                    "MSBUILD : error MSB1009: Project file does not exist.\nSwitch: {n}"
                )));
            }
        }
        None => cwd.to_path_buf(),
    };
    let mut slns = Vec::new();
    let mut projects = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok) {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_string();
        if path.is_file() && ext == "sln" {
            slns.push(path);
        } else if path.is_file() && ext.ends_with("proj") {
            projects.push(path);
        }
    }
    match (slns.len(), projects.len()) {
        (1, _) => Ok(slns.remove(0)),
        (0, 1) => Ok(projects.remove(0)),
        (0, 0) => Err(BuildError::line(
            "MSBUILD : error MSB1003: Specify a project or solution file. The current working directory \
             does not contain a project or solution file.",
        )),
        _ => Err(BuildError::line(
            "MSBUILD : error MSB1011: Specify which project or solution file to use because this folder \
             contains more than one project or solution file.",
        )),
    }
}

/// Runs an SDK command (`restore`, `build`, `publish`); returns the exit code.
pub fn run(install: &Install, command: &str, args: &[String]) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| "/".into());
    let result = parse_options(args).and_then(|opts| {
        if !opts.nologo {
            if let Some(sdk) = install.sdk() {
                println!("{}", sdk.banner());
            }
        }
        let target = find_target(opts.target.as_deref(), &cwd)?;
        match command {
            "restore" => restore::restore(install, &target, &opts).map(|_| ()),
            "build" => build::run(install, &target, &opts, &cwd, false),
            _ => build::run(install, &target, &opts, &cwd, true),
        }
    });
    match result {
        Ok(()) => 0,
        Err(e) => {
            for line in e.lines {
                println!("{line}");
            }
            1
        }
    }
}
