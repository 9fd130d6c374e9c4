//! Which images a legacy build made, read off what it prints. Each step ends
//! with ` ---> <id>`; the id is the build's own only when the step ran here
//! (` ---> Running in …`, or a `COPY` that printed nothing else). A `FROM`
//! names its base image, and ` ---> Using cache` an image another build made
//! (the user's, another run's): neither is the run's to remove. The same
//! reading serves the gateway (the JSON stream's `stream` lines) and a
//! command run without it (the CLI's output).

/// The ids a build printed that it made, in order.
#[derive(Debug, Default)]
pub struct Built {
    pub ids: Vec<String>,
    /// The current step is a `FROM`, or was answered from the cache.
    not_made_here: bool,
    /// Whether the last step's image was made here (the build's result is that image).
    last_made_here: bool,
}

fn short_id(text: &str) -> Option<&str> {
    let id = text.trim();
    (id.len() == 12 && id.chars().all(|c| c.is_ascii_hexdigit())).then_some(id)
}

impl Built {
    /// One line of the build's output.
    pub fn line(&mut self, line: &str) {
        let line = line.trim();
        if let Some(step) = line.strip_prefix("Step ") {
            let instruction = step.split_once(" : ").map_or("", |(_, i)| i.trim_start());
            self.not_made_here = instruction
                .get(..5)
                .is_some_and(|w| w.eq_ignore_ascii_case("FROM "));
            return;
        }
        if let Some(rest) = line.strip_prefix("---> ") {
            if rest.trim() == "Using cache" {
                self.not_made_here = true;
            } else if let Some(id) = short_id(rest) {
                self.last_made_here = !self.not_made_here;
                if self.last_made_here {
                    self.push(id);
                }
            }
            return;
        }
        if let Some(id) = line.strip_prefix("Successfully built ").and_then(short_id) {
            if self.last_made_here {
                self.push(id);
            }
        }
    }

    /// The final image id a build's stream gives apart (`aux.ID`).
    pub fn result(&mut self, id: &str) {
        if self.last_made_here {
            self.push(id);
        }
    }

    fn push(&mut self, id: &str) {
        if !self.ids.iter().any(|i| i == id) {
            self.ids.push(id.to_string());
        }
    }

    /// The ids made by a build whose whole output is `output`.
    pub fn from_output(output: &str) -> Vec<String> {
        let mut built = Built::default();
        output.lines().for_each(|l| built.line(l));
        built.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_steps_run_here_are_the_builds() {
        let output = "Step 1/5 : FROM mcr.microsoft.com/dotnet/core/sdk:3.0 AS build
 ---> 000000000001
Step 2/5 : WORKDIR /src
 ---> Using cache
 ---> 000000000002
Step 3/5 : COPY . .
 ---> 000000000003
Step 4/5 : RUN dotnet publish
 ---> Running in 0123456789ab
Removing intermediate container 0123456789ab
 ---> 000000000004
Step 5/5 : from build
 ---> 000000000004
Successfully built 000000000004
Successfully tagged stockdata:latest
";
        assert_eq!(Built::from_output(output), ["000000000003", "000000000004"]);
    }

    #[test]
    fn a_build_wholly_from_the_cache_made_nothing() {
        let output = "Step 1/2 : FROM base
 ---> 000000000001
Step 2/2 : COPY . .
 ---> Using cache
 ---> 000000000002
Successfully built 000000000002
";
        assert!(Built::from_output(output).is_empty());
        let mut built = Built::default();
        output.lines().for_each(|l| built.line(l));
        built.result("sha256:00000000000200");
        assert!(built.ids.is_empty());
    }
}
