//! The stand-in `dotnet` muxer and ASP.NET Core runtime, of the version installed beside it
//! (`shared/Microsoft.NETCore.App/<version>/`). Like the real muxer it looks at
//! what is installed beside it: with an SDK it also runs SDK commands; without one (the
//! aspnet image) anything but an existing app path gets the "no SDK" answer.

pub mod app;
pub mod config;
pub mod grpc;
pub mod kestrel;
pub mod services;
pub mod tls;
pub mod urls;

use std::path::Path;

use crate::install::Install;
use crate::sdk;
use crate::versions::Host;

/// hostfxr's exit code when an SDK command finds no SDK.
const SDK_NOT_FOUND: i32 = 145;

/// Host options that take a value and come before the app path.
const HOST_OPTIONS: [&str; 7] = [
    "--additionalprobingpath",
    "--additional-deps",
    "--depsfile",
    "--runtimeconfig",
    "--fx-version",
    "--roll-forward",
    "--roll-forward-on-no-candidate-fx",
];

const SDK_COMMANDS_NOT_SIMULATED: [&str; 12] = [
    "new", "run", "test", "pack", "clean", "add", "remove", "list", "nuget", "sln", "tool", "msbuild",
];

fn no_sdk(host: &Host, command: &str) -> i32 {
    eprintln!("{}", host.no_sdk(command));
    SDK_NOT_FOUND
}

fn not_found(host: &Host, command: &str) -> i32 {
    let core = if host.line.0 >= 5 { "" } else { " Core" };
    eprintln!("Could not execute because the specified command or file was not found.");
    eprintln!("Possible reasons for this include:");
    eprintln!("  * You misspelled a built-in dotnet command.");
    eprintln!("  * You intended to execute a .NET{core} program, but dotnet-{command} does not exist.");
    eprintln!("  * You intended to run a global tool, but a dotnet-prefixed executable with this name could not be found on the PATH.");
    1
}

fn list_runtimes(install: &Install, indent: &str) {
    for (name, versions) in install.frameworks() {
        for v in versions {
            println!("{indent}{name} {v} [{}]", install.framework_dir(&name).display());
        }
    }
}

fn info(install: &Install, host: &Host) -> i32 {
    let root = install.root.display();
    let sdk = install.sdk();
    // 3.x: ".NET Core"; 5.0 and 6.0: ".NET"; 7.0+: the shorter headings and more sections.
    let (core, newer) = (if host.line.0 >= 5 { "" } else { " Core" }, host.line.0 >= 7);
    match &sdk {
        Some(s) if newer => println!(".NET SDK:\n Version:   {}\n Commit:    {}\n", s.version, s.commit()),
        Some(s) => println!(
            ".NET{core} SDK (reflecting any global.json):\n Version:   {}\n Commit:    {}\n",
            s.version,
            s.commit()
        ),
        None => {
            no_sdk(host, "--info");
            println!();
        }
    }
    if let Some(s) = &sdk {
        let deb = host.debian();
        let rid = if host.line.0 >= 8 {
            "linux-x64".to_string()
        } else {
            format!("debian.{deb}-x64")
        };
        println!(
            "Runtime Environment:\n OS Name:     debian\n OS Version:  {deb}\n OS Platform: Linux\n RID:         {rid}"
        );
        println!(" Base Path:   {root}/sdk/{}/\n", s.version);
    }
    if newer {
        println!(
            "Host:\n  Version:      {}\n  Architecture: x64\n  Commit:       {}\n",
            host.version,
            host.commit()
        );
    } else {
        println!(
            "Host (useful for support):\n  Version: {}\n  Commit:  {}\n",
            host.version,
            host.commit()
        );
    }
    println!(".NET{core} SDKs installed:");
    match &sdk {
        Some(_) => install.sdks().iter().for_each(|v| println!("  {v} [{root}/sdk]")),
        None => println!("  No SDKs were found."),
    }
    println!("\n.NET{core} runtimes installed:");
    list_runtimes(install, "  ");
    if newer {
        println!("\nOther architectures found:\n  None\n\nEnvironment variables:\n  Not set\n");
        println!("global.json file:\n  Not found\n\nLearn more:\n  https://aka.ms/dotnet/info\n");
        println!("Download .NET:\n  https://aka.ms/dotnet/download");
    } else {
        println!("\nTo install additional .NET{core} runtimes or SDKs:\n  https://aka.ms/dotnet-download");
    }
    0
}

/// `dotnet ARGS...`; returns the exit code.
pub fn main(args: &[String]) -> i32 {
    let install = Install::locate();
    let has_sdk = !install.sdks().is_empty();
    // A layout always has Microsoft.NETCore.App; without one, answer as the oldest stand-in.
    let host = install.host().unwrap_or_else(|| Host::new("3.0.0"));
    let mut roll_forward = None;
    let mut i = 0;
    while i < args.len() && HOST_OPTIONS.contains(&args[i].as_str()) {
        if args[i] == "--roll-forward" {
            roll_forward = args.get(i + 1).cloned();
        }
        i += 2;
    }
    let Some(first) = args.get(i) else {
        println!("Usage: dotnet [options]\nUsage: dotnet [path-to-application]\n");
        println!("Options:\n  -h|--help         Display help.\n  --info            Display .NET Core information.");
        println!(
            "  --list-sdks       Display the installed SDKs.\n  --list-runtimes   Display the installed runtimes."
        );
        return if has_sdk { 0 } else { 129 };
    };
    let rest = &args[i + 1..];
    match first.as_str() {
        "--info" => return info(&install, &host),
        "--list-runtimes" => {
            list_runtimes(&install, "");
            return 0;
        }
        "--list-sdks" => {
            for v in install.sdks() {
                println!("{v} [{}/sdk]", install.root.display());
            }
            return 0;
        }
        "--version" if has_sdk => {
            println!("{}", install.sdk().map(|s| s.version).unwrap_or_default());
            return 0;
        }
        "exec" => {
            let mut j = 0;
            while j < rest.len() && HOST_OPTIONS.contains(&rest[j].as_str()) {
                if rest[j] == "--roll-forward" {
                    roll_forward = rest.get(j + 1).cloned();
                }
                j += 2;
            }
            return match rest.get(j) {
                Some(app) if Path::new(app).is_file() => {
                    app::run(&install, &host, Path::new(app), &rest[j + 1..], roll_forward.as_deref())
                }
                Some(app) => {
                    eprintln!("The application to execute does not exist: '{app}'.");
                    131
                }
                None => 129,
            };
        }
        _ => {}
    }
    let lower = first.to_ascii_lowercase();
    if lower.ends_with(".dll") || lower.ends_with(".exe") {
        if Path::new(first).is_file() {
            return app::run(&install, &host, Path::new(first), rest, roll_forward.as_deref());
        }
        // hostfxr hands a missing app to the SDK as if it were a command.
        return if has_sdk {
            not_found(&host, first)
        } else {
            no_sdk(&host, first)
        };
    }
    if !has_sdk {
        return no_sdk(&host, first);
    }
    match first.as_str() {
        "restore" | "build" | "publish" => sdk::run(&install, first, rest),
        c if SDK_COMMANDS_NOT_SIMULATED.contains(&c) => {
            eprintln!("doccheck stand-in SDK: `dotnet {c}` is not simulated (restore, build and publish are).");
            1
        }
        other => not_found(&host, other),
    }
}
