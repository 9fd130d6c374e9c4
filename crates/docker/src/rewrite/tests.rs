use super::*;

fn rewriter<'a>(labels: &'a [String]) -> Rewriter<'a> {
    Rewriter {
        labels,
        map: &|r: &str| match crate::reference::registry_host(r).as_deref() {
            Some("docker.io") => Some((0, format!("127.0.0.1:5001/{r}"))),
            _ => None,
        },
        free_port: &|_: &str| None,
    }
}

fn labels() -> Vec<String> {
    vec!["doccheck.run=r1".to_string()]
}

#[test]
fn run_rewrites_for_a_service_and_for_no_terminal() {
    let labels = labels();
    let r = rewriter(&labels);
    let p = r
        .rewrite("docker run -ti -p 127.0.0.1:0:80 stockdata", true)
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some("docker run -d --label doccheck.run=r1 -p 127.0.0.1:0:80 stockdata")
    );
    assert_eq!(p.after, After::Container { service: true });
    let p = r
        .rewrite("docker run --rm -it -e X=1 alpine echo -t", false)
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some("docker run --label doccheck.run=r1 --rm -i -e X=1 alpine echo -t")
    );
}

#[test]
fn build_and_tag_are_labelled_and_recorded() {
    let labels = labels();
    let r = rewriter(&labels);
    let p = r
        .rewrite(
            "docker build --tag stockdata --file src/StockData/Dockerfile .",
            false,
        )
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some("docker build --force-rm --label doccheck.run=r1 --tag stockdata --file src/StockData/Dockerfile .")
    );
    assert_eq!(p.tags, ["stockdata:latest"]);
    let p = r
        .rewrite("docker tag stockdata myorg/stockdata", false)
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some("docker tag stockdata 127.0.0.1:5001/myorg/stockdata")
    );
    assert_eq!(p.tags, ["127.0.0.1:5001/myorg/stockdata:latest"]);
    let p = r.rewrite("docker push myorg/stockdata", false).unwrap();
    assert_eq!(
        p.after,
        After::VerifyPush {
            registry: 0,
            repository: "myorg/stockdata".into(),
            tag: "latest".into()
        }
    );
    // Unmapped hosts are left alone (the session's guard refuses to push them).
    let p = r.rewrite("docker push quay.io/x", false).unwrap();
    assert_eq!((p.run, p.after), (None, After::Nothing));
    assert!(r
        .rewrite("docker build -t a . && docker push a", false)
        .is_none());
    assert!(r.rewrite("ls", false).is_none());
    assert!(r.rewrite("docker images", false).is_none());
}

#[test]
fn built_images_are_read_from_the_legacy_builders_output() {
    let out = "Step 1/2 : FROM x\n ---> 1a2b3c4d5e6f\nStep 2/2 : RUN y\n ---> Running in 0123456789ab\n ---> abcdefabcdef\n";
    assert_eq!(built_images(out), ["1a2b3c4d5e6f", "abcdefabcdef"]);
}
