//! The form an answer takes, and the one sentence that says it with the tolerance.

use crate::format::{count_words as count, joined};
use crate::{Choosable, Tolerance};

/// The form an answer takes. It is chosen from the params alone (how many outputs, whether
/// h is rounded), never from the solution, so saying it gives nothing away.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// One number (an expression for one is read too).
    Number,
    /// One number that may also be `inf` (an unbounded area).
    NumberOrInf,
    /// A whole number, such as a count.
    Whole,
    /// A list of this many numbers.
    Numbers(usize),
    /// A list of this many whole numbers (rounded states).
    Wholes(usize),
    /// A matrix of (rows, columns), as a list of rows.
    Matrix(usize, usize),
    /// A formula written with these names (the notation of the setting); any equivalent
    /// form is right.
    Formula(Vec<String>),
    /// One of these options.
    Choice(Vec<Choosable>),
    /// The labels of every listed item that holds, in any order; these are the labels.
    Labels(Vec<String>),
    /// Yes or no.
    Bool,
    /// This many straight lines in the (x1, x2) plane, as equations, in any order.
    Lines(usize),
    /// The corners of a region, in order around it.
    Corners,
    /// Words of a set shape, described by the kind: "`every length`, or `lengths 1 to N`".
    Phrase(String),
}

impl Form {
    /// The sentence that says the form and, for numbers, the tolerance in words:
    /// `Give a list of 2 numbers, each to 9 decimals (within ±5e-10).`
    pub fn sentence(&self, tolerance: &Tolerance) -> String {
        let close = tolerance.words();
        let each = |n: usize| if n == 1 { "" } else { "each " };
        let mut out = match self {
            Form::Number => format!("Give a number, {close}"),
            Form::NumberOrInf => format!("Give a number, {close}, or inf if it is unbounded"),
            Form::Whole => "Give a whole number".into(),
            Form::Numbers(n) => format!(
                "Give a list of {} in brackets, {}{close}",
                count(*n, "number", "numbers"),
                each(*n)
            ),
            Form::Wholes(n) => format!(
                "Give a list of {} in brackets",
                count(*n, "whole number", "whole numbers")
            ),
            Form::Matrix(r, c) => format!(
                "Give a matrix as a list of {} of {}, each number {close}",
                count(*r, "row", "rows"),
                count(*c, "entry", "entries")
            ),
            Form::Formula(names) => format!(
                "Give a formula in the notation above, using {}; any equivalent form is right",
                names.join(", ")
            ),
            Form::Choice(options) => {
                let names: Vec<String> = options.iter().map(|o| format!("`{}`", o.name)).collect();
                format!("Give one of {}", joined(&names, "or"))
            }
            Form::Labels(labels) => format!(
                "Give the labels of every one that holds, out of {}, as a list in brackets in any order",
                labels.join(", ")
            ),
            Form::Bool => "Give yes or no".into(),
            Form::Lines(n) => format!(
                "Give {} as equations in x1 and x2, in any order and any equivalent form",
                count(*n, "line", "lines")
            ),
            Form::Corners => format!(
                "Give its corners as a list of [x1, x2] points in order around the region, \
                 starting at any corner, each coordinate {close}"
            ),
            Form::Phrase(shape) => format!("Give {shape}"),
        };
        out.push('.');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimals(d: u32) -> Tolerance {
        Tolerance {
            decimals: Some(d),
            ..Default::default()
        }
    }

    #[test]
    fn sentences_say_the_form_and_the_tolerance() {
        assert_eq!(
            Form::Numbers(2).sentence(&decimals(9)),
            "Give a list of two numbers in brackets, each to 9 decimals (within ±5e-10)."
        );
        assert_eq!(
            Form::Number.sentence(&decimals(3)),
            "Give a number, to 3 decimals (within ±0.0005)."
        );
        assert_eq!(
            Form::Wholes(5).sentence(&decimals(3)),
            "Give a list of five whole numbers in brackets."
        );
        let options = vec![
            Choosable::new("smaller", "it gets smaller", &[]),
            Choosable::new("larger", "it gets larger", &[]),
        ];
        assert_eq!(
            Form::Choice(options).sentence(&Tolerance::default()),
            "Give one of `smaller` or `larger`."
        );
        assert_eq!(
            Form::Number.sentence(&Tolerance::default()),
            "Give a number, within ±(1e-9 + 1e-9·|answer|)."
        );
    }
}
