//! Whether a katakana word is a transliteration of a Latin one (`アルパイン`
//! for "Alpine", `エイリアス` for "alias"), as Japanese machine translation
//! writes product names and technical words; and a Cyrillic word of a Latin
//! one (`Фуллстокктиккер` for "FullStockTicker"). Both are reduced to the
//! skeleton of their consonants, in coarse classes that survive
//! transliteration: `l` and `r` are one class (`ル`), `b`, `p`, `f`, `v`, `h`
//! another (`バ`, `パ`, `フ`, `ヴ`, `ハ`), `m` and `n` (`ン` stands for both),
//! `k`, `c`, `q`, `g` (`カ`, `ガ`), `s`, `z`, `j` (`サ`, `ジ`), `t`, `d`. Vowels,
//! `y`, `w`, the long mark `ー` and the small `ッ` are dropped, an `r` after a
//! vowel and before a consonant or the end is dropped as katakana drops it
//! (`Docker` → `ドッカー`, `Kubernetes` → `クバネティス`), and a class
//! repeated is written once. Cyrillic keeps that `r` and writes `w` as `в`.

/// A hiragana letter: Japanese particles and verb endings are written in it.
pub(crate) fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F)
}

/// A katakana letter (not the middle dot `・`).
pub(crate) fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC)
}

const KANA_CLASSES: &[(&str, char)] = &[
    ("カキクケコガギグゲゴヵヶ", 'k'),
    ("サシスセソザジズゼゾ", 's'),
    ("タチツテトダヂヅデド", 't'),
    ("ナニヌネノンマミムメモ", 'n'),
    ("ハヒフヘホバビブベボパピプペポヴ", 'h'),
    ("ラリルレロ", 'r'),
];

fn push(out: &mut String, class: char) {
    if !out.ends_with(class) {
        out.push(class);
    }
}

/// The consonant skeleton of a katakana word.
fn kana_skeleton(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        if let Some(&(_, class)) = KANA_CLASSES.iter().find(|(row, _)| row.contains(c)) {
            push(&mut out, class);
        }
    }
    out
}

fn vowel(c: char) -> bool {
    "aeiouy".contains(c)
}

/// Cyrillic letters in the classes of katakana (`ц`, `ч`, `ш`, `ж` are
/// sibilants as `c` before `e` and `sh` are).
const CYRILLIC_CLASSES: &[(&str, char)] = &[
    ("кг", 'k'),
    ("сзжшщчц", 's'),
    ("тд", 't'),
    ("нм", 'n'),
    ("бпфвх", 'h'),
    ("лр", 'r'),
];

fn cyrillic_skeleton(w: &str) -> String {
    let mut out = String::new();
    for c in w.to_lowercase().chars() {
        if let Some(&(_, class)) = CYRILLIC_CLASSES.iter().find(|(row, _)| row.contains(c)) {
            push(&mut out, class);
        }
    }
    out
}

/// Whether `c` is a Cyrillic letter.
pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x04FF)
}

/// Whether the Cyrillic word `cyr` is written for the Latin word `latin`:
/// the same skeleton of three consonant classes or more.
#[cfg(test)]
fn transliterates_cyrillic(cyr: &str, latin: &str) -> bool {
    cyrillic_key(cyr).is_some_and(|c| Some(c) == latin_key(latin))
}

/// What a Cyrillic word is matched by: its skeleton, when it has three
/// consonant classes or more.
pub(crate) fn cyrillic_key(cyr: &str) -> Option<String> {
    if !cyr.chars().all(is_cyrillic) {
        return None;
    }
    let c = cyrillic_skeleton(cyr);
    (c.chars().count() >= 3).then_some(c)
}

/// The skeleton a Latin word has when Cyrillic letters write it.
pub(crate) fn latin_key(latin: &str) -> Option<String> {
    latin
        .chars()
        .all(|c| c.is_ascii_alphabetic())
        .then(|| skeleton(latin, true))
}

/// The consonant skeleton of a Latin word, in the classes of katakana.
fn latin_skeleton(w: &str) -> String {
    skeleton(w, false)
}

/// The consonant skeleton of a Latin word; `cyrillic`: as Cyrillic writes
/// it (an `r` kept, `w` as `в`).
fn skeleton(w: &str, cyrillic: bool) -> String {
    let chars: Vec<char> = w.to_lowercase().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let class = match c {
            'l' => Some('r'),
            'r' if !cyrillic && prev.is_some_and(vowel) && !next.is_some_and(vowel) => None,
            'w' if cyrillic => Some('h'),
            'r' => Some('r'),
            'b' | 'p' | 'f' | 'v' => Some('h'),
            // `ch`, `sh`, `th`: the `h` is part of the consonant before.
            'h' if prev.is_some_and(|p| p.is_alphabetic() && !vowel(p)) => None,
            'h' => Some('h'),
            'c' if next.is_some_and(|n| "eiy".contains(n)) => Some('s'),
            // `ch` as `ч`.
            'c' if cyrillic && next == Some('h') => Some('s'),
            'c' | 'k' | 'q' | 'g' => Some('k'),
            'x' => {
                push(&mut out, 'k');
                Some('s')
            }
            's' | 'z' | 'j' => Some('s'),
            't' | 'd' => Some('t'),
            'm' | 'n' => Some('n'),
            _ => None,
        };
        if let Some(class) = class {
            push(&mut out, class);
        }
    }
    out
}

/// Whether the katakana word `kana` is written for the Latin word `latin`:
/// the same skeleton of two consonant classes or more.
pub(crate) fn transliterates(kana: &str, latin: &str) -> bool {
    if !kana.chars().all(is_katakana) || !latin.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let k = kana_skeleton(kana);
    k.len() >= 2 && k == latin_skeleton(latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations() {
        assert!(transliterates("アルパイン", "Alpine"));
        assert!(transliterates("エイリアス", "alias"));
        assert!(transliterates("ドッカー", "Docker"));
        assert!(transliterates("クバネティス", "Kubernetes"));
        assert!(transliterates("デビアン", "Debian"));
        assert!(transliterates("ウブントゥ", "Ubuntu"));
        assert!(transliterates("リナックス", "Linux"));
        assert!(transliterates("ギットハブ", "GitHub"));
        assert!(!transliterates("イメージ", "Alpine"));
        assert!(!transliterates("パッケージ", "Alpine"));
        assert!(!transliterates("イメージ", "alias"));
        assert!(!transliterates("ビルド", "Debian"));
        // One consonant is too little to tell.
        assert!(!transliterates("アイ", "eye"));
        assert!(!transliterates("Alpine", "Alpine"));
    }

    #[test]
    fn cyrillic_transliterations() {
        assert!(transliterates_cyrillic(
            "Фуллстокктиккер",
            "FullStockTicker"
        ));
        assert!(transliterates_cyrillic(
            "симплестокктиккер",
            "SimpleStockTicker"
        ));
        assert!(transliterates_cyrillic("Докер", "Docker"));
        assert!(transliterates_cyrillic("Кубернетес", "Kubernetes"));
        assert!(transliterates_cyrillic("Виндовс", "Windows"));
        assert!(transliterates_cyrillic(
            "Чаннелкредентиалс",
            "ChannelCredentials"
        ));
        assert!(!transliterates_cyrillic("привязку", "snaps"));
        assert!(!transliterates_cyrillic("образ", "Docker"));
        assert!(!transliterates_cyrillic("Docker", "Docker"));
    }
}
