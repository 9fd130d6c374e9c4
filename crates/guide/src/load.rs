//! One guide, from its path to its plan: read it, find its blocks and its
//! scenario (the one given, or the one `scenarios/` holds for it), and plan.

use std::path::Path;

use crate::config::Defaults;
use crate::error::{Error, ErrorKind};
use crate::plan::{self, Plan};
use crate::scenario::{self, Scenario};
use crate::tree::GuidePath;
use crate::{discovery, languages, markdown, scrut};

/// What a guide turned out to be.
#[derive(Debug)]
pub enum Loaded {
    Plan(Box<Plan>),
    /// A markdown file without a block doccheck can run (no fenced code
    /// block, or only `text`, `json`... blocks), found by a walk or a glob.
    NoBlocks,
}

pub fn scenario_for(guide: &Path, given: Option<&Path>) -> Result<Option<Scenario>, Error> {
    match given {
        Some(path) => scenario::load(path).map(Some),
        None => discovery::scenario_for(guide)?
            .map(|p| scenario::load(&p))
            .transpose(),
    }
}

pub fn load(
    guide: &GuidePath,
    scenario: Option<&Path>,
    defaults: &Defaults,
) -> Result<Loaded, Error> {
    let shown = guide.path.display().to_string();
    let text = markdown::read_guide(&guide.path)?;
    let (blocks, errors) = markdown::scan(&shown, &text);
    if !errors.is_empty() {
        // The blocks that were read may hold more errors: all are reported.
        let more = plan::annotation_errors(&shown, &blocks, defaults);
        if let Some(error) = Error::several(errors.into_iter().chain(more)) {
            return Err(error);
        }
    }
    let scenario = scenario_for(&guide.path, scenario)?;
    if blocks.is_empty() {
        if guide.named {
            return Err(Error::new(
                ErrorKind::Guide,
                format!("{shown} has no fenced code blocks: there is nothing to check"),
            ));
        }
        return Ok(Loaded::NoBlocks);
    }
    let document = match markdown::front_matter(&text) {
        Some((yaml, line)) if blocks.iter().any(|b| b.lang() == languages::SCRUT) => {
            scrut::case::document(yaml, &shown, line)?
        }
        _ => Default::default(),
    };
    let plan = plan::build(&shown, &text, &blocks, scenario, defaults, &document)?;
    if !guide.named && !plan.has_runnable_blocks() {
        return Ok(Loaded::NoBlocks);
    }
    Ok(Loaded::Plan(Box::new(plan)))
}
