//! Charts in the house style: a light major grid only, tick labels without float noise
//! and with real minus signs, integer ticks on integer axes, equal scales for geometry,
//! and series drawn with their [`Style`].

use std::ops::Range;

use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::prelude::*;

use crate::mark::{Mark, PathKind, path_element};
use crate::style::{GRID, INK, Style, font, integer_tick, px, text, tick_on};
use crate::{Error, Root};

/// A chart over the plane with axes `X` and `Y`, drawn on SVG.
pub type Chart<'a, 'b, X, Y> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>,
>;

const MARGIN: f64 = 14.0;
const X_LABELS: f64 = 62.0;
const Y_LABELS: f64 = 96.0;

/// A chart filling `area`, with room for tick labels and axis descriptions.
pub fn chart<'a, 'b, X: AsRangedCoord, Y: AsRangedCoord>(
    area: &'a Root<'b>,
    x: X,
    y: Y,
) -> Result<Chart<'a, 'b, X, Y>, Error> {
    panel(area, x, y, Y_LABELS, true)
}

/// A chart as [`chart`] but with `y_labels` CSS pixels for the y tick labels, and room
/// under it for x tick labels only when `x_labelled`: panels stacked on one time axis
/// label it once, under the bottom one (matplotlib's `sharex`).
pub fn panel<'a, 'b, X: AsRangedCoord, Y: AsRangedCoord>(
    area: &'a Root<'b>,
    x: X,
    y: Y,
    y_labels: f64,
    x_labelled: bool,
) -> Result<Chart<'a, 'b, X, Y>, Error> {
    ChartBuilder::on(area)
        .margin(px(MARGIN))
        .margin_right(px(2.0 * MARGIN))
        .x_label_area_size(px(if x_labelled { X_LABELS } else { 4.0 }))
        .y_label_area_size(px(y_labels))
        .build_cartesian_2d(x, y)
        .map_err(Error::from)
}

/// The plotting area's size in drawing units for a chart built by [`chart`] on `area`.
pub fn plot_size(area: &Root<'_>) -> (f64, f64) {
    let (w, h) = area.dim_in_pixel();
    (
        w as f64 - px(3.0 * MARGIN + Y_LABELS) as f64,
        h as f64 - px(2.0 * MARGIN + X_LABELS) as f64,
    )
}

/// `x` and `y` widened (never narrowed) about their centres so one unit is as long on
/// both axes: a square looks square.
pub fn equal_scales(area: &Root<'_>, x: Range<f64>, y: Range<f64>) -> (Range<f64>, Range<f64>) {
    let (w, h) = plot_size(area);
    let (dx, dy) = (x.end - x.start, y.end - y.start);
    let per_pixel = (dx / w).max(dy / h);
    let widen = |r: Range<f64>, span: f64| {
        let middle = 0.5 * (r.start + r.end);
        middle - 0.5 * span..middle + 0.5 * span
    };
    (widen(x, per_pixel * w), widen(y, per_pixel * h))
}

/// What an axis measures and how its ticks read.
#[derive(Debug, Clone, Copy)]
pub struct Axis<'t> {
    /// The description under or beside the axis.
    pub desc: &'t str,
    /// Ticks only at integers (steps, units).
    pub integer: bool,
    /// Most tick labels.
    pub ticks: usize,
    /// Whether tick labels and the description are drawn (a panel sharing its x axis
    /// with the one below draws the grid only).
    pub labelled: bool,
}

impl<'t> Axis<'t> {
    /// A continuous axis.
    pub fn new(desc: &'t str) -> Self {
        Axis {
            desc,
            integer: false,
            ticks: MAX_TICKS,
            labelled: true,
        }
    }

    /// An axis whose ticks fall on integers only.
    pub fn integer(desc: &'t str) -> Self {
        Axis {
            integer: true,
            ..Axis::new(desc)
        }
    }

    /// The same with at most `ticks` tick labels (a short panel has room for few).
    pub fn ticks(self, ticks: usize) -> Self {
        Axis { ticks, ..self }
    }

    /// The same with the grid only: no tick labels, no description.
    pub fn unlabelled(self) -> Self {
        Axis {
            labelled: false,
            ..self
        }
    }
}

/// Most ticks on one axis.
const MAX_TICKS: usize = 10;

fn tick_count(r: Range<f64>, axis: &Axis<'_>) -> usize {
    if axis.integer {
        ((r.end - r.start).floor() as usize + 1).clamp(2, axis.ticks.max(2))
    } else {
        axis.ticks
    }
}

/// Draws the grid, axes and tick labels.
pub fn mesh<'a, 'b: 'a, X, Y>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    x: Axis<'_>,
    y: Axis<'_>,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    // No more ticks than their labels have room for: a line and a half of text apart on
    // y, the widest label and a gap apart on x.
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let (width, height) = (
        f64::from(xs.end - xs.start) / crate::style::SCALE,
        f64::from(ys.end - ys.start) / crate::style::SCALE,
    );
    let y_room = (height / (1.5 * crate::metrics::height(text::BODY))).floor() as usize + 1;
    let widest = [chart.x_range().start, chart.x_range().end]
        .iter()
        .map(|&v| crate::metrics::width(&tick_on(v, 1.0, 1.0), text::BODY, false))
        .fold(0.0, f64::max);
    let x_room = (width / (widest + 16.0)).floor() as usize + 1;
    let (x_ticks, y_ticks) = (
        tick_count(chart.x_range(), &x).min(x_room.max(2)),
        tick_count(chart.y_range(), &y).min(y_room.max(2)),
    );
    // A tick a rounding error away from 0 (2.8×10⁻¹⁷ on a span of 2) is 0; a log axis
    // never spans 0, and its tiny ticks are real.
    let snap = |r: Range<f64>| {
        let spans_zero = r.start <= 0.0 && 0.0 <= r.end;
        move |v: f64| {
            if spans_zero && v.abs() < 1e-9 * (r.end - r.start) {
                0.0
            } else {
                v
            }
        }
    };
    let (x_snap, y_snap) = (snap(chart.x_range()), snap(chart.y_range()));
    // Digits enough to tell neighbouring ticks apart on a narrow span.
    let precision = |r: Range<f64>, ticks: usize| {
        let step = (r.end - r.start).abs() / ticks.max(1) as f64;
        (step, r.start.abs().max(r.end.abs()))
    };
    let (x_precision, y_precision) = (
        precision(chart.x_range(), x_ticks),
        precision(chart.y_range(), y_ticks),
    );
    let label =
        |axis: Axis<'_>, v: f64, (step, reach): (f64, f64)| match (axis.labelled, axis.integer) {
            (false, _) => String::new(),
            (true, true) => integer_tick(v),
            (true, false) => tick_on(v, step, reach),
        };
    let x_format = move |v: &f64| label(x, x_snap(*v), x_precision);
    let y_format = move |v: &f64| label(y, y_snap(*v), y_precision);
    chart
        .configure_mesh()
        .max_light_lines(0)
        .bold_line_style(GRID.stroke_width(px(1.0) as u32))
        .axis_style(INK.stroke_width(px(1.0) as u32))
        .set_all_tick_mark_size(px(5.0))
        .x_labels(x_ticks)
        .y_labels(y_ticks)
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .label_style(font(text::BODY).color(&INK))
        .axis_desc_style(font(text::AXIS).color(&INK))
        .x_desc(if x.labelled { x.desc } else { "" })
        .y_desc(if y.labelled { y.desc } else { "" })
        .draw()
        .map_err(Error::from)
}

/// Longest series drawn with a marker at every point; past it markers become a smear.
pub const MARKED_POINTS: usize = 120;

/// Draws `points` as `style` says: its line, then (on short series) its markers.
pub fn series<'a, 'b: 'a, X, Y>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    points: &[(f64, f64)],
    style: &Style,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    line(chart, points, style)?;
    if points.len() <= MARKED_POINTS {
        marks(chart, points, style)?;
    }
    Ok(())
}

/// Only the line of `style` through `points`.
pub fn line<'a, 'b: 'a, X, Y>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    points: &[(f64, f64)],
    style: &Style,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    match path_element(points.to_vec(), style) {
        Some(PathKind::Solid(p)) => chart.draw_series(std::iter::once(p))?,
        Some(PathKind::Dashed(p)) => chart.draw_series(std::iter::once(p))?,
        None => return Ok(()),
    };
    Ok(())
}

/// Only the markers of `style` at `points`.
pub fn marks<'a, 'b: 'a, X, Y>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    points: &[(f64, f64)],
    style: &Style,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    chart.draw_series(points.iter().map(|&p| Mark::new(p, *style)))?;
    Ok(())
}

/// A stem from `base` up (or down) to each point, with the point's marker on top: how a
/// value at discrete times is drawn.
pub fn stems<'a, 'b: 'a, X, Y>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    points: &[(f64, f64)],
    base: f64,
    style: &Style,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    for &(x, y) in points {
        line(
            chart,
            &[(x, base), (x, y)],
            &style.width(style.width.min(1.5)),
        )?;
    }
    marks(chart, points, style)
}

/// The minor ticks of a logarithmic y axis, at 2…9 × 10ᵏ inside `y` (matplotlib's), as
/// short marks inside the axis: without them a log axis reads as a linear one.
pub fn log_minor_ticks<'a, 'b: 'a, X, Y>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    y: Range<f64>,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    if !(y.start > 0.0 && y.end > y.start && y.end.is_finite()) {
        return Ok(());
    }
    let x = chart.x_range();
    let (left, _) = chart.backend_coord(&(x.start, y.start));
    let (right, _) = chart.backend_coord(&(x.end, y.start));
    // Four pixels in data units along x.
    let reach = (x.end - x.start) * f64::from(px(4.0)) / f64::from((right - left).max(1));
    let mut marks = Vec::new();
    let (lo, hi) = (y.start.log10().floor() as i32, y.end.log10().ceil() as i32);
    for k in lo..=hi.min(lo + 40) {
        for m in 2..=9 {
            let v = f64::from(m) * 10f64.powi(k);
            if y.start < v && v < y.end {
                marks.push(PathElement::new(
                    vec![(x.start, v), (x.start + reach, v)],
                    INK.stroke_width(px(1.0) as u32),
                ));
            }
        }
    }
    chart.draw_series(marks)?;
    Ok(())
}
