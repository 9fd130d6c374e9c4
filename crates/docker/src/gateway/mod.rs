//! The run's one point of contact with Docker: doccheck serves the Engine API
//! on a unix socket in the run's control directory, the session's
//! DOCKER_HOST points at it, and every request is forwarded to the real engine
//! after [`policy`] has looked at it. So whatever starts the request (the
//! guide's docker CLI, `bash -c`, a script, compose, an SDK), a push cannot
//! leave the machine, no credentials are sent, what is created is labelled or
//! recorded, and local names are the run's own. Streams and upgraded
//! connections (attach, `-it`, logs that follow) pass through untouched.

pub mod answers;
pub mod http;
mod neighbours;
pub mod policy;
mod stream;

use std::io::{self, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::names::Namespace;
use http::{copy_body, read_body, read_head, respond, Framing, Head};
use policy::{Answer, Decision, Request, Run};
use stream::Stream;
pub use stream::Upstream;

/// An empty registry auth (`{}` in base64): what every request carries instead of the user's.
const NO_AUTH: &str = "e30=";

/// What the gateway learned, for the report and for cleanup.
#[derive(Debug, Default)]
pub struct State {
    pub run_id: String,
    pub labels: Vec<(String, String)>,
    /// Registry host as documented → the run's registry.
    pub registries: Vec<(String, String)>,
    pub names: Namespace,
    pub containers: Vec<String>,
    /// Image ids builds printed, in order.
    pub images: Vec<String>,
    pub tags: Vec<String>,
    /// Pushes refused, as the messages the guide saw.
    pub refused: Vec<String>,
    /// Why the engine could not be reached, when it could not.
    pub engine_gone: Option<String>,
    /// Appended as records arrive, so a run killed outright can be swept.
    pub records_file: Option<PathBuf>,
    /// Builds whose answer is still streaming.
    pub building: usize,
}

impl State {
    fn record(&mut self, kind: &str, what: &str) {
        let list = match kind {
            "container" => &mut self.containers,
            "image" => &mut self.images,
            _ => &mut self.tags,
        };
        if list.iter().any(|w| w == what) {
            return;
        }
        list.push(what.to_string());
        if let Some(file) = &self.records_file {
            if let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(file)
            {
                let _ = writeln!(f, "{kind} {what}");
            }
        }
    }
}

pub struct Gateway {
    socket: PathBuf,
    pub state: Arc<Mutex<State>>,
    stopped: Arc<AtomicBool>,
    listener: Option<JoinHandle<()>>,
}

impl Gateway {
    /// Listens on `socket` and forwards to `upstream`.
    pub fn start(socket: &Path, upstream: Upstream, state: State) -> io::Result<Gateway> {
        let _ = std::fs::remove_file(socket);
        let listener = UnixListener::bind(socket)?;
        let state = Arc::new(Mutex::new(state));
        let stopped = Arc::new(AtomicBool::new(false));
        let thread = {
            let state = Arc::clone(&state);
            let stopped = Arc::clone(&stopped);
            std::thread::spawn(move || {
                for client in listener.incoming() {
                    if stopped.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(client) = client else { continue };
                    let state = Arc::clone(&state);
                    let upstream = upstream.clone();
                    std::thread::spawn(move || {
                        let _ = serve(client, &upstream, &state);
                    });
                }
            })
        };
        Ok(Gateway {
            socket: socket.to_path_buf(),
            state,
            stopped,
            listener: Some(thread),
        })
    }

    /// The DOCKER_HOST that reaches it.
    pub fn host(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// Waits until no build is streaming any more (at most `limit`): a build
    /// whose client went away still finishes its step on the engine, and its
    /// images must be recorded before cleanup. False if one still runs.
    pub fn wait_for_builds(&self, limit: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        while lock(&self.state).building > 0 {
            if started.elapsed() > limit {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        true
    }

    pub fn stop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = UnixStream::connect(&self.socket);
        if let Some(thread) = self.listener.take() {
            let _ = thread.join();
        }
        let _ = std::fs::remove_file(&self.socket);
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// The gateway's state, for the integration to read and update.
pub fn lock_state(gateway: &Gateway) -> std::sync::MutexGuard<'_, State> {
    lock(&gateway.state)
}

fn error_body(message: &str) -> Vec<u8> {
    serde_json::json!({ "message": message })
        .to_string()
        .into_bytes()
}

/// Serves one client connection, request after request.
fn serve(client: UnixStream, upstream: &Upstream, state: &Arc<Mutex<State>>) -> io::Result<()> {
    let mut from_client = BufReader::new(client.try_clone()?);
    let mut to_client = client;
    let mut engine: Option<(BufReader<Stream>, Stream)> = None;
    while let Some(mut head) = read_head(&mut from_client)? {
        let Some(request) = Request::parse(&head.start) else {
            return respond(
                &mut to_client,
                "400 Bad Request",
                "application/json",
                &error_body("doccheck: not an HTTP request"),
            );
        };
        // No request carries the user's credentials.
        for name in ["X-Registry-Auth", "X-Registry-Config"] {
            if head.header(name).is_some() {
                head.set_header(name, NO_AUTH);
            }
        }
        if request.path.ends_with("/push") {
            head.set_header("X-Registry-Auth", NO_AUTH);
        }
        // A request without a length has no body (a response runs to the close).
        let framing = match head.framing(false) {
            Framing::None => Framing::Length(0),
            framing => framing,
        };
        let small_json = matches!(
            request.path.as_str(),
            "/containers/create" | "/networks/create" | "/volumes/create"
        );
        let body = if small_json {
            Some(read_body(framing, &mut from_client)?)
        } else {
            None
        };
        let method = request.method.clone();
        let label_builds = method == "POST"
            && request.path == "/build"
            && neighbours::others_live(upstream, &lock(state).run_id);
        let decision = {
            let mut state = lock(state);
            let State {
                labels,
                registries,
                names,
                ..
            } = &mut *state;
            let run = Run {
                labels,
                registries,
                label_builds,
            };
            policy::decide(request, body.as_deref(), &run, names)
        };
        let Decision::Forward {
            request,
            body: new_body,
            answer,
            tag_first,
            tags,
        } = decision
        else {
            let Decision::Refuse { status, message } = decision else {
                unreachable!()
            };
            if body.is_none() {
                copy_body(framing, &mut from_client, &mut io::sink(), &mut |_| {})?;
            }
            lock(state).refused.push(message.clone());
            let status = if status == 403 {
                "403 Forbidden"
            } else {
                "400 Bad Request"
            };
            respond(
                &mut to_client,
                status,
                "application/json",
                &error_body(&message),
            )?;
            continue;
        };
        if engine.is_none() {
            match upstream.connect() {
                Ok(stream) => engine = Some((BufReader::new(stream.try_clone()?), stream)),
                Err(e) => {
                    let message =
                        format!("doccheck: the Docker daemon at {upstream} does not answer ({e})");
                    lock(state).engine_gone = Some(message.clone());
                    if body.is_none() {
                        let _ = copy_body(framing, &mut from_client, &mut io::sink(), &mut |_| {});
                    }
                    return respond(
                        &mut to_client,
                        "502 Bad Gateway",
                        "application/json",
                        &error_body(&message),
                    );
                }
            }
        }
        let (from_engine, to_engine) = engine.as_mut().expect("connected above");
        if let Some((source, repository, tag)) = tag_first {
            let tag_request = format!(
                "POST {}/images/{source}/tag?repo={}&tag={tag} HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n",
                request.version,
                form_urlencoded::byte_serialize(repository.as_bytes()).collect::<String>()
            );
            to_engine.write_all(tag_request.as_bytes())?;
            let answer =
                read_head(from_engine)?.ok_or_else(|| io::Error::other("the engine closed"))?;
            let text = read_body(answer.framing(false), from_engine)?;
            if !answer.start.contains(" 201") && !answer.start.contains(" 200") {
                if body.is_none() {
                    copy_body(framing, &mut from_client, &mut io::sink(), &mut |_| {})?;
                }
                respond(&mut to_client, "404 Not Found", "application/json", &text)?;
                continue;
            }
            lock(state).record("tag", &format!("{repository}:{tag}"));
        }
        head.start = format!("{method} {} HTTP/1.1", request.target());
        match new_body.or(body) {
            Some(bytes) => {
                head.remove_header("Transfer-Encoding");
                head.set_header("Content-Length", &bytes.len().to_string());
                head.write_to(to_engine)?;
                to_engine.write_all(&bytes)?;
                to_engine.flush()?;
            }
            None => {
                head.write_to(to_engine)?;
                copy_body(framing, &mut from_client, to_engine, &mut |_| {})?;
            }
        }
        let Some(answer_head) = read_head(from_engine)? else {
            let message =
                format!("doccheck: the Docker daemon at {upstream} closed the connection");
            lock(state).engine_gone = Some(message.clone());
            return respond(
                &mut to_client,
                "502 Bad Gateway",
                "application/json",
                &error_body(&message),
            );
        };
        for tag in tags {
            lock(state).record("tag", &tag);
        }
        if answer_head.start.contains(" 101 ") || hijacked(&answer_head) {
            // attach, exec, `-it`: from here on the connection is a raw stream both ways.
            answer_head.write_to(&mut to_client)?;
            to_client.flush()?;
            let (from_engine, to_engine) = engine.take().expect("connected above");
            return splice(from_client, to_client, from_engine, to_engine);
        }
        let close = answer_head
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"));
        let response_framing = answer_head.framing(method == "HEAD");
        relay(
            answer_head,
            response_framing,
            answer,
            from_engine,
            &mut to_client,
            state,
        )?;
        if close || response_framing == Framing::None {
            return Ok(());
        }
    }
    Ok(())
}

/// A response the engine hijacks without an upgrade (attach on old clients).
fn hijacked(head: &Head) -> bool {
    head.header("content-type").is_some_and(|t| {
        t.starts_with("application/vnd.docker.raw-stream")
            || t.starts_with("application/vnd.docker.multiplexed-stream")
    }) && head.framing(false) == Framing::None
}

/// Sends the engine's answer on, reading what `answer` says to read.
fn relay(
    mut head: Head,
    framing: Framing,
    answer: Answer,
    from_engine: &mut BufReader<Stream>,
    to_client: &mut UnixStream,
    state: &Arc<Mutex<State>>,
) -> io::Result<()> {
    let rewrite = |body: &[u8]| -> Option<Vec<u8>> {
        let state = lock(state);
        match answer {
            Answer::ImageList => answers::image_list(body, &state.names, &state.run_id),
            Answer::ContainerList => answers::container_list(body, &state.names, &state.run_id),
            Answer::VolumeList => answers::volume_list(body, &state.run_id),
            _ => None,
        }
    };
    match answer {
        Answer::ImageList | Answer::ContainerList | Answer::VolumeList | Answer::Created => {
            let body = read_body(framing, from_engine)?;
            if answer == Answer::Created && head.start.contains(" 201") {
                if let Some(id) = answers::created_id(&body) {
                    lock(state).record("container", &id);
                }
            }
            let body = rewrite(&body).unwrap_or(body);
            head.remove_header("Transfer-Encoding");
            head.set_header("Content-Length", &body.len().to_string());
            head.write_to(to_client)?;
            to_client.write_all(&body)?;
            to_client.flush()
        }
        Answer::Build | Answer::Loaded => {
            // Read to the end even when the client is gone: what the engine
            // still builds must be recorded, to be removed.
            let mut client = Lenient {
                inner: to_client,
                gone: false,
            };
            let _ = head.write_to(&mut client);
            let mut pending = String::new();
            if answer == Answer::Build {
                lock(state).building += 1;
            }
            let copied = copy_body(framing, from_engine, &mut client, &mut |bytes| {
                pending.push_str(&String::from_utf8_lossy(bytes));
                if let Some(end) = pending.rfind('\n') {
                    let complete: String = pending.drain(..=end).collect();
                    let mut state = lock(state);
                    if answer == Answer::Build {
                        for id in answers::build_ids(&complete) {
                            state.record("image", &id);
                        }
                    } else {
                        for name in answers::loaded(&complete) {
                            state.record("tag", &name);
                        }
                    }
                }
            });
            if answer == Answer::Build {
                lock(state).building -= 1;
            }
            copied?;
            if client.gone {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "the client went away",
                ));
            }
            Ok(())
        }
        Answer::Pass => {
            head.write_to(to_client)?;
            copy_body(framing, from_engine, to_client, &mut |_| {})
        }
    }
}

/// A writer that stops writing, without failing, once its peer is gone.
struct Lenient<'a> {
    inner: &'a mut UnixStream,
    gone: bool,
}

impl Write for Lenient<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.gone && self.inner.write_all(buf).is_err() {
            self.gone = true;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.gone && self.inner.flush().is_err() {
            self.gone = true;
        }
        Ok(())
    }
}

/// Copies both ways until either side closes.
fn splice(
    mut from_client: BufReader<UnixStream>,
    mut to_client: UnixStream,
    mut from_engine: BufReader<Stream>,
    mut to_engine: Stream,
) -> io::Result<()> {
    let client_side = to_client.try_clone()?;
    let engine_side = to_engine.try_clone()?;
    let up = std::thread::spawn(move || {
        let _ = io::copy(&mut from_client, &mut to_engine);
        to_engine.shutdown_write();
    });
    let _ = io::copy(&mut from_engine, &mut to_client);
    let _ = client_side.shutdown(std::net::Shutdown::Both);
    engine_side.shutdown_all();
    let _ = up.join();
    Ok(())
}
