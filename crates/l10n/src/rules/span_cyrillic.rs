//! `code-span-moved` in Russian (and other Cyrillic) translations: a span
//! that names a noun in the source (`the `X` file`, `the `X` folder`) must
//! stay next to that noun, whatever its case ending (`файл `X``, `` `X`
//! файла ``). Machine translation often leaves it after the verb, before a
//! preposition (`файл копируется `X` в …`), or after a comma, before the
//! next clause (`создает папку, `X` если …`): between those words a name
//! has no noun to name. The evidence is the sentence's shape, not a
//! dictionary, so these are warnings.

use super::side::{Raw, Side};
use super::span_place::pairs;

/// Prepositions a noun phrase starts with: a span before one has ended up
/// outside its own phrase.
const PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "на",
    "из",
    "с",
    "со",
    "к",
    "ко",
    "для",
    "по",
    "от",
    "до",
    "при",
    "без",
    "через",
];

/// Words that start a new clause after a comma.
const CLAUSE_STARTS: &[&str] = &[
    "если",
    "что",
    "когда",
    "чтобы",
    "и",
    "а",
    "но",
    "который",
    "которая",
    "которое",
    "которые",
    "так",
];

/// English words after a span that are no noun it names.
const NOT_NOUNS: &[&str] = &[
    "is", "are", "was", "were", "be", "to", "and", "or", "from", "in", "on", "with", "for", "of",
    "the", "a", "an", "as", "by", "at", "if", "that", "which", "can", "will", "does", "do", "has",
    "have", "returns", "uses", "gets", "sets", "creates", "copies", "only", "also", "into", "not",
];

/// Finite Russian verb endings (`копируется`, `создает`, `копируют`).
fn finite_verb(w: &str) -> bool {
    ["ся", "ет", "ют", "ит", "ят", "ёт"]
        .iter()
        .any(|e| w.ends_with(e))
        && w.chars().count() > 3
}

fn first_word(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase()
}

fn last_word(s: &str) -> String {
    let w: Vec<char> = s
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    w.into_iter().rev().collect::<String>().to_lowercase()
}

pub(super) fn code_span_cyrillic(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let cyrillic = |c: char| ('\u{0400}'..='\u{04FF}').contains(&c);
    if !t.text.chars().any(cyrillic) || s.inl.codes.len() > 200 {
        return;
    }
    for (si, ti) in pairs(t, s) {
        let (sr, tr) = (&s.inl.codes[si].range, &t.inl.codes[ti].range);
        if super::moved_at(out, tr.start) {
            continue;
        }
        // The source names a noun with it: `the `X` file`.
        let noun = first_word(&s.text[sr.end..]);
        let names_noun = !noun.is_empty()
            && noun.chars().all(|c| c.is_ascii_lowercase())
            && !NOT_NOUNS.contains(&noun.as_str());
        let before = &t.text[..tr.start];
        let after = &t.text[tr.end..];
        let next = first_word(after);
        let prev = last_word(before);
        // After a comma and before the next clause's first word, where the
        // source has no comma before it: out of its own clause, whatever
        // its role (`прежде чем сразу же удаляется, `subscriber` чтобы`).
        let comma_in_source = s.text[..sr.start].trim_end().ends_with(',');
        if !names_noun {
            if before.trim_end().ends_with(',')
                && CLAUSE_STARTS.contains(&next.as_str())
                && !comma_in_source
                && next != "и"
            {
                out.push((
                    "code-span-moved",
                    tr.start,
                    format!(
                        "code span {} is not where the source has it: it is now after the comma, before \"{next}\", which starts the next clause; the source has no comma before it",
                        s.inl.codes[si].shown()
                    ),
                ));
            }
            continue;
        }
        let why = if finite_verb(&prev) && PREPOSITIONS.contains(&next.as_str()) {
            Some(format!(
                "it is now between the verb \"{prev}\" and the preposition \"{next}\", away from the noun it names (the source has \"{noun}\" after it)"
            ))
        } else if before.trim_end().ends_with(',') && CLAUSE_STARTS.contains(&next.as_str()) {
            Some(format!(
                "it is now after the comma, before \"{next}\", away from the noun it names (the source has \"{noun}\" after it)"
            ))
        } else {
            None
        };
        if let Some(why) = why {
            out.push((
                "code-span-moved",
                tr.start,
                format!(
                    "code span {} is not where the source has it: {why}",
                    s.inl.codes[si].shown()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(tr: &str, src: &str) -> usize {
        super::super::side::run_rule(code_span_cyrillic, tr, src).len()
    }

    #[test]
    fn out_of_its_clause_after_a_comma() {
        let src = "Wait before disposing the `subscriber` to prevent it from writing.";
        assert_eq!(
            found(
                "Дождитесь, прежде чем сразу же удаляется, `subscriber` чтобы предотвратить запись.",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "Дождитесь, прежде чем удалить `subscriber`, чтобы предотвратить запись.",
                src
            ),
            0
        );
    }

    #[test]
    fn away_from_its_noun() {
        let src = "This example copies the `log.txt` file to the `C:\\Docs` directory.";
        assert_eq!(
            found(
                "В этом примере файл копируется `log.txt` в `C:\\Docs` каталог.",
                src
            ),
            1
        );
        assert_eq!(
            found(
                "Операция создает папку, `Copy1` если она еще не существует.",
                "The operation creates the `Copy1` folder if it doesn't already exist."
            ),
            1
        );
        // Next to its noun, in any order or case: fine.
        assert_eq!(
            found(
                "В этом примере файл `log.txt` копируется в каталог `C:\\Docs`.",
                src
            ),
            0
        );
        assert_eq!(
            found(
                "Командлет копирует `test.log` из папки `D:\\F`.",
                "The cmdlet copies `test.log` from the `D:\\F` folder."
            ),
            0
        );
    }
}
