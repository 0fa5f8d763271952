//! One parameter at a time: where a weight or bias lives, its gradient, and ∂C/∂p by
//! central finite differences, the check that the backward pass is right.

use faer::MatRef;

use super::Network;
use super::backward::{Gradients, Workspace, batch_loss_in};
use super::loss::Loss;

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

#[cfg(test)]
mod tests {
    use faer::Mat;
    use proptest::prelude::*;

    use super::*;
    use crate::network::gradients;
    use crate::numerics::Activation;

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
            let mut rng = crate::rng::Rng::new(seed ^ 1);
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
