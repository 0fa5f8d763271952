//! One Gradescope `results.json` per student, merging every spec the student submitted:
//! `DIR/<student>/results.json`, tests named `<spec>: <NAME>`, scores summed.
//!
//! Unlike the gradebook, these keep every student's graded tests until the input ends (a
//! student's rows may be anywhere in it), so with them memory grows with the class.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use nnhw_grade::clip;
use rayon::prelude::*;
use serde_json::{Value as Json, json};
use siphasher::sip::SipHasher13;

use crate::grading::Graded;
use crate::output::test_json;
use crate::{Book, Error, Options, Summary, write_error};

/// One graded submission of a student.
pub(crate) struct Part {
    label: String,
    /// The spec's file: two parts of one file are two submissions of one spec.
    file: String,
    pub(crate) line: usize,
    /// The line of the student's first submission of this spec, and how many there were.
    first: usize,
    count: usize,
    score: usize,
    max_score: usize,
    tests: Vec<Json>,
}

pub(crate) fn part(graded: &Graded<'_>, reveal: bool) -> (String, Part) {
    let label = &graded.entry.label;
    let tests = graded
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
    let part = Part {
        label: label.clone(),
        file: graded.entry.solved.file.clone(),
        line: graded.line,
        first: graded.line,
        count: 1,
        score: graded.score(),
        max_score: graded.max_score(),
        tests,
    };
    (graded.student.clone(), part)
}

/// Every student's graded submissions, gathered while [`crate::grade`] streams the
/// input (a student's rows may be anywhere in it), written once it ends.
#[derive(Default)]
pub(crate) struct Students {
    parts: BTreeMap<String, Vec<Part>>,
}

impl Students {
    /// Adds a student's part. A second submission of the same spec replaces the first
    /// (a resubmission), and the sentence saying so is returned to be reported.
    pub(crate) fn add(&mut self, student: String, part: Part) -> Option<String> {
        let parts = self.parts.entry(student.clone()).or_default();
        let Some(old) = parts.iter_mut().find(|p| p.file == part.file) else {
            parts.push(part);
            return None;
        };
        let again = resubmitted(old, &part, &student);
        *old = Part {
            first: old.first,
            count: old.count + 1,
            ..part
        };
        Some(again)
    }

    /// Writes `dir/<student>/results.json` for every student (see [`write_results`] for
    /// the names), each file whole.
    pub(crate) fn write(&self, dir: &Path, source: &str, err: &mut dyn Write) -> Result<(), Error> {
        let names = directory_names(self.parts.keys().map(String::as_str));
        let mut files = Vec::with_capacity(self.parts.len());
        for (student, parts) in &self.parts {
            match names.get(student.as_str()) {
                Some(Some(name)) => files.push((dir.join(name), student.as_str(), parts)),
                _ => writeln!(
                    err,
                    "{source}: student `{}`: no directory name that no other student has; not written",
                    clip(student, 60)
                )
                .map_err(write_error("the messages"))?,
            }
        }
        files
            .par_iter()
            .map(|(path, student, parts)| write_one(path, student, parts))
            .collect::<Result<Vec<()>, Error>>()?;
        Ok(())
    }
}

/// Grades `input` as [`crate::grade`] does with `options.results` set to `dir`, writing
/// only the per-student files: one Gradescope `results.json` per student
/// (`dir/<student>/results.json`, each written atomically), merging the student's
/// submissions: one test per graded answer, named `<spec>: <NAME>`, score and max_score
/// summed.
///
/// Every problem row is reported on `err` as [`crate::grade`] reports it, and so is a
/// student's second submission of a spec (`source:LINE: a second submission of SPEC by
/// STUDENT (the first is on line N); the later one counts`), which replaces the first. A
/// student id that is not a safe directory name (only `A-Z a-z 0-9 . _ - @`, not starting
/// with `.`, at most 100 bytes), or that differs only in case from another, gets its
/// directory name made safe and followed by `-` and 16 hex digits of its hash.
pub fn write_results(
    book: &Book,
    input: impl Read,
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

/// `a second submission of SPEC by STUDENT (the first is on line N); the later one counts`.
fn resubmitted(old: &Part, new: &Part, student: &str) -> String {
    let nth = match old.count + 1 {
        2 => "second".to_string(),
        3 => "third".to_string(),
        n => format!("{n}th"),
    };
    format!(
        "a {nth} submission of {} by {} (the first is on line {}); the later one counts",
        clip(&new.label, 60),
        clip(student, 40),
        old.first
    )
}

fn write_one(folder: &Path, student: &str, parts: &[Part]) -> Result<(), Error> {
    let path = folder.join("results.json");
    let target = path.display().to_string();
    let wrote = write_error(&target);
    let listed: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}/{}", p.label, p.score, p.max_score))
        .collect();
    let tests: Vec<&Json> = parts.iter().flat_map(|p| &p.tests).collect();
    let results = json!({
        "score": parts.iter().map(|p| p.score).sum::<usize>(),
        "max_score": parts.iter().map(|p| p.max_score).sum::<usize>(),
        "output": format!("Graded: {}", listed.join(", ")),
        "tests": tests,
        "extra_data": { "student": student },
    });
    std::fs::create_dir_all(folder).map_err(&wrote)?;
    let mut file = new_file().tempfile_in(folder).map_err(&wrote)?;
    let text = serde_json::to_string_pretty(&results).map_err(|e| wrote(e.into()))?;
    file.write_all(text.as_bytes()).map_err(&wrote)?;
    file.write_all(b"\n").map_err(&wrote)?;
    file.persist(&path).map_err(|e| wrote(e.error))?;
    Ok(())
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

/// Each student's directory name; `None` for the (astronomically unlikely) names that
/// still coincide, ignoring case, after hashing.
fn directory_names<'s>(
    students: impl Iterator<Item = &'s str> + Clone,
) -> HashMap<&'s str, Option<PathBuf>> {
    let mut plain: HashMap<String, usize> = HashMap::new();
    for s in students.clone().filter(|s| safe(s)) {
        *plain.entry(s.to_ascii_lowercase()).or_default() += 1;
    }
    let chosen: Vec<(&str, String)> = students
        .map(|s| {
            let alone = safe(s) && plain.get(&s.to_ascii_lowercase()) == Some(&1);
            (s, if alone { s.to_string() } else { hashed(s) })
        })
        .collect();
    let mut taken: HashMap<String, usize> = HashMap::new();
    for (_, name) in &chosen {
        *taken.entry(name.to_ascii_lowercase()).or_default() += 1;
    }
    chosen
        .into_iter()
        .map(|(s, name)| {
            let unique = taken.get(&name.to_ascii_lowercase()) == Some(&1);
            (s, unique.then(|| PathBuf::from(name)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_names_are_safe_and_distinct() {
        let students = ["alice", "Bob", "bob", "../etc", "a b", ".hidden", "zoë"];
        let names = directory_names(students.iter().copied());
        let name = |s: &str| names[s].clone().unwrap().display().to_string();
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
