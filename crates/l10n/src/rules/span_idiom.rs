//! `code-span-moved`: a span inside a fixed expression of the translation's
//! language, or between a modal verb and its infinitive. Machine
//! translation treats each span as a placeholder and sometimes drops it
//! between words that only go together (`A `protoc` continuación` for "The
//! `protoc` compiler will then…", `как CLI, так `kubectl` и сервер`,
//! `должна `kubectl` поддерживать`): no sentence puts a name there, so
//! the evidence is structural, an error.

use super::side::{certain, Raw, Side};

/// Expressions of two words or more that nothing comes between (Spanish,
/// Portuguese, French, Italian, German, Russian), in lower case.
const EXPRESSIONS: &[&str] = &[
    // Spanish
    "a continuación",
    "sin embargo",
    "por ejemplo",
    "es decir",
    "a través de",
    "por lo tanto",
    "en lugar de",
    "a partir de",
    "de forma predeterminada",
    "de manera predeterminada",
    "de nuevo",
    "al menos",
    "por lo general",
    "de hecho",
    "en cambio",
    "a menudo",
    "además de",
    "junto con",
    "con respecto a",
    // Portuguese
    "em vez de",
    "por exemplo",
    "ou seja",
    "por padrão",
    "além disso",
    "no entanto",
    "por meio de",
    "em seguida",
    "pelo menos",
    // French
    "par exemple",
    "c'est-à-dire",
    "c’est-à-dire",
    "à partir de",
    "par défaut",
    "au lieu de",
    "en revanche",
    "par conséquent",
    "au moins",
    "grâce à",
    "à l'aide de",
    "à l’aide de",
    // Italian
    "ad esempio",
    "per esempio",
    "invece di",
    "a partire da",
    "per impostazione predefinita",
    // German
    "zum beispiel",
    "das heißt",
    "mit hilfe",
    "im gegensatz zu",
    // Russian
    "так и",
    "а также",
    "в том числе",
    "с помощью",
    "по умолчанию",
    "то есть",
    "так как",
    "для того чтобы",
    "в качестве",
    "в отличие от",
];

/// Chinese and Japanese words in two parts that nothing comes between:
/// "the next" (`次`OnClick`の`); a Chinese verb and its complement once
/// `将` or `把` has put the object before the verb (`将此类添加 `Product` 到`
/// for "add this `Product` class to"; without them `设置 `X` 为 `Y`` is
/// fine Chinese).
const CJK_FRAMES: &[(&str, &str)] = &[
    ("次", "の"),
    ("添加", "到"),
    ("传递", "给"),
    ("传递", "到"),
    ("绑定", "到"),
    ("复制", "到"),
    ("移动", "到"),
    ("发送", "到"),
    ("发送", "给"),
    ("写入", "到"),
    ("输出", "到"),
    ("重定向", "到"),
    ("设置", "为"),
    ("指定", "为"),
    ("更改", "为"),
    ("转换", "为"),
    ("保存", "到"),
];

/// Russian modal words after which an infinitive follows with nothing
/// between them but an adverb (`должна поддерживать`, `можно использовать`).
const MODALS: &[&str] = &[
    "должен",
    "должна",
    "должно",
    "должны",
    "может",
    "могут",
    "можно",
    "нужно",
    "необходимо",
    "следует",
    "надо",
];

/// A Russian infinitive (`поддерживать`, `использоваться`, `идти`, `мочь`).
fn infinitive(w: &str) -> bool {
    ["ть", "ти", "чь", "ться", "тись"]
        .iter()
        .any(|e| w.ends_with(e) && w.chars().count() > e.chars().count() + 2)
}

/// The words of `text` (lower case, punctuation trimmed at their ends).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
                .to_lowercase()
        })
        .collect()
}

pub(super) fn span_in_expression(t: &Side, out: &mut Vec<Raw>) {
    if t.inl.codes.is_empty() {
        return;
    }
    let mut moved = super::moved_spans(out);
    for code in &t.inl.codes {
        if code.in_link.is_some() || moved.contains(&code.range.start) {
            continue;
        }
        // The words right before and after the span, within its sentence
        // (and within 120 bytes: an expression is short, a segment may not be).
        let from = t
            .text
            .floor_char_boundary(code.range.start.saturating_sub(120));
        let to = t
            .text
            .ceil_char_boundary((code.range.end + 120).min(t.text.len()));
        let before_text = &t.text[from..code.range.start];
        let before_text = before_text
            .rfind(['.', '!', '?', ':', ';', ',', '\u{1}'])
            .map_or(before_text, |i| &before_text[i + 1..]);
        let after_text = &t.text[code.range.end..to];
        let after_text = after_text
            .find(['.', '!', '?', ':', ';', ',', '`'])
            .map_or(after_text, |i| &after_text[..i]);
        let ba = before_text.contains(['将', '把']);
        let frame = CJK_FRAMES.iter().find(|(head, tail)| {
            (ba || *head == "次")
                && before_text.trim_end().ends_with(head)
                && after_text.trim_start().starts_with(tail)
        });
        if let Some((head, tail)) = frame {
            moved.insert(code.range.start);
            out.push((
                "code-span-moved",
                code.range.start,
                certain(&format!(
                    "code span {} is not where the source has it: it now stands inside \"{head}…{tail}\", which nothing comes between",
                    code.shown()
                )),
            ));
            continue;
        }
        if !after_text.starts_with(char::is_whitespace)
            || !before_text.ends_with(char::is_whitespace)
        {
            continue;
        }
        let before = words(before_text);
        let after = words(after_text);
        let why = expression_around(&before, &after)
            .map(|e| format!("it now stands inside the expression \"{e}\""))
            .or_else(|| modal_around(&before, &after))
            .or_else(|| article_cut(before_text));
        if let Some(why) = why {
            moved.insert(code.range.start);
            out.push((
                "code-span-moved",
                code.range.start,
                certain(&format!(
                    "code span {} is not where the source has it: {why}",
                    code.shown()
                )),
            ));
        }
    }
}

/// The expression the span splits: its first words end `before`, the rest
/// start `after`. None of them is English, so an English text has none.
fn expression_around(before: &[String], after: &[String]) -> Option<&'static str> {
    EXPRESSIONS.iter().copied().find(|e| {
        let parts: Vec<&str> = e.split(' ').collect();
        (1..parts.len()).any(|k| {
            let (head, tail) = parts.split_at(k);
            before.len() >= head.len()
                && after.len() >= tail.len()
                && before[before.len() - head.len()..]
                    .iter()
                    .zip(head)
                    .all(|(w, h)| w == h)
                && after.iter().zip(tail).all(|(w, h)| w == h)
        })
    })
}

/// An article cut from its noun by the span: a French or Italian elision
/// followed by a space (`L' `Split-Path` applet`), a German article with a
/// compound's hyphen (`Das- `Split-Path` Cmdlet`).
fn article_cut(before_text: &str) -> Option<String> {
    let b = before_text.trim_end();
    let last = b.rsplit(char::is_whitespace).next()?;
    let lower = last.to_lowercase();
    let elided = [
        "l'", "l’", "d'", "d’", "qu'", "qu’", "un'", "un’", "dell'", "dell’",
    ]
    .contains(&lower.as_str());
    let hyphened = [
        "das-", "der-", "die-", "den-", "dem-", "des-", "ein-", "eine-", "einen-",
    ]
    .contains(&lower.as_str());
    (elided || hyphened).then(|| {
        format!("it now stands between the article \"{last}\" and the noun it was written onto")
    })
}

/// A span between a Russian modal and its infinitive.
fn modal_around(before: &[String], after: &[String]) -> Option<String> {
    let modal = before.last()?;
    let next = after.first()?;
    (MODALS.contains(&modal.as_str()) && infinitive(next))
        .then(|| format!("it now splits \"{modal} {next}\", a modal verb and its infinitive"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::RefDefs;

    fn found(tr: &str, _src: &str) -> Vec<String> {
        let refs = RefDefs::new();
        let t = Side::new(tr, &refs);
        let mut out = Vec::new();
        span_in_expression(&t, &mut out);
        out.into_iter().map(|f| f.2).collect()
    }

    #[test]
    fn spans_inside_expressions() {
        let src = "The `protoc` compiler will then generate the .NET class.";
        let f = found(
            "A `protoc` continuación, el compilador generará la clase .NET.",
            src,
        );
        assert!(f[0].contains("\"a continuación\""), "{f:?}");
        assert!(found(
            "A continuación, el compilador `protoc` generará la clase .NET.",
            src
        )
        .is_empty());
        let src = "both the `kubectl` CLI and the Kubernetes server run version 1.14.6.";
        assert_eq!(
            found("как CLI, так `kubectl` и сервер Kubernetes работают", src).len(),
            1
        );
        assert!(found("как CLI `kubectl`, так и сервер Kubernetes", src).is_empty());
    }

    #[test]
    fn articles_cut_from_their_noun() {
        let src = "The `Split-Path` cmdlet returns only the specified part of a path.";
        assert_eq!(
            found(
                "L' `Split-Path` applet de commande retourne une partie.",
                src
            )
            .len(),
            1
        );
        assert_eq!(
            found("Das- `Split-Path` Cmdlet gibt nur einen Teil zurück.", src).len(),
            1
        );
        assert!(found(
            "L'applet de commande `Split-Path` retourne une partie.",
            src
        )
        .is_empty());
        assert!(found("Das `Split-Path`-Cmdlet gibt nur einen Teil zurück.", src).is_empty());
    }

    #[test]
    fn spans_between_a_modal_and_its_infinitive() {
        let src = "Each version of `kubectl` is supposed to support the server.";
        let f = found("Каждая версия должна `kubectl` поддерживать сервер.", src);
        assert!(f[0].contains("\"должна поддерживать\""), "{f:?}");
        assert!(found("Каждая версия `kubectl` должна поддерживать сервер.", src).is_empty());
        // A noun after the span: the span may be the subject.
        assert!(found("Можно `kubectl` версии 1.14.", src).is_empty());
    }
}
