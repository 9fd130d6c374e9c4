//! The sets from .NET books (`blind6/` to `blind9/`) and the human
//! translations (`human/`): side-by-side pages whose titles are translated.

use super::{Case, Source};

/// Five side-by-side pages of "gRPC for WCF Developers" (not its Docker
/// page), one chapter per language; their titles are translated and their
/// English is not carried.
pub fn blind6() -> Vec<Case> {
    translated_titles(&[
        ("es.protobuf-messages", "es.protobuf-messages.md"),
        ("ru.kubernetes", "ru.kubernetes.md"),
        ("ko.protobuf-data-types", "ko.protobuf-data-types.md"),
        ("ja.self-hosted", "ja.self-hosted.md"),
        ("zh.client-libraries", "zh.client-libraries.md"),
    ])
}

/// Five side-by-side pages of the books "Blazor for ASP.NET Web Forms
/// developers" and "Dapr for .NET developers" (chapters not in `blind9/`);
/// their titles are translated and their English is not carried.
pub fn blind10() -> Vec<Case> {
    translated_titles(&[
        ("es.pages-routing-layouts", "es.pages-routing-layouts.md"),
        ("ru.state-management", "ru.state-management.md"),
        ("zh.data", "zh.data.md"),
        ("ko.service-invocation", "ko.service-invocation.md"),
        ("ja.components", "ja.components.md"),
    ])
}

/// Five side-by-side F# tooling pages of the .NET docs (the CLI, VS Code,
/// F# Interactive's and the compiler's options, compiler directives).
pub fn blind11() -> Vec<Case> {
    translated_titles(&[
        (
            "es.get-started-command-line",
            "es.get-started-command-line.md",
        ),
        ("ru.get-started-vscode", "ru.get-started-vscode.md"),
        (
            "zh.fsharp-interactive-options",
            "zh.fsharp-interactive-options.md",
        ),
        ("ko.compiler-directives", "ko.compiler-directives.md"),
        ("ja.compiler-options", "ja.compiler-options.md"),
    ])
}

/// Five side-by-side pages labelled after the rules were tuned on
/// `blind10/` and `blind11/`: Dapr for .NET developers (getting started,
/// publish/subscribe, bindings, secrets) and the cloud-native book
/// (containers and orchestrators).
pub fn blind12() -> Vec<Case> {
    translated_titles(&[
        ("es.getting-started", "es.getting-started.md"),
        ("ru.publish-subscribe", "ru.publish-subscribe.md"),
        ("zh.bindings", "zh.bindings.md"),
        (
            "ko.leverage-containers-orchestrators",
            "ko.leverage-containers-orchestrators.md",
        ),
        ("ja.secrets", "ja.secrets.md"),
    ])
}

/// Five side-by-side chapters of "Blazor for ASP.NET Web Forms developers"
/// not in `blind9/` or `blind10/` (app startup, migration, state
/// management, security, forms and validation); their titles are
/// translated and their English is not carried.
pub fn blind14() -> Vec<Case> {
    translated_titles(&[
        ("es.app-startup", "es.app-startup.md"),
        ("ru.migration", "ru.migration.md"),
        ("zh.state-management", "zh.state-management.md"),
        (
            "ko.security-authentication-authorization",
            "ko.security-authentication-authorization.md",
        ),
        ("ja.forms-validation", "ja.forms-validation.md"),
    ])
}

/// Five side-by-side pages labelled after the rules were changed on
/// `blind14/` and `blind15/`: Dapr observability and reference application,
/// gRPC service mesh, application performance management and RPC types;
/// their titles are translated and their English is not carried.
pub fn blind16() -> Vec<Case> {
    translated_titles(&[
        ("es.observability", "es.observability.md"),
        ("ru.service-mesh", "ru.service-mesh.md"),
        (
            "zh.application-performance-management",
            "zh.application-performance-management.md",
        ),
        ("ko.reference-application", "ko.reference-application.md"),
        ("ja.rpc-types", "ja.rpc-types.md"),
    ])
}

/// Four side-by-side pages (no Spanish one was found) labelled after the
/// rules were changed on `blind16/` and `blind17/`: cloud-native
/// infrastructure as code, resilient communications and deploying
/// containers, serverless orchestration patterns; their titles are
/// translated and their English is not carried.
pub fn blind18() -> Vec<Case> {
    translated_titles(&[
        ("ru.infrastructure-as-code", "ru.infrastructure-as-code.md"),
        (
            "zh.resilient-communications",
            "zh.resilient-communications.md",
        ),
        ("ko.orchestration-patterns", "ko.orchestration-patterns.md"),
        (
            "ja.deploy-containers-azure",
            "ja.deploy-containers-azure.md",
        ),
    ])
}

/// Five side-by-side pages labelled after the rules were changed on
/// `blind18/` and `blind19/`: gRPC protobuf-reserved, cloud-native
/// centralized configuration, gRPC, logging with the Elastic Stack and Azure
/// Monitor; their titles are translated or a name, their English not
/// carried.
pub fn blind20() -> Vec<Case> {
    translated_titles(&[
        ("es.protobuf-reserved", "es.protobuf-reserved.md"),
        (
            "ru.centralized-configuration",
            "ru.centralized-configuration.md",
        ),
        ("zh.grpc", "zh.grpc.md"),
        (
            "ko.logging-with-elastic-stack",
            "ko.logging-with-elastic-stack.md",
        ),
        ("ja.azure-monitor", "ja.azure-monitor.md"),
    ])
}

/// Human translations (`ms.translationtype: HT`), side by side, checked
/// against the English they carry: what is reported there is mostly false
/// alarms.
pub fn human() -> Vec<Case> {
    translated_titles(&[
        ("es.docker-app-workflow", "es.docker-app-workflow.md"),
        ("ru.building-images", "ru.building-images.md"),
        ("zh.docker-app-workflow", "zh.docker-app-workflow.md"),
        ("zh.build-container", "zh.build-container.md"),
        ("ko.docker-introduction", "ko.docker-introduction.md"),
        ("ja.building-images", "ja.building-images.md"),
    ])
}

/// Six side-by-side pages of "gRPC for WCF Developers", chapters other than
/// `blind6/`'s, one a language the rules were never run on (German); their
/// titles are translated and their English is not carried.
pub fn blind7() -> Vec<Case> {
    translated_titles(&[
        ("es.call-credentials", "es.call-credentials.md"),
        ("ru.channel-credentials", "ru.channel-credentials.md"),
        ("zh.channel-credentials", "zh.channel-credentials.md"),
        ("ko.create-project", "ko.create-project.md"),
        ("ja.migrate-request-reply", "ja.migrate-request-reply.md"),
        ("de.error-handling", "de.error-handling.md"),
    ])
}

/// Six side-by-side pages of "gRPC for WCF Developers", chapters other than
/// `blind6/`'s and `blind7/`'s, chosen for their code spans; their titles
/// are translated (the Spanish one partly) and their English is not carried.
pub fn blind8() -> Vec<Case> {
    translated_titles(&[
        ("es.protobuf-any-oneof", "es.protobuf-any-oneof.md"),
        ("fr.protobuf-enums", "fr.protobuf-enums.md"),
        ("zh.protobuf-enums", "zh.protobuf-enums.md"),
        ("ko.protobuf-maps", "ko.protobuf-maps.md"),
        (
            "ja.wcf-endpoints-grpc-methods",
            "ja.wcf-endpoints-grpc-methods.md",
        ),
        (
            "ru.migrate-duplex-services",
            "ru.migrate-duplex-services.md",
        ),
    ])
}

/// Five side-by-side pages of other .NET architecture books (Blazor for Web
/// Forms developers, cloud-native, serverless); their titles are translated
/// and their English is not carried.
pub fn blind9() -> Vec<Case> {
    translated_titles(&[
        ("es.project-structure", "es.project-structure.md"),
        ("ru.identity-server", "ru.identity-server.md"),
        ("zh.config", "zh.config.md"),
        ("ko.feature-flags", "ko.feature-flags.md"),
        (
            "ja.durable-azure-functions",
            "ja.durable-azure-functions.md",
        ),
    ])
}

/// Side-by-side pages whose titles are translated and whose English is not
/// carried: each checked against the English its segments carry.
fn translated_titles(cases: &[(&'static str, &'static str)]) -> Vec<Case> {
    cases
        .iter()
        .map(|&(name, page)| Case {
            name,
            page,
            source: Source::Carried {
                description: None,
                title: false,
            },
        })
        .collect()
}
