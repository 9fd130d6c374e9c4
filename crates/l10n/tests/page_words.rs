//! Rules that read the whole page before judging a segment: a syntax's
//! placeholders named in italics by the prose, and an English word that the
//! page translates in one segment and forgets in another. Each case is from
//! a real page (shortened).

mod support;

use doccheck_l10n::{check, Config, Finding};
use support::sxs;

fn page(segments: &[(&str, &str)], code: &str) -> Vec<Finding> {
    let mut text = String::new();
    for (i, (tr, src)) in segments.iter().enumerate() {
        text.push_str(&sxs(&format!("p-{}", 100 + i), tr, src));
        text.push_str("\n\n");
    }
    text.push_str(code);
    check(&text, None, &Config::default())
}

fn said(f: &[Finding], rule: &str) -> Vec<String> {
    f.iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.clone())
        .collect()
}

const MODULE_SYNTAX: &str =
    "```fsharp\nmodule [accessibility-modifier] [qualified-namespace.]module-name\n```\n";

#[test]
fn a_syntax_placeholder_translated_is_an_error() {
    let f = page(
        &[(
            "*접근성 한정자* 다음 중 하나일 수 있습니다: `public`, `private`, `internal`.",
            "The *accessibility-modifier* can be one of the following: `public`, `private`, `internal`.",
        )],
        MODULE_SYNTAX,
    );
    let m = said(&f, "technical-token-translated");
    assert_eq!(m.len(), 1, "{f:#?}");
    assert!(m[0].contains("accessibility-modifier"), "{m:?}");
    assert!(
        f.iter()
            .any(|f| f.severity == doccheck_l10n::Severity::Error),
        "{f:#?}"
    );
}

#[test]
fn a_segment_that_is_all_syntax_keeps_its_words() {
    let f = page(&[("*启动*...", "*start* ..")], "");
    assert_eq!(said(&f, "technical-token-translated").len(), 1, "{f:#?}");
    let f = page(&[("**-d** _имя_базы данных_", "**-d** _db_name_")], "");
    assert_eq!(said(&f, "technical-token-translated").len(), 1, "{f:#?}");
    let f = page(&[("*start* ..", "*start* ..")], "");
    assert!(said(&f, "technical-token-translated").is_empty(), "{f:#?}");
}

#[test]
fn italics_that_are_no_placeholder_may_be_translated() {
    // A capitalized label, and an ordinary word of the code that the prose
    // does not call the syntax's.
    let f = page(
        &[
            ("*复原。*", "*Resiliency.*"),
            ("请设置*策略*。", "Set the *policy*."),
        ],
        "```csharp\nvar policy = Policy.Handle();\n```\n",
    );
    assert!(said(&f, "technical-token-translated").is_empty(), "{f:#?}");
    // The placeholder kept: nothing to say.
    let f = page(
        &[(
            "*accessibility-modifier* 다음 중 하나일 수 있습니다.",
            "The *accessibility-modifier* can be one of the following.",
        )],
        MODULE_SYNTAX,
    );
    assert!(said(&f, "technical-token-translated").is_empty(), "{f:#?}");
}

#[test]
fn an_english_word_the_page_translates_elsewhere_is_forgotten_where_kept() {
    let f = page(
        &[
            (
                "모놀리식 애플리케이션은 배포하기 어렵습니다.",
                "A monolith is hard to deploy.",
            ),
            (
                "컨테이너 화 된 apps를 배포 합니다.",
                "You deploy containerized apps.",
            ),
            ("이러한 앱은 확장됩니다.", "These apps scale."),
        ],
        "",
    );
    let m = said(&f, "source-left-in-translation");
    assert_eq!(m.len(), 1, "{f:#?}");
    assert!(m[0].contains("\"apps\""), "{m:?}");
}

#[test]
fn an_english_word_kept_throughout_or_held_by_a_name_is_kept_on_purpose() {
    let f = page(
        &[
            ("bash 셸에서 실행합니다.", "Run it in a bash shell."),
            ("bash 스크립트를 작성합니다.", "Write a bash script."),
            (
                "[Azure portal](https://portal.azure.com)을 사용합니다.",
                "Use the [Azure portal](https://portal.azure.com).",
            ),
            ("포털에서 만듭니다.", "Create it in the portal."),
        ],
        "",
    );
    assert!(said(&f, "source-left-in-translation").is_empty(), "{f:#?}");
}
