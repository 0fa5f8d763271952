//! `runner grade --report`: the class report as a page and as JSON from one pass, the
//! format from the file's extension, and a report that cannot be written leaving nothing.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

/// A class of three on 3.2 (one spec for all): right, a known mistake, missing.
fn class(dir: &Path) {
    let spec = common::workspace().join("problems/parameter_derivatives.toml");
    std::fs::copy(spec, dir.join("parameter_derivatives.toml")).unwrap();
    std::fs::write(
        dir.join("answers.csv"),
        "student,spec,dC_dw,dC_db\n\
         ann,parameter_derivatives,a_k^(l-1)*delta_j^l,delta_j^l\n\
         bob,parameter_derivatives,a_k^l*delta_j^l,delta_j^l\n\
         cy,parameter_derivatives,,delta_j^l\n",
    )
    .unwrap();
}

fn grade(dir: &Path, reports: &[&str]) -> (i32, String, String) {
    let mut args = vec!["grade", "--submissions", "answers.csv"];
    for r in reports {
        args.extend(["--report", r]);
    }
    args.push("parameter_derivatives.toml");
    common::run_in(dir, &args)
}

#[test]
fn the_report_is_written_as_a_page_and_as_json_from_one_pass() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    class(dir);
    let (code, out, err) = grade(dir, &["report.html", "report.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("student,spec,score,max_score"), "{out}");
    assert!(
        err.contains("class report in report.html; class report in report.json"),
        "{err}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["graded"], 3);
    let problem = &json["problems"][0];
    assert_eq!(problem["problem"], "parameter_derivatives");
    assert_eq!(problem["scores"], serde_json::json!([0, 2, 1]));
    let dw = &problem["answers"][0];
    assert_eq!(dw["name"], "dC_dw");
    assert_eq!(
        [&dw["right"], &dw["wrong"], &dw["unusable"], &dw["missing"]],
        [1, 1, 0, 1]
    );
    assert_eq!(dw["known_mistakes"][0]["count"], 1);
    assert_eq!(dw["wrong_answers"][0]["text"], "a_k^l*δ_j^l");

    let page = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<h1>Class report: answers.csv</h1>"));
    assert!(page.contains("3.2 Parameter derivatives"));
    assert!(
        page.contains("this layer&apos;s activation") || page.contains("this layer's activation"),
        "the known mistake's hint is on the page"
    );
    assert_eq!(page.matches("<svg").count(), 1, "the score histogram");
    assert!(!page.contains("<script"));
    for student in ["ann", "bob", ">cy<"] {
        assert!(!page.contains(student), "{student} is on the page");
    }
}

#[test]
fn a_report_that_cannot_be_written_exits_2_and_leaves_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    class(dir);
    // A directory that does not exist: no temporary file can be made beside the report.
    let (code, _, err) = grade(dir, &["report.json", "missing/report.html"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the class report could not be written: missing/report.html"),
        "{err}"
    );
    // A directory in the report's place: the rename fails; no temporary file stays.
    std::fs::create_dir(dir.join("taken.html")).unwrap();
    let (code, _, err) = grade(dir, &["taken.html"]);
    assert_eq!(code, 2, "{err}");
    let mut left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "answers.csv",
            "parameter_derivatives.toml",
            "report.json",
            "taken.html"
        ],
        "only the report that could be written is there, and nothing half-written"
    );
    assert!(
        std::fs::read_dir(dir.join("taken.html"))
            .unwrap()
            .next()
            .is_none()
    );
}

#[test]
fn a_report_must_be_named_html_or_json() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    class(dir);
    let (code, out, err) = grade(dir, &["report.pdf"]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "nothing graded: {out}");
    assert!(
        err.contains("--report report.pdf: the file's name must end in .html (a page) or .json"),
        "{err}"
    );
    assert!(!dir.join("report.pdf").exists());
    let (code, _, err) = grade(dir, &["r.json", "r.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("named twice"), "{err}");
}
