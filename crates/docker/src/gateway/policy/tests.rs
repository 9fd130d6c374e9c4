use super::*;

fn run_with<'a>(labels: &'a [(String, String)], registries: &'a [(String, String)]) -> Run<'a> {
    Run {
        labels,
        registries,
        label_builds: true,
    }
}

fn labels() -> Vec<(String, String)> {
    vec![("doccheck.run".to_string(), "r1".to_string())]
}

fn registries() -> Vec<(String, String)> {
    vec![
        ("docker.io".to_string(), "127.0.0.1:5001".to_string()),
        (
            "internal-registry:5000".to_string(),
            "127.0.0.1:5002".to_string(),
        ),
    ]
}

fn request(start: &str) -> Request {
    Request::parse(start).unwrap()
}

#[test]
fn requests_parse_and_print_back() {
    let r = request("POST /v1.41/images/myorg%2Fstockdata/push?tag=latest HTTP/1.1");
    assert_eq!(r.version, "/v1.41");
    assert_eq!(r.path, "/images/myorg%2Fstockdata/push");
    assert_eq!(r.param("tag"), Some("latest"));
    assert_eq!(
        r.target(),
        "/v1.41/images/myorg%2Fstockdata/push?tag=latest"
    );
    let r = request("GET /_ping HTTP/1.1");
    assert_eq!((r.version.as_str(), r.path.as_str()), ("", "/_ping"));
}

#[test]
fn pushes_off_the_machine_are_refused_and_mapped_hosts_go_to_the_runs_registry() {
    let (labels, registries) = (labels(), registries());
    let run = run_with(&labels, &registries);
    let mut names = Namespace::new("r1");
    for target in [
        "/v1.41/images/evil.example.com/x/push?tag=latest",
        "/v1.41/images/quay.io%2Fmyorg%2Fapp/push?tag=1",
        "/v1.41/images/127.0.0.1:5999/x/push?tag=latest",
    ] {
        let decision = decide(
            request(&format!("POST {target} HTTP/1.1")),
            None,
            &run,
            &mut names,
        );
        assert!(
            matches!(&decision, Decision::Refuse { status: 403, message } if message.starts_with("doccheck: pushes to ")),
            "{target}: {decision:?}"
        );
    }
    match decide(
        request("POST /v1.41/images/myorg/stockdata/push?tag= HTTP/1.1"),
        None,
        &run,
        &mut names,
    ) {
        Decision::Forward {
            request,
            tag_first,
            tags,
            ..
        } => {
            assert_eq!(request.path, "/images/127.0.0.1:5001/myorg/stockdata/push");
            assert_eq!(request.param("tag"), Some("latest"));
            assert_eq!(
                tag_first,
                Some((
                    "myorg/stockdata".to_string(),
                    "127.0.0.1:5001/myorg/stockdata".to_string(),
                    "latest".to_string()
                ))
            );
            assert_eq!(tags, ["127.0.0.1:5001/myorg/stockdata:latest"]);
        }
        other => panic!("{other:?}"),
    }
    // The run's own registry: as it is.
    let push =
        request("POST /v1.41/images/127.0.0.1:5002/myorg/stockdata/push?tag=latest HTTP/1.1");
    assert!(
        matches!(decide(push.clone(), None, &run, &mut names), Decision::Forward { request, .. } if request == push)
    );
}

#[test]
fn what_is_created_is_labelled_and_named_for_the_run() {
    let (labels, registries) = (labels(), registries());
    let run = run_with(&labels, &registries);
    let mut names = Namespace::new("r1");
    let sfx = names.suffix().to_string();
    let Decision::Forward {
        request: build,
        answer,
        tags,
        ..
    } = decide(
        request("POST /v1.41/build?t=stockdata&dockerfile=Dockerfile HTTP/1.1"),
        None,
        &run,
        &mut names,
    )
    else {
        panic!()
    };
    assert_eq!(answer, Answer::Build);
    assert_eq!(build.param("t"), Some(format!("stockdata{sfx}").as_str()));
    assert_eq!(build.param("labels"), Some("{\"doccheck.run\":\"r1\"}"));
    assert_eq!(build.param("forcerm"), Some("1"));
    assert_eq!(tags, [format!("stockdata{sfx}")]);
    // Alone on the engine, a build is the guide's: its own labels only.
    let alone = Run {
        label_builds: false,
        ..run_with(&labels, &registries)
    };
    let Decision::Forward { request: build, .. } = decide(
        request("POST /v1.41/build?t=app&labels=%7B%22a%22%3A%22b%22%7D HTTP/1.1"),
        None,
        &alone,
        &mut names,
    ) else {
        panic!()
    };
    assert_eq!(build.param("labels"), Some("{\"a\":\"b\"}"));
    assert_eq!(build.param("t"), Some(format!("app{sfx}").as_str()));
    let body = br#"{"Image":"stockdata","Labels":{"a":"b"}}"#;
    let Decision::Forward {
        request: create,
        body: Some(body),
        ..
    } = decide(
        request("POST /v1.41/containers/create?name=web HTTP/1.1"),
        Some(body),
        &run,
        &mut names,
    )
    else {
        panic!()
    };
    assert_eq!(create.param("name"), Some(format!("web{sfx}").as_str()));
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["Image"], format!("stockdata{sfx}"));
    assert_eq!(
        body["Labels"],
        serde_json::json!({"a": "b", "doccheck.run": "r1"})
    );
    let Decision::Forward { request: start, .. } = decide(
        request("POST /v1.41/containers/web/start HTTP/1.1"),
        None,
        &run,
        &mut names,
    ) else {
        panic!()
    };
    assert_eq!(start.path, format!("/containers/web{sfx}/start"));
    let Decision::Forward {
        request: tag, tags, ..
    } = decide(
        request("POST /v1.41/images/stockdata/tag?repo=myorg%2Fstockdata&tag=v2 HTTP/1.1"),
        None,
        &run,
        &mut names,
    )
    else {
        panic!()
    };
    assert_eq!(tag.param("repo"), Some("127.0.0.1:5001/myorg/stockdata"));
    assert_eq!(tags, ["127.0.0.1:5001/myorg/stockdata:v2"]);
    let Decision::Forward {
        body: Some(body), ..
    } = decide(
        request("POST /v1.41/volumes/create HTTP/1.1"),
        Some(b"{\"Name\":\"data\"}"),
        &run,
        &mut names,
    )
    else {
        panic!()
    };
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "{\"Labels\":{\"doccheck.run\":\"r1\"},\"Name\":\"data\"}"
    );
}
