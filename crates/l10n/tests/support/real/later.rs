//! Pages of other Microsoft docs labelled in the seventh session on the
//! unseen pages: NuGet pages (`blind34/`), Azure pages and F# on Azure storage (`blind35/`), ASP.NET
//! Core and Entity Framework Core (`blind36/`), the
//! Microsoft Defender pages of the Microsoft 365 docs (`blind37/`); Microsoft
//! Quantum pages (`blind38/`), Office
//! developer pages (`blind39/`), Microsoft 365 PowerShell pages
//! (`blind40/`), Visual Basic compiler pages (`blind41/`); PowerShell
//! (`blind42/`), .NET Framework (`blind43/`), SQL Server tools (`blind44/`)
//! and Windows developer pages (`blind45/`); PowerShell (`blind46/`), .NET
//! guides (`blind47/`), Azure PowerShell and Customer Key (`blind48/`), Edge
//! and IoT Core pages (`blind49/`). Titles
//! and descriptions are translated, their English not carried.

use super::reference::carried;
use super::Case;

/// Five side-by-side NuGet pages: the Package Manager Console (es, zh, ja;
/// other revisions of the English) and NuGet pack and restore as MSBuild
/// targets (ru, ko).
pub fn blind34() -> Vec<Case> {
    carried(&[
        (
            "es.package-manager-console",
            "es.package-manager-console.md",
            None,
            false,
        ),
        ("ru.msbuild-targets", "ru.msbuild-targets.md", None, false),
        (
            "zh.package-manager-console",
            "zh.package-manager-console.md",
            None,
            false,
        ),
        ("ko.msbuild-targets", "ko.msbuild-targets.md", None, false),
        (
            "ja.package-manager-console",
            "ja.package-manager-console.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages of 2017: Kubernetes monitoring (es), Cosmos DB
/// with .NET Core (ru) and a DC/OS quickstart (ko) of the Azure docs; F#
/// with Azure File (zh) and Table (ja) storage of the .NET docs.
pub fn blind35() -> Vec<Case> {
    carried(&[
        (
            "es.container-service-tutorial-kubernetes-monitor",
            "es.container-service-tutorial-kubernetes-monitor.md",
            None,
            false,
        ),
        (
            "ru.documentdb-dotnetcore-get-started",
            "ru.documentdb-dotnetcore-get-started.md",
            None,
            false,
        ),
        ("zh.file-storage", "zh.file-storage.md", None, false),
        (
            "ko.container-service-dcos-quickstart",
            "ko.container-service-dcos-quickstart.md",
            None,
            false,
        ),
        ("ja.table-storage", "ja.table-storage.md", None, false),
    ])
}

/// Five side-by-side pages: app secrets (es), HTTPS (ru) and Nginx (ja) of
/// ASP.NET Core; the EF Core `dotnet ef` (ko) and Package Manager Console
/// (zh) tools.
pub fn blind36() -> Vec<Case> {
    carried(&[
        ("es.app-secrets", "es.app-secrets.md", None, false),
        ("ru.enforcing-ssl", "ru.enforcing-ssl.md", None, false),
        ("zh.powershell", "zh.powershell.md", None, false),
        ("ko.dotnet", "ko.dotnet.md", None, false),
        ("ja.linux-nginx", "ja.linux-nginx.md", None, false),
    ])
}

/// Five side-by-side Microsoft Defender pages: on-demand scans (es), proxy
/// settings (ru), Defender Antivirus on Windows Server (zh), exclusions
/// (ko), `mpcmdrun.exe` (ja).
pub fn blind37() -> Vec<Case> {
    carried(&[
        (
            "es.run-scan-microsoft-defender-antivirus",
            "es.run-scan-microsoft-defender-antivirus.md",
            None,
            false,
        ),
        (
            "ru.configure-proxy-internet",
            "ru.configure-proxy-internet.md",
            None,
            false,
        ),
        (
            "zh.microsoft-defender-antivirus-on-windows-server",
            "zh.microsoft-defender-antivirus-on-windows-server.md",
            None,
            false,
        ),
        (
            "ko.configure-extension-file-exclusions-microsoft-defender-antivirus",
            "ko.configure-extension-file-exclusions-microsoft-defender-antivirus.md",
            None,
            false,
        ),
        (
            "ja.command-line-arguments-microsoft-defender-antivirus",
            "ja.command-line-arguments-microsoft-defender-antivirus.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side Microsoft 365 PowerShell pages: installing Teams PowerShell (es), assigning licenses (ru), managing Microsoft 365 Groups (zh), creating user accounts (ko), SharePoint Online sites (ja).
pub fn blind40() -> Vec<Case> {
    carried(&[
        (
            "es.teams-powershell-install",
            "es.teams-powershell-install.md",
            None,
            false,
        ),
        (
            "ru.assign-licenses-to-user-accounts-with-microsoft-365-powershell",
            "ru.assign-licenses-to-user-accounts-with-microsoft-365-powershell.md",
            None,
            false,
        ),
        (
            "zh.manage-microsoft-365-groups-with-powershell",
            "zh.manage-microsoft-365-groups-with-powershell.md",
            None,
            false,
        ),
        (
            "ko.create-user-accounts-with-microsoft-365-powershell",
            "ko.create-user-accounts-with-microsoft-365-powershell.md",
            None,
            false,
        ),
        (
            "ja.create-sharepoint-sites-and-add-users-with-powershell",
            "ja.create-sharepoint-sites-and-add-users-with-powershell.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side Office developer pages: Office Scripts' async APIs (es), Excel custom functions (ru), validating an add-in's manifest (zh), the Centralized Deployment cmdlets of the Microsoft 365 docs (ko), Outlook add-in activation (ja).
pub fn blind39() -> Vec<Case> {
    carried(&[
        (
            "es.excel-async-model",
            "es.excel-async-model.md",
            None,
            false,
        ),
        (
            "ru.excel-custom-functions-quickstart",
            "ru.excel-custom-functions-quickstart.md",
            None,
            false,
        ),
        (
            "zh.troubleshoot-manifest",
            "zh.troubleshoot-manifest.md",
            None,
            false,
        ),
        (
            "ko.use-the-centralized-deployment-powershell-cmdlets-to-manage-add-ins",
            "ko.use-the-centralized-deployment-powershell-cmdlets-to-manage-add-ins.md",
            None,
            false,
        ),
        (
            "ja.troubleshoot-outlook-add-in-activation",
            "ja.troubleshoot-outlook-add-in-activation.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side Visual Basic pages of the .NET docs: unsigned (es) and signed (ja) friend assemblies, invoking the command-line compiler (ru), the compiler's options by category (zh) and alphabetically (ko).
pub fn blind41() -> Vec<Case> {
    carried(&[
        (
            "es.how-to-create-unsigned-friend-assemblies",
            "es.how-to-create-unsigned-friend-assemblies.md",
            None,
            false,
        ),
        (
            "ru.how-to-invoke-the-command-line-compiler",
            "ru.how-to-invoke-the-command-line-compiler.md",
            None,
            false,
        ),
        (
            "zh.compiler-options-listed-by-category",
            "zh.compiler-options-listed-by-category.md",
            None,
            false,
        ),
        (
            "ko.compiler-options-listed-alphabetically",
            "ko.compiler-options-listed-alphabetically.md",
            None,
            false,
        ),
        (
            "ja.how-to-create-signed-friend-assemblies",
            "ja.how-to-create-signed-friend-assemblies.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side Microsoft Quantum pages: creating a Q# project (es), updating the QDK at two revisions of its English (ru, zh), testing and debugging (ko), ways to run a Q# program (ja).
pub fn blind38() -> Vec<Case> {
    carried(&[
        (
            "es.create-qsharp-project",
            "es.create-qsharp-project.md",
            None,
            false,
        ),
        ("ru.update", "ru.update.md", None, false),
        ("zh.update", "zh.update.md", None, false),
        (
            "ko.testing-and-debugging",
            "ko.testing-and-debugging.md",
            None,
            false,
        ),
        ("ja.host-programs", "ja.host-programs.md", None, false),
    ])
}

/// Five side-by-side PowerShell pages: naming help files (es, developer guide), about_Execution_Policies (ru), Select-String (zh), about_Profiles (ko), Get-ChildItem (ja); the references' and topics' titles are their names, kept.
pub fn blind42() -> Vec<Case> {
    carried(&[
        (
            "es.naming-help-files",
            "es.naming-help-files.md",
            None,
            false,
        ),
        (
            "ru.about-execution-policies",
            "ru.about-execution-policies.md",
            None,
            true,
        ),
        ("zh.select-string", "zh.select-string.md", None, true),
        ("ko.about-profiles", "ko.about-profiles.md", None, true),
        ("ja.get-childitem", "ja.get-childitem.md", None, true),
    ])
}

/// Five side-by-side .NET Framework pages: localizing a WPF application (es), high DPI in Windows Forms (ru), thread-safe calls to Windows Forms controls (zh), network tracing (ko), pack URIs in WPF (ja).
pub fn blind43() -> Vec<Case> {
    carried(&[
        (
            "es.how-to-localize-an-application",
            "es.how-to-localize-an-application.md",
            None,
            false,
        ),
        (
            "ru.high-dpi-support-in-windows-forms",
            "ru.high-dpi-support-in-windows-forms.md",
            None,
            false,
        ),
        (
            "zh.how-to-make-thread-safe-calls-to-windows-forms-controls",
            "zh.how-to-make-thread-safe-calls-to-windows-forms-controls.md",
            None,
            false,
        ),
        (
            "ko.how-to-configure-network-tracing",
            "ko.how-to-configure-network-tracing.md",
            None,
            false,
        ),
        ("ja.pack-uris-in-wpf", "ja.pack-uris-in-wpf.md", None, false),
    ])
}

/// Five side-by-side SQL Server tool pages: tablediff (es), SqlLocalDB (ru), dta (zh), osql (ko), SQLdiag (ja).
pub fn blind44() -> Vec<Case> {
    carried(&[
        (
            "es.tablediff-utility",
            "es.tablediff-utility.md",
            None,
            false,
        ),
        (
            "ru.sqllocaldb-utility",
            "ru.sqllocaldb-utility.md",
            None,
            false,
        ),
        ("zh.dta-utility", "zh.dta-utility.md", None, false),
        ("ko.osql-utility", "ko.osql-utility.md", None, false),
        ("ja.sqldiag-utility", "ja.sqldiag-utility.md", None, false),
    ])
}

/// Five side-by-side Windows developer pages: the RC command line (es), the BETest tool (ru), the Unified Write Filter (zh) and PowerShell (ko) on IoT Core, MakePri.exe options (ja).
pub fn blind45() -> Vec<Case> {
    carried(&[
        (
            "es.using-rc-the-rc-command-line-",
            "es.using-rc-the-rc-command-line-.md",
            None,
            false,
        ),
        ("ru.betest-tool", "ru.betest-tool.md", None, false),
        (
            "zh.unifiedwritefilter",
            "zh.unifiedwritefilter.md",
            None,
            false,
        ),
        ("ko.powershell", "ko.powershell.md", None, false),
        (
            "ja.makepri-exe-command-options",
            "ja.makepri-exe-command-options.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side PowerShell pages: common parameter names (es, developer guide), Get-FileHash (ru), about_Parsing (zh), about_PSModulePath (ko), about_Quoting_Rules (ja); the references' and topics' titles are their names, kept.
pub fn blind46() -> Vec<Case> {
    carried(&[
        (
            "es.common-parameter-names",
            "es.common-parameter-names.md",
            None,
            false,
        ),
        ("ru.get-filehash", "ru.get-filehash.md", None, true),
        ("zh.about-parsing", "zh.about-parsing.md", None, true),
        (
            "ko.about-psmodulepath",
            "ko.about-psmodulepath.md",
            None,
            true,
        ),
        (
            "ja.about-quoting-rules",
            "ja.about-quoting-rules.md",
            None,
            true,
        ),
    ])
}

/// Five side-by-side .NET guide pages: monitoring (es), deploying to App Service (ru) and CI/CD (ko, ja) of DevOps with ASP.NET Core and Azure; the eShop migration example of the porting book (zh).
pub fn blind47() -> Vec<Case> {
    carried(&[
        ("es.monitor", "es.monitor.md", None, false),
        (
            "ru.deploy-to-app-service",
            "ru.deploy-to-app-service.md",
            None,
            false,
        ),
        (
            "zh.example-migration-eshop",
            "zh.example-migration-eshop.md",
            None,
            false,
        ),
        ("ko.cicd", "ko.cicd.md", None, false),
        ("ja.cicd", "ja.cicd.md", None, false),
    ])
}

/// Five side-by-side pages: the Az cmdlets Set-AzVMCustomScriptExtension (ru) and Get-AzRemoteDesktopFile (ko); ACR with DC/OS (es, Azure docs); rolling a Customer Key (zh) and Customer Key (ja) of the Microsoft 365 docs.
pub fn blind48() -> Vec<Case> {
    carried(&[
        (
            "es.container-service-dcos-acr",
            "es.container-service-dcos-acr.md",
            None,
            false,
        ),
        (
            "ru.set-azvmcustomscriptextension",
            "ru.set-azvmcustomscriptextension.md",
            None,
            false,
        ),
        (
            "zh.customer-key-availability-key-roll",
            "zh.customer-key-availability-key-roll.md",
            None,
            false,
        ),
        (
            "ko.get-azremotedesktopfile",
            "ko.get-azremotedesktopfile.md",
            None,
            false,
        ),
        (
            "ja.controlling-your-data-using-customer-key",
            "ja.controlling-your-data-using-customer-key.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: Edge DevTools workspaces (es), IE mode (ru), cache data (ja), the WebView2 CoreWebView2Controller class (zh); deploying an app with Visual Studio on IoT Core (ko).
pub fn blind49() -> Vec<Case> {
    carried(&[
        ("es.workspaces", "es.workspaces.md", None, false),
        ("ru.ie-mode", "ru.ie-mode.md", None, false),
        (
            "zh.microsoft-web-webview2-core-corewebview2controller",
            "zh.microsoft-web-webview2-core-corewebview2controller.md",
            None,
            false,
        ),
        ("ko.appdeployment", "ko.appdeployment.md", None, false),
        ("ja.cache", "ja.cache.md", None, false),
    ])
}
