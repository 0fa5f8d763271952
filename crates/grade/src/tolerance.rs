//! What a spec's tolerance accepts: the one place that decides whether an answer is
//! within it (the width itself, `decimals = 3` as a distance, is the tolerance's own
//! definition, `Tolerance::allowed` in core).

use nnhw_core::Tolerance;

/// Whether `got` is close enough to `want`. Infinities match only themselves. A few ulps
/// of slack keep `2.0814` in `2.0809 ± 0.0005` though 2.0814 − 2.0809 rounds above 0.0005.
pub fn matches(tolerance: &Tolerance, got: f64, want: f64) -> bool {
    if want.is_infinite() || got.is_infinite() {
        return got == want;
    }
    let slack = 4.0 * f64::EPSILON * got.abs().max(want.abs());
    (got - want).abs() <= tolerance.allowed(want) + slack
}

/// The tolerance as a student reads it: `to 3 decimals`, `within abs 1e-9 + rel 1e-9`.
pub fn phrase(tolerance: &Tolerance) -> String {
    match tolerance.decimals {
        Some(d) => format!("to {d} decimals"),
        None => format!("within {}", tolerance.describe()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_allow_half_a_unit_in_the_last_place() {
        let t = Tolerance {
            decimals: Some(3),
            ..Default::default()
        };
        assert!(matches(&t, 2.0814, 2.0809));
        assert!(matches(&t, 2.0804, 2.0809));
        assert!(!matches(&t, 2.0815, 2.0809));
        assert!(!matches(&t, 2.080, 2.08094));
        assert!(matches(&Tolerance::default(), f64::INFINITY, f64::INFINITY));
        assert!(!matches(&Tolerance::default(), 1e300, f64::INFINITY));
        assert!(!matches(&Tolerance::default(), 1.0 + 3e-9, 1.0));
        assert!(matches(&Tolerance::default(), 1.0 + 1.9e-9, 1.0));
    }
}
