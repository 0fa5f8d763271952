//! Whether two formulas are the same function, judged at sampled points as edX's formula
//! grader does, but over a domain that a formula agreeing only on part of it cannot pass.
//!
//! Every variable is tried at 0 (all together, and each of the answer's alone), at the
//! integers from −6 to 6, and at 192 points over the magnitudes 10⁻⁶ to 10⁶ on both
//! sides of 0: every eighth of a decade on each side holds a point of each variable,
//! each variable passing through the decades in an order of its own; and at 24 points
//! where every variable is in the same decade and sign (all large, all tiny, all
//! negative together). Sums run over layers of every width from 1 to
//! [`MAX_WIDTH`](crate::expr::MAX_WIDTH). Each abstract function (f′, g) is a fresh random
//! smooth function at every point. An answer is accepted only if it agrees, within the
//! floating-point error of the two evaluations ([`crate::arith`]), at every point where
//! the reference is determined, except where the given form itself cannot be evaluated
//! in double precision (it overflows, or rounding leaves none of its digits) far from 0:
//! such points are skipped, at most a third of them, and never where every variable is
//! within ±[`NEAR`].

use std::cell::RefCell;

use crate::arith::Approx;
use crate::eval::{Batch, constant, eval, hash, splitmix};
use crate::expr::{Expr, MAX_WIDTH, Parsed};

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

/// Bands of magnitude a variable passes through: a decade from 10⁻⁶ to 10⁶, each sign.
const BANDS: usize = 24;
/// How many times each variable visits each band, each time in another eighth of it.
const ROUNDS: usize = 8;
/// Points where every variable is a small integer.
const INTEGER_POINTS: usize = 12;
/// Fewest points where both formulas are determined for a verdict.
const MIN_JUDGED: usize = 16;
/// A point is judged only where both error bounds stay below this, relative to the
/// answer's size (at least 1): past it, rounding has eaten the digits that would tell the
/// formulas apart, and accepting within the bound would let `x + 1e16 − 1e16` pass.
const STABLE: f64 = 1e-11;
/// Where every variable is within this of 0, the given form must be determined wherever
/// the answer is: no honest form of an answer of this course loses its digits there.
pub const NEAR: f64 = 30.0;
/// The most points, as a share of those where the answer is determined, at which the
/// given formula may be undetermined (far from 0) before it cannot be judged at all.
const UNDETERMINED_SHARE: f64 = 1.0 / 3.0;

/// Compares `given` (read as `g`) with `reference` (read as `r`) as functions.
pub fn agree(g: &Parsed, given: &Expr, r: &Parsed, reference: &Expr) -> Agreement {
    if unstable_constant(given) {
        return Agreement::Undecided;
    }
    let zeros: Vec<&str> = r.names.iter().map(|s| s.key.as_str()).collect();
    let fixed = 1 + zeros.len();
    let total = fixed + INTEGER_POINTS + BANDS * ROUNDS + BANDS;
    // Which points have a variable far from 0, as the variables are drawn.
    let far = RefCell::new(vec![false; total]);
    let draw = |key: &str, sample: usize| {
        let x = value(key, sample, fixed, &zeros);
        if x.abs() > NEAR
            && let Some(f) = far.borrow_mut().get_mut(sample)
        {
            *f = true;
        }
        x
    };
    let seed = |key: u64, sample: usize| key ^ splitmix(sample as u64 ^ 0xF00D);
    let (mut judged, mut defined, mut undetermined) = (0usize, 0usize, 0usize);
    // A point near 0 where the given form cannot be evaluated: it cannot be judged,
    // unless it differs somewhere else.
    let mut hiding = false;
    // Points are evaluated in batches that share the width of the sums; without a sum,
    // all in one batch.
    let summed = given.has_sum() || reference.has_sum();
    let widths = if summed { 1..=MAX_WIDTH } else { 1..=1 };
    for width in widths {
        let samples: Vec<usize> = (0..total)
            .filter(|s| !summed || (*s as i64) % MAX_WIDTH + 1 == width)
            .collect();
        let batch = Batch {
            samples: &samples,
            width,
            draw: &draw,
            seed: &seed,
        };
        let want = eval(r, reference, &batch);
        let got = eval(g, given, &batch);
        for ((&sample, want), got) in samples.iter().zip(want).zip(got) {
            let scale = want.value.abs().max(1.0);
            if !want.is_stable(STABLE, scale) {
                continue;
            }
            defined += 1;
            if got.is_undefined() {
                // Undefined (outside a function's domain) where the answer is defined.
                return Agreement::Differs;
            }
            // A finite value farther from the answer than both bounds allow differs, however
            // loose its own bound: an inflated bound hides nothing it does not cover.
            if got.value.is_finite() && !close(got, want) {
                return Agreement::Differs;
            }
            if !got.is_stable(STABLE, scale) {
                hiding |= !far.borrow()[sample];
                undetermined += 1;
                continue;
            }
            judged += 1;
        }
    }
    if hiding || undetermined as f64 > UNDETERMINED_SHARE * defined as f64 || judged < MIN_JUDGED {
        Agreement::Undecided
    } else {
        Agreement::Same
    }
}

/// Whether a part of `e` without variables, worked out, has lost its digits to rounding
/// (`1 + 1e20 − 1e20`) or overflowed: such a constant can hide anything it multiplies.
fn unstable_constant(e: &Expr) -> bool {
    let (variable, bad) = constants(e);
    bad || (!variable && unstable(e))
}

/// Whether `e`, with no variables, has lost its digits or overflowed.
fn unstable(e: &Expr) -> bool {
    let c = constant(e);
    !c.is_undefined() && !e.names_infinity() && !c.is_stable(STABLE, c.value.abs().max(1.0))
}

/// Whether `e` has variables, and whether a maximal part of it without them is unstable:
/// in one pass up the tree (asking each node whether it has variables is quadratic).
fn constants(e: &Expr) -> (bool, bool) {
    let (children, own): (Vec<&Expr>, bool) = match e {
        Expr::Var(_) | Expr::Indexed(_) | Expr::Index(_) => return (true, false),
        Expr::Num { .. } | Expr::Const(_) => return (false, false),
        Expr::Neg(a) => (vec![a], false),
        Expr::Bin(_, a, b) => (vec![a, b], false),
        Expr::Call(_, args) => (args.iter().collect(), false),
        // An abstract function, and a sum's terms, vary even with constant arguments.
        Expr::Apply(_, args) => (args.iter().collect(), true),
        Expr::Sum { body, .. } => (vec![body], true),
    };
    let found: Vec<(bool, bool)> = children.iter().map(|c| constants(c)).collect();
    if !own && !found.iter().any(|(v, _)| *v) {
        return (false, false);
    }
    // A child without variables under one with them is a maximal constant: judged whole.
    let bad = children
        .iter()
        .zip(&found)
        .any(|(c, (v, b))| *b || (!v && unstable(c)));
    (true, bad)
}

/// Within four times the two error bounds: the bounds are rigorous to first order, and
/// the factor covers what they leave out without letting a real difference through.
fn close(a: Approx, b: Approx) -> bool {
    // An error bound that is nan (∞ · 0 on the way) bounds nothing: no proof of a
    // difference.
    let bound = 4.0 * (a.error + b.error);
    bound.is_nan() || (a.value - b.value).abs() <= bound + f64::MIN_POSITIVE
}

/// The value of variable `key` at point `sample`: the same in both formulas, whatever
/// else they name. Point 0 has every variable 0 and point 1 + j the answer's j-th; then
/// come the integer points, then rounds of [`BANDS`] points in which each variable visits
/// every band once, in an order of its own for each round, then one point per band with
/// every variable in that band.
fn value(key: &str, sample: usize, fixed: usize, zeros: &[&str]) -> f64 {
    if sample == 0 || (sample < fixed && zeros.get(sample - 1) == Some(&key)) {
        return 0.0;
    }
    let seed = hash(key);
    let mut state = splitmix(seed ^ (sample as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut unit = || {
        state = splitmix(state);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    if (fixed..fixed + INTEGER_POINTS).contains(&sample) {
        return (unit() * 13.0).floor() - 6.0;
    }
    let random = fixed + INTEGER_POINTS;
    let (band, eighth) = if sample >= random + BANDS * ROUNDS {
        // Last, one point per band with every variable in it together: all large, all
        // tiny, all negative.
        let band = (sample - random - BANDS * ROUNDS) % BANDS;
        (band, (unit() * 8.0) as usize % 8)
    } else {
        let r = sample % (BANDS * ROUNDS);
        let (round, k) = (r / BANDS, r % BANDS);
        // An affine permutation of the bands, drawn for this variable and round.
        const UNITS: [usize; 8] = [1, 5, 7, 11, 13, 17, 19, 23];
        let shuffle = splitmix(seed ^ (round as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let band = (k * UNITS[(shuffle % 8) as usize] + (shuffle >> 8) as usize) % BANDS;
        (band, round)
    };
    let (sign, decade) = if band < BANDS / 2 {
        (1.0, band)
    } else {
        (-1.0, band - BANDS / 2)
    };
    // A round puts every variable in its own eighth of the decade, so each stretch of an
    // eighth of a decade (a factor 1.334) on each side of 0 holds a point of each
    // variable. Powers of ten come from tables, the mantissa by multiplication: the same
    // on every machine, as libm's powf need not be.
    const DECADES: [f64; 12] = [
        1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
    ];
    const EIGHTHS: [f64; 9] = [
        1.0,
        1.333_521_432_163_324,
        1.778_279_410_038_923,
        2.371_373_705_661_655,
        3.162_277_660_168_38,
        4.216_965_034_285_822,
        5.623_413_251_903_491,
        7.498_942_093_324_558,
        10.0,
    ];
    let (lo, hi) = (EIGHTHS[eighth], EIGHTHS[eighth + 1]);
    sign * DECADES[decade] * (lo + (hi - lo) * unit())
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
