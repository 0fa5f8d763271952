//! question.html: the variant's statement (rendered by nnhw-booklet into
//! `params.statement`), then one element per graded answer. The element's tolerance
//! attributes are nnhw's tolerance, written so that PrairieLearn's comparison is nnhw's:
//! see [`number_attributes`].

use nnhw_core::Tolerance;

use crate::model::{Input, Question};
use crate::page::escape;

/// `comparison`, `atol` and `rtol` of a `pl-number-input` that accepts exactly what nnhw
/// accepts. pl-number-input's `relabs` is numpy's `allclose`, |got − want| ≤ atol +
/// rtol·|want|, which is nnhw's rule (`Tolerance::allowed`). Its `decimals` is not: it
/// allows 0.51·10^−d, not 0.5·10^−d, so `decimals = d` is written as relabs with atol
/// 0.5·10^−d and rtol 0. Numbers are written as Rust's shortest round-trip form of the
/// f64 nnhw uses, which Python's `float` reads back to the same f64.
pub fn number_attributes(tolerance: &Tolerance) -> [(&'static str, String); 3] {
    let (atol, rtol) = match (tolerance.decimals, tolerance.abs, tolerance.rel) {
        (Some(_), _, _) => (tolerance.allowed(0.0), 0.0),
        (None, None, None) => (
            nnhw_core::tolerance::DEFAULT_ABS,
            nnhw_core::tolerance::DEFAULT_REL,
        ),
        (None, abs, rel) => (abs.unwrap_or(0.0), rel.unwrap_or(0.0)),
    };
    // `0` reads better than Rust's `0e0` to whoever opens question.html.
    let number = |x: f64| {
        if x == 0.0 {
            "0".to_string()
        } else {
            format!("{x:e}")
        }
    };
    [
        ("comparison", "relabs".to_string()),
        ("atol", number(atol)),
        ("rtol", number(rtol)),
    ]
}

/// The whole question.html. `source` says where it came from, for the comment on top.
pub fn question_html(question: &Question, source: &str) -> String {
    let mut h = String::new();
    h.push_str(&format!(
        "<!-- Written by `runner export prairielearn` from {}: regenerate it rather than edit it. -->\n",
        escape(source).replace("--", "&#45;&#45;")
    ));
    // The booklet's stylesheet, scoped to the statement's <div class="nnhw">, so that the
    // page around it keeps PrairieLearn's style.
    h.push_str("<style>\n");
    h.push_str(&nnhw_booklet::scoped_style().replace("</", "<\\/"));
    // The page's body margins and measure are for a page of its own; in PrairieLearn's
    // question card the statement takes the card's width (a selector more specific than
    // the scope's root wins over it).
    h.push_str("\ndiv.nnhw { margin: 0; padding: 0; max-width: none; }");
    h.push_str("\n.nnhw-answer { margin: 1rem 0; }\n.nnhw-answer .nnhw-notation { color: #555; font-size: 0.9rem; }\n</style>\n\n");
    h.push_str("<pl-question-panel>\n{{{params.statement}}}\n</pl-question-panel>\n");
    for a in &question.asked {
        h.push_str(&format!(
            "\n<div class=\"nnhw-answer\">\n<p><code>{0}</code> — {{{{{{params.prompts.{0}}}}}}}</p>\n",
            a.name
        ));
        let number = |name: &str, label: &str| {
            let attrs: Vec<String> = number_attributes(&question.tolerance)
                .iter()
                .map(|(k, v)| format!("{k}=\"{v}\""))
                .collect();
            format!(
                "<pl-number-input answers-name=\"{name}\" {} label=\"{label}\" show-help-text=\"true\"></pl-number-input>\n",
                attrs.join(" ")
            )
        };
        match &a.input {
            Input::Number => h.push_str(&number(&a.name, &format!("{} =", a.name))),
            Input::Entries => {
                h.push_str(&format!("{{{{#params.entries.{}}}}}\n", a.name));
                h.push_str(&number("{{name}}", "{{label}}"));
                h.push_str(&format!("{{{{/params.entries.{}}}}}\n", a.name));
            }
            Input::Choice(_) => {
                h.push_str(&format!(
                    "<pl-multiple-choice answers-name=\"{0}\" fixed-order=\"true\">\n{{{{#params.choices.{0}}}}}\n<pl-answer correct=\"{{{{correct}}}}\">{{{{text}}}}</pl-answer>\n{{{{/params.choices.{0}}}}}\n</pl-multiple-choice>\n",
                    a.name
                ));
            }
            Input::Text => {
                h.push_str(&format!(
                    "<p class=\"nnhw-notation\">Written as {{{{{{params.notations.{0}}}}}}}.</p>\n<pl-string-input answers-name=\"{0}\" label=\"{0} =\" display=\"block\" size=\"60\"></pl-string-input>\n",
                    a.name
                ));
            }
        }
        h.push_str("</div>\n");
    }
    if question.external {
        h.push_str("\n<pl-submission-panel>\n<pl-external-grader-results></pl-external-grader-results>\n</pl-submission-panel>\n");
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_become_an_exact_absolute_tolerance() {
        let t = Tolerance {
            decimals: Some(3),
            ..Default::default()
        };
        let [_, (_, atol), (_, rtol)] = number_attributes(&t);
        assert_eq!(atol.parse::<f64>().ok(), Some(t.allowed(0.0)));
        assert_eq!(rtol, "0");
        let [_, (_, atol), (_, rtol)] = number_attributes(&Tolerance::default());
        assert_eq!((atol.as_str(), rtol.as_str()), ("1e-9", "1e-9"));
    }

    #[test]
    fn abs_and_rel_become_atol_and_rtol() {
        let both = Tolerance {
            abs: Some(0.25),
            rel: Some(1e-3),
            ..Default::default()
        };
        let [(_, comparison), (_, atol), (_, rtol)] = number_attributes(&both);
        assert_eq!(
            (comparison.as_str(), atol.as_str(), rtol.as_str()),
            ("relabs", "2.5e-1", "1e-3")
        );
        let rel = Tolerance {
            rel: Some(0.01),
            ..Default::default()
        };
        let [_, (_, atol), (_, rtol)] = number_attributes(&rel);
        assert_eq!((atol.as_str(), rtol.as_str()), ("0", "1e-2"));
    }
}
