//! Where the stand-in `dotnet` lives and what is installed beside it, laid out like a real
//! .NET Core install (`/usr/share/dotnet/{dotnet,sdk/V/,shared/NAME/V/}`), so that the
//! muxer decides "SDK or runtime only" the way the real one does: by looking.

use std::path::{Path, PathBuf};

pub const SDK_VERSION: &str = "3.0.100";
pub const RUNTIME_VERSION: &str = "3.0.0";
pub const MSBUILD_BANNER: &str = "Microsoft (R) Build Engine version 16.3.0+0f4c62fea for .NET Core\n\
                                  Copyright (C) Microsoft Corporation. All rights reserved.\n";

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

    pub fn framework_dir(&self, name: &str) -> PathBuf {
        self.root.join("shared").join(name)
    }
}
