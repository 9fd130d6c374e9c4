//! Rules that compare one segment's translation with its source. This module
//! runs them in order and owns the whole-segment rules (`segment-empty`,
//! `segment-untranslated`); each other module checks one kind of markup
//! (or of English left in the translation),
//! with `side` and `compare` shared by them.

mod code_spans;
mod code_words;
mod commands;
mod compare;
mod core_word;
mod emphasis;
mod emphasis_left;
mod emptied;
mod footer_words;
mod glue;
mod link_edges;
mod link_grammar;
mod link_labels;
mod link_verbs;
mod links;
mod localized;
mod markup;
mod names;
mod nouns;
mod orphans;
mod product_names;
mod punctuation;
mod recased;
mod side;
mod source_glued;
mod source_left;
mod spaced_tokens;
mod span_clause;
mod span_cyrillic;
mod span_idiom;
mod span_noun;
mod span_place;
mod span_role;
mod syntax_words;
mod table_headers;
mod table_names;
mod technical_tokens;

use crate::doc::Segment;
use crate::inline::RefDefs;
use crate::text::{self, clip};
pub(crate) use code_words::{code_words, named_in_prose, quoted_in_code};
pub(crate) use commands::commands_run;
pub(crate) use names::{derive as derive_names, Names, SourceText};
pub(crate) use recased::cased_words;
pub(crate) use side::{certain, unmark};
use side::{Raw, Side};
pub(crate) use source_left::kept_words;
pub(crate) use table_headers::table_headers;
pub(crate) use table_names::{table_names, Cell};

/// What the segment rules need from the file.
pub(crate) struct Ctx<'a> {
    pub(crate) refs: &'a RefDefs,
    /// Report translations identical to their source. Off when a file
    /// without side-by-side spans is identical to its source throughout.
    pub(crate) untranslated_allowed: bool,
    /// The guide's product names (`product-name-altered`).
    pub(crate) names: &'a Names,
    /// Names the page's code blocks use (`code_words`).
    pub(crate) code_words: &'a std::collections::HashSet<String>,
    /// Words the source writes in its code spans, in lower case: there
    /// lower case is a command's or a file's spelling, not a word's
    /// (`recased`).
    pub(crate) spanned: &'a std::collections::HashSet<String>,
    /// Those and the words of its code blocks, in lower case: a word kept
    /// in English is kept for the reader to type (`source_left`).
    pub(crate) in_code: &'a std::collections::HashSet<String>,
    /// The words of its code spans and blocks as written (`ChannelCredentials`).
    pub(crate) code_tokens: &'a std::collections::HashSet<&'a str>,
    /// The commands the page's code blocks run (`curl`, `dapr`).
    pub(crate) commands_run: &'a std::collections::HashSet<String>,
    /// Words the source writes with a capital away from a sentence's start
    /// (lower case): `JSON`, `Web` (`recased`).
    pub(crate) cased: &'a std::collections::HashSet<String>,
    /// How the page's translations treat each lower-case word of the
    /// sources' prose (`source_left`).
    pub(crate) kept: &'a source_left::Kept,
    /// The page's translations are written in another script than Latin
    /// letters (Cyrillic, Chinese, Japanese, Korean): a plain English word
    /// left alone stands out.
    pub(crate) foreign: bool,
    /// The page runs commands named `Verb-Noun` (PowerShell's): elsewhere
    /// "Request-Reply" is a pattern's name, not a command.
    pub(crate) commands: bool,
}

/// The words of a page's own structure: its sections' headings and its
/// tables' headers (`Remarks`, `Related Tasks`, `Description`).
pub(super) const DOC_WORDS: &[&str] = &[
    "attribute",
    "attributes",
    "description",
    "example",
    "examples",
    "remarks",
    "notes",
    "related",
    "tasks",
    "requirements",
    "prerequisites",
    "overview",
    "summary",
    "parameters",
    "syntax",
    "element",
    "elements",
    "value",
    "values",
    "setting",
    "settings",
    "title",
    "expression",
    "default",
    "see",
    "also",
    "next",
    "steps",
    "permissions",
    "limitations",
    "restrictions",
    "security",
    "transactions",
    "sources",
    "data",
    "string",
    "type",
    "name",
    "field",
    "flag",
    "configuration",
    "option",
    "options",
    "property",
    "column",
    "parameter",
    "action",
    "argument",
    "format",
    "status",
    "result",
];

/// Appends the findings of every rule for one segment to `out`.
pub(crate) fn check_segment(seg: &Segment, ctx: &Ctx, out: &mut Vec<Raw>) {
    let t = Side::new(&seg.text.text, ctx.refs);
    let source = seg.source.as_deref();
    let s = source.map(|src| Side::new(src, ctx.refs));

    let empty = t.words.is_empty() && t.inl.codes.is_empty() && t.inl.links.is_empty();
    if empty {
        if let Some(s) = &s {
            if !s.words.is_empty() || !s.inl.codes.is_empty() || !s.inl.links.is_empty() {
                out.push((
                    "segment-empty",
                    0,
                    format!(
                        "the translation is empty; the source has \"{}\"",
                        clip(s.text, 60)
                    ),
                ));
            }
        }
        return;
    }
    let Some(s) = s else {
        glue::glued(&t, None, out);
        punctuation::dangling(&t, None, out);
        return;
    };
    if text::same_words(t.text, s.text) {
        let words = s.word_strs();
        // A segment of one common English word ("and" between two code
        // blocks) is as untranslated as a sentence.
        let one_word = words.len() == 1 && text::is_english_word(words[0]);
        // A heading or a table's header of a page written in another script
        // (`Remarks`, `Description`), left in English: words of a page's
        // structure, which no translation keeps.
        let label = ctx.foreign
            && (1..=3).contains(&words.len())
            && s.inl.codes.is_empty()
            && s.inl.links.is_empty()
            && words.iter().all(|w| {
                w.len() >= 3
                    && w.chars().all(|c| c.is_ascii_alphabetic())
                    && w.chars().skip(1).all(|c| c.is_ascii_lowercase())
                    && DOC_WORDS.contains(&w.to_ascii_lowercase().as_str())
            });
        if ctx.untranslated_allowed && (text::is_prose(&words) || one_word || label) {
            out.push((
                "segment-untranslated",
                0,
                format!(
                    "the translation is the English source unchanged: \"{}\"",
                    clip(s.text, 60)
                ),
            ));
        }
        return;
    }
    code_spans::code_spans(&t, &s, out);
    code_spans::code_span_moved(&t, &s, out);
    // Structural evidence first, so that a span is reported with it rather
    // than with a neighbour word.
    span_role::code_span_role(&t, &s, out);
    orphans::orphaned_particles(&t, &s, out);
    orphans::run_together(&t, &s, out);
    span_cyrillic::code_span_cyrillic(&t, &s, out);
    span_idiom::span_in_expression(&t, out);
    span_place::code_span_misplaced(&t, &s, out);
    orphans::article_left_behind(&t, &s, out);
    span_noun::span_away_from_noun(&t, &s, out);
    span_noun::coverb_without_span(&t, &s, out);
    links::link_targets(&t, &s, out);
    links::link_after_the_stop(&t, &s, out);
    span_role::link_role(&t, &s, out);
    links::link_text_punctuation(&t, &s, out);
    links::link_text_untranslated(&t, &s, ctx.names, out);
    links::link_names_target(&t, &s, ctx.spanned, out);
    link_labels::link_labels_swapped(&t, &s, out);
    link_labels::link_text_grew(&t, &s, out);
    link_edges::link_edges(&t, &s, out);
    link_verbs::link_verbs(&t, &s, out);
    link_grammar::link_grammar(&t, &s, out);
    link_labels::name_link_grew(&t, &s, out);
    glue::glued(&t, Some(&s), out);
    punctuation::dangling(&t, Some(&s), out);
    emphasis::emphasis_glued(&t, &s, out);
    emphasis::emphasis_moved(&t, &s, out);
    emphasis_left::emphasis_left(&t, &s, out);
    technical_tokens::technical_tokens(&t, &s, ctx.commands, ctx.code_tokens, out);
    code_words::code_words_translated(&t, &s, ctx.code_words, out);
    syntax_words::syntax_words(&t, &s, ctx, out);
    commands::command_gone(&t, &s, ctx.commands_run, out);
    commands::command_line_gone(&t, &s, ctx.commands_run, out);
    // A name re-cased inside a technical token (`ASP.net Core`) is reported
    // once, as the token.
    let tokens_at: std::collections::HashSet<usize> = out
        .iter()
        .filter(|f| f.0 == "technical-token-translated")
        .map(|f| f.1)
        .collect();
    product_names::product_names(&t, &s, ctx.names, &tokens_at, out);
    product_names::names_not_tokens(ctx, out);
    core_word::core_word(&t, &s, out);
    recased::recased(&t, &s, ctx, out);
    spaced_tokens::spaced_tokens(&t, &s, out);
    emptied::emptied(&t, &s, out);
    markup::markup_broken(&t, &s, out);
    span_role::name_role(&t, &s, ctx.names, out);
    // English glued on is reported once, not again as English left.
    let glued = source_glued::source_glued(&t, &s, out);
    source_left::source_left(&t, &s, glued, out);
    source_left::english_word_left(&t, &s, ctx, out);
}

/// Rules over the segments of one line (a "Previous / Next" footer written
/// as two segments): (index in `segs`, finding).
pub(crate) fn check_line(segs: &[&Segment], ctx: &Ctx) -> Vec<(usize, Raw)> {
    let (mut t, mut s) = (Vec::new(), Vec::new());
    for (i, seg) in segs.iter().enumerate() {
        let Some(src) = seg.source.as_deref() else {
            continue;
        };
        t.extend(link_labels::labels(&Side::new(&seg.text.text, ctx.refs), i));
        s.extend(link_labels::labels(&Side::new(src, ctx.refs), i));
    }
    link_labels::swapped(&t, &s, true)
        .into_iter()
        .map(|(i, at, m)| (i, ("link-labels-swapped", at, m)))
        .collect()
}

/// Whether `code-span-moved` was already said of the span at `at`: one
/// finding a span (a rule with more to say may have spoken).
fn moved_at(out: &[Raw], at: usize) -> bool {
    out.iter().any(|f| f.0 == "code-span-moved" && f.1 == at)
}

/// Where `code-span-moved` was already said, for a rule that asks of many spans.
fn moved_spans(out: &[Raw]) -> std::collections::HashSet<usize> {
    out.iter()
        .filter(|f| f.0 == "code-span-moved")
        .map(|f| f.1)
        .collect()
}
