//! Forms of a compound product name that localized documentation uses on
//! purpose, which `product_names` does not report as a name split or cut:
//!
//! - reordered round the language's "of", as Romance languages write a
//!   compound (`CLI de .NET Core` for ".NET Core CLI", `Web Forms de
//!   ASP.NET` for "ASP.NET Web Forms");
//! - in Japanese, Chinese or Korean, the brand kept and the generic English
//!   words after it translated (`ASP.NET Web フォーム`, `Docker 中心`,
//!   `Azure 앱 구성`): Microsoft's localized product names are written so.

use crate::text::{hangul, no_space_script};

/// Plain nouns of compound names that Microsoft's localized names translate
/// (`Web フォーム`, `Docker 허브`, `Azure 앱 구성`, `WCF サービス ライブラリ`),
/// and the nouns of the UI's windows and tools it localizes (`Exchange 管理
/// センター`, `командная строка Visual Studio`, `程序包管理器控制台`); not
/// `Core`, `Server`, `Studio`, which stay as written (`ASP.NET核心` is a
/// defect).
const GENERIC: &[&str] = &[
    "Admin",
    "Antivirus",
    "App",
    "Apps",
    "Authentication",
    "Center",
    "Command",
    "Components",
    "Configuration",
    "Connector",
    "Console",
    "Container",
    "Dashboard",
    "Debugger",
    "Designer",
    "Editor",
    "Endpoint",
    "Explorer",
    "Form",
    "Forms",
    "Hub",
    "Libraries",
    "Library",
    "Manager",
    "Page",
    "Pages",
    "Panel",
    "Policy",
    "Portal",
    "Prompt",
    "Protocol",
    "Registry",
    "Remote",
    "Runtime",
    "Security",
    "Service",
    "Services",
    "Settings",
    "Storage",
    "Store",
    "Templates",
    "Tools",
    "Window",
    "Wizard",
];

/// Whether `w` is one of the plain nouns Microsoft's localized names
/// translate: no brand of its own.
pub(super) fn generic(w: &str) -> bool {
    GENERIC.contains(&w)
}

/// The words that join a compound's two halves once reordered.
const OF: &[&str] = &["de", "del", "do", "da", "di", "du", "des", "della", "dello"];

/// Whether `span` (the words from the name's first trace to its last) is
/// the name's tail, "of", then its head, every word as the source writes it.
pub(super) fn reordered(span: &[&str], name: &[String]) -> bool {
    if span.len() != name.len() + 1 {
        return false;
    }
    (1..name.len()).any(|k| {
        let (head, tail) = name.split_at(k);
        let of = span[tail.len()].to_lowercase();
        span[..tail.len()].iter().zip(tail).all(|(a, b)| a == b)
            && OF.contains(&of.as_str())
            && span[tail.len() + 1..].iter().zip(head).all(|(a, b)| a == b)
    })
}

/// Whether the translation keeps the name's first words as written, one
/// after the other, with the rest (plain nouns, `GENERIC`, not names of
/// their own, `own_name`) translated into a CJK or Hangul word right
/// after them. `traces`: where the name's words are in the translation, in
/// order.
pub(super) fn generic_translated(
    text: &str,
    traces: &[(usize, &str)],
    name: &[String],
    own_name: impl Fn(&str) -> bool,
) -> bool {
    if traces.is_empty() {
        return false;
    }
    let plain = |w: &str| GENERIC.contains(&w) && !own_name(w);
    // From any occurrence of the name's first word (the segment may hold
    // the brand elsewhere too): its first words in a row, the rest plain
    // nouns translated into the CJK or Hangul word right after them.
    let from = |i: usize| {
        let mut k = 0;
        while i + k < traces.len()
            && k < name.len()
            && traces[i + k].1 == name[k]
            && (k == 0
                || text[traces[i + k - 1].0 + traces[i + k - 1].1.len()..traces[i + k].0]
                    .trim()
                    .is_empty())
        {
            k += 1;
        }
        if k == 0 || k >= name.len() || !name[k..].iter().all(|w| plain(w)) {
            return false;
        }
        let (at, w) = traces[i + k - 1];
        let next = text[at + w.len()..].trim_start().chars().next();
        next.is_some_and(|c| no_space_script(c) || hangul(c))
    };
    let head = (0..traces.len()).any(from);
    // In Russian the brand goes last (`конфигурация приложений Azure` for
    // "Azure App Configuration"): the brand's words kept as written, the
    // plain ones translated.
    let missing: Vec<&String> = name
        .iter()
        .filter(|n| !traces.iter().any(|(_, w)| w == *n))
        .collect();
    let brand_kept = traces
        .iter()
        .all(|(_, w)| name.iter().any(|n| n == w && !plain(n)))
        && missing.iter().all(|n| plain(n));
    let cyrillic = text.chars().any(crate::text::is_cyrillic) && brand_kept;
    // In a Romance language the plain nouns come first, then "of" and the
    // brand (`autenticación de Windows` for "Windows Authentication").
    let of_brand = traces.first().is_some_and(|&(at, _)| {
        let before = text[..at].trim_end();
        let last = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        OF.contains(&last.as_str())
    });
    // (Some plain noun translated, and the brand's words in a row.)
    let in_a_row = traces
        .windows(2)
        .all(|p| text[p[0].0 + p[0].1.len()..p[1].0].trim().is_empty());
    let romance = of_brand && in_a_row && !missing.is_empty() && brand_kept;
    head || cyrillic || romance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn reordered_round_of() {
        let cli = name(".NET Core CLI");
        assert!(reordered(&["CLI", "de", ".NET", "Core"], &cli));
        assert!(reordered(
            &["Web", "Forms", "de", "ASP.NET"],
            &name("ASP.NET Web Forms")
        ));
        assert!(!reordered(&["CLI", "para", ".NET", "Core"], &cli));
        assert!(!reordered(&["cli", "de", ".NET", "Core"], &cli));
    }

    #[test]
    fn generic_words_translated() {
        let forms = name("ASP.NET Web Forms");
        let t = "ASP.NET Web フォームのアプリ";
        let none = |_: &str| false;
        assert!(generic_translated(
            t,
            &[(0, "ASP.NET"), (8, "Web")],
            &forms,
            none
        ));
        // The brand itself is gone, or Latin text follows: not the form.
        let hub = name("Docker Hub");
        assert!(generic_translated(
            "Docker 中心",
            &[(0, "Docker")],
            &hub,
            none
        ));
        assert!(!generic_translated(
            "Docker center",
            &[(0, "Docker")],
            &hub,
            none
        ));
        assert!(!generic_translated(
            "docker 中心",
            &[(0, "docker")],
            &hub,
            none
        ));
        // A brand of its own translated away (`Blazor` in `ASP.NET Blazor`).
        let blazor = name("ASP.NET Blazor");
        assert!(!generic_translated(
            "ASP.NET 超棒",
            &[(0, "ASP.NET")],
            &blazor,
            none
        ));
        let core = name("ASP.NET Core");
        // Romance: the plain nouns first, then "of" and the brand.
        let auth = name("Windows Authentication");
        assert!(generic_translated(
            "mediante la autenticación de Windows",
            &[(29, "Windows")],
            &auth,
            none
        ));
        assert!(!generic_translated(
            "mediante la autenticación con Windows",
            &[(30, "Windows")],
            &auth,
            none
        ));
        assert!(!generic_translated(
            "ASP.NET核心",
            &[(0, "ASP.NET")],
            &core,
            none
        ));
        let own = |w: &str| w == "Hub";
        assert!(!generic_translated(
            "Docker 中心",
            &[(0, "Docker")],
            &hub,
            own
        ));
    }
}
