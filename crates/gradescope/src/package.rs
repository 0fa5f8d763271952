//! The autograder zip, in the layout Gradescope documents: `setup.sh` and
//! `run_autograder` at its root, beside them the runner and `nnhw/` (the config and the
//! specs). Written whole or not at all, and the same bytes for the same input (every
//! entry dated 1980-01-01, in a fixed order).

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use crate::config::Config;
use crate::error::Error;

/// Run once when Gradescope builds the image (`NNHW_AUTOGRADER_ROOT` moves it, as it
/// moves `run_autograder`). The runner needs nothing but the C
/// library every Ubuntu image has, so there is nothing to install; running it here makes
/// a runner that cannot start on the image fail the build, where staff see it, rather
/// than every student's submission.
const SETUP: &str = "#!/usr/bin/env bash
# nnhw autograder: run once when Gradescope builds the image (docs/gradescope.md in nnhw).
set -euo pipefail
cd \"${NNHW_AUTOGRADER_ROOT:-/autograder}/source\"
chmod 755 runner run_autograder
./runner --version
";

/// Run for every submission, from `/autograder`. `NNHW_AUTOGRADER_ROOT` moves the whole
/// layout, for trying the autograder outside Gradescope.
const RUN: &str = "#!/bin/sh
# nnhw autograder: grades one submission into results/results.json.
root=\"${NNHW_AUTOGRADER_ROOT:-/autograder}\"
exec \"$root/source/runner\" autograde --root \"$root\"
";

/// What goes into the zip.
#[derive(Debug, Clone)]
pub struct Package {
    /// The settings and roster.
    pub config: Config,
    /// Every spec file named by `config`, as (file name, text).
    pub specs: Vec<(String, String)>,
    /// The runner to ship: a Linux x86-64 executable.
    pub runner: PathBuf,
}

/// Writes the zip to `out` (made beside it, then renamed over it); returns its size in
/// bytes.
pub fn write_zip(out: &Path, package: &Package) -> Result<u64, Error> {
    // Renaming over a device or a FIFO would replace it (as root, /dev/null itself).
    if let Ok(existing) = std::fs::symlink_metadata(out)
        && !existing.is_file()
    {
        return Err(Error::NotAFile(out.to_path_buf()));
    }
    let runner = read_runner(&package.runner)?;
    if !linux_x86_64(&runner) {
        return Err(Error::NotLinux(package.runner.clone()));
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".autograder-").suffix(".zip");
    // As any file the user makes (tempfile's own 0600 would hide it from a web server).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let temp = builder
        .tempfile_in(&dir)
        .map_err(|e| Error::unwritten(out, e))?;
    let _pending = Pending::new(temp.path());
    let mut zip = zip::ZipWriter::new(temp);
    let options = |mode: u32| {
        SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(mode)
    };
    let config =
        serde_json::to_string_pretty(&package.config).map_err(|e| Error::unwritten(out, e))?;
    let mut entries: Vec<(String, &[u8], u32)> = vec![
        ("setup.sh".into(), SETUP.as_bytes(), 0o755),
        ("run_autograder".into(), RUN.as_bytes(), 0o755),
        ("runner".into(), &runner, 0o755),
        ("nnhw/autograder.json".into(), config.as_bytes(), 0o644),
    ];
    for (name, text) in &package.specs {
        entries.push((format!("nnhw/specs/{name}"), text.as_bytes(), 0o644));
    }
    for (name, bytes, mode) in entries {
        zip.start_file(name, options(mode))
            .map_err(|e| Error::unwritten(out, e))?;
        zip.write_all(bytes).map_err(|e| Error::unwritten(out, e))?;
    }
    let temp = zip.finish().map_err(|e| Error::unwritten(out, e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::unwritten(out, e))?;
    let size = temp.as_file().metadata().map_or(0, |m| m.len());
    temp.persist(out)
        .map_err(|e| Error::unwritten(out, e.error))?;
    Ok(size)
}

/// The largest runner shipped: a release build is under 10 MB, a debug build a few
/// hundred.
const MAX_RUNNER_BYTES: u64 = 1 << 30;

/// The runner's bytes: a regular file (a FIFO would hang the export), not too large.
fn read_runner(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let unread = |error| Error::Read {
        path: path.to_path_buf(),
        error,
    };
    let metadata = std::fs::metadata(path).map_err(unread)?;
    if !metadata.is_file() || metadata.len() > MAX_RUNNER_BYTES {
        return Err(Error::NotARunnerFile(path.to_path_buf()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_RUNNER_BYTES).read_to_end(&mut bytes))
        .map_err(unread)?;
    Ok(bytes)
}

/// The zips being written, for [`abandon`].
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|p| p.into_inner())
}

/// A zip being written, known to [`abandon`] while it lives.
struct Pending(PathBuf);

impl Pending {
    fn new(path: &Path) -> Pending {
        pending().push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        pending().retain(|p| p != &self.0);
    }
}

/// Removes the zips being written: for an interrupted process (Ctrl-C, SIGTERM), which
/// exits without running their destructors.
pub fn abandon() {
    for path in pending().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether `bytes` start as a 64-bit little-endian ELF file for x86-64.
fn linux_x86_64(bytes: &[u8]) -> bool {
    bytes.len() > 20
        && bytes.starts_with(b"\x7fELF")
        && bytes[4] == 2
        && bytes[5] == 1
        && u16::from_le_bytes([bytes[18], bytes[19]]) == 62
}
