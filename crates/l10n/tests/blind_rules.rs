//! The rules changed after the blind corpus (`tests/data/real/blind/`) was
//! measured: what it showed that the tuned rules did not know. Each defect
//! is from a real page (shortened); each careful counterpart is how a
//! translator writes it.

mod support;

use doccheck_l10n::{check, Config, Severity};
use support::{clean, findings, rules, show, sxs};

fn severity_of(tr: &str, src: &str, rule: &str) -> Severity {
    let f = findings(tr, src);
    f.iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} in {tr:?}:\n{}", show(&f)))
        .severity
}

#[test]
fn command_names_are_tokens_and_their_capitals_a_name() {
    // Re-cased: PowerShell reads it all the same, a warning.
    let src = "This topic describes the **Get-Proc** cmdlet.";
    assert_eq!(
        severity_of(
            "En este tema se describe el cmdlet **Get-proc**.",
            src,
            "product-name-altered"
        ),
        Severity::Warning
    );
    clean("En este tema se describe el cmdlet **Get-Proc**.", src);
    // A parameter or a title re-cased alike: no token translated.
    assert_eq!(
        rules(
            "Le paramètre **totalCount** renvoie les lignes.",
            "The **TotalCount** parameter gets the lines."
        ),
        ["product-name-altered"]
    );
}

#[test]
fn parameters_the_prose_names_and_values_it_quotes_from_the_code() {
    // "the **Recurse** parameter": a parameter, whatever the page's code.
    assert_eq!(
        severity_of(
            "このコマンドレットには **再帰** パラメーターはありません。",
            "This cmdlet does not have a **Recurse** parameter.",
            "technical-token-translated"
        ),
        Severity::Error
    );
    clean(
        "このコマンドレットには **Recurse** パラメーターはありません。",
        "This cmdlet does not have a **Recurse** parameter.",
    );
    // A name the prose quotes that the code passes.
    let code = "\n\n```powershell\nNew-Item -Path \"c:\\\" -Name \"logfiles\" -ItemType \"directory\"\n```\n";
    let page = |tr: &str| {
        format!(
            "{}\n{code}",
            sxs(
                "q-1",
                tr,
                "This command creates a directory named \"Logfiles\" in the `C:` drive."
            )
        )
    };
    let f = check(
        &page("このコマンドにより、 `C:` ドライブに \"ログログ\" という名前のディレクトリが作成されます。"),
        None,
        &Config::default(),
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "technical-token-translated" && f.severity == Severity::Error),
        "{}",
        show(&f)
    );
    let f = check(
        &page("このコマンドにより、 `C:` ドライブに \"Logfiles\" という名前のディレクトリが作成されます。"),
        None,
        &Config::default(),
    );
    assert!(f.is_empty(), "{}", show(&f));
}

#[test]
fn windows_paths_and_versions_with_a_v_are_run_as_written() {
    assert_eq!(
        severity_of(
            "この例では、\"C:\\ テスト\" ディレクトリに新しいディレクトリを作成します。",
            "This example creates a new directory in the \"C:\\PS-Test\" directory.",
            "technical-token-missing"
        ),
        Severity::Error
    );
    assert!(!findings(
        "PowerShell v1.0 より前のバージョンでは、完全修飾パスである必要があります。",
        "Prior to PowerShell v6.2, the target must be a fully-qualified path."
    )
    .is_empty());
    clean(
        "PowerShell v6.2 より前のバージョンでは、完全修飾パスである必要があります。",
        "Prior to PowerShell v6.2, the target must be a fully-qualified path.",
    );
}

#[test]
fn titles_are_no_names() {
    // A link titled after another page, a heading in Title Case.
    clean(
        "Para obtener más información, vea [creación del primer cmdlet](./first.md).",
        "For more information, see [Creating Your First Cmdlet](./first.md).",
    );
    clean(
        "有关位置堆栈的信息，请参阅 [注释](#notes)。",
        "For information about location stacks, see the [Notes](#notes).",
    );
    clean(
        "Un parámetro booleano solo controla valores booleanos.",
        "A Boolean parameter handles only Boolean settings.",
    );
}

#[test]
fn a_flag_glued_to_its_command_and_spans_run_together() {
    let mut r = rules(
        "**PS > Get-Proc; `get-member`-propiedad**",
        "**PS> Get-Proc ; `get-member` -membertype**",
    );
    r.sort();
    assert_eq!(r, ["code-span-glued", "technical-token-missing"]);
    // A German compound keeps its hyphen.
    clean("Verwenden Sie das `--tag`-Flag.", "Use the `--tag` flag.");
    assert_eq!(
        severity_of(
            "ワイルドカードを使用すると、 `New-Item` `temp.txt` 現在のディレクトリにファイルが作成されます。",
            "Using wildcards the `New-Item` cmdlet creates a `temp.txt` file in the current directory.",
            "code-span-moved"
        ),
        Severity::Warning
    );
}

#[test]
fn particles_and_frames_left_without_their_span() {
    let src = "To navigate, use this cmdlet and the `Get-ItemProperty` to get registry values.";
    assert_eq!(
        severity_of(
            "移動するには、このコマンドレットを使用し、を使用して `Get-ItemProperty` レジストリ値を取得します。",
            src,
            "code-span-moved"
        ),
        Severity::Error
    );
    clean(
        "移動するには、このコマンドレットと `Get-ItemProperty` を使用してレジストリ値を取得します。",
        src,
    );
    // Chinese: 在 … 中 left without what it frames.
    assert!(rules(
        "此示例将复制 `C:\\Logs` 的内容。在中创建新的目标目录 `\\Logs` `C:\\Drawings` 。",
        "This example copies the contents of `C:\\Logs`. The new directory, `\\Logs` is created in `C:\\Drawings`.",
    )
    .contains(&"code-span-moved"));
    // Russian: between a verb and a preposition, away from its noun.
    assert_eq!(
        severity_of(
            "В этом примере файл копируется `log.txt` в каталог.",
            "This example copies the `log.txt` file to the directory.",
            "code-span-moved"
        ),
        Severity::Warning
    );
}

#[test]
fn english_grammar_words_left_in_another_script() {
    assert_eq!(
        rules(
            "获取 New-psdrive use 命令中的当前位置。",
            "To get the current location in the PSDrive use the command."
        )
        .iter()
        .filter(|r| **r == "source-left-in-translation")
        .count(),
        1
    );
    // Inside a name kept whole: not English left.
    clean(
        "Docker for Windows を使用します。",
        "Use Docker for Windows.",
    );
}

#[test]
fn a_later_source_that_changed_only_spacing_is_not_stale() {
    let tr = "<span data-ttu-id=\"a-1\">Le paramètre **Container** vaut **True**, qui garde la structure.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">The **Container** parameter is set to **True** , which preserves the structure.</span></span>\n";
    let f = check(
        tr,
        Some("The **Container** parameter is set to **True**, which preserves\nthe structure.\n"),
        &Config::default(),
    );
    assert!(f.is_empty(), "{}", show(&f));
    let f = check(
        tr,
        Some("The **Container** parameter is set to **False**, which preserves the structure.\n"),
        &Config::default(),
    );
    assert!(
        f.iter().any(|f| f.rule == "translation-outdated"),
        "{}",
        show(&f)
    );
}
