//! The house style of nnhw's figures: an SVG canvas of one size, a palette readable on
//! white, a captioned chart and a framed legend, so every section's figures look alike.
//!
//! It draws nothing of its own; section crates draw their figures with plotters inside
//! [`render`]. It holds no math.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, Ranged};
use plotters::prelude::*;

pub use plotters;

/// Every figure's size in pixels.
pub const SIZE: (u32, u32) = (720, 600);

/// The drawing area a figure draws on.
pub type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Matplotlib's tab10 without its yellow-green and cyan: each readable on white.
const COLORS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

/// The i-th series colour (cycling).
pub fn color(i: usize) -> RGBColor {
    COLORS[i % COLORS.len()]
}

/// Lets `?` carry any plotters error out as text.
pub fn fail<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// `lo..hi` when it is a finite, non-empty range plotters can lay out; plotters never
/// finishes on an infinite one.
pub fn finite_range(lo: f64, hi: f64) -> Result<std::ops::Range<f64>, String> {
    if lo.is_finite() && hi.is_finite() && lo < hi && (hi - lo).is_finite() {
        Ok(lo..hi)
    } else {
        Err(format!("cannot draw an axis from {lo} to {hi}"))
    }
}

/// Most points drawn for one curve: more is invisible on a 720-pixel figure and bloats
/// the SVG.
pub const MAX_POINTS: usize = 2_000;

/// Every k-th point (and the last), so a curve has at most [`MAX_POINTS`] points.
pub fn thin<T: Copy>(points: &[T]) -> Vec<T> {
    let step = points.len().div_ceil(MAX_POINTS).max(1);
    let mut kept: Vec<T> = points.iter().copied().step_by(step).collect();
    if let Some(&last) = points.last()
        && !(points.len() - 1).is_multiple_of(step)
    {
        kept.push(last);
    }
    kept
}

/// Renders one figure to an SVG document; `None` if plotters reported an error.
pub fn render(draw: impl FnOnce(&Root<'_>) -> Result<(), String>) -> Option<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).ok()?;
        draw(&root).ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// A chart over the plane with axes `X` and `Y`, drawn on SVG.
pub type Chart<'a, 'b, X, Y> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>,
>;

/// A chart with the house caption, margins and label areas.
pub fn chart<'a, 'b, X: AsRangedCoord, Y: AsRangedCoord>(
    root: &'a Root<'b>,
    caption: &str,
    x: X,
    y: Y,
) -> Result<Chart<'a, 'b, X, Y>, String> {
    ChartBuilder::on(root)
        .caption(caption, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(64)
        .build_cartesian_2d(x, y)
        .map_err(fail)
}

/// The framed legend in the upper right.
pub fn legend<'a, 'b: 'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
        .map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_whole_svg_document() {
        let svg = render(|root| {
            let mut c = chart(root, "caption-xyz", 0.0..1.0, 0.0..1.0)?;
            c.configure_mesh().draw().map_err(fail)?;
            c.draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], color(0)))
                .map_err(fail)?
                .label("series-abc")
                .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], color(0)));
            legend(&mut c)
        })
        .unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("caption-xyz") && svg.contains("series-abc"));
    }

    #[test]
    fn long_curves_are_thinned_keeping_both_ends() {
        let points: Vec<usize> = (0..10_001).collect();
        let kept = thin(&points);
        assert!(kept.len() <= MAX_POINTS + 1);
        assert_eq!(kept.first(), Some(&0));
        assert_eq!(kept.last(), Some(&10_000));
        assert_eq!(thin(&[1, 2, 3]), vec![1, 2, 3]);
    }

    #[test]
    fn infinite_ranges_are_refused_before_plotters_sees_them() {
        assert!(finite_range(0.0, 1.0).is_ok());
        assert!(finite_range(0.0, f64::INFINITY).is_err());
        assert!(finite_range(-1e308, 1e308).is_err());
        assert!(finite_range(1.0, 1.0).is_err());
    }
}
