//! σ and tanh from one e^y kernel written in plain arithmetic, scalar and over slices.
//!
//! Why not libm's `exp` and `tanh`: they are a call per value, which no loop can
//! vectorise, so an LSTM's five activations a unit a step cost as much as its products;
//! and their last bit differs between C libraries (glibc, musl, macOS), so the same spec
//! could print different JSON on different machines. These use only +, −, × and ÷ on
//! f64 (no fused multiply-add, no CPU dispatch), so they give the same bits everywhere,
//! and a loop over a slice vectorises: branches are written as selects, the scaling by
//! 2ⁿ as integer operations on the bits.
//!
//! The kernel: y = n ln 2 + r with |r| ≤ ln 2 / 2 (Cody and Waite: ln 2 in two parts, so
//! that r is exact), e^r − 1 = r + r²(1/2! + r/3! + … + r¹¹/13!) (Taylor to degree 13:
//! the remainder is below 2⁻⁵⁶ of the sum on that interval), then 2ⁿ built in the
//! exponent bits. σ and tanh only need y ≤ 0, which keeps every intermediate finite.

/// log₂ e.
const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// ln 2, high part: its last 32 bits are zero, so n · LN2_HI is exact for |n| < 2²¹.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
/// ln 2 − LN2_HI.
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// 1.5 · 2⁵²: x + SHIFT − SHIFT rounds x to the nearest integer (|x| < 2⁵¹), and the low
/// bits of x + SHIFT hold that integer, in two's complement.
const SHIFT: f64 = 6_755_399_441_055_744.0;
/// Below this, e^y is 0 in f64 (e^−745.14 is half the smallest subnormal); clamping here
/// keeps n in range and turns −∞ into an ordinary argument.
const LOWEST: f64 = -746.0;

/// 1/k! for k = 2..=13, the Taylor coefficients of (e^r − 1 − r)/r².
const C: [f64; 12] = [
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// 2ⁿ for the integer n = k − SHIFT, n in −1022..=1023, from the bits of k: its low 12
/// bits are n mod 4096; shifted into the exponent field and offset by the bias.
#[inline(always)]
fn pow2(k: f64) -> f64 {
    f64::from_bits((k.to_bits() << 52).wrapping_add(1023 << 52))
}

/// e^y for y ≤ 0 or NaN as (e^r − 1, 2ⁿ¹, 2ⁿ²) with e^y = (1 + (e^r − 1)) · 2ⁿ¹ · 2ⁿ²:
/// 2ⁿ comes in two halves, each a normal number, so that e^y is right down to the
/// subnormals (the only rounding there is the last multiplication's), and e^r − 1 is
/// kept apart so that tanh can use it without cancellation.
#[inline(always)]
fn reduce(y: f64) -> (f64, f64, f64) {
    // A comparison, not f64::max: max would turn NaN into LOWEST.
    let y = if y < LOWEST { LOWEST } else { y };
    let n = (y * LOG2_E + SHIFT) - SHIFT;
    let r = (y - n * LN2_HI) - n * LN2_LO;
    let mut p = C[11];
    for &c in C[..11].iter().rev() {
        p = p * r + c;
    }
    let q = r + r * r * p;
    // n = n1 + n2 with both halves in −538..=0.
    let k1 = n * 0.5 + SHIFT;
    let k2 = (n - (k1 - SHIFT)) + SHIFT;
    (q, pow2(k1), pow2(k2))
}

/// a + b as (sum, its rounding error), exactly (Knuth's TwoSum).
#[inline(always)]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let sum = a + b;
    let b_part = sum - a;
    (sum, (a - (sum - b_part)) + (b - b_part))
}

/// a · b as (product, its rounding error), exactly for |a|, |b| ≤ 2 (Dekker's splitting
/// into 26-bit halves, since fused multiply-add is not used).
#[inline(always)]
fn two_product(a: f64, b: f64) -> (f64, f64) {
    const SPLIT: f64 = 134_217_729.0; // 2²⁷ + 1
    let split = |v: f64| {
        let c = SPLIT * v;
        let high = c - (c - v);
        (high, v - high)
    };
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    let product = a * b;
    (
        product,
        (((ah * bh - product) + ah * bl) + al * bh) + al * bl,
    )
}

/// (nh + nl)/(dh + dl) with about one rounding: the quotient of the high parts, corrected
/// by its exact residual. Three roundings (numerator, denominator, quotient) would be
/// up to three ulps off.
#[inline(always)]
fn divide(nh: f64, nl: f64, dh: f64, dl: f64) -> f64 {
    let t = nh / dh;
    let (p, e) = two_product(t, dh);
    let residual = (((nh - p) - e) + nl) - t * dl;
    t + residual / dh
}

/// σ(z) = 1/(1 + e^−z) for z ≥ 0 and e^z/(1 + e^z) below, so that the exponent is never
/// positive and nothing overflows: σ(±∞) = 1 and 0, σ(NaN) = NaN, σ(−740) the subnormal
/// e^−740. e = 2ⁿ + 2ⁿ(e^r − 1) is carried as two doubles into the division.
#[inline(always)]
pub(super) fn sigmoid(z: f64) -> f64 {
    let (q, s1, s2) = reduce(-z.abs());
    let s = s1 * s2;
    // Where 2ⁿ is subnormal, 2ⁿ(e^r − 1) would round: e in one rounding, then 1 + e = 1.
    let (eh, el) = if s < f64::MIN_POSITIVE {
        (((1.0 + q) * s1) * s2, 0.0)
    } else {
        two_sum(s, s * q)
    };
    let (dh, dl) = two_sum(1.0, eh);
    let (nh, nl) = if z >= 0.0 { (1.0, 0.0) } else { (eh, el) };
    divide(nh, nl, dh, dl + el)
}

/// tanh(x) = (1 − e^−2|x|)/(1 + e^−2|x|) with x's sign, with e^−2|x| = s(1 + q) for a
/// power of two s: 1 − s and 1 + s are exact (or s too small to matter) and sq is exact,
/// so numerator and denominator are carried exactly as two doubles into the division,
/// with no cancellation near 0 (tanh(1e−300) = 1e−300). Signed zeros, ±∞ (±1) and NaN
/// as libm.
#[inline(always)]
pub(super) fn tanh(x: f64) -> f64 {
    let (q, s1, s2) = reduce(-2.0 * x.abs());
    // 2ⁿ, exact until it underflows, where tanh is 1 whatever it is.
    let s = s1 * s2;
    let sq = s * q;
    let (nh, nl) = two_sum(1.0 - s, -sq);
    let (dh, dl) = two_sum(1.0 + s, sq);
    divide(nh, nl, dh, dl).copysign(x)
}

/// σ of every entry, in place: a plain loop over the kernel, which vectorises.
pub fn sigmoid_in_place(z: &mut [f64]) {
    z.iter_mut().for_each(|v| *v = sigmoid(*v));
}

/// tanh of every entry, in place, as [`sigmoid_in_place`].
pub fn tanh_in_place(x: &mut [f64]) {
    x.iter_mut().for_each(|v| *v = tanh(*v));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in ulps between two finite f64 of the same sign, or 0 for equal values.
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b || (a.is_nan() && b.is_nan()) {
            return 0;
        }
        assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{a} vs {b}");
        a.to_bits().abs_diff(b.to_bits())
    }

    /// σ through libm's exp, as numerics::sigmoid was before these kernels.
    fn libm_sigmoid(z: f64) -> f64 {
        if z >= 0.0 {
            1.0 / (1.0 + (-z).exp())
        } else {
            let e = z.exp();
            e / (1.0 + e)
        }
    }

    /// Arguments that cover every path: a fine sweep of ±40 (where σ and tanh are not
    /// yet saturated), a log sweep from the subnormals to 10³⁰⁰ both signs, and the
    /// edges.
    fn arguments() -> Vec<f64> {
        let mut out: Vec<f64> = (-400_000..=400_000).map(|k| k as f64 * 1e-4).collect();
        let mut rng = crate::rng::Rng::new(3);
        for _ in 0..400_000 {
            let magnitude = 10f64.powf(rng.uniform(-320.0, 300.0));
            out.push(magnitude);
            out.push(-magnitude);
            let near = rng.uniform(-750.0, 750.0);
            out.push(near);
        }
        out.extend([
            0.0,
            -0.0,
            1e-300,
            -1e-300,
            5e-324,
            -5e-324,
            2.2e-308,
            1.0,
            -1.0,
            0.5,
            -0.5,
            700.0,
            -700.0,
            708.0,
            -708.0,
            745.0,
            -745.0,
            745.2,
            -745.2,
            746.0,
            -746.0,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ]);
        out
    }

    /// Two ulps is libm's error and ours added: against a 200-bit reference (mpmath, on
    /// 38,000 of these arguments) both kernels were within 1 ulp of the correctly rounded
    /// value, libm's σ (through glibc's exp) and glibc's tanh within 2.
    #[test]
    fn sigmoid_and_tanh_are_within_two_ulps_of_libm_everywhere() {
        let (mut worst_sigmoid, mut worst_tanh) = ((0, 0.0), (0, 0.0));
        for x in arguments() {
            let s = ulps(sigmoid(x), libm_sigmoid(x));
            if s > worst_sigmoid.0 {
                worst_sigmoid = (s, x);
            }
            let t = ulps(tanh(x), x.tanh());
            if t > worst_tanh.0 {
                worst_tanh = (t, x);
            }
        }
        eprintln!("largest ulps from libm: σ {worst_sigmoid:?}, tanh {worst_tanh:?}");
        assert!(worst_sigmoid.0 <= 2, "σ: {worst_sigmoid:?}");
        assert!(worst_tanh.0 <= 2, "tanh: {worst_tanh:?}");
    }

    #[test]
    fn edges_behave_as_libm() {
        assert_eq!(sigmoid(f64::INFINITY), 1.0);
        assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(-0.0), 0.5);
        assert!(sigmoid(f64::NAN).is_nan());
        assert_eq!(sigmoid(-740.0), (-740f64).exp());
        assert!(sigmoid(-740.0) > 0.0 && sigmoid(-740.0) < f64::MIN_POSITIVE);
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
        assert_eq!(tanh(30.0), 1.0);
        assert!(tanh(f64::NAN).is_nan());
        assert_eq!(tanh(1e-300), 1e-300);
        assert_eq!(tanh(5e-324), 5e-324);
        assert_eq!(tanh(0.0).to_bits(), 0f64.to_bits());
        assert_eq!(tanh(-0.0).to_bits(), (-0f64).to_bits());
    }

    #[test]
    fn slices_give_the_scalar_bits() {
        let xs = arguments();
        let (mut s, mut t) = (xs.clone(), xs.clone());
        sigmoid_in_place(&mut s);
        tanh_in_place(&mut t);
        for (k, &x) in xs.iter().enumerate() {
            assert_eq!(s[k].to_bits(), sigmoid(x).to_bits(), "σ({x})");
            assert_eq!(t[k].to_bits(), tanh(x).to_bits(), "tanh({x})");
        }
    }
}
