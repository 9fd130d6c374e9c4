//! What careful human translations do on purpose, seen on real pages
//! (`tests/data/real/human/`), and which is no defect: each case is clean,
//! and the defect next to it is still found.

mod support;

use doccheck_l10n::{check, Config};
use support::{clean, rules, sxs};

#[test]
fn english_titles_of_english_only_resources() {
    // The title of an external English page, kept in its link.
    clean(
        "Para más información, lea [Containerized Docker Application lifecycle with Microsoft Platforms and Tools](https://aka.ms/dockerlifecycleebook/).",
        "For more information, read [Containerized Docker Application lifecycle with Microsoft Platforms and Tools](https://aka.ms/dockerlifecycleebook/).",
    );
    // English kept with its translation in parentheses.
    clean(
        "**Get started with Docker CE for Windows** (Introducción a Docker CE para Windows)",
        "**Get started with Docker CE for Windows**",
    );
    // A page of the docs themselves is translated: its title too.
    assert!(rules(
        "Consulte [Create Docker images for the app](docker.md).",
        "See [Create Docker images for the app](docker.md).",
    )
    .contains(&"link-text-untranslated"));
}

#[test]
fn names_side_by_side_may_change_order() {
    let src = "With Docker, use the Docker CLI to build on Docker hosts. The Docker CLI runs `docker build`, and the .NET Docker images hold .NET Docker apps.";
    let tr = "Con Docker, use la CLI de Docker para compilar en hosts de Docker. La CLI de Docker ejecuta `docker build`, y las imágenes de Docker de .NET contienen aplicaciones de Docker de .NET.";
    clean(tr, src);
    // A compound that is one name stays one.
    let src = "Push the images to Docker Hub, the public registry, or to another Docker Hub.";
    assert!(rules(
        "Envíe las imágenes a Docker Central, el registro público.",
        src
    )
    .contains(&"product-name-altered"));
}

#[test]
fn document_parts_are_no_names() {
    clean(
        "La figura 5-1 muestra el flujo. Vea la figura 5-2.",
        "Figure 5-1 shows the workflow. See Figure 5-2.",
    );
}

#[test]
fn file_types_named_by_their_extension() {
    clean("файлы JS и CSS.", ".js and .css files.");
    assert!(rules("файлы скриптов.", ".js files.").contains(&"technical-token-missing"));
}

#[test]
fn korean_link_text_takes_its_ending() {
    clean(
        "[애플리케이션을 설계 및 빌드](../design.md)할 수 있습니다.",
        "You can [design and build applications](../design.md).",
    );
}

#[test]
fn chinese_object_after_its_verb() {
    clean(
        "在终端中，运行 `docker build -t myimage .`；在此命令完成后，运行 `docker images`。",
        "From your terminal, run `docker build -t myimage .` and when that command finishes, run `docker images`.",
    );
}

#[test]
fn a_repeated_headings_anchor_unnumbered() {
    let page = format!(
        "## <a name=\"additional-resources\"></a>{}\n\nTexto.\n\n## <a name=\"additional-resources\"></a>{}\n\nTexto.\n",
        sxs("h-1", "Recursos adicionales", "Additional resources"),
        sxs("h-2", "Recursos adicionales", "Additional resources"),
    );
    let source = "## Additional resources\n\nText.\n\n## Additional resources\n\nText.\n";
    let f = check(&page, Some(source), &Config::default());
    assert!(f.is_empty(), "{f:#?}");
    // A numbered heading of its own is not a repeat.
    let page = format!(
        "## <a name=\"step\"></a>{}\n\nTexto.\n",
        sxs("h-1", "Paso 2", "Step 2")
    );
    let f = check(&page, None, &Config::default());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "heading-anchor-changed");
}

/// Not a human's doing: machine translation's placeholder for a token,
/// published (`@no__t-0`), is an error.
#[test]
fn machine_translation_placeholders() {
    let f = support::findings(
        "@No__t-0 的資料類型是 `String`。",
        "The data type of `result` is `String`.",
    );
    assert!(
        f.iter().any(|f| f.rule == "technical-token-missing"
            && f.severity == doccheck_l10n::Severity::Error
            && f.message.contains("@No__t-0")),
        "{f:#?}"
    );
}
