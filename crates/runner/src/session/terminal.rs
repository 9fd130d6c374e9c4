//! A terminal for one command of a `tty` step: a pseudo-terminal of a fixed
//! size whose slave is the command's stdin, stdout and stderr, inside the
//! same bash session (so `cd` and variables carry as ever). bash opens the
//! slave through a link in the run's control directory; doccheck reads the
//! master while the command runs, and after it a mark the session writes to
//! the terminal, which says every byte of the command's output has arrived.
//! The terminal does not echo what is fed to it and does not turn `\n` into
//! `\r\n`, and what a report shows of its output has its escape sequences
//! (colours, cursor movements) removed: the page shows text.

use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use doccheck_guide::plan::Tty;
use rustix::termios::{self, LocalModes, OptionalActions, OutputModes, Winsize};

pub struct Terminal {
    master: std::fs::File,
    /// The slave, kept open so that the terminal lives between the command's opens.
    _slave: OwnedFd,
    /// The slave's path, as the session opens it (`/dev/pts/N`).
    pub slave_path: PathBuf,
    output: Vec<u8>,
    mark: Vec<u8>,
}

impl Terminal {
    /// A new terminal of `size`, its slave linked at `link` for the session.
    pub fn open(size: Tty, link: &Path, mark: &str) -> std::io::Result<Terminal> {
        use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)?;
        grantpt(&master)?;
        unlockpt(&master)?;
        let name = ptsname(&master, Vec::new())?;
        let slave_path = PathBuf::from(name.to_string_lossy().into_owned());
        let slave = rustix::fs::open(
            &slave_path,
            rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NOCTTY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )?;
        let mut modes = termios::tcgetattr(&slave)?;
        modes.local_modes.remove(LocalModes::ECHO);
        modes.output_modes.remove(OutputModes::ONLCR);
        termios::tcsetattr(&slave, OptionalActions::Now, &modes)?;
        termios::tcsetwinsize(
            &slave,
            Winsize {
                ws_row: size.rows,
                ws_col: size.columns,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )?;
        let _ = std::fs::remove_file(link);
        std::os::unix::fs::symlink(&slave_path, link)?;
        let flags = rustix::fs::fcntl_getfl(&master)?;
        rustix::fs::fcntl_setfl(&master, flags | rustix::fs::OFlags::NONBLOCK)?;
        Ok(Terminal {
            master: std::fs::File::from(master),
            _slave: slave,
            slave_path,
            output: Vec::new(),
            mark: mark.as_bytes().to_vec(),
        })
    }

    /// Types `text` into the terminal, then the end of input (Ctrl-D).
    pub fn feed(&mut self, text: &str) {
        let mut bytes = text.as_bytes().to_vec();
        if !text.is_empty() && !text.ends_with('\n') {
            bytes.push(0x04);
        }
        bytes.push(0x04);
        self.type_bytes(&bytes);
    }

    /// The end of input (Ctrl-D): a command waiting to read gets nothing more.
    pub fn end_input(&mut self) {
        self.type_bytes(&[0x04]);
    }

    fn type_bytes(&mut self, mut bytes: &[u8]) {
        let until = Instant::now() + Duration::from_secs(2);
        while !bytes.is_empty() && Instant::now() < until {
            match self.master.write(bytes) {
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    self.drain();
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(_) => return,
            }
        }
    }

    pub fn master(&self) -> impl AsFd + '_ {
        self.master.as_fd()
    }

    /// Reads what the terminal holds now.
    pub fn drain(&mut self) {
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match self.master.read(&mut buffer) {
                Ok(0) | Err(_) => return,
                Ok(n) => self.output.extend_from_slice(&buffer[..n]),
            }
        }
    }

    /// The command's output, once the mark has come (or a short while has
    /// passed: what did come is kept), as the page would show it.
    pub fn finish(mut self, wait: Duration) -> String {
        let until = Instant::now() + wait;
        loop {
            self.drain();
            if let Some(at) = memchr::memmem::find(&self.output, &self.mark) {
                self.output.truncate(at);
                break;
            }
            if Instant::now() >= until {
                break;
            }
            crate::sys::readable(&self.master, Duration::from_millis(20));
        }
        as_shown(&String::from_utf8_lossy(&self.output))
    }
}

/// Terminal output as a page shows it: each line as it was left (a `\r`
/// goes back to its start and what follows writes over it, as a progress
/// bar or git's "Waiting for your editor" does; `ESC [ K` erases the rest),
/// other escape sequences (colours, cursor keys, titles, character sets)
/// removed, and what a full-screen program (an editor, a pager) drew on the
/// alternate screen gone, as the terminal shows after it exits.
pub fn as_shown(output: &str) -> String {
    let mut shown = String::with_capacity(output.len());
    let mut line: Vec<char> = Vec::new();
    let mut cursor = 0;
    let mut chars = output.chars().peekable();
    let mut alternate = false;
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                // CSI: parameters and intermediates, then a final byte.
                Some('[') => {
                    let mut sequence = String::new();
                    for c in chars.by_ref() {
                        sequence.push(c);
                        if ('\x40'..='\x7e').contains(&c) {
                            break;
                        }
                    }
                    match sequence.as_str() {
                        "?1049h" | "?1047h" | "?47h" => alternate = true,
                        "?1049l" | "?1047l" | "?47l" => alternate = false,
                        "K" | "0K" if !alternate => line.truncate(cursor),
                        "2K" if !alternate => {
                            line.clear();
                            cursor = 0;
                        }
                        _ => {}
                    }
                }
                // OSC: up to BEL or ST.
                Some(']') => {
                    while let Some(c) = chars.next() {
                        if c == '\x07' || (c == '\x1b' && chars.peek() == Some(&'\\')) {
                            if c == '\x1b' {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                Some('(' | ')' | '*' | '+') => {
                    chars.next();
                }
                _ => {}
            },
            _ if alternate => {}
            '\n' => {
                shown.extend(line.drain(..));
                shown.push('\n');
                cursor = 0;
            }
            '\r' => cursor = 0,
            '\x08' => cursor = cursor.saturating_sub(1),
            c => {
                match line.get_mut(cursor) {
                    Some(slot) => *slot = c,
                    None => line.push(c),
                }
                cursor += 1;
            }
        }
    }
    shown.extend(line);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_not_what_the_page_shows() {
        assert_eq!(
            as_shown("\x1b[0m\x1b[01;34mdir\x1b[0m  file\r\n\x1b]0;title\x07\x1b(Bdone\n"),
            "dir  file\ndone\n"
        );
        assert_eq!(as_shown("plain\r\n"), "plain\n");
        assert_eq!(
            as_shown("hint: Waiting for your editor... \r\x1b[K[main 1a2b3c4] Add notes\n"),
            "[main 1a2b3c4] Add notes\n"
        );
        assert_eq!(as_shown(" 10%\r 55%\r100% done\n"), "100% done\n");
        assert_eq!(
            as_shown("before\n\x1b[?1049h\x1b[H~\n~\n\x1b[?1049lafter\n"),
            "before\nafter\n"
        );
    }

    #[test]
    fn a_command_in_a_terminal_sees_one_of_the_size_asked() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("tty");
        let mut terminal = Terminal::open(Tty::default(), &link, "__mark__").unwrap();
        let status = std::process::Command::new("bash")
            .arg("-c")
            .arg("[ -t 1 ] && stty size; printf '__mark__'")
            .stdin(std::fs::File::open(&link).unwrap())
            .stdout(std::fs::File::options().write(true).open(&link).unwrap())
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(terminal.finish(Duration::from_secs(5)), "24 80\n");
        terminal = Terminal::open(Tty::default(), &link, "__mark__").unwrap();
        terminal.feed("typed");
        std::process::Command::new("bash")
            .arg("-c")
            .arg("read -r line; echo \"got $line\"; printf '__mark__'")
            .stdin(std::fs::File::open(&link).unwrap())
            .stdout(std::fs::File::options().write(true).open(&link).unwrap())
            .status()
            .unwrap();
        assert_eq!(terminal.finish(Duration::from_secs(5)), "got typed\n");
    }
}
