//! Odd input: no panic, and large input stays fast.

use std::time::{Duration, Instant};

use doccheck_l10n::{check, Config};

mod support;

use support::{english, french};

fn both(localized: &str, source: &str) {
    let config = Config::default();
    let _ = check(localized, None, &config);
    let _ = check(localized, Some(source), &config);
    let _ = check(source, Some(localized), &config);
}

#[test]
fn empty_and_tiny_inputs() {
    assert!(check("", None, &Config::default()).is_empty());
    assert!(check("", Some(""), &Config::default()).is_empty());
    for s in [
        "\n",
        "`",
        "``",
        "```",
        "~~~",
        "[",
        "](",
        "[x](",
        "<",
        "<span",
        ">",
        "> ",
        "# ",
        "|",
        "\r\n",
        "é",
        "\u{202f}.",
        " .",
        "(",
        ")",
    ] {
        both(s, "");
        both(s, s);
        both(s, "# Title\n\n```console\nls\n```\n");
    }
}

#[test]
fn broken_side_by_side_markup() {
    let cases = [
        "<span data-ttu-id=\"1\">",
        "<span data-ttu-id=\"1\">texte",
        "<span data-ttu-id=\"1\">texte</span>",
        "<span data-ttu-id=\"1\">texte</span><span class=\"sxs-lookup\">",
        "<span data-ttu-id=\"1\">texte</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">",
        "<span data-ttu-id=\"1\">texte</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">text",
        "<span data-ttu-id=\"1\">texte</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">text</span>",
        "<span data-ttu-id=\"1\"><span>a</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">b</span></span>",
        "<span data-ttu-id=\"1\">a<span data-ttu-id=\"2\">b</span></span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">c</span></span>",
        "</span></span></span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">x</span></span>",
        "<span data-ttu-id=\"\"></span><span class=\"sxs-lookup\"><span data-stu-id=\"\"></span></span>",
        "<span data-ttu-id=\"1\">`code</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">`code`</span></span>",
        "<span data-ttu-id=\"1\">[a](</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">[a](b)</span></span>",
        "<span data-ttu-id=\"1\">é`x`é ( ) .</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">ü</span></span>",
        "# <a name=\"\"></a><span data-ttu-id=\"1\"></span>",
        "> <span data-ttu-id=\"1\">a\n>\n> b</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">c</span></span>",
        "<SPAN DATA-TTU-ID='1'>a</SPAN><SPAN CLASS='sxs-lookup'><SPAN DATA-STU-ID='1'>b</SPAN></SPAN>",
        "```\n<span data-ttu-id=\"1\">a\n",
    ];
    for c in cases {
        both(c, "a");
        both(&format!("{c}\n\n{c}\n"), c);
        // Cut anywhere, on character boundaries.
        for (i, _) in c.char_indices() {
            both(&c[..i], &c[i..]);
        }
    }
    let f = check(cases[1], None, &Config::default());
    assert_eq!(f[0].rule, "segment-malformed");
}

#[test]
fn french_guide_cut_anywhere() {
    let (fr, en) = (french(), english());
    for (i, _) in fr.char_indices().step_by(389) {
        let _ = check(&fr[..i], Some(&en), &Config::default());
        let _ = check(&fr[i..], Some(&en), &Config::default());
    }
}

/// Checks a large input within `bound` (for an optimized build; an
/// unoptimized test build gets eight times as long).
fn timed(what: &str, localized: &str, source: Option<&str>, bound: Duration) -> usize {
    assert!(
        localized.len() >= 1_000_000,
        "{what}: {} bytes",
        localized.len()
    );
    let start = Instant::now();
    let n = check(localized, source, &Config::default()).len();
    let took = start.elapsed();
    println!("{what}: {} bytes, {n} findings, {took:?}", localized.len());
    let bound = if cfg!(debug_assertions) {
        bound * 8
    } else {
        bound
    };
    assert!(took < bound, "{what} took {took:?}");
    n
}

/// A guide of a megabyte takes about 0.1 s optimized. The bounds are not a
/// speed measure (a busy machine must not fail them: that is what benches/
/// is for) but a guard against quadratic time, which on a megabyte takes
/// hours: ten times what an idle machine needs, and more in a debug build.
const GUIDE: Duration = Duration::from_secs(10);
/// Pathological input with tens of thousands of findings.
const PATHOLOGICAL: Duration = Duration::from_secs(30);

#[test]
fn one_megabyte_inputs() {
    let (fr, en) = (french(), english());
    let copies = 1_000_000 / fr.len() + 1;
    let big_fr = fr.repeat(copies);
    let big_en = en.repeat(copies);
    let n = timed("French guide repeated", &big_fr, Some(&big_en), GUIDE);
    assert!(n >= 13 * copies, "{n}");
    let en_copies = en.repeat(1_000_000 / en.len() + 1);
    timed(
        "English guide repeated, against itself",
        &en_copies,
        Some(&en_copies),
        GUIDE,
    );

    // One huge segment full of code spans, links and tokens.
    let unit = "Lancez `docker build`maintenant avec [la doc](a.md)vous 3.0-bionique , ";
    let src_unit = "Run `docker build` now with [the docs](b.md), 3.0-bionic then ";
    let body = unit.repeat(1_000_000 / unit.len() + 1);
    let src = src_unit.repeat(1_000_000 / src_unit.len() + 1);
    let seg = format!(
        "<span data-ttu-id=\"1\">{body}</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">{src}</span></span>\n"
    );
    timed("one huge segment", &seg, None, PATHOLOGICAL);

    // An unterminated span followed by a megabyte of one paragraph.
    let open = format!("<span data-ttu-id=\"1\">{}", "mot ".repeat(250_001));
    timed("unterminated span", &open, None, GUIDE);

    // Many spans, many small segments on one line.
    let one = "<span data-ttu-id=\"x\">Lancez `ls`.</span><span class=\"sxs-lookup\"><span data-stu-id=\"x\">Run `ls`.</span></span> ";
    timed(
        "many segments on one line",
        &one.repeat(1_000_000 / one.len() + 1),
        None,
        GUIDE,
    );

    // Many code blocks, all different from the source's.
    let blocks: String = (0..40_000)
        .map(|i| format!("```console\nls {i}\n```\n"))
        .collect();
    let src_blocks: String = (0..40_000)
        .map(|i| format!("```console\npwd {i}\n```\n"))
        .collect();
    timed(
        "many changed code blocks",
        &format!("{blocks}{}", " ".repeat(1_000_000)),
        Some(&src_blocks),
        PATHOLOGICAL,
    );

    // Deep nesting and long lines of markup characters.
    timed("brackets", &"[`(".repeat(400_000), Some("x"), PATHOLOGICAL);
    timed("quotes", &"> ".repeat(600_000), None, GUIDE);
    // Emphasis markers and glued capitals everywhere.
    let seg = format!(
        "<span data-ttu-id=\"1\">{}</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">{}</span></span>\n",
        "x**y*z_w__ aB cDeF. ".repeat(50_000),
        "x** y* z_ w__ a b c d e f. ".repeat(40_000)
    );
    timed("emphasis and capitals", &seg, None, PATHOLOGICAL);
}

/// The French page with its source, as the CLI checks it, the front matter and
/// all rules included: its time is printed (about 5 ms in a test build), not
/// asserted; benches/ is where speed is measured.
#[test]
fn one_page_is_checked_whole() {
    let (fr, en) = (french(), english());
    let best = (0..5)
        .map(|_| {
            let start = Instant::now();
            let n = check(&fr, Some(&en), &Config::default()).len();
            assert_eq!(n, 39);
            start.elapsed()
        })
        .min()
        .unwrap();
    println!("docs/fr-fr/docker.md: {best:?}");
}
