//! The guide's absolute paths in the workspace (`paths:` in a scenario,
//! `/tmp/demo` → `demo`): a command runs with the workspace's directory
//! where the guide wrote the path, and its output shows the path as the
//! guide wrote it. A path is replaced whole: `/tmp/demo` in `/tmp/demo/a`
//! and `'/tmp/demo'`, not in `/tmp/demo2`.

use std::path::Path;

#[derive(Debug, Default)]
pub struct Paths {
    /// (as the guide writes it, in the workspace), the longest first.
    pairs: Vec<(String, String)>,
}

impl Paths {
    pub fn new(paths: &[(String, String)], workspace: &Path) -> Paths {
        let mut pairs: Vec<(String, String)> = paths
            .iter()
            .map(|(from, to)| (from.clone(), workspace.join(to).display().to_string()))
            .collect();
        pairs.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        Paths { pairs }
    }

    /// The command with the guide's paths in the workspace, when it has any.
    pub fn in_workspace(&self, command: &str) -> Option<String> {
        let mut text = command.to_string();
        for (from, to) in &self.pairs {
            text = replace_whole(&text, from, to);
        }
        (text != command).then_some(text)
    }

    /// Output with the workspace's paths as the guide writes them.
    pub fn as_written(&self, output: String) -> String {
        let mut text = output;
        for (from, to) in &self.pairs {
            if text.contains(to.as_str()) {
                text = replace_whole(&text, to, from);
            }
        }
        text
    }
}

/// `text` with `from` replaced by `to` where `from` is a whole path: not
/// followed by a character a path name goes on with.
fn replace_whole(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let after = &rest[at + from.len()..];
        let whole = after
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || "-_.".contains(c)));
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_paths_both_ways() {
        let p = Paths::new(&[("/tmp/demo".into(), "demo".into())], Path::new("/ws"));
        assert_eq!(
            p.in_workspace("mkdir -p /tmp/demo && cd '/tmp/demo/app' && ls /tmp/demo2")
                .as_deref(),
            Some("mkdir -p /ws/demo && cd '/ws/demo/app' && ls /tmp/demo2")
        );
        assert_eq!(p.in_workspace("ls /etc"), None);
        assert_eq!(
            p.as_written("/ws/demo/app\n/ws/demos\n".into()),
            "/tmp/demo/app\n/ws/demos\n"
        );
    }
}
