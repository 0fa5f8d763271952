//! `backprop.simple-network` (3.4), and the network `backprop.sgd` (3.5) trains: the
//! homework's two-weight network z1 = w1·x, a1 = ReLU(z1), z2 = w2·a1 + b, y = σ(z2),
//! C = ½(y − t)², built as a 1-1-1 core network (its first layer's bias fixed
//! at 0).

use faer::Mat;
use nnhw_core::format::{factor, number, term};
use nnhw_core::network::{
    Gradients, LayerSpec, Loss, Network, Parameter, Workspace, finite_difference, gradients,
};
use nnhw_core::numerics::Activation;
use nnhw_core::{FieldError, Figure, Fitness, Params, Problem, Report, Statement, Step, Value};
use serde::Deserialize;

use crate::diagrams::{self, Graph, Pass};
use crate::statements::simple::{self as stated, Numbers};

fn one() -> u64 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    x: f64,
    t: f64,
    w1: f64,
    w2: f64,
    b: f64,
    #[serde(default)]
    pub(crate) eta: Option<f64>,
    #[serde(default = "one")]
    pub(crate) steps: u64,
}

/// The network and the example it sees.
pub struct Simple {
    x: f64,
    t: f64,
    pub(crate) network: Network,
}

/// The network of a spec, refused when its loss or gradients overflow.
pub(crate) fn simple(spec: &Spec) -> Result<Simple, FieldError> {
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

impl Simple {
    /// The given numbers, as the spec gave them (the network only holds them).
    pub(crate) fn numbers(&self) -> Numbers {
        Numbers {
            x: self.x,
            t: self.t,
            w1: w(&self.network, 0),
            w2: w(&self.network, 1),
            b: self.network.layers[1].bias[0],
        }
    }

    /// The example as one-row batches: (x, t).
    pub(crate) fn batches(&self) -> (Mat<f64>, Mat<f64>) {
        (
            Mat::from_fn(1, 1, |_, _| self.x),
            Mat::from_fn(1, 1, |_, _| self.t),
        )
    }
}

/// The values of the network's one weight per layer.
pub(crate) fn w(network: &Network, l: usize) -> f64 {
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
    fn statement(&self) -> Statement {
        stated::simple_network(&self.numbers())
    }

    /// The computational graph with x, t, w₁, w₂ and b, and no value it computes.
    fn question_figures(&self, title: &str) -> Vec<Figure> {
        diagrams::graph(title, Graph::Question(self.numbers(), None))
            .into_iter()
            .collect()
    }

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
        diagrams::graph(title, Graph::Solution(&self.pass().0))
            .into_iter()
            .collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        crate::fitness::zero_gradient(report, fitness)
    }
}
