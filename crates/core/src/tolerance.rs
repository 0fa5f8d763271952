//! A spec's `tolerance`: how close a numeric answer must be to the key. This module reads
//! it, describes it, says how wide it is ([`Tolerance::allowed`]), whether a number is
//! within it ([`Tolerance::accepts`], the one rule: grading and the variants' fitness check
//! both ask it) and where rounding to it is a coin toss
//! ([`Tolerance::on_rounding_boundary`]). Which numbers an answer holds and how they are
//! read is the nnhw-grade crate's.

use serde::Deserialize;

use crate::FieldError;

/// How close a numeric answer must be to the key.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    /// Graded to d decimals: |got − want| ≤ 0.5·10^−d.
    #[serde(default)]
    pub decimals: Option<u32>,
    /// Absolute tolerance.
    #[serde(default)]
    pub abs: Option<f64>,
    /// Relative tolerance, times |want|.
    #[serde(default)]
    pub rel: Option<f64>,
}

/// The absolute part of the tolerance a spec gets when it names none.
pub const DEFAULT_ABS: f64 = 1e-9;
/// The relative part of the tolerance a spec gets when it names none.
pub const DEFAULT_REL: f64 = 1e-9;
/// The slack of a few ulps, relative to the larger number, that [`Tolerance::accepts`]
/// adds: a rounding error in `got − want` never decides a verdict.
pub const SLACK: f64 = 4.0 * f64::EPSILON;
/// Past 15 decimals, 0.5·10^−d is below one unit in the last place of most answers, so
/// the check would demand bit-for-bit equality.
const MAX_DECIMALS: u32 = 15;
/// How near a rounding boundary, in steps of the graded grid, a key is too near. A student
/// who carries intermediate values at 4 decimals more than asked is off by at most
/// 0.5·10^−4 steps per value, and a network's sums and layers multiply that by at most
/// about 20 for the weights a variant draws: 10^−3 steps. Wider margins redraw too many
/// variants of kinds with many graded numbers (each number is redrawn with odds of twice
/// the margin: 0.2% here, 2% at 10^−2).
const BOUNDARY_MARGIN: f64 = 1e-3;
/// The relative error a key may carry after the float operations of a solve (and a
/// student's calculator after theirs), far above f64's 10^−16 per operation.
const FLOAT_ERROR: f64 = 1e-12;

impl Tolerance {
    /// Refuses contradictory or meaningless tolerances. Paths are relative to `tolerance`.
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.decimals.is_some() && (self.abs.is_some() || self.rel.is_some()) {
            return Err(FieldError::new(
                "decimals",
                "give either decimals or abs/rel, not both",
            ));
        }
        if let Some(d) = self.decimals
            && d > MAX_DECIMALS
        {
            return Err(FieldError::new(
                "decimals",
                format!("{d} decimals is beyond f64 precision; at most {MAX_DECIMALS}"),
            ));
        }
        for (name, v) in [("abs", self.abs), ("rel", self.rel)] {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                return Err(FieldError::new(
                    name,
                    format!("{v} must be a finite number ≥ 0"),
                ));
            }
        }
        Ok(())
    }

    /// Whether `got` is close enough to `want`: |got − want| within [`Self::allowed`].
    /// Infinities match only themselves. A few ulps of slack keep `2.0804` in
    /// `2.0809 ± 0.0005` though 2.0809 − 2.0804 rounds above 0.0005.
    pub fn accepts(&self, got: f64, want: f64) -> bool {
        if want.is_infinite() || got.is_infinite() {
            return got == want;
        }
        let slack = SLACK * got.abs().max(want.abs());
        (got - want).abs() <= self.allowed(want) + slack
    }

    /// Whether `x` and `y` are within twice what [`Self::accepts`] allows around the
    /// larger: never false for two keys one answer could match both of (each within
    /// the tolerance of it), so a search may skip pairs that are not near and judge the
    /// rest.
    pub fn near(&self, x: f64, y: f64) -> bool {
        let big = x.abs().max(y.abs());
        x == y || (x - y).abs() <= 2.0 * (self.allowed(big) + SLACK * big)
    }

    /// The largest allowed |got − want|: what `decimals`, `abs` and `rel` mean.
    pub fn allowed(&self, want: f64) -> f64 {
        match (self.decimals, self.abs, self.rel) {
            (Some(d), _, _) => 0.5 * 10f64.powi(-(d as i32)),
            (None, None, None) => DEFAULT_ABS + DEFAULT_REL * want.abs(),
            (None, abs, rel) => abs.unwrap_or(0.0) + rel.unwrap_or(0.0) * want.abs(),
        }
    }

    /// Whether a key of `x` lies so near a boundary of rounding to the graded decimals
    /// (0.1235 at 3 decimals) that a student who computes correctly and rounds as asked may
    /// land on either side of it, and so outside the tolerance around `x`: within a
    /// thousandth of a step of it (`BOUNDARY_MARGIN`), or within `x`'s own float error.
    /// Only `decimals` asks students to round; `abs` and `rel` have no boundaries.
    pub fn on_rounding_boundary(&self, x: f64) -> bool {
        if self.decimals.is_none() || !x.is_finite() {
            return false;
        }
        // Rounding to the grid moves a value by at most `allowed`: the grid is twice it.
        let step = 2.0 * self.allowed(x);
        let steps = x / step;
        let from_boundary = ((steps - steps.floor()) - 0.5).abs();
        from_boundary <= BOUNDARY_MARGIN + FLOAT_ERROR * steps.abs()
    }

    /// How close an answer must be, in words for a question: `to 3 decimals (within
    /// ±0.0005)`, `within ±(1e-9 + 1e-9·|answer|)`.
    pub fn words(&self) -> String {
        use crate::format::number;
        match (self.decimals, self.abs, self.rel) {
            (Some(d), _, _) => format!("to {d} decimals (within ±{})", number(self.allowed(0.0))),
            (None, None, None) => format!(
                "within ±({} + {}·|answer|)",
                number(DEFAULT_ABS),
                number(DEFAULT_REL)
            ),
            (None, Some(a), None) => format!("within ±{}", number(a)),
            (None, None, Some(r)) => format!("within ±{}·|answer|", number(r)),
            (None, Some(a), Some(r)) => format!("within ±({} + {}·|answer|)", number(a), number(r)),
        }
    }

    /// The tolerance as a verdict names it: `to 3 decimals`, `within abs 1e-9 + rel 1e-9`.
    pub fn phrase(&self) -> String {
        match self.decimals {
            Some(d) => format!("to {d} decimals"),
            None => format!("within {}", self.describe()),
        }
    }

    /// The tolerance in words: `9 decimals`, `abs 1e-6`, `abs 1e-9 + rel 1e-9`.
    pub fn describe(&self) -> String {
        match (self.decimals, self.abs, self.rel) {
            (Some(d), _, _) => format!("{d} decimals"),
            (None, None, None) => format!("abs {DEFAULT_ABS:e} + rel {DEFAULT_REL:e}"),
            (None, Some(a), None) => format!("abs {a:e}"),
            (None, None, Some(r)) => format!("rel {r:e}"),
            (None, Some(a), Some(r)) => format!("abs {a:e} + rel {r:e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimals(d: u32) -> Tolerance {
        Tolerance {
            decimals: Some(d),
            ..Default::default()
        }
    }

    #[test]
    fn keys_one_answer_could_match_are_near() {
        let rel = Tolerance {
            rel: Some(1e-3),
            ..Default::default()
        };
        for t in [decimals(3), decimals(0), Tolerance::default(), rel] {
            let mut rng = crate::rng::Rng::new(7);
            for _ in 0..20_000 {
                let x = (rng.unit() - 0.5) * 10f64.powi((rng.unit() * 8.0) as i32 - 4);
                let answer = x + (rng.unit() - 0.5) * 4.0 * t.allowed(x);
                let y = answer + (rng.unit() - 0.5) * 4.0 * t.allowed(answer);
                if t.accepts(answer, x) && t.accepts(answer, y) {
                    assert!(t.near(x, y), "{x} and {y} both take {answer} under {t:?}");
                }
            }
        }
        assert!(!decimals(3).near(1.0, 1.003));
    }

    #[test]
    fn decimals_allow_half_a_unit_in_the_last_place() {
        let t = decimals(3);
        assert!(t.accepts(2.0814, 2.0809));
        assert!(t.accepts(2.0804, 2.0809));
        assert!(!t.accepts(2.0815, 2.0809));
        assert!(!t.accepts(2.080, 2.08094));
        assert!(Tolerance::default().accepts(f64::INFINITY, f64::INFINITY));
        assert!(!Tolerance::default().accepts(1e300, f64::INFINITY));
        assert!(!Tolerance::default().accepts(1.0 + 3e-9, 1.0));
        assert!(Tolerance::default().accepts(1.0 + 1.9e-9, 1.0));
    }

    /// Where grading (with slack) and the variants' fitness check (without) used to
    /// differ: 2.0804 is 2.0809 to 3 decimals for a grader though 2.0809 − 2.0804 rounds
    /// above 0.0005, so it must be for the fitness check too; and an infinite value is
    /// graded as an infinite edge.
    #[test]
    fn fitness_and_grading_agree_where_they_once_did_not() {
        let t = decimals(3);
        let without_slack = |value: f64, edge: f64| (value - edge).abs() <= t.allowed(edge);
        for (value, edge) in [(2.0804, 2.0809), (f64::INFINITY, f64::INFINITY)] {
            assert!(!without_slack(value, edge));
            assert!(t.accepts(value, edge));
        }
    }

    #[test]
    fn keys_near_a_rounding_boundary_are_on_it_and_others_are_not() {
        let three = decimals(3);
        // Issue 25's knife edges, ∂C/∂w1 of 3.4 for students 4459 and 11954 (seed 0):
        // a float error from -0.1375 and -0.0825, which students round either way.
        assert!(three.on_rounding_boundary(-0.1374999999550838));
        assert!(three.on_rounding_boundary(-0.08249999997305033));
        assert!(three.on_rounding_boundary(-0.1375 - 4e-14));
        assert!(three.on_rounding_boundary(2.0815));
        // A student carrying 6 decimals is off by up to 5e-7 (plus what the network
        // makes of it): still on the boundary.
        assert!(three.on_rounding_boundary(2.0815 + 9e-7));
        assert!(three.on_rounding_boundary(2.0815 - 9e-7));
        assert!(!three.on_rounding_boundary(2.0815 + 1.1e-6));
        assert!(!three.on_rounding_boundary(2.0809));
        assert!(!three.on_rounding_boundary(-0.1387));
        assert!(!three.on_rounding_boundary(0.0));
        assert!(!three.on_rounding_boundary(f64::INFINITY));
        assert!(decimals(9).on_rounding_boundary(-0.1980916565));
        assert!(!decimals(9).on_rounding_boundary(-0.1980916562));
        assert!(decimals(0).on_rounding_boundary(2.5));
        // Where a key's float error spans the whole grid, every key is a coin toss.
        assert!(decimals(15).on_rounding_boundary(12345.6789));
        // Without decimals nobody is asked to round.
        assert!(!Tolerance::default().on_rounding_boundary(-0.1375));
        let abs = Tolerance {
            abs: Some(0.0005),
            ..Default::default()
        };
        assert!(!abs.on_rounding_boundary(-0.1375));
    }
}
