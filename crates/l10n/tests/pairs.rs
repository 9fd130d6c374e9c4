//! `pairs`: the segments a report shows side by side, as `check` pairs them.

use doccheck_l10n::{check, pairs};

#[test]
fn side_by_side_segments_with_their_embedded_source() {
    let fr = "# <span data-ttu-id=\"1\">Titre</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Title</span></span>\n\n\
              <span data-ttu-id=\"2\">Lancez `docker run`maintenant.</span><span class=\"sxs-lookup\"><span data-stu-id=\"2\">Run `docker run` now.</span></span>\n";
    let p = pairs(fr, None);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].id.as_deref(), Some("1"));
    assert_eq!(&fr[p[0].text.clone()], "Titre");
    assert_eq!(p[1].source.as_deref(), Some("Run `docker run` now."));
    assert_eq!(&fr[p[1].text.clone()], "Lancez `docker run`maintenant.");
    assert!(fr[p[1].outer.clone()].starts_with("<span data-ttu-id=\"2\">"));
    assert!(fr[p[1].outer.clone()].ends_with("</span></span>"));
    // Each finding of a segment falls in its whole range.
    let findings = check(fr, None, &Default::default());
    let finding = findings
        .iter()
        .find(|f| f.rule == "code-span-glued")
        .expect("a glued code span");
    let line_start = fr
        .lines()
        .take(finding.line - 1)
        .map(|l| l.len() + 1)
        .sum::<usize>();
    assert!(p[1].outer.contains(&(line_start + finding.column - 1)));
}

#[test]
fn without_side_by_side_spans_blocks_pair_with_the_sources_in_order() {
    let en = "# Title\n\nRun `docker run` now.\n\n> A quote\n> on two lines.\n";
    let fr = "# Titre\n\nLancez `docker run` maintenant.\n\n> Une citation\n> sur deux lignes.\n";
    let p = pairs(fr, Some(en));
    let shown: Vec<(&str, Option<&str>)> = p
        .iter()
        .map(|p| (&fr[p.text.clone()], p.source.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Titre", Some("Title")),
            (
                "Lancez `docker run` maintenant.",
                Some("Run `docker run` now.")
            ),
            (
                "Une citation\n> sur deux lignes.",
                Some("A quote\non two lines.")
            ),
        ]
    );
    assert!(pairs(fr, None).is_empty());
}
