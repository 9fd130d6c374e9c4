//! A tiny `/bin/sh` for the stand-in SDK image: enough for Docker's shell-form `RUN cmd`
//! (`/bin/sh -c "cmd"`). Words with quotes, escapes and `$VAR` expansion; `&&`, `||`, `;`
//! and newlines between commands; `VAR=value` prefixes; the builtins cd, exit, export,
//! echo, true, false and `:`. Anything else (pipes, redirections, subshells, globs) is
//! refused with a clear message rather than run wrongly. Errors read like dash's.

use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    And,
    Or,
    Semi,
}

struct Shell {
    name: String,
    vars: HashMap<String, String>,
    status: i32,
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Shell {
    fn var(&self, name: &str) -> String {
        if name == "?" {
            return self.status.to_string();
        }
        self.vars.get(name).cloned().unwrap_or_default()
    }

    /// Reads `$NAME`, `${NAME}` or `$?` at `chars[*i]` (just past the `$`).
    fn expand(&self, chars: &[char], i: &mut usize) -> Result<String, String> {
        match chars.get(*i) {
            Some('{') => {
                let end = chars[*i..].iter().position(|c| *c == '}').ok_or("Bad substitution")?;
                let name: String = chars[*i + 1..*i + end].iter().collect();
                *i += end + 1;
                if !is_name(&name) && name != "?" {
                    return Err("Bad substitution".into());
                }
                Ok(self.var(&name))
            }
            Some('?') => {
                *i += 1;
                Ok(self.var("?"))
            }
            Some('(') => Err("unsupported syntax '$('".into()),
            Some(c) if c.is_ascii_alphabetic() || *c == '_' => {
                let start = *i;
                while chars.get(*i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
                    *i += 1;
                }
                Ok(self.var(&chars[start..*i].iter().collect::<String>()))
            }
            _ => Ok("$".into()),
        }
    }

    fn tokenize(&self, text: &str) -> Result<Vec<Token>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::new();
        let mut word = String::new();
        let mut in_word = false;
        let mut i = 0;
        let flush = |word: &mut String, in_word: &mut bool, tokens: &mut Vec<Token>| {
            if *in_word {
                tokens.push(Token::Word(std::mem::take(word)));
                *in_word = false;
            }
        };
        while i < chars.len() {
            let c = chars[i];
            match c {
                ' ' | '\t' => {
                    flush(&mut word, &mut in_word, &mut tokens);
                    i += 1;
                }
                '\n' | ';' => {
                    flush(&mut word, &mut in_word, &mut tokens);
                    tokens.push(Token::Semi);
                    i += 1;
                }
                '&' if chars.get(i + 1) == Some(&'&') => {
                    flush(&mut word, &mut in_word, &mut tokens);
                    tokens.push(Token::And);
                    i += 2;
                }
                '|' if chars.get(i + 1) == Some(&'|') => {
                    flush(&mut word, &mut in_word, &mut tokens);
                    tokens.push(Token::Or);
                    i += 2;
                }
                '#' if !in_word => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                '\'' => {
                    let end = chars[i + 1..]
                        .iter()
                        .position(|c| *c == '\'')
                        .ok_or("Syntax error: Unterminated quoted string")?;
                    word.extend(&chars[i + 1..i + 1 + end]);
                    in_word = true;
                    i += end + 2;
                }
                '"' => {
                    i += 1;
                    in_word = true;
                    loop {
                        match chars.get(i) {
                            None => return Err("Syntax error: Unterminated quoted string".into()),
                            Some('"') => {
                                i += 1;
                                break;
                            }
                            Some('\\') if matches!(chars.get(i + 1), Some('"' | '\\' | '$' | '`' | '\n')) => {
                                word.push(chars[i + 1]);
                                i += 2;
                            }
                            Some('$') => {
                                i += 1;
                                word.push_str(&self.expand(&chars, &mut i)?);
                            }
                            Some('`') => return Err("unsupported syntax '`'".into()),
                            Some(&other) => {
                                word.push(other);
                                i += 1;
                            }
                        }
                    }
                }
                '\\' => {
                    if let Some(&next) = chars.get(i + 1) {
                        if next != '\n' {
                            word.push(next);
                            in_word = true;
                        }
                    }
                    i += 2;
                }
                '$' => {
                    i += 1;
                    word.push_str(&self.expand(&chars, &mut i)?);
                    in_word = true;
                }
                // Pipes, redirections, subshells, command substitution and globs.
                '|' | '&' | '<' | '>' | '(' | ')' | '`' | '*' | '?' | '[' => {
                    return Err(format!("unsupported syntax '{c}'"));
                }
                other => {
                    word.push(other);
                    in_word = true;
                    i += 1;
                }
            }
        }
        flush(&mut word, &mut in_word, &mut tokens);
        Ok(tokens)
    }

    fn find(&self, program: &str) -> Option<PathBuf> {
        if program.contains('/') {
            return Some(PathBuf::from(program));
        }
        let path = self.var("PATH");
        let path = if path.is_empty() {
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()
        } else {
            path
        };
        path.split(':')
            .map(|d| Path::new(if d.is_empty() { "." } else { d }).join(program))
            .find(|p| {
                p.metadata()
                    .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            })
    }

    /// Runs one simple command; returns its exit status.
    fn simple(&mut self, words: Vec<String>) -> i32 {
        let mut env = Vec::new();
        let mut words = words.into_iter().peekable();
        while let Some(w) = words.peek() {
            match w.split_once('=') {
                Some((k, v)) if is_name(k) => {
                    env.push((k.to_string(), v.to_string()));
                    words.next();
                }
                _ => break,
            }
        }
        let words: Vec<String> = words.collect();
        let Some(program) = words.first() else {
            self.vars.extend(env);
            return 0;
        };
        let args = &words[1..];
        match program.as_str() {
            ":" | "true" => return 0,
            "false" => return 1,
            "echo" => {
                println!("{}", args.join(" "));
                return 0;
            }
            "cd" => {
                let dir = args.first().cloned().unwrap_or_else(|| self.var("HOME"));
                return match std::env::set_current_dir(&dir) {
                    Ok(()) => 0,
                    Err(_) => {
                        eprintln!("{}: 1: cd: can't cd to {dir}", self.name);
                        2
                    }
                };
            }
            "exit" => std::process::exit(args.first().and_then(|a| a.parse().ok()).unwrap_or(self.status)),
            "export" => {
                for a in args {
                    if let Some((k, v)) = a.split_once('=') {
                        self.vars.insert(k.into(), v.into());
                    }
                }
                return 0;
            }
            _ => {}
        }
        let Some(path) = self.find(program) else {
            eprintln!("{}: 1: {program}: not found", self.name);
            return 127;
        };
        let mut command = Command::new(&path);
        command.arg0(program).args(args).env_clear().envs(&self.vars).envs(env);
        match command.status() {
            Ok(status) => status.code().unwrap_or_else(|| 128 + status.signal().unwrap_or(0)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                eprintln!("{}: 1: {program}: not found", self.name);
                127
            }
            Err(_) => {
                eprintln!("{}: 1: {program}: Permission denied", self.name);
                126
            }
        }
    }

    /// Runs a list: commands joined by `&&`, `||` and `;`, as sh does.
    fn run(&mut self, tokens: Vec<Token>) -> i32 {
        let mut words = Vec::new();
        let mut skip = false;
        for token in tokens.into_iter().chain(std::iter::once(Token::Semi)) {
            match token {
                Token::Word(w) => words.push(w),
                op => {
                    if !skip && !words.is_empty() {
                        self.status = self.simple(std::mem::take(&mut words));
                    }
                    words.clear();
                    skip = match op {
                        Token::And => self.status != 0,
                        Token::Or => self.status == 0,
                        _ => false,
                    };
                }
            }
        }
        self.status
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.first().cloned().unwrap_or_else(|| "sh".into());
    let mut shell = Shell {
        name: name.clone(),
        vars: std::env::vars().collect(),
        status: 0,
    };
    let mut rest = args.iter().skip(1);
    let mut script = None;
    while let Some(a) = rest.next() {
        match a.as_str() {
            "-c" => {
                script = rest.next().cloned();
                break;
            }
            "-e" | "-x" | "-ex" | "-xe" => {}
            other => {
                eprintln!("{name}: doccheck stand-in shell: only `sh -c COMMAND` is supported (got {other})");
                std::process::exit(2);
            }
        }
    }
    let Some(script) = script else {
        eprintln!("{name}: -c requires an argument");
        std::process::exit(2);
    };
    match shell.tokenize(&script) {
        Ok(tokens) => std::process::exit(shell.run(tokens)),
        Err(e) => {
            eprintln!("{name}: 1: {e} (doccheck stand-in shell)");
            std::process::exit(2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell() -> Shell {
        let mut vars = HashMap::new();
        vars.insert("HOME".to_string(), "/root".to_string());
        Shell {
            name: "/bin/sh".into(),
            vars,
            status: 0,
        }
    }

    fn words(text: &str) -> Vec<Token> {
        shell().tokenize(text).unwrap()
    }

    #[test]
    fn splits_quotes_and_operators() {
        assert_eq!(
            words("dotnet publish -c Release -o /published src/StockData/StockData.csproj"),
            [
                "dotnet",
                "publish",
                "-c",
                "Release",
                "-o",
                "/published",
                "src/StockData/StockData.csproj"
            ]
            .map(|w| Token::Word(w.into()))
        );
        assert_eq!(
            words("a 'b c' \"d $HOME ${HOME}\" e\\ f && g || h; i"),
            vec![
                Token::Word("a".into()),
                Token::Word("b c".into()),
                Token::Word("d /root /root".into()),
                Token::Word("e f".into()),
                Token::And,
                Token::Word("g".into()),
                Token::Or,
                Token::Word("h".into()),
                Token::Semi,
                Token::Word("i".into()),
            ]
        );
        assert!(shell().tokenize("a | b").is_err());
        assert!(shell().tokenize("a > b").is_err());
        assert!(shell().tokenize("echo 'x").is_err());
    }

    #[test]
    fn lists_follow_exit_status() {
        let mut s = shell();
        assert_eq!(s.run(words("false && echo no")), 1);
        assert_eq!(s.run(words("false || true")), 0);
        assert_eq!(s.run(words("definitely-not-a-command-xyz")), 127);
        assert_eq!(s.run(words("X=1 true; false; true")), 0);
    }
}
