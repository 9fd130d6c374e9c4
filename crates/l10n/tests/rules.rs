//! Each rule on small synthetic pairs: what it catches, and correct
//! translations it leaves alone.

use doccheck_l10n::{check, Config, Severity, RULES};

mod support;

use support::{clean, findings, rules, sxs};

#[test]
fn rules_table_is_consistent() {
    let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "duplicate rule names");
    for r in RULES {
        assert!(
            r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.name
        );
        assert!(!r.summary.is_empty());
    }
    let sev = |name: &str| RULES.iter().find(|r| r.name == name).unwrap().severity;
    for e in [
        "code-block-missing",
        "code-block-changed",
        "code-span-missing",
        "link-target-missing",
        "technical-token-translated",
    ] {
        assert_eq!(sev(e), Severity::Error, "{e}");
    }
    for w in [
        "code-span-glued",
        "dangling-punctuation",
        "link-text-punctuation",
        "segment-untranslated",
        "source-left-in-translation",
        "fence-info-changed",
    ] {
        assert_eq!(sev(w), Severity::Warning, "{w}");
    }
}

#[test]
fn code_spans_missing_added_changed() {
    assert_eq!(
        rules("Lancez la commande.", "Run the `ls` command."),
        ["code-span-missing"]
    );
    assert_eq!(
        rules("Lancez `ls` maintenant.", "Run it now."),
        ["code-span-added"]
    );
    let f = findings("Lancez `docker biuld`.", "Run `docker build`.");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "code-span-changed");
    assert!(f[0].message.contains("`docker biuld`") && f[0].message.contains("`docker build`"));
    assert_eq!(f[0].column, 32);
    // A multiset: one of two `x` is gone.
    assert_eq!(
        rules("Mettez `x` ici.", "Put `x` and `x` here."),
        ["code-span-missing"]
    );
    // A very different span is one missing and one added.
    let mut r = rules("Lancez `pwd`.", "Run `docker build`.");
    r.sort();
    assert_eq!(r, ["code-span-added", "code-span-missing"]);
}

#[test]
fn code_spans_in_another_order_are_fine() {
    clean(
        "Au minimum, ajoutez `bin` et `obj` à votre fichier `.dockerignore`.",
        "At a minimum, you should add entries for `.dockerignore` from `obj` and `bin`.",
    );
    clean(
        "La commande `dotnet` de l’image ne peut exécuter que des DLL.",
        "The `dotnet` command in the image can only run DLL files.",
    );
}

#[test]
fn code_span_moved_out_of_parentheses_or_link() {
    let f = findings(
        "Utilisez le drapeau `-f` en dessous (ou).",
        "Use the `--file` (or `-f`) flag.",
    );
    let r: Vec<_> = f.iter().map(|f| f.rule).collect();
    assert!(r.contains(&"code-span-moved"), "{f:#?}");
    assert!(r.contains(&"code-span-missing"), "{f:#?}");
    assert_eq!(
        rules(
            "Lancez [l’image de Docker](https://d.example/r) `registry`.",
            "Run [Docker's own `registry` image](https://d.example/r)."
        ),
        ["code-span-moved"]
    );
    clean(
        "Utilisez le drapeau `--file` (ou `-f`).",
        "Use the `--file` (or `-f`) flag.",
    );
    clean(
        "Lancez [l’image `registry` de Docker](https://d.example/r).",
        "Run [Docker's own `registry` image](https://d.example/r).",
    );
}

#[test]
fn glued_code_spans_and_links() {
    let f = findings("Lancez `ls`maintenant.", "Run `ls` now.");
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].rule, f[0].column), ("code-span-glued", 32));
    assert!(f[0].message.contains("\"maintenant\""));
    let f = findings("Lancez la commande`ls`.", "Run the `ls` command.");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("before") && f[0].message.contains("\"commande\""));
    assert_eq!(
        rules(
            "Voir [la doc](a.md)maintenant.",
            "See [the docs](a.md) now."
        ),
        ["code-span-glued"]
    );
    assert_eq!(
        rules(
            "Voir la[doc](a.md) maintenant.",
            "See [the docs](a.md) now."
        ),
        ["code-span-glued"]
    );
}

#[test]
fn not_glued_elision_punctuation_and_scripts_without_spaces() {
    // French elision before a code span, with either apostrophe.
    clean(
        "Copiez l’`obj` et l'`bin` du répertoire d’`src`.",
        "Copy the `obj` and `bin` from the `src` directory.",
    );
    // Punctuation right after a code span or link.
    clean(
        "Lancez `ls`, puis `pwd`; voir [ceci](a.md).",
        "Run `ls`, then `pwd`; see [this](a.md).",
    );
    // The source glues it the same way.
    clean("Les `int`s sont des entiers.", "The `int`s are integers.");
    // Chinese and Japanese do not separate words with spaces.
    clean("运行`ls`命令。", "Run the `ls` command.");
    clean(
        "`docker run`コマンドを使用します。",
        "Use the `docker run` command.",
    );
}

#[test]
fn dangling_punctuation() {
    let f = findings(
        "Pour construire des applications avec .",
        "For building applications with `docker build`.",
    );
    let r: Vec<_> = f.iter().map(|f| f.rule).collect();
    assert_eq!(r, ["code-span-missing", "dangling-punctuation"], "{f:#?}");
    assert!(f[1].message.contains("`docker build`."), "{}", f[1].message);
    assert_eq!(f[1].column, 63);
    assert!(rules(
        "Définit la variable à , ce qui signifie",
        "Sets the variable to `x`, meaning"
    )
    .contains(&"dangling-punctuation"));
    assert!(rules(
        "(qui peut être raccourci à ) spécifie",
        "(which can be shortened to `-t`) specifies"
    )
    .contains(&"dangling-punctuation"));
}

#[test]
fn french_typography_is_not_dangling() {
    // Normal, no-break (U+00A0) and narrow no-break (U+202F) spaces before
    // : ; ! ? and inside guillemets.
    clean(
        "Voici la liste : `a` ; « b » ! Vraiment ? Oui\u{a0}: non\u{202f}; si\u{202f}! «\u{a0}c\u{a0}»",
        "Here is the list: `a`; \"b\"! Really? Yes: no; yes! \"c\"",
    );
    // `.NET`, an ellipsis, a dot that is a code span.
    clean(
        "Les applications .NET et ainsi de suite ... La `.` fin.",
        "The .NET applications and so on... The `.` at the end.",
    );
}

#[test]
fn link_targets() {
    assert_eq!(
        rules("Voir la doc.", "See [the docs](a.md)."),
        ["link-target-missing"]
    );
    let f = findings("Voir [la doc](b.md).", "See [the docs](a.md).");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "link-target-changed");
    assert!(f[0].message.contains("b.md") && f[0].message.contains("a.md"));
    assert_eq!(
        rules(
            "Voir [la doc](a.md) et [ceci](b.md).",
            "See [the docs](a.md)."
        ),
        ["link-target-added"]
    );
    assert_eq!(
        rules("Voir ![schéma](b.png).", "See ![diagram](a.png)."),
        ["link-target-changed"]
    );
    // A localized copy may point to its own language's pages.
    clean(
        "Voir [la doc](https://docs.microsoft.com/fr-fr/azure/x).",
        "See [the docs](https://docs.microsoft.com/en-us/azure/x).",
    );
    // Reference links are resolved from the file's definitions.
    let doc = format!(
        "{}\n\n[k]: kubernetes.md\n",
        sxs(
            "t-1",
            "Voir [Kubernetes][k].",
            "See [Kubernetes](kubernetes.md)."
        )
    );
    assert!(check(&doc, None, &Config::default()).is_empty());
}

#[test]
fn link_text_punctuation() {
    let f = findings(
        "(tel que décrit dans [les applications auto-hébergées),](self-hosted.md) vous devez",
        "(as described in [Self-hosted applications](self-hosted.md)), you should",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "link-text-punctuation");
    assert!(f[0].message.contains("\"),\""));
    assert_eq!(
        rules("Voir [la doc.](a.md)", "See [the docs](a.md)."),
        ["link-text-punctuation"]
    );
    clean("Voir [la doc](a.md).", "See [the docs](a.md).");
    clean("Voir [Pourquoi ?](a.md)", "See [Why?](a.md)");
    clean("Voir [étiquette(s)](a.md)", "See [tag(s)](a.md)");
}

#[test]
fn link_text_left_in_english() {
    let f = findings(
        "[Précédent](a.md)\n[Next](b.md)",
        "[Previous](a.md)\n[Next](b.md)",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "link-text-untranslated");
    assert!(f[0].message.contains("\"Next\""));
    // Names as link texts are fine.
    clean(
        "Voir [Docker Hub](h) ou [Azure Container Registry](r).",
        "See [Docker Hub](h) or [Azure Container Registry](r).",
    );
    // A title left in English: no common English word but `Self-`, its words
    // in Title Case, none of them a name.
    let src = "If you use HTTPS (as described in [Self-hosted gRPC applications](self-hosted.md)), override this.";
    let f = findings(
        "Si vous utilisez HTTPS (comme décrit dans [Self-hosted gRPC applications](self-hosted.md)), remplacez ce paramètre.",
        src,
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "link-text-untranslated");
    assert!(f[0].message.contains("\"Self-hosted gRPC applications\""));
    clean(
        "Si vous utilisez HTTPS (comme décrit dans [Applications gRPC auto-hébergées](self-hosted.md)), remplacez ce paramètre.",
        src,
    );
    // A link text the translation may keep: one plain word, or words that
    // are no common English ("machine learning" in French).
    clean(
        "Consultez la [documentation](d.md) du [machine learning](ml.md).",
        "See the [documentation](d.md) of [machine learning](ml.md).",
    );
}

#[test]
fn technical_tokens() {
    let f = findings("3.0-bionique", "3.0-bionic");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].rule, f[0].severity),
        ("technical-token-translated", Severity::Error)
    );
    assert_eq!(
        rules(
            "Ouvrez stockdata.csproj dans l’éditeur.",
            "Open StockData.csproj in the editor."
        ),
        ["technical-token-translated"]
    );
    assert_eq!(
        rules(
            "Le drapeau --étiquette nomme l’image.",
            "The --tag flag names the image."
        ),
        ["technical-token-missing"]
    );
    assert_eq!(
        rules(
            "Les applications IPM auto-hébergées",
            "Self-hosted gRPC applications"
        ),
        ["technical-token-missing"]
    );
    // Kept as they are, in prose, in a path or in a code span.
    clean(
        "Utilisez 3.0-alpine, le fichier .dockerignore, le drapeau -t et https://example.com/a.",
        "Use 3.0-alpine, the .dockerignore file, the -t flag and https://example.com/a.",
    );
    clean(
        "L’image `mcr.microsoft.com/dotnet/core/sdk:3.0` pour ASP.NET Core.",
        "The image `mcr.microsoft.com/dotnet/core/sdk:3.0` for ASP.NET Core 3.0.",
    );
}

#[test]
fn source_left_in_translation() {
    let f = findings(
        "Lancez la commande. Make sure you use the same variant of Linux for the build.",
        "Run the command. Make sure you use the same variant of Linux for the build.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "source-left-in-translation");
    assert!(f[0].message.contains("Make sure you use the same variant"));
    assert_eq!(f[0].column, 45);
    // Names shared by both are fine.
    clean(
        "Une application Web ASP.NET Core MVC et Azure Container Registry.",
        "An ASP.NET Core MVC web app and Azure Container Registry.",
    );
    // In Japanese, after `、` (no space is written there): English left, not
    // glued.
    let f = findings(
        "イメージがレジストリに格納されたら、you can deploy it to individual Docker hosts、または Kubernetes にデプロイできます。",
        "After the image is in a registry, you can deploy it to individual Docker hosts, or to an engine like Kubernetes.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "source-left-in-translation");
    assert!(
        f[0].message
            .contains("\"you can deploy it to individual Docker hosts\""),
        "{}",
        f[0].message
    );
}

#[test]
fn short_english_run_left_in_translation() {
    // Four words, all common English words, in the source's order.
    let f = findings(
        "Alguns pacotes de software ou bibliotecas might not be available no gerenciamento de pacotes do Alpine.",
        "Some software packages or libraries might not be available in Alpine's package management.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "source-left-in-translation");
    assert!(
        f[0].message.contains("\"might not be available\""),
        "{}",
        f[0].message
    );
    // Three or four shared words that are not all common English words.
    clean(
        "Alguns pacotes de software ou bibliotecas podem não estar disponíveis no Alpine package management.",
        "Some software packages or libraries might not be available in Alpine package management.",
    );
    clean(
        "Gebruik de Docker Hub of Azure Container Registry.",
        "Use the Docker Hub or Azure Container Registry.",
    );
}

#[test]
fn untranslated_and_empty_segments() {
    assert_eq!(
        rules(
            "Not to be used in production.",
            "Not to be used in production."
        ),
        ["segment-untranslated"]
    );
    assert_eq!(
        rules("For production.", "For production."),
        ["segment-untranslated"]
    );
    for name in [
        "Image",
        "Linux",
        "Description",
        "Debian 10",
        "3.0-alpine",
        "Azure Container Registry",
        "Notes",
    ] {
        clean(name, name);
    }
    let f = findings("", "Run it now.");
    assert_eq!(
        (f[0].rule, f[0].severity),
        ("segment-empty", Severity::Error)
    );
    assert_eq!(rules("   ", "Run it now."), ["segment-empty"]);
    clean("", "");
}

#[test]
fn malformed_markup() {
    let doc = "<span data-ttu-id=\"a\">Bonjour</span><span class=\"sxs-lookup\"><span data-stu-id=\"b\">Hello</span></span>\n";
    let f = check(doc, None, &Config::default());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].segment.as_deref()),
        ("segment-malformed", Some("a"))
    );
    let doc = "<span data-ttu-id=\"a\">Bonjour\n\nHello\n";
    assert_eq!(
        check(doc, None, &Config::default())[0].rule,
        "segment-malformed"
    );
    let doc = "<span data-ttu-id=\"a\">Bonjour</span> et la suite.\n";
    assert_eq!(
        check(doc, None, &Config::default())[0].rule,
        "segment-malformed"
    );
}

#[test]
fn segment_over_two_lines_in_a_blockquote() {
    let doc = format!(
        "> [!NOTE]\n> {}\n",
        sxs(
            "q-1",
            "Lancez `ls`\n> maintenant, puis `pwd`maintenant.",
            "Run `ls`\nnow, then `pwd` now."
        )
    );
    let f = check(&doc, None, &Config::default());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].line, f[0].column),
        ("code-span-glued", 3, 20)
    );
}

#[test]
fn link_around_the_span_in_a_table_cell() {
    let doc = format!(
        "| Image | Description |\n| --- | --- |\n| [{}](https://hub.docker.com/x/) | {} |\n",
        sxs(
            "c-1",
            "mcr.microsoft.com/dotnet/core/sdk",
            "mcr.microsoft.com/dotnet/core/sdk"
        ),
        sxs("c-2", "Pour la production.", "For production.")
    );
    assert!(check(&doc, None, &Config::default()).is_empty());
}

#[test]
fn korean_particles_after_names_and_spans_are_not_defects() {
    // Korean writes its particles onto the word before: a careful translation.
    clean(
        "`builder`를 사용하여 Alpine의 이미지를 Docker Hub에 푸시하고 *Dockerfile*로 빌드합니다.",
        "Use `builder` to push the Alpine image to Docker Hub and build with the *Dockerfile*.",
    );
    // A span glued to a Latin word is still glued.
    assert!(
        rules("`builder`stage를 사용합니다.", "Use the `builder` stage.")
            .contains(&"code-span-glued")
    );
}
