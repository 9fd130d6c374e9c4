//! The rules changed in the eighth session on the unseen pages: on the misses
//! of `blind34/` to `blind49/` (markup broken, emphasis that left its name),
//! then on those of `blind50/` to `blind53/` (Microsoft Search, MDOP, BizTalk
//! and Teams pages). Each case is from a real page (shortened); each careful
//! counterpart is how a translator writes it.

mod support;

use doccheck_l10n::{check, Config};
use support::{clean, rules, sxs};

#[test]
fn inline_markup_the_translation_breaks() {
    // An escaped parenthesis cut from its backslash (blind49/ es).
    assert!(rules(
        "Presione `Control` + `Shift` + `I` \\ (Windows \\).",
        "Press `Control`+`Shift`+`I` \\(Windows\\).",
    )
    .contains(&"markup-broken"));
    // An entity split by a space in a heading (blind45/ ja).
    assert!(rules(
        "& #47;IndexFile(if) オプション",
        "&#47;IndexFile(if) option",
    )
    .contains(&"markup-broken"));
    // Bold turned into literal asterisks (blind51/ zh).
    assert!(rules("单击“下一步”\\*\\*\\*\\*。", "Click **Next**.").contains(&"markup-broken"));
    clean(
        "Presione `Control`+`Shift`+`I` \\(Windows\\).",
        "Press `Control`+`Shift`+`I` \\(Windows\\).",
    );
    clean("单击 **下一步**。", "Click **Next**.");
}

#[test]
fn a_name_in_bold_left_outside_the_markers_set_on_other_words() {
    // blind39/ ja: the bold moved from BodyAsHTML onto another rule's name.
    assert!(rules(
        "**ItemHasRegularExpressionMatch** ルールで BodyAsHTML プロパティを使用します。",
        "Use the **BodyAsHTML** property in an ItemHasRegularExpressionMatch rule.",
    )
    .contains(&"emphasis-moved"));
    clean(
        "ItemHasRegularExpressionMatch ルールで **BodyAsHTML** プロパティを使用します。",
        "Use the **BodyAsHTML** property in an ItemHasRegularExpressionMatch rule.",
    );
}

#[test]
fn bold_after_a_japanese_verbal_noun_in_english_order() {
    // blind52/ ja: "select **Build**" written in English order.
    assert!(rules(
        "ソリューションを右クリックし、選択**ビルド**します。",
        "Right-click the solution, and select **Build**."
    )
    .contains(&"emphasis-moved"));
    clean(
        "ソリューションを右クリックし、**ビルド** を選択します。",
        "Right-click the solution, and select **Build**.",
    );
    // Chinese sets the object after the verb: no finding.
    clean(
        "右键单击解决方案，然后选择 **生成**。",
        "Right-click the solution, and select **Build**.",
    );
}

#[test]
fn a_link_emptied_or_left_on_a_verbs_ending() {
    assert!(rules(
        "開発者プレビューを有効 [にします](#enable)。",
        "Enable developer preview [here](#enable).",
    )
    .contains(&"link-moved"));
    assert!(rules(
        "マニフェスト スキーマ[](schema.md)を参照してください。",
        "See the [manifest schema](schema.md).",
    )
    .contains(&"link-moved"));
    clean(
        "開発者プレビューは [ここ](#enable) で有効にします。",
        "Enable developer preview [here](#enable).",
    );
}

#[test]
fn a_parameters_dash_parted_from_its_name_is_an_error() {
    let f = check(
        &format!(
            "{}\n",
            sxs(
                "t-1",
                "– EnableSync를 사용하여 동기화를 사용하도록 설정합니다.",
                "Use –EnableSync to enable sync.",
            )
        ),
        None,
        &Config::default(),
    );
    assert!(f
        .iter()
        .any(|f| f.rule == "technical-token-translated"
            && f.severity == doccheck_l10n::Severity::Error));
}

#[test]
fn anchors_the_author_set_and_the_page_links_to_are_the_englishs() {
    // MDOP pages (blind51/): `<a href="" id="bkmk-…">` on some headings, the
    // page's own links going to them; the title has none in English either.
    let page = [
        format!(
            "# {}",
            sxs("h-1", "パッケージを管理する方法", "How to manage packages")
        ),
        String::new(),
        format!(
            "- [{}](#bkmk-add-pkg)",
            sxs("h-2", "パッケージを追加するには", "To add a package")
        ),
        String::new(),
        format!(
            "## <a href=\"\" id=\"bkmk-add-pkg\"></a>{}",
            sxs("h-3", "パッケージを追加するには", "To add a package")
        ),
        String::new(),
    ]
    .join("\n");
    let f = check(&page, None, &Config::default());
    assert!(
        f.iter().all(|f| !f.rule.starts_with("heading-anchor")),
        "{f:#?}"
    );
    // A localization's slug anchor that is not the English heading's is
    // still reported.
    let changed = page.replace("id=\"bkmk-add-pkg\"", "id=\"pakkeji\"");
    let f = check(&changed, None, &Config::default());
    assert!(
        f.iter().any(|f| f.rule == "heading-anchor-changed"),
        "{f:#?}"
    );
}

#[test]
fn a_span_between_a_verbal_noun_and_the_copula() {
    // blind36/ ja: "run `dotnet` from the command line" in English order,
    // with a stray copula: `で` opens `です`, which takes no object.
    assert!(rules(
        "コマンドラインから実行`dotnet`です。",
        "Run `dotnet` from the command line.",
    )
    .contains(&"code-span-moved"));
    clean(
        "コマンドラインから `dotnet` を実行します。",
        "Run `dotnet` from the command line.",
    );
}

#[test]
fn a_switch_whose_anchor_keeps_its_spelling_is_still_translated() {
    // blind57/ es: `<span id="-check">` before the translated switch.
    assert!(rules(
        "<span id=\"-check\"></span>**-comprobar**",
        "<span id=\"-check\"></span>**-check**",
    )
    .contains(&"technical-token-missing"));
    clean(
        "<span id=\"-check\"></span>**-check**",
        "<span id=\"-check\"></span>**-check**",
    );
}

#[test]
fn a_name_written_with_signs_broken() {
    // blind57/ ja: C++/WinRT torn in a template's name.
    assert!(rules(
        "**Holographic DirectX 11 アプリ (ユニバーサル Windows)C++(WinRT)** を選択します。",
        "Select **Holographic DirectX 11 App (Universal Windows) (C++/WinRT)**.",
    )
    .contains(&"product-name-altered"));
    clean(
        "**Holographic DirectX 11 アプリ (ユニバーサル Windows) (C++/WinRT)** を選択します。",
        "Select **Holographic DirectX 11 App (Universal Windows) (C++/WinRT)**.",
    );
}

#[test]
fn names_re_cased_two_letters_and_for() {
    // blind46/ es: a parameter's alias in capitals.
    assert!(rules("Alias: DB", "Alias: db").contains(&"product-name-altered"));
    clean("Alias: db", "Alias: db");
    // blind48/ ja: the second part of a "for" name in lower case.
    assert!(
        rules("Skype for business のデータ", "data of Skype for Business",)
            .contains(&"product-name-altered")
    );
    clean("Skype for Business のデータ", "data of Skype for Business");
}

#[test]
fn a_placeholder_in_bold_beside_its_switch_translated() {
    // blind58/ es: schtasks's syntax terms.
    assert!(
        rules("**/S** **sistema**", "**/S** **system**").contains(&"technical-token-translated")
    );
    clean("**/S** **system**", "**/S** **system**");
}

#[test]
fn a_verb_noun_name_of_another_kind_re_cased() {
    // blind59/ ko: an HTTP header on a page that runs no PowerShell.
    assert!(rules(
        "Set-cookie 헤더를 사용합니다.",
        "Use the Set-Cookie header."
    )
    .contains(&"product-name-altered"));
    clean(
        "Set-Cookie 헤더를 사용합니다.",
        "Use the Set-Cookie header.",
    );
}

#[test]
fn korean_bold_after_a_finished_verb() {
    // blind58/ ko: the flag set after the sentence's verb.
    assert!(rules(
        "명령을 실행할 수 있습니다 합니다 **/t** 플래그 대신.",
        "You can run the command with the **/t** flag instead.",
    )
    .contains(&"emphasis-moved"));
    // Its particle glued onto the finished verb.
    assert!(rules(
        "반복할 수 있습니다는 **/dd+** 플래그.",
        "You can repeat the **/dd+** flag.",
    )
    .contains(&"emphasis-moved"));
    // Bold on a verb's ending alone.
    assert!(rules("[設定] を選択 **します**。", "Select **Settings**.").contains(&"emphasis-moved"));
}

#[test]
fn an_identifier_in_camel_case_in_bold_translated() {
    // blind59/ zh: a permission's name.
    assert!(rules(
        "用户需要 **新建项目** 权限。",
        "The user needs the **NewProject** permission.",
    )
    .contains(&"technical-token-translated"));
    clean(
        "用户需要 **NewProject** 权限。",
        "The user needs the **NewProject** permission.",
    );
}

#[test]
fn a_tables_header_cell_left_in_english() {
    let row = |first: &str| {
        format!(
            "| {} | {} |\n| --- | --- |\n| a | b |\n",
            sxs("h-1", first, "Field"),
            sxs("h-2", "説明", "Description")
        )
    };
    let f = check(&row("Field"), None, &Config::default());
    assert!(f.iter().any(|f| f.rule == "segment-untranslated"), "{f:#?}");
    let f = check(&row("フィールド"), None, &Config::default());
    assert!(f.iter().all(|f| f.rule != "segment-untranslated"), "{f:#?}");
}

#[test]
fn spans_glued_to_italics_and_connection_strings_spaced() {
    // blind64/ es: a switch glued to its placeholder in italics.
    assert!(rules(
        "`-i`*input_file* es el archivo.",
        "`-i` *input_file* is the file."
    )
    .contains(&"code-span-glued"));
    clean(
        "`-i` *input_file* es el archivo.",
        "`-i` *input_file* is the file.",
    );
    // blind64/ ja: a connection string spaced round its sign.
    assert!(rules(
        "\"Data Source = c:\\backup\\test.cub\" を使います。",
        "Use \"Data Source=c:\\backup\\test.cub\".",
    )
    .contains(&"technical-token-translated"));
}

#[test]
fn letters_whose_lower_case_is_longer_move_no_offset() {
    // `İ` and the Kelvin sign change length in lower case: a finding after
    // them still points into the text, not inside the next character (no
    // panic).
    for tr in ["İİ K Skype for business", "İ Skype for business의"] {
        assert!(rules(tr, "Skype for Business").contains(&"product-name-altered"));
    }
    for tr in ["İİ K Set-cookie 헤더", "İ Set-cookie헤더"] {
        assert!(rules(tr, "the Set-Cookie header").contains(&"product-name-altered"));
    }
}
