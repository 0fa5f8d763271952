//! `cargo xtask new-kind SECTION.NAME`: every file is planned first and written only when
//! the whole plan holds, so a refused request leaves the tree as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::edit::{self, Plan};
use crate::error::Error;
use crate::names::{Names, Request};
use crate::templates;

/// Plans every file, writes them all, brings the lock files up to date, and says what it
/// did and what is left to do.
pub fn run(root: &Path, request: &Request) -> Result<String, Error> {
    let declared = edit::declared_kinds(root)?;
    if let Some(found) = declared.iter().find(|d| d.kind == request.kind) {
        return Err(Error::KindExists {
            kind: request.kind.clone(),
            dir: found.dir.clone(),
        });
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
                return Err(Error::ModuleExists {
                    dir: names.dir,
                    module: names.module,
                });
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
