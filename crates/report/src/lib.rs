//! Reporters, fed by events alone (cargo-nextest's split): the run's
//! [`event`]s, from each guide's plan to the run's [`Outcome`], reach the
//! [`terminal`], [`json`], [`json_events`], [`junit`], [`github`] annotations and the
//! [`html`] page. Steps and translation findings both become
//! [`case::Case`]s for the formats that list outcomes, so every format
//! shows them the same way; [`printable`] is how text from a run is shown
//! in all but JSON.

pub mod case;
pub mod event;
pub mod github;
pub mod html;
pub mod json;
pub mod json_events;
pub mod junit;
pub mod printable;
pub mod summary;
pub mod terminal;

pub use event::{Event, GuideId, Outcome, Plans, Translation};

/// One output format, fed the run's events in order; `finish` writes what
/// it keeps for the end (a file) and says what could not be written.
pub trait Reporter {
    fn report(&mut self, event: &Event);
    fn finish(&mut self) -> Result<(), String> {
        Ok(())
    }
}

/// Several reporters as one.
pub struct Reporters(pub Vec<Box<dyn Reporter>>);

impl Reporter for Reporters {
    fn report(&mut self, event: &Event) {
        self.0.iter_mut().for_each(|r| r.report(event));
    }
    fn finish(&mut self) -> Result<(), String> {
        let mut result = Ok(());
        for r in &mut self.0 {
            if let Err(e) = r.finish() {
                result = Err(e);
            }
        }
        result
    }
}

/// A report file written whole: a temporary file beside it, renamed over it
/// (a reader never sees half of one), readable as any new file is (the umask
/// applies), not private as a temporary file is.
pub fn write_file(path: &std::path::Path, text: &str) -> Result<(), String> {
    let shown = path.display();
    let fail = |e: std::io::Error| format!("cannot write {shown}: {e}");
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(dir).map_err(fail)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes to stdout; a closed pipe (`doccheck ... | head`) is not worth a panic.
pub fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

/// Writes to stderr, likewise.
pub fn err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}
