//! `link-labels-swapped` and `link-text-grew`: what they catch, and careful
//! translations that give nothing.

mod support;

use doccheck_l10n::{check, Config};
use support::{clean, findings, rules, sxs};

#[test]
fn footer_labels_swapped() {
    let f = findings(
        "[Suivant](self-hosted.md) [Précédent](kubernetes.md)",
        "[Previous](self-hosted.md) [Next](kubernetes.md)",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "link-labels-swapped");
    assert!(
        f[0].message.contains("\"Suivant\" → self-hosted.md"),
        "{}",
        f[0].message
    );
    assert_eq!(
        rules(
            "[Weiter](a.md)\n[Zurück](b.md)",
            "[Previous](a.md)\n[Next](b.md)"
        ),
        ["link-labels-swapped"]
    );
    clean(
        "[Précédent](self-hosted.md) [Suivant](kubernetes.md)",
        "[Previous](self-hosted.md) [Next](kubernetes.md)",
    );
    clean(
        "[Anterior](self-hosted.md) [Siguiente](kubernetes.md)",
        "[Previous](self-hosted.md) [Next](kubernetes.md)",
    );
    clean("[前へ](a.md) [次へ](b.md)", "[Previous](a.md) [Next](b.md)");
}

#[test]
fn footer_labels_of_other_languages() {
    let src = "[Previous](a.md) [Next](b.md)";
    for (prev, next) in [
        ("Precedente", "Successivo"),
        ("Anterior", "Próximo"),
        ("Vorige", "Volgende"),
        ("上一篇", "下一篇"),
        ("上一頁", "下一頁"),
        ("이전", "다음"),
        ("Назад", "Далее"),
        ("Poprzedni", "Następny"),
        ("Föregående", "Nästa"),
        ("Předchozí", "Další"),
        ("Önceki", "Sonraki"),
    ] {
        clean(&format!("[{prev}](a.md) [{next}](b.md)"), src);
        assert_eq!(
            rules(&format!("[{next}](a.md) [{prev}](b.md)"), src),
            ["link-labels-swapped"],
            "{prev} / {next}"
        );
    }
    // Words no table knows say nothing.
    clean("[Foo](b.md) [Bar](a.md)", src);
}

#[test]
fn labels_swapped_by_shared_names() {
    assert_eq!(
        rules(
            "Voir [Kubernetes avec AKS](docker.md) et [les images Docker](aks.md).",
            "See [Docker images](docker.md) and [Kubernetes on AKS](aks.md)."
        ),
        ["link-labels-swapped"]
    );
    // The links in another order, each with its own label: fine.
    clean(
        "Voir [Kubernetes avec AKS](aks.md) après [les images Docker](docker.md).",
        "See [Docker images](docker.md) and [Kubernetes on AKS](aks.md).",
    );
    clean(
        "Siehe [Docker-Images](docker.md) und [Kubernetes in AKS](aks.md).",
        "See [Docker images](docker.md) and [Kubernetes on AKS](aks.md).",
    );
}

#[test]
fn footer_over_two_segments_of_one_line() {
    let line = format!(
        "{} {}\n",
        sxs("f-1", "[Suivant](a.md)", "[Previous](a.md)"),
        sxs("f-2", "[Précédent](b.md)", "[Next](b.md)")
    );
    let f = check(&line, None, &Config::default());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "link-labels-swapped");
    assert_eq!(f[0].segment.as_deref(), Some("f-1"));
    let good = format!(
        "{} {}\n",
        sxs("f-1", "[Précédent](a.md)", "[Previous](a.md)"),
        sxs("f-2", "[Suivant](b.md)", "[Next](b.md)")
    );
    assert!(check(&good, None, &Config::default()).is_empty());
    // On two lines they are not compared.
    let two = format!(
        "{}\n\n{}\n",
        sxs("f-1", "[Suivant](a.md)", "[Previous](a.md)"),
        sxs("f-2", "[Précédent](b.md)", "[Next](b.md)")
    );
    assert!(check(&two, None, &Config::default()).is_empty());
}

#[test]
fn word_pulled_into_a_link() {
    let f = findings(
        "Envoyez l’image vers [Azure Container Registry avec Docker](acr.md).",
        "Push the image to [Azure Container Registry](acr.md) with Docker.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "link-text-grew");
    assert!(f[0].message.contains("\"Docker\""), "{}", f[0].message);
    assert_eq!(
        rules(
            "Voir [la page 5 du guide](g.md).",
            "See page 5 of [the guide](g.md)."
        ),
        ["link-text-grew"]
    );
    assert_eq!(
        rules(
            "Lancez [l’image `registry`](r.md).",
            "Run the `registry` image from [Docker Hub](r.md)."
        ),
        ["link-text-grew"]
    );
    clean(
        "Envoyez l’image vers [Azure Container Registry](acr.md) avec Docker.",
        "Push the image to [Azure Container Registry](acr.md) with Docker.",
    );
    // A name the source has both in the link and outside it.
    clean(
        "Docker exécute [le registre Docker](r.md).",
        "Docker runs [the Docker registry](r.md).",
    );
    // A longer, translated link text.
    clean(
        "Consultez [la documentation de Kubernetes](k.md) pour en savoir plus.",
        "See [the Kubernetes docs](k.md) to learn more.",
    );
    clean(
        "[Docker Hub](h) の `registry` イメージを実行します。",
        "Run the `registry` image from [Docker Hub](h).",
    );
}

#[test]
fn word_copied_into_a_link_while_kept_outside() {
    let src = "If you're using HTTPS with a custom certificate (as described in [Self-hosted gRPC applications](self-hosted.md)), you should override this.";
    let f = findings(
        "Se você estiver usando HTTPS com um certificado personalizado (conforme descrito em [Aplicativos gRPC auto-hospedados com HTTPS](self-hosted.md)), deverá substituir essa configuração.",
        src,
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "link-text-grew");
    assert!(
        f[0].message
            .contains("\"HTTPS\" is copied into the link text"),
        "{}",
        f[0].message
    );
    clean(
        "Se você estiver usando HTTPS com um certificado personalizado (conforme descrito em [Aplicativos gRPC auto-hospedados](self-hosted.md)), deverá substituir essa configuração.",
        src,
    );
    // As often in the translation as in the source: the link's own word.
    clean(
        "Voir [Docker Hub](h.md) : Docker Hub héberge les images.",
        "See [Docker Hub](h.md): Docker Hub hosts the images.",
    );
}
