//! "Put this in a file called Makefile, then run `make`", said once for a
//! whole tutorial: `languages:` makes every block of a language a file (each
//! replacing the last, or numbered with `{n}`) and a command run after it.
//! A binding or an annotation on one block still wins (`skip=`, `file=`,
//! `exit=`).

use std::collections::HashMap;

use super::{Action, SkipKind};
use crate::config::{Defaults, LangRule};
use crate::directives::Directives;
use crate::markdown::Block;
use crate::scenario::Scenario;
use crate::transcript::{Command, Dialect};

pub(super) struct Rules {
    rules: Vec<(String, LangRule)>,
    /// Blocks of each language seen so far.
    seen: HashMap<String, usize>,
}

impl Rules {
    /// The configuration's rules, with the scenario's over them.
    pub fn of(scenario: Option<&Scenario>, defaults: &Defaults) -> Rules {
        let mut rules = defaults.languages.clone();
        for (lang, rule) in scenario.map(|s| &s.languages[..]).unwrap_or_default() {
            rules.retain(|(l, _)| l != lang);
            rules.push((lang.clone(), rule.clone()));
        }
        Rules {
            rules,
            seen: HashMap::new(),
        }
    }

    /// A block of a language with a rule, and nothing else to run or write
    /// it as: the file, and the command after it.
    pub fn apply(
        &mut self,
        block: &Block,
        lang: &str,
        directives: &Directives,
        action: &mut Action,
        writes: &mut Vec<(String, String)>,
        notes: &mut Vec<String>,
    ) {
        let Some((_, rule)) = self.rules.iter().find(|(l, _)| l == lang) else {
            return;
        };
        let n = self.seen.entry(lang.to_string()).or_default();
        *n += 1;
        let runnable = matches!(
            action,
            Action::Skip {
                kind: SkipKind::NotRunnable,
                ..
            }
        );
        if !runnable || directives.file.is_some() || directives.treat_as.is_some() {
            return;
        }
        let path = rule.file.replace("{n}", &n.to_string());
        let first = *n == 1;
        if first {
            notes.push(format!(
                "`{lang}` blocks: each written to {path}{} (`languages:`)",
                rule.run
                    .as_ref()
                    .map(|r| format!(", then `{r}` runs"))
                    .unwrap_or_default()
            ));
        }
        let Some(run) = &rule.run else {
            *action = Action::Write {
                path,
                also: Vec::new(),
                content: block.content.clone(),
            };
            return;
        };
        let dir = std::path::Path::new(&path)
            .parent()
            .map(|d| d.display().to_string())
            .filter(|d| !d.is_empty());
        let in_workspace = |p: Option<&str>| match p {
            Some(p) => format!("\"$DOCCHECK_WORKSPACE/{p}\""),
            None => "\"$DOCCHECK_WORKSPACE\"".to_string(),
        };
        let text = run
            .replace("{file}", &in_workspace(Some(&path)))
            .replace("{dir}", &in_workspace(dir.as_deref()))
            .replace("{n}", &n.to_string());
        writes.push((path, block.content.clone()));
        *action = Action::Run {
            commands: vec![Command {
                text,
                line: block.line,
                expected: None,
                exit: None,
                bound: None,
                exit_line: None,
                end_line: block.line,
                dialect: Dialect::Doccheck,
                prompt: String::new(),
                script: false,
                subshell: false,
                output_block: None,
                interpolate: Vec::new(),
            }],
            exit: directives.exit,
            service: None,
        };
    }
}
