//! The steps of a scenario's `variants:`: the fragment's file with the
//! fragment applied is written where a variant says when the fragment is
//! checked (before the guide's builds, so that the variant's build shares
//! their context and cache), and each variant's commands run after the
//! guide's own steps, as steps of their own that point at the fragment's line
//! in the guide and at the scenario.

use std::time::Duration;

use super::{Action, Step};
use crate::error::Error;
use crate::scenario::Binding;
use crate::variant;

pub(super) fn steps(
    guide: &str,
    steps: &mut [Step],
    bound: &[Option<&Binding>],
    timeout: Duration,
) -> Result<Vec<Step>, Error> {
    let mut added = Vec::new();
    let mut number = steps.iter().map(|s| s.number).max().unwrap_or(0);
    for (index, binding) in bound.iter().enumerate() {
        let Some(binding) = binding.filter(|b| !b.variants.is_empty()) else {
            continue;
        };
        let Some(at) = steps.iter().position(|s| s.number == index + 1) else {
            continue;
        };
        let fragment = &steps[at];
        let Action::CheckFragment { of, content, .. } = &fragment.action else {
            return Err(Error::scenario(
                binding.location.clone(),
                format!(
                    "variants: the block at {guide}:{} is not checked as a fragment, so it has no file to make a variant of",
                    fragment.line
                ),
            ));
        };
        let target = steps.iter().find_map(|s| match &s.action {
            Action::Write {
                path,
                also,
                content,
            } if path == of || also.contains(of) => Some(content),
            _ => None,
        });
        let Some(target) = target else {
            return Err(Error::scenario(
                binding.location.clone(),
                format!(
                    "variants: no block of {guide} is written to {of}, the file the fragment is of"
                ),
            ));
        };
        let applied = variant::apply(target, content)
            .map_err(|m| Error::scenario(binding.location.clone(), format!("variants: {m}")))?;
        let (line, column, of) = (fragment.line, fragment.column, of.clone());
        let mut files = Vec::new();
        for v in &binding.variants {
            let step = |action| {
                Step {
                number: 0,
                line,
                column,
                lang: "console".to_string(),
                action,
                timeout,
                bound_by: Some(v.location.to_string()),
                notes: vec![format!(
                    "a variant of {of}: the fragment at {guide}:{} applied; what it runs is the scenario's ({})",
                    line, v.location
                )],
                behaviour: Default::default(),
                result: None,
                from_scenario: Some(v.location.clone()),
                tty: None,
                stdin: None,
                writes: Vec::new(),
            }
            };
            if let Some(file) = &v.file {
                super::check_path(file, &v.location)?;
                files.push((file.clone(), applied.clone()));
            }
            added.push(step(Action::Run {
                commands: v.commands.clone(),
                exit: None,
                service: v.service.clone(),
            }));
        }
        if let Action::CheckFragment { variants, .. } = &mut steps[at].action {
            variants.extend(files);
        }
    }
    for step in &mut added {
        number += 1;
        step.number = number;
    }
    Ok(added)
}
