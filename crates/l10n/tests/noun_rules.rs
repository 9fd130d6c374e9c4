//! Code spans judged by the noun they name and by the word they leave
//! behind, in every script: made-up sentences, each defect with the careful
//! wording a translator would use.

mod support;

use doccheck_l10n::Severity;
use support::{clean, findings, moved, show};

#[test]
fn a_span_away_from_the_noun_it_names() {
    let src = "The `Cache` folder is emptied first.";
    assert_eq!(moved("`Cache`首先清空此文件夹。", src), Severity::Warning);
    clean("首先清空 `Cache` 文件夹。", src);
    assert_eq!(
        moved("폴더를 먼저 비웁니다 `Cache` 합니다.", src),
        Severity::Error
    );
    clean("`Cache` 폴더를 먼저 비웁니다.", src);
    assert_eq!(
        moved("Папка очищается первой, а затем `Cache` тоже.", src),
        Severity::Warning
    );
    clean("Папка `Cache` очищается первой.", src);
    clean("La carpeta `Cache` se vacía primero.", src);
    clean("A pasta `Cache` é esvaziada primeiro.", src);
}

#[test]
fn a_span_after_the_case_particle_of_its_own_noun() {
    let src = "If the `Cache` folder has files, they are kept.";
    assert_eq!(
        moved("폴더에 `Cache` 파일이 있으면 유지 됩니다.", src),
        Severity::Error
    );
    assert_eq!(
        moved(
            "フォルダーに `Cache` ファイルがある場合は保持されます。",
            src
        ),
        Severity::Error
    );
    clean(
        "`Cache` フォルダーにファイルがある場合は保持されます。",
        src,
    );
}

#[test]
fn an_article_left_behind_by_its_span() {
    let src = "You can't use `Tool` to move a file.";
    assert_eq!(
        moved("Você não pode usar `Tool` o para mover um arquivo.", src),
        Severity::Error
    );
    clean("Você não pode usar o `Tool` para mover um arquivo.", src);
    // Spanish "o" is "or": not an article there.
    let src = "Use `a` or `b` to move a file.";
    clean("Use `a` o `b` para mover un archivo.", src);
}

#[test]
fn a_preposition_left_before_a_comma() {
    let src = "Data written using `Tool` keeps its format.";
    assert_eq!(
        moved(
            "Данные, записанные с помощью, сохраняют `Tool` формат.",
            src
        ),
        Severity::Error
    );
    clean(
        "Данные, записанные с помощью `Tool`, сохраняют формат.",
        src,
    );
}

#[test]
fn a_chinese_coverb_without_its_span() {
    let src = "The command changes the name from `a.txt` to `b.txt`.";
    // After 将 the object stands before the verb: a span between 更改 and
    // 为 is structural evidence, an error.
    assert_eq!(
        moved("该命令将名称从更改 `a.txt` 为 `b.txt`。", src),
        Severity::Error
    );
    assert_eq!(
        moved("该命令名称从更改 `a.txt` 为 `b.txt`。", src),
        Severity::Warning
    );
    clean("该命令将名称从 `a.txt` 更改为 `b.txt`。", src);
}

#[test]
fn a_span_glued_to_a_link() {
    let src = "`Tool` uses the [Format()](https://example.com/f) method.";
    let f = findings(
        "`Tool`[Format()](https://example.com/f) 메서드를 사용 합니다.",
        src,
    );
    assert!(
        f.iter().any(|f| f.rule == "code-span-glued"),
        "{}",
        show(&f)
    );
    clean(
        "`Tool` 은 [Format()](https://example.com/f) 메서드를 사용 합니다.",
        src,
    );
}

#[test]
fn a_name_replaced_by_a_command_like_word() {
    let src = "Sets the location in the PSDrive. Use the PSDrive name.";
    let f = findings(
        "Establece la ubicación en new-psdrive. Use el nombre PSDrive.",
        src,
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "technical-token-translated" && f.severity == Severity::Error),
        "{}",
        show(&f)
    );
}

#[test]
fn words_pulled_into_a_link_whose_text_is_a_name() {
    let src = "Add it to the [System.Data.Item](/api/System.Data.Item) attribute declaration.";
    let f = findings(
        "Agréguelo a la declaración [del atributo System. Data. Item](/api/System.Data.Item).",
        src,
    );
    assert!(f.iter().any(|f| f.rule == "link-text-grew"), "{}", show(&f));
    clean(
        "Agréguelo a la declaración del atributo [System.Data.Item](/api/System.Data.Item).",
        src,
    );
}

#[test]
fn a_bold_name_of_the_code_translated() {
    let src = "This example renames the key from **Sales** to **Support**.";
    let code = "```powershell\nRename-Item -Path \"HKLM:\\Software\\Shop\\Sales\" -NewName \"Support\"\n```\n";
    let page = |tr: &str| format!("{}\n\n{code}", support::sxs("t-1", tr, src));
    let f = doccheck_l10n::check(
        &page("Este exemplo renomeia a chave de **vendas** para **suporte**."),
        None,
        &Default::default(),
    );
    assert!(
        f.iter()
            .any(|f| f.rule == "technical-token-translated" && f.severity == Severity::Error),
        "{}",
        show(&f)
    );
    let f = doccheck_l10n::check(
        &page("Este exemplo renomeia a chave de **Sales** para **Support**."),
        None,
        &Default::default(),
    );
    assert!(f.is_empty(), "{}", show(&f));
}

#[test]
fn a_span_inside_a_suru_verb_in_its_plain_or_passive_form() {
    let src = "It tells `Tool` to show the items instead of the path.";
    assert_eq!(
        moved("パスを表示 `Tool` するのではなく、項目を表示します。", src),
        Severity::Error
    );
    assert_eq!(
        moved(
            "項目は表示 `Tool` されます。",
            "The items are shown by `Tool`."
        ),
        Severity::Error
    );
    clean("`Tool` にパスではなく項目を表示するように指示します。", src);
}
