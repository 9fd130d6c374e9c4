//! Placeholders in commands, as Microsoft's docs write them
//! (`docker tag app <myorg>/app`, `az group create -n <resource-group>`): a
//! scenario, the configuration or `--var` gives each a value, filled in before
//! the command runs (the report shows it "ran as"); `$NAME` variables, as
//! Innovation Engine's `--var` sets them, become the session's environment.
//! An unbound `<word>` that bash would read as a redirection is pointed out.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placeholders {
    /// `<myorg>` → `myorg`: literal text in commands.
    pub literal: Vec<(String, String)>,
    /// `RESOURCE_GROUP` → `rg1`: variables of the session.
    pub variables: Vec<(String, String)>,
}

fn is_variable(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Placeholders {
    /// One `KEY=VALUE` (`--var`) or scenario entry: `<text>` or a variable name (`$NAME` or `NAME`).
    pub fn add(&mut self, key: &str, value: &str) -> Result<(), String> {
        if key.starts_with('<') && key.ends_with('>') && key.len() > 2 {
            self.literal.retain(|(k, _)| k != key);
            self.literal.push((key.to_string(), value.to_string()));
            return Ok(());
        }
        let name = key.strip_prefix('$').unwrap_or(key);
        if !is_variable(name) {
            return Err(format!(
                "`{key}` is neither a placeholder (`<name>`, replaced where a command has it) nor a variable (`NAME` or `$NAME`)"
            ));
        }
        self.variables.retain(|(k, _)| k != name);
        self.variables.push((name.to_string(), value.to_string()));
        Ok(())
    }

    /// Later entries win.
    pub fn extend(&mut self, other: &Placeholders) {
        for (k, v) in other.literal.iter().chain(&other.variables) {
            let _ = self.add(k, v);
        }
    }

    /// The command with its placeholders filled in, if it has any.
    pub fn bind(&self, command: &str) -> Option<String> {
        let mut bound = command.to_string();
        for (key, value) in &self.literal {
            bound = bound.replace(key, value);
        }
        (bound != command).then_some(bound)
    }
}

/// `<word>`s outside quotes, which bash reads as a redirection from `word`.
pub fn unbound(command: &str) -> Vec<String> {
    let chars: Vec<char> = command.chars().collect();
    let mut found = Vec::new();
    let (mut single, mut double) = (false, false);
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if !single => i += 1,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '<' if !single
                && !double
                && chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
                && (i == 0 || chars[i - 1] != '<') =>
            {
                let end = (i + 1..chars.len())
                    .find(|&j| !(chars[j].is_ascii_alphanumeric() || "-_.:".contains(chars[j])));
                if let Some(end) = end.filter(|&e| chars[e] == '>') {
                    let word: String = chars[i..=end].iter().collect();
                    if !found.contains(&word) {
                        found.push(word);
                    }
                    i = end;
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_variables() {
        let mut p = Placeholders::default();
        p.add("<myorg>", "acme").unwrap();
        p.add("<internal-registry:5000>", "registry.local:5000")
            .unwrap();
        p.add("$RESOURCE_GROUP", "rg1").unwrap();
        assert!(p.add("my org", "x").is_err());
        assert_eq!(
            p.bind("docker tag app:1.0 <myorg>/app:1.0").as_deref(),
            Some("docker tag app:1.0 acme/app:1.0")
        );
        assert_eq!(p.bind("ls"), None);
        assert_eq!(
            p.variables,
            [("RESOURCE_GROUP".to_string(), "rg1".to_string())]
        );
    }

    #[test]
    fn unbound_placeholders_are_found_outside_quotes() {
        assert_eq!(unbound("docker tag app <myorg>/app"), ["<myorg>"]);
        assert_eq!(
            unbound("az group create -n <resource-group> -l <location>"),
            ["<resource-group>", "<location>"]
        );
        assert!(unbound("echo '<not-this>' \"<nor-this>\"").is_empty());
        assert!(unbound("cat <<EOF").is_empty());
        assert!(unbound("sort < input.txt").is_empty());
    }
}
