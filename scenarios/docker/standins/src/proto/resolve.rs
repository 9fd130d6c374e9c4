//! What protoc's DescriptorBuilder checks after parsing: imports, unique names and field
//! numbers, and that every type a field or rpc names is defined. Error texts are protoc's.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::lexer::tokenize;
use super::parser::{Ast, Parser};
use super::*;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Message,
    Enum,
    Package,
}

pub fn compile(root: &Path, rel_path: &str) -> Result<ProtoFile, Vec<ProtoError>> {
    let mut stack = Vec::new();
    compile_file(Some(root), rel_path, None, &mut stack)
}

pub fn compile_source(name: &str, source: &str) -> Result<ProtoFile, Vec<ProtoError>> {
    compile_file(None, name, Some(source), &mut Vec::new())
}

fn with_file(mut errors: Vec<ProtoError>, file: &str) -> Vec<ProtoError> {
    for e in &mut errors {
        if e.file.is_empty() {
            e.file = file.to_string();
        }
    }
    errors
}

fn compile_file(
    root: Option<&Path>,
    name: &str,
    source: Option<&str>,
    stack: &mut Vec<String>,
) -> Result<ProtoFile, Vec<ProtoError>> {
    let text = match source {
        Some(s) => s.to_string(),
        None => {
            let path = root.map(|r| r.join(name)).unwrap_or_else(|| name.into());
            std::fs::read_to_string(&path).map_err(|_| {
                vec![ProtoError {
                    file: name.into(),
                    pos: None,
                    message: "File not found.".into(),
                }]
            })?
        }
    };
    let ast = tokenize(&text)
        .and_then(|toks| Parser::new(toks).parse_file())
        .map_err(|e| with_file(vec![e], name))?;

    let mut out = ProtoFile {
        package: ast.package.clone().unwrap_or_default(),
        ..Default::default()
    };
    out.options = ast.options.clone();
    if ast.syntax.is_none() {
        out.warnings.push(format!(
            "{name} : warning : No syntax specified for the proto file: {name}. Please use \
             'syntax = \"proto2\";' or 'syntax = \"proto3\";' to specify a syntax version. \
             (Defaulted to proto2 syntax.)"
        ));
    }

    // Imports first: their types are visible to this file.
    stack.push(name.to_string());
    let mut errors = Vec::new();
    for (import, pos) in &ast.imports {
        if let Some(wkt) = well_known(import) {
            out.messages.extend(wkt);
            continue;
        }
        if stack.contains(import) {
            let chain = [stack.as_slice(), std::slice::from_ref(import)].concat().join(" -> ");
            errors.push(ProtoError::at(
                pos.clone(),
                format!("File recursively imports itself: {chain}"),
            ));
            continue;
        }
        match root.map(|r| compile_file(Some(r), import, None, stack)) {
            Some(Ok(dep)) => {
                out.messages.extend(dep.messages);
                out.enums.extend(dep.enums);
            }
            Some(Err(dep_errors)) => {
                errors.extend(dep_errors);
                errors.push(ProtoError::at(
                    pos.clone(),
                    format!("Import \"{import}\" was not found or had errors."),
                ));
            }
            None => {
                errors.push(ProtoError {
                    file: import.clone(),
                    pos: None,
                    message: "File not found.".into(),
                });
                errors.push(ProtoError::at(
                    pos.clone(),
                    format!("Import \"{import}\" was not found or had errors."),
                ));
            }
        }
    }
    stack.pop();
    if !errors.is_empty() {
        return Err(with_file(errors, name));
    }

    build(&ast, &mut out, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(with_file(errors, name))
    }
}

fn qualify(package: &str, path: &str) -> String {
    if package.is_empty() {
        path.to_string()
    } else {
        format!("{package}.{path}")
    }
}

fn parent(full: &str) -> &str {
    full.rfind('.').map(|i| &full[..i]).unwrap_or("")
}

fn build(ast: &Ast, out: &mut ProtoFile, errors: &mut Vec<ProtoError>) {
    let package = out.package.clone();
    let proto3 = ast.syntax == Some(Syntax::Proto3);
    let mut symbols: HashMap<String, Kind> = HashMap::new();
    let mut prefix = String::new();
    for part in package.split('.').filter(|p| !p.is_empty()) {
        prefix = qualify(&prefix, part);
        symbols.insert(prefix.clone(), Kind::Package);
    }
    for m in &out.messages {
        symbols.insert(m.full_name.clone(), Kind::Message);
    }
    for e in &out.enums {
        symbols.insert(e.full_name.clone(), Kind::Enum);
    }

    // Definitions of this file, each name once.
    let mut define = |full: String, kind: Kind, pos: &Pos, errors: &mut Vec<ProtoError>| {
        let simple = full.rsplit('.').next().unwrap_or(&full).to_string();
        let scope = parent(&full).to_string();
        if let std::collections::hash_map::Entry::Vacant(slot) = symbols.entry(full) {
            slot.insert(kind);
        } else {
            let message = if scope.is_empty() {
                format!("\"{simple}\" is already defined.")
            } else {
                format!("\"{simple}\" is already defined in \"{scope}\".")
            };
            errors.push(ProtoError::at(pos.clone(), message));
        }
    };
    for m in &ast.messages {
        define(qualify(&package, &m.path), Kind::Message, &m.pos, errors);
    }
    for e in &ast.enums {
        define(qualify(&package, &e.path), Kind::Enum, &e.pos, errors);
    }
    for s in &ast.services {
        define(qualify(&package, &s.name), Kind::Package, &s.pos, errors);
    }

    let lookup = |name: &str, scope: &str| -> Option<(String, Kind)> {
        if let Some(absolute) = name.strip_prefix('.') {
            return symbols.get(absolute).map(|k| (absolute.to_string(), *k));
        }
        let mut scope = scope.to_string();
        loop {
            let candidate = qualify(&scope, name);
            if let Some(kind) = symbols.get(&candidate) {
                return Some((candidate, *kind));
            }
            if scope.is_empty() {
                return None;
            }
            scope = parent(&scope).to_string();
        }
    };

    for e in &ast.enums {
        let full = qualify(&package, &e.path);
        if proto3 && e.values.first().is_some_and(|(_, n, _)| *n != 0) {
            errors.push(ProtoError::at(
                e.values[0].2.clone(),
                "The first enum value must be zero in proto3.",
            ));
        }
        let values = e.values.iter().map(|(n, v, _)| (n.clone(), *v as i32)).collect();
        out.enums.push(EnumDef {
            full_name: full,
            values,
        });
    }

    for m in &ast.messages {
        let full = qualify(&package, &m.path);
        let mut numbers: HashMap<i64, &str> = HashMap::new();
        let mut names = HashSet::new();
        let mut fields = Vec::new();
        for f in &m.fields {
            if f.number <= 0 {
                errors.push(ProtoError::at(
                    f.pos.clone(),
                    "Field numbers must be positive integers.",
                ));
            } else if f.number > 536_870_911 {
                errors.push(ProtoError::at(
                    f.pos.clone(),
                    "Field numbers cannot be greater than 536870911.",
                ));
            } else if (19000..=19999).contains(&f.number) {
                errors.push(ProtoError::at(
                    f.pos.clone(),
                    "Field numbers 19000 through 19999 are reserved for the protocol buffer \
                     library implementation.",
                ));
            } else if let Some(other) = numbers.get(&f.number) {
                errors.push(ProtoError::at(
                    f.pos.clone(),
                    format!(
                        "Field number {} has already been used in \"{full}\" by field \"{other}\".",
                        f.number
                    ),
                ));
            } else {
                numbers.insert(f.number, &f.name);
            }
            if !names.insert(f.name.clone()) {
                errors.push(ProtoError::at(
                    f.pos.clone(),
                    format!("\"{}\" is already defined in \"{full}\".", f.name),
                ));
            }
            let value_type = match Scalar::from_name(&f.type_name) {
                Some(s) => Some(FieldType::Scalar(s)),
                None => match lookup(&f.type_name, &full) {
                    Some((name, Kind::Message)) => Some(FieldType::Message(name)),
                    Some((name, Kind::Enum)) => Some(FieldType::Enum(name)),
                    Some((_, Kind::Package)) => {
                        errors.push(ProtoError::at(
                            f.type_pos.clone(),
                            format!("\"{}\" is not a type.", f.type_name),
                        ));
                        None
                    }
                    None => {
                        errors.push(ProtoError::at(
                            f.type_pos.clone(),
                            format!("\"{}\" is not defined.", f.type_name),
                        ));
                        None
                    }
                },
            };
            let ty = match (&f.map_key, value_type) {
                (_, None) => continue,
                (None, Some(t)) => t,
                (Some(key), Some(t)) => match Scalar::from_name(key) {
                    Some(k) if !matches!(k, Scalar::Float | Scalar::Double | Scalar::Bytes) => {
                        FieldType::Map(k, Box::new(t))
                    }
                    _ => {
                        errors.push(ProtoError::at(
                            f.type_pos.clone(),
                            "Key in map fields cannot be float/double, bytes or message types.",
                        ));
                        continue;
                    }
                },
            };
            fields.push(Field {
                name: f.name.clone(),
                number: f.number as u32,
                repeated: f.repeated,
                ty,
            });
        }
        out.messages.push(Message {
            full_name: full,
            fields,
        });
    }

    for s in &ast.services {
        let full = qualify(&package, &s.name);
        let mut methods = Vec::new();
        let mut seen = HashSet::new();
        for m in &s.methods {
            if !seen.insert(m.name.clone()) {
                errors.push(ProtoError::at(
                    m.pos.clone(),
                    format!("\"{}\" is already defined in \"{full}\".", m.name),
                ));
            }
            let mut resolve = |(name, pos, _): &(String, Pos, bool)| match lookup(name, &full) {
                Some((found, Kind::Message)) => Some(found),
                Some(_) => {
                    errors.push(ProtoError::at(
                        pos.clone(),
                        format!("\"{name}\" is not a message type."),
                    ));
                    None
                }
                None => {
                    errors.push(ProtoError::at(pos.clone(), format!("\"{name}\" is not defined.")));
                    None
                }
            };
            let input = resolve(&m.input);
            let output = resolve(&m.output);
            if let (Some(input), Some(output)) = (input, output) {
                methods.push(Method {
                    name: m.name.clone(),
                    input,
                    output,
                    client_streaming: m.input.2,
                    server_streaming: m.output.2,
                });
            }
        }
        out.services.push(Service {
            full_name: full,
            name: s.name.clone(),
            methods,
        });
    }
}

/// The files Grpc.Tools ships beside protoc (its `--proto_path` includes them).
fn well_known(import: &str) -> Option<Vec<Message>> {
    let scalar = |name: &str, number: u32, s: Scalar| Field {
        name: name.into(),
        number,
        repeated: false,
        ty: FieldType::Scalar(s),
    };
    let message = |name: &str, fields: Vec<Field>| Message {
        full_name: format!("google.protobuf.{name}"),
        fields,
    };
    let seconds_nanos = || vec![scalar("seconds", 1, Scalar::Int64), scalar("nanos", 2, Scalar::Int32)];
    Some(match import.strip_prefix("google/protobuf/")? {
        "timestamp.proto" => vec![message("Timestamp", seconds_nanos())],
        "duration.proto" => vec![message("Duration", seconds_nanos())],
        "empty.proto" => vec![message("Empty", vec![])],
        "wrappers.proto" => [
            ("DoubleValue", Scalar::Double),
            ("FloatValue", Scalar::Float),
            ("Int64Value", Scalar::Int64),
            ("UInt64Value", Scalar::Uint64),
            ("Int32Value", Scalar::Int32),
            ("UInt32Value", Scalar::Uint32),
            ("BoolValue", Scalar::Bool),
            ("StringValue", Scalar::String),
            ("BytesValue", Scalar::Bytes),
        ]
        .iter()
        .map(|(n, s)| message(n, vec![scalar("value", 1, *s)]))
        .collect(),
        "any.proto" => vec![message(
            "Any",
            vec![scalar("type_url", 1, Scalar::String), scalar("value", 2, Scalar::Bytes)],
        )],
        "field_mask.proto" => vec![message(
            "FieldMask",
            vec![Field {
                name: "paths".into(),
                number: 1,
                repeated: true,
                ty: FieldType::Scalar(Scalar::String),
            }],
        )],
        // Their fields are recursive or oneofs; the stand-in never encodes them.
        "struct.proto" => vec![
            message("Struct", vec![]),
            message("Value", vec![]),
            message("ListValue", vec![]),
        ],
        _ => return None,
    })
}
