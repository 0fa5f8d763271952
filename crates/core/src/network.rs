//! Dense layers and the feed-forward pass: z = W a + b, a' = f(z).
//!
//! [`LayerSpec`] is the spec-side shape of a layer (rows of weights, optional bias,
//! activation); [`Network::from_specs`] checks every shape once, so the forward pass
//! itself cannot index out of bounds.

use serde::Deserialize;

use crate::FieldError;
use crate::format::count;
use crate::numerics::Activation;

/// Largest number of weights a spec's network may have: well above any homework,
/// well below what would exhaust memory.
pub const MAX_PARAMETERS: usize = 100_000_000;

/// A row-major matrix of f64.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// Builds a matrix from a spec's rows, refusing an empty or ragged one.
    /// `path` names the field in errors.
    pub fn from_rows(rows: &[Vec<f64>], path: &str) -> Result<Matrix, FieldError> {
        let Some(first) = rows.first() else {
            return Err(FieldError::new(path, "empty: needs at least one row"));
        };
        let cols = first.len();
        if cols == 0 {
            return Err(FieldError::new(
                format!("{path}[0]"),
                "empty row: needs at least one column",
            ));
        }
        for (i, row) in rows.iter().enumerate() {
            if row.len() != cols {
                return Err(FieldError::new(
                    format!("{path}[{i}]"),
                    format!(
                        "ragged matrix: row {i} has {}, row 0 has {cols}",
                        count(row.len(), "column", "columns")
                    ),
                ));
            }
        }
        Ok(Matrix {
            rows: rows.len(),
            cols,
            data: rows.concat(),
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row `i` as a slice; `i` must be below [`Matrix::rows`].
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Iterates over the rows.
    pub fn iter_rows(&self) -> impl Iterator<Item = &[f64]> {
        self.data.chunks_exact(self.cols)
    }

    /// W x for a vector x of length [`Matrix::cols`].
    pub fn mul_vec(&self, x: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; self.rows];
        self.mul_add_into(x, &mut out);
        out
    }

    /// out += W x, without allocating: for loops that step a model many times.
    pub fn mul_add_into(&self, x: &[f64], out: &mut [f64]) {
        for (o, row) in out.iter_mut().zip(self.iter_rows()) {
            *o += row.iter().zip(x).map(|(w, xi)| w * xi).sum::<f64>();
        }
    }
}

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
    /// W, one row per unit.
    pub weights: Matrix,
    /// b, one per unit.
    pub bias: Vec<f64>,
    /// f.
    pub activation: Activation,
}

impl Layer {
    /// z = W a + b.
    pub fn pre_activation(&self, a: &[f64]) -> Vec<f64> {
        let mut z = self.weights.mul_vec(a);
        for (zj, bj) in z.iter_mut().zip(&self.bias) {
            *zj += bj;
        }
        z
    }

    /// Number of units (outputs).
    pub fn units(&self) -> usize {
        self.weights.rows()
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

impl Network {
    /// Checks each layer against the width of what feeds it (`input_width` for the first)
    /// and builds the network. Paths in errors are `layers[i].weights` and so on.
    pub fn from_specs(input_width: usize, specs: &[LayerSpec]) -> Result<Network, FieldError> {
        if specs.is_empty() {
            return Err(FieldError::new("layers", "empty: needs at least one layer"));
        }
        let total: usize = specs
            .iter()
            .map(|s| {
                s.weights
                    .len()
                    .saturating_mul(s.weights.first().map_or(0, Vec::len))
            })
            .fold(0, usize::saturating_add);
        if total > MAX_PARAMETERS {
            return Err(FieldError::new(
                "layers",
                format!("{total} weights; the limit is {MAX_PARAMETERS}"),
            ));
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
                weights,
                bias,
                activation: spec.activation,
            });
        }
        Ok(Network { layers })
    }

    /// Width of the last layer.
    pub fn output_width(&self) -> usize {
        self.layers.last().map_or(0, Layer::units)
    }

    /// The forward pass, keeping z and a of every layer.
    pub fn forward(&self, x: &[f64]) -> Vec<LayerTrace> {
        let mut traces: Vec<LayerTrace> = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let input = traces.last().map_or(x, |t| t.a.as_slice());
            let z = layer.pre_activation(input);
            let a = z.iter().map(|&zj| layer.activation.apply(zj)).collect();
            traces.push(LayerTrace { z, a });
        }
        traces
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
