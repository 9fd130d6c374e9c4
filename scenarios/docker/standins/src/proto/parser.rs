//! protoc's grammar, as far as service definitions use it. Types stay unresolved here
//! (`resolve.rs` does that, like protoc's DescriptorBuilder); error texts are protoc's.

use super::lexer::{Tok, Token};
use super::{Pos, ProtoError, Syntax};

#[derive(Debug, Default)]
pub struct Ast {
    pub syntax: Option<Syntax>,
    pub package: Option<String>,
    pub imports: Vec<(String, Pos)>,
    pub options: Vec<(String, String)>,
    pub messages: Vec<AstMessage>,
    pub enums: Vec<AstEnum>,
    pub services: Vec<AstService>,
}

/// A message, nested ones flattened: `path` is its name inside the package ("Outer.Inner").
#[derive(Debug)]
pub struct AstMessage {
    pub path: String,
    pub pos: Pos,
    pub fields: Vec<AstField>,
}

#[derive(Debug)]
pub struct AstField {
    pub name: String,
    pub number: i64,
    pub repeated: bool,
    /// As written: a scalar keyword or a (possibly dotted) type name; maps have key/value.
    pub type_name: String,
    pub map_key: Option<String>,
    pub type_pos: Pos,
    pub pos: Pos,
}

#[derive(Debug)]
pub struct AstEnum {
    pub path: String,
    pub pos: Pos,
    pub values: Vec<(String, i64, Pos)>,
}

#[derive(Debug)]
pub struct AstService {
    pub name: String,
    pub pos: Pos,
    pub methods: Vec<AstMethod>,
}

#[derive(Debug)]
pub struct AstMethod {
    pub name: String,
    pub pos: Pos,
    pub input: (String, Pos, bool),
    pub output: (String, Pos, bool),
}

pub struct Parser {
    toks: Vec<Token>,
    at: usize,
    ast: Ast,
}

type PResult<T> = Result<T, ProtoError>;

impl Parser {
    pub fn new(toks: Vec<Token>) -> Self {
        Parser {
            toks,
            at: 0,
            ast: Ast::default(),
        }
    }

    fn peek(&self) -> &Token {
        &self.toks[self.at.min(self.toks.len() - 1)]
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if self.at < self.toks.len() - 1 {
            self.at += 1;
        }
        t
    }

    fn error<T>(&self, message: impl Into<String>) -> PResult<T> {
        Err(ProtoError::at(self.peek().pos.clone(), message))
    }

    fn looking_at(&self, word: &str) -> bool {
        match &self.peek().tok {
            Tok::Ident(s) => s == word,
            Tok::Sym(c) => word.len() == 1 && word.starts_with(*c),
            _ => false,
        }
    }

    fn try_consume(&mut self, word: &str) -> bool {
        if self.looking_at(word) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn consume(&mut self, word: &str) -> PResult<()> {
        if self.try_consume(word) {
            Ok(())
        } else {
            self.error(format!("Expected \"{word}\"."))
        }
    }

    fn identifier(&mut self, what: &str) -> PResult<(String, Pos)> {
        match self.peek().tok.clone() {
            Tok::Ident(s) => Ok((s, self.bump().pos)),
            _ => self.error(what),
        }
    }

    fn string(&mut self, what: &str) -> PResult<(String, Pos)> {
        match self.peek().tok.clone() {
            Tok::Str(s) => {
                let pos = self.bump().pos;
                // Adjacent string literals concatenate, as in C.
                let mut s = s;
                while let Tok::Str(more) = self.peek().tok.clone() {
                    self.bump();
                    s.push_str(&more);
                }
                Ok((s, pos))
            }
            _ => self.error(what),
        }
    }

    fn integer(&mut self, what: &str) -> PResult<i64> {
        let negative = self.try_consume("-");
        match self.peek().tok.clone() {
            Tok::Int(s) => {
                let value =
                    parse_int(&s).ok_or_else(|| ProtoError::at(self.peek().pos.clone(), "Integer out of range."))?;
                self.bump();
                Ok(if negative { -value } else { value })
            }
            _ => self.error(what),
        }
    }

    /// `a.b.C` or `.a.b.C` (fully qualified).
    fn type_name(&mut self, what: &str) -> PResult<(String, Pos)> {
        let pos = self.peek().pos.clone();
        let mut name = String::new();
        if self.try_consume(".") {
            name.push('.');
        }
        name.push_str(&self.identifier(what)?.0);
        while self.looking_at(".") {
            self.bump();
            name.push('.');
            name.push_str(&self.identifier("Expected identifier.")?.0);
        }
        Ok((name, pos))
    }

    fn end_of_declaration(&mut self) -> PResult<()> {
        self.consume(";")
    }

    /// Skips a balanced `[...]`, `(...)` or `{...}` group, opener included.
    fn skip_group(&mut self, open: char, close: char) -> PResult<()> {
        let start = self.peek().pos.clone();
        self.consume(&open.to_string())?;
        let mut depth = 1;
        while depth > 0 {
            match self.bump().tok {
                Tok::Sym(c) if c == open => depth += 1,
                Tok::Sym(c) if c == close => depth -= 1,
                Tok::Eof => {
                    return Err(ProtoError::at(start, format!("Expected \"{close}\".")));
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn skip_statement(&mut self) -> PResult<()> {
        loop {
            match self.bump().tok {
                Tok::Sym(';') => return Ok(()),
                Tok::Eof => return self.error("Expected \";\"."),
                _ => {}
            }
        }
    }

    pub fn parse_file(mut self) -> PResult<Ast> {
        if self.looking_at("syntax") {
            self.bump();
            self.consume("=")?;
            let (value, pos) = self.string("Expected syntax identifier.")?;
            self.ast.syntax = Some(match value.as_str() {
                "proto2" => Syntax::Proto2,
                "proto3" => Syntax::Proto3,
                other => {
                    return Err(ProtoError::at(
                        pos,
                        format!(
                            "Unrecognized syntax identifier \"{other}\".  This parser only \
                             recognizes \"proto2\" and \"proto3\"."
                        ),
                    ))
                }
            });
            self.end_of_declaration()?;
        }
        loop {
            if self.peek().tok == Tok::Eof {
                return Ok(self.ast);
            }
            if self.try_consume(";") {
                continue;
            }
            if self.looking_at("message") {
                self.bump();
                self.message("")?;
            } else if self.looking_at("enum") {
                self.bump();
                self.enumeration("")?;
            } else if self.looking_at("service") {
                self.bump();
                self.service()?;
            } else if self.looking_at("import") {
                self.bump();
                let _ = self.try_consume("public") || self.try_consume("weak");
                let import = self.string("Expected a string naming the file to import.")?;
                self.ast.imports.push(import);
                self.end_of_declaration()?;
            } else if self.looking_at("package") {
                let pos = self.bump().pos;
                if self.ast.package.is_some() {
                    return Err(ProtoError::at(pos, "Multiple package definitions."));
                }
                let (name, _) = self.type_name("Expected identifier.")?;
                self.ast.package = Some(name);
                self.end_of_declaration()?;
            } else if self.looking_at("option") {
                self.bump();
                let option = self.option()?;
                self.ast.options.push(option);
                self.end_of_declaration()?;
            } else if self.looking_at("extend") {
                self.bump();
                self.type_name("Expected type name.")?;
                self.skip_group('{', '}')?;
            } else {
                return self.error("Expected top-level statement (e.g. \"message\").");
            }
        }
    }

    /// `option name = constant` (the caller consumes the `;`).
    fn option(&mut self) -> PResult<(String, String)> {
        let mut name = String::new();
        loop {
            if self.looking_at("(") {
                self.bump();
                name.push('(');
                name.push_str(&self.type_name("Expected identifier.")?.0);
                self.consume(")")?;
                name.push(')');
            } else {
                name.push_str(&self.identifier("Expected identifier.")?.0);
            }
            if !self.try_consume(".") {
                break;
            }
            name.push('.');
        }
        self.consume("=")?;
        let value = self.constant()?;
        Ok((name, value))
    }

    fn constant(&mut self) -> PResult<String> {
        if self.looking_at("{") {
            self.skip_group('{', '}')?;
            return Ok("{...}".into());
        }
        let negative = self.try_consume("-");
        let sign = if negative { "-" } else { "" };
        match self.peek().tok.clone() {
            Tok::Ident(s) | Tok::Int(s) | Tok::Float(s) => {
                self.bump();
                Ok(format!("{sign}{s}"))
            }
            Tok::Str(_) if !negative => Ok(self.string("Expected string.")?.0),
            _ => self.error("Expected constant."),
        }
    }

    /// `[deprecated = true, json_name = "x"]` after a field or enum value.
    fn field_options(&mut self) -> PResult<()> {
        if self.looking_at("[") {
            self.skip_group('[', ']')?;
        }
        Ok(())
    }

    fn message(&mut self, outer: &str) -> PResult<()> {
        let (name, pos) = self.identifier("Expected message name.")?;
        let path = join(outer, &name);
        self.consume("{")?;
        let mut fields = Vec::new();
        loop {
            if self.try_consume("}") {
                break;
            }
            if self.peek().tok == Tok::Eof {
                return self.error("Reached end of input in message definition (missing '}').");
            }
            if self.try_consume(";") {
                continue;
            }
            if self.looking_at("message") {
                self.bump();
                self.message(&path)?;
            } else if self.looking_at("enum") {
                self.bump();
                self.enumeration(&path)?;
            } else if self.looking_at("option") {
                self.bump();
                self.option()?;
                self.end_of_declaration()?;
            } else if self.looking_at("reserved") || self.looking_at("extensions") {
                self.skip_statement()?;
            } else if self.looking_at("extend") {
                self.bump();
                self.type_name("Expected type name.")?;
                self.skip_group('{', '}')?;
            } else if self.looking_at("oneof") {
                self.bump();
                self.identifier("Expected oneof name.")?;
                self.consume("{")?;
                while !self.try_consume("}") {
                    if self.peek().tok == Tok::Eof {
                        return self.error("Reached end of input in oneof definition (missing '}').");
                    }
                    if self.try_consume(";") {
                        continue;
                    }
                    if self.looking_at("option") {
                        self.bump();
                        self.option()?;
                        self.end_of_declaration()?;
                        continue;
                    }
                    if ["optional", "required", "repeated"].iter().any(|l| self.looking_at(l)) {
                        return self.error("Fields in oneofs must not have labels (required / optional / repeated).");
                    }
                    fields.push(self.field(false)?);
                }
            } else {
                fields.push(self.labelled_field()?);
            }
        }
        self.ast.messages.push(AstMessage { path, pos, fields });
        Ok(())
    }

    fn labelled_field(&mut self) -> PResult<AstField> {
        let proto3 = self.ast.syntax == Some(Syntax::Proto3);
        let pos = self.peek().pos.clone();
        if self.looking_at("repeated") {
            self.bump();
            return self.field(true);
        }
        if self.looking_at("required") {
            if proto3 {
                return self.error("Required fields are not allowed in proto3.");
            }
            self.bump();
        } else if self.looking_at("optional") {
            if proto3 {
                return Err(ProtoError::at(
                    pos,
                    "Explicit 'optional' labels are disallowed in the Proto3 syntax. To define \
                     'optional' fields in Proto3, simply remove the 'optional' label, as fields \
                     are 'optional' by default.",
                ));
            }
            self.bump();
        } else if !proto3 && !self.looking_at("map") {
            return self.error("Expected \"required\", \"optional\", or \"repeated\".");
        }
        self.field(false)
    }

    /// `type name = number [options];` or `map<K, V> name = number;`.
    fn field(&mut self, repeated: bool) -> PResult<AstField> {
        let pos = self.peek().pos.clone();
        let is_map =
            self.looking_at("map") && matches!(self.toks.get(self.at + 1).map(|t| &t.tok), Some(Tok::Sym('<')));
        let (type_name, type_pos, map_key) = if is_map {
            self.bump();
            self.consume("<")?;
            let (key, _) = self.type_name("Expected type name.")?;
            self.consume(",")?;
            let (value, value_pos) = self.type_name("Expected type name.")?;
            self.consume(">")?;
            (value, value_pos, Some(key))
        } else {
            if self.looking_at("group") {
                return self.error("Groups are not supported by this stand-in.");
            }
            let (t, p) = self.type_name("Expected type name.")?;
            (t, p, None)
        };
        let (name, _) = self.identifier("Expected field name.")?;
        self.consume("=")?;
        let number = self.integer("Expected field number.")?;
        self.field_options()?;
        self.end_of_declaration()?;
        Ok(AstField {
            name,
            number,
            repeated: repeated || map_key.is_some(),
            type_name,
            map_key,
            type_pos,
            pos,
        })
    }

    fn enumeration(&mut self, outer: &str) -> PResult<()> {
        let (name, pos) = self.identifier("Expected enum name.")?;
        let path = join(outer, &name);
        self.consume("{")?;
        let mut values = Vec::new();
        loop {
            if self.try_consume("}") {
                break;
            }
            if self.peek().tok == Tok::Eof {
                return self.error("Reached end of input in enum definition (missing '}').");
            }
            if self.try_consume(";") {
                continue;
            }
            if self.looking_at("option") {
                self.bump();
                self.option()?;
                self.end_of_declaration()?;
            } else if self.looking_at("reserved") {
                self.skip_statement()?;
            } else {
                let (value_name, value_pos) = self.identifier("Expected enum constant name.")?;
                self.consume("=")?;
                let number = self.integer("Expected integer.")?;
                self.field_options()?;
                self.end_of_declaration()?;
                values.push((value_name, number, value_pos));
            }
        }
        self.ast.enums.push(AstEnum { path, pos, values });
        Ok(())
    }

    fn service(&mut self) -> PResult<()> {
        let (name, pos) = self.identifier("Expected service name.")?;
        self.consume("{")?;
        let mut methods = Vec::new();
        loop {
            if self.try_consume("}") {
                break;
            }
            if self.peek().tok == Tok::Eof {
                return self.error("Reached end of input in service definition (missing '}').");
            }
            if self.try_consume(";") {
                continue;
            }
            if self.looking_at("option") {
                self.bump();
                self.option()?;
                self.end_of_declaration()?;
                continue;
            }
            self.consume("rpc")?;
            let (method, method_pos) = self.identifier("Expected method name.")?;
            let input = self.rpc_type()?;
            self.consume("returns")?;
            let output = self.rpc_type()?;
            if self.looking_at("{") {
                // Method options: `{ option (google.api.http) = {...}; }`.
                self.skip_group('{', '}')?;
                self.try_consume(";");
            } else {
                self.end_of_declaration()?;
            }
            methods.push(AstMethod {
                name: method,
                pos: method_pos,
                input,
                output,
            });
        }
        self.ast.services.push(AstService { name, pos, methods });
        Ok(())
    }

    /// `(stream Type)`: the type, where it was written, and whether it streams.
    fn rpc_type(&mut self) -> PResult<(String, Pos, bool)> {
        self.consume("(")?;
        let stream =
            self.looking_at("stream") && !matches!(self.toks.get(self.at + 1).map(|t| &t.tok), Some(Tok::Sym(')')));
        if stream {
            self.bump();
        }
        if let Tok::Ident(word) = &self.peek().tok {
            if super::Scalar::from_name(word).is_some() {
                return self.error("Expected message type.");
            }
        }
        let (name, pos) = self.type_name("Expected message type.")?;
        self.consume(")")?;
        Ok((name, pos, stream))
    }
}

fn join(outer: &str, name: &str) -> String {
    if outer.is_empty() {
        name.to_string()
    } else {
        format!("{outer}.{name}")
    }
}

fn parse_int(s: &str) -> Option<i64> {
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        i64::from_str_radix(hex, 16).ok()
    } else if s.len() > 1 && s.starts_with('0') {
        i64::from_str_radix(&s[1..], 8).ok()
    } else {
        s.parse().ok()
    }
}
