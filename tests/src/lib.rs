//! Workspace-wide tests live in `tests/`: every spec under `problems/` goes through the
//! registry into its text report, which is snapshotted with insta. This library names
//! the problems directory for them, and renders answers every way the project can to
//! search handouts for them ([`needles`]).

pub mod needles;

use std::path::{Path, PathBuf};

// Linking the runner links every section crate, so their kinds are registered here too.
use runner as _;

/// The workspace's `problems/` directory.
pub fn problems_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).join("problems")
}

/// Every `*.toml` under `problems/`, in sorted order, directories walked depth first.
pub fn spec_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&problems_dir(), &mut out);
    out
}

/// How a report names a spec: its path from the workspace root (`problems/x.toml`), the
/// same on every machine.
pub fn display_name(path: &Path) -> String {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap_or(manifest);
    let relative = path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
