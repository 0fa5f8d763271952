//! Class 2: an unbounded area is +∞; a negative infinity is wrong, and one whose sign
//! is ambiguous (`±inf`) is not read.

mod common;

use common::expect;
use nnhw_core::Value;
use nnhw_grade::Verdict;

#[test]
fn only_a_positive_infinity_is_an_unbounded_area() {
    let area = Value::Number(f64::INFINITY);
    expect(
        &area,
        Verdict::Right,
        &[
            "inf",
            "+inf",
            "Infinity",
            "∞",
            "+∞",
            "(inf)",
            "\"inf\"",
            "unbounded",
            "infinite",
            "\\infty",
            "inf.",
            "[inf]",
            "( + inf )",
        ],
    );
    expect(
        &area,
        Verdict::Wrong,
        &[
            "-inf",
            "−∞",
            "(-inf)",
            "-(inf)",
            "- infinity",
            "\"-inf\"",
            "−unbounded",
            "0",
            "1e308",
        ],
    );
    expect(
        &area,
        Verdict::Unusable,
        &[
            "±inf", "+-inf", "-+inf", "∓∞", "+/-inf", "± ∞", "(+-inf)", "--inf", "-+-inf", "+ - ∞",
            "inf-", "nan",
        ],
    );
}

#[test]
fn a_negative_infinity_is_right_only_where_it_is_the_answer() {
    let low = Value::Number(f64::NEG_INFINITY);
    expect(&low, Verdict::Right, &["-inf", "−∞", "(-inf)", "-infinity"]);
    expect(&low, Verdict::Wrong, &["inf", "+∞", "unbounded"]);
    expect(&low, Verdict::Unusable, &["±inf", "+-∞"]);
}

#[test]
fn plus_or_minus_is_never_one_number() {
    let half = Value::Number(0.5);
    expect(
        &half,
        Verdict::Unusable,
        &["±0.5", "+-0.5", "+/- 0.5", "∓0.5", "(±0.5)"],
    );
    expect(
        &half,
        Verdict::Right,
        &["0.5", "+0.5", "1+-0.5", "2 - +1.5", "(+0.5)"],
    );
    expect(&half, Verdict::Wrong, &["-0.5", "(-0.5)", "1-+0.5 - 1"]);
}
