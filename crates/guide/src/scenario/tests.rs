use super::*;

/// A scenario in a directory of its own, with the directories it names.
fn scenario(text: &str) -> Result<Scenario, Error> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("scenarios/a/fixture")).unwrap();
    let path = root.join("scenarios/s.yaml");
    parse("s.yaml", &path, text)
}

#[test]
fn a_full_scenario() {
    let s = scenario(
        "guides: [docs/a.md]\nfixture: a/fixture\ntimeout: 30s\nblocks:\n  - line: FROM x\n    file: Dockerfile\n    also: [src/Dockerfile]\n  - pattern: '^bin/$'\n    file: .dockerignore\n",
    )
    .unwrap();
    assert!(s.fixture.unwrap().ends_with("scenarios/a/fixture"));
    assert_eq!(s.timeout, Some(Duration::from_secs(30)));
    assert_eq!(s.bindings.len(), 2);
    assert_eq!(s.bindings[0].location.to_string(), "s.yaml:5:5");
    assert_eq!(s.bindings[1].location.to_string(), "s.yaml:8:5");
    assert_eq!(s.bindings[0].directives.also, ["src/Dockerfile"]);
}

#[test]
fn unknown_keys_and_yaml_errors_have_positions() {
    let e = scenario("guides: [a]\nblocks:\n  - line: x\n    fiel: y\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("s.yaml:4:5: blocks[0]: unknown field `fiel`"),
        "{e}"
    );
    let e = scenario("guides: [a]\nfixtures: x\n")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("s.yaml:2:1: unknown field `fixtures`"), "{e}");
    let e = scenario("guides: [a\n").unwrap_err().to_string();
    assert!(e.starts_with("s.yaml:"), "{e}");
}

#[test]
fn durations_are_checked_at_their_own_key() {
    let e = scenario("guides: [a]\n\nrun-timeout: 500000000000y\n").unwrap_err();
    assert!(
        e.to_string().starts_with("s.yaml:3:1: run-timeout: "),
        "{e}"
    );
    let e = scenario(
        "guides: [a]\nblocks:\n  - line: x\n    skip: y\n  - line: z\n    timeout: soon\n",
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("s.yaml:6:5: timeout: `soon` is not a duration"),
        "{e}"
    );
    let e = scenario("guides: [a]\nblocks:\n  - line: x\n    service:\n      ready-timeout: 9d\n")
        .unwrap_err();
    assert!(
        e.to_string().starts_with("s.yaml:4:5: ready-timeout: "),
        "{e}"
    );
}

#[test]
fn paths_stay_inside_the_repository() {
    let e = scenario("guides: [a]\nfixture: ../../../../../../etc\n").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("s.yaml:2:1: `../../../../../../etc` leads out of the repository"),
        "{e}"
    );
    let e = scenario("guides: [a]\nfixture: nope\n").unwrap_err();
    assert!(e.to_string().contains("no such file"), "{e}");
}

#[test]
fn a_binding_needs_one_matcher() {
    let e = scenario("guides: [a]\nblocks:\n  - file: x\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("needs exactly one of `line:`"), "{e}");
    let e = scenario("guides: [a]\nblocks:\n  - pattern: '('\n    file: x\n")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("s.yaml:3:5: bad pattern"), "{e}");
}

#[test]
fn services_and_probes() {
    let s = scenario(
        "guides: [a]\nblocks:\n  - line: docker run x\n    service:\n      ready-timeout: 30s\n      probes:\n        - grpc-health: {port: 80}\n        - http: {port: 8080, status: 200}\n",
    )
    .unwrap();
    let service = s.bindings[0].service.as_ref().unwrap();
    assert_eq!(service.ready_timeout, Duration::from_secs(30));
    assert!(matches!(
        &service.probes[0],
        crate::service::Probe::GrpcHealth { port: 80, service, tls: None } if service.is_empty()
    ));
    assert!(matches!(
        &service.probes[1],
        crate::service::Probe::Http { port: 8080, path, status: Some(200) } if path == "/"
    ));
    let e =
        scenario("guides: [a]\nblocks:\n  - line: x\n    service: {probes: [{tcp: {port: 1}}]}\n")
            .unwrap_err();
    assert!(e.to_string().contains("unknown variant `tcp`"), "{e}");
    let e = scenario(
        "guides: [a]\nblocks:\n  - line: x\n    service:\n      probes:\n        - grpc: {port: 1, proto: missing.proto, method: a.B/C, request: '{}'}\n",
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("s.yaml:4:5: "), "{e}");
    assert!(e.to_string().contains("missing.proto"), "{e}");
}
