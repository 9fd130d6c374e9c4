//! Where a guide's commands run: the bash [`shell`] session (in its own
//! [`namespace`] where an integration asks for one), the throw-away
//! [`workspace`], the run's [`state`] directory that outlives it, and the
//! [`janitor`] that stops whatever the guide started.

pub mod editor;
pub mod janitor;
pub mod namespace;
pub mod shell;
pub mod snapshot;
pub mod state;
pub mod stdin;
pub mod terminal;
pub mod workspace;
