//! Pages of still other Microsoft docs labelled in the eighth session on
//! the unseen pages: Microsoft Search connectors (`blind50/`), MDOP
//! (`blind51/`), Azure CLI quickstarts, Xamarin and BizTalk (`blind52/`),
//! SQL Server, Teams developer and Microsoft Graph pages (`blind53/`); then
//! WSL (`blind54/`), Azure and HoloLens (`blind55/`), Skype for Business
//! Server (`blind56/`), WMI, ADO and Mixed Reality pages (`blind57/`); then
//! Win32 and ASP.NET deployment (`blind58/`), Exchange, Office client and
//! ASP.NET Web API (`blind59/`), Azure and Exchange (`blind60/`), Surface
//! IT pro pages (`blind61/`); then Azure, Lync and Skype for Business
//! Online (`blind62/`), ASP.NET 4.x (`blind63/`), SQL Server 2014
//! (`blind64/`), Microsoft 365 compliance and Exchange Online (`blind65/`).
//! Titles and descriptions are translated, their English not carried,
//! but for the pages whose titles are kept (a tool's or an interface's
//! name: Developer Preview, MOFCOMP, Schtasks.exe, IMsgStoreAdvise,
//! Analysis Services PowerShell).

use super::reference::carried;
use super::Case;

/// Five side-by-side pages: Microsoft Search Graph connectors (es file share, ru enterprise websites, zh Oracle SQL, ja ServiceNow); Teams call quality dashboard data and reports (ko).
pub fn blind50() -> Vec<Case> {
    carried(&[
        (
            "es.fileshare-connector",
            "es.fileshare-connector.md",
            None,
            false,
        ),
        (
            "ja.servicenow-connector",
            "ja.servicenow-connector.md",
            None,
            false,
        ),
        (
            "ko.cqd-data-and-reports",
            "ko.cqd-data-and-reports.md",
            None,
            false,
        ),
        (
            "ru.enterprise-web-connector",
            "ru.enterprise-web-connector.md",
            None,
            false,
        ),
        (
            "zh.oraclesql-connector",
            "zh.oraclesql-connector.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: MDOP pages (Windows IT pro): UE-V 1.0 settings location templates (es) and agent (ko) with PowerShell and WMI, App-V 5.1 cmdlets help (ru) and packages (ja), the DaRT 8.0 recovery image (zh).
pub fn blind51() -> Vec<Case> {
    carried(&[
        ("es.managing-ue-v-10-settings-location-templates-using-powershell-and-wmi", "es.managing-ue-v-10-settings-location-templates-using-powershell-and-wmi.md", None, false),
        ("ja.how-to-manage-app-v-51-packages-running-on-a-stand-alone-computer-by-using-powershell", "ja.how-to-manage-app-v-51-packages-running-on-a-stand-alone-computer-by-using-powershell.md", None, false),
        ("ko.managing-the-ue-v-10-agent-and-packages-with-powershell-and-wmi", "ko.managing-the-ue-v-10-agent-and-packages-with-powershell-and-wmi.md", None, false),
        ("ru.how-to-load-the-powershell-cmdlets-and-get-cmdlet-help-51", "ru.how-to-load-the-powershell-cmdlets-and-get-cmdlet-help-51.md", None, false),
        ("zh.creating-the-dart-80-recovery-image-dart-8", "zh.creating-the-dart-80-recovery-image-dart-8.md", None, false),
    ])
}

/// Five side-by-side pages: Azure quickstarts with Azure CLI (es Docker CE swarm cluster, ru MySQL server), Xamarin.iOS Mobile Apps (ko); BizTalk Server with Visual Studio Team Services (zh, ja).
pub fn blind52() -> Vec<Case> {
    carried(&[
        (
            "es.container-service-swarm-mode-walkthrough",
            "es.container-service-swarm-mode-walkthrough.md",
            None,
            false,
        ),
        (
            "ja.feature-pack-add-application-project",
            "ja.feature-pack-add-application-project.md",
            None,
            false,
        ),
        (
            "ko.app-service-mobile-xamarin-ios-get-started",
            "ko.app-service-mobile-xamarin-ios-get-started.md",
            None,
            false,
        ),
        (
            "ru.quickstart-create-mysql-server-database-using-azure-cli",
            "ru.quickstart-create-mysql-server-database-using-azure-cli.md",
            None,
            false,
        ),
        (
            "zh.configure-visual-studio-team-services-to-deploy-biztalk-solutions-or-projects",
            "zh.configure-visual-studio-team-services-to-deploy-biztalk-solutions-or-projects.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: SQL Server 2014: a database mirroring endpoint (es), a stored procedure's dependencies (ko); Teams developer pages (ru content page, ja Developer Preview); Microsoft Graph signIns (zh).
pub fn blind53() -> Vec<Case> {
    carried(&[
        (
            "es.create-a-database-mirroring-endpoint-for-windows-authentication-transact-sql",
            "es.create-a-database-mirroring-endpoint-for-windows-authentication-transact-sql.md",
            None,
            false,
        ),
        (
            "ja.developer-preview-intro",
            "ja.developer-preview-intro.md",
            None,
            true,
        ),
        (
            "ko.view-the-dependencies-of-a-stored-procedure",
            "ko.view-the-dependencies-of-a-stored-procedure.md",
            None,
            false,
        ),
        ("ru.content-page", "ru.content-page.md", None, false),
        ("zh.signin-list", "zh.signin-list.md", None, false),
    ])
}

/// Five side-by-side pages: Windows Subsystem for Linux: databases (es), mounting a disk (ru, ja, two revisions of the English), interoperability (zh), configuration (ko).
pub fn blind54() -> Vec<Case> {
    carried(&[
        ("es.wsl-database", "es.wsl-database.md", None, false),
        ("ja.wsl2-mount-disk", "ja.wsl2-mount-disk.md", None, false),
        ("ko.wsl-config", "ko.wsl-config.md", None, false),
        ("ru.wsl2-mount-disk", "ru.wsl2-mount-disk.md", None, false),
        ("zh.interop", "zh.interop.md", None, false),
    ])
}

/// Five side-by-side pages: Azure Functions run locally (es), IoT Hub file upload with the Azure CLI (ru), AzCopy (ko), MongoDB on Azure Stack Hub (zh); HoloLens known issues (ja).
pub fn blind55() -> Vec<Case> {
    carried(&[
        (
            "es.functions-run-local",
            "es.functions-run-local.md",
            None,
            false,
        ),
        (
            "ja.hololens-known-issues",
            "ja.hololens-known-issues.md",
            None,
            false,
        ),
        (
            "ko.storage-use-azcopy",
            "ko.storage-use-azcopy.md",
            None,
            false,
        ),
        (
            "ru.iot-hub-configure-file-upload-cli",
            "ru.iot-hub-configure-file-upload-cli.md",
            None,
            false,
        ),
        (
            "zh.solution-deployment-guide-mongodb-ha",
            "zh.solution-deployment-guide-mongodb-ha.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: Skype for Business Server administration: Outlook Web App (es), dial-in access numbers (ru), watcher node test users (zh), the Central Management Server (ko), the Address Book (ja).
pub fn blind56() -> Vec<Case> {
    carried(&[
        ("es.outlook-web-app", "es.outlook-web-app.md", None, false),
        (
            "ja.migrate-address-book",
            "ja.migrate-address-book.md",
            None,
            false,
        ),
        (
            "ko.move-the-legacy-central-management-server",
            "ko.move-the-legacy-central-management-server.md",
            None,
            false,
        ),
        (
            "ru.migrate-dial-in-access-numbers",
            "ru.migrate-dial-in-access-numbers.md",
            None,
            false,
        ),
        (
            "zh.test-users-and-settings",
            "zh.test-users-and-settings.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: the WMI compiler mofcomp (es), ADO with Visual Basic (ru), Mixed Reality holographic remoting (zh), a Unity solution (ko), a holographic DirectX project (ja).
pub fn blind57() -> Vec<Case> {
    carried(&[
        ("es.mofcomp", "es.mofcomp.md", None, true),
        (
            "ja.creating-a-holographic-directx-project",
            "ja.creating-a-holographic-directx-project.md",
            None,
            false,
        ),
        (
            "ko.exporting-and-building-a-unity-visual-studio-solution",
            "ko.exporting-and-building-a-unity-visual-studio-solution.md",
            None,
            false,
        ),
        (
            "ru.using-ado-with-microsoft-visual-basic",
            "ru.using-ado-with-microsoft-visual-basic.md",
            None,
            false,
        ),
        (
            "zh.add-holographic-remoting",
            "zh.add-holographic-remoting.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: schtasks (es) and WinRM URI prefixes (ru) of the Win32 docs; ASP.NET Web Forms deployment: web packages deployed (zh), a what-if deployment (ko), web packages installed by hand (ja).
pub fn blind58() -> Vec<Case> {
    carried(&[
        ("es.schtasks", "es.schtasks.md", None, true),
        (
            "ja.manually-installing-web-packages",
            "ja.manually-installing-web-packages.md",
            None,
            false,
        ),
        (
            "ko.performing-a-what-if-deployment",
            "ko.performing-a-what-if-deployment.md",
            None,
            false,
        ),
        ("ru.uri-prefixes", "ru.uri-prefixes.md", None, false),
        (
            "zh.deploying-web-packages",
            "zh.deploying-web-packages.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: Exchange: access to EWS (es); Visio cell references (ru), Project WCF code samples (zh), Outlook MAPI IMsgStore::Advise (ja); ASP.NET Web API HTTP cookies (ko).
pub fn blind59() -> Vec<Case> {
    carried(&[
        (
            "es.how-to-control-access-to-ews-in-exchange",
            "es.how-to-control-access-to-ews-in-exchange.md",
            None,
            false,
        ),
        ("ja.imsgstore-advise", "ja.imsgstore-advise.md", None, true),
        ("ko.http-cookies", "ko.http-cookies.md", None, false),
        (
            "ru.about-cell-references",
            "ru.about-cell-references.md",
            None,
            false,
        ),
        (
            "zh.prerequisites-for-wcf-based-code-samples-in-project",
            "zh.prerequisites-for-wcf-based-code-samples-in-project.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: Azure Batch with the Azure CLI (es), expanding Linux VM disks (ru), Service Fabric Docker Compose (ko); Exchange Management Shell namespaces (zh) and mail users (ja).
pub fn blind60() -> Vec<Case> {
    carried(&[
        (
            "es.batch-cli-get-started",
            "es.batch-cli-get-started.md",
            None,
            false,
        ),
        (
            "ja.how-to-get-a-list-of-mail-users-by-using-the-exchange-management-shell",
            "ja.how-to-get-a-list-of-mail-users-by-using-the-exchange-management-shell.md",
            None,
            false,
        ),
        (
            "ko.service-fabric-docker-compose",
            "ko.service-fabric-docker-compose.md",
            None,
            false,
        ),
        ("ru.expand-disks", "ru.expand-disks.md", None, false),
        (
            "zh.exchange-management-shell-namespaces",
            "zh.exchange-management-shell-namespaces.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: Surface IT pro pages: the Surface Dock firmware update (es), the battery limit (ru), the diagnostic toolkit command line (zh), system SKUs (ko), Enterprise Management Mode (ja).
pub fn blind61() -> Vec<Case> {
    carried(&[
        (
            "es.surface-dock-firmware-update",
            "es.surface-dock-firmware-update.md",
            None,
            false,
        ),
        (
            "ja.surface-enterprise-management-mode",
            "ja.surface-enterprise-management-mode.md",
            None,
            false,
        ),
        (
            "ko.surface-system-sku-reference",
            "ko.surface-system-sku-reference.md",
            None,
            false,
        ),
        ("ru.battery-limit", "ru.battery-limit.md", None, false),
        (
            "zh.surface-diagnostic-toolkit-command-line",
            "zh.surface-diagnostic-toolkit-command-line.md",
            None,
            false,
        ),
    ])
}

/// Five side-by-side pages: Azure Redis Cache with PowerShell (es) and from .NET (ru), Data Factory copying from Blob storage (ko); Lync Server 2013 unified messaging (zh) and Skype for Business Online PowerShell (ja).
pub fn blind62() -> Vec<Case> {
    carried(&[
        ("es.cache-howto-manage-redis-cache-powershell", "es.cache-howto-manage-redis-cache-powershell.md", None, false),
        ("ja.windows-powershell-cmdlets-parameters-and-parameter-values-in-skype-for-business-online", "ja.windows-powershell-cmdlets-parameters-and-parameter-values-in-skype-for-business-online.md", None, false),
        ("ko.data-factory-copy-data-from-azure-blob-storage-to-sql-database", "ko.data-factory-copy-data-from-azure-blob-storage-to-sql-database.md", None, false),
        ("ru.cache-dotnet-how-to-use-azure-redis-cache", "ru.cache-dotnet-how-to-use-azure-redis-cache.md", None, false),
        ("zh.lync-server-2013-configure-unified-messaging-on-microsoft-exchange", "zh.lync-server-2013-configure-unified-messaging-on-microsoft-exchange.md", None, false),
    ])
}

/// Five side-by-side pages: ASP.NET 4.x: Web Forms model binding (es), SignalR with Redis (ru), Web Pages forms (zh), Identity primary keys (ko), MVC views (ja).
pub fn blind63() -> Vec<Case> {
    carried(&[
        (
            "es.sorting-paging-and-filtering-data",
            "es.sorting-paging-and-filtering-data.md",
            None,
            false,
        ),
        (
            "ja.getting-started-with-mvc-part3",
            "ja.getting-started-with-mvc-part3.md",
            None,
            false,
        ),
        (
            "ko.change-primary-key-for-users-in-aspnet-identity",
            "ko.change-primary-key-for-users-in-aspnet-identity.md",
            None,
            false,
        ),
        (
            "ru.scaleout-with-redis",
            "ru.scaleout-with-redis.md",
            None,
            false,
        ),
        ("zh.entering-data", "zh.entering-data.md", None, false),
    ])
}

/// Five side-by-side pages: SQL Server 2014: RS.exe (es), sqlps (ru), dtexec (zh), PowerShell backups to Azure Blob storage (ko), Analysis Services PowerShell (ja).
pub fn blind64() -> Vec<Case> {
    carried(&[
        (
            "es.rs-exe-utility-ssrs",
            "es.rs-exe-utility-ssrs.md",
            None,
            false,
        ),
        (
            "ja.analysis-services-powershell",
            "ja.analysis-services-powershell.md",
            None,
            true,
        ),
        (
            "ko.use-powershell-to-backup-multiple-databases-to-azure-blob-storage-service",
            "ko.use-powershell-to-backup-multiple-databases-to-azure-blob-storage-service.md",
            None,
            false,
        ),
        ("ru.sqlps-utility", "ru.sqlps-utility.md", None, false),
        ("zh.dtexec-utility", "zh.dtexec-utility.md", None, false),
    ])
}

/// Five side-by-side pages: Microsoft 365 and Office 365: Exchange Online Multi-Geo (es), legacy eDiscovery (ru), content searches (zh), inactive mailboxes (ko), searching and deleting messages (ja).
pub fn blind65() -> Vec<Case> {
    carried(&[
        (
            "es.multi-geo-capabilities-in-exchange-online",
            "es.multi-geo-capabilities-in-exchange-online.md",
            None,
            false,
        ),
        (
            "ja.search-for-and-delete-messages-in-your-organization",
            "ja.search-for-and-delete-messages-in-your-organization.md",
            None,
            false,
        ),
        (
            "ko.change-the-hold-duration-for-an-inactive-mailbox",
            "ko.change-the-hold-duration-for-an-inactive-mailbox.md",
            None,
            false,
        ),
        (
            "ru.migrate-legacy-ediscovery-searches-and-holds",
            "ru.migrate-legacy-ediscovery-searches-and-holds.md",
            None,
            false,
        ),
        (
            "zh.create-report-on-and-delete-multiple-content-searches",
            "zh.create-report-on-and-delete-multiple-content-searches.md",
            None,
            false,
        ),
    ])
}
