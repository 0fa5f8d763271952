//! `backprop.simple-network` (3.4) and `backprop.sgd` (3.5): the homework's two-weight
//! network z1 = w1·x, a1 = ReLU(z1), z2 = w2·a1 + b, y = σ(z2), C = ½(y − t)², built as a
//! 1-1-1 network for the engine (its first layer's bias fixed at 0).

use std::sync::OnceLock;

use faer::Mat;
use nnhw_core::format::{factor, number, term};
use nnhw_core::network::{LayerSpec, Network};
use nnhw_core::numerics::Activation;
use nnhw_core::{FieldError, Figure, Fitness, Params, Problem, Report, Step, Value};
use serde::Deserialize;

use crate::diagrams::{self, Pass};
use crate::engine::{
    Gradients, Loss, Parameter, Workspace, finite_difference, gradients, sgd_step,
};
use crate::figures;
use crate::formulas;

/// Most SGD steps a spec may ask for.
pub const MAX_STEPS: u64 = 1_000_000;

fn one() -> u64 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    x: f64,
    t: f64,
    w1: f64,
    w2: f64,
    b: f64,
    #[serde(default)]
    eta: Option<f64>,
    #[serde(default = "one")]
    steps: u64,
}

/// The first layer has no bias in the homework; it stays 0.
const NO_FIRST_BIAS: [Parameter; 1] = [Parameter::Bias(0, 0)];

/// The network and the example it sees.
pub struct Simple {
    x: f64,
    t: f64,
    network: Network,
}

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

fn simple(spec: &Spec) -> Result<Simple, FieldError> {
    let layer = |w: f64, b: f64, activation| LayerSpec {
        weights: vec![vec![w]],
        bias: Some(vec![b]),
        activation,
    };
    let network = Network::from_specs(
        1,
        &[
            layer(spec.w1, 0.0, Activation::Relu),
            layer(spec.w2, spec.b, Activation::Sigmoid),
        ],
    )?;
    let simple = Simple {
        x: spec.x,
        t: spec.t,
        network,
    };
    // One pass here makes an overflow bad input rather than a nan answer.
    let (x, t) = simple.batches();
    let (cost, g) = gradients(&simple.network, x.as_ref(), t.as_ref(), Loss::Quadratic);
    let finite = cost.is_finite()
        && [
            Parameter::Weight(0, 0, 0),
            Parameter::Weight(1, 0, 0),
            Parameter::Bias(1, 0),
        ]
        .iter()
        .all(|p| p.of(&g).is_finite());
    if !finite {
        let largest = [
            ("x", spec.x),
            ("t", spec.t),
            ("w1", spec.w1),
            ("w2", spec.w2),
            ("b", spec.b),
        ]
        .into_iter()
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        .map_or("x", |(name, _)| name);
        return Err(FieldError::new(
            largest,
            "the loss or its gradients overflow f64: the values are too large",
        ));
    }
    Ok(simple)
}

/// Builds `backprop.simple-network`.
pub fn build_simple(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    if spec.eta.is_some() || spec.steps != 1 {
        return Err(FieldError::new(
            if spec.eta.is_some() { "eta" } else { "steps" },
            "only backprop.sgd trains; backprop.simple-network takes x, t, w1, w2 and b",
        ));
    }
    Ok(Box::new(simple(&spec)?))
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

impl Simple {
    fn batches(&self) -> (Mat<f64>, Mat<f64>) {
        (
            Mat::from_fn(1, 1, |_, _| self.x),
            Mat::from_fn(1, 1, |_, _| self.t),
        )
    }
}

/// The values of the network's one weight per layer.
fn w(network: &Network, l: usize) -> f64 {
    network.layers[l].weights[(0, 0)]
}

impl Simple {
    /// The forward and backward pass, every value named: the report's working and the
    /// graph both read it, so they show the same numbers.
    fn pass(&self) -> (Pass, Gradients) {
        let (x, t) = self.batches();
        let traces = self.network.forward_batch(x.as_ref());
        let (cost, g) = gradients(&self.network, x.as_ref(), t.as_ref(), Loss::Quadratic);
        let (w1, w2) = (w(&self.network, 0), w(&self.network, 1));
        let (delta1, delta2) = (g.delta[0][(0, 0)], g.delta[1][(0, 0)]);
        let y = traces[1].a[(0, 0)];
        // ∂C/∂y from the loss; C depends on y − t, so ∂C/∂t is its negative.
        let dy = Loss::Quadratic.gradient(&[y], &[self.t])[0];
        let pass = Pass {
            x: self.x,
            t: self.t,
            w1,
            w2,
            b: self.network.layers[1].bias[0],
            z1: traces[0].z[(0, 0)],
            a1: traces[0].a[(0, 0)],
            z2: traces[1].z[(0, 0)],
            y,
            cost,
            delta1,
            delta2,
            dw1: Parameter::Weight(0, 0, 0).of(&g),
            dw2: Parameter::Weight(1, 0, 0).of(&g),
            db: Parameter::Bias(1, 0).of(&g),
            // Through z = w·a: ∂C/∂a = w·δ, the step (wˡ⁺¹)ᵀδˡ⁺¹ of the backward pass.
            dx: w1 * delta1,
            da1: w2 * delta2,
            dy,
            dt: -dy,
        };
        (pass, g)
    }
}

impl Problem for Simple {
    fn solve(&self) -> Report {
        let (x, t) = self.batches();
        let (p, g) = self.pass();
        let (z1, a1, z2, y, cost) = (p.z1, p.a1, p.z2, p.y, p.cost);
        let (w1, w2, b, d1, d2) = (p.w1, p.w2, p.b, p.delta1, p.delta2);
        let n = |v: f64| number(v);
        let mut r = Report::default();
        r.heading("Forward");
        r.text(format!(
            "z1 = w1·x = {}·{} = {}",
            factor(w1),
            factor(self.x),
            n(z1)
        ));
        r.text(format!("a1 = ReLU(z1) = {}", n(a1)));
        r.text(format!(
            "z2 = w2·a1 + b = {}·{}{} = {}",
            factor(w2),
            factor(a1),
            term(b),
            n(z2)
        ));
        r.text(format!("y = σ(z2) = {}", n(y)));
        r.text(format!(
            "C = ½(y − t)² = ½({}{})² = {}",
            n(y),
            term(-self.t),
            n(cost)
        ));
        r.heading("Backward");
        r.text(format!(
            "δ2 = (y − t)·σ′(z2) = {}·{} = {}",
            factor(y - self.t),
            factor(Activation::Sigmoid.derivative(z2)),
            n(d2)
        ));
        r.text(format!(
            "δ1 = w2·δ2·ReLU′(z1) = {}·{}·{} = {}",
            factor(w2),
            factor(d2),
            factor(Activation::Relu.derivative(z1)),
            n(d1)
        ));
        let answers = [
            ("dC_dw1", "∂C/∂w1 = x·δ1", Parameter::Weight(0, 0, 0)),
            ("dC_dw2", "∂C/∂w2 = a1·δ2", Parameter::Weight(1, 0, 0)),
            ("dC_db", "∂C/∂b = δ2", Parameter::Bias(1, 0)),
        ];
        let mut probe = self.network.clone();
        let mut work = Workspace::default();
        let rows = answers
            .iter()
            .map(|&(_, formula, p)| {
                let fd = finite_difference(
                    &mut probe,
                    p,
                    x.as_ref(),
                    t.as_ref(),
                    Loss::Quadratic,
                    &mut work,
                );
                vec![
                    Value::text(formula),
                    Value::Number(p.of(&g)),
                    Value::Number(fd),
                ]
            })
            .collect();
        r.steps.push(Step::Table {
            columns: ["gradient", "backprop", "finite difference"]
                .map(String::from)
                .to_vec(),
            rows,
        });
        r.answer("loss", Value::Number(cost), None);
        for (name, _, p) in answers {
            r.answer(name, Value::Number(p.of(&g)), None);
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        diagrams::graph(title, &self.pass().0).into_iter().collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        crate::fitness::zero_gradient(report, fitness)
    }
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
        let row = |i: usize| vec![Value::Number((i + 1) as f64), Value::Number(losses[i])];
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
