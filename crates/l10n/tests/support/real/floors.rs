//! A measurement of a set, printed, and the floors it must still reach.

use super::{measure, table, totals, Case, Tally};

/// Measures `cases` of `set` and prints the findings, the per-class table,
/// the misses, the false alarms and the pages with a translated token.
pub fn report(set: &str, cases: &[Case]) -> Tally {
    let (tally, shown) = measure(set, cases);
    println!("{shown}");
    println!("{set}:\n{}", table(&tally));
    println!("{set}: missed {:#?}", tally.missed);
    println!("{set}: false alarms {:#?}", tally.false_alarms);
    println!(
        "{set}: pages with a translated token, and an error: {:?}",
        tally.token_pages
    );
    tally
}

/// What a measurement must still reach: per class and in all, found at
/// least as many as measured, no more false alarms than measured, and every
/// page with a translated token gives an error (exits 1).
pub fn floors(tally: &Tally, set: &str, classes: &[(&str, usize)], total: usize, alarms: usize) {
    for &(class, floor) in classes {
        let found: usize = tally
            .per_class
            .get(class)
            .map_or(0, |m| m.values().map(|v| v.0).sum());
        assert!(found >= floor, "{set}: {class} {found} < {floor}");
    }
    let (found, labelled) = totals(tally);
    assert!(found >= total, "{set}: {found}/{labelled} < {total}");
    assert!(
        tally.false_alarms.len() <= alarms,
        "{set}: {} false alarms > {alarms}: {:#?}",
        tally.false_alarms.len(),
        tally.false_alarms
    );
    assert!(
        tally.token_pages.values().all(|&error| error),
        "{set}: a page with a translated token exits 0: {:?}",
        tally.token_pages
    );
}
