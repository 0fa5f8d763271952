//! Writing figures: each to a temporary file first, then renamed into place, so an
//! interrupted run never leaves half an SVG behind. The temporary file is tempfile's: a
//! random name created exclusively (`O_EXCL`) in the figures directory, so a symbolic
//! link planted there under a guessable name cannot redirect the write.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use nnhw_core::{Solved, SpecError};

/// The file-name stems used so far in one run, so that `a/x.toml` and `b/x.toml` do not
/// overwrite each other's figures; compared ignoring case, as macOS and Windows compare
/// file names.
#[derive(Default)]
pub struct Names {
    taken: HashSet<String>,
}

impl Names {
    /// Keeps `name` from every spec (a file of its own is called so).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_lowercase());
    }

    /// The spec's file stem; prefixed by its directory's name (then numbered) if a spec
    /// before it in this run already had that stem.
    pub fn claim(&mut self, spec: &Path) -> String {
        let name = |p: Option<&Path>| {
            p.and_then(Path::file_stem)
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let stem = match name(Some(spec)) {
            s if s.is_empty() => "figure".to_string(),
            s => s,
        };
        let parent = name(spec.parent());
        let prefixed = (!parent.is_empty()).then(|| format!("{parent}-{stem}"));
        let chosen = std::iter::once(stem.clone())
            .chain(prefixed)
            .chain((2..).map(|k| format!("{stem}-{k}")))
            .find(|c| !self.taken.contains(&c.to_lowercase()))
            .unwrap_or(stem);
        self.taken.insert(chosen.to_lowercase());
        chosen
    }
}

/// Writes `solved`'s figures, the solution's then the question's, into `dir` as
/// `<stem>.<figure>.svg`; returns their paths.
pub fn write(dir: &Path, stem: &str, solved: &Solved) -> Result<Vec<String>, SpecError> {
    let figures: Vec<&nnhw_core::Figure> = all(solved).collect();
    if figures.is_empty() {
        return Ok(Vec::new());
    }
    let dir_text = dir.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| {
        SpecError::whole_file(&dir_text, format!("cannot create figure directory: {e}"))
    })?;
    let mut written = Vec::with_capacity(figures.len());
    for figure in figures {
        let target = dir.join(format!("{stem}.{}.svg", figure.name));
        let target_text = target.display().to_string();
        let fail = |e: std::io::Error| {
            SpecError::whole_file(&target_text, format!("cannot write figure: {e}"))
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".figure-").suffix(".svg.tmp");
        #[cfg(unix)]
        builder.permissions(readable());
        let mut temporary = builder.tempfile_in(dir).map_err(fail)?;
        temporary.write_all(figure.svg.as_bytes()).map_err(fail)?;
        // Dropped on error, the temporary file is removed.
        temporary.persist(&target).map_err(|e| fail(e.error))?;
        written.push(target_text);
    }
    Ok(written)
}

/// Every figure of a solved spec, in the order they are written: the solution's, then
/// the question's.
pub fn all(solved: &Solved) -> impl Iterator<Item = &nnhw_core::Figure> {
    solved.figures.iter().chain(&solved.question_figures)
}

/// A figure is a document to share: readable by all (tempfile makes its files private).
#[cfg(unix)]
fn readable() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_with_the_same_stem_get_distinct_names() {
        let mut names = Names::default();
        assert_eq!(names.claim(Path::new("problems/x.toml")), "x");
        assert_eq!(names.claim(Path::new("beyond/x.toml")), "beyond-x");
        assert_eq!(names.claim(Path::new("beyond/x.toml")), "x-2");
        assert_eq!(names.claim(Path::new("y.toml")), "y");
        assert_eq!(names.claim(Path::new("up/Y.toml")), "up-Y");
    }
}
