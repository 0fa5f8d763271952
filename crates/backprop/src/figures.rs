//! Section 3's charts: σ, σ′, ReLU and ReLU′ side by side (3.3), and the loss over SGD
//! steps from step 0 (3.5). The diagrams (3.1, 3.2, 3.4) are in [`crate::diagrams`].
//! Nothing here computes the homework: callers pass the solver's numbers.

use nnhw_core::Figure;
use nnhw_core::numerics::Activation;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::plotters::style::text_anchor::{HPos, VPos};
use nnhw_plot::style::{INK, text, text_style};
use nnhw_plot::{
    Axis, Dash, Entry, Marker, Style, axes, chart, color, fail, figure, finite_range, mesh, px,
};

/// `v` at the diagrams' precision: 4 significant digits (nnhw-plot's [`nnhw_plot::short`]).
pub fn short(v: f64) -> String {
    nnhw_plot::short(v, 4)
}

/// Samples of `f` over `range`, with 0 and `extra` added so a peak or a kink there is not
/// stepped over however wide the range.
fn curve(f: impl Fn(f64) -> f64, range: &std::ops::Range<f64>, extra: &[f64]) -> Vec<(f64, f64)> {
    const SAMPLES: usize = 400;
    let mut zs: Vec<f64> = (0..=SAMPLES)
        .map(|i| range.start + (range.end - range.start) * i as f64 / SAMPLES as f64)
        .chain(extra.iter().copied().filter(|z| range.contains(z)))
        .chain([0.0])
        .collect();
    zs.sort_by(f64::total_cmp);
    zs.dedup();
    zs.into_iter().map(|z| (z, f(z))).collect()
}

/// The ReLU panel's top: high enough to show ReLU′'s step of 1 large, so ReLU itself is
/// cut where it leaves the panel.
const RELU_TOP: f64 = 1.6;

/// Most z values marked on each panel.
const MARKED: usize = 60;

/// 3.3: σ and σ′ beside ReLU and ReLU′, the spec's z marked on both derivatives and
/// ReLU′'s jump at 0 drawn with a closed marker at the value it takes and an open one at
/// the value it does not.
pub fn activations(title: &str, z: &[f64]) -> Option<Figure> {
    // Thousands of z overlap on a 300-pixel panel and each is an SVG element: mark the
    // distinct values, at most MARKED of them spread over the list.
    let mut distinct: Vec<f64> = z.to_vec();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let every = distinct.len().div_ceil(MARKED).max(1);
    let last = distinct.last().copied();
    let mut z: Vec<f64> = distinct.into_iter().step_by(every).collect();
    // Both ends, so the panels reach the largest |z|.
    if let Some(last) = last
        && z.last() != Some(&last)
    {
        z.push(last);
    }
    let z = z.as_slice();
    let sigma = Style::line(color(0));
    let sigma_d = Style::line(color(1)).dash(Dash::Dashed);
    let sigma_at = sigma_d.dash(Dash::None).marker(Marker::Circle);
    let relu = Style::line(color(2));
    let relu_d = Style::line(color(3)).dash(Dash::Dashed);
    let relu_at = relu_d.dash(Dash::None).marker(Marker::Square);
    let jump = relu_d.dash(Dash::None).marker(Marker::Circle);
    let legend = [
        Entry::series("σ(z)", sigma),
        Entry::series("σ′(z)", sigma_d),
        Entry::series("σ′ at the spec's z", sigma_at),
        Entry::series("ReLU(z)", relu),
        Entry::series("ReLU′(z)", relu_d),
        Entry::series("ReLU′ at the spec's z", relu_at),
        Entry::series("ReLU′ at 0: ● taken, ○ not taken", jump.hollow()),
    ];
    let reach = 1.05
        * z.iter()
            .map(|v| v.abs())
            .filter(|v| v.is_finite())
            .fold(6.0, f64::max);
    let svg = figure(
        title,
        "σ and ReLU (solid) with their derivatives (dashed); markers at the spec's z",
        &legend,
        |area| {
            let (left, right) = area.split_horizontally(area.dim_in_pixel().0 / 2);
            let zr = finite_range(-reach, reach)?;
            let f = Activation::Sigmoid;
            let mut c = chart(&left, zr.clone(), -0.05..1.05)?;
            mesh(&mut c, Axis::new("z"), Axis::new("σ(z), σ′(z)"))?;
            axes::line(&mut c, &curve(|v| f.apply(v), &zr, z), &sigma)?;
            axes::line(&mut c, &curve(|v| f.derivative(v), &zr, z), &sigma_d)?;
            let at: Vec<(f64, f64)> = z.iter().map(|&v| (v, f.derivative(v))).collect();
            axes::marks(&mut c, &at, &sigma_at)?;

            let f = Activation::Relu;
            let mut c = chart(&right, zr.clone(), -0.1..RELU_TOP)?;
            mesh(&mut c, Axis::new("z"), Axis::new("ReLU(z), ReLU′(z)"))?;
            // ReLU is a line: its two pieces, cut at the panel's top.
            let top = RELU_TOP.min(reach);
            axes::line(&mut c, &[(-reach, 0.0), (0.0, 0.0), (top, top)], &relu)?;
            // ReLU′ is drawn as the engine computes it, one piece on each side of the jump.
            let (below, above) = (f.derivative(-reach), f.derivative(reach));
            axes::line(&mut c, &[(-reach, below), (0.0, below)], &relu_d)?;
            axes::line(&mut c, &[(0.0, above), (reach, above)], &relu_d)?;
            // At z = 0 the jump's closed marker is the spec's point: a square under it
            // would blur the closed/open distinction.
            let at: Vec<(f64, f64)> = z
                .iter()
                .filter(|&&v| v != 0.0)
                .map(|&v| (v, f.derivative(v)))
                .collect();
            axes::marks(&mut c, &at, &relu_at)?;
            let at_zero = f.derivative(0.0);
            let missed = if at_zero == below { above } else { below };
            axes::marks(&mut c, &[(0.0, missed)], &jump.hollow())?;
            axes::marks(&mut c, &[(0.0, at_zero)], &jump)
        },
    )?;
    Some(Figure {
        name: "sigmoid".into(),
        caption: "σ, σ′, ReLU and ReLU′: σ′ vanishes as |z| grows, ReLU′ is 0 below 0 and 1 above"
            .into(),
        svg,
    })
}

/// Runs this long or shorter get each loss written beside its marker.
const LABELLED: usize = 6;

/// 3.5: the loss before training (step 0) and after each step, up to the last finite one.
pub fn loss(title: &str, before: f64, after: &[f64], diverged_at: Option<u64>) -> Option<Figure> {
    let style = Style::series(0);
    let start = style.dash(Dash::None).hollow();
    let points: Vec<(f64, f64)> = std::iter::once(before)
        .chain(after.iter().copied())
        .enumerate()
        .map(|(i, c)| (i as f64, c))
        .collect();
    let points = nnhw_plot::thin(&points);
    let steps = after.len() as f64;
    let subtitle = match diverged_at {
        Some(step) => {
            format!("C before training (step 0) and after each step; diverged at step {step}")
        }
        None => "the loss C before training (step 0) and after each SGD step".to_string(),
    };
    let legend = [
        Entry::series("C before training (step 0)", start),
        Entry::series("C after each step", style),
    ];
    let svg = figure(title, &subtitle, &legend, |area| {
        let high = points.iter().map(|p| p.1).fold(0.0, f64::max);
        let pad = (0.03 * steps).max(0.5);
        let mut c = chart(
            area,
            finite_range(-pad, steps + pad)?,
            finite_range(0.0, (1.15 * high).max(f64::MIN_POSITIVE))?,
        )?;
        mesh(&mut c, Axis::integer("step"), Axis::new("C"))?;
        axes::series(&mut c, &points, &style)?;
        axes::marks(&mut c, &points[..1], &start)?;
        if points.len() <= LABELLED {
            // Written above each marker, so a short run reads without the axis.
            let labels = points.iter().map(|&(step, loss)| {
                EmptyElement::at((step, loss))
                    + Text::new(
                        short(loss),
                        (0, -px(10.0)),
                        text_style(text::BODY, INK, HPos::Center, VPos::Bottom),
                    )
            });
            c.draw_series(labels).map_err(fail)?;
        }
        Ok(())
    })?;
    Some(Figure {
        name: "loss".into(),
        caption: "the loss C from step 0 (before training) to the last SGD step".into(),
        svg,
    })
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn numbers_read_like_a_person_wrote_them() {
        assert_eq!(short(-0.13874), "−0.1387");
        assert_eq!(short(2.080_93), "2.081");
        assert_eq!(short(0.0), "0");
        assert_eq!(short(-5.0), "−5");
        assert_eq!(short(1234.6), "1235");
        assert_eq!(short(0.000_012_346), "1.235×10⁻⁵");
        // A mantissa that rounds to 10 carries into the next power.
        assert_eq!(short(-9.999_6e-5), "−10⁻⁴");
        // Whole numbers below 10⁶ keep their digits.
        assert_eq!(short(123_456.0), "123456");
        assert_eq!(short(-0.001), "−0.001");
    }
}
