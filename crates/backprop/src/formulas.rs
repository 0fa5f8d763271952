//! The formulas of backpropagation (3.1, 3.2, 3.3, 3.5), as Unicode for people and in the
//! ASCII notation students type, each with its left side. They are fixed text; what a
//! spec's network adds is the proof that the code implementing them (core's
//! `network`) agrees with finite
//! differences. Each comes with the wrong answers students are known to give.

use nnhw_core::{Formula, Report, Value};

/// An answer `name` with its known wrong answers (ASCII right sides) and what to say.
fn answer(r: &mut Report, name: &str, formula: Formula, wrong: &[(&str, &str)]) {
    let lhs = formula.lhs.clone();
    let aliases = formula.aliases.clone();
    r.answer(name, Value::Formula(formula), None);
    for (ascii, say) in wrong {
        let when = Formula {
            unicode: String::new(),
            ascii: ascii.to_string(),
            lhs: lhs.clone(),
            aliases: aliases.clone(),
        };
        r.hint(name, Value::Formula(when), *say);
    }
}

/// `sigma'` means `f'` when every layer is a sigmoid; δ is ∂C/∂z in every network.
fn in_network(formula: Formula, all_sigmoid: bool) -> Formula {
    let formula = defining_delta(formula);
    if all_sigmoid {
        formula.alias("sigma'", "f'")
    } else {
        formula
    }
}

/// δⱼˡ is defined as ∂C/∂zⱼˡ: written so, it is δ.
fn defining_delta(formula: Formula) -> Formula {
    formula.alias("(partialC)/(partialz)", "delta")
}

/// δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ) and δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ), componentwise.
pub fn deltas(r: &mut Report, all_sigmoid: bool) {
    let output = Formula::new(
        "δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)",
        "delta_j^L",
        "(partialC)/(partiala_j^L)*f'(z_j^L)",
    );
    answer(
        r,
        "delta_L",
        in_network(output, all_sigmoid),
        &[(
            "(partialC)/(partiala_j^L)",
            "δ is the derivative with respect to z, not a: the chain rule through a = f(z) adds a factor",
        )],
    );
    let hidden = Formula::new(
        "δⱼˡ = Σₖ wₖⱼˡ⁺¹ δₖˡ⁺¹ · f′(zⱼˡ)",
        "delta_j^l",
        "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)",
    );
    answer(
        r,
        "delta_l",
        in_network(hidden, all_sigmoid),
        &[(
            "sum_k w_jk^(l+1)*delta_k^(l+1)*f'(z_j^l)",
            "mind the order of the weight's indices: wₖⱼˡ⁺¹ connects unit j of layer l to unit k of layer l + 1",
        )],
    );
}

/// ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ and ∂C/∂bˡⱼ = δˡⱼ.
pub fn parameter_gradients(r: &mut Report) {
    answer(
        r,
        "dC_dw",
        defining_delta(Formula::new(
            "∂C/∂wⱼₖˡ = aₖˡ⁻¹ δⱼˡ",
            "(partialC)/(partialw_jk^l)",
            "a_k^(l-1)*delta_j^l",
        )),
        &[(
            "a_k^l*delta_j^l",
            "aₖˡ is this layer's activation: the weight wⱼₖˡ multiplies an activation of the layer before",
        )],
    );
    answer(
        r,
        "dC_db",
        defining_delta(Formula::new(
            "∂C/∂bⱼˡ = δⱼˡ",
            "(partialC)/(partialb_j^l)",
            "delta_j^l",
        )),
        &[],
    );
}

/// σ′(z) = e^−z/(1 + e^−z)² = σ(z)(1 − σ(z)). Answers are compared with the second form:
/// it can be evaluated at every z (0 ± 10⁻¹⁶ far out), where e^−z overflows below
/// z ≈ −354 and would leave the grader nothing to compare with there.
pub fn sigmoid_derivative(r: &mut Report) {
    answer(
        r,
        "sigmoid_derivative",
        Formula::new(
            "σ′(z) = e^(−z)/(1 + e^(−z))² = σ(z)·(1 − σ(z))",
            "sigmoid'(z)",
            "sigmoid(z)*(1-sigmoid(z))",
        ),
        &[(
            "1-sigmoid(z)",
            "1 − σ(z) is not σ′(z): differentiate σ(z) = 1/(1 + e^(−z)) with the chain rule",
        )],
    );
}

/// w₁ ← w₁ − η ∂C/∂w₁.
pub fn sgd_update(r: &mut Report) {
    answer(
        r,
        "update_rule",
        Formula::new(
            "w₁ ← w₁ − η·∂C/∂w₁",
            "w_1",
            "w_1-eta*(partialC)/(partialw_1)",
        ),
        &[(
            "w_1+eta*(partialC)/(partialw_1)",
            "a step along the gradient climbs the loss: SGD steps against it",
        )],
    );
}
