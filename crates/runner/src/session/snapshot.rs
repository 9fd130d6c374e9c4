//! The shell's own state, as a script that puts it back: the variables,
//! functions, aliases and options a guide's commands set, and the working
//! directory. bash prints all of it with builtins in one command (no fork per
//! variable: a checkpoint after every step must cost little); what the
//! session started with (doccheck's HOME, TMPDIR, gateway, its `__dc`
//! functions) is left out by comparing with the [`Snapshot`] taken before
//! the first step, so a restored session keeps its own. Checkpoints
//! ([`crate::checkpoint`]) and the guide's shell ([`crate::handover`]) read it.

use std::path::Path;

/// Lines that part what [`PRINT`] prints; no value prints them alone on a
/// line (`declare -p` quotes values, and prints each on one line since bash 5.2).
const FUNCTIONS: &str = "__doccheck_snapshot_functions__";
const ALIASES: &str = "__doccheck_snapshot_aliases__";
const OPTIONS: &str = "__doccheck_snapshot_options__";

/// The command that prints the session's state, for [`Snapshot::parse`].
/// doccheck's own functions and variables are not printed: they hold the
/// marker that ends a command's output.
pub fn print_command() -> String {
    let own =
        "__dc*|__doccheck*|_|BASH_COMMAND|BASH_ARGC|BASH_ARGV|BASH_LINENO|BASH_SOURCE|FUNCNAME";
    format!(
        "__dc_v=(); for __dc_n in $(compgen -v); do case $__dc_n in {own}) ;; *) __dc_v+=(\"$__dc_n\");; esac; done; \
         __dc_f=(); for __dc_n in $(compgen -A function); do case $__dc_n in __dc*) ;; *) __dc_f+=(\"$__dc_n\");; esac; done; \
         declare -p \"${{__dc_v[@]}}\"; echo {FUNCTIONS}; ((${{#__dc_f[@]}})) && declare -f \"${{__dc_f[@]}}\"; \
         echo {ALIASES}; alias -p; echo {OPTIONS}; set +o; shopt -p; unset __dc_v __dc_f __dc_n"
    )
}

/// Variables a shell sets for itself, or that say where it is: never restored.
fn own_variable(name: &str) -> bool {
    name.starts_with("__dc")
        || name.starts_with("__doccheck")
        || name.starts_with("BASH")
        || name.starts_with("EPOCH")
        || matches!(
            name,
            "PIPESTATUS"
                | "FUNCNAME"
                | "LINENO"
                | "RANDOM"
                | "SRANDOM"
                | "SECONDS"
                | "HISTCMD"
                | "_"
                | "PWD"
                | "OLDPWD"
                | "SHLVL"
                | "DIRSTACK"
                | "GROUPS"
                | "PPID"
                | "UID"
                | "EUID"
                | "SHELLOPTS"
                | "COLUMNS"
                | "LINES"
                | "OPTIND"
                | "OPTARG"
        )
}

/// What `print_command` printed, in parts: each variable's and function's
/// definition by name, aliases and options line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    variables: Vec<(String, String)>,
    functions: Vec<(String, String)>,
    aliases: Vec<String>,
    options: Vec<String>,
}

impl Snapshot {
    pub fn parse(printed: &str) -> Snapshot {
        let mut snapshot = Snapshot::default();
        let mut part = 0;
        for line in printed.lines() {
            match line {
                FUNCTIONS => part = 1,
                ALIASES => part = 2,
                OPTIONS => part = 3,
                _ => match part {
                    0 => snapshot.variable_line(line),
                    1 => snapshot.function_line(line),
                    2 if !line.is_empty() => snapshot.aliases.push(line.to_string()),
                    3 if !line.is_empty() => snapshot.options.push(line.to_string()),
                    _ => {}
                },
            }
        }
        snapshot
    }

    fn variable_line(&mut self, line: &str) {
        let head = line
            .strip_prefix("declare -")
            .and_then(|rest| rest.split_once(' '))
            .map(|(flags, rest)| (flags, rest.split('=').next().unwrap_or(rest)));
        match head {
            Some((_, name)) if !name.is_empty() && !name.contains(' ') => {
                self.variables.push((name.to_string(), format!("{line}\n")))
            }
            // A value that went on over lines (bash before 5.2).
            _ => {
                if let Some((_, entry)) = self.variables.last_mut() {
                    *entry += &format!("{line}\n");
                }
            }
        }
    }

    fn function_line(&mut self, line: &str) {
        match line.strip_suffix(" () ") {
            Some(name) if !name.starts_with(' ') && !name.contains(' ') => {
                self.functions.push((name.to_string(), format!("{line}\n")))
            }
            _ => {
                if let Some((_, body)) = self.functions.last_mut() {
                    *body += &format!("{line}\n");
                }
            }
        }
    }

    /// Bash code that turns a session that started as `baseline` into this
    /// one, in `cwd`, when sourced inside a function (the session's commands
    /// are: hence `declare -g`).
    pub fn since(&self, baseline: &Snapshot, cwd: &Path) -> String {
        let mut script = String::new();
        let find = |list: &[(String, String)], name: &str| -> Option<String> {
            list.iter().find(|(n, _)| n == name).map(|(_, e)| e.clone())
        };
        for (name, _) in &baseline.variables {
            if !own_variable(name) && find(&self.variables, name).is_none() {
                script += &format!("unset -v {name}\n");
            }
        }
        for (name, entry) in &self.variables {
            let flags = entry
                .strip_prefix("declare -")
                .and_then(|r| r.split(' ').next())
                .unwrap_or("");
            if own_variable(name)
                || flags.contains('r')
                || find(&baseline.variables, name).as_ref() == Some(entry)
            {
                continue;
            }
            script += &format!("declare -g {}", &entry["declare ".len()..]);
        }
        for (name, body) in &self.functions {
            if !name.starts_with("__dc") && find(&baseline.functions, name).as_ref() != Some(body) {
                script += body;
            }
        }
        let lines = |now: &[String], then: &[String]| -> String {
            now.iter()
                .filter(|l| !then.contains(l))
                .map(|l| format!("{l}\n"))
                .collect()
        };
        script += &lines(&self.options, &baseline.options);
        script += &lines(&self.aliases, &baseline.aliases);
        script += &format!("cd -- {}\n", quote(&cwd.to_string_lossy()));
        script
    }
}

/// `text` as one bash word.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A captured state moved to another workspace: every mention of the old
/// workspace's root becomes the new one's (`export PATH=$PWD/bin:$PATH`
/// made in one workspace names it).
pub fn moved(script: &str, from: &Path, to: &Path) -> String {
    let (from, to) = (from.to_string_lossy(), to.to_string_lossy());
    if from.is_empty() || from == to {
        return script.to_string();
    }
    script.replace(from.as_ref(), to.as_ref())
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
