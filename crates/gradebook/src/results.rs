//! One Gradescope `results.json` per student, merging every spec the student submitted:
//! `DIR/<student>/results.json`, tests named `<spec>: <NAME>`, scores summed.
//!
//! A student's rows may be anywhere in the input, so their graded tests wait until it
//! ends; they wait on disk, not in memory. Each part is appended as one JSON line to one
//! of [`BUCKETS`] spill files in a private directory inside DIR (a student's parts all go
//! to the same one), and at the end each spill file is read back alone, grouped by
//! student and written out. Memory then holds one spill file (a [`BUCKETS`]th of the
//! class) and the set of student ids, never the whole class.
//!
//! DIR is the caller's; below it nothing is followed: a student's folder that is a
//! symbolic link (or not a folder) is reported and left alone, and a folder that cannot
//! be written is reported without stopping the other students.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::hash::Hasher;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use nnhw_grade::clip;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use siphasher::sip::SipHasher13;

use crate::grading::Graded;
use crate::json::{StudentExtraJson, StudentResultsJson, TestJson};
use crate::output::test_json;
use crate::{Book, Error, Options, Summary, write_error};

/// How many spill files the class is spread over.
const BUCKETS: usize = 128;

/// The spill directories of the runs under way, for [`abandon`].
static SPILLS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn spills() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    SPILLS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes the spill directories of every run under way: for an interrupted process
/// (Ctrl-C, a job runner's SIGTERM), which would otherwise leave them in the results
/// directory. Results files already written stay: each is whole.
pub fn abandon() {
    for dir in spills().drain(..) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// One graded submission of a student, as spilled.
#[derive(Deserialize)]
struct Part<'a> {
    #[serde(borrow)]
    student: Cow<'a, str>,
    #[serde(borrow)]
    label: Cow<'a, str>,
    score: usize,
    max_score: usize,
    /// The tests, a JSON array, as they were written.
    #[serde(borrow)]
    tests: &'a RawValue,
}

/// A graded submission rendered for a results file (in parallel, while grading): the
/// student and the spilled line.
pub(crate) struct Rendered {
    student: String,
    line: String,
}

pub(crate) fn part(graded: &Graded<'_>, reveal: bool) -> Rendered {
    let label = &graded.entry.label;
    let tests: Vec<TestJson> = graded
        .pairs()
        .map(|(answer, outcome)| {
            test_json(
                &format!("{label}: {}", answer.name),
                answer,
                outcome,
                reveal,
            )
        })
        .collect();
    /// A [`Part`] as written: its tests still values.
    #[derive(Serialize)]
    struct Spilled<'a> {
        student: &'a str,
        label: &'a str,
        score: usize,
        max_score: usize,
        tests: Vec<TestJson>,
    }
    let part = Spilled {
        student: &graded.student,
        label,
        score: graded.score(),
        max_score: graded.max_score(),
        tests,
    };
    Rendered {
        student: graded.student.clone(),
        // Strings and numbers only: serde_json cannot fail on them.
        line: serde_json::to_string(&part).unwrap_or_default(),
    }
}

/// Every student's graded submissions, spilled while [`crate::grade`] streams the input,
/// written once it ends.
pub(crate) struct Students {
    dir: PathBuf,
    spill: tempfile::TempDir,
    buckets: Vec<Option<BufWriter<File>>>,
}

impl Students {
    /// Spilling into a private directory inside `dir` (made if need be), removed when
    /// this is dropped.
    pub(crate) fn new(dir: &Path) -> Result<Students, Error> {
        let wrote = write_error_owned(dir.display().to_string());
        std::fs::create_dir_all(dir).map_err(&wrote)?;
        let spill = tempfile::Builder::new()
            .prefix(".nnhw-grading-")
            .tempdir_in(dir)
            .map_err(&wrote)?;
        spills().push(spill.path().to_path_buf());
        Ok(Students {
            dir: dir.to_path_buf(),
            spill,
            buckets: (0..BUCKETS).map(|_| None).collect(),
        })
    }

    /// Adds a student's part.
    pub(crate) fn add(&mut self, part: Rendered) -> Result<(), Error> {
        let b = bucket(&part.student);
        let path = self.spill.path().join(format!("{b}.jsonl"));
        let wrote = write_error_owned(path.display().to_string());
        let file = match &mut self.buckets[b] {
            Some(file) => file,
            slot => slot.insert(BufWriter::new(File::create(&path).map_err(&wrote)?)),
        };
        file.write_all(part.line.as_bytes()).map_err(&wrote)?;
        file.write_all(b"\n").map_err(&wrote)
    }

    /// Writes `dir/<student>/results.json` for every student added (`students` holds
    /// them all; see [`write_results`] for the folders' names), each file whole. A student
    /// whose file cannot be written is reported on `err` and the others are written all
    /// the same; returns how many were reported.
    pub(crate) fn write<'s>(
        mut self,
        students: impl Iterator<Item = &'s str> + Clone,
        source: &str,
        err: &mut dyn Write,
    ) -> Result<usize, Error> {
        let names = Names::new(students);
        let mut reported = 0;
        for b in 0..BUCKETS {
            let Some(file) = self.buckets[b].take() else {
                continue;
            };
            let path = self.spill.path().join(format!("{b}.jsonl"));
            let reread = write_error_owned(path.display().to_string());
            drop(file.into_inner().map_err(|e| reread(e.into_error()))?);
            let failed = write_bucket(&path, &self.dir, &names, source).map_err(&reread)?;
            for line in failed {
                reported += 1;
                writeln!(err, "{line}").map_err(write_error("the messages"))?;
            }
        }
        Ok(reported)
    }
}

impl Drop for Students {
    fn drop(&mut self) {
        let path = self.spill.path();
        spills().retain(|p| p != path);
    }
}

/// Writes the results of the students spilled in one file; returns a line for each
/// student whose file could not be written.
fn write_bucket(
    spill: &Path,
    dir: &Path,
    names: &Names,
    source: &str,
) -> std::io::Result<Vec<String>> {
    let mut lines = Vec::new();
    for line in BufReader::new(File::open(spill)?).lines() {
        lines.push(line?);
    }
    // Each student's parts, in input order, students in the order first seen.
    let mut order: Vec<String> = Vec::new();
    let mut parts: HashMap<String, Vec<Part<'_>>> = HashMap::new();
    for line in &lines {
        let part: Part<'_> = serde_json::from_str(line)?;
        match parts.get_mut(part.student.as_ref()) {
            Some(theirs) => theirs.push(part),
            None => {
                order.push(part.student.to_string());
                parts.insert(part.student.to_string(), vec![part]);
            }
        }
    }
    let failed: Vec<String> = order
        .par_iter()
        .filter_map(|student| match names.of(student) {
            Some(name) => write_one(&dir.join(name), student, &parts[student])
                .err()
                .map(|e| e.to_string()),
            None => Some(format!(
                "{source}: student `{}`: no folder name that no other student has; not written",
                clip(student, 60)
            )),
        })
        .collect();
    Ok(failed)
}

/// Grades `input` as [`crate::grade`] does with `options.results` set to `dir`, writing
/// only the per-student files: one Gradescope `results.json` per student
/// (`dir/<student>/results.json`, each written atomically), merging the student's
/// submissions: one test per graded answer, named `<spec>: <NAME>`, score and max_score
/// summed.
///
/// Every problem row is reported on `err` as [`crate::grade`] reports it, a student's
/// second submission of a problem among them. A student id that is not a safe directory
/// name (only `A-Z a-z 0-9 . _ - @`, not starting with `.`, at most 100 bytes), or that
/// differs only in case from another, gets its directory name made safe and followed by
/// `-` and 16 hex digits of its hash.
pub fn write_results(
    book: &Book,
    input: impl std::io::Read,
    source: &str,
    options: &Options,
    dir: &Path,
    err: &mut dyn Write,
) -> Result<Summary, Error> {
    let options = Options {
        results: Some(dir.to_path_buf()),
        ..options.clone()
    };
    crate::grade(book, input, source, &options, &mut std::io::sink(), err)
}

/// Why one student's results.json was not written, as the line that reports it.
#[derive(Debug, thiserror::Error)]
#[error("{}: {why}; not written", .path.display())]
struct NotWritten {
    path: PathBuf,
    #[source]
    why: Why,
}

#[derive(Debug, thiserror::Error)]
enum Why {
    #[error("the student's folder is a symbolic link")]
    Symlink,
    #[error("the student's folder is not a folder")]
    NotAFolder,
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// Writes one student's file whole, or says why not.
fn write_one(folder: &Path, student: &str, parts: &[Part<'_>]) -> Result<(), NotWritten> {
    let path = folder.join("results.json");
    let fail = |why: Why| NotWritten {
        path: path.clone(),
        why,
    };
    match std::fs::symlink_metadata(folder) {
        Ok(m) if m.file_type().is_symlink() => return Err(fail(Why::Symlink)),
        Ok(m) if !m.is_dir() => return Err(fail(Why::NotAFolder)),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir(folder).map_err(|e| fail(e.into()))?;
        }
        Err(e) => return Err(fail(e.into())),
    }
    let listed: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}/{}", p.label, p.score, p.max_score))
        .collect();
    let tests: Vec<&RawValue> = parts
        .iter()
        .flat_map(|p| serde_json::from_str::<Vec<&RawValue>>(p.tests.get()).unwrap_or_default())
        .collect();
    let results = StudentResultsJson {
        score: parts.iter().map(|p| p.score).sum(),
        max_score: parts.iter().map(|p| p.max_score).sum(),
        output: format!("Graded: {}", listed.join(", ")),
        tests,
        extra_data: StudentExtraJson {
            student: student.to_string(),
        },
    };
    let text = serde_json::to_string_pretty(&results).map_err(|e| fail(e.into()))?;
    let mut file = new_file().tempfile_in(folder).map_err(|e| fail(e.into()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .map_err(|e| fail(e.into()))?;
    file.persist(&path).map_err(|e| fail(e.error.into()))?;
    Ok(())
}

fn write_error_owned(target: String) -> impl Fn(std::io::Error) -> Error {
    move |error| Error::Write {
        target: target.clone(),
        error,
    }
}

/// The spill file a student's parts go to.
fn bucket(student: &str) -> usize {
    let mut hasher = SipHasher13::new_with_keys(1, 2);
    hasher.write(student.as_bytes());
    (hasher.finish() % BUCKETS as u64) as usize
}

/// How a results file is made: on unix with mode 0644 less the umask (tempfile's own
/// default, 0600, would hide it from a grader running as another user).
fn new_file() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(FILE_MODE));
    }
    builder
}

/// The mode asked for a results file, before the umask.
#[cfg(unix)]
const FILE_MODE: u32 = 0o644;

/// Whether a student id can be a directory name as it is.
fn safe(student: &str) -> bool {
    !student.is_empty()
        && student.len() <= 100
        && !student.starts_with('.')
        && student
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

/// A safe name for a student id, with its hash.
fn hashed(student: &str) -> String {
    let mut hasher = SipHasher13::new_with_keys(0, 0);
    hasher.write(student.as_bytes());
    let stem: String = student
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@') {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let stem = stem.trim_start_matches('.');
    format!("{stem}-{:016x}", hasher.finish())
}

/// Each student's folder name: the id itself when it is [`safe`] and no other id equals
/// it but for case, else [`hashed`]. What is kept is a count per hash of a lowercased id,
/// not the ids: the class may be large. Two ids whose hashes coincide are both hashed,
/// which is harmless; a name that two students would still share is no name at all.
struct Names {
    /// Safe ids, by the hash of the id lowercased.
    plain: HashMap<u64, u32>,
    /// Hashed names, lowercased, by their hash.
    hashed: HashMap<u64, u32>,
}

impl Names {
    fn new<'s>(students: impl Iterator<Item = &'s str> + Clone) -> Names {
        let mut plain: HashMap<u64, u32> = HashMap::new();
        for s in students.clone().filter(|s| safe(s)) {
            *plain.entry(lower_hash(s)).or_default() += 1;
        }
        let mut names = Names {
            plain,
            hashed: HashMap::new(),
        };
        for s in students {
            if !names.alone(s) {
                *names.hashed.entry(lower_hash(&hashed(s))).or_default() += 1;
            }
        }
        names
    }

    fn alone(&self, student: &str) -> bool {
        safe(student) && self.plain.get(&lower_hash(student)) == Some(&1)
    }

    /// The student's folder name, or `None` when another student's would be the same.
    fn of(&self, student: &str) -> Option<String> {
        if self.alone(student) {
            return Some(student.to_string());
        }
        let name = hashed(student);
        let key = lower_hash(&name);
        let unique = self.hashed.get(&key) == Some(&1) && !self.plain.contains_key(&key);
        unique.then_some(name)
    }
}

fn lower_hash(name: &str) -> u64 {
    let mut hasher = SipHasher13::new_with_keys(3, 4);
    hasher.write(name.to_ascii_lowercase().as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_names_are_safe_and_distinct() {
        let students = ["alice", "Bob", "bob", "../etc", "a b", ".hidden", "zoë"];
        let names = Names::new(students.iter().copied());
        let name = |s: &str| names.of(s).unwrap();
        assert_eq!(name("alice"), "alice");
        for s in ["Bob", "bob", "../etc", "a b", ".hidden", "zoë"] {
            let n = name(s);
            assert!(safe(&n), "{s} -> {n}");
            assert_ne!(n, s);
        }
        assert_ne!(name("Bob").to_lowercase(), name("bob").to_lowercase());
        assert!(name("../etc").starts_with("_etc-"), "{}", name("../etc"));
    }
}
