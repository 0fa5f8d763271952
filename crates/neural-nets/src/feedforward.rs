//! `nn.feedforward`: a forward pass through dense layers, then an optional softmax.

use nnhw_core::exact;
use nnhw_core::network::{LayerSpec, Network};
use nnhw_core::numerics::softmax;
use nnhw_core::{FieldError, Figure, Fitness, Params, Problem, Report, Statement, Step, Value};
use serde::Deserialize;

use crate::beta::{Beta, default_beta};
use crate::figures::{self, Shown};

mod question;

/// What follows the last layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Output {
    /// o = softmax(β·a), as in the homework.
    #[default]
    Softmax,
    /// o = a of the last layer.
    None,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    x: Vec<f64>,
    layers: Vec<LayerSpec>,
    #[serde(default)]
    output: Output,
    #[serde(default = "default_beta")]
    beta: f64,
}

/// A network and the input it is fed.
pub struct FeedForward {
    x: Vec<f64>,
    network: Network,
    output: Output,
    beta: Beta,
}

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    nnhw_core::network::check_input(&spec.x)?;
    let network = Network::from_specs(spec.x.len(), &spec.layers)?;
    let beta = Beta::new(spec.beta, "beta")?;
    // The pass is cheap: run it once here so an overflow is bad input, not a nan answer.
    for (l, trace) in network.forward(&spec.x).iter().enumerate() {
        if let Some(j) = trace.z.iter().position(|z| !z.is_finite()) {
            return Err(FieldError::new(
                format!("layers[{l}].weights"),
                format!(
                    "z{} of layer {l} overflows f64: weights or inputs too large",
                    j + 1
                ),
            ));
        }
    }
    Ok(Box::new(FeedForward {
        x: spec.x,
        network,
        output: spec.output,
        beta,
    }))
}

impl Problem for FeedForward {
    fn statement(&self) -> Statement {
        self.question()
    }

    fn question_figures(&self, title: &str) -> Vec<Figure> {
        self.posed_figures(title)
    }

    fn solve(&self) -> Report {
        let mut r = Report::default();
        r.heading("Input");
        r.value("x", Value::numbers(&self.x));
        let traces = self.network.forward(&self.x);
        let depth = traces.len();
        for (l, (layer, trace)) in self.network.layers.iter().zip(&traces).enumerate() {
            r.heading(format!(
                "Layer {} of {depth}: z = W·a + b, then {}",
                l + 1,
                layer.activation.name()
            ));
            r.value("z", Value::numbers(&trace.z));
            r.value("f(z)", Value::numbers(&trace.a));
        }
        let last = traces.last().map_or(&self.x, |t| &t.a);
        match self.output {
            Output::Softmax => {
                let beta = self.beta.value();
                r.heading(format!(
                    "Softmax with β = {}: o_k = e^(β·a_k) / Σ_i e^(β·a_i)",
                    self.beta
                ));
                let exponents: Vec<f64> = last.iter().map(|&a| beta * a).collect();
                let forms = exact::softmax_forms(&exponents).map(|f| exact::list(&f));
                let o = softmax(last, beta);
                r.value("β·a", Value::numbers(&exponents));
                r.steps.push(Step::Value {
                    name: "o".into(),
                    value: Value::numbers(&o),
                    exact: forms.clone(),
                });
                r.answer("o", Value::numbers(&o), forms);
            }
            Output::None => r.answer("o", Value::numbers(last), None),
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        let traces = self.network.forward(&self.x);
        let last = traces.last().map_or(&self.x, |t| &t.a);
        let o = match self.output {
            Output::Softmax => Some(softmax(last, self.beta.value())),
            Output::None => None,
        };
        let shown = Shown::Solved {
            x: &self.x,
            traces: &traces,
            o: o.as_deref(),
        };
        figures::network(title, &self.network, &shown)
            .into_iter()
            .collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        match self.output {
            Output::Softmax => crate::fitness::softmax_edge(report, fitness, &["o"]),
            Output::None => None,
        }
    }
}
