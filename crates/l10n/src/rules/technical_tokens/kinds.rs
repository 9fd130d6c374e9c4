//! Kinds of token the reader types, told by their shape: a dotted
//! identifier of code, a cell's reference in a formula.

/// A dotted identifier of code (`Microsoft.Exchange.Data.Directory`,
/// `Section.ColumnIndex`, `Scratch.A5`): each part a name in capitals with
/// small letters or digits, as namespaces, members and cells are written;
/// the reader types it in code. Not a product's dotted name (`ASP.NET`).
pub(super) fn code_identifier(tok: &str) -> bool {
    let parts: Vec<&str> = tok.split('.').collect();
    let part = |p: &&str| {
        p.starts_with(|c: char| c.is_ascii_uppercase())
            && p.chars().all(|c| c.is_ascii_alphanumeric())
            && (p.len() <= 2
                || p.chars()
                    .any(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
    };
    let inner = |p: &&str| {
        p.chars()
            .skip(1)
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    parts.len() >= 2
        && parts.iter().all(part)
        && parts
            .iter()
            .any(|p| p.chars().any(|c| c.is_ascii_lowercase()))
        && (parts.len() >= 3 || parts.iter().any(inner))
}

/// A cell's reference in a formula (`Star!Angle`, `Sheet.8!FillForegnd`,
/// `'1-D'!LineColor`): a sheet or shape, `!`, a cell; the reader types it.
pub(in crate::rules) fn cell_reference(tok: &str) -> bool {
    !tok.contains("![")
        && tok.split_once('!').is_some_and(|(a, b)| {
            a.ends_with(|c: char| c.is_ascii_alphanumeric() || c == ']' || c == '\'')
                && b.starts_with(|c: char| c.is_ascii_alphabetic())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_identifiers() {
        for x in [
            "Microsoft.Exchange.Data.Directory",
            "Section.ColumnIndex",
            "Scratch.A5",
            "System.Management.Automation",
        ] {
            assert!(code_identifier(x), "{x}");
        }
        for x in [
            "ASP.NET",
            "Node.js",
            "Windows.Forms",
            "Microsoft.Quantum",
            "v1.2",
        ] {
            assert!(!code_identifier(x), "{x}");
        }
    }

    #[test]
    fn cell_references() {
        for x in ["Star!Angle", "Sheet.8!FillForegnd", "'1-D'!LineColor"] {
            assert!(cell_reference(x), "{x}");
        }
        for x in ["Hello!", "![image]", "!Angle"] {
            assert!(!cell_reference(x), "{x}");
        }
    }
}
