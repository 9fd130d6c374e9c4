//! A command block's commands, read as the guide's blocks are read (its
//! prompts, what a `#` line is), and the notes that say how, once per guide.

use super::lang_of;
use crate::config::Defaults;
use crate::error::Error;
use crate::languages;
use crate::markdown::Block;
use crate::scenario::Scenario;
use crate::transcript::{self, Command, Hash, Reading};

pub(super) struct Reader {
    pub reading: Reading,
    /// What the guide's `#` lines were decided to be, said at the first
    /// step that has one.
    root_note: Option<String>,
    comments_said: bool,
}

impl Reader {
    /// The reading of a guide whose blocks are `blocks`: the scenario's
    /// prompts, or the configuration's, or the defaults, and what `#` is.
    pub fn new(blocks: &[Block], scenario: Option<&Scenario>, defaults: &Defaults) -> Reader {
        let configured = scenario
            .and_then(|s| s.prompts.as_deref())
            .or(defaults.prompts.as_deref());
        let mut reading = Reading::configured(configured);
        let commands = blocks.iter().filter(|b| {
            let lang = lang_of(b, defaults);
            lang != languages::SCRUT
                && (languages::is_command(&lang) || defaults.command_langs.contains(&lang))
        });
        let root_note = reading.decide(commands.map(|b| b.content.as_str()));
        Reader {
            reading,
            root_note,
            comments_said: false,
        }
    }

    /// The commands of `block`, and what the reader should know of how they were read.
    pub fn commands(
        &mut self,
        guide: &str,
        block: &Block,
        notes: &mut Vec<String>,
    ) -> Result<Vec<Command>, Error> {
        let parsed =
            transcript::parse_with(guide, &block.content, block.content_line, &self.reading)?;
        let prompt = parsed.prompt.as_deref().unwrap_or("");
        if self.reading.hash == Hash::RootPrompt && parsed.commands.iter().any(|c| c.prompt == "# ")
        {
            notes.extend(self.root_note.take());
        }
        if let (Some(&line), false) = (parsed.comments.first(), self.comments_said) {
            self.comments_said = true;
            notes.push(format!(
                "line {line}: `#` lines are comments for the reader in this guide, not commands{} (`prompts: [\"# \"]` in the scenario or .doccheck.yaml makes `#` root's prompt)",
                if prompt.is_empty() {
                    String::new()
                } else {
                    format!("; its prompt is `{}`", prompt.trim_end())
                }
            ));
        }
        if !self.reading.configured && !prompt.is_empty() && prompt != "$ " && prompt != "# " {
            notes.push(format!(
                "read as a transcript typed after `{}` prompts",
                prompt.trim_end()
            ));
        }
        if let Some(script) = parsed.commands.iter().find(|c| c.script) {
            notes.push(format!(
                "line {}: a script (it calls `exit`): its lines run as one unit, and `exit N` gives the block's exit status without ending the session",
                script.line
            ));
        }
        Ok(parsed.commands)
    }
}
