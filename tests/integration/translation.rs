//! `doccheck --translation`: the French guide's findings through the CLI, in every format.

use crate::test::{repo, Test};

fn in_repo() -> Test {
    Test::new().current_dir(repo())
}

#[test]
fn the_french_guide_against_its_english_source() {
    let out = in_repo()
        .args(&["--translation", "docs/fr-fr/docker.md"])
        .status(1)
        .stdout("doccheck --translation docs/fr-fr/docker.md (source docs/docker.md)\n...\ndocs/fr-fr/docker.md: translation FAILED. 39 findings: 2 errors, 37 warnings\n")
        .run();
    for expected in [
        "docs/fr-fr/docker.md:35:33  error technical-token-translated [5ce59-131]",
        "docs/fr-fr/docker.md:25:272  error code-span-moved [5ce59-114]",
        "code-span-glued [5ce59-114]",
        "code-span-glued [5ce59-162]",
        "code-span-glued [5ce59-173]",
        "code-span-glued [5ce59-177]",
        "link-text-punctuation [5ce59-163]",
        "[5ce59-190]",
        "docs/fr-fr/docker.md:107:1  warning fence-info-changed",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing {expected:?} in {}",
            out.stdout
        );
    }
}

#[test]
fn the_english_guide_against_itself_finds_nothing() {
    in_repo()
        .args(&["--translation", "docs/docker.md", "--source", "docs/docker.md"])
        .stdout("doccheck --translation docs/docker.md (source docs/docker.md)\ndocs/docker.md: translation ok. 0 findings: 0 errors, 0 warnings\n")
        .run();
}

#[test]
fn findings_in_json_junit_and_github_annotations() {
    let junit = tempfile::NamedTempFile::new().unwrap();
    let junit_path = junit.path().display().to_string();
    let out = in_repo()
        .args(&["--translation", "docs/fr-fr/docker.md", "--format", "json", "--junit", &junit_path])
        .env("GITHUB_ACTIONS", "true")
        .status(1)
        .stdout("{\"schema_version\":1,\"kind\":\"translation\",[..]}\n")
        .stderr("...\n::error file=docs/fr-fr/docker.md,line=35,col=33,title=doccheck%3A translation technical-token-translated in segment 5ce59-131::[..]\n...\n")
        .run();
    let json: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(json["passed"], false);
    let findings = json["findings"].as_array().unwrap();
    let token = findings
        .iter()
        .find(|f| f["rule"] == "technical-token-translated")
        .unwrap();
    assert_eq!(
        (
            token["segment"].as_str(),
            token["line"].as_u64(),
            token["severity"].as_str()
        ),
        (Some("5ce59-131"), Some(35), Some("error"))
    );
    assert!(
        out.stderr
            .contains("::warning file=docs/fr-fr/docker.md,line=25,"),
        "{}",
        out.stderr
    );
    let xml = std::fs::read_to_string(junit.path()).unwrap();
    assert_eq!(xml.matches("<testcase").count(), findings.len(), "{xml}");
    assert!(
        xml.contains("translation technical-token-translated in segment 5ce59-131"),
        "{xml}"
    );
}

#[test]
fn a_scenario_turns_rules_off_everywhere_or_per_segment() {
    let french = std::fs::read_to_string(repo().join("docs/fr-fr/docker.md")).unwrap();
    let english = std::fs::read_to_string(repo().join("docs/docker.md")).unwrap();
    let project = || {
        Test::new()
            .write("docs/docker.md", &english)
            .write("docs/fr-fr/docker.md", &french)
    };
    let out = project()
        .write("scenarios/s.yaml", "guides: ['docs/**']\ntranslation:\n  disable: [code-span-glued]\n  segments:\n    5ce59-131: [technical-token-translated]\n    5ce59-114: [code-span-moved]\n")
        .args(&["--translation", "docs/fr-fr/docker.md"])
        .stdout("...\ndocs/fr-fr/docker.md: translation ok. [..]\n")
        .run();
    assert!(!out.stdout.contains("code-span-glued"), "{}", out.stdout);
    assert!(!out.stdout.contains("5ce59-131"), "{}", out.stdout);
    assert!(
        out.stdout.contains("link-text-punctuation [5ce59-163]"),
        "other rules still apply: {}",
        out.stdout
    );
    project()
        .write("scenarios/s.yaml", "guides: ['docs/**']\ntranslation:\n  disable: [code-span-gluing]\n")
        .args(&["--translation", "docs/fr-fr/docker.md"])
        .status(2)
        .stderr("error: scenarios/s.yaml: translation: unknown rule(s) code-span-gluing; the rules are: [..]\n")
        .run();
}

#[test]
fn a_plain_translation_needs_a_source() {
    Test::new()
        .write("de/guide.md", "# Anleitung\n\n```sh\nls\n```\n")
        .args(&["--translation", "de/guide.md"])
        .status(2)
        .stderr("error: de/guide.md has no side-by-side source segments and no source file was found: give the source with --source FILE\n")
        .run();
    let out = Test::new()
        .write("de/guide.md", "# Anleitung\n\n```sh\nls\n```\n")
        .write("guide.md", "# Guide\n\n```sh\nls -l\n```\n")
        .args(&["--translation", "de/guide.md", "--source", "guide.md"])
        .status(1)
        .stdout("...\n")
        .run();
    assert!(out.stdout.contains("code-block-changed"), "{}", out.stdout);
}

#[test]
fn the_scenario_gives_the_sources_revision_and_product_names() {
    let source = "---\ntitle: Deploy with the Contoso Widget\n---\n\n# Deploy\n\nInstall the Contoso Widget on the server.\n";
    let french = "---\ntitle: Déployer avec le Contoso Widget\nms.sourcegitcommit: 1111111bbbb\n---\n\n# Déployer <a name=\"deploy\"></a>\n\nInstallez le Widget Contoso sur le serveur.\n";
    let scenario = |revision: &str| {
        format!("guides: [docs/fr/x.md]\ntranslation:\n  product-names: [\"Contoso Widget\"]\n  source-revision: {revision}\n")
    };
    Test::new()
        .write("docs/x.md", source)
        .write("docs/fr/x.md", french)
        .write("scenarios/x.yaml", scenario("3333333cccc"))
        .args(&["--translation", "docs/fr/x.md"])
        .stdout(
            "doccheck --translation docs/fr/x.md (source docs/x.md)
! docs/fr/x.md:3:21  warning translation-outdated: the translation was made from an older version of the source (`ms.sourcegitcommit` is 1111111bbbb here and the source is at revision 3333333cccc): [..]
! docs/fr/x.md:8:14  warning product-name-altered: the product name \"Contoso Widget\" is split by other words: \"Widget Contoso\"; it must stay whole and untranslated; suggested fix: \"Contoso Widget\"
docs/fr/x.md: translation ok. 2 findings: 0 errors, 2 warnings
",
        )
        .run();
    // The revision the translation was made from: not outdated.
    Test::new()
        .write("docs/x.md", source)
        .write(
            "docs/fr/x.md",
            french.replace("Widget Contoso", "Contoso Widget"),
        )
        .write("scenarios/x.yaml", scenario("1111111"))
        .args(&["--translation", "docs/fr/x.md"])
        .stdout(
            "doccheck --translation docs/fr/x.md (source docs/x.md)
docs/fr/x.md: translation ok. 0 findings: 0 errors, 0 warnings
",
        )
        .run();
}
