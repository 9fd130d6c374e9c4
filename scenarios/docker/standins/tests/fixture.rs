//! The stand-in SDK and runtime against the scenario's real fixture (../fixture), without
//! Docker: restore + publish as the guide's Dockerfile does, then calls into the app.

use std::path::{Path, PathBuf};

use standins::assembly::Assembly;
use standins::host::services::{App, NOT_FOUND, UNIMPLEMENTED};
use standins::install::Install;
use standins::sdk::{self, build, restore, Options};

mod common;

use common::copy_dir;

/// A dotnet install layout (`sdk/V/`, `shared/*/RV/`) under `root`.
fn layout(root: &Path, sdk: &str, runtime: &str) -> Install {
    std::fs::create_dir_all(root.join("sdk").join(sdk)).unwrap();
    for fw in ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"] {
        std::fs::create_dir_all(root.join("shared").join(fw).join(runtime)).unwrap();
    }
    Install { root: root.into() }
}

/// A copy of the fixture, removed when dropped.
struct Work(PathBuf);

impl Work {
    fn new(name: &str) -> Work {
        let dir = std::env::temp_dir().join(format!("standins-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixture"), &dir);
        Work(dir)
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.0.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(path, text.replace(from, to)).unwrap();
    }

    /// `dotnet restore` then `dotnet publish -c Release -o published PROJECT`, with the
    /// SDK 3.0.100 the guide's image has (the stand-in reads its version from the layout).
    fn publish(&self) -> Result<PathBuf, Vec<String>> {
        let install = layout(&self.0.join("dotnet-root"), "3.0.100", "3.0.0");
        let target = sdk::find_target(None, &self.0).map_err(|e| e.lines)?;
        restore::restore(&install, &target, &Options::default()).map_err(|e| e.lines)?;
        let args: Vec<String> = ["-c", "Release", "-o", "published", "src/StockData/StockData.csproj"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let opts = sdk::parse_options(&args).map_err(|e| e.lines)?;
        let project = sdk::find_target(opts.target.as_deref(), &self.0).map_err(|e| e.lines)?;
        build::run(&install, &project, &opts, &self.0, true).map_err(|e| e.lines)?;
        Ok(self.0.join("published"))
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn start(published: &Path) -> App {
    let assembly = Assembly::from_bytes(&std::fs::read(published.join("StockData.dll")).unwrap()).unwrap();
    App::start(assembly, published).unwrap()
}

#[test]
fn the_guides_build_publishes_a_serving_app() {
    let work = Work::new("ok");
    let published = work.publish().unwrap();
    for file in [
        "StockData.dll",
        "StockData.deps.json",
        "StockData.runtimeconfig.json",
        "Data/stocks.json",
    ] {
        assert!(published.join(file).is_file(), "{file} not published");
    }
    let app = start(&published);
    assert_eq!(app.assembly.mapped_services, ["stocks.Stocks", "grpc.health.v1.Health"]);
    let mut msft = vec![0x0a, 0x13, 0x08, 0x01, 0x12, 0x04];
    msft.extend(b"MSFT\x1a\x09Microsoft");
    assert_eq!(app.call("stocks.Stocks", "Get", &[0x08, 0x01]).unwrap(), msft);
    let missing = app.call("stocks.Stocks", "Get", &[0x08, 0x63]).unwrap_err();
    assert_eq!(
        (missing.code, missing.message.as_str()),
        (NOT_FOUND, "Stock 99 not found")
    );
    assert_eq!(app.call("grpc.health.v1.Health", "Check", &[]).unwrap(), [0x08, 0x01]);
    let mut named = vec![0x0a, 13];
    named.extend(b"stocks.Stocks");
    assert_eq!(
        app.call("grpc.health.v1.Health", "Check", &named).unwrap(),
        [0x08, 0x01]
    );
    assert_eq!(
        app.call("grpc.health.v1.Health", "Check", &[0x0a, 1, b'x'])
            .unwrap_err()
            .code,
        NOT_FOUND
    );
}

#[test]
fn broken_projects_fail_like_the_sdk() {
    let work = Work::new("proto");
    work.edit(
        "src/StockData/Protos/stocks.proto",
        "message Stock {",
        "message Stock {{",
    );
    let errors = work.publish().unwrap_err();
    assert!(
        errors[0].starts_with("Protos/stocks.proto(19,16): error : Expected type name."),
        "{errors:?}"
    );

    let work = Work::new("content");
    work.edit("src/StockData/StockData.csproj", "Content Update", "Content Include");
    assert!(work.publish().unwrap_err()[0].contains("error NETSDK1022: Duplicate 'Content' items"));

    let work = Work::new("sln");
    work.edit(
        "StockData.sln",
        "src\\StockData\\StockData.csproj",
        "src\\Stocks\\StockData.csproj",
    );
    assert!(work.publish().unwrap_err()[0].contains("error MSB3202"));
}

#[test]
fn an_unmapped_service_is_unimplemented() {
    let work = Work::new("unmapped");
    work.edit(
        "src/StockData/Startup.cs",
        "endpoints.MapGrpcService<StocksService>();",
        "",
    );
    let app = start(&work.publish().unwrap());
    assert_eq!(app.assembly.mapped_services, ["grpc.health.v1.Health"]);
    assert!(matches!(
        app.lookup("stocks.Stocks", "Get"),
        standins::host::services::Lookup::UnknownService
    ));
    // The code still declares stocks.Stocks healthy, so the health service says so.
    let mut named = vec![0x0a, 13];
    named.extend(b"stocks.Stocks");
    assert_eq!(
        app.call("grpc.health.v1.Health", "Check", &named).unwrap(),
        [0x08, 0x01]
    );
    assert_eq!(app.call("x.Y", "Z", &[]).unwrap_err().code, UNIMPLEMENTED);
}
