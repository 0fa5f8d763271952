//! Dense layers and the feed-forward pass: Z = A Wᵀ + 1 bᵀ, then A′ = f(Z), for a batch
//! of inputs as the rows of A, with the matrix products done by faer.
//!
//! [`LayerSpec`] is the spec-side shape of a layer (rows of weights, optional bias,
//! activation); [`Network::from_specs`] checks every shape once, so the passes themselves
//! cannot index out of bounds. [`Network::random`] builds a Glorot-initialised network
//! from a seed, the same on every machine.

use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, MatRef, Par};
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

/// Products smaller than this many multiply-adds run on one thread: below it, handing
/// work to other threads costs more than it saves.
const PARALLEL_WORK: usize = 1 << 16;

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

/// out = scale · lhs · rhs, or out += that when `accumulate`; in parallel when the product
/// is large. `out` must already have the product's shape.
pub fn product(
    out: &mut Mat<f64>,
    lhs: MatRef<'_, f64>,
    rhs: MatRef<'_, f64>,
    accumulate: bool,
    scale: f64,
) {
    let work = lhs.nrows() * lhs.ncols() * rhs.ncols();
    let par = if work >= PARALLEL_WORK {
        Par::rayon(0)
    } else {
        Par::Seq
    };
    let accum = if accumulate {
        Accum::Add
    } else {
        Accum::Replace
    };
    matmul(out.as_mut(), accum, lhs, rhs, scale, par);
}

/// Gives `m` the shape rows × cols, keeping its allocation when it has that shape already:
/// a training loop's buffers then cost nothing after the first step. A reshaped matrix's
/// entries are left for the caller to overwrite.
pub fn fit(m: &mut Mat<f64>, rows: usize, cols: usize) {
    if m.nrows() != rows || m.ncols() != cols {
        *m = Mat::zeros(rows, cols);
    }
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

    /// Z = A Wᵀ + 1 bᵀ for a batch A with one example per row, written into `z`.
    pub fn pre_activation_into(&self, a: MatRef<'_, f64>, z: &mut Mat<f64>) {
        fit(z, a.nrows(), self.units());
        for (j, &b) in self.bias.iter().enumerate() {
            z.col_as_slice_mut(j).fill(b);
        }
        product(z, a, self.weights.transpose(), true, 1.0);
    }

    /// A = f(Z), entry by entry, written into `a`.
    pub fn activate_into(&self, z: &Mat<f64>, a: &mut Mat<f64>) {
        fit(a, z.nrows(), z.ncols());
        for j in 0..z.ncols() {
            self.activation
                .apply_to(z.col_as_slice(j), a.col_as_slice_mut(j));
        }
    }
}

/// What one layer computed: Z and A = f(Z), one row per example.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchTrace {
    /// Pre-activations.
    pub z: Mat<f64>,
    /// Activations.
    pub a: Mat<f64>,
}

impl BatchTrace {
    /// Empty buffers, shaped by the first pass that uses them.
    pub fn empty() -> BatchTrace {
        BatchTrace {
            z: Mat::new(),
            a: Mat::new(),
        }
    }
}

/// What one layer computed on one input: its z and its a = f(z).
#[derive(Debug, Clone, PartialEq)]
pub struct LayerTrace {
    /// Pre-activations.
    pub z: Vec<f64>,
    /// Activations f(z).
    pub a: Vec<f64>,
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

    /// The forward pass over a batch (one example per row), keeping Z and A per layer.
    pub fn forward_batch(&self, x: MatRef<'_, f64>) -> Vec<BatchTrace> {
        let mut traces = Vec::new();
        self.forward_batch_into(x, &mut traces);
        traces
    }

    /// [`Network::forward_batch`] into `traces`, reusing their buffers: a training loop
    /// that keeps `traces` between steps allocates nothing after the first.
    pub fn forward_batch_into(&self, x: MatRef<'_, f64>, traces: &mut Vec<BatchTrace>) {
        traces.resize_with(self.layers.len(), BatchTrace::empty);
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, from_here) = traces.split_at_mut(l);
            let input = before.last().map_or(x, |t| t.a.as_ref());
            let BatchTrace { z, a } = &mut from_here[0];
            layer.pre_activation_into(input, z);
            layer.activate_into(z, a);
        }
    }

    /// The forward pass on one input.
    pub fn forward(&self, x: &[f64]) -> Vec<LayerTrace> {
        let batch = Mat::from_fn(1, x.len(), |_, j| x[j]);
        self.forward_batch(batch.as_ref())
            .into_iter()
            .map(|t| LayerTrace {
                z: row(&t.z, 0),
                a: row(&t.a, 0),
            })
            .collect()
    }
}

/// Row `i` of a matrix as a vector.
pub fn row(m: &Mat<f64>, i: usize) -> Vec<f64> {
    (0..m.ncols()).map(|j| m[(i, j)]).collect()
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
    fn forward_computes_z_then_f_of_z() {
        let net = Network::from_specs(
            2,
            &[layer(
                vec![vec![1.0, -1.0], vec![2.0, 0.5]],
                Some(vec![0.5, -10.0]),
            )],
        )
        .unwrap();
        let t = net.forward(&[3.0, 1.0]);
        assert_eq!(t[0].z, vec![2.5, -3.5]);
        assert_eq!(t[0].a, vec![2.5, 0.0]);
    }

    #[test]
    fn a_batch_is_its_rows_each_fed_alone() {
        let net = Network::random(&[3, 5, 2], Activation::Tanh, 7);
        let xs = [[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]];
        let batch = Mat::from_fn(2, 3, |i, j| xs[i][j]);
        let traces = net.forward_batch(batch.as_ref());
        for (i, x) in xs.iter().enumerate() {
            let alone = net.forward(x);
            assert_eq!(row(&traces[1].a, i), alone[1].a);
        }
    }

    #[test]
    fn reused_traces_give_the_same_pass_whatever_they_held() {
        let net = Network::random(&[3, 5, 2], Activation::Sigmoid, 3);
        let x = Mat::from_fn(4, 3, |i, j| (i as f64) - 0.5 * j as f64);
        let fresh = net.forward_batch(x.as_ref());
        // Traces left by a deeper network with other widths and a larger batch.
        let mut reused = Network::random(&[3, 7, 6, 1], Activation::Relu, 4)
            .forward_batch(Mat::from_fn(9, 3, |_, _| 1.0).as_ref());
        net.forward_batch_into(x.as_ref(), &mut reused);
        assert_eq!(reused, fresh);
        net.forward_batch_into(x.as_ref(), &mut reused);
        assert_eq!(reused, fresh);
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
