//! The homework's rounding of h_t: to the nearest integer, with ±0.5 going to 0.

use serde::Deserialize;

/// How each h_t is rounded before it is reported (and, with `feed_rounded`, fed back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Nearest integer; a tie goes toward zero (±0.5 → 0, 2.5 → 2).
    #[default]
    HalfToZero,
    /// No rounding.
    None,
}

impl Rounding {
    /// Applies the rounding.
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Rounding::HalfToZero => half_to_zero(x),
            Rounding::None => x,
        }
    }
}

/// Nearest integer with ties toward zero. Not `f64::round`, which sends 0.5 to 1.
pub fn half_to_zero(x: f64) -> f64 {
    let truncated = x.trunc();
    let rounded = if (x - truncated).abs() == 0.5 {
        truncated
    } else {
        x.round()
    };
    // −0.3 rounds to −0; reports and JSON should say 0.
    rounded + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_go_toward_zero() {
        assert_eq!(half_to_zero(0.5), 0.0);
        assert_eq!(half_to_zero(-0.5), 0.0);
        assert_eq!(half_to_zero(1.5), 1.0);
        assert_eq!(half_to_zero(-1.5), -1.0);
        assert_eq!(half_to_zero(2.5), 2.0);
        assert_eq!(half_to_zero(-0.49), 0.0);
        assert!(half_to_zero(-0.49).is_sign_positive());
        assert_eq!(half_to_zero(0.51), 1.0);
        assert_eq!(half_to_zero(-0.7616), -1.0);
        // f64::round would disagree at the tie:
        assert_eq!(0.5f64.round(), 1.0);
    }
}
