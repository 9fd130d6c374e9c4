//! PowerShell pages labelled after the rules were tuned on the .NET books
//! (`blind13/`): cmdlet reference pages, whose titles are the cmdlets'
//! names, an about_ topic and a developer guide page.

use super::{Case, Source};

/// Five side-by-side PowerShell pages, one per language: a developer guide
/// page in Spanish (its title translated), about_Redirection in Russian (its
/// description the short description's English), and the Sort-Object,
/// Move-Item and Where-Object references in Chinese, Korean and Japanese.
pub fn blind13() -> Vec<Case> {
    let carried = |description, title| Source::Carried { description, title };
    vec![
        Case {
            name: "es.adding-parameter-sets",
            page: "es.adding-parameter-sets.md",
            source: carried(None, false),
        },
        Case {
            name: "ru.redirection",
            page: "ru.redirection.md",
            source: carried(
                Some("Explains how to redirect output from PowerShell to text files."),
                true,
            ),
        },
        Case {
            name: "zh.sort-object",
            page: "zh.sort-object.md",
            source: carried(None, true),
        },
        Case {
            name: "ko.move-item",
            page: "ko.move-item.md",
            source: carried(None, true),
        },
        Case {
            name: "ja.where-object",
            page: "ja.where-object.md",
            source: carried(None, true),
        },
    ]
}
