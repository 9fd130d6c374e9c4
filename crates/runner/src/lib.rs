//! doccheck's runner: a [`Plan`](doccheck_guide::Plan) run step by step in one
//! bash session ([`session`]) inside a throw-away workspace, with
//! [`integration`]s (Docker) reached only through their trait, services
//! probed until ready ([`readiness`], [`services`]), output judged by
//! [`matching`], and everything reported as [`events`] with typed
//! [`failure`]s. Signals are the caller's to install ([`signals`]).

pub mod checkpoint;
pub mod coverage;
pub mod events;
pub mod failure;
pub mod handover;
pub mod integration;
mod keeping;
pub mod matching;
mod paths;
pub mod pool;
pub mod readiness;
mod result_block;
mod run;
mod run_id;
pub mod secrets;
mod services;
pub mod session;
pub mod signals;
mod step;
pub mod sys;
pub mod update;

pub use events::{Event, Events, RunReport, StepResult};
pub use failure::Failure;
pub use integration::{Context, Integration, Ran, Rewrite};
pub use run::{interrupted, run, Options};
pub use run_id::{boot_id, run_boot};
pub use signals::Interrupt;
