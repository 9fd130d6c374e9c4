//! The corpus of real machine-translated pages (`tests/data/real/`): its
//! cases, their labels, the English sources rebuilt from the pages, and the
//! per-class counts of a measurement.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use doccheck_l10n::{check, Config, Finding, Severity};
use regex::Regex;

use super::read;

mod books;
mod floors;
mod fresh;
mod later;
mod reference;
mod sets;
// Each test binary uses its own part of the corpus.
#[allow(unused_imports)]
pub use books::{
    blind10, blind11, blind12, blind14, blind16, blind18, blind20, blind6, blind7, blind8, blind9,
    human,
};
#[allow(unused_imports)]
pub use floors::{floors, report};
#[allow(unused_imports)]
pub use fresh::{
    blind50, blind51, blind52, blind53, blind54, blind55, blind56, blind57, blind58, blind59,
    blind60, blind61, blind62, blind63, blind64, blind65,
};
#[allow(unused_imports)]
pub use later::{
    blind34, blind35, blind36, blind37, blind38, blind39, blind40, blind41, blind42, blind43,
    blind44, blind45, blind46, blind47, blind48, blind49,
};
#[allow(unused_imports)] // each test binary uses its own part of them
pub use reference::{
    blind13, blind15, blind17, blind19, blind21, blind22, blind23, blind24, blind25, blind26,
    blind27, blind28, blind29, blind30, blind31, blind32, blind33,
};
#[allow(unused_imports)]
pub use sets::every_set;

/// Where a case's English source comes from.
pub enum Source {
    /// Rebuilt from the page's own side-by-side English (the revision it was
    /// made from is not stored): `description` is the English front matter
    /// description, if the page has one; `title` keeps the page's title
    /// (untranslated on PowerShell pages) or drops it (a translated title
    /// whose English is not known).
    Carried {
        description: Option<&'static str>,
        title: bool,
    },
    /// A real English file of the set.
    File(&'static str),
    /// Rebuilt, as `Carried`, from another page of the set that carries
    /// the English of the same revision (the same `ms.openlocfilehash`): the
    /// source of a plain copy, which carries none.
    CarriedBy { page: &'static str, title: bool },
}

pub struct Case {
    /// The name in `labels.tsv`: the page, `@` and the source for a second
    /// source of the same page.
    pub name: &'static str,
    pub page: &'static str,
    pub source: Source,
}

pub const CHAIN_DESCRIPTION: &str =
    "Describes chaining pipelines with the `&&` and `||` operators in PowerShell.";

pub fn tune() -> Vec<Case> {
    let carried = |description| Source::Carried {
        description,
        title: true,
    };
    vec![
        Case {
            name: "ja.chain",
            page: "ja.chain.md",
            source: carried(Some(CHAIN_DESCRIPTION)),
        },
        Case {
            name: "ru.chain",
            page: "ru.chain.md",
            source: carried(Some(CHAIN_DESCRIPTION)),
        },
        Case {
            name: "zh.chain",
            page: "zh.chain.md",
            source: carried(Some(CHAIN_DESCRIPTION)),
        },
        Case {
            name: "ko.read-host",
            page: "ko.read-host.md",
            source: carried(None),
        },
        Case {
            name: "es.simple-cmdlet",
            page: "es.simple-cmdlet.md",
            source: Source::Carried {
                description: None,
                title: false,
            },
        },
        Case {
            name: "ko.read-host@en-2022",
            page: "ko.read-host.md",
            source: Source::File("read-host.en-2022.md"),
        },
    ]
}

pub fn heldout() -> Vec<Case> {
    let carried = || Source::Carried {
        description: None,
        title: true,
    };
    vec![
        Case {
            name: "ko.write-host",
            page: "ko.write-host.md",
            source: carried(),
        },
        Case {
            name: "ru.write-host",
            page: "ru.write-host.md",
            source: carried(),
        },
        Case {
            name: "ja.write-host",
            page: "ja.write-host.md",
            source: carried(),
        },
        Case {
            name: "zh.write-host",
            page: "zh.write-host.md",
            source: carried(),
        },
        Case {
            name: "es.build-container",
            page: "es.build-container.md",
            source: Source::File("build-container.en.md"),
        },
        Case {
            name: "ko.write-host@en-2023",
            page: "ko.write-host.md",
            source: Source::File("write-host.en-2023.md"),
        },
    ]
}

/// Pages chosen and labelled after the rules were written (`blind/`).
pub fn blind() -> Vec<Case> {
    let carried = |title| Source::Carried {
        description: None,
        title,
    };
    vec![
        Case {
            name: "ko.get-content",
            page: "ko.get-content.md",
            source: carried(true),
        },
        Case {
            name: "ru.get-content",
            page: "ru.get-content.md",
            source: carried(true),
        },
        Case {
            name: "ja.get-item",
            page: "ja.get-item.md",
            source: carried(true),
        },
        Case {
            name: "zh.set-location",
            page: "zh.set-location.md",
            source: carried(true),
        },
        Case {
            name: "es.adding-parameters",
            page: "es.adding-parameters.md",
            source: carried(false),
        },
        Case {
            name: "ko.get-content@en-1e64514",
            page: "ko.get-content.md",
            source: Source::File("get-content.en-1e64514.md"),
        },
    ]
}

/// Pages chosen and labelled after the rules were changed on `blind/`
/// (`blind2/`), measured once.
pub fn blind2() -> Vec<Case> {
    let carried = |title| Source::Carried {
        description: None,
        title,
    };
    vec![
        Case {
            name: "ko.copy-item",
            page: "ko.copy-item.md",
            source: carried(true),
        },
        Case {
            name: "ru.copy-item",
            page: "ru.copy-item.md",
            source: carried(true),
        },
        Case {
            name: "zh.copy-item",
            page: "zh.copy-item.md",
            source: carried(true),
        },
        Case {
            name: "ja.new-item",
            page: "ja.new-item.md",
            source: carried(true),
        },
        Case {
            name: "es.pipeline-input",
            page: "es.pipeline-input.md",
            source: carried(false),
        },
        Case {
            name: "ru.copy-item@en-afc8334",
            page: "ru.copy-item.md",
            source: Source::File("copy-item.en-afc8334.md"),
        },
    ]
}

/// Pages chosen and labelled after the rules were changed on `blind2/`,
/// in seven languages, two of them new (Brazilian Portuguese, Traditional
/// Chinese), three of them plain copies checked against the English a
/// side-by-side copy of the same revision carries.
pub fn blind3() -> Vec<Case> {
    let carried = |title| Source::Carried {
        description: None,
        title,
    };
    let by = |page| Source::CarriedBy { page, title: true };
    let case = |name, page, source| Case { name, page, source };
    vec![
        case("pt.test-path", "pt.test-path.md", carried(true)),
        case("ko.test-path", "ko.test-path.md", carried(true)),
        case(
            "zh-tw.test-path",
            "zh-tw.test-path.md",
            by("pt.test-path.md"),
        ),
        case("pt.rename-item", "pt.rename-item.md", carried(true)),
        case(
            "ru.rename-item",
            "ru.rename-item.md",
            by("pt.rename-item.md"),
        ),
        case("ja.join-path", "ja.join-path.md", carried(true)),
        case("zh.join-path", "zh.join-path.md", by("ja.join-path.md")),
        case("es.wildcards", "es.wildcards.md", carried(false)),
    ]
}

/// Pages chosen and labelled after the rules were changed on the earlier
/// sets: Split-Path in Japanese (side by side) and in French and German
/// (plain, checked against the English the Japanese copy carries).
pub fn blind4() -> Vec<Case> {
    let by = |page| Source::CarriedBy { page, title: true };
    vec![
        Case {
            name: "ja.split-path",
            page: "ja.split-path.md",
            source: Source::Carried {
                description: None,
                title: true,
            },
        },
        Case {
            name: "fr.split-path",
            page: "fr.split-path.md",
            source: by("ja.split-path.md"),
        },
        Case {
            name: "de.split-path",
            page: "de.split-path.md",
            source: by("ja.split-path.md"),
        },
    ]
}

/// Pages chosen and labelled after `blind4/` was measured: Resolve-Path in
/// Korean and Russian (side by side) and Chinese (plain, checked against the
/// English the Korean copy carries).
pub fn blind5() -> Vec<Case> {
    let carried = || Source::Carried {
        description: None,
        title: true,
    };
    vec![
        Case {
            name: "ko.resolve-path",
            page: "ko.resolve-path.md",
            source: carried(),
        },
        Case {
            name: "ru.resolve-path",
            page: "ru.resolve-path.md",
            source: carried(),
        },
        Case {
            name: "zh.resolve-path",
            page: "zh.resolve-path.md",
            source: Source::CarriedBy {
                page: "ko.resolve-path.md",
                title: true,
            },
        },
    ]
}

/// The English source a side-by-side page carries, as a file: each segment
/// replaced by its English, heading anchors and `ms.*` keys dropped; code
/// blocks and everything else as they are.
pub fn carried_english(page: &str, description: Option<&str>, title: bool) -> String {
    static SEG: OnceLock<Regex> = OnceLock::new();
    static ANCHOR: OnceLock<Regex> = OnceLock::new();
    let seg = SEG.get_or_init(|| {
        Regex::new(r#"(?s)<span data-ttu-id="[^"]*">.*?</span><span class="sxs-lookup"><span data-stu-id="[^"]*">(.*?)</span></span>"#).unwrap()
    });
    let anchor = ANCHOR.get_or_init(|| Regex::new(r#"<a name="[^"]*"></a>"#).unwrap());
    let (front, body) = match page
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
    {
        Some((f, b)) => (Some(f), b),
        None => (None, page),
    };
    let mut out = String::new();
    if let Some(front) = front {
        out.push_str("---\n");
        for line in front.lines() {
            let key = line.split(':').next().unwrap_or("");
            if key.starts_with("ms.") || key == "description" || (key == "title" && !title) {
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        if let Some(d) = description {
            out.push_str(&format!("description: {d}\n"));
        }
        out.push_str("---\n");
    }
    let body = seg.replace_all(body, "$1");
    out.push_str(&anchor.replace_all(&body, ""));
    out
}

pub fn source_of(set: &str, case: &Case) -> String {
    let page = read(&format!("tests/data/real/{set}/{}", case.page));
    match case.source {
        Source::Carried { description, title } => carried_english(&page, description, title),
        Source::File(f) => read(&format!("tests/data/real/{set}/{f}")),
        Source::CarriedBy { page, title } => {
            carried_english(&read(&format!("tests/data/real/{set}/{page}")), None, title)
        }
    }
}

pub fn findings(set: &str, case: &Case) -> Vec<Finding> {
    let page = read(&format!("tests/data/real/{set}/{}", case.page));
    check(&page, Some(&source_of(set, case)), &Config::default())
}

/// The rules that find a defect of each class.
pub fn accepted(class: &str) -> &'static [&'static str] {
    match class {
        "span" => &[
            "code-span-moved",
            "code-span-glued",
            "code-span-missing",
            "code-span-added",
            "code-span-changed",
            "dangling-punctuation",
        ],
        "token" => &[
            "technical-token-translated",
            "technical-token-missing",
            "code-span-changed",
            "code-span-missing",
        ],
        "name" => &["product-name-altered"],
        "link" => &[
            "link-target-changed",
            "link-target-missing",
            "link-target-added",
            "link-text-punctuation",
            "link-labels-swapped",
            "link-text-grew",
            "link-text-untranslated",
            "link-moved",
            // A link glued to the next word: the glue rule covers links.
            "code-span-glued",
        ],
        "english" => &[
            "source-left-in-translation",
            "source-glued-to-translation",
            "segment-untranslated",
            "link-text-untranslated",
            "front-matter-untranslated",
        ],
        "markup" => &["segment-malformed", "markup-broken"],
        "emphasis" => &["emphasis-glued", "emphasis-moved"],
        "stale" => &["translation-outdated"],
        "front-matter" => &["front-matter-untranslated", "front-matter-empty"],
        _ => &[],
    }
}

/// One labelled defect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub case: String,
    pub segment: String,
    pub class: String,
    pub debatable: bool,
}

pub fn labels(set: &str) -> Vec<Label> {
    read(&format!("tests/data/real/{set}/labels.tsv"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "{set}/labels.tsv: {l:?}");
            let debatable = cols[2].ends_with('?');
            let class = cols[2].trim_end_matches('?').to_string();
            assert!(
                !accepted(&class).is_empty(),
                "{set}/labels.tsv: class {class}"
            );
            Label {
                case: cols[0].into(),
                segment: cols[1].into(),
                class,
                debatable,
            }
        })
        .collect()
}

/// Where a finding is, for the labels: its segment, `front-matter`, or `-`;
/// on a plain copy (no segments), the line (`L42`).
pub fn place(f: &Finding, plain: bool) -> String {
    match &f.segment {
        Some(s) => s.clone(),
        None if f.message.starts_with("front matter") => "front-matter".into(),
        None if plain => format!("L{}", f.line),
        None => "-".into(),
    }
}

/// What one measurement found.
#[derive(Default)]
pub struct Tally {
    /// Class → language → (found, labelled).
    pub per_class: BTreeMap<String, BTreeMap<String, (usize, usize)>>,
    pub missed: Vec<Label>,
    /// (case, place, rule) of findings no label accounts for.
    pub false_alarms: BTreeSet<(String, String, String)>,
    /// Cases whose page has a found `token` defect, and whether the check
    /// gives an error on it (exit status 1).
    pub token_pages: BTreeMap<String, bool>,
}

/// The page's language: the file name's first part.
pub fn language(case: &str) -> String {
    case.split('.').next().unwrap_or("").to_string()
}

pub fn measure(set: &str, cases: &[Case]) -> (Tally, String) {
    let labels = labels(set);
    let mut tally = Tally::default();
    let mut shown = String::new();
    for case in cases {
        let found = findings(set, case);
        let plain = !read(&format!("tests/data/real/{set}/{}", case.page)).contains("data-ttu-id");
        let place = |f: &Finding| place(f, plain);
        shown += &format!("{set}/{}:\n{}", case.name, super::show(&found));
        let mine: Vec<&Label> = labels.iter().filter(|l| l.case == case.name).collect();
        for l in &mine {
            let hit = found
                .iter()
                .any(|f| place(f) == l.segment && accepted(&l.class).contains(&f.rule));
            if l.debatable {
                continue;
            }
            let e = tally
                .per_class
                .entry(l.class.clone())
                .or_default()
                .entry(language(&l.case))
                .or_default();
            e.1 += 1;
            if hit {
                e.0 += 1;
                if l.class == "token" {
                    let error = found.iter().any(|f| f.severity == Severity::Error);
                    tally.token_pages.insert(case.name.to_string(), error);
                }
            } else {
                tally.missed.push((*l).clone());
            }
        }
        // A second source of a page: only what it adds to the page's own
        // findings is judged (the page's defects are counted once).
        let base: BTreeSet<(String, &str)> = match case.name.split_once('@') {
            Some((page, _)) => {
                let first = cases.iter().find(|c| c.name == page).expect("page case");
                findings(set, first)
                    .iter()
                    .map(|f| (place(f), f.rule))
                    .collect()
            }
            None => BTreeSet::new(),
        };
        for f in &found {
            let at = place(f);
            if base.contains(&(at.clone(), f.rule)) {
                continue;
            }
            let explained = mine
                .iter()
                .any(|l| l.segment == at && accepted(&l.class).contains(&f.rule));
            if !explained {
                tally
                    .false_alarms
                    .insert((case.name.to_string(), at, f.rule.to_string()));
            }
        }
    }
    (tally, shown)
}

/// The per-class and per-language table of a measurement.
pub fn table(tally: &Tally) -> String {
    let langs = ["es", "ru", "zh", "ko", "ja", "pt", "zh-tw", "fr", "de"];
    let mut t = String::from(
        "| Class | Found | es | ru | zh | ko | ja | pt | zh-tw | fr | de |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let (mut all_f, mut all_n) = (0, 0);
    let mut per_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (class, by_lang) in &tally.per_class {
        let (f, n) = by_lang.values().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
        all_f += f;
        all_n += n;
        let cols: Vec<String> = langs
            .iter()
            .map(|l| {
                by_lang.get(*l).map_or("—".into(), |(f, n)| {
                    let e = per_lang.entry(l).or_default();
                    e.0 += f;
                    e.1 += n;
                    format!("{f}/{n}")
                })
            })
            .collect();
        t += &format!("| {class} | {f}/{n} | {} |\n", cols.join(" | "));
    }
    let cols: Vec<String> = langs
        .iter()
        .map(|l| {
            per_lang
                .get(l)
                .map_or("—".into(), |(f, n)| format!("{f}/{n}"))
        })
        .collect();
    t += &format!("| all | {all_f}/{all_n} | {} |\n", cols.join(" | "));
    t
}

/// Found and labelled over all classes.
pub fn totals(tally: &Tally) -> (usize, usize) {
    tally
        .per_class
        .values()
        .flat_map(|m| m.values())
        .fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1))
}
