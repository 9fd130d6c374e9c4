//! Every way around the gateway a guide can write meets its policy: the
//! engine's own socket named outright (`-H`, `DOCKER_HOST`, `env -u`, a
//! `docker context`, curl), percent-encoded paths, plugin pushes, a
//! container given the engine's socket, and Docker calls hidden in a script
//! of a guide that shows none. A registry on loopback stands for "off the
//! machine", and the image the guide pushes is tagged for it by the test
//! beforehand, outside doccheck: a push that got through would land.

use crate::docker::{assert_nothing_left_in, Before};
use crate::docker_gateway::Outside;
use crate::docker_ownership::{unique, user_image};
use crate::test::Test;

/// Removes the test's own image, whatever the outcome.
struct Tagged(String);

impl Drop for Tagged {
    fn drop(&mut self) {
        crate::docker::docker(&["rmi", &self.0]);
    }
}

/// A registry off the machine, and an image of the test's own tagged for it
/// (removed when the last value goes).
fn outside_with_an_image(prefix: &str) -> (Outside, String, Tagged) {
    let outside = Outside::start();
    let target = format!("{}/{}", outside.address, unique(prefix));
    user_image(&[&target], "user");
    let tagged = Tagged(target.clone());
    (outside, target, tagged)
}

/// Runs `guide`: it passes with `steps` steps, nothing reached `outside`,
/// nothing of the run is left.
fn passes_and_pushes_nothing(guide: &str, steps: usize, outside: &Outside) {
    let test = Test::new().guide(guide).private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    let _out = test
        .stdout(&format!(
            "...\ng.md: ok. {steps} steps: {steps} passed, 0 failed, 0 skipped, 0 not run; [..]s\n"
        ))
        .run();
    outside.assert_received_nothing();
    assert_nothing_left_in(&tmp, &before);
}

#[test]
fn every_way_around_the_gateway_meets_its_policy() {
    let (outside, target, _tagged) = outside_with_an_image("bypass");
    let refused = format!(
        "doccheck: pushes to {} are not allowed in this run ({target}:latest)",
        outside.address
    );
    let plugin = "doccheck: POST /plugins/";
    let forms: [(String, &str); 9] = [
        (format!("docker -H unix:///var/run/docker.sock push {target}"), &refused),
        (format!("DOCKER_HOST=unix:///var/run/docker.sock docker push {target}"), &refused),
        (format!("env -u DOCKER_HOST docker push {target}"), &refused),
        (
            format!("docker context create real --docker host=unix:///var/run/docker.sock >/dev/null 2>&1 && docker --context real push {target}"),
            &refused,
        ),
        (
            format!("curl -s --unix-socket /var/run/docker.sock -X POST 'http://docker/v1.41/images/{target}/push?tag=latest'"),
            &refused,
        ),
        (
            format!("curl -s --unix-socket /run/docker.sock -X POST 'http://docker/v1.41/images/{target}/pus%68?tag=latest'"),
            &refused,
        ),
        (
            format!("curl -s --unix-socket /var/run/docker.sock -X POST 'http://docker/v1.41/%69mages/{target}/push?tag=latest'"),
            &refused,
        ),
        (
            "curl -s --unix-socket /var/run/docker.sock -X POST 'http://docker/v1.41/plugins/doccheck/evil/push'".to_string(),
            plugin,
        ),
        (
            format!("docker run --rm -v /var/run/docker.sock:/var/run/docker.sock cli -H unix:///var/run/docker.sock push {target}"),
            &refused,
        ),
    ];
    // An image with the docker CLI in it (it needs libc alone), for the container.
    let mut guide = String::from(
        "```bash\nmkdir -p cli/lib/x86_64-linux-gnu cli/lib64\ncp \"$(command -v docker)\" cli/docker\ncp /lib/x86_64-linux-gnu/libc.so.6 cli/lib/x86_64-linux-gnu/\ncp /lib64/ld-linux-x86-64.so.2 cli/lib64/\nprintf 'FROM scratch\\nCOPY . /\\nENV HOME=/\\nENTRYPOINT [\"/docker\"]\\n' > cli/Dockerfile\ndocker build -q -t cli cli > /dev/null\n```\n\n",
    );
    for (form, message) in &forms {
        guide.push_str(&format!(
            "```console\n$ {form} 2>&1 | grep -c '{message}'\n1\n```\n\n"
        ));
    }
    passes_and_pushes_nothing(&guide, 10, &outside);
}

#[test]
fn docker_hidden_in_a_script_of_a_guide_that_shows_none_meets_the_gateway() {
    let (outside, target, _tagged) = outside_with_an_image("hidden");
    // Nothing in the guide's commands names docker: the script does.
    let guide = format!(
        "```sh file=deploy.sh\n#!/bin/sh\nd=dock; d=\"${{d}}er\"\nmkdir -p app && echo x > app/f && printf 'FROM scratch\\nCOPY f /f\\n' > app/Dockerfile\n$d build -q -t deployed app > /dev/null\n$d push {target}\n```\n\n```console\n$ sh deploy.sh 2>&1 | grep -c 'doccheck: pushes to'\n1\n$ printenv DOCKER_CONFIG | grep -c '/ctl/docker-config$'\n1\n```\n"
    );
    passes_and_pushes_nothing(&guide, 2, &outside);
    let left = crate::docker::docker(&["images", "--format", "{{.Repository}}"]);
    assert!(
        !left.contains("deployed"),
        "the hidden build was left: {left}"
    );
}
