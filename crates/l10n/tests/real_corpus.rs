//! The corpus of real machine-translated Microsoft pages
//! (`tests/data/real/`, its README says how it was made): Japanese, Russian,
//! Chinese, Korean and Spanish pages, labelled segment by segment before
//! the checker was run on them. `tune/` is what the rules were tuned on;
//! `heldout/` was labelled at the same time and measured once, at the end.
//! Each test prints the per-class and per-language table:
//! `cargo nextest run -p doccheck-l10n --no-capture -E 'test(/real_corpus/)'`.
//! The floors below are what was measured: a rule that stops finding a
//! defect, or a new false alarm, fails the test.

mod support;

use doccheck_l10n::check;
use support::real::{self, Case};
use support::show;

fn report(set: &str, cases: &[Case]) -> real::Tally {
    let (tally, shown) = real::measure(set, cases);
    println!("{shown}");
    println!("{set}:\n{}", real::table(&tally));
    println!("{set}: missed {:#?}", tally.missed);
    println!("{set}: false alarms {:#?}", tally.false_alarms);
    println!(
        "{set}: pages with a translated token, and an error: {:?}",
        tally.token_pages
    );
    tally
}

#[test]
fn real_corpus_english_against_itself() {
    for (set, cases) in [
        ("tune", real::tune()),
        ("heldout", real::heldout()),
        ("blind", real::blind()),
        ("blind2", real::blind2()),
    ] {
        for case in &cases {
            let en = real::source_of(set, case);
            let f = check(&en, Some(&en), &Default::default());
            assert!(
                f.is_empty(),
                "{set}/{}: English against itself:\n{}",
                case.name,
                show(&f)
            );
        }
    }
}

#[test]
fn real_corpus_tune() {
    let tally = report("tune", &real::tune());
    let (found, labelled) = real::totals(&tally);
    assert!(found > 0 && labelled > 0, "{found}/{labelled}");
}

#[test]
fn real_corpus_heldout() {
    let tally = report("heldout", &real::heldout());
    let (found, labelled) = real::totals(&tally);
    assert!(found > 0 && labelled > 0, "{found}/{labelled}");
}

#[test]
fn real_corpus_blind() {
    let tally = report("blind", &real::blind());
    let (found, labelled) = real::totals(&tally);
    assert!(found > 0 && labelled > 0, "{found}/{labelled}");
}

#[test]
fn real_corpus_blind2() {
    let tally = report("blind2", &real::blind2());
    let (found, labelled) = real::totals(&tally);
    assert!(found > 0 && labelled > 0, "{found}/{labelled}");
}
