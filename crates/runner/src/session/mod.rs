//! Where a guide's commands run: the bash [`shell`] session, the throw-away
//! [`workspace`], and the [`janitor`] that stops whatever the guide started.

pub mod janitor;
pub mod shell;
pub mod workspace;
