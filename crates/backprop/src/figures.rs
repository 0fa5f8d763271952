//! Section 3's charts: σ, σ′, ReLU and ReLU′ side by side (3.3), and the loss over SGD
//! steps from step 0 (3.5). The diagrams (3.1, 3.2, 3.4) are in [`crate::diagrams`].
//! Nothing here computes the homework: callers pass the solver's numbers.

use nnhw_core::Figure;
use nnhw_core::numerics::Activation;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::plotters::style::text_anchor::{HPos, VPos};
use nnhw_plot::style::{INK, text, text_style};
use nnhw_plot::{
    Axis, Dash, Entry, Marker, Style, axes, chart, color, figure, finite_range, mesh, panel, px,
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

/// The ReLU′ panel's top: room over its step of 1 for the open marker.
const STEP_TOP: f64 = 1.2;
/// Share of the right half's height given to ReLU; ReLU′ takes the rest, a 0/1 step
/// needing less.
const RELU_SHARE: f64 = 0.55;
/// Width of the y tick labels of each panel, as nnhw-plot's `chart` leaves.
const Y_LABELS: f64 = 76.0;

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
            // A half-width panel holds about five z labels: "−3000" and its neighbours
            // run together at the default ten.
            let z_axis = Axis::new("z").ticks(5);
            let f = Activation::Sigmoid;
            let mut c = chart(&left, zr.clone(), -0.05..1.05)?;
            mesh(&mut c, z_axis, Axis::new("σ(z), σ′(z)"))?;
            axes::line(&mut c, &curve(|v| f.apply(v), &zr, z), &sigma)?;
            axes::line(&mut c, &curve(|v| f.derivative(v), &zr, z), &sigma_d)?;
            let at: Vec<(f64, f64)> = z.iter().map(|&v| (v, f.derivative(v))).collect();
            axes::marks(&mut c, &at, &sigma_at)?;

            // ReLU over the whole z range needs a y axis as tall as the range, where
            // ReLU′'s step of 1 would be a sliver: each gets a panel of its own on the
            // shared z axis, so both are drawn true to scale.
            let f = Activation::Relu;
            let (top, bottom) =
                right.split_vertically((right.dim_in_pixel().1 as f64 * RELU_SHARE) as u32);
            let mut c = panel(
                &top,
                zr.clone(),
                finite_range(-0.05 * reach, 1.05 * reach)?,
                Y_LABELS,
                false,
            )?;
            mesh(&mut c, z_axis.unlabelled(), Axis::new("ReLU(z)"))?;
            // ReLU is a line: its two pieces.
            axes::line(&mut c, &[(-reach, 0.0), (0.0, 0.0), (reach, reach)], &relu)?;
            let mut c = panel(&bottom, zr.clone(), -0.1..STEP_TOP, Y_LABELS, true)?;
            mesh(&mut c, z_axis, Axis::new("ReLU′(z)").ticks(3))?;
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
            c.draw_series(labels)?;
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
    use super::{activations, short};

    /// The points of every polyline stroked `color` in `svg`'s plot (not its legend's
    /// swatches), in drawing units.
    fn polylines(svg: &str, color: nnhw_plot::plotters::style::RGBColor) -> Vec<Vec<(f64, f64)>> {
        let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", color.0, color.1, color.2);
        let plot = svg.split(nnhw_plot::LEGEND_ID).next().unwrap_or(svg);
        plot.lines()
            .filter(|l| l.starts_with("<polyline") && l.contains(&stroke))
            .map(|l| {
                let start = l.find("points=\"").unwrap() + 8;
                let end = start + l[start..].find('"').unwrap();
                l[start..end]
                    .split_whitespace()
                    .map(|p| {
                        let (x, y) = p.split_once(',').unwrap();
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn relu_is_drawn_over_the_whole_z_range_and_true_to_scale() {
        let svg = activations("t", &[-10.0, -2.0, 0.0, 2.0, 10.0])
            .unwrap()
            .svg;
        let relu = polylines(&svg, nnhw_plot::color(2));
        assert_eq!(relu.len(), 1, "ReLU is one line");
        let relu = &relu[0];
        // Its derivative, dashed, is drawn out to the largest |z|.
        let derivative: Vec<(f64, f64)> = polylines(&svg, nnhw_plot::color(3))
            .into_iter()
            .flatten()
            .collect();
        let right = derivative.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        let &(x_end, y_end) = relu.last().unwrap();
        // ReLU′'s last dash may end up to one dash period (11 px) short of the edge.
        assert!(
            x_end >= right && x_end - right <= 110.0,
            "ReLU stops at {x_end}, ReLU′ at {right}"
        );
        // Past 0 it rises by as much as z grows: on its panel, from z = 0 to the end it
        // climbs most of the panel's height rather than leaving through its top.
        let (x0, y0) = relu[1];
        let rise = y0 - y_end;
        assert!(
            rise > 0.5 * (x_end - x0),
            "rise {rise} over run {}",
            x_end - x0
        );
        assert!(y_end > 0.0);
    }

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
