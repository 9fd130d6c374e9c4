//! The words the role of a span is read by: conjunctions, clause ends, and
//! the verb endings and particles of Japanese, Korean and Chinese.

/// "And" and "or" in the translations' languages.
pub(super) const CONJUNCTIONS: &[&str] = &[
    "および",
    "及び",
    "と",
    "や",
    "または",
    "又は",
    "或いは",
    "和",
    "与",
    "及",
    "以及",
    "或",
    "或者",
    "및",
    "또는",
    "과",
    "와",
    "и",
    "или",
    "а",
    "y",
    "e",
    "o",
    "u",
    "ou",
    "et",
    "und",
    "oder",
    "ed",
    "od",
];

/// Chinese verbs that take a span as their object (`运行 `docker build``).
pub(super) const ZH_VERBS: &[&str] = &[
    "运行",
    "执行",
    "使用",
    "调用",
    "输入",
    "键入",
    "安装",
    "打开",
    "创建",
    "返回",
    "设置",
    "指定",
    "添加",
    "导入",
    "编辑",
    "删除",
    "启动",
    "访问",
    "包含",
    "引用",
    "选择",
    "参阅",
    "查看",
    "运行命令",
    // With the complement that takes the object after it (`设置为 `$False``).
    "设置为",
    "设为",
    "更改为",
    "改为",
    "指定为",
    "转换为",
    "添加到",
    "传递给",
    "传递到",
    "复制到",
    "移动到",
    "发送到",
    "保存到",
    "绑定到",
    "重定向到",
    "输出到",
];

/// Marks that end a clause.
pub(super) const CLAUSE_END: &[char] = &[
    '、', '。', '，', '．', '；', '：', '！', '？', ',', '.', ';', ':', '!', '?',
];

/// Japanese verb endings that follow a verb stem, never a noun or a span.
pub(super) const JA_ENDINGS: &[&str] = &[
    "ます",
    "ません",
    "ました",
    "ませ",
    "れます",
    "れません",
    "れました",
    "られます",
    "なります",
    "なりません",
];

/// Japanese endings that follow a verbal noun (`抑制 します`): a span
/// between such a noun and them splits the verb.
pub(super) const JA_SURU: &[&str] = &[
    "します",
    "しません",
    "しました",
    "し、",
    "し。",
    "して",
    "し ",
    // The plain and passive forms (`表示 `X` するのではなく`, `削除 `X` される`).
    "する",
    "され",
];

/// Japanese verbal nouns a command or a path is the object of (`実行`,
/// `変更`): written before the span with no particle between, the span has
/// moved after its verb (`実行`sudo nginx -t`構成…`, `変更`/etc/…`です`).
pub(in crate::rules) const JA_VERBAL_NOUNS: &[&str] = &[
    "実行",
    "変更",
    "使用",
    "作成",
    "指定",
    "追加",
    "設定",
    "確認",
    "参照",
    "入力",
    "編集",
    "削除",
    "選択",
    "更新",
    "登録",
    "起動",
    "定義",
    "呼び出し",
    "インストール",
];

/// Endings of a Japanese sentence's final predicate: nothing but the full
/// stop comes after them.
pub(super) const JA_FINAL: &[&str] = &["ます", "ません", "ました", "ください", "です", "でした"];

/// Japanese particles: one that starts a clause has lost its noun.
pub(super) const JA_PARTICLES: &[char] = &['を', 'は', 'が', 'に', 'で', 'も'];

/// Korean verb stems and the endings that follow them (`하 … 고`,
/// `하지 … 않습니다`), and the `하다` endings that follow a verbal noun.
pub(super) const KO_STEMS: &[&str] = &["하", "하지", "되", "되지"];
pub(super) const KO_HADA: &[&str] = &[
    "합니다",
    "됩니다",
    "하는",
    "할",
    "하고",
    "하여",
    "하므로",
    "하면",
    "하기",
    "하 고",
    "하 여",
    "하 지",
    "하 면",
    "하 기",
    "되 고",
    "되 어",
];
