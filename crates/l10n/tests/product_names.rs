//! `product-name-altered`: the names the source always writes the same way
//! (derived from the whole source, or configured) kept as written in every
//! segment; correct translations in French, German, Spanish and Japanese give
//! nothing.

mod support;

use doccheck_l10n::{check, Config, Finding};
use support::sxs;

const ACR: &str = "https://docs.microsoft.com/azure/container-registry/";
const HUB: &str = "https://docs.docker.com/docker-hub/repos/";

/// The rest of the guide, from which the names are derived (its
/// translations are left in English: only segment `t-1` is looked at).
fn context() -> Vec<String> {
    [
        "Build Docker images for ASP.NET Core apps with a Dockerfile.",
        "Run them in Docker or Kubernetes, on Alpine or Debian.",
        &format!("Push them to [Azure Container Registry]({ACR}) or [Docker Hub]({HUB})."),
        "The Dockerfile builds an ASP.NET Core app on Alpine, in Kubernetes.",
        "To push to Docker Hub, run `docker push` on Debian.",
    ]
    .iter()
    .enumerate()
    .map(|(i, en)| sxs(&format!("c-{i}"), en, en))
    .collect()
}

fn findings_with(tr: &str, src: &str, config: &Config) -> Vec<Finding> {
    let mut doc = context().join("\n\n");
    doc.push_str("\n\n");
    doc.push_str(&sxs("t-1", tr, src));
    doc.push('\n');
    check(&doc, None, config)
        .into_iter()
        .filter(|f| f.segment.as_deref() == Some("t-1"))
        .collect()
}

fn names(tr: &str, src: &str) -> Vec<Finding> {
    findings_with(tr, src, &Config::default())
        .into_iter()
        .filter(|f| f.rule == "product-name-altered")
        .collect()
}

fn clean(tr: &str, src: &str) {
    let f = findings_with(tr, src, &Config::default());
    assert!(f.is_empty(), "{tr:?} / {src:?}: {f:#?}");
}

fn one(tr: &str, src: &str, wanted: &[&str]) -> Finding {
    let f = names(tr, src);
    assert_eq!(f.len(), 1, "{tr:?}: {f:#?}");
    for w in wanted {
        assert!(f[0].message.contains(w), "{w:?} not in {}", f[0].message);
    }
    f[0].clone()
}

#[test]
fn split_by_other_words() {
    let f = one(
        "Créez des images Docker pour ASP.NET applications Core gRPC.",
        "Create Docker images for ASP.NET Core gRPC apps.",
        &[
            "\"ASP.NET applications Core\"",
            "suggested fix: \"applications ASP.NET Core\"",
        ],
    );
    let before = "<span data-ttu-id=\"t-1\">Créez des images Docker pour ";
    assert_eq!(f.column, before.chars().count() + 1);
    assert_eq!(f.severity, doccheck_l10n::Severity::Warning);
    // Partly translated: "Core" became "de base".
    one(
        "Contient ASP.NET dépendances de base.",
        "Contains the ASP.NET Core dependencies.",
        &["only \"ASP.NET\" is left of the product name \"ASP.NET Core\""],
    );
}

#[test]
fn cut_by_a_link_boundary() {
    let fix = format!("[Azure Container Registry]({ACR})");
    one(
        &format!("Utilisez [Registre de conteneurs]({ACR}) Azure."),
        &format!("Use [Azure Container Registry]({ACR})."),
        &["only \"Azure\" is left", &fix],
    );
}

#[test]
fn inflected_translated_or_cut() {
    one(
        "Les images de base alpines sont petites.",
        "Alpine base images are small.",
        &["\"alpines\"", "suggested fix: \"Alpine\""],
    );
    one(
        "L’image Alpi est petite.",
        "The Alpine image is small.",
        &["\"Alpi\" stands for the product name \"Alpine\""],
    );
    one(
        "Die Alpinen Images sind klein.",
        "The Alpine images are small.",
        &["\"Alpinen\""],
    );
    // Inflected before a hyphen, in a compound.
    one(
        "Das Alpinen-Basisimage ist klein.",
        "The Alpine base image is small.",
        &["\"Alpinen\" stands for the product name \"Alpine\""],
    );
    // The stem with another ending (Spanish, Italian).
    one(
        "La imagen base alpino es pequeña.",
        "The Alpine base image is small.",
        &["\"alpino\"", "suggested fix: \"Alpine\""],
    );
    // Written in katakana, the name gone.
    one(
        "アルパインの基本イメージは小さいです。",
        "The Alpine base image is small.",
        &["\"アルパイン\"", "katakana", "suggested fix: \"Alpine\""],
    );
    one(
        "イメージをクバネティスで実行します。",
        "Run the image in Kubernetes.",
        &["\"クバネティス\" stands for the product name \"Kubernetes\""],
    );
}

#[test]
fn case_changed() {
    let f = names(
        "Lancez docker, puis le dockerfile.",
        "Run Docker, then the Dockerfile.",
    );
    let found: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(found[0].contains("\"docker\" is the product name \"Docker\" with other capitals"));
    assert!(found[1].contains("\"dockerfile\""));
    one(
        "Utilisez ASP.NET core.",
        "Use ASP.NET Core.",
        &["\"ASP.NET core\"", "suggested fix: \"ASP.NET Core\""],
    );
    one(
        &format!("Poussez vers [docker Hub]({HUB})."),
        &format!("Push to [Docker Hub]({HUB})."),
        &["\"docker Hub\""],
    );
    one(
        "Verwenden Sie alpine-Images.",
        "Use Alpine images.",
        &["\"alpine\""],
    );
    one(
        "docker イメージをビルドします。",
        "Build Docker images.",
        &["\"docker\""],
    );
    // Re-cased inside a technical token: reported once, as a name re-cased
    // (a warning: no command reads a name's capitals).
    let f = findings_with(
        "Utilisez ASP.net Core.",
        "Use ASP.NET Core.",
        &Config::default(),
    );
    let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["product-name-altered"], "{f:#?}");
    assert_eq!(f[0].severity, doccheck_l10n::Severity::Warning);
}

#[test]
fn correct_french() {
    clean(
        "Créez des images Docker pour les applications gRPC ASP.NET Core.",
        "Create Docker images for ASP.NET Core gRPC apps.",
    );
    clean(
        "L’image de base d’Alpine est plus petite que celle de Debian.",
        "The Alpine base image is smaller than the Debian one.",
    );
    clean(
        "Exécutez `docker build` dans le répertoire du Dockerfile.",
        "Run `docker build` in the Dockerfile's directory.",
    );
    clean(
        &format!("Envoyez l’image vers [Azure Container Registry]({ACR}) ou [Docker Hub]({HUB})."),
        &format!("Push the image to [Azure Container Registry]({ACR}) or [Docker Hub]({HUB})."),
    );
    clean("Déployez-la sur Kubernetes.", "Deploy it to Kubernetes.");
}

#[test]
fn correct_german() {
    clean(
        "Die Dockerfile-Datei erstellt ein Docker-Image für ASP.NET Core-Apps.",
        "The Dockerfile builds a Docker image for ASP.NET Core apps.",
    );
    clean(
        &format!("Übertragen Sie das Image an [Azure Container Registry]({ACR}) oder an [Docker Hub]({HUB})."),
        &format!("Push the image to [Azure Container Registry]({ACR}) or [Docker Hub]({HUB})."),
    );
    clean(
        "Der Inhalt des Dockerfiles ist kurz.",
        "The Dockerfile's contents are short.",
    );
    clean(
        "Images auf Alpine-Basis sind kleiner als die von Debian.",
        "Alpine images are smaller than Debian ones.",
    );
    clean(
        "Das Alpine-Basisimage ist kleiner als die Debian- und Kubernetes-Images.",
        "The Alpine base image is smaller than the Debian and Kubernetes images.",
    );
    clean(
        "Führen Sie `docker build` im Kubernetes-Cluster aus.",
        "Run `docker build` in the Kubernetes cluster.",
    );
}

#[test]
fn correct_spanish() {
    clean(
        "Cree imágenes de Docker para aplicaciones de ASP.NET Core con un Dockerfile.",
        "Build Docker images for ASP.NET Core apps with a Dockerfile.",
    );
    clean(
        &format!(
            "Inserte la imagen en [Azure Container Registry]({ACR}) o en [Docker Hub]({HUB})."
        ),
        &format!("Push the image to [Azure Container Registry]({ACR}) or [Docker Hub]({HUB})."),
    );
    clean(
        "Las imágenes base de Alpine son más pequeñas que las de Debian.",
        "Alpine base images are smaller than Debian ones.",
    );
}

#[test]
fn correct_japanese() {
    clean(
        "Dockerfile を使用して、ASP.NET Core アプリの Docker イメージをビルドします。",
        "Build Docker images for ASP.NET Core apps with a Dockerfile.",
    );
    clean(
        "Alpineベースのイメージは、Debian のイメージより小さくなります。",
        "Alpine base images are smaller than Debian ones.",
    );
    clean(
        &format!("イメージを [Azure Container Registry]({ACR}) または [Docker Hub]({HUB}) にプッシュします。"),
        &format!("Push the image to [Azure Container Registry]({ACR}) or [Docker Hub]({HUB})."),
    );
    clean(
        "`docker build` コマンドで Kubernetes 用のイメージを作ります。",
        "Use the `docker build` command to build images for Kubernetes.",
    );
    // The name kept, other katakana words around it.
    clean(
        "Alpine のパッケージ管理では、一部のライブラリを利用できません。",
        "Some libraries are not available in Alpine's package management.",
    );
    clean(
        "Kubernetes のクラスターにデプロイします。",
        "Deploy to a Kubernetes cluster.",
    );
}

#[test]
fn name_gone_altogether() {
    // Translated, or written in Chinese characters: no trace of the name.
    let f = one(
        "Use o comando no diretório que contém o arquivo do Docker.",
        "Use the command from the directory containing the Dockerfile.",
        &["\"Dockerfile\" of the source is not in the translation"],
    );
    assert_eq!(f.column, 25, "at the segment's start");
    one(
        "阿尔卑斯的包管理器中可能没有某些软件包或库。",
        "Some packages might not be available in Alpine's package management.",
        &["\"Alpine\" of the source is not in the translation"],
    );
    // Kept in a code span (another rule's), next to a link, or inflected
    // (another finding).
    let f = names(
        "Le fichier `Dockerfile` définit l’image.",
        "The Dockerfile defines the image.",
    );
    assert!(f.is_empty(), "{f:#?}");
    clean(
        &format!("Lancez [l’image de Docker]({HUB})."),
        &format!("Run [Docker's own image]({HUB})."),
    );
    one(
        "Les images alpines sont petites.",
        "Alpine images are small.",
        &["\"alpines\""],
    );
    // A link target with the name is no trace of it.
    one(
        "Voir [le registre](https://docs.docker.com/registry/).",
        "See the [Docker registry](https://docs.docker.com/registry/).",
        &["\"Docker\" of the source is not in the translation"],
    );
    // A compound gone altogether may be a UI label localized on purpose.
    let f = names(
        "Envoyez-les vers un registre de conteneurs.",
        "Push them to Azure Container Registry.",
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn not_names() {
    // The source writes it in two casings: not a name.
    let doc = [
        sxs(
            "c-1",
            "Run docker on Podman hosts.",
            "Run docker on Podman hosts.",
        ),
        sxs("c-2", "Docker and Podman.", "Docker and Podman."),
        sxs("t-1", "Lancez docker et Podman.", "Run Docker and Podman."),
    ]
    .join("\n\n");
    let f = check(&doc, None, &Config::default());
    let f: Vec<_> = f
        .iter()
        .filter(|f| f.segment.as_deref() == Some("t-1"))
        .collect();
    assert!(f.is_empty(), "{f:#?}");
    // Capitalized only once, at a sentence start, or in a code span: no name.
    let f = names(
        "Construisez une version release.",
        "Builds a Release build.",
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn configured_names() {
    let tr = "Kestrel écoute ; lancez kestrel.";
    let src = "Kestrel listens; run Kestrel.";
    assert!(names(tr, src).is_empty());
    let config = Config {
        product_names: vec!["Kestrel".into()],
        ..Config::default()
    };
    let f = findings_with(tr, src, &config);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("\"kestrel\""));
    let from_yaml: Config = serde_json::from_value(serde_json::json!({
        "product-names": ["Kestrel"],
        "source-revision": "7588136e",
    }))
    .unwrap();
    assert_eq!(from_yaml.product_names, ["Kestrel"]);
    assert_eq!(from_yaml.source_revision.as_deref(), Some("7588136e"));
}
