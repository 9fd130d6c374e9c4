use super::*;

fn v(s: &[&str]) -> Vec<String> {
    s.iter().map(|s| s.to_string()).collect()
}

fn changes(d: &[DiffLine]) -> Vec<String> {
    d.iter().map(|l| format!("{}{}", l.tag, l.text)).collect()
}

#[test]
fn inline_wildcards() {
    assert!(line_matches(
        "Successfully built [..]",
        "Successfully built 1a2b3c"
    ));
    assert!(line_matches(
        "[..] -> [..]/published/",
        "  StockData -> /src/published/"
    ));
    assert!(line_matches("a[..]", "a"));
    assert!(!line_matches("Successfully built [..]", "Step 1/2"));
    assert!(!line_matches("ab[..]ba", "aba"));
    assert!(!line_matches("exact", "exact but longer"));
}

#[test]
fn line_wildcards() {
    assert!(matches(
        &v(&["start", "...", "end"]),
        &v(&["start", "x", "y", "end"])
    ));
    assert!(matches(&v(&["start", "...", "end"]), &v(&["start", "end"])));
    assert!(matches(&v(&["..."]), &v(&[])));
    assert!(!matches(&v(&["start", "...", "end"]), &v(&["start", "x"])));
    assert!(!matches(&v(&["a"]), &v(&["a", "b"])));
    assert!(matches(&v(&[]), &v(&[])));
    assert!(matches(
        &v(&["...", "a", "...", "b", "..."]),
        &v(&["x", "a", "y", "a", "b", "z"])
    ));
    assert!(!matches(&v(&["...", "b", "...", "a"]), &v(&["a", "b"])));
    assert!(matches(&v(&["...", "..."]), &v(&["a"])));
}

#[test]
fn many_wildcards_against_long_output_stay_fast() {
    // Nine `...` against 70 lines used to backtrack for more than 30 seconds.
    let mut expected: Vec<String> = Vec::new();
    for i in 0..9 {
        expected.push("...".into());
        expected.push(format!("never {i}"));
    }
    let actual: Vec<String> = (0..70).map(|i| format!("line {i}")).collect();
    let started = std::time::Instant::now();
    assert!(!matches(&expected, &actual));
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn normalize_drops_trailing_space_and_blank_lines() {
    assert_eq!(normalize("a  \r\nb\n\n\n"), v(&["a", "b"]));
    assert!(normalize("").is_empty());
}

#[test]
fn diff_shows_what_wildcards_matched_as_context() {
    let d = diff(&v(&["id [..]", "hello"]), &v(&["id 42", "hullo"]));
    assert_eq!(changes(&d), [" id [..]", "-hello", "+hullo"]);
    let d = diff(
        &v(&["start", "...", "end"]),
        &v(&["start", "a", "b", "fin"]),
    );
    assert_eq!(changes(&d), [" start", " a", " b", " fin", "-end"]);
}

#[test]
fn no_phantom_line_when_no_output_is_expected() {
    let d = diff(&v(&[]), &v(&["surprise"]));
    assert_eq!(changes(&d), ["+surprise"]);
    let d = diff(&v(&["gone"]), &v(&[]));
    assert_eq!(changes(&d), ["-gone"]);
}

#[test]
fn trycmd_substitutions() {
    let subs = Substitutions {
        literal: vec![
            ("[EXE]".into(), String::new()),
            ("[ROOT]".into(), "/tmp/ws".into()),
        ],
        named: vec![("[VERSION]".into(), r"\d+\.\d+\.\d+".into())],
    };
    let lines: Vec<Substituted> = [
        "tool[EXE] [VERSION] at [ROOT]/bin",
        "built [..] in [VERSION]",
    ]
    .iter()
    .map(|l| subs.apply(l))
    .collect();
    assert!(matches(
        &lines,
        &v(&["tool 1.2.3 at /tmp/ws/bin", "built x y in 0.1.0"])
    ));
    assert!(!matches(
        &lines,
        &v(&["tool 1.2 at /tmp/ws/bin", "built x y in 0.1.0"])
    ));
    let plain = subs.apply("usage: tool[EXE] [..]");
    assert!(plain.matches_line("usage: tool --help"));
}

#[test]
fn updated_output_keeps_what_still_matches() {
    let written = ["id [..]", "...", "done", "gone"];
    let actual = v(&["id 42", "a", "b", "done", "new"]);
    assert_eq!(
        updated(&written, &written, &actual, |l| l.to_string()),
        ["id [..]", "...", "done", "new"]
    );
    assert_eq!(
        updated(&["old"], &["old"], &v(&[]), |l| l.to_string()),
        Vec::<String>::new()
    );
}
