//! The question both kinds pose, from the params alone: the cell's update equations, its
//! twelve parameters (matrices and vectors for a wider LSTM), how σ and tanh are
//! evaluated and how h is rounded and fed back; then each kind's own question ([`ask`])
//! and the figure of the cell with its parameters (`crate::figure::cell`).
//!
//! Nothing here runs the cell: a statement is handed to students, and every state the cell
//! takes is, or leads to, an answer.

mod ask;
mod prose;
#[cfg(test)]
mod tests;

pub use ask::{info, states};

use prose::prose;

use nnhw_core::format::count;
use nnhw_core::matrix::Matrix;
use nnhw_core::statement::{Inline, given, math, words};
use nnhw_core::{Statement, Value};

use crate::model::{Approximation, Gate};
use crate::rounding::Rounding;
use crate::spec::Setup;

/// The gates in the homework's order, each with its letter in W^{f,h}, b_f.
pub fn gates(setup: &Setup) -> [(&'static str, &Gate); 4] {
    let l = &setup.lstm;
    [
        ("f", &l.forget),
        ("i", &l.input),
        ("o", &l.output),
        ("c", &l.cell),
    ]
}

/// Whether the cell is the homework's: one number in, one number of state.
pub fn is_scalar(setup: &Setup) -> bool {
    setup.lstm.hidden() == 1 && setup.input_width == 1
}

/// W^{g,h} (`on` = "h") or W^{g,x} (`on` = "x"), as the homework writes it.
pub fn weight_name(gate: &str, on: &str) -> (String, String) {
    // The grader's notation drops the comma of an index: W^(fh) typesets as W^{fh}.
    (format!("W^({gate}{on})"), format!("W^{{{gate},{on}}}"))
}

fn weight(gate: &str, on: &str) -> Inline {
    let (ascii, unicode) = weight_name(gate, on);
    math(ascii, unicode)
}

fn bias(gate: &str) -> Inline {
    math(format!("b_{gate}"), format!("b_{gate}"))
}

fn start_h() -> Inline {
    math("h_(-1)", "h_{−1}")
}

fn start_c() -> Inline {
    math("c_(-1)", "c_{−1}")
}

/// A weight as a number when it is 1×1, else as a matrix.
fn matrix_value(m: &Matrix) -> Value {
    if m.rows() == 1 && m.cols() == 1 {
        Value::Number(m.row(0)[0])
    } else {
        let rows: Vec<&[f64]> = m.iter_rows().collect();
        Value::matrix(&rows)
    }
}

/// A bias or start state as a number for a 1-unit state, else as a vector.
fn vector_value(v: &[f64]) -> Value {
    match v {
        [x] => Value::Number(*x),
        _ => Value::numbers(v),
    }
}

/// `h_{−1} = …, c_{−1} = …` as inline pieces.
pub fn start(setup: &Setup) -> Vec<Inline> {
    vec![
        start_h(),
        words(" = "),
        given(vector_value(&setup.h0)),
        words(" and "),
        start_c(),
        words(" = "),
        given(vector_value(&setup.c0)),
    ]
}

/// The setting: what the cell reads and keeps, its update equations, its parameters, how
/// σ and tanh are evaluated, and how h_t is rounded and fed back.
pub fn setting(s: &mut Statement, setup: &Setup) {
    let hidden = setup.lstm.hidden();
    let width = setup.input_width;
    if is_scalar(setup) {
        s.paragraph(prose(
            "A scalar LSTM reads an input sequence $x_0$, $x_1$, …, one number $x_t$ at each \
             step t. It keeps a cell state $c_t$ and an output $h_t$, both numbers, and at step \
             t computes the forget gate $f_t$, the input gate $i_t$, the output gate $o_t$, the \
             new cell state and the new output:",
        ));
    } else {
        let input = if width == 1 {
            "one number $x_t$ at each step t".to_string()
        } else {
            format!(
                "one vector $x_t$ of {} at each step t",
                count(width, "number", "numbers")
            )
        };
        let state = if hidden == 1 {
            "both numbers".to_string()
        } else {
            format!("each a vector of {}", count(hidden, "number", "numbers"))
        };
        let entrywise = if hidden == 1 {
            ""
        } else {
            " (σ and tanh act on each entry, and each gate multiplies entry by entry)"
        };
        s.paragraph(prose(&format!(
            "An LSTM reads an input sequence $x_0$, $x_1$, …, {input}. It keeps a cell state \
             $c_t$ and an output $h_t$, {state}, and at step t computes the forget gate $f_t$, \
             the input gate $i_t$, the output gate $o_t$, the new cell state and the new \
             output{entrywise}:"
        )));
    }
    for (g, name) in [("f", "f"), ("i", "i"), ("o", "o")] {
        let (wh, wx) = (weight_name(g, "h"), weight_name(g, "x"));
        s.display([math(
            format!("{name}_t = sigma({}*h_(t-1) + {}*x_t + b_{g})", wh.0, wx.0),
            format!("{name}_t = σ({} h_{{t−1}} + {} x_t + b_{g})", wh.1, wx.1),
        )]);
    }
    let (ch, cx) = (weight_name("c", "h"), weight_name("c", "x"));
    s.display([math(
        format!(
            "c_t = f_t*c_(t-1) + i_t*tanh({}*h_(t-1) + {}*x_t + b_c)",
            ch.0, cx.0
        ),
        format!(
            "c_t = f_t c_{{t−1}} + i_t tanh({} h_{{t−1}} + {} x_t + b_c)",
            ch.1, cx.1
        ),
    )]);
    s.display([math("h_t = o_t*tanh(c_t)", "h_t = o_t tanh(c_t)")]);
    parameters(s, setup);
    approximation(s, setup.lstm.approximation);
    rounding(s, setup.rounding, setup.feed_rounded);
}

/// The eight weights and four biases, a gate to a line.
fn parameters(s: &mut Statement, setup: &Setup) {
    if is_scalar(setup) {
        s.say("Its parameters are:");
    } else {
        let hidden = setup.lstm.hidden();
        let size = if hidden == 1 {
            "a number".to_string()
        } else {
            format!("a vector of {hidden}")
        };
        let mut pieces = vec![words(format!(
            "Its parameters are, for each gate g (f, i, o or c), a {hidden}×{hidden} matrix "
        ))];
        pieces.push(weight("g", "h"));
        pieces.extend(prose(&format!(
            " on $h_(t-1)$, a {hidden}×{} matrix ",
            setup.input_width
        )));
        pieces.push(weight("g", "x"));
        pieces.extend(prose(" on $x_t$ and a bias "));
        pieces.extend([bias("g"), words(format!(", {size}:"))]);
        s.paragraph(pieces);
    }
    for (g, gate) in gates(setup) {
        s.display([
            weight(g, "h"),
            words(" = "),
            given(matrix_value(&gate.wh)),
            words(",   "),
            weight(g, "x"),
            words(" = "),
            given(matrix_value(&gate.wx)),
            words(",   "),
            bias(g),
            words(" = "),
            given(vector_value(&gate.b)),
        ]);
    }
}

/// How σ and tanh are evaluated, in words with the approximation's name.
fn approximation(s: &mut Statement, approximation: Approximation) {
    let exact = "$sigma(a) = 1/(1 + e^(-a))$ and $tanh(a) = (e^a - e^(-a))/(e^a + e^(-a))$";
    let saturated = "for an argument $a >= 1$, $sigma(a) = 1$ and $tanh(a) = 1$; for \
                     $a <= -1$, $sigma(a) = 0$ and $tanh(a) = -1$; in between";
    s.paragraph(prose(&match approximation {
        Approximation::Homework => format!(
            "σ and tanh saturate as in the homework (approximation: homework): {saturated} both \
             are exact, {exact}."
        ),
        Approximation::Exact => {
            format!("σ and tanh are the exact functions (approximation: exact), {exact}.")
        }
        // ½ in words, not a fraction: a lone 2 could read as an answer (a count of states).
        Approximation::Linear => format!(
            "σ and tanh are replaced by straight lines that saturate (approximation: linear): \
             {saturated} σ(a) = ½(a + 1) and $tanh(a) = a$."
        ),
    }));
}

/// How each h_t is rounded and what the next step is fed.
fn rounding(s: &mut Statement, rounding: Rounding, feed_rounded: bool) {
    s.paragraph(prose(match (rounding, feed_rounded) {
        (Rounding::HalfToZero, true) => {
            "Each $h_t$ is rounded to the nearest integer, halves toward zero (±0.5 to 0; \
             rounding: half-to-zero), and the next step is fed the rounded $h_t$."
        }
        (Rounding::HalfToZero, false) => {
            "Each $h_t$ is rounded to the nearest integer, halves toward zero (±0.5 to 0; \
             rounding: half-to-zero), but the next step is fed $h_t$ before rounding: only the \
             $h_t$ asked for is rounded."
        }
        (Rounding::None, _) => {
            "$h_t$ is not rounded (rounding: none): the next step is fed $h_t$ as it is."
        }
    }));
}
