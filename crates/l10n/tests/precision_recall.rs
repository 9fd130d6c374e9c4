//! Precision and recall of each rule on a labelled corpus
//! (`tests/data/corpus/`): for French, German, Spanish and Japanese, a
//! careful side-by-side translation of part of the Docker guide and a
//! defective copy of it in which we planted one defect of each class the
//! rules target, listed in `labels.tsv` as (page, segment, rule). The French
//! machine translation of the whole guide (`docs/fr-fr/docker.md`), whose 36
//! findings `french_guide.rs` pins, counts as one more set of true positives.
//!
//! Asserted: no finding on the English against itself, none on a careful
//! page but the rules' known false positives (`CAREFUL_FALSE_POSITIVES`), and
//! every planted defect found today stays found (`FALSE_NEGATIVES` lists
//! the ones the rules miss; finding them later fails nothing). The table of
//! true/false positives, false negatives, precision and recall is printed:
//! `cargo nextest run -p doccheck-l10n --no-capture -E 'test(/precision_recall/)'`.

use std::collections::{BTreeMap, BTreeSet};

use doccheck_l10n::{check, Config, RULES};

mod support;

use support::{english, french, owned, pairs, read, show, triples};

const LANGS: &[&str] = &["fr", "de", "es", "ja"];

/// Planted defects (page, segment, rule) that the rules do not find today:
/// none. A rule that stops finding one fails the test; a defect planted
/// later that no rule finds yet is listed here, with why.
const FALSE_NEGATIVES: &[(&str, &str, &str)] = &[];

/// Findings (page, segment, rule) on careful translations, i.e. false
/// positives of the current rules: counted in the table, and the only ones
/// a careful page may have. None today: a new false alarm fails the test
/// until it is fixed (or, if it cannot be, listed here with why).
const CAREFUL_FALSE_POSITIVES: &[(&str, &str, &str)] = &[];

fn corpus(name: &str) -> String {
    read(&format!("tests/data/corpus/{name}"))
}

/// Page → its planted (segment, rule) pairs.
fn labels() -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for line in corpus("labels.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "labels.tsv: {line:?}");
        assert!(
            RULES.iter().any(|r| r.name == cols[2]),
            "labels.tsv: {} is not a rule",
            cols[2]
        );
        out.entry(cols[0].to_string())
            .or_default()
            .insert((cols[1].to_string(), cols[2].to_string()));
    }
    out
}

#[test]
fn precision_recall_careful_pages_give_only_known_false_positives() {
    let en = corpus("en.md");
    let f = check(&en, Some(&en), &Config::default());
    assert!(f.is_empty(), "en.md against itself:\n{}", show(&f));
    let known = owned(CAREFUL_FALSE_POSITIVES);
    for lang in LANGS {
        let page = format!("{lang}.md");
        let f = check(&corpus(&page), Some(&en), &Config::default());
        let new: Vec<_> = triples(&page, &f)
            .into_iter()
            .filter(|t| !known.contains(t))
            .collect();
        assert!(new.is_empty(), "{page}: {new:#?}\n{}", show(&f));
    }
}

#[derive(Default)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
    /// Language → (found, planted).
    per_lang: BTreeMap<&'static str, (usize, usize)>,
    guide: usize,
}

fn ratio(num: usize, den: usize) -> String {
    if den == 0 {
        "—".into()
    } else {
        format!("{:.2}", num as f64 / den as f64)
    }
}

#[test]
fn precision_recall_per_rule() {
    let en = corpus("en.md");
    let labels = labels();
    let mut counts: BTreeMap<&str, Count> =
        RULES.iter().map(|r| (r.name, Count::default())).collect();
    let mut missed = Vec::new();
    let mut extra = Vec::new();
    for lang in LANGS {
        let page = format!("{lang}.defective.md");
        let planted = labels
            .get(&page)
            .unwrap_or_else(|| panic!("no labels for {page}"));
        let findings = check(&corpus(&page), Some(&en), &Config::default());
        let found = pairs(&findings);
        for (seg, rule) in planted {
            let c = counts.get_mut(rule.as_str()).expect("a rule");
            let hit = found.contains(&(seg.clone(), rule.clone()));
            let e = c.per_lang.entry(lang).or_default();
            e.1 += 1;
            if hit {
                c.tp += 1;
                e.0 += 1;
            } else {
                c.fn_ += 1;
                missed.push((page.clone(), seg.clone(), rule.clone()));
            }
        }
        for (seg, rule) in found.difference(planted) {
            counts.get_mut(rule.as_str()).expect("a rule").fp += 1;
            extra.push(format!("{page} {seg} {rule}"));
        }
        println!("{page}:\n{}", show(&findings));
    }
    for lang in LANGS {
        let page = format!("{lang}.md");
        let findings = check(&corpus(&page), Some(&en), &Config::default());
        for (_, seg, rule) in triples(&page, &findings) {
            counts.get_mut(rule.as_str()).expect("a rule").fp += 1;
            extra.push(format!("{page} {seg} {rule}"));
        }
    }
    // The French machine translation: its pinned findings are true positives.
    let guide = check(&french(), Some(&english()), &Config::default());
    assert_eq!(guide.len(), 39, "{}", show(&guide));
    for f in &guide {
        counts.get_mut(f.rule).expect("a rule").guide += 1;
    }

    // Precision counts the French guide's findings as true positives; recall
    // is over the planted defects only (the guide's misses are not labelled).
    let mut table = String::from(
        "| Rule | TP corpus | TP French guide | FP | FN | Precision | Recall (corpus) | fr | de | es | ja |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for (rule, c) in &counts {
        if c.tp + c.fp + c.fn_ + c.guide == 0 {
            continue;
        }
        let lang_cols: Vec<String> = LANGS
            .iter()
            .map(|l| {
                c.per_lang
                    .get(l)
                    .map_or("—".into(), |(f, p)| format!("{f}/{p}"))
            })
            .collect();
        table += &format!(
            "| `{rule}` | {} | {} | {} | {} | {} | {} | {} |\n",
            c.tp,
            c.guide,
            c.fp,
            c.fn_,
            ratio(c.tp + c.guide, c.tp + c.guide + c.fp),
            ratio(c.tp, c.tp + c.fn_),
            lang_cols.join(" | "),
        );
    }
    let (tp, fp, fn_, g) = counts.values().fold((0, 0, 0, 0), |a, c| {
        (a.0 + c.tp, a.1 + c.fp, a.2 + c.fn_, a.3 + c.guide)
    });
    table += &format!(
        "| all | {tp} | {g} | {fp} | {fn_} | {} | {} | | | | |\n",
        ratio(tp + g, tp + g + fp),
        ratio(tp, tp + fn_)
    );
    println!("{table}");
    println!("false positives: {extra:#?}");
    println!("false negatives: {missed:#?}");

    // Every planted defect found today stays found.
    let known = owned(FALSE_NEGATIVES);
    let regressions: Vec<_> = missed.iter().filter(|m| !known.contains(m)).collect();
    assert!(
        regressions.is_empty(),
        "planted defects no longer found: {regressions:#?}"
    );
}
