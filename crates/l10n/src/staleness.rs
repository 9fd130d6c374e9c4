//! `translation-outdated`: the localized front matter records the source
//! revision the translation was made from (`ms.sourcegitcommit`, and
//! `ms.openlocfilehash`, a hash of the source file); when the source's front
//! matter, or the configured revision, says the source is now another one,
//! the translation is reported once as outdated.

use crate::front_matter;
use crate::text::{clip, LineIndex};

/// The front-matter keys that record the source revision.
const KEYS: &[&str] = &["ms.sourcegitcommit", "ms.openlocfilehash"];

/// Two revisions are the same when one is the other or an abbreviation of it
/// (seven characters or more), in any case.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    a == b || (a.len().min(b.len()) >= 7 && (a.starts_with(&b) || b.starts_with(&a)))
}

/// Where the translation says which source revision it comes from, and how
/// that differs from the source's: (offset of the value, what differs).
pub(crate) fn outdated(
    localized: &str,
    lines: &LineIndex,
    source: Option<&str>,
    configured: Option<&str>,
) -> Option<(usize, String)> {
    let lfields = front_matter::fields(localized, lines)?;
    let sfields = source
        .and_then(|s| front_matter::fields(s, &LineIndex::new(s)))
        .unwrap_or_default();
    let value = |fields: &[front_matter::Field], key: &str| {
        fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| (f.range.start, f.value.text.trim().to_string()))
            .filter(|(_, v)| !v.is_empty())
    };
    let mut at = None;
    let mut diffs = Vec::new();
    for &key in KEYS {
        let Some((lat, lv)) = value(&lfields, key) else {
            continue;
        };
        if let Some((_, sv)) = value(&sfields, key) {
            if !same(&lv, &sv) {
                at.get_or_insert(lat);
                diffs.push(format!(
                    "`{key}` is {} here and {} in the source",
                    clip(&lv, 12),
                    clip(&sv, 12)
                ));
            }
        }
        if key == "ms.sourcegitcommit" {
            if let Some(rev) = configured.map(str::trim).filter(|r| !r.is_empty()) {
                if !same(&lv, rev) && diffs.iter().all(|d| !d.contains(key)) {
                    at.get_or_insert(lat);
                    diffs.push(format!(
                        "`{key}` is {} here and the source is at revision {}",
                        clip(&lv, 12),
                        clip(rev, 12)
                    ));
                }
            }
        }
    }
    Some((at?, diffs.join("; ")))
}

/// The message of the one `translation-outdated` finding, with the findings
/// it stands for.
pub(crate) fn message(diff: &str, folded: &[String]) -> String {
    let mut m = format!(
        "the translation was made from an older version of the source ({diff}): segments changed in the source since then still have their old English and translation; translate them again and update the revision"
    );
    if !folded.is_empty() {
        m.push_str(&format!(
            "; {} finding(s) that only follow from the source's changes are listed here instead of one by one: {}",
            folded.len(),
            folded.join("; ")
        ));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions() {
        assert!(same("7588136e355e10cbc2582f389c90c127363c02a5", "7588136E"));
        assert!(!same("7588136e355e", "7588137e355e"));
        assert!(!same("abc", "abcd"));
        let fr = "---\ntitle: T\nms.sourcegitcommit: 7588136e355e\n---\n# T\n";
        let lines = LineIndex::new(fr);
        let (at, diff) = outdated(fr, &lines, None, Some("1234567890")).unwrap();
        assert_eq!(&fr[at..at + 7], "7588136");
        assert!(diff.contains("1234567890"), "{diff}");
        assert!(outdated(fr, &lines, None, Some("7588136")).is_none());
        assert!(outdated(fr, &lines, Some("# T\n"), None).is_none());
        let en = "---\nms.sourcegitcommit: 7588136e355e\n---\n";
        assert!(outdated(fr, &lines, Some(en), None).is_none());
    }
}
