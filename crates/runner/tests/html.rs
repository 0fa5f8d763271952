//! `--format html` from the command line: the page to a file, whole and readable, and a
//! student's verdicts as a page.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

/// The booklet of a directory: the homework's specs by section, then those of its
/// subdirectories in a part of their own, `beyond/` as "Beyond the homework".
#[test]
fn a_booklet_puts_the_homework_first_and_a_subdirectory_in_a_part_after_it() {
    let scratch = tempfile::tempdir().unwrap();
    let problems = common::workspace().join("problems");
    for (from, to) in [
        ("lstm1.toml", "lstm1.toml"),
        ("feedforward.toml", "feedforward.toml"),
        ("beyond/deep_tanh_sigmoid.toml", "beyond/deep.toml"),
        ("beyond/lstm_vector.toml", "beyond/vector.toml"),
        ("sgd.toml", "more/sgd.toml"),
    ] {
        let to = scratch.path().join("dir").join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(problems.join(from), to).unwrap();
    }
    let (code, page, err) = common::run_in(scratch.path(), &["--format", "html", "dir"]);
    assert_eq!(code, 0, "{err}");
    let body = &page[page.find("<main>").unwrap()..];
    let at = |text: &str| {
        body.find(text)
            .unwrap_or_else(|| panic!("{text} in the body"))
    };
    let order = [
        at(">1 Neural networks</h2>"),
        at("1.1 Feed forward"),
        at(">2 LSTM</h2>"),
        at("2.1 LSTM states"),
        at(">Beyond the homework</h2>"),
        at("Deeper network, tanh and sigmoid"),
        at("Vector LSTM"),
        at(">more</h2>"),
        at("3.5 SGD"),
    ];
    assert!(order.is_sorted(), "{order:?}");
}

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
