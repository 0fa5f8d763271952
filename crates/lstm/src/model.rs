//! The LSTM cell, one step at a time:
//!
//! f_t = σ(W^{f,h} h_{t−1} + W^{f,x} x_t + b_f), and i_t, o_t likewise,
//! c_t = f_t ⊙ c_{t−1} + i_t ⊙ tanh(W^{c,h} h_{t−1} + W^{c,x} x_t + b_c),
//! h_t = o_t ⊙ tanh(c_t).
//!
//! σ and tanh are core's, or the homework's saturating approximations of them.

use faer::Mat;
use nnhw_core::matrix::Matrix;
use nnhw_core::matrix::set_product;
use nnhw_core::numerics::{self, Activation};
use serde::Deserialize;

/// How σ and tanh are evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Approximation {
    /// σ → 1 and tanh → 1 for arguments ≥ 1; σ → 0 and tanh → −1 for arguments ≤ −1;
    /// exact in between.
    #[default]
    Homework,
    /// σ and tanh themselves.
    Exact,
    /// As homework, but σ(a) = (a + 1)/2 and tanh(a) = a in between.
    Linear,
}

impl Approximation {
    /// The name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Approximation::Homework => "homework",
            Approximation::Exact => "exact",
            Approximation::Linear => "linear",
        }
    }

    /// σ(a) under this approximation.
    pub fn sigmoid(self, a: f64) -> f64 {
        match self {
            Approximation::Exact => Activation::Sigmoid.apply(a),
            _ if a >= 1.0 => 1.0,
            _ if a <= -1.0 => 0.0,
            Approximation::Homework => Activation::Sigmoid.apply(a),
            Approximation::Linear => (a + 1.0) / 2.0,
        }
    }

    /// Whether σ and tanh jump where they saturate, at ±1: the homework's do (σ(0.99) ≈
    /// 0.73 but σ(1) = 1); the linear ones meet their saturated values there, and the exact
    /// ones never saturate.
    pub fn jumps_at_saturation(self) -> bool {
        self == Approximation::Homework
    }

    /// tanh(a) under this approximation.
    pub fn tanh(self, a: f64) -> f64 {
        match self {
            Approximation::Exact => Activation::Tanh.apply(a),
            _ if a >= 1.0 => 1.0,
            _ if a <= -1.0 => -1.0,
            Approximation::Homework => Activation::Tanh.apply(a),
            Approximation::Linear => a,
        }
    }
}

impl Approximation {
    /// σ of every entry, in place: for the exact functions core's kernel over the slice
    /// (vectorised), otherwise [`Approximation::sigmoid`] entry by entry. Either way each
    /// entry gets the bits [`Approximation::sigmoid`] gives it.
    pub fn sigmoid_in_place(self, a: &mut [f64]) {
        match self {
            Approximation::Exact => numerics::sigmoid_in_place(a),
            _ => a.iter_mut().for_each(|v| *v = self.sigmoid(*v)),
        }
    }

    /// tanh of every entry, in place, as [`Approximation::sigmoid_in_place`].
    pub fn tanh_in_place(self, a: &mut [f64]) {
        match self {
            Approximation::Exact => numerics::tanh_in_place(a),
            _ => a.iter_mut().for_each(|v| *v = self.tanh(*v)),
        }
    }
}

/// The input sequence as a D × T matrix, one column per step, for products over the
/// whole sequence; a row shorter than `width` (which validation refuses) reads as zeros.
pub(crate) fn as_columns(inputs: &[Vec<f64>], width: usize) -> Mat<f64> {
    Mat::from_fn(width, inputs.len(), |k, t| {
        inputs[t].get(k).copied().unwrap_or(0.0)
    })
}

/// One gate's parameters: W^{·,h} (H×H), W^{·,x} (H×D), b (H).
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    /// Weights on h_{t−1}.
    pub wh: Matrix,
    /// Weights on x_t.
    pub wx: Matrix,
    /// Bias.
    pub b: Vec<f64>,
}

impl Gate {
    /// W^{·,h} h + W^{·,x} x + b, written into `out`.
    fn pre_activation(&self, h: &[f64], x: &[f64], out: &mut [f64]) {
        out.copy_from_slice(&self.b);
        self.wh.mul_add_into(h, out);
        self.wx.mul_add_into(x, out);
    }
}

/// An LSTM cell with state width H and input width D, shapes already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Lstm {
    /// Forget gate.
    pub forget: Gate,
    /// Input gate.
    pub input: Gate,
    /// Output gate.
    pub output: Gate,
    /// Candidate cell value.
    pub cell: Gate,
    /// How σ and tanh are evaluated.
    pub approximation: Approximation,
}

/// Everything one step computes; reused across steps to avoid allocating.
#[derive(Debug, Clone, PartialEq)]
pub struct StepValues {
    /// Forget gate f_t.
    pub f: Vec<f64>,
    /// Input gate i_t.
    pub i: Vec<f64>,
    /// Output gate o_t.
    pub o: Vec<f64>,
    /// Cell state c_t.
    pub c: Vec<f64>,
    /// h_t = o_t ⊙ tanh(c_t), before rounding.
    pub h: Vec<f64>,
}

impl StepValues {
    /// A zeroed step for state width `hidden`.
    pub fn new(hidden: usize) -> StepValues {
        StepValues {
            f: vec![0.0; hidden],
            i: vec![0.0; hidden],
            o: vec![0.0; hidden],
            c: vec![0.0; hidden],
            h: vec![0.0; hidden],
        }
    }
}

impl Lstm {
    /// State width H.
    pub fn hidden(&self) -> usize {
        self.forget.b.len()
    }

    /// The arguments of σ for f, i and o and of tanh for the candidate, in that order, at
    /// one step from h_{t−1} on x_t.
    pub fn pre_activations(&self, x: &[f64], h_prev: &[f64]) -> [Vec<f64>; 4] {
        [&self.forget, &self.input, &self.output, &self.cell].map(|gate| {
            let mut out = vec![0.0; self.hidden()];
            gate.pre_activation(h_prev, x, &mut out);
            out
        })
    }

    /// One step from (h_{t−1}, c_{t−1}) on x_t, into `out`.
    pub fn step(&self, x: &[f64], h_prev: &[f64], c_prev: &[f64], out: &mut StepValues) {
        self.forget.pre_activation(h_prev, x, &mut out.f);
        self.input.pre_activation(h_prev, x, &mut out.i);
        self.output.pre_activation(h_prev, x, &mut out.o);
        // out.c holds the candidate's pre-activation until it becomes c_t.
        self.cell.pre_activation(h_prev, x, &mut out.c);
        self.finish_step(c_prev, out);
    }

    /// The four gates' input parts W^{·,x} x_t for every step at once, in the order of
    /// [`Lstm::pre_activations`], each as a matrix with one column per step: when the
    /// cell is wide, four matrix products over the whole sequence cost far less than one
    /// matrix-vector product per gate and step (the way cuDNN and PyTorch run an LSTM).
    /// None for a narrow cell, whose products faer would not take either, where
    /// [`Lstm::step`] is quicker.
    pub fn input_parts(&self, inputs: &[Vec<f64>]) -> Option<[Mat<f64>; 4]> {
        let width = inputs.first()?.len();
        if !self.forget.wx.is_wide() {
            return None;
        }
        let x = as_columns(inputs, width);
        Some(
            [&self.forget, &self.input, &self.output, &self.cell].map(|gate| {
                let mut part = Mat::zeros(self.hidden(), inputs.len());
                let wx = gate.wx.as_faer();
                set_product(&mut part, wx, x.as_ref());
                part
            }),
        )
    }

    /// [`Lstm::step`] with the input parts W^{·,x} x_t given (a column of each of
    /// [`Lstm::input_parts`]): b + W^{·,h} h_{t−1}, then + W^{·,x} x_t, the order
    /// [`Lstm::step`] adds them in.
    pub fn step_with_input_parts(
        &self,
        parts: [&[f64]; 4],
        h_prev: &[f64],
        c_prev: &[f64],
        out: &mut StepValues,
    ) {
        let gates = [&self.forget, &self.input, &self.output, &self.cell];
        let outs = [&mut out.f, &mut out.i, &mut out.o, &mut out.c];
        for ((gate, out), part) in gates.into_iter().zip(outs).zip(parts) {
            out.copy_from_slice(&gate.b);
            gate.wh.mul_add_into(h_prev, out);
            out.iter_mut().zip(part).for_each(|(o, p)| *o += p);
        }
        self.finish_step(c_prev, out);
    }

    /// From the four pre-activations in `out` (the candidate's in `out.c`) to the gates,
    /// c_t and h_t. Each activation runs over its whole slice (vectorised for the exact
    /// functions), entry by entry the bits of the scalar [`Approximation::sigmoid`] and
    /// [`Approximation::tanh`].
    fn finish_step(&self, c_prev: &[f64], out: &mut StepValues) {
        let approx = self.approximation;
        approx.sigmoid_in_place(&mut out.f);
        approx.sigmoid_in_place(&mut out.i);
        approx.sigmoid_in_place(&mut out.o);
        approx.tanh_in_place(&mut out.c);
        for (((c, f), i), c_prev) in out.c.iter_mut().zip(&out.f).zip(&out.i).zip(c_prev) {
            *c = f * c_prev + i * *c;
        }
        out.h.copy_from_slice(&out.c);
        approx.tanh_in_place(&mut out.h);
        out.h.iter_mut().zip(&out.o).for_each(|(h, o)| *h *= o);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximations_saturate_at_one() {
        for a in [Approximation::Homework, Approximation::Linear] {
            assert_eq!(a.sigmoid(1.0), 1.0);
            assert_eq!(a.sigmoid(-1.0), 0.0);
            assert_eq!(a.tanh(100.0), 1.0);
            assert_eq!(a.tanh(-1.0), -1.0);
            assert_eq!(a.sigmoid(0.0), 0.5);
            assert_eq!(a.tanh(0.0), 0.0);
        }
        assert_eq!(Approximation::Linear.sigmoid(0.5), 0.75);
        assert_eq!(Approximation::Linear.tanh(-0.25), -0.25);
        assert_eq!(Approximation::Homework.tanh(0.5), numerics::tanh(0.5));
        assert!(Approximation::Exact.sigmoid(1.0) < 1.0);
    }

    #[test]
    fn only_the_homework_approximation_jumps_at_saturation() {
        let below = 1.0 - 1e-12;
        for a in [
            Approximation::Homework,
            Approximation::Exact,
            Approximation::Linear,
        ] {
            let jump = (a.sigmoid(1.0) - a.sigmoid(below))
                .abs()
                .max((a.tanh(-1.0) - a.tanh(-below)).abs());
            assert_eq!(jump > 0.1, a.jumps_at_saturation(), "{}", a.name());
        }
    }
}
