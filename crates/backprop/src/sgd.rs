//! `backprop.sgd` (3.5): the two-weight network of `simple` trained by SGD on its
//! one example: the update rule, w1 after one step, and the loss after every step.

use std::sync::OnceLock;

use nnhw_core::format::{factor, number};
use nnhw_core::{FieldError, Figure, Fitness, Params, Problem, Report, Statement, Step, Value};

use crate::diagrams::{self, Graph};
use crate::figures;
use crate::formulas;
use crate::simple::{Simple, Spec, simple, w};
use crate::statements::simple as stated;
use nnhw_core::network::{Loss, Parameter, gradients, sgd_step};

/// Most SGD steps a spec may ask for.
pub const MAX_STEPS: u64 = 1_000_000;

/// The first layer has no bias in the homework; it stays 0.
const NO_FIRST_BIAS: [Parameter; 1] = [Parameter::Bias(0, 0)];

/// The simple network with a learning rate and a number of steps.
pub struct Sgd {
    simple: Simple,
    eta: f64,
    steps: u64,
    /// The report and the figure both need the run; it is trained once.
    run: OnceLock<Run>,
}

/// What training produced.
struct Run {
    /// The loss before any step (step 0).
    before: f64,
    /// w1 after the first step.
    w1_next: f64,
    /// The loss after each step, up to the last finite one.
    losses: Vec<f64>,
    /// The step at which a parameter or the loss stopped being a finite number.
    diverged_at: Option<u64>,
}

/// Builds `backprop.sgd`.
pub fn build_sgd(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    let Some(eta) = spec.eta else {
        return Err(FieldError::new("eta", "missing: this field is required"));
    };
    if eta <= 0.0 {
        return Err(FieldError::new(
            "eta",
            format!("{} must be > 0 (the learning rate η)", number(eta)),
        ));
    }
    if spec.steps == 0 || spec.steps > MAX_STEPS {
        return Err(FieldError::new(
            "steps",
            format!("{} is out of range: 1 to {MAX_STEPS}", spec.steps),
        ));
    }
    let sgd = Sgd {
        simple: simple(&spec)?,
        eta,
        steps: 1,
        run: OnceLock::new(),
    };
    // The first step decides w1_next; if it already overflows, no answer means anything.
    if sgd.train().diverged_at.is_some() {
        return Err(FieldError::new(
            "eta",
            format!("{} makes the first step overflow f64", number(eta)),
        ));
    }
    Ok(Box::new(Sgd {
        steps: spec.steps,
        ..sgd
    }))
}

impl Sgd {
    /// w1 after the first step and the loss after every step.
    fn run(&self) -> &Run {
        self.run.get_or_init(|| self.train())
    }

    fn train(&self) -> Run {
        let (x, t) = self.simple.batches();
        let mut network = self.simple.network.clone();
        let mut w1_next = w(&network, 0);
        let mut losses = Vec::with_capacity(self.steps as usize);
        let (before, mut g) = gradients(&network, x.as_ref(), t.as_ref(), Loss::Quadratic);
        for step in 0..self.steps {
            sgd_step(&mut network, &g, self.eta, &NO_FIRST_BIAS);
            if step == 0 {
                w1_next = w(&network, 0);
            }
            let (after, next) = gradients(&network, x.as_ref(), t.as_ref(), Loss::Quadratic);
            let parameters_finite = [w(&network, 0), w(&network, 1), network.layers[1].bias[0]]
                .iter()
                .all(|v| v.is_finite());
            if !(after.is_finite() && parameters_finite) {
                return Run {
                    before,
                    w1_next,
                    losses,
                    diverged_at: Some(step + 1),
                };
            }
            losses.push(after);
            g = next;
        }
        Run {
            before,
            w1_next,
            losses,
            diverged_at: None,
        }
    }
}

impl Problem for Sgd {
    fn statement(&self) -> Statement {
        stated::sgd(&self.simple.numbers(), self.eta, self.steps)
    }

    /// The graph of 3.4, with η in its subtitle.
    fn question_figures(&self, title: &str) -> Vec<Figure> {
        diagrams::graph(
            title,
            Graph::Question(self.simple.numbers(), Some(self.eta)),
        )
        .into_iter()
        .collect()
    }

    fn solve(&self) -> Report {
        let (x, t) = self.simple.batches();
        let network = &self.simple.network;
        let (before, g) = gradients(network, x.as_ref(), t.as_ref(), Loss::Quadratic);
        let run = self.run();
        let (w1_next, losses) = (run.w1_next, &run.losses);
        let dw1 = g.weights[0][(0, 0)];
        let mut r = Report::default();
        r.heading("Gradient descent: every parameter moves against its gradient, p ← p − η·∂C/∂p");
        r.text(format!(
            "w1 ← w1 − η·∂C/∂w1 = {} − {}·{} = {}",
            number(w(network, 0)),
            factor(self.eta),
            factor(dw1),
            number(w1_next)
        ));
        r.text(format!(
            "w2 and b move the same way; the first layer has no bias. C before training = {}",
            number(before)
        ));
        let row = |i: usize| vec![Value::count(i + 1), Value::Number(losses[i])];
        let mut shown: Vec<Vec<Value>> = (0..losses.len().min(10)).map(row).collect();
        if losses.len() > 15 {
            shown.push(vec![Value::text("…"), Value::text("…")]);
        }
        shown.extend(
            (losses.len().max(15) - 5..losses.len())
                .filter(|&i| i >= 10)
                .map(row),
        );
        r.steps.push(Step::Table {
            columns: vec!["step".into(), "C after".into()],
            rows: shown,
        });
        formulas::sgd_update(&mut r);
        r.answer("w1_next", Value::Number(w1_next), None);
        r.answer("loss_after", Value::numbers(losses), None);
        if let Some(step) = run.diverged_at {
            r.note(format!(
                "SGD diverged at step {step}: the parameters or the loss left f64's range, so η = {} is too large; loss_after stops at the last finite loss",
                number(self.eta)
            ));
        } else if let Some(last) = losses.last() {
            let falling = losses.windows(2).all(|w| w[1] < w[0]) && *last < before;
            let trend = if falling {
                "fell at every step"
            } else if *last < before {
                "fell overall, though not at every step"
            } else {
                "did not fall"
            };
            r.note(format!(
                "over {} step{} the loss {trend}: {} → {}",
                self.steps,
                if self.steps == 1 { "" } else { "s" },
                number(before),
                number(*last)
            ));
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        let run = self.run();
        figures::loss(title, run.before, &run.losses, run.diverged_at)
            .into_iter()
            .collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        crate::fitness::w1_still(report, fitness, w(&self.simple.network, 0))
    }
}
