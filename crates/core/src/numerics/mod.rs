//! The shared numerics: activations and their derivatives, the stable softmax.
//!
//! Every section computes these through this module and nowhere else, so a fix here is a
//! fix everywhere. σ and tanh, scalar or over a slice, are one kernel (`exp`), written in
//! plain arithmetic so that they give the same bits on every machine and vectorise.

mod exp;

use serde::Deserialize;

pub use exp::{sigmoid_in_place, tanh_in_place};

/// An activation function f applied unit by unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// f(z) = max(0, z)
    #[default]
    Relu,
    /// f(z) = 1 / (1 + e^−z)
    Sigmoid,
    /// f(z) = tanh z
    Tanh,
    /// f(z) = z
    Identity,
}

impl Activation {
    /// All activations, for error messages and tests.
    pub const ALL: [Activation; 4] = [
        Activation::Relu,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Identity,
    ];

    /// The name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Identity => "identity",
        }
    }

    /// f(z).
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Relu => z.max(0.0),
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => tanh(z),
            Activation::Identity => z,
        }
    }

    /// f′(z). ReLU′(0) is taken as 0, the subgradient most libraries use.
    pub fn derivative(self, z: f64) -> f64 {
        match self {
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => {
                let s = sigmoid(z);
                s * (1.0 - s)
            }
            Activation::Tanh => {
                let t = tanh(z);
                1.0 - t * t
            }
            Activation::Identity => 1.0,
        }
    }

    /// out = f(z), entry by entry (`out` as long as `z`). The activation is matched once
    /// for the whole slice, so each arm is a plain loop the compiler can vectorise.
    pub fn apply_to(self, z: &[f64], out: &mut [f64]) {
        match self {
            Activation::Relu => out.iter_mut().zip(z).for_each(|(o, &zi)| *o = zi.max(0.0)),
            Activation::Sigmoid => {
                out.copy_from_slice(z);
                sigmoid_in_place(out);
            }
            Activation::Tanh => {
                out.copy_from_slice(z);
                tanh_in_place(out);
            }
            Activation::Identity => out.copy_from_slice(z),
        }
    }

    /// δ ⊙= f′(z), entry by entry: the last factor of δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ), matched
    /// once for the whole slice like [`Activation::apply_to`].
    pub fn times_derivative(self, z: &[f64], delta: &mut [f64]) {
        let each = |f: fn(f64) -> f64, delta: &mut [f64]| {
            delta.iter_mut().zip(z).for_each(|(d, &zi)| *d *= f(zi));
        };
        match self {
            Activation::Relu => each(|z| Activation::Relu.derivative(z), delta),
            Activation::Sigmoid => each(|z| Activation::Sigmoid.derivative(z), delta),
            Activation::Tanh => each(|z| Activation::Tanh.derivative(z), delta),
            Activation::Identity => {}
        }
    }

    /// [`Activation::times_derivative`] given a = f(z) as well: σ′ = σ(1 − σ) and tanh′ =
    /// 1 − tanh² are read from a, the very products [`Activation::derivative`] forms from
    /// z, so a backward pass evaluates no σ or tanh a second time and gets the same bits.
    pub fn times_derivative_at(self, z: &[f64], a: &[f64], delta: &mut [f64]) {
        match self {
            Activation::Sigmoid => delta
                .iter_mut()
                .zip(a)
                .for_each(|(d, &s)| *d *= s * (1.0 - s)),
            Activation::Tanh => delta
                .iter_mut()
                .zip(a)
                .for_each(|(d, &t)| *d *= 1.0 - t * t),
            Activation::Relu | Activation::Identity => self.times_derivative(z, delta),
        }
    }
}

/// √(x² + y²) without overflow or underflow in between: outside 2^±500 both are scaled
/// by a power of two first, which is exact. Not `f64::hypot`: that is libm's, which
/// glibc 2.35 versioned anew, so one call made the whole runner refuse to start on glibc
/// 2.34 (Amazon Linux 2023, the image PrairieLearn's Python grader runs), and libm's last
/// bit may differ between C libraries; this is the same on every machine (IEEE square
/// root is exactly rounded), within an ulp or so of the true value.
pub fn hypot(x: f64, y: f64) -> f64 {
    let (x, y) = (x.abs(), y.abs());
    if x.is_infinite() || y.is_infinite() {
        return f64::INFINITY; // even beside a NaN, as IEEE's hypot
    }
    let big = x.max(y);
    let scale = if big > f64::powi(2.0, 500) {
        f64::powi(2.0, -600)
    } else if big < f64::powi(2.0, -500) {
        f64::powi(2.0, 600)
    } else {
        1.0
    };
    let (x, y) = (x * scale, y * scale);
    (x * x + y * y).sqrt() / scale
}

/// σ(z) = 1/(1+e^−z), written so that neither branch overflows: for z < 0 the
/// equivalent e^z/(1+e^z) keeps the exponent non-positive. Not libm's `exp` but this
/// module's kernel, within two ulps of it and the same on every machine (as
/// [`hypot`] is), and bit for bit what [`sigmoid_in_place`] gives.
pub fn sigmoid(z: f64) -> f64 {
    exp::sigmoid(z)
}

/// tanh x, by this module's kernel rather than libm's (see [`sigmoid`]), bit for bit what
/// [`tanh_in_place`] gives.
pub fn tanh(x: f64) -> f64 {
    exp::tanh(x)
}

/// softmax with inverse temperature β: o_k = e^{β a_k} / Σ_i e^{β a_i}.
///
/// For β > 0, o_k = e^{β (a_k − max_i a_i)} / Σ_i e^{β (a_i − max_i a_i)}: subtracting the
/// max changes nothing mathematically and keeps every exponent ≤ 0, so no term overflows
/// and the largest is exactly 1. Subtracting before multiplying by β keeps a huge β from
/// turning β·a into ∞ − ∞.
pub fn softmax(a: &[f64], beta: f64) -> Vec<f64> {
    let mut o = vec![0.0; a.len()];
    softmax_into(a, beta, &mut o);
    o
}

/// [`softmax`] written into `out` (as long as `a`), for loops that must not allocate.
pub fn softmax_into(a: &[f64], beta: f64, out: &mut [f64]) {
    let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for (o, &ak) in out.iter_mut().zip(a) {
        *o = (beta * (ak - max)).exp();
    }
    let sum: f64 = out.iter().sum();
    out.iter_mut().for_each(|o| *o /= sum);
}

/// ln Σ_i e^{a_i}, stable for the same reason as [`softmax`].
pub fn log_sum_exp(a: &[f64]) -> f64 {
    let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + a.iter().map(|&ai| (ai - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypot_agrees_with_libm_within_an_ulp_and_never_overflows() {
        let ulps = |a: f64, b: f64| (a.to_bits() as i64 - b.to_bits() as i64).abs();
        let mut rng = crate::rng::Rng::new(7);
        for _ in 0..100_000 {
            let scale = 10f64.powi((rng.unit() * 40.0 - 20.0) as i32);
            let (x, y) = ((rng.unit() - 0.5) * scale, (rng.unit() - 0.5) * scale);
            assert!(ulps(hypot(x, y), x.hypot(y)) <= 1, "{x} {y}");
            let tiny = (x * 1e-310, y * 1e-310);
            assert!(
                ulps(hypot(tiny.0, tiny.1), tiny.0.hypot(tiny.1)) <= 1,
                "{tiny:?}"
            );
        }
        assert_eq!(hypot(3.0, -4.0), 5.0);
        assert_eq!(hypot(0.0, -0.0), 0.0);
        assert!((hypot(1e308, 1e308) / 1.4142135623730951e308 - 1.0).abs() < 1e-15);
        assert!(hypot(3e-320, 4e-320) > 0.0);
        assert_eq!(hypot(f64::INFINITY, f64::NAN), f64::INFINITY);
        assert!(hypot(1.0, f64::NAN).is_nan());
    }

    #[test]
    fn activations_at_known_points() {
        assert_eq!(Activation::Relu.apply(-2.0), 0.0);
        assert_eq!(Activation::Relu.apply(13.0), 13.0);
        assert_eq!(Activation::Sigmoid.apply(0.0), 0.5);
        assert_eq!(Activation::Identity.apply(-4.5), -4.5);
        assert!((Activation::Tanh.apply(1.0) - 0.7615941559557649).abs() < 1e-16);
        assert_eq!(Activation::Relu.derivative(2.0), 1.0);
        assert_eq!(Activation::Relu.derivative(-2.0), 0.0);
        assert_eq!(Activation::Sigmoid.derivative(0.0), 0.25);
        assert_eq!(Activation::Tanh.derivative(0.0), 1.0);
    }

    #[test]
    fn slice_passes_agree_with_the_scalar_functions() {
        let z = [-2.5, -0.0, 0.0, 1e-300, 0.7, 40.0];
        for f in Activation::ALL {
            let mut a = [9.0; 6];
            f.apply_to(&z, &mut a);
            let mut d = [3.0; 6];
            f.times_derivative(&z, &mut d);
            for k in 0..z.len() {
                assert_eq!(a[k].to_bits(), f.apply(z[k]).to_bits(), "{}", f.name());
                assert_eq!(d[k].to_bits(), (3.0 * f.derivative(z[k])).to_bits());
            }
        }
    }

    #[test]
    fn sigmoid_never_overflows() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert!((sigmoid(-3.0) + sigmoid(3.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn derivatives_agree_with_central_differences() {
        let h = 1e-6;
        for f in Activation::ALL {
            for z in [-2.3, -0.4, 0.7, 3.1] {
                let fd = (f.apply(z + h) - f.apply(z - h)) / (2.0 * h);
                assert!((fd - f.derivative(z)).abs() < 1e-8, "{} at {z}", f.name());
            }
        }
    }

    #[test]
    fn softmax_is_stable_and_sums_to_one() {
        let o = softmax(&[15.0, 0.0], 1.0);
        assert!((o[0] - 15f64.exp() / (15f64.exp() + 1.0)).abs() < 1e-15);
        assert!((o[1] - 1.0 / (15f64.exp() + 1.0)).abs() < 1e-22);
        let big = softmax(&[1000.0, 999.0, -1000.0], 1.0);
        assert!(big.iter().all(|p| p.is_finite()));
        assert!((big.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        // β scales the logits: β = 2 on [1, 0] equals β = 1 on [2, 0].
        assert_eq!(softmax(&[1.0, 0.0], 2.0), softmax(&[2.0, 0.0], 1.0));
        // a huge β is a hard max, not nan
        assert_eq!(softmax(&[10.0, 1.0], 1e308), vec![1.0, 0.0]);
    }

    #[test]
    fn log_sum_exp_matches_naive_where_naive_works() {
        let a = [0.5, -1.0, 2.0];
        let naive = a.iter().map(|x: &f64| x.exp()).sum::<f64>().ln();
        assert!((log_sum_exp(&a) - naive).abs() < 1e-15);
        assert!((log_sum_exp(&[1000.0, 1000.0]) - (1000.0 + 2f64.ln())).abs() < 1e-12);
    }
}
