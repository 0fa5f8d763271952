//! `--answer`: for every homework part, a right answer in the notation a student types
//! gets ✓ and exit 0, a wrong one ✗ and exit 1; unreadable answers and unknown names exit
//! 2. The whole transcript is a reviewed snapshot.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::workspace;

use std::process::Command;

/// Runs `runner SPEC --answer A ...`; returns the exit code and everything printed.
fn check(spec: &str, answers: &[&str], extra: &[&str]) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_runner"));
    command
        .current_dir(workspace())
        .arg(format!("problems/{spec}"));
    for a in answers {
        command.arg("--answer").arg(a);
    }
    let output = command.args(extra).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// (spec, right answers, wrong answers)
const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "feedforward.toml",
        &[
            "o=[e^15/(e^15+1), 1/(e^15+1)]",
            "o=[0.9999996941, 3.059022269e-7]",
        ],
        &["o=[0.9999997, 3.06e-7]"],
    ),
    (
        "decision_boundaries.toml",
        &["area=4", "boundaries=[x1 = 1, x2 = 1, x1 = -1, x2 = -1]"],
        &["area=2*2+1"],
    ),
    (
        "nn_output.toml",
        &["o1=[0.5, 0.119, 0.953]"],
        &["o1=[0.5, 0.12, 0.953]"],
    ),
    (
        "inverse_temperature.toml",
        &["max_gap=[ln(999), ln(999)/3]", "trend=Smaller"],
        &["trend=larger"],
    ),
    (
        "lstm1.toml",
        &["h=[0, 0, 1, -1, 1, 0]"],
        &["h=[0, 0, 1, 1, 1, 0]"],
    ),
    (
        "lstm2.toml",
        &["h=[1, -1, 0, 1, -1]"],
        &["h=[1, 1, 0, 1, -1]"],
    ),
    (
        "lstm_info.toml",
        &[
            "meaning=whether the current run of consecutive 1s is odd (+1) or even (-1); 0 when x_t = 0",
            "meaning=run-parity",
        ],
        &["meaning=the current input: h_t = x_t"],
    ),
    (
        "backprop_error.toml",
        &[
            "delta_L=f'(z_j^L)*(partialC)/(partiala_j^L)",
            "delta_l=sum_k w_kj^(l+1) delta_k^(l+1) f'(z_j^l)",
        ],
        &["delta_L=(partialC)/(partiala_j^L)"],
    ),
    (
        "parameter_derivatives.toml",
        &["dC_dw=delta_j^l*a_k^(l-1)", "dC_db=δ_j^l"],
        &["dC_dw=a_k^l*delta_j^l"],
    ),
    (
        "activation_functions.toml",
        &[
            "sigmoid_derivative=(1/(1+e^(-z)))*(1-1/(1+e^(-z)))",
            "sigmoid_large_z=small",
            "relu_derivative_positive=1",
            "relu_derivative_negative=0",
        ],
        &["sigmoid_derivative=1-(1/(1+e^(-z)))"],
    ),
    (
        "simple_network.toml",
        &[
            "loss=0.288",
            "dC_dw1=2.081",
            "dC_dw2=-0.004",
            "dC_db=-0.139",
        ],
        &["dC_dw1=2.08 + 0.01"],
    ),
    (
        "sgd.toml",
        &[
            "update_rule=w_1-eta*(partialC)/(partialw_1)",
            "w1_next=0.01 - 0.1*2.080916562",
        ],
        &["update_rule=w_1+eta*(partialC)/(partialw_1)"],
    ),
    (
        "word_embeddings.toml",
        &[
            "true_statements=[a, b]",
            "true_statements=[B, a]",
            "unseen_weights_unchanged=yes",
        ],
        &["true_statements=[a, c]"],
    ),
];

#[test]
fn every_homework_part_judges_right_and_wrong_answers() {
    let mut transcript = String::new();
    for (spec, right, wrong) in CASES {
        let (code, text) = check(spec, right, &[]);
        assert_eq!(code, 0, "{spec}: right answers judged wrong:\n{text}");
        assert!(!text.contains('✗'), "{text}");
        transcript.push_str(&format!(
            "$ runner {spec} (right answers) → exit {code}\n{text}"
        ));
        let (code, text) = check(spec, wrong, &["--reveal"]);
        assert_eq!(code, 1, "{spec}: wrong answer judged right:\n{text}");
        assert!(
            text.contains('✗') && text.contains("the answer is"),
            "{text}"
        );
        transcript.push_str(&format!(
            "$ runner {spec} --reveal (wrong answer) → exit {code}\n{text}\n"
        ));
    }
    insta::assert_snapshot!(transcript);
}

#[test]
fn unreadable_answers_and_unknown_names_exit_2() {
    let mut transcript = String::new();
    for (spec, answer, want) in [
        (
            "feedforward.toml",
            "o=[e^15/(e^15+, 1]",
            "^ `]` closes the `(` opened before it",
        ),
        (
            "simple_network.toml",
            "loss=0.2 $ 0.08",
            "^ `$` is not part of an expression",
        ),
        (
            "activation_functions.toml",
            "sigmoid_derivative=e^(-z)/(1+e^(-z)",
            "^ this `(` is never closed",
        ),
        (
            "simple_network.toml",
            "loss=0.2*x",
            "`x` is a name, but this answer is a number",
        ),
        ("feedforward.toml", "p=1", "the answers are o"),
        ("feedforward.toml", "o", "write it as NAME=VALUE"),
        (
            "lstm1.toml",
            "h=1",
            "one value, but this answer is a list of 6",
        ),
    ] {
        let (code, text) = check(spec, &[answer], &[]);
        assert_eq!(code, 2, "{answer}: {text}");
        assert!(text.contains(want), "{answer}: {text}");
        transcript.push_str(&format!(
            "$ runner {spec} --answer '{answer}' → exit {code}\n{text}\n"
        ));
    }
    insta::assert_snapshot!(transcript);
}

#[test]
fn every_homework_part_refuses_unreadable_answers_and_unknown_names() {
    let mut transcript = String::new();
    for (spec, right, _) in CASES {
        let name = right[0].split_once('=').map_or("", |(n, _)| n);
        for answer in [
            format!("{name}=[1+"),
            format!("{name}=(1+"),
            "no_such_answer=1".to_string(),
        ] {
            let (code, text) = check(spec, &[&answer], &[]);
            assert_eq!(code, 2, "{spec} {answer}: {text}");
            assert!(text.contains('⚠'), "{text}");
            transcript.push_str(&format!(
                "$ runner {spec} --answer '{answer}' → exit {code}\n{text}"
            ));
        }
    }
    insta::assert_snapshot!(transcript);
}

#[test]
fn answers_beyond_the_limits_are_refused_without_a_crash() {
    let long = format!("loss={}", "1+".repeat(6000) + "1");
    let (code, text) = check("simple_network.toml", &[&long], &[]);
    assert_eq!(code, 2);
    assert!(text.contains("an answer may have at most 10000"), "{text}");
    let lists = format!("area={}4{}", "[".repeat(300), "]".repeat(300));
    let (code, text) = check("decision_boundaries.toml", &[&lists], &[]);
    assert_eq!(code, 2);
    assert!(text.contains("nested deeper than 200"), "{text}");
    let deep = format!("loss={}1{}", "(".repeat(1000), ")".repeat(1000));
    let (code, text) = check("simple_network.toml", &[&deep], &[]);
    assert_eq!(code, 2);
    assert!(text.contains("nested deeper than 200"), "{text}");
}

#[test]
fn json_verdicts_name_each_answer() {
    let (code, text) = check(
        "nn_output.toml",
        &["o1=[0.5, 0.2, 0.95]"],
        &["--format", "json", "--reveal"],
    );
    assert_eq!(code, 1);
    let object: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let verdict = &object["verdicts"][0];
    assert_eq!(verdict["name"], "o1");
    assert_eq!(verdict["verdict"], "wrong");
    assert_eq!(verdict["answer"][1], 0.11920292202211755);
}
