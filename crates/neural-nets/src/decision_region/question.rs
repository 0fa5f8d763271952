//! 1.2's question: the hidden units zⱼ = x₁·W₁ⱼ + x₂·W₂ⱼ + W₀ⱼ and their parameters,
//! "plot the lines zⱼ = 0 and give the area of the region where all zⱼ < 0". Never the
//! lines themselves, the region or its corners; the figure draws the hidden layer alone.

use nnhw_core::network::{LayerSpec, Network};
use nnhw_core::numerics::Activation;
use nnhw_core::statement::{Inline, given, math, words};
use nnhw_core::{Figure, Form, Statement, Value};
use nnhw_plot::diagram::fits;
use nnhw_plot::subscript;

use super::{DecisionRegion, Sign};
use crate::figures::{self, Posed, Shown};
use crate::wording::{counted, in_words};

impl DecisionRegion {
    /// The question, from the params alone.
    pub(super) fn question(&self) -> Statement {
        let n = self.units.len();
        let mut s = Statement::default();
        s.paragraph([
            words("A network has two inputs x₁, x₂ and "),
            words(counted(n, "hidden unit", "hidden units")),
            words(". Hidden unit j computes"),
        ]);
        s.display([math(
            "z_j = x_1*W_1j + x_2*W_2j + W_0j",
            "zⱼ = x₁·W₁ⱼ + x₂·W₂ⱼ + W₀ⱼ",
        )]);
        s.paragraph([
            words("with these parameters, one row per hidden unit j, ("),
            math("W_1j, W_2j, W_0j", "W₁ⱼ, W₂ⱼ, W₀ⱼ"),
            words("): the weight of x₁, the weight of x₂, then the bias:"),
        ]);
        let rows: Vec<[f64; 3]> = self.units.clone();
        s.show("W", "W", Value::matrix(&rows));
        let (sign, name) = self.wanted();
        // "all four zⱼ < 0", as the homework says it; past twelve units, "all zⱼ < 0".
        let all = match (n, in_words(n)) {
            (1, _) => String::new(),
            (_, "many") => "all ".to_string(),
            (_, count) => format!("all {count} "),
        };
        let lines = if n == 1 { "the line" } else { "the lines" };
        s.paragraph([
            words(format!("Plot {lines} ")),
            math("z_j = 0", "zⱼ = 0"),
            words(format!(
                " in the (x₁, x₂) plane, and give the area of the region where {all}"
            )),
            math(format!("z_j {sign} 0"), format!("zⱼ {sign} 0")),
            words(format!(" (the {name} region).")),
        ]);
        if let Some([x0, x1, y0, y1]) = self.view {
            s.paragraph([
                words("The solution's figure shows x₁ from "),
                given_number(x0),
                words(" to "),
                given_number(x1),
                words(" and x₂ from "),
                given_number(y0),
                words(" to "),
                given_number(y1),
                words("."),
            ]);
        }
        s.prompt(
            "area",
            format!(
                "What is the area of the region where {all}zⱼ {sign} 0? If there is no such region, give 0."
            ),
            Form::NumberOrInf,
        );
        s.prompt(
            "boundaries",
            "What are the lines zⱼ = 0, one for each hidden unit?",
            Form::Lines(n),
        );
        s.prompt(
            "vertices",
            "What are the corners of that region? Where it is open on a side, give the corners it has.",
            Form::Corners,
        );
        s
    }

    /// The sign every zⱼ must have, and the region's name as the spec writes it.
    fn wanted(&self) -> (&'static str, &'static str) {
        match self.sign {
            Sign::AllNegative => ("<", "all-negative"),
            Sign::AllPositive => (">", "all-positive"),
        }
    }

    /// The hidden layer: x₁ and x₂ into each unit, the weights on the arrows, each unit's
    /// bias. No activation: the question is about zⱼ itself.
    pub(super) fn posed_figures(&self, title: &str) -> Vec<Figure> {
        if !fits(&[2, self.units.len()]) {
            return Vec::new();
        }
        let layer = LayerSpec {
            weights: self.units.iter().map(|u| vec![u[0], u[1]]).collect(),
            bias: Some(self.units.iter().map(|u| u[2]).collect()),
            activation: Activation::Identity,
        };
        let Ok(net) = Network::from_specs(2, &[layer]) else {
            return Vec::new();
        };
        let posed = Posed {
            inputs: vec!["x₁".into(), "x₂".into()],
            biases: vec![
                (1..=self.units.len())
                    .map(|j| format!("W₀{}", subscript(j)))
                    .collect(),
            ],
            activations: false,
            subtitle: "the weights of x₁ and x₂ (no arrow: 0) and each unit's bias W₀ⱼ".into(),
            caption: "the hidden layer with its weights and biases".into(),
        };
        figures::network(title, &net, &Shown::Posed(posed))
            .into_iter()
            .collect()
    }
}

fn given_number(x: f64) -> Inline {
    given(Value::Number(x))
}
