use super::*;
use crate::matching::walk;

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
    use doccheck_guide::compile;
    use doccheck_guide::model::expect::{Matcher, Values};
    let named = [("[VERSION]".to_string(), r"\d+\.\d+\.\d+".to_string())];
    let compiled = |l: &str| -> Matcher {
        compile::substituted(compile::trimmed_line(l, false), &named).unwrap()
    };
    let matchers: Vec<Matcher> = [
        "tool[EXE] [VERSION] at [ROOT]/bin",
        "built [..] in [VERSION]",
    ]
    .iter()
    .map(|l| compiled(l))
    .collect();
    let values = Values {
        root: "/tmp/ws",
        cwd: "/tmp/ws/sub",
    };
    let lines: Vec<expected::Line> = matchers
        .iter()
        .map(|m| expected::Line::new(m, &values))
        .collect();
    assert!(matches(
        &lines,
        &v(&["tool 1.2.3 at /tmp/ws/bin", "built x y in 0.1.0"])
    ));
    assert!(!matches(
        &lines,
        &v(&["tool 1.2 at /tmp/ws/bin", "built x y in 0.1.0"])
    ));
    let plain = compiled("usage: tool[EXE] [..] in [CWD]");
    let plain = expected::Line::new(&plain, &values);
    assert!(plain.matches_line("usage: tool --help in /tmp/ws/sub"));
    assert_eq!(plain.text(), "usage: tool [..] in /tmp/ws/sub");
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

/// A line with a quantity, as scrut's are.
struct Quantified(String, Quantity);

impl Pattern for Quantified {
    fn text(&self) -> &str {
        &self.0
    }
    fn any_lines(&self) -> bool {
        false
    }
    fn quantity(&self) -> Quantity {
        self.1
    }
}

/// 80,000 lines, a marker every 40th, and 2,000 `...`/marker pairs.
fn many_pairs() -> (Vec<String>, Vec<String>) {
    let actual: Vec<String> = (0..80_000)
        .map(|i| match i % 40 {
            39 => format!("step {} done", i / 40),
            _ => format!("compiling unit {i}"),
        })
        .collect();
    let mut expected = Vec::new();
    for k in 0..2_000 {
        expected.push("...".to_string());
        expected.push(format!("step {k} done"));
    }
    (expected, actual)
}

#[test]
fn thousands_of_wildcards_against_a_long_output() {
    let (mut expected, actual) = many_pairs();
    assert_eq!(compare(&expected, &actual), Ok(true));
    // In place, as a command's output is read.
    let text = actual.join("\n") + "\n\n";
    assert_eq!(compare(&expected, &Normalized::new(&text)), Ok(true));
    expected[2001] = "a step that never comes".into();
    assert_eq!(compare(&expected, &actual), Ok(false));
    let d = diff(&expected, &Normalized::new(&text));
    let changed: Vec<&DiffLine> = d.iter().filter(|l| l.tag != ' ').collect();
    assert_eq!(
        changed[0].text,
        " 40,000 output lines as expected, not shown"
    );
    assert_eq!(
        (changed[1].tag, changed[1].text.as_str()),
        ('-', "a step that never comes")
    );
    assert_eq!(
        d.last().unwrap().text,
        " the rest not compared: 1,998 expected lines and 39,997 output lines"
    );
    assert!(d.len() < 10, "{d:?}");
}

#[test]
fn an_expectation_that_fits_partly_everywhere_is_reported_as_ambiguous() {
    let actual: Vec<String> = (0..80_000).map(|i| format!("line {i}")).collect();
    let mut expected = vec!["...".to_string()];
    expected.extend((0..2_000).map(|_| "line [..]".to_string()));
    expected.extend(["never".to_string(), "...".to_string()]);
    assert_eq!(
        compare(&expected, &actual),
        Err(TooAmbiguous {
            line: 1,
            budget: walk::BUDGET
        })
    );
    assert!(!matches(&expected, &actual));
    // The same run anchored at the end is tried in one place only.
    expected.pop();
    assert_eq!(compare(&expected, &actual), Ok(false));
    // Quantified lines that all stay possible at once (a smaller budget,
    // which this build spends faster than the real one).
    let quantified: Vec<Quantified> = (0..2_000)
        .map(|_| Quantified("[..]".into(), Quantity::Any))
        .collect();
    assert!(matches!(
        walk::walk(&quantified, &actual, 1_000_000),
        walk::Walk::Ambiguous(_)
    ));
}

#[test]
fn the_walk_agrees_with_the_alignment_on_small_cases() {
    // A match is an alignment with nothing missing or unexpected.
    let mut seed = 7u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let pattern = ["a", "b", "...", "[..]", "a[..]"];
    let quantities = [
        Quantity::One,
        Quantity::Optional,
        Quantity::Any,
        Quantity::OneOrMore,
    ];
    for _ in 0..3_000 {
        let actual: Vec<String> = (0..next(6))
            .map(|_| ["a", "b", "ab"][next(3) as usize].to_string())
            .collect();
        let expected: Vec<String> = (0..next(6))
            .map(|_| pattern[next(5) as usize].to_string())
            .collect();
        let aligned = align(&expected, &actual).unwrap();
        let clean = !aligned
            .iter()
            .any(|a| matches!(a, Aligned::Missing(_) | Aligned::Unexpected(_)));
        assert_eq!(
            matches(&expected, &actual),
            clean,
            "{expected:?} {actual:?}"
        );
        let quantified: Vec<Quantified> = expected
            .iter()
            .filter(|e| *e != "...")
            .map(|e| Quantified(e.clone(), quantities[next(4) as usize]))
            .collect();
        let aligned = align(&quantified, &actual).unwrap();
        let clean = !aligned
            .iter()
            .any(|a| matches!(a, Aligned::Missing(_) | Aligned::Unexpected(_)));
        let texts: Vec<(&str, Quantity)> = quantified.iter().map(|q| (q.0.as_str(), q.1)).collect();
        assert_eq!(matches(&quantified, &actual), clean, "{texts:?} {actual:?}");
    }
}

#[test]
fn runs_between_wildcards_are_anchored_at_both_ends() {
    assert!(!matches(&v(&["a", "...", "a"]), &v(&["a"])));
    assert!(matches(&v(&["a", "...", "a"]), &v(&["a", "a"])));
    assert!(matches(&v(&["...", "a", "b"]), &v(&["a", "b", "a", "b"])));
    assert!(!matches(&v(&["...", "a", "b"]), &v(&["a", "b", "c"])));
    assert!(matches(
        &v(&["x", "...", "a", "...", "a"]),
        &v(&["x", "a", "a"])
    ));
    assert!(!matches(
        &v(&["x", "...", "a", "...", "a"]),
        &v(&["x", "a"])
    ));
    assert!(!matches(&v(&[]), &v(&["a"])));
}
