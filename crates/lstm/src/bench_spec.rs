//! The LSTM the benches time beside PyTorch's `nn.LSTM`: an `lstm.states` spec built in
//! memory, since one of this size does not fit the spec limits. It exists for the benches
//! (`crates/lstm/benches/states.rs` and `tests/benches/side_by_side.rs`, which must time
//! the same cell), not as part of the crate's API.
//!
//! Every weight and bias is drawn uniformly in ±1/√H, PyTorch's default initialisation
//! range; the inputs in ±1. σ and tanh are exact and nothing is rounded.

use std::fmt::Write;

use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;

use crate::spec::{LstmSpec, Setup};

/// State width H of the bench beside PyTorch.
pub const HIDDEN: usize = 256;
/// Input width D of the bench beside PyTorch.
pub const INPUT: usize = 256;
/// Sequence length T of the bench beside PyTorch.
pub const STEPS: usize = 1000;
/// Seed of the bench beside PyTorch.
pub const SEED: u64 = 5;

/// The gates in the order the spec names them (and [`BenchLstm`] holds them): forget,
/// input, output, cell candidate. PyTorch orders them input, forget, cell, output.
pub const GATES: [&str; 4] = ["f", "i", "o", "c"];

/// The values of the bench's spec, for a harness that hands the same cell to PyTorch.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchLstm {
    /// The input sequence, one row of width D per step.
    pub x: Vec<Vec<f64>>,
    /// Each gate's recurrent weights (H × H), in [`GATES`] order.
    pub h_weights: [Vec<Vec<f64>>; 4],
    /// Each gate's input weights (H × D), in [`GATES`] order.
    pub x_weights: [Vec<Vec<f64>>; 4],
    /// Each gate's bias (H), in [`GATES`] order.
    pub bias: [Vec<f64>; 4],
}

/// `cols` uniform draws in ±`limit`.
fn vector(rng: &mut Rng, cols: usize, limit: f64) -> Vec<f64> {
    (0..cols).map(|_| rng.uniform(-limit, limit)).collect()
}

/// `rows` × `cols` uniform draws in ±`limit`, row by row.
fn matrix(rng: &mut Rng, rows: usize, cols: usize, limit: f64) -> Vec<Vec<f64>> {
    (0..rows).map(|_| vector(rng, cols, limit)).collect()
}

/// A row as a TOML array. `{}` writes the shortest decimal that reads back to the same
/// f64, so the parsed spec holds exactly these values.
fn write_vector(text: &mut String, row: &[f64]) {
    text.push('[');
    for v in row {
        let _ = write!(text, "{v},");
    }
    text.push(']');
}

/// A matrix as a TOML array of rows.
fn write_matrix(text: &mut String, rows: &[Vec<f64>]) {
    text.push('[');
    for row in rows {
        write_vector(text, row);
        text.push(',');
    }
    text.push(']');
}

/// The cell and sequence of width `hidden`, input width `input` and `steps` steps, drawn
/// from `seed`: the sequence first, then each gate's recurrent and input weights, then
/// the biases.
pub fn pytorch_scale(hidden: usize, input: usize, steps: usize, seed: u64) -> BenchLstm {
    let mut rng = Rng::new(seed);
    let limit = 1.0 / (hidden as f64).sqrt();
    let x = matrix(&mut rng, steps, input, 1.0);
    let mut h_weights: [Vec<Vec<f64>>; 4] = Default::default();
    let mut x_weights: [Vec<Vec<f64>>; 4] = Default::default();
    for (h, xw) in h_weights.iter_mut().zip(&mut x_weights) {
        *h = matrix(&mut rng, hidden, hidden, limit);
        *xw = matrix(&mut rng, hidden, input, limit);
    }
    let bias = [(); 4].map(|()| vector(&mut rng, hidden, limit));
    BenchLstm {
        x,
        h_weights,
        x_weights,
        bias,
    }
}

/// The `lstm.states` spec text of [`pytorch_scale`]'s cell.
pub fn pytorch_scale_spec(hidden: usize, input: usize, steps: usize, seed: u64) -> String {
    pytorch_scale(hidden, input, steps, seed).spec_text()
}

impl BenchLstm {
    /// The `lstm.states` spec text: exact σ and tanh, no rounding, zero start state.
    pub fn spec_text(&self) -> String {
        let mut text = String::from(
            "kind = \"lstm.states\"\n[params]\napproximation = \"exact\"\nrounding = \"none\"\n",
        );
        text.push_str("x = ");
        write_matrix(&mut text, &self.x);
        text.push_str("\n[params.weights]\n");
        for (gate, (h, x)) in GATES.iter().zip(self.h_weights.iter().zip(&self.x_weights)) {
            let _ = write!(text, "{gate}_h = ");
            write_matrix(&mut text, h);
            let _ = write!(text, "\n{gate}_x = ");
            write_matrix(&mut text, x);
            text.push('\n');
        }
        text.push_str("[params.bias]\n");
        for (gate, b) in GATES.iter().zip(&self.bias) {
            let _ = write!(text, "{gate} = ");
            write_vector(&mut text, b);
            text.push('\n');
        }
        text
    }

    /// The checked cell and its sequence, through the spec text as `lstm.states` reads
    /// it, or what is wrong with that text.
    pub fn setup(&self) -> Result<(Setup, Vec<Vec<f64>>), BadBenchSpec> {
        let text = self.spec_text();
        let bad = |message: String| BadBenchSpec { message };
        let document = Document::parse("states.toml", &text).map_err(|e| bad(e.to_string()))?;
        let lstm: LstmSpec = document.params().parse().map_err(|e| bad(e.message))?;
        let inputs = lstm.inputs().map_err(|e| bad(e.message))?;
        let width = self.x.first().map_or(0, Vec::len);
        let setup = lstm.setup(width).map_err(|e| bad(e.message))?;
        Ok((setup, inputs))
    }
}

/// The bench's own spec text refused: a bug in this module, never a user's input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the bench's spec is bad input: {message}")]
pub struct BadBenchSpec {
    /// What the spec reader said.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run;

    #[test]
    fn the_spec_reads_back_to_the_drawn_values() {
        let bench = pytorch_scale(3, 2, 4, 1);
        let (setup, inputs) = bench.setup().expect("the bench spec parses");
        assert_eq!(inputs, bench.x);
        assert_eq!(setup.h0, vec![0.0; 3]);
        assert_eq!(setup.c0, vec![0.0; 3]);
        assert_eq!(run(&setup, &inputs).h.len(), 4);
    }
}
