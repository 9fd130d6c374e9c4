//! The protobuf wire format, driven by the descriptors the stand-in SDK compiled: JSON
//! values in, message bytes out, and back. Field values are looked up in JSON by the
//! field's name or its lowerCamelCase JSON name, as the proto3 JSON mapping names them.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::proto::{EnumDef, FieldType, Message, Scalar};

/// The messages and enums a runtime knows, by full name.
#[derive(Debug, Default, Clone)]
pub struct Types {
    pub messages: HashMap<String, Message>,
    pub enums: HashMap<String, EnumDef>,
}

impl Types {
    pub fn new(messages: &[Message], enums: &[EnumDef]) -> Self {
        Types {
            messages: messages.iter().map(|m| (m.full_name.clone(), m.clone())).collect(),
            enums: enums.iter().map(|e| (e.full_name.clone(), e.clone())).collect(),
        }
    }
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn get_varint(buf: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *buf.get(*at).ok_or("truncated varint")?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("varint too long".into())
}

fn put_tag(out: &mut Vec<u8>, number: u32, wire_type: u8) {
    put_varint(out, (u64::from(number) << 3) | u64::from(wire_type));
}

pub fn json_name(field: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Encodes `value` (a JSON object) as message `name`.
pub fn encode(types: &Types, name: &str, value: &Value) -> Result<Vec<u8>, String> {
    let message = types
        .messages
        .get(name)
        .ok_or_else(|| format!("unknown message {name}"))?;
    let empty = Map::new();
    let object = match value {
        Value::Object(o) => o,
        Value::Null => &empty,
        other => return Err(format!("{name}: expected a JSON object, got {other}")),
    };
    let mut out = Vec::new();
    for field in &message.fields {
        let Some(v) = object.get(&field.name).or_else(|| object.get(&json_name(&field.name))) else {
            continue;
        };
        if v.is_null() {
            continue;
        }
        let context = format!("{name}.{}", field.name);
        match (&field.ty, field.repeated) {
            (FieldType::Map(key, value_type), _) => {
                let entries = v
                    .as_object()
                    .ok_or_else(|| format!("{context}: expected a JSON object"))?;
                for (k, v) in entries {
                    let mut entry = Vec::new();
                    // JSON object keys are strings; map keys may be integers or bools.
                    let key_value = match key {
                        Scalar::String => Value::String(k.clone()),
                        Scalar::Bool => Value::Bool(k == "true"),
                        _ => k
                            .parse::<i64>()
                            .map(Value::from)
                            .map_err(|_| format!("{context}: bad map key {k}"))?,
                    };
                    encode_one(types, &mut entry, 1, &FieldType::Scalar(*key), &key_value, &context)?;
                    encode_one(types, &mut entry, 2, value_type, v, &context)?;
                    put_tag(&mut out, field.number, 2);
                    put_varint(&mut out, entry.len() as u64);
                    out.extend(entry);
                }
            }
            (ty, true) => {
                let items = v
                    .as_array()
                    .ok_or_else(|| format!("{context}: expected a JSON array"))?;
                for item in items {
                    encode_one(types, &mut out, field.number, ty, item, &context)?;
                }
            }
            (ty, false) => {
                if !is_default(ty, v) {
                    encode_one(types, &mut out, field.number, ty, v, &context)?;
                }
            }
        }
    }
    Ok(out)
}

/// proto3 writes no field that holds its type's default value.
fn is_default(ty: &FieldType, v: &Value) -> bool {
    match ty {
        FieldType::Scalar(Scalar::String | Scalar::Bytes) => v.as_str() == Some(""),
        FieldType::Scalar(Scalar::Bool) => v.as_bool() == Some(false),
        FieldType::Scalar(_) | FieldType::Enum(_) => v.as_f64() == Some(0.0),
        _ => false,
    }
}

fn encode_one(
    types: &Types,
    out: &mut Vec<u8>,
    number: u32,
    ty: &FieldType,
    v: &Value,
    context: &str,
) -> Result<(), String> {
    let int = || -> Result<i64, String> {
        v.as_i64()
            .or_else(|| v.as_u64().map(|u| u as i64))
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            .ok_or_else(|| format!("{context}: expected an integer, got {v}"))
    };
    let float = || {
        v.as_f64()
            .ok_or_else(|| format!("{context}: expected a number, got {v}"))
    };
    match ty {
        FieldType::Scalar(s) => match s {
            Scalar::Int32 | Scalar::Int64 | Scalar::Uint32 | Scalar::Uint64 => {
                put_tag(out, number, 0);
                put_varint(out, int()? as u64);
            }
            Scalar::Sint32 | Scalar::Sint64 => {
                let n = int()?;
                put_tag(out, number, 0);
                put_varint(out, ((n << 1) ^ (n >> 63)) as u64);
            }
            Scalar::Bool => {
                put_tag(out, number, 0);
                put_varint(
                    out,
                    u64::from(v.as_bool().ok_or_else(|| format!("{context}: expected a boolean"))?),
                );
            }
            Scalar::Fixed32 | Scalar::Sfixed32 => {
                put_tag(out, number, 5);
                out.extend((int()? as u32).to_le_bytes());
            }
            Scalar::Fixed64 | Scalar::Sfixed64 => {
                put_tag(out, number, 1);
                out.extend((int()? as u64).to_le_bytes());
            }
            Scalar::Float => {
                put_tag(out, number, 5);
                out.extend((float()? as f32).to_le_bytes());
            }
            Scalar::Double => {
                put_tag(out, number, 1);
                out.extend(float()?.to_le_bytes());
            }
            Scalar::String | Scalar::Bytes => {
                let s = v
                    .as_str()
                    .ok_or_else(|| format!("{context}: expected a string, got {v}"))?;
                put_tag(out, number, 2);
                put_varint(out, s.len() as u64);
                out.extend(s.as_bytes());
            }
        },
        FieldType::Enum(name) => {
            let n = match v.as_str() {
                Some(label) => types
                    .enums
                    .get(name)
                    .and_then(|e| e.values.iter().find(|(l, _)| l == label))
                    .map(|(_, n)| i64::from(*n))
                    .ok_or_else(|| format!("{context}: {label} is not a value of {name}"))?,
                None => int()?,
            };
            put_tag(out, number, 0);
            put_varint(out, n as u64);
        }
        FieldType::Message(name) => {
            let inner = encode(types, name, v)?;
            put_tag(out, number, 2);
            put_varint(out, inner.len() as u64);
            out.extend(inner);
        }
        FieldType::Map(..) => return Err(format!("{context}: nested map")),
    }
    Ok(())
}

/// Decodes message `name` into a JSON object keyed by field name. Unknown fields are
/// skipped, as every protobuf runtime does.
pub fn decode(types: &Types, name: &str, buf: &[u8]) -> Result<Value, String> {
    let message = types
        .messages
        .get(name)
        .ok_or_else(|| format!("unknown message {name}"))?;
    let mut object = Map::new();
    let mut at = 0;
    while at < buf.len() {
        let key = get_varint(buf, &mut at)?;
        let (number, wire_type) = ((key >> 3) as u32, (key & 7) as u8);
        let raw = read_raw(buf, &mut at, wire_type)?;
        let Some(field) = message.fields.iter().find(|f| f.number == number) else {
            continue;
        };
        let value = match (&field.ty, raw) {
            (FieldType::Message(inner), Raw::Bytes(b)) => decode(types, inner, b)?,
            (FieldType::Scalar(Scalar::String), Raw::Bytes(b)) => {
                Value::String(String::from_utf8(b.to_vec()).map_err(|_| "invalid UTF-8 in a string field")?)
            }
            (FieldType::Scalar(Scalar::Bytes), Raw::Bytes(b)) => Value::String(String::from_utf8_lossy(b).into()),
            (FieldType::Scalar(s), Raw::Varint(v)) => scalar_from_varint(*s, v),
            (FieldType::Enum(_), Raw::Varint(v)) => Value::from(v as i32),
            (FieldType::Scalar(Scalar::Double), Raw::Fixed64(v)) => Value::from(f64::from_bits(v)),
            (FieldType::Scalar(Scalar::Float), Raw::Fixed32(v)) => Value::from(f32::from_bits(v)),
            (FieldType::Scalar(Scalar::Sfixed64), Raw::Fixed64(v)) => Value::from(v as i64),
            (FieldType::Scalar(_), Raw::Fixed64(v)) => Value::from(v),
            (FieldType::Scalar(Scalar::Sfixed32), Raw::Fixed32(v)) => Value::from(v as i32),
            (FieldType::Scalar(_), Raw::Fixed32(v)) => Value::from(v),
            // Packed repeated varints.
            (FieldType::Scalar(s), Raw::Bytes(b)) if field.repeated => {
                let mut items = Vec::new();
                let mut i = 0;
                while i < b.len() {
                    items.push(scalar_from_varint(*s, get_varint(b, &mut i)?));
                }
                push_repeated(&mut object, &field.name, items);
                continue;
            }
            _ => return Err(format!("{name}.{}: wrong wire type {wire_type}", field.name)),
        };
        if field.repeated {
            push_repeated(&mut object, &field.name, vec![value]);
        } else {
            object.insert(field.name.clone(), value);
        }
    }
    Ok(Value::Object(object))
}

fn push_repeated(object: &mut Map<String, Value>, name: &str, items: Vec<Value>) {
    let slot = object.entry(name.to_string()).or_insert_with(|| Value::Array(vec![]));
    if let Value::Array(a) = slot {
        a.extend(items);
    }
}

fn scalar_from_varint(s: Scalar, v: u64) -> Value {
    match s {
        Scalar::Int32 => Value::from(v as i32),
        Scalar::Int64 => Value::from(v as i64),
        Scalar::Uint32 => Value::from(v as u32),
        Scalar::Sint32 | Scalar::Sint64 => Value::from(((v >> 1) as i64) ^ -((v & 1) as i64)),
        Scalar::Bool => Value::from(v != 0),
        _ => Value::from(v),
    }
}

enum Raw<'a> {
    Varint(u64),
    Fixed64(u64),
    Fixed32(u32),
    Bytes(&'a [u8]),
}

fn read_raw<'a>(buf: &'a [u8], at: &mut usize, wire_type: u8) -> Result<Raw<'a>, String> {
    let take = |at: &mut usize, n: usize| -> Result<&'a [u8], String> {
        let slice = buf.get(*at..*at + n).ok_or("truncated message")?;
        *at += n;
        Ok(slice)
    };
    Ok(match wire_type {
        0 => Raw::Varint(get_varint(buf, at)?),
        1 => Raw::Fixed64(u64::from_le_bytes(take(at, 8)?.try_into().unwrap_or_default())),
        5 => Raw::Fixed32(u32::from_le_bytes(take(at, 4)?.try_into().unwrap_or_default())),
        2 => {
            let n = get_varint(buf, at)? as usize;
            Raw::Bytes(take(at, n)?)
        }
        other => return Err(format!("unsupported wire type {other}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::compile_source;
    use serde_json::json;

    fn stock_types() -> Types {
        let source = "syntax = \"proto3\"; package stocks;
            message GetRequest { int32 id = 1; }
            message GetResponse { Stock stock = 1; }
            message Stock { int32 id = 1; string symbol = 2; string name = 3; }";
        let file = compile_source("s.proto", source).unwrap();
        Types::new(&file.messages, &file.enums)
    }

    #[test]
    fn encodes_a_stock_like_csharp_protobuf() {
        let types = stock_types();
        let value = json!({"stock": {"id": 1, "symbol": "MSFT", "name": "Microsoft"}});
        let bytes = encode(&types, "stocks.GetResponse", &value).unwrap();
        let mut expected = vec![0x0a, 0x13, 0x08, 0x01, 0x12, 0x04];
        expected.extend(b"MSFT");
        expected.extend([0x1a, 0x09]);
        expected.extend(b"Microsoft");
        assert_eq!(bytes, expected);
        assert_eq!(decode(&types, "stocks.GetResponse", &bytes).unwrap(), value);
    }

    #[test]
    fn decodes_requests_and_skips_defaults() {
        let types = stock_types();
        assert_eq!(
            decode(&types, "stocks.GetRequest", &[0x08, 0x2a]).unwrap(),
            json!({"id": 42})
        );
        assert_eq!(decode(&types, "stocks.GetRequest", &[]).unwrap(), json!({}));
        assert!(encode(&types, "stocks.GetRequest", &json!({"id": 0}))
            .unwrap()
            .is_empty());
        let negative = encode(&types, "stocks.GetRequest", &json!({"id": -1})).unwrap();
        assert_eq!(negative.len(), 11);
        assert_eq!(
            decode(&types, "stocks.GetRequest", &negative).unwrap(),
            json!({"id": -1})
        );
    }
}
