//! Class 1: signs, operators and negating words are never folded away from a choice or
//! a yes/no answer, so a negated option is never read as the option itself.

mod common;

use common::{choice, expect, judged, large_z, trend};
use nnhw_core::Value;
use nnhw_grade::Verdict;

#[test]
fn a_negated_or_compared_option_is_not_the_option() {
    let small = large_z("small");
    expect(
        &small,
        Verdict::Unusable,
        &[
            "!small",
            "¬small",
            "~small",
            "! small",
            "not small",
            "non-small",
            "un-small",
            "isn't small",
            "never small",
            "≠ 0",
            "!= 0",
            "=/= 0",
            "> 0",
            "< 0",
            ">= 0",
            "≤ 0",
            "-0",
            "+0",
            "(-0)",
            "\"!small\"",
            "not 0",
            "nonzero",
            "less than 0",
            "both",
            "neither",
            "small and large",
            "not large",
        ],
    );
    // The same texts never pick the other options either.
    for chosen in ["large", "unchanged"] {
        for t in [
            "!small",
            "≠ 0",
            "> 0",
            "not small",
            "!large",
            "¬unchanged",
            "- large",
        ] {
            assert_ne!(judged(&large_z(chosen), t).verdict, Verdict::Right, "{t}");
        }
    }
}

#[test]
fn an_option_in_any_honest_spelling_is_still_read() {
    let small = large_z("small");
    expect(
        &small,
        Verdict::Right,
        &[
            "small",
            "Small.",
            "\"small\"",
            "(small)",
            "-> 0",
            "->0",
            "→ 0",
            "it vanishes",
            "approaches 0",
            "small!",
            "`small`",
            "zero",
        ],
    );
    expect(&small, Verdict::Wrong, &["large", "it grows", "constant"]);
    let labels = choice(
        &[("run-parity", &["h_t = x_t"]), ("echo", &[])],
        "run-parity",
    );
    expect(
        &labels,
        Verdict::Right,
        &["run-parity", "Run parity", "h_t = x_t", "h_t=x_t"],
    );
    expect(
        &labels,
        Verdict::Unusable,
        &["h_t != x_t", "h_t ≠ x_t", "!run-parity"],
    );
    expect(&labels, Verdict::Wrong, &["echo"]);
}

#[test]
fn yes_or_no_is_yes_or_no_alone() {
    for want in [true, false] {
        let value = Value::Bool(want);
        expect(
            &value,
            Verdict::Unusable,
            &[
                "-1",
                "(-1)",
                "\"-1\"",
                "+1",
                "−1",
                "-0",
                "not true",
                "not false",
                "no, true",
                "yes and no",
                "true false",
                "!true",
                "!false",
                "¬yes",
                "≠ 0",
                "> 0",
                "2",
                "isn't true",
                "never",
                "both",
                "neither",
                "maybe",
                "not yes",
                "-yes",
            ],
        );
        let (right, wrong) = if want {
            (
                [
                    "yes",
                    "Yes.",
                    "TRUE",
                    "true",
                    "1",
                    "(1)",
                    "\"yes\"",
                    "y",
                    "it is true",
                ],
                [
                    "no",
                    "No.",
                    "FALSE",
                    "false",
                    "0",
                    "(0)",
                    "\"no\"",
                    "n",
                    "it is false",
                ],
            )
        } else {
            (
                [
                    "no",
                    "No.",
                    "FALSE",
                    "false",
                    "0",
                    "(0)",
                    "\"no\"",
                    "n",
                    "it is false",
                ],
                [
                    "yes",
                    "Yes.",
                    "TRUE",
                    "true",
                    "1",
                    "(1)",
                    "\"yes\"",
                    "y",
                    "it is true",
                ],
            )
        };
        expect(&value, Verdict::Right, &right);
        expect(&value, Verdict::Wrong, &wrong);
    }
}

#[test]
fn a_negated_trend_is_not_the_trend() {
    for chosen in ["smaller", "larger"] {
        expect(
            &trend(chosen),
            Verdict::Unusable,
            &[
                "not smaller",
                "!smaller",
                "¬ larger",
                "doesn't decrease",
                "never increases",
                "not less",
                "-less",
                "> smaller",
            ],
        );
    }
}

#[test]
fn a_negated_label_in_a_selection_is_not_the_label() {
    let labels: Vec<(&str, &[&str])> = vec![("a", &[]), ("b", &[]), ("c", &[])];
    let pick = |name: &str| choice(&labels, name);
    let set = Value::Set(vec![pick("a"), pick("b")]);
    expect(
        &set,
        Verdict::Right,
        &["[a, b]", "[b, a]", "a, b", "(a), (b)", "[\"a\", \"b\"]"],
    );
    expect(&set, Verdict::Wrong, &["[a, c]", "[a]", "[a, b, c]"]);
    expect(
        &set,
        Verdict::Unusable,
        &[
            "[a, !b]",
            "[¬a, b]",
            "a, not b",
            "[a, -b]",
            "[a, b, ~c]",
            "[a, ≠c]",
        ],
    );
    // No suggestion points from a negated typo to the option it negates.
    let typo = judged(&large_z("small"), "!smal");
    assert_eq!(typo.verdict, Verdict::Unusable);
    assert!(!typo.detail.contains("did you mean"), "{}", typo.detail);
}
