//! Prints the findings for a translated guide: `check LOCALIZED [SOURCE]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: check LOCALIZED.md [SOURCE.md]");
        std::process::exit(2);
    };
    let read = |p: &str| {
        std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("cannot read {p}: {e}");
            std::process::exit(2)
        })
    };
    let localized = read(path);
    let source = args.get(1).map(|p| read(p));
    let findings = doccheck_l10n::check(&localized, source.as_deref(), &Default::default());
    for f in &findings {
        println!(
            "{path}:{}:{}: {} [{}]{} {}",
            f.line,
            f.column,
            f.severity,
            f.rule,
            f.segment
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default(),
            f.message
        );
        if let Some(d) = &f.diff {
            println!("{d}");
        }
    }
    println!("{} findings", findings.len());
}
