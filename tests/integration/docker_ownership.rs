//! A run touches only what it created: a user's images and containers that
//! share the guide's names are shadowed for the run and untouched after it.
//! Every object here is the test's own, named with a token of its own, so the
//! test never touches what it did not create on a shared daemon.

use std::process::Command;

use crate::docker::{assert_nothing_left_in, docker, Before};
use crate::test::Test;

/// A name no other test or run uses.
pub(crate) fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}-{}-{nanos:x}", std::process::id())
}

/// Builds a one-file image `FROM scratch` labelled `which=<which>` under
/// each of `tags`; returns its id. The test's own "user" images.
pub(crate) fn user_image(tags: &[&str], which: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f"), which).unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        format!("FROM scratch\nCOPY f /f\nLABEL which={which}\n"),
    )
    .unwrap();
    let mut build = Command::new("docker");
    build.args(["build", "-q"]);
    for tag in tags {
        build.args(["-t", tag]);
    }
    let out = build.arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn id_of(reference: &str) -> String {
    docker(&["image", "inspect", "--format", "{{.Id}}", reference])
        .trim()
        .to_string()
}

/// Removes the test's own images, whatever the outcome.
struct Owned(Vec<String>);

impl Drop for Owned {
    fn drop(&mut self) {
        for tag in &self.0 {
            docker(&["rmi", tag]);
        }
    }
}

#[test]
fn a_users_images_that_share_the_guides_names_are_untouched() {
    let name = unique("ownership");
    let user_tags = [
        format!("{name}:latest"),
        format!("myorg/{name}:latest"),
        format!("registry.example.com/team/{name}:1"),
    ];
    let tags: Vec<&str> = user_tags.iter().map(String::as_str).collect();
    let user_id = user_image(&tags, "user");
    let _owned = Owned(user_tags.to_vec());
    let guide = format!(
        "```bash\nmkdir img && echo guide > img/f\nprintf 'FROM scratch\\nCOPY f /f\\nLABEL which=guide\\n' > img/Dockerfile\ndocker build -q -t {name} img > /dev/null\n```\n\n```console\n$ docker tag {name} myorg/{name}\n$ docker tag {name} registry.example.com/team/{name}:1\n$ docker images --format '{{{{.Repository}}}}:{{{{.Tag}}}}' | grep {name} | sort\nmyorg/{name}:latest\n{name}:latest\nregistry.example.com/team/{name}:1\n$ docker images {name} --format '{{{{.Repository}}}}:{{{{.Tag}}}}'\n{name}:latest\n$ docker image inspect --format '{{{{.Config.Labels.which}}}}' {name} myorg/{name} registry.example.com/team/{name}:1\nguide\nguide\nguide\n$ docker rmi myorg/{name}\nUntagged: myorg/{name}:latest\n```\n"
    );
    let test = Test::new().guide(&guide).private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let _out = test
        .stdout("...\ng.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    for tag in &user_tags {
        assert_eq!(
            id_of(tag),
            user_id,
            "the user's {tag} was changed or removed"
        );
    }
    let left = docker(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    let ours: Vec<&str> = left
        .lines()
        .filter(|t| t.contains(&name) && !user_tags.iter().any(|u| u == t))
        .collect();
    assert!(ours.is_empty(), "the run's tags were left: {ours:?}");
    assert_nothing_left_in(&tmp, &before);
}

#[test]
fn a_guide_changes_and_removes_only_what_its_run_created() {
    let tag = unique("own-img");
    let image = user_image(&[&tag], "user");
    let _owned = Owned(vec![tag.clone()]);
    let (volume, network, container) = (unique("own-vol"), unique("own-net"), unique("own-ctr"));
    for args in [
        vec!["volume", "create", "--label", "which=user", &volume],
        vec!["network", "create", "--label", "which=user", &network],
        vec!["create", "--name", &container, &tag, "/f"],
    ] {
        let out = Command::new("docker").args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let refused = "is not one this run created, and a run changes or removes only what it created";
    let guide = format!(
        "```console\n$ docker volume create {volume}\n{volume}\n$ docker network create {network} > /dev/null\n$ docker volume ls -q | grep -c {volume}\n1\n$ docker network ls --format '{{{{.Name}}}}' | grep -c {network}\n1\n$ docker rm -f {container} 2>&1 | grep -c '{refused}'\n1\n$ docker rmi {tag} 2>&1 | grep -c '{refused}'\n1\n$ docker rmi -f {image} 2>&1 | grep -c '{refused}'\n1\n$ docker volume rm {volume}\n{volume}\n$ docker system prune -af --volumes > /dev/null\n```\n"
    );
    let test = Test::new().guide(&guide).private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let _out = test
        .stdout("...\ng.md: ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    let label = |kind: &str, name: &str| {
        docker(&[kind, "inspect", "--format", "{{.Labels.which}}", name])
            .trim()
            .to_string()
    };
    assert_eq!(label("volume", &volume), "user", "the user's volume");
    assert_eq!(label("network", &network), "user", "the user's network");
    assert_eq!(id_of(&tag), image, "the user's image");
    let state = docker(&["inspect", "--format", "{{.State.Status}}", &container]);
    assert_eq!(state.trim(), "created", "the user's container");
    docker(&["rm", &container]);
    docker(&["volume", "rm", &volume]);
    docker(&["network", "rm", &network]);
    assert_nothing_left_in(&tmp, &before);
}
