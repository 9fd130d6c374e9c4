//! `source-left-in-translation`: the longest run of the source's words left
//! inside the translation, when it is English prose.

use std::collections::HashMap;

use super::side::{Raw, Side};
use crate::text::{self, clip, is_english_word};

/// `glued`: the range already reported as English glued to the translation.
pub(super) fn source_left(
    t: &Side,
    s: &Side,
    glued: Option<std::ops::Range<usize>>,
    out: &mut Vec<Raw>,
) {
    // Words compared case-insensitively, by a hash of their lower case.
    let key = |w: &str| -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in w.chars().flat_map(char::to_lowercase) {
            let c = if c == '’' { '\'' } else { c };
            h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let lower = |side: &Side| -> Vec<u64> { side.words.iter().map(|&(_, w)| key(w)).collect() };
    let sw = lower(s);
    let tw = lower(t);
    const K: usize = 3;
    if sw.len() < K || tw.len() < K {
        return;
    }
    let mut index: HashMap<&[u64], Vec<usize>> = HashMap::new();
    for j in 0..=tw.len() - K {
        index.entry(&tw[j..j + K]).or_default().push(j);
    }
    // Longest run of words the translation shares with the source.
    let mut best = (0, 0, 0); // (length, start in source, start in translation)
    let mut budget = 200_000usize;
    for i in 0..=sw.len() - K {
        let Some(js) = index.get(&sw[i..i + K]) else {
            continue;
        };
        for &j in js {
            let mut n = K;
            while i + n < sw.len() && j + n < tw.len() && sw[i + n] == tw[j + n] {
                n += 1;
            }
            budget = budget.saturating_sub(n);
            if n > best.0 {
                best = (n, i, j);
            }
        }
        if budget == 0 {
            break;
        }
    }
    let (n, i, j) = best;
    if n == 0 {
        return;
    }
    let run: Vec<&str> = s.words[i..i + n].iter().map(|&(_, w)| w).collect();
    let english = run.iter().filter(|w| is_english_word(w)).count();
    let whole_sentence = n == sw.len() && text::is_prose(&run);
    if (n >= 5 && english >= 2) || whole_sentence {
        let start = t.words[j].0;
        let end = t.words[j + n - 1].0 + t.words[j + n - 1].1.len();
        if glued.is_some_and(|g| g.start < end && start < g.end) {
            return;
        }
        out.push((
            "source-left-in-translation",
            start,
            format!(
                "English text left in the translation: \"{}\"",
                clip(&t.text[start..end], 70)
            ),
        ));
    }
}
