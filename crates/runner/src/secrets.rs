//! Values no report may show: those of the variables a guide's setup marks
//! secret (`secrets:`, `--secret`) and of every variable of the session whose
//! name says it is one (a token, a password, a key), whether doccheck's own
//! environment passed it on or the scenario set it. Masked in each event
//! before it leaves the runner, so every report format, annotation and
//! `--update` rewrite gets the masked text; the commands themselves run
//! with the real values.

use crate::events::{CommandRun, StepResult};
use crate::failure::Failure;

/// What reports show instead of a secret.
pub const MASK: &str = "***";

/// Shorter values are not masked: `1` or `yes` would hide half of every output.
const SHORTEST: usize = 4;

#[derive(Debug, Clone, Default)]
pub struct Secrets {
    /// Longest first, so that a value holding another is masked whole.
    values: Vec<String>,
}

/// Whether a variable's name says its value is secret.
pub fn looks_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let words: Vec<&str> = upper.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let word = |w: &str| words.contains(&w);
    [
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "PASSWD",
        "PASSPHRASE",
        "CREDENTIALS",
        "CREDENTIAL",
    ]
    .iter()
    .any(|w| word(w) || upper.ends_with(w))
        || upper.ends_with("KEY") && !upper.ends_with("HOTKEY")
        || word("PAT")
        || word("PRIVATE")
}

impl Secrets {
    /// The secrets among `env` (the session's variables, later ones winning),
    /// with `named` marked secret whatever their names.
    pub fn of<'a>(env: impl IntoIterator<Item = (&'a str, &'a str)>, named: &[String]) -> Secrets {
        let mut values: Vec<String> = env
            .into_iter()
            .filter(|(name, _)| looks_secret(name) || named.iter().any(|n| n == name))
            .map(|(_, value)| value.to_string())
            .filter(|v| v.chars().count() >= SHORTEST)
            .collect();
        values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        values.dedup();
        Secrets { values }
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// `text` with every secret replaced by `with`.
    pub fn replace(&self, text: &mut String, with: &str) {
        for value in &self.values {
            if text.contains(value.as_str()) {
                *text = text.replace(value.as_str(), with);
            }
        }
    }

    pub fn mask(&self, text: &mut String) {
        self.replace(text, MASK)
    }

    /// A step's result as reports may see it.
    pub fn mask_result(&self, result: &mut StepResult) {
        if self.is_empty() {
            return;
        }
        result
            .commands
            .iter_mut()
            .for_each(|c| self.mask_command(c));
        if let Some(f) = &mut result.failure {
            f.each_text(&mut |t| self.mask(t));
        }
        result.notes.iter_mut().for_each(|n| self.mask(n));
        for attempt in &mut result.attempts {
            attempt.failure.each_text(&mut |t| self.mask(t));
        }
    }

    fn mask_command(&self, c: &mut CommandRun) {
        self.mask(&mut c.documented);
        if let Some(run) = &mut c.run {
            self.mask(run);
        }
        self.mask(&mut c.output);
        if let Some(other) = &mut c.left_out {
            self.mask(other);
        }
        if let Some(f) = &mut c.failure {
            f.each_text(&mut |t| self.mask(t));
        }
        // Written into the guide by --update: a wildcard, so the guide still passes.
        if let Some(lines) = c.update.as_mut().and_then(|u| u.lines.as_mut()) {
            lines.iter_mut().for_each(|l| self.replace(l, "[..]"));
        }
    }
}

impl Failure {
    /// Every text the failure carries, for [`Secrets`] to mask.
    pub(crate) fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        match self {
            Failure::Output { diff, .. } | Failure::ResultBlock { diff, .. } => {
                diff.iter_mut().for_each(|d| f(&mut d.text))
            }
            Failure::ServiceExited { service, code, log } => {
                f(service);
                f(code);
                f(log);
            }
            Failure::ServiceNotReady {
                service, last, log, ..
            } => {
                f(service);
                f(last);
                f(log);
            }
            Failure::ProbeFailed { reason, log } => {
                f(reason);
                f(log);
            }
            Failure::PushNotVerified { reason } | Failure::BrokenBlock { reason } => f(reason),
            Failure::FileNotWritten { path, reason } => {
                f(path);
                f(reason);
            }
            Failure::FragmentFileUnreadable { of, reason } => {
                f(of);
                f(reason);
            }
            Failure::FragmentLinesMissing { of, lines } => {
                f(of);
                lines.iter_mut().for_each(&mut *f);
            }
            Failure::Integration { message, .. } => f(message),
            Failure::ExitCode { .. }
            | Failure::Ambiguous { .. }
            | Failure::Timeout { .. }
            | Failure::Interrupted { .. }
            | Failure::ShellExited { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_say_secret() {
        for name in [
            "GITHUB_TOKEN",
            "API_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "DB_PASSWORD",
            "npm_token",
            "APIKEY",
            "GH_PAT",
            "REGISTRY_CREDENTIALS",
            "SSH_PRIVATE_KEY_FILE",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "PATH",
            "HOME",
            "PWD",
            "KEYBOARD",
            "TERM",
            "USER",
            "PAGER",
            "TOKENIZER_MODE",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
    }

    #[test]
    fn longest_values_first_and_short_ones_left() {
        let named = vec!["SHOWN".to_string()];
        let secrets = Secrets::of(
            [
                ("API_TOKEN", "abcd"),
                ("OTHER_TOKEN", "abcdef"),
                ("SHOWN", "plain-value"),
                ("PIN_PASSWORD", "123"),
                ("HOME", "/home/me"),
            ],
            &named,
        );
        let mut text = "abcdef abcd plain-value 123 /home/me".to_string();
        secrets.mask(&mut text);
        assert_eq!(text, "*** *** *** 123 /home/me");
    }
}
