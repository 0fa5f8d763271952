//! Writing variants into a directory: every file goes to a temporary file beside it and
//! is renamed into place, so a reader never sees half a spec; nothing is written unless
//! every variant was drawn and proved first (the caller has them all in memory).

use std::io::Write;
use std::path::Path;

use crate::Variant;

/// Writes each variant to `dir/<file_name>` (creating `dir`); returns the paths written.
pub fn all(dir: &Path, variants: &[Variant]) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::with_capacity(variants.len());
    for v in variants {
        let path = dir.join(&v.file_name);
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        file.write_all(v.text.as_bytes())?;
        file.as_file().sync_data()?;
        file.persist(&path).map_err(|e| e.error)?;
        written.push(path);
    }
    Ok(written)
}
