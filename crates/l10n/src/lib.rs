//! Checks a translated copy of a markdown tutorial.
//!
//! The translation is either in Microsoft's side-by-side format, where each
//! translated segment carries its English source
//! (`<span data-ttu-id="ID">FR</span><span class="sxs-lookup"><span data-stu-id="ID">EN</span></span>`),
//! or plain markdown, whose block-level elements are then aligned in order
//! with a separate source file. Each segment's inline markdown (code spans,
//! links, technical tokens, punctuation around them) is compared with its
//! source's; with a source file, the fenced code blocks are compared too.
//!
//! ```
//! let fr = "<span data-ttu-id=\"1\">Lancez `docker run`maintenant.</span>\
//!           <span class=\"sxs-lookup\"><span data-stu-id=\"1\">Run `docker run` now.</span></span>\n";
//! let findings = doccheck_l10n::check(fr, None, &Default::default());
//! assert_eq!(findings[0].rule, "code-span-glued");
//! assert_eq!(findings[0].segment.as_deref(), Some("1"));
//! ```

use std::collections::{BTreeMap, BTreeSet, HashSet};

mod blocks;
mod changed;
mod deadline;
mod doc;
mod front_matter;
mod headings;
mod inline;
mod outside;
mod rules;
mod staleness;
mod text;

pub use blocks::COMMAND_LANGS;
use deadline::deadline;
use doc::{Doc, Segment};
use text::{LineIndex, Mapped};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    /// Kebab-case rule name, one of [`RULES`].
    pub rule: &'static str,
    pub severity: Severity,
    /// The side-by-side segment id (`data-ttu-id`), e.g. `5ce59-114`.
    pub segment: Option<String>,
    /// 1-based line in the localized file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// For a translator: what is wrong, and what the source has.
    pub message: String,
    /// Unified diff (source → translation) for a changed code block.
    pub diff: Option<String>,
}

/// Rules turned off, everywhere or in one segment, and what the checks need
/// to know besides the two files.
///
/// Deserializes from the scenario's `translation:` mapping:
/// `{ disable: [rule, ...], segments: { "5ce59-131": [rule, ...] },
/// product-names: [...], source-revision: "..." }`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Config {
    #[serde(default, rename = "disable")]
    pub disabled: BTreeSet<String>,
    /// Segment id → rules turned off in that segment.
    #[serde(default, rename = "segments")]
    pub disabled_in_segment: BTreeMap<String, BTreeSet<String>>,
    /// Product names the translation must keep as written (`product-name-altered`),
    /// besides the ones derived from the source: `["Azure Container Registry"]`.
    #[serde(default, rename = "product-names", alias = "product_names")]
    pub product_names: Vec<String>,
    /// The source's current revision (a git commit), compared with the
    /// translation's `ms.sourcegitcommit` (`translation-outdated`).
    #[serde(default, rename = "source-revision", alias = "source_revision")]
    pub source_revision: Option<String>,
}

impl Config {
    fn allows(&self, f: &Finding) -> bool {
        self.allows_rule(f.rule, f.segment.as_deref())
    }

    fn allows_rule(&self, rule: &str, segment: Option<&str>) -> bool {
        !self.disabled.contains(rule)
            && !segment
                .and_then(|s| self.disabled_in_segment.get(s))
                .is_some_and(|rules| rules.contains(rule))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn rule(name: &'static str, severity: Severity, summary: &'static str) -> Rule {
    Rule {
        name,
        severity,
        summary,
    }
}

use Severity::{Error, Warning};

pub const RULES: &[Rule] = &[
    rule("code-block-missing", Error, "a fenced code block of the source is not in the translation"),
    rule("code-block-extra", Error, "a fenced code block of the translation is not in the source"),
    rule("code-block-reordered", Error, "a code block is the source's, at another place"),
    rule("code-block-changed", Error, "a code block's content differs from the source's (with a diff)"),
    rule("fence-info-changed", Warning, "a code block's language differs from the source's in a way that changes how doccheck runs it (command or file languages)"),
    rule("code-span-missing", Error, "an inline code span of the source is not in the segment"),
    rule("code-span-added", Error, "an inline code span is not in the source segment"),
    rule("code-span-changed", Error, "an inline code span differs slightly from the source's"),
    rule("code-span-moved", Warning, "a code span is at another place in its sentence than the source's: out of a link's text or parentheses, across a colon, a comma or a conjunction, or next to a word the source has elsewhere"),
    rule("code-span-glued", Warning, "a code span or link touches a letter with no space between them"),
    rule("dangling-punctuation", Warning, "a space before \".\", \",\" or \")\": punctuation left behind where a code span moved away"),
    rule("link-target-missing", Error, "a link target of the source is not in the segment"),
    rule("link-target-changed", Error, "a link points elsewhere than the source's"),
    rule("link-target-added", Warning, "a link target is not in the source segment"),
    rule("link-text-punctuation", Warning, "punctuation the source has after a link is inside the link's text"),
    rule("link-labels-swapped", Warning, "two links' labels are each on the other's target compared with the source (a Previous / Next footer)"),
    rule("link-text-grew", Warning, "a name, number or code span the source has outside a link is inside the link's text"),
    rule("link-moved", Warning, "a link now after its sentence's final stop, or where its sentence cannot hold it, where the source has it inside the sentence"),
    rule("link-text-untranslated", Warning, "a link's text is the English source's while the rest is translated"),
    rule("technical-token-translated", Error, "a technical token (image tag, flag, file name, version, URL, identifier) was altered by translation"),
    rule("technical-token-missing", Warning, "a technical token of the source is not in the segment"),
    rule("source-glued-to-translation", Warning, "the English source (all of it, or three words or more) is glued to the translated text with no space: `d'exécutionThe runtime image steps`"),
    rule("emphasis-glued", Warning, "emphasis (`*x*`, `**x**`, `_x_`) is glued to the next or previous word where the source has a space"),
    rule("emphasis-moved", Warning, "bold or italics set on other words than the source's: onto a comma or a particle, or across a clause"),
    rule("source-left-in-translation", Warning, "a run of English source text is left inside the translation"),
    rule("segment-untranslated", Warning, "the translation is the source prose unchanged"),
    rule("segment-empty", Error, "the translation is empty"),
    rule("front-matter-empty", Error, "the front matter's `title` or `description` is empty or missing while the source's has one"),
    rule("front-matter-untranslated", Warning, "the front matter's `title` or `description` is the source's English unchanged"),
    rule("markup-broken", Warning, "inline markup the source writes whole is broken in the segment: an escape or an entity split by a space, bold turned into literal asterisks, math dollars unpaired, an image's alt text emptied or holding the sentence's words, code spans run together, list separators with nothing between them"),
    rule("segment-malformed", Error, "the side-by-side markup is broken: span not closed, no source span, ids that differ"),
    rule("heading-anchor-changed", Error, "a heading's `<a name>` anchor is not the slug GitHub/docfx make from its English heading"),
    rule("product-name-altered", Warning, "a product or technology name of the source (`Docker`, `ASP.NET Core`, `Azure Container Registry`) is re-cased, inflected, translated or split in the segment"),
    rule("translation-outdated", Warning, "the translation's source revision (`ms.sourcegitcommit`, `ms.openlocfilehash`) is not the source's: findings that only follow from that are listed in this one"),
    rule("heading-anchor-missing", Warning, "a heading has no anchor for its English heading's slug (with a source: a source heading's anchor is nowhere in the translation)"),
];

fn severity_of(name: &str) -> Severity {
    RULES
        .iter()
        .find(|r| r.name == name)
        .map_or(Severity::Error, |r| r.severity)
}

/// Names in `config` that are not rules, sorted, without repeats.
pub fn unknown_rules(config: &Config) -> Vec<String> {
    let known: HashSet<&str> = RULES.iter().map(|r| r.name).collect();
    let mut out: BTreeSet<String> = BTreeSet::new();
    for name in config
        .disabled
        .iter()
        .chain(config.disabled_in_segment.values().flatten())
    {
        if !known.contains(name.as_str()) {
            out.insert(name.clone());
        }
    }
    out.into_iter().collect()
}

/// `localized`: the translated file's text. `source`: the separate source
/// file's text if one is given (then code blocks are compared, and segments
/// without side-by-side spans are aligned with the source's block-level
/// elements in order). With side-by-side spans, each segment is checked
/// against its embedded source sentence. Findings are sorted by line, column.
pub fn check(localized: &str, source: Option<&str>, config: &Config) -> Vec<Finding> {
    let ldoc = doc::parse(localized);
    let lines = LineIndex::new(localized);
    let sdoc = source.map(doc::parse);
    let (mut segs, bad) = doc::segments(&lines, &ldoc);
    let slines = source.map(LineIndex::new);
    let mut out = Vec::new();
    let mut push = |rule: &'static str,
                    segment: Option<String>,
                    offset: usize,
                    message: String,
                    diff: Option<String>| {
        // The byte offset waits in `line` until positions are resolved.
        let (error, text) = rules::unmark(&message);
        let (severity, message) = if error {
            (Severity::Error, text.to_string())
        } else {
            (severity_of(rule), message)
        };
        out.push(Finding {
            rule,
            severity,
            segment,
            line: offset,
            column: 0,
            message,
            diff,
        });
    };

    for b in bad {
        push("segment-malformed", b.id, b.at, b.message, None);
    }
    for (at, message) in outside::outside(localized, &ldoc, &segs) {
        push("segment-malformed", None, at, message, None);
    }

    let side_by_side = !segs.is_empty();
    let mut untranslated_allowed = true;
    if !side_by_side {
        if let (Some(src), Some(sdoc)) = (source, &sdoc) {
            segs = aligned(
                &lines,
                &ldoc,
                slines.as_ref().unwrap_or(&LineIndex::new(src)),
                sdoc,
            );
            untranslated_allowed = segs.iter().any(|s| {
                s.source
                    .as_deref()
                    .is_some_and(|src| !text::same_words(src, &s.text.text))
            });
        }
    }
    let texts: Vec<rules::SourceText> = segs
        .iter()
        .filter_map(|s| {
            let text = s.source.as_deref()?;
            let i = ldoc
                .headings
                .partition_point(|h| h.range.start <= s.outer.start);
            let heading = i > 0 && ldoc.headings[i - 1].range.contains(&s.outer.start);
            Some(rules::SourceText { text, heading })
        })
        .collect();
    let names = rules::derive_names(&texts, &ldoc.refs, &config.product_names);
    let mut code_words = rules::code_words(ldoc.code_blocks.iter().map(|b| b.content.as_str()));
    code_words.extend(rules::named_in_prose(texts.iter().map(|t| t.text)));
    let blocks: Vec<&str> = ldoc
        .code_blocks
        .iter()
        .map(|b| b.content.as_str())
        .collect();
    code_words.extend(rules::quoted_in_code(texts.iter().map(|t| t.text), &blocks));
    // A page about commands (`Get-Content`) in its code or its code spans,
    // or about cmdlets: there a `Verb-Noun` word of its prose is a command.
    let command = |w: &str| text::is_command_name(text::trim_word(w));
    let commands = blocks.iter().any(|b| {
        b.split(|c: char| c.is_whitespace() || "(){}[]|;\"'".contains(c))
            .any(command)
    }) || texts.iter().any(|t| {
        t.text.to_lowercase().contains("cmdlet")
            || t.text
                .split('`')
                .skip(1)
                .step_by(2)
                .any(|c| c.split_whitespace().any(command))
    });
    // Words the source writes in its code spans (`systemd`), in lower case;
    // and with its code blocks' (`docker`, `bash`).
    let spanned: std::collections::HashSet<String> = texts
        .iter()
        .flat_map(|t| t.text.split('`').skip(1).step_by(2))
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect();
    let code_tokens: std::collections::HashSet<&str> = texts
        .iter()
        .flat_map(|t| t.text.split('`').skip(1).step_by(2))
        .chain(blocks.iter().copied())
        .flat_map(|b| b.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')))
        .filter(|w| !w.is_empty())
        .collect();
    let in_code: std::collections::HashSet<String> =
        code_tokens.iter().map(|w| w.to_lowercase()).collect();
    let cased = rules::cased_words(texts.iter().map(|t| t.text));
    let ctx = rules::Ctx {
        refs: &ldoc.refs,
        untranslated_allowed,
        names: &names,
        code_words: &code_words,
        spanned: &spanned,
        in_code: &in_code,
        code_tokens: &code_tokens,
        commands_run: &rules::commands_run(
            ldoc.code_blocks
                .iter()
                .map(|b| (b.lang(), b.content.as_str())),
        ),
        cased: &cased,
        kept: &rules::kept_words(
            segs.iter()
                .filter_map(|s| Some((s.text.text.as_str(), s.source.as_deref()?))),
        ),
        foreign: {
            let (mut latin, mut other) = (0usize, 0usize);
            for c in segs
                .iter()
                .flat_map(|s| s.text.text.chars())
                .filter(|c| c.is_alphabetic())
            {
                if c.is_ascii_alphabetic() {
                    latin += 1;
                } else if (c as u32) >= 0x0400 {
                    other += 1;
                }
            }
            other > latin
        },
        commands,
    };
    for seg in &segs {
        let mut raw = Vec::new();
        rules::check_segment(seg, &ctx, &mut raw);
        for (rule, at, message) in raw {
            let at = seg.text.file_offset(at.min(seg.text.text.len()));
            push(rule, seg.id.clone(), at, message, None);
        }
    }
    // Cells of a table's column, checked together.
    let placed = doc::table_cells(&lines, &segs);
    let cells: Vec<(usize, rules::Cell)> = placed
        .iter()
        .filter(|c| !c.3)
        .filter_map(|&(i, table, column, _)| {
            let source = segs[i].source.as_deref()?;
            Some((
                i,
                rules::Cell {
                    table,
                    column,
                    text: &segs[i].text.text,
                    source,
                },
            ))
        })
        .collect();
    let only: Vec<rules::Cell> = cells.iter().map(|(_, c)| c.clone()).collect();
    for (k, (rule, at, message)) in rules::table_names(&only) {
        let seg = &segs[cells[k].0];
        let at = seg.text.file_offset(at.min(seg.text.text.len()));
        push(rule, seg.id.clone(), at, message, None);
    }
    // A table's header row, checked together.
    let headers: Vec<(usize, usize, &str, &str)> = placed
        .iter()
        .filter(|c| c.3)
        .filter_map(|&(i, table, ..)| {
            Some((
                i,
                table,
                segs[i].text.text.as_str(),
                segs[i].source.as_deref()?,
            ))
        })
        .collect();
    for (i, (rule, at, message)) in rules::table_headers(&headers, &|w| ctx.names.has_word(w)) {
        let seg = &segs[i];
        let at = seg.text.file_offset(at.min(seg.text.text.len()));
        push(rule, seg.id.clone(), at, message, None);
    }
    // Segments that start on one line, checked together.
    let mut k = 0;
    while k < segs.len() {
        let line = lines.line_start(segs[k].outer.start);
        let n = segs[k..]
            .iter()
            .take_while(|s| lines.line_start(s.outer.start) == line)
            .count();
        if n > 1 {
            let group: Vec<&Segment> = segs[k..k + n].iter().collect();
            for (i, (rule, at, message)) in rules::check_line(&group, &ctx) {
                let seg = group[i];
                let at = seg.text.file_offset(at.min(seg.text.text.len()));
                push(rule, seg.id.clone(), at, message, None);
            }
        }
        k += n;
    }

    if let Some(src) = source {
        for (rule, at, message) in front_matter::check(localized, &lines, src, &ctx) {
            push(rule, None, at, message, None);
        }
    }

    // What the source changed since the translation was made: segments whose
    // English it no longer has, paragraphs no segment carries.
    let changed = match (&slines, &sdoc) {
        (Some(sl), Some(sd)) if side_by_side => changed::changed(&segs, sl, sd, localized),
        _ => None,
    }
    .filter(changed::Changed::any);
    let mut outdated =
        staleness::outdated(localized, &lines, source, config.source_revision.as_deref());
    if let Some(c) = &changed {
        let at = outdated.as_ref().map_or(0, |o| o.0);
        let diff = match outdated.take() {
            Some((_, d)) => format!("{d}; {}", c.describe()),
            None => c.describe(),
        };
        outdated = Some((at, diff));
    }
    let outdated = outdated.filter(|_| !config.disabled.contains("translation-outdated"));
    let mut folded = Vec::new();

    if let (Some(slines), Some(sdoc)) = (&slines, &sdoc) {
        for (rule, at, message, diff) in blocks::compare(
            &ldoc.code_blocks,
            &sdoc.code_blocks,
            slines,
            localized.len(),
        ) {
            // The source's code changed with its text: the blocks follow
            // from that, not from the translation.
            if changed.is_some() && outdated.is_some() && config.allows_rule(rule, None) {
                folded.push(format!("{rule} at line {}", lines.pos(at).0));
            } else {
                push(rule, None, at, message, diff);
            }
        }
    }

    let anchors = headings::heading_anchors(localized, &ldoc, &segs, source.zip(sdoc.as_ref()));
    for a in anchors {
        match (&outdated, a.stale) {
            // Listed in the one outdated finding instead.
            (Some(_), Some(stale)) if config.allows_rule(a.rule, a.segment.as_deref()) => {
                folded.push(stale)
            }
            _ => push(a.rule, a.segment, a.at, a.message, None),
        }
    }
    if let Some((at, diff)) = outdated {
        push(
            "translation-outdated",
            None,
            at,
            staleness::message(&diff, &folded),
            None,
        );
    }

    out.retain(|f| config.allows(f));
    // Offsets in increasing order, so that columns are counted once per line.
    out.sort_by_key(|f| f.line);
    let mut cursor = lines.cursor();
    for f in &mut out {
        (f.line, f.column) = cursor.pos(f.line);
    }
    out.sort_by(|a, b| {
        (a.line, a.column, a.rule, &a.message).cmp(&(b.line, b.column, b.rule, &b.message))
    });
    out
}

/// A segment of a translation and the source it is checked against, as
/// [`check`] pairs them: what a report shows side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The side-by-side segment id (`data-ttu-id`), when the translation has them.
    pub id: Option<String>,
    /// The translated text's byte range in the localized file.
    pub text: std::ops::Range<usize>,
    /// The whole segment's byte range, its side-by-side markup included.
    pub outer: std::ops::Range<usize>,
    /// The source's text (container markers of continuation lines removed).
    pub source: Option<String>,
}

/// The segments of `localized` with their sources, in file order: its
/// side-by-side segments, or without them its block-level elements paired
/// with `source`'s as [`check`] pairs them.
pub fn pairs(localized: &str, source: Option<&str>) -> Vec<Pair> {
    let ldoc = doc::parse(localized);
    let lines = LineIndex::new(localized);
    let (mut segs, _) = doc::segments(&lines, &ldoc);
    if segs.is_empty() {
        if let Some(src) = source {
            segs = aligned(&lines, &ldoc, &LineIndex::new(src), &doc::parse(src));
        }
    }
    segs.into_iter()
        .map(|s| Pair {
            id: s.id,
            text: s.text.range(),
            outer: s.outer,
            source: s.source,
        })
        .collect()
}

/// Segments for a translation without side-by-side spans: its block-level
/// elements paired in order with the source's, by kind.
fn aligned(localized: &LineIndex, ldoc: &Doc, source: &LineIndex, sdoc: &Doc) -> Vec<Segment> {
    let lk: Vec<doc::LeafKind> = ldoc.leaves.iter().map(|l| l.kind).collect();
    let sk: Vec<doc::LeafKind> = sdoc.leaves.iter().map(|l| l.kind).collect();
    let mut segs = Vec::new();
    for op in
        similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &sk, &lk, Some(deadline()))
    {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                let l = &ldoc.leaves[new_index + k];
                let s = &sdoc.leaves[old_index + k];
                segs.push(Segment {
                    id: None,
                    text: Mapped::from_range(localized, l.range.clone()),
                    source: Some(Mapped::from_range(source, s.range.clone()).text),
                    outer: l.range.clone(),
                });
            }
        }
    }
    segs
}
