//! Writing files into a directory, all or nothing as far as a file system allows: every
//! file is first written whole into a fresh hidden staging directory inside the target
//! (`.nnhw-staging-XXXXXX`, private to this process), and only when all of them are
//! written, and no target is in the way, are they renamed into place. A reader never sees
//! half a file; a failure before the renames leaves the directory as it was (the staging
//! directory is removed as it is dropped); an interrupted run removes it too, through
//! [`abandon`], which the runner calls on Ctrl-C or a termination signal. Variants are
//! written so, and the handouts drawn from them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use crate::Variant;

/// The staging directories of writes under way, for [`abandon`]. A writer holds the lock
/// while it writes or renames one file, so that [`abandon`] never removes a directory a
/// file is being written into.
static STAGING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set by [`abandon`]: no write starts after it.
static ABANDONED: AtomicBool = AtomicBool::new(false);

fn staged() -> MutexGuard<'static, Vec<PathBuf>> {
    STAGING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes each variant to `dir/<file_name>` (creating `dir`); returns the paths written.
/// The error names the file that could not be written.
pub fn all(dir: &Path, variants: &[Variant]) -> Result<Vec<PathBuf>, String> {
    let files: Vec<(&str, &str)> = variants
        .iter()
        .map(|v| (v.file_name.as_str(), v.text.as_str()))
        .collect();
    files_in(dir, &files)
}

/// Writes each `(file name, text)` into `dir` (creating it), all or nothing as above.
/// Returns the paths written.
pub fn files_in(dir: &Path, files: &[(&str, &str)]) -> Result<Vec<PathBuf>, String> {
    let shown = |path: &Path, e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    std::fs::create_dir_all(dir).map_err(|e| shown(dir, &e))?;
    if !dir.is_dir() {
        return Err(shown(dir, &"not a directory"));
    }
    for (name, _) in files {
        let path = dir.join(name);
        if path.symlink_metadata().is_ok_and(|m| !m.is_file()) {
            return Err(shown(&path, &"is in the way: not a regular file"));
        }
    }
    let staging = tempfile::Builder::new()
        .prefix(".nnhw-staging-")
        .tempdir_in(dir)
        .map_err(|e| shown(dir, &e))?;
    let _registered = Registered::new(staging.path());
    let interrupted = |path: &Path| shown(path, &"interrupted");
    for (name, text) in files {
        let _writing = staged();
        if ABANDONED.load(Ordering::SeqCst) {
            return Err(interrupted(dir));
        }
        let staged = staging.path().join(name);
        write_new(&staged, text).map_err(|e| shown(&dir.join(name), &e))?;
    }
    let mut written = Vec::with_capacity(files.len());
    for (name, _) in files {
        let _renaming = staged();
        if ABANDONED.load(Ordering::SeqCst) {
            return Err(interrupted(dir));
        }
        let path = dir.join(name);
        std::fs::rename(staging.path().join(name), &path).map_err(|e| shown(&path, &e))?;
        written.push(path);
    }
    Ok(written)
}

/// Removes the staging directories of the writes under way: for an interrupted process,
/// which then leaves its target directories as they were (or, mid-rename, with some
/// files in place and no debris).
pub fn abandon() {
    // Waits for the file being written to be whole, then stops every later one.
    let mut staged = staged();
    ABANDONED.store(true, Ordering::SeqCst);
    for dir in staged.drain(..) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// A staging directory listed in [`STAGING`] for as long as it lives.
struct Registered(PathBuf);

impl Registered {
    fn new(dir: &Path) -> Registered {
        staged().push(dir.to_path_buf());
        Registered(dir.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        staged().retain(|d| d != &self.0);
    }
}

/// Writes `text` to a file that must not exist yet, readable as the user's umask allows
/// (the staging directory itself is private): a variant or a handout is for other staff.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_data()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn files_are_written_whole_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        files_in(&out, &[("a.html", "A"), ("b.html", "B")]).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.html", "b.html"]);
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "B");
        let listed = STAGING.lock().unwrap().iter().any(|d| d.starts_with(&out));
        assert!(!listed, "the staging directory is no longer listed");
    }

    #[test]
    fn a_target_in_the_way_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b.html")).unwrap();
        let e = files_in(dir.path(), &[("a.html", "A"), ("b.html", "B")]).unwrap_err();
        assert!(
            e.ends_with("b.html: is in the way: not a regular file"),
            "{e}"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the directory in the way");
    }

    // Abandoning stops every later write in the process, so its test is the runner's
    // (crates/runner/tests/handout.rs interrupts a real run).
}
