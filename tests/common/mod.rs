//! Running the real doccheck binary on guides written into a temp directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::Builder::new()
                .prefix("dctest-")
                .tempdir()
                .unwrap(),
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn file(&self, relative: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Runs doccheck in the project directory.
    pub fn doccheck(&self, args: &[&str]) -> Run {
        self.doccheck_env(args, &[])
    }

    pub fn doccheck_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_doccheck"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("GITHUB_ACTIONS");
        for (k, v) in env {
            command.env(k, v);
        }
        Run::from(command.output().unwrap())
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        let run = Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "doccheck panicked:\n{}",
            run.stderr
        );
        run
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

pub fn exists(path: &Path) -> bool {
    path.exists()
}
