//! build.sh's contract without Docker or a real cargo build: stand-in `cargo` and `docker`
//! commands on PATH record what they are asked. An unknown image fails at once (one line on
//! stderr, exit 1, cargo never run); a known one gets the version's layout, environment and
//! labels.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const FAKE_CARGO: &str = r#"#!/bin/sh
echo cargo >>"$FAKE_LOG"
mkdir -p "$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release"
touch "$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/dotnet" "$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/sh"
"#;

/// Records its arguments one per line, the build context's Dockerfile and file list.
const FAKE_DOCKER: &str = r#"#!/bin/sh
for a in "$@"; do echo "arg $a" >>"$FAKE_LOG"; done
for ctx in "$@"; do :; done
cat "$ctx/Dockerfile" >>"$FAKE_LOG"
(cd "$ctx/rootfs" && find . | sort | sed 's/^/file /') >>"$FAKE_LOG"
"#;

struct Fakes {
    dir: PathBuf,
}

impl Fakes {
    fn new(name: &str) -> Fakes {
        let dir = std::env::temp_dir().join(format!("standins-buildsh-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("bin")).unwrap();
        for (cmd, text) in [("cargo", FAKE_CARGO), ("docker", FAKE_DOCKER)] {
            let path = dir.join("bin").join(cmd);
            std::fs::write(&path, text).unwrap();
            std::process::Command::new("chmod")
                .arg("+x")
                .arg(&path)
                .status()
                .unwrap();
        }
        Fakes { dir }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
    }

    fn run(&self, kind: &str, image: &str) -> Output {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("build.sh");
        let path = format!(
            "{}:{}",
            self.dir.join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new("bash")
            .arg(script)
            .args([kind, image])
            .env("PATH", path)
            .env("FAKE_LOG", self.dir.join("log"))
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env("DOCCHECK_LABELS", "doccheck.standin=abc")
            .output()
            .unwrap()
    }
}

impl Drop for Fakes {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn an_unknown_image_fails_at_once_with_one_line() {
    let fakes = Fakes::new("unknown");
    for (kind, image) in [
        ("sdk", "mcr.microsoft.com/dotnet/sdk:9.0"),
        ("aspnet", "mcr.microsoft.com/dotnet/core/aspnet:2.2"),
        ("sdk", "mcr.microsoft.com/dotnet/sdk:8.0-alpine"),
        ("sdk", "mcr.microsoft.com/dotnet/sdk"),
        ("sdk", "example.com/dotnet/sdk:8.0"),
        ("aspnet", "mcr.microsoft.com/dotnet/runtime:8.0"),
    ] {
        let started = Instant::now();
        let out = fakes.run(kind, image);
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(out.status.code(), Some(1), "{image}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "build.sh: no stand-in for {image}: the stand-ins implement sdk and aspnet 3.0, 3.1, 5.0, 6.0, 7.0 \
                 and 8.0\n"
            )
        );
    }
    let out = fakes.run("aspnet", "mcr.microsoft.com/dotnet/sdk:8.0");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "build.sh: mcr.microsoft.com/dotnet/sdk:8.0 is the sdk image, not the aspnet stand-in asked for\n"
    );
    assert_eq!(fakes.log(), "", "cargo or docker ran");
}

#[test]
fn each_version_gets_its_layout_environment_and_labels() {
    for (kind, image, implements, layout, env) in [
        (
            "sdk",
            "mcr.microsoft.com/dotnet/core/sdk:3.0",
            ".NET Core SDK 3.0.100",
            "./usr/share/dotnet/sdk/3.0.100",
            "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin ASPNETCORE_URLS=http://+:80 \
             DOTNET_RUNNING_IN_CONTAINER=true DOTNET_USE_POLLING_FILE_WATCHER=true NUGET_XMLDOC_MODE=skip",
        ),
        (
            "aspnet",
            "mcr.microsoft.com/dotnet/core/aspnet:3.0",
            "ASP.NET Core Runtime 3.0.0",
            "./usr/share/dotnet/shared/Microsoft.AspNetCore.App/3.0.0",
            "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin ASPNETCORE_URLS=http://+:80 \
             DOTNET_RUNNING_IN_CONTAINER=true",
        ),
        (
            "aspnet",
            "mcr.microsoft.com/dotnet/aspnet:6.0",
            "ASP.NET Core Runtime 6.0.0",
            "./usr/share/dotnet/shared/Microsoft.NETCore.App/6.0.0",
            "ASPNETCORE_URLS=http://+:80 DOTNET_RUNNING_IN_CONTAINER=true DOTNET_VERSION=6.0.0 ASPNET_VERSION=6.0.0",
        ),
        (
            "sdk",
            "mcr.microsoft.com/dotnet/sdk:8.0",
            ".NET SDK 8.0.100",
            "./usr/share/dotnet/sdk/8.0.100",
            "APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true DOTNET_VERSION=8.0.0",
        ),
        (
            "aspnet",
            "mcr.microsoft.com/dotnet/core/aspnet:8.0",
            "ASP.NET Core Runtime 8.0.0",
            "./etc/passwd",
            "ASPNETCORE_HTTP_PORTS=8080",
        ),
    ] {
        let fakes = Fakes::new(kind);
        let out = fakes.run(kind, image);
        assert!(
            out.status.success(),
            "{image}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{image}\n"));
        let log = fakes.log();
        assert!(log.starts_with("cargo\n"), "{log}");
        for want in [
            format!("arg org.doccheck.standin={kind}\n"),
            format!("arg org.doccheck.standin.implements={implements}\n"),
            "arg doccheck.standin=abc\n".to_string(),
            format!("arg {image}\n"),
            format!("file {layout}\n"),
            env.to_string(),
        ] {
            assert!(log.contains(&want), "{image}: no {want:?} in\n{log}");
        }
        assert_eq!(log.contains("ASPNETCORE_URLS"), !image.ends_with("8.0"), "{log}");
        assert_eq!(log.contains("file ./bin/sh\n"), kind == "sdk", "{log}");
    }
}
