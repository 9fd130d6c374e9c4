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
mod owned;
pub mod policy;
mod stream;

use std::io::{self, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::names::Namespace;
use crate::push::Registries;
use http::{copy_body, read_body, read_head, respond, Framing, Head};
use policy::{Answer, Decision, Forward, Request, Run};
use stream::Stream;
pub use stream::Upstream;

/// An empty registry auth (`{}` in base64): what every request carries instead of the user's.
const NO_AUTH: &str = "e30=";

/// What the gateway learned, for the report and for cleanup.
#[derive(Debug, Default)]
pub struct State {
    pub run_id: String,
    pub labels: Vec<(String, String)>,
    pub registries: Registries,
    pub names: Namespace,
    pub containers: Vec<String>,
    /// Image ids builds printed, in order.
    pub images: Vec<String>,
    pub tags: Vec<String>,
    /// Volumes a container's binds made the engine create (unlabelled).
    pub volumes: Vec<String>,
    /// Pushes refused, as the messages the guide saw.
    pub refused: Vec<String>,
    /// Why the engine could not be reached, when it could not.
    pub engine_gone: Option<String>,
    /// Appended as records arrive, so a run killed outright can be swept.
    pub records_file: Option<PathBuf>,
    /// Whether any request that could change the engine went through: if
    /// none did, there is nothing of the run's to look for at cleanup.
    pub changed: bool,
    /// Requests that create something and whose answer is still coming.
    pub in_flight: usize,
    /// The engine's socket by each of its paths, and other paths that lead
    /// to the engine (see [`policy::Run`]).
    pub engine_sockets: Vec<PathBuf>,
    pub engine_paths: Vec<PathBuf>,
    /// The gateway's own socket.
    pub socket: PathBuf,
}

impl State {
    pub(crate) fn record(&mut self, kind: &str, what: &str) {
        let list = match kind {
            "container" => &mut self.containers,
            "image" => &mut self.images,
            "volume" => &mut self.volumes,
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
    pub fn start(socket: &Path, upstream: Upstream, mut state: State) -> io::Result<Gateway> {
        let _ = std::fs::remove_file(socket);
        let listener = UnixListener::bind(socket)?;
        state.socket = socket.to_path_buf();
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

    /// Its socket.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// The DOCKER_HOST that reaches it.
    pub fn host(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// Waits until no request that creates something is under way any
    /// more (at most `limit`): a build or a create whose client went away
    /// still finishes on the engine, and what it makes must be recorded
    /// before cleanup. False if one still runs.
    pub fn wait_for_requests(&self, limit: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        while lock(&self.state).in_flight > 0 {
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

/// Whether the engine at `upstream` answers (`GET /_ping`).
pub fn ping(upstream: &Upstream) -> bool {
    owned::get(upstream, "/_ping").is_ok_and(|(status, _)| status == 200)
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
        // A request without a length has no body (a response runs to the close).
        let framing = match head.framing(false) {
            Framing::None => Framing::Length(0),
            framing => framing,
        };
        let request = match Request::parse(&head.start) {
            Ok(request) => request,
            Err(why) => {
                let message = format!("doccheck: {why}");
                lock(state).refused.push(message.clone());
                return respond(
                    &mut to_client,
                    "400 Bad Request",
                    "application/json",
                    &error_body(&message),
                );
            }
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
        let small_json = policy::reads_body(&request);
        let body = if small_json {
            Some(read_body(framing, &mut from_client)?)
        } else {
            None
        };
        let method = request.method.clone();
        // What creates is waited for before cleanup: a create whose client
        // went away (Ctrl-C) still makes its object. (Not `wait` or
        // `attach`, which last as long as their container.)
        let creates = method == "POST"
            && (request.path == "/build"
                || request.path == "/commit"
                || request.path == "/images/load"
                || ["/create", "/tag", "/push"]
                    .iter()
                    .any(|end| request.path.ends_with(end)));
        let decision = {
            let mut state = lock(state);
            let State {
                run_id,
                labels,
                registries,
                names,
                engine_sockets,
                engine_paths,
                socket,
                images,
                ..
            } = &mut *state;
            let run = Run {
                run_id,
                labels,
                registries,
                own_images: images,
                engine_sockets,
                engine_paths,
                gateway_socket: socket,
            };
            policy::decide(request, body.as_deref(), &run, names)
        };
        let refused = match &decision {
            Decision::Forward(forward) if forward.check.is_some() => {
                let check = forward.check.as_ref().expect("matched above");
                let (run_id, images) = {
                    let state = lock(state);
                    (state.run_id.clone(), state.images.clone())
                };
                owned::refusal(upstream, check, &run_id, &images).unwrap_or(None)
            }
            Decision::Refuse { message, .. } => Some(message.clone()),
            _ => None,
        };
        let forward = match decision {
            Decision::Forward(forward) if refused.is_none() => forward,
            Decision::Reply(answer) => {
                if body.is_none() {
                    copy_body(framing, &mut from_client, &mut io::sink(), &mut |_| {})?;
                }
                respond(
                    &mut to_client,
                    "200 OK",
                    "application/json",
                    answer.as_bytes(),
                )?;
                continue;
            }
            _ => {
                let message = refused.unwrap_or_default();
                if body.is_none() {
                    copy_body(framing, &mut from_client, &mut io::sink(), &mut |_| {})?;
                }
                lock(state).refused.push(message.clone());
                respond(
                    &mut to_client,
                    "403 Forbidden",
                    "application/json",
                    &error_body(&message),
                )?;
                continue;
            }
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
        let _in_flight = creates.then(|| InFlight::enter(state));
        if method != "GET" && method != "HEAD" {
            lock(state).changed = true;
        }
        let (from_engine, to_engine) = engine.as_mut().expect("connected above");
        let Forward {
            request,
            body: new_body,
            answer,
            tag_first,
            tags,
            volumes,
            ..
        } = *forward;
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
        // Recorded before the engine makes them: a run killed meanwhile is swept by them.
        for tag in &tags {
            lock(state).record("tag", tag);
        }
        for volume in &volumes {
            lock(state).record("volume", volume);
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
        // No body follows a HEAD's answer, nor a 204 or 304 (the engine
        // answers `start`, `stop`, `kill` with 204 and no length).
        let bodiless = method == "HEAD"
            || [" 204", " 304"]
                .iter()
                .any(|s| answer_head.start.contains(s));
        let response_framing = answer_head.framing(bodiless);
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

/// A request that creates something, counted while it is under way.
struct InFlight<'a>(&'a Mutex<State>);

impl<'a> InFlight<'a> {
    fn enter(state: &'a Mutex<State>) -> InFlight<'a> {
        lock(state).in_flight += 1;
        InFlight(state)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        lock(self.0).in_flight -= 1;
    }
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
            Answer::VolumeList => answers::volume_list(body, &state.names, &state.run_id),
            Answer::Deleted => answers::deleted(body, &state.names),
            Answer::NetworkList => answers::network_list(body, &state.names),
            Answer::Named(kind) => answers::named(body, kind, &state.names),
            _ => None,
        }
    };
    match answer {
        Answer::ImageList
        | Answer::ContainerList
        | Answer::VolumeList
        | Answer::Created
        | Answer::Deleted
        | Answer::NetworkList
        | Answer::Named(_) => {
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
            let mut built = crate::built::Built::default();
            let copied = copy_body(framing, from_engine, &mut client, &mut |bytes| {
                pending.push_str(&String::from_utf8_lossy(bytes));
                if let Some(end) = pending.rfind('\n') {
                    let complete: String = pending.drain(..=end).collect();
                    let mut state = lock(state);
                    if answer == Answer::Build {
                        let known = built.ids.len();
                        answers::build_progress(&complete, &mut built);
                        for id in &built.ids[known..] {
                            state.record("image", id);
                        }
                    } else {
                        for name in answers::loaded(&complete) {
                            state.record("tag", &name);
                        }
                    }
                }
            });
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
