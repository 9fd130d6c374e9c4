//! A table whose column lists names (properties, elements, settings:
//! `PackageId`, `VersionPrefix`, `Authors`, `Repository/Url`): a cell of
//! that column translated (`Идентификатор` for `Id`, `만든 이` for
//! `Authors`, `리포지토리/유형` for `Repository/Type`) is a name the reader
//! types that no longer matches: `technical-token-translated`, an error.
//! The column is known by the cells the translation keeps as they are.

use super::side::{certain, Raw};

/// A segment that is the whole of a table's cell: its table (any id the
/// same for the cells of one table) and its column.
#[derive(Clone)]
pub(crate) struct Cell<'a> {
    pub(crate) table: usize,
    pub(crate) column: usize,
    pub(crate) text: &'a str,
    pub(crate) source: &'a str,
}

/// One name, or names joined by slashes (`Repository/Url`): what a column
/// of names holds.
fn name_like(s: &str) -> bool {
    !s.is_empty()
        && s.split('/').all(|p| {
            p.chars().count() >= 2
                && p.starts_with(|c: char| c.is_ascii_alphabetic())
                && p.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// An identifier no prose writes: a capital inside (`PackageId`).
fn identifier(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    c.windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// Findings for cells of a column of names that the translation changed:
/// (index in `cells`, finding).
pub(crate) fn table_names(cells: &[Cell]) -> Vec<(usize, Raw)> {
    let mut out = Vec::new();
    let mut columns: Vec<(usize, usize)> = cells.iter().map(|c| (c.table, c.column)).collect();
    columns.sort_unstable();
    columns.dedup();
    for (table, column) in columns {
        let here: Vec<(usize, &Cell)> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.table == table && c.column == column)
            .filter(|(_, c)| name_like(c.source.trim()))
            .collect();
        let kept: Vec<&str> = here
            .iter()
            .map(|(_, c)| c.source.trim())
            .filter(|s| here.iter().any(|(_, c)| c.text.trim() == *s))
            .collect();
        // Three names kept, one an identifier: a column of names, not of
        // words (`empty`, `Default`) a translation translates.
        if kept.len() < 3 || !kept.iter().any(|s| identifier(s)) {
            continue;
        }
        for (i, c) in here {
            let (t, s) = (c.text.trim(), c.source.trim());
            if t == s || t.eq_ignore_ascii_case(s) {
                continue;
            }
            out.push((
                i,
                (
                    "technical-token-translated",
                    0,
                    certain(&format!(
                        "\"{s}\" is in a column of names the translation keeps as they are ({}): it is a name the reader types, not a word to translate; keep \"{s}\"",
                        kept.iter().take(3).copied().collect::<Vec<_>>().join(", ")
                    )),
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(rows: &[&[(&'a str, &'a str)]]) -> Vec<Cell<'a>> {
        rows.iter()
            .flat_map(|r| {
                r.iter().enumerate().map(|(column, &(text, source))| Cell {
                    table: 0,
                    column,
                    text,
                    source,
                })
            })
            .collect()
    }

    #[test]
    fn names_of_a_column_translated() {
        let c = cells(&[
            &[
                ("Идентификатор", "Id"),
                ("PackageId", "PackageId"),
                ("AssemblyName", "AssemblyName"),
            ],
            &[
                ("VersionPrefix", "VersionPrefix"),
                ("PackageVersionPrefix", "PackageVersionPrefix"),
                ("пустой", "empty"),
            ],
            &[
                ("Authors", "Authors"),
                ("Authors", "Authors"),
                ("пустой", "empty"),
            ],
            &[
                ("Copyright", "Copyright"),
                ("Copyright", "Copyright"),
                ("пустой", "empty"),
            ],
            &[
                ("/ Тип репозитория", "Repository/Type"),
                ("RepositoryType", "RepositoryType"),
                ("пустой", "empty"),
            ],
        ]);
        let found: Vec<usize> = table_names(&c).iter().map(|f| f.0).collect();
        // `Id` and `Repository/Type` in the first column; the third column
        // keeps one name only, its `empty` is a word.
        assert_eq!(found, vec![0, 12]);
    }

    #[test]
    fn columns_of_words() {
        // Settings a UI names, all translated or all kept: no evidence.
        let c = cells(&[
            &[("Включено", "Enabled"), ("Описание", "Description")],
            &[("Отключено", "Disabled"), ("Описание", "Description")],
            &[("Enabled", "Enabled"), ("Value", "Value")],
            &[("Name", "Name"), ("Path", "Path")],
            &[("Title", "Title"), ("Url", "Url")],
        ]);
        assert!(table_names(&c).is_empty());
    }
}
