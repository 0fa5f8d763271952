//! The class report in a real browser, checked as [`super::reads_well`] checks a page.

use std::path::Path;

use super::{Least, browser_or_skip, readable_figures, reads_well};

/// The class report of a class of twelve on 3.4 (each with a variant) and 3.2: right,
/// wrong, known-mistake, unreadable and missing answers, a long wrong formula, a
/// resubmission and an absent student. At 400 px no word may break across lines.
#[test]
fn the_class_report_reads_well_in_a_real_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let class = dir.join("class");
    let roster = dir.join("roster.csv");
    let students: Vec<String> = (1..=13).map(|i| format!("student{i:02}")).collect();
    std::fs::write(&roster, format!("student\n{}\n", students.join("\n"))).unwrap();
    let run = |args: &[&str]| {
        let mut err = Vec::new();
        let code = runner::run(
            std::iter::once("runner").chain(args.iter().copied()),
            &mut Vec::new(),
            &mut err,
        );
        (code, String::from_utf8_lossy(&err).into_owned())
    };
    let simple = root.join("problems/simple_network.toml");
    let (code, err) = run(&[
        "variants",
        simple.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--out",
        class.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::copy(
        root.join("problems/parameter_derivatives.toml"),
        class.join("parameter_derivatives.toml"),
    )
    .unwrap();
    let mut csv = String::from("student,spec,loss,dC_dw1,dC_dw2,dC_db,dC_dw\n");
    for (i, student) in students.iter().take(12).enumerate() {
        let text =
            std::fs::read_to_string(class.join(format!("simple_network-{student}.toml"))).unwrap();
        let spec: toml::Table = toml::from_str(&text).unwrap();
        let key = |name: &str| {
            let v = &spec["expected"][name];
            v.as_float().or(v.as_integer().map(|i| i as f64)).unwrap()
        };
        let cell = |name: &str| format!("{:.3}", key(name));
        let (loss, dw1, dw2, db) = match i % 4 {
            0 => (cell("loss"), cell("dC_dw1"), cell("dC_dw2"), cell("dC_db")),
            1 => (
                cell("loss"),
                "0,5".into(),
                format!("{:.3}", -key("dC_dw2")),
                String::new(),
            ),
            2 => (
                "sigma(z2)".into(),
                cell("dC_dw1"),
                format!("{:.3}", -key("dC_dw2")),
                cell("dC_db"),
            ),
            _ => (
                cell("loss"),
                cell("dC_dw1"),
                cell("dC_dw2"),
                "[1, 2, 3]".into(),
            ),
        };
        csv.push_str(&format!(
            "{student},simple_network,{loss},\"{dw1}\",{dw2},{db},\n"
        ));
        let formula = match i % 4 {
            0 => "a_k^(l-1)*delta_j^l",
            1 => "a_k^l*delta_j^l",
            2 => "sum_k w_kj^(l+1)*delta_k^(l+1)*sigma'(z_j^l)*a_k^(l-1)*delta_j^l*a_k^(l-1)",
            _ => "",
        };
        csv.push_str(&format!(
            "{student},parameter_derivatives,,,,delta_j^l,{formula}\n"
        ));
    }
    csv.push_str("student01,simple_network,1,1,1,1,\n");
    let answers = dir.join("answers.csv");
    std::fs::write(&answers, csv).unwrap();
    let report = dir.join("report.html");
    let (code, err) = run(&[
        "grade",
        "--submissions",
        answers.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
        class.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "the resubmission is reported: {err}");
    let page = std::fs::read_to_string(&report).unwrap();
    for part in [
        "Known mistakes the grader recognised",
        "Most common wrong answers",
        "Why answers could not be read",
        "Students without a submission",
        "Later submissions that did not count",
    ] {
        assert!(page.contains(part), "{part}");
    }
    let least = Least {
        text: 2_000,
        maths: 0,
        figures: 2,
        whole_words: true,
    };
    readable_figures(&reads_well(&browser, dir, "report", &page, &least));
}
