//! `runner export prairielearn`: for every homework spec with a [variants] table, the
//! question directory is checked in CPython by crates/prairielearn/tests/check_question.py
//! (server.py's keys against `runner variants`' keys for 200+ seeds, question.html's
//! elements and tolerances, info.json against PrairieLearn's schema, and the external
//! grader with right, wrong, hostile and missing answers); bad input exits 2 and writes
//! nothing; a directory that is not ours is never replaced.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{run_in, workspace};

use std::path::Path;

/// Every homework spec with a [variants] table.
const SPECS: &[&str] = &[
    "feedforward",
    "decision_boundaries",
    "nn_output",
    "inverse_temperature",
    "lstm1",
    "lstm2",
    "simple_network",
    "sgd",
];

const COUNT: &str = "20";
const SEED: &str = "7";

fn export(spec: &str, out: &Path) -> (i32, String, String) {
    let spec = workspace().join(format!("problems/{spec}.toml"));
    run_in(
        workspace(),
        &[
            "export",
            "prairielearn",
            spec.to_str().unwrap(),
            "--count",
            COUNT,
            "--seed",
            SEED,
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

fn check_spec(spec: &str) {
    let dir = tempfile::tempdir().unwrap();
    let question = dir.path().join("question");
    let variants = dir.path().join("variants");
    let (code, _, err) = export(spec, &question);
    assert_eq!(code, 0, "{spec}: {err}");
    assert!(
        err.contains("PrairieLearn question with 20 variants"),
        "{err}"
    );
    let path = workspace().join(format!("problems/{spec}.toml"));
    let (code, _, err) = run_in(
        workspace(),
        &[
            "variants",
            path.to_str().unwrap(),
            "--count",
            COUNT,
            "--seed",
            SEED,
            "--out",
            variants.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let script = workspace().join("crates/prairielearn/tests/check_question.py");
    let output = std::process::Command::new("python3")
        .args(["-I", "-S"])
        .arg(&script)
        .arg(&path)
        .arg(&question)
        .arg(&variants)
        .arg(env!("CARGO_BIN_EXE_runner"))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{spec}: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let external = ["decision_boundaries", "sgd"].contains(&spec);
    assert_eq!(
        stdout.contains("grade.py: right answers score 1"),
        external,
        "{spec}: {stdout}"
    );
}

#[test]
fn feedforward() {
    check_spec("feedforward");
}
#[test]
fn decision_boundaries() {
    check_spec("decision_boundaries");
}
#[test]
fn nn_output() {
    check_spec("nn_output");
}
#[test]
fn inverse_temperature() {
    check_spec("inverse_temperature");
}
#[test]
fn lstm1() {
    check_spec("lstm1");
}
#[test]
fn lstm2() {
    check_spec("lstm2");
}
#[test]
fn simple_network() {
    check_spec("simple_network");
}
#[test]
fn sgd() {
    check_spec("sgd");
}

#[test]
fn every_variants_spec_of_the_homework_is_checked() {
    for entry in std::fs::read_dir(workspace().join("problems")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if text.lines().any(|l| l.trim() == "[variants]") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(
                SPECS.contains(&stem.as_str()),
                "{stem} has [variants] but is not exported here"
            );
        }
    }
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q");
    // No [variants] table.
    let plain = workspace().join("problems/activation_functions.toml");
    let (code, _, err) = run_in(
        workspace(),
        &[
            "export",
            "prairielearn",
            plain.to_str().unwrap(),
            "--count",
            "3",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("variants"), "{err}");
    assert!(!out.exists());
    // A spec with an error names file, line:column and field.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "kind = \"nn.feedforward\"\n[params]\nx = [1, \"a\"]\n[variants]\nx = { integers = [0, 3] }\n").unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "export",
            "prairielearn",
            "bad.toml",
            "--count",
            "3",
            "--out",
            "q",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("bad.toml:"), "{err}");
    assert!(!out.exists());
    // A missing file.
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "export",
            "prairielearn",
            "missing.toml",
            "--count",
            "3",
            "--out",
            "q",
        ],
    );
    assert_eq!((code, err.lines().count()), (2, 1), "{err}");
    assert!(!out.exists());
}

#[test]
fn only_an_empty_directory_or_an_earlier_export_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q");
    // Someone's directory is left alone.
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let (code, _, err) = export("simple_network", &out);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    // An empty one is filled; a second export replaces the first whole.
    std::fs::remove_file(out.join("notes.txt")).unwrap();
    let (code, _, err) = export("simple_network", &out);
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_to_string(out.join("server.py")).unwrap();
    std::fs::write(out.join("stale.txt"), "left over").unwrap();
    let (code, _, err) = export("simple_network", &out);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("server.py")).unwrap(),
        first
    );
    assert!(!out.join("stale.txt").exists());
    // Nothing is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["q"]);
    // A file is not a directory.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let (code, _, _) = export("simple_network", &file);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}
