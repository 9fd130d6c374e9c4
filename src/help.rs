//! What doccheck says about itself: the examples and exit codes that
//! `--help` shows after the flags, `doccheck completions SHELL` and `doccheck
//! man`. The scripts and the page are generated from the flags themselves
//! (clap_complete, clap_mangen), so they never drift from them.

use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;
use doccheck_guide::Error;
use roff::{bold, italic, roman, Roff};

use crate::cli::{Args, Command};

/// A few real command lines, and what each does.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "doccheck docs/install.md",
        "Run one guide, step by step; exit 0 if every step passed.",
    ),
    (
        "doccheck docs/ --jobs 4 --partition hash:1/3 --junit shard-1.xml",
        "In CI: one shard of three of every guide below docs/, with a JUnit report.",
    ),
    (
        "doccheck docs/install.md --list",
        "Show what each block will do (write a file, run commands, skip); run nothing.",
    ),
    (
        "doccheck docs/install.md --update --dry-run",
        "Show, as a diff, the stale transcripts --update would rewrite; write nothing.",
    ),
    (
        "doccheck docs/install.md --watch",
        "While editing: run again on every save, from the block that changed.",
    ),
    (
        "doccheck docs/install.md --checkpoints; doccheck docs/install.md --resume",
        "Keep a checkpoint after each block; after a fix, go on from the failed block.",
    ),
    (
        "doccheck --translation docs/fr-fr/install.md",
        "Check a translation against its source (docs/install.md) instead of running it.",
    ),
    (
        "doccheck ./man",
        "Run a guide or directory named like a subcommand (man, completions).",
    ),
];

const EXIT_CODES: &[(&str, &str)] = &[
    (
        "0",
        "every step passed (--translation: no error-level finding)",
    ),
    (
        "1",
        "a step failed, or no step ran at all (--allow-empty accepts that)",
    ),
    (
        "2",
        "usage, guide, scenario or environment error (with its file:line:column)",
    ),
    ("130, 143", "interrupted by Ctrl-C (SIGINT) or SIGTERM"),
];

/// What `--help` shows after the flags (`-h` leaves it out).
pub fn after_long_help() -> String {
    let mut text = String::from("Examples:\n");
    for (command, what) in EXAMPLES {
        text += &format!("  {command}\n      {what}\n");
    }
    text += "\nExit codes:\n";
    for (code, what) in EXIT_CODES {
        text += &format!("  {code:<9} {what}\n");
    }
    text + "\n`doccheck man` prints this help as a man page."
}

pub fn main(command: Command) -> i32 {
    let (name, text) = match command {
        Command::Completions { shell } => ("completions", completions(shell)),
        Command::Man => match man() {
            Ok(text) => ("man", text),
            Err(e) => {
                doccheck_report::err(&doccheck_report::terminal::error::render(&e));
                return e.exit_code();
            }
        },
    };
    // The first word is the subcommand even where a guide has its name: say
    // how to run that guide instead.
    if Path::new(name).exists() {
        doccheck_report::err(&format!(
            "note: `{name}` is doccheck's subcommand; to run the guide ./{name}, write `doccheck ./{name}`\n"
        ));
    }
    doccheck_report::out(&text);
    0
}

pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "doccheck", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

type Section = fn(&Man, &mut dyn std::io::Write) -> std::io::Result<()>;

/// Roff's preamble, which clap_mangen writes before each section it renders.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The page: clap_mangen's sections for what the flags say, then ours
/// (commands, exit status, examples) instead of its one block of long help
/// and its links to subcommands' pages, which do not exist.
pub fn man() -> Result<String, Error> {
    let page = Man::new(Args::command());
    let render = |section: Section| {
        let mut text = Vec::new();
        section(&page, &mut text)
            .map_err(|e| Error::environment(format!("cannot render the man page: {e}")))?;
        let text = String::from_utf8_lossy(&text).into_owned();
        Ok::<_, Error>(text.strip_prefix(PREAMBLE).unwrap_or(&text).to_string())
    };
    let mut out = PREAMBLE.to_string();
    for section in [
        Man::render_title as Section,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        out += &render(section)?;
    }
    out += &ours();
    out += &render(Man::render_version_section)?;
    Ok(out)
}

fn ours() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.control("TP", [])
        .text([bold("doccheck completions"), roman(" "), italic("SHELL")]);
    roff.text([roman(
        "Print the completion script for SHELL (bash, elvish, fish, powershell, zsh) to stdout.",
    )]);
    roff.control("TP", []).text([bold("doccheck man")]);
    roff.text([roman("Print this page, in roff, to stdout.")]);
    roff.control("PP", []).text([roman(
        "A first path named like a command is the command: run a guide or directory named man as ./man, or after -- or another path.",
    )]);
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in EXIT_CODES {
        roff.control("TP", []).text([bold(*code)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["EXAMPLES"]);
    for (command, what) in EXAMPLES {
        roff.control("TP", []).text([bold(*command)]);
        roff.text([roman(*what)]);
    }
    roff.to_roff()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_man_page_has_one_preamble_and_our_sections() {
        let page = man().unwrap();
        assert!(page.starts_with(PREAMBLE), "{page}");
        assert_eq!(page.matches(".el .ds Aq").count(), 1);
        let headings: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH")).collect();
        assert_eq!(
            headings,
            [
                ".SH NAME",
                ".SH SYNOPSIS",
                ".SH DESCRIPTION",
                ".SH OPTIONS",
                ".SH COMMANDS",
                ".SH \"EXIT STATUS\"",
                ".SH EXAMPLES",
                ".SH VERSION"
            ]
        );
    }

    #[test]
    fn the_long_help_lists_every_example_and_exit_code() {
        let text = after_long_help();
        for (line, _) in EXAMPLES.iter().chain(EXIT_CODES) {
            assert!(text.contains(line), "{line}");
        }
    }
}
