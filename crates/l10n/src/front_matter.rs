//! The YAML front matter at the top of a guide (`---` … `---`): its
//! translated values, `title:` and `description:`, checked like segments
//! against the source's (`front-matter-empty`, `front-matter-untranslated`,
//! and the segment rules that apply to a text: code spans, technical tokens,
//! English left or glued, emphasis). A value left in English counts as prose
//! by the words that are not names, whatever their capitals (a title is in
//! Title Case).

use std::ops::Range;

use crate::doc::Segment;
use crate::rules::{self, Ctx};
use crate::text::{self, clip, LineIndex, Mapped};

/// The keys whose values are translated and checked.
const KEYS: &[&str] = &["title", "description"];

/// One top-level `key: value` of the front matter.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) key: String,
    /// The value, without its quotes; continuation lines without their
    /// indentation.
    pub(crate) value: Mapped,
    /// The value's byte range in the file.
    pub(crate) range: Range<usize>,
}

/// The top-level fields of the front matter, or `None` without one.
pub(crate) fn fields(text: &str, lines: &LineIndex) -> Option<Vec<Field>> {
    let body_start = if text.starts_with("---\n") {
        4
    } else if text.starts_with("---\r\n") {
        5
    } else {
        return None;
    };
    // Lines of the front matter: (start, line without its line break).
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut pos = body_start;
    let mut closed = false;
    for line in text[body_start..].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare.trim_end() == "---" || bare.trim_end() == "..." {
            closed = true;
            break;
        }
        body.push((pos, bare));
        pos += line.len();
    }
    if !closed {
        return None;
    }
    let indented = |l: &str| l.starts_with([' ', '\t']) || l.trim().is_empty();
    let mut out = Vec::new();
    let mut k = 0;
    while k < body.len() {
        let (start, line) = body[k];
        k += 1;
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = &line[..colon];
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || "_.-".contains(c))
        {
            continue;
        }
        // The following indented lines: the value's continuation.
        let first_cont = k;
        while k < body.len() && indented(body[k].1) {
            k += 1;
        }
        let mut last_cont = k;
        while last_cont > first_cont && body[last_cont - 1].1.trim().is_empty() {
            last_cont -= 1;
        }
        let cont_end = (last_cont > first_cont).then(|| {
            let (s, l) = body[last_cont - 1];
            s + l.trim_end().len()
        });
        let rest = &line[colon + 1..];
        let lead = rest.len() - rest.trim_start().len();
        let vstart = start + colon + 1 + lead;
        let rest = rest.trim();
        let range = if rest.starts_with(['|', '>']) {
            // A block scalar: the indented lines.
            match cont_end {
                Some(end) => {
                    let (s, l) = body[first_cont];
                    let s = s + (l.len() - l.trim_start().len());
                    s..end
                }
                None => vstart + rest.len()..vstart + rest.len(),
            }
        } else if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            // Quoted: up to the closing quote, possibly on a later line.
            let from = vstart + 1;
            let limit = cont_end.unwrap_or(vstart + rest.len()).max(from);
            let hay = &text[from..limit];
            let mut end = None;
            let mut escaped = false;
            let mut chars = hay.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if q == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == q && !escaped {
                    // `''` in single quotes is a quote.
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == q) {
                        chars.next();
                        continue;
                    }
                    end = Some(from + i);
                    break;
                }
                escaped = false;
            }
            from..end.unwrap_or(limit)
        } else {
            // Plain: up to a comment, with its continuation lines.
            let own = rest.find(" #").map_or(rest, |i| rest[..i].trim_end());
            let end = cont_end.unwrap_or(vstart + own.len());
            vstart..end.max(vstart + own.len())
        };
        out.push(Field {
            key: key.to_string(),
            value: Mapped::from_range(lines, range.clone()),
            range,
        });
    }
    Some(out)
}

/// Findings on the localized front matter's translated values against the
/// source's: (rule, file offset, message).
pub(crate) fn check(
    localized: &str,
    lines: &LineIndex,
    source: &str,
    ctx: &Ctx,
) -> Vec<(&'static str, usize, String)> {
    let mut out = Vec::new();
    let Some(sfields) = fields(source, &LineIndex::new(source)) else {
        return out;
    };
    let lfields = fields(localized, lines).unwrap_or_default();
    for &key in KEYS {
        let Some(sv) = sfields.iter().find(|f| f.key == key) else {
            continue;
        };
        let src = sv.value.text.trim();
        if src.is_empty() {
            continue;
        }
        let Some(lv) = lfields.iter().find(|f| f.key == key) else {
            out.push((
                "front-matter-empty",
                0,
                format!(
                    "the front matter has no `{key}:`; the source's is \"{}\"",
                    clip(src, 60)
                ),
            ));
            continue;
        };
        let seg = Segment {
            id: None,
            text: lv.value.clone(),
            source: Some(sv.value.text.clone()),
            outer: lv.range.clone(),
        };
        let mut raw = Vec::new();
        rules::check_segment(&seg, ctx, &mut raw);
        // A title is in Title Case: "Docker - gRPC for WCF Developers" left
        // as it is is English although most of its words have capitals.
        let untranslated = raw.iter().any(|f| f.0 == "segment-untranslated");
        if !untranslated
            && ctx.untranslated_allowed
            && text::same_words(&lv.value.text, src)
            && text::is_title_prose(&text::words(src), |w| ctx.names.has_word(w))
        {
            raw.push((
                "segment-untranslated",
                0,
                format!(
                    "the translation is the English source unchanged: \"{}\"",
                    clip(src, 60)
                ),
            ));
        }
        for (rule, at, message) in raw {
            let rule = match rule {
                "segment-empty" => "front-matter-empty",
                "segment-untranslated" => "front-matter-untranslated",
                other => other,
            };
            let at = seg.text.file_offset(at.min(seg.text.text.len()));
            // An error mark stays at the start of the message.
            let (error, text) = rules::unmark(&message);
            let message = format!("front matter `{key}`: {text}");
            out.push((
                rule,
                at,
                if error {
                    rules::certain(&message)
                } else {
                    message
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String, String)> {
        let lines = LineIndex::new(text);
        fields(text, &lines)
            .unwrap()
            .into_iter()
            .map(|f| (f.key, f.value.text, text[f.range].to_string()))
            .collect()
    }

    #[test]
    fn plain_quoted_and_block_values() {
        let t = "---\ntitle: Docker - gRPC \ndescription: \"Créer des images\" # c\nms.date: 09/02/2019\nlong: >-\n  Une ligne\n  et une autre\n\nx: 'l''image'\nempty:\n---\n# T\n";
        let v = values(t);
        assert_eq!(
            v[0],
            (
                "title".into(),
                "Docker - gRPC".into(),
                "Docker - gRPC".into()
            )
        );
        assert_eq!(v[1].1, "Créer des images");
        assert_eq!(v[2].1, "09/02/2019");
        assert_eq!(v[3].1, "Une ligne\net une autre");
        assert_eq!(v[4].1, "l''image");
        assert_eq!(v[5].1, "");
        assert!(fields("# T\n", &LineIndex::new("# T\n")).is_none());
        assert!(fields("---\ntitle: x\n", &LineIndex::new("---\ntitle: x\n")).is_none());
    }
}
