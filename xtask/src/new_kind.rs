//! `cargo xtask new-kind SECTION.NAME`: every file is planned first and written only when
//! the whole plan holds, so a refused request leaves the tree as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::edit::{self, Plan};
use crate::templates;

/// What the user asked for.
pub struct Request {
    /// `perceptron.update-step`
    pub kind: String,
    /// `perceptron`: the section crate's short name.
    pub section: String,
    /// `update-step`: the kind within the section.
    pub name: String,
    /// `--section "5 Perceptrons"`
    pub label: Option<String>,
}

impl Request {
    /// Reads `SECTION.NAME [--section LABEL]`.
    pub fn parse(args: &[String]) -> Result<Request, String> {
        let mut kind = None;
        let mut label = None;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "--section" => {
                    let value = rest
                        .next()
                        .ok_or("--section needs a label, e.g. \"5 Perceptrons\"")?;
                    if value.trim().is_empty() || value.contains(['"', '\\', '\n']) {
                        return Err(format!(
                            "--section {value:?}: a label is one line of text without quotes"
                        ));
                    }
                    label = Some(value.trim().to_string());
                }
                other if other.starts_with('-') => return Err(format!("unknown option {other:?}")),
                other if kind.is_none() => kind = Some(other.to_string()),
                other => return Err(format!("one kind at a time; {other:?} is a second")),
            }
        }
        let kind = kind.ok_or("which kind? give SECTION.NAME, e.g. perceptron.update-step")?;
        let Some((section, name)) = kind.split_once('.') else {
            return Err(format!(
                "{kind:?}: a kind is SECTION.NAME, e.g. perceptron.update-step"
            ));
        };
        let word = |s: &str, dash: bool| {
            s.starts_with(|c: char| c.is_ascii_lowercase())
                && !s.ends_with('-')
                && !s.contains("--")
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || (dash && c == '-'))
        };
        if !word(section, false) {
            return Err(format!(
                "{section:?}: SECTION is lowercase letters and digits, starting with a letter (it names the crate)"
            ));
        }
        if !word(name, true) {
            return Err(format!(
                "{name:?}: NAME is lowercase letters, digits and single '-', starting with a letter"
            ));
        }
        let module = name.replace('-', "_");
        if KEYWORDS.contains(&module.as_str()) || KEYWORDS.contains(&section) {
            return Err(format!(
                "{kind:?}: {} is a Rust keyword, and SECTION and NAME become Rust names",
                if KEYWORDS.contains(&section) {
                    section
                } else {
                    name
                }
            ));
        }
        Ok(Request {
            section: section.to_string(),
            name: name.to_string(),
            kind,
            label,
        })
    }
}

/// Rust's keywords, strict and reserved: a module or crate cannot be named by one.
const KEYWORDS: [&str; 52] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names the kind's module imports or defines: a kind's type must not be one of them.
const TAKEN: [&str; 11] = [
    "Axis",
    "Deserialize",
    "Entry",
    "FieldError",
    "Figure",
    "Params",
    "Problem",
    "Report",
    "Spec",
    "Style",
    "Value",
];

/// The names a kind's files use, all derived from its `SECTION.NAME`.
pub struct Names {
    pub kind: String,
    /// Rust module: `update_step`.
    pub module: String,
    /// Rust type: `UpdateStep`.
    pub type_name: String,
    /// Crate directory under crates/: `perceptron`.
    pub dir: String,
    /// Package: `nnhw-perceptron`.
    pub package: String,
    /// Library: `nnhw_perceptron`.
    pub lib: String,
    /// Spec file under problems/beyond/: `perceptron_update_step.toml`.
    pub spec_file: String,
}

impl Names {
    pub fn new(request: &Request, dir: &str) -> Names {
        let module = request.name.replace('-', "_");
        let type_name = request
            .name
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect::<String>();
        let type_name = if TAKEN.contains(&type_name.as_str()) {
            type_name + "Problem"
        } else {
            type_name
        };
        let package = format!("nnhw-{dir}");
        Names {
            kind: request.kind.clone(),
            lib: package.replace('-', "_"),
            spec_file: format!("{}_{module}.toml", request.section),
            module,
            type_name,
            dir: dir.to_string(),
            package,
        }
    }
}

/// Plans every file, writes them all, brings the lock files up to date, and says what it
/// did and what is left to do.
pub fn run(root: &Path, request: &Request) -> Result<String, String> {
    let declared = edit::declared_kinds(root)?;
    if let Some(found) = declared.iter().find(|d| d.kind == request.kind) {
        return Err(format!(
            "{} already exists, in crates/{}",
            request.kind, found.dir
        ));
    }
    let home = declared
        .iter()
        .find(|d| d.kind.split_once('.').map(|(s, _)| s) == Some(request.section.as_str()));
    let mut plan = Plan::new(root);
    let names = match home {
        Some(home) => {
            let names = Names::new(request, &home.dir);
            let lib = PathBuf::from(format!("crates/{}/src/lib.rs", names.dir));
            if root
                .join(format!("crates/{}/src/{}", names.dir, names.module))
                .exists()
            {
                return Err(format!(
                    "crates/{}/src/{} is a module already; pick another NAME",
                    names.dir, names.module
                ));
            }
            plan.create(
                format!("crates/{}/src/{}.rs", names.dir, names.module),
                templates::kind(&names),
            )?;
            let text = plan.read(&lib)?;
            plan.replace(lib, edit::add_module(&text, &names)?);
            if !home.crate_uses_plot {
                let manifest = PathBuf::from(format!("crates/{}/Cargo.toml", names.dir));
                let text = plan.read(&manifest)?;
                plan.replace(manifest, edit::add_plot_dependency(&text)?);
            }
            names
        }
        None => {
            let names = Names::new(request, &request.section);
            let label = match &request.label {
                Some(label) => label.clone(),
                None => edit::next_section_label(root, &request.section)?,
            };
            plan.create(
                format!("crates/{}/Cargo.toml", names.dir),
                templates::manifest(&names, &label),
            )?;
            plan.create(
                format!("crates/{}/src/lib.rs", names.dir),
                templates::section_lib(&names, &label),
            )?;
            plan.create(
                format!("crates/{}/src/{}.rs", names.dir, names.module),
                templates::kind(&names),
            )?;
            let text = plan.read(Path::new("Cargo.toml"))?;
            plan.replace("Cargo.toml", edit::add_workspace_dependency(&text, &names)?);
            let text = plan.read(Path::new("crates/runner/Cargo.toml"))?;
            plan.replace(
                "crates/runner/Cargo.toml",
                edit::add_runner_dependency(&text, &names)?,
            );
            let text = plan.read(Path::new("crates/runner/src/lib.rs"))?;
            plan.replace(
                "crates/runner/src/lib.rs",
                edit::add_runner_link(&text, &names)?,
            );
            names
        }
    };
    let spec = templates::spec(&names);
    plan.create(format!("problems/beyond/{}", names.spec_file), spec.clone())?;
    plan.create(format!("fuzz/corpus/spec/{}", names.spec_file), spec)?;
    let text = plan.read(Path::new("docs/kinds.md"))?;
    plan.replace("docs/kinds.md", edit::add_readme_row(&text, &names)?);
    let text = plan.read(Path::new("fuzz/spec.dict"))?;
    plan.replace("fuzz/spec.dict", edit::add_dictionary_entry(&text, &names));

    let written = plan.write()?;
    let mut report = String::new();
    for line in &written {
        report.push_str(line);
        report.push('\n');
    }
    for manifest in ["Cargo.toml", "fuzz/Cargo.toml"] {
        report.push_str(&update_lock(root, manifest));
        report.push('\n');
    }
    report.push_str(&templates::next_steps(&names));
    Ok(report)
}

/// Brings one lock file up to date with the new member, touching no other package's
/// version (`cargo update --workspace`); offline first, since nothing new is fetched.
fn update_lock(root: &Path, manifest: &str) -> String {
    let lock = manifest.replace("Cargo.toml", "Cargo.lock");
    for offline in [true, false] {
        let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cargo.current_dir(root).args([
            "update",
            "--workspace",
            "--quiet",
            "--manifest-path",
            manifest,
        ]);
        if offline {
            // Quiet: a first try that fails (a dependency never fetched) says so at length.
            cargo.arg("--offline").stderr(std::process::Stdio::null());
        }
        if cargo.status().is_ok_and(|s| s.success()) {
            return format!("updated   {lock}");
        }
    }
    format!("NOT updated {lock}: run `cargo update --workspace --manifest-path {manifest}`")
}
