//! The forward pass: Zˡ = Aˡ⁻¹ (Wˡ)ᵀ + 1 (bˡ)ᵀ, then Aˡ = f(Zˡ), for a batch of inputs
//! as the rows of A⁰, keeping every layer's Z and A for the backward pass. A band of the
//! batch's rows runs the same pass on its own (see `bands`).

use faer::{Accum, Mat, MatMut, MatRef};

use super::{Layer, Network};
use crate::matrix::{Threads, one_row, product_into, row, set_shape, zip_columns};

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
    /// Z = A Wᵀ + 1 bᵀ for examples A, one per row, into `z` (A's rows × units).
    fn pre_activation_into(&self, a: MatRef<'_, f64>, mut z: MatMut<'_, f64>, threads: Threads) {
        for (j, &b) in self.bias.iter().enumerate() {
            z.as_mut().col_mut(j).fill(b);
        }
        let wt = self.weights.transpose();
        product_into(z, Accum::Add, 1.0, a, wt, threads.for_product(a, wt));
    }

    /// A = f(Z), entry by entry, into `a`.
    fn activate_into(&self, z: MatRef<'_, f64>, a: MatMut<'_, f64>) {
        zip_columns(z, a, |z, a| self.activation.apply_to(z, a));
    }
}

/// Every layer's traces shaped for a batch of `m` examples, the buffers kept when they
/// have that shape already.
pub(super) fn shape_traces(network: &Network, m: usize, traces: &mut Vec<BatchTrace>) {
    traces.resize_with(network.layers.len(), BatchTrace::empty);
    for (layer, trace) in network.layers.iter().zip(traces.iter_mut()) {
        set_shape(&mut trace.z, m, layer.units());
        set_shape(&mut trace.a, m, layer.units());
    }
}

impl Network {
    /// The forward pass over the examples `x` (one per row) into their rows of each
    /// layer's Z and A, `z[l]` and `a[l]`.
    pub(super) fn forward_band(
        &self,
        x: MatRef<'_, f64>,
        z: &mut [MatMut<'_, f64>],
        a: &mut [MatMut<'_, f64>],
        threads: Threads,
    ) {
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, from_here) = a.split_at_mut(l);
            let input = before.last().map_or(x, |a| a.as_ref());
            layer.pre_activation_into(input, z[l].as_mut(), threads);
            layer.activate_into(z[l].as_ref(), from_here[0].as_mut());
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
        shape_traces(self, x.nrows(), traces);
        let (mut z, mut a): (Vec<_>, Vec<_>) = traces
            .iter_mut()
            .map(|t| (t.z.as_mut(), t.a.as_mut()))
            .unzip();
        self.forward_band(x, &mut z, &mut a, Threads::PerProduct);
    }

    /// The forward pass on one input.
    pub fn forward(&self, x: &[f64]) -> Vec<LayerTrace> {
        self.forward_batch(one_row(x))
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
