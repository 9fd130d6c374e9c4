//! The French machine translation of the Docker guide, checked with and
//! without its English source: every defect listed in the localization notes
//! is found, the segments that are fine give nothing, and the English guide
//! checked against itself gives nothing.

mod support;

use doccheck_l10n::{check, Config, Finding, Severity};
use support::{english, french, show};

/// (rule, segment, line) of each finding.
fn summary(findings: &[Finding]) -> Vec<(&str, &str, usize)> {
    findings
        .iter()
        .map(|f| (f.rule, f.segment.as_deref().unwrap_or("-"), f.line))
        .collect()
}

const EXPECTED: &[(&str, &str, usize)] = &[
    ("product-name-altered", "-", 3),
    ("product-name-altered", "5ce59-104", 14),
    ("code-span-glued", "5ce59-114", 25),
    // "avec ." : the preposition its span left.
    ("code-span-moved", "5ce59-114", 25),
    ("dangling-punctuation", "5ce59-114", 25),
    ("product-name-altered", "5ce59-117", 26),
    ("product-name-altered", "5ce59-128", 33),
    ("technical-token-translated", "5ce59-131", 35),
    ("product-name-altered", "5ce59-133", 37),
    ("code-span-moved", "5ce59-142", 71),
    ("code-span-moved", "5ce59-142", 71),
    ("code-span-moved", "5ce59-143", 71),
    ("code-span-moved", "5ce59-147", 77),
    ("code-span-moved", "5ce59-148", 78),
    ("product-name-altered", "5ce59-150", 80),
    ("code-span-moved", "5ce59-152", 81),
    ("code-span-moved", "5ce59-157", 88),
    ("code-span-moved", "5ce59-158", 89),
    ("code-span-moved", "5ce59-158", 89),
    ("code-span-moved", "5ce59-162", 94),
    ("code-span-glued", "5ce59-162", 94),
    ("code-span-moved", "5ce59-162", 94),
    ("dangling-punctuation", "5ce59-162", 94),
    ("technical-token-missing", "5ce59-163", 94),
    ("code-span-glued", "5ce59-163", 94),
    ("link-text-punctuation", "5ce59-163", 94),
    ("code-span-moved", "5ce59-166", 105),
    ("code-span-moved", "5ce59-166", 105),
    ("code-span-moved", "5ce59-168", 105),
    // "des `.dockerignore` entrées pour à votre fichier": away from its noun.
    ("code-span-moved", "5ce59-168", 105),
    ("fence-info-changed", "-", 107),
    // "mettez-le `.sln` dans le même répertoire que le fichier": away from
    // the noun it names, found by its translation.
    ("code-span-moved", "5ce59-171", 114),
    ("code-span-glued", "5ce59-173", 120),
    ("dangling-punctuation", "5ce59-173", 120),
    ("code-span-moved", "5ce59-177", 122),
    ("code-span-glued", "5ce59-177", 122),
    ("code-span-moved", "5ce59-177", 122),
    ("code-span-moved", "5ce59-179", 130),
    ("link-text-untranslated", "5ce59-190", 160),
];

#[test]
fn french_guide_against_english_source() {
    let (fr, en) = (french(), english());
    let findings = check(&fr, Some(&en), &Config::default());
    println!("{}", show(&findings));
    assert_eq!(summary(&findings), EXPECTED, "\n{}", show(&findings));
    assert_eq!(findings.len(), 39);
}

/// Without the source file neither the code blocks nor the front matter are
/// compared: the findings without a segment are those.
#[test]
fn french_guide_alone_has_the_same_findings_but_the_code_blocks() {
    let findings = check(&french(), None, &Config::default());
    let expected: Vec<_> = EXPECTED.iter().copied().filter(|f| f.1 != "-").collect();
    assert_eq!(summary(&findings), expected, "\n{}", show(&findings));
}

fn one<'a>(findings: &'a [Finding], rule: &str, segment: &str) -> &'a Finding {
    let hits: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == rule && f.segment.as_deref() == Some(segment))
        .collect();
    assert_eq!(hits.len(), 1, "{rule} {segment}:\n{}", show(findings));
    hits[0]
}

#[test]
fn each_known_defect_with_its_position_and_message() {
    let findings = check(&french(), Some(&english()), &Config::default());

    // 5ce59-114 "Pour les `docker build`applications de construction avec ."
    let f = one(&findings, "code-span-glued", "5ce59-114");
    assert_eq!((f.line, f.column, f.severity), (25, 272, Severity::Warning));
    assert!(f.message.contains("`docker build`") && f.message.contains("\"applications\""));
    let f = one(&findings, "dangling-punctuation", "5ce59-114");
    assert_eq!((f.line, f.column), (25, 320));
    assert!(f.message.contains("\"`docker build`.\""), "{}", f.message);

    // 5ce59-131 "3.0-bionique" for the image tag "3.0-bionic"
    let f = one(&findings, "technical-token-translated", "5ce59-131");
    assert_eq!((f.line, f.column, f.severity), (35, 33, Severity::Error));
    assert!(f.message.contains("\"3.0-bionique\"") && f.message.contains("\"3.0-bionic\""));

    // 5ce59-162 "`http://+:80`Microsoft ... à , ce qui"
    let f = one(&findings, "code-span-glued", "5ce59-162");
    assert!(f.message.contains("`http://+:80`") && f.message.contains("\"Microsoft\""));
    let f = one(&findings, "dangling-punctuation", "5ce59-162");
    assert!(f.message.contains("space before \",\""), "{}", f.message);
    assert!(f.message.contains("`http://+:80`,"), "{}", f.message);

    // 5ce59-163 "[les applications IPM),](self-hosted.md)vous"
    let f = one(&findings, "link-text-punctuation", "5ce59-163");
    assert!(f.message.contains("\"),\""), "{}", f.message);
    assert!(
        f.message
            .contains("[Self-hosted gRPC applications](self-hosted.md)),"),
        "{}",
        f.message
    );
    let f = one(&findings, "code-span-glued", "5ce59-163");
    assert!(f.message.contains("(self-hosted.md)") && f.message.contains("\"vous\""));
    let f = one(&findings, "technical-token-missing", "5ce59-163");
    assert!(f.message.contains("\"gRPC\""));

    // 5ce59-173 "`-t`peut être raccourci à )"
    let f = one(&findings, "code-span-glued", "5ce59-173");
    assert!(f.message.contains("`-t`") && f.message.contains("\"peut\""));
    let f = one(&findings, "dangling-punctuation", "5ce59-173");
    assert!(f.message.contains("`-t`)"), "{}", f.message);

    // 5ce59-177 "en `-f`dessous ... le (ou) drapeau"
    let f = one(&findings, "code-span-glued", "5ce59-177");
    assert!(f.message.contains("`-f`") && f.message.contains("\"dessous\""));
    let moved = |segment: &str| -> Vec<&Finding> {
        findings
            .iter()
            .filter(|f| f.rule == "code-span-moved" && f.segment.as_deref() == Some(segment))
            .collect()
    };
    let m = moved("5ce59-177");
    assert_eq!(m.len(), 2, "\n{}", show(&findings));
    assert!(m[1].message.contains("\"(ou)\"") && m[1].message.contains("\"(or `-f`)\""));
    // "un Dockerfile `--file` en": next to "Dockerfile", far from it in the source.
    assert!(
        m[0].message.starts_with("code span `--file` "),
        "{}",
        m[0].message
    );
    assert!(m[0].message.contains("\"Dockerfile\""), "{}", m[0].message);

    // Code spans the machine translation moved inside their sentence.
    for (segment, span, words) in [
        ("5ce59-142", "sdk", "\"deux parties `sdk` : la première\""),
        ("5ce59-142", "aspnet", "\"une image `aspnet` de temps\""),
        ("5ce59-143", "sdk", "\"parce\""),
        ("5ce59-147", "builder", "\"de base `builder` et assigne\""),
        ("5ce59-148", "/src", "(\"le\")"),
        ("5ce59-152", "--runtime", "\"que\""),
        ("5ce59-157", "/app", "(\"le\")"),
        ("5ce59-158", "builder", "\"l’image\""),
        ("5ce59-158", "FROM", "\"l’image\""),
        ("5ce59-162", "ASPNETCORE_URLS", "\"base\""),
        ("5ce59-162", "http://+:80", "\"Microsoft\""),
        ("5ce59-166", ".gitignore", "\"comme\""),
        ("5ce59-166", ".dockerignore", "comma"),
        ("5ce59-168", "obj", "\"et\""),
        ("5ce59-179", "docker run", "\"instance\""),
    ] {
        let m = moved(segment);
        let f = m
            .iter()
            .find(|f| f.message.starts_with(&format!("code span `{span}` ")))
            .unwrap_or_else(|| panic!("{segment} {span}:\n{}", show(&findings)));
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.contains(words), "{segment}: {}", f.message);
    }

    // 5ce59-190 "[Suivant précédent](self-hosted.md)\n>[Next](kubernetes.md)"
    let f = one(&findings, "link-text-untranslated", "5ce59-190");
    assert_eq!((f.line, f.column), (160, 2));
    assert!(f.message.contains("\"Next\""), "{}", f.message);
    assert!(
        f.message.contains("[Suivant précédent](self-hosted.md)"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("[Previous](self-hosted.md)"),
        "{}",
        f.message
    );

    // Product names altered: split, partly translated, re-cased, inflected.
    let f = one(&findings, "product-name-altered", "5ce59-104");
    assert_eq!((f.line, f.column, f.severity), (14, 85, Severity::Warning));
    assert!(
        f.message.contains("\"ASP.NET applications Core\"")
            && f.message
                .contains("suggested fix: \"applications ASP.NET Core\""),
        "{}",
        f.message
    );
    let f = one(&findings, "product-name-altered", "5ce59-117");
    assert!(f
        .message
        .contains("only \"ASP.NET\" is left of the product name \"ASP.NET Core\""));
    let f = one(&findings, "product-name-altered", "5ce59-128");
    assert!(f.message.contains("\"alpines\"") && f.message.contains("\"Alpine\""));
    let f = one(&findings, "product-name-altered", "5ce59-133");
    assert!(f
        .message
        .contains("\"alpine\" is the product name \"Alpine\" with other capitals"));
    let f = one(&findings, "product-name-altered", "5ce59-150");
    assert!(
        f.message.contains("\"ASP.NET cadre Core\""),
        "{}",
        f.message
    );

    // The `.dockerignore` block: ```console for a bare fence.
    let f = findings
        .iter()
        .find(|f| f.rule == "fence-info-changed")
        .expect("fence-info-changed");
    assert_eq!((f.line, f.column, f.segment.as_deref()), (107, 1, None));
    assert!(f.message.contains("`console`") && f.message.contains("bare fence"));
    assert!(f.message.contains("line 102") && f.message.contains("commands"));
}

#[test]
fn segments_that_are_fine_give_nothing() {
    let findings = check(&french(), Some(&english()), &Config::default());
    for id in [
        "5ce59-103", // heading with its anchor
        "5ce59-105", // a link kept as it is
        "5ce59-108", // "de base :" French space before a colon
        "5ce59-111", // "Image", the same in both
        "5ce59-112", // "Description"
        "5ce59-113", // the link around the span: a table cell
        "5ce59-121", // "Linux"
        "5ce59-123", // "3.0-buster, 3.0"
        "5ce59-124", // "Debian 10"
        "5ce59-126", // "3.0-alpine"
        "5ce59-136", // in a blockquote
        "5ce59-139", // *Dockerfile*
        "5ce59-165", // ".dockerignore" in a heading
        "5ce59-167", // "le `obj` répertoire"
        "5ce59-160", // "La `dotnet` commande": the source's place
        "5ce59-180", // "Le `-ti` drapeau"
        "5ce59-181", // "Le `-p 5000:80` port 80": at the sentence's start in both
        "5ce59-174", // "La `.` fin": a code span that is a dot
        "5ce59-185", // a code span inside a link's text
        "5ce59-186", // two links with names as texts
        "5ce59-134", // "d’Alpine": an elision before the name
        "5ce59-187", // "à Docker Hub"
        "5ce59-189", // "Docker", "Kubernetes"
        "5ce59-105", // "ASP.NET Core MVC", kept
    ] {
        let hits: Vec<_> = findings
            .iter()
            .filter(|f| f.segment.as_deref() == Some(id))
            .collect();
        assert!(hits.is_empty(), "{id}: {hits:#?}");
    }
}

#[test]
fn english_guide_against_itself_is_clean() {
    let en = english();
    assert_eq!(show(&check(&en, Some(&en), &Config::default())), "");
    assert_eq!(show(&check(&en, None, &Config::default())), "");
}

#[test]
fn french_guide_against_itself_as_source_has_no_code_block_findings() {
    let fr = french();
    let findings = check(&fr, Some(&fr), &Config::default());
    assert!(findings.iter().all(|f| !f.rule.starts_with("code-block")
        && f.rule != "fence-info-changed"
        && !f.rule.starts_with("heading-anchor")));
}

/// The French text without its side-by-side spans, checked against the
/// English file: block-level elements are aligned in order, and the same
/// defects are found (without segment ids). Its translated headings have
/// slugs of their own and the page links to none of the English ones, so no
/// anchor is missing.
#[test]
fn plain_french_aligned_with_the_source() {
    let fr = french();
    let open = regex::Regex::new(r#"<span data-ttu-id="[^"]*">"#).unwrap();
    let lookup = regex::Regex::new(
        r#"(?s)</span><span class="sxs-lookup"><span data-stu-id="[^"]*">.*?</span></span>"#,
    )
    .unwrap();
    let anchor = regex::Regex::new(r#"<a name="[^"]*"></a>"#).unwrap();
    let plain = open.replace_all(&fr, "");
    let plain = lookup.replace_all(&plain, "");
    let plain = anchor.replace_all(&plain, "").into_owned();
    assert!(plain.contains("Pour les `docker build`applications de construction avec ."));

    let findings = check(&plain, Some(&english()), &Config::default());
    let mut rules: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule != "heading-anchor-missing")
        .map(|f| f.rule)
        .collect();
    let mut expected: Vec<&str> = EXPECTED.iter().map(|f| f.0).collect();
    rules.sort();
    expected.sort();
    assert_eq!(rules, expected, "\n{}", show(&findings));
    let anchors = findings
        .iter()
        .filter(|f| f.rule == "heading-anchor-missing")
        .count();
    assert_eq!(anchors, 0, "\n{}", show(&findings));
    assert!(findings.iter().all(|f| f.segment.is_none()));
}

/// The front matter is compared too: the French `title` and `description`
/// are translated and keep their tokens; the description splits "ASP.NET
/// Core" as segment 5ce59-104 does, and nothing else is reported there; left
/// in English or emptied, they are reported at the value.
#[test]
fn french_front_matter() {
    let (fr, en) = (french(), english());
    let findings = check(&fr, Some(&en), &Config::default());
    let front: Vec<&Finding> = findings.iter().filter(|f| f.line <= 11).collect();
    assert_eq!(front.len(), 1, "\n{}", show(&findings));
    assert_eq!(front[0].rule, "product-name-altered");
    assert!(front[0].message.starts_with("front matter `description`:"));
    let english_description = fr.replace(
        "description: Création d’images Docker pour ASP.NET applications Core gRPC",
        "description: Creating Docker images for ASP.NET Core gRPC applications",
    );
    // The English description has no split name: one finding replaces another.
    let mut expected_total = EXPECTED.len();
    let only = |text: &str, rule: &str, expected_total: usize| -> Finding {
        let all = check(text, Some(&en), &Config::default());
        let hits: Vec<&Finding> = all.iter().filter(|f| f.rule == rule).collect();
        assert_eq!(hits.len(), 1, "{rule}:\n{}", show(&all));
        assert_eq!(all.len(), expected_total, "\n{}", show(&all));
        hits[0].clone()
    };
    let f = only(
        &english_description,
        "front-matter-untranslated",
        expected_total,
    );
    assert_eq!((f.line, f.column, f.severity), (3, 14, Severity::Warning));
    let glued = fr.replace(
        "title: Docker - gRPC pour WCF Developers",
        "title: Docker - gRPC pour développeurs WCFDocker - gRPC for WCF Developers",
    );
    expected_total += 1;
    let f = only(&glued, "source-glued-to-translation", expected_total);
    assert_eq!((f.line, f.column), (2, 43));
    assert!(
        f.message
            .contains("suggested fix: \"Docker - gRPC pour développeurs WCF\""),
        "{}",
        f.message
    );
}
