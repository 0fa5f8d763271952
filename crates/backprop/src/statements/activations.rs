//! `backprop.activation-derivatives` (3.3): σ and ReLU as the setting, the spec's z as
//! where to look; σ′ itself is the answer, so it is neither written nor drawn.

use nnhw_core::statement::{given, math, words};
use nnhw_core::{Choosable, Form, Statement, Value};

use super::{equations, name};

/// The setting and the four questions; `options` are the answer's own choices, in order.
pub fn statement(z: &[f64], options: Vec<Choosable>) -> Statement {
    let mut s = Statement::default();
    s.say("Two activation functions: the sigmoid σ and the rectified linear unit ReLU,");
    s.display(equations(&[
        [("sigma(z)", "σ(z)"), ("1/(1+e^(-z))", "1/(1 + e^(−z))")],
        [("ReLU(z)", "ReLU(z)"), ("max(0,z)", "max(0, z)")],
    ]));
    s.paragraph([
        words("Differentiate both with respect to "),
        name("z"),
        words(", and compare the derivatives "),
        math("sigma'(z)", "σ′(z)"),
        words(" and "),
        math("ReLU'(z)", "ReLU′(z)"),
        words(" at "),
        name("z"),
        words(" = "),
        given(Value::numbers(z)),
        words("."),
    ]);
    s.prompt(
        "sigmoid_derivative",
        "What is σ′(z), the derivative of the sigmoid, as a formula in z?",
        Form::Formula(
            ["z", "e^z", "exp(z)", "sigma(z)"]
                .map(String::from)
                .to_vec(),
        ),
    );
    s.prompt(
        "sigmoid_large_z",
        "As |z| grows, what does the magnitude of σ′(z) become: small, large, or unchanged?",
        Form::Choice(options),
    );
    s.prompt(
        "relu_derivative_positive",
        "What is ReLU′(z) for z > 0?",
        Form::Number,
    );
    s.prompt(
        "relu_derivative_negative",
        "What is ReLU′(z) for z < 0?",
        Form::Number,
    );
    s
}
