//! Durations as guides and scenarios write them (`30s`, `2m`, `1h 30m`), bounded
//! so that no timeout can overflow a clock.

use std::time::Duration;

/// The longest timeout doccheck accepts: a week.
pub const MAX: Duration = Duration::from_secs(7 * 24 * 3600);

pub fn parse(text: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(text.trim())
        .map_err(|e| format!("`{text}` is not a duration ({e}); write e.g. 30s, 2m or 1h"))?;
    if d > MAX {
        return Err(format!(
            "`{text}` is longer than doccheck allows ({}); write at most 7d",
            humantime::format_duration(MAX)
        ));
    }
    if d.is_zero() {
        return Err(format!("`{text}` is zero; a timeout must be positive"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded() {
        assert_eq!(parse("2m"), Ok(Duration::from_secs(120)));
        assert!(parse("500000000000y").unwrap_err().contains("longer than"));
        assert!(parse("8d").unwrap_err().contains("at most 7d"));
        assert!(parse("soon").unwrap_err().contains("not a duration"));
        assert!(parse("0s").unwrap_err().contains("zero"));
    }
}
