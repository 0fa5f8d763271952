//! Inputs that once crashed, hung or misbehaved (found by fuzzing or review) are run again
//! on every `cargo test`: each must end in a result or a clean error, within seconds.
//!
//! Add a file to tests/fuzz_regressions/spec/ (a spec's bytes) or answer/ (an answer's
//! text) to keep a new finding.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use nnhw_core::{Tolerance, Value};
// Links every section crate, so every kind is registered.
use runner as _;

fn inputs(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz_regressions")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn spec_findings_end_cleanly() {
    let files = inputs("spec");
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            // A panic fails the test; an Err is the clean outcome for bad input.
            if let Ok(solved) = nnhw_grade::solve_text("regression.toml", text, true) {
                let _ = nnhw_core::render::text(&solved);
                for answer in &solved.report.answers {
                    assert!(
                        finite(&answer.value),
                        "{}: {} is not finite",
                        path.display(),
                        answer.name
                    );
                }
            }
        }
    }
}

/// Answers carry no nan, and no infinity except an unbounded area.
fn finite(value: &Value) -> bool {
    match value {
        Value::Number(x) => !x.is_nan(),
        Value::List(items) | Value::Set(items) => items.iter().all(finite),
        _ => true,
    }
}

#[test]
fn answer_findings_end_cleanly() {
    let files = inputs("answer");
    assert!(!files.is_empty());
    let answers = nnhw_grade::specimens::answers();
    for path in files {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for answer in &answers {
            let _ = nnhw_grade::judge(answer, &text, &Tolerance::default());
        }
    }
}
