//! Variants: a guide that shows a fragment of a file ("to use HTTPS, set this
//! in your Dockerfile") suggests an edit its own steps never make. A scenario
//! can say what the edit gives and how to exercise it: `variants:` on the
//! fragment's binding. Each variant is the fragment's file with the fragment
//! applied (a commented-out line uncommented, an instruction with the same key
//! replaced), written where the variant says, and a console transcript of the
//! scenario's run after the guide's own steps as a step of its own.

use serde::Deserialize;

use crate::error::Location;
use crate::service::{Service, ServiceKeys};
use crate::transcript::{self, Command};

/// One entry of `variants:` as a scenario writes it.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VariantKeys {
    /// Write the fragment's file with the fragment applied to this workspace
    /// path (e.g. `Dockerfile.https`).
    pub file: Option<String>,
    /// What to run, as a console transcript (`$ ` commands, expected output,
    /// `? N`), after the guide's last step.
    pub console: String,
    /// The transcript starts a server: probe it until ready, stop it at the end.
    pub service: Option<ServiceKeys>,
}

/// A variant, checked: its commands parsed, its service's probes compiled.
#[derive(Debug, Clone)]
pub struct Variant {
    pub file: Option<String>,
    pub commands: Vec<Command>,
    pub service: Option<Service>,
    /// Where the variant is in the scenario file.
    pub location: Location,
}

impl VariantKeys {
    /// Checks the keys; `console_line` is the scenario line of the
    /// transcript's first line.
    pub fn check(
        self,
        scenario: &str,
        console_line: usize,
        location: Location,
        resolve: &dyn Fn(&str) -> Result<std::path::PathBuf, String>,
    ) -> Result<Variant, crate::Error> {
        let commands = transcript::parse(scenario, &self.console, console_line)?;
        if commands.is_empty() {
            return Err(crate::Error::scenario(
                location,
                "variants: `console:` has no command",
            ));
        }
        let service = self
            .service
            .map(|keys| keys.check(resolve, Some(location.clone())))
            .transpose()
            .map_err(|m| crate::Error::scenario(location.clone(), m))?;
        Ok(Variant {
            file: self.file,
            commands,
            service,
            location,
        })
    }
}

/// `file` with `fragment` applied: each fragment line that `file` has
/// commented out (`# LINE`) is uncommented; one whose instruction and key
/// (`ENV NAME`, `ARG NAME`, `EXPOSE`, `ENTRYPOINT`...) `file` has with another
/// value replaces that line; one `file` has already is left. Anything else is
/// an error: the fragment does not say where it goes.
pub fn apply(file: &str, fragment: &str) -> Result<String, String> {
    let mut lines: Vec<String> = file.lines().map(str::to_string).collect();
    for want in fragment.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if want.starts_with('#') || lines.iter().any(|l| l.trim() == want) {
            continue;
        }
        let commented = lines
            .iter()
            .position(|l| uncommented(l).is_some_and(|u| u == want));
        let same_key = || {
            let key = key_of(want)?;
            lines.iter().position(|l| {
                !l.trim_start().starts_with('#') && key_of(l.trim()).as_ref() == Some(&key)
            })
        };
        match commented.or_else(same_key) {
            Some(i) => {
                let indent: String = lines[i].chars().take_while(|c| c.is_whitespace()).collect();
                lines[i] = format!("{indent}{want}");
            }
            None => {
                return Err(format!(
                    "the fragment's line `{want}` is neither in the file, commented out there, nor an instruction the file sets otherwise: doccheck cannot tell where it goes"
                ))
            }
        }
    }
    let mut text = lines.join("\n");
    if file.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// `# ENV X=1` → `ENV X=1`.
fn uncommented(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix('#')?.trim();
    (!rest.is_empty()).then_some(rest)
}

/// What a Dockerfile line sets: the instruction, with the variable's name
/// for `ENV`/`ARG`/`LABEL` (`ENV ASPNETCORE_URLS=x` → `ENV ASPNETCORE_URLS`).
fn key_of(line: &str) -> Option<(String, String)> {
    let (instruction, rest) = line.split_once(char::is_whitespace)?;
    let instruction = instruction.to_ascii_uppercase();
    let name = match instruction.as_str() {
        "ENV" | "ARG" | "LABEL" => rest
            .trim()
            .split(['=', ' ', '\t'])
            .next()
            .unwrap_or("")
            .to_string(),
        "EXPOSE" | "ENTRYPOINT" | "CMD" | "WORKDIR" | "USER" | "HEALTHCHECK" | "STOPSIGNAL" => {
            String::new()
        }
        _ => return None,
    };
    Some((instruction, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCKERFILE: &str = "FROM runtime\nWORKDIR /app\n# ENV ASPNETCORE_URLS=https://+:443\nENTRYPOINT [\"dotnet\", \"App.dll\"]\n";

    #[test]
    fn a_commented_line_is_uncommented_in_place() {
        assert_eq!(
            apply(DOCKERFILE, "ENV ASPNETCORE_URLS=https://+:443\n").unwrap(),
            "FROM runtime\nWORKDIR /app\nENV ASPNETCORE_URLS=https://+:443\nENTRYPOINT [\"dotnet\", \"App.dll\"]\n"
        );
    }

    #[test]
    fn an_instruction_with_the_same_key_is_replaced_and_one_present_is_left() {
        let file = "FROM x\n  ENV PORT=80 \nENV OTHER=1\nEXPOSE 80\n";
        assert_eq!(
            apply(file, "ENV PORT=443\nEXPOSE 443\nFROM x\n").unwrap(),
            "FROM x\n  ENV PORT=443\nENV OTHER=1\nEXPOSE 443\n"
        );
    }

    #[test]
    fn a_line_with_no_place_is_an_error() {
        let e = apply(DOCKERFILE, "RUN make").unwrap_err();
        assert!(
            e.starts_with("the fragment's line `RUN make` is neither"),
            "{e}"
        );
    }
}
