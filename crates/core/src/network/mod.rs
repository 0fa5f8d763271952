//! The dense network, whole: layers, the forward pass, the loss, the backward pass,
//! finite differences and SGD, the one implementation every section trains and reads.
//!
//! A layer l has weights wˡ (one row per unit, one column per input), biases bˡ and an
//! activation f. For one input x = a⁰, the forward pass ([`Network::forward_batch`]) is
//!
//! - zˡ = wˡ aˡ⁻¹ + bˡ
//! - aˡ = f(zˡ)
//!
//! and with δˡ = ∂C/∂zˡ for a loss C ([`Loss`]) of the output aᴸ, the backward pass
//! (in [`step`]) is the homework's four equations:
//!
//! - δᴸ = ∇ₐC ⊙ f′(zᴸ)
//! - δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ)
//! - ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ
//! - ∂C/∂bˡⱼ = δˡⱼ
//!
//! A batch holds one example per row: Aˡ is m × units, and its loss is the mean over the
//! m examples. Each equation then becomes one matrix product, or an entrywise one:
//!
//! - Zˡ = Aˡ⁻¹ (Wˡ)ᵀ + 1 (bˡ)ᵀ, Aˡ = f(Zˡ)
//! - Δᴸ = ∇ₐC ⊙ f′(Zᴸ), row by row
//! - Δˡ = Δˡ⁺¹ Wˡ⁺¹ ⊙ f′(Zˡ)
//! - ∂C/∂Wˡ = (Δˡ)ᵀ Aˡ⁻¹ / m
//! - ∂C/∂bˡ = the column means of Δˡ
//!
//! [`LayerSpec`] is the spec-side shape of a layer; [`Network::from_specs`] checks every
//! shape once, so the passes themselves cannot index out of bounds. [`Network::random`]
//! builds a Glorot-initialised network from a seed, the same on every machine. A training
//! loop keeps a [`Workspace`] between [`step`]s, so that a step allocates nothing;
//! [`sgd_step`] then moves the parameters, and [`finite_difference`] checks a gradient
//! against the loss itself.

mod backward;
mod bands;
mod forward;
mod loss;
mod parameter;
mod sgd;

pub use backward::{Gradients, Workspace, batch_loss, gradients, step};
pub use forward::{BatchTrace, LayerTrace};
pub use loss::Loss;
pub use parameter::{FD_STEP, Parameter, finite_difference};
pub use sgd::sgd_step;

use faer::Mat;
use serde::Deserialize;

use crate::FieldError;
use crate::format::count;
use crate::matrix::Matrix;
use crate::numerics::Activation;
use crate::rng::Rng;

/// Largest number of weights and biases a spec's network may have: well above any
/// homework, well below what would exhaust memory.
pub const MAX_PARAMETERS: usize = 20_000_000;
/// Most units over all layers of a network (the input not counted): each unit costs a
/// forward pass more than its multiply-adds, and checking gradients takes many passes.
pub const MAX_UNITS: usize = 1_000_000;

/// One layer as a spec writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerSpec {
    /// One row per unit, one column per input.
    pub weights: Vec<Vec<f64>>,
    /// One bias per unit; zeros when left out.
    #[serde(default)]
    pub bias: Option<Vec<f64>>,
    /// The layer's activation f.
    #[serde(default)]
    pub activation: Activation,
}

/// A dense layer: z = W a + b, then f(z).
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// W: one row per unit, one column per input.
    pub weights: Mat<f64>,
    /// b, one per unit.
    pub bias: Vec<f64>,
    /// f.
    pub activation: Activation,
}

impl Layer {
    /// Number of units (outputs).
    pub fn units(&self) -> usize {
        self.weights.nrows()
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.weights.ncols()
    }
}

/// A stack of dense layers with checked shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// The layers, input side first.
    pub layers: Vec<Layer>,
}

/// Refuses an empty input vector `x`, which no network can read.
pub fn check_input(x: &[f64]) -> Result<(), FieldError> {
    if x.is_empty() {
        return Err(FieldError::new(
            "x",
            "empty: the input needs at least one entry",
        ));
    }
    Ok(())
}

/// Weights and biases of a network with these layer widths, counted without overflow.
pub fn parameter_count(sizes: &[usize]) -> usize {
    sizes
        .windows(2)
        .map(|w| w[0].saturating_mul(w[1]).saturating_add(w[1]))
        .fold(0, usize::saturating_add)
}

impl Network {
    /// Checks each layer against the width of what feeds it (`input_width` for the first)
    /// and builds the network. Paths in errors are `layers[i].weights` and so on.
    pub fn from_specs(input_width: usize, specs: &[LayerSpec]) -> Result<Network, FieldError> {
        if specs.is_empty() {
            return Err(FieldError::new("layers", "empty: needs at least one layer"));
        }
        let mut width = input_width;
        let mut layers = Vec::with_capacity(specs.len());
        for (l, spec) in specs.iter().enumerate() {
            let at = format!("layers[{l}]");
            let weights = Matrix::from_rows(&spec.weights, &format!("{at}.weights"))?;
            if weights.cols() != width {
                let feeder = if l == 0 {
                    format!("x has {}", count(width, "entry", "entries"))
                } else {
                    format!("layer {} has {}", l - 1, count(width, "unit", "units"))
                };
                return Err(FieldError::new(
                    format!("{at}.weights"),
                    format!(
                        "{}, but {feeder}",
                        count(weights.cols(), "column", "columns")
                    ),
                ));
            }
            let bias = match &spec.bias {
                None => vec![0.0; weights.rows()],
                Some(b) if b.len() == weights.rows() => b.clone(),
                Some(b) => {
                    return Err(FieldError::new(
                        format!("{at}.bias"),
                        format!(
                            "{}, but the layer has {} (one weight row each)",
                            count(b.len(), "entry", "entries"),
                            count(weights.rows(), "unit", "units")
                        ),
                    ));
                }
            };
            width = weights.rows();
            layers.push(Layer {
                weights: Mat::from_fn(weights.rows(), weights.cols(), |i, j| weights.row(i)[j]),
                bias,
                activation: spec.activation,
            });
        }
        Ok(Network { layers })
    }

    /// A network with layer widths `sizes` (input first) and one activation throughout,
    /// weights drawn Glorot-uniform from `seed`, biases zero. `sizes` must hold at least
    /// two widths, none zero, and at most [`MAX_PARAMETERS`] parameters: check with
    /// [`Network::check_sizes`] before calling.
    pub fn random(sizes: &[usize], activation: Activation, seed: u64) -> Network {
        let mut rng = Rng::new(seed);
        let layers = sizes
            .windows(2)
            .map(|w| {
                let (fan_in, fan_out) = (w[0], w[1]);
                let limit = (6.0 / (fan_in + fan_out) as f64).sqrt();
                // Row-major draws, so the weights do not depend on faer's storage order.
                let draws: Vec<f64> = (0..fan_in * fan_out)
                    .map(|_| rng.uniform(-limit, limit))
                    .collect();
                Layer {
                    weights: Mat::from_fn(fan_out, fan_in, |i, j| draws[i * fan_in + j]),
                    bias: vec![0.0; fan_out],
                    activation,
                }
            })
            .collect();
        Network { layers }
    }

    /// Refuses layer widths [`Network::random`] cannot or should not build. `path` names
    /// the field in errors.
    pub fn check_sizes(sizes: &[usize], path: &str) -> Result<(), FieldError> {
        if sizes.len() < 2 {
            return Err(FieldError::new(
                path,
                "needs at least two widths: the input and one layer",
            ));
        }
        if let Some(i) = sizes.iter().position(|&s| s == 0) {
            return Err(FieldError::new(
                format!("{path}[{i}]"),
                "a layer of 0 units",
            ));
        }
        let units = sizes[1..]
            .iter()
            .fold(0usize, |sum, &s| sum.saturating_add(s));
        if units > MAX_UNITS {
            return Err(FieldError::new(
                path,
                format!("{units} units in the layers; the limit is {MAX_UNITS}"),
            ));
        }
        let total = parameter_count(sizes);
        if total > MAX_PARAMETERS {
            return Err(FieldError::new(
                path,
                format!("{total} parameters; the limit is {MAX_PARAMETERS}"),
            ));
        }
        Ok(())
    }

    /// Width of the last layer.
    pub fn output_width(&self) -> usize {
        self.layers.last().map_or(0, Layer::units)
    }

    /// Number of weights and biases.
    pub fn parameters(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.units() * (l.inputs() + 1))
            .sum()
    }
}

/// Networks and batches the tests of this module share.
#[cfg(test)]
mod fixtures {
    use super::{LayerSpec, Network};
    use crate::numerics::Activation;
    use faer::Mat;

    /// The homework's 3.4 network: z1 = w1 x, a1 = ReLU(z1), z2 = w2 a1 + b, y = σ(z2).
    pub(super) fn simple(w1: f64, w2: f64, b: f64) -> Network {
        let layer = |w: f64, b: f64, activation| LayerSpec {
            weights: vec![vec![w]],
            bias: Some(vec![b]),
            activation,
        };
        Network::from_specs(
            1,
            &[
                layer(w1, 0.0, Activation::Relu),
                layer(w2, b, Activation::Sigmoid),
            ],
        )
        .unwrap()
    }

    /// A batch matrix from rows.
    pub(super) fn batch(rows: &[&[f64]]) -> Mat<f64> {
        let width = rows.first().map_or(0, |r| r.len());
        Mat::from_fn(rows.len(), width, |i, j| rows[i][j])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(weights: Vec<Vec<f64>>, bias: Option<Vec<f64>>) -> LayerSpec {
        LayerSpec {
            weights,
            bias,
            activation: Activation::Relu,
        }
    }

    #[test]
    fn random_networks_are_reproducible_and_glorot_bounded() {
        let a = Network::random(&[4, 8, 3], Activation::Sigmoid, 42);
        assert_eq!(a, Network::random(&[4, 8, 3], Activation::Sigmoid, 42));
        assert_ne!(a, Network::random(&[4, 8, 3], Activation::Sigmoid, 43));
        let limit = (6.0f64 / 12.0).sqrt();
        let w = &a.layers[0].weights;
        assert!((0..8).all(|i| (0..4).all(|j| w[(i, j)].abs() <= limit)));
        assert_eq!(a.parameters(), 4 * 8 + 8 + 8 * 3 + 3);
        assert_eq!(parameter_count(&[4, 8, 3]), a.parameters());
    }

    #[test]
    fn sizes_are_checked_before_anything_is_allocated() {
        assert!(Network::check_sizes(&[3], "sizes").is_err());
        assert_eq!(
            Network::check_sizes(&[3, 0, 2], "sizes").unwrap_err().path,
            "sizes[1]"
        );
        let huge = Network::check_sizes(&[100_000, 100_000, 10], "sizes").unwrap_err();
        assert!(
            huge.message.contains("limit is 20000000"),
            "{}",
            huge.message
        );
        assert!(Network::check_sizes(&[usize::MAX, usize::MAX], "sizes").is_err());
    }

    #[test]
    fn shapes_are_checked_with_paths() {
        let ragged = Network::from_specs(2, &[layer(vec![vec![1.0, 2.0], vec![1.0]], None)]);
        assert_eq!(ragged.unwrap_err().path, "layers[0].weights[1]");
        let wide = Network::from_specs(
            2,
            &[
                layer(vec![vec![1.0, 2.0]; 4], None),
                layer(vec![vec![1.0; 3]], None),
            ],
        )
        .unwrap_err();
        assert_eq!(wide.path, "layers[1].weights");
        assert_eq!(wide.message, "3 columns, but layer 0 has 4 units");
        let bias = Network::from_specs(1, &[layer(vec![vec![1.0]], Some(vec![1.0, 2.0]))]);
        assert_eq!(bias.unwrap_err().path, "layers[0].bias");
        assert_eq!(Network::from_specs(1, &[]).unwrap_err().path, "layers");
    }
}
