//! The verdict corpus: tests/verdicts/<spec>.txt holds answers a student might type for
//! problems/<spec>.toml, each with the verdict it must get (`right`, `wrong` or
//! `unusable`, then the `--answer` argument verbatim). Every case runs on every
//! `cargo test`; a failure lists every case that went the other way.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use nnhw_grade::judge_argument;

#[test]
fn every_case_gets_its_verdict() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("verdicts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (mut cases, mut failures) = (0, Vec::new());
    for file in &files {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let spec = nnhw_tests::problems_dir().join(format!("{stem}.toml"));
        let solved = nnhw_grade::solve_file(&spec, &format!("problems/{stem}.toml"), false)
            .unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (want, argument) = line.split_once(char::is_whitespace).unwrap();
            let argument = argument.trim();
            assert!(
                matches!(want, "right" | "wrong" | "unusable"),
                "{stem}.txt:{}: unknown verdict `{want}`",
                number + 1
            );
            let judged = judge_argument(&solved.report.answers, argument, &solved.tolerance);
            cases += 1;
            if judged.verdict.word() != want {
                failures.push(format!(
                    "{stem}.txt:{}: {argument}\n    want {want}, got {}: {}{}",
                    number + 1,
                    judged.verdict.word(),
                    judged.detail,
                    judged
                        .read_as
                        .map(|r| format!(" (read as {r})"))
                        .unwrap_or_default()
                ));
            }
        }
    }
    assert!(cases >= 300, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases got the wrong verdict:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
