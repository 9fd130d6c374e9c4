//! The versioned stand-ins without Docker: an SDK 8.0.100 layout restores a two-project
//! net8.0 solution from its .sln and .csproj files alone (as a Dockerfile's first COPY gives
//! them), publishes it with `--no-restore` once the sources are there, and the host of each
//! runtime version takes or refuses the app as hostfxr's default roll-forward does.

use std::path::{Path, PathBuf};

use standins::host::app;
use standins::install::Install;
use standins::sdk::{self, build, restore, Options};
use standins::versions::Host;

/// A temporary directory, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("standins-v-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn layout(root: &Path, sdk: Option<&str>, runtime: &str) -> Install {
    if let Some(sdk) = sdk {
        std::fs::create_dir_all(root.join("sdk").join(sdk)).unwrap();
    }
    for fw in ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"] {
        std::fs::create_dir_all(root.join("shared").join(fw).join(runtime)).unwrap();
    }
    Install { root: root.into() }
}

const SLN: &str = "\u{feff}
Microsoft Visual Studio Solution File, Format Version 12.00
# Visual Studio Version 17
Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"src\\App\\App.csproj\", \"{11111111-1111-1111-1111-111111111111}\"
EndProject
Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Lib\", \"src\\Lib\\Lib.csproj\", \"{22222222-2222-2222-2222-222222222222}\"
EndProject
Global
EndGlobal
";

const APP: &str = r#"<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="..\Lib\Lib.csproj" />
  </ItemGroup>
</Project>
"#;

const LIB: &str = r#"<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
</Project>
"#;

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_net8_solution_restores_from_project_files_then_publishes() {
    let work = Dir::new("sln8");
    let install = layout(&work.0.join("dotnet"), Some("8.0.100"), "8.0.0");
    let src = work.0.join("src-root");
    work.write("src-root/App.sln", SLN);
    work.write("src-root/src/App/App.csproj", APP);
    work.write("src-root/src/Lib/Lib.csproj", LIB);

    // COPY *.sln + the .csproj files, RUN dotnet restore: no sources yet.
    let target = sdk::find_target(None, &src).unwrap();
    let restored = restore::restore(&install, &target, &Options::default()).unwrap();
    assert_eq!(restored.len(), 2);
    assert!(src.join("src/Lib/obj/project.assets.json").is_file());

    // COPY . ., RUN dotnet publish -c Release -o /app --no-restore
    work.write(
        "src-root/src/Lib/Greeter.cs",
        "namespace Lib;\npublic static class Greeter { }\n",
    );
    work.write(
        "src-root/src/App/Program.cs",
        "using Lib;\n\nConsole.WriteLine(Greeter.Hello());\n",
    );
    let out = work.0.join("app");
    let opts = sdk::parse_options(&args(&["-c", "Release", "-o", out.to_str().unwrap(), "--no-restore"])).unwrap();
    let target = sdk::find_target(opts.target.as_deref(), &src).unwrap();
    build::run(&install, &target, &opts, &src, true).unwrap_or_else(|e| panic!("{:?}", e.lines));
    for file in ["App.dll", "App.runtimeconfig.json", "Lib.dll"] {
        assert!(out.join(file).is_file(), "{file} not published");
    }
    // A class library has no entry point to find and no runtimeconfig.json.
    assert!(!out.join("Lib.runtimeconfig.json").exists());
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("App.runtimeconfig.json")).unwrap()).unwrap();
    assert_eq!(config["runtimeOptions"]["tfm"], "net8.0");
    assert_eq!(config["runtimeOptions"]["framework"]["version"], "8.0.0");

    // The 8.0 host takes it (the app is a console app, which the stand-in then declines: 1);
    // a 6.0 host refuses it as hostfxr does (150), and so does 8.0 for an app asking 9.0.
    let dll = out.join("App.dll");
    let rt8 = layout(&work.0.join("rt8"), None, "8.0.0");
    assert_eq!(app::run(&rt8, &Host::new("8.0.0"), &dll, &[], None), 1);
    let rt6 = layout(&work.0.join("rt6"), None, "6.0.0");
    assert_eq!(app::run(&rt6, &Host::new("6.0.0"), &dll, &[], None), 150);
    // ... unless the app allows Major roll-forward.
    let rt9 = layout(&work.0.join("rt9"), None, "9.0.0");
    assert_eq!(app::run(&rt9, &Host::new("9.0.0"), &dll, &[], Some("Major")), 1);
    assert_eq!(app::run(&rt9, &Host::new("9.0.0"), &dll, &[], None), 150);
}

#[test]
fn an_older_sdk_refuses_the_solution() {
    let work = Dir::new("sln6");
    let install = layout(&work.0.join("dotnet"), Some("6.0.100"), "6.0.0");
    work.write("App.sln", SLN);
    work.write("src/App/App.csproj", APP);
    work.write("src/Lib/Lib.csproj", LIB);
    let target = sdk::find_target(None, &work.0).unwrap();
    let e = restore::restore(&install, &target, &Options::default()).unwrap_err();
    assert!(
        e.lines[0].contains(
            "TargetFrameworkInference.targets(144,5): error NETSDK1045: The current .NET SDK does not support \
             targeting .NET 8.0.  Either target .NET 6.0 or lower, or use a version of the .NET SDK that supports \
             .NET 8.0."
        ),
        "{:?}",
        e.lines
    );
}

#[test]
fn a_web_app_of_sdk_6_and_later_names_both_frameworks() {
    let work = Dir::new("web7");
    let install = layout(&work.0.join("dotnet"), Some("7.0.100"), "7.0.0");
    work.write(
        "W.csproj",
        "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net7.0</TargetFramework>\
         </PropertyGroup></Project>",
    );
    work.write("Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n");
    let target = sdk::find_target(None, &work.0).unwrap();
    let opts = sdk::parse_options(&args(&["-o", "out"])).unwrap();
    build::run(&install, &target, &opts, &work.0, true).unwrap_or_else(|e| panic!("{:?}", e.lines));
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.0.join("out/W.runtimeconfig.json")).unwrap()).unwrap();
    let names: Vec<&str> = config["runtimeOptions"]["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"]);
    // A 7.0 app rolls forward to 7.x, not to 8.0.
    let dll = work.0.join("out/W.dll");
    let rt8 = layout(&work.0.join("rt8"), None, "8.0.0");
    assert_eq!(app::run(&rt8, &Host::new("8.0.0"), &dll, &[], None), 150);
}
