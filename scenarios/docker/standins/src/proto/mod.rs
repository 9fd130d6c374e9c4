//! The protobuf language, as Grpc.Tools' protoc checks it at build time: a tokenizer, a
//! parser of the declarations services use, and type resolution. The result describes
//! messages and services well enough for the stand-in runtime to speak the wire format.

mod lexer;
mod parser;
mod resolve;

use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One protoc diagnostic; `file` is filled in by `compile`.
#[derive(Debug, Clone)]
pub struct ProtoError {
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
}

impl ProtoError {
    pub fn at(pos: Pos, message: impl Into<String>) -> Self {
        ProtoError {
            file: String::new(),
            pos: Some(pos),
            message: message.into(),
        }
    }
}

impl fmt::Display for ProtoError {
    /// MSBuild's canonical form, as Grpc.Tools turns protoc's `file:line:col: message` into.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.pos {
            Some(p) => write!(f, "{}({},{}): error : {}", self.file, p.line, p.col, self.message),
            None => write!(f, "{} : error : {}", self.file, self.message),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Proto2,
    Proto3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Double,
    Float,
    Int32,
    Int64,
    Uint32,
    Uint64,
    Sint32,
    Sint64,
    Fixed32,
    Fixed64,
    Sfixed32,
    Sfixed64,
    Bool,
    String,
    Bytes,
}

const SCALARS: [(&str, Scalar); 15] = [
    ("double", Scalar::Double),
    ("float", Scalar::Float),
    ("int32", Scalar::Int32),
    ("int64", Scalar::Int64),
    ("uint32", Scalar::Uint32),
    ("uint64", Scalar::Uint64),
    ("sint32", Scalar::Sint32),
    ("sint64", Scalar::Sint64),
    ("fixed32", Scalar::Fixed32),
    ("fixed64", Scalar::Fixed64),
    ("sfixed32", Scalar::Sfixed32),
    ("sfixed64", Scalar::Sfixed64),
    ("bool", Scalar::Bool),
    ("string", Scalar::String),
    ("bytes", Scalar::Bytes),
];

impl Scalar {
    pub fn from_name(name: &str) -> Option<Scalar> {
        SCALARS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    pub fn name(self) -> &'static str {
        SCALARS.iter().find(|(_, s)| *s == self).map(|(n, _)| *n).unwrap_or("?")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    Scalar(Scalar),
    Message(String),
    Enum(String),
    /// `map<K, V>`: on the wire, a repeated entry message {K key = 1; V value = 2;}.
    Map(Scalar, Box<FieldType>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub number: u32,
    pub repeated: bool,
    pub ty: FieldType,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub full_name: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    pub full_name: String,
    pub values: Vec<(String, i32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    pub name: String,
    pub input: String,
    pub output: String,
    pub client_streaming: bool,
    pub server_streaming: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub full_name: String,
    pub name: String,
    pub methods: Vec<Method>,
}

/// A compiled .proto file: its own services, and the messages and enums of it and of
/// everything it imports (the runtime needs them all to encode).
#[derive(Debug, Clone, Default)]
pub struct ProtoFile {
    pub package: String,
    pub options: Vec<(String, String)>,
    pub messages: Vec<Message>,
    pub enums: Vec<EnumDef>,
    pub services: Vec<Service>,
    pub warnings: Vec<String>,
}

/// Compiles `rel_path` (relative to `root`, the project directory, which is also the
/// import path, as Grpc.Tools sets protoc's `--proto_path`).
pub fn compile(root: &Path, rel_path: &str) -> Result<ProtoFile, Vec<ProtoError>> {
    resolve::compile(root, rel_path)
}

/// Parses and checks one source text; imports must be well-known types.
pub fn compile_source(name: &str, source: &str) -> Result<ProtoFile, Vec<ProtoError>> {
    resolve::compile_source(name, source)
}

#[cfg(test)]
mod tests;
