//! The `Test` builder, in the manner of casey/just's tests: a project
//! directory with files, the real doccheck binary run in it, and the whole of
//! stdout and stderr compared with what the test expects, written with
//! doccheck's own wildcards (`[..]` within a line, `...` for any lines).

use std::path::{Path, PathBuf};
use std::process::Command;

use doccheck_runner::matching;

pub struct Test {
    dir: tempfile::TempDir,
    /// The directory doccheck runs in (the project's root unless told).
    cwd: Option<PathBuf>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdout: String,
    stderr: String,
    status: i32,
    /// A TMPDIR of the test's own, to see what a run leaves behind.
    tmpdir: Option<tempfile::TempDir>,
}

/// What a run gave, for checks beyond the output.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
    pub dir: tempfile::TempDir,
    pub tmpdir: Option<tempfile::TempDir>,
}

impl Output {
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }
}

/// The runs' state directory, inside a private TMPDIR.
pub const STATE_DIR: &str = "doccheck-state";

/// The records left in the state directory under `tmp`: `(run, file)` pairs.
pub fn state_left(tmp: &Path) -> Vec<(String, String)> {
    let mut left = Vec::new();
    for run in std::fs::read_dir(tmp.join(STATE_DIR).join("runs"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for file in std::fs::read_dir(run.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            left.push((
                run.file_name().to_string_lossy().into_owned(),
                file.file_name().to_string_lossy().into_owned(),
            ));
        }
    }
    left
}

/// Live processes whose command line or environment holds `needle`: how
/// a test finds a guide's processes, including those it did not write down.
pub fn processes_with(needle: &str) -> Vec<String> {
    let needle = needle.as_bytes();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter(|e| {
            ["cmdline", "environ"].iter().any(|f| {
                std::fs::read(e.path().join(f)).is_ok_and(|bytes| {
                    bytes
                        .split(|&b| b == 0)
                        .any(|part| part.windows(needle.len()).any(|w| w == needle))
                        || bytes.windows(needle.len()).any(|w| w == needle)
                })
            })
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|pid| alive(pid) && *pid != std::process::id().to_string())
        .collect()
}

/// Starts the run of `test` (stdout piped, stderr dropped) and waits until
/// `flag` exists: the guide touches it when it is where the test wants it.
pub fn spawn_until(test: &Test, flag: &Path) -> std::process::Child {
    let child = test
        .command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !flag.exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the guide never got to {}",
            flag.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

pub fn doccheck_binary() -> &'static str {
    env!("CARGO_BIN_EXE_doccheck")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Test {
    pub fn new() -> Test {
        Test {
            dir: tempfile::Builder::new()
                .prefix("dctest-")
                .tempdir()
                .expect("a temp dir"),
            cwd: None,
            args: Vec::new(),
            env: Vec::new(),
            stdout: String::new(),
            stderr: String::new(),
            status: 0,
            tmpdir: None,
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes a file of the project.
    pub fn write(self, relative: &str, content: impl AsRef<[u8]>) -> Test {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, content).expect("write");
        self
    }

    /// Writes `g.md` and runs doccheck on it (unless `args` says otherwise).
    pub fn guide(self, content: &str) -> Test {
        let mut test = self.write("g.md", content);
        if test.args.is_empty() {
            test.args.push("g.md".into());
        }
        test
    }

    pub fn args(mut self, args: &[&str]) -> Test {
        self.args = args.iter().map(|a| a.to_string()).collect();
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs doccheck in `dir` instead of the project's root.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Test {
        self.cwd = Some(self.dir.path().join(dir));
        self
    }

    /// Gives the run a TMPDIR (and a state directory in it, [`STATE_DIR`])
    /// of its own, to check it is empty afterwards.
    pub fn private_tmpdir(mut self) -> Test {
        self.tmpdir = Some(
            tempfile::Builder::new()
                .prefix("dctmp-")
                .tempdir()
                .expect("a temp dir"),
        );
        self
    }

    /// The private TMPDIR, if the test has one.
    pub fn tmpdir_path(&self) -> Option<PathBuf> {
        self.tmpdir.as_ref().map(|t| t.path().to_path_buf())
    }

    pub fn stdout(mut self, expected: &str) -> Test {
        self.stdout = expected.to_string();
        self
    }

    pub fn stderr(mut self, expected: &str) -> Test {
        self.stderr = expected.to_string();
        self
    }

    pub fn status(mut self, status: i32) -> Test {
        self.status = status;
        self
    }

    pub fn command(&self) -> Command {
        let mut command = Command::new(doccheck_binary());
        command
            .args(&self.args)
            .current_dir(self.cwd.as_deref().unwrap_or(self.dir.path()))
            .env_remove("GITHUB_ACTIONS")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        if let Some(tmp) = &self.tmpdir {
            // The run's records too, so that the labels of what it makes
            // point into the test's own directory.
            command
                .env("TMPDIR", tmp.path())
                .env("DOCCHECK_STATE_DIR", tmp.path().join(STATE_DIR));
        }
        for (k, v) in &self.env {
            command.env(k, v);
        }
        command
    }

    pub fn run(self) -> Output {
        let out = self.command().output().expect("doccheck runs");
        let output = Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            status: out.status.code().unwrap_or(-1),
            dir: self.dir,
            tmpdir: self.tmpdir,
        };
        let shown = format!(
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            output.status, output.stdout, output.stderr
        );
        assert!(
            !output.stderr.contains("panicked"),
            "doccheck panicked:\n{shown}"
        );
        assert_matches("stdout", &self.stdout, &output.stdout, &shown);
        assert_matches("stderr", &self.stderr, &output.stderr, &shown);
        assert_eq!(output.status, self.status, "exit code\n{shown}");
        output
    }
}

/// `actual` against `expected` written with doccheck's wildcards.
pub fn assert_matches(what: &str, expected: &str, actual: &str, context: &str) {
    let expected: Vec<&str> = expected.lines().collect();
    let actual = matching::normalize(actual);
    if !matching::matches(&expected, &actual) {
        let diff: String = matching::diff(&expected, &actual)
            .iter()
            .map(|l| format!("{}{}\n", l.tag, l.text))
            .collect();
        panic!("{what} differs (- expected, + actual):\n{diff}\n{context}");
    }
}

/// Whether a process is alive (a zombie is dead).
pub fn alive(pid: &str) -> bool {
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).unwrap_or_default();
    status
        .lines()
        .any(|l| l.starts_with("State:") && !l.contains("zombie"))
}

pub fn signal(pid: u32, signal: i32) {
    assert!(
        doccheck_runner::sys::signal(pid, signal),
        "cannot signal {pid}"
    );
}

/// Asserts a JUnit file is valid against Jenkins' junit-10.xsd (Python's
/// xmlschema, which .ci/setup installs).
pub fn assert_valid_junit(path: &Path) {
    let schema = repo().join("tests/data/junit-10.xsd");
    let check = Command::new("python3")
        .args([
            "-c",
            "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])",
        ])
        .arg(&schema)
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        check.status.success(),
        "the JUnit XML is not valid against junit-10.xsd (is xmlschema installed? .ci/setup installs it):\n{}\n{}",
        String::from_utf8_lossy(&check.stderr),
        std::fs::read_to_string(path).unwrap_or_default()
    );
}
