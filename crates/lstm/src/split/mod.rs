//! The forward pass of a wide cell, its state units split in two halves that run on
//! both cores.
//!
//! Each half owns its units for all four gates, so it finishes its own f, i, o,
//! candidate, c and h without exchanging gates: it keeps those units' rows of every
//! W^{·,h} packed in one row-major block (1 MB of the 2 MB at H = 256, which is read
//! every step), computes those units' input parts b + W^{·,x} x_t for the whole sequence
//! in one matrix product before the first step, and keeps its own c. The halves meet
//! once a step, to exchange h; either thread may take either half's step, so a thread
//! the system puts to sleep never stalls the run (`progress`).
//!
//! The split depends on the shape alone, and each half's arithmetic on nothing but its
//! inputs, so a run is bit for bit the same whether the halves run on two threads or one
//! after the other on one (when rayon has one thread).

mod progress;

use std::ops::Range;

use faer::linalg::matmul::matmul;
use faer::{Accum, ColMut, ColRef, Mat, MatRef, Par};

use crate::model::{Approximation, Gate, StepValues, as_columns};
use crate::rounding::Rounding;
use crate::spec::Setup;
use progress::{Lane, Shared, take_part};

/// Cells with H·(H + D) at least this take the split path (H = D = 128 does, 96 does
/// not): measured with `cargo run --release -p nnhw-lstm --example forward --
/// 16,32,48,64,96,128`, below it the exchange every step costs about as much as half
/// the step saves, and W^{·,h} (4H² values) fits one core's 512 KB L2 anyway. (The
/// homework's H = 1 cell is far below.)
const SPLIT_WORK: usize = 1 << 15;

/// How many halves: two, for the two cores this is measured on; the split never depends
/// on how many threads there are.
const HALVES: usize = 2;

/// Whether `run` takes this path for `setup`.
pub(crate) fn applies(setup: &Setup) -> bool {
    let hidden = setup.lstm.hidden();
    applies_to_width(hidden) && hidden * (hidden + setup.input_width) >= SPLIT_WORK
}

/// Whether a cell of `hidden` state units can be split at all: each half needs a unit.
pub(crate) fn applies_to_width(hidden: usize) -> bool {
    hidden >= HALVES
}

/// Every step's values and the reported (rounded) h, as `trace::run` keeps them.
pub(crate) fn run(setup: &Setup, inputs: &[Vec<f64>]) -> (Vec<StepValues>, Vec<Vec<f64>>) {
    let hidden = setup.lstm.hidden();
    let mut steps: Vec<StepValues> = inputs.iter().map(|_| StepValues::new(hidden)).collect();
    let mut reported = vec![vec![0.0; hidden]; inputs.len()];
    let x = as_columns(inputs, setup.input_width);
    let (x, mid, count) = (x.as_ref(), hidden / 2, inputs.len());
    {
        let [low, high] = slots(&mut steps, &mut reported, mid);
        let lanes = [
            Lane::new(Work::new(0..mid, low, hidden)),
            Lane::new(Work::new(mid..hidden, high, hidden)),
        ];
        let shared = Shared::new(hidden);
        let step = |work: &mut Work<'_>, t: usize| work.step(t, setup, x, &shared);
        if rayon::current_num_threads() >= HALVES {
            std::thread::scope(|scope| {
                // Should the system refuse a second thread, this one runs both halves.
                let spawned = std::thread::Builder::new()
                    .spawn_scoped(scope, || take_part(&lanes, 1, false, count, step));
                take_part(&lanes, 0, spawned.is_err(), count, step);
            });
        } else {
            take_part(&lanes, 0, true, count, step);
        }
    }
    (steps, reported)
}

/// One half's lane: its units, its state once its first step has built it, where it
/// writes each step, and its copy of h_{t−1}.
struct Work<'a> {
    units: Range<usize>,
    half: Option<Half>,
    slots: std::vec::IntoIter<Slots<'a>>,
    h_prev: Vec<f64>,
    fed: Vec<f64>,
}

impl<'a> Work<'a> {
    fn new(units: Range<usize>, slots: Vec<Slots<'a>>, hidden: usize) -> Work<'a> {
        Work {
            fed: vec![0.0; units.len()],
            units,
            half: None,
            slots: slots.into_iter(),
            h_prev: vec![0.0; hidden],
        }
    }

    /// Step t of this half. The half is built on the thread that takes its first step
    /// (normally its own), so the two halves' packing and input products run in parallel.
    fn step(&mut self, t: usize, setup: &Setup, x: MatRef<'_, f64>, shared: &Shared) {
        let units = &self.units;
        let half = self
            .half
            .get_or_insert_with(|| Half::new(setup, units.clone(), x));
        if t == 0 {
            self.h_prev.copy_from_slice(&setup.h0);
        } else {
            shared.load(t, &mut self.h_prev);
        }
        if let Some(out) = self.slots.next() {
            half.step(t, &self.h_prev, out, &mut self.fed);
        }
        shared.store(t, self.units.start, &self.fed);
    }
}

/// Where one half writes one step: its units' part of f, i, o, c, raw h and reported h.
struct Slots<'a> {
    f: &'a mut [f64],
    i: &'a mut [f64],
    o: &'a mut [f64],
    c: &'a mut [f64],
    h: &'a mut [f64],
    reported: &'a mut [f64],
}

/// Every step's slots, split at unit `mid` into the two halves'.
fn slots<'a>(
    steps: &'a mut [StepValues],
    reported: &'a mut [Vec<f64>],
    mid: usize,
) -> [Vec<Slots<'a>>; 2] {
    let mut out = [
        Vec::with_capacity(steps.len()),
        Vec::with_capacity(steps.len()),
    ];
    for (step, reported) in steps.iter_mut().zip(reported) {
        let (f, f2) = step.f.split_at_mut(mid);
        let (i, i2) = step.i.split_at_mut(mid);
        let (o, o2) = step.o.split_at_mut(mid);
        let (c, c2) = step.c.split_at_mut(mid);
        let (h, h2) = step.h.split_at_mut(mid);
        let (r, r2) = reported.split_at_mut(mid);
        out[0].push(Slots {
            f,
            i,
            o,
            c,
            h,
            reported: r,
        });
        out[1].push(Slots {
            f: f2,
            i: i2,
            o: o2,
            c: c2,
            h: h2,
            reported: r2,
        });
    }
    out
}

/// One half's units, its share of the weights, its input parts and its c.
struct Half {
    units: Range<usize>,
    /// The units' rows of W^{f,h}, W^{i,h}, W^{o,h}, W^{c,h} in that order: 4n × H,
    /// row-major.
    wh: Vec<f64>,
    /// b + W^{·,x} x_t for the units, in the same row order, one column per step.
    parts: Mat<f64>,
    /// c_{t−1}, then c_t.
    c: Vec<f64>,
    /// The step's four pre-activations, then gates.
    gates: Vec<f64>,
    /// tanh(c_t).
    tanh_c: Vec<f64>,
    approximation: Approximation,
    rounding: Rounding,
    feed_rounded: bool,
}

impl Half {
    /// Packs the half's weights and computes its input parts for every step of `x` (one
    /// column per step) in one product, on this thread.
    fn new(setup: &Setup, units: Range<usize>, x: MatRef<'_, f64>) -> Half {
        let lstm = &setup.lstm;
        let gates = [&lstm.forget, &lstm.input, &lstm.output, &lstm.cell];
        let rows = |pick: fn(&Gate) -> &nnhw_core::matrix::Matrix| -> Vec<f64> {
            gates
                .iter()
                .flat_map(|gate| units.clone().map(move |j| pick(gate).row(j)))
                .flatten()
                .copied()
                .collect()
        };
        let (wh, wx) = (rows(|g| &g.wh), rows(|g| &g.wx));
        let bias: Vec<f64> = gates
            .iter()
            .flat_map(|gate| &gate.b[units.clone()])
            .copied()
            .collect();
        let n4 = bias.len();
        let mut parts = Mat::from_fn(n4, x.ncols(), |r, _| bias[r]);
        let wx = MatRef::from_row_major_slice(&wx, n4, x.nrows());
        matmul(parts.as_mut(), Accum::Add, wx, x, 1.0, Par::Seq);
        Half {
            c: setup.c0[units.clone()].to_vec(),
            gates: vec![0.0; n4],
            tanh_c: vec![0.0; units.len()],
            units,
            wh,
            parts,
            approximation: lstm.approximation,
            rounding: setup.rounding,
            feed_rounded: setup.feed_rounded,
        }
    }

    /// Step t from the whole h_{t−1}: the half's gates, c_t and h_t into `out`, and its
    /// h_t as fed back (rounded when `feed_rounded`) into `fed`.
    fn step(&mut self, t: usize, h_prev: &[f64], out: Slots<'_>, fed: &mut [f64]) {
        let n = self.units.len();
        let approx = self.approximation;
        self.gates.copy_from_slice(self.parts.col_as_slice(t));
        let wh = MatRef::from_row_major_slice(&self.wh, 4 * n, h_prev.len());
        matmul(
            ColMut::from_slice_mut(&mut self.gates).as_mat_mut(),
            Accum::Add,
            wh,
            ColRef::from_slice(h_prev).as_mat(),
            1.0,
            Par::Seq,
        );
        let (sigmoids, candidate) = self.gates.split_at_mut(3 * n);
        approx.sigmoid_in_place(sigmoids);
        approx.tanh_in_place(candidate);
        let (f, rest) = sigmoids.split_at(n);
        let (i, o) = rest.split_at(n);
        // c_t = f ⊙ c_{t−1} + i ⊙ candidate, as `Lstm::step` writes it.
        for (((c, f), i), g) in self.c.iter_mut().zip(f).zip(i).zip(&*candidate) {
            *c = f * *c + i * g;
        }
        self.tanh_c.copy_from_slice(&self.c);
        approx.tanh_in_place(&mut self.tanh_c);
        for (j, (o, tanh_c)) in o.iter().zip(&self.tanh_c).enumerate() {
            let h = o * tanh_c;
            let rounded = self.rounding.apply(h);
            out.h[j] = h;
            out.reported[j] = rounded;
            fed[j] = if self.feed_rounded { rounded } else { h };
        }
        out.f.copy_from_slice(f);
        out.i.copy_from_slice(i);
        out.o.copy_from_slice(o);
        out.c.copy_from_slice(&self.c);
    }
}
