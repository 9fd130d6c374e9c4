//! The rules changed after `blind34/` to `blind37/` (NuGet, Azure, ASP.NET
//! Core and EF Core, Microsoft Defender pages) were measured, and on the
//! misses of `blind30/` to `blind33/`: what they showed. Each case is from
//! a real page (shortened); each careful counterpart is how a translator
//! writes it.

mod support;

use doccheck_l10n::{check, Config, Severity};
use support::{clean, findings, rules, sxs};

fn errors(tr: &str, src: &str) -> Vec<&'static str> {
    findings(tr, src)
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect()
}

/// A page of one segment and a code block after it.
fn with_code(tr: &str, src: &str, lang: &str, code: &str) -> String {
    format!("{}\n\n```{lang}\n{code}\n```\n", sxs("w-1", tr, src))
}

/// The rules of a page's errors.
fn page_errors(page: &str) -> Vec<&'static str> {
    check(page, None, &Config::default())
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect()
}

#[test]
fn quotes_left_empty_when_their_switch_moved_out() {
    assert_eq!(
        errors(
            "Cuando se especifica este parámetro, &quot; &quot; &quot; &quot; también se deben especificar-a y-c.",
            "When this parameter is specified, &quot;-a&quot; and &quot;-c&quot; must also be specified.",
        ),
        ["technical-token-translated"]
    );
    clean(
        "Cuando se especifica este parámetro, también se deben especificar &quot;-a&quot; y &quot;-c&quot;.",
        "When this parameter is specified, &quot;-a&quot; and &quot;-c&quot; must also be specified.",
    );
}

#[test]
fn the_translation_tools_placeholder_for_a_cross_reference() {
    assert!(errors(
        "由于 @no__t 0 和 @no__t 1 类实现了 IDisposable 接口。",
        "Because the <xref:System.IO.TextWriter> and <xref:System.IO.TextReader> classes implement the IDisposable interface.",
    )
    .contains(&"technical-token-translated"));
}

#[test]
fn a_type_name_spaced_out_in_a_reference_link() {
    assert_eq!(
        errors(
            "Los cmdlets llaman al método [System. Management. Automation. cmdlet. WriteError][].",
            "Cmdlets call the [System.Management.Automation.Cmdlet.WriteError][] method.",
        ),
        ["technical-token-translated"]
    );
    clean(
        "Los cmdlets llaman al método [System.Management.Automation.Cmdlet.WriteError][].",
        "Cmdlets call the [System.Management.Automation.Cmdlet.WriteError][] method.",
    );
}

#[test]
fn a_cmdlet_in_a_heading_in_capitals() {
    let heading = |tr: &str| {
        let page = format!(
            "#### <a name=\"step-2-start-job\"></a>{}\n\n```powershell\n$job = Start-Job -ScriptBlock {{ Get-Date }}\n```\n",
            sxs("w-1", tr, "STEP 2: START-JOB")
        );
        check(&page, None, &Config::default())
    };
    let f = heading("2 단계: 작업 시작");
    assert!(
        f.iter().any(|f| f.rule == "technical-token-missing"),
        "{f:#?}"
    );
    assert!(!heading("2 단계: START-JOB")
        .iter()
        .any(|f| f.rule.starts_with("technical-token")));
}

#[test]
fn a_program_the_code_runs_translated_in_the_prose() {
    let page = with_code(
        "Ssh 에이전트를 사용하여 키를 등록합니다.",
        "Register the key with ssh-agent.",
        "powershell",
        "net start ssh-agent\nssh-add id_rsa",
    );
    assert!(page_errors(&page).contains(&"technical-token-translated"));
    let kept = page.replace("Ssh 에이전트를", "ssh-agent를");
    assert!(check(&kept, None, &Config::default()).is_empty());
}

/// A table of names: the first column's `Id` and `Repository/Type`
/// translated, the rest kept.
fn table(id: &str, repo_type: &str) -> String {
    let row = |n: usize, cells: &[(&str, &str)]| {
        let cells: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(k, (t, s))| sxs(&format!("t-{n}{k}"), t, s))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut page = row(0, &[("Значение", "Value"), ("Свойство", "Property")]);
    page += "|---|---|\n";
    page += &row(1, &[(id, "Id"), ("PackageId", "PackageId")]);
    page += &row(
        2,
        &[
            ("VersionPrefix", "VersionPrefix"),
            ("PackageVersionPrefix", "PackageVersionPrefix"),
        ],
    );
    page += &row(3, &[("Authors", "Authors"), ("Authors", "Authors")]);
    page += &row(4, &[("Copyright", "Copyright"), ("Copyright", "Copyright")]);
    page += &row(
        5,
        &[
            (repo_type, "Repository/Type"),
            ("RepositoryType", "RepositoryType"),
        ],
    );
    page
}

#[test]
fn a_column_of_names_translated_in_a_table() {
    let f = check(
        &table("Идентификатор", "/ Тип репозитория"),
        None,
        &Config::default(),
    );
    let at: Vec<&str> = f
        .iter()
        .filter(|f| f.rule == "technical-token-translated")
        .filter_map(|f| f.segment.as_deref())
        .collect();
    assert_eq!(at, ["t-10", "t-50"], "{f:#?}");
    assert!(check(&table("Id", "Repository/Type"), None, &Config::default()).is_empty());
}

#[test]
fn bold_that_took_the_sentences_end_or_left_its_path() {
    assert_eq!(
        rules(
            "옵션을 사용으로 **설정합니다.**",
            "Set the option to **Enabled**."
        ),
        ["emphasis-moved"]
    );
    assert_eq!(
        rules(
            "관리 템플릿 **을 선택합니다**",
            "Select **Administrative Templates**"
        ),
        ["emphasis-moved"]
    );
    assert_eq!(
        rules(
            "**Административные шаблоны > компоненты Windows >** сбор данных",
            "**Administrative Templates > Windows Components > Data Collection**"
        ),
        ["emphasis-moved"]
    );
    clean(
        "옵션을 **사용**으로 설정합니다.",
        "Set the option to **Enabled**.",
    );
    clean(
        "**Административные шаблоны > компоненты Windows > сбор данных**",
        "**Administrative Templates > Windows Components > Data Collection**",
    );
}

#[test]
fn microsofts_localized_antivirus_and_security() {
    clean(
        "Microsoft Defender 防病毒 在 Windows 安全中心 中运行。",
        "Microsoft Defender Antivirus runs in Windows Security.",
    );
}

#[test]
fn a_link_on_the_wrong_side_of_see() {
    assert_eq!(
        rules(
            "詳細については、参照してください[NuGet CLI](cli.md)です。",
            "For details, see [NuGet CLI](cli.md)."
        ),
        ["link-moved"]
    );
    // (The name split round "API de" is reported too.)
    assert!(rules(
        "Para más información, [vea Windows Defender API de WMIv2](wmi.md).",
        "For more information, see [Windows Defender WMIv2 APIs](wmi.md)."
    )
    .contains(&"link-text-grew"));
    clean(
        "詳細については、[NuGet CLI](cli.md)を参照してください。",
        "For details, see [NuGet CLI](cli.md).",
    );
    clean(
        "Para más información, vea [Windows Defender WMIv2 APIs](wmi.md).",
        "For more information, see [Windows Defender WMIv2 APIs](wmi.md).",
    );
}

#[test]
fn a_package_name_the_code_uses_gone_is_an_error() {
    let page = |tr: &str| {
        with_code(
            tr,
            "Add the Microsoft.Quantum.Numerics package to your project.",
            "bash",
            "dotnet add package Microsoft.Quantum.Numerics",
        )
    };
    assert!(
        page_errors(&page("将 Microsoft 量子包添加到项目。")).contains(&"technical-token-missing")
    );
    assert!(check(
        &page("将 Microsoft.Quantum.Numerics 包添加到项目。"),
        None,
        &Config::default()
    )
    .is_empty());
}

#[test]
fn the_uis_tools_microsoft_localizes_after_their_brand() {
    clean(
        "Запустите командную строку Visual Studio.",
        "Open the Visual Studio Command Prompt.",
    );
    clean(
        "Exchange 管理センターで設定します。",
        "Set it in the Exchange Admin Center.",
    );
}

#[test]
fn a_command_line_heading_and_a_placeholder_after_its_command() {
    let page = |heading: &str, step: &str| {
        format!(
            "## {}\n\n{}\n\n```bash\ndotnet ef database drop\n```\n",
            sxs("w-1", heading, "dotnet ef database drop"),
            sxs(
                "w-2",
                step,
                "At the command line, type `vbc.exe` *sourceFileName* and press ENTER."
            )
        )
    };
    let f = check(
        &page(
            "dotnet ef 데이터베이스 삭제",
            "В командной строке введите `vbc.exe` *Имя_файла_исходного_кода* и нажмите ENTER.",
        ),
        None,
        &Config::default(),
    );
    let errors: Vec<&str> = f
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| f.segment.as_deref())
        .collect();
    assert_eq!(errors, ["w-1", "w-2"], "{f:#?}");
    let kept = check(
        &page(
            "dotnet ef database drop",
            "В командной строке введите `vbc.exe` *sourceFileName* и нажмите ENTER.",
        ),
        None,
        &Config::default(),
    );
    assert!(
        kept.iter().all(|f| f.severity != Severity::Error),
        "{kept:#?}"
    );
}

#[test]
fn parentheses_emptied_of_a_sign() {
    assert!(errors(
        "해석된 Asterisk( ) \\* 방식으로",
        "The asterisk (\\*) is interpreted as"
    )
    .contains(&"technical-token-translated"));
    // Words lost from parentheses are the prose's, not a token's.
    clean(
        "Dapr 是以 [Golang](https://golang.org/) () 语言编写的。",
        "Dapr is written in the [Golang](https://golang.org/) (Go) language.",
    );
}

#[test]
fn a_span_right_after_the_japanese_verb_it_is_the_object_of() {
    assert_eq!(
        rules(
            "Nginx 構成が確立されると、実行`sudo nginx -t`構成ファイルの構文を確認します。",
            "Once the Nginx configuration is established, run `sudo nginx -t` to verify the syntax of the configuration files."
        ),
        ["code-span-moved"]
    );
    clean(
        "Nginx 構成が確立されたら、`sudo nginx -t` を実行して構成ファイルの構文を確認します。",
        "Once the Nginx configuration is established, run `sudo nginx -t` to verify the syntax of the configuration files.",
    );
}

#[test]
fn a_relative_path_a_switch_and_a_placeholder_explained_with_where() {
    assert!(errors(
        "определенные в файле **./СРК/функтионс/функтионс.ЖС** .",
        "defined within the **./src/functions/functions.js** file."
    )
    .contains(&"technical-token-missing"));
    assert!(errors(
        "指定引用的程序集的位置[/引用](reference.md)选项。",
        "Specifies the location of assemblies referenced by the [/reference](reference.md) option."
    )
    .iter()
    .any(|r| r.starts_with("technical-token")));
    assert!(errors(
        "*テナント*はテナント名と同じです。",
        "Where *tenant* equals your tenant name."
    )
    .contains(&"technical-token-translated"));
    clean(
        "*tenant* はテナント名と同じです。",
        "Where *tenant* equals your tenant name.",
    );
    // A switch only re-cased is a name re-cased, not a token translated.
    assert_eq!(
        rules("Use el modificador /FD.", "Use the /fd switch."),
        ["product-name-altered"]
    );
}

#[test]
fn an_acronym_in_lower_case() {
    assert_eq!(
        rules(
            "Los scripts usan la api asincrónica de Excel.",
            "Scripts use the asynchronous API of Excel."
        ),
        ["product-name-altered"]
    );
    clean(
        "Los scripts usan la API asincrónica de Excel.",
        "Scripts use the asynchronous API of Excel.",
    );
}

#[test]
fn bold_dropped_or_grown_over_other_words() {
    assert_eq!(
        rules(
            "请按照在目录级别创建设置中的步骤操作。",
            "Follow the steps in **Create settings at the directory level**."
        ),
        ["emphasis-moved"]
    );
    assert_eq!(
        rules(
            "**ScanType の値は次**のとおりです。",
            "The values of **ScanType** are as follows."
        ),
        ["emphasis-moved"]
    );
    clean(
        "请按照**在目录级别创建设置**中的步骤操作。",
        "Follow the steps in **Create settings at the directory level**.",
    );
    clean(
        "**ScanType** の値は次のとおりです。",
        "The values of **ScanType** are as follows.",
    );
}

#[test]
fn a_placeholder_after_a_switch_in_bold_or_with_escaped_underscores() {
    assert!(errors(
        "Используйте **/b** *имя файла* для записи.",
        "Use **/b** *Filename* to write it."
    )
    .contains(&"technical-token-translated"));
    let page = with_code(
        "Especifique _el \\_ \\_ nombre del servidor de origen_ para la instancia.",
        "Specify _source\\_server\\_name_ for the default instance.",
        "console",
        "tablediff -sourceserver source_server_name",
    );
    assert!(page_errors(&page).contains(&"technical-token-translated"));
    clean(
        "Используйте **/b** *Filename* для записи.",
        "Use **/b** *Filename* to write it.",
    );
}

#[test]
fn a_ui_label_in_bold_after_the_korean_or_japanese_verb_that_acts_on_it() {
    assert_eq!(
        rules(
            "다음을 클릭 **배포 센터**합니다.",
            "Next, click **Deployment Center**."
        ),
        ["emphasis-moved"]
    );
    assert_eq!(
        rules(
            "次に、クリックして**展開センター**します。",
            "Next, click **Deployment Center**."
        ),
        ["emphasis-moved"]
    );
    clean(
        "다음으로 **배포 센터**를 클릭합니다.",
        "Next, click **Deployment Center**.",
    );
    // A connective form leads on to the next clause's object.
    clean(
        "**다음**을 클릭하여 **프로젝트 구성** 대화 상자를 계속 진행합니다.",
        "Click **Next** to continue the **Configure your new project** dialog.",
    );
}

#[test]
fn a_placeholder_in_snake_case_and_a_prefixed_identifier() {
    assert!(errors(
        "Especifique _el \\_ \\_ nombre del servidor de origen_ para la instancia.",
        "Specify _source\\_server\\_name_ for the default instance."
    )
    .contains(&"technical-token-translated"));
    assert!(errors(
        "Назначьте план **litwareinc: ENTERPRISEPACK** пользователю.",
        "Assign the **litwareinc:ENTERPRISEPACK** plan to the user."
    )
    .contains(&"technical-token-translated"));
    clean(
        "Especifique _source\\_server\\_name_ para la instancia.",
        "Specify _source\\_server\\_name_ for the default instance.",
    );
}
