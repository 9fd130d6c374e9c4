//! `DOCKER_HOST` pointing at another engine: a second Docker Engine of the
//! test's own (its own socket, data root and network namespace), and every
//! docker call of a run, doccheck's and the guide's, going to it.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::docker::docker;
use crate::test::{signal, Test};

/// A second Docker Engine of the test's own, on its own socket and data root.
struct SecondEngine {
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl SecondEngine {
    fn start() -> SecondEngine {
        let dir = tempfile::Builder::new()
            .prefix("dcengine-")
            .tempdir()
            .unwrap();
        let config = dir.path().join("daemon.json");
        std::fs::write(&config, "{}").unwrap();
        let socket = dir.path().join("docker.sock");
        // In a network namespace of its own: a second engine must never touch
        // the host's bridges (one started beside the host's deletes docker0).
        let child = Command::new("unshare")
            .args(["--net", "--", "dockerd"])
            .arg("--config-file")
            .arg(&config)
            .arg("--data-root")
            .arg(dir.path().join("root"))
            .arg("--exec-root")
            .arg(dir.path().join("exec"))
            .arg("--pidfile")
            .arg(dir.path().join("pid"))
            .arg("--host")
            .arg(format!("unix://{}", socket.display()))
            .args(["--bridge", "none", "--iptables=false", "--ip-masq=false"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("log")).unwrap())
            .spawn()
            .expect("unshare and dockerd start (this machine runs its own Docker Engine as root)");
        let engine = SecondEngine { dir, child };
        let started = Instant::now();
        while Command::new("docker")
            .env("DOCKER_HOST", engine.host())
            .args(["version"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_or(true, |s| !s.success())
        {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the second engine never answered: {}",
                std::fs::read_to_string(engine.dir.path().join("log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        engine
    }

    fn host(&self) -> String {
        format!("unix://{}", self.dir.path().join("docker.sock").display())
    }
}

impl Drop for SecondEngine {
    fn drop(&mut self) {
        signal(self.child.id(), libc::SIGTERM);
        let _ = self.child.wait();
    }
}

#[test]
fn docker_host_points_every_docker_call_at_another_engine() {
    let bridge = || {
        Command::new("ip")
            .args(["link", "show", "docker0"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let had_bridge = bridge();
    let engine = SecondEngine::start();
    let root = engine.dir.path().join("root").display().to_string();
    let out = Test::new()
        .guide(&format!("```console\n$ docker info --format '{{{{.DockerRootDir}}}}'\n{root}\n$ docker network create --driver bridge guide-net\n[..]\n$ docker network ls --format '{{{{.Name}}}}' | grep -c guide-net\n1\n```\n"))
        .env("DOCKER_HOST", &engine.host())
        .private_tmpdir()
        .stdout(&format!("doccheck g.md: 1 steps\n✓   1  g.md:1  [..]\nnote: docker: Docker Engine [..] at {}\nnote: local names are the run's own on the daemon: guide-net → guide-net-dc[..]\ng.md: ok. [..]\n", engine.host()))
        .run();
    // What the guide created on that engine is gone; the default engine never saw it.
    let left = Command::new("docker")
        .env("DOCKER_HOST", engine.host())
        .args(["network", "ls", "--format", "{{.Name}}"])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&left.stdout).contains("guide-net"),
        "the guide's network was not removed"
    );
    assert!(!docker(&["network", "ls"]).contains("guide-net"));
    drop(out);
    drop(engine);
    assert_eq!(
        bridge(),
        had_bridge,
        "the second engine changed the host's docker0"
    );
}
