//! The forward pass: Zˡ = Aˡ⁻¹ (Wˡ)ᵀ + 1 (bˡ)ᵀ, then Aˡ = f(Zˡ), for a batch of inputs
//! as the rows of A⁰, keeping every layer's Z and A for the backward pass.

use faer::{Mat, MatRef};

use super::{Layer, Network};
use crate::matrix::{add_product, row, set_shape};

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

impl Layer {
    /// Z = A Wᵀ + 1 bᵀ for a batch A with one example per row, written into `z`.
    pub fn pre_activation_into(&self, a: MatRef<'_, f64>, z: &mut Mat<f64>) {
        set_shape(z, a.nrows(), self.units());
        for (j, &b) in self.bias.iter().enumerate() {
            z.col_as_slice_mut(j).fill(b);
        }
        add_product(z, a, self.weights.transpose());
    }

    /// A = f(Z), entry by entry, written into `a`.
    pub fn activate_into(&self, z: &Mat<f64>, a: &mut Mat<f64>) {
        set_shape(a, z.nrows(), z.ncols());
        for j in 0..z.ncols() {
            self.activation
                .apply_to(z.col_as_slice(j), a.col_as_slice_mut(j));
        }
    }
}

impl Network {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::LayerSpec;
    use crate::numerics::Activation;

    #[test]
    fn forward_computes_z_then_f_of_z() {
        let net = Network::from_specs(
            2,
            &[LayerSpec {
                weights: vec![vec![1.0, -1.0], vec![2.0, 0.5]],
                bias: Some(vec![0.5, -10.0]),
                activation: Activation::Relu,
            }],
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
            // To the last bits only: a batch's product is faer's, which fuses each
            // multiply-add; one row's is a plain loop, which rounds each product.
            for (batch, alone) in row(&traces[1].a, i).iter().zip(&alone[1].a) {
                assert!((batch - alone).abs() < 1e-15, "{batch} vs {alone}");
            }
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
}
