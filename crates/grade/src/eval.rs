//! Evaluating an expression together with a bound on its floating-point error.
//!
//! Each operation carries (value, error bound) forward by first-order error analysis
//! (the running error bound of Wilkinson): a + b adds the operands' errors and half an
//! ulp of the result, a·b weighs each error by the other operand, f(a) weighs a's error
//! by |f′(a)|, and so on. Two formulas then agree at a point when they differ by no more
//! than their bounds allow, which is tight where they are well-conditioned (a constant
//! 1e-9 or a factor 1 + 5e-8 shows) and loose only where cancellation really loses digits.
//! Functions with jumps (floor, sign) get an error of the jump when the argument is
//! within its own error of one, so they are judged only where they are determined.

use nnhw_core::numerics::sigmoid;

use crate::expr::{Expr, Op};

/// A value and a bound on its absolute error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Approx {
    /// The value computed.
    pub value: f64,
    /// |value − exact| is at most this (to first order).
    pub error: f64,
}

/// Unit roundoff of f64: one rounding is within this relative error.
const U: f64 = f64::EPSILON / 2.0;
/// A library function (exp, ln, sin) is within a couple of ulps.
const LIB: f64 = 2.0 * f64::EPSILON;

/// Where an expression is evaluated: its variables' values and, for each abstract
/// function, a random smooth stand-in drawn from `seed`.
pub struct Point<'a> {
    /// Values of [`crate::expr::Parsed::names`], by index.
    pub values: &'a [f64],
    /// A seed for each of [`crate::expr::Parsed::functions`], by index; the same function
    /// name gets the same seed in both formulas compared.
    pub functions: &'a [u64],
}

/// The value of `e` at `point`, with its error bound.
pub fn eval(e: &Expr, point: &Point<'_>) -> Approx {
    match e {
        Expr::Num { value, exact } => Approx {
            value: *value,
            error: if *exact { 0.0 } else { U * value.abs() },
        },
        Expr::Const(c) => {
            let value = c.value();
            let error = if value.is_finite() { U * value } else { 0.0 };
            Approx { value, error }
        }
        Expr::Var(i) => Approx {
            value: point.values.get(*i).copied().unwrap_or(f64::NAN),
            error: 0.0,
        },
        Expr::Neg(a) => {
            let a = eval(a, point);
            Approx {
                value: -a.value,
                error: a.error,
            }
        }
        Expr::Bin(op, a, b) => {
            let (a, b) = (eval(a, point), eval(b, point));
            if is_undefined(a) || is_undefined(b) {
                return undefined();
            }
            binary(*op, a, b)
        }
        Expr::Call(name, args) => {
            let a = eval(&args[0], point);
            let b = args.get(1).map(|b| eval(b, point));
            if is_undefined(a) || b.is_some_and(is_undefined) {
                return undefined();
            }
            match b {
                Some(b) => two(name, a, b),
                None => call(name, a),
            }
        }
        Expr::Apply(f, args) => {
            let args: Vec<Approx> = args.iter().map(|a| eval(a, point)).collect();
            if args.iter().any(|a| is_undefined(*a)) {
                return undefined();
            }
            let seed = point.functions.get(*f).copied().unwrap_or(0);
            abstract_function(seed, &args)
        }
        Expr::Sum { expanded, .. } => eval(expanded, point),
    }
}

fn rounded(value: f64, error: f64) -> Approx {
    Approx {
        value,
        error: error + U * value.abs(),
    }
}

fn binary(op: Op, a: Approx, b: Approx) -> Approx {
    match op {
        Op::Add => rounded(a.value + b.value, a.error + b.error),
        Op::Sub => rounded(a.value - b.value, a.error + b.error),
        Op::Mul => rounded(
            a.value * b.value,
            a.value.abs() * b.error + b.value.abs() * a.error + a.error * b.error,
        ),
        Op::Div => {
            let value = a.value / b.value;
            let margin = b.value.abs() - b.error;
            let error = if margin > 0.0 {
                (a.error + value.abs() * b.error) / margin
            } else {
                f64::INFINITY
            };
            rounded(value, error)
        }
        Op::Pow => power(a, b),
    }
}

fn power(a: Approx, b: Approx) -> Approx {
    let value = a.value.powf(b.value);
    if value.is_nan() && a.value.is_finite() && b.value.is_finite() {
        return undefined();
    }
    let base = if a.error == 0.0 {
        0.0
    } else {
        (b.value * a.value.powf(b.value - 1.0)).abs() * a.error
    };
    let exponent = if b.error == 0.0 {
        0.0
    } else {
        (value * a.value.abs().ln()).abs() * b.error
    };
    Approx {
        value,
        error: base + exponent + LIB * value.abs(),
    }
}

/// Outside a function's domain (√−1, ln −1, (−8)^0.5): nan with no uncertainty, which
/// tells it apart from an overflow, whose error bound is infinite.
fn undefined() -> Approx {
    Approx {
        value: f64::NAN,
        error: 0.0,
    }
}

/// Whether a value is [`undefined`]; what is computed from it is undefined too.
fn is_undefined(a: Approx) -> bool {
    a.value.is_nan() && a.error == 0.0
}

/// f(a) with |f′(a)| given: the argument's error carried through, plus the library's own.
fn smooth(value: f64, slope: f64, a: Approx) -> Approx {
    if value.is_nan() && a.value.is_finite() && a.error.is_finite() {
        return undefined();
    }
    let carried = if a.error == 0.0 {
        0.0
    } else {
        slope.abs() * a.error
    };
    Approx {
        value,
        error: carried + LIB * value.abs(),
    }
}

/// A function with jumps at the integers plus `offset`: determined only away from them.
fn stepped(value: f64, a: Approx, offset: f64, jump: f64) -> Approx {
    let shifted = a.value - offset;
    let distance = (shifted - shifted.round()).abs();
    Approx {
        value,
        error: if a.error > 0.0 && distance <= a.error {
            jump
        } else {
            0.0
        },
    }
}

fn call(name: &str, a: Approx) -> Approx {
    let x = a.value;
    match name {
        "exp" => {
            let v = x.exp();
            smooth(v, v, a)
        }
        "ln" | "log" => smooth(x.ln(), 1.0 / x, a),
        "log10" => smooth(x.log10(), 1.0 / (x * std::f64::consts::LN_10), a),
        "log2" => smooth(x.log2(), 1.0 / (x * std::f64::consts::LN_2), a),
        "sqrt" => {
            let v = x.sqrt();
            smooth(v, 0.5 / v, a)
        }
        "cbrt" => {
            let v = x.cbrt();
            smooth(v, 1.0 / (3.0 * v * v), a)
        }
        "sin" => smooth(x.sin(), 1.0, a),
        "cos" => smooth(x.cos(), 1.0, a),
        "tan" => {
            let v = x.tan();
            smooth(v, 1.0 + v * v, a)
        }
        "tanh" => {
            let v = x.tanh();
            smooth(v, 1.0 - v * v, a)
        }
        "sinh" => smooth(x.sinh(), x.cosh(), a),
        "sech" => {
            let v = 1.0 / x.cosh();
            smooth(v, v * x.tanh(), a)
        }
        "csch" => {
            let v = 1.0 / x.sinh();
            smooth(v, v / x.tanh(), a)
        }
        "coth" => {
            let v = 1.0 / x.tanh();
            smooth(v, 1.0 - v * v, a)
        }
        "sec" => {
            let v = 1.0 / x.cos();
            smooth(v, v * x.tan(), a)
        }
        "csc" => {
            let v = 1.0 / x.sin();
            smooth(v, v / x.tan(), a)
        }
        "cot" => {
            let v = 1.0 / x.tan();
            smooth(v, 1.0 + v * v, a)
        }
        "softplus" => {
            // ln(1 + e^x), computed without overflow.
            let v = x.max(0.0) + (-x.abs()).exp().ln_1p();
            smooth(v, sigmoid(x), a)
        }
        "cosh" => smooth(x.cosh(), x.sinh(), a),
        "asin" => smooth(x.asin(), 1.0 / (1.0 - x * x).sqrt(), a),
        "acos" => smooth(x.acos(), 1.0 / (1.0 - x * x).sqrt(), a),
        "atan" => smooth(x.atan(), 1.0 / (1.0 + x * x), a),
        "sigma" => {
            let v = sigmoid(x);
            smooth(v, v * (1.0 - v), a)
        }
        "relu" => Approx {
            value: x.max(0.0),
            error: a.error,
        },
        "abs" => Approx {
            value: x.abs(),
            error: a.error,
        },
        "floor" => stepped(x.floor(), a, 0.0, 1.0),
        "ceil" => stepped(x.ceil(), a, 0.0, 1.0),
        "round" => stepped(x.round(), a, 0.5, 1.0),
        // sign(x) jumps at 0 only.
        _ => {
            let value = if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            };
            Approx {
                value,
                error: if a.error > 0.0 && x.abs() <= a.error {
                    2.0
                } else {
                    0.0
                },
            }
        }
    }
}

fn two(name: &str, a: Approx, b: Approx) -> Approx {
    let value = if name == "min" {
        a.value.min(b.value)
    } else {
        a.value.max(b.value)
    };
    Approx {
        value,
        error: a.error.max(b.error),
    }
}

/// A smooth stand-in for a function the formula leaves abstract (f′, g):
/// g(x) = c₀ + Σ cᵢxᵢ + d·sin(Σ wᵢxᵢ + φ), its coefficients drawn from `seed`.
fn abstract_function(seed: u64, args: &[Approx]) -> Approx {
    let mut state = seed;
    let mut draw = |lo: f64, hi: f64| {
        state = splitmix(state);
        lo + (hi - lo) * ((state >> 11) as f64 / (1u64 << 53) as f64)
    };
    let c0 = draw(-2.0, 2.0);
    let d = draw(0.5, 2.0);
    let phi = draw(0.0, std::f64::consts::TAU);
    let (mut linear, mut phase, mut size) = (c0, phi, c0.abs() + d);
    let mut slopes = Vec::with_capacity(args.len());
    for a in args {
        let (c, w) = (draw(-2.0, 2.0), draw(0.5, 2.0));
        linear += c * a.value;
        phase += w * a.value;
        size += (c * a.value).abs() + (w * a.value).abs();
        slopes.push((c, w));
    }
    let value = linear + d * phase.sin();
    let carried: f64 = slopes
        .iter()
        .zip(args)
        .map(|(&(c, w), a)| (c + d * w * phase.cos()).abs() * a.error)
        .sum();
    Approx {
        value,
        error: carried + 4.0 * LIB * size,
    }
}

/// One step of SplitMix64: a portable way to turn a seed into coefficients.
pub fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
