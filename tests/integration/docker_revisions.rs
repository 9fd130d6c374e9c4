//! A later revision of the Docker guide (tests/guides/net8: sdk:8.0 and
//! aspnet:8.0, a solution of two net8.0 projects restored from their project
//! files alone, then published with --no-restore) runs on the versioned
//! stand-ins; the same guide with a net9.0 project fails where the real SDK 8
//! would, at `dotnet restore`, with NETSDK1045.

use std::path::Path;

use crate::docker::{assert_nothing_left, Before};
use crate::test::{repo, Test};

#[test]
fn the_net8_revision_passes_on_the_8_0_stand_ins() {
    let before = Before::now();
    let out = Test::new()
        .current_dir(repo())
        .private_tmpdir()
        .args(&["tests/guides/net8/docs/docker.md"])
        .stdout(
            "doccheck tests/guides/net8/docs/docker.md with tests/guides/net8/scenarios/docker.yaml: 4 steps
✓   1  tests/guides/net8/docs/docker.md:17  write Dockerfile  [..]s
✓   2  tests/guides/net8/docs/docker.md:40  write .dockerignore  [..]s
✓   3  tests/guides/net8/docs/docker.md:47  docker build --tag stockdata .  [..]s
...
✓   4  tests/guides/net8/docs/docker.md:54  docker run -ti -p 5000:8080 stockdata  [..]s
...
        note: ready after [..]s: stocks.Stocks/Get {\"id\": 2} at 127.0.0.1:[..] → {\"stock\":{\"id\":2,\"name\":\"Apple\",\"symbol\":\"AAPL\"}}
...
note: mcr.microsoft.com/dotnet/sdk:8.0: [..]stand-in[..]implementing .NET SDK 8.0.100 [..]
note: mcr.microsoft.com/dotnet/aspnet:8.0: [..]stand-in[..]implementing ASP.NET Core Runtime 8.0.0 [..]
...
tests/guides/net8/docs/docker.md: ok. 4 steps: 4 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .stderr("...\n")
        .run();
    assert_nothing_left(&out, &before);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of tests/guides/net8 inside the repository (target/), four levels
/// below its root as the original is, so that its scenario reaches the same
/// stand-ins.
fn copy_of_net8() -> tempfile::TempDir {
    let parent = repo().join("target").join("dctests");
    std::fs::create_dir_all(&parent).unwrap();
    let copy = tempfile::Builder::new()
        .prefix("net8-")
        .tempdir_in(&parent)
        .unwrap();
    copy_tree(&repo().join("tests/guides/net8"), copy.path());
    copy
}

#[test]
fn a_net9_project_fails_at_dotnet_restore_with_netsdk1045() {
    let copy = copy_of_net8();
    let csproj = copy
        .path()
        .join("scenarios/fixture/src/StockData/StockData.csproj");
    let text = std::fs::read_to_string(&csproj).unwrap();
    assert!(text.contains("<TargetFramework>net8.0</TargetFramework>"));
    std::fs::write(&csproj, text.replace(">net8.0<", ">net9.0<")).unwrap();

    let before = Before::now();
    let out = Test::new()
        .current_dir(copy.path())
        .private_tmpdir()
        .args(&["docs/docker.md"])
        .status(1)
        .stdout(
            "...
✗   3  docs/docker.md:47  docker build --tag stockdata .  [..]s
        $ docker build --tag stockdata .  (line 48)
...
        │ [..]error NETSDK1045: The current .NET SDK does not support targeting .NET 9.0.  Either target .NET 8.0 or lower, or use a version of the .NET SDK that supports .NET 9.0. Download the .NET SDK from https://aka.ms/dotnet/download[..]
...
·   4  docs/docker.md:54  not run: step 3 failed
...
docs/docker.md: FAILED. 4 steps: 2 passed, 1 failed, 0 skipped, 1 not run; [..]s
",
        )
        .stderr("...\n")
        .run();
    assert!(
        out.stdout.contains("RUN dotnet restore"),
        "the failing Dockerfile step is not shown: {}",
        out.stdout
    );
    assert_nothing_left(&out, &before);
}

#[test]
fn a_tag_no_stand_in_implements_fails_preflight_in_one_sentence() {
    let copy = copy_of_net8();
    let scenario = copy.path().join("scenarios/docker.yaml");
    let text = std::fs::read_to_string(&scenario).unwrap();
    std::fs::write(
        &scenario,
        text.replace(
            "image: mcr.microsoft.com/dotnet/sdk:8.0",
            "image: mcr.microsoft.com/dotnet/sdk:9.0",
        ),
    )
    .unwrap();
    let out = Test::new()
        .current_dir(copy.path())
        .private_tmpdir()
        .args(&["docs/docker.md"])
        .status(2)
        .stdout("...\n")
        .stderr(
            "...
error: mcr.microsoft.com/dotnet/sdk:9.0 is not present, cannot be pulled, and its stand-in did not build: build.sh: no stand-in for mcr.microsoft.com/dotnet/sdk:9.0: the stand-ins implement sdk and aspnet 3.0, 3.1, 5.0, 6.0, 7.0 and 8.0
",
        )
        .run();
    drop(out);
}
