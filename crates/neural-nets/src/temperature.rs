//! `nn.inverse-temperature`: how large may the output gap be before o2 drops below a floor?
//!
//! With two outputs, o2 = e^(β·f(u2)) / (e^(β·f(u1)) + e^(β·f(u2))) = 1/(1 + e^(β·g)) for the
//! gap g = f(u1) − f(u2), so o2 ≥ m ⇔ e^(β·g) ≤ 1/m − 1 ⇔ g ≤ ln(1/m − 1)/β.

use nnhw_core::format::{exact_number, number};
use nnhw_core::numerics::sigmoid;
use nnhw_core::{
    Choice, Choosable, FieldError, Figure, Fitness, Params, Problem, Report, Statement, Value,
};
use serde::Deserialize;

use crate::beta::Beta;
use crate::figures;

mod question;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    betas: Vec<f64>,
    min_o2: f64,
}

/// The floor on o2 and the inverse temperatures to try.
pub struct InverseTemperature {
    betas: Vec<Beta>,
    min_o2: f64,
}

/// Most β values: each is a row of the table and a curve of the figure.
pub const MAX_BETAS: usize = 1_000;

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    if spec.betas.is_empty() {
        return Err(FieldError::new("betas", "empty: give at least one β"));
    }
    if spec.betas.len() > MAX_BETAS {
        return Err(FieldError::new(
            "betas",
            format!(
                "{} values; at most {MAX_BETAS} (one curve each in the figure)",
                spec.betas.len()
            ),
        ));
    }
    let betas = spec
        .betas
        .iter()
        .enumerate()
        .map(|(i, &b)| Beta::new(b, &format!("betas[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    if !(spec.min_o2 > 0.0 && spec.min_o2 < 0.5) {
        return Err(FieldError::new(
            "min_o2",
            format!(
                "{} is outside (0, 0.5): with two outputs o2 < 0.5 whenever the gap is positive",
                number(spec.min_o2)
            ),
        ));
    }
    let problem = InverseTemperature {
        betas,
        min_o2: spec.min_o2,
    };
    for (i, beta) in problem.betas.iter().enumerate() {
        if !problem.max_gap(beta.value()).is_finite() {
            return Err(FieldError::new(
                format!("betas[{i}]"),
                format!("{beta} is too small: the allowed gap ln(1/min_o2 − 1)/β overflows f64"),
            ));
        }
    }
    Ok(Box::new(problem))
}

impl InverseTemperature {
    /// 1/m − 1, the largest e^(β·g) allowed.
    fn odds(&self) -> f64 {
        (1.0 - self.min_o2) / self.min_o2
    }

    /// ln(1/m − 1) = ln(1 − m) − ln m, which stays finite even where 1/m overflows.
    fn log_odds(&self) -> f64 {
        (-self.min_o2).ln_1p() - self.min_o2.ln()
    }

    fn max_gap(&self, beta: f64) -> f64 {
        self.log_odds() / beta
    }

    /// `ln(999)/3`: the odds as an integer when they are one to rounding error; `None`
    /// when the odds or β need more than a dozen characters, where the form says less
    /// than the decimals.
    fn exact_form(&self, beta: Beta) -> Option<String> {
        const MAX_CHARS: usize = 12;
        let odds = self.odds();
        let rounded = odds.round();
        let odds_text = if (odds - rounded).abs() <= 1e-12 * odds {
            exact_number(rounded)
        } else {
            exact_number(odds)
        };
        let beta_text = exact_number(beta.value());
        if !odds.is_finite() || odds_text.len() > MAX_CHARS || beta_text.len() > MAX_CHARS {
            return None;
        }
        Some(if beta.value() == 1.0 {
            format!("ln({odds_text})")
        } else {
            format!("ln({odds_text})/{beta_text}")
        })
    }

    fn max_gaps(&self) -> Vec<f64> {
        self.betas.iter().map(|b| self.max_gap(b.value())).collect()
    }
}

impl Problem for InverseTemperature {
    fn statement(&self) -> Statement {
        self.question()
    }

    fn solve(&self) -> Report {
        let mut r = Report::default();
        let m = self.min_o2;
        r.heading("Two outputs: o2 = 1/(1 + e^(β·g)) with the gap g = f(u1) − f(u2)");
        r.text(format!(
            "o2 ≥ {} ⇔ e^(β·g) ≤ 1/{} − 1 = {} ⇔ g ≤ ln({})/β = {}/β",
            number(m),
            number(m),
            number(self.odds()),
            number(self.odds()),
            number(self.log_odds())
        ));
        let gaps = self.max_gaps();
        let forms: Vec<Option<String>> = self.betas.iter().map(|&b| self.exact_form(b)).collect();
        let rows = self
            .betas
            .iter()
            .zip(&gaps)
            .zip(&forms)
            .map(|((b, &g), form)| {
                vec![
                    Value::Number(b.value()),
                    Value::Number(g),
                    Value::text(form.clone().unwrap_or_else(|| "—".into())),
                    Value::Number(sigmoid(-b.value() * g)),
                ]
            })
            .collect();
        r.steps.push(nnhw_core::Step::Table {
            columns: vec![
                "β".into(),
                "max gap".into(),
                "exact".into(),
                "o2 at max gap".into(),
            ],
            rows,
        });

        // The trend is read off the computed gaps: at the smallest β and at a larger one.
        let smallest = self
            .betas
            .iter()
            .map(|b| b.value())
            .fold(f64::INFINITY, f64::min);
        let largest = self.betas.iter().map(|b| b.value()).fold(0.0, f64::max);
        let larger = if largest > smallest {
            largest
        } else {
            2.0 * smallest
        };
        let (g_small, g_large) = (self.max_gap(smallest), self.max_gap(larger));
        let trend = if g_large < g_small {
            "smaller"
        } else {
            "larger"
        };
        r.text(format!(
            "β {} → {}: the allowed gap goes {} → {}, so increasing β makes it {trend}",
            number(smallest),
            number(larger),
            number(g_small),
            number(g_large)
        ));
        let exact: Option<Vec<String>> = forms.into_iter().collect();
        r.answer(
            "max_gap",
            Value::numbers(&gaps),
            exact.map(|f| nnhw_core::exact::list(&f)),
        );
        let trend = Choice::named(trend_options(), trend);
        if let Some(trend) = trend {
            r.answer("trend", Value::Choice(trend), None);
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        let betas: Vec<f64> = self.betas.iter().map(|b| b.value()).collect();
        figures::inverse_temperature(title, &betas, &self.max_gaps(), self.min_o2)
            .into_iter()
            .collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        crate::fitness::equal_betas(report, fitness)
    }
}

/// What increasing β can do to the allowed gap, and the words students use for it.
fn trend_options() -> Vec<Choosable> {
    vec![
        Choosable::new(
            "smaller",
            "smaller",
            &[
                "decreases",
                "decrease",
                "decreasing",
                "shrinks",
                "gets smaller",
                "goes down",
                "lower",
                "less",
                "narrower",
                "tighter",
                "smaller gap",
                "reduces",
                "reduced",
            ],
        ),
        Choosable::new(
            "larger",
            "larger",
            &[
                "increases",
                "increase",
                "increasing",
                "grows",
                "gets larger",
                "bigger",
                "goes up",
                "higher",
                "more",
                "wider",
                "larger gap",
            ],
        ),
    ]
}
