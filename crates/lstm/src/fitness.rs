//! When a per-student variant of `lstm.states` is unfair to grade: the homework's rules
//! have edges where a tiny change in a value flips what follows (h rounds to 0 or to ±1
//! across |h| = 0.5; σ and tanh jump to their saturated values at ±1), and a student
//! working by hand carries rounded intermediates. A draw that lands near an edge, but not
//! on it, is decided by how many digits the student kept, or by floating-point error when
//! decimals like −1.9 + 0.9 miss −1 by an ulp.

use nnhw_core::Report;

use crate::rounding::Rounding;
use crate::spec::Setup;
use crate::trace::Trace;

/// How close to an edge a value may come without being on it. A student computing by
/// hand keeps two or three decimals, so anything within 0.01 of an edge may fall on
/// either side of it in their working. Exactly on the edge is fair: the homework's own
/// rules decide it (±0.5 → 0, σ and tanh saturate from ±1 on).
pub const MARGIN: f64 = 0.01;

/// Why a draw whose raw h nearly ties is refused.
pub fn near_half() -> String {
    format!("a raw h lies within {MARGIN} of ±0.5")
}

/// Why a draw whose gate nearly saturates is refused.
pub fn near_saturation() -> String {
    format!("a gate's pre-activation lies within {MARGIN} of ±1")
}

/// Why a draw whose tanh(c) nearly saturates is refused.
pub fn cell_near_saturation() -> String {
    format!("a cell state lies within {MARGIN} of ±1")
}

/// Within [`MARGIN`] of ±`edge` without being on it.
fn near(value: f64, edge: f64) -> bool {
    let off = (value.abs() - edge).abs();
    off > 0.0 && off < MARGIN
}

/// The first edge the trace comes near, per component of every step: the raw h (when it
/// is rounded half to zero), the arguments of σ and tanh (when they jump at ±1).
pub fn unfit(setup: &Setup, inputs: &[Vec<f64>], trace: &Trace) -> Option<String> {
    if setup.rounding == Rounding::HalfToZero
        && trace.steps.iter().flat_map(|s| &s.h).any(|&h| near(h, 0.5))
    {
        return Some(near_half());
    }
    if !setup.lstm.approximation.jumps_at_saturation() {
        return None;
    }
    for (t, x) in inputs.iter().enumerate() {
        let (h_prev, _) = trace.state_before(setup, t);
        let pre = setup.lstm.pre_activations(x, h_prev);
        if pre.iter().flatten().any(|&a| near(a, 1.0)) {
            return Some(near_saturation());
        }
    }
    // c is the argument of tanh in h = o·tanh(c).
    if trace.steps.iter().flat_map(|s| &s.c).any(|&c| near(c, 1.0)) {
        return Some(cell_near_saturation());
    }
    None
}

/// Why a draw whose h is 0 at every step is refused when the original's is not: an
/// input that never moves the state asks nothing (x all 0s in the homework's LSTM).
pub const H_NEVER_MOVES: &str = "h is 0 at every step where the original's is not";

/// [`H_NEVER_MOVES`], when it applies.
pub fn h_never_moves(report: &Report, original: &Report) -> Option<String> {
    let all_zero = |r: &Report| {
        let h = r.numbers("h");
        !h.is_empty() && h.iter().all(|&x| x == 0.0)
    };
    (all_zero(report) && !all_zero(original)).then(|| H_NEVER_MOVES.to_string())
}

#[cfg(test)]
mod tests {
    use nnhw_core::spec::Document;
    use nnhw_core::{Fitness, Tolerance};

    use super::*;

    fn verdict_on(text: &str) -> Option<String> {
        let doc = Document::parse("spec.toml", text).unwrap();
        let problem = crate::states::build(&doc.params()).unwrap();
        let report = problem.solve();
        let fitness = Fitness {
            original: &report,
            tolerance: Tolerance::default(),
        };
        problem.unfit(&report, &fitness)
    }

    /// One step on x = `x` of a scalar LSTM whose weights are 0 but the candidate's
    /// `c_x`, with `bias` (TOML key/values) and further params `extra`.
    fn verdict(x: f64, c_x: f64, bias: &str, extra: &str) -> Option<String> {
        let zero = "f_h = 0, f_x = 0, i_h = 0, i_x = 0, o_h = 0, o_x = 0, c_h = 0";
        verdict_on(&format!(
            "kind = \"lstm.states\"\n[params]\nx = [{x}]\n{extra}\n\
             weights = {{ {zero}, c_x = {c_x} }}\nbias = {{ {bias} }}"
        ))
    }

    #[test]
    fn a_gate_near_saturation_is_refused_but_not_one_on_it() {
        let forget = |b: f64, model: &str| {
            verdict(
                1.0,
                0.0,
                &format!("f = {b}"),
                &format!("approximation = \"{model}\""),
            )
        };
        assert_eq!(forget(0.995, "homework"), Some(near_saturation()));
        assert_eq!(forget(-1.004, "homework"), Some(near_saturation()));
        assert_eq!(forget(1.0, "homework"), None);
        assert_eq!(forget(-1.0, "homework"), None);
        assert_eq!(forget(0.9, "homework"), None);
        // The linear σ meets 1 at 1 and the exact one never gets there: nothing jumps.
        assert_eq!(forget(0.995, "linear"), None);
        assert_eq!(forget(0.995, "exact"), None);
        // The candidate: −1.9 + (−1.8)·(−0.5) is −1 to a student, −0.9999999999999999 in
        // f64, where the homework's tanh gives −0.76 rather than −1.
        assert_eq!(verdict(-0.5, -1.8, "c = -1.9", ""), Some(near_saturation()));
        assert_eq!(verdict(-0.5, -1.8, "c = -2.1", ""), None);
    }

    #[test]
    fn a_raw_h_near_one_half_is_refused_but_not_one_on_it() {
        // c = 1·c0 + 0·tanh(0) = 1 exactly, so h = σ(b_o)·tanh(1) = σ(b_o) under the
        // homework's saturating tanh.
        let h = |b_o: f64, extra: &str| {
            verdict(
                1.0,
                0.0,
                &format!("f = 5, i = -5, o = {b_o}"),
                &format!("c0 = 1\n{extra}"),
            )
        };
        assert_eq!(h(-0.02, ""), Some(near_half())); // h = 0.49500
        assert_eq!(h(0.0, ""), None); // h = 0.5 exactly: the rule sends it to 0
        assert_eq!(h(-0.5, ""), None); // h = 0.378
        assert_eq!(h(-0.02, "rounding = \"none\""), None);
    }

    #[test]
    fn a_cell_state_near_one_is_refused_under_the_homework_model() {
        // f = 1 keeps c0, i = 0 adds nothing: c = 0.995, and tanh(c) ≈ 0.76 where a
        // student who rounds c to 1 gets 1. h = 0.5·tanh(0.995) = 0.38 is far from ±0.5.
        let cell = |c0: f64| verdict(1.0, 0.0, "f = 5, i = -5", &format!("c0 = {c0}"));
        assert_eq!(cell(0.995), Some(cell_near_saturation()));
        assert_eq!(cell(-0.995), Some(cell_near_saturation()));
        assert_eq!(cell(1.0), None);
        assert_eq!(cell(0.9), None);
    }

    #[test]
    fn every_unit_of_a_wider_state_is_checked() {
        let spec = |f: &str| {
            let zero = "[[0, 0], [0, 0]]";
            let weights = ["f", "i", "o", "c"]
                .map(|g| format!("{g}_h = {zero}, {g}_x = [[0], [0]]"))
                .join(", ");
            format!(
                "kind = \"lstm.states\"\n[params]\nx = [[1], [0]]\n\
                 weights = {{ {weights} }}\nbias = {{ f = {f} }}"
            )
        };
        assert_eq!(verdict_on(&spec("[0, 0.995]")), Some(near_saturation()));
        assert_eq!(verdict_on(&spec("[0, 1]")), None);
    }

    #[test]
    fn an_input_that_never_moves_h_is_refused_unless_the_original_does_too() {
        let report = |h: &[f64]| {
            let mut r = Report::default();
            r.answer("h", nnhw_core::Value::numbers(h), None);
            r
        };
        let (still, moving) = (report(&[0.0, 0.0, 0.0]), report(&[0.0, 1.0, -1.0]));
        assert_eq!(
            h_never_moves(&still, &moving).as_deref(),
            Some(H_NEVER_MOVES)
        );
        assert_eq!(h_never_moves(&still, &still), None);
        assert_eq!(h_never_moves(&moving, &moving), None);
    }

    #[test]
    fn the_homework_specs_are_fit() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../problems");
        for name in ["lstm1.toml", "lstm2.toml", "beyond/lstm_vector.toml"] {
            let text = std::fs::read_to_string(format!("{root}/{name}")).unwrap();
            assert_eq!(verdict_on(&text), None, "{name}");
        }
    }
}
