//! Answers of every shape, built as a solver builds them, and a check that judges a
//! typed answer against one through `nnhw_grade::judge`.

#![allow(dead_code)]

use nnhw_core::{Answer, Choice, Choosable, Tolerance, Value};
use nnhw_grade::{Judged, Verdict, judge};

/// An answer called `a` with this value.
pub fn answer(value: Value) -> Answer {
    Answer {
        name: "a".into(),
        value,
        exact: None,
        hints: Vec::new(),
    }
}

/// Judges `typed` against `value` under the default tolerance.
pub fn judged(value: &Value, typed: &str) -> Judged {
    judge(&answer(value.clone()), typed, &Tolerance::default())
}

/// Asserts the verdict of each typed answer against `value`.
pub fn expect(value: &Value, verdict: Verdict, typed: &[&str]) {
    for t in typed {
        let j = judged(value, t);
        assert_eq!(
            j.verdict, verdict,
            "`{t}` against {value:?}: {} (read as {:?})",
            j.detail, j.read_as
        );
        assert!(!j.detail.is_empty(), "`{t}`: no detail");
    }
}

/// A choice out of `options` (name, synonyms), the one named `chosen`.
pub fn choice(options: &[(&str, &[&str])], chosen: &str) -> Value {
    let options = options
        .iter()
        .map(|(name, synonyms)| Choosable::new(name, name, synonyms))
        .collect();
    Value::Choice(Choice::named(options, chosen).unwrap_or_else(|| Choice {
        options: Vec::new(),
        chosen: 0,
    }))
}

/// The trend question's options: what increasing β does to the allowed gap.
pub fn trend(chosen: &str) -> Value {
    choice(
        &[
            (
                "smaller",
                &[
                    "decreases",
                    "decreasing",
                    "gets smaller",
                    "goes down",
                    "less",
                ],
            ),
            (
                "larger",
                &["increases", "increasing", "grows", "bigger", "more"],
            ),
        ],
        chosen,
    )
}

/// What σ′ does for large |z|, with the synonyms the backprop kind lists.
pub fn large_z(chosen: &str) -> Value {
    choice(
        &[
            (
                "small",
                &[
                    "vanishes",
                    "approaches 0",
                    "to 0",
                    "-> 0",
                    "near 0",
                    "zero",
                    "0",
                    "decreases",
                    "smaller",
                ],
            ),
            (
                "large",
                &["grows", "increases", "larger", "goes to infinity"],
            ),
            ("unchanged", &["constant", "the same", "does not change"]),
        ],
        chosen,
    )
}
