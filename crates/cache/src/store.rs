//! Passing verdicts kept by key: one small JSON file per key in the cache
//! directory, written through a temporary file and a rename, so two runs
//! sharing the directory never read half a file, and the last writer wins
//! with a whole one.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Bumped when an entry's shape changes; older entries are misses.
const VERSION: u32 = 1;

/// What a passing run left for the next one to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub version: u32,
    pub guide: String,
    pub key: String,
    /// When the passing run ended (seconds since the epoch).
    pub recorded: u64,
    pub duration_ms: u64,
    pub steps: Vec<CachedStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedStep {
    pub number: usize,
    pub line: usize,
    pub summary: String,
    /// `passed`, `skipped` or `not-run`, as the run reported it.
    pub status: String,
}

impl Entry {
    pub fn new(guide: &str, key: &str, duration_ms: u64, steps: Vec<CachedStep>) -> Entry {
        Entry {
            version: VERSION,
            guide: guide.to_string(),
            key: key.to_string(),
            recorded: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            duration_ms,
            steps,
        }
    }
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: &Path) -> Cache {
        Cache {
            dir: dir.to_path_buf(),
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// The entry of a passing run with this key, if there is one. An
    /// unreadable or foreign file is a miss: the guide runs.
    pub fn lookup(&self, key: &str) -> Option<Entry> {
        let text = std::fs::read(self.path(key)).ok()?;
        let entry: Entry = serde_json::from_slice(&text).ok()?;
        (entry.version == VERSION && entry.key == key).then_some(entry)
    }

    /// Keeps a passing run's entry.
    pub fn record(&self, entry: &Entry) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        serde_json::to_writer(&mut file, entry)?;
        file.as_file().sync_all()?;
        file.persist(self.path(&entry.key)).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_strangers_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(&dir.path().join("cache"));
        assert_eq!(cache.lookup("abc"), None);
        let entry = Entry::new("g.md", "abc", 12, Vec::new());
        cache.record(&entry).unwrap();
        assert_eq!(cache.lookup("abc"), Some(entry));
        std::fs::write(dir.path().join("cache/def.json"), "{half").unwrap();
        assert_eq!(cache.lookup("def"), None);
        // A file renamed to another key is not that key's entry.
        std::fs::copy(
            dir.path().join("cache/abc.json"),
            dir.path().join("cache/xyz.json"),
        )
        .unwrap();
        assert_eq!(cache.lookup("xyz"), None);
    }

    /// Writers racing on one key each leave a whole entry.
    #[test]
    fn concurrent_writers_never_leave_half_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let dir = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let cache = Cache::new(&dir);
                    for n in 0..50 {
                        let steps = vec![CachedStep {
                            number: 1,
                            line: i * 100 + n,
                            summary: "x".repeat(1000),
                            status: "passed".into(),
                        }];
                        cache.record(&Entry::new("g.md", "k", 1, steps)).unwrap();
                        assert!(cache.lookup("k").is_some());
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        assert!(Cache::new(dir.path()).lookup("k").is_some());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left");
    }
}
