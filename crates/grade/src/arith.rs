//! Arithmetic on a value together with a bound on its floating-point error.
//!
//! Each operation carries (value, error bound) forward: a + b adds the operands' errors
//! and half an ulp of the result, a·b weighs each error by the other operand and keeps the
//! product of the two errors, and a function of an uncertain argument is bounded by its
//! values at both ends of the argument's interval (for the monotone ones), which is exact
//! rather than first-order, so `(1 − σ(z))²` and `(1 − σ(z))(1 − σ(z))` get the same bound.
//! A result that may have underflowed (a product, quotient, power or exponential below the
//! smallest normal number) carries the smallest subnormal in its error, so a value that
//! underflowed to 0 is not mistaken for an exact 0 when something large multiplies it. Functions with
//! jumps (floor, sign) get an error of the jump when the argument is within its own error
//! of one, so they are judged only where they are determined.

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`, `·`, or two factors side by side.
    Mul,
    /// `/`
    Div,
    /// `^` or `**`, right-associative.
    Pow,
}

/// A value and a bound on its absolute error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Approx {
    /// The value computed.
    pub value: f64,
    /// |value − exact| is at most this.
    pub error: f64,
}

/// Unit roundoff of f64: one rounding is within this relative error.
const U: f64 = f64::EPSILON / 2.0;
/// A library function (exp, ln, sin) is within a couple of ulps.
const LIB: f64 = 2.0 * f64::EPSILON;
/// What an underflow can lose: the smallest subnormal.
const TINY: f64 = f64::from_bits(1);

impl Approx {
    /// A number known exactly.
    pub fn exact(value: f64) -> Approx {
        Approx { value, error: 0.0 }
    }

    /// A number rounded once on the way in.
    pub fn rounded(value: f64) -> Approx {
        Approx {
            value,
            error: U * value.abs(),
        }
    }

    /// Outside a function's domain (√−1, ln −1, (−8)^0.5): nan with no uncertainty, which
    /// tells it apart from an overflow, whose error bound is infinite.
    pub fn undefined() -> Approx {
        Approx {
            value: f64::NAN,
            error: 0.0,
        }
    }

    /// Whether this is [`Approx::undefined`]; what is computed from it is undefined too.
    pub fn is_undefined(self) -> bool {
        self.value.is_nan() && self.error == 0.0
    }

    /// Whether its digits are known to `relative` of `scale`.
    pub fn is_stable(self, relative: f64, scale: f64) -> bool {
        self.value.is_finite() && self.error <= relative * scale
    }
}

/// A result carried `error` from its operands, and its own rounding `lost` (exactly
/// known for + − × ÷, or U·|value| where it is not).
fn rounded(value: f64, error: f64, lost: f64) -> Approx {
    Approx {
        value,
        error: error
            + if lost.is_finite() {
                lost.abs()
            } else {
                U * value.abs()
            },
    }
}

/// x·y for terms of an error bound: an exact 0 times an infinite bound is 0, not nan,
/// and a product of two nonzero terms never underflows to 0 (a bound rounds up).
fn times(x: f64, y: f64) -> f64 {
    if x == 0.0 || y == 0.0 {
        0.0
    } else {
        (x * y).max(TINY)
    }
}

/// What rounding `a + b` to `sum` lost, exactly (Knuth's TwoSum).
fn sum_lost(a: f64, b: f64, sum: f64) -> f64 {
    let b_part = sum - a;
    (a - (sum - b_part)) + (b - b_part)
}

/// `a` with what an underflow can lose, when its value is below the normal numbers; for
/// results that are not exact there (a product of two nonzero numbers, exp).
pub fn underflow(a: Approx) -> Approx {
    if a.value.abs() < f64::MIN_POSITIVE {
        Approx {
            value: a.value,
            error: a.error + TINY,
        }
    } else {
        a
    }
}

/// `a op b`.
pub fn binary(op: Op, a: Approx, b: Approx) -> Approx {
    if a.is_undefined() || b.is_undefined() {
        return Approx::undefined();
    }
    match op {
        Op::Add | Op::Sub => {
            let b_value = if op == Op::Add { b.value } else { -b.value };
            let sum = a.value + b_value;
            rounded(sum, a.error + b.error, sum_lost(a.value, b_value, sum))
        }
        Op::Mul => {
            let value = a.value * b.value;
            // The product's rounding error, exactly, by a fused multiply-add.
            let lost = a.value.mul_add(b.value, -value);
            let product = rounded(
                value,
                times(a.value.abs(), b.error)
                    + times(b.value.abs(), a.error)
                    + times(a.error, b.error),
                lost,
            );
            if a.value != 0.0 && b.value != 0.0 {
                underflow(product)
            } else {
                product
            }
        }
        Op::Div => {
            let value = a.value / b.value;
            let margin = b.value.abs() - b.error;
            let error = if margin > 0.0 {
                let carried = a.error + times(value.abs(), b.error);
                if carried == 0.0 {
                    0.0
                } else {
                    (carried / margin).max(TINY)
                }
            } else {
                f64::INFINITY
            };
            // a − q·b, exactly: 0 when the quotient is exact; its rounding is about r/b.
            let remainder = (-value).mul_add(b.value, a.value);
            let lost = if remainder == 0.0 {
                0.0
            } else {
                (remainder / b.value).abs() * 2.0
            };
            let quotient = rounded(value, error, lost);
            if a.value != 0.0 {
                underflow(quotient)
            } else {
                quotient
            }
        }
        Op::Pow => power(a, b),
    }
}

fn power(a: Approx, b: Approx) -> Approx {
    // 1^∞ and ∞^0 have no value (powf says 1); 0^0 is 1, as x^0 is.
    if (a.value == 1.0 && b.value.is_infinite()) || (a.value.is_infinite() && b.value == 0.0) {
        return Approx::undefined();
    }
    let value = a.value.powf(b.value);
    if value.is_nan() && a.value.is_finite() && b.value.is_finite() && a.error == 0.0 {
        return Approx::undefined();
    }
    let f = |x: f64| x.powf(b.value);
    let base = if a.error == 0.0 {
        0.0
    } else {
        let (lo, hi) = (a.value - a.error, a.value + a.error);
        let whole = b.value.fract() == 0.0;
        if lo <= 0.0 && hi >= 0.0 && !(whole && b.value >= 0.0) {
            // A root or a negative power of an interval holding 0: anything.
            f64::INFINITY
        } else {
            let mut spread = (f(lo) - value).abs().max((f(hi) - value).abs());
            if lo <= 0.0 && hi >= 0.0 {
                spread = spread.max((f(0.0) - value).abs());
            }
            if spread.is_nan() {
                f64::INFINITY
            } else {
                spread
            }
        }
    };
    let exponent = if b.error == 0.0 {
        0.0
    } else {
        (value * a.value.abs().ln()).abs() * b.error * 2.0
    };
    let result = Approx {
        value,
        error: base + exponent + LIB * value.abs(),
    };
    if a.value != 0.0 {
        underflow(result)
    } else {
        result
    }
}

/// f(a) for f monotone where it is defined: bounded by f at both ends of a's interval.
pub fn monotone(f: fn(f64) -> f64, a: Approx) -> Approx {
    ends(f, a, a.value - a.error, a.value + a.error)
}

/// f(a) for f even and monotone in |a| (cosh, sech): bounded by f at the ends of |a|'s.
pub fn even(f: fn(f64) -> f64, a: Approx) -> Approx {
    let magnitude = a.value.abs();
    ends(f, a, (magnitude - a.error).max(0.0), magnitude + a.error)
}

fn ends(f: fn(f64) -> f64, a: Approx, lo: f64, hi: f64) -> Approx {
    let value = f(a.value);
    if a.error == 0.0 {
        if value.is_nan() && a.value.is_finite() {
            return Approx::undefined();
        }
        return Approx {
            value,
            error: LIB * value.abs(),
        };
    }
    let (at_lo, at_hi) = (f(lo), f(hi));
    if value.is_nan() && at_lo.is_nan() && at_hi.is_nan() && a.error.is_finite() {
        // The whole interval is outside the domain.
        return Approx::undefined();
    }
    let spread = (at_lo - value).abs().max((at_hi - value).abs());
    Approx {
        value,
        error: if spread.is_nan() {
            f64::INFINITY
        } else {
            spread + LIB * value.abs()
        },
    }
}

/// f(a) with |f′(a)| as `slope`, to first order: for the functions with poles (tan, sec),
/// which are never monotone across one.
pub fn sloped(value: f64, slope: f64, a: Approx) -> Approx {
    if value.is_nan() && a.value.is_finite() && a.error == 0.0 {
        return Approx::undefined();
    }
    let carried = if a.error == 0.0 {
        0.0
    } else {
        let c = slope.abs() * a.error;
        // Past a tenth of the distance to where the slope doubles, first order fails.
        if c.is_nan() { f64::INFINITY } else { 2.0 * c }
    };
    Approx {
        value,
        error: carried + LIB * value.abs(),
    }
}

/// f(a) for f with Lipschitz constant `lipschitz` everywhere (sin, |x|, relu).
pub fn lipschitz(value: f64, lipschitz: f64, a: Approx) -> Approx {
    Approx {
        value,
        error: lipschitz * a.error + LIB * value.abs(),
    }
}

/// A function with jumps of `jump` at the integers plus `offset`: determined only away
/// from them.
pub fn stepped(value: f64, a: Approx, offset: f64, jump: f64) -> Approx {
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

/// sign(a): jumps by 2 at 0.
pub fn sign(a: Approx) -> Approx {
    let x = a.value;
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

/// min or max of two values: each moves by at most the larger error.
pub fn extremum(value: f64, a: Approx, b: Approx) -> Approx {
    Approx {
        value,
        error: a.error.max(b.error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold_past_first_order() {
        // (0 ± ε)² is within ε², not 0: a power keeps what the product keeps.
        let small = Approx {
            value: 0.0,
            error: 1e-16,
        };
        let squared = binary(Op::Pow, small, Approx::exact(2.0));
        let product = binary(Op::Mul, small, small);
        assert!(squared.error >= 0.99e-32 && product.error >= 0.99e-32);
        // An underflow to 0 is not an exact 0.
        let under = underflow(monotone(f64::exp, Approx::exact(-800.0)));
        assert_eq!(under.value, 0.0);
        assert!(under.error > 0.0);
        // exp of an uncertain argument: bounded by its ends, not its slope at the middle.
        let wide = monotone(
            f64::exp,
            Approx {
                value: 0.0,
                error: 1.0,
            },
        );
        assert!(wide.error >= std::f64::consts::E - 1.0);
        assert!(Approx::undefined().is_undefined());
        // Division by 0 is undetermined (a removable singularity, a²/a, is not a wrong
        // answer), not undefined.
        let quotient = binary(Op::Div, Approx::exact(0.0), Approx::exact(0.0));
        assert!(!quotient.is_undefined() && !quotient.is_stable(1e-11, 1.0));
    }
}
