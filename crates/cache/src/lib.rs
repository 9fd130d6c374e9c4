//! The verdict cache of docs CI: a guide whose [`key`] matches an earlier
//! passing run is not run again ([`store`]), and `--changed-since REF` runs
//! only the guides whose repository content differs from what it was at a
//! git revision ([`changed`]).
//!
//! A key has two halves. The *content* half is what the repository holds: the
//! guide's executable content (its blocks, annotations and fence info, in
//! order: prose edits change nothing), its scenario and configuration, and
//! every file the run reads from the repository (the fixture, stand-in
//! inputs). The *machine* half is what the machine adds: doccheck's own
//! build, the base images, tool versions the scenario declares, and the
//! variables passed through. `--changed-since` compares content halves.

pub mod changed;
pub mod key;
pub mod store;

pub use key::{content_key, Machine};
pub use store::{Cache, Entry};
