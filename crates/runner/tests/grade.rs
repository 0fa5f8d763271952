//! `runner grade` as course staff use it: variants drawn for a roster, a class's answers
//! (right, rounded, truncated, garbled, missing, for an unknown spec), the gradebook
//! snapshotted, Gradescope's JSON checked field by field.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

fn runner(args: &[&str], dir: &Path) -> (i32, String, String) {
    common::run_in(dir, args)
}

/// The `[expected]` value of `name` in a variant spec.
fn key(dir: &Path, file: &str, name: &str) -> toml::Value {
    let text = std::fs::read_to_string(dir.join("class").join(file)).unwrap();
    let spec: toml::Table = toml::from_str(&text).unwrap();
    spec["expected"][name].clone()
}

fn number(v: &toml::Value) -> f64 {
    v.as_float().or(v.as_integer().map(|i| i as f64)).unwrap()
}

/// A class of four, drawn and answered: returns the scratch directory.
fn class() -> tempfile::TempDir {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(
        dir.join("roster.csv"),
        "student,name\nann,Ann\nbob,Bob\ncy,Cy\ndee,Dee\n",
    )
    .unwrap();
    for spec in ["simple_network", "lstm2"] {
        let path = common::workspace().join(format!("problems/{spec}.toml"));
        let (code, _, err) = runner(
            &[
                "variants",
                path.to_str().unwrap(),
                "--roster",
                "roster.csv",
                "--out",
                "class",
            ],
            dir,
        );
        assert_eq!(code, 0, "{err}");
    }
    let mut csv = String::from("student,spec,loss,dC_dw1,dC_dw2,dC_db,h\n");
    for (i, student) in ["ann", "bob", "cy", "dee"].iter().enumerate() {
        let file = format!("simple_network-{student}.toml");
        let k = |name| number(&key(dir, &file, name));
        let cells = match i {
            // Everything right, rounded to the graded 3 decimals.
            0 => [
                format!("{:.3}", k("loss")),
                format!("{:.3}", k("dC_dw1")),
                format!("{:.3}", k("dC_dw2")),
                format!("{:.3}", k("dC_db")),
            ],
            // One right to more decimals, one off by 0.01, one garbled, one missing.
            1 => [
                format!("{:.6}", k("loss")),
                format!("{:.3}", k("dC_dw1") + 0.01),
                "2*".into(),
                String::new(),
            ],
            // An expression and a decimal comma.
            2 => [
                format!("{}/2", 2.0 * k("loss")),
                format!("\"{:.3}\"", k("dC_dw1")).replace('.', ","),
                format!("{:.3}", k("dC_dw2")),
                format!("{:.3}", k("dC_db")),
            ],
            _ => [String::new(), String::new(), String::new(), String::new()],
        };
        csv.push_str(&format!("{student},simple_network,{},\n", cells.join(",")));
        let h = key(dir, &format!("lstm2-{student}.toml"), "h");
        let mut h: Vec<i64> = h
            .as_array()
            .unwrap()
            .iter()
            .map(|v| number(v) as i64)
            .collect();
        if i == 3 {
            h[0] = if h[0] == 1 { 0 } else { 1 };
        }
        let h: Vec<String> = h.iter().map(i64::to_string).collect();
        csv.push_str(&format!(
            "{student},lstm2.toml,,,,,\"[{}]\"\n",
            h.join(", ")
        ));
    }
    csv.push_str("eve,nosuch,1,,,,\n");
    csv.push_str("ann,simple_network,1,2\n");
    std::fs::write(dir.join("answers.csv"), csv).unwrap();
    scratch
}

#[test]
fn a_class_is_graded_into_a_gradebook() {
    let scratch = class();
    let (code, out, err) = runner(
        &["grade", "--submissions", "answers.csv", "class"],
        scratch.path(),
    );
    assert_eq!(code, 2, "two rows are reported: {err}");
    insta::assert_snapshot!(format!("{out}\n--- stderr\n{err}"));
}

#[test]
fn gradescope_results_are_valid_and_add_up() {
    let scratch = class();
    let (_, out, err) = runner(
        &[
            "grade",
            "--submissions",
            "answers.csv",
            "--format",
            "gradescope",
            "--results",
            "results",
            "class",
        ],
        scratch.path(),
    );
    // One pass: each problem row reported once, and ann's second row of simple_network
    // (line 11) is reported and not graded: her first counts, here and in results.json.
    assert_eq!(err.matches("answers.csv:10:").count(), 1, "{err}");
    assert!(
        err.contains("answers.csv:11: 4 fields, but the header has 7; a second submission of simple_network-ann by ann; the first, on line 2, counts and this one is not graded"),
        "{err}"
    );
    let mut objects: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for dir in std::fs::read_dir(scratch.path().join("results")).unwrap() {
        let file = dir.unwrap().path().join("results.json");
        objects.push(serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap());
    }
    assert_eq!(
        objects.len(),
        8 + 4,
        "a line per graded row and a file per student"
    );
    for o in &objects {
        let tests = o["tests"].as_array().unwrap();
        let sum = |field: &str| {
            tests
                .iter()
                .map(|t| t[field].as_f64().unwrap())
                .sum::<f64>()
        };
        assert_eq!(o["score"].as_f64().unwrap(), sum("score"), "{o}");
        assert_eq!(o["max_score"].as_f64().unwrap(), sum("max_score"), "{o}");
        for t in tests {
            assert!(t["name"].is_string() && t["output"].is_string(), "{t}");
            assert_eq!(t["visibility"], "visible");
        }
    }
    // Without --reveal nothing of a wrong answer's key is in the feedback.
    let k = number(&key(scratch.path(), "simple_network-bob.toml", "dC_dw1"));
    for shown in [format!("{k:.3}"), format!("{k:.4}")] {
        assert!(!out.contains(&shown), "{shown} leaked: {out}");
    }
    let (_, revealed, _) = runner(
        &[
            "grade",
            "--submissions",
            "answers.csv",
            "--format",
            "json",
            "--reveal",
            "class",
        ],
        scratch.path(),
    );
    assert!(revealed.contains(&format!("{k}")), "--reveal shows it");
}

#[test]
fn shards_split_a_class_between_them() {
    let scratch = class();
    let (_, whole, _) = runner(
        &["grade", "--submissions", "answers.csv", "class"],
        scratch.path(),
    );
    let mut rows: Vec<String> = Vec::new();
    for i in 0..3 {
        let shard = format!("{i}/3");
        let (_, out, err) = runner(
            &[
                "grade",
                "--submissions",
                "answers.csv",
                "--shard",
                &shard,
                "class",
            ],
            scratch.path(),
        );
        assert!(err.contains(&format!("(shard {shard}: ")), "{err}");
        rows.extend(out.lines().skip(1).map(str::to_string));
    }
    let mut want: Vec<String> = whole.lines().skip(1).map(str::to_string).collect();
    rows.sort();
    want.sort();
    assert_eq!(rows, want, "every row graded by exactly one shard");
    let (code, _, err) = runner(
        &[
            "grade",
            "--submissions",
            "answers.csv",
            "--shard",
            "3/3",
            "class",
        ],
        scratch.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("--shard: "), "{err}");
}

#[test]
fn a_spec_whose_key_is_wrong_stops_grading_before_it_starts() {
    let scratch = class();
    let file = scratch.path().join("class/lstm2-ann.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let (head, _) = text.rsplit_once("[expected]").unwrap();
    let length = key(scratch.path(), "lstm2-ann.toml", "h")
        .as_array()
        .unwrap()
        .len();
    let nines = vec!["9"; length].join(", ");
    std::fs::write(&file, format!("{head}[expected]\nh = [{nines}]\n")).unwrap();
    let (code, out, err) = runner(
        &["grade", "--submissions", "answers.csv", "class"],
        scratch.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("class/lstm2-ann.toml: its [expected] key does not match"),
        "{err}"
    );
    assert!(
        err.trim_end()
            .ends_with("nothing graded: every spec must solve and match its key first")
    );
}

#[test]
fn submissions_come_from_a_file_or_standard_input_never_a_device() {
    let scratch = class();
    let (code, _, err) = runner(
        &["grade", "--submissions", "/dev/zero", "class"],
        scratch.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("/dev/zero: not a regular file"), "{err}");
    let (_, from_file, _) = runner(
        &["grade", "--submissions", "answers.csv", "class"],
        scratch.path(),
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["grade", "--submissions", "-", "class"])
        .current_dir(scratch.path())
        .stdin(std::fs::File::open(scratch.path().join("answers.csv")).unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout), from_file);
    // A stream with no line ends is no text: reading stops, it does not go on forever.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["grade", "--submissions", "-", "class"])
        .current_dir(scratch.path())
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("-: cannot read: line 1 runs on for over 64 MB without a line end"),
        "{err}"
    );
    // A reader that stops early is not an error: a gradebook far past a pipe's buffer,
    // cut after its first line. (Each row another student's, given ann's variant.)
    let many: String = std::iter::once("student,spec,loss\n".to_string())
        .chain((0..30_000).map(|i| format!("s{i},simple_network-ann,1\n")))
        .collect();
    std::fs::write(scratch.path().join("many.csv"), many).unwrap();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' grade --submissions many.csv class | head -1",
            env!("CARGO_BIN_EXE_runner")
        ))
        .current_dir(scratch.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.is_empty(), "{err}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "student,spec,score,max_score,h,loss,dC_dw1,dC_dw2,dC_db\n"
    );
    // With --results the reader going away stops only the gradebook: every student's
    // results.json is written all the same.
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' grade --submissions many.csv --results results --report report.json class | head -1",
            env!("CARGO_BIN_EXE_runner")
        ))
        .current_dir(scratch.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.starts_with("graded 30000 of 30000 submissions"),
        "{err}"
    );
    let written = std::fs::read_dir(scratch.path().join("results"))
        .unwrap()
        .count();
    assert_eq!(written, 30_000);
    let last: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(scratch.path().join("results/s29999/results.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(last["max_score"], 4);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(
        (&report["rows"], &report["graded"]),
        (&serde_json::json!(30_000), &serde_json::json!(30_000)),
        "{report}"
    );
}

/// Ctrl-C (or SIGTERM) while a class is graded with --results: the spilled rows go with
/// the process, and every results file already written is whole.
#[cfg(unix)]
#[test]
fn an_interrupted_grade_leaves_no_spill_behind() {
    let scratch = class();
    let many: String = std::iter::once("student,spec,loss\n".to_string())
        .chain((0..200_000).map(|i| format!("s{i},simple_network-ann,1\n")))
        .collect();
    std::fs::write(scratch.path().join("many.csv"), many).unwrap();
    let results = scratch.path().join("results");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
        .args([
            "grade",
            "--submissions",
            "many.csv",
            "--results",
            "results",
            "class",
        ])
        .current_dir(scratch.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let spill = || {
        std::fs::read_dir(&results).map_or(0, |d| {
            d.filter(|e| {
                e.as_ref().is_ok_and(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".nnhw-grading-")
                })
            })
            .count()
        })
    };
    let start = std::time::Instant::now();
    while spill() == 0 && start.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(spill(), 1, "the run spills into the results directory");
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(spill(), 0, "spill left behind");
    for entry in std::fs::read_dir(&results).unwrap() {
        let file = entry.unwrap().path().join("results.json");
        let text = std::fs::read_to_string(&file).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
    }
}
