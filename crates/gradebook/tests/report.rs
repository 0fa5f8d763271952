//! The class report's tally on a small class with real counts: eight students with their
//! own variant of 3.4 (w2 drawn from −5 to 4) and one spec of 3.2 for all, right, wrong,
//! known-mistake, unreadable and missing answers, a resubmission and an absent student.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use nnhw_backprop as _;

use common::solve;
use nnhw_core::{Solved, Value};
use nnhw_gradebook::report::{ClassReport, Count};
use nnhw_gradebook::{Book, Format, Options, Tally, grade_tallied};

/// w2 of each student's variant: four negative, four positive.
const W2: [(&str, f64); 8] = [
    ("s1", -5.0),
    ("s2", -4.0),
    ("s3", -3.0),
    ("s4", -2.0),
    ("s5", 1.0),
    ("s6", 2.0),
    ("s7", 3.0),
    ("s8", 4.0),
];

const FORMULAS: &str = r#"
kind = "backprop.formulas"
title = "3.2 Parameter derivatives"
[params]
x = [0.3, -0.4]
target = [1, 0]
loss = "quadratic"
[[params.layers]]
weights = [[1, 0], [0, 1], [-1, 0], [0, -1]]
bias = [0.5, 0.5, 0.5, 0.5]
activation = "relu"
[[params.layers]]
weights = [[1, 1, 1, 1], [-1, -1, -1, -1]]
bias = [0, 2]
activation = "sigmoid"
[expected]
dC_dw = "a_k^(l-1)*delta_j^l"
dC_db = "delta_j^l"
"#;

/// Student `s`'s variant of 3.4, with no key: every answer is graded.
fn variant(student: &str, w2: f64) -> Solved {
    let text = format!(
        "kind = \"backprop.simple-network\"\ntitle = \"3.4 Simple network\"\n\
         variant = \"simple_network-{student}\"\nstudent = \"{student}\"\n\
         tolerance = {{ decimals = 3 }}\n\
         [params]\nx = 1\nt = 1\nw1 = 0.1\nw2 = {w2}\nb = 0\n"
    );
    solve(&format!("class/simple_network-{student}.toml"), &text)
}

fn value(solved: &Solved, name: &str) -> f64 {
    match solved.report.named(name).unwrap().value {
        Value::Number(x) => x,
        ref other => panic!("{other:?}"),
    }
}

/// The class: each row of the CSV, and the report of grading it.
fn class() -> (ClassReport, String) {
    let variants: Vec<Solved> = W2.iter().map(|(s, w2)| variant(s, *w2)).collect();
    let mut specs = variants.clone();
    specs.push(solve("problems/parameter_derivatives.toml", FORMULAS));
    let book = Book::new(specs);
    let mut csv = String::from("student,spec,loss,dC_dw1,dC_dw2,dC_db,dC_dw\n");
    for (i, ((student, w2), solved)) in W2.iter().zip(&variants).enumerate() {
        let key = |name: &str| format!("{:.4}", value(solved, name));
        assert!(value(solved, "loss") < 0.8, "0.9 is a wrong loss");
        assert!(value(solved, "dC_dw2").abs() > 0.002, "its sign matters");
        // Two write the same wrong loss in two notations.
        let loss = match i {
            0 => "0.90".to_string(),
            1 => ".9".to_string(),
            _ => key("loss"),
        };
        let dw1 = match i {
            2 => "abc".to_string(),
            3 => String::new(),
            _ => key("dC_dw1"),
        };
        // Everyone whose w2 is negative gets dC_dw2's sign wrong.
        let dw2 = if *w2 < 0.0 {
            format!("{:.4}", -value(solved, "dC_dw2"))
        } else {
            key("dC_dw2")
        };
        let db = key("dC_db");
        csv.push_str(&format!(
            "{student},simple_network,{loss},{dw1},{dw2},{db},\n"
        ));
        let formula = match i {
            0 | 1 => "a_k^l*delta_j^l",
            2 => "delta_j^l*a_k^(l-1)",
            3 => "",
            _ => "a_k^(l-1)*delta_j^l",
        };
        csv.push_str(&format!(
            "{student},parameter_derivatives,,,,delta_j^l,{formula}\n"
        ));
    }
    // s8 hands 3.4 in again, all wrong: the first submission counts.
    csv.push_str("s8,simple_network,9,9,9,9,\n");
    // s9 is on the roster and hands in nothing.
    let roster = (1..=9).map(|s| format!("s{s}")).collect();
    let options = Options {
        format: Format::Csv,
        roster: Some(roster),
        ..Options::default()
    };
    let mut tally = Tally::new(&book);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let summary = grade_tallied(
        &book,
        csv.as_bytes(),
        "class.csv",
        &options,
        &mut out,
        &mut err,
        &mut tally,
    )
    .unwrap();
    assert_eq!(
        (summary.submissions, summary.graded, summary.repeated),
        (17, 16, 1)
    );
    (tally.report(&summary), String::from_utf8(err).unwrap())
}

fn count(text: &str, count: u64) -> Count {
    Count {
        text: text.into(),
        count,
    }
}

#[test]
fn each_answer_is_counted_right_wrong_unusable_or_missing_per_original_problem() {
    let (report, err) = class();
    assert!(err.contains("class.csv:18: a second submission"), "{err}");
    assert_eq!(report.format_version, 1);
    assert_eq!((report.rows, report.graded), (17, 16));
    assert_eq!((report.repeated, report.unanswered), (1, 1));
    let names: Vec<(&str, u64, u64)> = report
        .problems
        .iter()
        .map(|p| (p.problem.as_str(), p.specs, p.submissions))
        .collect();
    assert_eq!(
        names,
        [("simple_network", 8, 8), ("parameter_derivatives", 1, 9)],
        "the eight variants are one problem; the resubmission is not counted; s9's \
         3.2, not handed in, is a row with every answer missing"
    );
    let simple = &report.problems[0];
    let counts: Vec<(&str, [u64; 4])> = simple
        .answers
        .iter()
        .map(|a| (a.name.as_str(), [a.right, a.wrong, a.unusable, a.missing]))
        .collect();
    assert_eq!(
        counts,
        [
            ("loss", [6, 2, 0, 0]),
            ("dC_dw1", [6, 0, 1, 1]),
            ("dC_dw2", [4, 4, 0, 0]),
            ("dC_db", [8, 0, 0, 0]),
        ]
    );
    let formulas = &report.problems[1];
    let counts: Vec<(&str, [u64; 4])> = formulas
        .answers
        .iter()
        .map(|a| (a.name.as_str(), [a.right, a.wrong, a.unusable, a.missing]))
        .collect();
    assert_eq!(counts, [("dC_dw", [5, 2, 0, 2]), ("dC_db", [8, 0, 0, 1])]);
    assert_eq!(
        formulas.answers[0].unusable_reasons,
        [],
        "nothing was unreadable"
    );
    assert_eq!(
        simple.answers[1].unusable_reasons,
        [count("`abc` is a name, but this answer is a number", 1)]
    );
}

#[test]
fn a_known_mistake_is_tallied_by_the_graders_hint() {
    let (report, _) = class();
    let dw = &report.problems[1].answers[0];
    assert_eq!(
        dw.known_mistakes,
        [count(
            "aₖˡ is this layer's activation: the weight wⱼₖˡ multiplies an activation of the layer before",
            2
        )]
    );
    assert_eq!(dw.wrong_answers, [count("a_k^l*δ_j^l", 2)]);
}

#[test]
fn wrong_answers_are_grouped_as_the_grader_read_them() {
    let (report, _) = class();
    let loss = &report.problems[0].answers[0];
    assert_eq!(
        loss.wrong_answers,
        [count("0.9", 2)],
        "0.90 and .9 are one answer"
    );
    assert_eq!(
        (loss.other_wrong_answers, loss.distinct_wrong_answers),
        (0, 1)
    );
    // Every wrong dC_dw2 is another student's own number: four answers, once each.
    let dw2 = &report.problems[0].answers[2];
    assert_eq!(dw2.wrong_answers.len(), 4);
    assert!(dw2.wrong_answers.iter().all(|c| c.count == 1));
}

#[test]
fn scores_are_binned_by_answers_right() {
    let (report, _) = class();
    let simple = &report.problems[0];
    // s1, s2: loss and dC_dw2 wrong (2 right); s3: dC_dw1 unusable, dC_dw2 wrong (2);
    // s4: dC_dw1 missing, dC_dw2 wrong (2); s5–s8 all right (4).
    assert_eq!(simple.max_score, 4);
    assert_eq!(simple.scores, [0, 0, 4, 0, 4]);
    assert_eq!(simple.mean_score, Some(3.0));
    let formulas = &report.problems[1];
    // s9's 3.2, not handed in, scores 0.
    assert_eq!(formulas.scores, [1, 3, 5]);
    assert_eq!(formulas.mean_score, Some(13.0 / 9.0));
}

#[test]
fn a_drawn_param_that_goes_with_wrong_answers_stands_out() {
    let (report, _) = class();
    let simple = &report.problems[0];
    assert_eq!(simple.drawn, ["w2"], "only w2 differs between the variants");
    let dw2 = &simple.answers[2].params[0];
    assert_eq!(dw2.param, "w2");
    assert_eq!((dw2.right.count, dw2.right.mean), (4, Some(2.5)));
    assert_eq!((dw2.wrong.count, dw2.wrong.mean), (4, Some(-3.5)));
    assert_eq!((dw2.wrong.min, dw2.wrong.max), (Some(-5.0), Some(-2.0)));
    let buckets: Vec<(&str, u64, u64)> = dw2
        .buckets
        .iter()
        .map(|b| (b.label.as_str(), b.right, b.wrong))
        .collect();
    assert_eq!(
        buckets,
        [
            ("w2 < -3", 0, 2),
            ("-3 ≤ w2 < 0", 0, 2),
            ("0 ≤ w2 < 3", 2, 0),
            ("w2 ≥ 3", 2, 0)
        ]
    );
    // Buckets of two are too few for a spread of wrong rates (MIN_BUCKET is 3).
    assert_eq!(dw2.spread, None);
    // χ² = 8 on 3 degrees of freedom.
    assert!((dw2.p_value.unwrap() - 0.046_011_705_689_231_28).abs() < 1e-9);
    // dC_db was right for everyone: nothing to test.
    assert_eq!(simple.answers[3].params[0].p_value, None);
}

#[test]
fn resubmissions_and_absent_students_are_listed_apart_from_the_answers() {
    let (report, _) = class();
    assert_eq!(report.absent, ["s9"]);
    assert_eq!(report.duplicates.len(), 1);
    let d = &report.duplicates[0];
    assert_eq!(
        (d.student.as_str(), d.spec.as_str(), d.line),
        ("s8", "simple_network-s8", 18)
    );
    // No student id next to an answer anywhere else in the report.
    let mut json = serde_json::to_value(&report).unwrap();
    json["absent"] = serde_json::json!([]);
    json["duplicates"] = serde_json::json!([]);
    let text = json.to_string();
    for s in 1..=9 {
        assert!(!text.contains(&format!("\"s{s}\"")), "s{s} in {text}");
    }
    assert!(text.contains("\"format_version\":1"));
}
