//! When a per-student variant of a section-1 problem is unfair to grade.
//!
//! Each rule compares the draw with the spec it was drawn from: a softmax output that the
//! grading cannot tell from 0 or 1, a region that stops being bounded or non-empty, two
//! units that draw one boundary. A draw is refused only for what the original does not
//! do itself, so a spec that asks about such a case on purpose keeps its variants.
//!
//! Every rule reads the answers the kind's own solver put in the reports, so it judges
//! exactly what a student is graded on.

use nnhw_core::{Fitness, Line, Report, Value};

/// Why a softmax draw is refused.
pub const SOFTMAX_EDGE: &str = "a softmax output rounds to 0 or 1 at the graded decimals";
/// Why a decision region that became unbounded is refused.
pub const UNBOUNDED: &str = "the region is unbounded where the original's is bounded";
/// Why a decision region that became empty is refused.
pub const EMPTY: &str = "the region is empty where the original's is not";
/// Why two units with one boundary line are refused.
pub const COINCIDENT: &str = "two hidden units share a boundary line where the original's do not";
/// Why a unit with both weights 0 is refused.
pub const NO_BOUNDARY: &str = "a hidden unit has no boundary line where the original's all do";
/// Why a draw with a repeated β is refused.
pub const EQUAL_BETAS: &str = "two inverse temperatures are equal";

/// A softmax output graded as exactly 0 or 1: a student who keeps fewer digits than the
/// solver, or whose calculator overflows e^(β·a), writes 0 or 1 and is told it is right
/// or wrong by luck, and the question of how the outputs compare degenerates.
pub fn softmax_edge(report: &Report, fitness: &Fitness<'_>, names: &[&str]) -> Option<String> {
    let at_edge = |r: &Report| {
        names
            .iter()
            .flat_map(|name| r.numbers(name))
            .any(|o| fitness.graded_as(o, 0.0) || fitness.graded_as(o, 1.0))
    };
    (at_edge(report) && !at_edge(fitness.original)).then(|| SOFTMAX_EDGE.into())
}

/// A region whose character changed from the original's (bounded, non-empty), or whose
/// units degenerate: two boundaries that coincide, a unit with no boundary at all.
pub fn region(report: &Report, fitness: &Fitness<'_>) -> Option<String> {
    let area = report.number("area");
    let original = fitness.original.number("area");
    if let (Some(area), Some(original)) = (area, original) {
        if original > 0.0 && area == 0.0 {
            return Some(EMPTY.into());
        }
        if original.is_finite() && original > 0.0 && area.is_infinite() {
            return Some(UNBOUNDED.into());
        }
    }
    let (lines, original) = (lines(report), lines(fitness.original));
    if coincident(&lines) && !coincident(&original) {
        return Some(COINCIDENT.into());
    }
    let degenerate = |lines: &[Line]| lines.iter().any(|l| l.a == 0.0 && l.b == 0.0);
    if degenerate(&lines) && !degenerate(&original) {
        return Some(NO_BOUNDARY.into());
    }
    None
}

fn lines(report: &Report) -> Vec<Line> {
    match report.named("boundaries") {
        Some(nnhw_core::Answer {
            value: Value::Lines(lines),
            ..
        }) => lines.clone(),
        _ => Vec::new(),
    }
}

/// Whether two of the lines are one line, either way round. Not decided exactly, as the
/// region is: draws are decimals, and 0.1·x1 + 0.3 = 0 and 0.3·x1 + 0.9 = 0 are one line
/// to a student but two in f64, with a sliver between them that only rounding put there.
fn coincident(lines: &[Line]) -> bool {
    /// Relative difference below which two normalised coefficients are the same.
    const SAME: f64 = 1e-9;
    let close = |x: f64, y: f64| (x - y).abs() <= SAME * (1.0 + x.abs().max(y.abs()));
    let unit: Vec<[f64; 3]> = lines
        .iter()
        .filter(|l| l.a != 0.0 || l.b != 0.0)
        .map(|l| {
            let n = nnhw_core::numerics::hypot(l.a, l.b);
            [l.a / n, l.b / n, l.c / n]
        })
        .collect();
    unit.iter().enumerate().any(|(j, p)| {
        unit[j + 1..].iter().any(|q| {
            [1.0, -1.0]
                .iter()
                .any(|s| (0..3).all(|k| close(p[k], s * q[k])))
        })
    })
}

/// Two equal β ask the same question twice, and the trend between them is no trend.
/// The gaps stand for the βs: g = ln(1/m − 1)/β is one-to-one in β.
pub fn equal_betas(report: &Report, fitness: &Fitness<'_>) -> Option<String> {
    let repeats = |r: &Report| {
        let mut gaps = r.numbers("max_gap");
        gaps.sort_by(f64::total_cmp);
        gaps.windows(2).any(|w| w[0] == w[1])
    };
    (repeats(report) && !repeats(fitness.original)).then(|| EQUAL_BETAS.into())
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

    const LAYERS: &str = r#"
        [[params.layers]]
        weights = [[1, 0], [0, 1], [-1, 0], [0, -1]]
        bias = [-1, -1, -1, -1]
        [[params.layers]]
        weights = [[1, 1, 1, 1], [-1, -1, -1, -1]]
        bias = [0, 2]
    "#;

    fn feedforward(x: &str, output: &str) -> String {
        format!("x = {x}\noutput = \"{output}\"\n{LAYERS}")
    }

    #[test]
    fn feedforward_refuses_an_output_that_rounds_to_0() {
        let build: Build = crate::feedforward::build;
        let original = feedforward("[3, 14]", "softmax");
        // o = softmax(15, 0): o2 = 3.1e-7, not 0 at 9 decimals.
        assert_eq!(verdict(build, &original, &original, 9), None);
        // x = (3, 24): softmax(25, 0), o2 = 1.4e-11 rounds to 0 at 9 decimals.
        let draw = feedforward("[3, 24]", "softmax");
        assert_eq!(
            verdict(build, &original, &draw, 9).as_deref(),
            Some(SOFTMAX_EDGE)
        );
        // At 6 decimals the original's o2 already rounds to 0, so the draw is no worse.
        assert_eq!(verdict(build, &original, &draw, 6), None);
        // Without a softmax there is no such edge: o = (25, 0) is the last layer's output.
        let plain = feedforward("[3, 24]", "none");
        assert_eq!(verdict(build, &original, &plain, 9), None);
    }

    #[test]
    fn hidden_sum_refuses_an_output_that_rounds_to_1() {
        let build: Build = crate::hidden_sum::build;
        let spec = |sums: &str| {
            format!(
                "weights = [[1, 1, 1, 1], [-1, -1, -1, -1]]\nbias = [0, 2]\nhidden_sums = {sums}"
            )
        };
        let original = spec("[1, 0, 3]");
        assert_eq!(verdict(build, &original, &spec("[1, 0, 2]"), 3), None);
        // s = 5: o1 = e^5/(e^5 + 1) = 0.99331 is 0.993 at 3 decimals; s = 9: 0.99988 is 1.000.
        assert_eq!(verdict(build, &original, &spec("[1, 0, 5]"), 3), None);
        assert_eq!(
            verdict(build, &original, &spec("[1, 0, 9]"), 3).as_deref(),
            Some(SOFTMAX_EDGE)
        );
    }

    fn region_spec(weights: &str, bias: &str) -> String {
        format!("weights = {weights}\nbias = {bias}")
    }

    #[test]
    fn a_region_must_stay_bounded_and_non_empty() {
        let build: Build = crate::decision_region::build;
        let square = region_spec("[[1, 0], [0, 1], [-1, 0], [0, -1]]", "[-1, -1, -1, -1]");
        let rectangle = region_spec("[[2, 0], [0, 1], [-1, 0], [0, -1]]", "[-1, -3, -1, -2]");
        assert_eq!(verdict(build, &square, &rectangle, 3), None);
        // The third unit moved across the first: x1 < 1 and x1 > 2 meet nowhere.
        let empty = region_spec("[[1, 0], [0, 1], [-1, 0], [0, -1]]", "[-1, -1, 2, -1]");
        assert_eq!(verdict(build, &square, &empty, 3).as_deref(), Some(EMPTY));
        // Both x2 units turned the same way: the strip is open downwards.
        let open = region_spec("[[1, 0], [0, 1], [-1, 0], [0, 1]]", "[-1, -1, -1, -2]");
        assert_eq!(
            verdict(build, &square, &open, 3).as_deref(),
            Some(UNBOUNDED)
        );
        // An unbounded original may draw unbounded variants.
        assert_eq!(verdict(build, &open, &open, 3), None);
    }

    #[test]
    fn two_units_on_one_line_are_refused() {
        let build: Build = crate::decision_region::build;
        let triangle = region_spec("[[1, 0], [0, 1], [-1, -1]]", "[-1, -1, -1]");
        // 0.1·x1 − 0.3 and 0.3·x1 − 0.9: the line x1 = 3 twice, not exactly so in f64.
        let doubled = region_spec(
            "[[0.1, 0], [0.3, 0], [0, 1], [-1, -1]]",
            "[-0.3, -0.9, -1, -1]",
        );
        assert_eq!(
            verdict(build, &triangle, &doubled, 3).as_deref(),
            Some(COINCIDENT)
        );
        let distinct = region_spec(
            "[[0.1, 0], [0.3, 0], [0, 1], [-1, -1]]",
            "[-0.3, -0.8, -1, -1]",
        );
        assert_eq!(verdict(build, &triangle, &distinct, 3), None);
        let flat = region_spec("[[1, 0], [0, 1], [-1, -1], [0, 0]]", "[-1, -1, -1, -1]");
        assert_eq!(
            verdict(build, &triangle, &flat, 3).as_deref(),
            Some(NO_BOUNDARY)
        );
    }

    #[test]
    fn repeated_betas_are_refused() {
        let build: Build = crate::temperature::build;
        let spec = |betas: &str| format!("betas = {betas}\nmin_o2 = 0.001");
        let original = spec("[1, 3]");
        assert_eq!(verdict(build, &original, &spec("[2, 5]"), 3), None);
        assert_eq!(
            verdict(build, &original, &spec("[2, 2]"), 3).as_deref(),
            Some(EQUAL_BETAS)
        );
        assert_eq!(verdict(build, &spec("[2, 2]"), &spec("[3, 3]"), 3), None);
    }
}
