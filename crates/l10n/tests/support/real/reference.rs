//! Reference pages labelled after the rules were tuned on the .NET books:
//! PowerShell (`blind13/`, `blind15/`) and F# (`blind15/`) pages. A cmdlet
//! reference page's title is the cmdlet's name; the others' are translated.

use super::{Case, Source};

/// Cases checked against the English they carry: (name, page, the English
/// of the front matter's description where the page carries it elsewhere,
/// whether its title is kept: a cmdlet's name, not a translation).
pub(super) type Carried = (&'static str, &'static str, Option<&'static str>, bool);

pub(super) fn carried(cases: &[Carried]) -> Vec<Case> {
    cases
        .iter()
        .map(|&(name, page, description, title)| Case {
            name,
            page,
            source: Source::Carried { description, title },
        })
        .collect()
}

/// Five side-by-side PowerShell pages, one per language: a developer guide
/// page in Spanish (its title translated), about_Redirection in Russian (its
/// description the short description's English), and the Sort-Object,
/// Move-Item and Where-Object references in Chinese, Korean and Japanese.
pub fn blind13() -> Vec<Case> {
    carried(&[
        (
            "es.adding-parameter-sets",
            "es.adding-parameter-sets.md",
            None,
            false,
        ),
        (
            "ru.redirection",
            "ru.redirection.md",
            Some("Explains how to redirect output from PowerShell to text files."),
            true,
        ),
        ("zh.sort-object", "zh.sort-object.md", None, true),
        ("ko.move-item", "ko.move-item.md", None, true),
        ("ja.where-object", "ja.where-object.md", None, true),
    ])
}

/// Five side-by-side pages: the PowerShell developer guide page on a cmdlet
/// that modifies the system in Spanish, F# computation expressions in
/// Russian and strings in Japanese (their titles and descriptions
/// translated, their English not carried), and the Select-Object and
/// Start-Process references in Chinese and Korean.
pub fn blind15() -> Vec<Case> {
    carried(&[
        ("es.modifies-system", "es.modifies-system.md", None, false),
        (
            "ru.computation-expressions",
            "ru.computation-expressions.md",
            None,
            false,
        ),
        ("zh.select-object", "zh.select-object.md", None, true),
        ("ko.start-process", "ko.start-process.md", None, true),
        ("ja.strings", "ja.strings.md", None, false),
    ])
}

/// Five side-by-side pages: F# lists in Spanish and pattern matching in
/// Japanese (titles and descriptions translated, their English not carried),
/// the Measure-Object and Set-Content references in Russian and Korean, and
/// about_If in Chinese (its description the short description's English).
pub fn blind17() -> Vec<Case> {
    carried(&[
        ("es.lists", "es.lists.md", None, false),
        ("ru.measure-object", "ru.measure-object.md", None, true),
        ("zh.about-if", "zh.about-if.md", Some("Describes a language command you can use to run statement lists based on the results of one or more conditional tests."), true),
        ("ko.set-content", "ko.set-content.md", None, true),
        ("ja.pattern-matching", "ja.pattern-matching.md", None, false),
    ])
}

/// Five side-by-side pages labelled after the rules were changed on
/// `blind16/` and `blind17/`: F# records, modules and options in Spanish,
/// Korean and Japanese (titles and descriptions translated, their English
/// not carried), the Stop-Process reference in Russian, about_Foreach in
/// Chinese (its description the short description's English).
pub fn blind19() -> Vec<Case> {
    carried(&[
        ("es.records", "es.records.md", None, false),
        ("ru.stop-process", "ru.stop-process.md", None, true),
        ("zh.about-foreach", "zh.about-foreach.md", Some("Describes a language command you can use to traverse all the items in a collection of items."), true),
        ("ko.modules", "ko.modules.md", None, false),
        ("ja.options", "ja.options.md", None, false),
    ])
}

/// Five side-by-side pages labelled after the rules were changed on
/// `blind18/` and `blind19/`: F# arrays, for...in loops and tuples in
/// Spanish, Chinese and Korean (titles and descriptions translated, their
/// English not carried), the Get-Date and Out-File references in Russian
/// and Japanese.
pub fn blind21() -> Vec<Case> {
    carried(&[
        ("es.arrays", "es.arrays.md", None, false),
        ("ru.get-date", "ru.get-date.md", None, true),
        (
            "zh.loops-for-in-expression",
            "zh.loops-for-in-expression.md",
            None,
            false,
        ),
        ("ko.tuples", "ko.tuples.md", None, false),
        ("ja.out-file", "ja.out-file.md", None, true),
    ])
}

/// Five side-by-side WCF pages of the .NET Framework docs, labelled after
/// the rules were changed on `blind20/` and `blind21/`: the getting-started
/// tutorial's chapters in Spanish, Korean and Japanese, and two feature
/// pages (an SSL port, HTTP and HTTPS) in Russian and Chinese; their titles
/// translated, no description.
pub fn blind22() -> Vec<Case> {
    carried(&[
        (
            "es.how-to-use-a-wcf-client",
            "es.how-to-use-a-wcf-client.md",
            None,
            false,
        ),
        (
            "ru.how-to-configure-a-port-with-an-ssl-certificate",
            "ru.how-to-configure-a-port-with-an-ssl-certificate.md",
            None,
            false,
        ),
        (
            "zh.configuring-http-and-https",
            "zh.configuring-http-and-https.md",
            None,
            false,
        ),
        (
            "ko.how-to-create-a-wcf-client",
            "ko.how-to-create-a-wcf-client.md",
            None,
            false,
        ),
        (
            "ja.how-to-define-a-wcf-service-contract",
            "ja.how-to-define-a-wcf-service-contract.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages of the SQL Server 2014 documentation on the
/// `sqlcmd` utility, one per language, labelled after the rules were
/// changed on `blind20/` and `blind21/`: its titles translated, no
/// description.
pub fn blind23() -> Vec<Case> {
    carried(&[
        (
            "es.sqlcmd-use-with-scripting-variables",
            "es.sqlcmd-use-with-scripting-variables.md",
            None,
            false,
        ),
        ("ru.sqlcmd-utility", "ru.sqlcmd-utility.md", None, false),
        (
            "zh.edit-sqlcmd-scripts-with-query-editor",
            "zh.edit-sqlcmd-scripts-with-query-editor.md",
            None,
            false,
        ),
        (
            "ko.sqlcmd-use-the-utility",
            "ko.sqlcmd-use-the-utility.md",
            None,
            false,
        ),
        (
            "ja.sqlcmd-start-the-utility",
            "ja.sqlcmd-start-the-utility.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages of the SQL Server 2014 documentation other than
/// `sqlcmd`'s (its PowerShell provider, `bcp`), labelled after the rules
/// were changed on `blind22/` and `blind23/`: titles translated, no
/// description.
pub fn blind24() -> Vec<Case> {
    carried(&[
        (
            "es.navigate-sql-server-powershell-paths",
            "es.navigate-sql-server-powershell-paths.md",
            None,
            false,
        ),
        (
            "ru.encode-and-decode-sql-server-identifiers",
            "ru.encode-and-decode-sql-server-identifiers.md",
            None,
            false,
        ),
        ("zh.bcp-utility", "zh.bcp-utility.md", None, false),
        (
            "ko.specify-field-and-row-terminators-sql-server",
            "ko.specify-field-and-row-terminators-sql-server.md",
            None,
            false,
        ),
        (
            "ja.import-the-sqlps-module",
            "ja.import-the-sqlps-module.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages of Windows, Azure and Edge docs, labelled after
/// the rules were changed on `blind24/`: MakeAppx.exe (Win32) in Spanish,
/// two Azure PowerShell cmdlet references in Russian and Korean, the Edge
/// WebView reference in Chinese and C++/WinRT concurrency (UWP) in
/// Japanese.
pub fn blind25() -> Vec<Case> {
    carried(&[
        (
            "es.make-appx-package--makeappx-exe-",
            "es.make-appx-package--makeappx-exe-.md",
            None,
            false,
        ),
        (
            "ru.new-azservicebusqueue",
            "ru.new-azservicebusqueue.md",
            None,
            true,
        ),
        ("zh.webview", "zh.webview.md", None, false),
        (
            "ko.backup-azkeyvaultmanagedstorageaccount",
            "ko.backup-azkeyvaultmanagedstorageaccount.md",
            None,
            true,
        ),
        ("ja.concurrency", "ja.concurrency.md", None, false),
    ])
}

/// Five side-by-side Windows developer pages, labelled after the rules were
/// changed on `blind24/` and `blind25/`: signing a package with SignTool
/// (Win32) in Spanish, a package signing certificate (Win32) in Russian,
/// ManifoldJS (Edge) in Chinese, IoT Core's command-line utilities in
/// Korean, automated UWP builds in Japanese; titles translated.
pub fn blind26() -> Vec<Case> {
    carried(&[
        (
            "es.how-to-sign-a-package-using-signtool",
            "es.how-to-sign-a-package-using-signtool.md",
            None,
            false,
        ),
        (
            "ru.how-to-create-a-package-signing-certificate",
            "ru.how-to-create-a-package-signing-certificate.md",
            None,
            false,
        ),
        (
            "zh.using-manifoldjs-to-package-extensions",
            "zh.using-manifoldjs-to-package-extensions.md",
            None,
            false,
        ),
        ("ko.commandlineutils", "ko.commandlineutils.md", None, false),
        (
            "ja.auto-build-package-uwp-apps",
            "ja.auto-build-package-uwp-apps.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side reference pages, labelled with `blind26/`: the .NET
/// Framework profiling API in Spanish (ICorProfilerInfo2::DoStackSnapshot),
/// Chinese (COR_PRF_MONITOR) and Japanese (COR_PRF_HIGH_MONITOR), and the
/// Azure PowerShell cmdlets New-AzStorageAccount in Russian and
/// New-AzRoleAssignment in Korean.
pub fn blind27() -> Vec<Case> {
    carried(&[
        (
            "es.icorprofilerinfo2-dostacksnapshot-method",
            "es.icorprofilerinfo2-dostacksnapshot-method.md",
            None,
            false,
        ),
        (
            "ru.new-azstorageaccount",
            "ru.new-azstorageaccount.md",
            None,
            true,
        ),
        (
            "zh.cor-prf-monitor-enumeration",
            "zh.cor-prf-monitor-enumeration.md",
            None,
            false,
        ),
        (
            "ko.new-azroleassignment",
            "ko.new-azroleassignment.md",
            None,
            true,
        ),
        (
            "ja.cor-prf-high-monitor-enumeration",
            "ja.cor-prf-high-monitor-enumeration.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side SQL Server 2014 pages of other areas than `blind23/`'s
/// and `blind24/`'s, labelled while the rules were changed on `blind26/`
/// and `blind27/`: Integration Services in Spanish, security in Japanese,
/// engine configuration in Korean, Reporting Services in Russian,
/// replication in Chinese; titles translated.
pub fn blind29() -> Vec<Case> {
    carried(&[
        (
            "es.adding-connections-programmatically",
            "es.adding-connections-programmatically.md",
            None,
            false,
        ),
        (
            "ru.report-builder-functions-lookupset-function",
            "ru.report-builder-functions-lookupset-function.md",
            None,
            false,
        ),
        (
            "zh.delete-a-push-subscription",
            "zh.delete-a-push-subscription.md",
            None,
            false,
        ),
        (
            "ko.configure-the-remote-access-server-configuration-option",
            "ko.configure-the-remote-access-server-configuration-option.md",
            None,
            false,
        ),
        (
            "ja.principals-database-engine",
            "ja.principals-database-engine.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side .NET Framework pages, labelled while the rules were
/// changed on `blind26/` and `blind27/`: three ADO.NET pages (Spanish
/// establishing-the-connection, Chinese connection-string-syntax, Japanese
/// connection-string-builders) and two configuration file schema pages
/// (Russian `<bindingRedirect>`, Korean `<gcConcurrent>`).
pub fn blind28() -> Vec<Case> {
    carried(&[
        (
            "es.establishing-the-connection",
            "es.establishing-the-connection.md",
            None,
            false,
        ),
        (
            "ru.bindingredirect-element",
            "ru.bindingredirect-element.md",
            None,
            false,
        ),
        (
            "zh.connection-string-syntax",
            "zh.connection-string-syntax.md",
            None,
            false,
        ),
        (
            "ko.gcconcurrent-element",
            "ko.gcconcurrent-element.md",
            None,
            false,
        ),
        (
            "ja.connection-string-builders",
            "ja.connection-string-builders.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side PowerShell pages, labelled while the rules were
/// changed on `blind28/` and `blind29/`: a developer guide page on module
/// manifests in Spanish (its title translated) and four remoting about
/// topics (descriptions the short description's English): about_Remote_
/// Disconnected_Sessions in Russian, about_PSSessions in Chinese,
/// about_Remote_Jobs in Korean, about_Remote_Variables in Japanese.
pub fn blind30() -> Vec<Case> {
    carried(&[
        (
            "es.how-to-write-a-powershell-module-manifest",
            "es.how-to-write-a-powershell-module-manifest.md",
            None,
            false,
        ),
        (
            "ru.about-remote-disconnected-sessions",
            "ru.about-remote-disconnected-sessions.md",
            Some("Explains how to disconnect and reconnect to a PowerShell Session (PSSession)."),
            true,
        ),
        (
            "zh.about-pssessions",
            "zh.about-pssessions.md",
            Some("Describes PowerShell sessions (PSSessions) and explains how to establish a persistent connection to a remote computer."),
            true,
        ),
        (
            "ko.about-remote-jobs",
            "ko.about-remote-jobs.md",
            Some("Describes how to run background jobs on remote computers."),
            true,
        ),
        (
            "ja.about-remote-variables",
            "ja.about-remote-variables.md",
            Some("Explains how to use local and remote variables in remote commands."),
            true,
        ),
    ])
}

/// Five side-by-side .NET pages, labelled with `blind30/`: the Visual Basic
/// language reference (the Like operator in Japanese, the Option Strict
/// and Using statements in Korean and Chinese, the Date data type in
/// Russian) and the XML Schema Definition Tool (Xsd.exe) in Spanish;
/// titles translated.
pub fn blind31() -> Vec<Case> {
    carried(&[
        (
            "es.xml-schema-definition-tool-xsd-exe",
            "es.xml-schema-definition-tool-xsd-exe.md",
            None,
            false,
        ),
        ("ru.date-data-type", "ru.date-data-type.md", None, false),
        ("zh.using-statement", "zh.using-statement.md", None, false),
        (
            "ko.option-strict-statement",
            "ko.option-strict-statement.md",
            None,
            false,
        ),
        ("ja.like-operator", "ja.like-operator.md", None, false),
    ])
}

/// Five side-by-side PowerShell pages, labelled while the rules were
/// changed on `blind30/` and `blind31/`: a developer guide page on
/// non-terminating errors in Spanish (its title translated), and the
/// Add-Type, ConvertTo-Json, Tee-Object and Compare-Object references in
/// Russian, Chinese, Korean and Japanese.
pub fn blind32() -> Vec<Case> {
    carried(&[
        (
            "es.adding-non-terminating-error-reporting-to-your-cmdlet",
            "es.adding-non-terminating-error-reporting-to-your-cmdlet.md",
            None,
            false,
        ),
        ("ru.add-type", "ru.add-type.md", None, true),
        ("zh.convertto-json", "zh.convertto-json.md", None, true),
        ("ko.tee-object", "ko.tee-object.md", None, true),
        ("ja.compare-object", "ja.compare-object.md", None, true),
    ])
}

/// Five side-by-side Windows developer pages, labelled with `blind32/`:
/// WinHttpCertCfg.exe and WinHttpTraceCfg.exe (Win32) in Spanish and
/// Russian, the Edge DevTools console utilities in Chinese, SSH on IoT Core
/// in Korean, loose file registration (UWP) in Japanese; titles and
/// descriptions translated, their English not carried.
pub fn blind33() -> Vec<Case> {
    carried(&[
        (
            "es.winhttpcertcfg-exe--a-certificate-configuration-tool",
            "es.winhttpcertcfg-exe--a-certificate-configuration-tool.md",
            None,
            false,
        ),
        (
            "ru.winhttptracecfg-exe--a-trace-configuration-tool",
            "ru.winhttptracecfg-exe--a-trace-configuration-tool.md",
            None,
            false,
        ),
        ("zh.utilities", "zh.utilities.md", None, false),
        ("ko.ssh", "ko.ssh.md", None, false),
        (
            "ja.loose-file-registration",
            "ja.loose-file-registration.md",
            None,
            false,
        ),
    ])
}
