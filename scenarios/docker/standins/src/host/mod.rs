//! The stand-in `dotnet` muxer and ASP.NET Core runtime. Like the real muxer it looks at
//! what is installed beside it: with an SDK it also runs SDK commands; without one (the
//! aspnet image) anything but an existing app path gets the "no SDK" answer.

pub mod app;
pub mod config;
pub mod grpc;
pub mod kestrel;
pub mod services;
pub mod urls;

use std::path::Path;

use crate::install::{Install, RUNTIME_VERSION, SDK_VERSION};
use crate::sdk;

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

fn no_sdk() -> i32 {
    eprintln!("  It was not possible to find any installed .NET Core SDKs");
    eprintln!("  Did you mean to run .NET Core SDK commands? Install a .NET Core SDK from:");
    eprintln!("      https://aka.ms/dotnet-download");
    SDK_NOT_FOUND
}

fn not_found(command: &str) -> i32 {
    eprintln!("Could not execute because the specified command or file was not found.");
    eprintln!("Possible reasons for this include:");
    eprintln!("  * You misspelled a built-in dotnet command.");
    eprintln!("  * You intended to execute a .NET Core program, but dotnet-{command} does not exist.");
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

fn info(install: &Install, has_sdk: bool) -> i32 {
    if has_sdk {
        println!(".NET Core SDK (reflecting any global.json):\n Version:   {SDK_VERSION}\n Commit:    04339c3a26\n");
        println!("Runtime Environment:\n OS Name:     debian\n OS Version:  10\n OS Platform: Linux\n RID:         debian.10-x64");
        println!(" Base Path:   {}/sdk/{SDK_VERSION}/\n", install.root.display());
    } else {
        no_sdk();
        println!();
    }
    println!("Host (useful for support):\n  Version: {RUNTIME_VERSION}\n  Commit:  7d57652f33\n");
    println!(".NET Core SDKs installed:");
    if has_sdk {
        println!("  {SDK_VERSION} [{}/sdk]", install.root.display());
    } else {
        println!("  No SDKs were found.");
    }
    println!("\n.NET Core runtimes installed:");
    list_runtimes(install, "  ");
    println!("\nTo install additional .NET Core runtimes or SDKs:\n  https://aka.ms/dotnet-download");
    0
}

/// `dotnet ARGS...`; returns the exit code.
pub fn main(args: &[String]) -> i32 {
    let install = Install::locate();
    let has_sdk = !install.sdks().is_empty();
    let mut i = 0;
    while i < args.len() && HOST_OPTIONS.contains(&args[i].as_str()) {
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
        "--info" => return info(&install, has_sdk),
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
            println!("{SDK_VERSION}");
            return 0;
        }
        "exec" => {
            let mut j = 0;
            while j < rest.len() && HOST_OPTIONS.contains(&rest[j].as_str()) {
                j += 2;
            }
            return match rest.get(j) {
                Some(app) if Path::new(app).is_file() => app::run(&install, Path::new(app), &rest[j + 1..]),
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
            return app::run(&install, Path::new(first), rest);
        }
        // hostfxr 3.0 hands a missing app to the SDK as if it were a command.
        return if has_sdk { not_found(first) } else { no_sdk() };
    }
    if !has_sdk {
        return no_sdk();
    }
    match first.as_str() {
        "restore" | "build" | "publish" => sdk::run(&install, first, rest),
        c if SDK_COMMANDS_NOT_SIMULATED.contains(&c) => {
            eprintln!("doccheck stand-in SDK: `dotnet {c}` is not simulated (restore, build and publish are).");
            1
        }
        other => not_found(other),
    }
}
