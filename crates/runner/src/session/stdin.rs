//! A command's stdin, empty unless the guide feeds it, and whether the
//! command read it. A command that reads an empty stdin and then fails
//! (`cat > notes.txt`, `read -p "Name: "`, an editor) says nothing about why;
//! so its stdin is a FIFO whose other end doccheck holds open, and while the
//! command runs doccheck looks for a process of the session blocked reading
//! it: then it closes its end (the reader sees the end of its input, as with
//! an empty file) and notes that the command read from stdin. Where the
//! kernel does not show what a process waits for, stdin is `/dev/null`.

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The FIFO the session's commands read.
pub struct Watched {
    pub path: PathBuf,
    writer: Option<OwnedFd>,
}

impl Watched {
    /// The FIFO at `path`, if one can be made and the kernel shows what
    /// processes wait for.
    pub fn create(path: &Path) -> Option<Watched> {
        let own = format!("/proc/{}/syscall", std::process::id());
        std::fs::read_to_string(own).ok()?;
        let _ = std::fs::remove_file(path);
        rustix::fs::mknodat(
            rustix::fs::CWD,
            path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .ok()?;
        Some(Watched {
            path: path.to_path_buf(),
            writer: None,
        })
    }

    /// Holds the FIFO open before a command, so that the session's open of
    /// it does not block and a read waits instead of ending.
    pub fn arm(&mut self) -> bool {
        self.writer = rustix::fs::open(
            &self.path,
            rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .ok();
        self.writer.is_some()
    }

    /// Lets go of the FIFO: a reader gets the end of its input.
    pub fn disarm(&mut self) {
        self.writer = None;
    }
}

/// Looks, now and then while a command runs, for a process of it waiting
/// to read its stdin.
pub struct Looking {
    since: Instant,
    next: Duration,
    /// A reader was found (and given the end of its input).
    pub read: bool,
}

impl Looking {
    pub fn start() -> Looking {
        Looking {
            since: Instant::now(),
            next: FIRST_LOOK,
            read: false,
        }
    }

    /// Whether it is time to look, and a process under `root` waits to read
    /// `target`; then the end of input is the caller's to give.
    pub fn waits(&mut self, root: u32, target: &Path) -> bool {
        let elapsed = self.since.elapsed();
        if elapsed < self.next {
            return false;
        }
        self.next = (elapsed * 2).min(elapsed + LOOK_EVERY);
        let waits = waiting_reader(root, target);
        self.read |= waits;
        waits
    }
}

/// Quick commands end before the first look.
const FIRST_LOOK: Duration = Duration::from_millis(60);
const LOOK_EVERY: Duration = Duration::from_millis(500);

/// Whether a process under `root` (itself included) is blocked in a read of
/// its stdin, and its stdin is `target`.
pub fn waiting_reader(root: u32, target: &Path) -> bool {
    let mut pending = vec![root];
    let mut seen = 0;
    while let Some(pid) = pending.pop() {
        seen += 1;
        if seen > 4096 {
            return false;
        }
        if reads_stdin(pid, target) {
            return true;
        }
        let tasks = std::fs::read_dir(format!("/proc/{pid}/task"));
        for task in tasks.into_iter().flatten().flatten() {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            pending.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
    }
    false
}

fn reads_stdin(pid: u32, target: &Path) -> bool {
    let Ok(stdin) = std::fs::read_link(format!("/proc/{pid}/fd/0")) else {
        return false;
    };
    if stdin != target {
        return false;
    }
    // `NR fd ...`: the system call it is blocked in, and its first argument.
    let syscall = std::fs::read_to_string(format!("/proc/{pid}/syscall")).unwrap_or_default();
    let mut fields = syscall.split_whitespace();
    let (Some(nr), Some(fd)) = (fields.next(), fields.next()) else {
        return false;
    };
    let read = [libc::SYS_read, libc::SYS_readv, libc::SYS_pread64]
        .iter()
        .any(|n| nr == n.to_string());
    read && fd == "0x0"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_of_the_fifo_is_seen_and_gets_the_end_of_its_input() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stdin");
        let Some(mut watched) = Watched::create(&path) else {
            return;
        };
        assert!(watched.arm());
        let mut child = std::process::Command::new("bash")
            .arg("-c")
            .arg("sleep 0.2; cat > /dev/null; echo done")
            .stdin(std::fs::File::open(&path).unwrap())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let began = Instant::now();
        let mut looking = Looking::start();
        while !looking.waits(child.id(), &path) {
            assert!(began.elapsed() < Duration::from_secs(10), "never seen");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(looking.read);
        watched.disarm();
        assert!(child.wait().unwrap().success());
    }
}
