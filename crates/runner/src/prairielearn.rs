//! `runner export prairielearn`: the question directory nnhw-prairielearn builds, placed
//! all or nothing. It is written whole into a hidden directory beside `--out` and renamed
//! into place; `--out` may be missing, an empty directory, or a question this command
//! wrote before (its info.json says so), which is then replaced whole. Anything else is
//! left alone and refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::{BAD_INPUT, OK};

/// A server.py larger than this is said to be large.
const LARGE_SERVER_PY: usize = 20 << 20;

/// Writes the question directory; the exit status.
pub fn run(spec: &Path, count: u32, seed: u64, out: &Path, err: &mut dyn Write) -> u8 {
    let file = spec.display().to_string();
    // The question's own name (`nnhw-3.5` of `questions/nnhw-3.5/`), which its uuid takes in.
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let directory = name(out)
        .or_else(|| name(&std::fs::canonicalize(out).ok()?))
        .unwrap_or_default();
    let export = match nnhw_core::spec::read_text(spec, &file)
        .and_then(|text| nnhw_prairielearn::export(&file, &text, seed, count as usize, &directory))
    {
        Ok(export) => export,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return BAD_INPUT;
        }
    };
    let replaced = match place(out, &export.files) {
        Ok(replaced) => replaced,
        Err(message) => {
            let _ = writeln!(
                err,
                "{}: the question could not be written: {message}",
                nnhw_core::text::one_line(&out.display().to_string(), 200)
            );
            return BAD_INPUT;
        }
    };
    let graded = if export.question.external {
        format!(
            "graded externally by nnhw's runner (put a Linux build of runner at serverFilesCourse/{}runner)",
            nnhw_prairielearn::SERVER_FILES
        )
    } else {
        "graded by PrairieLearn's own elements".to_string()
    };
    let total: usize = export.redrawn.iter().map(|(_, n)| n).sum();
    let redrawn = if total == 0 {
        "no draw was redrawn".to_string()
    } else {
        let why: Vec<String> = export
            .redrawn
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        format!(
            "{} redrawn: {}",
            nnhw_core::format::count(total, "draw", "draws"),
            why.join(", ")
        )
    };
    let replacing = if replaced {
        " (the earlier export there replaced whole, with any file added to it)"
    } else {
        ""
    };
    let _ = writeln!(
        err,
        "PrairieLearn question with {} of {file} (seed {seed}) written to {}{replacing}, {graded}; {redrawn}",
        nnhw_core::format::count(count as usize, "variant", "variants"),
        out.display()
    );
    // PrairieLearn reads server.py each time it makes a variant.
    let server = export.files.iter().find(|f| f.path == "server.py");
    if let Some(server) = server.filter(|f| f.text.len() > LARGE_SERVER_PY) {
        let _ = writeln!(
            err,
            "{}: warning: server.py is {} MB, and PrairieLearn reads it for every variant it makes (GitHub refuses files over 100 MB): a few hundred variants are plenty",
            out.display(),
            server.text.len() >> 20
        );
    }
    OK
}

/// Whether `out` may be replaced: missing, an empty directory, or our earlier export.
fn replaceable(out: &Path) -> Result<bool, Error> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    if !meta.is_dir() {
        return Err(Error::NotADirectory);
    }
    let mut entries = std::fs::read_dir(out)?;
    if entries.next().is_none() {
        return Ok(true);
    }
    let info = std::fs::read_to_string(out.join("info.json")).unwrap_or_default();
    if nnhw_prairielearn::ours(&info) {
        Ok(true)
    } else {
        Err(Error::NotOurs)
    }
}

/// Places the question; whether it replaced an earlier export.
fn place(out: &Path, files: &[nnhw_prairielearn::File]) -> Result<bool, Error> {
    let exists = replaceable(out)?;
    let parent: PathBuf = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::unwritten(&parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".nnhw-prairielearn-")
        .tempdir_in(&parent)
        .map_err(|e| Error::unwritten(&parent, e))?;
    let _pending = Pending::new(staging.path(), out);
    // The staging directory itself is private (0700); the question inside it is made
    // with the user's umask, as the course's other files are.
    let ready = staging.path().join("question");
    std::fs::create_dir(&ready)?;
    for f in files {
        let path = ready.join(&f.path);
        let unwritten = |e| Error::unwritten(&f.path, e);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(unwritten)?;
        }
        std::fs::write(&path, &f.text).map_err(unwritten)?;
        if f.executable {
            executable(&path).map_err(unwritten)?;
        }
    }
    if !exists {
        return std::fs::rename(&ready, out)
            .map(|()| false)
            .map_err(Error::from);
    }
    // The old question goes aside into the staging directory (removed with it), the new
    // one into its place; if that fails, the old one comes back.
    let aside = staging.path().join("previous");
    std::fs::rename(out, &aside)?;
    if let Err(e) = std::fs::rename(&ready, out) {
        let _ = std::fs::rename(&aside, out);
        return Err(e.into());
    }
    Ok(true)
}

/// The export under way, for [`abandon`]: its staging directory and `--out`.
static PENDING: std::sync::Mutex<Option<(PathBuf, PathBuf)>> = std::sync::Mutex::new(None);

fn pending() -> std::sync::MutexGuard<'static, Option<(PathBuf, PathBuf)>> {
    PENDING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Marks an export under way while it lives.
struct Pending;

impl Pending {
    fn new(staging: &Path, out: &Path) -> Pending {
        *pending() = Some((staging.to_path_buf(), out.to_path_buf()));
        Pending
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        *pending() = None;
    }
}

/// For an interrupted process (Ctrl-C, SIGTERM), which exits without running
/// destructors: puts an earlier question moved aside back in place, and removes the
/// staging directory.
pub fn abandon() {
    if let Some((staging, out)) = pending().take() {
        let aside = staging.join("previous");
        if aside.exists() && std::fs::symlink_metadata(&out).is_err() {
            let _ = std::fs::rename(&aside, &out);
        }
        let _ = std::fs::remove_dir_all(staging);
    }
}

#[cfg(unix)]
fn executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn executable(_: &Path) -> std::io::Result<()> {
    Ok(())
}
