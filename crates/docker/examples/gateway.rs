//! Serves doccheck's Docker gateway on a socket, in front of the local engine,
//! to try it by hand:
//!
//!     cargo run -p doccheck-docker --example gateway -- /tmp/gw.sock
//!     DOCKER_HOST=unix:///tmp/gw.sock docker build -t app .

use std::path::PathBuf;

use doccheck_docker::gateway::{Gateway, State, Upstream};
use doccheck_docker::names::Namespace;

fn main() {
    let socket = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/gw.sock".into()),
    );
    let state = State {
        run_id: "example".into(),
        labels: vec![("doccheck.run".into(), "example".into())],
        names: Namespace::new("example"),
        ..State::default()
    };
    let upstream = Upstream::Unix("/var/run/docker.sock".into());
    let _gateway = Gateway::start(&socket, upstream, state).expect("the gateway starts");
    eprintln!("gateway on unix://{}", socket.display());
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
