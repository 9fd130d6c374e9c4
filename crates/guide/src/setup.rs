//! What a run needs before its first step, typed: the workspace's starting
//! content, the session's environment, limits, and what the Docker integration
//! must provide. Built from a scenario (or defaults) by the plan.

use std::path::PathBuf;
use std::time::Duration;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);
pub const DEFAULT_RUN_TIMEOUT: Duration = Duration::from_secs(30 * 60);

#[derive(Debug, Clone)]
pub struct Setup {
    /// A directory copied into the workspace before the first step.
    pub fixture: Option<PathBuf>,
    /// Added to the session's environment.
    pub env: Vec<(String, String)>,
    /// The whole run's limit.
    pub run_timeout: Duration,
    /// Present when the guide drives Docker.
    pub docker: Option<DockerSetup>,
    /// Variables the session takes from the caller instead of doccheck's
    /// isolated value (`HOME`, `TMPDIR`).
    pub pass_env: Vec<String>,
    /// A run in which no step ran passes.
    pub allow_empty: bool,
    /// Names of variables whose values every report masks (`secrets:`,
    /// `--secret`); names that look like a token's or a password's are masked too.
    pub secrets: Vec<String>,
    /// Commands whose output is part of the verdict cache's key (`git --version`).
    pub tool_versions: Vec<String>,
    /// Named substitutions of expected output (`[VERSION]` → a regex), checked.
    pub substitutions: Vec<(String, String)>,
    /// The share of the guide's blocks (percent) that must run, or it fails.
    pub min_run: Option<u32>,
    /// Absolute paths the guide uses and the workspace directories they
    /// stand for (`/tmp/demo` → `demo`): replaced in commands, and back in
    /// their output.
    pub paths: Vec<(String, String)>,
    /// A directory of that name inside the run's temporary directory is the
    /// session's TMPDIR (scrut's documents see `…/__tmp`, as scrut names it).
    pub tmp_subdir: Option<String>,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            fixture: None,
            env: Vec::new(),
            run_timeout: DEFAULT_RUN_TIMEOUT,
            docker: None,
            pass_env: Vec::new(),
            allow_empty: false,
            secrets: Vec::new(),
            tool_versions: Vec::new(),
            substitutions: Vec::new(),
            min_run: None,
            paths: Vec::new(),
            tmp_subdir: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DockerSetup {
    /// Base images the guide needs; a stand-in is built where one is missing.
    pub images: Vec<StandIn>,
    /// Registry hosts whose pushes go to a registry of the run's own
    /// (`docker.io` stands for unqualified names such as `myorg/app`).
    pub registry_hosts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StandIn {
    /// The image reference the guide uses, e.g. `mcr.microsoft.com/dotnet/core/sdk:3.0`.
    pub image: String,
    /// Shell command that builds the stand-in and tags it `$DOCCHECK_IMAGE`,
    /// with the labels in `$DOCCHECK_LABELS`; run in `dir`.
    pub build: String,
    pub dir: PathBuf,
    /// Files and directories whose content decides whether a cached stand-in is current.
    pub inputs: Vec<PathBuf>,
}
