//! Comparing the source's list of items with the translation's: multiset
//! difference, and a guard on the cost of pairwise comparisons.

use std::collections::HashMap;

/// Multiset difference, keeping the order of `a`.
pub(super) fn minus<'x, T, K: Eq + std::hash::Hash>(
    a: &'x [T],
    b: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<&'x T> {
    let mut counts: HashMap<K, usize> = HashMap::new();
    for x in b {
        *counts.entry(key(x)).or_default() += 1;
    }
    a.iter()
        .filter(|x| match counts.get_mut(&key(x)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

/// Whether `a × b` comparisons are affordable.
pub(super) fn small(a: usize, b: usize) -> bool {
    a.saturating_mul(b) <= 1_000_000
}
