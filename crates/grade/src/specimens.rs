//! One answer of every shape the grader knows, for the fuzz target, the fuzz regression
//! test and the bench: each must end any input in a verdict, never a panic.

use nnhw_core::{Answer, Choice, Choosable, Formula, Line, Polygon, Value};

fn answer(name: &str, value: Value) -> Answer {
    Answer {
        name: name.into(),
        value,
        exact: None,
        hints: Vec::new(),
    }
}

/// A number, a list, a matrix, a formula, a choice, a set of choices, yes/no, lines and
/// a polygon.
pub fn answers() -> Vec<Answer> {
    let labels: Vec<Choosable> = ["a", "b", "c"]
        .iter()
        .map(|l| Choosable::new(l, l, &[]))
        .collect();
    let pick = |chosen| {
        Value::Choice(Choice {
            options: labels.clone(),
            chosen,
        })
    };
    vec![
        answer("number", Value::Number(0.5)),
        answer("list", Value::numbers(&[1.0, -1.0])),
        answer("matrix", Value::matrix(&[[1.0, 2.0], [3.0, 4.0]])),
        answer(
            "formula",
            Value::Formula(
                Formula::new(
                    "δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)",
                    "delta_j^L",
                    "(partialC)/(partiala_j^L)*f'(z_j^L)",
                )
                .alias("sigma'", "f'"),
            ),
        ),
        answer(
            "choice",
            Value::Choice(Choice {
                options: vec![
                    Choosable::new("smaller", "smaller", &["decreases"]),
                    Choosable::new("larger", "larger", &["increases"]),
                ],
                chosen: 0,
            }),
        ),
        answer("set", Value::Set(vec![pick(0), pick(1)])),
        answer("bool", Value::Bool(true)),
        answer(
            "lines",
            Value::Lines(vec![
                Line {
                    a: 1.0,
                    b: 0.0,
                    c: -1.0,
                    text: "x1 = 1".into(),
                },
                Line {
                    a: 0.0,
                    b: 1.0,
                    c: 1.0,
                    text: "x2 = −1".into(),
                },
            ]),
        ),
        answer(
            "polygon",
            Value::Polygon(Polygon {
                corners: vec![[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]],
                closed: true,
            }),
        ),
    ]
}
