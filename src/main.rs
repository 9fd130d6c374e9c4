//! The doccheck binary: flags to a mode, and the crates wired together.

mod cache;
mod cli;
mod help;
mod run;
mod translate;
mod watch;

fn main() {
    std::process::exit(cli::main());
}
