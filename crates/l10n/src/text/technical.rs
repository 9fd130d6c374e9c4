//! Technical tokens: image tags, versions, flags, file names, paths, URLs and
//! identifiers, which a translation must leave as they are.

/// `Alpine's` → `Alpine`.
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

const FILE_EXTENSIONS: &[&str] = &[
    "cs", "csproj", "sln", "fs", "fsproj", "vb", "vbproj", "props", "targets", "md", "json",
    "yaml", "yml", "xml", "toml", "ini", "config", "dll", "exe", "so", "proto", "txt", "sh", "ps1",
    "bat", "cmd", "py", "js", "ts", "rs", "go", "java", "rb", "php", "html", "css", "lock", "zip",
    "tar", "gz", "tgz", "png", "jpg", "svg", "pfx", "pem", "crt", "key", "env", "conf", "log",
    "csv", "sql", "nupkg", "razor", "cshtml",
];

/// PowerShell's verbs (`Get-Verb`), and the few other verbs of common
/// commands (`ForEach-Object`): the first half of a command's name.
const VERBS: &[&str] = &[
    "Add",
    "Approve",
    "Assert",
    "Backup",
    "Block",
    "Build",
    "Checkpoint",
    "Clear",
    "Close",
    "Compare",
    "Complete",
    "Compress",
    "Confirm",
    "Connect",
    "Convert",
    "ConvertFrom",
    "ConvertTo",
    "Copy",
    "Debug",
    "Deny",
    "Deploy",
    "Disable",
    "Disconnect",
    "Dismount",
    "Edit",
    "Enable",
    "Enter",
    "Exit",
    "Expand",
    "Export",
    "Find",
    "ForEach",
    "Format",
    "Get",
    "Grant",
    "Group",
    "Hide",
    "Import",
    "Initialize",
    "Install",
    "Invoke",
    "Join",
    "Limit",
    "Lock",
    "Measure",
    "Merge",
    "Mount",
    "Move",
    "New",
    "Open",
    "Optimize",
    "Out",
    "Ping",
    "Pop",
    "Protect",
    "Publish",
    "Push",
    "Read",
    "Receive",
    "Redo",
    "Register",
    "Remove",
    "Rename",
    "Repair",
    "Request",
    "Reset",
    "Resize",
    "Resolve",
    "Restart",
    "Restore",
    "Resume",
    "Revoke",
    "Save",
    "Search",
    "Select",
    "Send",
    "Set",
    "Show",
    "Skip",
    "Sort",
    "Split",
    "Start",
    "Step",
    "Stop",
    "Submit",
    "Suspend",
    "Switch",
    "Sync",
    "Tee",
    "Test",
    "Trace",
    "Unblock",
    "Undo",
    "Uninstall",
    "Unlock",
    "Unprotect",
    "Unpublish",
    "Unregister",
    "Update",
    "Use",
    "Wait",
    "Watch",
    "Where",
    "Write",
];

/// A command's name, verb and noun (`Get-Content`, `Write-Host`,
/// `New-AzResourceGroup`): typed as it is, whatever its capitals (PowerShell
/// ignores them).
pub(crate) fn is_command_name(w: &str) -> bool {
    let w = strip_possessive(w);
    let Some((verb, noun)) = w.split_once('-') else {
        return false;
    };
    // A heading may write it in capitals (`START-JOB`).
    let shouting = w.chars().all(|c| !c.is_ascii_lowercase());
    let known = if shouting {
        VERBS.iter().any(|v| v.eq_ignore_ascii_case(verb))
    } else {
        VERBS.contains(&verb)
    };
    known
        && noun.starts_with(|c: char| c.is_ascii_uppercase())
        && noun.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Units a number takes in an adjective of the prose (`24-hour`).
const UNITS: &[&str] = &[
    "bit",
    "byte",
    "hour",
    "minute",
    "second",
    "day",
    "week",
    "month",
    "year",
    "character",
    "digit",
    "part",
    "step",
    "way",
    "core",
    "column",
    "row",
    "level",
    "tier",
    "node",
    "point",
];

/// A token that must survive translation as it is: image tags, versions,
/// flags, file names, paths, URLs, identifiers, command names.
pub(crate) fn is_technical(w: &str) -> bool {
    let w = strip_possessive(w);
    if is_command_name(w) {
        return true;
    }
    let chars: Vec<char> = w.chars().collect();
    if chars.len() < 2 || !chars.iter().any(|c| c.is_alphanumeric()) {
        return false;
    }
    let lower = w.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    // Flags: -t, --tag, -p
    if let Some(rest) = w.strip_prefix("--").or_else(|| w.strip_prefix('-')) {
        return rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '=');
    }
    // A switch of Windows' tools: /reference, /out:file, /debug+
    if let Some(rest) = w.strip_prefix('/') {
        if !rest.contains('/') {
            return rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ":+-_.".contains(c));
        }
    }
    // Dot files and extensions: .dockerignore, .sln, .NET (not a relative
    // path, ./src/x.js, which is one below)
    if let Some(rest) = w.strip_prefix('.').filter(|r| !r.starts_with(['/', '.'])) {
        return rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    }
    // Windows paths: C:\PS-Test, \\Server01\Share, .\link
    if w.contains('\\') {
        let drive = chars.len() >= 3 && chars[0].is_ascii_alphabetic() && chars[1] == ':';
        return (drive || w.starts_with("\\\\") || w.starts_with(".\\"))
            && !w.contains(' ')
            && w.chars().any(|c| c.is_ascii_alphanumeric());
    }
    // A version with its "v": v6.2, v1.0.3
    if let Some(rest) = w.strip_prefix(['v', 'V']) {
        if rest.contains('.')
            && rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        {
            return true;
        }
    }
    let starts_digit = chars[0].is_ascii_digit();
    // A number with its unit, an adjective of the prose (`24-hour`, `64-bit`,
    // `3-part`), which a translation translates.
    if starts_digit {
        if let Some((n, unit)) = w.split_once('-') {
            let unit = unit.to_ascii_lowercase();
            if n.chars().all(|c| c.is_ascii_digit()) && UNITS.contains(&unit.trim_end_matches('s'))
            {
                return false;
            }
        }
    }
    if starts_digit {
        // Versions and image tags: 3.0, 19.04, 3.0-bionic, 5000:80
        let has_sep = w.contains('.') || w.contains(':') || w.contains('-');
        let ok = w
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:+_".contains(c));
        let digits_then_sep = w
            .split(|c: char| ".-:+_".contains(c))
            .next()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
        return has_sep && ok && digits_then_sep;
    }
    if w.contains('/') {
        // Paths and image names: mcr.microsoft.com/dotnet/core/sdk, src/StockData
        // and repositories: dotnet-architecture/grpc-for-wcf-developers.
        let slashes = w.matches('/').count();
        let parts_ok = w.split('/').all(|p| !p.is_empty() || slashes >= 2);
        let repo = slashes == 1
            && w.split('/').all(|p| {
                p.chars().any(|c| "-_.".contains(c) || c.is_ascii_digit())
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            });
        return !w.contains(' ')
            && parts_ok
            && (w.contains('.') || w.contains(':') || slashes >= 2 || repo);
    }
    if w.contains('_') && w.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return true; // ASPNETCORE_URLS
    }
    if w.contains('.') {
        // File names and dotted names: StockData.csproj, ASP.NET, mcr.microsoft.com
        let parts: Vec<&str> = w.split('.').collect();
        let all_words = parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        });
        if !all_words {
            return false;
        }
        let ext = parts.last().unwrap_or(&"").to_ascii_lowercase();
        return FILE_EXTENSIONS.contains(&ext.as_str())
            || parts.iter().all(|p| p.chars().count() >= 2);
    }
    // Identifiers with a capital inside: gRPC, StockData, GitHub
    let mut prev_lower = false;
    for &c in &chars {
        if c.is_uppercase() && prev_lower {
            return w.chars().all(|c| c.is_alphanumeric());
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// A technical token that a command uses as it is written: a flag, a path
/// or URL, a file name, a version or image tag, a dot file, an environment
/// variable (`-t`, `bin/Release/net5.0`, `Program.cs`, `3.0-bionic`,
/// `ASPNETCORE_URLS`). Identifiers of prose (`gRPC`, `StockData`,
/// `System.Object`) are not.
pub(crate) fn runnable(w: &str) -> bool {
    let w = strip_possessive(w);
    if !is_technical(w) {
        return false;
    }
    let lower = w.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e);
    is_command_name(w)
        || w.contains('\\')
        || (w.starts_with(['v', 'V']) && w[1..].starts_with(|c: char| c.is_ascii_digit()))
        || w.starts_with('-')
        // A dot file, not a name in capitals (`.NET`).
        || (w.starts_with('.') && w[1..].chars().any(char::is_lowercase))
        || w.contains('/')
        || w.starts_with(|c: char| c.is_ascii_digit())
        || lower.starts_with("http")
        || ext.is_some_and(|e| {
            FILE_EXTENSIONS.contains(&e) && !w.chars().all(|c| c.is_uppercase() || c == '.')
        })
        || (w.contains('_') && !w.chars().any(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_commands_use() {
        for t in [
            "-t",
            "--file",
            ".dockerignore",
            "bin/Release/net5.0",
            "3.0-bionic",
            "Program.cs",
            "https://x.org",
            "ASPNETCORE_URLS",
            "cmd.exe",
            "C:\\PS-Test",
            "\\\\Server01\\Share",
            "v6.2",
            "Get-Content",
        ] {
            assert!(runnable(t), "{t}");
        }
        for t in [
            "Windows\\",
            "a\\b",
            "very",
            "Get-content",
            "24-hour",
            "64-bit",
            "7-bit",
        ] {
            assert!(!is_technical(t), "{t}");
        }
        for t in [
            "gRPC",
            "StockData",
            "System.Security.SecureString",
            "ASP.NET",
            "Docker",
        ] {
            assert!(!runnable(t), "{t}");
        }
    }

    #[test]
    fn technical_tokens() {
        for t in [
            "3.0-bionic",
            "3.0",
            "19.04",
            "--tag",
            "-t",
            ".dockerignore",
            "StockData.csproj",
            "ASP.NET",
            "gRPC",
            "https://example.com/x",
            "mcr.microsoft.com/dotnet/core/sdk",
            "ASPNETCORE_URLS",
            "5000:80",
            ".NET",
            "dotnet-architecture/grpc-for-wcf-developers",
            "Start-Job",
            "START-JOB",
            "./src/functions/functions.js",
            "/reference",
            "/out:app.exe",
        ] {
            assert!(is_technical(t), "{t}");
        }
        for t in [
            "Linux",
            "Image",
            "self-hosted",
            "pre-installed",
            "e.g",
            "100",
            "and/or",
            "-",
            "Debian",
            "SDK",
            "tag(s",
            "Alpine's",
            "Docker",
            "START-job",
            "STEP-BY-STEP",
        ] {
            assert!(!is_technical(t), "{t}");
        }
    }
}
