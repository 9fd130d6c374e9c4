//! Pages of still other Microsoft docs labelled in the eighth session on
//! the unseen pages: Microsoft Search connectors (`blind50/`), MDOP
//! (`blind51/`), Azure CLI quickstarts, Xamarin and BizTalk (`blind52/`),
//! SQL Server, Teams developer and Microsoft Graph pages (`blind53/`); then
//! WSL (`blind54/`), Azure and HoloLens (`blind55/`), Skype for Business
//! Server (`blind56/`), WMI, ADO and Mixed Reality pages (`blind57/`).
//! Titles and descriptions are translated, their English not carried,
//! but for the Japanese Developer Preview page and the Spanish MOFCOMP
//! page, whose titles are kept.

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
