//! The rules changed after `blind22/` to `blind25/` (WCF pages of the .NET
//! Framework docs, SQL Server's, Win32, Azure PowerShell, Edge and UWP
//! pages) were measured: what they showed. Each case is from a real page (shortened); each careful
//! counterpart is how a translator writes it.

mod support;

use doccheck_l10n::{check, Config};
use support::{clean, rules, sxs};

#[test]
fn a_korean_word_glued_to_a_flag_in_bold() {
    assert_eq!(
        rules(
            "**-E**, **-U**및 **-P** 옵션을 사용합니다.",
            "Use the **-E**, **-U**, and **-P** options.",
        ),
        ["emphasis-glued"]
    );
    // A particle or a verb's ending goes on.
    clean(
        "**-U**를 사용하여 로그인 ID를 지정합니다.",
        "Use **-U** to specify the login ID.",
    );
}

#[test]
fn a_switch_in_bold_written_with_other_capitals() {
    assert_eq!(
        rules(
            "Используйте параметр **AppID**.",
            "Use the **appid** parameter."
        ),
        ["product-name-altered"]
    );
}

/// A page of segments, checked against the English they carry.
fn page(segments: &[(&str, &str)]) -> Vec<doccheck_l10n::Finding> {
    let text: String = segments
        .iter()
        .enumerate()
        .map(|(i, (tr, src))| format!("{}\n\n", sxs(&format!("w-{}", 100 + i), tr, src)))
        .collect();
    check(&text, None, &Config::default())
}

#[test]
fn microsofts_localized_names_with_their_brand_kept() {
    let f = page(&[
        (
            "Windows 인증을 사용하여 연결합니다.",
            "Connect by using Windows Authentication.",
        ),
        (
            "Windows 인증은 기본값입니다.",
            "Windows Authentication is the default.",
        ),
        (
            "**-E** 옵션은 Windows 인증을 사용합니다.",
            "The **-E** option uses Windows Authentication.",
        ),
    ]);
    assert!(f.is_empty(), "{f:#?}");
    let f = page(&[
        (
            "**WCF サービス ライブラリ** テンプレートを選択します。",
            "Select the **WCF Service Library** template.",
        ),
        (
            "WCF サービス ライブラリ プロジェクトが作成されます。",
            "Visual Studio creates the WCF Service Library project.",
        ),
    ]);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn a_link_moved_after_its_sentences_stop() {
    assert_eq!(
        rules(
            "개요는 참조 하세요. [자습서: 시작](getting-started-tutorial.md)합니다.",
            "For an overview, see [Tutorial: Get started](getting-started-tutorial.md).",
        ),
        ["link-moved"]
    );
    // An abbreviation's point is no sentence's end.
    assert!(!rules(
        "Дополнительные сведения см. [в разделе Настройка](config.md).",
        "For more information, see [Configuration](config.md).",
    )
    .contains(&"link-moved"));
    // Nor is a link the source itself sets after a stop.
    assert!(!rules(
        "詳細については、次を参照してください。[一覧](lists.md)",
        "For more information, see the following. [Lists](lists.md)",
    )
    .contains(&"link-moved"));
}

#[test]
fn a_pages_title_in_a_link_is_no_name() {
    // One or two capitalized words linked to a page of the same docs are
    // that page's title, which the translation translates.
    clean(
        "자세한 내용은 [액세스 제어](access-control.md)를 참조하세요.",
        "For more information, see [Access Control](access-control.md).",
    );
    assert!(!rules(
        "Дополнительные сведения см. [в разделе Настройка](config.md).",
        "For more information, see [Configuration](config.md).",
    )
    .contains(&"product-name-altered"));
    // A brand linked to its own site stays one.
    assert_eq!(
        rules(
            "자세한 내용은 [대퍼](https://dapr.io)를 참조하세요.",
            "For more information, see [Dapr](https://dapr.io).",
        ),
        ["product-name-altered"]
    );
}

#[test]
fn an_alias_in_bold_written_in_capitals() {
    assert_eq!(
        rules(
            "El alias de shell de UNIX es **LS**.",
            "The UNIX shell alias is **ls**.",
        ),
        ["product-name-altered"]
    );
    clean(
        "El alias de shell de UNIX es **ls**.",
        "The UNIX shell alias is **ls**.",
    );
}

#[test]
fn a_space_before_the_stop_after_an_include() {
    assert_eq!(
        rules(
            "Принимает идентификатор [!INCLUDE[ssNoVersion](../includes/ssnoversion-md.md)] .",
            "Takes a [!INCLUDE[ssNoVersion](../includes/ssnoversion-md.md)] identifier.",
        ),
        ["dangling-punctuation"]
    );
}

#[test]
fn see_also_is_no_name() {
    let f = page(&[
        ("関連項目", "See Also"),
        ("SQL Server PowerShell", "SQL Server PowerShell"),
        ("参照", "See Also"),
    ]);
    assert!(f.iter().all(|f| f.rule != "product-name-altered"), "{f:#?}");
}

#[test]
fn a_command_line_in_bold_translated() {
    assert_eq!(
        rules(
            "**Paquete de MakeAppx/d** *input\\_directorypath* **/p** _filepath_**.appx**",
            "**MakeAppx pack /d** *input\\_directorypath* **/p** _filepath_**.appx**",
        ),
        ["technical-token-translated"]
    );
    clean(
        "Ejecute **MakeAppx pack /d** para crear el paquete.",
        "Run **MakeAppx pack /d** to create the package.",
    );
}

#[test]
fn an_include_is_placed_as_a_span_is() {
    assert_eq!(
        rules(
            "С [!INCLUDE[wxp](../includes/wxp-md.md)]можно загрузить средство.",
            "With [!INCLUDE[wxp](../includes/wxp-md.md)], you can download the tool.",
        ),
        ["code-span-glued"]
    );
    clean(
        "С [!INCLUDE[wxp](../includes/wxp-md.md)] можно загрузить средство.",
        "With [!INCLUDE[wxp](../includes/wxp-md.md)], you can download the tool.",
    );
}

#[test]
fn a_word_of_code_in_bold_translated() {
    // The element, and a function the page's code calls.
    let f = page(&[(
        "**&lt;끝점&gt;** 요소를 추가합니다.",
        "Add the **&lt;endpoint&gt;** element.",
    )]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "technical-token-translated");
    // A word of the code the prose does not name as code ("the **build**
    // stage") may be translated.
    let text = format!(
        "{}\n\n```dockerfile\nFROM sdk AS build\n```\n",
        sxs(
            "w-1",
            "Этап **сборки** компилирует код.",
            "The **build** stage compiles the code."
        )
    );
    let f = check(&text, None, &Config::default());
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn a_parameters_direction_gone() {
    assert_eq!(
        rules(
            "de IDENTIFICADOR del subproceso de destino.",
            "[in] The ID of the target thread.",
        ),
        ["technical-token-translated"]
    );
    clean(
        "[in] Identificador del subproceso de destino.",
        "[in] The ID of the target thread.",
    );
}

#[test]
fn a_link_moved_where_its_sentence_cannot_hold_it() {
    assert_eq!(
        rules(
            "次を使用 [C++/WinRT](intro.md) します。",
            "Use [C++/WinRT](intro.md) for this.",
        ),
        ["link-moved"]
    );
    // A translated link text may hold the verb itself.
    clean(
        "[컨테이너화된 애플리케이션을 설계 및 빌드](index.md)할 때 중요한 개념입니다.",
        "It is an important concept when [architecting and building containerized applications](index.md).",
    );
}

#[test]
fn a_folder_name_or_a_switchs_value_in_bold_translated() {
    assert_eq!(
        rules(
            "将仅打包**清单**文件夹的内容。",
            "Only the contents of the **manifest** folder will be packaged.",
        ),
        ["technical-token-translated"]
    );
    assert_eq!(
        rules(
            "**-l 调试**：将日志级别更改为调试。",
            "**-l debug**: Changes the log level to debug.",
        ),
        ["technical-token-translated"]
    );
    clean(
        "仅打包 **manifest** 文件夹的内容。",
        "Only the contents of the **manifest** folder will be packaged.",
    );
}

#[test]
fn a_short_title_and_an_identifiers_piece_make_no_name() {
    // A list of the page's sections, then the sections' own titles.
    let f = page(&[
        ("제한 사항", "Limitations and Restrictions"),
        ("보안 권한", "Security Permissions"),
        ("제한 사항", "Limitations and Restrictions"),
        ("보안 권한", "Security Permissions"),
    ]);
    assert!(f.iter().all(|f| f.rule != "product-name-altered"), "{f:#?}");
    // `distributor` inside `@ignore_distributor` is the parameter's, not
    // the name "Distributor" re-cased.
    let f = page(&[
        (
            "将 **@ignore_distributor** 的值指定为 **1**。",
            "Specify a value of **1** for **@ignore_distributor**.",
        ),
        (
            "连接到分发服务器 Distributor。",
            "Connect to the Distributor.",
        ),
        ("在 Distributor 上运行。", "Run it at the Distributor."),
    ]);
    assert!(f.iter().all(|f| f.rule != "product-name-altered"), "{f:#?}");
}

#[test]
fn an_element_translated_and_a_dotted_format_spaced_out() {
    assert_eq!(
        rules("\\<gc동시> 요소", "\\<gcConcurrent> element"),
        ["technical-token-translated"]
    );
    clean("\\<gcConcurrent> 요소", "\\<gcConcurrent> element");
    assert_eq!(
        rules("*n. n. n. n*", "*n.n.n.n*"),
        ["technical-token-translated"]
    );
}

#[test]
fn a_heading_left_in_english_on_a_page_of_another_script() {
    let f = page(&[
        ("Синтаксис", "Syntax"),
        ("Remarks", "Remarks"),
        (
            "Функция возвращает набор значений.",
            "The function returns a set of values.",
        ),
    ]);
    let u: Vec<_> = f
        .iter()
        .filter(|f| f.rule == "segment-untranslated")
        .collect();
    assert_eq!(u.len(), 1, "{f:#?}");
    assert!(u[0].message.contains("Remarks"));
    // A name alone is kept on purpose; and on a page in Latin letters a word
    // left alone is no sign.
    let f = page(&[
        ("Memcached", "Memcached"),
        (
            "Хранилища состояний поддерживают транзакции.",
            "State stores support transactions.",
        ),
    ]);
    assert!(f.iter().all(|f| f.rule != "segment-untranslated"), "{f:#?}");
    let f = page(&[
        ("Remarks", "Remarks"),
        (
            "La función devuelve un conjunto.",
            "The function returns a set.",
        ),
    ]);
    assert!(f.iter().all(|f| f.rule != "segment-untranslated"), "{f:#?}");
}

#[test]
fn emphasis_left_on_a_function_word() {
    assert_eq!(
        rules(
            "**또는** remote access 옵션을 구성합니다.",
            "Configure the **remote access** option.",
        ),
        ["emphasis-moved"]
    );
    clean("**-o** 옵션을 사용합니다.", "Use the **-o** option.");
}
