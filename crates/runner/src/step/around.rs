//! What a step's behaviour adds around its commands: a variable for each
//! command alone, an environment exported (which stays), the values an
//! interpolated line reads, and a wait before the first command.

use std::path::Path;
use std::time::{Duration, Instant};

use doccheck_guide::model::Behaviour;

use crate::signals::Interrupt;

/// The behaviour's location variable (guide:line), for this command only.
pub fn variables(behaviour: &Behaviour, guide: &str, line: usize) -> Vec<(String, String)> {
    behaviour
        .location_variable
        .map(|name| (name.to_string(), format!("{guide}:{line}")))
        .into_iter()
        .collect()
}

/// The behaviour's `environment`, exported in the session: it stays for
/// the steps after it.
pub fn exports(behaviour: &Behaviour) -> Option<String> {
    let pairs: Vec<String> = behaviour
        .environment
        .iter()
        .map(|(name, value)| format!("{name}='{}'", value.replace('\'', "'\\''")))
        .collect();
    (!pairs.is_empty()).then(|| format!("export {}", pairs.join(" ")))
}

/// The command that prints, NUL-separated, `NAME=value` for each of `names`
/// that is set in the session: what an interpolated case's `$NAME` stands for.
pub fn values_query(names: &[String]) -> String {
    let names: Vec<&str> = names
        .iter()
        .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(String::as_str)
        .collect();
    format!(
        "for __dc_v in {}; do if [ -n \"${{!__dc_v+x}}\" ]; then printf '%s=%s\\0' \"$__dc_v\" \"${{!__dc_v}}\"; fi; done; unset __dc_v",
        names.join(" ")
    )
}

/// What [`values_query`] printed, as pairs.
pub fn values(printed: &str) -> Vec<(String, String)> {
    printed
        .split('\0')
        .filter_map(|pair| pair.split_once('='))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

/// Waits as the behaviour says: its whole timeout, or until `path` (under
/// the session's TMPDIR) exists; what happened, for the report.
pub fn wait(behaviour: &Behaviour, tmp: &Path, interrupt: &Interrupt) -> Option<String> {
    let wait = behaviour.wait.as_ref()?;
    let named = behaviour.named("wait");
    let began = Instant::now();
    let until = began + wait.timeout;
    let target = wait.path.as_ref().map(|p| tmp.join(p));
    while Instant::now() < until && !interrupt.is_set() {
        if target.as_ref().is_some_and(|t| t.exists()) {
            break;
        }
        let left = until.saturating_duration_since(Instant::now());
        std::thread::sleep(left.min(Duration::from_millis(20)));
    }
    let waited =
        humantime::format_duration(Duration::from_millis(began.elapsed().as_millis() as u64));
    Some(match (&wait.path, &target) {
        (Some(path), Some(t)) if t.exists() => {
            format!("waited {waited} for $TMPDIR/{path} ({named})")
        }
        (Some(path), _) => format!(
            "$TMPDIR/{path} did not appear within {} ({named}): ran the command all the same, as {} does",
            humantime::format_duration(wait.timeout),
            behaviour.convention.unwrap_or("doccheck")
        ),
        (None, _) => format!("waited {waited} before the command ({named})"),
    })
}
