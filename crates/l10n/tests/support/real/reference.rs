//! Reference pages labelled after the rules were tuned on the .NET books:
//! PowerShell (`blind13/`, `blind15/`) and F# (`blind15/`) pages. A cmdlet
//! reference page's title is the cmdlet's name; the others' are translated.

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

/// Five side-by-side pages: the PowerShell developer guide page on a cmdlet
/// that modifies the system in Spanish, F# computation expressions in
/// Russian and strings in Japanese (their titles and descriptions
/// translated, their English not carried), and the Select-Object and
/// Start-Process references in Chinese and Korean.
pub fn blind15() -> Vec<Case> {
    let carried = |title| Source::Carried {
        description: None,
        title,
    };
    [
        ("es.modifies-system", "es.modifies-system.md", false),
        (
            "ru.computation-expressions",
            "ru.computation-expressions.md",
            false,
        ),
        ("zh.select-object", "zh.select-object.md", true),
        ("ko.start-process", "ko.start-process.md", true),
        ("ja.strings", "ja.strings.md", false),
    ]
    .into_iter()
    .map(|(name, page, title)| Case {
        name,
        page,
        source: carried(title),
    })
    .collect()
}

/// Five side-by-side pages: F# lists in Spanish and pattern matching in
/// Japanese (titles and descriptions translated, their English not carried),
/// the Measure-Object and Set-Content references in Russian and Korean, and
/// about_If in Chinese (its description the short description's English).
pub fn blind17() -> Vec<Case> {
    let carried = |description, title| Source::Carried { description, title };
    vec![
        Case {
            name: "es.lists",
            page: "es.lists.md",
            source: carried(None, false),
        },
        Case {
            name: "ru.measure-object",
            page: "ru.measure-object.md",
            source: carried(None, true),
        },
        Case {
            name: "zh.about-if",
            page: "zh.about-if.md",
            source: carried(
                Some("Describes a language command you can use to run statement lists based on the results of one or more conditional tests."),
                true,
            ),
        },
        Case {
            name: "ko.set-content",
            page: "ko.set-content.md",
            source: carried(None, true),
        },
        Case {
            name: "ja.pattern-matching",
            page: "ja.pattern-matching.md",
            source: carried(None, false),
        },
    ]
}

/// Five side-by-side pages labelled after the rules were changed on
/// `blind16/` and `blind17/`: F# records, modules and options in Spanish,
/// Korean and Japanese (titles and descriptions translated, their English
/// not carried), the Stop-Process reference in Russian, about_Foreach in
/// Chinese (its description the short description's English).
pub fn blind19() -> Vec<Case> {
    let carried = |description, title| Source::Carried { description, title };
    vec![
        Case {
            name: "es.records",
            page: "es.records.md",
            source: carried(None, false),
        },
        Case {
            name: "ru.stop-process",
            page: "ru.stop-process.md",
            source: carried(None, true),
        },
        Case {
            name: "zh.about-foreach",
            page: "zh.about-foreach.md",
            source: carried(
                Some("Describes a language command you can use to traverse all the items in a collection of items."),
                true,
            ),
        },
        Case {
            name: "ko.modules",
            page: "ko.modules.md",
            source: carried(None, false),
        },
        Case {
            name: "ja.options",
            page: "ja.options.md",
            source: carried(None, false),
        },
    ]
}

/// Five side-by-side pages labelled after the rules were changed on
/// `blind18/` and `blind19/`: F# arrays, for...in loops and tuples in
/// Spanish, Chinese and Korean (titles and descriptions translated, their
/// English not carried), the Get-Date and Out-File references in Russian
/// and Japanese.
pub fn blind21() -> Vec<Case> {
    let carried = |title| Source::Carried {
        description: None,
        title,
    };
    [
        ("es.arrays", "es.arrays.md", false),
        ("ru.get-date", "ru.get-date.md", true),
        (
            "zh.loops-for-in-expression",
            "zh.loops-for-in-expression.md",
            false,
        ),
        ("ko.tuples", "ko.tuples.md", false),
        ("ja.out-file", "ja.out-file.md", true),
    ]
    .into_iter()
    .map(|(name, page, title)| Case {
        name,
        page,
        source: carried(title),
    })
    .collect()
}
