//! `runner export gradescope` end to end: the zip is unpacked into a temporary folder
//! laid out as Gradescope's `/autograder`, `run_autograder` is run there (moved with
//! NNHW_AUTOGRADER_ROOT) for right, wrong, missing, hostile and oversized submissions and
//! for students the roster does not know, and every results.json is checked against
//! Gradescope's documented format (gradescope-autograders.readthedocs.io, "Autograder
//! Specifications": the top-level fields and each test's).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value as Json;

/// Every homework spec with a `[variants]` table, and one that has none.
const SPECS: [&str; 9] = [
    "feedforward.toml",
    "decision_boundaries.toml",
    "nn_output.toml",
    "inverse_temperature.toml",
    "lstm1.toml",
    "lstm2.toml",
    "simple_network.toml",
    "sgd.toml",
    "backprop_error.toml",
];

const ROSTER: &str = "student,name,Email,SID\ns2601,Ada,ada@uni.edu,1001\ns2602,Ben,ben@uni.edu,\ns2603,Cleo,,1003\n";

/// The zip, exported once for every test.
fn exported() -> &'static (tempfile::TempDir, PathBuf) {
    static ZIP: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    ZIP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("roster.csv"), ROSTER).unwrap();
        let problems = common::workspace().join("problems");
        let mut args = vec![
            "export".to_string(),
            "gradescope".into(),
            "--roster".into(),
            "roster.csv".into(),
            "--out".into(),
            "autograder.zip".into(),
        ];
        args.extend(SPECS.iter().map(|s| problems.join(s).display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = common::run_in(dir.path(), &args);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("autograder.zip written for 3 students on the roster, each with their own variant of 8 problems (24 variants drawn with seed 0); 1 spec everyone is asked"),
            "{err}"
        );
        let zip = dir.path().join("autograder.zip");
        (dir, zip)
    })
}

/// The zip unpacked once; each test's `source/` is made of hard links to it (a debug
/// runner is over 100 MB).
fn unpacked() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::open(&exported().1).unwrap();
        zip::ZipArchive::new(file)
            .unwrap()
            .extract(dir.path())
            .unwrap();
        dir
    })
    .path()
}

fn link_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            link_tree(&entry.path(), &target);
        } else {
            std::fs::hard_link(entry.path(), target).unwrap();
        }
    }
}

/// A fresh `/autograder`: the zip in source/, the metadata for `users`, `files` in
/// submission/.
struct Autograder {
    root: tempfile::TempDir,
}

impl Autograder {
    fn new(users: Json) -> Autograder {
        let root = tempfile::tempdir().unwrap();
        link_tree(unpacked(), &root.path().join("source"));
        std::fs::create_dir(root.path().join("submission")).unwrap();
        let metadata = serde_json::json!({
            "id": 123456,
            "created_at": "2026-12-07T14:22:32.365935-07:00",
            "assignment": {"id": 25828, "title": "Homework", "total_points": "20.0"},
            "submission_method": "upload",
            "users": users,
            "previous_submissions": [],
        });
        std::fs::write(
            root.path().join("submission_metadata.json"),
            metadata.to_string(),
        )
        .unwrap();
        Autograder { root }
    }

    fn of(email: &str) -> Autograder {
        Autograder::new(serde_json::json!([{"email": email, "id": 1234, "name": "Student User"}]))
    }

    fn submit(&self, name: &str, bytes: &[u8]) -> &Self {
        let path = self.root.path().join("submission").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Runs `run_autograder` as Gradescope does (from the root); the results.
    fn run(&self) -> Json {
        let output = std::process::Command::new("sh")
            .arg(self.root.path().join("source/run_autograder"))
            .env("NNHW_AUTOGRADER_ROOT", self.root.path())
            .current_dir(self.root.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = std::fs::read_to_string(self.root.path().join("results/results.json")).unwrap();
        let results: Json = serde_json::from_str(&text).unwrap();
        if let Err(e) = documented(&results) {
            panic!("{e}: {text}");
        }
        results
    }

    /// The student's own spec files in the unpacked zip, with their text.
    fn specs_of(&self, student: &str) -> Vec<(String, toml::Table)> {
        let config: Json = serde_json::from_str(
            &std::fs::read_to_string(self.root.path().join("source/nnhw/autograder.json")).unwrap(),
        )
        .unwrap();
        let theirs = config["students"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == student)
            .unwrap()["specs"]
            .as_array()
            .unwrap()
            .iter()
            .chain(config["common"].as_array().unwrap())
            .map(|f| f.as_str().unwrap().to_string())
            .collect::<Vec<_>>();
        theirs
            .into_iter()
            .map(|f| {
                let text =
                    std::fs::read_to_string(self.root.path().join("source/nnhw/specs").join(&f))
                        .unwrap();
                (f, text.parse::<toml::Table>().unwrap())
            })
            .collect()
    }
}

/// Checks `results` against Gradescope's documented results.json: only documented
/// fields, each of its documented type and values.
fn documented(results: &Json) -> Result<(), String> {
    const VISIBILITY: [&str; 4] = ["hidden", "after_due_date", "after_published", "visible"];
    const FORMATS: [&str; 5] = ["text", "html", "simple_format", "md", "ansi"];
    let top = results.as_object().ok_or("not an object")?;
    for (key, value) in top {
        let ok = match key.as_str() {
            "score" | "execution_time" => value.is_number(),
            "output" => value.is_string(),
            "output_format" | "test_output_format" | "test_name_format" => {
                FORMATS.contains(&value.as_str().unwrap_or(""))
            }
            "visibility" | "stdout_visibility" => {
                VISIBILITY.contains(&value.as_str().unwrap_or(""))
            }
            "extra_data" => value.is_object(),
            "tests" => value.is_array(),
            "leaderboard" => value.is_array(),
            _ => false,
        };
        if !ok {
            return Err(format!("top-level `{key}`: {value} is not as documented"));
        }
    }
    let tests = top.get("tests").and_then(Json::as_array);
    if !top.contains_key("score")
        && tests.is_none_or(|t| t.iter().any(|t| t.get("score").is_none()))
    {
        return Err("a score is needed at the top or on every test".into());
    }
    for test in tests.into_iter().flatten() {
        let test = test.as_object().ok_or("a test that is not an object")?;
        for (key, value) in test {
            let ok = match key.as_str() {
                "score" | "max_score" => value.is_number(),
                "status" => ["passed", "failed"].contains(&value.as_str().unwrap_or("")),
                "name" | "number" | "output" => value.is_string(),
                "name_format" | "output_format" => FORMATS.contains(&value.as_str().unwrap_or("")),
                "tags" => value
                    .as_array()
                    .is_some_and(|t| t.iter().all(Json::is_string)),
                "visibility" => VISIBILITY.contains(&value.as_str().unwrap_or("")),
                "extra_data" => value.is_object(),
                _ => false,
            };
            if !ok {
                return Err(format!("test `{key}`: {value} is not as documented"));
            }
        }
    }
    Ok(())
}

/// A file uploaded: its path below submission/ and its bytes.
type Upload<'a> = (&'a str, &'a [u8]);

/// Asserts that the results' output says `text`.
fn said(results: &Json, text: &str) {
    let output = results["output"].as_str().unwrap_or_default();
    assert!(output.contains(text), "{text:?} not in {results:#}");
}

fn score(results: &Json) -> (u64, u64) {
    let tests = results["tests"].as_array().unwrap();
    let max: u64 = tests.iter().map(|t| t["max_score"].as_u64().unwrap()).sum();
    (results["score"].as_u64().unwrap(), max)
}

/// The student's keys as a TOML answer file: one table per problem.
fn keys_as_toml(
    grader: &Autograder,
    student: &str,
    change: impl Fn(&toml::Value) -> toml::Value,
) -> String {
    let mut file = toml::Table::new();
    for (name, spec) in grader.specs_of(student) {
        let label = spec
            .get("variant")
            .and_then(toml::Value::as_str)
            .map_or_else(
                || name.trim_end_matches(".toml").to_string(),
                str::to_string,
            );
        let expected = spec["expected"].as_table().unwrap();
        let answers: toml::Table = expected
            .iter()
            .map(|(k, v)| (k.clone(), change(v)))
            .collect();
        file.insert(label, toml::Value::Table(answers));
    }
    toml::to_string(&file).unwrap()
}

#[test]
fn right_answers_score_everything_and_wrong_ones_reveal_nothing() {
    let grader = Autograder::of("ADA@uni.edu");
    grader.submit(
        "answers.toml",
        keys_as_toml(&grader, "s2601", Clone::clone).as_bytes(),
    );
    let results = grader.run();
    let (got, max) = score(&results);
    assert_eq!(got, max, "{results:#}");
    assert_eq!(max, 18, "{results:#}");
    assert_eq!(results["extra_data"]["student"], "s2601");
    assert!(
        results["output"]
            .as_str()
            .unwrap()
            .starts_with("Graded as s2601 (email ADA@uni.edu) from answers.toml.")
    );

    // Every number off by a tenth, every text answer garbled: nothing right, no key shown.
    let wrong = |v: &toml::Value| -> toml::Value {
        fn off(v: &toml::Value) -> toml::Value {
            match v {
                toml::Value::Float(f) => toml::Value::Float(f + 0.1),
                toml::Value::Integer(i) => toml::Value::Float(*i as f64 + 0.1),
                toml::Value::Array(items) => toml::Value::Array(items.iter().map(off).collect()),
                toml::Value::String(_) => toml::Value::String("x+1".into()),
                other => other.clone(),
            }
        }
        off(v)
    };
    let grader = Autograder::of("ada@uni.edu");
    grader.submit(
        "answers.toml",
        keys_as_toml(&grader, "s2601", wrong).as_bytes(),
    );
    let results = grader.run();
    assert_eq!(score(&results).0, 0, "{results:#}");
    let text = results.to_string();
    for (_, spec) in grader.specs_of("s2601") {
        for (name, value) in spec["expected"].as_table().unwrap() {
            let mut numbers = Vec::new();
            collect_numbers(value, &mut numbers);
            for n in numbers
                .iter()
                .filter(|n| n.abs() > 1e-3 && n.fract() != 0.0)
            {
                for shown in [format!("{n:.3}"), format!("{n:.4}"), n.to_string()] {
                    assert!(!text.contains(&shown), "{name}'s key {shown} shown: {text}");
                }
            }
        }
    }
}

fn collect_numbers(value: &toml::Value, out: &mut Vec<f64>) {
    match value {
        toml::Value::Float(f) => out.push(*f),
        toml::Value::Array(items) => items.iter().for_each(|v| collect_numbers(v, out)),
        _ => {}
    }
}

#[test]
fn the_handouts_csv_and_json_are_read_and_rows_are_the_submitters_own() {
    // Ben's CSV as his handout gives it, one row with someone else's id in it.
    let grader = Autograder::of("ben@uni.edu");
    let keys = grader.specs_of("s2602");
    let (_, simple) = keys
        .iter()
        .find(|(f, _)| f.starts_with("simple_network"))
        .unwrap();
    let e = simple["expected"].as_table().unwrap();
    let csv = format!(
        "student,spec,loss,dC_dw1,dC_dw2,dC_db\ns2601,simple_network,{},{},{},{}\n",
        e["loss"], e["dC_dw1"], e["dC_dw2"], e["dC_db"]
    );
    grader.submit("answers.csv", csv.as_bytes());
    let results = grader.run();
    assert_eq!(score(&results).0, 4, "{results:#}");
    let output = results["output"].as_str().unwrap();
    assert!(
        output.contains("the row names student `s2601`; graded as s2602's"),
        "{output}"
    );
    // A problem not submitted is there, scored 0, every answer missing.
    let missing = results["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["output"] == "missing: no answer given")
        .count();
    assert_eq!(missing, 14, "{results:#}");
    // The same file with an old Mac's line ends, CR alone.
    let grader = Autograder::of("ben@uni.edu");
    grader.submit("answers.csv", csv.replace('\n', "\r").as_bytes());
    assert_eq!(score(&grader.run()).0, 4);

    // JSON: one object problem → answers, by SID (Cleo has no email on the roster).
    let grader = Autograder::new(
        serde_json::json!([{"email": "cleo.personal@mail.com", "sid": "1003", "name": "Cleo"}]),
    );
    let json = serde_json::json!({"lstm1": {"h": "[0, 0, 1, -1, 1, 0]"}});
    grader.submit("work/answers.json", json.to_string().as_bytes());
    grader.submit("work/notes.pdf", b"%PDF");
    let results = grader.run();
    assert_eq!(results["extra_data"]["student"], "s2603", "{results:#}");
    assert!(score(&results).1 == 18);
}

#[test]
fn a_submission_that_cannot_be_graded_says_why_and_scores_zero() {
    let refused = |grader: &Autograder| -> String {
        let results = grader.run();
        assert_eq!(results["score"], 0, "{results:#}");
        assert_eq!(results["tests"].as_array().unwrap().len(), 0, "{results:#}");
        assert_eq!(results["visibility"], "visible");
        results["output"].as_str().unwrap().to_string()
    };
    // Not on the roster; two students at once; nobody.
    let out = refused(&Autograder::of("eve@elsewhere.org"));
    assert!(
        out.contains("email eve@elsewhere.org, who is not on this assignment's roster"),
        "{out}"
    );
    let out = refused(&Autograder::new(
        serde_json::json!([{"email": "ada@uni.edu"}, {"email": "ben@uni.edu"}]),
    ));
    assert!(
        out.contains("2 students on the roster (s2601, s2602)"),
        "{out}"
    );
    let out = refused(&Autograder::new(
        serde_json::json!([{"email": "ben@uni.edu"}, {"email": "eve@elsewhere.org"}]),
    ));
    assert!(
        out.contains("from email eve@elsewhere.org, who is not on"),
        "{out}"
    );
    let out = refused(&Autograder::new(serde_json::json!([])));
    assert!(out.contains("nobody"), "{out}");
    // Nothing, something else, two answer files.
    let out = refused(&Autograder::of("ada@uni.edu"));
    assert!(
        out.contains("the submission is empty; upload one answer file"),
        "{out}"
    );
    // What Ada uploads (files and their bytes), and what she is told.
    let cases: [(&[Upload], &str); 9] = [
        (
            &[("hw.pdf", b"%PDF"), ("notes.txt", b"x")],
            "no answer file among the files submitted (hw.pdf, notes.txt)",
        ),
        (
            &[("a.csv", b"student,spec\n"), ("b.toml", b"")],
            "2 answer files were submitted (a.csv, b.toml)",
        ),
        (
            &[("answers.csv", &[b'1'; 5 << 20])],
            "answers.csv is 5242880 bytes, more than the 4 MB",
        ),
        (
            &[("answers.toml", b"[lstm1]\nh = [1, 2\n")],
            "answers.toml:2:",
        ),
        (
            &[("answers.toml", b"loss = 0.3\n")],
            "`loss` outside any problem's table",
        ),
        (
            &[(
                "answers.json",
                b"{\"simple_network\": {\"loss\": 0.3,\n \"dC_db\": 1e400}}",
            )],
            "answers.json:2:15: not JSON that can be read: number out of range",
        ),
        // A CSV without the header, or with semicolons: gradebook's own messages.
        (
            &[("answers.csv", b"0.1,0.2\n")],
            "answers.csv:1: it is `0.1,0.2`",
        ),
        (
            &[("answers.csv", b"student;spec;loss\n;simple_network;0,3\n")],
            "separated by `;`: save the CSV with commas",
        ),
        (
            &[("deep/a/b/c/d/e/f/answers.csv", b"student,spec\n")],
            "no answer file within 6 folders of the submission's top",
        ),
    ];
    for (files, said) in cases {
        let grader = Autograder::of("ada@uni.edu");
        for (name, bytes) in files {
            grader.submit(name, bytes);
        }
        let out = refused(&grader);
        assert!(out.contains(said), "{files:?}: {out}");
    }
}

#[cfg(unix)]
#[test]
fn hostile_files_are_never_followed_read_whole_or_waited_on() {
    use std::os::unix::fs::symlink;
    // A link to a file outside, and a FIFO nobody writes to: neither is read.
    let grader = Autograder::of("ada@uni.edu");
    symlink(
        "/etc/passwd",
        grader.root.path().join("submission/answers.csv"),
    )
    .unwrap();
    said(&grader.run(), "answers.csv is a link or not a regular file");
    let grader = Autograder::of("ada@uni.edu");
    let fifo = grader.root.path().join("submission/answers.jsonl");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    said(
        &grader.run(),
        "answers.jsonl is a link or not a regular file",
    );
    // Bytes that are no text, a line of a megabyte and more, control characters: graded
    // as far as they go, never a crash.
    let grader = Autograder::of("ada@uni.edu");
    let mut bytes = b"student,spec,h\n,lstm1,\"[0, 0\xff, 1]\"\n,lstm2,".to_vec();
    bytes.extend(vec![b'9'; 1_100_000]);
    bytes.extend(b"\n\x00\x1b[31m,,\n");
    grader.submit("answers.csv", &bytes);
    let results = grader.run();
    assert_eq!(score(&results), (0, 18), "{results:#}");
    let output = results["output"].as_str().unwrap();
    assert!(output.contains("not UTF-8"), "{output}");
    // Metadata that is not Gradescope's.
    let grader = Autograder::of("ada@uni.edu");
    std::fs::write(
        grader.root.path().join("submission_metadata.json"),
        b"{\"users\": 5}",
    )
    .unwrap();
    said(&grader.run(), "cannot tell who submitted");
    // Rows that name no problem of hers: every problem is missing, and she is told so in
    // her own words, not in the class roster's.
    let grader = Autograder::of("ada@uni.edu");
    grader.submit("answers.csv", b"student,spec,loss\n,lstm9,0.3\n");
    let results = grader.run();
    said(
        &results,
        "No answers to this assignment's problems were found in answers.csv",
    );
    assert!(
        !results["output"]
            .as_str()
            .unwrap()
            .contains("on the roster"),
        "{results:#}"
    );
    assert_eq!(score(&results), (0, 18), "{results:#}");
}

#[test]
fn export_refuses_what_would_grade_someone_wrongly_and_writes_the_same_bytes_again() {
    let dir = tempfile::tempdir().unwrap();
    let spec = common::workspace().join("problems/simple_network.toml");
    let spec = spec.display().to_string();
    let run = |roster: &str, extra: &[&str]| {
        std::fs::write(dir.path().join("r.csv"), roster).unwrap();
        let mut args = vec![
            "export",
            "gradescope",
            "--roster",
            "r.csv",
            "--out",
            "a.zip",
        ];
        args.extend(extra);
        args.push(&spec);
        common::run_in(dir.path(), &args)
    };
    let (code, _, err) = run("student,email\ns1,a@x.org\ns2,A@X.org\n", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("r.csv:3:1: email a@x.org also finds s1 on line 2"),
        "{err}"
    );
    // An id that is an email counts as one, in any case.
    let (code, _, err) = run("student,email\nBen@uni.edu,\ns2,ben@uni.edu\n", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("r.csv:3:1: email ben@uni.edu also finds Ben@uni.edu on line 2"),
        "{err}"
    );
    // --out onto something that is not a regular file is refused, never replaced.
    std::fs::create_dir(dir.path().join("d.zip")).unwrap();
    std::fs::write(dir.path().join("r.csv"), "s1\n").unwrap();
    let (code, _, err) = common::run_in(
        dir.path(),
        &[
            "export",
            "gradescope",
            "--roster",
            "r.csv",
            "--out",
            "d.zip",
            &spec,
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("d.zip: exists and is not a regular file"),
        "{err}"
    );
    let (code, _, err) = run("s1\n", &["--runner", "r.csv"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("r.csv is not a Linux x86-64 executable"),
        "{err}"
    );
    assert!(!dir.path().join("a.zip").exists());
    // The runner shipped is not run here: the start of an x86-64 ELF file will do, and
    // saves deflating a debug build twice.
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.resize(64, 0);
    elf[18] = 62;
    std::fs::write(dir.path().join("elf"), elf).unwrap();
    let (code, _, err) = run("s1\ns2\n", &["--runner", "elf"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: no student has an email"), "{err}");
    let first = std::fs::read(dir.path().join("a.zip")).unwrap();
    let (code, _, _) = run("s1\ns2\n", &["--runner", "elf"]);
    assert_eq!(code, 0);
    assert!(
        first == std::fs::read(dir.path().join("a.zip")).unwrap(),
        "the zip differs between runs"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn setup_sh_and_run_autograder_are_executable_at_the_zips_root() {
    let file = std::fs::File::open(&exported().1).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    for name in ["setup.sh", "run_autograder", "runner"] {
        let entry = zip.by_name(name).unwrap();
        assert_eq!(entry.unix_mode().unwrap() & 0o777, 0o755, "{name}");
    }
    let setup = std::io::read_to_string(zip.by_name("setup.sh").unwrap()).unwrap();
    assert!(setup.starts_with("#!/usr/bin/env bash\n"), "{setup}");
    // runner autograde elsewhere than an autograder's folder writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = common::run_in(dir.path(), &["autograde", "--root", "nowhere"]);
    assert_eq!(code, 2);
    assert!(err.contains("nowhere: not an autograder's folder"), "{err}");
    assert!(!Path::new(dir.path()).join("nowhere").exists());
}

/// The runner shipped to Gradescope (Ubuntu 22.04: glibc 2.35) and to PrairieLearn's
/// Python grader (Amazon Linux 2023: glibc 2.34) must start there: no symbol of a newer
/// glibc (`f64::hypot` alone once asked for 2.35).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_runner_needs_no_glibc_newer_than_2_34() {
    let bytes = std::fs::read(env!("CARGO_BIN_EXE_runner")).unwrap();
    let needle = b"GLIBC_2.";
    let mut newest = 0u32;
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(needle.len()).position(|w| w == needle) {
        let start = at + i + needle.len();
        let digits: String = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .map(|&b| b as char)
            .collect();
        if let Ok(minor) = digits.parse::<u32>() {
            newest = newest.max(minor);
        }
        at = start;
    }
    assert!(newest >= 2, "no glibc versions found in the runner");
    assert!(newest <= 34, "the runner needs glibc 2.{newest}");
}
