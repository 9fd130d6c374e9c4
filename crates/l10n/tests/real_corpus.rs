//! The corpus of real machine-translated Microsoft pages
//! (`tests/data/real/`, its README says how it was made): Japanese, Russian,
//! Chinese, Korean and Spanish pages, labelled segment by segment before
//! the checker was run on them. `tune/` is what the rules were tuned on;
//! `heldout/` was labelled at the same time and measured once, at the end.
//! Each test prints the per-class and per-language table:
//! `cargo nextest run -p doccheck-l10n --no-capture -E 'test(/real_corpus/)'`.
//! The floors below are what was measured: a rule that stops finding a
//! defect, or a new false alarm, fails the test. The first measurements of
//! the blind sets, before any rule was changed on them, are in
//! docs/translation-check.md (blind: 71/104; blind2: 68/87; blind3: 62/81;
//! blind4: 15/20; blind5: 8/13; blind6: 29/56; blind7: 33/38; blind8:
//! 31/46; blind9: 58/92; blind10: 145/191; blind11: 52/97;
//! blind12: 130/203; blind13: 88/112; blind14: 88/124; blind15: 125/147;
//! blind16: 66/85; blind17: 59/87; blind18: 27/37; blind19: 39/66;
//! blind20: 28/56; blind21: 31/52; blind22: 15/32; blind23: 24/41;
//! blind24: 7/27; blind25: 29/64; blind26: 54/83; blind27: 27/74;
//! blind28: 12/33; blind29: 8/20; blind30: 34/64; blind31: 60/70;
//! blind32: 69/88; blind33: 16/62; blind34: 10/81; blind35: 9/16;
//! blind36: 21/47; blind37: 36/83; blind38: 92/137; blind39: 25/41; blind40: 14/35;
//! blind41: 4/12; blind42: 61/83; blind43: 43/62; blind44: 21/41;
//! blind45: 83/130; blind46: 69/107; blind47: 37/82; blind48: 13/23;
//! blind49: 46/93). `human/` holds careful human translations, whose
//! every finding is counted.

mod support;

use doccheck_l10n::check;
use support::real::{self, floors, report};
use support::show;

#[test]
fn real_corpus_english_against_itself() {
    for (set, cases) in real::every_set() {
        for case in &cases {
            let en = real::source_of(set, case);
            let f = check(&en, Some(&en), &Default::default());
            assert!(
                f.is_empty(),
                "{set}/{}: English against itself:\n{}",
                case.name,
                show(&f)
            );
        }
    }
}

#[test]
fn real_corpus_tune() {
    let tally = report("tune", &real::tune());
    floors(
        &tally,
        "tune",
        &[
            ("english", 4),
            ("name", 3),
            ("span", 33),
            ("stale", 1),
            ("token", 5),
        ],
        46,
        1,
    );
}

#[test]
fn real_corpus_heldout() {
    let tally = report("heldout", &real::heldout());
    floors(
        &tally,
        "heldout",
        &[("markup", 4), ("span", 43), ("stale", 1), ("token", 78)],
        126,
        3,
    );
}

#[test]
fn real_corpus_blind() {
    let tally = report("blind", &real::blind());
    floors(
        &tally,
        "blind",
        &[
            ("english", 1),
            ("link", 1),
            ("name", 16),
            ("span", 58),
            ("stale", 1),
            ("token", 22),
        ],
        99,
        2,
    );
}

#[test]
fn real_corpus_blind2() {
    let tally = report("blind2", &real::blind2());
    floors(
        &tally,
        "blind2",
        &[("link", 1), ("name", 7), ("span", 63), ("token", 16)],
        87,
        1,
    );
}

#[test]
fn real_corpus_blind3() {
    let tally = report("blind3", &real::blind3());
    // First measurement, before any rule was changed for blind3/: 62/81, 29
    // false alarms (24 of them heading anchors of the plain copies).
    floors(
        &tally,
        "blind3",
        &[("name", 6), ("span", 50), ("token", 16)],
        72,
        1,
    );
}

#[test]
fn real_corpus_blind4() {
    let tally = report("blind4", &real::blind4());
    // First measurement, as labelled: 15/20, 22 false alarms (18 of them
    // heading anchors of the plain copies); 16/20 since a change made on
    // what it showed (a span inside a する verb).
    floors(
        &tally,
        "blind4",
        &[("english", 1), ("name", 2), ("span", 12), ("token", 3)],
        18,
        4,
    );
}

#[test]
fn real_corpus_blind5() {
    let tally = report("blind5", &real::blind5());
    // Measured once, as labelled: 8/13, 11 false alarms (9 of them heading
    // anchors of the plain copy).
    floors(&tally, "blind5", &[("span", 7), ("token", 1)], 8, 0);
}

#[test]
fn real_corpus_blind6() {
    let tally = report("blind6", &real::blind6());
    // Measured once, as labelled: 29/56 (span 23/32, name 1/13, link 2/6,
    // token 3/3, emphasis 0/2), 18 false alarms. After the rules changed on
    // what it showed (not blind since): 41/56, 4. The fifth false alarm is
    // `serialization 및 deserialization` left in English in the Korean
    // page, which later sets' labels count as English left (blind12's
    // `orchestrator는`) and this set's labeller did not. One token label
    // (UTF-8 spelt out, 2643b-125) was counted found by "7-bit" gone until
    // a number with its unit was no longer a token.
    floors(
        &tally,
        "blind6",
        &[("span", 28), ("name", 11), ("token", 2)],
        47,
        5,
    );
}

/// Careful human translations: every finding is shown, and their number
/// may not grow. First run: 62 findings, nearly all false alarms (document
/// parts taken for names, names side by side taken for one, docfx
/// directives and URL link texts taken for stray text, a repeated heading's
/// anchor, English-only resources' titles, file types, Korean endings on a
/// link, Chinese objects after their verb). 12 after those; now 7, since
/// Microsoft's localized product names are accepted (`Docker 中心`, `Docker
/// 허브`): five real defects (`.Net` three times, `.NET` written `NET` in
/// one segment, reported twice) and two debatable (`.NET Core Docker 镜像`
/// in a link's title, `Microsoft 컨테이너 레지스트리`).
#[test]
fn real_corpus_human() {
    let mut total = 0;
    for case in &real::human() {
        let f = real::findings("human", case);
        println!("human/{}:\n{}", case.name, show(&f));
        total += f.len();
    }
    println!("human: {total} finding(s)");
    assert!(total <= 7, "human: {total} findings");
}

#[test]
fn real_corpus_blind7() {
    let tally = report("blind7", &real::blind7());
    // Measured once, as labelled: 33/38 (span 8/10, name 17/18, token 7/7,
    // link 1/3), 7 false alarms. After the rules changed on what it showed
    // (not blind since): 34/38, 1 (the German page's link text replaced,
    // labelled as a link, reported as its token gone).
    floors(
        &tally,
        "blind7",
        &[("span", 9), ("name", 18), ("token", 7), ("link", 2)],
        36,
        1,
    );
}

#[test]
fn real_corpus_blind8() {
    let tally = report("blind8", &real::blind8());
    // Measured once, as labelled: 31/46 (span 17/25, name 10/12, token 4/7,
    // english 0/2), 7 false alarms (5 of them "protobuf" re-cased or the
    // name "Oneof" gone, which the labels call debatable or a token). After
    // the rules changed on what it showed (not blind since): 32/46, 6. Since
    // an `<xref:…>` is a link for punctuation (a space before the mark after
    // it is typographic, as after any link, which later sets' labels leave
    // out), the Russian span moved before a comma with a space is no longer
    // found by that space: 34/46.
    floors(
        &tally,
        "blind8",
        &[("span", 20), ("name", 11), ("token", 4)],
        35,
        6,
    );
}

#[test]
fn real_corpus_blind9() {
    let tally = report("blind9", &real::blind9());
    // Measured once, as labelled: 58/92 (span 21/31, name 22/31, token
    // 13/20, link 1/6, english 1/3, emphasis 0/1), 10 false alarms. After
    // the rules changed on what it showed (not blind since): 71/92, 10.
    floors(
        &tally,
        "blind9",
        &[("span", 25), ("name", 31), ("token", 18)],
        79,
        6,
    );
}

#[test]
fn real_corpus_blind10() {
    let tally = report("blind10", &real::blind10());
    // Measured once, as labelled: 145/191 (span 55/73, name 70/77, token
    // 18/22, link 1/4, english 0/12, emphasis 1/2, markup 0/1), 24 false
    // alarms.
    floors(
        &tally,
        "blind10",
        &[("span", 68), ("name", 71), ("token", 22)],
        175,
        12,
    );
}

#[test]
fn real_corpus_blind11() {
    let tally = report("blind11", &real::blind11());
    // Measured once, as labelled: 52/97 (span 12/21, name 31/34, token
    // 7/35, link 2/4, english 0/2, markup 0/1), 14 false alarms. One of
    // today's 9 is a syntax's placeholder translated (`#if` *기호* for
    // `#if` *symbol*), which the labels of other pages count as a token.
    floors(
        &tally,
        "blind11",
        &[("span", 15), ("name", 33), ("token", 26)],
        81,
        7,
    );
}

#[test]
fn real_corpus_blind13() {
    let tally = report("blind13", &real::blind13());
    // Measured once, as labelled, after the rules were tuned on blind10/
    // and blind11/: 88/112 (span 47/54, token 29/33, name 12/19, emphasis
    // 0/3, english 0/2, link 0/1), 20 false alarms.
    floors(
        &tally,
        "blind13",
        &[("span", 52), ("token", 30), ("name", 13)],
        101,
        19,
    );
}

#[test]
fn real_corpus_blind12() {
    let tally = report("blind12", &real::blind12());
    // Measured once, as labelled, after the rules were tuned on blind10/,
    // blind11/ and blind13/: 130/203 (name 86/103, span 42/53, token 1/8,
    // link 1/6, english 0/28, emphasis 0/3, markup 0/2), 12 false alarms.
    floors(
        &tally,
        "blind12",
        &[("span", 45), ("name", 94), ("token", 4)],
        161,
        4,
    );
}

#[test]
fn real_corpus_blind14() {
    let tally = report("blind14", &real::blind14());
    // Measured once, as labelled, after the rules were changed on blind10/
    // to blind13/: 88/124 (span 41/47, name 32/58, token 10/10, link 4/6,
    // english 0/2, emphasis 1/1), 29 false alarms.
    floors(
        &tally,
        "blind14",
        &[("span", 42), ("name", 47), ("token", 10)],
        107,
        6,
    );
}

#[test]
fn real_corpus_blind15() {
    let tally = report("blind15", &real::blind15());
    // Measured once, as labelled, after the rules were changed on blind10/
    // to blind13/: 125/147 (span 59/69, token 36/39, name 28/30, link 2/3,
    // english 0/5, emphasis 0/1), 19 false alarms.
    floors(
        &tally,
        "blind15",
        &[("span", 64), ("name", 28), ("token", 36)],
        132,
        9,
    );
}

#[test]
fn real_corpus_blind16() {
    let tally = report("blind16", &real::blind16());
    // Measured once, as labelled, after the rules were changed on blind14/
    // and blind15/: 66/85 (name 50/57, span 8/11, token 4/6, english 4/9,
    // link 0/2), 8 false alarms.
    floors(
        &tally,
        "blind16",
        &[("span", 8), ("name", 50), ("token", 4)],
        68,
        8,
    );
}

#[test]
fn real_corpus_blind17() {
    let tally = report("blind17", &real::blind17());
    // Measured once, as labelled, after the rules were changed on blind14/
    // and blind15/: 59/87 (span 28/34, token 20/33, name 11/13, link 0/3,
    // emphasis 0/2, english 0/1, front-matter 0/1), 12 false alarms.
    // Three of today's 16 are the Japanese page's syntax placeholders
    // translated (*パターン* : *型* for *pattern* : *type*), which this
    // page's labels leave out and other pages' count as tokens.
    floors(
        &tally,
        "blind17",
        &[("span", 31), ("name", 11), ("token", 20)],
        66,
        15,
    );
}

#[test]
fn real_corpus_blind18() {
    let tally = report("blind18", &real::blind18());
    // Measured once, as labelled, after the rules were changed on blind16/
    // and blind17/: 27/37 (span 11/12, name 10/12, token 3/6, link 2/3,
    // english 1/3, emphasis 0/1), 5 false alarms.
    floors(
        &tally,
        "blind18",
        &[("span", 11), ("name", 11), ("token", 3)],
        28,
        6,
    );
}

#[test]
fn real_corpus_blind19() {
    let tally = report("blind19", &real::blind19());
    // Measured once, as labelled, after the rules were changed on blind16/
    // and blind17/: 39/66 (span 20/33, name 11/12, token 8/15, link 0/4,
    // english 0/1, emphasis 0/1), 13 false alarms.
    floors(
        &tally,
        "blind19",
        &[("span", 22), ("name", 11), ("token", 11)],
        49,
        9,
    );
}

#[test]
fn real_corpus_blind20() {
    let tally = report("blind20", &real::blind20());
    // Measured once, as labelled, after the rules were changed on blind18/
    // and blind19/: 28/56 (name 26/41, span 2/2, english 0/4, markup 0/4,
    // link 0/3, emphasis 0/2), 9 false alarms.
    floors(&tally, "blind20", &[("span", 2), ("name", 26)], 34, 5);
}

#[test]
fn real_corpus_blind21() {
    let tally = report("blind21", &real::blind21());
    // Measured once, as labelled, after the rules were changed on blind18/
    // and blind19/: 31/52 (span 20/29, name 8/9, token 3/9, link 0/3,
    // english 0/2), 13 false alarms.
    floors(
        &tally,
        "blind21",
        &[("span", 24), ("name", 8), ("token", 9)],
        41,
        8,
    );
}

#[test]
fn real_corpus_blind22() {
    let tally = report("blind22", &real::blind22());
    // Measured once, as labelled, after the rules were changed on blind20/
    // and blind21/: 15/32 (token 9/10, name 4/9, span 2/2, link 0/6,
    // english 0/3, emphasis 0/2), 16 false alarms.
    // One of today's 13 is a docfx include glued to the Russian word after
    // it (`[!INCLUDE[wxp](…)]используйте`, "Windows XPиспользуйте" once
    // rendered), which the labels leave out; one an element's name
    // translated in a link text (`[\<끝점 >]`), which they call a link
    // defect and the checker a token translated.
    floors(&tally, "blind22", &[("token", 10), ("name", 6)], 23, 23);
}

#[test]
fn real_corpus_blind23() {
    let tally = report("blind23", &real::blind23());
    // Measured once, as labelled, after the rules were changed on blind22/
    // (two changes; those of this session before them were made on the
    // sets up to blind21/): 24/41 (span 14/23,
    // token 6/8, emphasis 1/5, english 1/3, name 1/1, link 1/1), 33 false
    // alarms; the Russian page's translated placeholders gave warnings only
    // (it exited 0).
    floors(&tally, "blind23", &[("span", 16), ("token", 7)], 30, 23);
}

#[test]
fn real_corpus_blind24() {
    let tally = report("blind24", &real::blind24());
    // Measured once, as labelled, after the rules were changed on blind22/
    // and blind23/: 7/27 (token 2/9, span 2/5, emphasis 2/5, name 1/6,
    // english 0/1, markup 0/1), 10 false alarms.
    floors(&tally, "blind24", &[("token", 4), ("name", 4)], 14, 7);
}

#[test]
fn real_corpus_blind25() {
    let tally = report("blind25", &real::blind25());
    // Measured once, as labelled, after the rules were changed on blind24/:
    // 29/64 (name 15/31, token 6/16, link 5/8, span 2/5, english 1/1,
    // emphasis 0/1, markup 0/1, front-matter 0/1), 16 false alarms.
    floors(&tally, "blind25", &[("token", 11), ("name", 17)], 42, 9);
}

#[test]
fn real_corpus_blind26() {
    let tally = report("blind26", &real::blind26());
    // Measured once, as labelled, after the rules were changed on blind24/
    // and blind25/: 54/83 (span 33/38, token 12/22, name 7/16, link 2/6,
    // front-matter 0/1), 13 false alarms.
    floors(&tally, "blind26", &[("span", 33), ("token", 19)], 63, 7);
}

#[test]
fn real_corpus_blind27() {
    let tally = report("blind27", &real::blind27());
    // Measured once, as labelled, with blind26/: 27/74 (span 19/28, name
    // 6/6, token 2/15, link 0/21, emphasis 0/2, english 0/1, markup 0/1), 39
    // false alarms. The Chinese page's 17 link labels are API names
    // translated in link texts (`[ICorProfiler 回调]`), which the checker
    // reports as a token or a name gone: misses and false alarms both.
    floors(&tally, "blind27", &[("span", 19), ("token", 13)], 39, 39);
}

#[test]
fn real_corpus_blind29() {
    let tally = report("blind29", &real::blind29());
    // Measured once, as labelled, after the rules were changed on blind26/
    // and blind27/: 8/20 (span 6/7, name 1/1, token 1/4, emphasis 0/3,
    // english 0/3, link 0/2), 20 false alarms (the replication roles
    // "Publisher" and "Subscriber" that Microsoft's Chinese translates).
    floors(&tally, "blind29", &[("span", 6)], 12, 17);
}

#[test]
fn real_corpus_blind28() {
    let tally = report("blind28", &real::blind28());
    // Measured once, as labelled, after the rules were changed on blind29/:
    // 12/33 (span 7/12, name 2/2, english 1/7, link 1/4, token 1/7,
    // front-matter 0/1), 6 false alarms; its Russian page, with a token
    // found translated, exited 0.
    floors(&tally, "blind28", &[("span", 7)], 20, 8);
}

#[test]
fn real_corpus_blind30() {
    let tally = report("blind30", &real::blind30());
    // Measured once, as labelled, after the rules were changed on blind28/
    // and blind29/: 34/64 (span 19/23, token 12/20, name 1/16, link 1/2,
    // english 1/1, emphasis 0/2), no false alarm.
    floors(&tally, "blind30", &[("span", 19)], 54, 0);
}

#[test]
fn real_corpus_blind31() {
    let tally = report("blind31", &real::blind31());
    // Measured once, as labelled, with blind30/: 60/70 (token 43/47, span
    // 13/14, english 2/5, link 2/3, name 0/1), 22 false alarms.
    floors(&tally, "blind31", &[("span", 13)], 62, 18);
}

#[test]
fn real_corpus_blind32() {
    let tally = report("blind32", &real::blind32());
    // Measured once, as labelled, after the rules were changed on blind30/
    // and blind31/: 69/88 (span 37/41, name 17/18, token 13/23, emphasis
    // 1/4, english 1/2), 2 false alarms. No rule was changed on it.
    floors(&tally, "blind32", &[("span", 37)], 79, 2);
}

#[test]
fn real_corpus_blind33() {
    let tally = report("blind33", &real::blind33());
    // Measured once, as labelled, with blind32/: 16/62 (span 11/21, token
    // 2/18, link 2/6, name 1/8, emphasis 0/6, markup 0/2, front-matter
    // 0/1), 21 false alarms. No rule was changed on it.
    floors(&tally, "blind33", &[("span", 11)], 29, 24);
}
