//! The live progress area on stderr (only when stderr is a terminal): a line
//! per running guide with what it is doing and for how long, redrawn ten
//! times a second by a thread of its own, as cargo-nextest shows running tests.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use console::{style, Term};

struct Progress {
    key: String,
    label: String,
    since: Instant,
}

#[derive(Default)]
struct Area {
    running: Vec<Progress>,
    /// Lines drawn last time, to clear before the next drawing.
    drawn: usize,
}

pub struct Live {
    area: Arc<Mutex<Area>>,
    ticking: bool,
    stopped: Arc<AtomicBool>,
}

fn draw(err: &Term, area: &mut Area) {
    let _ = err.clear_last_lines(area.drawn);
    let width = err.size().1 as usize;
    for p in &area.running {
        let line = format!("  … {}  {:.1}s", p.label, p.since.elapsed().as_secs_f64());
        let _ = err.write_line(&console::truncate_str(&line, width.saturating_sub(1), "…"));
    }
    area.drawn = area.running.len();
}

impl Live {
    pub fn new() -> Live {
        let err = Term::stderr();
        let ticking = err.is_term();
        let area: Arc<Mutex<Area>> = Arc::default();
        let stopped = Arc::new(AtomicBool::new(false));
        if ticking {
            let shared = Arc::clone(&area);
            let stop = Arc::clone(&stopped);
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(100));
                    let mut area = shared.lock().unwrap_or_else(|e| e.into_inner());
                    draw(&err, &mut area);
                }
            });
        }
        Live {
            area,
            ticking,
            stopped,
        }
    }

    /// Runs `f` with the area cleared, so what it prints is not drawn over.
    fn with_cleared(&self, f: impl FnOnce(&mut Area)) {
        let mut area = self.area.lock().unwrap_or_else(|e| e.into_inner());
        if self.ticking {
            let _ = Term::stderr().clear_last_lines(area.drawn);
            area.drawn = 0;
        }
        f(&mut area);
    }

    /// `key` (a guide) is now doing `label`.
    pub fn running(&self, key: &str, label: String) {
        self.with_cleared(
            |area| match area.running.iter_mut().find(|p| p.key == key) {
                Some(p) if p.label != label => {
                    p.label = label;
                    p.since = Instant::now();
                }
                Some(_) => {}
                None => area.running.push(Progress {
                    key: key.to_string(),
                    label,
                    since: Instant::now(),
                }),
            },
        );
    }

    /// `key` is doing nothing worth showing.
    pub fn idle(&self, key: &str) {
        self.with_cleared(|area| area.running.retain(|p| p.key != key));
    }

    /// Prints `text` on stdout without the area drawn over it.
    pub fn print(&self, text: &str) {
        self.with_cleared(|_| crate::out(text));
    }

    pub fn preparing(&self, what: &str) {
        self.with_cleared(|_| {
            let _ = Term::stderr().write_line(&format!("{} {what}", style("…").dim()));
        });
    }

    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.with_cleared(|area| area.running.clear());
    }
}
