//! Nothing is left however a run ends: a signal while a create is still on
//! its way to the engine (the engine makes the container after the run has
//! stopped asking) leaves no container, because cleanup waits for it.

use std::time::Duration;

use crate::docker::{assert_nothing_left_in, docker, Before};
use crate::docker_gateway::{Proxy, IMAGE};
use crate::test::{signal, Test};

#[test]
fn a_signal_while_a_create_is_under_way_leaves_no_container() {
    let proxy = Proxy::start();
    let test = Test::new();
    let flag = test.path("creating");
    let name = crate::docker_ownership::unique("late");
    let guide = format!(
        "{IMAGE}```sh\ntouch {}\ndocker create --name {name} pushme\n```\n",
        flag.display()
    );
    let test = test
        .guide(&guide)
        .env("DOCKER_HOST", &proxy.host())
        .private_tmpdir();
    let tmp = test.tmpdir_path().unwrap();
    let before = Before::now();
    proxy.hold_creates();
    let child = crate::test::spawn_until(&test, &flag);
    // The create is held on its way: the run is stopped meanwhile.
    std::thread::sleep(Duration::from_millis(500));
    signal(child.id(), libc::SIGINT);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Whatever the engine made after the run stopped asking is gone too.
    std::thread::sleep(Duration::from_secs(3));
    let names = docker(&["ps", "-a", "--format", "{{.Names}}"]);
    assert!(!names.contains(&name), "the container was left: {names}");
    assert_nothing_left_in(&tmp, &before);
}
