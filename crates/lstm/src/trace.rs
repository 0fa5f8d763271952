//! Running a validated LSTM over a whole input sequence, keeping every step: a wide cell
//! on both cores (`split`), a narrow one step by step on this thread.

use crate::model::StepValues;
use crate::spec::Setup;
use crate::split;

/// What a run computed: each step's gates and states, and the reported (rounded) h_t.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// f, i, o, c and raw h per step.
    pub steps: Vec<StepValues>,
    /// h_t after rounding, per step.
    pub h: Vec<Vec<f64>>,
}

/// Runs `setup` over `inputs` (one row per step).
pub fn run(setup: &Setup, inputs: &[Vec<f64>]) -> Trace {
    run_split_or_not(setup, inputs, split::applies(setup))
}

/// [`run`] with the path chosen by the caller: split in halves (H ≥ 2) or step by step
/// on this thread. For the bench that places the threshold; the results agree within
/// rounding either way.
#[doc(hidden)]
pub fn run_split_or_not(setup: &Setup, inputs: &[Vec<f64>], split: bool) -> Trace {
    if split && split::applies_to_width(setup.lstm.hidden()) {
        let (steps, h) = split::run(setup, inputs);
        return Trace { steps, h };
    }
    let hidden = setup.lstm.hidden();
    let mut steps = Vec::with_capacity(inputs.len());
    let mut reported = Vec::with_capacity(inputs.len());
    let parts = setup.lstm.input_parts(inputs);
    for (t, x) in inputs.iter().enumerate() {
        let mut step = StepValues::new(hidden);
        let (h_prev, c_prev) = state_before(setup, &steps, &reported, t);
        match &parts {
            Some([f, i, o, c]) => setup.lstm.step_with_input_parts(
                [f, i, o, c].map(|part| part.col_as_slice(t)),
                h_prev,
                c_prev,
                &mut step,
            ),
            None => setup.lstm.step(x, h_prev, c_prev, &mut step),
        }
        reported.push(step.h.iter().map(|&v| setup.rounding.apply(v)).collect());
        steps.push(step);
    }
    Trace { steps, h: reported }
}

impl Trace {
    /// (h_{t−1}, c_{t−1}) as step t of this run saw them.
    pub fn state_before<'a>(&'a self, setup: &'a Setup, t: usize) -> (&'a [f64], &'a [f64]) {
        state_before(setup, &self.steps, &self.h, t)
    }
}

/// The state step t starts from: the start state, else the previous step's c and its h
/// as fed back (rounded when `feed_rounded`).
fn state_before<'a>(
    setup: &'a Setup,
    steps: &'a [StepValues],
    reported: &'a [Vec<f64>],
    t: usize,
) -> (&'a [f64], &'a [f64]) {
    match t
        .checked_sub(1)
        .and_then(|p| Some((steps.get(p)?, reported.get(p)?)))
    {
        None => (&setup.h0, &setup.c0),
        Some((step, rounded)) if setup.feed_rounded => (rounded, &step.c),
        Some((step, _)) => (&step.h, &step.c),
    }
}

#[cfg(test)]
mod tests {
    use nnhw_core::matrix::Matrix;
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Approximation, Gate, Lstm};
    use crate::rounding::Rounding;

    /// The textbook scalar LSTM, written out with nothing shared with the crate.
    fn reference(w: &[f64; 12], xs: &[f64], h0: f64, c0: f64) -> Vec<f64> {
        let sigma = |a: f64| 1.0 / (1.0 + (-a).exp());
        let [fh, fx, fb, ih, ix, ib, oh, ox, ob, ch, cx, cb] = *w;
        let (mut h, mut c) = (h0, c0);
        let mut out = Vec::new();
        for &x in xs {
            let f = sigma(fh * h + fx * x + fb);
            let i = sigma(ih * h + ix * x + ib);
            let o = sigma(oh * h + ox * x + ob);
            c = f * c + i * (ch * h + cx * x + cb).tanh();
            h = o * c.tanh();
            out.push(h);
        }
        out
    }

    fn scalar_setup(w: &[f64; 12], h0: f64, c0: f64) -> Setup {
        let one = |v: f64| Matrix::from_rows(&[vec![v]], "w").unwrap();
        let gate = |k: usize| Gate {
            wh: one(w[k]),
            wx: one(w[k + 1]),
            b: vec![w[k + 2]],
        };
        Setup {
            lstm: Lstm {
                forget: gate(0),
                input: gate(3),
                output: gate(6),
                cell: gate(9),
                approximation: Approximation::Exact,
            },
            input_width: 1,
            h0: vec![h0],
            c0: vec![c0],
            rounding: Rounding::None,
            feed_rounded: true,
        }
    }

    proptest! {
        #[test]
        fn exact_mode_agrees_with_the_textbook_cell(
            w in proptest::array::uniform12(-4.0..4.0f64),
            xs in proptest::collection::vec(-3.0..3.0f64, 1..12),
            h0 in -1.0..1.0f64,
            c0 in -2.0..2.0f64,
        ) {
            let trace = run(&scalar_setup(&w, h0, c0), &xs.iter().map(|&x| vec![x]).collect::<Vec<_>>());
            let want = reference(&w, &xs, h0, c0);
            for (got, want) in trace.h.iter().zip(&want) {
                prop_assert!((got[0] - want).abs() < 1e-12, "{} vs {}", got[0], want);
            }
        }
    }

    #[test]
    fn feeding_raw_h_differs_from_feeding_rounded_h() {
        // h_0 = 0.5·tanh(1) ≈ 0.38 rounds to 0; the next step sees 0 or 0.38.
        // o gate σ(0) = 0.5, i gate ≈ 1, candidate = tanh(x + 5·h).
        let mut w = [0.0; 12];
        w[10] = 1.0;
        w[9] = 5.0;
        w[5] = 20.0;
        let mut setup = scalar_setup(&w, 0.0, 0.0);
        setup.rounding = Rounding::HalfToZero;
        let xs = vec![vec![1.0], vec![0.0]];
        let rounded = run(&setup, &xs);
        setup.feed_rounded = false;
        let raw = run(&setup, &xs);
        assert_eq!(rounded.h[0], raw.h[0]);
        assert_ne!(rounded.steps[1].c, raw.steps[1].c);
    }

    /// A cell of H × (H + D) random weights a gate, with a random start state, and its
    /// T inputs.
    fn wide(
        hidden: usize,
        width: usize,
        steps: usize,
        approximation: Approximation,
    ) -> (Setup, Vec<Vec<f64>>) {
        let mut rng = nnhw_core::rng::Rng::new(11);
        let mut matrix = |rows: usize, cols: usize| {
            let m: Vec<Vec<f64>> = (0..rows)
                .map(|_| (0..cols).map(|_| rng.uniform(-0.3, 0.3)).collect())
                .collect();
            Matrix::from_rows(&m, "w").unwrap()
        };
        let mut gate = || Gate {
            wh: matrix(hidden, hidden),
            wx: matrix(hidden, width),
            b: vec![0.1; hidden],
        };
        let lstm = Lstm {
            forget: gate(),
            input: gate(),
            output: gate(),
            cell: gate(),
            approximation,
        };
        let inputs: Vec<Vec<f64>> = (0..steps)
            .map(|t| (0..width).map(|k| ((t * 7 + k) % 5) as f64 - 2.0).collect())
            .collect();
        let setup = Setup {
            lstm,
            input_width: width,
            h0: (0..hidden).map(|j| (j % 7) as f64 / 7.0 - 0.4).collect(),
            c0: (0..hidden).map(|j| (j % 3) as f64 - 1.0).collect(),
            rounding: Rounding::None,
            feed_rounded: false,
        };
        (setup, inputs)
    }

    /// The largest |difference| in f, c, raw h and reported h between `run` and
    /// `Lstm::step` taken one step at a time on its own state, from the start.
    fn largest_difference_from_step_by_step(setup: &Setup, inputs: &[Vec<f64>]) -> f64 {
        let whole = run(setup, inputs);
        let (mut h, mut c) = (setup.h0.clone(), setup.c0.clone());
        let mut largest: f64 = 0.0;
        for (t, x) in inputs.iter().enumerate() {
            let mut step = StepValues::new(setup.lstm.hidden());
            setup.lstm.step(x, &h, &c, &mut step);
            let reported: Vec<f64> = step.h.iter().map(|&v| setup.rounding.apply(v)).collect();
            let got = &whole.steps[t];
            for (a, b) in [
                (&got.h, &step.h),
                (&got.c, &step.c),
                (&got.f, &step.f),
                (&whole.h[t], &reported),
            ] {
                for (a, b) in a.iter().zip(b) {
                    largest = largest.max((a - b).abs());
                }
            }
            h = if setup.feed_rounded { reported } else { step.h };
            c = step.c;
        }
        largest
    }

    #[test]
    fn a_wide_cell_run_over_the_whole_sequence_agrees_with_step_by_step() {
        // 64 × 64 weights a gate: run() takes the inputs' share of every gate for the
        // whole sequence at once, on one thread.
        let (setup, inputs) = wide(64, 64, 30, Approximation::Exact);
        assert!(!split::applies(&setup), "64 × 128 should run on one thread");
        assert!(setup.lstm.input_parts(&inputs).is_some());
        let largest = largest_difference_from_step_by_step(&setup, &inputs);
        assert!(largest < 1e-13, "{largest}");
    }

    #[test]
    fn a_cell_split_across_threads_agrees_with_step_by_step() {
        for approximation in [
            Approximation::Exact,
            Approximation::Homework,
            Approximation::Linear,
        ] {
            for (rounding, feed_rounded) in [
                (Rounding::None, false),
                (Rounding::HalfToZero, true),
                (Rounding::HalfToZero, false),
            ] {
                // An odd H: the halves have 64 and 65 units.
                let (mut setup, inputs) = wide(129, 160, 40, approximation);
                (setup.rounding, setup.feed_rounded) = (rounding, feed_rounded);
                assert!(split::applies(&setup));
                let largest = largest_difference_from_step_by_step(&setup, &inputs);
                eprintln!("{approximation:?} {rounding:?} {feed_rounded}: {largest:e}");
                assert!(largest < 1e-13, "{approximation:?}: {largest}");
            }
        }
    }

    #[test]
    fn one_thread_and_two_give_the_same_bits() {
        let (setup, inputs) = wide(130, 130, 35, Approximation::Exact);
        assert!(split::applies(&setup));
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| run(&setup, &inputs))
        };
        let (one, two) = (on(1), on(2));
        let bits = |trace: &Trace| -> Vec<u64> {
            let steps = trace.steps.iter();
            steps
                .flat_map(|s| [&s.f, &s.i, &s.o, &s.c, &s.h])
                .chain(&trace.h)
                .flatten()
                .map(|v| v.to_bits())
                .collect()
        };
        assert_eq!(bits(&one), bits(&two));
    }
}
