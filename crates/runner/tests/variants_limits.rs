//! How many variants a `[variants]` table allows, and when two variants repeat: keys are
//! judged at the spec's tolerance, not compared as text, and a class larger than the
//! table allows is refused before any student's draws.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

fn variants(dir: &Path, spec: &str, count: usize, out: &str) -> (i32, String) {
    let (code, _, err) = common::run_in(
        dir,
        &[
            "variants",
            spec,
            "--count",
            &count.to_string(),
            "--out",
            out,
        ],
    );
    (code, err)
}

/// Five draws, three of whose keys differ only in float noise: o = softmax(x₁ + x₂, 0.3)
/// is [0.5, 0.5] for x = (0.3, 0) and [0.5000000000000001, 0.49999999999999994] for
/// x = (0.1, 0.2), which a student could hand in for each other. Two variants at most.
const NOISE: &str = r#"kind = "nn.feedforward"
tolerance = { decimals = 9 }

[params]
x = [0.1, 0.2]

[[params.layers]]
weights = [[1, 1], [0, 0]]
bias = [0, 0.3]
activation = "relu"

[variants]
x = { choice = [[0.1, 0.2], [0.3, 0.0], [0.2, 0.1], [0.0, 0.3], [1, 2]] }
"#;

#[test]
fn keys_equal_at_the_tolerance_repeat_though_their_text_differs() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("noise.toml"), NOISE).unwrap();
    let (code, err) = variants(dir, "noise.toml", 3, "three");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.trim(),
        "noise.toml:12:1: variants: the table allows 5 different draws; 5 of them are fit, \
         and only 2 have answers no other has, fewer than the 3 variants asked for: widen its \
         ranges or draw more params"
    );
    assert!(!dir.join("three").exists());
    let (code, err) = variants(dir, "noise.toml", 2, "two");
    assert_eq!(code, 0, "{err}");
    let mut keys: Vec<String> = std::fs::read_dir(dir.join("two"))
        .unwrap()
        .map(|e| {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            text.lines().last().unwrap().to_string()
        })
        .collect();
    keys.sort();
    assert_eq!(keys.len(), 2);
    assert!(
        keys[0].starts_with("o = [0.5") || keys[0].starts_with("o = [0.4"),
        "{keys:?}"
    );
    assert!(keys[1].starts_with("o = [0.93"), "{keys:?}");
}

/// 2.2 draws x from 5 to 8 bits: 480 draws, 476 of them fit with answers no other has.
/// Past either count the run stops at once, at the table; just below it, students whose
/// seeded draws all repeat others' take the free ones.
#[test]
fn a_class_larger_than_the_table_allows_is_refused_up_front() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let spec = common::workspace().join("problems/lstm2.toml");
    let spec = spec.to_str().unwrap();
    let (code, err) = variants(dir, spec, 481, "v");
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.ends_with(
            ":30:1: variants: the table allows 480 different draws, fewer than the 481 variants \
             asked for: widen its ranges or draw more params\n"
        ),
        "{err}"
    );
    let (code, err) = variants(dir, spec, 477, "v");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the table allows 480 different draws; 476 of them are fit, and only 476 have answers no other has, fewer than the 477 variants asked for"),
        "{err}"
    );
    assert!(!dir.join("v").exists());
    let (code, err) = variants(dir, spec, 470, "v");
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_dir(dir.join("v")).unwrap().count(), 470);
}
