//! The line the session reads to run one command: its stdin made ready
//! (`/dev/null`, the watched FIFO, a fed file, or the command's terminal),
//! its variables, and the function that runs the command file.

use super::{Invocation, Shell, Stdin, Stream};

impl Shell {
    /// The call that runs the command file as `how` says, its stdin made ready.
    pub(super) fn call(&mut self, how: &Invocation, tty: bool) -> String {
        let mut call = String::new();
        if how.script {
            call.push_str("alias exit=return; ");
        }
        let stdin = match (tty, how.stdin) {
            (true, _) => None,
            (false, Stdin::Null) => Some("/dev/null".to_string()),
            (false, Stdin::Fed(text)) => match std::fs::write(&self.feed_path, text) {
                Ok(()) => Some(self.feed_path.display().to_string()),
                Err(_) => Some("/dev/null".to_string()),
            },
            (false, Stdin::Watched) => Some(match self.stdin.as_mut() {
                Some(watched) => match watched.arm() {
                    true => watched.path.display().to_string(),
                    false => "/dev/null".to_string(),
                },
                None => "/dev/null".to_string(),
            }),
        };
        if let Some(path) = stdin {
            call.push_str(&format!("__dc_in='{}'; ", path.replace('\'', "'\\''")));
        }
        for (name, value) in how.env {
            call.push_str(&format!("{name}='{}' ", value.replace('\'', "'\\''")));
        }
        if let Stdin::Fed(_) = how.stdin {
            call.push_str("DOCCHECK_STDIN=fed ");
        }
        if let (true, Some(size)) = (tty, how.tty) {
            call.push_str(&format!("TERM='{}' ", size.term));
        }
        call.push_str(match (tty, how.stream) {
            (true, _) => "__dc_tty",
            (false, Stream::Combined) => "__dc",
            (false, Stream::Stdout) => "__dc_out",
            (false, Stream::Stderr) => "__dc_err",
        });
        call.push_str(if how.script { "; unalias exit\n" } else { "\n" });
        call
    }
}
