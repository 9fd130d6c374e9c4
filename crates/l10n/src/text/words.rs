//! Words of prose: which characters make up a word, the surrounding
//! punctuation trimmed from one, and the mark standing for a code span.

/// Scripts written without spaces between words: a code span next to one of
/// their characters is not glued.
pub(crate) fn no_space_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x2E80..=0x2FDF    // CJK radicals
        | 0x3000..=0x303F    // CJK punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x312F
        | 0x31A0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x2FFFF)
}

/// Punctuation of the scripts written without spaces (`、`, `。`, `「`,
/// full-width `，` `（`): it separates words as a space does, so Latin text
/// right after it is not glued.
pub(crate) fn cjk_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65)
}

/// Hangul: Korean separates words with spaces but writes its particles
/// right after the word they follow (`Alpine의`, `` `builder`를 ``), so a
/// Hangul letter after a Latin word, a name or a span is a particle, not a
/// word glued on.
pub(crate) fn hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF)
}

/// Korean particles and copula forms that are written onto the word before
/// them (`` `X`를 ``, `` `X`에서 ``, `` `X`입니다 ``): a Hangul word after a span
/// that starts with none of them is a word of its own glued on
/// (`` `$InformationPreference`기본 설정 ``).
const KOREAN_PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "으로",
    "와",
    "과",
    "도",
    "만",
    "까지",
    "부터",
    "나",
    "란",
    "라",
    "처럼",
    "보다",
    "같이",
    "마다",
    "조차",
    "밖에",
    "뿐",
    "입니다",
    "인",
    "께",
    "한테",
];

/// Whether a run of Hangul starts with a particle (see `KOREAN_PARTICLES`).
pub(crate) fn korean_particle(run: &str) -> bool {
    KOREAN_PARTICLES.iter().any(|p| run.starts_with(p))
}

/// Whether a span or emphasis followed by `c` runs into the next word:
/// a word character of a spaced script, but not a Korean particle.
pub(crate) fn glues_after(c: char) -> bool {
    is_word_char(c) && !hangul(c)
}

/// A letter or digit of a script that separates words with spaces.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !no_space_script(c)
}

/// Marks a code span inside prose text.
pub(crate) const CODE_MARK: char = '\u{1}';

fn leading_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '«' | '“' | '‘' | '¿' | '¡' | '*' | '_' | '„' | '‹' | '<'
    )
}

fn trailing_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '»'
            | '”'
            | '’'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '*'
            | '_'
            | '›'
            | '>'
            | '…'
    )
}

/// The words of a prose text: split at whitespace and code spans, with
/// surrounding punctuation trimmed (a leading `.` or `-` is kept: `.sln`, `-t`).
pub(crate) fn words(prose: &str) -> Vec<&str> {
    prose
        .split(|c: char| c.is_whitespace() || c == CODE_MARK)
        .flat_map(particle_apart)
        .map(trim_word)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word and the Korean particle written onto it, apart (`GitHub의` →
/// `GitHub`, `의`); any other word as it is.
fn particle_apart(w: &str) -> Vec<&str> {
    let cut = w
        .char_indices()
        .zip(w.chars().skip(1))
        .find(|((_, before), after)| !hangul(*before) && before.is_alphanumeric() && hangul(*after))
        .map(|((i, before), _)| i + before.len_utf8());
    match cut {
        Some(at) => vec![&w[..at], &w[at..]],
        None => vec![w],
    }
}

pub(crate) fn trim_word(w: &str) -> &str {
    let w = w.trim_start_matches(leading_punct);
    let mut w = w.trim_end_matches(trailing_punct);
    // A reference link whose definition is not found (`[Type.Member][]`)
    // leaves its brackets on the word.
    while let Some(inner) = w.strip_suffix("][") {
        w = inner.trim_end_matches(trailing_punct);
    }
    // An unbalanced closing parenthesis was trimmed; a balanced one like
    // `tag(s` lost its `)`, which is fine for comparisons on both sides.
    if w.ends_with('(') {
        w = &w[..w.len() - 1];
    }
    w
}

/// A Korean sentence's finished verb with a particle glued onto it
/// (`있습니다는`, `바뀝니다이`): machine translation left there the particle
/// of what it moved after the verb.
pub(crate) fn particle_after_finished_verb(before: &str) -> bool {
    before
        .strip_suffix(['는', '은', '이', '가', '을', '를'])
        .is_some_and(|b| b.ends_with("니다"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_particles_come_apart_from_their_word() {
        assert_eq!(words("GitHub의 리포지토리"), ["GitHub", "의", "리포지토리"]);
        assert_eq!(words("Docker에서 실행"), ["Docker", "에서", "실행"]);
        // A Korean word stays whole, and so does a Latin one.
        assert_eq!(words("이미지를 Alpine"), ["이미지를", "Alpine"]);
        assert!(!glues_after('를'));
        assert!(glues_after('a'));
        assert!(!glues_after('の'));
        assert!(korean_particle("를") && korean_particle("에서는") && korean_particle("입니다"));
        assert!(!korean_particle("기본") && !korean_particle("표시"));
    }
}
