//! Docker commands as documented → as they must run here: labels so cleanup
//! finds what they create, `--force-rm` so a failed `RUN` leaves no
//! container, `-t` dropped where there is no terminal, a server started
//! detached, a taken host port remapped, registry hosts mapped to the run's
//! own registries. Only simple commands are rewritten; one with shell syntax
//! runs as written.

use crate::names::Namespace;
use crate::reference::{normalize_tag, split_host, split_tag};

/// What to do once a rewritten command has run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    Nothing,
    /// `docker build`: record the images its steps made (the legacy builder
    /// leaves a multi-stage build's earlier stages as untagged images).
    Build,
    /// `docker run`: record the container; wait for it when it is a service.
    Container {
        service: bool,
    },
    /// `docker push`: check the registry holds what was pushed.
    VerifyPush {
        registry: usize,
        repository: String,
        tag: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    /// The command to run, when it differs from the documented one.
    pub run: Option<String>,
    pub after: After,
    pub notes: Vec<String>,
    /// Tags the command creates, to remove at the end.
    pub tags: Vec<String>,
}

/// What a rewrite needs to know about the run.
pub struct Rewriter<'a> {
    /// `--label` values for everything the run creates.
    pub labels: &'a [String],
    /// A reference whose registry host is mapped → (registry index, reference there).
    pub map: &'a dyn Fn(&str) -> Option<(usize, String)>,
    /// A `-p` mapping whose host port is taken → (a free mapping, a note).
    pub free_port: &'a dyn Fn(&str) -> Option<(String, String)>,
}

impl Rewriter<'_> {
    /// How `command` must run here, if it is a docker command that needs it.
    pub fn rewrite(
        &self,
        command: &str,
        service: bool,
        names: &mut Namespace,
    ) -> Option<Rewritten> {
        if has_shell_syntax(command) && !command.contains("\\\n") {
            return None;
        }
        let mut args = shell_words::split(command).ok()?;
        if args.first().map(String::as_str) != Some("docker") || args.len() < 2 {
            return None;
        }
        let mut notes = Vec::new();
        let mut tags = Vec::new();
        let mut after = After::Nothing;
        match args[1].as_str() {
            "build" => {
                self.insert_labels(&mut args, 2);
                // A failed RUN must not leave its container behind.
                args.insert(2, "--force-rm".to_string());
                after = After::Build;
                let mut i = 2;
                while i < args.len() {
                    if (args[i] == "-t" || args[i] == "--tag") && i + 1 < args.len() {
                        args[i + 1] = names.create_image(&args[i + 1]);
                        tags.push(normalize_tag(&args[i + 1]));
                        i += 1;
                    } else if let Some(t) = args[i].strip_prefix("--tag=") {
                        let t = names.create_image(t);
                        tags.push(normalize_tag(&t));
                        args[i] = format!("--tag={t}");
                    }
                    i += 1;
                }
            }
            "run" | "create" => {
                let service = service && args[1] == "run";
                self.rewrite_run(&mut args, service, &mut notes, names);
                after = After::Container { service };
            }
            "tag" if args.len() >= 4 => {
                let last = args.len() - 1;
                args[last - 1] = names.image(&args[last - 1]);
                args[last] = match (self.map)(&args[last]) {
                    Some((_, mapped)) => mapped,
                    None => names.create_image(&args[last]),
                };
                tags.push(normalize_tag(&args[last]));
            }
            "push" if args.len() >= 3 => {
                let last = args.len() - 1;
                if let Some((registry, mapped)) = (self.map)(&args[last]) {
                    args[last] = mapped.clone();
                    let (_, rest) = split_host(&mapped);
                    let (repository, tag) = split_tag(rest);
                    after = After::VerifyPush {
                        registry,
                        repository,
                        tag,
                    };
                } else {
                    args[last] = names.image(&args[last]);
                }
            }
            "pull" if args.len() >= 3 => {
                let last = args.len() - 1;
                if let Some((_, mapped)) = (self.map)(&args[last]) {
                    args[last] = mapped;
                }
            }
            "network" | "volume" if args.get(2).is_some_and(|a| a == "create") => {
                self.insert_labels(&mut args, 3);
            }
            // Any other command: the run's own names, where it gives them.
            _ => {
                let before = args.clone();
                for arg in args.iter_mut().skip(2).filter(|a| !a.starts_with('-')) {
                    *arg = names.container(&names.image(arg));
                }
                if args == before {
                    return None;
                }
            }
        }
        let run = join(&args);
        let documented = shell_words::split(command)
            .map(|a| join(&a))
            .unwrap_or_default();
        Some(Rewritten {
            run: (run != documented).then_some(run),
            after,
            notes,
            tags,
        })
    }

    fn insert_labels(&self, args: &mut Vec<String>, at: usize) {
        let mut rest = args.split_off(at);
        for label in self.labels {
            args.extend(["--label".to_string(), label.clone()]);
        }
        args.append(&mut rest);
    }

    fn rewrite_run(
        &self,
        args: &mut Vec<String>,
        detach: bool,
        notes: &mut Vec<String>,
        names: &mut Namespace,
    ) {
        let mut i = 2;
        let mut removed_tty = false;
        while i < args.len() {
            let arg = args[i].clone();
            if arg == "--" {
                break;
            }
            if !arg.starts_with('-') {
                args[i] = names.image(&arg); // the image
                break;
            }
            if arg == "--name" && i + 1 < args.len() {
                args[i + 1] = names.create_container(&args[i + 1]);
            } else if let Some(name) = arg.strip_prefix("--name=") {
                args[i] = format!("--name={}", names.create_container(name));
            }
            // Boolean short-flag clusters such as -ti, -it, -itd.
            if !arg.starts_with("--")
                && arg.len() > 1
                && arg[1..].chars().all(|c| "dit".contains(c))
            {
                let kept: String = arg[1..]
                    .chars()
                    .filter(|&c| !(c == 't' || (detach && c == 'i')))
                    .collect();
                removed_tty |= arg.contains('t');
                if kept.is_empty() {
                    args.remove(i);
                } else {
                    args[i] = format!("-{kept}");
                    i += 1;
                }
                continue;
            }
            if matches!(arg.as_str(), "--tty" | "--interactive") {
                removed_tty |= arg == "--tty";
                if arg == "--tty" || detach {
                    args.remove(i);
                    continue;
                }
            }
            if (arg == "-p" || arg == "--publish") && i + 1 < args.len() {
                if let Some((mapping, note)) = (self.free_port)(&args[i + 1]) {
                    args[i + 1] = mapping;
                    notes.push(note);
                }
            }
            if takes_value(&arg) {
                i += 1;
            }
            i += 1;
        }
        if removed_tty {
            notes.push("no terminal here: -t (and, for a service, -i) dropped".to_string());
        }
        let mut rest = args.split_off(2);
        if detach {
            args.push("-d".to_string());
            notes.push("started detached (-d): doccheck waits until it is ready, goes on, and stops it at the end".into());
        }
        for label in self.labels {
            args.extend(["--label".to_string(), label.clone()]);
        }
        args.append(&mut rest);
    }
}

/// Image ids the legacy builder printed (` ---> 1a2b3c4d5e6f`), short form.
/// Flags of `docker run`/`create` that take a separate value.
fn takes_value(flag: &str) -> bool {
    if flag.contains('=') {
        return false;
    }
    matches!(
        flag,
        "-a" | "--attach"
            | "-e"
            | "--env"
            | "--env-file"
            | "-h"
            | "--hostname"
            | "-l"
            | "--label"
            | "--label-file"
            | "-m"
            | "--memory"
            | "--name"
            | "--network"
            | "--net"
            | "-p"
            | "--publish"
            | "--platform"
            | "--pull"
            | "--restart"
            | "-u"
            | "--user"
            | "-v"
            | "--volume"
            | "--volumes-from"
            | "-w"
            | "--workdir"
            | "--entrypoint"
            | "--mount"
            | "--add-host"
            | "--cpus"
            | "--dns"
            | "--expose"
            | "--health-cmd"
            | "--health-interval"
            | "--health-retries"
            | "--health-timeout"
            | "--health-start-period"
            | "--log-driver"
            | "--log-opt"
            | "--network-alias"
            | "--shm-size"
            | "--stop-signal"
            | "--stop-timeout"
            | "--tmpfs"
            | "--ulimit"
            | "--cap-add"
            | "--cap-drop"
            | "--device"
            | "--gpus"
            | "--ipc"
            | "--pid"
            | "--runtime"
            | "--security-opt"
            | "--cidfile"
            | "--memory-swap"
            | "--cpu-shares"
            | "-c"
            | "--cpuset-cpus"
            | "--init-path"
            | "--link"
            | "--sysctl"
            | "--userns"
            | "--uts"
            | "--group-add"
            | "--ip"
            | "--ip6"
            | "--mac-address"
            | "--detach-keys"
    )
}

/// Whether `command` has shell syntax the rewriter does not follow. `$NAME`,
/// `${NAME}` and `$(pwd)` are followed (`-v "$PWD/certs:/certs"` is how guides
/// mount a directory), unless the command has single quotes, inside which
/// they would be literal.
fn has_shell_syntax(command: &str) -> bool {
    let mut rest = command.to_string();
    if !command.contains('\'') {
        rest = rest.replace("$(pwd)", "");
        while let Some(at) = rest.find('$') {
            let tail = &rest[at + 1..];
            let braced = tail.starts_with('{');
            let name: String = tail
                .trim_start_matches('{')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let closed = !braced || tail[1 + name.len()..].starts_with('}');
            if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || !closed {
                return true;
            }
            let len = 1 + name.len() + if braced { 2 } else { 0 };
            rest.replace_range(at..at + len, "");
        }
    }
    rest.contains(|c: char| "|&;<>()$`\n".contains(c))
}

/// A word with an expansion `has_shell_syntax` lets through, in double
/// quotes so that bash still expands it.
fn expanding(word: &str) -> Option<String> {
    word.contains('$').then(|| {
        let escaped: String = word
            .chars()
            .flat_map(|c| match c {
                '"' | '\\' | '`' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        format!("\"{escaped}\"")
    })
}

/// Joins words into a command line, quoting only words that need it (readable in reports).
fn join(words: &[String]) -> String {
    let plain = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c))
    };
    words
        .iter()
        .map(|w| {
            if plain(w) {
                w.clone()
            } else if let Some(quoted) = expanding(w) {
                quoted
            } else {
                shell_words::quote(w).into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
