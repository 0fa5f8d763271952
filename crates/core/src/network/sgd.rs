//! Stochastic gradient descent: one step p ← p − η ∂C/∂p with the gradients of the
//! backward pass.

use super::Network;
use super::backward::Gradients;
use super::parameter::Parameter;
use crate::matrix::zip_columns;

/// One SGD step: p ← p − η ∂C/∂p for every parameter but the `frozen` ones (a network
/// whose layer has no bias in the problem keeps that bias at its value).
pub fn sgd_step(network: &mut Network, g: &Gradients, eta: f64, frozen: &[Parameter]) {
    let kept: Vec<f64> = frozen.iter().map(|p| *p.get_mut(network)).collect();
    for (layer, (dw, db)) in network.layers.iter_mut().zip(g.weights.iter().zip(&g.bias)) {
        // In place, column by column: `weights -= Scale(eta) * dw` would allocate a
        // matrix the size of the layer every step (16 MB a step for a 20,000-word
        // vocabulary, and page faults to match).
        zip_columns(dw.as_ref(), layer.weights.as_mut(), |dw, w| {
            w.iter_mut().zip(dw).for_each(|(w, d)| *w -= eta * d);
        });
        for (b, d) in layer.bias.iter_mut().zip(db) {
            *b -= eta * d;
        }
    }
    for (p, value) in frozen.iter().zip(kept) {
        *p.get_mut(network) = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::fixtures::{batch, simple};
    use crate::network::{Loss, batch_loss, gradients};

    #[test]
    fn sgd_moves_against_the_gradient() {
        let mut net = simple(0.5, 0.5, 0.0);
        let (x, t) = (batch(&[&[3.0]]), batch(&[&[1.0]]));
        let (before, g) = gradients(&net, x.as_ref(), t.as_ref(), Loss::Quadratic);
        sgd_step(&mut net, &g, 0.1, &[Parameter::Bias(0, 0)]);
        assert_eq!(net.layers[0].bias[0], 0.0);
        assert_eq!(
            net.layers[1].weights[(0, 0)],
            0.5 - 0.1 * g.weights[1][(0, 0)]
        );
        assert_eq!(net.layers[1].bias[0], -0.1 * g.bias[1][0]);
        assert!(batch_loss(&net, x.as_ref(), t.as_ref(), Loss::Quadratic) < before);
    }
}
