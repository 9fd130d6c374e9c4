//! The nouns a code span most often names in documentation (`the `X` file`,
//! `the `X` parameter`), with their usual translations, so that the noun can
//! be found in a translation of any script: the span's place is then judged
//! by the noun it names, not by words spelt the same on both sides.
//!
//! Forms in Latin or Cyrillic letters are stems, matched at the start of a
//! word with up to four more letters (`файл` in `файла`, `parámetro` in
//! `parámetros`); forms in Chinese, Japanese or Korean are matched anywhere
//! (`파일을`, `ファイルを`). Where forms overlap, the longest wins, so that
//! `コマンドレット` is a cmdlet and not a `コマンド`, `매개 변수` a parameter and not
//! a `변수`. Single characters that start common words (`键`, `包`, `키`) are
//! left out.

use std::ops::Range;

use super::side::Side;
use crate::text::{hangul, no_space_script};

pub(super) struct Noun {
    /// English forms, lower case.
    pub(super) en: &'static [&'static str],
    /// Translations: Chinese (simplified, traditional), Japanese, Korean,
    /// Russian, Spanish, Portuguese, French, Italian, German, Polish.
    tr: &'static [&'static str],
}

const fn n(en: &'static [&'static str], tr: &'static [&'static str]) -> Noun {
    Noun { en, tr }
}

pub(super) const NOUNS: &[Noun] = &[
    n(
        &["file", "files"],
        &[
            "文件", "檔案", "ファイル", "파일", "файл", "archivo", "fichero", "arquivo", "ficheiro",
            "fichier", "file", "datei", "plik",
        ],
    ),
    n(
        &["directory", "directories"],
        &[
            "目录", "目錄", "ディレクトリ", "디렉터리", "디렉토리", "каталог", "директори",
            "directorio", "diretório", "répertoire", "verzeichnis", "katalog",
        ],
    ),
    n(
        &["subdirectory", "subdirectories"],
        &[
            "子目录", "子目錄", "サブディレクトリ", "하위 디렉터리", "하위 디렉토리", "подкаталог",
            "subdirectorio", "subdiretório", "sous-répertoire", "unterverzeichnis", "podkatalog",
        ],
    ),
    n(
        &["subfolder", "subfolders"],
        &[
            "子文件夹", "子資料夾", "サブフォルダー", "하위 폴더", "подпапк", "subcarpeta",
            "subpasta", "sous-dossier", "unterordner",
        ],
    ),
    n(
        &["folder", "folders"],
        &[
            "文件夹", "資料夾", "フォルダー", "フォルダ", "폴더", "папк", "carpeta", "pasta",
            "dossier", "cartella", "ordner", "folder",
        ],
    ),
    n(&["cmdlet", "cmdlets"], &["cmdlet", "コマンドレット", "командлет"]),
    n(
        &["command", "commands"],
        &[
            "命令", "コマンド", "명령", "команд", "comando", "commande", "befehl", "polecen",
        ],
    ),
    n(
        &["parameter", "parameters"],
        &[
            "参数", "參數", "パラメーター", "パラメータ", "매개 변수", "매개변수", "параметр",
            "parámetro", "parâmetro", "paramètre", "parametro", "parameter", "parametr",
        ],
    ),
    n(
        &["variable", "variables"],
        &[
            "变量", "變數", "変数", "변수", "переменн", "variable", "variável", "variabile",
            "zmienn",
        ],
    ),
    n(
        &["value", "values"],
        &[
            "值", "値", "값", "значени", "valor", "valeur", "valore", "wert", "wartoś",
        ],
    ),
    n(
        &["property", "properties"],
        &[
            "属性", "屬性", "プロパティ", "속성", "свойств", "propiedad", "propriedade",
            "propriété", "proprietà", "eigenschaft", "właściwoś",
        ],
    ),
    n(
        &["operator", "operators"],
        &[
            "运算符", "運算子", "演算子", "연산자", "оператор", "operador", "opérateur",
            "operatore", "operator",
        ],
    ),
    n(
        &["provider", "providers"],
        &[
            "提供程序", "提供者", "プロバイダー", "プロバイダ", "공급자", "поставщик", "proveedor",
            "provedor", "fournisseur", "anbieter", "dostawc",
        ],
    ),
    n(
        &["drive", "drives"],
        &[
            "驱动器", "磁碟機", "ドライブ", "드라이브", "диск", "unidad", "unidade", "lecteur",
            "unità", "laufwerk", "dysk",
        ],
    ),
    n(
        &["object", "objects"],
        &[
            "对象", "物件", "オブジェクト", "개체", "объект", "objeto", "objet", "oggetto",
            "objekt", "obiekt",
        ],
    ),
    n(
        &["method", "methods"],
        &[
            "方法", "メソッド", "메서드", "метод", "método", "méthode", "metodo", "methode",
            "metod",
        ],
    ),
    n(
        &["class", "classes"],
        &["クラス", "클래스", "класс", "clase", "classe", "klasse", "klas"],
    ),
    n(
        &["extension", "extensions"],
        &[
            "扩展名", "副檔名", "拡張子", "확장명", "확장자", "расширени", "extensión", "extensão",
            "extension", "estensione", "erweiterung", "rozszerzeni",
        ],
    ),
    n(
        &["function", "functions"],
        &[
            "函数", "函式", "関数", "함수", "функци", "función", "função", "fonction", "funzione",
            "funktion", "funkcj",
        ],
    ),
    n(
        &["module", "modules"],
        &[
            "模块", "模組", "モジュール", "모듈", "модул", "módulo", "module", "modulo", "modul",
        ],
    ),
    n(
        &["string", "strings"],
        &[
            "字符串", "字串", "文字列", "문자열", "строк", "cadena", "cadeia", "chaîne", "stringa",
            "zeichenfolge", "ciąg",
        ],
    ),
    n(
        &["image", "images"],
        &[
            "映像", "镜像", "イメージ", "이미지", "образ", "imagen", "imagem", "image",
            "immagine", "obraz",
        ],
    ),
    n(
        &["container", "containers"],
        &[
            "容器", "コンテナー", "コンテナ", "컨테이너", "контейнер", "contenedor", "contêiner",
            "conteneur", "container", "kontener",
        ],
    ),
    n(
        &["alias", "aliases"],
        &["别名", "別名", "エイリアス", "별칭", "псевдоним", "alias"],
    ),
    n(
        &["statement", "statements"],
        &[
            "语句", "陳述式", "ステートメント", "instrucción", "instrução", "instruction",
            "istruzione", "anweisung", "instrukcj",
        ],
    ),
    n(
        &["subexpression", "subexpressions"],
        &[
            "子表达式", "子運算式", "部分式", "하위 식", "подвыражени", "subexpresión",
            "subexpressão", "sous-expression", "teilausdruck",
        ],
    ),
    n(
        &["stream", "streams"],
        &["ストリーム", "스트림", "поток", "secuencia", "fluxo", "flux", "flusso"],
    ),
    n(
        &["package", "packages"],
        &[
            "套件", "パッケージ", "패키지", "пакет", "paquete", "pacote", "paquet", "pacchetto",
            "paket", "pakiet",
        ],
    ),
    n(
        &["project", "projects"],
        &[
            "项目", "專案", "プロジェクト", "프로젝트", "проект", "proyecto", "projeto", "projet",
            "progetto", "projekt",
        ],
    ),
    n(
        &["option", "options"],
        &[
            "选项", "選項", "オプション", "옵션", "опци", "opción", "opção", "option", "opzione",
        ],
    ),
    n(
        &["argument", "arguments"],
        &["引数", "인수", "аргумент", "argumento", "argument", "argomento"],
    ),
    n(&["tag", "tags"], &["タグ", "태그", "тег", "etiqueta", "tag"]),
    n(
        &["script", "scripts"],
        &["脚本", "指令碼", "スクリプト", "스크립트", "скрипт", "script"],
    ),
    n(
        &["service", "services"],
        &[
            "服务", "服務", "サービス", "서비스", "служб", "servicio", "serviço", "service",
            "servizio", "dienst",
        ],
    ),
    n(
        &["process", "processes"],
        &[
            "进程", "處理序", "プロセス", "프로세스", "процесс", "proceso", "processo",
            "processus", "prozess", "proces",
        ],
    ),
    n(
        &["path", "paths"],
        &[
            "路径", "路徑", "パス", "경로", "ruta", "caminho", "chemin", "percorso", "pfad",
            "ścieżk",
        ],
    ),
    n(
        &["subkey", "subkeys"],
        &[
            "子项", "子機碼", "サブキー", "하위 키", "подраздел", "subclave", "subchave",
            "sous-clé",
        ],
    ),
    n(
        &["event", "events"],
        &["事件", "イベント", "이벤트", "событи", "evento", "événement"],
    ),
    n(
        &["character", "characters"],
        &[
            "字符", "字元", "문자", "символ", "carácter", "caractere", "caractère", "carattere",
            "zeichen",
        ],
    ),
    n(
        &["wildcard", "wildcards"],
        &[
            "通配符", "萬用字元", "ワイルドカード", "와일드카드", "와일드 카드", "подстановочн",
            "comodín", "curinga",
        ],
    ),
];

/// The entry whose English forms include `w` (lower case).
pub(super) fn entry(w: &str) -> Option<usize> {
    NOUNS.iter().position(|n| n.en.contains(&w))
}

/// Whether a form is written in a script without spaces or in Hangul: then
/// it is matched anywhere, particles glued after it.
fn anywhere(form: &str) -> bool {
    form.chars().any(|c| no_space_script(c) || hangul(c))
}

/// Where the translation has a noun of the table, outside code spans and
/// link targets: (byte range, entry), the longest form winning where forms
/// overlap.
pub(super) fn nouns_in(t: &Side) -> Vec<(Range<usize>, usize)> {
    let mut found: Vec<(Range<usize>, usize)> = Vec::new();
    let lower: Vec<(usize, String)> = t.words.iter().map(|&(o, w)| (o, w.to_lowercase())).collect();
    for (e, noun) in NOUNS.iter().enumerate() {
        for form in noun.tr {
            if anywhere(form) {
                for (i, _) in t.text.match_indices(form) {
                    found.push((i..i + form.len(), e));
                }
                continue;
            }
            for (o, w) in &lower {
                if w.starts_with(form) && w.chars().count() <= form.chars().count() + 4 {
                    // The whole word: the stem and its ending.
                    let len = t.words.iter().find(|x| x.0 == *o).map_or(0, |x| x.1.len());
                    found.push((*o..*o + len, e));
                }
            }
        }
    }
    let mut masked = t.inl.cursor();
    found.sort_by_key(|(r, _)| r.start);
    found.retain(|(r, _)| !masked.at(r.start));
    // Longest first; a match inside a longer one is the longer one's.
    let mut by_len: Vec<(Range<usize>, usize)> = found;
    by_len.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
    let mut kept: Vec<(Range<usize>, usize)> = Vec::new();
    for (r, e) in by_len {
        if kept
            .iter()
            .all(|(k, _)| r.end <= k.start || r.start >= k.end)
        {
            kept.push((r, e));
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::RefDefs;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let refs = RefDefs::new();
        let t = Side::new(text, &refs);
        nouns_in(&t)
            .into_iter()
            .map(|(r, e)| (t.text[r].to_string(), NOUNS[e].en[0]))
            .collect()
    }

    #[test]
    fn longest_form_wins_and_stems_take_endings() {
        assert_eq!(
            found("コマンドレットとコマンド"),
            [
                ("コマンドレット".to_string(), "cmdlet"),
                ("コマンド".to_string(), "command")
            ]
        );
        assert_eq!(found("매개 변수를"), [("매개 변수".to_string(), "parameter")]);
        assert_eq!(
            found("디렉터리에 하위 디렉터리의"),
            [
                ("디렉터리".to_string(), "directory"),
                ("하위 디렉터리".to_string(), "subdirectory")
            ]
        );
        assert_eq!(found("из файла"), [("файла".to_string(), "file")]);
        assert_eq!(found("командлета"), [("командлета".to_string(), "cmdlet")]);
        // Not inside a code span; not a longer word (`portable` is no port).
        assert!(found("`file` значение").iter().all(|(w, _)| w != "file"));
        assert_eq!(found("los parámetros"), [("parámetros".to_string(), "parameter")]);
    }
}
