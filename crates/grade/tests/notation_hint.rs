//! Class 4: a wrong formula that uses names the question's notation lacks is told
//! which; the hint depends on the notation the prompt lists, never on the key.

mod common;

use common::answer;
use nnhw_core::{Form, Formula, Tolerance, Value};
use nnhw_grade::Verdict;
use nnhw_grade::judge_posed;

/// The SGD prompt's names (backprop.sgd).
const SGD: [&str; 11] = [
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

/// The backprop.formulas prompts' names, the same for all four answers.
const LAYERS: [&str; 19] = [
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

fn form(names: &[&str]) -> Form {
    Form::Formula(names.iter().map(|n| n.to_string()).collect())
}

/// The verdict and the hints for `typed`.
fn posed(formula: &Formula, names: &[&str], typed: &str) -> (Verdict, Vec<String>) {
    let judged = judge_posed(
        &answer(Value::Formula(formula.clone())),
        typed,
        &Tolerance::default(),
        Some(&form(names)),
    );
    (judged.verdict, judged.hints)
}

fn update() -> Formula {
    Formula::new(
        "w₁ ← w₁ − η·∂C/∂w₁",
        "w_1",
        "w_1-eta*(partialC)/(partialw_1)",
    )
}

fn output_delta() -> Formula {
    Formula::new(
        "δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)",
        "delta_j^L",
        "(partialC)/(partiala_j^L)*f'(z_j^L)",
    )
    .alias("sigma'", "f'")
}

fn hidden_delta() -> Formula {
    Formula::new(
        "δⱼˡ = Σₖ wₖⱼˡ⁺¹ δₖˡ⁺¹ · f′(zⱼˡ)",
        "delta_j^l",
        "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)",
    )
}

fn weight_gradient() -> Formula {
    Formula::new(
        "∂C/∂wⱼₖˡ = aₖˡ⁻¹ δⱼˡ",
        "(partialC)/(partialw_jk^l)",
        "a_k^(l-1)*delta_j^l",
    )
}

/// Asserts the verdict, and that the hints name exactly `outside` as outside the
/// notation (none when empty).
fn hinted(formula: &Formula, names: &[&str], typed: &str, verdict: Verdict, outside: &[&str]) {
    let (got, hints) = posed(formula, names, typed);
    assert_eq!(got, verdict, "{typed}: {hints:?}");
    let hint = hints.iter().find(|h| h.contains("notation"));
    if outside.is_empty() {
        assert!(hint.is_none(), "{typed}: {hints:?}");
        return;
    }
    let hint = hint.cloned().unwrap_or_default();
    assert!(!hint.is_empty(), "{typed}: no notation hint in {hints:?}");
    for name in outside {
        assert!(hint.contains(&format!("`{name}`")), "{typed}: {hint}");
    }
    assert_eq!(
        hint.matches('`').count(),
        2 * outside.len(),
        "{typed}: {hint}"
    );
}

#[test]
fn names_outside_the_notation_are_named_in_a_wrong_formula() {
    let sgd = update();
    hinted(&sgd, &SGD, "w1 - lr*dC/dw1", Verdict::Wrong, &["lr"]);
    hinted(
        &sgd,
        &SGD,
        "w_1 - alpha*grad",
        Verdict::Wrong,
        &["α", "grad"],
    );
    hinted(&sgd, &SGD, "w_1 - eta*g_1", Verdict::Wrong, &["g_1"]);
    hinted(
        &sgd,
        &SGD,
        "w_1 = w_1 - lr*dC/dw_1",
        Verdict::Wrong,
        &["lr"],
    );
    let delta = output_delta();
    hinted(
        &delta,
        &LAYERS,
        "δ = (a_j^L − t_j) f′(z_j^L)",
        Verdict::Wrong,
        &["δ", "t_j"],
    );
    hinted(
        &delta,
        &LAYERS,
        "(a_j^L - y_j)*f'(z_j^L)",
        Verdict::Wrong,
        &["y_j"],
    );
    hinted(
        &delta,
        &LAYERS,
        "delta_j^L = (a_j^L - t_j)*sigma'(z_j^L)",
        Verdict::Wrong,
        &["t_j"],
    );
    hinted(
        &hidden_delta(),
        &LAYERS,
        "sum_k w_kj^(l+1)*d_k^(l+1)*f'(z_j^l)",
        Verdict::Wrong,
        &["d_k^(l+1)"],
    );
    // The weight with its indices the wrong way round is not the notation's either.
    hinted(
        &hidden_delta(),
        &LAYERS,
        "sum_k w_jk^(l+1)*delta_k^(l+1)*f'(z_j^l)",
        Verdict::Wrong,
        &["w_jk^(l+1)"],
    );
}

#[test]
fn names_of_the_notation_get_no_such_hint() {
    let sgd = update();
    // Wrong, but in the notation's names: nothing to say about names, whether or not
    // the key uses them (saying so would tell the key's names).
    hinted(&sgd, &SGD, "w_1 + eta*dC/dw_1", Verdict::Wrong, &[]);
    hinted(&sgd, &SGD, "w_2 - eta*dC/dw_2", Verdict::Wrong, &[]);
    hinted(&sgd, &SGD, "w_1 - eta*x*t", Verdict::Wrong, &[]);
    hinted(&sgd, &SGD, "w1 - η*∂C/∂w1", Verdict::Right, &[]);
    hinted(&sgd, &SGD, "w_1 - eta*dC/dw_1 + 0*lr", Verdict::Right, &[]);
    let delta = output_delta();
    hinted(
        &delta,
        &LAYERS,
        "(partialC)/(partiala_j^L)*f'(z_j^L)",
        Verdict::Right,
        &[],
    );
    hinted(
        &delta,
        &LAYERS,
        "dC/da_j^L * σ'(z_j^L)",
        Verdict::Right,
        &[],
    );
    hinted(&delta, &LAYERS, "a_j^L*f'(z_j^L)", Verdict::Wrong, &[]);
    hinted(&delta, &LAYERS, "a_k^(l-1)*delta_j^l", Verdict::Wrong, &[]);
    // A sum's index set to values is still the notation's name.
    hinted(
        &hidden_delta(),
        &LAYERS,
        "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)",
        Verdict::Right,
        &[],
    );
    hinted(
        &hidden_delta(),
        &LAYERS,
        "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^L)",
        Verdict::Wrong,
        &[],
    );
    hinted(
        &weight_gradient(),
        &LAYERS,
        "a_k^l*delta_j^l",
        Verdict::Wrong,
        &[],
    );
}

#[test]
fn the_hint_is_the_same_whatever_the_key() {
    // Two keys, one notation: a wrong answer is told the same about its names.
    let typed = "w_1 - lr*dC/dw_1 + t";
    let one = posed(&update(), &SGD, typed);
    let other = Formula::new(
        "w₂ ← w₂ − η·∂C/∂w₂",
        "w_1",
        "w_2-eta*(partialC)/(partialw_2)",
    );
    let two = posed(&other, &SGD, typed);
    assert_eq!(one, two);
    assert_eq!(one.0, Verdict::Wrong);
    // Without the prompt's form, nothing is said about names.
    let judged = nnhw_grade::judge(
        &answer(Value::Formula(update())),
        "w1 - lr*dC/dw1",
        &Tolerance::default(),
    );
    assert_eq!(judged.verdict, Verdict::Wrong);
    assert!(judged.hints.iter().all(|h| !h.contains("notation")));
}
