//! What the stand-in learns from the C# sources without compiling them: which gRPC
//! services the app maps (`MapGrpcService<T>()`, and the base class of T), and whether
//! there is an entry point. The errors it raises are the compiler's for those cases.

use crate::proto::Service;

pub const HEALTH_SERVICE: &str = "grpc.health.v1.Health";

pub struct Source {
    pub rel: String,
    /// The text with comments blanked out (line and column numbers kept).
    pub code: String,
}

impl Source {
    pub fn new(rel: String, text: &str) -> Source {
        Source {
            rel,
            code: strip_comments(text),
        }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.code[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        (line, col)
    }
}

/// Blanks `//` and `/* */` comments, leaving string literals alone.
pub fn strip_comments(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            out.push_str("  ");
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                out.push(if chars[i] == '\n' { '\n' } else { ' ' });
                i += 1;
            }
            if i < chars.len() {
                out.push_str("  ");
                i += 2;
            }
        } else if c == '"' || c == '\'' {
            let verbatim = i > 0 && chars[i - 1] == '@';
            out.push(c);
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' && !verbatim {
                    out.push(chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    out.push(chars[i]);
                    i += 1;
                }
            }
            if i < chars.len() {
                out.push(chars[i]);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn last_segment(type_text: &str) -> &str {
    let no_generics = type_text.split('<').next().unwrap_or(type_text).trim();
    no_generics.rsplit('.').next().unwrap_or(no_generics).trim()
}

/// The base list of `class name`, if the sources declare it: (first base type, where).
fn class_base<'a>(sources: &'a [Source], name: &str) -> Option<Option<(&'a Source, usize, String)>> {
    for src in sources {
        let code = &src.code;
        for (at, _) in code.match_indices("class ") {
            let after = &code[at + 6..];
            let ident: String = after.trim_start().chars().take_while(|c| is_ident(*c)).collect();
            let before_ok = at == 0 || !code[..at].ends_with(is_ident);
            if ident != name || !before_ok {
                continue;
            }
            let rest_start = at + 6 + (after.len() - after.trim_start().len()) + ident.len();
            let header_end = code[rest_start..]
                .find('{')
                .map(|e| rest_start + e)
                .unwrap_or(code.len());
            let header = &code[rest_start..header_end];
            let Some(colon) = header.find(':') else {
                return Some(None);
            };
            let bases = &header[colon + 1..];
            let first = bases
                .split([',', '\n'])
                .next()
                .unwrap_or("")
                .split(" where ")
                .next()
                .unwrap_or("")
                .trim();
            let offset = rest_start + colon + 1 + (bases.len() - bases.trim_start().len());
            return Some(Some((src, offset, first.to_string())));
        }
    }
    None
}

pub fn cs0246(src: &Source, offset: usize, name: &str, project: &str) -> String {
    let (line, col) = src.line_col(offset);
    format!(
        "{}({line},{col}): error CS0246: The type or namespace name '{name}' could not be found (are you \
         missing a using directive or an assembly reference?) [{project}]",
        src.rel
    )
}

/// Full names of the services the app maps, or the compiler errors of the attempt.
/// `services` are those with generated server base classes; `health_package` is whether
/// Grpc.HealthCheck (which brings `HealthServiceImpl`) is referenced.
pub fn mapped_services(
    sources: &[Source],
    services: &[Service],
    health_package: bool,
    project: &str,
) -> Result<Vec<String>, Vec<String>> {
    let mut mapped = Vec::new();
    let mut errors = Vec::new();
    let add = |name: &str, mapped: &mut Vec<String>| {
        if !mapped.iter().any(|m| m == name) {
            mapped.push(name.to_string());
        }
    };
    for src in sources {
        for (at, _) in src.code.match_indices("MapGrpcService<") {
            let start = at + "MapGrpcService<".len();
            let Some(len) = src.code[start..].find('>') else {
                continue;
            };
            let type_name = last_segment(&src.code[start..start + len]).to_string();
            match class_base(sources, &type_name) {
                None if type_name == "HealthServiceImpl" && health_package => add(HEALTH_SERVICE, &mut mapped),
                None => errors.push(cs0246(src, start, &type_name, project)),
                Some(None) => {}
                Some(Some((base_src, offset, base))) => {
                    let base_name = last_segment(&base);
                    let Some(service) = base_name.strip_suffix("Base") else {
                        continue;
                    };
                    if service == "Health" && health_package {
                        add(HEALTH_SERVICE, &mut mapped);
                    } else if let Some(s) = services.iter().find(|s| s.name == service) {
                        add(&s.full_name, &mut mapped);
                    } else {
                        // `Stocks.StocksBase` when no Stocks service was generated.
                        let missing = base.split('.').next().unwrap_or(&base).trim();
                        errors.push(cs0246(base_src, offset, missing, project));
                    }
                }
            }
        }
        if src.code.contains("MapGrpcHealthChecksService(") && health_package {
            add(HEALTH_SERVICE, &mut mapped);
        }
    }
    if errors.is_empty() {
        Ok(mapped)
    } else {
        Err(errors)
    }
}

/// The statuses the code gives Grpc.HealthCheck's `HealthServiceImpl`:
/// `SetStatus("name", ...ServingStatus.Serving)`, the name also as `Svc.Descriptor.FullName`.
/// A name the stand-in cannot work out (another variable) is left out.
pub fn health_statuses(sources: &[Source], services: &[Service]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for src in sources {
        for (at, _) in src.code.match_indices("SetStatus(") {
            let args = &src.code[at + "SetStatus(".len()..];
            let Some(end) = args.find(')') else { continue };
            let Some((name, status)) = args[..end].split_once(',') else {
                continue;
            };
            let name = name.trim();
            let service = if let Some(literal) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
                literal.to_string()
            } else if let Some(simple) = name.strip_suffix(".Descriptor.FullName") {
                match services.iter().find(|s| s.name == last_segment(simple)) {
                    Some(s) => s.full_name.clone(),
                    None => continue,
                }
            } else {
                continue;
            };
            let status = last_segment(status).to_string();
            out.retain(|(s, _)| *s != service);
            out.push((service, status));
        }
    }
    out
}

/// Whether some source declares a `static ... Main(` entry point.
pub fn has_entry_point(sources: &[Source]) -> bool {
    sources.iter().any(|s| {
        s.code.match_indices(" Main(").any(|(at, _)| {
            let line_start = s.code[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
            s.code[line_start..at].contains("static ")
        })
    })
}

/// C# 9 top-level statements (the entry point of `dotnet new web` from .NET 6): a file whose
/// first code after `using` directives and attributes is a statement, not a declaration.
pub fn has_top_level_statements(sources: &[Source]) -> bool {
    const DECLARATIONS: [&str; 16] = [
        "namespace",
        "public",
        "internal",
        "private",
        "protected",
        "class",
        "static",
        "sealed",
        "abstract",
        "partial",
        "record",
        "struct",
        "interface",
        "enum",
        "delegate",
        "file",
    ];
    sources.iter().any(|s| {
        let directive = |l: &str| {
            l.is_empty()
                || l.starts_with('#')
                || l.starts_with('[')
                || (l.starts_with("using ") && !l.starts_with("using ("))
                || l.starts_with("global using ")
                || l.starts_with("extern alias ")
        };
        let first = s.code.lines().map(str::trim).find(|l| !directive(l));
        first.is_some_and(|l| {
            let word: String = l.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            !DECLARATIONS.contains(&word.as_str()) && !l.starts_with('}') && !l.starts_with('{')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::compile_source;

    fn services() -> Vec<Service> {
        compile_source(
            "s.proto",
            "syntax = \"proto3\"; package stocks; message M {} service Stocks { rpc Get (M) returns (M); }",
        )
        .unwrap()
        .services
    }

    const SERVICE: &str = "namespace X {\n  public class StocksService : Stocks.StocksBase\n  {\n  }\n}\n";

    #[test]
    fn finds_mapped_services_through_base_classes() {
        let startup = "endpoints.MapGrpcService<StocksService>();\nendpoints.MapGrpcService<HealthServiceImpl>();";
        let sources = vec![
            Source::new("Startup.cs".into(), startup),
            Source::new("S.cs".into(), SERVICE),
        ];
        let mapped = mapped_services(&sources, &services(), true, "p.csproj").unwrap();
        assert_eq!(mapped, vec!["stocks.Stocks", HEALTH_SERVICE]);
    }

    #[test]
    fn commented_out_maps_do_not_count_and_missing_types_fail() {
        let startup = "// endpoints.MapGrpcService<StocksService>();\n/* MapGrpcService<Nope>() */";
        let sources = vec![
            Source::new("Startup.cs".into(), startup),
            Source::new("S.cs".into(), SERVICE),
        ];
        assert!(mapped_services(&sources, &services(), true, "p").unwrap().is_empty());

        let startup = "\n  endpoints.MapGrpcService<StockService>();";
        let sources = vec![
            Source::new("Startup.cs".into(), startup),
            Source::new("S.cs".into(), SERVICE),
        ];
        let errors = mapped_services(&sources, &services(), true, "p.csproj").unwrap_err();
        assert_eq!(
            errors[0],
            "Startup.cs(2,28): error CS0246: The type or namespace name 'StockService' could not be found \
             (are you missing a using directive or an assembly reference?) [p.csproj]"
        );
        let sources = vec![
            Source::new("S.cs".into(), SERVICE),
            Source::new("a.cs".into(), "MapGrpcService<StocksService>"),
        ];
        assert!(mapped_services(&sources, &[], true, "p").unwrap_err()[0].contains("'Stocks'"));
    }

    #[test]
    fn health_statuses_set_in_code() {
        let startup = "health.SetStatus(\"\", HealthCheckResponse.Types.ServingStatus.Serving);\n\
                       health.SetStatus(Stocks.Descriptor.FullName, HealthCheckResponse.Types.ServingStatus.NotServing);\n\
                       // health.SetStatus(\"x\", ServingStatus.Serving);";
        let statuses = health_statuses(&[Source::new("Startup.cs".into(), startup)], &services());
        assert_eq!(
            statuses,
            vec![
                ("".to_string(), "Serving".to_string()),
                ("stocks.Stocks".to_string(), "NotServing".to_string())
            ]
        );
    }

    #[test]
    fn entry_point() {
        assert!(has_entry_point(&[Source::new(
            "P.cs".into(),
            "public static void Main(string[] args)"
        )]));
        assert!(!has_entry_point(&[Source::new(
            "P.cs".into(),
            "// static void Main(string[] args)"
        )]));
    }

    #[test]
    fn top_level_statements() {
        let src = |t: &str| [Source::new("Program.cs".into(), t)];
        assert!(has_top_level_statements(&src(
            "// app\nusing Lib;\n\nvar builder = WebApplication.CreateBuilder(args);\napp.Run();"
        )));
        assert!(has_top_level_statements(&src("Console.WriteLine(\"hi\");")));
        assert!(!has_top_level_statements(&src(
            "using System;\nnamespace Lib;\npublic class Greeter { }"
        )));
        assert!(!has_top_level_statements(&src(
            "[assembly: X]\ninternal static class P { }"
        )));
    }
}
