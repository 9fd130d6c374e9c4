fn main() {
    std::process::exit(doccheck::cli::main());
}
