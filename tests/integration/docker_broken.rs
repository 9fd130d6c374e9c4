//! Broken copies of docs/docker.md, each run with the repository's scenario:
//! every edit fails the step a reader would see fail, at its line, with the
//! cause (the builder's, the runtime's, the registry's), and leaves nothing.

use crate::docker::{assert_nothing_left, guide, Before};
use crate::test::{repo, Output, Test};

/// A copy of the guide, changed by `edit`, in a project of its own, run with the repository's scenario.
fn run_broken(from: &str, to: &str, stdout: &str) -> (Output, Before) {
    let text = guide();
    assert!(text.contains(from), "the guide has no {from:?}");
    let scenario = repo().join("scenarios/docker.yaml").display().to_string();
    let before = Before::now();
    let out = Test::new()
        .write("docs/docker.md", text.replacen(from, to, 1))
        .private_tmpdir()
        .args(&["docs/docker.md", "--scenario", &scenario])
        .status(1)
        .stdout(stdout)
        .stderr("...\n")
        .run();
    (out, before)
}

#[test]
fn a_wrong_copy_from_alias_fails_the_first_build() {
    let (out, before) = run_broken(
        "COPY --from=builder /published .",
        "COPY --from=build /published .",
        "...
✗   4  docs/docker.md:111  docker build --tag stockdata .  [..]s
        $ docker build --tag stockdata .  (line 112)
        ran as: [..]
        exit code 1 (expected 0)
...
·   5  docs/docker.md:119  not run: step 4 failed
...
docs/docker.md: FAILED. 10 steps: 3 passed, 1 failed, 0 skipped, 6 not run; [..]s
",
    );
    assert!(out.stdout.contains("build"), "{}", out.stdout);
    assert_nothing_left(&out, &before);
}

#[test]
fn a_wrong_project_path_fails_the_publish() {
    let (out, before) = run_broken(
        "-o /published src/StockData/StockData.csproj",
        "-o /published src/StockData/StockDta.csproj",
        "...\n✗   4  docs/docker.md:111  docker build --tag stockdata .  [..]s\n...\n",
    );
    assert!(
        out.stdout.contains("MSB1009"),
        "the SDK's own error is shown: {}",
        out.stdout
    );
    assert_nothing_left(&out, &before);
}

#[test]
fn a_wrong_entrypoint_dll_fails_the_run_step_with_the_container_log() {
    let (out, before) = run_broken(
        "ENTRYPOINT [ \"dotnet\", \"StockData.dll\" ]",
        "ENTRYPOINT [ \"dotnet\", \"StockDat.dll\" ]",
        "...
✓   5  docs/docker.md:119  [..]
...
✗   6  docs/docker.md:127  docker run -ti -p 5000:80 stockdata  [..]s
        $ docker run -ti -p 5000:80 stockdata  (line 128)
        ran as: [..]
        container [..] exited with code [..] before it was ready
...
        │ container log (last 30 lines):
...
",
    );
    assert_nothing_left(&out, &before);
}

#[test]
fn a_wrong_container_port_fails_the_run_step() {
    let (out, before) = run_broken(
        "docker run -ti -p 5000:80 stockdata",
        "docker run -ti -p 5000:8080 stockdata",
        "...
✗   6  docs/docker.md:127  docker run -ti -p 5000:8080 stockdata  [..]s
...
        container port 80, where the service listens, is not published (published: 8080/tcp -> [..])
...
",
    );
    assert_nothing_left(&out, &before);
}

/// The edit the guide itself suggests: the fragment's binding still finds the
/// fragment, and the run fails where the real runtime would, at `docker run`.
#[test]
fn uncommenting_the_https_line_fails_the_run_step_with_kestrels_refusal() {
    let (out, before) = run_broken(
        "# ENV ASPNETCORE_URLS=https://+:443",
        "ENV ASPNETCORE_URLS=https://+:443",
        "...
✓   2  docs/docker.md:91  check fragment of Dockerfile  [..]
...
✗   6  docs/docker.md:127  docker run -ti -p 5000:80 stockdata  [..]s
...
        container [..] exited with code 134 before it was ready
...
        │ System.InvalidOperationException: Unable to configure HTTPS endpoint. No server certificate was specified, and the default developer certificate could not be found or is out of date.
...
docs/docker.md: FAILED. 10 steps: 5 passed, 1 failed, 0 skipped, 4 not run; [..]s
",
    );
    assert_nothing_left(&out, &before);
}

#[test]
fn pushing_a_tag_never_made_fails_its_step() {
    let (out, before) = run_broken(
        "docker push internal-registry:5000/myorg/stockdata",
        "docker push internal-registry:5000/myorg/stockdata:v2",
        "...
✓   7  docs/docker.md:139  [..]
...
✗   8  docs/docker.md:146  docker tag stockdata internal-registry:5000/myorg/stockdata (+1 more)  [..]s
...
        $ docker push internal-registry:5000/myorg/stockdata:v2  (line 148)
        ran as: docker push 127.0.0.1:[..]/myorg/stockdata:v2
...
",
    );
    assert_nothing_left(&out, &before);
}

#[test]
fn a_push_to_an_unmapped_registry_never_leaves_the_machine() {
    let (out, before) = run_broken(
        "docker push myorg/stockdata",
        "docker push quay.io/myorg/stockdata",
        "...\n        │ Error response from daemon: doccheck: pushes to quay.io are not allowed in this run (quay.io/myorg/stockdata:latest); map the host in the scenario's docker.registry.hosts, and nothing leaves this machine\n...\n",
    );
    assert_nothing_left(&out, &before);
}
