//! `backprop.formulas` (3.1, 3.2): the L-layer network in the notation of section 3, the
//! four formulas asked for, and the spec's network on which the check is run.

use nnhw_core::format::{count, number};
use nnhw_core::matrix::row;
use nnhw_core::network::{FD_STEP, Loss, Network};
use nnhw_core::numerics::Activation;
use nnhw_core::statement::{given, math, words};
use nnhw_core::{Form, Statement, Value};
use nnhw_plot::superscript;

use super::{equation, equations, name};

/// A network drawn from a seed, as the spec gives it.
pub struct Drawn {
    /// Layer widths, inputs first.
    pub sizes: Vec<usize>,
    /// f in every layer.
    pub activation: Activation,
    /// The generator's seed.
    pub seed: u64,
}

/// What the question gives: the network as built from the params, how it was given, the
/// example and the loss, and how many parameters the check covers.
pub struct Given<'a> {
    /// The network: the spec's layers, or the weights its seed draws.
    pub network: &'a Network,
    /// How it was drawn; `None` for the spec's own layers.
    pub drawn: Option<&'a Drawn>,
    /// The input.
    pub x: &'a [f64],
    /// The target.
    pub target: &'a [f64],
    /// The loss.
    pub loss: Loss,
    /// How many parameters the check compares (all, or a fixed sample).
    pub checked: usize,
}

/// Drawn weights are shown up to this many per layer; past it they are described.
const SHOWN_WEIGHTS: usize = 100;

/// The notation a formula answer may use: every answer's names and more (several
/// derivatives of C, activations of both layers), the same list for all four so that it
/// points at none of them.
pub const NOTATION: [&str; 19] = [
    "delta_j^L",
    "delta_j^l",
    "delta_k^(l+1)",
    "a_j^L",
    "a_j^l",
    "a_k^(l-1)",
    "z_j^L",
    "z_j^l",
    "w_jk^l",
    "w_kj^(l+1)",
    "b_j^l",
    "f'(z_j^L)",
    "f'(z_j^l)",
    "(partialC)/(partiala_j^L)",
    "(partialC)/(partiala_j^l)",
    "(partialC)/(partialz_j^l)",
    "f(z_j^l)",
    "a_k^l",
    "sum_k",
];

fn notation() -> Form {
    Form::Formula(NOTATION.iter().map(|n| n.to_string()).collect())
}

/// How an activation is called in words.
pub fn called(f: Activation) -> &'static str {
    match f {
        Activation::Relu => "ReLU",
        Activation::Sigmoid => "sigmoid",
        Activation::Tanh => "tanh",
        Activation::Identity => "identity",
    }
}

/// The setting, the question, the spec's network and the check.
pub fn statement(g: &Given<'_>) -> Statement {
    let mut s = Statement::default();
    setting(&mut s);
    network(&mut s, g);
    example(&mut s, g);
    check(&mut s, g);
    s.prompt(
        "delta_L",
        "What is the error δⱼᴸ of unit j in the output layer L?",
        notation(),
    );
    s.prompt(
        "delta_l",
        "For a layer l < L, what is the error δⱼˡ of unit j, written with the errors of layer l + 1?",
        notation(),
    );
    s.prompt(
        "dC_dw",
        "What is ∂C/∂wⱼₖˡ, the derivative of the loss with respect to the weight wⱼₖˡ?",
        notation(),
    );
    s.prompt(
        "dC_db",
        "What is ∂C/∂bⱼˡ, the derivative of the loss with respect to the bias bⱼˡ?",
        notation(),
    );
    s.prompt(
        "max_fd_error",
        "On the network above, what is the check's error, the largest relative difference between backpropagation and central differences (max_fd_error)?",
        Form::Number,
    );
    s
}

/// The homework's L-layer network, its notation and the four formulas asked for.
fn setting(s: &mut Statement) {
    s.paragraph([
        words("An L-layer network takes its input as "),
        math("a^0", "a⁰"),
        words(" = "),
        name("x"),
        words(" and computes, for each layer l = 1, …, L,"),
    ]);
    s.display(equations(&[
        [
            ("z_j^l", "zⱼˡ"),
            ("sum_k w_jk^l*a_k^(l-1)+b_j^l", "Σₖ wⱼₖˡ aₖˡ⁻¹ + bⱼˡ"),
        ],
        [("a_j^l", "aⱼˡ"), ("f(z_j^l)", "f(zⱼˡ)")],
    ]));
    s.paragraph([
        words("that is, "),
        math("z^l", "zˡ"),
        words(" = "),
        math("w^l*a^(l-1)+b^l", "wˡaˡ⁻¹ + bˡ"),
        words(" and "),
        math("a^l", "aˡ"),
        words(" = "),
        math("f(z^l)", "f(zˡ)"),
        words(". Here "),
        math("a_j^l", "aⱼˡ"),
        words(" is the activation of unit j in layer l, "),
        math("w_jk^l", "wⱼₖˡ"),
        words(" the weight from unit k of layer l − 1 to unit j of layer l, "),
        math("b_j^l", "bⱼˡ"),
        words(" the bias of unit j in layer l, "),
        math("z_j^l", "zⱼˡ"),
        words(" its weighted input, and f the activation function, with derivative f′. The loss C depends on the output "),
        math("a^L", "aᴸ"),
        words(". The error of unit j in layer l is"),
    ]);
    s.display(equation(
        ("delta_j^l", "δⱼˡ"),
        ("(partialC)/(partialz_j^l)", "∂C/∂zⱼˡ"),
    ));
    s.paragraph([
        // The setting only: which of the four a spec asks for is in its prompts (3.1 and
        // 3.2 are the same kind, keyed differently).
        words("Backpropagation rests on four formulas: the error "),
        math("delta_j^L", "δⱼᴸ"),
        words(" of a unit in the output layer; the error "),
        math("delta_j^l", "δⱼˡ"),
        words(" of a unit in a layer l < L, from the errors of layer l + 1; and the derivatives "),
        math("(partialC)/(partialw_jk^l)", "∂C/∂wⱼₖˡ"),
        words(" and "),
        math("(partialC)/(partialb_j^l)", "∂C/∂bⱼˡ"),
        words(" of the loss with respect to a weight and a bias, all in this notation."),
    ]);
}

/// `w` or `b` with layer `l`'s superscript, in both notations.
fn of_layer(letter: &str, l: usize) -> nnhw_core::statement::Inline {
    math(
        format!("{letter}^{l}"),
        format!("{letter}{}", superscript(l as i32)),
    )
}

/// The spec's network: drawn from a seed (its weights shown when small enough) or given
/// layer by layer.
fn network(s: &mut Statement, g: &Given<'_>) {
    let layers = &g.network.layers;
    let weights = |l: usize| -> Value {
        let w = &layers[l].weights;
        let rows: Vec<Vec<f64>> = (0..w.nrows()).map(|i| row(w, i)).collect();
        Value::matrix(&rows)
    };
    match g.drawn {
        Some(drawn) => {
            let sizes: Vec<f64> = drawn.sizes.iter().map(|&n| n as f64).collect();
            s.paragraph([
                words("To check the formulas, run them on a network with layer sizes "),
                given(Value::numbers(&sizes)),
                words(format!(
                    " (inputs first), f = {} in every layer, the weights drawn Glorot-uniform from seed {} by nnhw's generator, and every bias 0:",
                    called(drawn.activation),
                    drawn.seed
                )),
            ]);
            for (l, layer) in layers.iter().enumerate() {
                let (units, inputs) = (layer.weights.nrows(), layer.weights.ncols());
                if units * inputs <= SHOWN_WEIGHTS {
                    s.display([of_layer("w", l + 1), words(" = "), given(weights(l))]);
                } else {
                    s.paragraph([
                        of_layer("w", l + 1),
                        words(format!(" is {units}×{inputs}, too large to show here.")),
                    ]);
                }
            }
        }
        None => {
            s.paragraph([words(format!(
                "To check the formulas, run them on a network with {} and {}, these weights, biases and activation functions:",
                count(g.x.len(), "input", "inputs"),
                count(layers.len(), "layer", "layers")
            ))]);
            for (l, layer) in layers.iter().enumerate() {
                s.display([
                    words(format!(
                        "layer {}, f = {}:   ",
                        l + 1,
                        called(layer.activation)
                    )),
                    of_layer("w", l + 1),
                    words(" = "),
                    given(weights(l)),
                    words(",   "),
                    of_layer("b", l + 1),
                    words(" = "),
                    given(Value::numbers(&layer.bias)),
                ]);
            }
        }
    }
}

/// The example and the loss.
fn example(s: &mut Statement, g: &Given<'_>) {
    let loss = match g.loss {
        Loss::Quadratic => "its loss is quadratic:",
        Loss::CrossEntropy => "its loss is cross-entropy over the softmax of its outputs:",
    };
    s.paragraph([
        words("It sees the input "),
        name("x"),
        words(" = "),
        given(Value::numbers(g.x)),
        words(" with target "),
        name("t"),
        words(" = "),
        given(Value::numbers(g.target)),
        words(", and "),
        words(loss),
    ]);
    let rhs = match g.loss {
        Loss::Quadratic => ("1/2*sum_j (a_j^L-t_j)^2", "½ Σⱼ (aⱼᴸ − tⱼ)²"),
        Loss::CrossEntropy => (
            "-sum_j t_j*ln(e^(a_j^L)/(sum_i e^(a_i^L)))",
            "−Σⱼ tⱼ ln(e^(aⱼᴸ) / Σᵢ e^(aᵢᴸ))",
        ),
    };
    s.display(equation(("C", "C"), rhs));
}

/// What max_fd_error measures.
fn check(s: &mut Statement, g: &Given<'_>) {
    let total = g.network.parameters();
    let which = if g.checked < total {
        format!(
            "For a fixed sample of {} of its {total} weights and biases",
            g.checked
        )
    } else {
        format!("For each of its {total} weights and biases")
    };
    s.paragraph([words(format!(
        "{which} p, set backpropagation's ∂C/∂p beside the central difference"
    ))]);
    s.display([
        math("(C(p+h)-C(p-h))/(2*h)", "(C(p + h) − C(p − h)) / 2h"),
        words(",   "),
        name("h"),
        words(format!(" = {}", number(FD_STEP))),
    ]);
    s.paragraph([words(
        "The check's error is the largest |∂C/∂p − central difference| / (1 + |∂C/∂p|) over them.",
    )]);
}
