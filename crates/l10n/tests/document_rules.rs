//! Rules on a document's structure, on small synthetic pairs: heading
//! anchors, code blocks and fence info; per-rule configuration; findings as
//! JSON; other languages.

mod support;

use doccheck_l10n::{check, unknown_rules, Config, Severity};
use support::{clean, findings, rules, sxs};

fn heading(anchor: &str, tr: &str, src: &str) -> String {
    format!("# {anchor}{}\n\nTexte.\n", sxs("h-1", tr, src))
}

#[test]
fn heading_anchors() {
    let f = check(
        &heading(
            "<a name=\"creer-des-images\"></a>",
            "Créer des images",
            "Create images",
        ),
        None,
        &Config::default(),
    );
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].rule, f[0].line, f[0].column),
        ("heading-anchor-changed", 1, 1)
    );
    assert!(f[0].message.contains("\"create-images\""));
    let ok = heading(
        "<a name=\"the-net-dockerignore-file\"></a>",
        "Le fichier .NET `.dockerignore`",
        "The .NET `.dockerignore` file",
    );
    assert!(check(&ok, None, &Config::default()).is_empty());
    let f = check(
        &heading("", "Créer des images", "Create images"),
        None,
        &Config::default(),
    );
    assert_eq!(f[0].rule, "heading-anchor-missing");
    // A plain translation with translated headings and no anchors of its
    // own (as careful human translations are written): the headings have
    // their own slugs, and nothing is missing...
    assert!(check(
        "# Créer des images\n\nTexte.\n",
        Some("# Create images\n\nText.\n"),
        &Config::default(),
    )
    .is_empty());
    // ...unless the page links to the English anchor.
    let f = check(
        "# Créer des images\n\nVoir [plus haut](#create-images).\n",
        Some("# Create images\n\nSee [above](#create-images).\n"),
        &Config::default(),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "heading-anchor-missing");
    assert!(f[0].message.contains("the page's link to #create-images"));
    // A plain copy that anchors some headings keeps the convention for all.
    let f = check(
        "# <a name=\"create-images\"></a>Créer des images\n\n## Exécuter\n\nTexte.\n",
        Some("# Create images\n\n## Run\n\nText.\n"),
        &Config::default(),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("links to #run"), "{f:#?}");
    let with_anchor = "# <a name=\"create-images\"></a>Créer des images\n\nTexte.\n";
    assert!(check(
        with_anchor,
        Some("# Create images\n\nText.\n"),
        &Config::default()
    )
    .is_empty());
}

const EN: &str = "# Guide\n\nText.\n\n```console\ndocker build .\n```\n\nMore.\n\n```\nbin/\nobj/\n```\n\n```dockerfile\nFROM x\n```\n";

fn block_rules(fr: &str) -> Vec<(&'static str, usize)> {
    check(fr, Some(EN), &Config::default())
        .iter()
        .map(|f| (f.rule, f.line))
        .collect()
}

#[test]
fn code_blocks() {
    assert_eq!(block_rules(EN), []);
    // Missing: reported where it should be.
    let fr = "# Guide\n\nTexte.\n\nPlus.\n\n```\nbin/\nobj/\n```\n\n```dockerfile\nFROM x\n```\n";
    let f = check(fr, Some(EN), &Config::default());
    assert_eq!((f[0].rule, f[0].line), ("code-block-missing", 7));
    assert!(f[0].message.contains("line 5") && f[0].message.contains("docker build ."));
    // Extra.
    let fr = EN.replace("More.\n", "More.\n\n```console\nls\n```\n");
    assert_eq!(block_rules(&fr), [("code-block-extra", 11)]);
    // Changed, with a diff.
    let fr = EN.replace("docker build .", "docker biuld .");
    let f = check(&fr, Some(EN), &Config::default());
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].rule, f[0].line), ("code-block-changed", 5));
    let diff = f[0].diff.as_deref().unwrap();
    assert!(
        diff.contains("-docker build .") && diff.contains("+docker biuld ."),
        "{diff}"
    );
    // Reordered.
    let fr = "# Guide\n\n```dockerfile\nFROM x\n```\n\nText.\n\n```console\ndocker build .\n```\n\nMore.\n\n```\nbin/\nobj/\n```\n";
    assert_eq!(block_rules(fr), [("code-block-reordered", 3)]);
}

#[test]
fn fence_info() {
    // The `.dockerignore` case: `console` for a bare fence.
    let fr = EN.replace("```\nbin/", "```console\nbin/");
    let f = check(&fr, Some(EN), &Config::default());
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].rule, f[0].line, f[0].severity),
        ("fence-info-changed", 11, Severity::Warning)
    );
    // A file language lost.
    let fr = EN.replace("```dockerfile", "```text");
    assert_eq!(block_rules(&fr), [("fence-info-changed", 16)]);
    // Fence characters and lengths, aliases, attributes, plain languages: fine.
    for fr in [
        EN.replace(
            "```console\ndocker build .\n```",
            "~~~console\ndocker build .\n~~~",
        ),
        EN.replace(
            "```console\ndocker build .\n```",
            "````console\ndocker build .\n````",
        ),
        EN.replace("```console", "```shell-session"),
        EN.replace("```console", "```console title=\"x\""),
        EN.replace("```\nbin/", "```text\nbin/"),
        EN.replace("```\nbin/", "```ignore\nbin/"),
    ] {
        assert_eq!(block_rules(&fr), [], "{fr}");
    }
}

#[test]
fn config_disables_rules() {
    let doc = format!(
        "{}\n\n{}\n",
        sxs("5ce59-131", "3.0-bionique", "3.0-bionic"),
        sxs("5ce59-132", "Lancez `ls`maintenant.", "Run `ls` now.")
    );
    assert_eq!(check(&doc, None, &Config::default()).len(), 2);

    let mut config = Config::default();
    config.disabled.insert("code-span-glued".into());
    let f = check(&doc, None, &config);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "technical-token-translated");

    let mut config = Config::default();
    config
        .disabled_in_segment
        .entry("5ce59-131".into())
        .or_default()
        .insert("technical-token-translated".into());
    let f = check(&doc, None, &config);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "code-span-glued");
    // The same rule in another segment is still reported.
    config
        .disabled_in_segment
        .entry("5ce59-131".into())
        .or_default()
        .insert("code-span-glued".into());
    assert_eq!(check(&doc, None, &config).len(), 1);
}

#[test]
fn unknown_rule_names() {
    let mut config = Config::default();
    assert!(unknown_rules(&config).is_empty());
    config.disabled.insert("code-span-glued".into());
    config.disabled.insert("no-such-rule".into());
    config
        .disabled_in_segment
        .entry("x".into())
        .or_default()
        .extend([
            "code-spam-glued".to_string(),
            "no-such-rule".to_string(),
            "segment-empty".to_string(),
        ]);
    assert_eq!(unknown_rules(&config), ["code-spam-glued", "no-such-rule"]);
}

#[test]
fn findings_serialize() {
    let f = findings("3.0-bionique", "3.0-bionic");
    let json = serde_json::to_value(&f[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "rule": "technical-token-translated",
            "severity": "error",
            "segment": "t-1",
            "line": 1,
            "column": 25,
            "message": "\"3.0-bionique\" stands for the source's \"3.0-bionic\", which must stay as it is",
            "diff": null,
        })
    );
    assert!(Severity::Error < Severity::Warning);
}

#[test]
fn config_from_the_scenario_shape() {
    let config: Config = serde_json::from_value(serde_json::json!({
        "disable": ["code-span-glued"],
        "segments": { "5ce59-131": ["technical-token-translated", "no-such-rule"] },
    }))
    .unwrap();
    assert!(config.disabled.contains("code-span-glued"));
    assert!(config.disabled_in_segment["5ce59-131"].contains("technical-token-translated"));
    assert_eq!(unknown_rules(&config), ["no-such-rule"]);
    let empty: Config = serde_json::from_value(serde_json::json!({})).unwrap();
    assert!(empty.disabled.is_empty() && empty.disabled_in_segment.is_empty());
}

/// Defect classes that machine translations into other languages show.
#[test]
fn other_languages() {
    // German: decimal comma in image tags and versions, product names re-cased.
    let f = findings(
        "Die Tags 3,0-Buster und 3,0 laufen mit ASP.net Core.",
        "The tags 3.0-buster and 3.0 run with ASP.NET Core.",
    );
    let r: Vec<_> = f.iter().map(|f| (f.rule, f.message.as_str())).collect();
    assert_eq!(r.len(), 3, "{f:#?}");
    // The versions are errors; the name re-cased is a warning.
    assert!(r[..2]
        .iter()
        .all(|(rule, _)| *rule == "technical-token-translated"));
    assert!(r[0].1.contains("\"3,0-Buster\"") && r[0].1.contains("\"3.0-buster\""));
    assert_eq!(r[2].0, "product-name-altered");
    assert!(r[2].1.contains("\"ASP.net\""));
    // German compounds keep the token: fine; a re-cased one is not (a name
    // re-cased: a warning).
    clean(
        "Erstellen Sie gRPC-Anwendungen mit dem `--tag`-Flag.",
        "Build gRPC applications with the `--tag` flag.",
    );
    assert_eq!(
        rules(
            "Erstellen Sie GrpC-Anwendungen.",
            "Build gRPC applications."
        ),
        ["product-name-altered"]
    );
    // Japanese: the tag's name transliterated; code spans next to kana are fine.
    let f = findings("5.0-アルペン", "5.0-alpine");
    assert_eq!(f[0].rule, "technical-token-translated");
    clean(
        "`dotnet`コマンドは DLL ファイルだけを実行します。",
        "The `dotnet` command only runs DLL files.",
    );
    // Russian: a space left between a code span and the full stop, a code
    // span glued to a Cyrillic word.
    let f = findings(
        "Создайте приложение с `docker build` .",
        "Build the app with `docker build`.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "dangling-punctuation");
    assert!(
        f[0].message
            .contains("space between `docker build` and \".\""),
        "{}",
        f[0].message
    );
    assert_eq!(
        rules(
            "Флаг `-ti`подключает терминал.",
            "The `-ti` flag attaches the terminal."
        ),
        ["code-span-glued"]
    );
    // A repository name mangled in a link's text.
    assert_eq!(
        rules(
            "Voir le dépôt [dotnet/grpc développeurs](https://github.com/o/r).",
            "See the [dotnet-architecture/grpc-for-wcf-developers](https://github.com/o/r) repository."
        ),
        ["technical-token-missing"]
    );
}
