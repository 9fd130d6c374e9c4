//! Every call into the OS that the standard library does not wrap, in one
//! place: process groups, the parent-death signal, fd 3 for bash, the
//! session's mount namespace, poll, locks.
//! The only `unsafe` code of doccheck is the `pre_exec` hooks here.

use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::os::unix::process::CommandExt;
use std::time::Duration;

use rustix::process::{Pid, Signal};

/// Makes a child die when doccheck dies, even by SIGKILL, so a crashed run
/// leaves no shell session or registry behind.
pub fn die_with_parent(command: &mut std::process::Command) {
    // SAFETY: prctl(PR_SET_PDEATHSIG) is async-signal-safe and allocates nothing.
    unsafe {
        command.pre_exec(|| {
            rustix::process::set_parent_process_death_signal(Some(Signal::KILL))?;
            Ok(())
        });
    }
}

/// Makes `fd` the child's fd 3, without close-on-exec.
pub fn inherit_as_fd3(command: &mut std::process::Command, fd: RawFd) {
    // SAFETY: dup2 and fcntl are async-signal-safe and allocate nothing.
    unsafe {
        command.pre_exec(move || {
            let done = match fd {
                // dup2 onto itself would keep close-on-exec: clear it instead.
                3 => libc::fcntl(3, libc::F_SETFD, 0),
                _ => libc::dup2(fd, 3),
            };
            match done {
                -1 => Err(std::io::Error::last_os_error()),
                _ => Ok(()),
            }
        });
    }
}

/// Makes the child enter a mount namespace of its own with `mounts` in
/// place before it execs (see [`crate::session::namespace`]).
pub fn enter_private_mounts(
    command: &mut std::process::Command,
    mounts: crate::session::namespace::Prepared,
) {
    use rustix::mount::{mount, mount_bind, mount_change, MountFlags, MountPropagationFlags};
    use rustix::thread::{CapabilitySet, UnshareFlags};
    // SAFETY: only system calls between fork and exec, on data made before
    // the fork: nothing allocates, takes a lock or touches other threads.
    unsafe {
        command.pre_exec(move || {
            let write = |path: &std::ffi::CStr, bytes: &[u8]| -> std::io::Result<()> {
                let fd =
                    rustix::fs::open(path, rustix::fs::OFlags::WRONLY, rustix::fs::Mode::empty())?;
                rustix::io::write(&fd, bytes)?;
                Ok(())
            };
            match &mounts.user {
                Some((uid_map, gid_map)) => {
                    rustix::thread::unshare_unsafe(UnshareFlags::NEWUSER | UnshareFlags::NEWNS)?;
                    write(c"/proc/self/setgroups", b"deny")?;
                    write(c"/proc/self/uid_map", uid_map)?;
                    write(c"/proc/self/gid_map", gid_map)?;
                }
                None => rustix::thread::unshare_unsafe(UnshareFlags::NEWNS)?,
            }
            mount_change(
                c"/",
                MountPropagationFlags::PRIVATE | MountPropagationFlags::REC,
            )?;
            for dir in &mounts.hides {
                mount(
                    c"doccheck-hidden",
                    dir.as_c_str(),
                    c"tmpfs",
                    MountFlags::RDONLY | MountFlags::NOSUID | MountFlags::NODEV,
                    Some(c"mode=0755,size=4k"),
                )?;
            }
            for (source, target) in &mounts.binds {
                mount_bind(source.as_c_str(), target.as_c_str())?;
            }
            if mounts.user.is_none() {
                rustix::thread::remove_capability_from_bounding_set(CapabilitySet::SYS_ADMIN)?;
            }
            Ok(())
        });
    }
}

/// Sends SIGKILL to every process of group `pgid`.
pub fn kill_group(pgid: u32) {
    if let Some(pid) = Pid::from_raw(pgid as i32) {
        let _ = rustix::process::kill_process_group(pid, Signal::KILL);
    }
}

/// Sends `signal` to one process.
pub fn signal(pid: u32, signal: i32) -> bool {
    let (Some(pid), Some(signal)) = (Pid::from_raw(pid as i32), Signal::from_named_raw(signal))
    else {
        return false;
    };
    rustix::process::kill_process(pid, signal).is_ok()
}

/// Waits up to `wait` until `fd` is readable (or closed); false on timeout.
pub fn readable(fd: &impl AsFd, wait: Duration) -> bool {
    let mut fds = [rustix::event::PollFd::new(fd, rustix::event::PollFlags::IN)];
    let timeout = rustix::event::Timespec {
        tv_sec: wait.as_secs() as i64,
        tv_nsec: wait.subsec_nanos() as i64,
    };
    matches!(rustix::event::poll(&mut fds, Some(&timeout)), Ok(n) if n > 0)
}

/// Opens (creating it) a file that serves as a lock between processes.
pub fn lock_file(path: &std::path::Path) -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .ok()
}

/// Takes an exclusive lock on `file` without waiting; false if another holds it.
pub fn try_lock(file: &std::fs::File) -> bool {
    rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok()
}

/// Takes the lock at `path` (creating the file) without waiting: the file,
/// locked, or `None` when another process holds it; an error when the
/// file cannot be opened. Lock files of this kind
/// may be removed by whoever holds them ([`unlink_locked`]): a lock taken on
/// a file that was unlinked meanwhile is let go and taken again on the new
/// one, so removing them never lets two processes hold one path.
pub fn try_lock_path(path: &std::path::Path) -> std::io::Result<Option<std::fs::File>> {
    use std::os::unix::fs::MetadataExt;
    for _ in 0..8 {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        if !try_lock(&file) {
            return Ok(None);
        }
        let held = file.metadata()?;
        match std::fs::metadata(path) {
            Ok(now) if now.ino() == held.ino() && now.dev() == held.dev() => return Ok(Some(file)),
            _ => continue, // removed or replaced while we locked it
        }
    }
    Ok(None)
}

/// Removes a lock file taken with [`try_lock_path`], while still holding it.
pub fn unlink_locked(path: &std::path::Path, file: std::fs::File) {
    let _ = std::fs::remove_file(path);
    drop(file);
}

/// Makes doccheck the reaper of its orphaned descendants (a guide's `setsid`
/// daemons), so the janitor can find and reap them.
pub fn become_subreaper() {
    let _ = rustix::process::set_child_subreaper(Some(rustix::process::getpid()));
}

pub fn raw(fd: &impl AsRawFd) -> RawFd {
    fd.as_raw_fd()
}
