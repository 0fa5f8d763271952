//! Writing figures: each to a temporary file first, then renamed into place, so an
//! interrupted run never leaves half an SVG behind.

use std::path::Path;

use nnhw_core::{Solved, SpecError};

/// Writes `solved`'s figures into `dir` as `<spec stem>.<figure>.svg`; returns their paths.
pub fn write(dir: &Path, spec: &Path, solved: &Solved) -> Result<Vec<String>, SpecError> {
    let dir_text = dir.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| {
        SpecError::whole_file(&dir_text, format!("cannot create figure directory: {e}"))
    })?;
    let stem = spec.file_stem().map_or_else(
        || "figure".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut written = Vec::with_capacity(solved.figures.len());
    for figure in &solved.figures {
        let target = dir.join(format!("{stem}.{}.svg", figure.name));
        let temporary = dir.join(format!(
            ".{stem}.{}.svg.{}.tmp",
            figure.name,
            std::process::id()
        ));
        let target_text = target.display().to_string();
        let result = std::fs::write(&temporary, &figure.svg)
            .and_then(|()| std::fs::rename(&temporary, &target));
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temporary);
            return Err(SpecError::whole_file(
                &target_text,
                format!("cannot write figure: {e}"),
            ));
        }
        written.push(target_text);
    }
    Ok(written)
}
