//! doccheck's integration tests: the real binary, real bash, real files, and
//! (in `docker`) the real Docker Engine and registry. One test binary, with
//! the `Test` builder of `test.rs`.

mod bad_input;
mod bench;
mod cache;
mod cli;
mod contributor;
mod conventions;
mod docker;
mod docker_broken;
mod docker_bypass;
mod docker_engine;
mod docker_gateway;
mod docker_html;
mod docker_leftovers;
mod docker_ownership;
mod docker_resume;
mod docker_revisions;
mod docker_standins;
mod formats;
mod guides;
mod html;
mod json_events;
mod json_schema;
mod large;
mod reports;
mod result_blocks;
mod retries;
mod scenarios;
mod scrut;
mod secrets;
mod shell;
mod signals;
mod test;
mod translation;
mod tree;
mod update;
