//! The rules changed after `blind7/` (pages of "gRPC for WCF Developers")
//! was measured: what it showed. Each case is from a real page
//! (shortened); each careful counterpart is how a translator writes it.

mod support;

use doccheck_l10n::{check, Config};
use support::{clean, rules, sxs};

#[test]
fn a_korean_particle_spaced_out_after_bold_text_or_a_link() {
    clean(
        "`src`이라는 폴더를 추가 하 고 상황에 맞는 메뉴에서 **새 프로젝트** 를 선택 합니다.",
        "Add a folder called `src`, then choose **New Project** from the context menu.",
    );
}

#[test]
fn a_bold_dialog_name_is_the_uis() {
    // `Configure` is a method of the page's code and a word of a dialog's name.
    let source = format!(
        "{}\n\n```csharp\npublic void Configure(IApplicationBuilder app) {{ }}\n```\n",
        sxs(
            "b-1",
            "Click **Next** to continue to the **Configure project** dialog.",
            "Click **Next** to continue to the **Configure project** dialog.",
        )
    );
    let page = format!(
        "{}\n\n```csharp\npublic void Configure(IApplicationBuilder app) {{ }}\n```\n",
        sxs(
            "b-1",
            "**다음**을 클릭 하 여 **프로젝트 구성** 대화 상자로 이동 합니다.",
            "Click **Next** to continue to the **Configure project** dialog.",
        )
    );
    let f = check(&page, Some(&source), &Config::default());
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn verb_noun_is_a_command_only_on_a_page_of_commands() {
    // A .NET page: "Request-Reply" is a pattern, translated.
    clean(
        "要求/応答サービスを移行する",
        "Migrate Request-Reply services",
    );
    // A PowerShell page: a command, kept.
    assert!(rules(
        "Use el cmdlet Obtener-Contenido.",
        "Use the Get-Content cmdlet.",
    )
    .iter()
    .any(|r| r.starts_with("technical-token")));
}

#[test]
fn chinese_link_text_meets_latin_letters() {
    let f = support::findings(
        "安装 [Microsoft.AspNetCore.Authentication.Certificate 包](https://www.nuget.org/p)NuGet。",
        "Install the [Microsoft.AspNetCore.Authentication.Certificate package](https://www.nuget.org/p) from NuGet.",
    );
    assert!(f.iter().all(|f| f.rule != "code-span-glued"), "{f:#?}");
}

#[test]
fn a_dotted_name_broken_inside_its_link_is_a_token_not_a_link_that_grew() {
    let r = rules(
        "Установите пакет [Microsoft. AspNetCore. Authentication. Certificate](https://www.nuget.org/p) для проверки подлинности.",
        "Install the [Microsoft.AspNetCore.Authentication.Certificate](https://www.nuget.org/p) package for certificate Authentication.",
    );
    assert!(r.iter().any(|r| r.starts_with("technical-token")), "{r:?}");
    assert!(!r.contains(&"link-text-grew"), "{r:?}");
}

/// From `blind9/` (other .NET books).
#[test]
fn a_brand_translated_away_with_its_compound() {
    let source = "Build Blazor apps with Blazor tools: Blazor Server runs them on the server, and Blazor Server keeps a connection.";
    let f = support::findings(
        "Cree aplicaciones increíbles con herramientas increíbles: la aplicación de servidor increíble las ejecuta en el servidor, y el servidor increíble mantiene una conexión.",
        source,
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "product-name-altered" && f.message.contains("\"Blazor")),
        "{f:#?}"
    );
}

#[test]
fn a_name_with_a_word_twice() {
    let f = support::findings(
        "IdentityServer реализует OpenID Connect Connect и OAuth 2.0, и OpenID Connect является стандартом.",
        "IdentityServer implements OpenID Connect and OAuth 2.0, and OpenID Connect is a standard.",
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "product-name-altered" && f.message.contains("twice")),
        "{f:#?}"
    );
}

#[test]
fn a_file_type_in_italics_broken_by_a_space() {
    assert!(rules(
        "El archivo *. csproj* define el proyecto.",
        "The *.csproj* file defines the project.",
    )
    .iter()
    .any(|r| r.starts_with("technical-token")));
    clean(
        "El archivo *.csproj* define el proyecto.",
        "The *.csproj* file defines the project.",
    );
}

#[test]
fn a_command_capitalized_in_japanese_and_a_type_in_cyrillic_letters() {
    let page = format!(
        "{}\n\n{}\n",
        sxs(
            "b-1",
            "Systemd を使用してアプリを実行する",
            "Run your app with systemd",
        ),
        sxs(
            "b-2",
            "`systemd` がサービスを認識します。",
            "Before `systemd` recognizes the service, reload it.",
        )
    );
    let f = check(&page, None, &Config::default());
    assert!(
        f.iter()
            .any(|f| f.rule == "product-name-altered" && f.message.contains("\"Systemd\"")),
        "{f:#?}"
    );
    // Types the page's code uses: tokens.
    let code = "```csharp\nvar c = ChannelCredentials.Create(new SslCredentials(), CallCredentials.FromInterceptor(x));\n```\n";
    let page = |tr: &str, src: &str| format!("{}\n\n{code}", sxs("b-1", tr, src));
    let (tr, src) = (
        "Объединение Чаннелкредентиалс и Каллкредентиалс",
        "Combine ChannelCredentials and CallCredentials",
    );
    let f = check(&page(tr, src), Some(&page(src, src)), &Config::default());
    let translated: Vec<_> = f
        .iter()
        .filter(|f| f.rule == "technical-token-translated")
        .collect();
    assert_eq!(translated.len(), 2, "{f:#?}");
    assert!(
        f.iter().all(|f| f.rule != "technical-token-missing"),
        "{f:#?}"
    );
    // A name of the prose that no code writes (an app, a sample): a name.
    let f = support::findings(
        "Для этого примера используется приложение Ешопонблазор.",
        "For this example, the eShopOnBlazor app is used.",
    );
    assert!(
        !f.is_empty() && f.iter().all(|f| f.rule == "product-name-altered"),
        "{f:#?}"
    );
}

#[test]
fn what_blind10_and_blind11_showed_is_fine() {
    // Chinese inside emphasis meets a Latin word without a space.
    clean(
        "请参阅 *dotnet/docs* GitHub 存储库中的示例。",
        "See the sample in the *dotnet/docs* GitHub repository.",
    );
    assert!(!rules(
        "请参阅 *dotnet/文档*GitHub 存储库。",
        "See the *dotnet/docs* GitHub repository.",
    )
    .contains(&"emphasis-glued"));
    // A Korean counter after a number.
    clean(
        "`Script1`의 `25`번 줄에서 파생됩니다.",
        "It is derived from line `25` in `Script1`.",
    );
    // Russian's compound with an acronym.
    clean("Хранилище BLOB-объектов Azure.", "Azure Blob storage.");
}

#[test]
fn a_korean_particle_before_the_span_it_belongs_after() {
    for tr in [
        "를 `OrderServiceClient` singleton으로 등록 하면 다시 사용 됩니다.",
        "반환 되는는 `HttpClient` 나가는 요청의 URI를 다시 작성 합니다.",
    ] {
        assert!(
            rules(
                tr,
                "By registering the `OrderServiceClient` as a singleton, it is reused."
            )
            .contains(&"code-span-moved"),
            "{tr}"
        );
    }
    clean(
        "`OrderServiceClient`를 singleton으로 등록 하면 다시 사용 됩니다.",
        "By registering the `OrderServiceClient` as a singleton, it is reused.",
    );
}

#[test]
fn an_english_word_glued_before_a_span_in_japanese() {
    let src = "Components can be bound with the `EventCallback<TValue>` type parameter.";
    let f = support::findings(
        "コンポーネントは type`EventCallback<TValue>`のパラメーターでバインドできます。",
        src,
    );
    assert!(
        f.iter().any(|f| f.rule == "source-left-in-translation")
            && f.iter().all(|f| f.rule != "code-span-glued"),
        "{f:#?}"
    );
    // A name glued to a span is kept, not English left.
    let f = support::findings(
        "Docker`run` コマンドを使用します。",
        "Use the Docker `run` command.",
    );
    assert!(
        f.iter().all(|f| f.rule != "source-left-in-translation"),
        "{f:#?}"
    );
}

#[test]
fn a_span_inside_a_chinese_or_japanese_frame() {
    let src = "Add this `Product` class to the project.";
    assert!(rules("将此类添加 `Product` 到项目。", src).contains(&"code-span-moved"));
    clean("将此 `Product` 类添加到项目。", src);
    // Without 将 the object may follow the verb.
    let src = "Set `X` to `true`.";
    clean("设置 `X` 为 `true`。", src);
    let src = "Add the following `OnClick` event handler.";
    assert!(
        rules("次`OnClick`のイベント ハンドラーを追加します。", src).contains(&"code-span-moved")
    );
    clean("次の `OnClick` イベント ハンドラーを追加します。", src);
}

#[test]
fn a_span_after_the_sentences_final_stop() {
    let src = "It sends the stream to a file called `dir.log`.";
    assert!(
        rules("Он отправляет поток в файл с именем. `dir.log`", src).contains(&"code-span-moved")
    );
    clean("Он отправляет поток в файл с именем `dir.log`.", src);
    // A Korean topic particle before another particle: the span went away.
    assert!(rules(
        "이 경우에는에서 `Move-Item` 항목을 이동 합니다.",
        "In this case, `Move-Item` moves the item.",
    )
    .contains(&"code-span-moved"));
}

#[test]
fn an_english_noun_left_in_korean_or_japanese() {
    let src = "Containers and orchestrators are designed to solve problems.";
    assert!(rules(
        "컨테이너 및 orchestrator는 문제를 해결 하도록 설계 되었습니다.",
        src
    )
    .contains(&"source-left-in-translation"));
    clean(
        "컨테이너 및 오케스트레이터는 문제를 해결 하도록 설계 되었습니다.",
        src,
    );
    // Kept on purpose: a word the page writes as code, a cmdlet.
    clean(
        "この cmdlet は現在の場所を取得します。",
        "This cmdlet gets the current location.",
    );
    // Capitalized in the source, in bold: a parameter's name re-cased.
    let f = support::findings(
        "**destination** 매개 변수를 사용 합니다.",
        "Use the **Destination** parameter.",
    );
    assert!(
        f.iter().any(|f| f.rule == "product-name-altered")
            && f.iter().all(|f| f.rule != "source-left-in-translation"),
        "{f:#?}"
    );
}

#[test]
fn a_japanese_or_chinese_particle_left_without_its_span() {
    for (tr, src) in [
        (
            "に1つの条件を指定すると `Where-Object` 、コマンドが簡単になります。",
            "When you specify a single condition, `Where-Object` is simpler.",
        ),
        (
            "という名前のシークレット `customerdb` が返されます。",
            "It returns the secret named `customerdb`.",
        ),
        (
            "対象の名前とキーの両方でが参照されます `eShopRedisPassword` 。",
            "Both the name and the key reference `eShopRedisPassword`.",
        ),
        (
            "对的调用 `HttpClient.PostAsync()` 完成。",
            "The call to `HttpClient.PostAsync()` completes.",
        ),
    ] {
        assert!(rules(tr, src).contains(&"code-span-moved"), "{tr}");
    }
    clean(
        "`customerdb` という名前のシークレットが返されます。",
        "It returns the secret named `customerdb`.",
    );
}

#[test]
fn a_chinese_to_without_its_span() {
    let src = "Adding an object with a string key to `Session` is simple.";
    assert!(
        rules("向添加具有字符串键的对象非常简单 `Session` 。", src).contains(&"code-span-moved")
    );
    clean("向 `Session` 添加具有字符串键的对象非常简单。", src);
}

#[test]
fn a_name_moved_as_a_span_is_in_japanese_and_korean() {
    let page = |tr: &str| {
        format!(
            "{}\n\n{}\n",
            sxs(
                "b-1",
                "Blazor アプリと Blazor コンポーネント。",
                "Blazor apps and Blazor components.",
            ),
            sxs(
                "b-2",
                tr,
                "This article describes how Blazor handles forms."
            ),
        )
    };
    let moved = check(
        &page("この記事では、フォームの処理方法について説明 Blazor します。"),
        None,
        &Config::default(),
    );
    assert!(
        moved
            .iter()
            .any(|f| f.rule == "product-name-altered" && f.message.contains("verbal noun")),
        "{moved:#?}"
    );
    let kept = check(
        &page("この記事では、Blazor でのフォームの処理方法について説明します。"),
        None,
        &Config::default(),
    );
    assert!(kept.is_empty(), "{kept:#?}");
}

#[test]
fn a_span_glued_to_bold_text() {
    let src = "`Set-Content` uses the **Path** parameter.";
    assert!(
        rules("`Set-Content`**Path** 매개 변수를 사용 합니다.", src).contains(&"code-span-glued")
    );
    clean("`Set-Content`는 **Path** 매개 변수를 사용 합니다.", src);
}

#[test]
fn a_span_right_after_a_japanese_polite_ending() {
    let src = "It returns `true` if the option has a value.";
    assert!(rules("値がある場合は返します`true`オプションです。", src).contains(&"code-span-moved"));
    clean("オプションに値がある場合は `true` を返します。", src);
}

#[test]
fn a_chinese_span_after_the_noun_it_belongs_to() {
    let src = "The output of `function2` is as follows:";
    assert!(rules("输出`function2`如下：", src).contains(&"code-span-moved"));
    clean("`function2` 的输出如下：", src);
}

#[test]
fn emphasis_moved_onto_a_comma_or_a_particle() {
    let src = "Notation, such as *do-notation* in Haskell.";
    assert!(rules("Нотация, например *, в* Haskell нотация do.", src).contains(&"emphasis-moved"));
    clean("Нотация, например *do-нотация* в Haskell.", src);
    let src = "The string **Hello, World** is written.";
    assert!(rules("텍스트 문자열 **Hello를** 씁니다.", src).contains(&"emphasis-moved"));
    clean("텍스트 문자열 **Hello, World**를 씁니다.", src);
}
