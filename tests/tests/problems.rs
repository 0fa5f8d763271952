//! Every spec under problems/ is solved once through the registry; its text report is a
//! reviewed snapshot, its `[expected]` key must match, its JSON must carry every answer in
//! full precision, and any network it checks must agree with finite differences.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nnhw_core::{Solved, Value, render};
use nnhw_tests::display_name;

#[test]
fn report() {
    let mut fd_checked = 0;
    insta::glob!("../../problems", "**/*.toml", |path| {
        let name = display_name(path);
        let solved = nnhw_grade::solve_file(path, &name, false).unwrap_or_else(|e| panic!("{e}"));
        insta::assert_snapshot!(render::text(&solved));
        let failed: Vec<_> = solved
            .checks
            .iter()
            .flatten()
            .filter(|c| !c.passed)
            .collect();
        assert!(failed.is_empty(), "{name}: {failed:?}");
        json_round_trips(&solved, &name);
        fd_checked += finite_differences_agree(&solved);
    });
    assert!(
        fd_checked >= 3,
        "only {fd_checked} specs report max_fd_error"
    );
}

fn json_round_trips(solved: &Solved, name: &str) {
    let text = render::json(solved).to_string();
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["file"], name);
    assert_eq!(back["kind"], solved.kind);
    let answers = back["answers"].as_array().unwrap();
    assert_eq!(answers.len(), solved.report.answers.len());
    let statement = &back["statement"];
    assert!(
        !statement["text"].as_str().unwrap().is_empty(),
        "{name}: no statement text"
    );
    for answer in &solved.report.answers {
        let prompt = statement["prompts"][&answer.name].as_str();
        assert!(
            prompt.is_some_and(|p| p.contains("Give ")),
            "{name}: no prompt for {}",
            answer.name
        );
    }
    assert!(
        !statement["asked"].as_array().unwrap().is_empty(),
        "{name}: asks nothing"
    );
    for (json, answer) in answers.iter().zip(&solved.report.answers) {
        assert_eq!(json["name"], answer.name.as_str());
        let value = serde_json::to_value(render::value_json(&answer.value)).unwrap();
        assert_eq!(json["value"], value);
    }
}

/// Asserts max_fd_error < 1e-6 where a report has one; returns how many it had.
fn finite_differences_agree(solved: &Solved) -> usize {
    let mut seen = 0;
    for answer in &solved.report.answers {
        if answer.name == "max_fd_error" {
            let Value::Number(error) = answer.value else {
                panic!("max_fd_error is not a number");
            };
            assert!(error < 1e-6, "{}: max_fd_error {error}", solved.file);
            seen += 1;
        }
    }
    seen
}

#[test]
fn homework_feedforward_json_keeps_every_digit() {
    let path = nnhw_tests::problems_dir().join("feedforward.toml");
    let solved = nnhw_grade::solve_file(&path, "feedforward.toml", false).unwrap();
    let json = serde_json::to_value(render::json(&solved)).unwrap();
    let o = json["answers"][0]["value"].as_array().unwrap();
    // The text report rounds to 10 significant digits; JSON must not.
    let o1 = o[1].as_f64().unwrap();
    assert!((o1 - 3.059022269256247e-7).abs() < 1e-21, "{o1}");
    assert_eq!(
        json["answers"][0]["exact"],
        "[e^15/(e^15+e^0), e^0/(e^15+e^0)]"
    );
}

#[test]
fn figures_are_drawn_for_the_kinds_that_have_them() {
    let dir = nnhw_tests::problems_dir();
    for (spec, figure, must_contain) in [
        ("feedforward.toml", "network", "o₁ = 0.9999997"),
        ("decision_boundaries.toml", "region", "area 4"),
        ("nn_output.toml", "o1", "o₁ = 0.1192"),
        ("inverse_temperature.toml", "o2", "o₂ = 0.001 (the floor)"),
        ("lstm2.toml", "states", "2.2 LSTM states 2"),
        ("lstm_info.toml", "info", "run-parity"),
        ("backprop_error.toml", "network", "δ = "),
        ("activation_functions.toml", "sigmoid", "ReLU′(z)"),
        ("simple_network.toml", "graph", "∇ 2.081"),
        // The loss before the step (step 0) is drawn, and the loss after it.
        ("sgd.toml", "loss", "0.2884"),
        ("word_embeddings.toml", "plane", "never seen"),
    ] {
        let solved = nnhw_grade::solve_file(&dir.join(spec), spec, true).unwrap();
        let svg = solved.figures.iter().find(|f| f.name == figure).unwrap();
        assert!(svg.svg.starts_with("<svg"), "{spec}");
        assert!(
            svg.svg.contains(must_contain),
            "{spec} lacks {must_contain}"
        );
    }
}
