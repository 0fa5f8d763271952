//! One Gradescope `results.json` per student, merging every spec the student submitted:
//! `DIR/<student>/results.json`, tests named `<spec>: <NAME>`, scores summed.
//!
//! Unlike [`crate::grade`], this keeps every student's graded tests until the input
//! ends (a student's rows may be anywhere in it), so its memory grows with the class.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Value as Json, json};
use siphasher::sip::SipHasher13;

use crate::grading::{self, Graded, Processed};
use crate::output::test_json;
use crate::submissions::Submissions;
use crate::{Book, CHUNK, Error, Options, Summary, write_error};

/// One graded submission of a student.
struct Part {
    label: String,
    line: usize,
    score: usize,
    max_score: usize,
    tests: Vec<Json>,
}

fn part(graded: &Graded<'_>, reveal: bool) -> (String, Part) {
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
        line: graded.line,
        score: graded.score(),
        max_score: graded.max_score(),
        tests,
    };
    (graded.student.clone(), part)
}

/// Grades `input` as [`crate::grade`] does and writes one Gradescope `results.json` per
/// student under `dir` (`dir/<student>/results.json`, each written atomically), merging
/// the student's submissions: one test per graded answer, named `<spec>: <NAME>`, score
/// and max_score summed. `options.format` is not used.
///
/// A student who submits the same spec twice is reported, and the later row counts. A
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
    let mut rows = Submissions::open(input, source, options.shard)?;
    let mut summary = Summary::default();
    let mut students: BTreeMap<String, Vec<Part>> = BTreeMap::new();
    loop {
        let chunk = rows.chunk(CHUNK, &mut summary)?;
        if chunk.is_empty() {
            break;
        }
        let processed = grading::process(book, chunk, source, |g| part(g, options.reveal));
        for Processed { output, problems } in processed {
            let mut problems = problems;
            if let Some((student, part)) = output {
                summary.graded += 1;
                let parts = students.entry(student).or_default();
                if let Some(old) = parts.iter_mut().find(|p| p.label == part.label) {
                    let again = format!(
                        "this student submitted {} before (line {}); this row counts",
                        nnhw_grade::error::clip(&part.label, 60),
                        old.line
                    );
                    problems = Some(match problems {
                        Some(line) => format!("{line}; {again}"),
                        None => format!("{source}:{}: {again}", part.line),
                    });
                    *old = part;
                } else {
                    parts.push(part);
                }
            }
            if let Some(line) = problems {
                summary.problems += 1;
                writeln!(err, "{line}").map_err(write_error("the messages"))?;
            }
        }
    }
    let names = directory_names(students.keys().map(String::as_str));
    let mut files = Vec::with_capacity(students.len());
    for (student, parts) in &students {
        match names.get(student.as_str()) {
            Some(Some(name)) => files.push((dir.join(name), student.as_str(), parts)),
            _ => writeln!(
                err,
                "{source}: student `{}`: no directory name that no other student has; not written",
                nnhw_grade::error::clip(student, 60)
            )
            .map_err(write_error("the messages"))?,
        }
    }
    files
        .par_iter()
        .map(|(path, student, parts)| write_one(path, student, parts))
        .collect::<Result<Vec<()>, Error>>()?;
    Ok(summary)
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
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(&wrote)?;
    let text = serde_json::to_string_pretty(&results).map_err(|e| wrote(e.into()))?;
    file.write_all(text.as_bytes()).map_err(&wrote)?;
    file.write_all(b"\n").map_err(&wrote)?;
    file.persist(&path).map_err(|e| wrote(e.error))?;
    Ok(())
}

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
