//! Tokens of the protobuf language, with the 1-based line and column protoc reports.

use super::{Pos, ProtoError};

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Int(String),
    Float(String),
    Str(String),
    Sym(char),
    Eof,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
}

pub fn tokenize(source: &str) -> Result<Vec<Token>, ProtoError> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    // Advances over one char, keeping line/column in step.
    let step = |i: &mut usize, line: &mut usize, col: &mut usize| {
        if chars[*i] == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i];
        let pos = Pos { line, col };
        if c.is_whitespace() || c == '\u{feff}' {
            step(&mut i, &mut line, &mut col);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                step(&mut i, &mut line, &mut col);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            step(&mut i, &mut line, &mut col);
            step(&mut i, &mut line, &mut col);
            loop {
                if i >= chars.len() {
                    return Err(ProtoError::at(pos, "End-of-file inside block comment."));
                }
                if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    step(&mut i, &mut line, &mut col);
                    step(&mut i, &mut line, &mut col);
                    break;
                }
                step(&mut i, &mut line, &mut col);
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                s.push(chars[i]);
                step(&mut i, &mut line, &mut col);
            }
            tokens.push(Token {
                tok: Tok::Ident(s),
                pos,
            });
        } else if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let mut s = String::new();
            while i < chars.len() {
                let d = chars[i];
                let exponent_sign =
                    (d == '-' || d == '+') && s.ends_with(['e', 'E']) && !s.starts_with("0x") && !s.starts_with("0X");
                if d.is_ascii_alphanumeric() || d == '.' || exponent_sign {
                    s.push(d);
                    step(&mut i, &mut line, &mut col);
                } else {
                    break;
                }
            }
            let hex = s.starts_with("0x") || s.starts_with("0X");
            let float = !hex && (s.contains('.') || s.contains(['e', 'E']));
            tokens.push(Token {
                tok: if float { Tok::Float(s) } else { Tok::Int(s) },
                pos,
            });
        } else if c == '"' || c == '\'' {
            step(&mut i, &mut line, &mut col);
            let mut s = String::new();
            loop {
                match chars.get(i) {
                    None | Some('\n') => {
                        return Err(ProtoError::at(
                            Pos { line, col },
                            "String literals cannot cross line boundaries.",
                        ))
                    }
                    Some(&q) if q == c => {
                        step(&mut i, &mut line, &mut col);
                        break;
                    }
                    Some('\\') => {
                        step(&mut i, &mut line, &mut col);
                        let e = chars.get(i).copied().unwrap_or('\\');
                        s.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '0' => '\0',
                            other => other,
                        });
                        if i < chars.len() {
                            step(&mut i, &mut line, &mut col);
                        }
                    }
                    Some(&other) => {
                        s.push(other);
                        step(&mut i, &mut line, &mut col);
                    }
                }
            }
            tokens.push(Token { tok: Tok::Str(s), pos });
        } else if c.is_control() {
            return Err(ProtoError::at(pos, "Invalid control characters encountered in text."));
        } else {
            tokens.push(Token { tok: Tok::Sym(c), pos });
            step(&mut i, &mut line, &mut col);
        }
    }
    tokens.push(Token {
        tok: Tok::Eof,
        pos: Pos { line, col },
    });
    Ok(tokens)
}
