//! Whether two formulas are the same function, judged at sampled points as edX's formula
//! grader does, but over a domain that a formula agreeing only on part of it cannot pass:
//! every variable is tried at 0, at integers, and at magnitudes from 0.01 to 1000 with
//! both signs; each abstract function (f′, g) is a fresh random smooth function at every
//! point. An answer is accepted only if it agrees at every point where the reference is
//! defined, within the floating-point error of the two evaluations ([`crate::eval`]).

use crate::eval::{Approx, Point, eval, splitmix};
use crate::expr::{Expr, Parsed};

/// How a formula compares with the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Equal at every point tried.
    Same,
    /// Different at some point.
    Differs,
    /// The reference is defined at too few of the points tried to judge.
    Undecided,
}

/// Random points tried after the fixed ones (zeros, then small integers).
const RANDOM_POINTS: usize = 90;
/// Points with every variable a small integer.
const INTEGER_POINTS: usize = 8;
/// Fewest points where both formulas are determined for a verdict.
const MIN_JUDGED: usize = 16;
/// A point is judged only where both error bounds stay below this, relative to the
/// answer's size (at least 1): past it, rounding has eaten the digits that would tell the
/// formulas apart, and accepting within the bound would let `x + 1e16 − 1e16` pass.
const STABLE: f64 = 1e-11;
/// The most points, as a share of those where the answer is determined, at which the
/// given formula may be undetermined (overflowing) before it cannot be judged at all.
const UNDETERMINED_SHARE: f64 = 0.25;

/// Compares `given` (in `g`'s symbols) with `reference` (in `r`'s) as functions.
pub fn agree(g: &Parsed, given: &Expr, r: &Parsed, reference: &Expr) -> Agreement {
    let reference_names: Vec<&str> = r.names.iter().map(|s| s.key.as_str()).collect();
    let fixed = 1 + reference_names.len();
    let total = fixed + INTEGER_POINTS + RANDOM_POINTS;
    let mut g_values = vec![0.0; g.names.len()];
    let mut r_values = vec![0.0; r.names.len()];
    let g_functions: Vec<u64> = g.functions.iter().map(|s| hash(&s.key)).collect();
    let r_functions: Vec<u64> = r.functions.iter().map(|s| hash(&s.key)).collect();
    let (mut gf, mut rf) = (g_functions.clone(), r_functions.clone());
    let (mut judged, mut defined, mut undetermined) = (0usize, 0usize, 0usize);
    for sample in 0..total {
        // Point 0 has every variable 0; point 1 + j has the reference's j-th at 0.
        let zero = |key: &str| {
            sample == 0
                || (sample < fixed && reference_names.get(sample - 1).is_some_and(|k| *k == key))
        };
        let integer = (fixed..fixed + INTEGER_POINTS).contains(&sample);
        for (value, symbol) in g_values.iter_mut().zip(&g.names) {
            *value = if zero(&symbol.key) {
                0.0
            } else {
                draw(&symbol.key, sample, integer)
            };
        }
        for (value, symbol) in r_values.iter_mut().zip(&r.names) {
            *value = if zero(&symbol.key) {
                0.0
            } else {
                draw(&symbol.key, sample, integer)
            };
        }
        let salt = splitmix(sample as u64 ^ 0xF00D);
        for (seed, base) in gf.iter_mut().zip(&g_functions) {
            *seed = base ^ salt;
        }
        for (seed, base) in rf.iter_mut().zip(&r_functions) {
            *seed = base ^ salt;
        }
        let want = eval(
            reference,
            &Point {
                values: &r_values,
                functions: &rf,
            },
        );
        let scale = want.value.abs().max(1.0);
        if !(want.value.is_finite() && want.error <= STABLE * scale) {
            continue;
        }
        defined += 1;
        let got = eval(
            given,
            &Point {
                values: &g_values,
                functions: &gf,
            },
        );
        if got.value.is_nan() && got.error == 0.0 {
            // Undefined (outside a function's domain) where the answer is defined.
            return Agreement::Differs;
        }
        if !(got.value.is_finite() && got.error <= STABLE * scale) {
            // At 0 and the small integers no honest form overflows: a formula that cannot
            // be evaluated there is hiding something.
            if sample < fixed + INTEGER_POINTS {
                return Agreement::Undecided;
            }
            undetermined += 1;
            continue;
        }
        if !close(got, want) {
            return Agreement::Differs;
        }
        judged += 1;
    }
    if undetermined as f64 > UNDETERMINED_SHARE * defined as f64 || judged < MIN_JUDGED {
        Agreement::Undecided
    } else {
        Agreement::Same
    }
}

/// Within four times the two error bounds: the bounds are first-order, so the factor
/// covers what they leave out without letting a real difference through.
fn close(a: Approx, b: Approx) -> bool {
    (a.value - b.value).abs() <= 4.0 * (a.error + b.error) + f64::MIN_POSITIVE
}

/// The value of variable `key` at point `sample`: the same in both formulas, whatever
/// else they name. Random points cycle each variable through five bands (integers from
/// −6 to 6, then magnitudes in [0.01, 1), [1, 10), [10, 100), [100, 1000)), starting at
/// a band of its own, with a random sign, so every variable meets every scale often.
fn draw(key: &str, sample: usize, integer: bool) -> f64 {
    let seed = hash(key);
    let mut state = splitmix(seed ^ (sample as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut unit = || {
        state = splitmix(state);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let sign = if unit() < 0.5 { -1.0 } else { 1.0 };
    let u = unit();
    let band = if integer {
        0
    } else {
        (sample as u64).wrapping_add(seed % 5) % 5
    };
    match band {
        0 => (u * 13.0).floor() - 6.0,
        1 => sign * (0.01 + 0.99 * u),
        2 => sign * (1.0 + 9.0 * u),
        3 => sign * (10.0 + 90.0 * u),
        _ => sign * (100.0 + 900.0 * u),
    }
}

/// FNV-1a: a name's seed, the same on every machine.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Context, parse};

    fn same(a: &str, b: &str) -> Agreement {
        let r = parse(b, &Context::default()).unwrap();
        let g = parse(a, &Context::default()).unwrap();
        agree(&g, g.value(), &r, r.value())
    }

    #[test]
    fn formulas_match_as_functions() {
        let key = "e^(-z)/(1+e^(-z))^2";
        assert_eq!(same("sigmoid(z)*(1-sigmoid(z))", key), Agreement::Same);
        assert_eq!(same("σ(z)(1−σ(z))", key), Agreement::Same);
        assert_eq!(same("1/(1+e^-z) - 1/(1+e^-z)^2", key), Agreement::Same);
        assert_eq!(same("exp(-z)/(1+exp(-z))**2", key), Agreement::Same);
        assert_eq!(same("1-sigmoid(z)", key), Agreement::Differs);
        assert_eq!(
            same("sigmoid(z)*(1-sigmoid(z)) + floor(abs(z)/3)", key),
            Agreement::Differs
        );
        assert_eq!(
            same("sigmoid(z)*(1-sigmoid(z))*signum(z)^2", key),
            Agreement::Differs
        );
        assert_eq!(same(&format!("{key} + 1e-9"), key), Agreement::Differs);
        assert_eq!(same(&format!("({key})*(1+5e-8)"), key), Agreement::Differs);
        assert_eq!(same("f'(x)*z", "f'(z)*x"), Agreement::Differs);
        assert_eq!(same("z*f'(x)", "f'(x)*z"), Agreement::Same);
        assert_eq!(same("sqrt(x^2)", "x"), Agreement::Differs);
        assert_eq!(same("|x|", "sqrt(x^2)"), Agreement::Same);
        assert_eq!(
            same("σ(z)(1−σ(z)) + relu(sign(z-40))", key),
            Agreement::Differs
        );
        assert_eq!(
            same("σ(z)(1−σ(z)) + floor(relu(z)/300)", key),
            Agreement::Differs
        );
        assert_eq!(same("sech(z/2)^2/4", key), Agreement::Same);
        // Inflating the error bound makes a formula undecidable, never right.
        assert_eq!(same("1e16-1e16", key), Agreement::Undecided);
        assert_eq!(
            same("1-sigmoid(z) + 2^60 - 2^60", key),
            Agreement::Undecided
        );
        assert_eq!(
            same(
                "σ(z)(1−σ(z)) + floor(abs(z)/3) + 0/exp(1000*floor(abs(z)/3))",
                key
            ),
            Agreement::Undecided
        );
        assert_eq!(
            same(
                "sigmoid(z)*(1-sigmoid(z))*signum(z)^2 + 0/exp(1000-1000*abs(sign(z)))",
                key
            ),
            Agreement::Undecided
        );
        // A form that overflows only at the far end is still right.
        assert_eq!(same("e^z/(1+e^z)^2", key), Agreement::Same);
        assert_eq!(same("sqrt(z)^2", "z"), Agreement::Differs);
    }

    #[test]
    fn notation_folds_to_one_variable() {
        let key = "a_k^(l-1)*delta_j^l";
        for typed in [
            "delta_j^l*a_k^(l-1)",
            "a_k^{l-1} δ_j^l",
            "a^(l-1)_k*delta^l_j",
            "aₖˡ⁻¹·δⱼˡ",
            "a_{k}^{l-1}\\delta_{j}^{l}",
            "delta_j^(l) a_k^(l-1)",
        ] {
            assert_eq!(same(typed, key), Agreement::Same, "{typed}");
        }
        assert_eq!(same("a_k^l*delta_j^l", key), Agreement::Differs);
        let rule = "w_1-eta*(partialC)/(partialw_1)";
        for typed in [
            "w1 - eta*dC/dw1",
            "w_1-η∂C/∂w_1",
            "w₁ − η·∂C/∂w₁",
            "w_1 - eta*(partial C)/(partial w_1)",
            "w_1 - eta*d C/d w_1",
            "w_1 - eta*(dC)/(dw_1)",
            "w_1 - eta (∂C/∂w_1)",
        ] {
            assert_eq!(same(typed, rule), Agreement::Same, "{typed}");
        }
    }
}
