//! What differs between the .NET versions the stand-ins implement (3.0, 3.1, 5.0, 6.0, 7.0,
//! 8.0). Nothing here says which version is installed: that comes from the install layout
//! (`sdk/<version>/`, `shared/<framework>/<version>/`, see `install`). These are the facts of
//! each release line, looked up by the version found there.

use std::path::Path;

use crate::install::version;

/// (major, minor) of a dotted version: "8.0.100" -> (8, 0).
pub fn major_minor(v: &str) -> (u32, u32) {
    let v = version(v);
    let part = |i: usize| v.get(i).copied().unwrap_or(0).min(u32::MAX as u64) as u32;
    (part(0), part(1))
}

/// The .NET SDK of one version, e.g. 8.0.100.
#[derive(Debug, Clone, PartialEq)]
pub struct Sdk {
    pub version: String,
    pub line: (u32, u32),
}

impl Sdk {
    pub fn new(version: &str) -> Sdk {
        Sdk {
            version: version.to_string(),
            line: major_minor(version),
        }
    }

    /// Since 5.0 the product is ".NET", before it ".NET Core".
    pub fn branded_net(&self) -> bool {
        self.line.0 >= 5
    }

    /// ".NET Core SDK 3.1.100", ".NET SDK 8.0.100".
    pub fn product(&self) -> String {
        let core = if self.branded_net() { "" } else { " Core" };
        format!(".NET{core} SDK {}", self.version)
    }

    /// The newest .NETCoreApp version it can target: its own major.minor.
    pub fn max_target(&self) -> (u32, u32) {
        self.line
    }

    /// NuGet before 5.x-of-SDK-5.0 reads `net5.0` as .NET Framework 5.0; later ones as .NETCoreApp.
    pub fn dotted_net_is_core(&self) -> bool {
        self.branded_net()
    }

    /// The MSBuild logo, as `dotnet build` prints it (a trailing blank line where the SDK has one).
    pub fn banner(&self) -> &'static str {
        match self.line {
            (3, 0) => {
                "Microsoft (R) Build Engine version 16.3.0+0f4c62fea for .NET Core\n\
                       Copyright (C) Microsoft Corporation. All rights reserved.\n"
            }
            (3, _) => {
                "Microsoft (R) Build Engine version 16.4.0+e901037fe for .NET Core\n\
                       Copyright (C) Microsoft Corporation. All rights reserved.\n"
            }
            (5, _) => {
                "Microsoft (R) Build Engine version 16.8.0+126527ff1 for .NET\n\
                       Copyright (C) Microsoft Corporation. All rights reserved.\n"
            }
            (6, _) => {
                "Microsoft (R) Build Engine version 17.0.0+c9eb9dd64 for .NET\n\
                       Copyright (C) Microsoft Corporation. All rights reserved.\n"
            }
            (7, _) => "MSBuild version 17.4.0+18d5aef85 for .NET",
            _ => "MSBuild version 17.8.3+195e7f5a3 for .NET",
        }
    }

    pub fn commit(&self) -> &'static str {
        match self.line {
            (3, 0) => "04339c3a26",
            (3, _) => "cd82f021f4",
            (5, _) => "5044b93829",
            (6, _) => "9e8b04bbff",
            (7, _) => "e12b7af219",
            _ => "57efcf1350",
        }
    }

    /// NuGet's restore log: 3.x "Restore completed in … for …", 5.0+ "Determining projects…"
    /// then "Restored … (in …)".
    pub fn determining_projects(&self) -> bool {
        self.branded_net()
    }

    /// From 6.0 a web app's runtimeconfig.json lists Microsoft.NETCore.App beside
    /// Microsoft.AspNetCore.App (`frameworks`), before only the latter (`framework`).
    pub fn lists_all_frameworks(&self) -> bool {
        self.line.0 >= 6
    }

    /// Line of `_CheckForUnsupportedNETCoreVersion` in Microsoft.NET.TargetFrameworkInference.targets.
    pub fn netsdk1045_line(&self) -> u32 {
        match self.line.0 {
            3 => 127,
            5 => 141,
            6 | 7 => 144,
            _ => 166,
        }
    }

    /// NETSDK1045's text for a .NETCoreApp `target` newer than this SDK supports.
    pub fn netsdk1045(&self, target: (u32, u32)) -> String {
        let brand = if self.branded_net() { ".NET" } else { ".NET Core" };
        let v = format!("{}.{}", target.0, target.1);
        let max = format!("{}.{}", self.line.0, self.line.1);
        let download = if self.line.0 >= 8 {
            " Download the .NET SDK from https://aka.ms/dotnet/download"
        } else {
            ""
        };
        format!(
            "NETSDK1045: The current .NET SDK does not support targeting {brand} {v}.  Either target {brand} {max} \
             or lower, or use a version of the .NET SDK that supports {brand} {v}.{download}"
        )
    }
}

/// The host (muxer, hostfxr) and runtime of one version, e.g. 8.0.0: the newest
/// Microsoft.NETCore.App installed, as in a real install where they ship together.
#[derive(Debug, Clone, PartialEq)]
pub struct Host {
    pub version: String,
    pub line: (u32, u32),
}

impl Host {
    pub fn new(version: &str) -> Host {
        Host {
            version: version.to_string(),
            line: major_minor(version),
        }
    }

    pub fn commit(&self) -> &'static str {
        match self.line {
            (3, 0) => "7d57652f33",
            (3, _) => "65f04fb6db",
            (5, _) => "cf258a14b7",
            (6, _) => "4822e3c3aa",
            (7, _) => "d099f075e4",
            _ => "5535e31a71",
        }
    }

    /// The Debian release of the official image of that version.
    pub fn debian(&self) -> u32 {
        match self.line.0 {
            3 | 5 => 10,
            6 | 7 => 11,
            _ => 12,
        }
    }

    /// The `rid` (and, from 8.0, `os`) query of the aka.ms/dotnet-core-applaunch link.
    fn applaunch_rid(&self) -> String {
        if self.line.0 >= 8 {
            format!("linux-x64&os=debian.{}", self.debian())
        } else {
            format!("debian.{}-x64", self.debian())
        }
    }

    /// hostfxr's message when no installed version of framework `name` fits `asked`
    /// (`found`: the installed versions); the process then exits 150 (FrameworkMissingFailure).
    pub fn framework_missing(&self, app: &Path, name: &str, asked: &str, found: &[String], root: &Path) -> String {
        let fw_dir = root.join("shared").join(name);
        let link = format!(
            "https://aka.ms/dotnet-core-applaunch?framework={name}&framework_version={asked}&arch=x64&rid={}",
            self.applaunch_rid()
        );
        let listing: String = found
            .iter()
            .map(|v| format!("\n      {v} at [{}]", fw_dir.display()))
            .collect();
        if self.line.0 >= 7 {
            let found = if found.is_empty() {
                "No frameworks were found.".to_string()
            } else {
                format!(
                    "The following frameworks were found:{}",
                    listing.replace("\n      ", "\n  ")
                )
            };
            let learn = if self.line.0 >= 8 {
                "Learn more:"
            } else {
                "Learn about framework resolution:"
            };
            return format!(
                "You must install or update .NET to run this application.\n\nApp: {}\nArchitecture: x64\n\
                 Framework: '{name}', version '{asked}' (x64)\n.NET location: {}/\n\n{found}\n\n{learn}\n\
                 https://aka.ms/dotnet/app-launch-failed\n\nTo install missing framework, download:\n{link}",
                app.display(),
                root.display()
            );
        }
        let arch = if self.line.0 >= 6 { " (x64)" } else { "" };
        let found = if found.is_empty() {
            "  - No frameworks were found.".to_string()
        } else {
            format!("  - The following frameworks were found:{listing}")
        };
        format!(
            "It was not possible to find any compatible framework version\n\
             The framework '{name}', version '{asked}'{arch} was not found.\n{found}\n\n\
             You can resolve the problem by installing the specified framework and/or SDK.\n\n\
             The specified framework can be found at:\n  - {link}"
        )
    }

    /// The muxer's answer to an SDK command (or a missing app) where no SDK is installed;
    /// it exits 145.
    pub fn no_sdk(&self, command: &str) -> String {
        match self.line.0 {
            3 => "  It was not possible to find any installed .NET Core SDKs\n  Did you mean to run .NET Core SDK \
                  commands? Install a .NET Core SDK from:\n      https://aka.ms/dotnet-download"
                .to_string(),
            5 => "  It was not possible to find any installed .NET SDKs\n  Did you mean to run .NET SDK commands? \
                  Install a .NET SDK from:\n      https://aka.ms/dotnet-download"
                .to_string(),
            6 => format!(
                "The command could not be loaded, possibly because:\n  * You intended to execute a .NET application:\n      \
                 The application '{command}' does not exist.\n  * You intended to execute a .NET SDK command:\n      \
                 It was not possible to find any installed .NET SDKs.\n      Install a .NET SDK from:\n        \
                 https://aka.ms/dotnet-download"
            ),
            _ => format!(
                "The command could not be loaded, possibly because:\n  * You intended to execute a .NET application:\n      \
                 The application '{command}' does not exist.\n  * You intended to execute a .NET SDK command:\n      \
                 No .NET SDKs were found.\n\nDownload a .NET SDK:\nhttps://aka.ms/dotnet-download\n\n\
                 Learn about SDK resolution:\nhttps://aka.ms/dotnet/sdk-not-found"
            ),
        }
    }
}

/// What the ASP.NET Core runtime of one version does differently (by the version of
/// Microsoft.AspNetCore.App the app runs on).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AspNetCore {
    pub line: (u32, u32),
}

impl AspNetCore {
    /// From 8.0 `HTTP_PORTS`/`HTTPS_PORTS` (ASPNETCORE_HTTP_PORTS…) give the addresses when
    /// `urls` is not set.
    pub fn honours_http_ports(&self) -> bool {
        self.line.0 >= 8
    }

    /// The event id of "Now listening on:" (Microsoft.Hosting.Lifetime[14] from 6.0).
    pub fn listening_event(&self) -> u32 {
        if self.line.0 >= 6 {
            14
        } else {
            0
        }
    }
}

impl Default for AspNetCore {
    fn default() -> Self {
        AspNetCore { line: (3, 0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netsdk1045_by_generation() {
        assert_eq!(
            Sdk::new("3.0.100").netsdk1045((3, 1)),
            "NETSDK1045: The current .NET SDK does not support targeting .NET Core 3.1.  Either target .NET Core 3.0 \
             or lower, or use a version of the .NET SDK that supports .NET Core 3.1."
        );
        assert_eq!(
            Sdk::new("6.0.100").netsdk1045((7, 0)),
            "NETSDK1045: The current .NET SDK does not support targeting .NET 7.0.  Either target .NET 6.0 or lower, \
             or use a version of the .NET SDK that supports .NET 7.0."
        );
        assert!(Sdk::new("8.0.100")
            .netsdk1045((9, 0))
            .ends_with("supports .NET 9.0. Download the .NET SDK from https://aka.ms/dotnet/download"));
        assert_eq!(Sdk::new("8.0.100").product(), ".NET SDK 8.0.100");
        assert_eq!(Sdk::new("3.1.100").product(), ".NET Core SDK 3.1.100");
    }

    #[test]
    fn framework_missing_by_generation() {
        let root = Path::new("/usr/share/dotnet");
        let app = Path::new("/app/App.dll");
        let found = vec!["3.0.0".to_string()];
        let fx = "Microsoft.AspNetCore.App";
        let old = Host::new("3.0.0").framework_missing(app, fx, "3.1.0", &found, root);
        assert!(old.starts_with(
            "It was not possible to find any compatible framework version\n\
             The framework 'Microsoft.AspNetCore.App', version '3.1.0' was not found.\n  \
             - The following frameworks were found:\n      3.0.0 at [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]"
        ));
        let six = Host::new("6.0.0").framework_missing(app, fx, "7.0.0", &found, root);
        assert!(six.contains("version '7.0.0' (x64) was not found."), "{six}");
        let eight = Host::new("8.0.0").framework_missing(app, fx, "9.0.0", &[], root);
        assert!(eight.starts_with(
            "You must install or update .NET to run this application.\n\nApp: /app/App.dll\nArchitecture: x64\n\
             Framework: 'Microsoft.AspNetCore.App', version '9.0.0' (x64)\n.NET location: /usr/share/dotnet/\n\n\
             No frameworks were found."
        ));
        assert!(eight.ends_with("framework_version=9.0.0&arch=x64&rid=linux-x64&os=debian.12"));
    }
}
