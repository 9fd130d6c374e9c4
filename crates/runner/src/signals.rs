//! SIGINT (Ctrl-C) and SIGTERM (what CI runners send when a job is
//! cancelled): the first one asks the run to stop, kill the guide's processes,
//! clean up and report; a second one exits at once. The runner never installs
//! handlers itself: the binary calls [`install`] and passes the [`Interrupt`] in.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// Which signal asked the run to stop, if one did. Cheap to clone and poll.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Arc<AtomicUsize>);

pub const SIGINT: i32 = libc::SIGINT;
pub const SIGTERM: i32 = libc::SIGTERM;

impl Interrupt {
    /// An interrupt that only [`Interrupt::raise`] sets (for tests and embedders).
    pub fn new() -> Self {
        Interrupt::default()
    }

    pub fn signal(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n as i32),
        }
    }

    pub fn is_set(&self) -> bool {
        self.signal().is_some()
    }

    pub fn raise(&self, signal: i32) {
        let _ = self
            .0
            .compare_exchange(0, signal as usize, Ordering::SeqCst, Ordering::SeqCst);
    }
}

/// The name a report gives a signal.
pub fn name(signal: i32) -> &'static str {
    match signal {
        SIGINT => "Ctrl-C",
        SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

/// Installs the handlers: the first SIGINT or SIGTERM sets the returned
/// [`Interrupt`]; a second one exits the process at once with 128 + N.
pub fn install() -> std::io::Result<Interrupt> {
    let interrupt = Interrupt::new();
    let seen = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        // Registered first, so it sees `seen` before this signal sets it.
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&seen))?;
        signal_hook::flag::register(signal, Arc::clone(&seen))?;
        let slot = Arc::clone(&interrupt.0);
        // SAFETY-free: register_usize stores the value with an atomic, which is signal-safe.
        signal_hook::flag::register_usize(signal, slot, signal as usize)?;
    }
    Ok(interrupt)
}
