//! Formulas judged as functions: sums with their bounds, the whole sampled domain, error
//! bounds that cannot be inflated into a pass, and right forms that lose digits far out.
//! Each class holds several members of our own beside the ones an attack found.

use nnhw_core::{Answer, Formula, Tolerance, Value};
use nnhw_grade::{Verdict, judge};

fn formula(lhs: &str, ascii: &str) -> Answer {
    answer(Formula::new("", lhs, ascii))
}

/// A formula of a network whose every layer is a sigmoid: there f′ is σ′.
fn in_sigmoid_network(lhs: &str, ascii: &str) -> Answer {
    answer(Formula::new("", lhs, ascii).alias("sigma'", "f'"))
}

fn answer(formula: Formula) -> Answer {
    Answer {
        name: "f".into(),
        value: Value::Formula(formula),
        exact: None,
        hints: Vec::new(),
    }
}

fn all(answer: &Answer, typed: &[&str], want: Verdict) {
    for t in typed {
        let judged = judge(answer, t, &Tolerance::default());
        assert_eq!(judged.verdict, want, "{t}: {}", judged.detail);
    }
}

/// Never right: wrong, or refused as unjudgeable.
fn never_right(answer: &Answer, typed: &[&str]) {
    for t in typed {
        let judged = judge(answer, t, &Tolerance::default());
        assert_ne!(judged.verdict, Verdict::Right, "{t}: {}", judged.detail);
    }
}

fn hidden_error() -> Answer {
    in_sigmoid_network("delta_j^l", "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)")
}

/// As the solver writes it: σ(z)(1 − σ(z)) is determined at every z.
fn sigmoid_slope() -> Answer {
    formula("sigmoid'(z)", "sigmoid(z)*(1-sigmoid(z))")
}

#[test]
fn a_sum_honours_its_bounds() {
    let key = hidden_error();
    all(
        &key,
        &[
            "Σ_k w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{n} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "sum_{k=1}^N w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)",
            "Σ_(k=1)^(n) w_kj^(l+1) δ_k^(l+1) σ'(z_j^l)",
            "f'(z_j^l) Σ_i w_ij^(l+1) δ_i^(l+1)",
        ],
        Verdict::Right,
    );
    all(
        &key,
        &[
            // A term missing at either end, or one too many.
            "Σ_{k=2}^{n} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{n-1} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{n+1} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=0}^{n} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            // A fixed number of terms, where the layer has n units.
            "Σ_{k=1}^{3} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{2} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "(w_1j^(l+1) δ_1^(l+1) + w_2j^(l+1) δ_2^(l+1) + w_3j^(l+1) δ_3^(l+1)) f'(z_j^l)",
            "w_1j^(l+1) δ_1^(l+1) f'(z_j^l)",
            // The index in the wrong place, or a sum over j as well.
            "Σ_k w_jk^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_k w_kj^(l+1) δ_k^(l+1) f'(z_k^l)",
        ],
        Verdict::Wrong,
    );
    all(
        &key,
        &[
            "Σ_{k=1}^{2n} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{1000} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{k} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{n*m} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            // A bound must be n: j, l and L are indices of the formula.
            "Σ_{k=1}^{j} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{L} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{(n)(2)} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1}^{3,5} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
            "Σ_{k=1,0}^{n} w_kj^(l+1) δ_k^(l+1) f'(z_j^l)",
        ],
        Verdict::Unusable,
    );
}

#[test]
fn the_index_of_a_sum_is_a_value_too() {
    let key = formula("s", "sum_k k*x_k");
    all(&key, &["Σ_{i=1}^{n} i x_i", "Σ_k x_k k"], Verdict::Right);
    all(&key, &["Σ_k x_k", "Σ_k (k+1) x_k"], Verdict::Wrong);
}

#[test]
fn nested_sums_are_refused_before_they_are_written_out() {
    let key = hidden_error();
    let nested = "Σ_a Σ_b Σ_c Σ_d Σ_e Σ_g Σ_h Σ_i x_abcdeghi";
    let judged = judge(&key, nested, &Tolerance::default());
    assert_eq!(judged.verdict, Verdict::Unusable);
    let said = format!("{} {}", judged.detail, judged.caret.unwrap_or_default());
    assert!(said.contains("too many"), "{said}");
}

#[test]
fn a_difference_anywhere_in_the_domain_is_seen() {
    let key = sigmoid_slope();
    all(
        &key,
        &[
            "σ(z)(1−σ(z)) + floor(relu(z)/990)",
            "σ(z)(1−σ(z)) + floor(relu(-z)/200)",
            "σ(z)(1−σ(z)) + relu(sign(z - 237)) - relu(sign(z - 316))",
            "σ(z)(1−σ(z)) + floor(|z|/20000)",
            "σ(z)(1−σ(z)) + relu(sign(z-700))",
            "σ(z)(1−σ(z)) + relu(sign(z-16)) - relu(sign(z-56))",
            "σ(z)(1−σ(z)) + relu(sign(0.005-|z|))",
            "σ(z)(1−σ(z)) + 1e-9*relu(sign(|z| - 3e4))",
            "σ(z)(1−σ(z)) + relu(sign(-z - 300))",
            "σ(z)(1−σ(z)) + relu(sign(-z - 5000))",
        ],
        Verdict::Wrong,
    );
    // Two variables large and small together.
    let key = formula("(partialC)/(partialw_jk^l)", "a_k^(l-1)*delta_j^l");
    all(
        &key,
        &[
            "a_k^(l-1) δ_j^l + relu(sign(|a_k^(l-1)| - 100)) relu(sign(0.01 - |δ_j^l|))",
            "a_k^(l-1) δ_j^l (1 + relu(sign(a_k^(l-1) - 1000)) relu(sign(-δ_j^l - 1000)))",
        ],
        Verdict::Wrong,
    );
    // Several variables beyond a bound together, of the question or not.
    let key = formula("(partialC)/(partialb_j^l)", "delta_j^l");
    all(
        &key,
        &[
            "δ_j^l + relu(sign(x1-7))*relu(sign(x2-7))*relu(sign(x3-7))",
            "δ_j^l*(1+relu(sign(δ_j^l-7))*relu(sign(a_k^(l-1)-7))*relu(sign(z_j^l-7))*relu(sign(w_jk^l-7)))",
            "δ_j^l + relu(sign(-x1-100))*relu(sign(-x2-100))*relu(sign(-x3-100))*relu(sign(-x4-100))",
            "δ_j^l + relu(sign(1e-3-|x1|))*relu(sign(1e-3-|x2|))*relu(sign(1e-3-|x3|))",
        ],
        Verdict::Wrong,
    );
    let key = formula("w_1", "w_1-eta*(partialC)/(partialw_1)");
    never_right(
        &key,
        &["w_1-eta*dC/dw_1+1e20*relu(sign(abs(eta)-31))*relu(sign(1-abs(w_1)))"],
    );
}

#[test]
fn an_inflated_error_bound_never_passes() {
    let key = sigmoid_slope();
    never_right(
        &key,
        &[
            "σ(z)(1−σ(z)) + floor(|z|/100)*(1 + 1e20 - 1e20)",
            "σ(z)(1−σ(z)) + floor(relu(z)/100)*(1 + 2^70 - 2^70)",
            "σ(z)(1−σ(z)) + floor(|z|/50)*(e^50 + 1 - e^50)",
            "σ(z)(1−σ(z)) * (1 + 1e17 - 1e17)",
            "σ(z)(1−σ(z)) + floor(|z|/5)*(1 + (1e9 z)^2 - (1e9 z)^2)",
            // A value off by far more than its own loose bound, far from 0.
            "e^z*σ(-z)^2 + 1e5*relu(sign(|z| - 31))",
            "σ(z)(1−σ(z)) + 1e300*relu(sign(z - 40))",
            "e^z*σ(-z)^2 + 1e5*relu(sign(-z - 31))",
            "σ(z)(1−σ(z)) + floor(|z|/3)*(1 + 1e300*1e300 - 1e300*1e300)",
            // A function that underflows to 0 where it is not 0.
            "σ(z)(1-σ(z))*(1+ceil(sech(800)))",
            "σ(z)(1-σ(z))+sign(sech(800+z^2))",
            "σ(z)(1-σ(z))+sign(csch(800+z^2))",
            "σ(z)(1-σ(z))*(1+ceil(sin(sech(800))))",
            "σ(z)(1-σ(z))*(1+ceil(sech(z)*sech(800)))",
            // Powers with no value.
            "σ(z)(1-σ(z))*1^∞",
            "σ(z)(1-σ(z))*∞^0",
        ],
    );
}

#[test]
fn right_forms_that_lose_digits_far_out_are_right() {
    let key = sigmoid_slope();
    all(
        &key,
        &[
            "e^z·σ(−z)²",
            "(1−σ(z))²·e^z",
            "(1−σ(z))(1−σ(z))e^z",
            "σ(z)σ(−z)",
            "e^z/(1+e^z)^2",
            "σ(z)^2 e^(-z)",
            "1/(2 + 2cosh(z))",
            "1/(4cosh(z/2)^2)",
            "(1/(1+e^-z))*(1-1/(1+e^-z))",
            "σ(z) - σ(z)^2",
        ],
        Verdict::Right,
    );
}

#[test]
fn in_a_sigmoid_network_f_prime_is_the_sigmoid_slope() {
    let key = in_sigmoid_network("delta_j^L", "(partialC)/(partiala_j^L)*f'(z_j^L)");
    all(
        &key,
        &[
            "dC/da_j^L * f'(z_j^L)",
            "dC/da_j^L * σ'(z_j^L)",
            "dC/da_j^L * σ(z_j^L)(1-σ(z_j^L))",
            "∂C/∂a_j^L · e^(-z_j^L)/(1+e^(-z_j^L))^2",
        ],
        Verdict::Right,
    );
    all(
        &key,
        &[
            "dC/da_j^L * σ(z_j^L)",
            "dC/da_j^L * (1-σ(z_j^L))",
            "dC/da_j^L * f(z_j^L)",
            "dC/da_j^L * tanh'(z_j^L)",
        ],
        Verdict::Wrong,
    );
    // Elsewhere σ′ is what is asked for: naming it is no answer.
    never_right(&sigmoid_slope(), &["σ'(z)", "sigmoid'(z)", "f'(z)"]);
}

#[test]
fn a_derivative_the_question_defines_is_its_name() {
    let defined = |lhs: &str, ascii: &str| {
        answer(Formula::new("", lhs, ascii).alias("(partialC)/(partialz)", "delta"))
    };
    let weight = defined("(partialC)/(partialw_jk^l)", "a_k^(l-1)*delta_j^l");
    all(
        &weight,
        &[
            "a_k^(l-1) * dC/dz_j^l",
            "∂C/∂z_j^l · a_k^(l-1)",
            "a_k^(l-1) (∂C)/(∂z_j^l)",
            "a_k^(l-1) d C / d z_j^l",
            "a_k^(l-1) δ_j^l",
        ],
        Verdict::Right,
    );
    all(
        &weight,
        &[
            "a_k^(l-1) * dC/dz_k^l",
            "a_k^(l-1) * dC/da_j^l",
            "∂C/∂z_j^l / a_k^(l-1)",
            "a_k^l * dC/dz_j^l",
        ],
        Verdict::Wrong,
    );
    let bias = defined("(partialC)/(partialb_j^l)", "delta_j^l");
    all(&bias, &["∂C/∂z_j^l", "dC/dz_j^l"], Verdict::Right);
    all(&bias, &["∂C/∂z_j^(l+1)", "∂C/∂a_j^l"], Verdict::Wrong);
    // Without the definition, ∂C/∂z is two names, not δ.
    let plain = formula("(partialC)/(partialb_j^l)", "delta_j^l");
    never_right(&plain, &["∂C/∂z_j^l"]);
}

#[test]
fn every_greek_letter_is_echoed_as_itself() {
    let key = formula("y", "x");
    for (typed, shown) in [
        ("γ x", "γ"),
        ("gamma*x", "γ"),
        ("η x", "η"),
        ("ω_k x", "ω_k"),
        ("ϵ x", "ε"),
    ] {
        let judged = judge(&key, typed, &Tolerance::default());
        let read = judged.read_as.unwrap_or_default();
        assert!(read.contains(shown), "{typed}: read as {read}");
    }
}

#[test]
fn a_product_that_underflows_is_no_proof_of_a_difference() {
    let key = in_sigmoid_network("delta_j^L", "(partialC)/(partiala_j^L)*f'(z_j^L)");
    all(
        &key,
        &[
            "∂C/∂a_j^L*(f'(z_j^L)*f'(z_j^L))/f'(z_j^L)",
            "∂C/∂a_j^L*f'(z_j^L)^2/f'(z_j^L)",
            "f'(z_j^L)^2*∂C/∂a_j^L/f'(z_j^L)",
            "∂C/∂a_j^L*σ'(z_j^L)^2/σ'(z_j^L)",
        ],
        Verdict::Right,
    );
}
