//! Reading the workspace (which kinds exist, in which crates) and the line edits that
//! link a new kind: each edit is a pure function from a file's text to its new text, and
//! refuses when the file no longer has the shape it expects, rather than guessing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::names::Names;

/// A kind some crate submits to the registry.
pub struct Declared {
    pub kind: String,
    /// Its crate's directory under crates/.
    pub dir: String,
    /// Whether that crate already depends on nnhw-plot.
    pub crate_uses_plot: bool,
}

/// Every `name: "…"` inside an `inventory::submit!` of crates/*/src.
pub fn declared_kinds(root: &Path) -> Result<Vec<Declared>, Error> {
    let mut found = Vec::new();
    for dir in sorted_dirs(&root.join("crates"))? {
        let Some(name) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        let uses_plot = manifest.contains("nnhw-plot");
        for file in rust_files(&dir.join("src"))? {
            let text = read(&file)?;
            if !text.contains("inventory::submit!") {
                continue;
            }
            for kind in quoted_after(&text, "name: \"") {
                found.push(Declared {
                    kind,
                    dir: name.clone(),
                    crate_uses_plot: uses_plot,
                });
            }
        }
    }
    Ok(found)
}

/// "N Title" for a new section: N one past the highest section number in use.
pub fn next_section_label(root: &Path, section: &str) -> Result<String, Error> {
    let mut highest = 0u64;
    for dir in sorted_dirs(&root.join("crates"))? {
        for file in rust_files(&dir.join("src"))? {
            let text = read(&file)?;
            let labels = quoted_after(&text, "section: \"")
                .into_iter()
                .chain(quoted_after(&text, "const SECTION: &str = \""));
            for label in labels {
                let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
                highest = highest.max(digits.parse().unwrap_or(0));
            }
        }
    }
    let mut title = section.to_string();
    if let Some(first) = title.get(..1) {
        title.replace_range(..1, &first.to_ascii_uppercase());
    }
    Ok(format!("{} {title}", highest + 1))
}

/// `mod NAME;` after the crate's last `mod` line, and the kind's registration at its end.
pub fn add_module(lib: &str, names: &Names) -> Result<String, Error> {
    let section = if lib.contains("const SECTION: &str") {
        "SECTION".to_string()
    } else {
        quoted_after(lib, "section: \"")
            .first()
            .map(|label| format!("{label:?}"))
            .ok_or_else(|| {
                Error::Shape(format!(
                    "crates/{}/src/lib.rs names no section: add the kind's submit! by hand",
                    names.dir
                ))
            })?
    };
    // Into the block of `mod …;` lines, in the order rustfmt keeps them.
    let is_mod = |l: &str| l.starts_with("mod ") && l.ends_with(';');
    let mut lines: Vec<&str> = lib.lines().collect();
    let first = lines.iter().position(|l| is_mod(l)).unwrap_or(lines.len());
    let end = first + lines[first..].iter().take_while(|l| is_mod(l)).count();
    let declaration = format!("mod {};", names.module);
    let mut block: Vec<&str> = lines[first..end].to_vec();
    block.push(&declaration);
    block.sort_unstable_by_key(|l| l.trim_end_matches(';'));
    lines.splice(first..end, block);
    let mut text = lines.join("\n");
    text.push('\n');
    text.push_str(&crate::templates::registration(names, &section));
    Ok(text)
}

/// `nnhw-SECTION = { path = "crates/SECTION" }` after the last `nnhw-` line of
/// `[workspace.dependencies]`.
pub fn add_workspace_dependency(manifest: &str, names: &Names) -> Result<String, Error> {
    insert_after_last(
        manifest,
        |l| l.starts_with("nnhw-"),
        &format!("{} = {{ path = \"crates/{}\" }}", names.package, names.dir),
        "Cargo.toml has no nnhw- line in [workspace.dependencies]",
    )
}

/// `nnhw-plot.workspace = true` after a section crate's dependency on nnhw-core.
pub fn add_plot_dependency(manifest: &str) -> Result<String, Error> {
    insert_after_last(
        manifest,
        |l| l.starts_with("nnhw-core"),
        "nnhw-plot.workspace = true",
        "the section crate's Cargo.toml has no nnhw-core dependency line",
    )
}

/// `nnhw-SECTION.workspace = true` after the runner's last `nnhw-` dependency.
pub fn add_runner_dependency(manifest: &str, names: &Names) -> Result<String, Error> {
    insert_after_last(
        manifest,
        |l| l.starts_with("nnhw-"),
        &format!("{}.workspace = true", names.package),
        "crates/runner/Cargo.toml has no nnhw- dependency line",
    )
}

/// `use nnhw_SECTION as _;` among the runner's links, kept in rustfmt's order.
pub fn add_runner_link(lib: &str, names: &Names) -> Result<String, Error> {
    let is_link = |l: &str| l.starts_with("use nnhw_") && l.ends_with(" as _;");
    let mut lines: Vec<&str> = lib.lines().collect();
    let first = lines.iter().position(|l| is_link(l)).ok_or_else(|| {
        Error::Shape("crates/runner/src/lib.rs has no `use nnhw_… as _;` line".into())
    })?;
    let end = first + lines[first..].iter().take_while(|l| is_link(l)).count();
    let link = format!("use {} as _;", names.lib);
    let mut block: Vec<&str> = lines[first..end].to_vec();
    block.push(&link);
    block.sort_unstable();
    lines.splice(first..end, block);
    Ok(lines.join("\n") + "\n")
}

/// A row for the kind at the end of the Kinds table of docs/kinds.md.
pub fn add_readme_row(readme: &str, names: &Names) -> Result<String, Error> {
    let lines: Vec<&str> = readme.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("| kind | params | answers |"))
        .ok_or_else(|| {
            Error::Shape("docs/kinds.md has no Kinds table (| kind | params | answers |)".into())
        })?;
    let end = header
        + lines[header..]
            .iter()
            .take_while(|l| l.starts_with('|'))
            .count();
    let row = crate::templates::readme_row(names);
    let mut out: Vec<&str> = lines[..end].to_vec();
    out.push(&row);
    out.extend_from_slice(&lines[end..]);
    Ok(out.join("\n") + "\n")
}

/// The kind's name as a fuzzing token, after the last kind in the dictionary.
pub fn add_dictionary_entry(dict: &str, names: &Names) -> String {
    let entry = format!("\"{}\"", names.kind);
    let is_kind =
        |l: &str| l.starts_with('"') && l.trim_matches('"').contains('.') && !l.contains('[');
    let mut lines: Vec<&str> = dict.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| is_kind(l))
        .map_or(lines.len(), |i| i + 1);
    lines.insert(at, &entry);
    lines.join("\n") + "\n"
}

fn insert_after_last(
    text: &str,
    matches: impl Fn(&str) -> bool,
    line: &str,
    missing: &str,
) -> Result<String, Error> {
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| matches(l))
        .ok_or_else(|| Error::Shape(missing.to_string()))?;
    lines.insert(at + 1, line);
    Ok(lines.join("\n") + "\n")
}

/// Every string literal that follows `prefix` in `text`.
fn quoted_after(text: &str, prefix: &str) -> Vec<String> {
    text.match_indices(prefix)
        .filter_map(|(at, _)| {
            let rest = &text[at + prefix.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(Error::io(path))
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(Error::io(dir))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    Ok(dirs)
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(files);
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// New files and new texts of existing ones, written only once every one is planned.
pub struct Plan {
    root: PathBuf,
    files: BTreeMap<PathBuf, (String, bool)>,
}

impl Plan {
    pub fn new(root: &Path) -> Plan {
        Plan {
            root: root.to_path_buf(),
            files: BTreeMap::new(),
        }
    }

    /// The current text of `path` (relative to the root), as planned so far.
    pub fn read(&self, path: &Path) -> Result<String, Error> {
        match self.files.get(path) {
            Some((text, _)) => Ok(text.clone()),
            None => read(&self.root.join(path)),
        }
    }

    /// A file that must not exist yet.
    pub fn create(&mut self, path: impl Into<PathBuf>, text: String) -> Result<(), Error> {
        let path = path.into();
        if self.root.join(&path).exists() {
            return Err(Error::FileExists(path));
        }
        self.files.insert(path, (text, true));
        Ok(())
    }

    /// A new text for an existing file.
    pub fn replace(&mut self, path: impl Into<PathBuf>, text: String) {
        self.files.insert(path.into(), (text, false));
    }

    /// Writes every planned file; says which were created and which edited.
    pub fn write(self) -> Result<Vec<String>, Error> {
        let mut done = Vec::new();
        for (path, (text, new)) in self.files {
            let full = self.root.join(&path);
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
            }
            std::fs::write(&full, text).map_err(Error::io(&full))?;
            done.push(format!(
                "{} {}",
                if new { "created  " } else { "edited   " },
                path.display()
            ));
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::Request;

    fn names(kind: &str, dir: &str) -> Names {
        let args = [kind.to_string()];
        Names::new(&Request::parse(&args).unwrap(), dir)
    }

    #[test]
    fn links_and_modules_go_where_rustfmt_keeps_them() {
        let lib = "//! doc\n\nuse nnhw_backprop as _;\nuse nnhw_lstm as _;\n\nfn main() {}\n";
        let linked = add_runner_link(lib, &names("embed.x", "embed")).unwrap();
        assert_eq!(
            linked,
            "//! doc\n\nuse nnhw_backprop as _;\nuse nnhw_embed as _;\nuse nnhw_lstm as _;\n\nfn main() {}\n"
        );
        let lib = "mod spec;\nmod trace;\n\nconst SECTION: &str = \"2 LSTM\";\n";
        let added = add_module(lib, &names("lstm.toy-cell", "lstm")).unwrap();
        assert!(
            added.starts_with("mod spec;\nmod toy_cell;\nmod trace;\n"),
            "{added}"
        );
        assert!(added.contains("section: SECTION,\n"));
        assert!(added.contains("build: toy_cell::build,"));
    }

    #[test]
    fn the_readme_row_ends_the_kinds_table() {
        let readme =
            "# x\n\n| kind | params | answers |\n|---|---|---|\n| `a.b` | p | q |\n\nafter\n";
        let out = add_readme_row(readme, &names("c.d", "c")).unwrap();
        assert!(out.contains("| `a.b` | p | q |\n| `c.d` |"), "{out}");
        assert!(out.ends_with("|\n\nafter\n"));
        assert!(add_readme_row("no table\n", &names("c.d", "c")).is_err());
    }

    #[test]
    fn requests_are_checked_before_anything_is_planned() {
        let parse =
            |args: &[&str]| Request::parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>());
        assert!(parse(&["perceptron.update-step", "--section", "5 Perceptrons"]).is_ok());
        for bad in [
            &["perceptron"][..],
            &["Perceptron.x"],
            &["perceptron.x-"],
            &["perceptron.fn"],
            &["perceptron.x", "--section"],
            &["perceptron.x", "--section", "say \"hi\""],
            &["a.b", "c.d"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let report = names("perceptron.report", "perceptron");
        assert_eq!(report.type_name, "ReportProblem");
        assert_eq!(names("p.up-date2", "p").type_name, "UpDate2");
    }
}
