//! Where the stand-in `dotnet` lives and what is installed beside it, laid out like a real
//! .NET Core install (`/usr/share/dotnet/{dotnet,sdk/V/,shared/NAME/V/}`), so that the
//! muxer decides "SDK or runtime only" the way the real one does: by looking. The versions
//! come from the same place: the one `dotnet` binary is 3.0 in a 3.0 image and 8.0 in an 8.0
//! image because of the directories beside it, not because of anything compiled in.

use std::path::{Path, PathBuf};

use crate::versions::{Host, Sdk};

pub struct Install {
    pub root: PathBuf,
}

/// A dotted version, compared numerically ("3.0.0", "3.0.100"); a pre-release suffix is dropped.
pub fn version(text: &str) -> Vec<u64> {
    text.split('-')
        .next()
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

fn subdirs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort_by_key(|n| version(n));
    names
}

impl Install {
    /// The directory of the running executable, symlinks resolved, as the real muxer finds
    /// its install (`/usr/bin/dotnet` -> `/usr/share/dotnet/dotnet`).
    pub fn locate() -> Install {
        let exe = std::env::current_exe()
            .and_then(|p| p.canonicalize())
            .unwrap_or_default();
        Install {
            root: exe
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| "/usr/share/dotnet".into()),
        }
    }

    pub fn sdks(&self) -> Vec<String> {
        subdirs(&self.root.join("sdk"))
    }

    /// (framework name, versions installed), e.g. ("Microsoft.AspNetCore.App", ["3.0.0"]).
    pub fn frameworks(&self) -> Vec<(String, Vec<String>)> {
        let shared = self.root.join("shared");
        let mut names = subdirs(&shared);
        names.sort();
        names
            .into_iter()
            .map(|n| (n.clone(), subdirs(&shared.join(&n))))
            .collect()
    }

    /// The SDK that runs SDK commands: the newest installed, as without a global.json.
    /// None: no SDK (the aspnet image).
    pub fn sdk(&self) -> Option<Sdk> {
        self.sdks().last().map(|v| Sdk::new(v))
    }

    /// The host and runtime: the newest Microsoft.NETCore.App installed (they ship together).
    /// None: no runtime at all, which no stand-in image is.
    pub fn host(&self) -> Option<Host> {
        subdirs(&self.framework_dir("Microsoft.NETCore.App"))
            .last()
            .map(|v| Host::new(v))
    }

    pub fn framework_dir(&self, name: &str) -> PathBuf {
        self.root.join("shared").join(name)
    }
}
