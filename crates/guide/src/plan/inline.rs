//! What each block says about itself, in its `<!-- doccheck -->` annotation
//! and its fence's info string: read for every block before any is planned,
//! so that a guide with several malformed annotations hears of all of them
//! at once, each at its own line.

use super::lang_of;
use crate::config::Defaults;
use crate::directives::{read_annotation, read_info, Directives};
use crate::error::{Error, Location};
use crate::languages;
use crate::markdown::Block;

/// A block's own directives (the annotation's, with the info string's over them).
#[derive(Debug, Default)]
pub(super) struct Inline {
    pub directives: Directives,
    /// `annotation at line N` or `info string`, when either said something.
    pub bound_by: Option<String>,
    /// Other tools' info-string metadata, ignored.
    pub notes: Vec<String>,
}

pub(super) const SKIP_NEEDS_A_REASON: &str =
    "skip needs a reason, e.g. skip=\"needs a cloud account\"";

/// Every block's directives, or every error in them: one [`Error`] with the
/// others in its `related`, in the file's order.
pub fn read(guide: &str, blocks: &[Block], defaults: &Defaults) -> Result<Vec<Inline>, Error> {
    let mut found = Vec::with_capacity(blocks.len());
    let mut errors = Vec::new();
    for block in blocks {
        match one(guide, block, defaults) {
            Ok(inline) => found.push(inline),
            Err(e) => errors.push(e),
        }
    }
    match Error::several(errors) {
        Some(error) => Err(error),
        None => Ok(found),
    }
}

fn one(guide: &str, block: &Block, defaults: &Defaults) -> Result<Inline, Error> {
    let at = Location::new(guide, block.line, block.column);
    let mut inline = Inline::default();
    let mut errors = Vec::new();
    if let Some(a) = &block.annotation {
        let annotation_at = Location::new(guide, a.line, a.column);
        let (directives, found) = read_annotation(&a.text, &annotation_at);
        errors.extend(found);
        check_values(&directives, &annotation_at, &mut errors);
        inline.directives = directives;
        inline.bound_by = Some(format!("annotation at line {}", a.line));
    }
    // A scrut block's info string is scrut's own configuration.
    if lang_of(block, defaults) != languages::SCRUT {
        let (info, found) = read_info(block.attributes(), &at);
        errors.extend(found);
        check_values(&info.directives, &at, &mut errors);
        if info.directives != Directives::default() {
            inline.directives = inline.directives.merged_with(&info.directives);
            inline
                .bound_by
                .get_or_insert_with(|| "info string".to_string());
        }
        if !info.foreign.is_empty() {
            inline.notes.push(format!(
                "info-string metadata `{}` is not doccheck's: ignored",
                info.foreign.join(" ")
            ));
        }
    }
    match Error::several(errors) {
        Some(error) => Err(error),
        None => Ok(inline),
    }
}

/// The values a block's directives give that are wrong wherever they are used.
fn check_values(d: &Directives, at: &Location, errors: &mut Vec<Error>) {
    if let Some(Err(m)) = d.timeout.as_deref().map(crate::duration::parse) {
        errors.push(Error::guide(at.clone(), m));
    }
    if d.skip.as_ref().is_some_and(|r| r.trim().is_empty()) {
        errors.push(Error::guide(at.clone(), SKIP_NEEDS_A_REASON));
    }
    for path in d.file.iter().chain(&d.also).chain(&d.fragment_of) {
        if let Err(e) = check_path(path, at) {
            errors.push(e);
        }
    }
}

/// Workspace paths stay inside the workspace.
pub(super) fn check_path(path: &str, at: &Location) -> Result<(), Error> {
    let p = std::path::Path::new(path);
    let escapes = p.is_absolute()
        || p.components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if path.trim().is_empty() || escapes {
        return Err(Error::guide(
            at.clone(),
            format!("file path `{path}` must be relative to the workspace and stay inside it"),
        ));
    }
    Ok(())
}
