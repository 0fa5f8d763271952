//! 1.3's question: the output layer (V with its biases, the activation, the softmax with
//! β) and the hidden sums to try: "with the same V, what is o₁ when f(z₁) + f(z₂) + f(z₃)
//! + f(z₄) = 1, 0, 3". Never the outputs uₖ as functions of the sum: that is the working.

use nnhw_core::network::{LayerSpec, Network};
use nnhw_core::statement::{given, math, words};
use nnhw_core::{Figure, Form, Statement, Value};
use nnhw_plot::diagram::fits;
use nnhw_plot::subscript;

use super::HiddenSum;
use crate::figures::{self, Posed, Shown};
use crate::wording::{
    counted, definition, hidden_activations, hidden_sum, indexed, name, softmax, tuple,
};

impl HiddenSum {
    /// The question, from the params alone.
    pub(super) fn question(&self) -> Statement {
        let (h, m) = (self.hidden, self.slopes.len());
        let f = self.activation;
        let mut s = Statement::default();
        s.paragraph([words(format!(
            "The output layer of a network with {} and {}: output k computes",
            counted(h, "hidden unit", "hidden units"),
            counted(m, "output", "outputs")
        ))]);
        s.display([math(
            "u_k = sum_j f(z_j)*V_jk + V_0k",
            "uₖ = Σⱼ f(zⱼ)·Vⱼₖ + V₀ₖ",
        )]);
        s.paragraph([
            words("and passes on f(uₖ), where f is "),
            words(name(f)),
            words(", "),
            definition(f, ("f", "f")),
            words(format!(
                ". The final output is the softmax of the f(uₖ) with inverse temperature β = {}:",
                self.beta
            )),
        ]);
        s.display([softmax(|i, u| (format!("f(u_{i})"), format!("f(u{u})")))]);
        s.paragraph([
            words("V has one row per output k, ("),
            indexed(h, "V", ("k", "ₖ")),
            words(", "),
            math("V_0k", "V₀ₖ"),
            words("): the weights of "),
            hidden_activations(h),
            words(", then the bias:"),
        ]);
        s.show("V", "V", Value::matrix(&self.rows()));
        let (_, o_unicode) = tuple("o", m);
        // o₁ is what the homework asks; a spec keying the whole output `o` asks it in
        // that answer's prompt, which a handout shows only when it is graded.
        s.paragraph([
            words("With this V, what is o₁ when "),
            hidden_sum(h),
            words(" takes each of the values "),
            given(Value::numbers(&self.sums)),
            words(", in turn?"),
        ]);
        let sums = self.sums.len();
        let each = if sums == 1 {
            "at the given hidden sum"
        } else {
            "at each given hidden sum, in the order given"
        };
        s.prompt("o1", format!("What is o₁ {each}?"), Form::Numbers(sums));
        s.prompt(
            "o",
            format!("What is the output {o_unicode} {each}, one row per sum?"),
            Form::Matrix(sums, m),
        );
        s
    }

    /// V as the homework writes it: per output, the weight of every hidden unit (one
    /// weight repeated), then the bias.
    fn rows(&self) -> Vec<Vec<f64>> {
        self.slopes
            .iter()
            .zip(&self.bias)
            .map(|(&v, &b)| {
                let mut row = vec![v; self.hidden];
                row.push(b);
                row
            })
            .collect()
    }

    /// The output layer: f(z₁), …, f(zₙ) into each output, the weights on the arrows,
    /// each output's bias and activation.
    pub(super) fn posed_figures(&self, title: &str) -> Vec<Figure> {
        let m = self.slopes.len();
        if !fits(&[self.hidden, m]) {
            return Vec::new();
        }
        let layer = LayerSpec {
            weights: self.slopes.iter().map(|&v| vec![v; self.hidden]).collect(),
            bias: Some(self.bias.clone()),
            activation: self.activation,
        };
        let Ok(net) = Network::from_specs(self.hidden, &[layer]) else {
            return Vec::new();
        };
        let posed = Posed {
            inputs: (1..=self.hidden)
                .map(|j| format!("f(z{})", subscript(j)))
                .collect(),
            biases: vec![(1..=m).map(|k| format!("V₀{}", subscript(k))).collect()],
            activations: true,
            // β is the statement's: with it the subtitle would not fit the canvas.
            subtitle: "V's weights (no arrow: 0), biases and activation, then a softmax".into(),
            caption: "the output layer with its weights, biases and activation".into(),
        };
        figures::network(title, &net, &Shown::Posed(posed))
            .into_iter()
            .collect()
    }
}
