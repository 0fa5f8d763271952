//! Expanding the command line's paths into specs.
//!
//! A directory is walked with walkdir (symbolic links not followed, so a link cycle
//! cannot loop) and yields only specs: regular `*.toml` files with a top-level `kind`.
//! Everything else it passes over — other TOML (Cargo.toml), pipes, devices — is
//! counted and named in one line, so nothing is skipped silently and nothing blocks.

use std::path::{Path, PathBuf};

use nnhw_core::SpecError;
use nnhw_core::spec::MAX_SPEC_BYTES;
use walkdir::WalkDir;

use crate::SpecPath;

/// The specs named by `paths`, each directory's in walk order (the runner puts them in
/// homework order once their titles are known); errors for paths that cannot be listed
/// or hold no spec; and the files a walk passed over.
pub struct Found {
    /// Specs to solve.
    pub specs: Vec<SpecPath>,
    /// Paths that are bad input.
    pub errors: Vec<SpecError>,
    /// Files below a directory that are not specs.
    pub skipped: Vec<String>,
}

/// Expands `paths`.
pub fn specs(paths: &[PathBuf]) -> Found {
    let mut found = Found {
        specs: Vec::new(),
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    for (argument, path) in paths.iter().enumerate() {
        if path.is_dir() {
            let before = found.specs.len();
            walk(path, argument, &mut found);
            if found.specs.len() == before {
                found.errors.push(SpecError::whole_file(
                    &path.display().to_string(),
                    "no specs in this directory (a spec is a *.toml file with a top-level `kind`)",
                ));
            }
        } else {
            // A missing, unreadable or irregular file is reported when it is read.
            found.specs.push(SpecPath {
                display: path.display().to_string(),
                path: path.clone(),
                argument,
                walked: false,
            });
        }
    }
    found
}

fn walk(dir: &Path, argument: usize, found: &mut Found) {
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                found.errors.push(SpecError::whole_file(
                    &at,
                    format!(
                        "cannot list: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string)
                    ),
                ));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() || path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        // Symbolic links are followed for files (not directories), and only to a regular file.
        let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
        if regular && is_spec(path) {
            found.specs.push(SpecPath {
                display: path.display().to_string(),
                path: path.to_path_buf(),
                argument,
                walked: true,
            });
        } else {
            found.skipped.push(path.display().to_string());
        }
    }
}

/// Whether a TOML file sets `kind` before its first table: the mark of a spec.
fn is_spec(path: &Path) -> bool {
    let Ok(text) = nnhw_core::spec::read_text(path, "") else {
        // Unreadable: let the solver report it rather than hide it.
        return std::fs::metadata(path).is_ok_and(|m| m.len() <= MAX_SPEC_BYTES);
    };
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with('[') {
            return false;
        }
        if let Some(rest) = line.strip_prefix("kind")
            && rest.trim_start().starts_with('=')
        {
            return true;
        }
    }
    false
}

/// The part number a title starts with (`2.1 LSTM states` → [2, 1]); `None` without one.
pub fn part(title: &str) -> Option<Vec<u32>> {
    let first = title.split_whitespace().next()?;
    first
        .trim_end_matches('.')
        .split('.')
        .map(|n| n.parse::<u32>().ok())
        .collect()
}

/// One line naming the files a walk passed over; `None` if there were none.
pub fn skipped_line(skipped: &[String]) -> Option<String> {
    const NAMED: usize = 5;
    if skipped.is_empty() {
        return None;
    }
    let shown: Vec<String> = skipped
        .iter()
        .take(NAMED)
        .map(|s| nnhw_core::text::one_line(s, 80))
        .collect();
    let more = skipped.len().saturating_sub(NAMED);
    Some(format!(
        "skipped {} not a spec (no top-level `kind`, or not a regular file): {}{}",
        nnhw_core::format::count(skipped.len(), "file", "files"),
        shown.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_numbers_come_from_the_title() {
        assert_eq!(part("2.1 LSTM states"), Some(vec![2, 1]));
        assert_eq!(part("4 Word embeddings"), Some(vec![4]));
        assert_eq!(part("Triangular region"), None);
        assert_eq!(part(""), None);
    }
}
