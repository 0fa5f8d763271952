//! The training engine: loss, backward pass, finite differences, SGD.
//!
//! The forward pass is core's (`Network::forward_batch_into`); this module adds what
//! training needs. A batch holds one example per row; the loss is the mean over the
//! batch. A loop keeps a [`Workspace`] between steps, so that a step allocates nothing. With
//! δˡ = ∂C/∂zˡ, the backward pass is the homework's four equations:
//!
//! - δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ)
//! - δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ)
//! - ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ
//! - ∂C/∂bˡⱼ = δˡⱼ

use faer::{Mat, MatRef};
use nnhw_core::network::{BatchTrace, Network, fit, product};
use nnhw_core::numerics::{Activation, log_sum_exp, softmax_into};
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
        let mut g = vec![0.0; a.len()];
        self.gradient_into(a, t, &mut g);
        g
    }

    /// [`Loss::gradient`] written into `g` (as long as `a`), for loops that must not
    /// allocate.
    pub fn gradient_into(self, a: &[f64], t: &[f64], g: &mut [f64]) {
        match self {
            Loss::Quadratic => {
                for ((gk, ak), tk) in g.iter_mut().zip(a).zip(t) {
                    *gk = ak - tk;
                }
            }
            Loss::CrossEntropy => {
                // ∂/∂aₖ of −Σᵢ tᵢ (aᵢ − lse(a)) = pₖ Σᵢ tᵢ − tₖ, with p = softmax(a).
                let total: f64 = t.iter().sum();
                softmax_into(a, 1.0, g);
                for (gk, tk) in g.iter_mut().zip(t) {
                    *gk = *gk * total - tk;
                }
            }
        }
    }
}

/// Everything the backward pass yields, layer by layer (input side first).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gradients {
    /// δˡ = ∂C/∂zˡ, one row per example.
    pub delta: Vec<Mat<f64>>,
    /// ∂C/∂wˡ, shaped like wˡ (units × inputs), averaged over the batch.
    pub weights: Vec<Mat<f64>>,
    /// ∂C/∂bˡ, averaged over the batch.
    pub bias: Vec<Vec<f64>>,
}

/// What a training loop keeps between steps: the forward pass's traces, the gradients
/// and three rows of scratch. Every buffer is reshaped only when the network or batch
/// changes shape, so a step in a loop allocates nothing, and so never pays the page
/// faults of fresh memory (which, measured, cost more than the products themselves).
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    /// The last forward pass, one trace per layer.
    pub traces: Vec<BatchTrace>,
    /// The last backward pass.
    pub gradients: Gradients,
    output: Vec<f64>,
    target: Vec<f64>,
    slope: Vec<f64>,
}

/// Row `i` of `m` copied into `out`.
fn copy_row(m: MatRef<'_, f64>, i: usize, out: &mut Vec<f64>) {
    out.clear();
    out.extend((0..m.ncols()).map(|j| m[(i, j)]));
}

/// The mean loss of the network on a batch.
pub fn batch_loss(network: &Network, x: MatRef<'_, f64>, t: MatRef<'_, f64>, loss: Loss) -> f64 {
    batch_loss_in(network, x, t, loss, &mut Workspace::default())
}

/// [`batch_loss`] with the forward pass's buffers kept in `work`.
fn batch_loss_in(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    work: &mut Workspace,
) -> f64 {
    network.forward_batch_into(x, &mut work.traces);
    mean_loss(work, t, loss)
}

fn mean_loss(work: &mut Workspace, t: MatRef<'_, f64>, loss: Loss) -> f64 {
    let Some(out) = work.traces.last() else {
        return 0.0;
    };
    let m = out.a.nrows();
    let mut total = 0.0;
    for i in 0..m {
        copy_row(out.a.as_ref(), i, &mut work.output);
        copy_row(t, i, &mut work.target);
        total += loss.value(&work.output, &work.target);
    }
    total / m as f64
}

/// The backward pass on a batch whose forward pass is `work.traces`, into
/// `work.gradients`.
fn backward_into(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    work: &mut Workspace,
) {
    let depth = network.layers.len();
    let m = x.nrows();
    let Workspace {
        traces,
        gradients,
        output,
        target,
        slope,
    } = work;
    let Gradients {
        delta,
        weights,
        bias,
    } = gradients;
    delta.resize_with(depth, Mat::new);
    weights.resize_with(depth, Mat::new);
    bias.resize_with(depth, Vec::new);
    let (Some(last), Some(out)) = (network.layers.last(), traces.last()) else {
        return;
    };

    // δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ)
    let d = &mut delta[depth - 1];
    fit(d, m, last.units());
    slope.resize(last.units(), 0.0);
    for i in 0..m {
        copy_row(out.a.as_ref(), i, output);
        copy_row(t, i, target);
        loss.gradient_into(output, target, slope);
        for (j, gj) in slope.iter().enumerate() {
            d[(i, j)] = *gj;
        }
    }
    times_derivative(d, &out.z, last.activation);

    for l in (0..depth).rev() {
        let input = if l == 0 { x } else { traces[l - 1].a.as_ref() };
        let layer = &network.layers[l];
        let (below, from_here) = delta.split_at_mut(l);
        let d = &from_here[0];
        // ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ, averaged over the batch: (δˡ)ᵀ aˡ⁻¹ / m
        fit(&mut weights[l], layer.units(), layer.inputs());
        product(&mut weights[l], d.transpose(), input, false, 1.0 / m as f64);
        // ∂C/∂bˡⱼ = δˡⱼ, averaged over the batch
        bias[l].clear();
        bias[l].extend((0..d.ncols()).map(|j| d.col_as_slice(j).iter().sum::<f64>() / m as f64));
        if let Some(back) = below.last_mut() {
            // δˡ⁻¹ = (wˡ)ᵀ δˡ ⊙ f′(zˡ⁻¹); with examples as rows that is δˡ wˡ ⊙ f′(zˡ⁻¹)
            fit(back, m, layer.inputs());
            product(back, d.as_ref(), layer.weights.as_ref(), false, 1.0);
            times_derivative(back, &traces[l - 1].z, network.layers[l - 1].activation);
        }
    }
}

/// δ ⊙= f′(z), column by column (faer keeps each column contiguous).
fn times_derivative(delta: &mut Mat<f64>, z: &Mat<f64>, f: Activation) {
    for j in 0..delta.ncols() {
        f.times_derivative(z.col_as_slice(j), delta.col_as_slice_mut(j));
    }
}

/// Forward and backward on a batch: the loss and every gradient.
pub fn gradients(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
) -> (f64, Gradients) {
    let mut work = Workspace::default();
    let value = step(network, x, t, loss, &mut work);
    (value, work.gradients)
}

/// [`gradients`] into `work`, whose buffers are reused: the loss is returned, the traces
/// and gradients are left in `work`. Use this in a loop.
pub fn step(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    work: &mut Workspace,
) -> f64 {
    let value = batch_loss_in(network, x, t, loss, work);
    backward_into(network, x, t, loss, work);
    value
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
/// place and put back bit for bit, so no copy of the network is made; the two forward
/// passes run in `work`'s buffers (its traces are left holding the second).
pub fn finite_difference(
    network: &mut Network,
    parameter: Parameter,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    work: &mut Workspace,
) -> f64 {
    let original = *parameter.get_mut(network);
    *parameter.get_mut(network) = original + FD_STEP;
    let up = batch_loss_in(network, x, t, loss, work);
    *parameter.get_mut(network) = original - FD_STEP;
    let down = batch_loss_in(network, x, t, loss, work);
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
    fn a_reused_workspace_gives_what_a_fresh_one_gives() {
        let mut work = Workspace::default();
        // A deeper, wider network and a larger batch leave their buffers behind first.
        let big = Network::random(&[6, 9, 7, 4], Activation::Relu, 1);
        let xb = Mat::from_fn(5, 6, |i, j| (i + j) as f64 * 0.1);
        let tb = Mat::from_fn(5, 4, |i, j| f64::from(u8::from(i % 4 == j)));
        step(
            &big,
            xb.as_ref(),
            tb.as_ref(),
            Loss::CrossEntropy,
            &mut work,
        );
        let net = Network::random(&[3, 4, 2], Activation::Tanh, 2);
        let x = Mat::from_fn(2, 3, |i, j| i as f64 - 0.3 * j as f64);
        let t = Mat::from_fn(2, 2, |i, j| f64::from(u8::from(i == j)));
        for loss in [Loss::Quadratic, Loss::CrossEntropy] {
            let (fresh_loss, fresh) = gradients(&net, x.as_ref(), t.as_ref(), loss);
            for _ in 0..2 {
                let reused_loss = step(&net, x.as_ref(), t.as_ref(), loss, &mut work);
                assert_eq!(reused_loss, fresh_loss);
                assert_eq!(work.gradients, fresh);
                assert_eq!(work.traces, net.forward_batch(x.as_ref()));
            }
        }
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
            let mut work = Workspace::default();
            let all = Parameter::all(&net);
            prop_assert!(all.iter().enumerate().all(|(i, p)| Parameter::nth(&net, i) == Some(*p)));
            for p in all {
                // ReLU has a kink at 0: skip parameters whose difference would straddle it.
                let near_kink = f == Activation::Relu
                    && traces.iter().any(|tr| (0..tr.z.nrows()).any(|i| (0..tr.z.ncols()).any(|j| tr.z[(i, j)].abs() < 1e-4)));
                if near_kink { continue; }
                let fd = finite_difference(&mut probe, p, x.as_ref(), t.as_ref(), loss, &mut work);
                let bp = p.of(&g);
                prop_assert!((fd - bp).abs() < 1e-6 * (1.0 + bp.abs()), "{p:?}: fd {fd} bp {bp}");
            }
            prop_assert_eq!(&probe, &net);
        }
    }
}
