//! Run ids: unique on a machine, and telling which boot of it they come
//! from, so that leftovers of a run from before a reboot are known dead.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The first 8 hex digits of this boot's id (`/proc/sys/kernel/random/boot_id`).
pub fn boot_id() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(8)
        .collect()
}

/// `<boot>-<pid>-<millis>-<n>`: n counts the runs of this process.
pub fn new_run_id() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!(
        "{}-{}-{millis}-{}",
        boot_id(),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

/// The boot a run id comes from.
pub fn run_boot(run_id: &str) -> Option<&str> {
    run_id.split('-').next().filter(|b| b.len() == 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_name_their_boot() {
        let (a, b) = (new_run_id(), new_run_id());
        assert_ne!(a, b);
        assert_eq!(run_boot(&a), Some(boot_id().as_str()));
        assert_eq!(run_boot("1234-5"), None);
    }
}
