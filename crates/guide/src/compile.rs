//! Every dialect's expectations and case settings compiled into the
//! [`model`](crate::model), once, at load: doccheck's and trycmd's lines
//! (`[..]`, `...`, `[EXE]`/`[ROOT]`/`[CWD]`, named substitutions), scrut's
//! rules and quantifiers, scrut's case configuration. A pattern that cannot
//! compile is an error at its line. What is compiled again at run time is only
//! what depends on values the run alone knows ([`with_values`],
//! [`interpolated`]), from pieces read here; and what `--update` writes back
//! in a dialect's words ([`written`]).

use crate::model::expect::{
    fill, Eol, Form, Matcher, Part, Piece, Quantity, Regex, Rule, Template, Value, Values,
};
use crate::model::{Behaviour, OutputLines};
use crate::scrut::case::Case;
use crate::scrut::{self, Expectation, Kind, Quantifier};

/// A line of a doccheck or trycmd transcript (or an output block): `[..]`
/// inside it, `...` alone, `[EXE]` nothing, `[ROOT]` and `[CWD]` the run's.
pub fn trimmed_line(text: &str, optional: bool) -> Matcher {
    let text = text.trim_end().replace("[EXE]", "");
    let any_lines = text.trim() == "...";
    Matcher {
        shown: pieces(&text),
        rule: if any_lines {
            Rule::AnyLines
        } else {
            Rule::Wildcards
        },
        quantity: match (any_lines, optional) {
            (true, _) => Quantity::Any,
            (false, true) => Quantity::Optional,
            (false, false) => Quantity::One,
        },
        template: None,
    }
}

/// `text` split at `[ROOT]` and `[CWD]`.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let next = [("[ROOT]", Value::Root), ("[CWD]", Value::Cwd)]
            .into_iter()
            .filter_map(|(token, v)| rest.find(token).map(|at| (at, token, v)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, token, value)) = next else {
            if !rest.is_empty() || out.is_empty() {
                out.push(Piece::Text(rest.to_string()));
            }
            return out;
        };
        if at > 0 {
            out.push(Piece::Text(rest[..at].to_string()));
        }
        out.push(Piece::Value(value));
        rest = &rest[at + token.len()..];
    }
}

/// A trimmed line with the guide's named substitutions (`[VERSION]` → a
/// regex) made a regex: literal text escaped, `[..]` as `.*`, each name as
/// its regex. A line without any stays as it is.
pub fn substituted(matcher: Matcher, named: &[(String, String)]) -> Result<Matcher, String> {
    if matcher.rule != Rule::Wildcards {
        return Ok(matcher);
    }
    let text_of = |p: &Piece| match p {
        Piece::Text(t) => t.clone(),
        Piece::Value(_) => String::new(),
    };
    let used: Vec<&(String, String)> = named
        .iter()
        .filter(|(token, _)| matcher.shown.iter().any(|p| text_of(p).contains(token)))
        .collect();
    if used.is_empty() {
        return Ok(matcher);
    }
    let mut source = vec![Piece::Text("^".into())];
    for piece in &matcher.shown {
        let Piece::Text(text) = piece else {
            source.push(piece.clone());
            continue;
        };
        let mut out = String::new();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let next = used
                .iter()
                .map(|(token, re)| (token.as_str(), format!("(?:{re})")))
                .chain([("[..]", ".*".to_string())])
                .filter_map(|(token, re)| rest.find(token).map(|at| (at, token, re)))
                .min_by_key(|(at, _, _)| *at);
            match next {
                Some((at, token, re)) => {
                    out.push_str(&regex::escape(&rest[..at]));
                    out.push_str(&re);
                    rest = &rest[at + token.len()..];
                }
                None => {
                    out.push_str(&regex::escape(rest));
                    rest = "";
                }
            }
        }
        source.push(Piece::Text(out));
    }
    source.push(Piece::Text("$".into()));
    // Checked now, with the values the run fills in left empty.
    let empty = Values { root: "", cwd: "" };
    let compiled = regex::Regex::new(&fill(&source, &empty, regex::escape)).map_err(|e| {
        format!(
            "`{}` cannot be matched with its substitutions as a regex: {}",
            matcher.text(),
            reason(&e)
        )
    })?;
    let with_values = source.iter().any(|p| matches!(p, Piece::Value(_)));
    Ok(Matcher {
        rule: match with_values {
            true => Rule::RegexWithValues(source),
            false => Rule::Regex(Regex(compiled)),
        },
        ..matcher
    })
}

/// A [`Rule::RegexWithValues`] with the run's values in (escaped); any
/// other rule as it is. A regex that would not compile falls back to the
/// line's wildcards.
pub fn with_values(rule: &Rule, values: &Values) -> Rule {
    match rule {
        Rule::RegexWithValues(source) => regex::Regex::new(&fill(source, values, regex::escape))
            .map_or(Rule::Wildcards, |r| Rule::Regex(Regex(r))),
        other => other.clone(),
    }
}

/// A line of a scrut case: `written` as the guide has it, `e` its rule.
pub fn scrut_line(written: &str, e: &Expectation) -> Result<Matcher, String> {
    let form = form(e.kind);
    let rule = rule(form, &e.text).ok_or_else(|| {
        let err = regex::Regex::new(&scrut::regex_source(&e.text))
            .err()
            .map(|e| reason(&e))
            .unwrap_or_default();
        format!("`{}` is not a regex scrut can use: {err}", e.text)
    })?;
    Ok(Matcher {
        shown: vec![Piece::Text(written.to_string())],
        rule,
        quantity: match e.quantifier {
            Quantifier::One => Quantity::One,
            Quantifier::Optional => Quantity::Optional,
            Quantifier::Any => Quantity::Any,
            Quantifier::OneOrMore => Quantity::OneOrMore,
        },
        template: None,
    })
}

fn form(kind: Kind) -> Form {
    match kind {
        Kind::Equal => Form::Equal(Eol::Required),
        Kind::NoEol => Form::Equal(Eol::Forbidden),
        Kind::Escaped => Form::Decoded,
        Kind::Glob => Form::Glob,
        Kind::EscapedGlob => Form::DecodedGlob,
        Kind::Regex => Form::Regex,
    }
}

/// The rule of `text` read as `form`; `None` for a regex that does not compile.
fn rule(form: Form, text: &str) -> Option<Rule> {
    let regex = |source: &str| {
        regex::Regex::new(source)
            .ok()
            .map(|r| Rule::Regex(Regex(r)))
    };
    match form {
        Form::Equal(eol) => Some(Rule::Equal {
            text: text.to_string(),
            eol,
        }),
        Form::Decoded => Some(Rule::Equal {
            text: scrut::unescape(text),
            eol: Eol::Either,
        }),
        Form::Glob => regex(&glob(text)),
        Form::DecodedGlob => regex(&glob(&scrut::unescape(text))),
        Form::Regex => regex(&scrut::regex_source(text)),
    }
}

/// `*` any text, `?` one character, everything else literal (scrut's globs
/// have no escapes and no classes).
fn glob(pattern: &str) -> String {
    let mut source = String::from("^");
    for c in pattern.chars() {
        match c {
            '*' => source.push_str(".*"),
            '?' => source.push('.'),
            c => source.push_str(&regex::escape(&c.to_string())),
        }
    }
    source.push('$');
    source
}

/// A regex error's last line, the one that says what is wrong.
fn reason(e: &regex::Error) -> String {
    e.to_string()
        .lines()
        .last()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string()
}

/// The names the lines of an interpolated case's command refer to (`$NAME`,
/// `${NAME}`), in order, once each; each line gets its template when there
/// are any. `rules` are the lines' rules as written, beside `matchers`.
pub fn interpolate(lines: &mut [(&str, &Expectation, &mut Matcher)]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (text, _, _) in lines.iter() {
        for part in parts(text) {
            if let Part::Name { name, .. } = part {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    if names.is_empty() {
        return names;
    }
    // With names, every line is read as scrut interpolates it (`$$` is `$`).
    for (text, e, matcher) in lines.iter_mut() {
        let template = Template {
            shown: parts(text),
            parts: parts(&e.text),
            form: form(e.kind),
        };
        let filled = interpolated_with(matcher, &template, &[]);
        **matcher = match has_names(&template) {
            true => Matcher {
                template: Some(template),
                ..filled
            },
            false => filled,
        };
    }
    names
}

fn has_names(t: &Template) -> bool {
    t.shown
        .iter()
        .chain(&t.parts)
        .any(|p| matches!(p, Part::Name { .. }))
}

/// `matcher` with its `$NAME`s' values in, when it has a template.
pub fn interpolated(matcher: &Matcher, values: &[(String, String)]) -> Matcher {
    match &matcher.template {
        Some(template) => interpolated_with(matcher, template, values),
        None => matcher.clone(),
    }
}

fn interpolated_with(matcher: &Matcher, t: &Template, values: &[(String, String)]) -> Matcher {
    Matcher {
        shown: vec![Piece::Text(Template::fill(&t.shown, values))],
        rule: rule(t.form, &Template::fill(&t.parts, values)).unwrap_or(Rule::Nothing),
        quantity: matcher.quantity,
        template: None,
    }
}

/// `$NAME` and `${NAME}` in `text`, as scrut's `interpolated: true` reads
/// them: `$$` is `$`; `${NAME}` letters and digits, `$NAME` and underscores.
pub fn parts(text: &str) -> Vec<Part> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            plain.push(chars[i]);
            i += 1;
            continue;
        }
        let rest = &chars[i + 1..];
        if rest.first() == Some(&'$') {
            plain.push('$');
            i += 2;
            continue;
        }
        let (name, used) = if rest.first() == Some(&'{') {
            let n = rest[1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            match rest.get(1 + n) {
                Some('}') if n > 0 => (rest[1..1 + n].iter().collect::<String>(), n + 2),
                _ => (String::new(), 0),
            }
        } else {
            let n = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                .count();
            (rest[..n].iter().collect(), n)
        };
        if used == 0 {
            plain.push('$');
        } else {
            if !plain.is_empty() {
                out.push(Part::Text(std::mem::take(&mut plain)));
            }
            out.push(Part::Name {
                name,
                written: chars[i..i + 1 + used].iter().collect(),
            });
        }
        i += 1 + used;
    }
    if !plain.is_empty() {
        out.push(Part::Text(plain));
    }
    out
}

/// A scrut case as the model's behaviour; no case, doccheck's own.
pub fn behaviour(case: Option<&Case>) -> Behaviour {
    let Some(case) = case else {
        return Behaviour::default();
    };
    Behaviour {
        stream: case.stream,
        lines: OutputLines::Exact {
            keep_crlf: case.keep_crlf,
            strip_ansi: case.strip_ansi,
        },
        exit_first: true,
        skip_code: Some(case.skip_document_code),
        wait: case.wait.clone(),
        detached: case.detached,
        environment: case.environment.clone(),
        location_variable: Some("SCRUT_TEST"),
        convention: Some("scrut"),
    }
}

/// An output line as an expected line that matches it, in the words of
/// the lines `lines` reads: as is, or (exact lines, scrut's) escaped or
/// marked as its rule needs. `no_eol`: the output's last line lacks its newline.
pub fn written(lines: OutputLines, line: &str, no_eol: bool) -> String {
    match lines {
        OutputLines::Trimmed => line.to_string(),
        OutputLines::Exact { .. } => scrut::expectation_for(line, no_eol),
    }
}

#[cfg(test)]
mod tests;
