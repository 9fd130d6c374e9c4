//! The time limit for the sequence diffs that align code blocks and
//! block-level elements with the source's.

/// When a sequence diff gives up refining (only very unlike inputs get
/// there): it then reports one coarse change.
pub(crate) fn deadline() -> std::time::Instant {
    std::time::Instant::now() + std::time::Duration::from_millis(200)
}
