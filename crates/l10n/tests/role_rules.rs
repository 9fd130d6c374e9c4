//! The rules added for real machine translation in every script: code spans
//! by their role in the sentence, names of the page's code, link texts that
//! name their target, English words left, stray text outside the markup,
//! stale copies. Each defect comes from a real page of `tests/data/real/`
//! (shortened), each careful counterpart is how a translator writes it.

mod support;

use doccheck_l10n::{check, Config, Severity};
use support::{clean, findings, moved, rules, show, sxs};

#[test]
fn spans_joined_by_a_conjunction() {
    let src = "Describes chaining pipelines with the `&&` and `||` operators in PowerShell.";
    // Run together: the conjunction lost.
    assert_eq!(
        moved(
            "Описывает цепочки конвейеров с помощью `&&` `||` операторов и в PowerShell.",
            src
        ),
        Severity::Error
    );
    assert_eq!(moved("PowerShell の and 演算子を使用したパイプラインのチェーンについて説明し `&&` `||` ます。", src), Severity::Error);
    // Pulled apart: another clause or several words between them.
    let src2 = "Unlike other operators, `&&` and `||` operate on pipelines.";
    assert_eq!(
        moved(
            "В отличие от других операторов `&&` и для обработки `||` конвейеров.",
            src2
        ),
        Severity::Warning
    );
    assert_eq!(
        moved(
            "介绍如何 `&&` 在 PowerShell 中将管道与 and `||` 运算符链接。",
            src
        ),
        Severity::Warning
    );
    clean(
        "Décrit le chaînage des pipelines avec les opérateurs `&&` et `||` dans PowerShell.",
        src,
    );
    clean(
        "Beschreibt das Verketten von Pipelines mit den Operatoren `&&` und `||` in PowerShell.",
        src,
    );
    clean("PowerShell の `&&` 演算子と `||` 演算子を使用したパイプラインのチェーンについて説明します。", src);
    clean(
        "介绍如何在 PowerShell 中使用 `&&` 和 `||` 运算符链接管道。",
        src,
    );
    clean(
        "Описывает объединение конвейеров в цепочки с помощью операторов `&&` и `||` в PowerShell.",
        src,
    );
}

#[test]
fn japanese_verbs_endings_and_particles() {
    let var = "Pipeline success is defined by the value of the `$?` variable.";
    assert_eq!(
        moved(
            "パイプラインの成功は、変数の値によって定義され `$?` ます。",
            var
        ),
        Severity::Error
    );
    clean(
        "パイプラインの成功は、`$?` 変数の値によって定義されます。",
        var,
    );
    let end = "These commands effectively suppress output of the `Write-Host` cmdlet.";
    assert_eq!(
        moved(
            "これらのコマンドは、コマンドレットの出力を効果的に抑制 `Write-Host` します。",
            end
        ),
        Severity::Error
    );
    clean(
        "これらのコマンドは、`Write-Host` コマンドレットの出力を効果的に抑制します。",
        end,
    );
    let note = "Note that `Write-Output 'All done!'` is not executed.";
    assert_eq!(
        moved("は `Write-Output 'All done!'` 実行されません。", note),
        Severity::Error
    );
    clean("`Write-Output 'All done!'` は実行されません。", note);
    let par = "To use lower precedence syntax, consider the use of parentheses `(...)`.";
    assert_eq!(
        moved(
            "優先順位の低い構文を使用するには、かっこを使用することを検討してください `(...)` 。",
            par
        ),
        Severity::Error
    );
    clean(
        "優先順位の低い構文を使用するには、かっこ `(...)` の使用を検討してください。",
        par,
    );
}

#[test]
fn korean_verbs_and_particles() {
    let src = "When the Enter key is pressed, the value is stored in the `$Age` variable.";
    assert_eq!(
        moved(
            "값을 입력 하 고 Enter 키를 누르면 값이 변수에 저장 됩니다 `$Age` .",
            src
        ),
        Severity::Error
    );
    clean(
        "값을 입력하고 Enter 키를 누르면 값이 `$Age` 변수에 저장됩니다.",
        src,
    );
    let split = "You can specify the color of text by using the `ForegroundColor` parameter, and you can specify the background color.";
    assert_eq!(moved("매개 변수를 사용 하 여 텍스트 색을 지정 하 `ForegroundColor` 고, 배경색을 지정할 수 있습니다.", split), Severity::Error);
    let noun = "When you use this parameter, the output of the `Read-Host` cmdlet is a string.";
    assert_eq!(
        moved(
            "이 매개 변수를 사용 하는 경우 cmdlet의 출력은 `Read-Host` 문자열입니다.",
            noun
        ),
        Severity::Warning
    );
    clean(
        "이 매개 변수를 사용하는 경우 `Read-Host` cmdlet의 출력은 문자열입니다.",
        noun,
    );
    let particle = "If the parameter is used, `Read-Host` returns a string.";
    assert_eq!(
        moved(
            "매개 변수를 사용 하는 경우은 `Read-Host` 문자열을 반환 합니다.",
            particle
        ),
        Severity::Warning
    );
    clean(
        "매개 변수를 사용하는 경우 `Read-Host`는 문자열을 반환합니다.",
        particle,
    );
}

#[test]
fn chinese_clause_ends_and_de_phrases() {
    let src =
        "Pipeline success is defined by the value of the `$?` variable, which PowerShell sets.";
    assert_eq!(
        moved(
            "管道成功由变量的值定义 `$?` ，PowerShell 会设置该变量。",
            src
        ),
        Severity::Warning
    );
    clean(
        "管道成功由 `$?` 变量的值定义，PowerShell 会设置该变量。",
        src,
    );
    let of = "the pipeline chain continues, respecting the value of `$?`:";
    assert_eq!(
        moved("管道链将继续，并遵从的值 `$?` ：", of),
        Severity::Warning
    );
    clean("管道链将继续，并遵从 `$?` 的值：", of);
}

#[test]
fn empty_parentheses_are_certain() {
    let src = "Indicates that the cmdlet displays asterisks (`*`) in place of the characters.";
    assert_eq!(
        moved(
            "Cmdlet이 `*` 문자 대신 별표 ()를 표시 함을 나타냅니다.",
            src
        ),
        Severity::Error
    );
    clean("cmdlet이 문자 대신 별표(`*`)를 표시함을 나타냅니다.", src);
}

#[test]
fn names_of_the_code_and_link_targets() {
    let code = "\n\n```yaml\nAccepted values: Black, DarkBlue\n```\n\n```\nWrite-Host [-Separator <Object>]\n```\n";
    let page = |id: &str, tr: &str, src: &str| format!("{}\n{code}", sxs(id, tr, src));
    let f = check(
        &page("c-1", "даркблуе", "DarkBlue"),
        None,
        &Config::default(),
    );
    assert_eq!(rules_of(&f), ["technical-token-translated"], "{}", show(&f));
    assert_eq!(f[0].severity, Severity::Error);
    let f = check(
        &page(
            "c-2",
            "**구분 기호** 매개 변수를 사용합니다.",
            "The **Separator** parameter is used.",
        ),
        None,
        &Config::default(),
    );
    assert_eq!(rules_of(&f), ["technical-token-translated"], "{}", show(&f));
    for ok in [
        ("c-3", "DarkBlue", "DarkBlue"),
        (
            "c-4",
            "**Separator** 매개 변수를 사용합니다.",
            "The **Separator** parameter is used.",
        ),
    ] {
        let f = check(&page(ok.0, ok.1, ok.2), None, &Config::default());
        assert!(f.is_empty(), "{}", show(&f));
    }
    // A link whose text is the name of its target: a command's page.
    let f = findings(
        "[읽기 호스트](Read-Host.md)와 함께 사용합니다.",
        "Use it with [Read-Host](Read-Host.md).",
    );
    assert_eq!(rules_of(&f), ["technical-token-translated"], "{}", show(&f));
    clean(
        "[Read-Host](Read-Host.md)와 함께 사용합니다.",
        "Use it with [Read-Host](Read-Host.md).",
    );
    // A page's title is a title, not a name.
    clean(
        "Consultez la [vue d’ensemble](overview.md).",
        "See the [Overview](overview.md).",
    );
}

fn rules_of(f: &[doccheck_l10n::Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.rule).collect()
}

#[test]
fn english_left_in_any_script() {
    assert_eq!(
        rules(
            "パイプラインチェーン全体を backgrounded、変数に代入することができます。",
            "entire pipeline chains can be backgrounded, assigned to variables."
        ),
        ["source-left-in-translation"]
    );
    assert_eq!(rules("and", "and"), ["segment-untranslated"]);
    clean("и", "and");
    // A noun kept on purpose is not English left.
    clean(
        "这与其他 shell 的行为匹配。",
        "This matches the behavior of other shells.",
    );
}

#[test]
fn punctuation_glue_in_other_scripts() {
    assert_eq!(
        rules(
            "в соответствии со значением `$?` :",
            "respecting the value of `$?`:"
        ),
        ["dangling-punctuation"]
    );
    clean("Valeur de `$?` :", "Value of `$?`:");
    assert_eq!(
        rules(
            "`$InformationPreference`기본 설정 변수는 영향을 주지 않습니다.",
            "The `$InformationPreference` preference variable does not affect it."
        ),
        ["code-span-glued"]
    );
    clean(
        "`$InformationPreference` 기본 설정 변수는 영향을 주지 않습니다.",
        "The `$InformationPreference` preference variable does not affect it.",
    );
}

#[test]
fn stray_text_outside_the_markup() {
    let t = format!(
        "このコマンドは、2 ~ 12 の偶数を表示します。 {}\n",
        sxs(
            "s-124",
            "**Separator** パラメーターを使用します。",
            "The **Separator** parameter is used."
        )
    );
    let f = check(&t, None, &Config::default());
    assert_eq!(rules_of(&f), ["segment-malformed"], "{}", show(&f));
    assert_eq!((f[0].line, f[0].column), (1, 1));
}

#[test]
fn stale_copy_reported_once_with_its_code_folded() {
    let copy = format!(
        "# <a name=\"run\"></a>{}\n\n{}\n\n```console\nrun 6>$null\n```\n",
        sxs("s-1", "Exécuter", "Run"),
        sxs(
            "s-2",
            "Lisez une ligne de la console.",
            "Reads a line of input from the console."
        )
    );
    let newer = "# Run\n\nReads a line of input from the console (stdin).\n\n```console\nrun 6> $null\n```\n";
    let f = check(&copy, Some(newer), &Config::default());
    assert_eq!(rules_of(&f), ["translation-outdated"], "{}", show(&f));
    assert!(
        f[0].message
            .contains("1 segment(s) carry English that the source no longer has (s-2")
            && f[0].message.contains("code-block-changed at line 5"),
        "{}",
        f[0].message
    );
    // The same copy against the source it was made from: nothing.
    let same = "# Run\n\nReads a line of input from the console.\n\n```console\nrun 6>$null\n```\n";
    assert!(check(&copy, Some(same), &Config::default()).is_empty());
}

#[test]
fn pages_without_anchors_miss_none() {
    let h = |id: &str, tr: &str, en: &str| format!("## {}\n\nTexte.\n\n", sxs(id, tr, en));
    let page = [
        h("h-1", "개요", "SYNOPSIS"),
        h("h-2", "설명", "DESCRIPTION"),
        h("h-3", "예제", "EXAMPLES"),
    ]
    .concat();
    let f = check(&page, None, &Config::default());
    assert!(f.is_empty(), "{}", show(&f));
}
