//! The product and technology names of a guide, derived from its English
//! source (plus the ones a scenario lists): words and runs of words that the
//! source always writes with the same capitals, and not only where a
//! sentence starts (`Docker`, `Dockerfile`, `Kubernetes`, `ASP.NET Core`,
//! `Docker Hub`, `Azure Container Registry`). `product-name-altered` then
//! requires each segment to keep the names of its source.
//!
//! A word is a name when every time the source writes it in its prose it has
//! the same capitals, it is not a common English word, it has three letters
//! or more (or capitals inside: `gRPC`), and the source capitalizes it away
//! from a sentence start twice, or once in a link text, a heading or a code
//! span. A run of such capitalized words with only spaces between them is a
//! compound name (`Azure Container Registry`) when it comes twice or in a
//! link text or heading, and at least one of its words is not a name on its
//! own (`Hub`, `Core`, `Container`): two names side by side (`Microsoft
//! Docker images`) are two names. Headings in Title Case give no evidence.

use std::collections::{HashMap, HashSet};

use super::side::Side;
use crate::inline::RefDefs;
use crate::text::{is_english_word, is_technical};

mod titles;
mod words;
use titles::{short_title, title_case, titles_page};
use words::{CONVENTIONAL, FUNCTION_WORDS};

/// One text of the source: a segment's English, and whether it is a heading.
pub(crate) struct SourceText<'a> {
    pub(crate) text: &'a str,
    pub(crate) heading: bool,
}

/// The names, by their first word (exactly as written), longest first.
#[derive(Debug, Default)]
pub(crate) struct Names {
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// Every word of every name, exactly as written.
    words: HashSet<String>,
}

impl Names {
    fn add(&mut self, words: Vec<String>) {
        if words.is_empty() {
            return;
        }
        let list = self.by_first.entry(words[0].clone()).or_default();
        if !list.contains(&words) {
            self.words.extend(words.iter().cloned());
            list.push(words);
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
    }

    /// The names starting with this word, longest first.
    pub(super) fn starting_with(&self, word: &str) -> &[Vec<String>] {
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn has_word(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    #[cfg(test)]
    fn all(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .by_first
            .values()
            .flatten()
            .map(|w| w.join(" "))
            .collect();
        v.sort();
        v
    }
}

/// `Alpine's` → (`Alpine`, true).
pub(super) fn strip_possessive(w: &str) -> (&str, bool) {
    match w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        Some(s) => (s, true),
        None => (w, false),
    }
}

/// A word written with a capital that can make it a name: `Docker`, `.NET`,
/// `gRPC`, `SDK`; not `I`, `OS`, `MB`, paths, versions.
pub(super) fn capitalized(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || w.contains('/') || w.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if !w.chars().all(|c| c.is_alphanumeric() || ".-+#".contains(c)) {
        return false;
    }
    // An acronym's plural (`IDs`, `APIs`, `URIs`): a word of the text.
    if let Some(stem) = w.strip_suffix('s') {
        if stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase()) {
            return false;
        }
    }
    // A lower-case prefix before a name (`non-Windows`, `pre-Docker`): the
    // name is the part after it.
    if w.split_once('-')
        .is_some_and(|(p, _)| !p.is_empty() && p.chars().all(|c| c.is_lowercase()))
    {
        return false;
    }
    let mut chars = w.chars();
    let first = chars.next().unwrap_or(' ');
    let upper = first.is_uppercase()
        || (first == '.' && chars.next().is_some_and(char::is_uppercase))
        || (first.is_lowercase() && w.chars().any(char::is_uppercase));
    let all_caps = w.chars().all(|c| !c.is_lowercase());
    upper && !(all_caps && letters <= 2)
}

/// One word of a source text, with what the derivation needs.
pub(super) struct Tok<'a> {
    pub(super) word: &'a str,
    /// At the start of the text or of a sentence.
    pub(super) initial: bool,
    /// Only spaces between it and the next word (and no possessive).
    pub(super) joined: bool,
    pub(super) in_link: bool,
    /// The link whose text it is in, by index in the side's links.
    pub(super) link: Option<usize>,
    /// Alone between parentheses: a label (`AsString (Default)`), not a
    /// name in a sentence.
    pub(super) parenthesized: bool,
}

pub(super) fn tokens<'a>(side: &Side<'a>) -> Vec<Tok<'a>> {
    // The link each word is in: words and links both in order, so one sweep
    // (a huge segment has thousands of each).
    let mut order: Vec<usize> = (0..side.inl.links.len())
        .filter(|&i| !side.inl.links[i].image)
        .collect();
    order.sort_by_key(|&i| side.inl.links[i].range.start);
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let links: Vec<Option<usize>> = side
        .words
        .iter()
        .map(|&(start, _)| {
            while next < order.len() && side.inl.links[order[next]].range.start < start {
                open.push(order[next]);
                next += 1;
            }
            open.retain(|&i| start < side.inl.links[i].range.end);
            open.iter()
                .copied()
                .filter(|&i| side.inl.links[i].range.start < start)
                .min()
        })
        .collect();
    // A link text whose words are all capitalized (`[Azure Container
    // Registry]`) is a name; another (`[Self-hosted gRPC applications]`)
    // is a title, whose first word is capitalized because it is first.
    // A link whose text is its target's file name (`[Overview](overview.md)`)
    // is a page's title, whatever its capitals.
    let titles_target = |l: usize| {
        let link = &side.inl.links[l];
        let d = link.dest.split(['?', '#']).next().unwrap_or("");
        let file = d.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let stem = file.strip_suffix(".md").unwrap_or(file).to_lowercase();
        let text: String = link.text.trim().to_lowercase().replace(' ', "-");
        !stem.is_empty() && stem == text && !link.text.contains(['-', '_', '.'])
    };
    let named = |l: usize| {
        !titles_target(l)
            && side
                .words
                .iter()
                .zip(&links)
                .filter(|(_, wl)| **wl == Some(l))
                .all(|(&(_, w), _)| capitalized(strip_possessive(w).0) && !ordinary(w))
    };
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(side.words.len());
    for (k, &(start, raw)) in side.words.iter().enumerate() {
        let (word, possessive) = strip_possessive(raw);
        let end = start + raw.len();
        let first_in_link = links[k].is_some_and(|l| k == 0 || links[k - 1] != Some(l))
            && !named(links[k].unwrap_or(0));
        let initial = first_in_link
            || match k.checked_sub(1).map(|p| side.words[p]) {
                None => true,
                Some((ps, pw)) => side.text[ps + pw.len()..start].contains(['.', '!', '?', ':']),
            };
        let joined = !possessive
            && side.words.get(k + 1).is_some_and(|&(ns, _)| {
                let gap = &side.text[end..ns];
                !gap.is_empty() && gap.chars().all(char::is_whitespace)
            });
        let parenthesized =
            side.text[..start].ends_with('(') && side.text[start + word.len()..].starts_with(')');
        out.push(Tok {
            word,
            initial,
            joined,
            in_link: links[k].is_some(),
            link: links[k],
            parenthesized,
        });
    }
    out
}

#[derive(Default)]
struct Stats {
    /// Every way the prose writes the word.
    forms: HashSet<String>,
    /// Capitalized away from a sentence start and not next to another
    /// capitalized word (a part of a compound is not a name of its own), or
    /// in a code span.
    evidence: usize,
    /// In a link text or a heading, away from a sentence start.
    strong: bool,
}

/// An identifier in CamelCase (`CmdletAttribute`, `GitHub`).
fn camel(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_alphabetic())
        && w.chars()
            .zip(w.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

fn ordinary(w: &str) -> bool {
    let lower = w.to_lowercase();
    is_english_word(w)
        || FUNCTION_WORDS.contains(&lower.as_str())
        || CONVENTIONAL.contains(&lower.as_str())
}

/// Runs of capitalized words: words, first word at a sentence start, strong.
type Runs<'a> = Vec<(Vec<&'a str>, bool, bool)>;

/// How the texts write each word, and their runs of capitalized words. A
/// sentence's first word joins a run only when `starts_run` says it is a
/// name (`Docker Hub is…`, not `Build Docker images`).
fn collect<'a>(
    texts: &[SourceText],
    sides: &[Side<'a>],
    starts_run: &dyn Fn(&str) -> bool,
) -> (HashMap<String, Stats>, Runs<'a>) {
    let mut stats: HashMap<String, Stats> = HashMap::new();
    let mut runs: Runs<'a> = Vec::new();
    for (st, side) in texts.iter().zip(sides) {
        let toks = tokens(side);
        // A heading in capitals (`RELATED LINKS`) says no more than one in
        // Title Case.
        let shouting = toks.iter().all(|t| !t.word.chars().any(char::is_lowercase));
        // So does a short segment of Title Case without a sentence's stop
        // (`[Limitations and Restrictions](#Restrictions)` in a list).
        let title = (st.heading && (title_case(&toks) || shouting)) || short_title(st.text, &toks);
        // A link titled after an identifier (`[CmdletAttribute Declaration]`)
        // is a page title: its other words are no names.
        let titled: Vec<Option<usize>> = toks
            .iter()
            .filter(|t| camel(t.word))
            .filter_map(|t| t.link)
            .map(Some)
            .collect();
        let caps: Vec<bool> = toks
            .iter()
            .map(|t| {
                !title
                    && capitalized(t.word)
                    && (!t.initial || starts_run(t.word))
                    && (camel(t.word) || t.link.is_none() || !titled.contains(&t.link))
                    && (camel(t.word) || !t.link.is_some_and(|l| titles_page(side, &toks, l)))
            })
            .collect();
        // Runs of capitalized words joined by spaces: [start, end).
        let mut k = 0;
        while k < toks.len() {
            let start = k;
            while caps[k] && toks[k].joined && k + 1 < toks.len() && caps[k + 1] {
                k += 1;
            }
            let end = k + 1;
            let run = &toks[start..end];
            if end - start >= 2 {
                let strong = st.heading || run.iter().all(|t| t.in_link);
                runs.push((run.iter().map(|t| t.word).collect(), run[0].initial, strong));
            }
            for (t, &c) in run.iter().zip(&caps[start..end]) {
                let s = stats.entry(t.word.to_lowercase()).or_default();
                if !s.forms.contains(t.word) {
                    s.forms.insert(t.word.to_string());
                }
                if c && !t.initial && !t.parenthesized && end - start == 1 {
                    s.evidence += 1;
                    s.strong |= t.in_link || st.heading;
                }
            }
            k = end;
        }
        for c in &side.inl.codes {
            for w in c
                .content
                .split(|ch: char| ch.is_whitespace() || "\"'`()[]{},;=".contains(ch))
            {
                if capitalized(w) {
                    if let Some(s) = stats.get_mut(&w.to_lowercase()) {
                        s.evidence += 1;
                        s.strong = true;
                    }
                }
            }
        }
    }
    (stats, runs)
}

/// A word the texts always write this way, often enough away from a
/// sentence start to be a name.
fn is_single(stats: &HashMap<String, Stats>, w: &str) -> bool {
    capitalized(w)
        && !ordinary(w)
        && stats.get(&w.to_lowercase()).is_some_and(|s| {
            s.forms.len() == 1
                && s.forms.contains(w)
                && (s.evidence >= 2 || (s.evidence >= 1 && s.strong))
        })
}

/// The names of a source: derived from its texts, and `configured`.
pub(crate) fn derive(texts: &[SourceText], refs: &RefDefs, configured: &[String]) -> Names {
    let sides: Vec<Side> = texts.iter().map(|t| Side::new(t.text, refs)).collect();
    // First without sentence starts in runs, then with the ones found names.
    let (first, _) = collect(texts, &sides, &|_| false);
    let (stats, runs) = collect(texts, &sides, &|w| is_single(&first, w));
    let single = |w: &str| is_single(&stats, w);
    let mut names = Names::default();
    // A word the source also writes in the plural or the singular (`Pod`,
    // `Pods`; `Deployment`, `Deployments`) is a concept of the text, which a
    // translation may translate, not a brand.
    let counted = |w: &str| {
        let l = w.to_lowercase();
        stats.contains_key(&format!("{l}s"))
            || l.strip_suffix('s')
                .is_some_and(|stem| stem.chars().count() >= 3 && stats.contains_key(stem))
    };
    for (key, s) in &stats {
        if let Some(w) = s.forms.iter().next() {
            // `Microsoft-provided`, `Docker-based`: an adjective.
            let adjective = w
                .rsplit_once('-')
                .is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase));
            if s.forms.len() == 1 && single(w) && !is_technical(w) && !counted(w) && !adjective {
                debug_assert_eq!(&w.to_lowercase(), key);
                names.add(vec![w.clone()]);
            }
        }
    }
    // Compounds: counted, then kept when repeated or strong.
    let mut compounds: HashMap<Vec<&str>, (usize, bool)> = HashMap::new();
    for (words, initial, strong) in &runs {
        let mut words = words.as_slice();
        if *initial && !single(words[0]) {
            words = &words[1..];
        }
        // A title naming an identifier (`[CmdletAttribute Declaration]`):
        // the identifier is the name, the rest is words.
        let camel = |w: &str| {
            w.chars().all(|c| c.is_ascii_alphabetic())
                && w.chars()
                    .zip(w.chars().skip(1))
                    .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
        };
        if words.len() < 2 || words.iter().all(|w| single(w)) || words.iter().any(|w| camel(w)) {
            continue;
        }
        let e = compounds.entry(words.to_vec()).or_default();
        e.0 += 1;
        e.1 |= *strong;
    }
    let mut keep: Vec<Vec<&str>> = compounds
        .into_iter()
        .filter(|(_, (n, strong))| *n >= 2 || *strong)
        .map(|(w, _)| w)
        .collect();
    // A compound the source also writes in other capitals is not a name,
    // nor one whose every word the prose also writes in lower case (the
    // title `Cmdlet Verb Names` on a page that says "cmdlet", "verb" and
    // "names"): its capitals are a title's.
    keep.retain(|words| !recased_anywhere(&sides, words));
    keep.retain(|words| {
        !words.iter().all(|w| {
            let lower = w.to_lowercase();
            stats.get(&lower).is_some_and(|s| s.forms.contains(&lower))
        })
    });
    // Names side by side (`.NET Core Docker`, `Docker CLI`): each is a name
    // of its own, which a translation may put in its own order.
    let parts: Vec<Vec<&str>> = keep.clone();
    keep.retain(|words| {
        // A part is a name, a token, an acronym, or a name the commands
        // also write in lower case (`Docker`, `docker`).
        let commanded = |w: &str| {
            let lower = w.to_lowercase();
            capitalized(w)
                && !ordinary(w)
                && stats.get(&lower).is_some_and(|s| {
                    s.forms.contains(&lower) && s.forms.contains(w) && s.evidence >= 2
                })
        };
        !of_names(words, &parts, &|w| {
            single(w) || is_technical(w) || acronym(w) || commanded(w)
        })
    });
    for words in keep {
        names.add(words.iter().map(|w| w.to_string()).collect());
    }
    // Programming languages named with a sign (`C#`, `F#`, `C++`).
    for side in &sides {
        for &(_, w) in &side.words {
            let sign = w.strip_suffix('#').or_else(|| w.strip_suffix("++"));
            if sign.is_some_and(|l| {
                (1..=2).contains(&l.len()) && l.starts_with(|c: char| c.is_ascii_uppercase())
            }) {
                names.add(vec![w.to_string()]);
            }
        }
    }
    for c in configured {
        let words: Vec<String> = c.split_whitespace().map(str::to_string).collect();
        if words.len() > 1 || words.first().is_some_and(|w| !is_technical(w)) {
            names.add(words);
        }
    }
    names
}

/// An acronym: two to five capitals (`CLI`, `SDK`, `API`).
fn acronym(w: &str) -> bool {
    (2..=5).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether `words` is two names or more in a row: each a name of its own
/// (`single`) or another compound of `compounds`.
fn of_names(words: &[&str], compounds: &[Vec<&str>], single: &dyn Fn(&str) -> bool) -> bool {
    // Ways to cover words[..i] with names, counting the names used.
    let n = words.len();
    let mut best: Vec<Option<usize>> = vec![None; n + 1];
    best[0] = Some(0);
    for i in 0..n {
        let Some(used) = best[i] else { continue };
        let mut ends = Vec::new();
        if single(words[i]) {
            ends.push(i + 1);
        }
        for c in compounds {
            if c.len() <= n - i && words[i..i + c.len()] == c[..] {
                ends.push(i + c.len());
            }
        }
        for e in ends {
            if best[e].is_none_or(|b| b < used + 1) {
                best[e] = Some(used + 1);
            }
        }
    }
    best[n].is_some_and(|used| used >= 2)
}

/// Whether the texts write these words, in a row, with other capitals.
fn recased_anywhere(sides: &[Side], words: &[&str]) -> bool {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    sides.iter().any(|side| {
        let toks = tokens(side);
        (0..toks.len()).any(|i| {
            i + lower.len() <= toks.len()
                && (0..lower.len()).all(|k| {
                    toks[i + k].word.to_lowercase() == lower[k]
                        && (k + 1 == lower.len() || toks[i + k].joined)
                })
                && (0..lower.len()).any(|k| toks[i + k].word != words[k])
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(texts: &[(&str, bool)]) -> Vec<String> {
        let texts: Vec<SourceText> = texts
            .iter()
            .map(|&(text, heading)| SourceText { text, heading })
            .collect();
        derive(&texts, &RefDefs::new(), &[]).all()
    }

    #[test]
    fn derived_from_the_source() {
        let n = names(&[
            ("Create Docker images", true),
            (
                "Docker images for ASP.NET Core apps run in Docker or Kubernetes.",
                false,
            ),
            (
                "Use ASP.NET Core with Kubernetes and a Dockerfile in Docker.",
                false,
            ),
            ("The Dockerfile is short. Release builds are fast.", false),
            (
                "Push to [Azure Container Registry](a) or [Docker Hub](b).",
                false,
            ),
            (
                "To push to Docker Hub, tag the container and the registry.",
                false,
            ),
            (
                "Builds a Release build with the Microsoft Docker images.",
                false,
            ),
        ]);
        assert_eq!(
            n,
            [
                "ASP.NET Core",
                "Azure Container Registry",
                "Docker",
                "Docker Hub",
                "Dockerfile",
                "Kubernetes"
            ]
        );
    }

    #[test]
    fn not_names() {
        // Several casings, Title Case headings, sentence starts.
        let n = names(&[
            ("Install Docker Engine on Linux", true),
            ("Then run docker with Linux and Podman.", false),
            ("Docker is here. Podman too, on Linux.", false),
            ("Create A Container Image Quickly", true),
            ("A container image, quickly.", false),
        ]);
        assert_eq!(n, ["Linux"]);
    }
}
