//! The blind sets labelled in the seventh and eighth sessions on unseen pages,
//! measured as `real_corpus.rs` measures the others:
//! `cargo nextest run -p doccheck-l10n --no-capture -E 'test(/real_corpus/)'`.
//! `blind34/` to `blind37/` (NuGet, Azure, ASP.NET Core and EF Core,
//! Microsoft Defender), then `blind38/` to `blind41/` (Microsoft Quantum,
//! Office developer, Microsoft 365 PowerShell, Visual Basic compiler pages),
//! then `blind42/` to `blind45/` (PowerShell, .NET Framework, SQL Server
//! tools, Windows developer pages), then `blind46/` to `blind49/`
//! (PowerShell, .NET guides, Azure PowerShell and Customer Key, Edge and IoT
//! Core pages), each round measured once after the changes made on the
//! round before; and those of the eighth, `blind50/` to `blind53/`
//! (Microsoft Search connectors, MDOP, Azure CLI quickstarts, Xamarin and
//! BizTalk, SQL Server, Teams developer and Microsoft Graph pages), measured
//! once with the rules as the eighth session's first changes left them, and
//! `blind54/` to `blind57/` (WSL, Azure and HoloLens, Skype for Business
//! Server, WMI, ADO and Mixed Reality pages), measured once after the rules
//! were changed on `blind50/` to `blind53/`, and `blind58/` to `blind61/`
//! (Win32 and ASP.NET deployment, Exchange and Office client, Azure and
//! Exchange, Surface pages), measured once after the rules were changed on
//! `blind54/` to `blind57/`, and `blind62/` to `blind65/` (Azure and Lync,
//! ASP.NET 4.x, SQL Server 2014, Microsoft 365 compliance), measured once
//! after every change of the eighth session. Their English against itself is checked in
//! `real_corpus.rs`.

mod support;

use support::real::{self, floors, report};

#[test]
fn real_corpus_blind34() {
    let tally = report("blind34", &real::blind34());
    // Measured once, as labelled, with blind35/ to blind37/ and the rules
    // as they stood after blind32/ and blind33/ (and one round of token
    // rules on their misses): 10/81 (token 3/40, link 1/17, name 1/12, span
    // 4/6, emphasis 0/5, english 1/1), 23 false alarms.
    floors(&tally, "blind34", &[("token", 34)], 57, 10);
}

#[test]
fn real_corpus_blind35() {
    let tally = report("blind35", &real::blind35());
    // Measured once, as labelled: 9/16 (span 3/7, name 3/5, link 2/3,
    // token 1/1), 8 false alarms.
    floors(&tally, "blind35", &[("span", 4)], 11, 7);
}

#[test]
fn real_corpus_blind36() {
    let tally = report("blind36", &real::blind36());
    // Measured once, as labelled: 21/47 (token 20/26, span 1/9, link 0/5,
    // name 0/5, emphasis 0/1, english 0/1), 8 false alarms.
    floors(&tally, "blind36", &[("token", 25)], 32, 4);
}

#[test]
fn real_corpus_blind37() {
    let tally = report("blind37", &real::blind37());
    // Measured once, as labelled: 36/83 (emphasis 3/34, link 19/27, span
    // 7/12, name 5/6, english 1/2, token 1/2), 62 false alarms (Microsoft's
    // localized "Microsoft Defender 防病毒" and the like). Once those were
    // accepted (`Antivirus`, `Security` among the plain nouns Microsoft
    // translates), one name label of ja 56846-148, "Windows Server 2019"
    // broken, was no longer found: it had been counted for a finding on
    // "Defender Antivirus" in the same segment, itself a false alarm.
    // Once Romance forms with the plain nouns first were accepted
    // (`autenticación de Windows`), "seguridad de Windows" lower-cased in a
    // link text (es 8ba8f-137) was no longer found.
    floors(&tally, "blind37", &[("link", 21)], 52, 22);
}

#[test]
fn real_corpus_blind40() {
    let tally = report("blind40", &real::blind40());
    // Measured once, as labelled: 14/35 (link 7/12, emphasis 3/7, token
    // 0/7, name 2/5, span 2/3, english 0/1), 20 false alarms.
    floors(&tally, "blind40", &[("link", 7)], 21, 19);
}

#[test]
fn real_corpus_blind39() {
    let tally = report("blind39", &real::blind39());
    // Measured once, as labelled, with blind40/ and blind41/ and the rules
    // as they stood after the changes made on blind34/ to blind37/: 25/41
    // (span 10/14, link 8/10, name 4/7, emphasis 2/6, token 1/3, markup
    // 0/1), 26 false alarms.
    // Once the nouns of the UI's tools Microsoft localizes were accepted
    // after a kept brand (`Store`, `Editor`, `Admin`…), "Office Store" split
    // with `Office` moved after a Korean word (ko 59636-122) reads as
    // Microsoft's form and is no longer found; ten false alarms went.
    floors(&tally, "blind39", &[("span", 10)], 31, 14);
}

#[test]
fn real_corpus_blind41() {
    let tally = report("blind41", &real::blind41());
    // Measured once, as labelled: 4/12 (token 1/6, span 2/3, link 1/2,
    // name 0/1), 12 false alarms.
    floors(&tally, "blind41", &[("span", 2)], 7, 4);
}

#[test]
fn real_corpus_blind38() {
    let tally = report("blind38", &real::blind38());
    // Measured once, as labelled, after blind39/ to blind41/ with no rule
    // changed since: 92/137 (name 47/60, span 35/43, english 1/10, token
    // 8/9, emphasis 0/7, link 1/4, markup 0/4), 20 false alarms; zh.update
    // exited 0: its package names (`Microsoft.Quantum.Numerics`) found
    // gone, but as warnings.
    floors(&tally, "blind38", &[("name", 47)], 92, 14);
}

#[test]
fn real_corpus_blind42() {
    let tally = report("blind42", &real::blind42());
    // Measured once, as labelled, with blind43/ to blind45/ and the rules
    // as they stood after every change made on blind34/ to blind41/: 61/83
    // (span 31/35, token 25/33, name 4/7, emphasis 1/6, english 0/2), 36
    // false alarms.
    floors(&tally, "blind42", &[("span", 31), ("token", 25)], 63, 15);
}

#[test]
fn real_corpus_blind43() {
    let tally = report("blind43", &real::blind43());
    // Measured once, as labelled: 43/62 (token 15/22, name 16/19, span
    // 11/16, link 0/3, emphasis 1/1, english 0/1), 19 false alarms.
    floors(&tally, "blind43", &[("token", 15)], 46, 19);
}

#[test]
fn real_corpus_blind44() {
    let tally = report("blind44", &real::blind44());
    // Measured once, as labelled: 21/41 (span 17/20, emphasis 3/8, english
    // 1/6, token 0/6, name 0/1), 5 false alarms.
    floors(&tally, "blind44", &[("span", 17)], 26, 5);
}

#[test]
fn real_corpus_blind45() {
    let tally = report("blind45", &real::blind45());
    // Measured once, as labelled: 83/130 (token 39/58, name 36/50, span
    // 5/7, link 2/5, emphasis 0/4, english 1/3, markup 0/2, front-matter
    // 0/1), 59 false alarms.
    floors(&tally, "blind45", &[("token", 46), ("name", 38)], 94, 31);
}

#[test]
fn real_corpus_blind46() {
    let tally = report("blind46", &real::blind46());
    // Measured once, as labelled, with blind47/ to blind49/ and the rules
    // as they stood after the changes made on blind42/ to blind45/: 69/107
    // (span 32/44, token 21/35, english 11/13, name 5/13, emphasis 0/2), 9
    // false alarms.
    floors(&tally, "blind46", &[("span", 32), ("token", 29)], 84, 9);
}

#[test]
fn real_corpus_blind47() {
    let tally = report("blind47", &real::blind47());
    // Measured once, as labelled: 37/82 (name 19/25, token 10/20, emphasis
    // 0/17, span 5/9, english 0/6, link 3/4, front-matter 0/1), 17 false
    // alarms.
    floors(&tally, "blind47", &[("name", 19)], 52, 21);
}

#[test]
fn real_corpus_blind48() {
    let tally = report("blind48", &real::blind48());
    // Measured once, as labelled: 13/23 (name 7/12, english 3/4, link 1/3,
    // emphasis 1/2, front-matter 0/1, token 1/1), 9 false alarms.
    floors(&tally, "blind48", &[("name", 7)], 19, 9);
}

#[test]
fn real_corpus_blind49() {
    let tally = report("blind49", &real::blind49());
    // Measured once, as labelled: 46/93 (name 25/30, span 15/19, token
    // 3/17, emphasis 1/12, link 2/7, english 0/4, markup 0/4), 17 false
    // alarms.
    floors(&tally, "blind49", &[("name", 25)], 57, 18);
}

#[test]
fn real_corpus_blind50() {
    let tally = report("blind50", &real::blind50());
    // Measured once, as labelled, with blind50/ to blind53/, before any rule was
    // changed on them: 33/61 (link 8/20, name 12/19, emphasis 9/14, token 2/4,
    // english 1/3, markup 1/1), 9 false alarms.
    floors(
        &tally,
        "blind50",
        &[("link", 8), ("name", 12), ("emphasis", 9)],
        34,
        9,
    );
}

#[test]
fn real_corpus_blind51() {
    let tally = report("blind51", &real::blind51());
    // Measured once, as labelled, with blind50/ to blind53/, before any rule was
    // changed on them: 58/75 (token 48/54, name 5/7, emphasis 2/6, link 0/4,
    // markup 3/3, english 0/1), 22 false alarms.
    floors(
        &tally,
        "blind51",
        &[("token", 48), ("name", 5), ("markup", 3)],
        62,
        8,
    );
}

#[test]
fn real_corpus_blind52() {
    let tally = report("blind52", &real::blind52());
    // Measured once, as labelled, with blind50/ to blind53/, before any rule was
    // changed on them: 3/26 (emphasis 0/12, span 0/9, name 2/3, english 0/1,
    // token 1/1), 17 false alarms.
    floors(&tally, "blind52", &[], 13, 18);
}

#[test]
fn real_corpus_blind53() {
    let tally = report("blind53", &real::blind53());
    // Measured once, as labelled, with blind50/ to blind53/, before any rule was
    // changed on them: 24/43 (link 9/16, span 5/13, token 9/9, emphasis 1/2,
    // english 0/2, name 0/1), 12 false alarms.
    floors(
        &tally,
        "blind53",
        &[("link", 9), ("span", 5), ("token", 9)],
        30,
        12,
    );
}

#[test]
fn real_corpus_blind54() {
    let tally = report("blind54", &real::blind54());
    // Measured once, as labelled, with blind54/ to blind57/, after the rules
    // were changed on blind50/ to blind53/ and before any was changed on them:
    // 26/52 (span 21/32, name 4/9, link 0/4, english 0/3, front-matter 0/2,
    // token 1/2), 12 false alarms.
    floors(&tally, "blind54", &[("span", 21), ("name", 4)], 31, 12);
}

#[test]
fn real_corpus_blind55() {
    let tally = report("blind55", &real::blind55());
    // Measured once, as labelled, with blind54/ to blind57/, after the rules
    // were changed on blind50/ to blind53/ and before any was changed on them:
    // 9/17 (name 1/5, english 3/4, link 0/3, token 3/3, emphasis 1/1, span 1/1),
    // 33 false alarms.
    floors(&tally, "blind55", &[("english", 3), ("token", 3)], 10, 33);
}

#[test]
fn real_corpus_blind56() {
    let tally = report("blind56", &real::blind56());
    // Measured once, as labelled, with blind54/ to blind57/, after the rules
    // were changed on blind50/ to blind53/ and before any was changed on them:
    // 33/73 (name 14/42, token 15/20, emphasis 2/5, front-matter 0/3, markup
    // 1/2, english 1/1), 21 false alarms.
    floors(&tally, "blind56", &[("name", 14), ("token", 15)], 33, 21);
}

#[test]
fn real_corpus_blind57() {
    let tally = report("blind57", &real::blind57());
    // Measured once, as labelled, with blind54/ to blind57/, after the rules
    // were changed on blind50/ to blind53/ and before any was changed on them:
    // 37/84 (token 17/36, name 19/33, link 0/7, emphasis 1/4, english 0/3,
    // front-matter 0/1), 18 false alarms.
    floors(&tally, "blind57", &[("token", 17), ("name", 19)], 48, 18);
}

#[test]
fn real_corpus_blind58() {
    let tally = report("blind58", &real::blind58());
    // Measured once, as labelled, with blind58/ to blind61/, after the rules
    // were changed on blind50/ to blind57/ and before any was changed on them:
    // 54/117 (token 34/62, emphasis 5/19, name 10/17, link 4/13, english 0/5,
    // span 1/1), 39 false alarms.
    floors(
        &tally,
        "blind58",
        &[("token", 34), ("emphasis", 5), ("name", 10), ("link", 4)],
        79,
        39,
    );
}

#[test]
fn real_corpus_blind59() {
    let tally = report("blind59", &real::blind59());
    // Measured once, as labelled, with blind58/ to blind61/, after the rules
    // were changed on blind50/ to blind57/ and before any was changed on them:
    // 15/61 (token 2/29, name 1/9, emphasis 4/8, link 6/8, english 0/3, front-
    // matter 0/2, markup 1/1, span 1/1), 15 false alarms. ru.about-cell-
    // references exited 0 (its token defects found as warnings only).
    floors(&tally, "blind59", &[("emphasis", 4), ("link", 6)], 42, 15);
}

#[test]
fn real_corpus_blind60() {
    let tally = report("blind60", &real::blind60());
    // Measured once, as labelled, with blind58/ to blind61/, after the rules
    // were changed on blind50/ to blind57/ and before any was changed on them:
    // 64/69 (token 58/60, name 5/7, emphasis 0/1, english 1/1), 14 false alarms.
    // zh.exchange-management-shell-namespaces exited 0 (its token defects found
    // as warnings only).
    floors(&tally, "blind60", &[("token", 58), ("name", 5)], 64, 14);
}

#[test]
fn real_corpus_blind61() {
    let tally = report("blind61", &real::blind61());
    // Measured once, as labelled, with blind58/ to blind61/, after the rules
    // were changed on blind50/ to blind57/ and before any was changed on them:
    // 25/48 (name 6/18, link 9/13, emphasis 7/8, english 0/2, markup 2/2, span
    // 0/2, token 1/2, front-matter 0/1), 33 false alarms.
    floors(
        &tally,
        "blind61",
        &[("name", 6), ("link", 9), ("emphasis", 7)],
        27,
        33,
    );
}

#[test]
fn real_corpus_blind62() {
    let tally = report("blind62", &real::blind62());
    // Measured once, as labelled, with blind62/ to blind65/, after every change
    // of the eighth session and before any was made on them: 26/38 (token 17/23,
    // span 5/5, name 3/4, english 0/3, emphasis 0/2, link 1/1), 58 false alarms.
    floors(
        &tally,
        "blind62",
        &[("token", 17), ("span", 5), ("name", 3)],
        26,
        58,
    );
}

#[test]
fn real_corpus_blind63() {
    let tally = report("blind63", &real::blind63());
    // Measured once, as labelled, with blind62/ to blind65/, after every change
    // of the eighth session and before any was made on them: 15/32 (token 10/26,
    // link 2/2, emphasis 1/1, english 0/1, name 1/1, span 1/1), 20 false alarms.
    floors(&tally, "blind63", &[("token", 10)], 15, 20);
}

#[test]
fn real_corpus_blind64() {
    let tally = report("blind64", &real::blind64());
    // Measured once, as labelled, with blind62/ to blind65/, after every change
    // of the eighth session and before any was made on them: 31/55 (span 12/22,
    // token 12/17, emphasis 0/8, name 4/4, english 1/2, link 1/1, markup 1/1),
    // 10 false alarms.
    floors(
        &tally,
        "blind64",
        &[("span", 12), ("token", 12), ("name", 4)],
        37,
        10,
    );
}

#[test]
fn real_corpus_blind65() {
    let tally = report("blind65", &real::blind65());
    // Measured once, as labelled, with blind62/ to blind65/, after every change
    // of the eighth session and before any was made on them: 48/94 (name 33/45,
    // token 10/16, markup 0/10, english 3/9, span 1/7, link 1/4, emphasis 0/3),
    // 30 false alarms.
    floors(
        &tally,
        "blind65",
        &[("name", 33), ("token", 10), ("english", 3)],
        50,
        30,
    );
}
