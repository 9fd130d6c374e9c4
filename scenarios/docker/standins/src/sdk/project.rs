//! SDK-style project files, evaluated the way MSBuild would for what a publish needs:
//! properties, PackageReferences, and items (the SDK's default globs first, then the
//! project's Include/Update/Remove in document order).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::glob::{self, Pattern};
use super::BuildError;

const KNOWN_SDKS: [&str; 5] = [
    "Microsoft.NET.Sdk",
    "Microsoft.NET.Sdk.Web",
    "Microsoft.NET.Sdk.Razor",
    "Microsoft.NET.Sdk.Worker",
    "Microsoft.NET.Sdk.WindowsDesktop",
];

#[derive(Debug, Clone)]
pub struct Item {
    pub kind: String,
    /// Relative to the project directory, with '/' separators.
    pub path: String,
    pub metadata: HashMap<String, String>,
    /// Whether it came from the SDK's default globs.
    pub implicit: bool,
}

impl Item {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.metadata
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Whether publish copies it: CopyToPublishDirectory, else CopyToOutputDirectory.
    pub fn published(&self) -> bool {
        let mode = self
            .meta("CopyToPublishDirectory")
            .or_else(|| self.meta("CopyToOutputDirectory"));
        matches!(mode, Some(m) if m.eq_ignore_ascii_case("Always") || m.eq_ignore_ascii_case("PreserveNewest"))
    }
}

#[derive(Debug)]
pub struct Project {
    pub path: PathBuf,
    pub dir: PathBuf,
    pub sdk: String,
    pub properties: HashMap<String, String>,
    pub package_references: Vec<(String, String)>,
    pub project_references: Vec<String>,
    pub items: Vec<Item>,
}

impl Project {
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    fn flag(&self, name: &str, default: bool) -> bool {
        self.property(name)
            .map(|v| v.eq_ignore_ascii_case("true"))
            .unwrap_or(default)
    }

    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    pub fn assembly_name(&self) -> String {
        self.property("AssemblyName")
            .map(str::to_string)
            .unwrap_or_else(|| self.stem())
    }

    pub fn is_web(&self) -> bool {
        self.sdk == "Microsoft.NET.Sdk.Web" || self.sdk == "Microsoft.NET.Sdk.Razor"
    }

    pub fn items_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.kind.eq_ignore_ascii_case(kind))
    }

    pub fn references(&self, package: &str) -> bool {
        self.package_references
            .iter()
            .any(|(id, _)| id.eq_ignore_ascii_case(package))
    }
}

fn error_at(path: &Path, line: u32, col: u32, message: String) -> BuildError {
    BuildError::line(format!("{}({line},{col}): error {message}", path.display()))
}

/// Loads and evaluates `path`; `globals` are `-p:Name=Value` properties, which win.
pub fn load(path: &Path, globals: &HashMap<String, String>) -> Result<Project, BuildError> {
    if !path.is_file() {
        return Err(BuildError::line(format!(
            "MSBUILD : error MSB1009: Project file does not exist.\nSwitch: {}",
            path.display()
        )));
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| BuildError::line(format!("{}: error : {e}", path.display())))?;
    let doc = roxmltree::Document::parse(text.trim_start_matches('\u{feff}')).map_err(|e| {
        let p = e.pos();
        error_at(
            path,
            p.row,
            p.col,
            format!("MSB4025: The project file could not be loaded. {e}"),
        )
    })?;
    let root = doc.root_element();
    let pos = |node: roxmltree::Node| {
        let p = doc.text_pos_at(node.range().start);
        (p.row, p.col)
    };
    if root.tag_name().name() != "Project" {
        let (l, c) = pos(root);
        return Err(error_at(
            path,
            l,
            c,
            format!(
                "MSB4068: The element <{}> is unrecognized, or not supported in this context.",
                root.tag_name().name()
            ),
        ));
    }
    let sdk = root
        .attribute("Sdk")
        .map(|s| s.split('/').next().unwrap_or("").trim().to_string());
    let Some(sdk) = sdk else {
        return Err(BuildError::line(format!(
            "{}: error : doccheck stand-in: only SDK-style projects (<Project Sdk=\"...\">) can be built.",
            path.display()
        )));
    };
    if !KNOWN_SDKS.contains(&sdk.as_str()) {
        let (l, c) = pos(root);
        return Err(error_at(
            path,
            l,
            c,
            format!("MSB4236: The SDK '{sdk}' specified could not be found."),
        ));
    }

    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut project = Project {
        path: path.to_path_buf(),
        dir,
        sdk,
        properties: HashMap::new(),
        package_references: Vec::new(),
        project_references: Vec::new(),
        items: Vec::new(),
    };
    project.properties.insert("Configuration".into(), "Debug".into());
    project.properties.extend(globals.clone());

    // Pass 1: properties (MSBuild evaluates all properties before any item).
    for group in root.children().filter(|n| n.has_tag_name("PropertyGroup")) {
        if !condition_holds(group.attribute("Condition"), &project.properties) {
            continue;
        }
        for prop in group.children().filter(|n| n.is_element()) {
            if !condition_holds(prop.attribute("Condition"), &project.properties) {
                continue;
            }
            let name = prop.tag_name().name().to_string();
            if globals.keys().any(|g| g.eq_ignore_ascii_case(&name)) {
                continue;
            }
            let value = expand(prop.text().unwrap_or("").trim(), &project.properties);
            project.properties.retain(|k, _| !k.eq_ignore_ascii_case(&name));
            project.properties.insert(name, value);
        }
    }

    // Pass 2: items, the SDK's defaults first.
    let files = glob::project_files(&project.dir);
    add_default_items(&mut project, &files);
    for group in root.children().filter(|n| n.has_tag_name("ItemGroup")) {
        if !condition_holds(group.attribute("Condition"), &project.properties) {
            continue;
        }
        for node in group.children().filter(|n| n.is_element()) {
            if !condition_holds(node.attribute("Condition"), &project.properties) {
                continue;
            }
            let (line, col) = pos(node);
            apply_item(&mut project, node, &files)
                .map_err(|m| error_at(path, line, col, format!("{m} [{}]", path.display())))?;
        }
    }
    Ok(project)
}

fn add_default_items(project: &mut Project, files: &[String]) {
    if !project.flag("EnableDefaultItems", true) {
        return;
    }
    let add = |kind: &str, pattern: &str, meta: &[(&str, &str)], project: &mut Project| {
        let pattern = Pattern::new(pattern);
        for f in files.iter().filter(|f| pattern.matches(f)) {
            if project.items.iter().any(|i| i.kind == kind && &i.path == f) {
                continue;
            }
            project.items.push(Item {
                kind: kind.into(),
                path: f.clone(),
                metadata: meta.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
                implicit: true,
            });
        }
    };
    if project.flag("EnableDefaultCompileItems", true) {
        add("Compile", "**/*.cs", &[], project);
    }
    // Microsoft.NET.Sdk.Web: "Publish everything under wwwroot, all JSON files, all config files".
    if project.is_web() && project.flag("EnableDefaultContentItems", true) {
        let publish = [("CopyToPublishDirectory", "PreserveNewest")];
        add("Content", "wwwroot/**", &publish, project);
        add("Content", "**/*.config", &publish, project);
        add("Content", "**/*.json", &publish, project);
        // launchSettings.json and friends stay home.
        for item in project
            .items
            .iter_mut()
            .filter(|i| i.kind == "Content" && i.path.starts_with("Properties/"))
        {
            item.metadata.insert("CopyToPublishDirectory".into(), "Never".into());
        }
    }
}

fn apply_item(project: &mut Project, node: roxmltree::Node, files: &[String]) -> Result<(), String> {
    let kind = node.tag_name().name().to_string();
    let mut metadata: HashMap<String, String> = node
        .attributes()
        .filter(|a| !["Include", "Update", "Remove", "Exclude", "Condition"].contains(&a.name()))
        .map(|a| (a.name().to_string(), expand(a.value(), &project.properties)))
        .collect();
    for child in node.children().filter(|n| n.is_element()) {
        metadata.insert(
            child.tag_name().name().to_string(),
            child.text().unwrap_or("").trim().to_string(),
        );
    }

    if kind == "PackageReference" {
        if let Some(id) = node.attribute("Include").or_else(|| node.attribute("Update")) {
            let version = metadata.get("Version").cloned().unwrap_or_default();
            project.package_references.push((id.trim().to_string(), version));
        }
        return Ok(());
    }
    if kind == "ProjectReference" {
        if let Some(p) = node.attribute("Include") {
            project.project_references.push(p.replace('\\', "/"));
        }
        return Ok(());
    }

    let specs = |attr: &str| -> Vec<String> {
        node.attribute(attr)
            .map(|v| {
                expand(v, &project.properties)
                    .split(';')
                    .map(|s| s.trim().replace('\\', "/").trim_start_matches("./").to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let excludes: Vec<Pattern> = specs("Exclude").iter().map(|s| Pattern::new(s)).collect();
    if let Some(include) = node.attribute("Include").map(|_| specs("Include")) {
        let mut added = Vec::new();
        for spec in include {
            if glob::has_wildcard(&spec) {
                let pattern = Pattern::new(&spec);
                added.extend(files.iter().filter(|f| pattern.matches(f)).cloned());
            } else {
                // A literal path is an item whether or not the file exists; copying it fails later.
                added.push(spec);
            }
        }
        added.retain(|p| !excludes.iter().any(|e| e.matches(p)));
        let duplicates: Vec<&String> = added
            .iter()
            .filter(|p| {
                project
                    .items
                    .iter()
                    .any(|i| i.implicit && i.kind == kind && &i.path == *p)
            })
            .collect();
        if !duplicates.is_empty() && (kind == "Compile" || kind == "Content") {
            let list = duplicates
                .iter()
                .map(|d| format!("'{d}'"))
                .collect::<Vec<_>>()
                .join("; ");
            return Err(format!(
                "NETSDK1022: Duplicate '{kind}' items were included. The .NET Core SDK includes '{kind}' \
                 items from your project directory by default. You can either remove these items from your \
                 project file, or set the 'EnableDefault{kind}Items' property to 'false' if you want to \
                 explicitly include them in your project file. For more information, see \
                 https://aka.ms/sdkimplicititems. The duplicate items were: {list}"
            ));
        }
        for p in added {
            project.items.push(Item {
                kind: kind.clone(),
                path: p,
                metadata: metadata.clone(),
                implicit: false,
            });
        }
    } else if node.attribute("Update").is_some() {
        let patterns: Vec<Pattern> = specs("Update").iter().map(|s| Pattern::new(s)).collect();
        for item in project.items.iter_mut().filter(|i| i.kind == kind) {
            if patterns.iter().any(|p| p.matches(&item.path)) {
                item.metadata.extend(metadata.clone());
            }
        }
    } else if node.attribute("Remove").is_some() {
        let patterns: Vec<Pattern> = specs("Remove").iter().map(|s| Pattern::new(s)).collect();
        project
            .items
            .retain(|i| i.kind != kind || !patterns.iter().any(|p| p.matches(&i.path)));
    }
    Ok(())
}

/// `$(Name)` references, replaced by property values (unknown ones are empty, as in MSBuild).
pub fn expand(text: &str, props: &HashMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("$(") {
        out.push_str(&rest[..start]);
        match rest[start..].find(')') {
            Some(end) => {
                let name = &rest[start + 2..start + end];
                if let Some((_, v)) = props.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
                    out.push_str(v);
                }
                rest = &rest[start + end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Conditions of the form `'a' == 'b'` or `'a' != 'b'`, joined by `and`/`or` (no
/// parentheses); anything else counts as true, so nothing is silently dropped.
fn condition_holds(condition: Option<&str>, props: &HashMap<String, String>) -> bool {
    let Some(c) = condition else { return true };
    let c = expand(c, props);
    let lower = c.to_ascii_lowercase();
    if lower.contains(" or ") {
        return split_keyword(&c, " or ")
            .iter()
            .any(|p| condition_holds(Some(p), props));
    }
    if lower.contains(" and ") {
        return split_keyword(&c, " and ")
            .iter()
            .all(|p| condition_holds(Some(p), props));
    }
    let unquote = |s: &str| s.trim().trim_matches('\'').trim().to_ascii_lowercase();
    if let Some((a, b)) = c.split_once("!=") {
        return unquote(a) != unquote(b);
    }
    if let Some((a, b)) = c.split_once("==") {
        return unquote(a) == unquote(b);
    }
    true
}

fn split_keyword(text: &str, keyword: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut parts = Vec::new();
    let mut last = 0;
    for (i, _) in lower.match_indices(keyword) {
        parts.push(text[last..i].to_string());
        last = i + keyword.len();
    }
    parts.push(text[last..].to_string());
    parts
}
