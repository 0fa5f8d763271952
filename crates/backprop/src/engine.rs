//! The training engine: loss, backward pass, finite differences, SGD.
//!
//! The forward pass is core's (`Network::forward_batch`); this module adds what training
//! needs. A batch holds one example per row; the loss is the mean over the batch. With
//! δˡ = ∂C/∂zˡ, the backward pass is the homework's four equations:
//!
//! - δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ)
//! - δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ)
//! - ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ
//! - ∂C/∂bˡⱼ = δˡⱼ

use faer::{Mat, MatRef};
use nnhw_core::network::{BatchTrace, Network, product};
use nnhw_core::numerics::{log_sum_exp, softmax};
use serde::Deserialize;

/// The loss C of one example; a batch's loss is the mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Loss {
    /// C = ½‖a − t‖².
    #[default]
    Quadratic,
    /// C = −Σₖ tₖ ln softmax(a)ₖ, computed through log-sum-exp so it never overflows.
    CrossEntropy,
}

impl Loss {
    /// The name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Quadratic => "quadratic",
            Loss::CrossEntropy => "cross-entropy",
        }
    }

    /// C for one output row `a` and target `t`.
    pub fn value(self, a: &[f64], t: &[f64]) -> f64 {
        match self {
            Loss::Quadratic => {
                0.5 * a
                    .iter()
                    .zip(t)
                    .map(|(ak, tk)| (ak - tk).powi(2))
                    .sum::<f64>()
            }
            Loss::CrossEntropy => {
                let lse = log_sum_exp(a);
                -a.iter().zip(t).map(|(ak, tk)| tk * (ak - lse)).sum::<f64>()
            }
        }
    }

    /// ∂C/∂a for one output row.
    pub fn gradient(self, a: &[f64], t: &[f64]) -> Vec<f64> {
        match self {
            Loss::Quadratic => a.iter().zip(t).map(|(ak, tk)| ak - tk).collect(),
            Loss::CrossEntropy => {
                // ∂/∂aₖ of −Σᵢ tᵢ (aᵢ − lse(a)) = pₖ Σᵢ tᵢ − tₖ, with p = softmax(a).
                let total: f64 = t.iter().sum();
                softmax(a, 1.0)
                    .iter()
                    .zip(t)
                    .map(|(pk, tk)| pk * total - tk)
                    .collect()
            }
        }
    }
}

/// Everything the backward pass yields, layer by layer (input side first).
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    /// δˡ = ∂C/∂zˡ, one row per example.
    pub delta: Vec<Mat<f64>>,
    /// ∂C/∂wˡ, shaped like wˡ (units × inputs), averaged over the batch.
    pub weights: Vec<Mat<f64>>,
    /// ∂C/∂bˡ, averaged over the batch.
    pub bias: Vec<Vec<f64>>,
}

fn rows(m: &Mat<f64>) -> impl Iterator<Item = Vec<f64>> + '_ {
    (0..m.nrows()).map(move |i| (0..m.ncols()).map(|j| m[(i, j)]).collect())
}

/// The mean loss of the network on a batch.
pub fn batch_loss(network: &Network, x: MatRef<'_, f64>, t: MatRef<'_, f64>, loss: Loss) -> f64 {
    let traces = network.forward_batch(x);
    mean_loss(&traces, t, loss)
}

fn mean_loss(traces: &[BatchTrace], t: MatRef<'_, f64>, loss: Loss) -> f64 {
    let Some(out) = traces.last() else { return 0.0 };
    let m = out.a.nrows();
    let total: f64 = rows(&out.a)
        .enumerate()
        .map(|(i, a)| {
            let ti: Vec<f64> = (0..t.ncols()).map(|j| t[(i, j)]).collect();
            loss.value(&a, &ti)
        })
        .sum();
    total / m as f64
}

/// δ ⊙ f′(z), in place.
fn times_derivative(delta: &mut Mat<f64>, z: &Mat<f64>, f: nnhw_core::numerics::Activation) {
    for j in 0..delta.ncols() {
        for i in 0..delta.nrows() {
            delta[(i, j)] *= f.derivative(z[(i, j)]);
        }
    }
}

/// The backward pass on a batch whose forward pass is `traces`.
pub fn backward(
    network: &Network,
    x: MatRef<'_, f64>,
    traces: &[BatchTrace],
    t: MatRef<'_, f64>,
    loss: Loss,
) -> Gradients {
    let depth = network.layers.len();
    let m = x.nrows() as f64;
    let mut delta: Vec<Mat<f64>> = Vec::with_capacity(depth);
    let mut weights: Vec<Mat<f64>> = Vec::with_capacity(depth);
    let mut bias: Vec<Vec<f64>> = Vec::with_capacity(depth);

    // δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ)
    let (Some(last), Some(out)) = (network.layers.last(), traces.last()) else {
        return Gradients {
            delta,
            weights,
            bias,
        };
    };
    let mut d = Mat::from_fn(out.a.nrows(), out.a.ncols(), |_, _| 0.0);
    for (i, a) in rows(&out.a).enumerate() {
        let ti: Vec<f64> = (0..t.ncols()).map(|j| t[(i, j)]).collect();
        for (j, g) in loss.gradient(&a, &ti).into_iter().enumerate() {
            d[(i, j)] = g;
        }
    }
    times_derivative(&mut d, &out.z, last.activation);

    for l in (0..depth).rev() {
        let input = if l == 0 { x } else { traces[l - 1].a.as_ref() };
        let layer = &network.layers[l];
        // ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ, averaged over the batch: (δˡ)ᵀ aˡ⁻¹ / m
        let mut dw = Mat::zeros(layer.units(), layer.inputs());
        product(&mut dw, d.transpose(), input, false);
        dw *= faer::Scale(1.0 / m);
        // ∂C/∂bˡⱼ = δˡⱼ, averaged over the batch
        let db = (0..d.ncols())
            .map(|j| (0..d.nrows()).map(|i| d[(i, j)]).sum::<f64>() / m)
            .collect();
        let next = (l > 0).then(|| {
            // δˡ⁻¹ = (wˡ)ᵀ δˡ ⊙ f′(zˡ⁻¹); with examples as rows that is δˡ wˡ ⊙ f′(zˡ⁻¹)
            let mut back = Mat::zeros(d.nrows(), layer.inputs());
            product(&mut back, d.as_ref(), layer.weights.as_ref(), false);
            times_derivative(
                &mut back,
                &traces[l - 1].z,
                network.layers[l - 1].activation,
            );
            back
        });
        weights.push(dw);
        bias.push(db);
        delta.push(std::mem::replace(
            &mut d,
            next.unwrap_or_else(|| Mat::zeros(0, 0)),
        ));
    }
    delta.reverse();
    weights.reverse();
    bias.reverse();
    Gradients {
        delta,
        weights,
        bias,
    }
}

/// Forward and backward on a batch: the loss and every gradient.
pub fn gradients(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
) -> (f64, Gradients) {
    let traces = network.forward_batch(x);
    let value = mean_loss(&traces, t, loss);
    (value, backward(network, x, &traces, t, loss))
}

/// Where one parameter lives: layer, then (row, column) of w or the bias index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parameter {
    /// wˡⱼₖ
    Weight(usize, usize, usize),
    /// bˡⱼ
    Bias(usize, usize),
}

impl Parameter {
    /// Every parameter of `network`, layer by layer, weights then biases.
    pub fn all(network: &Network) -> Vec<Parameter> {
        let mut all = Vec::with_capacity(network.parameters());
        for (l, layer) in network.layers.iter().enumerate() {
            for j in 0..layer.units() {
                for k in 0..layer.inputs() {
                    all.push(Parameter::Weight(l, j, k));
                }
            }
            all.extend((0..layer.units()).map(|j| Parameter::Bias(l, j)));
        }
        all
    }

    /// The `i`-th parameter in the order of [`Parameter::all`], without listing them.
    pub fn nth(network: &Network, mut i: usize) -> Option<Parameter> {
        for (l, layer) in network.layers.iter().enumerate() {
            let weights = layer.units() * layer.inputs();
            if i < weights {
                return Some(Parameter::Weight(l, i / layer.inputs(), i % layer.inputs()));
            }
            i -= weights;
            if i < layer.units() {
                return Some(Parameter::Bias(l, i));
            }
            i -= layer.units();
        }
        None
    }

    /// This parameter in `network`, to read or change.
    pub fn get_mut(self, network: &mut Network) -> &mut f64 {
        match self {
            Parameter::Weight(l, j, k) => &mut network.layers[l].weights[(j, k)],
            Parameter::Bias(l, j) => &mut network.layers[l].bias[j],
        }
    }

    /// This parameter's entry in `g`.
    pub fn of(self, g: &Gradients) -> f64 {
        match self {
            Parameter::Weight(l, j, k) => g.weights[l][(j, k)],
            Parameter::Bias(l, j) => g.bias[l][j],
        }
    }
}

/// Step for central differences: near the cube root of f64's epsilon balances the
/// O(h²) truncation error against the O(ε/h) rounding error.
pub const FD_STEP: f64 = 1e-6;

/// ∂C/∂p by central differences: (C(p + h) − C(p − h)) / 2h. The parameter is moved in
/// place and put back bit for bit, so no copy of the network is made.
pub fn finite_difference(
    network: &mut Network,
    parameter: Parameter,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
) -> f64 {
    let original = *parameter.get_mut(network);
    *parameter.get_mut(network) = original + FD_STEP;
    let up = batch_loss(network, x, t, loss);
    *parameter.get_mut(network) = original - FD_STEP;
    let down = batch_loss(network, x, t, loss);
    *parameter.get_mut(network) = original;
    (up - down) / (2.0 * FD_STEP)
}

/// One SGD step: p ← p − η ∂C/∂p for every parameter but the `frozen` ones (a network
/// whose layer has no bias in the problem keeps that bias at its value).
pub fn sgd_step(network: &mut Network, g: &Gradients, eta: f64, frozen: &[Parameter]) {
    let kept: Vec<f64> = frozen.iter().map(|p| *p.get_mut(network)).collect();
    for (layer, (dw, db)) in network.layers.iter_mut().zip(g.weights.iter().zip(&g.bias)) {
        layer.weights -= faer::Scale(eta) * dw;
        for (b, d) in layer.bias.iter_mut().zip(db) {
            *b -= eta * d;
        }
    }
    for (p, value) in frozen.iter().zip(kept) {
        *p.get_mut(network) = value;
    }
}

/// A batch matrix from rows.
pub fn batch(rows: &[&[f64]]) -> Mat<f64> {
    let width = rows.first().map_or(0, |r| r.len());
    Mat::from_fn(rows.len(), width, |i, j| rows[i][j])
}

#[cfg(test)]
mod tests {
    use nnhw_core::network::LayerSpec;
    use nnhw_core::numerics::Activation;
    use proptest::prelude::*;

    use super::*;

    /// The homework's 3.4 network: z1 = w1 x, a1 = ReLU(z1), z2 = w2 a1 + b, y = σ(z2).
    fn simple(w1: f64, w2: f64, b: f64) -> Network {
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

    #[test]
    fn simple_network_against_hand_derived_values() {
        let (x, t) = (3.0, 1.0);
        let (w1, w2, b) = (0.01, -5.0, -1.0);
        // By hand: z1 = 0.03, a1 = 0.03, z2 = −1.15, y = σ(−1.15)
        let y = 1.0 / (1.0 + 1.15f64.exp());
        let c = 0.5 * (y - t) * (y - t);
        let delta2 = (y - t) * y * (1.0 - y);
        let delta1 = w2 * delta2; // ReLU′(0.03) = 1
        let net = simple(w1, w2, b);
        let (value, g) = gradients(
            &net,
            batch(&[&[x]]).as_ref(),
            batch(&[&[t]]).as_ref(),
            Loss::Quadratic,
        );
        assert!((value - c).abs() < 1e-15);
        assert!((g.bias[1][0] - delta2).abs() < 1e-15);
        assert!((g.weights[1][(0, 0)] - 0.03 * delta2).abs() < 1e-15);
        assert!((g.weights[0][(0, 0)] - x * delta1).abs() < 1e-14);
        // and the homework's rounded key
        assert_eq!(format!("{value:.4}"), "0.2884");
        assert_eq!(format!("{:.4}", g.weights[0][(0, 0)]), "2.0809");
        assert_eq!(format!("{:.4}", g.weights[1][(0, 0)]), "-0.0042");
        assert_eq!(format!("{:.4}", g.bias[1][0]), "-0.1387");
    }

    #[test]
    fn cross_entropy_is_stable_and_its_gradient_is_p_minus_t() {
        let a = [1000.0, 0.0, -1000.0];
        let t = [0.0, 1.0, 0.0];
        assert!((Loss::CrossEntropy.value(&a, &t) - 1000.0).abs() < 1e-9);
        let g = Loss::CrossEntropy.gradient(&[0.0, 0.0], &[1.0, 0.0]);
        assert_eq!(g, vec![-0.5, 0.5]);
    }

    #[test]
    fn sgd_moves_against_the_gradient() {
        let mut net = simple(0.5, 0.5, 0.0);
        let (x, t) = (batch(&[&[3.0]]), batch(&[&[1.0]]));
        let (before, g) = gradients(&net, x.as_ref(), t.as_ref(), Loss::Quadratic);
        sgd_step(&mut net, &g, 0.1, &[Parameter::Bias(0, 0)]);
        assert_eq!(net.layers[0].bias[0], 0.0);
        assert!(batch_loss(&net, x.as_ref(), t.as_ref(), Loss::Quadratic) < before);
    }

    fn activation() -> impl Strategy<Value = Activation> {
        prop_oneof![
            Just(Activation::Sigmoid),
            Just(Activation::Tanh),
            Just(Activation::Identity),
            Just(Activation::Relu),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn backprop_matches_finite_differences(
            sizes in proptest::collection::vec(1usize..5, 2..5),
            f in activation(),
            cross_entropy in any::<bool>(),
            seed in any::<u64>(),
            batch_size in 1usize..4,
        ) {
            let net = Network::random(&sizes, f, seed);
            let mut rng = nnhw_core::rng::Rng::new(seed ^ 1);
            let inputs = sizes[0];
            let outputs = sizes[sizes.len() - 1];
            let x = Mat::from_fn(batch_size, inputs, |_, _| rng.uniform(-2.0, 2.0));
            let t = Mat::from_fn(batch_size, outputs, |_, _| rng.unit());
            let loss = if cross_entropy { Loss::CrossEntropy } else { Loss::Quadratic };
            let (_, g) = gradients(&net, x.as_ref(), t.as_ref(), loss);
            let traces = net.forward_batch(x.as_ref());
            let mut probe = net.clone();
            let all = Parameter::all(&net);
            prop_assert!(all.iter().enumerate().all(|(i, p)| Parameter::nth(&net, i) == Some(*p)));
            for p in all {
                // ReLU has a kink at 0: skip parameters whose difference would straddle it.
                let near_kink = f == Activation::Relu
                    && traces.iter().any(|tr| (0..tr.z.nrows()).any(|i| (0..tr.z.ncols()).any(|j| tr.z[(i, j)].abs() < 1e-4)));
                if near_kink { continue; }
                let fd = finite_difference(&mut probe, p, x.as_ref(), t.as_ref(), loss);
                let bp = p.of(&g);
                prop_assert!((fd - bp).abs() < 1e-6 * (1.0 + bp.abs()), "{p:?}: fd {fd} bp {bp}");
            }
            prop_assert_eq!(&probe, &net);
        }
    }
}
