//! `product-name-altered`: "Core" of a product's name translated by its
//! meaning or transliterated after the kept brand (`.NET 核心`, `EF 핵심`,
//! `Windows IoT 코어`), as machine translation writes it in Chinese,
//! Japanese and Korean; Microsoft's own localized edition name (`IoT
//! 核心版`) is not.

use super::side::{Raw, Side};

/// What machine translation writes for "Core".
const CORE: &[&str] = &["核心", "핵심", "코어", "コア"];

pub(super) fn core_word(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    // The source's names ending with "Core" after a Latin word.
    let brands: Vec<&str> = s
        .words
        .windows(2)
        .filter(|p| p[1].1 == "Core" && p[0].1.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|p| p[0].1)
        .collect();
    if brands.is_empty() || t.text.contains("Core") {
        return;
    }
    for brand in brands {
        for (i, _) in t.text.match_indices(brand) {
            let rest = t.text[i + brand.len()..].trim_start();
            let Some(core) = CORE.iter().find(|c| rest.starts_with(**c)) else {
                continue;
            };
            if rest[core.len()..].starts_with('版') {
                continue;
            }
            out.push((
                "product-name-altered",
                i,
                format!(
                    "\"{brand} {core}\" stands for the product name \"{brand} Core\", its \"Core\" translated; a name is kept as the source writes it; suggested fix: \"{brand} Core\""
                ),
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    fn found(tr: &str, src: &str) -> usize {
        run_rule(core_word, tr, src).len()
    }

    #[test]
    fn core_translated_after_its_brand() {
        assert_eq!(
            found("EF 핵심.NET 명령줄 도구", "EF Core .NET command-line tools"),
            1
        );
        assert_eq!(
            found(".NET 核心 Windows 窗体", ".NET Core Windows Forms"),
            1
        );
        assert_eq!(
            found("Windows IoT 코어 장치", "Windows IoT Core devices"),
            1
        );
        // Microsoft's edition name, and the name kept.
        assert_eq!(found("Windows 10 IoT 核心版", "Windows 10 IoT Core"), 0);
        assert_eq!(found("EF Core 도구", "EF Core tools"), 0);
    }
}
