//! `runner variants` as course staff use it: the real binary, real specs from problems/,
//! a scratch directory per test.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn problems(name: &str) -> PathBuf {
    common::workspace().join("problems").join(name)
}

fn runner(args: &[&str], dir: &Path) -> (i32, String, String) {
    common::run_in(dir, args)
}

/// Every file of a directory, by name.
fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect()
}

#[test]
fn variants_are_the_same_bytes_twice_and_from_a_roster_of_the_same_ids() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = problems("simple_network.toml");
    let spec = spec.to_str().unwrap();
    let (code, _, err) = runner(
        &["variants", spec, "--count", "12", "--out", "a"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("12 variants of "), "{err}");
    runner(
        &["variants", spec, "--count", "12", "--out", "b"],
        scratch.path(),
    );
    let roster: String = (1..=12).map(|i| format!("{i},Student {i}\n")).collect();
    std::fs::write(
        scratch.path().join("roster.csv"),
        format!("student,name\n{roster}"),
    )
    .unwrap();
    let (code, _, err) = runner(
        &["variants", spec, "--roster", "roster.csv", "--out", "c"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{err}");
    // The same ids backwards: each student keeps their variant (repeats are settled by
    // the students' seeds, not by their places on the roster).
    let backwards: String = (1..=12).rev().map(|i| format!("{i}\n")).collect();
    std::fs::write(scratch.path().join("backwards.csv"), backwards).unwrap();
    runner(
        &["variants", spec, "--roster", "backwards.csv", "--out", "e"],
        scratch.path(),
    );
    let a = files(&scratch.path().join("a"));
    assert_eq!(a.len(), 12);
    assert_eq!(a, files(&scratch.path().join("b")));
    assert_eq!(a, files(&scratch.path().join("c")));
    assert_eq!(a, files(&scratch.path().join("e")));
    // Another seed, other numbers; the variants differ from each other.
    runner(
        &[
            "variants", spec, "--count", "12", "--seed", "7", "--out", "d",
        ],
        scratch.path(),
    );
    let d = files(&scratch.path().join("d"));
    assert_ne!(a["simple_network-1.toml"], d["simple_network-1.toml"]);
    let params: std::collections::HashSet<&str> = a
        .values()
        .map(|t| t.split("[params]").nth(1).unwrap())
        .collect();
    assert_eq!(params.len(), 12, "every variant has its own numbers");
}

#[test]
fn every_homework_variant_solves_with_its_own_key() {
    let scratch = tempfile::tempdir().unwrap();
    let with_variants = [
        "feedforward.toml",
        "decision_boundaries.toml",
        "nn_output.toml",
        "inverse_temperature.toml",
        "lstm1.toml",
        "lstm2.toml",
        "simple_network.toml",
        "sgd.toml",
    ];
    for name in with_variants {
        let spec = problems(name);
        let (code, _, err) = runner(
            &[
                "variants",
                spec.to_str().unwrap(),
                "--count",
                "40",
                "--out",
                "class",
            ],
            scratch.path(),
        );
        assert_eq!(code, 0, "{name}: {err}");
    }
    assert_eq!(
        files(&scratch.path().join("class")).len(),
        40 * with_variants.len()
    );
    let (code, _, err) = runner(&["-q", "class"], scratch.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("320 specs: 320 matched the key, 0 did not"),
        "{err}"
    );
}

#[test]
fn unfit_draws_are_redrawn_and_counted() {
    // w1 mostly negative: the ReLU is dead and every gradient through it is 0.
    let spec = r#"kind = "backprop.simple-network"
tolerance = { decimals = 3 }
[params]
x = 3
t = 1
w1 = 0.01
w2 = -5
b = -1
[variants]
w1 = { numbers = [-1, 0.05], decimals = 2 }
[expected]
dC_dw1 = 2.0809
"#;
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(scratch.path().join("dead.toml"), spec).unwrap();
    let (code, _, err) = runner(
        &["variants", "dead.toml", "--count", "5", "--out", "v"],
        scratch.path(),
    );
    assert_eq!(code, 0, "{err}");
    let redrawn: usize = err
        .split("; ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(redrawn >= 20, "most draws have a dead ReLU: {err}");
    assert!(
        err.contains("a gradient is 0 to the graded decimals"),
        "{err}"
    );
    for text in files(&scratch.path().join("v")).values() {
        let w1: f64 = text
            .lines()
            .find_map(|l| l.strip_prefix("w1 = "))
            .unwrap()
            .parse()
            .unwrap();
        assert!(w1 > 0.0, "only a live ReLU is fit: w1 = {w1}");
    }
    // Only five w1 give a live ReLU: a sixth student cannot have numbers of their own.
    let (code, _, err) = runner(
        &["variants", "dead.toml", "--count", "6", "--out", "w"],
        scratch.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("dead.toml:9:1: variants: no fit draw for student 6"),
        "{err}"
    );
    assert!(
        !scratch.path().join("w").exists(),
        "nothing is written on failure"
    );
}

#[test]
fn bad_variants_and_rosters_are_one_located_line() {
    let scratch = tempfile::tempdir().unwrap();
    let base =
        "kind = \"backprop.simple-network\"\n[params]\nx = 3\nt = 1\nw1 = 0.01\nw2 = -5\nb = -1\n";
    let cases = [
        ("", "no.toml: has no [variants] table"),
        (
            "[variants]\nw3 = { integers = [1, 2] }\n",
            "no.toml:9:6: variants.w3: params.w3 is not in [params]",
        ),
        (
            "[variants]\nw1 = { integers = [2, 1] }\n",
            "no.toml:9:19: variants.w1.integers: [2, 1] must be",
        ),
        (
            "[variants]\nw1 = [1, 2]\n",
            "no.toml:9:6: variants.w1: invalid type",
        ),
    ];
    for (table, want) in cases {
        std::fs::write(scratch.path().join("no.toml"), format!("{base}{table}")).unwrap();
        let (code, _, err) = runner(
            &["variants", "no.toml", "--count", "3", "--out", "v"],
            scratch.path(),
        );
        assert_eq!(code, 2, "{table}: {err}");
        assert!(err.starts_with(want), "{table}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        // The same table is checked when the spec is simply solved.
        if !table.is_empty() {
            let (code, _, solve_err) = runner(&["no.toml"], scratch.path());
            assert_eq!((code, solve_err.lines().next()), (2, err.lines().next()));
        }
    }
    std::fs::write(scratch.path().join("roster.csv"), "ann\nbob\nann\n").unwrap();
    let spec = problems("lstm2.toml");
    let (code, _, err) = runner(
        &[
            "variants",
            spec.to_str().unwrap(),
            "--roster",
            "roster.csv",
            "--out",
            "v",
        ],
        scratch.path(),
    );
    assert_eq!(
        (code, err.trim()),
        (2, "roster.csv:3:1: student `ann` is already on line 1")
    );
    assert!(!scratch.path().join("v").exists());
}

#[test]
fn many_variants_need_few_descriptors_and_are_readable_by_other_staff() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = problems("lstm2.toml");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022; ulimit -n 64; '{}' variants '{}' --count 200 --out many",
            env!("CARGO_BIN_EXE_runner"),
            spec.display()
        ))
        .current_dir(scratch.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let dir = scratch.path().join("many");
    assert_eq!(files(&dir).len(), 200, "no staged file is left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("lstm2-1.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}
