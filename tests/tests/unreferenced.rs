//! Every accepted snapshot belongs to a test that still exists: a `report@<spec>` snapshot
//! to a spec under problems/, any other to a test function of the file it is named after.
//! This is the check `cargo insta test --unreferenced=reject` makes, without installing
//! cargo-insta.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

fn check_dir(tests: &Path, problems: &Path, orphans: &mut Vec<String>) -> usize {
    let snapshots = tests.join("snapshots");
    let mut seen = 0;
    for entry in std::fs::read_dir(&snapshots).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // A change insta is waiting for someone to review: its own test fails until then,
        // and under CI=true insta writes none.
        if name.ends_with(".snap.new") || name.ends_with(".pending-snap") {
            continue;
        }
        if !name.ends_with(".snap") {
            orphans.push(format!("{}: not a snapshot", path.display()));
            continue;
        }
        seen += 1;
        let stem = name.trim_end_matches(".snap");
        let Some((file, rest)) = stem.split_once("__") else {
            orphans.push(format!("{}: no test file in its name", path.display()));
            continue;
        };
        let source = tests.join(format!("{file}.rs"));
        let Ok(code) = std::fs::read_to_string(&source) else {
            orphans.push(format!("{}: {} is gone", path.display(), source.display()));
            continue;
        };
        let (function, glob) = match rest.split_once('@') {
            Some((f, g)) => (f, Some(g)),
            None => (rest, None),
        };
        if !code.contains(&format!("fn {function}(")) {
            orphans.push(format!(
                "{}: no fn {function} in {}",
                path.display(),
                source.display()
            ));
        }
        if let Some(glob) = glob {
            // `report@beyond__x.toml`, or `figure@x.toml.region` for a spec's figure.
            let spec = glob.split_inclusive(".toml").next().unwrap_or(glob);
            let spec = problems.join(spec.replace("__", "/"));
            if !spec.exists() {
                orphans.push(format!("{}: {} is gone", path.display(), spec.display()));
            }
        }
    }
    seen
}

#[test]
fn no_snapshot_is_left_without_its_test() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap();
    let problems = root.join("problems");
    let mut orphans = Vec::new();
    let seen = check_dir(&manifest.join("tests"), &problems, &mut orphans)
        + check_dir(&root.join("crates/runner/tests"), &problems, &mut orphans);
    assert!(seen > 20, "only {seen} snapshots found");
    assert!(
        orphans.is_empty(),
        "unreferenced snapshots:\n{}",
        orphans.join("\n")
    );
}
