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

fn names() -> Namespace {
    Namespace::new("r1")
}

fn labels() -> Vec<String> {
    vec!["doccheck.run=r1".to_string()]
}

#[test]
fn run_rewrites_for_a_service_and_for_no_terminal() {
    let labels = labels();
    let r = rewriter(&labels);
    let mut names = names();
    let p = r
        .rewrite(
            "docker run -ti -p 127.0.0.1:0:80 stockdata",
            true,
            &mut names,
        )
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some("docker run -d --label doccheck.run=r1 -p 127.0.0.1:0:80 stockdata")
    );
    assert_eq!(p.after, After::Container { service: true });
    let p = r
        .rewrite(
            "docker run --rm -it -e X=1 alpine echo -t",
            false,
            &mut names,
        )
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
    let mut names = names();
    let sfx = names.suffix().to_string();
    let p = r
        .rewrite(
            "docker build --tag stockdata --file src/StockData/Dockerfile .",
            false,
            &mut names,
        )
        .unwrap();
    assert_eq!(
        p.run,
        Some(format!("docker build --force-rm --label doccheck.run=r1 --tag stockdata{sfx} --file src/StockData/Dockerfile ."))
    );
    assert_eq!(p.tags, [format!("stockdata{sfx}:latest")]);
    let p = r
        .rewrite("docker tag stockdata myorg/stockdata", false, &mut names)
        .unwrap();
    assert_eq!(
        p.run,
        Some(format!(
            "docker tag stockdata{sfx} 127.0.0.1:5001/myorg/stockdata"
        ))
    );
    assert_eq!(p.tags, ["127.0.0.1:5001/myorg/stockdata:latest"]);
    let p = r
        .rewrite("docker push myorg/stockdata", false, &mut names)
        .unwrap();
    assert_eq!(
        p.after,
        After::VerifyPush {
            registry: 0,
            repository: "myorg/stockdata".into(),
            tag: "latest".into()
        }
    );
    // Unmapped hosts are left alone (the session's guard refuses to push them).
    let p = r
        .rewrite("docker push quay.io/x", false, &mut names)
        .unwrap();
    assert_eq!((p.run, p.after), (None, After::Nothing));
    assert!(r
        .rewrite("docker build -t a . && docker push a", false, &mut names)
        .is_none());
    assert!(r.rewrite("ls", false, &mut names).is_none());
    assert!(r.rewrite("docker images", false, &mut names).is_none());
}

#[test]
fn names_the_run_creates_are_its_own_in_later_commands() {
    let labels = labels();
    let r = rewriter(&labels);
    let mut names = names();
    let sfx = names.suffix().to_string();
    r.rewrite("docker build -t app:1.0 .", false, &mut names)
        .unwrap();
    let p = r
        .rewrite(
            "docker run --rm --name web -p 8080:80 app:1.0",
            false,
            &mut names,
        )
        .unwrap();
    assert_eq!(
        p.run,
        Some(format!(
            "docker run --label doccheck.run=r1 --rm --name web{sfx} -p 8080:80 app{sfx}:1.0"
        ))
    );
    let p = r.rewrite("docker logs web", false, &mut names).unwrap();
    assert_eq!(p.run, Some(format!("docker logs web{sfx}")));
    let p = r
        .rewrite("docker tag app:1.0 app:latest", false, &mut names)
        .unwrap();
    assert_eq!(
        p.run,
        Some(format!("docker tag app{sfx}:1.0 app{sfx}:latest"))
    );
    // Base images and names the run did not create are shared.
    assert!(r
        .rewrite("docker inspect alpine", false, &mut names)
        .is_none());
    let p = r
        .rewrite("docker run alpine echo app", false, &mut names)
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some("docker run --label doccheck.run=r1 alpine echo app")
    );
}

#[test]
fn variables_and_pwd_are_followed_other_shell_syntax_is_not() {
    let labels = labels();
    let r = rewriter(&labels);
    let mut names = names();
    let p = r
        .rewrite(
            r#"docker run -ti -p 5001:443 -v "$PWD/https:/https:ro" -e "KEY=${SECRET}" stockdata"#,
            true,
            &mut names,
        )
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some(
            r#"docker run -d --label doccheck.run=r1 -p 5001:443 -v "$PWD/https:/https:ro" -e "KEY=${SECRET}" stockdata"#
        )
    );
    let p = r
        .rewrite("docker run -ti -v $(pwd):/src stockdata", false, &mut names)
        .unwrap();
    assert_eq!(
        p.run.as_deref(),
        Some(r#"docker run --label doccheck.run=r1 -i -v "$(pwd):/src" stockdata"#)
    );
    for other in [
        "docker run -v $(id -u):/x stockdata",
        "docker run -e X=$1 stockdata",
        "docker run -e 'X=$PWD' stockdata",
        "docker run stockdata | tee log",
        "docker run -e X=${A stockdata",
    ] {
        assert!(r.rewrite(other, false, &mut names).is_none(), "{other}");
    }
}
