//! `nn.output-from-hidden-sum`: the output when only Σ_j f(z_j) is known.
//!
//! u_k = Σ_j f(z_j)·V_jk + b_k depends on the sum alone exactly when every weight into
//! output k is the same v_k; then u_k = v_k·s + b_k.

use nnhw_core::format::{count, number};
use nnhw_core::matrix::Matrix;
use nnhw_core::numerics::{Activation, softmax};
use nnhw_core::{
    FieldError, Figure, Fitness, Params, Problem, Report, Statement, Step, Value, exact,
};
use serde::Deserialize;

use crate::beta::{Beta, default_beta};
use crate::equation;
use crate::figures;

mod question;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    weights: Vec<Vec<f64>>,
    #[serde(default)]
    bias: Option<Vec<f64>>,
    #[serde(default)]
    activation: Activation,
    #[serde(default = "default_beta")]
    beta: f64,
    hidden_sums: Vec<f64>,
}

/// Outputs as functions of the hidden sum s.
pub struct HiddenSum {
    /// v_k, the one weight every hidden unit has into output k.
    slopes: Vec<f64>,
    /// How many hidden units feed each output (every one with weight v_k).
    hidden: usize,
    bias: Vec<f64>,
    activation: Activation,
    beta: Beta,
    sums: Vec<f64>,
}

/// Most hidden sums: each is a row of the working and of the answer.
pub const MAX_SUMS: usize = 10_000;
/// Most values in the answer `o` (sums × outputs): it is printed and serialised whole.
pub const MAX_VALUES: usize = 1_000_000;

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    let weights = Matrix::from_rows(&spec.weights, "weights")?;
    for (k, row) in weights.iter_rows().enumerate() {
        if row.iter().any(|&w| w != row[0]) {
            return Err(FieldError::new(
                format!("weights[{k}]"),
                format!(
                    "row {k} is not constant ({}): o is then not a function of the sum of the hidden units",
                    nnhw_core::format::list(row, |w| number(*w))
                ),
            ));
        }
    }
    let bias = match spec.bias {
        None => vec![0.0; weights.rows()],
        Some(b) if b.len() == weights.rows() => b,
        Some(b) => {
            return Err(FieldError::new(
                "bias",
                format!(
                    "{}, but there are {}",
                    count(b.len(), "entry", "entries"),
                    count(weights.rows(), "output", "outputs")
                ),
            ));
        }
    };
    if spec.hidden_sums.is_empty() {
        return Err(FieldError::new(
            "hidden_sums",
            "empty: give at least one sum",
        ));
    }
    if spec.hidden_sums.len() > MAX_SUMS {
        return Err(FieldError::new(
            "hidden_sums",
            format!("{} values; at most {MAX_SUMS}", spec.hidden_sums.len()),
        ));
    }
    let values = spec.hidden_sums.len().saturating_mul(weights.rows());
    if values > MAX_VALUES {
        return Err(FieldError::new(
            "hidden_sums",
            format!(
                "{} sums × {} = {values} output values; at most {MAX_VALUES}",
                spec.hidden_sums.len(),
                count(weights.rows(), "output", "outputs")
            ),
        ));
    }
    if let Some(i) = spec.hidden_sums.iter().position(|&s| s < 0.0) {
        return Err(FieldError::new(
            format!("hidden_sums[{i}]"),
            format!(
                "{} is negative, but a sum of hidden activations here is ≥ 0",
                number(spec.hidden_sums[i])
            ),
        ));
    }
    let slopes: Vec<f64> = weights.iter_rows().map(|row| row[0]).collect();
    for (i, &s) in spec.hidden_sums.iter().enumerate() {
        if slopes
            .iter()
            .zip(&bias)
            .any(|(v, b)| !(v * s + b).is_finite())
        {
            return Err(FieldError::new(
                format!("hidden_sums[{i}]"),
                "u = v·s + b overflows f64: weights or sum too large",
            ));
        }
    }
    Ok(Box::new(HiddenSum {
        slopes,
        hidden: weights.cols(),
        bias,
        activation: spec.activation,
        beta: Beta::new(spec.beta, "beta")?,
        sums: spec.hidden_sums,
    }))
}

impl Problem for HiddenSum {
    fn statement(&self) -> Statement {
        self.question()
    }

    fn question_figures(&self, title: &str) -> Vec<Figure> {
        self.posed_figures(title)
    }

    fn solve(&self) -> Report {
        let mut r = Report::default();
        let f = self.activation;
        r.heading("Every row of the output weights is constant, so u_k = v_k·s + b_k");
        for (k, (v, b)) in self.slopes.iter().zip(&self.bias).enumerate() {
            let u = equation::affine_in(&[(*v, "s")], *b);
            r.text(format!("u{} = {u}", k + 1));
        }
        let mut o1 = Vec::with_capacity(self.sums.len());
        let mut o1_forms = Vec::with_capacity(self.sums.len());
        let mut all = Vec::with_capacity(self.sums.len());
        for &s in &self.sums {
            let u = self.u(s);
            let fu: Vec<f64> = u.iter().map(|&uk| f.apply(uk)).collect();
            let exponents: Vec<f64> = fu.iter().map(|&a| self.beta.value() * a).collect();
            let forms = exact::softmax_forms(&exponents);
            let o = softmax(&fu, self.beta.value());
            r.heading(format!("s = {}", number(s)));
            r.value("u", Value::numbers(&u));
            r.value(format!("{}(u)", f.name()), Value::numbers(&fu));
            r.steps.push(Step::Value {
                name: "o".into(),
                value: Value::numbers(&o),
                exact: forms.as_ref().map(|f| exact::list(f)),
            });
            // Validation guarantees at least one output row, so o[0] exists.
            o1.push(o.first().copied().unwrap_or(f64::NAN));
            o1_forms.push(forms.and_then(|f| f.into_iter().next()));
            all.push(o);
        }
        let o1_exact: Option<Vec<String>> = o1_forms.into_iter().collect();
        r.answer("o1", Value::numbers(&o1), o1_exact.map(|f| exact::list(&f)));
        r.answer("o", Value::matrix(&all), None);
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        figures::hidden_sum(title, &self.sums, |s| self.o(s))
            .into_iter()
            .collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        crate::fitness::softmax_edge(report, fitness, &["o1", "o"])
    }
}

impl HiddenSum {
    /// u_k = v_k·s + b_k.
    fn u(&self, s: f64) -> Vec<f64> {
        self.slopes
            .iter()
            .zip(&self.bias)
            .map(|(v, b)| v * s + b)
            .collect()
    }

    /// The softmax output at hidden sum `s`.
    fn o(&self, s: f64) -> Vec<f64> {
        let fu: Vec<f64> = self
            .u(s)
            .iter()
            .map(|&u| self.activation.apply(u))
            .collect();
        softmax(&fu, self.beta.value())
    }
}
