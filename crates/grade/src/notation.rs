//! The notation the grader reads for each form of answer, in one line for an answer sheet,
//! with examples. Every example is read by this crate's own reader in a test, so a line
//! never promises what the grader would refuse. The examples are deliberately odd numbers
//! and names no homework answer is likely to be, since a handout shows them beside the
//! question.

use std::collections::BTreeSet;

use nnhw_core::{Form, Formula};

use crate::error::clip;

/// How to write an answer of `form` so that the grader reads it, in one line.
pub fn notation(form: &Form) -> String {
    let numbers = "a decimal (`0.25`, `-1.5e-3`) or an expression (`sqrt(7)/9`, `e^(-2)`, `ln(3)/4`); a Unicode minus `−` is read too";
    match form {
        Form::Number => numbers.to_string(),
        Form::NumberOrInf => format!("{numbers}; `inf` when it is unbounded"),
        Form::Whole => "digits: `7`".into(),
        Form::Numbers(_) => format!(
            "a list in brackets, entries separated by commas (`[0.25, -1.5e-3, sqrt(7)/9]`); each entry {numbers}"
        ),
        Form::Wholes(_) => "a list in brackets, entries separated by commas: `[7, -3, 0]`".into(),
        Form::Matrix(..) => format!(
            "a list of rows in brackets, each row a list (`[[0.25, -3], [sqrt(7)/9, 1.5e-3]]`); each entry {numbers}"
        ),
        Form::Formula(_) => "ASCII with `*` for times, `^` for a power, `_` for an index (`w_jk^l`, `a_k^(l-1)`), `f'(z)` for f′(z), `(partialC)/(partialb)` for ∂C/∂b, `sum_k` for Σₖ; or Unicode (`δⱼˡ`, `∂C/∂b`); a left side such as `y =` may be written".into(),
        Form::Choice(_) => "the option's name, or its words, in any case".into(),
        Form::Labels(_) => "the labels in brackets, separated by commas, in any order: `[p, q]` for p and q".into(),
        Form::Bool => "`yes` or `no` (`true` and `false` are read too)".into(),
        Form::Lines(_) => "equations in brackets, separated by commas: `[3*x1 - 2*x2 = 7.5, x2 = 0.125]`".into(),
        Form::Corners => "[x1, x2] points in brackets: `[[0.125, -3], [2.5, -3], [0.125, 4]]`".into(),
        Form::Phrase(_) => "the words, in any case".into(),
    }
}

/// The names a formula typed for `formula` uses that the question's `notation` (the
/// names its prompt lists, and the answer's left side, which the question names) does
/// not have, said as a hint: "`lr` and `t_j` are not names of this problem's notation
/// (it writes w_1, eta, …)". `None` when every name is the notation's, or the text does
/// not parse. The key's own names are never consulted, so the hint gives none away.
pub(crate) fn outside_notation(
    formula: &Formula,
    typed: &str,
    notation: &[String],
) -> Option<String> {
    let (_, context) = crate::read::reference(formula).ok()?;
    let given = crate::parse::parse(typed, &context).ok()?;
    let mut known: Vec<crate::name::Name> = Vec::new();
    let mut keys: BTreeSet<String> = BTreeSet::new();
    for text in notation.iter().chain(formula.lhs.as_ref()) {
        // `sum_k` and the like are not formulas by themselves: they add no names.
        if let Ok(parsed) = crate::parse::parse(text, &context) {
            for symbol in parsed.names.iter().chain(&parsed.functions) {
                keys.insert(symbol.key.clone());
                known.push(symbol.name.clone());
            }
        }
    }
    // A name with a sum's index set to a value (`w_1j` for `w_kj`): the notation's, or
    // one of the answer's own, expanded.
    let written: Vec<crate::name::Name> = given
        .names
        .iter()
        .chain(&given.functions)
        .map(|s| s.name.clone())
        .collect();
    // Every such spelling, once: testing each name against every other is quadratic.
    let mut expanded: BTreeSet<String> = BTreeSet::new();
    for name in known.iter().chain(&written) {
        let letters: BTreeSet<char> = name
            .sub
            .chars()
            .chain(name.sup.chars())
            .filter(|c| c.is_alphabetic())
            .collect();
        for letter in letters {
            for value in ["1", "2", "3"] {
                if let Some(n) = name.substituted(letter, value) {
                    expanded.insert(n.key());
                }
            }
        }
    }
    let mut outside: Vec<String> = Vec::new();
    for symbol in given.names.iter().chain(&given.functions) {
        if !keys.contains(&symbol.key) && !expanded.contains(&symbol.key) {
            let shown = format!("`{}`", clip(&symbol.shown, 30));
            if !outside.contains(&shown) {
                outside.push(shown);
            }
        }
    }
    if outside.is_empty() {
        return None;
    }
    // A long answer can hold hundreds: name a few.
    const NAMED: usize = 5;
    let more = outside.len().saturating_sub(NAMED);
    outside.truncate(NAMED);
    if more > 0 {
        outside.push(format!("{more} more"));
    }
    let said = match outside.as_slice() {
        [one] => format!("{one} is not a name"),
        [init @ .., last] => format!("{} and {last} are not names", init.join(", ")),
        [] => return None,
    };
    Some(format!(
        "{said} of this problem's notation (it writes {})",
        clip(&notation.join(", "), 160)
    ))
}

#[cfg(test)]
mod tests {
    use nnhw_core::{Answer, Choosable, Formula, Line, Polygon, Tolerance, Value};

    use super::*;
    use crate::{Verdict, judge};

    /// The text between each pair of backticks.
    fn examples(line: &str) -> Vec<&str> {
        line.split('`').skip(1).step_by(2).collect()
    }

    fn answer(value: Value) -> Answer {
        Answer {
            name: "a".into(),
            value,
            exact: None,
            hints: Vec::new(),
        }
    }

    /// An answer of `form`'s shape, of the size its examples have.
    fn shaped(form: &Form) -> Option<Value> {
        let line = |a, b, c| Line {
            a,
            b,
            c,
            text: String::new(),
        };
        Some(match form {
            Form::Number | Form::NumberOrInf | Form::Whole => Value::Number(1.0),
            Form::Numbers(_) | Form::Wholes(_) => Value::numbers(&[1.0, 2.0, 3.0]),
            Form::Matrix(..) => Value::matrix(&[[1.0, 2.0], [3.0, 4.0]]),
            Form::Formula(_) => Value::Formula(Formula::new("y = x", "y", "x")),
            Form::Lines(_) => Value::Lines(vec![line(1.0, 0.0, -1.0), line(0.0, 1.0, -1.0)]),
            Form::Corners => Value::Polygon(Polygon {
                corners: vec![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]],
                closed: true,
            }),
            Form::Bool => Value::Bool(true),
            Form::Choice(_) | Form::Labels(_) | Form::Phrase(_) => return None,
        })
    }

    #[test]
    fn every_example_of_every_form_is_read_by_the_grader() {
        let forms = [
            Form::Number,
            Form::NumberOrInf,
            Form::Whole,
            Form::Numbers(3),
            Form::Wholes(3),
            Form::Matrix(2, 2),
            Form::Formula(vec!["x".into()]),
            Form::Bool,
            Form::Lines(2),
            Form::Corners,
        ];
        for form in &forms {
            let value = shaped(form).unwrap();
            let line = notation(form);
            let shown = examples(&line);
            assert!(!shown.is_empty(), "{line}");
            for example in shown {
                // A formula's pieces are names, not whole answers, and `−` alone is a sign.
                let whole = match form {
                    Form::Formula(_) => false,
                    Form::Numbers(_) | Form::Matrix(..) => example.starts_with('['),
                    _ => example != "−",
                };
                if !whole {
                    continue;
                }
                let judged = judge(&answer(value.clone()), example, &Tolerance::default());
                assert_ne!(
                    judged.verdict,
                    Verdict::Unusable,
                    "{example} ({form:?}): {}",
                    judged.detail
                );
            }
        }
    }

    #[test]
    fn formula_examples_are_read_as_formulas() {
        let line = notation(&Form::Formula(Vec::new()));
        // `*`, `^` and `_` are named, not written alone.
        for example in examples(&line).into_iter().filter(|e| e.len() > 1) {
            let lhs = example.strip_suffix(" =");
            let text = match lhs {
                Some(lhs) => format!("{lhs} = 1"),
                None => example.to_string(),
            };
            let text = if text == "sum_k" {
                "sum_k x_k".to_string()
            } else {
                text
            };
            let parsed = crate::parse::parse(&text, &crate::parse::Context::default());
            assert!(parsed.is_ok(), "{example}: {parsed:?}");
        }
    }

    #[test]
    fn a_choice_is_read_by_name_or_words() {
        let options = vec![
            Choosable::new("smaller", "it gets smaller", &[]),
            Choosable::new("larger", "it gets larger", &[]),
        ];
        let choice = nnhw_core::Choice::named(options, "larger").unwrap();
        for typed in ["LARGER", "It gets larger"] {
            let judged = judge(
                &answer(Value::Choice(choice.clone())),
                typed,
                &Tolerance::default(),
            );
            assert_eq!(judged.verdict, Verdict::Right, "{typed}");
        }
    }
}
