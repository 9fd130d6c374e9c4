//! Shortening a quoted text to fit in a finding's message.

use super::whitespace::normalize_space;

/// Shortens a text for a message.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let s = normalize_space(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
