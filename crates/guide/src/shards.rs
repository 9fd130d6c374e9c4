//! Shards by duration: an earlier run's report (`--format json` JSON Lines
//! or JUnit XML, several files merged) gives each guide's time, and the
//! guides are dealt longest first, each to the shard with the least time so
//! far (the LPT rule, deterministic: ties go by path, then by shard number),
//! so one slow guide no longer makes its shard the long pole. A guide with
//! no record is spread by the hash of its path, as `hash:K/N` does.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use crate::error::Error;
use crate::tree::GuidePath;

/// Recorded durations, by guide path as reports show it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings(HashMap<String, Duration>);

fn key(path: &str) -> String {
    path.trim_start_matches("./").replace('\\', "/")
}

impl Timings {
    /// Reads each file: JSON Lines of `--format json` (run documents) or
    /// JUnit XML (a `<testsuite>` per guide): the time each guide took in
    /// that run, none for a cached one (it is likely cached again). A guide
    /// in several files keeps its last time.
    pub fn read(files: &[impl AsRef<Path>]) -> Result<Timings, Error> {
        let mut timings = Timings::default();
        for file in files {
            let file = file.as_ref();
            let text = std::fs::read_to_string(file).map_err(|e| {
                Error::usage(format!("--timings {}: cannot read it: {e}", file.display()))
            })?;
            let parsed = match text.trim_start().starts_with('<') {
                true => junit(&text),
                false => json_lines(&text),
            };
            let found = parsed
                .map_err(|why| Error::usage(format!("--timings {}: {why}", file.display())))?;
            timings.0.extend(found);
        }
        Ok(timings)
    }

    pub fn of(&self, guide: &Path) -> Option<Duration> {
        self.0.get(&key(&guide.to_string_lossy())).copied()
    }

    pub fn insert(&mut self, guide: &str, time: Duration) {
        self.0.insert(key(guide), time);
    }
}

fn json_lines(text: &str) -> Result<Vec<(String, Duration)>, String> {
    let mut found = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let doc: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            format!(
                "line {}: not a JSON document of `--format json` ({e})",
                n + 1
            )
        })?;
        if doc["kind"] != "run" {
            continue;
        }
        let (Some(guide), Some(ms)) = (doc["guide"].as_str(), doc["duration_ms"].as_u64()) else {
            return Err(format!(
                "line {}: a run document without guide or duration_ms",
                n + 1
            ));
        };
        found.push((key(guide), Duration::from_millis(ms)));
    }
    Ok(found)
}

fn junit(text: &str) -> Result<Vec<(String, Duration)>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut found = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(found),
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == b"testsuite" => {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                };
                let (Some(name), Some(time)) = (attr(b"name"), attr(b"time")) else {
                    continue;
                };
                // A translation's suite is not a run.
                if name.ends_with(" (translation)") {
                    continue;
                }
                let secs: f64 = time
                    .parse()
                    .map_err(|_| format!("`{time}` is not a time"))?;
                if secs.is_finite() && secs >= 0.0 {
                    found.push((key(&name), Duration::from_secs_f64(secs)));
                }
            }
            Ok(_) => {}
            Err(e) => return Err(format!("not JUnit XML: {e}")),
        }
    }
}

/// Every shard's guides and expected time, for `total` shards.
pub fn deal(guides: &[GuidePath], timings: &Timings, total: u64) -> Vec<Shard> {
    let mut shards: Vec<Shard> = (0..total).map(|_| Shard::default()).collect();
    let mut known: Vec<(Duration, usize)> = Vec::new();
    for (i, guide) in guides.iter().enumerate() {
        match timings.of(&guide.path) {
            Some(time) => known.push((time, i)),
            None => {
                let at = crate::tree::hash_shard(&guide.path, total) as usize;
                shards[at].guides.push(i);
                shards[at].unknown += 1;
            }
        }
    }
    known.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| guides[a.1].path.cmp(&guides[b.1].path))
    });
    for (time, i) in known {
        let least = (0..shards.len())
            .min_by_key(|&s| (shards[s].expected, s))
            .unwrap_or(0);
        shards[least].expected += time;
        shards[least].guides.push(i);
    }
    for shard in &mut shards {
        shard.guides.sort();
    }
    shards
}

/// One shard of a duration partition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shard {
    /// Indexes into the guides dealt, in their order.
    pub guides: Vec<usize>,
    /// The recorded time of its guides.
    pub expected: Duration,
    /// Guides without a record (spread by hash).
    pub unknown: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn guides(n: usize) -> Vec<GuidePath> {
        (0..n)
            .map(|i| GuidePath {
                path: PathBuf::from(format!("docs/g{i:02}.md")),
                named: false,
            })
            .collect()
    }

    #[test]
    fn a_long_guide_gets_a_shard_of_its_own() {
        let all = guides(9);
        let mut t = Timings::default();
        t.insert("docs/g00.md", Duration::from_secs(80));
        for i in 1..9 {
            t.insert(&format!("./docs/g{i:02}.md"), Duration::from_secs(10));
        }
        let shards = deal(&all, &t, 2);
        assert_eq!(shards[0].guides, [0]);
        assert_eq!(shards[0].expected, Duration::from_secs(80));
        assert_eq!(shards[1].expected, Duration::from_secs(80));
        // Every guide exactly once, and the same deal every time.
        let mut union: Vec<usize> = shards.iter().flat_map(|s| s.guides.clone()).collect();
        union.sort();
        assert_eq!(union, (0..9).collect::<Vec<_>>());
        assert_eq!(deal(&all, &t, 2), shards);
    }

    #[test]
    fn unrecorded_guides_are_spread_by_hash() {
        let all = guides(20);
        let shards = deal(&all, &Timings::default(), 3);
        for (s, shard) in shards.iter().enumerate() {
            assert_eq!(shard.unknown, shard.guides.len());
            for &i in &shard.guides {
                assert_eq!(crate::tree::hash_shard(&all[i].path, 3), s as u64);
            }
        }
    }

    #[test]
    fn timings_come_from_json_lines_and_junit() {
        let json = r#"{"schema_version":1,"kind":"run","guide":"docs/a.md","duration_ms":1500}
{"schema_version":1,"kind":"run","guide":"docs/b.md","verdict":"cached","duration_ms":0,"cache":{"key":"k","recorded":1,"duration_ms":4000}}
{"schema_version":1,"kind":"error","guide":"docs/c.md"}
"#;
        let found = json_lines(json).unwrap();
        assert_eq!(
            found,
            [
                ("docs/a.md".to_string(), Duration::from_millis(1500)),
                ("docs/b.md".to_string(), Duration::ZERO)
            ]
        );
        let xml = r#"<?xml version="1.0"?><testsuites><testsuite name="docs/a.md" tests="1" time="2.500"><testcase name="x"/></testsuite><testsuite name="docs/a.md (translation)" time="0"/></testsuites>"#;
        assert_eq!(
            junit(xml).unwrap(),
            [("docs/a.md".to_string(), Duration::from_millis(2500))]
        );
        assert!(json_lines("not json\n").unwrap_err().starts_with("line 1:"));
    }
}
