//! `lstm.states`: the trace of h_t (and everything behind it) over an input sequence.

use nnhw_core::{
    FieldError, Figure, Fitness, Params, Problem, Report, Statement, Step as Working, Value,
};

use crate::figure;
use crate::model::Approximation;
use crate::spec::{LstmSpec, Setup};
use crate::trace::{Trace, run};

/// Most multiply-adds a trace may take.
pub const MAX_WORK: u64 = 1_000_000_000;
/// Most steps × state units: every step's gates and states are kept for the working,
/// the hints and the figure.
pub const MAX_CELLS: u64 = 200_000;

/// A cell and the sequence it reads.
pub struct States {
    setup: Setup,
    inputs: Vec<Vec<f64>>,
    /// True when x is a list of numbers and the state 1-wide: the report then shows
    /// numbers rather than one-element lists.
    scalar: bool,
    /// The run, made once while validating; the report and the figure read it.
    trace: Trace,
}

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: LstmSpec = params.parse()?;
    let inputs = spec.inputs()?;
    let input_width = inputs.first().map_or(1, Vec::len);
    let setup = spec.setup(input_width)?;
    // Each step is four gates of H × (H + D) multiply-adds.
    let hidden = setup.lstm.hidden() as u64;
    let work = (inputs.len() as u64)
        .saturating_mul(4 * hidden)
        .saturating_mul(hidden + input_width as u64);
    let cells = (inputs.len() as u64).saturating_mul(hidden);
    if cells > MAX_CELLS {
        return Err(FieldError::new(
            "x",
            format!(
                "{} steps × {hidden} state units = {cells} values of h per trace; the limit is {MAX_CELLS}",
                inputs.len()
            ),
        ));
    }
    if work > MAX_WORK {
        return Err(FieldError::new(
            "x",
            format!(
                "{} steps × 4 gates × {hidden} × ({hidden} + {input_width}) = {work} multiply-adds; the limit is {MAX_WORK}",
                inputs.len()
            ),
        ));
    }
    let scalar = setup.lstm.hidden() == 1 && input_width == 1;
    // One run here makes an overflow bad input rather than a nan answer.
    let trace = run(&setup, &inputs);
    if let Some(t) = trace
        .steps
        .iter()
        .position(|s| s.c.iter().chain(&s.h).any(|v| !v.is_finite()))
    {
        return Err(FieldError::new(
            "weights",
            format!("the state overflows f64 at t = {t}: weights, inputs or start state too large"),
        ));
    }
    Ok(Box::new(States {
        setup,
        inputs,
        scalar,
        trace,
    }))
}

impl States {
    fn cell(&self, v: &[f64]) -> Value {
        match (self.scalar, v) {
            (true, [x]) => Value::Number(*x),
            _ => Value::numbers(v),
        }
    }

    fn h_answer(&self, h: &[Vec<f64>]) -> Value {
        if self.scalar {
            Value::List(h.iter().map(|h| self.cell(h)).collect())
        } else {
            Value::matrix(h)
        }
    }

    /// The exact model's run, when this one is not already it.
    fn exact_run(&self) -> Option<Trace> {
        if self.setup.lstm.approximation == Approximation::Exact {
            return None;
        }
        let mut exact = self.setup.clone();
        exact.lstm.approximation = Approximation::Exact;
        Some(run(&exact, &self.inputs))
    }

    /// The wrong answers students give for h: the raw h, h from feeding the raw h back,
    /// and the exact model's h where the spec asks for the saturating one.
    fn hints(&self, trace: &Trace, exact: Option<&Trace>, r: &mut Report) {
        let right = self.h_answer(&trace.h);
        let raw: Vec<Vec<f64>> = trace.steps.iter().map(|s| s.h.clone()).collect();
        let mut fed_raw = self.setup.clone();
        fed_raw.feed_rounded = false;
        let fed_raw = run(&fed_raw, &self.inputs);
        let mut known = vec![
            (
                raw.as_slice(),
                "these look like h before rounding: round each h_t to the nearest integer (±0.5 → 0)",
            ),
            (
                fed_raw.h.as_slice(),
                "this is what feeding the unrounded h back gives: the next step sees the rounded h_t",
            ),
        ];
        if let Some(exact) = exact {
            known.push((
                exact.h.as_slice(),
                "this is what the exact σ and tanh give: this problem saturates them beyond ±1",
            ));
        }
        for (wrong, say) in known {
            let when = self.h_answer(wrong);
            if when != right
                && !r
                    .answers
                    .iter()
                    .any(|a| a.hints.iter().any(|h| h.when == when))
            {
                r.hint("h", when, say);
            }
        }
    }

    /// How the exact model compares with this one, in a sentence.
    fn exact_note(&self, trace: &Trace, exact: Option<&Trace>) -> String {
        let Some(exact) = exact else {
            return "this run is the exact model (true σ and tanh)".into();
        };
        match trace.h.iter().zip(&exact.h).position(|(a, e)| a != e) {
            None => format!(
                "the exact model (true σ and tanh) gives the same h at every step, so the {} approximation changes nothing here",
                self.setup.lstm.approximation.name()
            ),
            Some(t) => format!(
                "the exact model (true σ and tanh) first differs at t = {t}: h = {} instead of {}",
                nnhw_core::render::value_text(&self.cell(&exact.h[t])),
                nnhw_core::render::value_text(&self.cell(&trace.h[t]))
            ),
        }
    }
}

impl States {
    /// The trace as a table: one row per step for a scalar LSTM, one row per state unit
    /// and step (t and x on the first) for a wider one, so columns stay narrow.
    fn table(&self, trace: &Trace) -> Working {
        let blank = || Value::text("");
        let mut rows = Vec::new();
        for (t, ((x, step), h)) in self
            .inputs
            .iter()
            .zip(&trace.steps)
            .zip(&trace.h)
            .enumerate()
        {
            if self.scalar {
                rows.push(vec![
                    Value::count(t),
                    self.cell(x),
                    Value::Number(step.f[0]),
                    Value::Number(step.i[0]),
                    Value::Number(step.o[0]),
                    Value::Number(step.c[0]),
                    Value::Number(step.h[0]),
                    Value::Number(h[0]),
                ]);
                continue;
            }
            // j indexes the unit in every column of the step.
            #[allow(clippy::needless_range_loop)]
            for j in 0..h.len() {
                let first = j == 0;
                rows.push(vec![
                    if first { Value::count(t) } else { blank() },
                    if first { Value::numbers(x) } else { blank() },
                    // Units are numbered from 1, as the figure's legend names them.
                    Value::count(j + 1),
                    Value::Number(step.f[j]),
                    Value::Number(step.i[j]),
                    Value::Number(step.o[j]),
                    Value::Number(step.c[j]),
                    Value::Number(step.h[j]),
                    Value::Number(h[j]),
                ]);
            }
        }
        let columns: &[&str] = if self.scalar {
            &["t", "x", "f", "i", "o", "c", "h raw", "h"]
        } else {
            &["t", "x", "unit", "f", "i", "o", "c", "h raw", "h"]
        };
        Working::Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
        }
    }
}

impl Problem for States {
    /// From the setup and the sequence alone; `self.trace` is never read here.
    fn statement(&self) -> Statement {
        crate::question::states(&self.setup, &self.inputs, self.scalar)
    }

    fn question_figures(&self, title: &str) -> Vec<Figure> {
        figure::cell::cell(title, &self.setup).into_iter().collect()
    }

    fn solve(&self) -> Report {
        let trace = &self.trace;
        let mut r = Report::default();
        let s = &self.setup;
        r.heading(format!(
            "{} steps, state width {}, input width {}; σ and tanh: {}; rounding: {}{}",
            self.inputs.len(),
            s.lstm.hidden(),
            s.input_width,
            s.lstm.approximation.name(),
            match s.rounding {
                crate::rounding::Rounding::HalfToZero => "nearest integer, ±0.5 → 0",
                crate::rounding::Rounding::None => "none",
            },
            if s.feed_rounded && s.rounding != crate::rounding::Rounding::None {
                " (the next step sees the rounded h)"
            } else {
                ""
            }
        ));
        r.text(format!(
            "h_-1 = {}, c_-1 = {}",
            nnhw_core::render::value_text(&self.cell(&s.h0)),
            nnhw_core::render::value_text(&self.cell(&s.c0))
        ));
        r.steps.push(self.table(trace));
        r.answer("h", self.h_answer(&trace.h), None);
        let exact = self.exact_run();
        self.hints(trace, exact.as_ref(), &mut r);
        r.note(self.exact_note(trace, exact.as_ref()));
        if let Some(last) = trace.steps.last() {
            r.note(format!(
                "the final cell state is c = {}",
                nnhw_core::render::value_text(&self.cell(&last.c))
            ));
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        // The exact run is drawn only beside a short scalar trace's stems; a long one
        // would be a second run of up to MAX_WORK for nothing.
        let exact = (self.scalar && self.trace.h.len() <= figure::states::STEM_STEPS)
            .then(|| self.exact_run())
            .flatten();
        let run = figure::states::Run {
            inputs: &self.inputs,
            trace: &self.trace,
            start: (&self.setup.h0, &self.setup.c0),
            exact: exact.as_ref(),
        };
        figure::states::states(title, &run).into_iter().collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        crate::fitness::unfit(&self.setup, &self.inputs, &self.trace)
            .or_else(|| crate::fitness::h_never_moves(report, fitness.original))
    }
}
