//! One submission graded: the student found, their answer file read, graded by
//! nnhw-gradebook against their specs, and `results/results.json` ([`ResultsJson`])
//! written whole.

use std::path::{Path, PathBuf};
use std::time::Instant;

use nnhw_gradebook::json::TestJson;
use nnhw_gradebook::{Book, Options};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::config::{Config, FORMAT_VERSION, Student};
use crate::error::Error;
use crate::metadata::{self, User};
use crate::submission;

/// The most of autograder.json read.
const MAX_CONFIG_BYTES: u64 = 64 << 20;

/// What a submission got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Points scored; 0 when the submission could not be graded.
    pub score: usize,
    /// Points possible, when it was graded.
    pub max_score: Option<usize>,
    /// The results file written.
    pub written: PathBuf,
    /// The message shown to the student above the tests.
    pub output: String,
}

/// The `results/results.json` the autograder writes for Gradescope. Fields in
/// alphabetical order, the order the file had before it was typed (README quotes it).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "nnhw autograder results.json", deny_unknown_fields)]
pub struct ResultsJson {
    /// Seconds the grading took.
    pub execution_time: u64,
    /// Who and what, for staff; absent when nothing was graded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_data: Option<ExtraJson>,
    /// What the student reads above the tests.
    pub output: String,
    /// Answers right, over every spec the student is asked; 0 when nothing was graded.
    pub score: usize,
    /// `hidden`: the runner's own output is for staff.
    pub stdout_visibility: String,
    /// One per answer, `<spec>: <NAME>`, worth one point.
    pub tests: Vec<TestJson>,
    /// When the student sees the result, as the export set it.
    #[schemars(extend("enum" = ["visible", "hidden", "after_due_date", "after_published"]))]
    pub visibility: String,
}

/// A graded submission's `extra_data`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExtraJson {
    /// The answer file, as the student named it.
    pub file: String,
    /// Points possible (Gradescope's own comes from the assignment).
    pub max_score: Option<usize>,
    /// The nnhw that exported the autograder.
    pub nnhw: String,
    /// The roster's student it was graded as.
    pub student: String,
}

/// What gradebook wrote for the student, as read back.
#[derive(Deserialize)]
struct Merged {
    score: usize,
    max_score: usize,
    output: String,
    tests: Vec<TestJson>,
}

/// Grades the submission under `root` (Gradescope's `/autograder`) and writes
/// `root/results/results.json`. Whatever is wrong with the submission or the autograder
/// is said in that file's `output`, scored 0; `Err` only when the file could not be
/// written.
pub fn autograde(root: &Path) -> Result<Outcome, Error> {
    let started = Instant::now();
    let (mut results, max_score) = match graded(root) {
        Ok(graded) => graded,
        Err(message) => (
            ResultsJson {
                score: 0,
                output: message,
                // Said at once whatever the tests' visibility: the student must resubmit.
                visibility: "visible".into(),
                stdout_visibility: String::new(),
                execution_time: 0,
                tests: Vec::new(),
                extra_data: None,
            },
            None,
        ),
    };
    results.execution_time = started.elapsed().as_secs();
    // run_autograder's own output is for staff; everything for students is in results.
    results.stdout_visibility = "hidden".into();
    let written = write(&root.join("results"), &results)?;
    Ok(Outcome {
        score: results.score,
        max_score,
        written,
        output: results.output,
    })
}

/// The results of a submission that could be graded, with its max_score; `Err` is what
/// to tell the student instead.
fn graded(root: &Path) -> Result<(ResultsJson, Option<usize>), String> {
    let config = config(&root.join("source/nnhw/autograder.json"))?;
    let users = metadata::users(&root.join("submission_metadata.json"))
        .map_err(|e| format!("this autograder cannot tell who submitted: {e}"))?;
    let (student, user) = whose(&config, &users)?;
    let found = submission::find(&root.join("submission"))?;
    let specs = root.join("source/nnhw/specs");
    let mut solved = Vec::new();
    for name in config.common.iter().chain(&student.specs) {
        let path = specs.join(name);
        let spec =
            nnhw_grade::solve_file(&path, &format!("specs/{name}"), nnhw_core::Figures::None)
                .map_err(|e| broken(&e.to_string()))?;
        if !spec.all_passed() {
            return Err(broken(&format!(
                "specs/{name}: its key does not match its solver"
            )));
        }
        solved.push(spec);
    }
    let book = Book::new(solved);
    let problems: Vec<String> = book.labels().map(str::to_string).collect();
    let bytes =
        submission::read_bounded(&found.path, submission::MAX_ANSWER_BYTES, "an answer file")?;
    let rows = submission::rows(&found, bytes, &problems)?;
    let options = Options {
        reveal: config.reveal,
        roster: Some(vec![student.id.clone()]),
        as_student: Some(student.id.clone()),
        ..Options::default()
    };
    let dir = tempfile::tempdir().map_err(|e| broken(&format!("no temporary folder: {e}")))?;
    let mut messages = Vec::new();
    let summary = nnhw_gradebook::write_results(
        &book,
        rows.as_slice(),
        &found.shown,
        &options,
        dir.path(),
        &mut messages,
    )
    .map_err(|e| e.to_string())?;
    let merged = read_results(dir.path())?;
    let visibility = config.visibility.word();
    let mut tests = merged.tests;
    for test in &mut tests {
        test.visibility = visibility.into();
    }
    // Gradescope documents no top-level max_score: the assignment's points are set on
    // Gradescope, and the tests' max_scores add up to them.
    let max_score = Some(merged.max_score);
    let mut output = vec![format!(
        "Graded as {} ({}) from {}.",
        nnhw_grade::clip(&student.id, 60),
        user.shown(),
        nnhw_grade::clip(&found.shown, 80)
    )];
    if summary.graded == 0 {
        output.push(format!(
            "No answers to this assignment's problems were found in {}: each row names its \
             problem ({}).",
            nnhw_grade::clip(&found.shown, 80),
            problems.join(", ")
        ));
    }
    output.push(merged.output);
    // What gradebook reported of the rows, but the roster's line about a student with
    // no row: said above in the student's own words.
    let reported = String::from_utf8_lossy(&messages);
    output.extend(
        reported
            .lines()
            .filter(|l| !l.contains("on the roster submitted nothing"))
            .take(40)
            .map(|l| nnhw_grade::clip(l, 300)),
    );
    let results = ResultsJson {
        score: merged.score,
        output: output.join("\n"),
        visibility: visibility.into(),
        stdout_visibility: String::new(),
        execution_time: 0,
        tests,
        extra_data: Some(ExtraJson {
            student: student.id.clone(),
            file: found.shown.clone(),
            max_score,
            nnhw: config.exported_by.clone(),
        }),
    };
    Ok((results, max_score))
}

/// The message for a fault of the autograder, not of the submission.
fn broken(what: &str) -> String {
    format!(
        "this autograder is broken ({what}); nothing was graded. Staff: export it again with \
         `runner export gradescope`."
    )
}

fn config(path: &Path) -> Result<Config, String> {
    let bytes = submission::read_bounded(path, MAX_CONFIG_BYTES, "autograder.json")
        .map_err(|e| broken(&e))?;
    let config: Config = serde_json::from_slice(&bytes)
        .map_err(|e| broken(&format!("nnhw/autograder.json: {e}")))?;
    if config.format_version != FORMAT_VERSION {
        return Err(broken(&format!(
            "nnhw/autograder.json has format_version {}, and this runner reads {FORMAT_VERSION}",
            config.format_version
        )));
    }
    Ok(config)
}

/// The roster's student the submission is from, and the user that found them.
fn whose<'c>(config: &'c Config, users: &[User]) -> Result<(&'c Student, User), String> {
    let mut matched: Vec<(&Student, &User)> = Vec::new();
    let mut unknown: Vec<&User> = Vec::new();
    for user in users {
        let found = config.find(user.email.as_deref(), user.sid.as_deref());
        if found.is_empty() {
            unknown.push(user);
        }
        for student in found {
            if !matched.iter().any(|(s, _)| s.id == student.id) {
                matched.push((student, user));
            }
        }
    }
    // Gradescope gives a group's score to every member: one the roster does not know
    // would be graded on someone else's variant.
    if !unknown.is_empty() || users.is_empty() {
        let who: Vec<String> = unknown.iter().map(|u| u.shown()).take(4).collect();
        let who = if who.is_empty() {
            "nobody (the submission names no user)".to_string()
        } else {
            who.join("; ")
        };
        let whose = if unknown.len() == 1 || users.is_empty() {
            "who is"
        } else {
            "who are"
        };
        return Err(format!(
            "This submission is from {who}, {whose} not on this assignment's roster, so \
             nnhw cannot tell which variant of the problems is yours; nothing was graded. \
             Ask course staff to add you to the roster and export the autograder again."
        ));
    }
    match matched.as_slice() {
        [(student, user)] => Ok((student, (*user).clone())),
        several => {
            let ids: Vec<String> = several
                .iter()
                .map(|(s, _)| nnhw_grade::clip(&s.id, 40))
                .collect();
            Err(format!(
                "This submission is from {} students on the roster ({}), and each has their \
                 own variants; nothing was graded. Submit on your own.",
                several.len(),
                ids.join(", ")
            ))
        }
    }
}

/// The one results.json that gradebook wrote below `dir`.
fn read_results(dir: &Path) -> Result<Merged, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| broken(&e.to_string()))?;
    for entry in entries.flatten() {
        let path = entry.path().join("results.json");
        if let Ok(bytes) = std::fs::read(&path) {
            return serde_json::from_slice(&bytes).map_err(|e| broken(&e.to_string()));
        }
    }
    Err(broken("the grading wrote no results"))
}

/// Writes `dir/results.json` whole (made beside it, then renamed), readable by all.
fn write(dir: &Path, results: &ResultsJson) -> Result<PathBuf, Error> {
    use std::io::Write;
    let path = dir.join("results.json");
    let fail = |e: std::io::Error| Error::unwritten(&path, e);
    std::fs::create_dir_all(dir).map_err(&fail)?;
    let text = serde_json::to_string_pretty(results)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".results-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder.tempfile_in(dir).map_err(&fail)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .and_then(|()| file.as_file().sync_all())
        .map_err(&fail)?;
    file.persist(&path).map_err(|e| fail(e.error))?;
    Ok(path)
}
