//! A table's header row with some cells translated into another script and
//! one left in English (`| Field | 説明 | 推奨値 |`, `| Flag | 描述 |`): the translator
//! skipped it, as machine translation skips a lone word; the reader sees
//! one column named in English. `segment-untranslated`, a warning.

use super::side::Raw;

/// A word or two of a page's structure as a column's name (`Value`,
/// `Flag`, `Configuration`), not a name (`Linux`), an identifier
/// (`PackageId`) or an acronym (`ID`).
fn plain_label(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=2).contains(&words.len())
        && words
            .iter()
            .any(|w| super::DOC_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        && words[0].starts_with(|c: char| c.is_ascii_uppercase())
        && words.iter().all(|w| {
            w.len() >= 3
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && w.chars().skip(1).all(|c| c.is_ascii_lowercase())
        })
}

/// The header cells left in English beside translated ones: (index the
/// cell was given with, finding). Each cell is (index, table, translation,
/// source).
pub(crate) fn table_headers(
    cells: &[(usize, usize, &str, &str)],
    is_name: &dyn Fn(&str) -> bool,
) -> Vec<(usize, Raw)> {
    let mut out = Vec::new();
    let mut tables: Vec<usize> = cells.iter().map(|c| c.1).collect();
    tables.dedup();
    for table in tables {
        let row: Vec<&(usize, usize, &str, &str)> = cells.iter().filter(|c| c.1 == table).collect();
        // Translated into another script than Latin letters: in a Latin
        // one, the same spelling is often the language's own word
        // (`Description`, `Notes` in French).
        let translated = row.iter().any(|c| {
            c.2.trim() != c.3.trim()
                && c.2
                    .chars()
                    .any(|ch| ch.is_alphabetic() && (ch as u32) >= 0x0370)
        });
        if !translated {
            continue;
        }
        for c in row {
            let (t, s) = (c.2.trim(), c.3.trim());
            // Not a name the page keeps (`Linux`, `Razor`).
            if t == s && plain_label(s) && !s.split_whitespace().any(is_name) {
                out.push((
                    c.0,
                    (
                        "segment-untranslated",
                        0,
                        format!("the column's name \"{s}\" is left in English while the other columns' names are translated"),
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_cell_left_in_english() {
        let row = [(1, 7, "Field", "Field"), (2, 7, "説明", "Description")];
        assert_eq!(table_headers(&row, &|_| false).len(), 1);
        // A Latin script writes many the same (`Notes`, `Description`).
        let french = [(1, 7, "Notes", "Notes"), (2, 7, "Définition", "Definition")];
        assert!(table_headers(&french, &|_| false).is_empty());
        // All kept: a table of names, or a page not translated.
        let kept = [(1, 7, "Value", "Value"), (2, 7, "Definition", "Definition")];
        assert!(table_headers(&kept, &|_| false).is_empty());
        // An identifier or an acronym stays.
        let names = [
            (1, 7, "PackageId", "PackageId"),
            (2, 7, "ID", "ID"),
            (3, 7, "説明", "Description"),
        ];
        assert!(table_headers(&names, &|_| false).is_empty());
        let linux = [(1, 7, "Linux", "Linux"), (2, 7, "説明", "Description")];
        assert!(table_headers(&linux, &|w| w == "Linux").is_empty());
    }
}
