//! Which guides a run takes: each path on the command line is a guide, a
//! directory (every `*.md` below it, honouring `.gitignore` and skipping
//! hidden files, as ripgrep's `ignore` crate walks), or a glob; with no path,
//! the configuration's `include` globs. Then, for CI, one shard of them.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, ErrorKind};

/// A guide to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidePath {
    /// As reports show it: as given when named, else relative to the current directory.
    pub path: PathBuf,
    /// Named on the command line (a guide without code blocks is an error then;
    /// found by a walk or a glob, it is counted as such).
    pub named: bool,
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn has_glob(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = path.strip_prefix(&cwd).unwrap_or(path);
    path.strip_prefix("./").unwrap_or(path).to_path_buf()
}

/// The markdown files below `dir`, sorted, as the walk finds them.
fn walk(dir: &Path, config: &Config) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| is_markdown(p) && config.keeps(p))
        .collect();
    found.sort();
    found
}

/// The files below the glob's fixed prefix that match it.
fn expand(glob: &str, config: &Config) -> Result<Vec<PathBuf>, Error> {
    let matcher = globset::GlobBuilder::new(glob)
        .literal_separator(true)
        .build()
        .map_err(|e| Error::usage(format!("`{glob}` is not a glob: {e}")))?
        .compile_matcher();
    let base: PathBuf = Path::new(glob)
        .components()
        .take_while(|c| !has_glob(&c.as_os_str().to_string_lossy()))
        .collect();
    let base = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(&base)
        .require_git(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| matcher.is_match(p.strip_prefix("./").unwrap_or(p)) && config.keeps(p))
        .collect();
    found.sort();
    Ok(found)
}

pub fn collect(paths: &[PathBuf], config: &Config) -> Result<Vec<GuidePath>, Error> {
    let mut guides: Vec<GuidePath> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |path: PathBuf, named: bool, guides: &mut Vec<GuidePath>| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            guides.push(GuidePath { path, named });
        }
    };
    if paths.is_empty() {
        if config.include_globs.is_empty() {
            return Err(Error::usage(
                "give a guide, a directory or a glob (or set `include:` in .doccheck.yaml)",
            ));
        }
        for found in walk(&config.root, config) {
            add(shown(&found), false, &mut guides);
        }
        if guides.is_empty() {
            return Err(Error::usage(
                "the `include:` globs of the configuration match no guide",
            ));
        }
        return Ok(guides);
    }
    for path in paths {
        let text = path.to_string_lossy();
        if path.is_dir() {
            let before = guides.len();
            for found in walk(path, config) {
                add(found, false, &mut guides);
            }
            if guides.len() == before {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!(
                        "{} holds no markdown guide (*.md) that the walk keeps",
                        path.display()
                    ),
                ));
            }
        } else if !path.exists() && has_glob(&text) {
            let found = expand(&text, config)?;
            if found.is_empty() {
                return Err(Error::usage(format!("the glob `{text}` matches no guide")));
            }
            for path in found {
                add(
                    path.strip_prefix("./")
                        .map(Path::to_path_buf)
                        .unwrap_or(path),
                    false,
                    &mut guides,
                );
            }
        } else {
            // A file, or a path that does not exist: reading it says which.
            add(path.clone(), true, &mut guides);
        }
    }
    Ok(guides)
}

/// One shard of the guides, as cargo-nextest partitions tests: `count:K/N`
/// deals them round-robin in order; `hash:K/N` by a hash of each guide's
/// path, so a guide stays in its shard as others are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partition {
    Count {
        shard: u64,
        total: u64,
    },
    Hash {
        shard: u64,
        total: u64,
    },
    /// By recorded durations ([`crate::shards`]).
    Duration {
        shard: u64,
        total: u64,
    },
}

impl std::str::FromStr for Partition {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || {
            format!("`{text}` is not a partition; write count:K/N, hash:K/N or duration:K/N, with 1 ≤ K ≤ N")
        };
        let (kind, rest) = text.split_once(':').ok_or_else(bad)?;
        let (k, n) = rest.split_once('/').ok_or_else(bad)?;
        let (shard, total): (u64, u64) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if shard == 0 || total == 0 || shard > total {
            return Err(bad());
        }
        match kind {
            "count" => Ok(Partition::Count { shard, total }),
            "hash" => Ok(Partition::Hash { shard, total }),
            "duration" => Ok(Partition::Duration { shard, total }),
            _ => Err(bad()),
        }
    }
}

/// The 0-based shard of `total` a path hashes to (stable as guides are added).
pub fn hash_shard(path: &Path, total: u64) -> u64 {
    let key = path.to_string_lossy().replace('\\', "/");
    twox_hash::XxHash64::oneshot(0, key.as_bytes()) % total
}

impl Partition {
    /// The guides of this shard; `timings` are a duration partition's records.
    pub fn select(
        &self,
        guides: Vec<GuidePath>,
        timings: &crate::shards::Timings,
    ) -> Vec<GuidePath> {
        if let Partition::Duration { shard, total } = *self {
            let dealt = crate::shards::deal(&guides, timings, total);
            let mine = &dealt[(shard - 1) as usize].guides;
            return guides
                .into_iter()
                .enumerate()
                .filter(|(i, _)| mine.binary_search(i).is_ok())
                .map(|(_, g)| g)
                .collect();
        }
        guides
            .into_iter()
            .enumerate()
            .filter(|(i, g)| match *self {
                Partition::Count { shard, total } => (*i as u64) % total == shard - 1,
                Partition::Hash { shard, total } => hash_shard(&g.path, total) == shard - 1,
                Partition::Duration { .. } => false,
            })
            .map(|(_, g)| g)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guides(n: usize) -> Vec<GuidePath> {
        (0..n)
            .map(|i| GuidePath {
                path: PathBuf::from(format!("docs/guide-{i}.md")),
                named: false,
            })
            .collect()
    }

    #[test]
    fn partitions_cover_every_guide_once() {
        for kind in ["count", "hash", "duration"] {
            let all = guides(37);
            let mut union = Vec::new();
            for k in 1..=4 {
                let p: Partition = format!("{kind}:{k}/4").parse().unwrap();
                union.extend(p.select(all.clone(), &crate::shards::Timings::default()));
            }
            union.sort_by(|a, b| a.path.cmp(&b.path));
            let mut expected = all.clone();
            expected.sort_by(|a, b| a.path.cmp(&b.path));
            assert_eq!(union, expected, "{kind}");
        }
        let count: Partition = "count:2/3".parse().unwrap();
        let picked: Vec<_> = count
            .select(guides(7), &crate::shards::Timings::default())
            .into_iter()
            .map(|g| g.path)
            .collect();
        assert_eq!(
            picked,
            [PathBuf::from("docs/guide-1.md"), "docs/guide-4.md".into()]
        );
    }

    #[test]
    fn hash_shards_are_stable_as_guides_are_added() {
        let p: Partition = "hash:1/3".parse().unwrap();
        let before: Vec<_> = p.select(guides(20), &crate::shards::Timings::default());
        let after: Vec<_> = p.select(guides(40), &crate::shards::Timings::default());
        assert!(before.iter().all(|g| after.contains(g)));
    }

    #[test]
    fn bad_partitions() {
        for bad in ["count:0/3", "count:4/3", "hash:1", "slice:1/2", "count:a/b"] {
            assert!(bad.parse::<Partition>().is_err(), "{bad}");
        }
    }
}
