//! 1.1's question: the network in the homework's notation (W, V, zⱼ, uₖ, f, the softmax
//! with β) when it has two layers, in section 3's (wˡ, bˡ, aˡ, fₗ) otherwise; its weights
//! and biases as matrices, the input, and the question. The figure draws the same network
//! with the given numbers only.

use nnhw_core::network::Layer;
use nnhw_core::statement::{Inline, given, math, words};
use nnhw_core::{Figure, Form, Statement, Value};
use nnhw_plot::{short, subscript, superscript};

use super::{FeedForward, Output};
use crate::figures::{self, Posed, Shown};
use crate::wording::{
    and_list, counted, definition, hidden_activations, in_words, indexed, name, softmax, tuple,
};

impl FeedForward {
    /// The question, from the params alone.
    pub(super) fn question(&self) -> Statement {
        let mut s = Statement::default();
        match &self.network.layers[..] {
            [hidden, out] => self.two_layers(&mut s, hidden, out),
            layers => self.any_depth(&mut s, layers),
        }
        let outputs = self.network.layers.last().map_or(0, Layer::units);
        let (o_ascii, o_unicode) = tuple("o", outputs);
        let (x_ascii, x_unicode) = tuple("x", self.x.len());
        s.paragraph([
            words("Consider the input "),
            math(format!("x = {x_ascii}"), format!("x = {x_unicode}")),
            words(" = "),
            given(Value::numbers(&self.x)),
            words(". What is the final output "),
            math(o_ascii, o_unicode.clone()),
            words("?"),
        ]);
        s.prompt(
            "o",
            format!("What is the final output {o_unicode}?"),
            Form::Numbers(outputs),
        );
        s
    }

    /// The homework's 2-layer setting: zⱼ, f, uₖ, the softmax, W and V with the biases as
    /// their last column.
    fn two_layers(&self, s: &mut Statement, hidden: &Layer, out: &Layer) {
        let (n, h, m) = (hidden.inputs(), hidden.units(), out.units());
        s.paragraph([
            words(format!("A network with {} ", counted(n, "input", "inputs"))),
            indexed(n, "x", ("", "")),
            words(format!(
                ", {} and {}. Hidden unit j computes",
                counted(h, "hidden unit", "hidden units"),
                counted(m, "output", "outputs")
            )),
        ]);
        s.display([weighted_sum(n)]);
        let f = hidden.activation;
        s.paragraph([
            words("and passes on f(zⱼ), where f is "),
            words(name(f)),
            words(", "),
            definition(f, ("f", "f")),
            words(". Output k computes"),
        ]);
        s.display([math(
            "u_k = sum_j f(z_j)*V_jk + V_0k",
            "uₖ = Σⱼ f(zⱼ)·Vⱼₖ + V₀ₖ",
        )]);
        // The homework's output activation is f again; another one gets its own letter.
        let g = out.activation;
        let letter = if g == f { "f" } else { "g" };
        if g == f {
            s.say("and passes on f(uₖ), with the same f.");
        } else {
            s.paragraph([
                words(format!("and passes on {letter}(uₖ), where {letter} is ")),
                words(name(g)),
                words(", "),
                definition(g, (letter, letter)),
                words("."),
            ]);
        }
        let activated = |i: &str, u: &str| (format!("{letter}(u_{i})"), format!("{letter}(u{u})"));
        let (ascii, unicode) = activated("k", "ₖ");
        self.ending(s, math(ascii, format!("the {unicode}")), activated);
        s.paragraph([
            words("The parameters: W has one row per hidden unit j, ("),
            indexed(n, "W", ("j", "ⱼ")),
            words(", "),
            math("W_0j", "W₀ⱼ"),
            words(format!(
                "): the {} of {}, then the bias. V has one row per output k, (",
                if n == 1 { "weight" } else { "weights" },
                inputs_named(n)
            )),
            indexed(h, "V", ("k", "ₖ")),
            words(", "),
            math("V_0k", "V₀ₖ"),
            words("): the weights of "),
            hidden_activations(h),
            words(", then the bias."),
        ]);
        s.show("W", "W", Value::matrix(&with_bias(hidden)));
        s.show("V", "V", Value::matrix(&with_bias(out)));
    }

    /// Any other depth, in section 3's notation: zˡ = wˡ aˡ⁻¹ + bˡ, aˡ = fₗ(zˡ).
    fn any_depth(&self, s: &mut Statement, layers: &[Layer]) {
        let depth = layers.len();
        let sizes: Vec<String> = layers
            .iter()
            .map(|l| in_words(l.units()).to_string())
            .collect();
        let units = if layers.iter().all(|l| l.units() == 1) {
            "unit"
        } else {
            "units"
        };
        s.paragraph([words(format!(
            "A feed-forward network with {} and {} of {} {units}, from the input to the output. Layer l computes, from the outputs aˡ⁻¹ of the layer before it (a⁰ = x),",
            counted(self.x.len(), "input", "inputs"),
            counted(depth, "layer", "layers"),
            and_list(&sizes)
        ))]);
        s.display([math(
            "z_j^l = sum_k w_jk^l*a_k^(l-1) + b_j^l",
            "zˡⱼ = Σₖ wˡⱼₖ·aˡ⁻¹ₖ + bˡⱼ",
        )]);
        s.display([math("a_j^l = f_l(z_j^l)", "aˡⱼ = fₗ(zˡⱼ)")]);
        let mut said = vec![words("where ")];
        for (l, layer) in layers.iter().enumerate() {
            let f = (format!("f_{}", l + 1), format!("f{}", subscript(l + 1)));
            if l > 0 {
                said.push(words(if l + 1 == depth { "; and " } else { "; " }));
            }
            said.extend([
                math(f.0.clone(), f.1.clone()),
                words(" is "),
                words(name(layer.activation)),
                words(", "),
                definition(layer.activation, (&f.0, &f.1)),
            ]);
        }
        said.push(words("."));
        s.paragraph(said);
        let top = depth as i32;
        let activated =
            |i: &str, u: &str| (format!("a_{i}^{top}"), format!("a{}{u}", superscript(top)));
        let (ascii, unicode) = activated("k", "ₖ");
        let of = math(ascii, format!("the last layer's outputs {unicode}"));
        self.ending(s, of, activated);
        s.say("The weights wˡ have one row per unit j of layer l and one column per input k; the biases bˡ one entry per unit:");
        for (l, layer) in layers.iter().enumerate() {
            let up = superscript(l as i32 + 1);
            s.display([
                math(format!("w^{}", l + 1), format!("w{up}")),
                words(" = "),
                given(Value::matrix(&rows(layer))),
                words(",   "),
                math(format!("b^{}", l + 1), format!("b{up}")),
                words(" = "),
                given(Value::numbers(&layer.bias)),
            ]);
        }
    }

    /// What follows the last layer, whose outputs are `of`: the softmax with β, or
    /// nothing.
    fn ending(
        &self,
        s: &mut Statement,
        of: Inline,
        activated: impl Fn(&str, &str) -> (String, String),
    ) {
        match self.output {
            Output::Softmax => {
                s.paragraph([
                    words("The final output is the softmax of "),
                    of,
                    words(format!(" with inverse temperature β = {}:", self.beta)),
                ]);
                s.display([softmax(activated)]);
            }
            Output::None => {
                let (ak, uk) = activated("k", "ₖ");
                let mut said = vec![
                    words("No softmax follows (the output is none): the final output is "),
                    math(format!("o_k = {ak}"), format!("oₖ = {uk}")),
                ];
                if self.beta.value() != 1.0 {
                    said.push(words(format!(", and β = {} plays no part", self.beta)));
                }
                said.push(words("."));
                s.paragraph(said);
            }
        }
    }

    /// The network with its input, weights, biases and activations, and nothing computed.
    pub(super) fn posed_figures(&self, title: &str) -> Vec<Figure> {
        let inputs = self
            .x
            .iter()
            .enumerate()
            .map(|(i, &x)| format!("x{} = {}", subscript(i + 1), short(x, 4)))
            .collect();
        // β is the statement's: with it the subtitle would not fit the canvas.
        let subtitle = match self.output {
            Output::Softmax => {
                "the given x, weights (no arrow: 0), biases and activations, then a softmax"
            }
            Output::None => "the given x, weights (no arrow: 0), biases and activations",
        };
        let posed = Posed {
            inputs,
            biases: figures::bias_names(&self.network),
            activations: true,
            subtitle: subtitle.into(),
            caption: "the network with its input, weights, biases and activations".into(),
        };
        figures::network(title, &self.network, &Shown::Posed(posed))
            .into_iter()
            .collect()
    }
}

/// `zⱼ = x₁·W₁ⱼ + x₂·W₂ⱼ + W₀ⱼ` for up to three inputs, `zⱼ = Σᵢ xᵢ·Wᵢⱼ + W₀ⱼ` past that.
fn weighted_sum(n: usize) -> Inline {
    if n > 3 {
        return math("z_j = sum_i x_i*W_ij + W_0j", "zⱼ = Σᵢ xᵢ·Wᵢⱼ + W₀ⱼ");
    }
    let (ascii, unicode): (Vec<String>, Vec<String>) = (1..=n)
        .map(|i| {
            (
                format!("x_{i}*W_{i}j"),
                format!("x{s}·W{s}ⱼ", s = subscript(i)),
            )
        })
        .unzip();
    math(
        format!("z_j = {} + W_0j", ascii.join(" + ")),
        format!("zⱼ = {} + W₀ⱼ", unicode.join(" + ")),
    )
}

/// `x₁ and x₂`, `x₁, …, x₅` in words.
fn inputs_named(n: usize) -> String {
    match n {
        1 => "x₁".into(),
        2 => "x₁ and x₂".into(),
        3 => "x₁, x₂ and x₃".into(),
        _ => format!("x₁, …, x{}", subscript(n)),
    }
}

/// A layer's weights, one row per unit.
fn rows(layer: &Layer) -> Vec<Vec<f64>> {
    (0..layer.units())
        .map(|j| (0..layer.inputs()).map(|k| layer.weights[(j, k)]).collect())
        .collect()
}

/// A layer's weights with each unit's bias as the last entry of its row, as the homework
/// writes W and V.
fn with_bias(layer: &Layer) -> Vec<Vec<f64>> {
    rows(layer)
        .into_iter()
        .zip(&layer.bias)
        .map(|(mut row, &b)| {
            row.push(b);
            row
        })
        .collect()
}
