use std::path::{Path, PathBuf};

use super::*;

struct Fixture {
    labels: Vec<(String, String)>,
    registries: Registries,
    sockets: Vec<PathBuf>,
    private: Vec<PathBuf>,
    own_images: Vec<String>,
}

impl Fixture {
    fn new() -> Fixture {
        let mut registries = Registries::default();
        registries.add("docker.io", "127.0.0.1:5001");
        registries.add("internal-registry:5000", "127.0.0.1:5002");
        Fixture {
            labels: vec![("doccheck.run".to_string(), "r1".to_string())],
            registries,
            sockets: vec![PathBuf::from("/nonexistent-engine/docker.sock")],
            private: vec![PathBuf::from(
                "/nonexistent-engine/containerd/containerd.sock",
            )],
            own_images: vec!["0123456789ab".to_string()],
        }
    }

    fn run(&self) -> Run<'_> {
        Run {
            run_id: "r1",
            labels: &self.labels,
            registries: &self.registries,
            own_images: &self.own_images,
            engine_sockets: &self.sockets,
            engine_paths: &self.private,
            gateway_socket: Path::new("/ws/ctl/docker.sock"),
        }
    }
}

fn request(start: &str) -> Request {
    Request::parse(start).unwrap()
}

fn forwarded(decision: Decision) -> Forward {
    match decision {
        Decision::Forward(f) => *f,
        other => panic!("not forwarded: {other:?}"),
    }
}

fn refused(decision: &Decision) -> bool {
    matches!(decision, Decision::Refuse { status: 403, message } if message.starts_with("doccheck: "))
}

#[test]
fn pushes_off_the_machine_are_refused_and_mapped_hosts_go_to_the_runs_registry() {
    let fixture = Fixture::new();
    let run = fixture.run();
    let mut names = Namespace::new("r1");
    for target in [
        "/v1.41/images/evil.example.com/x/push?tag=latest",
        "/v1.41/images/quay.io%2Fmyorg%2Fapp/push?tag=1",
        "/v1.41/images/127.0.0.1:5999/x/push?tag=latest",
        // Encoded as the engine decodes it: still a push.
        "/v1.41/images/evil.example.com/x/pus%68?tag=latest",
        "/v1.41/%69mages/evil.example.com/x/push",
    ] {
        let decision = decide(
            request(&format!("POST {target} HTTP/1.1")),
            None,
            &run,
            &mut names,
        );
        assert!(refused(&decision), "{target}: {decision:?}");
    }
    let push = forwarded(decide(
        request("POST /v1.41/images/myorg/stockdata/push?tag= HTTP/1.1"),
        None,
        &run,
        &mut names,
    ));
    assert_eq!(
        push.request.path,
        "/images/127.0.0.1:5001/myorg/stockdata/push"
    );
    assert_eq!(push.request.param("tag"), Some("latest"));
    assert_eq!(
        push.tag_first,
        Some((
            "myorg/stockdata".to_string(),
            "127.0.0.1:5001/myorg/stockdata".to_string(),
            "latest".to_string()
        ))
    );
    assert_eq!(push.tags, ["127.0.0.1:5001/myorg/stockdata:latest"]);
    // The run's own registry: as it is.
    let own = request("POST /v1.41/images/127.0.0.1:5002/myorg/stockdata/push?tag=latest HTTP/1.1");
    assert_eq!(
        forwarded(decide(own.clone(), None, &run, &mut names)).request,
        own
    );
}

#[test]
fn requests_that_could_push_or_change_the_engine_are_refused() {
    let fixture = Fixture::new();
    let run = fixture.run();
    let mut names = Namespace::new("r1");
    for start in [
        "POST /v1.41/plugins/vieux/sshfs/push HTTP/1.1",
        "POST /v1.41/plugins/pull?remote=x HTTP/1.1",
        "GET /v1.41/distribution/evil.example.com/x/json HTTP/1.1",
        "POST /v1.41/swarm/init HTTP/1.1",
        "POST /v1.41/services/create HTTP/1.1",
        "POST /v1.41/session HTTP/1.1",
        "POST /v1.41/something/new HTTP/1.1",
        "PUT /v1.41/images/x/new HTTP/1.1",
    ] {
        let decision = decide(request(start), None, &run, &mut names);
        assert!(refused(&decision), "{start}: {decision:?}");
    }
    // Reads pass; a login never reaches a registry.
    assert!(matches!(
        decide(
            request("GET /v1.41/plugins HTTP/1.1"),
            None,
            &run,
            &mut names
        ),
        Decision::Forward(_)
    ));
    assert!(matches!(
        decide(request("POST /v1.41/auth HTTP/1.1"), None, &run, &mut names),
        Decision::Reply(body) if body.contains("Login Succeeded")
    ));
}

#[test]
fn what_is_created_is_labelled_and_named_for_the_run() {
    let fixture = Fixture::new();
    let run = fixture.run();
    let mut names = Namespace::new("r1");
    let sfx = names.suffix().to_string();
    let build = forwarded(decide(
        request("POST /v1.41/build?t=stockdata&t=myorg/app:2&dockerfile=Dockerfile HTTP/1.1"),
        None,
        &run,
        &mut names,
    ));
    assert_eq!(build.answer, Answer::Build);
    // A build is the guide's: no label of doccheck's.
    assert_eq!(build.request.param("labels"), None);
    assert_eq!(build.request.param("forcerm"), Some("1"));
    // Its cache: the run's own layers only.
    assert_eq!(
        build.request.param("cachefrom"),
        Some("[\"doccheck-own-layers-only\",\"0123456789ab\"]")
    );
    assert_eq!(
        build.tags,
        [format!("stockdata{sfx}"), format!("myorg/app{sfx}:2")]
    );
    let build = forwarded(decide(
        request("POST /v1.41/build?t=app&labels=%7B%22a%22%3A%22b%22%7D HTTP/1.1"),
        None,
        &run,
        &mut names,
    ));
    assert_eq!(build.request.param("labels"), Some("{\"a\":\"b\"}"));
    assert_eq!(build.request.param("t"), Some(format!("app{sfx}").as_str()));
    let create = forwarded(decide(
        request("POST /v1.41/containers/create?name=web HTTP/1.1"),
        Some(br#"{"Image":"stockdata","Labels":{"a":"b"}}"#),
        &run,
        &mut names,
    ));
    assert_eq!(
        create.request.param("name"),
        Some(format!("web{sfx}").as_str())
    );
    let body: Value = serde_json::from_slice(&create.body.unwrap()).unwrap();
    assert_eq!(body["Image"], format!("stockdata{sfx}"));
    assert_eq!(
        body["Labels"],
        serde_json::json!({"a": "b", "doccheck.run": "r1"})
    );
    let start = forwarded(decide(
        request("POST /v1.41/containers/web/start HTTP/1.1"),
        None,
        &run,
        &mut names,
    ));
    assert_eq!(start.request.path, format!("/containers/web{sfx}/start"));
    assert_eq!(start.check, Some(Check::Container(format!("web{sfx}"))));
    let tag = forwarded(decide(
        request("POST /v1.41/images/stockdata/tag?repo=myorg%2Fstockdata&tag=v2 HTTP/1.1"),
        None,
        &run,
        &mut names,
    ));
    assert_eq!(tag.request.path, format!("/images/stockdata{sfx}/tag"));
    assert_eq!(
        tag.request.param("repo"),
        Some("127.0.0.1:5001/myorg/stockdata")
    );
    assert_eq!(tag.tags, ["127.0.0.1:5001/myorg/stockdata:v2"]);
    let tag = forwarded(decide(
        request("POST /v1.41/images/stockdata/tag?repo=quay.io%2Fteam%2Fapp&tag=1 HTTP/1.1"),
        None,
        &run,
        &mut names,
    ));
    assert_eq!(tag.tags, [format!("quay.io/team/app{sfx}:1")]);
    let volume = forwarded(decide(
        request("POST /v1.41/volumes/create HTTP/1.1"),
        Some(b"{\"Name\":\"data\"}"),
        &run,
        &mut names,
    ));
    assert_eq!(
        String::from_utf8(volume.body.unwrap()).unwrap(),
        format!("{{\"Labels\":{{\"doccheck.run\":\"r1\"}},\"Name\":\"data{sfx}\"}}")
    );
    assert_eq!(volume.answer, Answer::Named(Plain::Volume));
    // A network too, and a container that uses it and a named volume.
    let network = forwarded(decide(
        request("POST /v1.41/networks/create HTTP/1.1"),
        Some(b"{\"Name\":\"net\"}"),
        &run,
        &mut names,
    ));
    let body: Value = serde_json::from_slice(&network.body.unwrap()).unwrap();
    assert_eq!(body["Name"], format!("net{sfx}"));
    let create = forwarded(decide(
        request("POST /v1.41/containers/create?name=db HTTP/1.1"),
        Some(br#"{"HostConfig":{"NetworkMode":"net","Binds":["cache:/c"],"VolumesFrom":["web:ro"]},"NetworkingConfig":{"EndpointsConfig":{"net":{}}}}"#),
        &run,
        &mut names,
    ));
    let body: Value = serde_json::from_slice(&create.body.unwrap()).unwrap();
    assert_eq!(body["HostConfig"]["NetworkMode"], format!("net{sfx}"));
    assert_eq!(body["HostConfig"]["Binds"][0], format!("cache{sfx}:/c"));
    assert_eq!(body["HostConfig"]["VolumesFrom"][0], format!("web{sfx}:ro"));
    assert!(body["NetworkingConfig"]["EndpointsConfig"]
        .get(format!("net{sfx}"))
        .is_some());
    assert_eq!(create.volumes, [format!("cache{sfx}")]);
    let connect = forwarded(decide(
        request("POST /v1.41/networks/net/connect HTTP/1.1"),
        Some(br#"{"Container":"db"}"#),
        &run,
        &mut names,
    ));
    assert_eq!(connect.request.path, format!("/networks/net{sfx}/connect"));
    assert_eq!(
        String::from_utf8(connect.body.unwrap()).unwrap(),
        format!("{{\"Container\":\"db{sfx}\"}}")
    );
}

#[test]
fn the_engines_socket_never_reaches_a_container() {
    let fixture = Fixture::new();
    let run = fixture.run();
    let mut names = Namespace::new("r1");
    let create = |body: &str, names: &mut Namespace| {
        decide(
            request("POST /v1.41/containers/create HTTP/1.1"),
            Some(body.as_bytes()),
            &fixture.run(),
            names,
        )
    };
    // The socket itself: the gateway's instead.
    let f = forwarded(create(
        r#"{"Image":"x","HostConfig":{"Binds":["/nonexistent-engine/docker.sock:/var/run/docker.sock:ro","data:/data"],"Mounts":[{"Type":"bind","Source":"/nonexistent-engine/./docker.sock","Target":"/s"}]}}"#,
        &mut names,
    ));
    let body: Value = serde_json::from_slice(&f.body.unwrap()).unwrap();
    assert_eq!(
        body["HostConfig"]["Binds"],
        serde_json::json!([
            "/ws/ctl/docker.sock:/var/run/docker.sock:ro",
            format!("data{}:/data", names.suffix())
        ])
    );
    assert_eq!(
        body["HostConfig"]["Mounts"][0]["Source"],
        "/ws/ctl/docker.sock"
    );
    // What holds it, or containerd's: refused.
    for body in [
        r#"{"HostConfig":{"Binds":["/nonexistent-engine:/host"]}}"#,
        r#"{"HostConfig":{"Binds":["/:/host"]}}"#,
        r#"{"HostConfig":{"Mounts":[{"Type":"bind","Source":"/nonexistent-engine/containerd"}]}}"#,
        r#"{"HostConfig":{"PidMode":"host","Privileged":true}}"#,
        r#"{"HostConfig":{"PidMode":"host","CapAdd":["CAP_SYS_PTRACE"]}}"#,
    ] {
        assert!(refused(&create(body, &mut names)), "{body}");
    }
    assert!(matches!(
        create(r#"{"HostConfig":{"PidMode":"host"}}"#, &mut names),
        Decision::Forward(_)
    ));
    let volume = decide(
        request("POST /v1.41/volumes/create HTTP/1.1"),
        Some(br#"{"Name":"v","DriverOpts":{"type":"none","o":"bind","device":"/nonexistent-engine"}}"#),
        &run,
        &mut names,
    );
    assert!(refused(&volume), "{volume:?}");
}

#[test]
fn a_run_changes_and_removes_only_its_own() {
    let fixture = Fixture::new();
    let run = fixture.run();
    let mut names = Namespace::new("r1");
    let sfx = names.suffix().to_string();
    names.create_image("app");
    let decide_one = |start: &str, names: &mut Namespace| {
        forwarded(decide(request(start), None, &fixture.run(), names))
    };
    // Its own name: no question asked; an id or another name: the engine is asked.
    let own = decide_one("DELETE /v1.41/images/app HTTP/1.1", &mut names);
    assert_eq!(
        (own.request.path.as_str(), own.check),
        (format!("/images/app{sfx}").as_str(), None)
    );
    assert_eq!(own.answer, Answer::Deleted);
    let theirs = decide_one("DELETE /v1.41/images/alpine:3?force=1 HTTP/1.1", &mut names);
    assert_eq!(theirs.check, Some(Check::Image("alpine:3".into())));
    let id = decide_one("DELETE /v1.41/images/0123456789ab HTTP/1.1", &mut names);
    assert_eq!(id.check, Some(Check::Image("0123456789ab".into())));
    for (start, check) in [
        (
            "DELETE /v1.41/containers/db?force=1 HTTP/1.1",
            Check::Container("db".into()),
        ),
        (
            "POST /v1.41/containers/db/stop HTTP/1.1",
            Check::Container("db".into()),
        ),
        (
            "POST /v1.41/containers/db/exec HTTP/1.1",
            Check::Container("db".into()),
        ),
        (
            "DELETE /v1.41/volumes/data HTTP/1.1",
            Check::Volume("data".into()),
        ),
        (
            "DELETE /v1.41/networks/net HTTP/1.1",
            Check::Network("net".into()),
        ),
    ] {
        assert_eq!(decide_one(start, &mut names).check, Some(check), "{start}");
    }
    assert_eq!(
        decide_one("GET /v1.41/containers/db/json HTTP/1.1", &mut names).check,
        None
    );
    // A prune prunes the run's objects only.
    let prune = decide_one(
        "POST /v1.41/images/prune?filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D HTTP/1.1",
        &mut names,
    );
    let filters: Value = serde_json::from_str(prune.request.param("filters").unwrap()).unwrap();
    assert_eq!(
        filters,
        serde_json::json!({"dangling": {"true": true}, "label": {"doccheck.run=r1": true}})
    );
    assert!(matches!(
        decide(
            request("POST /v1.41/build/prune HTTP/1.1"),
            None,
            &run,
            &mut names
        ),
        Decision::Reply(_)
    ));
    // `docker images app` lists the run's app.
    let list = decide_one(
        "GET /v1.41/images/json?filters=%7B%22reference%22%3A%7B%22app%22%3Atrue%7D%7D HTTP/1.1",
        &mut names,
    );
    assert_eq!(
        list.request.param("filters"),
        Some(format!("{{\"reference\":{{\"app{sfx}\":true}}}}").as_str())
    );
}
