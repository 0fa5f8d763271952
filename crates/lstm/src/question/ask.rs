//! Each kind's question after the shared setting: `lstm.states` runs the cell on the
//! spec's sequence (2.1, 2.2), `lstm.info` asks what h_t carries (2.3).

use nnhw_core::format::{count, number};
use nnhw_core::statement::{Inline, given, math, words};
use nnhw_core::{Form, Statement, Value};

use super::prose::prose;
use super::{setting, start};
use crate::candidates::Candidate;
use crate::rounding::Rounding;
use crate::spec::Setup;

/// Input vectors written out one by one before the rest are cut: the first this many
/// and the last [`TAIL`], as the report shortens a long list.
const HEAD: usize = 10;
/// See [`HEAD`].
const TAIL: usize = 5;

/// `x_{t}` as mathematics.
fn x(t: usize) -> Inline {
    math(format!("x_{t}"), format!("x_{t}"))
}

/// `[h_0, …, h_{n−1}]`.
fn steps(n: usize) -> String {
    match n {
        1 => "[h_0]".into(),
        2 => "[h_0, h_1]".into(),
        _ => format!("[h_0, …, h_{}]", n - 1),
    }
}

/// The input sequence: `x = [0, 1, …]` when each x_t is a number, else each vector
/// named by its step, a long sequence cut in the middle.
fn sequence(inputs: &[Vec<f64>], width: usize) -> Vec<Inline> {
    let n = inputs.len();
    if width == 1 {
        let xs: Vec<f64> = inputs.iter().map(|x| x[0]).collect();
        let mut out = vec![math("x", "x"), words(" = "), given(Value::numbers(&xs))];
        out.extend(prose(&match n {
            1 => " (that is, $x_0$)".to_string(),
            _ => format!(" (that is, $x_0$ to $x_{}$)", n - 1),
        }));
        return out;
    }
    let shown: Vec<usize> = if n <= HEAD + TAIL {
        (0..n).collect()
    } else {
        (0..HEAD).chain(n - TAIL..n).collect()
    };
    let mut out = vec![words(format!(
        "the sequence of {} ",
        count(n, "vector", "vectors")
    ))];
    for (k, &t) in shown.iter().enumerate() {
        if k > 0 {
            let skipped = shown[k - 1] + 1 != t;
            out.push(words(if skipped { ", …, " } else { ", " }));
        }
        out.extend([x(t), words(" = "), given(Value::numbers(&inputs[t]))]);
    }
    out
}

/// 2.1 and 2.2: run the cell on the spec's sequence; what is h_t at each step?
/// `scalar` is whether the solver gives h as a list of numbers (a 1-wide state on
/// 1-wide inputs) rather than a matrix with a row per step.
pub fn states(setup: &Setup, inputs: &[Vec<f64>], scalar: bool) -> Statement {
    let mut s = Statement::default();
    setting(&mut s, setup);
    let mut question = vec![words("Run the LSTM on ")];
    question.extend(sequence(inputs, setup.input_width));
    question.push(words(", starting from "));
    question.extend(start(setup));
    question.extend(prose(". What is $h_t$ at each step?"));
    s.paragraph(question);
    let n = inputs.len();
    if scalar {
        let form = match setup.rounding {
            Rounding::HalfToZero => Form::Wholes(n),
            Rounding::None => Form::Numbers(n),
        };
        s.prompt(
            "h",
            format!("What is h_t at each step, {}?", steps(n)),
            form,
        );
    } else {
        let hidden = setup.lstm.hidden();
        s.prompt(
            "h",
            format!(
                "What is h_t at each step? One row per step, {}, each row h_t as a list of {}.",
                steps(n),
                count(hidden, "number", "numbers")
            ),
            Form::Matrix(n, hidden),
        );
    }
    s
}

/// 2.3: what does h_t carry about x_0 … x_t? The cell is scalar (`info::build` refuses
/// any other). The candidates are the solver's options, listed whole, so listing them
/// singles none out.
pub fn info(setup: &Setup, max_length: u32) -> Statement {
    let mut s = Statement::default();
    setting(&mut s, setup);
    let mut question = prose(
        "The LSTM reads sequences of 0s and 1s (each $x_t$ is 0 or 1), each sequence starting \
         from ",
    );
    question.extend(start(setup));
    question.extend(prose(
        ". What information does $h_t$ carry about the input sequence $x_0$ … $x_t$? These are \
         the candidate meanings, each saying what $h_t$ is on any sequence of 0s and 1s:",
    ));
    s.paragraph(question);
    let options = Candidate::options();
    s.items(
        options
            .iter()
            .map(|o| (o.name.clone(), vec![words(o.text.clone())]))
            .collect(),
    );
    let n = number(f64::from(max_length));
    s.paragraph(prose(&format!(
        "Checking a candidate on every sequence of 0s and 1s of length 1 to {n} (max_length) \
         shows it for those lengths only. To show it for every length, see the LSTM as a \
         machine whose state after step t is the pair ($h_t$ as the next step is fed it, \
         $c_t$): that pair and $x_(t+1)$ alone decide the next pair and $h_(t+1)$. When the \
         states it can reach from its start on inputs 0 and 1 are finitely many, the LSTM is a \
         finite machine, and reasoning over those states settles a claim about $h_t$ for \
         sequences of every length."
    )));
    s.prompt(
        "meaning",
        "Which candidate describes h_t on every input sequence of 0s and 1s, as far as you can \
         show it? Name it as listed above, or `none` if no candidate does.",
        Form::Choice(options),
    );
    s.prompt(
        "holds_for",
        "For which lengths of input sequence is your answer to `meaning` shown to hold?",
        Form::Phrase(
            "`every length` if it is shown for sequences of every length, or `lengths 1 to N` \
             if it is shown only on the sequences you checked, those of length 1 to N with N \
             the max_length above"
                .into(),
        ),
    );
    s.prompt(
        "states",
        "If the states the LSTM can reach on inputs 0 and 1 are finitely many, how many states \
         has the smallest machine that gives the same h_t as the LSTM on every input sequence? \
         The state before any input counts, and states no input sequence tells apart by h_t \
         are one.",
        Form::Whole,
    );
    s.prompt(
        "sequences_checked",
        format!(
            "How many input sequences does checking every sequence of 0s and 1s of length 1 to \
             {n} take, all lengths together?"
        ),
        Form::Whole,
    );
    s
}
