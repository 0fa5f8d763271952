//! Writing a set of files into a directory, all or nothing: every file is first written
//! whole into a fresh hidden staging directory inside the target (`.nnhw-staging-XXXXXX`,
//! private to this process), made durable with one sync, and only then renamed into place.
//! Files are staged from any number of threads at once, spread over [`SHARDS`]
//! subdirectories: a file system serialises the creation of files within one directory,
//! and creating them is most of the cost of 10⁵ small files.
//! A file an earlier run left at a target name is first linked (or moved) aside into the
//! staging directory, so that if any file cannot be placed, every file already placed is
//! taken back out and every earlier file put back: the directory ends as it was, down to a
//! target directory this write created. [`abandon`], which the runner calls on Ctrl-C or a
//! termination signal, undoes a write under way the same way. A reader never sees half a
//! file. Variants are written so, and the handouts drawn from them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::Variant;

/// How many subdirectories files are staged in. On ext4 (no journal) 16 let two threads
/// create 10⁴ files in half the time one directory takes.
pub const SHARDS: usize = 16;

/// The writes under way, for [`abandon`].
static WRITES: Mutex<Vec<Arc<RwLock<Job>>>> = Mutex::new(Vec::new());
/// Set by [`abandon`]: no write starts after it.
static ABANDONED: AtomicBool = AtomicBool::new(false);

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn shared(job: &RwLock<Job>) -> RwLockReadGuard<'_, Job> {
    job.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn alone(job: &RwLock<Job>) -> RwLockWriteGuard<'_, Job> {
    job.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What one write has changed, so that it can be undone. Staging a file holds its lock
/// shared (files are staged side by side), placing one holds it alone, and undoing holds
/// it alone: [`abandon`] waits for every step under way to finish and never sees a file
/// half written or half placed.
struct Job {
    /// Directories this write created, outermost first: removed again on undo.
    made: Vec<PathBuf>,
    /// The staging directory, until it is removed.
    staging: Option<PathBuf>,
    /// Targets renamed into place, with where an earlier file at that name was put aside.
    placed: Vec<(PathBuf, Option<PathBuf>)>,
    /// Every file is in place: nothing is undone any more, only the staging removed.
    done: bool,
    /// Undone (by [`abandon`] or a failure): no later step may run.
    undone: bool,
}

impl Job {
    fn undo(&mut self) {
        let undo = !self.done && !self.undone;
        self.undone = true;
        if undo {
            for (target, aside) in self.placed.drain(..).rev() {
                let _ = match aside {
                    Some(aside) => std::fs::rename(aside, &target),
                    None => std::fs::remove_file(&target),
                };
            }
        }
        if let Some(staging) = self.staging.take() {
            let _ = std::fs::remove_dir_all(staging);
        }
        if undo {
            for dir in self.made.drain(..).rev() {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

/// A set of files being written into one directory: [`Staged::add`] each (from any
/// thread), then [`Staged::commit`]. Dropped uncommitted (an error, a panic), it leaves
/// the directory as it was.
pub struct Staged {
    dir: PathBuf,
    /// The staging subdirectories, [`SHARDS`] of them.
    new: Vec<PathBuf>,
    old: PathBuf,
    /// Each staged file's name, in the order staged (its subdirectory is [`shard_of`] it).
    names: Mutex<Vec<String>>,
    job: Arc<RwLock<Job>>,
}

/// Why a set of files was not written: one line naming the path, `path: what`.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// [`abandon`] was called before or during the write.
    #[error("{}: interrupted", .0.display())]
    Interrupted(PathBuf),
    /// The target directory is a file (or another non-directory).
    #[error("{}: not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// A target name is taken by something that is not a regular file.
    #[error("{}: is in the way: not a regular file", .0.display())]
    InTheWay(PathBuf),
    /// The file system refused.
    #[error("{}: {error}", .path.display())]
    Io {
        /// The file or directory being written.
        path: PathBuf,
        /// What failed.
        #[source]
        error: std::io::Error,
    },
}

/// The [`WriteError`] of an io error at `path`.
fn shown(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

fn interrupted(dir: &Path) -> WriteError {
    WriteError::Interrupted(dir.to_path_buf())
}

impl Staged {
    /// Starts a write into `dir`, creating it (and its missing parents) if need be.
    pub fn new(dir: &Path) -> Result<Staged, WriteError> {
        let mut writes = locked(&WRITES);
        if ABANDONED.load(Ordering::SeqCst) {
            return Err(interrupted(dir));
        }
        let mut job = Job {
            made: Vec::new(),
            staging: None,
            placed: Vec::new(),
            done: false,
            undone: false,
        };
        let missing: Vec<&Path> = dir
            .ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .take_while(|a| a.symlink_metadata().is_err())
            .collect();
        for made in missing.into_iter().rev() {
            if let Err(e) = std::fs::create_dir(made) {
                job.undo();
                return Err(shown(made)(e));
            }
            job.made.push(made.to_path_buf());
        }
        if !dir.is_dir() {
            return Err(WriteError::NotADirectory(dir.to_path_buf()));
        }
        let staging = tempfile::Builder::new()
            .prefix(".nnhw-staging-")
            .tempdir_in(dir)
            .map(tempfile::TempDir::keep)
            .map_err(shown(dir));
        let staging = match staging {
            Ok(staging) => staging,
            Err(e) => {
                job.undo();
                return Err(e);
            }
        };
        let new: Vec<PathBuf> = (0..SHARDS)
            .map(|shard| staging.join(format!("new{shard:02}")))
            .collect();
        let old = staging.join("old");
        job.staging = Some(staging);
        let made = new.iter().chain([&old]).try_for_each(std::fs::create_dir);
        if let Err(e) = made {
            job.undo();
            return Err(shown(dir)(e));
        }
        let job = Arc::new(RwLock::new(job));
        writes.push(Arc::clone(&job));
        Ok(Staged {
            dir: dir.to_path_buf(),
            new,
            old,
            names: Mutex::new(Vec::new()),
            job,
        })
    }

    /// Writes `text` to the staged file `name` (not yet durable, not yet in place). Called
    /// from many threads at once, the files are created side by side.
    pub fn add(&self, name: &str, text: &str) -> Result<(), WriteError> {
        let job = shared(&self.job);
        if job.undone {
            return Err(interrupted(&self.dir));
        }
        let target = self.dir.join(name);
        if target.symlink_metadata().is_ok_and(|m| !m.is_file()) {
            return Err(WriteError::InTheWay(target));
        }
        write_new(&self.new[shard_of(name)].join(name), text).map_err(shown(&target))?;
        drop(job);
        locked(&self.names).push(name.to_string());
        Ok(())
    }

    /// Makes every staged file durable and renames each into place; on any failure undoes
    /// what was placed. Returns the paths written.
    pub fn commit(self) -> Result<Vec<PathBuf>, WriteError> {
        let names = std::mem::take(&mut *locked(&self.names));
        durable(&self.new, &names).map_err(shown(&self.dir))?;
        let mut written = Vec::with_capacity(names.len());
        for name in &names {
            let mut job = alone(&self.job);
            if job.undone {
                return Err(interrupted(&self.dir));
            }
            let target = self.dir.join(name);
            let aside = self.old.join(name);
            // Linked aside, the old file stays in place until the new one replaces it in
            // one rename; where links are refused, it is moved aside instead.
            let aside = match target.symlink_metadata() {
                Ok(m) if m.is_file() => {
                    std::fs::hard_link(&target, &aside)
                        .or_else(|_| std::fs::rename(&target, &aside))
                        .map_err(shown(&target))?;
                    Some(aside)
                }
                Ok(_) => return Err(WriteError::InTheWay(target)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(shown(&target)(e)),
            };
            let moved = aside.is_some();
            job.placed.push((target.clone(), aside));
            if let Err(e) = std::fs::rename(self.new[shard_of(name)].join(name), &target) {
                if !moved {
                    job.placed.pop();
                }
                return Err(shown(&target)(e));
            }
            written.push(target);
        }
        sync_dir(&self.dir).map_err(shown(&self.dir))?;
        alone(&self.job).done = true;
        Ok(written)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        alone(&self.job).undo();
        locked(&WRITES).retain(|j| !Arc::ptr_eq(j, &self.job));
    }
}

/// Writes each variant to `dir/<file_name>` (creating `dir`); returns the paths written.
/// The error names the file that could not be written.
pub fn all(dir: &Path, variants: &[Variant]) -> Result<Vec<PathBuf>, WriteError> {
    let files: Vec<(&str, &str)> = variants
        .iter()
        .map(|v| (v.file_name.as_str(), v.text.as_str()))
        .collect();
    files_in(dir, &files)
}

/// Writes each `(file name, text)` into `dir` (creating it), all or nothing as above.
/// Returns the paths written.
pub fn files_in(dir: &Path, files: &[(&str, &str)]) -> Result<Vec<PathBuf>, WriteError> {
    let staged = Staged::new(dir)?;
    for (name, text) in files {
        staged.add(name, text)?;
    }
    staged.commit()
}

/// Undoes every write under way: for an interrupted process, which then leaves its
/// target directories as they were (a write whose files are all in place is kept).
pub fn abandon() {
    let writes = locked(&WRITES);
    ABANDONED.store(true, Ordering::SeqCst);
    for job in writes.iter() {
        alone(job).undo();
    }
}

/// The staging subdirectory of a file: one name always goes to the same one, so that a
/// name staged twice is refused there as it would be in one directory.
fn shard_of(name: &str) -> usize {
    // FNV-1a: any spread will do, but the same on every machine.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % SHARDS as u64) as usize
}

/// Writes `text` to a file that must not exist yet, readable as the user's umask allows
/// (the staging directory itself is private): a variant or a handout is for other staff.
/// Closed at once, so that 10⁵ files need no 10⁵ descriptors.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644);
    }
    options.open(path)?.write_all(text.as_bytes())
}

/// Makes the staged files durable: on Linux one `syncfs` of their file system (one flush
/// for 10⁵ files, where a flush per file took 30 s and more on a busy disk); elsewhere
/// each file in turn.
fn durable(shards: &[PathBuf], names: &[String]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = names;
        rustix::fs::syncfs(std::fs::File::open(&shards[0])?)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for name in names {
            std::fs::File::open(shards[shard_of(name)].join(name))?.sync_all()?;
        }
        shards
            .iter()
            .try_for_each(|shard| std::fs::File::open(shard)?.sync_all())
    }
}

/// Makes the renames into `dir` durable.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
