//! `backprop.activation-derivatives` (3.3): σ′ and ReLU′, read off computed values.

use nnhw_core::format::number;
use nnhw_core::numerics::Activation;
use nnhw_core::{
    Choice, Choosable, FieldError, Figure, Params, Problem, Report, Statement, Step, Value,
};
use serde::Deserialize;

use crate::figures;
use crate::formulas;
use nnhw_core::network::FD_STEP;

fn default_z() -> Vec<f64> {
    vec![-10.0, -2.0, 0.0, 2.0, 10.0]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    #[serde(default = "default_z")]
    z: Vec<f64>,
}

/// The points at which the derivatives are examined.
pub struct Derivatives {
    z: Vec<f64>,
}

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    if !spec.z.iter().any(|&z| z > 0.0) || !spec.z.iter().any(|&z| z < 0.0) {
        return Err(FieldError::new(
            "z",
            "needs at least one positive and one negative z, to read ReLU′ on each side",
        ));
    }
    Ok(Box::new(Derivatives { z: spec.z }))
}

fn central(f: Activation, z: f64) -> f64 {
    (f.apply(z + FD_STEP) - f.apply(z - FD_STEP)) / (2.0 * FD_STEP)
}

/// The one value `f′` takes at every z on one side of 0, if they all agree.
fn one_value(zs: impl Iterator<Item = f64>) -> f64 {
    let values: Vec<f64> = zs.map(|z| Activation::Relu.derivative(z)).collect();
    match values.first() {
        Some(&v) if values.iter().all(|&w| w == v) => v,
        _ => f64::NAN,
    }
}

impl Problem for Derivatives {
    /// σ and ReLU and the spec's z; no figure poses it, since σ's flat tails would answer
    /// what σ′ does as |z| grows.
    fn statement(&self) -> Statement {
        crate::statements::activations::statement(&self.z, large_z_options())
    }

    fn solve(&self) -> Report {
        let sigma = Activation::Sigmoid;
        let mut r = Report::default();
        r.heading("σ′(z) = e^(−z)/(1 + e^(−z))² = σ(z)·(1 − σ(z)), checked by central differences");
        let rows = self
            .z
            .iter()
            .map(|&z| {
                vec![
                    Value::Number(z),
                    Value::Number(sigma.apply(z)),
                    Value::Number(sigma.derivative(z)),
                    Value::Number(central(sigma, z)),
                    Value::Number(Activation::Relu.derivative(z)),
                ]
            })
            .collect();
        r.steps.push(Step::Table {
            columns: ["z", "σ(z)", "σ′(z)", "finite difference", "ReLU′(z)"]
                .map(String::from)
                .to_vec(),
            rows,
        });

        // "Small" is read off the values: σ′ at the largest |z| against its peak σ′(0).
        let far = self.z.iter().map(|z| z.abs()).fold(0.0, f64::max);
        let ratio = sigma.derivative(far) / sigma.derivative(0.0);
        let large_z = if ratio < 1.0 {
            "small"
        } else if ratio > 1.0 {
            "large"
        } else {
            "unchanged"
        };
        r.text(format!(
            "σ′({}) / σ′(0) = {}: as |z| grows the derivative's magnitude becomes {large_z}",
            number(far),
            number(ratio)
        ));
        let positive = one_value(self.z.iter().copied().filter(|&z| z > 0.0));
        let negative = one_value(self.z.iter().copied().filter(|&z| z < 0.0));
        r.text(format!(
            "ReLU′ is {} at every z > 0 and {} at every z < 0",
            number(positive),
            number(negative)
        ));
        formulas::sigmoid_derivative(&mut r);
        if let Some(choice) = Choice::named(large_z_options(), large_z) {
            r.answer("sigmoid_large_z", Value::Choice(choice), None);
        }
        r.answer("relu_derivative_positive", Value::Number(positive), None);
        r.answer("relu_derivative_negative", Value::Number(negative), None);
        r.note("a small σ′ for large |z| makes δ, and every gradient through that unit, small: the saturated unit learns slowly");
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        figures::activations(title, &self.z).into_iter().collect()
    }
}

/// What the magnitude of σ′ does as |z| grows, and the words students use for it.
fn large_z_options() -> Vec<Choosable> {
    vec![
        Choosable::new(
            "small",
            "small",
            &[
                "vanishes",
                "vanishing",
                "approaches 0",
                "approaches zero",
                "goes to 0",
                "goes to zero",
                "tends to 0",
                "tends to zero",
                "to 0",
                "-> 0",
                "near 0",
                "near zero",
                "close to 0",
                "close to zero",
                "tiny",
                "zero",
                "0",
                "decreases",
                "decreasing",
                "smaller",
                "shrinks",
                "decays",
                "vanishing gradient",
            ],
        ),
        Choosable::new(
            "large",
            "large",
            &[
                "grows",
                "increases",
                "increasing",
                "larger",
                "explodes",
                "blows up",
                "goes to infinity",
                "bigger",
            ],
        ),
        Choosable::new(
            "unchanged",
            "unchanged",
            &[
                "constant",
                "stays the same",
                "the same",
                "does not change",
                "same",
            ],
        ),
    ]
}
