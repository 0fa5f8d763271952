//! The backward pass, as the four equations in their batch form (see the module above),
//! and a training step: forward, loss, backward, into buffers a loop keeps.

use faer::{Mat, MatRef};

use super::Network;
use super::forward::BatchTrace;
use super::loss::{Loss, Rows};
use crate::matrix::{set_product, set_scaled_product};
use crate::numerics::Activation;

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

impl Gradients {
    /// One entry per layer, keeping the buffers already there.
    fn resize(&mut self, depth: usize) {
        self.delta.resize_with(depth, Mat::new);
        self.weights.resize_with(depth, Mat::new);
        self.bias.resize_with(depth, Vec::new);
    }
}

/// What a training loop keeps between steps: the forward pass's traces, the gradients
/// and rows of scratch for the loss. Every buffer is reshaped only when the network or
/// batch changes shape, so a step in a loop allocates nothing, and so never pays the page
/// faults of fresh memory (which, measured, cost more than the products themselves).
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    /// The last forward pass, one trace per layer.
    pub traces: Vec<BatchTrace>,
    /// The last backward pass.
    pub gradients: Gradients,
    rows: Rows,
}

/// The mean loss of the network on a batch.
pub fn batch_loss(network: &Network, x: MatRef<'_, f64>, t: MatRef<'_, f64>, loss: Loss) -> f64 {
    batch_loss_in(network, x, t, loss, &mut Workspace::default())
}

/// [`batch_loss`] with the forward pass's buffers kept in `work`.
pub(super) fn batch_loss_in(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    work: &mut Workspace,
) -> f64 {
    network.forward_batch_into(x, &mut work.traces);
    let Some(out) = work.traces.last() else {
        return 0.0;
    };
    loss.mean(out.a.as_ref(), t, &mut work.rows)
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

/// The backward pass on a batch `x` with targets `t` whose forward pass is
/// `work.traces`, into `work.gradients`. Examples are rows, so (wˡ⁺¹)ᵀ δˡ⁺¹ is the
/// product Δˡ⁺¹ Wˡ⁺¹, and a sum over the batch is (Δˡ)ᵀ times what it pairs with.
fn backward_into(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    work: &mut Workspace,
) {
    let layers = &network.layers;
    let Workspace {
        traces,
        gradients: g,
        rows,
    } = work;
    g.resize(layers.len());
    let (Some(output_layer), Some(output)) = (layers.last(), traces.last()) else {
        return;
    };
    let last = layers.len() - 1;
    let m = x.nrows() as f64;

    // δᴸ = ∇ₐC ⊙ f′(zᴸ)
    loss.gradient_rows_into(output.a.as_ref(), t, &mut g.delta[last], rows);
    times_derivative(&mut g.delta[last], &output.z, output_layer.activation);

    for l in (0..last).rev() {
        let (delta_l, delta_next) = this_and_next(&mut g.delta, l);
        // δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ), for a batch Δˡ⁺¹ Wˡ⁺¹ ⊙ f′(Zˡ)
        set_product(delta_l, delta_next, layers[l + 1].weights.as_ref());
        times_derivative(delta_l, &traces[l].z, layers[l].activation);
    }

    for l in 0..layers.len() {
        let a_before = if l == 0 { x } else { traces[l - 1].a.as_ref() };
        // ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ, averaged over the batch: (Δˡ)ᵀ Aˡ⁻¹ / m
        set_scaled_product(&mut g.weights[l], 1.0 / m, g.delta[l].transpose(), a_before);
        // ∂C/∂bˡⱼ = δˡⱼ, averaged over the batch: the column means of Δˡ
        column_means_into(&g.delta[l], &mut g.bias[l]);
    }
}

/// δˡ to write and δˡ⁺¹ to read, from the one list that holds both.
fn this_and_next(delta: &mut [Mat<f64>], l: usize) -> (&mut Mat<f64>, MatRef<'_, f64>) {
    let (up_to_l, after) = delta.split_at_mut(l + 1);
    (&mut up_to_l[l], after[0].as_ref())
}

/// δ ⊙= f′(z), column by column (faer keeps each column contiguous).
fn times_derivative(delta: &mut Mat<f64>, z: &Mat<f64>, f: Activation) {
    for j in 0..delta.ncols() {
        f.times_derivative(z.col_as_slice(j), delta.col_as_slice_mut(j));
    }
}

/// The mean of each column of `m`, into `means`.
fn column_means_into(m: &Mat<f64>, means: &mut Vec<f64>) {
    let rows = m.nrows() as f64;
    means.clear();
    means.extend((0..m.ncols()).map(|j| m.col_as_slice(j).iter().sum::<f64>() / rows));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::fixtures::{batch, simple};

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
    fn a_batch_gradient_is_the_mean_of_its_examples() {
        let net = Network::random(&[2, 3, 2], Activation::Sigmoid, 5);
        let xs: [&[f64]; 3] = [&[0.5, -1.0], &[2.0, 0.25], &[-0.5, 1.5]];
        let ts: [&[f64]; 3] = [&[1.0, 0.0], &[0.0, 1.0], &[0.5, 0.5]];
        let (_, together) = gradients(
            &net,
            batch(&xs).as_ref(),
            batch(&ts).as_ref(),
            Loss::Quadratic,
        );
        let alone: Vec<Gradients> = xs
            .iter()
            .zip(&ts)
            .map(|(x, t)| {
                gradients(
                    &net,
                    batch(&[x]).as_ref(),
                    batch(&[t]).as_ref(),
                    Loss::Quadratic,
                )
                .1
            })
            .collect();
        for l in 0..2 {
            for j in 0..together.bias[l].len() {
                let mean = alone.iter().map(|g| g.bias[l][j]).sum::<f64>() / 3.0;
                assert!((together.bias[l][j] - mean).abs() < 1e-15);
                for k in 0..together.weights[l].ncols() {
                    let mean = alone.iter().map(|g| g.weights[l][(j, k)]).sum::<f64>() / 3.0;
                    assert!((together.weights[l][(j, k)] - mean).abs() < 1e-15);
                }
            }
        }
    }
}
