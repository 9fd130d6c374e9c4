//! `dotnet`: the muxer of both stand-in images (see `standins::host`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(standins::host::main(&args));
}
