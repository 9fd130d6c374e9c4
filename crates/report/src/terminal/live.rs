//! The live progress line on stderr (only when stderr is a terminal): what is
//! running and for how long, redrawn ten times a second by a thread of its own.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use console::{style, Term};

struct Progress {
    label: String,
    since: Instant,
}

pub struct Live {
    current: Arc<Mutex<Option<Progress>>>,
    ticking: bool,
}

impl Live {
    pub fn new() -> Live {
        let err = Term::stderr();
        let ticking = err.is_term();
        let current: Arc<Mutex<Option<Progress>>> = Arc::new(Mutex::new(None));
        if ticking {
            let shared = Arc::clone(&current);
            std::thread::spawn(move || loop {
                std::thread::sleep(Duration::from_millis(100));
                let guard = shared.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(p) = guard.as_ref() {
                    let line = format!("  … {}  {:.1}s", p.label, p.since.elapsed().as_secs_f64());
                    let width = err.size().1 as usize;
                    let _ = err.clear_line();
                    let _ =
                        err.write_str(&console::truncate_str(&line, width.saturating_sub(1), "…"));
                }
            });
        }
        Live { current, ticking }
    }

    fn set(&self, progress: Option<Progress>) {
        let mut guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        *guard = progress;
        if self.ticking {
            let _ = Term::stderr().clear_line();
        }
    }

    pub fn running(&self, label: String) {
        self.set(Some(Progress {
            label,
            since: Instant::now(),
        }));
    }

    pub fn idle(&self) {
        self.set(None);
    }

    pub fn preparing(&self, what: &str) {
        self.idle();
        let _ = Term::stderr().write_line(&format!("{} {what}", style("…").dim()));
    }
}
