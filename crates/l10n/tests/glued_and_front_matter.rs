//! Three defect classes of machine translation, each rule on synthetic pairs
//! that it catches and on careful human translations (French, German,
//! Spanish, Japanese) that it leaves alone: the front matter
//! (`front-matter-*` and the segment rules on `title` and `description`),
//! English glued to the translation (`source-glued-to-translation`), and
//! emphasis glued to a word (`emphasis-glued`).

mod support;

use doccheck_l10n::{check, Config, Finding, Severity, RULES};
use support::{clean, findings, rules};

fn severity(name: &str) -> Severity {
    RULES
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} is not in RULES"))
        .severity
}

#[test]
fn new_rules_are_registered() {
    assert_eq!(severity("front-matter-empty"), Severity::Error);
    assert_eq!(severity("front-matter-untranslated"), Severity::Warning);
    assert_eq!(severity("source-glued-to-translation"), Severity::Warning);
    assert_eq!(severity("emphasis-glued"), Severity::Warning);
}

// ---------------------------------------------------------------- front matter

const SOURCE: &str = "---\ntitle: Create Docker images for ASP.NET Core\ndescription: Learn how to build the image with `docker build` and the 3.0-bionic tag\nms.date: 09/02/2019\n---\n\n# Create Docker images\n\nRun the image now.\n";

fn page(title: &str, description: &str) -> String {
    format!(
        "---\ntitle: {title}\ndescription: {description}\nms.date: 09/02/2019\nms.translationtype: HT\nms.contentlocale: fr-FR\n---\n\n# Créer des images Docker\n\nLancez l’image maintenant.\n"
    )
}

fn fm(localized: &str) -> Vec<Finding> {
    check(localized, Some(SOURCE), &Config::default())
        .into_iter()
        .filter(|f| f.rule != "heading-anchor-missing")
        .collect()
}

fn fm_rules(localized: &str) -> Vec<(&'static str, usize, usize)> {
    fm(localized)
        .iter()
        .map(|f| (f.rule, f.line, f.column))
        .collect()
}

#[test]
fn front_matter_left_in_english() {
    let f = fm(&page(
        "Create Docker images for ASP.NET Core",
        "Découvrez comment construire l’image avec `docker build` et la balise 3.0-bionic",
    ));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].line, f[0].column, f[0].segment.as_deref()),
        ("front-matter-untranslated", 2, 8, None)
    );
    assert!(
        f[0].message.starts_with("front matter `title`:"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("Create Docker images"),
        "{}",
        f[0].message
    );
}

#[test]
fn front_matter_title_case_left_in_english() {
    // Title Case: most words have capitals, and only `for` is a common
    // English word; `Developers` is no name of the guide.
    let src =
        "---\ntitle: Docker - gRPC for WCF Developers\n---\n\nRun Docker now. Docker is here.\n";
    let loc =
        "---\ntitle: Docker - gRPC for WCF Developers\n---\n\nLancez Docker. Docker est là.\n";
    let f = check(loc, Some(src), &Config::default());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].rule, f[0].line), ("front-matter-untranslated", 2));
    for title in [
        "Docker - gRPC pour les développeurs WCF",
        "Docker – gRPC für WCF-Entwickler",
        "Docker - WCF 開発者向けの gRPC",
    ] {
        let loc = format!("---\ntitle: {title}\n---\n\nLancez Docker. Docker est là.\n");
        let f = check(&loc, Some(src), &Config::default());
        assert!(f.is_empty(), "{title}: {f:#?}");
    }
    // A title of names only, kept: not untranslated.
    let src = "---\ntitle: Docker and Kubernetes\n---\n\nRun it in Docker or in Kubernetes. Use Docker with Kubernetes.\n";
    let loc = "---\ntitle: Docker and Kubernetes\n---\n\nLancez-le dans Docker ou dans Kubernetes. Utilisez Docker avec Kubernetes.\n";
    let f = check(loc, Some(src), &Config::default());
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn front_matter_empty_or_missing() {
    let f = fm(&page(
        "",
        "Découvrez comment construire l’image avec `docker build` et la balise 3.0-bionic",
    ));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].line, f[0].severity),
        ("front-matter-empty", 2, Severity::Error)
    );
    // Quoted empty value.
    let loc = page(
        "\"\"",
        "Découvrez comment construire l’image avec `docker build` et la balise 3.0-bionic",
    );
    assert_eq!(fm_rules(&loc), [("front-matter-empty", 2, 9)]);
    // No `description:` at all.
    let loc = "---\ntitle: Créer des images Docker pour ASP.NET Core\n---\n\n# Créer des images Docker\n\nLancez l’image maintenant.\n";
    let f = fm(loc);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].line, f[0].column),
        ("front-matter-empty", 1, 1)
    );
    assert!(
        f[0].message.contains("no `description:`"),
        "{}",
        f[0].message
    );
}

#[test]
fn front_matter_code_spans_and_technical_tokens() {
    let loc = page(
        "Créer des images Docker pour ASP.NET Core",
        "Découvrez comment construire l’image avec docker build et la balise 3.0-bionique",
    );
    let f = fm(&loc);
    let r: Vec<_> = f.iter().map(|f| (f.rule, f.line)).collect();
    assert_eq!(
        r,
        [("code-span-missing", 3), ("technical-token-translated", 3)],
        "{f:#?}"
    );
    // Reported at the token, in the front matter's line.
    let col = "description: Découvrez comment construire l’image avec docker build et la balise "
        .chars()
        .count()
        + 1;
    assert_eq!(f[1].column, col);
    assert!(f[1].message.contains("\"3.0-bionique\""));
    // A product name re-cased in the title: a name's concern, a warning.
    assert_eq!(
        fm_rules(&page(
            "Créer des images Docker pour ASP.net Core",
            "Découvrez comment construire l’image avec `docker build` et la balise 3.0-bionic",
        )),
        [("product-name-altered", 2, 37)]
    );
}

#[test]
fn front_matter_glued_english_in_a_quoted_or_folded_value() {
    let loc = page(
        "\"Créer des images DockerCreate Docker images for ASP.NET Core\"",
        ">-\n  Découvrez comment construire l’image avec `docker build`\n  et la balise 3.0-bionic",
    );
    let f = fm(&loc);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].line, f[0].column),
        ("source-glued-to-translation", 2, 32)
    );
    assert!(
        f[0].message
            .contains("suggested fix: \"Créer des images Docker\""),
        "{}",
        f[0].message
    );
}

#[test]
fn front_matter_well_translated_is_clean() {
    for (title, description) in [
        // French
        (
            "Créer des images Docker pour ASP.NET Core",
            "Découvrez comment construire l’image avec `docker build` et la balise 3.0-bionic",
        ),
        // German
        (
            "Docker-Images für ASP.NET Core erstellen",
            "\"Erfahren Sie, wie Sie das Image mit `docker build` und dem Tag 3.0-bionic erstellen\"",
        ),
        // Spanish
        (
            "'Crear imágenes de Docker para ASP.NET Core'",
            "Aprenda a compilar la imagen con `docker build` y la etiqueta 3.0-bionic",
        ),
        // Japanese: no spaces between words.
        (
            "ASP.NET Core用のDockerイメージを作成する",
            "`docker build`と3.0-bionicタグを使ってイメージをビルドする方法を説明します",
        ),
    ] {
        let loc = page(title, description);
        assert!(fm(&loc).is_empty(), "{title} / {description}: {:#?}", fm(&loc));
    }
    // A short value that is a name, the same in both, is not untranslated.
    let src = "---\ntitle: Docker Hub\n---\n\nRun it.\n";
    let loc = "---\ntitle: Docker Hub\n---\n\nLancez-le.\n";
    assert!(check(loc, Some(src), &Config::default()).is_empty());
    // A source without front matter, or no source: nothing to compare.
    assert!(check(
        &page("", ""),
        Some("# Create\n\nRun it.\n"),
        &Config::default()
    )
    .iter()
    .all(|f| !f.message.starts_with("front matter")));
    // The source checked against itself.
    assert!(check(SOURCE, Some(SOURCE), &Config::default()).is_empty());
}

// ------------------------------------------------------- English glued on

#[test]
fn english_glued_after_a_short_heading() {
    let f = findings(
        "Étapes de l'image d'exécutionThe runtime image steps",
        "The runtime image steps",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "source-glued-to-translation");
    assert_eq!(
        f[0].column,
        24 + "Étapes de l'image d'exécution".chars().count() + 1
    );
    assert!(
        f[0].message.contains("\"The runtime image steps\""),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("\"d'exécutionThe\""),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message
            .contains("suggested fix: \"Étapes de l'image d'exécution\""),
        "{}",
        f[0].message
    );
}

#[test]
fn english_glued_before_after_punctuation_or_in_lower_case() {
    // Before the translation.
    let f = findings("Build the imageCréer l’image", "Build the image");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].column),
        ("source-glued-to-translation", 25)
    );
    assert!(
        f[0].message.contains("suggested fix: \"Créer l’image\""),
        "{}",
        f[0].message
    );
    // After a full stop.
    assert_eq!(
        rules("Créer l’image.Build the image.", "Build the image."),
        ["source-glued-to-translation"]
    );
    // After a lower-case letter: the whole source at the end.
    assert_eq!(
        rules(
            "Étapes de l'image d'exécutionthe runtime image steps",
            "the runtime image steps"
        ),
        ["source-glued-to-translation"]
    );
    // German and Spanish.
    assert_eq!(
        rules("HTTPS in DockerHTTPS in Docker", "HTTPS in Docker"),
        ["source-glued-to-translation"]
    );
    assert_eq!(
        rules(
            "Ejecutar la imagen en un contenedorRun the image in a container",
            "Run the image in a container"
        ),
        ["source-glued-to-translation"]
    );
    assert_eq!(
        rules("Die Build-SchritteThe build steps", "The build steps"),
        ["source-glued-to-translation"]
    );
    // Japanese: a whole English sentence glued after kana.
    assert_eq!(
        rules("イメージをビルドするBuild the image", "Build the image"),
        ["source-glued-to-translation"]
    );
}

#[test]
fn english_glued_part_of_a_long_sentence() {
    let f = findings(
        "Lancez la commande suivante depuis le répertoirefrom the directory containing the Dockerfile.",
        "Use the following command from the directory containing the Dockerfile.",
    );
    // Lower case on both sides of the glue: only whole sources are found
    // that way; the run is long enough to be English left.
    let r: Vec<_> = f.iter().map(|f| f.rule).collect();
    assert_eq!(r, ["source-left-in-translation"], "{f:#?}");
    let f = findings(
        "Lancez la commande suivante depuis le répertoireFrom the directory containing the Dockerfile.",
        "Use the following command. From the directory containing the Dockerfile.",
    );
    let r: Vec<_> = f.iter().map(|f| f.rule).collect();
    // Reported once, as glued, not again as English left.
    assert_eq!(r, ["source-glued-to-translation"], "{f:#?}");
    assert!(
        f[0].message
            .contains("\"From the directory containing the Dockerfile\""),
        "{}",
        f[0].message
    );
}

#[test]
fn names_and_scripts_without_spaces_are_not_glued_english() {
    // Product names kept, next to the translation.
    clean(
        "Utiliser ASP.NET Core avec Docker",
        "Use ASP.NET Core with Docker",
    );
    clean("Le fichier Dockerfile", "The Dockerfile");
    clean(
        "Die ASP.NET Core-Anwendung im Docker Hub",
        "The ASP.NET Core app in Docker Hub",
    );
    clean(
        "Publicar en Azure Container Registry",
        "Publish to Azure Container Registry",
    );
    // CamelCase identifiers that are the source's.
    clean(
        "Ouvrez StockData.csproj dans GitHub",
        "Open StockData.csproj in GitHub",
    );
    clean(
        "Le service gRPC et JavaScript",
        "The gRPC service and JavaScript",
    );
    // Code spans glued are another rule's.
    assert_eq!(
        rules("Lancez `ls`Maintenant", "Run `ls` now"),
        ["code-span-glued"]
    );
    // Japanese: names glued to kana and kanji are normal.
    clean(
        "ASP.NET Core用のDockerイメージを作成する",
        "Create Docker images for ASP.NET Core",
    );
    clean(
        "Dockerfileでイメージを定義します",
        "The Dockerfile defines the image",
    );
    clean(
        "Azure Container Registryにイメージをプッシュする",
        "Push the image to Azure Container Registry",
    );
    clean("Visual Studio Codeを使用する", "Use Visual Studio Code");
    clean("ランタイム イメージの手順", "The runtime image steps");
    // A kept English phrase inside a translation, with spaces, is not glued.
    clean(
        "Consultez « Hello World » dans le guide",
        "See Hello World in the guide",
    );
}

#[test]
fn english_glued_to_chinese_or_japanese() {
    let f = findings(
        "创建 Docker 映像Create a Docker image",
        "Create a Docker image",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "source-glued-to-translation");
    assert!(
        f[0].message.contains("(\"映像Create\")"),
        "{}",
        f[0].message
    );
    assert_eq!(
        rules("Build the imageイメージをビルドする", "Build the image"),
        ["source-glued-to-translation"]
    );
    // A term or a name of two words kept next to kana or kanji is not the
    // source glued on.
    clean("Release buildを作成します", "Release build");
    clean("Docker Hubにプッシュする", "Docker Hub");
    clean(
        "ASP.NET Core 应用的 Docker 映像",
        "Docker images for ASP.NET Core apps",
    );
}

// --------------------------------------------------------- emphasis glued

#[test]
fn emphasis_glued_to_the_next_word() {
    let f = findings(
        "Ein Docker-Image wird durch eine *Dockerfile-Datei*definiert.",
        "A Docker image is defined by a *Dockerfile* file.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "emphasis-glued");
    assert_eq!(
        f[0].column,
        24 + "Ein Docker-Image wird durch eine *Dockerfile-Datei"
            .chars()
            .count()
            + 1
    );
    assert!(
        f[0].message.contains("\"*Dockerfile-Datei*definiert\""),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message
            .contains("suggested fix: \"*Dockerfile-Datei* definiert\""),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("\"*Dockerfile* file\""),
        "{}",
        f[0].message
    );
    assert_eq!(
        rules("Le **foo**bar ici", "The **foo** bar here"),
        ["emphasis-glued"]
    );
    let f = findings("Le _foo_bar ici", "The _foo_ bar here");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0]
        .message
        .contains("CommonMark does not read it as emphasis"));
}

#[test]
fn emphasis_glued_to_the_previous_word() {
    let f = findings(
        "Una imagen de Docker se define mediante un*Dockerfile*.",
        "A Docker image is defined by a *Dockerfile*.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "emphasis-glued");
    assert!(
        f[0].message.contains("before it: \"un*Dockerfile*\""),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("suggested fix: \"un *Dockerfile*\""),
        "{}",
        f[0].message
    );
}

#[test]
fn emphasis_that_is_fine() {
    // French, German, Spanish: spaces, elision, hyphenated compounds.
    clean(
        "Une image Docker est définie par un *Dockerfile*.",
        "A Docker image is defined by a *Dockerfile*.",
    );
    clean(
        "Elle est définie par l’*image* et d'**abord** le fichier.",
        "It is defined by the *image* and **first** the file.",
    );
    clean(
        "Ein Docker-Image wird durch eine *Dockerfile*-Datei definiert.",
        "A Docker image is defined by a *Dockerfile* file.",
    );
    clean(
        "Una imagen de Docker se define mediante un *Dockerfile* (un archivo de texto).",
        "A Docker image is defined by a *Dockerfile* (a text file).",
    );
    // Japanese: emphasis next to kana is normal.
    clean(
        "Docker イメージは*Dockerfile*で定義されます。",
        "A Docker image is defined by a *Dockerfile*.",
    );
    clean(
        "**重要**：同じバリアントを使用してください。",
        "**Important**: use the same variant.",
    );
    // Intraword emphasis that the source has too.
    clean("C’est in**croy**able.", "It is un**believ**able.");
    // `_` in identifiers, and `*` as a literal.
    clean(
        "Définissez ASPNETCORE_URLS et my_var_name, puis calculez 2 * 3.",
        "Set ASPNETCORE_URLS and my_var_name, then compute 2 * 3.",
    );
    clean(
        "Définissez _ASPNETCORE_URLS_ maintenant.",
        "Set _ASPNETCORE_URLS_ now.",
    );
    // Inside code spans and link targets: not emphasis.
    clean(
        "Lancez `a*b*c` et voir [la doc](x_y_z.md) ici.",
        "Run `a*b*c` and see [the docs](x_y_z.md) here.",
    );
    // Escaped delimiters.
    clean("Le \\*fichier\\*texte ici.", "The \\*file\\* text here.");
}

#[test]
fn inflections_and_compounds_are_not_glued_english() {
    // German plural and compounds after the same English words.
    clean("Docker Images", "Docker image");
    clean("Docker Containerverwaltung", "Docker container");
    // Spanish and French keeping a name at the end.
    clean(
        "Publicar imágenes en Docker Hub",
        "Push images to Docker Hub",
    );
    clean("Exécuter Docker Compose", "Run Docker Compose");
    // "**Note:**" glued is emphasis, not English.
    assert_eq!(
        rules("**Remarque :**Texte ici.", "**Note:** Text here."),
        ["emphasis-glued"]
    );
}
