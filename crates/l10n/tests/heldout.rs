//! The held-out corpora (`tests/data/heldout/` and `tests/data/heldout2/`,
//! their READMEs say how they were made): careful pages and defective copies
//! in seven languages, written without reading the rules. Each was first
//! measured blind (the figures are in docs/translation-check.md, "Held
//! out"); the rules were then changed while looking at what the first set
//! missed and at the second set's Korean false alarms, so they are
//! regression fences now: careful pages must give no finding; on the
//! defective pages, what is found today stays found, and the misses and the
//! findings beyond the labels are listed below. The counts are printed:
//! `cargo nextest run -p doccheck-l10n --no-capture -E 'test(/heldout/)'`.

use std::collections::BTreeSet;

use doccheck_l10n::{check, Config};

mod support;

use support::{owned, read, show, triples};

type Triple = (&'static str, &'static str, &'static str);

struct Set {
    dir: &'static str,
    careful: &'static [&'static str],
    defective: &'static [&'static str],
    /// Planted defects not found today.
    missed: &'static [Triple],
    /// Findings beyond the labels (side effects of a planted defect).
    beyond_labels: &'static [Triple],
}

const SETS: &[Set] = &[
    Set {
        dir: "heldout",
        careful: &["it", "pt-br", "nl", "zh-hans"],
        defective: &["it", "pt-br", "zh-hans"],
        // None since the rules were changed for the ten misses of the first,
        // blind measurement: the footer words of more languages, a name gone
        // altogether, short runs of common English words, English glued to
        // Chinese, a word copied into a link, spans moved away from a
        // repeated neighbour or into another clause.
        missed: &[],
        // The backticks dropped from `docker run` (the planted
        // `code-span-missing`) also leave "docker" re-cased in the prose.
        beyond_labels: &[("it.defective.md", "d-129", "product-name-altered")],
    },
    Set {
        dir: "heldout2",
        careful: &["ko", "ru", "pl", "sv"],
        defective: &["ru", "pl", "ko"],
        // As measured; not tuned for. `[GitHub의 …]` (a word pulled into a
        // link with its particle, d-103) is found since the link rules cut
        // Korean particles off, as their other rules do.
        missed: &[
            ("ko.defective.md", "d-128", "code-span-moved"),
            ("ko.defective.md", "d-133", "product-name-altered"),
            // "Firma Microsoft provides a range of base images do…".
            ("pl.defective.md", "d-105", "source-left-in-translation"),
            // "Alpine'a": an inflection after an apostrophe.
            ("pl.defective.md", "d-110", "product-name-altered"),
            ("pl.defective.md", "d-125", "code-span-moved"),
            // "образов Докера": the name in Cyrillic, while "Docker" stays
            // elsewhere in the segment.
            ("ru.defective.md", "d-102", "product-name-altered"),
            ("ru.defective.md", "d-136", "code-span-moved"),
        ],
        // The particle dropped before `COPY` (the planted
        // `code-span-glued`) also reads as a moved span.
        beyond_labels: &[("ko.defective.md", "d-139", "code-span-moved")],
    },
];

fn page(set: &Set, name: &str) -> String {
    read(&format!("tests/data/{}/{name}", set.dir))
}

#[test]
fn heldout_careful_pages_give_no_finding() {
    for set in SETS {
        let en = page(set, "en.md");
        for lang in set.careful {
            let name = format!("{lang}.md");
            let f = check(&page(set, &name), Some(&en), &Config::default());
            assert!(f.is_empty(), "{}/{name}:\n{}", set.dir, show(&f));
        }
    }
}

#[test]
fn heldout_defective_pages_as_measured() {
    for set in SETS {
        let en = page(set, "en.md");
        let labels: BTreeSet<(String, String, String)> = page(set, "labels.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                assert_eq!(cols.len(), 3, "{}/labels.tsv: {l:?}", set.dir);
                (cols[0].into(), cols[1].into(), cols[2].into())
            })
            .collect();
        let mut found = BTreeSet::new();
        for lang in set.defective {
            let name = format!("{lang}.defective.md");
            let f = check(&page(set, &name), Some(&en), &Config::default());
            println!("{}/{name}:\n{}", set.dir, show(&f));
            found.extend(triples(&name, &f));
        }
        let missed: BTreeSet<_> = labels.difference(&found).cloned().collect();
        let beyond: BTreeSet<_> = found.difference(&labels).cloned().collect();
        let hits = labels.len() - missed.len();
        println!(
            "{}: {hits} of {} planted defects found (recall {:.2}), {} finding(s) beyond the labels (precision {:.2})",
            set.dir,
            labels.len(),
            hits as f64 / labels.len() as f64,
            beyond.len(),
            hits as f64 / (hits + beyond.len()) as f64
        );
        let known_missed = owned(set.missed);
        let newly_missed: Vec<_> = missed.difference(&known_missed).collect();
        assert!(
            newly_missed.is_empty(),
            "{}: no longer found: {newly_missed:#?}",
            set.dir
        );
        let known_beyond = owned(set.beyond_labels);
        let new_beyond: Vec<_> = beyond.difference(&known_beyond).collect();
        assert!(
            new_beyond.is_empty(),
            "{}: new findings beyond the labels: {new_beyond:#?}",
            set.dir
        );
    }
}
