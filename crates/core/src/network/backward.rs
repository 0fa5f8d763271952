//! The backward pass, as the four equations in their batch form (see the module above),
//! and a training step: forward, loss and backward, into buffers a loop keeps, split
//! between two threads when the batch is large (see `bands`).

use faer::{Accum, Mat, MatMut, MatRef};

use super::Network;
use super::bands::{Band, Threads, UnitBand, split_row};
use super::forward::{BatchTrace, shape_traces};
use super::loss::{Loss, Rows};
use crate::matrix::{column, column_mut, product_into, set_shape};
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
    /// Every buffer shaped for `network` on a batch of `m` examples, keeping the buffers
    /// that have their shape already.
    fn shape(&mut self, network: &Network, m: usize) {
        let depth = network.layers.len();
        self.delta.resize_with(depth, Mat::new);
        self.weights.resize_with(depth, Mat::new);
        self.bias.resize_with(depth, Vec::new);
        for (l, layer) in network.layers.iter().enumerate() {
            set_shape(&mut self.delta[l], m, layer.units());
            set_shape(&mut self.weights[l], layer.units(), layer.inputs());
            self.bias[l].resize(layer.units(), 0.0);
        }
    }
}

/// What a training loop keeps between steps: the forward pass's traces, the gradients
/// and rows of scratch for the loss. Every buffer is reshaped only when the network or
/// batch changes shape, so a step in a loop allocates no buffer after the first (only
/// the short lists of views that hand bands of them to threads), and so never pays the
/// page faults of fresh memory (which, measured, cost more than the products themselves).
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    /// The last forward pass, one trace per layer.
    pub traces: Vec<BatchTrace>,
    /// The last backward pass.
    pub gradients: Gradients,
    /// Scratch for the loss, one for each band of examples.
    rows: [Rows; 2],
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
    loss.mean(out.a.as_ref(), t, &mut work.rows[0])
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

/// [`gradients`] into `work`, whose buffers are reused: the mean loss is returned, the
/// traces and gradients are left in `work`. Use this in a loop.
///
/// Examples are rows, so (wˡ⁺¹)ᵀ δˡ⁺¹ is the product Δˡ⁺¹ Wˡ⁺¹, and a sum over the batch
/// is (Δˡ)ᵀ times what it pairs with. A large batch runs as two bands of examples, then
/// two bands of units, side by side (see `bands`).
pub fn step(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    work: &mut Workspace,
) -> f64 {
    let m = x.nrows();
    shape_traces(network, m, &mut work.traces);
    work.gradients.shape(network, m);
    let Some(last) = network.layers.len().checked_sub(1) else {
        return 0.0;
    };
    let Workspace {
        traces,
        gradients: g,
        rows: [top_rows, bottom_rows],
    } = work;
    let split = split_row(network, m);

    // Forward, loss and δ, by examples.
    let total = match split {
        Some(at) => {
            let (mut top, mut bottom) = Band::split(traces, &mut g.delta, at);
            let ((x0, x1), (t0, t1)) = (x.split_at_row(at), t.split_at_row(at));
            let (top_total, bottom_total) = rayon::join(
                || examples(network, x0, t0, loss, &mut top, top_rows, Threads::One),
                || {
                    examples(
                        network,
                        x1,
                        t1,
                        loss,
                        &mut bottom,
                        bottom_rows,
                        Threads::One,
                    )
                },
            );
            top_total + bottom_total
        }
        None => {
            let mut whole = Band::whole(traces, &mut g.delta);
            examples(
                network,
                x,
                t,
                loss,
                &mut whole,
                top_rows,
                Threads::PerProduct,
            )
        }
    };

    // ∂C/∂w and ∂C/∂b, by units, from what each layer was fed.
    let fed: Vec<MatRef<'_, f64>> = std::iter::once(x)
        .chain(traces[..last].iter().map(|t| t.a.as_ref()))
        .collect();
    let Gradients {
        delta,
        weights,
        bias,
    } = g;
    let m = m as f64;
    if split.is_some() {
        let (mut first, mut rest) = UnitBand::split(weights, bias, delta);
        rayon::join(
            || parameter_gradients(&fed, &mut first, m, Threads::One),
            || parameter_gradients(&fed, &mut rest, m, Threads::One),
        );
    } else {
        let mut whole = UnitBand::whole(weights, bias, delta);
        parameter_gradients(&fed, &mut whole, m, Threads::PerProduct);
    }
    total / m
}

/// Forward, loss and δ for the examples `x` with targets `t`, into `band`; returns the
/// sum of their losses.
fn examples(
    network: &Network,
    x: MatRef<'_, f64>,
    t: MatRef<'_, f64>,
    loss: Loss,
    band: &mut Band<'_>,
    rows: &mut Rows,
    threads: Threads,
) -> f64 {
    network.forward_band(x, &mut band.z, &mut band.a, threads);
    let layers = &network.layers;
    let last = layers.len() - 1;

    // δᴸ = ∇ₐC ⊙ f′(zᴸ)
    let total =
        loss.sum_and_gradient_rows(band.a[last].as_ref(), t, band.delta[last].as_mut(), rows);
    times_derivative(
        band.delta[last].as_mut(),
        band.z[last].as_ref(),
        band.a[last].as_ref(),
        layers[last].activation,
    );

    for l in (0..last).rev() {
        let (mut delta_l, delta_next) = this_and_next(&mut band.delta, l);
        let w = layers[l + 1].weights.as_ref();
        // δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ), for a batch Δˡ⁺¹ Wˡ⁺¹ ⊙ f′(Zˡ)
        let par = threads.for_product(delta_next, w);
        product_into(delta_l.as_mut(), Accum::Replace, 1.0, delta_next, w, par);
        times_derivative(
            delta_l.as_mut(),
            band.z[l].as_ref(),
            band.a[l].as_ref(),
            layers[l].activation,
        );
    }
    total
}

/// ∂C/∂w and ∂C/∂b for one band of units of every layer, over a batch of `m` examples,
/// from each layer's Δ and what it was fed.
fn parameter_gradients(fed: &[MatRef<'_, f64>], band: &mut UnitBand<'_>, m: f64, threads: Threads) {
    for (l, &a_before) in fed.iter().enumerate() {
        let delta = band.delta[l];
        // ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ, averaged over the batch: (Δˡ)ᵀ Aˡ⁻¹ / m
        let par = threads.for_product(delta.transpose(), a_before);
        product_into(
            band.dw[l].as_mut(),
            Accum::Replace,
            1.0 / m,
            delta.transpose(),
            a_before,
            par,
        );
        // ∂C/∂bˡⱼ = δˡⱼ, averaged over the batch: the column means of Δˡ
        column_means_into(delta, band.db[l]);
    }
}

/// δˡ to write and δˡ⁺¹ to read, from the one list that holds both.
fn this_and_next<'a>(
    delta: &'a mut [MatMut<'_, f64>],
    l: usize,
) -> (MatMut<'a, f64>, MatRef<'a, f64>) {
    let (up_to_l, after) = delta.split_at_mut(l + 1);
    (up_to_l[l].as_mut(), after[0].as_ref())
}

/// δ ⊙= f′(z), column by column (faer keeps each column contiguous), f′ read from the
/// layer's z and a = f(z).
fn times_derivative(
    mut delta: MatMut<'_, f64>,
    z: MatRef<'_, f64>,
    a: MatRef<'_, f64>,
    f: Activation,
) {
    for j in 0..delta.ncols() {
        if let (Some(z), Some(a), Some(d)) =
            (column(z, j), column(a, j), column_mut(delta.as_mut(), j))
        {
            f.times_derivative_at(z, a, d);
        } else {
            for i in 0..delta.nrows() {
                delta[(i, j)] *= f.derivative(z[(i, j)]);
            }
        }
    }
}

/// The mean of each column of `m`, into `means`.
fn column_means_into(m: MatRef<'_, f64>, means: &mut [f64]) {
    let rows = m.nrows() as f64;
    for (j, mean) in means.iter_mut().enumerate() {
        let sum = match column(m, j) {
            Some(col) => col.iter().sum::<f64>(),
            None => (0..m.nrows()).map(|i| m[(i, j)]).sum::<f64>(),
        };
        *mean = sum / rows;
    }
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
    fn a_batch_split_between_threads_is_its_halves_and_the_same_on_one_thread() {
        let net = Network::random(&[40, 300, 100, 10], Activation::Tanh, 3);
        let m = 96;
        let x = Mat::from_fn(m, 40, |i, j| ((i * 13 + j * 7) % 17) as f64 / 8.0 - 1.0);
        let t = Mat::from_fn(m, 10, |i, j| f64::from(u8::from(i % 10 == j)));
        let at = crate::network::bands::split_row(&net, m).expect("a batch this large splits");
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| gradients(&net, x.as_ref(), t.as_ref(), Loss::CrossEntropy))
        };
        let (one_loss, one) = on(1);
        let (two_loss, two) = on(2);
        assert_eq!(one_loss.to_bits(), two_loss.to_bits());
        assert_eq!(one, two);

        // Each half alone (too small to split), combined by hand.
        let half = |rows: std::ops::Range<usize>| {
            let n = rows.len();
            let (xs, ts) = (
                x.as_ref().subrows(rows.start, n),
                t.as_ref().subrows(rows.start, n),
            );
            gradients(&net, xs, ts, Loss::CrossEntropy)
        };
        let ((top_loss, top), (bottom_loss, bottom)) = (half(0..at), half(at..m));
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-13 * (1.0 + b.abs());
        let share = at as f64 / m as f64;
        assert!(near(
            two_loss,
            share * top_loss + (1.0 - share) * bottom_loss
        ));
        for l in 0..3 {
            for (j, &b) in two.bias[l].iter().enumerate() {
                assert!(near(
                    b,
                    share * top.bias[l][j] + (1.0 - share) * bottom.bias[l][j]
                ));
            }
            let w = &two.weights[l];
            for j in 0..w.nrows() {
                for k in 0..w.ncols() {
                    let by_hand =
                        share * top.weights[l][(j, k)] + (1.0 - share) * bottom.weights[l][(j, k)];
                    assert!(near(w[(j, k)], by_hand), "layer {l}, w[{j},{k}]");
                }
            }
            for i in 0..m {
                let (alone, r) = if i < at { (&top, i) } else { (&bottom, i - at) };
                for j in 0..two.delta[l].ncols() {
                    assert!(near(two.delta[l][(i, j)], alone.delta[l][(r, j)]));
                }
            }
        }
    }

    #[test]
    fn f_prime_read_from_a_is_f_prime_of_z_to_the_bit() {
        let z: Vec<f64> = (-400..=400)
            .map(|i| i as f64 * 0.0937)
            .chain([0.0, -0.0, 1e-300, 40.0, -750.0])
            .collect();
        for f in Activation::ALL {
            let mut a = vec![0.0; z.len()];
            f.apply_to(&z, &mut a);
            let (mut from_z, mut from_a) = (vec![1.5; z.len()], vec![1.5; z.len()]);
            f.times_derivative(&z, &mut from_z);
            f.times_derivative_at(&z, &a, &mut from_a);
            for (i, (x, y)) in from_z.iter().zip(&from_a).enumerate() {
                assert_eq!(x.to_bits(), y.to_bits(), "{} at z = {}", f.name(), z[i]);
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
