//! Telling prose from names and lists of tokens, and English prose from a
//! translation's: a list of common English words.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::technical::is_technical;

/// Common English words that other languages do not share: a run of them
/// is English prose, not a name.
const ENGLISH: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "along",
    "already",
    "although",
    "always",
    "and",
    "another",
    "any",
    "anything",
    "are",
    "aren't",
    "around",
    "available",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "doesn't",
    "don't",
    "does",
    "done",
    "down",
    "during",
    "each",
    "either",
    "enough",
    "even",
    "every",
    "few",
    "following",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "had",
    "has",
    "have",
    "having",
    "here",
    "how",
    "however",
    "if",
    "into",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "learn",
    "least",
    "less",
    "let",
    "let's",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "might",
    "more",
    "most",
    "much",
    "must",
    "need",
    "needs",
    "never",
    "new",
    "next",
    "not",
    "now",
    "of",
    "off",
    "often",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "own",
    "previous",
    "same",
    "see",
    "self",
    "should",
    "shown",
    "shows",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "uses",
    "using",
    "very",
    "want",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whole",
    "why",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "yet",
    "you",
    "you're",
    "you've",
    "your",
    "yours",
];

pub(crate) fn is_english_word(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| ENGLISH.iter().copied().collect());
    let lower = w.to_lowercase().replace('’', "'");
    set.contains(lower.as_str())
}

/// Words of ordinary prose: lower-case words of letters (a sentence's
/// capitalized first word counts when it is a common English word).
pub(crate) fn prose_word_count(words: &[&str]) -> (usize, usize) {
    let mut prose = 0;
    let mut english = 0;
    for (i, w) in words.iter().enumerate() {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let plain = letters >= 2
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-');
        if !plain || is_technical(w) {
            continue;
        }
        let is_en = is_english_word(w);
        let lower_word = w.chars().next().is_some_and(|c| c.is_lowercase());
        if lower_word || (i == 0 && is_en) {
            prose += 1;
        }
        if is_en {
            english += 1;
        }
    }
    (prose, english)
}

/// Whether a text is prose rather than a name or a list of tokens: more than
/// a couple of ordinary words.
pub(crate) fn is_prose(words: &[&str]) -> bool {
    let (prose, english) = prose_word_count(words);
    prose >= 3 || (prose >= 2 && english >= 1)
}

/// Whether a title (a front matter `title`, a link text) is prose rather
/// than a name, when its capitals say nothing: Title Case gives every word a
/// capital. Its words of letters that are not names (`is_name`), technical
/// tokens or acronyms (`WCF`) count, whatever their case; at least two of
/// them, one a common English word (also as a part of a hyphenated word:
/// `Self-hosted`), make it prose: "Docker - gRPC for WCF Developers",
/// "Self-hosted gRPC applications", not "Azure Container Registry" nor
/// "Windows Subsystem for Linux" when its capitalized words are names.
pub(crate) fn is_title_prose(words: &[&str], is_name: impl Fn(&str) -> bool) -> bool {
    let mut plain = 0;
    let mut english = 0;
    for w in words {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let word = letters >= 2
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-');
        let acronym = w.chars().all(|c| !c.is_lowercase());
        if !word || acronym || is_technical(w) || is_name(w) {
            continue;
        }
        plain += 1;
        if is_english_word(w) || w.split('-').any(is_english_word) {
            english += 1;
        }
    }
    plain >= 2 && english >= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::words;

    #[test]
    fn words_and_prose() {
        assert_eq!(
            words("Le drapeau (qui \u{1}peut être raccourci à ) spécifie « x » :"),
            [
                "Le",
                "drapeau",
                "qui",
                "peut",
                "être",
                "raccourci",
                "à",
                "spécifie",
                "x"
            ]
        );
        assert!(!is_prose(&words("Debian 10")));
        assert!(!is_prose(&words("Azure Container Registry")));
        assert!(is_prose(&words("Not to be used in production.")));
        assert!(is_prose(&words("For production.")));
        assert!(!is_prose(&words("Image tag(s)")));
    }

    #[test]
    fn titles() {
        let names = |w: &str| {
            [
                "Docker",
                "Azure",
                "Container",
                "Registry",
                "Windows",
                "Subsystem",
                "Linux",
            ]
            .contains(&w)
        };
        let title = |t: &str| is_title_prose(&words(t), names);
        assert!(title("Docker - gRPC for WCF Developers"));
        assert!(title("Self-hosted gRPC applications"));
        assert!(!title("Azure Container Registry"));
        assert!(!title("Windows Subsystem for Linux"));
        assert!(!title("Docker - gRPC"));
        // Two plain words, none of them English: could be a translation.
        assert!(!title("Applications gRPC auto-hébergées"));
        assert!(!title("machine learning"));
    }
}
