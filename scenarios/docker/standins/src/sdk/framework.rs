//! Target frameworks: parsing a moniker as the NuGet of the installed SDK does, and checking
//! it against what that SDK can target (NETSDK1013, NETSDK1045, NETSDK1129, and MSB3644 for
//! `net5.0`+ under a 3.x SDK, which reads it as .NET Framework 5.0).

use super::project::Project;
use super::{BuildError, Options};
use crate::install::Install;
use crate::versions::Sdk;

#[derive(Debug, Clone, PartialEq)]
pub struct TargetFramework {
    pub moniker: String,
    pub identifier: &'static str,
    pub version: (u32, u32),
}

impl TargetFramework {
    /// `dotted_net_is_core`: `net5.0` is .NETCoreApp 5.0 (SDK 5.0 and later); before, NuGet
    /// read any `netX.Y` as .NETFramework.
    pub fn parse(moniker: &str, dotted_net_is_core: bool) -> Option<TargetFramework> {
        let m = moniker.trim().to_ascii_lowercase();
        let dotted = |v: &str| -> Option<(u32, u32)> {
            let (a, b) = v.split_once('.').unwrap_or((v, "0"));
            Some((a.parse().ok()?, b.parse().ok()?))
        };
        let (identifier, version) = if let Some(v) = m.strip_prefix("netcoreapp") {
            (".NETCoreApp", dotted(v)?)
        } else if let Some(v) = m.strip_prefix("netstandard") {
            (".NETStandard", dotted(v)?)
        } else if let Some(v) = m.strip_prefix("net") {
            if v.contains('.') {
                let version = dotted(v)?;
                let core = dotted_net_is_core && version.0 >= 5;
                (if core { ".NETCoreApp" } else { ".NETFramework" }, version)
            } else {
                // net48: .NET Framework 4.8
                let digits: Vec<u32> = v.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
                (".NETFramework", (*digits.first()?, *digits.get(1).unwrap_or(&0)))
            }
        } else {
            return None;
        };
        Some(TargetFramework {
            moniker: m,
            identifier,
            version,
        })
    }

    pub fn long_name(&self) -> String {
        format!("{},Version=v{}.{}", self.identifier, self.version.0, self.version.1)
    }

    pub fn is_core_app(&self) -> bool {
        self.identifier == ".NETCoreApp"
    }
}

/// The installed SDK; a layout without one has no SDK commands (the muxer says so first).
pub fn sdk_of(install: &Install) -> Result<Sdk, BuildError> {
    install.sdk().ok_or_else(|| {
        BuildError::line(format!(
            "doccheck stand-in SDK: no SDK under {}/sdk/",
            install.root.display()
        ))
    })
}

/// `/usr/share/dotnet/sdk/<version>/Sdks/Microsoft.NET.Sdk/targets/FILE(LINE,5)`.
pub fn sdk_targets(install: &Install, file: &str, line: u32) -> String {
    let version = install.sdk().map(|s| s.version).unwrap_or_default();
    format!(
        "{}/sdk/{version}/Sdks/Microsoft.NET.Sdk/targets/{file}({line},5)",
        install.root.display()
    )
}

/// What the SDK says of one moniker: the framework, or the error.
pub fn check(install: &Install, sdk: &Sdk, moniker: &str, proj: &str) -> Result<TargetFramework, BuildError> {
    let Some(tf) = TargetFramework::parse(moniker, sdk.dotted_net_is_core()) else {
        return Err(BuildError::line(format!(
            "{}: error NETSDK1013: The TargetFramework value '{moniker}' was not recognized. It may be \
             misspelled. If not misspelled, then the TargetFrameworkIdentifier and/or \
             TargetFrameworkVersion properties must be specified explicitly. [{proj}]",
            sdk_targets(install, "Microsoft.NET.TargetFrameworkInference.targets", 93)
        )));
    };
    if tf.is_core_app() && tf.version > sdk.max_target() {
        return Err(BuildError::line(format!(
            "{}: error {} [{proj}]",
            sdk_targets(
                install,
                "Microsoft.NET.TargetFrameworkInference.targets",
                sdk.netsdk1045_line()
            ),
            sdk.netsdk1045(tf.version)
        )));
    }
    Ok(tf)
}

/// The project's target framework(s), checked against what the installed SDK can target.
/// `single`: a build or publish needs exactly one.
pub fn framework_of(
    install: &Install,
    project: &Project,
    opts: &Options,
    single: bool,
) -> Result<Vec<TargetFramework>, BuildError> {
    let sdk = sdk_of(install)?;
    let proj = project.path.display().to_string();
    let listed: Vec<String> = match (
        project.property("TargetFramework"),
        project.property("TargetFrameworks"),
    ) {
        (Some(one), _) => vec![one.to_string()],
        (None, Some(many)) => many
            .split(';')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        (None, None) => vec![String::new()],
    };
    let mut out = Vec::new();
    for moniker in &listed {
        out.push(check(install, &sdk, moniker, &proj)?);
    }
    if single && out.len() > 1 {
        match &opts.framework {
            Some(f) => out.retain(|t| t.moniker.eq_ignore_ascii_case(f)),
            None => {
                return Err(BuildError::line(format!(
                    "{}: error NETSDK1129: The 'Publish' target is not supported without specifying a target \
                     framework. The current project targets multiple frameworks, please specify the framework \
                     for the published application. [{proj}]",
                    sdk_targets(install, "Microsoft.NET.Sdk.CrossTargeting.targets", 31)
                )))
            }
        }
    }
    Ok(out)
}

/// A 3.x SDK restores `net5.0` as .NET Framework 5.0, then finds no reference assemblies for it.
pub fn check_reference_assemblies(install: &Install, tf: &TargetFramework, proj: &str) -> Result<(), BuildError> {
    if tf.identifier != ".NETFramework" || tf.version.0 < 5 {
        return Ok(());
    }
    let version = install.sdk().map(|s| s.version).unwrap_or_default();
    Err(BuildError::line(format!(
        "{}/sdk/{version}/Microsoft.Common.CurrentVersion.targets(1175,5): error MSB3644: The reference assemblies \
         for framework \"{}\" were not found. To resolve this, install the SDK or Targeting Pack for this framework \
         version or retarget your application to a version of the framework for which you have the SDK or \
         Targeting Pack installed. Note that assemblies will be resolved from the Global Assembly Cache (GAC) and \
         will be used in place of reference assemblies. Therefore your assembly may not be correctly targeted for \
         the framework you intend. [{proj}]",
        install.root.display(),
        tf.long_name()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(sdk: &str) -> (Install, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("standin-fw-{sdk}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sdk").join(sdk)).unwrap();
        (Install { root: dir.clone() }, dir)
    }

    /// Each SDK targets its own version and older, and refuses newer ones.
    #[test]
    fn targets_per_sdk_version() {
        let cases: [(&str, &[&str], &[&str]); 6] = [
            (
                "3.0.100",
                &["netcoreapp3.0", "netcoreapp2.1", "netstandard2.1"],
                &["netcoreapp3.1"],
            ),
            ("3.1.100", &["netcoreapp3.1", "netcoreapp3.0"], &["netcoreapp5.0"]),
            ("5.0.100", &["net5.0", "netcoreapp3.1"], &["net6.0"]),
            ("6.0.100", &["net6.0", "net5.0"], &["net7.0"]),
            ("7.0.100", &["net7.0", "net6.0"], &["net8.0"]),
            (
                "8.0.100",
                &["net8.0", "net7.0", "netcoreapp3.0"],
                &["net9.0", "net10.0"],
            ),
        ];
        for (version, ok, refused) in cases {
            let (install, dir) = layout(version);
            let sdk = install.sdk().unwrap();
            for m in ok {
                let tf = check(&install, &sdk, m, "/src/a.csproj").unwrap_or_else(|e| panic!("{version} {m}: {e:?}"));
                assert!(check_reference_assemblies(&install, &tf, "p").is_ok());
            }
            for m in refused {
                let e = check(&install, &sdk, m, "/src/a.csproj").unwrap_err().lines.remove(0);
                assert!(e.contains("error NETSDK1045"), "{version} {m}: {e}");
                assert!(e.contains(&format!("/sdk/{version}/Sdks/")), "{e}");
            }
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn exact_netsdk1045_lines() {
        let (install, dir) = layout("8.0.100");
        let sdk = install.sdk().unwrap();
        let e = check(&install, &sdk, "net9.0", "/src/a.csproj")
            .unwrap_err()
            .lines
            .remove(0);
        assert_eq!(
            e,
            format!(
                "{}/sdk/8.0.100/Sdks/Microsoft.NET.Sdk/targets/Microsoft.NET.TargetFrameworkInference.targets(166,5): \
                 error NETSDK1045: The current .NET SDK does not support targeting .NET 9.0.  Either target .NET 8.0 \
                 or lower, or use a version of the .NET SDK that supports .NET 9.0. Download the .NET SDK from \
                 https://aka.ms/dotnet/download [/src/a.csproj]",
                dir.display()
            )
        );
        std::fs::remove_dir_all(dir).unwrap();
        let (install, dir) = layout("3.0.100");
        let sdk = install.sdk().unwrap();
        let e = check(&install, &sdk, "netcoreapp3.1", "/p")
            .unwrap_err()
            .lines
            .remove(0);
        assert!(e.ends_with(
            "TargetFrameworkInference.targets(127,5): error NETSDK1045: The current .NET SDK does not support \
             targeting .NET Core 3.1.  Either target .NET Core 3.0 or lower, or use a version of the .NET SDK that \
             supports .NET Core 3.1. [/p]"
        ));
        // NuGet of SDK 3.x reads net5.0 as .NET Framework 5.0: restore passes, the build fails.
        let tf = check(&install, &sdk, "net5.0", "/p").unwrap();
        assert_eq!(tf.long_name(), ".NETFramework,Version=v5.0");
        let e = check_reference_assemblies(&install, &tf, "/p")
            .unwrap_err()
            .lines
            .remove(0);
        assert!(e.contains("error MSB3644: The reference assemblies for framework \".NETFramework,Version=v5.0\""));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
