//! doccheck's input side, with no process or network I/O: a markdown guide
//! ([`markdown`]) and the commands of its blocks ([`transcript`]), annotations
//! ([`directives`]) and scenario files ([`scenario`], found by [`discovery`]),
//! turned into a typed, complete [`plan::Plan`] of steps and the [`setup::Setup`]
//! the run needs. Errors carry a kind and a file:line:column ([`error`]).

pub mod compile;
pub mod config;
pub mod digest;
pub mod directives;
pub mod discovery;
pub mod duration;
pub mod error;
pub mod languages;
pub mod load;
pub mod markdown;
pub mod model;
pub mod placeholders;
pub mod plan;
pub mod result_block;
pub mod scenario;
pub mod scrut;
pub mod service;
pub mod setup;
pub mod shards;
pub mod shell;
pub mod transcript;
pub mod tree;
pub mod update;
pub mod variant;

pub use error::{Error, ErrorKind, Location};
pub use plan::{Action, Plan, Step};
