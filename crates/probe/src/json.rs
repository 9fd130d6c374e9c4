//! Subset matching of JSON answers.

use serde_json::Value;

/// JSON subset match used to check a probe's answer.
///
/// Every field of an object in `expected` must be present in `actual` with a
/// matching value; `actual` may have more fields. Objects are compared
/// recursively as subsets. Arrays must have the same length and match element
/// by element, in order (elements that are objects are again compared as
/// subsets). Numbers are equal when they are the same number (`1` matches
/// `1.0`); a number never matches a string (`1` does not match `"1"`, as
/// proto3 JSON writes 64-bit integers as strings). Everything else must be
/// equal.
///
/// Returns `Err` with a description of the first mismatch and its JSON path,
/// e.g. `at $.stock.symbol: expected "MSFT", found "AAPL"`.
pub fn json_contains(actual: &Value, expected: &Value) -> Result<(), String> {
    let mut path = String::from("$");
    walk(actual, expected, &mut path)
}

fn walk(actual: &Value, expected: &Value, path: &mut String) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(exp), Value::Object(act)) => {
            for (key, exp_value) in exp {
                let len = path.len();
                push_key(path, key);
                match act.get(key) {
                    Some(act_value) => walk(act_value, exp_value, path)?,
                    None => {
                        path.truncate(len);
                        let present: Vec<String> = act.keys().map(|k| quote(k)).collect();
                        return Err(format!(
                            "at {path}: missing field {} (present: {})",
                            quote(key),
                            if present.is_empty() {
                                "none".to_string()
                            } else {
                                present.join(", ")
                            }
                        ));
                    }
                }
                path.truncate(len);
            }
            Ok(())
        }
        (Value::Array(exp), Value::Array(act)) => {
            if exp.len() != act.len() {
                return Err(format!(
                    "at {path}: expected an array of {} element{}, found {} element{}",
                    exp.len(),
                    plural(exp.len()),
                    act.len(),
                    plural(act.len())
                ));
            }
            for (i, (e, a)) in exp.iter().zip(act).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(a, e, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        (Value::Number(e), Value::Number(a)) => {
            let equal = e == a
                || match (e.as_f64(), a.as_f64()) {
                    (Some(x), Some(y)) => x == y,
                    _ => false,
                };
            if equal {
                Ok(())
            } else {
                Err(mismatch(path, expected, actual))
            }
        }
        _ if expected == actual => Ok(()),
        _ => Err(mismatch(path, expected, actual)),
    }
}

fn mismatch(path: &str, expected: &Value, actual: &Value) -> String {
    if kind(expected) == kind(actual) {
        format!(
            "at {path}: expected {}, found {}",
            short(expected),
            short(actual)
        )
    } else {
        format!(
            "at {path}: expected {} {}, found {} {}",
            kind(expected),
            short(expected),
            kind(actual),
            short(actual)
        )
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Compact JSON text, cut at about 80 characters.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn quote(key: &str) -> String {
    Value::String(key.to_string()).to_string()
}

fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&quote(key));
        path.push(']');
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
