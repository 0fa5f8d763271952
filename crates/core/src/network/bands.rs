//! A training step split between two threads: first by examples, then by units.
//!
//! The forward pass, the loss and δ of one example need nothing of another's, so a large
//! batch's rows split into two bands ([`Band`]), each run on its own thread with every
//! product of the band on that thread: one hand-over a step rather than one a product,
//! and each thread's products are whole matrix products of half the height. ∂C/∂W =
//! (Δ)ᵀ A / m sums over the examples, so it splits by units instead ([`UnitBand`]): each
//! thread takes half of every layer's rows of ∂C/∂W and ∂C/∂b, over the whole batch.
//!
//! No sum is split between threads, and whether a batch splits depends on its shape
//! alone, never on how many threads there are: a step gives the same bits on one thread
//! as on two (rayon then runs the two halves in turn).

use faer::{Mat, MatMut, MatRef};

use super::Network;
use super::forward::BatchTrace;

/// Fewest examples in a band: thinner products keep faer's kernels from their speed, and a
/// step on so few examples is quick anyway.
const MIN_BAND_ROWS: usize = 32;
/// Fewest multiply-adds a step's forward pass must cost before it is split: below it the
/// hand-over to the second thread costs more than it saves.
const MIN_SPLIT_WORK: usize = 1 << 20;

/// Where a batch of `m` examples splits into two bands of rows, or None to keep it whole.
pub(super) fn split_row(network: &Network, m: usize) -> Option<usize> {
    let per_example = network
        .layers
        .iter()
        .map(|l| l.units().saturating_mul(l.inputs()))
        .fold(0, usize::saturating_add);
    (m >= 2 * MIN_BAND_ROWS && per_example.saturating_mul(m) >= MIN_SPLIT_WORK).then_some(m / 2)
}

/// One band of a batch's examples: its rows of every layer's Z, A and δ.
pub(super) struct Band<'a> {
    pub z: Vec<MatMut<'a, f64>>,
    pub a: Vec<MatMut<'a, f64>>,
    pub delta: Vec<MatMut<'a, f64>>,
}

impl<'a> Band<'a> {
    /// The whole batch as one band.
    pub(super) fn whole(traces: &'a mut [BatchTrace], delta: &'a mut [Mat<f64>]) -> Band<'a> {
        let (z, a) = traces
            .iter_mut()
            .map(|t| (t.z.as_mut(), t.a.as_mut()))
            .unzip();
        let delta = delta.iter_mut().map(|d| d.as_mut()).collect();
        Band { z, a, delta }
    }

    /// The batch's rows before `at` and from `at` on, as two bands.
    pub(super) fn split(
        traces: &'a mut [BatchTrace],
        delta: &'a mut [Mat<f64>],
        at: usize,
    ) -> (Band<'a>, Band<'a>) {
        let Band { z, a, delta } = Band::whole(traces, delta);
        let halves = |ms: Vec<MatMut<'a, f64>>| -> (Vec<_>, Vec<_>) {
            ms.into_iter().map(|m| m.split_at_row_mut(at)).unzip()
        };
        let ((z0, z1), (a0, a1), (d0, d1)) = (halves(z), halves(a), halves(delta));
        (
            Band {
                z: z0,
                a: a0,
                delta: d0,
            },
            Band {
                z: z1,
                a: a1,
                delta: d1,
            },
        )
    }
}

/// One band of every layer's units: its rows of ∂C/∂W and entries of ∂C/∂b, and the
/// columns of Δ they are made from.
pub(super) struct UnitBand<'a> {
    pub dw: Vec<MatMut<'a, f64>>,
    pub db: Vec<&'a mut [f64]>,
    pub delta: Vec<MatRef<'a, f64>>,
}

impl<'a> UnitBand<'a> {
    /// Every unit of every layer as one band.
    pub(super) fn whole(
        weights: &'a mut [Mat<f64>],
        bias: &'a mut [Vec<f64>],
        delta: &'a [Mat<f64>],
    ) -> UnitBand<'a> {
        UnitBand {
            dw: weights.iter_mut().map(|w| w.as_mut()).collect(),
            db: bias.iter_mut().map(|b| b.as_mut_slice()).collect(),
            delta: delta.iter().map(|d| d.as_ref()).collect(),
        }
    }

    /// The first half of each layer's units and the rest, as two bands.
    pub(super) fn split(
        weights: &'a mut [Mat<f64>],
        bias: &'a mut [Vec<f64>],
        delta: &'a [Mat<f64>],
    ) -> (UnitBand<'a>, UnitBand<'a>) {
        let whole = UnitBand::whole(weights, bias, delta);
        let (mut first, mut rest) = (UnitBand::empty(), UnitBand::empty());
        for ((dw, db), delta) in whole.dw.into_iter().zip(whole.db).zip(whole.delta) {
            let at = dw.nrows() / 2;
            let (dw0, dw1) = dw.split_at_row_mut(at);
            let (db0, db1) = db.split_at_mut(at);
            let (d0, d1) = delta.split_at_col(at);
            first.push(dw0, db0, d0);
            rest.push(dw1, db1, d1);
        }
        (first, rest)
    }

    fn empty() -> UnitBand<'a> {
        UnitBand {
            dw: Vec::new(),
            db: Vec::new(),
            delta: Vec::new(),
        }
    }

    fn push(&mut self, dw: MatMut<'a, f64>, db: &'a mut [f64], delta: MatRef<'a, f64>) {
        self.dw.push(dw);
        self.db.push(db);
        self.delta.push(delta);
    }
}
