//! What machine translation leaves where a token of the source was: quotes
//! emptied (`&quot; &quot; también se deben especificar-a y-c` for
//! `"-a" and "-c" must also be specified`: the switches pulled out of
//! their quotes and glued to a word), and the translation tool's own
//! placeholders (`@no__t-0`) standing for a cross-reference. The reader can
//! no longer tell what to type: `technical-token-translated`, an error.

use super::side::{certain, Raw, Side};

/// The quotes of the prose, outside code, HTML and link targets: `(offset,
/// length)` of each `"` or `&quot;`.
fn quotes(side: &Side) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut masked = side.inl.cursor();
    let bytes = side.text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let len = if bytes[i] == b'"' {
            1
        } else if bytes[i..].starts_with(b"&quot;") {
            6
        } else {
            0
        };
        if len > 0 && !masked.at(i) {
            out.push((i, len));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// Offsets of the pairs of quotes with nothing but spaces between them,
/// the quotes taken in pairs in order.
fn empty_pairs(side: &Side) -> Vec<usize> {
    quotes(side)
        .chunks_exact(2)
        .filter(|p| side.text[p[0].0 + p[0].1..p[1].0].trim().is_empty())
        .map(|p| p[0].0)
        .collect()
}

pub(super) fn emptied(t: &Side, s: &Side, out: &mut Vec<Raw>) {
    let empty = empty_pairs(t);
    if empty.len() > empty_pairs(s).len() {
        let quoted: Vec<&str> = quotes(s)
            .chunks_exact(2)
            .map(|p| s.text[p[0].0 + p[0].1..p[1].0].trim())
            .filter(|q| !q.is_empty())
            .collect();
        if let Some(first) = quoted.first() {
            out.push((
                "technical-token-translated",
                empty[0],
                certain(&format!(
                    "quotes left empty: the source quotes \"{first}\", which the translation has moved out of its quotes or lost; keep \"{first}\" inside them"
                )),
            ));
        }
    }
    // Parentheses left empty (`Asterisk( )`, `솔루션 옵션 () 파일` for
    // "solution options (`.suo`) file"): what they held moved out.
    let parens = |side: &Side| -> Vec<usize> {
        let mut masked = side.inl.cursor();
        let b = side.text.as_bytes();
        (0..b.len())
            .filter(|&i| b[i] == b'(')
            .filter(|&i| {
                let rest = &side.text[i + 1..];
                let inner = rest.len() - rest.trim_start().len();
                rest[inner..].starts_with(')') && !masked.at(i)
            })
            .filter(|&i| {
                // Not a call's (`ToString()`): a word right before it.
                !side.text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                    || side.text[i + 1..].starts_with(' ')
            })
            .collect()
    };
    // What the source's parentheses held: a sign or a token (`\*`, `*.txt`),
    // not words (`(Go)`, `(iterating)`, whose loss is the prose's), nor a
    // code span (the span rules', `code-span-moved`).
    let mut masked = s.inl.cursor();
    let held_plain = s.text.match_indices('(').any(|(i, _)| {
        // Not a link's target.
        !masked.at(i)
            && !s.text[..i].ends_with(']')
            && s.text[i + 1..].split_once(')').is_some_and(|(inner, _)| {
                let inner = inner.trim();
                !inner.is_empty()
                    && !inner.contains('`')
                    && inner
                        .chars()
                        .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
            })
    });
    let t_parens = parens(t);
    if held_plain && t_parens.len() > parens(s).len() {
        out.push((
            "technical-token-translated",
            t_parens[0],
            certain(
                "parentheses left empty: what the source has inside them was moved out or lost; keep it inside",
            ),
        ));
    }
    const TOOL: &str = "@no__t";
    if let Some(at) = t.text.find(TOOL) {
        if !s.text.contains(TOOL) {
            out.push((
                "technical-token-translated",
                at,
                certain(
                    "a placeholder of the translation tool (\"@no__t\") stands where the source has a name or a cross-reference; write the source's name",
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::side::run_rule;
    use super::*;

    fn found(tr: &str, src: &str) -> usize {
        run_rule(emptied, tr, src).len()
    }

    #[test]
    fn quotes_left_empty() {
        assert_eq!(
            found(
                "Cuando se especifica, &quot; &quot; &quot; &quot; también se deben especificar-a y-c.",
                "When specified, &quot;-a&quot; and &quot;-c&quot; must also be specified."
            ),
            1
        );
        assert_eq!(
            found(
                "Aunque se \" \" puede especificar la rama CURRENT_USER",
                "Although the \"CURRENT_USER\" branch can be specified"
            ),
            1
        );
        // Quotes kept round their text, and quotes inside HTML or code.
        assert_eq!(
            found(
                "Se deben especificar \"-a\" y \"-c\" en <a href=\"x.md\">el</a> `\"\"`.",
                "\"-a\" and \"-c\" must be specified in <a href=\"x.md\">the</a> `\"\"`."
            ),
            0
        );
        // An empty string the source has too.
        assert_eq!(found("la cadena \"\" vacía", "the empty string \"\""), 0);
    }

    #[test]
    fn parentheses_left_empty() {
        // A code span moved out is the span rules'.
        assert_eq!(
            found(
                "솔루션 옵션 () 파일 각 솔루션 `.suo`",
                "the solution options (`.suo`) file"
            ),
            0
        );
        assert_eq!(found("해석된 Asterisk( ) \\* 방식", "Asterisk (\\*) is"), 1);
        // A call's parentheses, as the source has them.
        assert_eq!(found("llame a ToString() aquí", "call ToString() here"), 0);
        assert_eq!(found("llame a `f()` aquí", "call `f()` here"), 0);
    }

    #[test]
    fn tool_placeholders() {
        assert_eq!(
            found(
                "由于 @no__t 0 和 @no__t 1 类实现了",
                "Because the <xref:System.IO.TextWriter> and <xref:System.IO.TextReader> classes implement"
            ),
            1
        );
    }
}
