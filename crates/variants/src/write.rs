//! Writing variants into a directory, all or nothing as far as a file system allows:
//! every variant is first written whole to a temporary file beside its target, and only
//! when all of them are written (and no target is in the way) are they renamed into
//! place. A reader never sees half a spec, and a failure before the renames leaves the
//! directory as it was (the temporary files are removed as they are dropped).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Variant;

/// Writes each variant to `dir/<file_name>` (creating `dir`); returns the paths written.
/// The error names the file that could not be written.
pub fn all(dir: &Path, variants: &[Variant]) -> Result<Vec<PathBuf>, String> {
    let files: Vec<(&str, &str)> = variants
        .iter()
        .map(|v| (v.file_name.as_str(), v.text.as_str()))
        .collect();
    files_in(dir, &files)
}

/// Writes each `(file name, text)` into `dir` (creating it), all or nothing as above:
/// variants, and the handouts drawn from them. Returns the paths written.
pub fn files_in(dir: &Path, files: &[(&str, &str)]) -> Result<Vec<PathBuf>, String> {
    let shown = |path: &Path, e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    std::fs::create_dir_all(dir).map_err(|e| shown(dir, &e))?;
    let mut staged = Vec::with_capacity(files.len());
    for (name, text) in files {
        let path = dir.join(name);
        if path.symlink_metadata().is_ok_and(|m| !m.is_file()) {
            return Err(shown(&path, &"is in the way: not a regular file"));
        }
        let mut file = temporary(dir).map_err(|e| shown(&path, &e))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.as_file().sync_data())
            .map_err(|e| shown(&path, &e))?;
        // Closed now (a path, not an open file), so 10⁵ staged variants need no 10⁵
        // descriptors; still removed when dropped.
        staged.push((file.into_temp_path(), path));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (file, path) in staged {
        file.persist(&path).map_err(|e| shown(&path, &e.error))?;
        written.push(path);
    }
    Ok(written)
}

/// A temporary file that, once renamed, is readable as the user's umask allows (a
/// tempfile is private by default, which would hide the variants from other staff).
fn temporary(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nnhw-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}
