//! Expanding the command line's paths into spec files.

use std::path::{Path, PathBuf};

use nnhw_core::SpecError;

use crate::SpecPath;

/// The specs named by `paths`, directories expanded to every `*.toml` below them (sorted
/// by name, a directory's own specs before those of its subdirectories); and an error for
/// each directory that cannot be listed or holds no spec.
pub fn specs(paths: &[PathBuf]) -> (Vec<SpecPath>, Vec<SpecError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut below = Vec::new();
            collect(path, &mut below, &mut errors);
            if below.is_empty() {
                errors.push(SpecError::whole_file(
                    &path.display().to_string(),
                    "no *.toml specs in this directory",
                ));
            }
            found.extend(below.into_iter().map(|p| SpecPath {
                display: p.display().to_string(),
                path: p,
            }));
        } else {
            // A missing or unreadable file is reported when it is read.
            found.push(SpecPath {
                display: path.display().to_string(),
                path: path.clone(),
            });
        }
    }
    (found, errors)
}

/// Depth-first; symbolic links to directories are not followed, so a link cycle cannot
/// make this run forever.
fn collect(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<SpecError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let file = dir.display().to_string();
            errors.push(SpecError::whole_file(
                &file,
                format!("cannot list directory: {e}"),
            ));
            return;
        }
    };
    let mut files = Vec::new();
    let mut subdirectories = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            subdirectories.push(path);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    files.sort();
    subdirectories.sort();
    found.extend(files);
    for subdirectory in subdirectories {
        collect(&subdirectory, found, errors);
    }
}
