//! When a per-student variant of the two-weight network (3.4, 3.5) is unfair to grade: a
//! dead ReLU (w1·x ≤ 0) or a saturated sigmoid makes a gradient vanish, and the question
//! "what is ∂C/∂w" or "where does w1 go" is then answered by 0 or "nowhere" without
//! computing anything. The rules read the answers the solver reported.

use nnhw_core::{Fitness, Report};

/// Why a draw with a vanishing gradient is refused.
pub const ZERO_GRADIENT: &str = "a gradient is 0 to the graded decimals";
/// Why an SGD draw whose first step leaves w1 where it was is refused.
pub const W1_STILL: &str = "w1 does not move in the first step to the graded decimals";

/// The gradients `backprop.simple-network` reports.
const GRADIENTS: [&str; 3] = ["dC_dw1", "dC_dw2", "dC_db"];

/// A gradient graded as 0, unless the original's same gradient is 0 as well (a spec that
/// asks about a dead ReLU on purpose).
pub fn zero_gradient(report: &Report, fitness: &Fitness<'_>) -> Option<String> {
    let vanishes = |g: Option<f64>| g.is_some_and(|g| fitness.graded_as(g, 0.0));
    GRADIENTS
        .iter()
        .any(|name| vanishes(report.number(name)) && !vanishes(fitness.original.number(name)))
        .then(|| ZERO_GRADIENT.into())
}

/// w1 after the first step graded as w1 itself: η·∂C/∂w1 is lost in the tolerance. The
/// original's report does not say where its w1 started, so there is no exception for an
/// original that stands still too: one would be a question without an answer to compute.
pub fn w1_still(report: &Report, fitness: &Fitness<'_>, w1: f64) -> Option<String> {
    report
        .number("w1_next")
        .is_some_and(|next| fitness.graded_as(next, w1))
        .then(|| W1_STILL.into())
}

#[cfg(test)]
mod tests {
    use nnhw_core::Tolerance;
    use nnhw_core::registry::{Build, unfit_draw};

    use super::*;

    /// What `runner variants` would say of `draw` drawn from `original`.
    fn verdict(build: Build, original: &str, draw: &str, decimals: u32) -> Option<String> {
        let tolerance = Tolerance {
            decimals: Some(decimals),
            ..Tolerance::default()
        };
        unfit_draw(build, original, draw, tolerance).unwrap()
    }

    /// The homework's 3.4 network with the first weight and the bias replaced.
    fn network(w1: f64, b: f64) -> String {
        format!("x = 3\nt = 1\nw1 = {w1}\nw2 = -5\nb = {b}")
    }

    #[test]
    fn a_dead_relu_or_a_saturated_sigmoid_is_refused() {
        let build: Build = crate::simple::build_simple;
        let original = network(0.01, -1.0);
        // ∂C/∂w2 = −0.0042 is not 0 at 3 decimals.
        assert_eq!(verdict(build, &original, &original, 3), None);
        assert_eq!(verdict(build, &original, &network(0.5, 2.0), 3), None);
        // w1·x < 0: the ReLU is dead, so ∂C/∂w1 = ∂C/∂w2 = 0.
        assert_eq!(
            verdict(build, &original, &network(-0.2, -1.0), 3).as_deref(),
            Some(ZERO_GRADIENT)
        );
        // b = 12: y = σ(11.85) ≈ 1 = t, so every gradient is below 10⁻⁵.
        assert_eq!(
            verdict(build, &original, &network(0.01, 12.0), 3).as_deref(),
            Some(ZERO_GRADIENT)
        );
        // w1 = 0.001: ∂C/∂w2 = a1·δ2 = −0.0004 is 0 at 3 decimals; at 2 decimals the
        // original's −0.0042 is 0 already, so the draw is no worse.
        let small = network(0.001, -1.0);
        assert_eq!(
            verdict(build, &original, &small, 3).as_deref(),
            Some(ZERO_GRADIENT)
        );
        assert_eq!(verdict(build, &original, &small, 2), None);
    }

    #[test]
    fn sgd_refuses_a_first_step_that_leaves_w1_in_place() {
        let build: Build = crate::sgd::build_sgd;
        let sgd = |w1: f64, eta: f64| format!("{}\neta = {eta}", network(w1, -1.0));
        let original = sgd(0.01, 0.1);
        assert_eq!(verdict(build, &original, &original, 9), None);
        // A dead ReLU: ∂C/∂w1 = 0, w1 stays at −0.2.
        assert_eq!(
            verdict(build, &original, &sgd(-0.2, 0.1), 9).as_deref(),
            Some(W1_STILL)
        );
        // η = 10⁻⁵ moves w1 by 2·10⁻⁵: lost at 4 decimals, seen at 9.
        assert_eq!(
            verdict(build, &original, &sgd(0.01, 1e-5), 4).as_deref(),
            Some(W1_STILL)
        );
        assert_eq!(verdict(build, &original, &sgd(0.01, 1e-5), 9), None);
    }
}
