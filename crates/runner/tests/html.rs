//! `--format html` from the command line: the page to a file, whole and readable, and a
//! student's verdicts as a page.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[test]
fn a_page_goes_to_stdout_or_whole_to_a_file() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = common::workspace().join("problems/simple_network.toml");
    let spec = spec.to_str().unwrap();
    let (code, out, err) = common::run_in(scratch.path(), &["--format", "html", spec]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!DOCTYPE html>"));
    let (code, out, err) = common::run_in(
        scratch.path(),
        &["--format", "html", "--out", "page.html", spec],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let page = std::fs::read_to_string(scratch.path().join("page.html")).unwrap();
    assert!(page.contains("<h1>3.4 Simple network</h1>"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(scratch.path().join("page.html"))
            .unwrap()
            .permissions()
            .mode();
        assert_ne!(
            mode & 0o044,
            0,
            "readable by others as the umask allows: {mode:o}"
        );
    }
    let (code, _, err) = common::run_in(scratch.path(), &["--out", "x.html", spec]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("--out writes the page of --format html"),
        "{err}"
    );
}

#[test]
fn a_students_verdicts_as_a_page() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = common::workspace().join("problems/simple_network.toml");
    let (code, out, _) = common::run_in(
        scratch.path(),
        &[
            "--format",
            "html",
            spec.to_str().unwrap(),
            "--answer",
            "loss=0.288",
            "--answer",
            "dC_dw1=2,08",
        ],
    );
    assert_eq!(code, 2, "one answer cannot be read");
    assert!(out.contains("<li class=\"right\">"), "{out}");
    assert!(out.contains("<li class=\"unusable\">"), "{out}");
    assert!(out.contains("write a decimal point"), "{out}");
}
