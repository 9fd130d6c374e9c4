//! ASP.NET Core's layered configuration, as `Host.CreateDefaultBuilder` sets it up: the
//! ASPNETCORE_-prefixed environment (host settings such as `urls`), then appsettings.json,
//! appsettings.{Environment}.json, the environment, and the command line. Later wins;
//! keys are case-insensitive and `:`-separated (`__` in environment variable names).

use std::path::Path;

use serde_json::Value;

#[derive(Debug, Default, Clone)]
pub struct Config {
    /// (lowercased key, value), later entries win.
    entries: Vec<(String, String)>,
}

impl Config {
    pub fn get(&self, key: &str) -> Option<&str> {
        let key = key.to_ascii_lowercase();
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Names of the direct children of `section` ("Kestrel:Endpoints" -> ["Http", ...]).
    pub fn children(&self, section: &str) -> Vec<String> {
        let prefix = format!("{}:", section.to_ascii_lowercase());
        let mut names: Vec<String> = Vec::new();
        for (k, _) in &self.entries {
            if let Some(rest) = k.strip_prefix(&prefix) {
                let child = rest.split(':').next().unwrap_or("").to_string();
                if !child.is_empty() && !names.contains(&child) {
                    names.push(child);
                }
            }
        }
        names
    }

    fn set(&mut self, key: &str, value: &str) {
        self.entries
            .push((key.to_ascii_lowercase().replace("__", ":"), value.to_string()));
    }

    pub fn environment_name(&self) -> String {
        self.get("environment").unwrap_or("Production").to_string()
    }

    /// Builds the configuration of an app whose content root is `content_root`.
    /// Err: the text of the exception a malformed appsettings file raises.
    pub fn load(content_root: &Path, env: &[(String, String)], args: &[String]) -> Result<Config, String> {
        let mut c = Config::default();
        for (k, v) in env {
            if let Some(rest) = k.strip_prefix("ASPNETCORE_").or_else(|| k.strip_prefix("DOTNET_")) {
                c.set(rest, v);
            }
        }
        let environment = c.environment_name();
        for file in [
            "appsettings.json".to_string(),
            format!("appsettings.{environment}.json"),
        ] {
            let path = content_root.join(&file);
            if let Ok(text) = std::fs::read_to_string(&path) {
                let doc = parse_lenient_json(&text).map_err(|e| {
                    format!(
                        "System.FormatException: Could not parse the JSON file.\n ---> System.Text.Json.JsonReaderException: {e}\n\
                         \x20  at Microsoft.Extensions.Configuration.Json.JsonConfigurationFileParser.ParseStream(Stream input)\n\
                         \x20  --- End of inner exception stack trace ---\n\
                         \x20  at Microsoft.Extensions.Configuration.FileConfigurationProvider.HandleException(ExceptionDispatchInfo info)"
                    )
                })?;
                flatten("", &doc, &mut c);
            }
        }
        for (k, v) in env {
            c.set(k, v);
        }
        let mut i = 0;
        while i < args.len() {
            let arg = &args[i];
            let key = arg.strip_prefix("--").or_else(|| arg.strip_prefix('/')).unwrap_or(arg);
            if let Some((k, v)) = key.split_once('=') {
                c.set(k, v);
            } else if key != arg.as_str() && i + 1 < args.len() {
                c.set(key, &args[i + 1]);
                i += 1;
            }
            i += 1;
        }
        Ok(c)
    }
}

fn flatten(prefix: &str, v: &Value, c: &mut Config) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}:{k}")
        }
    };
    match v {
        Value::Object(o) => o.iter().for_each(|(k, v)| flatten(&join(k), v, c)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| flatten(&join(&i.to_string()), v, c)),
        Value::Null => c.set(prefix, ""),
        Value::Bool(b) => c.set(prefix, if *b { "True" } else { "False" }),
        Value::String(s) => c.set(prefix, s),
        Value::Number(n) => c.set(prefix, &n.to_string()),
    }
}

/// appsettings files may carry comments and trailing commas (System.Text.Json is told to
/// skip them); serde_json is not, so drop them first.
fn parse_lenient_json(text: &str) -> Result<Value, serde_json::Error> {
    let stripped = crate::sdk::csharp::strip_comments(text.trim_start_matches('\u{feff}'));
    let chars: Vec<char> = stripped.chars().collect();
    let mut out = String::with_capacity(stripped.len());
    let mut in_string = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' && (i == 0 || chars[i - 1] != '\\') {
            in_string = !in_string;
        }
        if c == ',' && !in_string {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    serde_json::from_str(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_and_sections() {
        let dir = std::env::temp_dir().join(format!("standin-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("appsettings.json"),
            "{ // comment\n \"Kestrel\": { \"EndpointDefaults\": { \"Protocols\": \"Http2\", } }, \"urls\": \"http://*:1\" }",
        )
        .unwrap();
        let env = vec![("ASPNETCORE_URLS".to_string(), "http://+:80".to_string())];
        let c = Config::load(&dir, &env, &[]).unwrap();
        // appsettings' `urls` beats the ASPNETCORE_ host variable, as in ASP.NET Core.
        assert_eq!(c.get("urls"), Some("http://*:1"));
        assert_eq!(c.get("kestrel:endpointdefaults:protocols"), Some("Http2"));
        let c = Config::load(&dir, &env, &["--urls".into(), "http://0.0.0.0:2".into()]).unwrap();
        assert_eq!(c.get("URLS"), Some("http://0.0.0.0:2"));
        let env = vec![("Kestrel__Endpoints__Grpc__Url".to_string(), "http://+:3".to_string())];
        let c = Config::load(&dir, &env, &[]).unwrap();
        assert_eq!(c.children("Kestrel:Endpoints"), vec!["grpc"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
