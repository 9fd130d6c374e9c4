//! The re-casing rules on made-up sentences and real ones, shortened.

use super::super::side::run_rule;
use super::*;

#[test]
fn a_switch_written_in_other_capitals() {
    let f = run_rule(
        super::flags_recased,
        "como el algoritmo de síntesis de archivo (/FD):",
        "as the file digest (/fd) algorithm:",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(run_rule(
        super::flags_recased,
        "como el algoritmo (/fd):",
        "as the algorithm (/fd):",
    )
    .is_empty());
}

#[test]
fn a_name_that_lost_its_inner_capitals() {
    assert_eq!(found("活动的 Pssession", "Active PSSessions").len(), 1);
    assert_eq!(
        found("使用 Pssession 运行命令", "Use a PSSession to run commands").len(),
        1
    );
    assert!(found("使用 PSSession 运行命令", "Use a PSSession to run commands").is_empty());
    // In lower case it is more often a command's spelling.
    assert!(found("获取 psdrive", "Get the PSDrive").is_empty());
}

#[test]
fn a_switch_in_bold_re_cased() {
    assert_eq!(found("коммутаторов **SSL**", "the **ssl** switch").len(), 1);
    assert_eq!(
        found("Параметр **AppID**", "The **appid** parameter").len(),
        1
    );
    // A sentence's start raises a first letter: not a finding.
    assert!(found("**Hashtable** объект", "a **hashtable** object").is_empty());
}

fn found(tr: &str, src: &str) -> Vec<String> {
    let names = Names::default();
    let spanned = HashSet::from(["systemd".to_string()]);
    let (refs, code_words) = Default::default();
    let cased = HashSet::from(["dapr".to_string()]);
    let ctx = super::super::Ctx {
        refs: &refs,
        untranslated_allowed: true,
        names: &names,
        code_words: &code_words,
        spanned: &spanned,
        in_code: &spanned,
        code_tokens: &Default::default(),
        commands_run: &spanned,
        cased: &cased,
        kept: &Default::default(),
        foreign: false,
        commands: false,
    };
    run_rule(|t, s, out| recased(t, s, &ctx, out), tr, src)
        .into_iter()
        .map(|f| f.2)
        .collect()
}

#[test]
fn capitals_the_source_never_gives() {
    assert_eq!(
        found(
            "Хотя контейнеры можно запускать на узлах DOCKER.",
            "Although you can run containers on Docker hosts."
        )
        .len(),
        1
    );
    assert_eq!(
        found(
            "托管在 WINDOWS IIS 服务器上",
            "hosted on a Windows IIS server"
        )
        .len(),
        1
    );
    // An acronym kept, a word the source writes in capitals too.
    assert!(found("托管在 IIS 服务器上", "hosted on an IIS server").is_empty());
    assert!(found("el verbo GET", "the GET verb").is_empty());
    // Lower-case in the source: an HTTP verb or a word, not a name.
    assert!(found("la petición GET", "a get request").is_empty());
}

#[test]
fn an_acronym_in_other_capitals() {
    assert_eq!(
        found("使用这些 Api 的类", "the classes that use these APIs").len(),
        1
    );
    assert!(found("使用这些 API 的类", "the classes that use these APIs").is_empty());
}

#[test]
fn a_small_first_letter_is_the_names() {
    assert_eq!(
        found("Linux/MacOS y Windows", "Linux/macOS and Windows").len(),
        1
    );
    assert!(found("Linux/macOS y Windows", "Linux/macOS and Windows").is_empty());
}

#[test]
fn capitalized_where_no_sentence_starts() {
    assert_eq!(
        found(
            "Systemd を使用してアプリを実行する",
            "Run your app with systemd"
        )
        .len(),
        1
    );
    // Not a command's spelling: the translator's choice.
    assert!(found("Web 应用", "a web app").is_empty());
    // A Latin script capitalizes a sentence's first word.
    assert!(found("Systemd se usa aquí.", "You use systemd here.").is_empty());
    assert!(found("使用 Docker 运行", "Run with Docker").is_empty());
}

#[test]
fn english_left_and_recased() {
    let f = found(
        "Управление State Management и правило **первой записью WINS**.",
        "Dapr state management and the **first-write-wins** rule.",
    );
    assert_eq!(f.len(), 2, "{f:?}");
    // Kept as the source writes it: another rule's business.
    assert!(found(
        "правило **first-write-wins**",
        "the **first-write-wins** rule"
    )
    .is_empty());
    // Capitalized in the source too: a name.
    assert!(found("использовать State Management", "use State Management").is_empty());
    // A term spelled out by its acronym.
    assert!(found(
        "el Common Language Runtime (CLR).",
        "the common language runtime (CLR)."
    )
    .is_empty());
    let cased = cased_words(["Use JSON here. Files are json files."].into_iter());
    assert!(cased.contains("json") && !cased.contains("files"));
}

#[test]
fn a_name_broken_by_a_space() {
    let f = found(
        "F# 交互窗口接受许多与 F # 编译器相同的选项。",
        "F# Interactive accepts many of the options of the F# compiler.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(found("Найдите термин **скрипт F#**.", "Search for **F# Script**.").is_empty());
    assert_eq!(
        found("F #에서 튜플을 사용 합니다.", "You use tuples in F#.").len(),
        1
    );
    assert_eq!(
        found(
            "Найдите термин **скрипт F #**.",
            "Search for **F# Script**."
        )
        .len(),
        1
    );
    // Not a name of the page: left to the token rules.
    assert!(found("El archivo *Web. config*.", "The *Web.config* file.").is_empty());
}

#[test]
fn a_name_in_cyrillic_letters() {
    let f = found(
        "См. [примере решения WCF симплестокктиккер](https://x).",
        "See the [SimpleStockTicker WCF sample solution](https://x).",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("SimpleStockTicker"));
    // A file's name: what the reader opens, a token.
    let f = found(
        "Откройте *мифирстскрипт. fsx*.",
        "Open *MyFirstScript.fsx*.",
    );
    assert!(
        f.len() == 1 && f[0].contains("what the reader types"),
        "{f:?}"
    );
    // A name the page capitalizes once, in Cyrillic capitals.
    assert_eq!(
        found("ДАПР предлагает API.", "Dapr offers an API.").len(),
        1
    );
    assert!(found("Dapr предлагает API.", "Dapr offers an API.").is_empty());
    // Kept in Latin letters: nothing to say.
    assert!(found(
        "См. [пример SimpleStockTicker](https://x).",
        "See the [SimpleStockTicker sample](https://x).",
    )
    .is_empty());
}
