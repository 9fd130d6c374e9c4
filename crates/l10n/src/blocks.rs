//! Fenced code blocks of the translation compared with the source's.

use std::collections::{HashMap, HashSet};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp, TextDiff};

use crate::deadline::deadline;
use crate::doc::CodeBlock;
use crate::text::{clip, LineIndex};

/// A finding on a code block: rule, byte offset in the translation, message, diff.
pub(crate) type Raw = (&'static str, usize, String, Option<String>);

/// Languages whose blocks doccheck runs as commands: the plan's own list.
pub use doccheck_guide::languages::COMMAND_LANGS;

/// Whether doccheck writes blocks of this language to a file of their own.
fn is_file_lang(lang: &str) -> bool {
    doccheck_guide::languages::default_file(lang).is_some()
}

/// Languages that name the same thing.
fn canonical(lang: &str) -> &str {
    match lang {
        "shell-session" | "shellsession" => "console",
        "shell" => "sh",
        "yml" => "yaml",
        "cs" | "c#" => "csharp",
        "docker" => "dockerfile",
        other => other,
    }
}

fn role(lang: &str) -> &'static str {
    if COMMAND_LANGS.contains(&lang) {
        "run as commands"
    } else if is_file_lang(lang) {
        "written to a file"
    } else {
        "neither run nor written"
    }
}

fn describe(lang: &str) -> String {
    if lang.is_empty() {
        "a bare fence".into()
    } else {
        format!("`{lang}`")
    }
}

/// Content compared without line-end differences.
fn normalized(c: &CodeBlock) -> String {
    c.content
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

fn first_line(c: &CodeBlock) -> String {
    clip(
        c.content
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(""),
        50,
    )
}

/// How alike two blocks are, 0 to 1: by lines, or by characters for blocks
/// small enough.
fn similarity(a: &str, b: &str) -> f32 {
    let lines = TextDiff::from_lines(a, b).ratio();
    if a.len() + b.len() > 8_000 {
        return lines;
    }
    lines.max(TextDiff::from_chars(a, b).ratio())
}

pub(crate) fn compare(
    tblocks: &[CodeBlock],
    sblocks: &[CodeBlock],
    slines: &LineIndex,
    tlen: usize,
) -> Vec<Raw> {
    let mut out = Vec::new();
    let s: Vec<String> = sblocks.iter().map(normalized).collect();
    let t: Vec<String> = tblocks.iter().map(normalized).collect();
    let sline = |i: usize| slines.pos(sblocks[i].start).0;

    let mut matched: Vec<(usize, usize)> = Vec::new();
    // Unmatched runs, as (source indices, translation indices).
    let mut hunks: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    // Runs of deletions and insertions between equal blocks.
    let mut hunk: (Vec<usize>, Vec<usize>) = (vec![], vec![]);
    for op in capture_diff_slices_deadline(Algorithm::Myers, &s, &t, Some(deadline())) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                matched.extend((0..len).map(|k| (old_index + k, new_index + k)));
                if !hunk.0.is_empty() || !hunk.1.is_empty() {
                    hunks.push(std::mem::take(&mut hunk));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => hunk.0.extend(old_index..old_index + old_len),
            DiffOp::Insert {
                new_index, new_len, ..
            } => hunk.1.extend(new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                hunk.0.extend(old_index..old_index + old_len);
                hunk.1.extend(new_index..new_index + new_len);
            }
        }
    }
    if !hunk.0.is_empty() || !hunk.1.is_empty() {
        hunks.push(hunk);
    }

    // A block found elsewhere, identical: reordered.
    let mut s_free: Vec<usize> = hunks.iter().flat_map(|h| h.0.clone()).collect();
    let mut t_free: Vec<usize> = hunks.iter().flat_map(|h| h.1.clone()).collect();
    let mut reordered: Vec<(usize, usize)> = Vec::new();
    let mut by_content: HashMap<&str, Vec<usize>> = HashMap::new();
    for &ti in t_free.iter().rev() {
        by_content.entry(t[ti].as_str()).or_default().push(ti);
    }
    s_free.retain(
        |&si| match by_content.get_mut(s[si].as_str()).and_then(Vec::pop) {
            Some(ti) => {
                reordered.push((si, ti));
                false
            }
            None => true,
        },
    );
    let moved: HashSet<usize> = reordered.iter().map(|&(_, ti)| ti).collect();
    t_free.retain(|ti| !moved.contains(ti));
    for &(si, ti) in &reordered {
        out.push((
            "code-block-reordered",
            tblocks[ti].start,
            format!(
                "code block \"{}\" is at another place than in the source (source line {})",
                first_line(&tblocks[ti]),
                sline(si)
            ),
            None,
        ));
    }
    matched.extend(reordered);

    // In each hunk, pair what is left in order: similar blocks are changed.
    for (hs, ht) in &hunks {
        if hs.len().saturating_mul(ht.len()) > 400 {
            continue;
        }
        let hs: Vec<usize> = hs.iter().copied().filter(|i| s_free.contains(i)).collect();
        let mut ht: Vec<usize> = ht.iter().copied().filter(|i| t_free.contains(i)).collect();
        for si in hs {
            let best = ht
                .iter()
                .enumerate()
                .map(|(k, &ti)| (k, ti, similarity(&s[si], &t[ti])))
                .filter(|&(_, _, r)| r >= 0.5)
                .max_by(|a, b| a.2.total_cmp(&b.2));
            if let Some((k, ti, _)) = best {
                ht.remove(k);
                t_free.retain(|&x| x != ti);
                s_free.retain(|&x| x != si);
                let diff = TextDiff::from_lines(&format!("{}\n", s[si]), &format!("{}\n", t[ti]))
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("source (line {})", sline(si)), "translation")
                    .to_string();
                out.push((
                    "code-block-changed",
                    tblocks[ti].start,
                    format!(
                        "code block differs from the source's (source line {})",
                        sline(si)
                    ),
                    Some(diff),
                ));
                matched.push((si, ti));
            }
        }
    }

    matched.sort_unstable();
    for &si in &s_free {
        // Where it should be: before the translation block matched to the
        // next source block.
        let next = matched.partition_point(|&(ms, _)| ms <= si);
        let at = matched.get(next).map_or(tlen, |&(_, mt)| tblocks[mt].start);
        out.push((
            "code-block-missing",
            at,
            format!(
                "the source's code block at line {} (```{}) is missing: \"{}\"",
                sline(si),
                sblocks[si].lang(),
                first_line(&sblocks[si])
            ),
            None,
        ));
    }
    for &ti in &t_free {
        out.push((
            "code-block-extra",
            tblocks[ti].start,
            format!(
                "code block \"{}\" is not in the source",
                first_line(&tblocks[ti])
            ),
            None,
        ));
    }

    for &(si, ti) in &matched {
        let (sl, tl) = (sblocks[si].lang(), tblocks[ti].lang());
        if sl == tl || canonical(&sl) == canonical(&tl) {
            continue;
        }
        let runs = |l: &str| COMMAND_LANGS.contains(&l) || is_file_lang(l);
        if !runs(&sl) && !runs(&tl) {
            continue;
        }
        let effect = if COMMAND_LANGS.contains(&tl.as_str())
            && !COMMAND_LANGS.contains(&sl.as_str())
        {
            "doccheck would run this block's lines as commands".to_string()
        } else if COMMAND_LANGS.contains(&sl.as_str()) && !COMMAND_LANGS.contains(&tl.as_str()) {
            "doccheck would no longer run this block as commands".to_string()
        } else if is_file_lang(&tl) && !is_file_lang(&sl) {
            "doccheck would write this block to a file".to_string()
        } else if is_file_lang(&sl) && !is_file_lang(&tl) {
            "doccheck would no longer write this block to a file".to_string()
        } else {
            format!(
                "the block is still {}, but may be read differently",
                role(&tl)
            )
        };
        out.push((
            "fence-info-changed",
            tblocks[ti].start,
            format!(
                "fence language {} where the source (line {}) has {}: {effect}",
                describe(&tl),
                sline(si),
                describe(&sl)
            ),
            None,
        ));
    }
    out
}
