//! Class 3: an equation is a line only when it is linear in x1 and x2 by its form; a
//! curve that is straight at a few points is not read as one.

mod common;

use common::expect;
use nnhw_core::{Line, Value};
use nnhw_grade::Verdict;

fn lines(coefficients: &[[f64; 3]]) -> Value {
    Value::Lines(
        coefficients
            .iter()
            .map(|&[a, b, c]| Line {
                a,
                b,
                c,
                text: String::new(),
            })
            .collect(),
    )
}

#[test]
fn curves_are_not_lines() {
    // x1 = 1, and x1 + x2 = 0.
    let one = lines(&[[1.0, 0.0, -1.0]]);
    let diagonal = lines(&[[1.0, 1.0, 0.0]]);
    for value in [&one, &diagonal] {
        expect(
            value,
            Verdict::Unusable,
            &[
                "x1*x2 = x1",
                "x1^2 = 1",
                "x1^2 + x2^2 = 1",
                "sin(x1) = 0",
                "|x1| = 1",
                "abs(x1) = 1",
                "x1/x2 = 1",
                "(x1^2 - x2^2)/(x1 - x2) = 0",
                "floor(x1) = 1",
                "round(x1) = 1",
                "x1 = x1*x1",
                "x1 + 0*x1^2 = 1",
                "exp(x1) = e",
                "1/x1 = 1",
                "x1^x2 = 1",
                "2^x1 = 2",
                "sqrt(x1^2) = 1",
                "max(x1, 0) = 1",
                "sign(x1) = 1",
                "x1 = 1/0",
            ],
        );
    }
}

#[test]
fn lines_in_any_linear_form_are_read() {
    let one = lines(&[[1.0, 0.0, -1.0]]);
    expect(
        &one,
        Verdict::Right,
        &[
            "x1 = 1",
            "[x1 = 1]",
            "2*x1 = 2",
            "x1/2 = 1/2",
            "(x1 - 1)*3 = 0",
            "x1 - 1 = 0*x2",
            "sqrt(4)*x1 = 2",
            "x1 = ln(e)",
            "x = 1",
            "(x1)^1 = 1",
            "-x1 = -1",
            "x1*(2 - 1) + x2 - x2 = 1",
            "x1/(1 + 1) = 0.5",
            "2^2*x1 = 4",
        ],
    );
    expect(
        &one,
        Verdict::Wrong,
        &["x1 = 2", "x2 = 1", "x1 + x2 = 1", "x1/3 = 1"],
    );
    expect(
        &one,
        Verdict::Unusable,
        &["x1 = x1", "x1 + 1 = 1 + x1", "x1"],
    );
    let diagonal = lines(&[[1.0, 1.0, 0.0]]);
    expect(
        &diagonal,
        Verdict::Right,
        &["x2 = -x1", "y = -x", "x1/3 + x2/3 = 0"],
    );
}
