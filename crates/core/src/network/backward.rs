//! The backward pass, as the four equations in their batch form (see the module above),
//! and a training step: forward, loss and backward, into buffers a loop keeps, split
//! between two threads when the batch is large (see `bands`).

use faer::{Accum, Mat, MatMut, MatRef};

use super::Network;
use super::bands::{Band, UnitBand, split_row};
use super::forward::{BatchTrace, shape_traces};
use super::loss::{Loss, Rows};
use crate::matrix::{Threads, column, column_mut, product_into, set_shape};
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
#[path = "backward_tests.rs"]
mod tests;
