//! The docs' worked examples run as written: the `sh` block under "Handing out problems"
//! in docs/class.md and the one under "Running in Gradescope" in docs/gradescope.md are
//! each run by bash in a fresh directory (the repository's problems/ beside it, this
//! build's runner on PATH), and what they print must be what the page shows after the
//! block: standard error, then standard output.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

/// The fenced blocks after `heading` in `text`, up to the next `## ` heading: (language,
/// body), in order.
fn blocks<'t>(text: &'t str, heading: &str) -> Vec<(&'t str, &'t str)> {
    let start = text
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("the page has no {heading:?}"));
    let section = &text[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut out = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```") {
        let after = &rest[open + 3..];
        let newline = after.find('\n').unwrap();
        let language = &after[..newline];
        let body = &after[newline + 1..];
        let close = body.find("```").unwrap();
        out.push((language, &body[..close]));
        rest = &body[close + 3..];
    }
    out
}

/// Runs a docs page's `sh` block in a fresh directory with problems/ beside it and this
/// build's runner on PATH: the directory, standard error and standard output.
fn run_block(script: &str) -> (tempfile::TempDir, String, String) {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    #[cfg(unix)]
    std::os::unix::fs::symlink(common::workspace().join("problems"), dir.join("problems")).unwrap();
    let binary = Path::new(env!("CARGO_BIN_EXE_runner"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = std::process::Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("NNHW_AUTOGRADER_ROOT")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{err}");
    (
        scratch,
        err,
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn the_handing_out_example_runs_as_written() {
    let page = std::fs::read_to_string(common::workspace().join("docs/class.md")).unwrap();
    let blocks = blocks(&page, "## Handing out problems");
    let [("sh", script), ("text", stderr), ("text", stdout), ..] = blocks.as_slice() else {
        panic!("expected a sh block, then its standard error and output: {blocks:?}");
    };
    let (scratch, err, out) = run_block(script);
    let dir = scratch.path();
    assert_eq!(
        err, *stderr,
        "docs/class.md shows other messages than the example prints"
    );
    assert_eq!(
        out, *stdout,
        "docs/class.md shows another gradebook than the example prints"
    );
    let handouts = std::fs::read_dir(dir.join("handouts")).unwrap().count();
    assert_eq!(handouts, 7, "six pages and all.html");
}

#[test]
fn the_gradescope_example_runs_as_written() {
    let page = std::fs::read_to_string(common::workspace().join("docs/gradescope.md")).unwrap();
    let blocks = blocks(&page, "# Running in Gradescope");
    let [("sh", script), ("text", stderr), ("text", stdout), ..] = blocks.as_slice() else {
        panic!("expected a sh block, then its standard error and output: {blocks:?}");
    };
    let (_scratch, err, out) = run_block(script);
    assert_eq!(
        err, *stderr,
        "docs/gradescope.md shows other messages than the example prints"
    );
    // A debug build on a busy machine may take a second or more.
    let seconds = out
        .lines()
        .find(|l| l.contains("\"execution_time\""))
        .unwrap_or_default()
        .to_string();
    let out = out.replacen(&seconds, "  \"execution_time\": 0,", 1);
    assert_eq!(
        out, *stdout,
        "docs/gradescope.md shows other results than the example gives"
    );
}
