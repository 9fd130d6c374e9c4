//! doccheck: run a markdown guide's code blocks for real, as a test.
//!
//! The way through: [`markdown`] (guide → blocks) → [`scenario`] (YAML → bindings)
//! → [`plan`] (steps) → [`exec`] (shell session, docker, registry, probes) → [`report`].

pub mod cli;
pub mod directives;
pub mod error;
pub mod exec;
pub mod markdown;
pub mod matching;
pub mod plan;
pub mod report;
pub mod scenario;
pub mod transcript;
pub mod translation;
