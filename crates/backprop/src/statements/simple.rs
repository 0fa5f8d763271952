//! `backprop.simple-network` (3.4) and `backprop.sgd` (3.5): the two-weight network's
//! forward pass and loss as the setting, the spec's numbers, and what to compute. No
//! value the network computes (z₁, a₁, z₂, y, C, a gradient) is said.

use nnhw_core::format::count;
use nnhw_core::statement::{Inline, given, math, words};
use nnhw_core::{Form, Statement, Value};

use super::{equations, name};

/// The numbers the two-weight network is given.
#[derive(Debug, Clone, Copy)]
pub struct Numbers {
    /// The input.
    pub x: f64,
    /// The target.
    pub t: f64,
    /// The first weight.
    pub w1: f64,
    /// The second weight.
    pub w2: f64,
    /// The second unit's bias.
    pub b: f64,
}

/// The names a student may write the SGD update with: the update's own and more.
const NAMES: [&str; 11] = [
    "w_1",
    "w_2",
    "b",
    "eta",
    "x",
    "t",
    "y",
    "C",
    "(partialC)/(partialw_1)",
    "(partialC)/(partialw_2)",
    "(partialC)/(partialb)",
];

/// The network, its loss and its numbers.
fn setting(s: &mut Statement, n: &Numbers) {
    s.say("A small network has one ReLU unit and one sigmoid unit, two weights w₁ and w₂, and a bias b on the second unit. For an input x with target t it computes");
    s.display(equations(&[
        [("z_1", "z₁"), ("w_1*x", "w₁x")],
        [("a_1", "a₁"), ("ReLU(z_1)", "ReLU(z₁)")],
        [("z_2", "z₂"), ("w_2*a_1+b", "w₂a₁ + b")],
        [("y", "y"), ("sigma(z_2)", "σ(z₂)")],
    ]));
    s.paragraph([words("and its loss is")]);
    s.display(equations(&[[("C", "C"), ("1/2*(y-t)^2", "½(y − t)²")]]));
    s.paragraph([
        words("where "),
        math("ReLU(z)", "ReLU(z)"),
        words(" = "),
        math("max(0,z)", "max(0, z)"),
        words(" (its derivative at 0 taken as 0) and "),
        math("sigma(z)", "σ(z)"),
        words(" = "),
        math("1/(1+e^(-z))", "1/(1 + e^(−z))"),
        words("."),
    ]);
    let mut numbers: Vec<Inline> = vec![words("The numbers are ")];
    let all = [
        (name("t"), n.t),
        (name("x"), n.x),
        (math("w_1", "w₁"), n.w1),
        (math("w_2", "w₂"), n.w2),
        (name("b"), n.b),
    ];
    let last = all.len() - 1;
    for (i, (symbol, value)) in all.into_iter().enumerate() {
        numbers.push(symbol);
        numbers.push(words(" = "));
        numbers.push(given(Value::Number(value)));
        numbers.push(words(match i {
            _ if i == last => ".",
            _ if i + 1 == last => " and ",
            _ => ", ",
        }));
    }
    s.paragraph(numbers);
}

/// 3.4: the loss and its three gradients.
pub fn simple_network(n: &Numbers) -> Statement {
    let mut s = Statement::default();
    setting(&mut s, n);
    s.say("Compute the loss C and its derivatives ∂C/∂w₁, ∂C/∂w₂ and ∂C/∂b at these numbers.");
    s.prompt("loss", "What is the loss C?", Form::Number);
    s.prompt("dC_dw1", "What is ∂C/∂w₁?", Form::Number);
    s.prompt("dC_dw2", "What is ∂C/∂w₂?", Form::Number);
    s.prompt("dC_db", "What is ∂C/∂b?", Form::Number);
    s
}

/// 3.5: the update rule, w₁ after one step and the loss after every step.
pub fn sgd(n: &Numbers, eta: f64, steps: u64) -> Statement {
    let mut s = Statement::default();
    setting(&mut s, n);
    let steps_said = count(steps as usize, "step", "steps");
    s.paragraph([
        words("Train "),
        math("w_1", "w₁"),
        words(", "),
        math("w_2", "w₂"),
        words(" and "),
        name("b"),
        words(" by stochastic gradient descent on this one example with learning rate "),
        math("eta", "η"),
        words(" = "),
        given(Value::Number(eta)),
        words(format!(
            ", for {steps_said} from the numbers above (the first unit has no bias to train)."
        )),
    ]);
    // What to give is in the prompts: a spec asks those its key grades, so the prose
    // names none of them.
    s.prompt(
        "update_rule",
        "What is the SGD update of w₁: the new w₁ in terms of the current one?",
        Form::Formula(NAMES.map(String::from).to_vec()),
    );
    s.prompt("w1_next", "What is w₁ after one step?", Form::Number);
    let ask = if steps == 1 {
        "What is the loss C after the step?".to_string()
    } else {
        format!("What is the loss C after each of the {steps} steps, in order?")
    };
    s.prompt("loss_after", ask, Form::Numbers(steps as usize));
    s
}
