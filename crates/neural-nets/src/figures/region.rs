//! 1.2: the boundaries zⱼ = 0, an arrow to each unit's positive side, and the region
//! where every zⱼ has the wanted sign, on equal axis scales so a square looks square.

use nnhw_core::Figure;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{
    Axis, Dash, Entry, Labels, Marker, Root, Style, axes, chart, color, equal_scales,
    figure_labelled, finite_range, mesh, on_canvas, short, subscript,
};

use crate::equation;
use crate::geometry::{self, Point};
use crate::region::Region;
use crate::region::Solution;

/// Boundaries named one by one in the legend; the rest are summed up in one entry.
const NAMED_LINES: usize = 8;
/// Most boundaries drawn, those edging the region first: each is a line of SVG, and
/// thousands of them are a grey wash, not a figure.
const MAX_DRAWN: usize = 300;
/// Most corners of the shaded region drawn.
const MAX_CORNERS: usize = 1_000;
/// Crossings of every pair of boundaries frame the automatic view only for a few lines:
/// among many, nearly parallel ones cross absurdly far away.
const FRAMING_CROSSINGS: usize = 12;

/// Unit j's line a·x₁ + b·x₂ + c = 0 scaled so max(|a|, |b|) = 1: the same line, with
/// numbers that neither underflow nor overflow in drawing (weights may be 1e-200).
fn scaled([a, b, c]: [f64; 3]) -> [f64; 3] {
    let n = a.abs().max(b.abs());
    if n == 0.0 {
        [a, b, c]
    } else {
        [a / n, b / n, c / n]
    }
}

/// The figure; `view` as the spec gives it, or chosen to show every corner.
pub(crate) fn decision_region(title: &str, s: &Solution, view: Option<[f64; 4]>) -> Option<Figure> {
    let view = view.unwrap_or_else(|| auto_view(s));
    let shade = color(0);
    let mut legend = vec![Entry::area(
        format!("where every z {}: area {}", s.wanted, area_text(s)),
        shade,
        0.2,
    )];
    let drawn: Vec<usize> = (0..s.units.len())
        .filter(|&j| s.units[j][0] != 0.0 || s.units[j][1] != 0.0)
        .collect();
    for &j in drawn.iter().take(NAMED_LINES) {
        // In the weights' own numbers, as the report and the key write the line: scaled,
        // 2·x₁ + x₂ = 6 would read x₁ + 0.5·x₂ = 3 and match neither.
        let [a, b, c] = s.units[j];
        if let Some(text) = equation::line(a, b, c) {
            legend.push(Entry::series(
                format!("z{} = 0: {}", subscript(j + 1), unicode(&text)),
                line_style(j),
            ));
        }
    }
    if drawn.len() > NAMED_LINES {
        legend.push(Entry::series(
            format!("… {} more boundaries", drawn.len() - NAMED_LINES),
            Style::line(color(7)).width(1.0),
        ));
    }
    let subtitle = format!(
        "the lines zⱼ = 0, each unit's positive side, and where every z {}",
        s.wanted
    );
    let svg = figure_labelled(title, &subtitle, &legend, |area, labels| {
        draw(area, labels, s, view)
    })?;
    Some(Figure {
        name: "region".into(),
        caption: "decision boundaries, each unit's positive side, and the region".into(),
        svg,
    })
}

fn area_text(s: &Solution) -> String {
    if s.area.is_finite() {
        short(s.area, 6)
    } else {
        "unbounded".into()
    }
}

/// Boundary j: its colour and dash (no markers: a line has no data points).
fn line_style(j: usize) -> Style {
    Style::series(j).marker(Marker::None)
}

/// `x1`, `x2` and `-` as the text report's x₁, x₂ and −.
fn unicode(text: &str) -> String {
    text.replace("x1", "x₁")
        .replace("x2", "x₂")
        .replace('-', "−")
}

fn draw(
    area: &Root<'_>,
    labels: &mut Labels,
    s: &Solution,
    view: [f64; 4],
) -> Result<(), nnhw_plot::Error> {
    let (xs, ys) = equal_scales(
        area,
        finite_range(view[0], view[1])?,
        finite_range(view[2], view[3])?,
    );
    let view = [xs.start, xs.end, ys.start, ys.end];
    let mut chart = chart(
        area,
        finite_range(xs.start, xs.end)?,
        finite_range(ys.start, ys.end)?,
    )?;
    mesh(&mut chart, Axis::new("x₁"), Axis::new("x₂"))?;

    let shaded: Vec<Point> = match &s.region {
        Region::Empty => Vec::new(),
        Region::Bounded { vertices, .. } => geometry::clip_to_box(vertices, view),
        Region::Unbounded { clipped, .. } => geometry::clip_to_box(clipped, view),
    };
    let corners: Vec<(f64, f64)> = shaded.iter().map(|p| (p[0], p[1])).collect();
    chart.draw_series(std::iter::once(Polygon::new(
        nnhw_plot::thin(&corners)
            .into_iter()
            .take(MAX_CORNERS + 1)
            .collect::<Vec<_>>(),
        color(0).mix(0.2).filled(),
    )))?;

    let arrow_length = 0.08 * (view[1] - view[0]).max(view[3] - view[2]);
    // The named lines, then those edging the region, then the rest, up to MAX_DRAWN.
    let edging = |j: &usize| edge_middle(&shaded, scaled(s.units[*j])).is_some();
    let named = 0..NAMED_LINES.min(s.units.len());
    let (edges, rest): (Vec<usize>, Vec<usize>) = (named.end..s.units.len()).partition(edging);
    // Spread over the list, so thousands of tangents show their whole circle.
    let spread = |lines: Vec<usize>, budget: usize| -> Vec<usize> {
        let every = lines.len().div_ceil(budget.max(1)).max(1);
        lines.into_iter().step_by(every).take(budget).collect()
    };
    let mut order: Vec<usize> = named.collect();
    let edges = spread(edges, MAX_DRAWN - order.len());
    order.extend(edges);
    let left = MAX_DRAWN - order.len();
    order.extend(spread(rest, left));
    for j in order {
        let [a, b, c] = scaled(s.units[j]);
        let Some((p, q)) = geometry::line_in_box(a, b, c, view) else {
            continue;
        };
        let style = if j < NAMED_LINES {
            line_style(j)
        } else {
            Style::line(color(7)).width(1.0)
        };
        axes::line(&mut chart, &[(p[0], p[1]), (q[0], q[1])], &style)?;
        if j >= NAMED_LINES {
            continue;
        }
        // An arrow toward z_j > 0, that is along (a, b), from the middle of the region's
        // edge on this line, or from a point along the line when it bounds nothing.
        let n = nnhw_core::numerics::hypot(a, b);
        let (ux, uy) = (a / n, b / n);
        let t = 0.3 + 0.4 * (j as f64 + 0.5) / s.units.len().min(NAMED_LINES) as f64;
        let base = edge_middle(&shaded, [a, b, c])
            .unwrap_or((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])));
        let tip = (base.0 + arrow_length * ux, base.1 + arrow_length * uy);
        let head = 0.3 * arrow_length;
        let back = (tip.0 - head * ux, tip.1 - head * uy);
        let (px_, py_) = (-uy * head * 0.45, ux * head * 0.45);
        let solid = style.dash(Dash::Solid);
        axes::line(&mut chart, &[base, back], &solid)?;
        chart.draw_series(std::iter::once(Polygon::new(
            vec![
                tip,
                (back.0 + px_, back.1 + py_),
                (back.0 - px_, back.1 - py_),
            ],
            style.color.filled(),
        )))?;
        // Beyond the tip, clear of the arrow, the lines and the other labels.
        labels.near(
            format!("z{} > 0", subscript(j + 1)),
            style.color,
            on_canvas(&chart, tip),
            3.0,
        );
    }
    Ok(())
}

/// The middle of the polygon's edge lying on the line a·x + b·y + c = 0, if it has one.
/// Only places an arrow, so "on the line" may be approximate.
fn edge_middle(polygon: &[Point], [a, b, c]: [f64; 3]) -> Option<(f64, f64)> {
    let on_line = |p: &Point| {
        let scale = (a * p[0]).abs() + (b * p[1]).abs() + c.abs();
        (a * p[0] + b * p[1] + c).abs() <= 1e-9 * scale.max(f64::MIN_POSITIVE)
    };
    let n = polygon.len();
    (0..n)
        .map(|i| (&polygon[i], &polygon[(i + 1) % n]))
        .filter(|(p, q)| on_line(p) && on_line(q) && p != q)
        .map(|(p, q)| ((p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0))
        .next()
}

/// A view that shows the region's corners and where each boundary passes nearest the
/// origin (and, among a few lines, every crossing), with room around them.
fn auto_view(s: &Solution) -> [f64; 4] {
    let mut points: Vec<Point> = match &s.region {
        Region::Bounded { vertices, .. } => vertices.clone(),
        Region::Unbounded {
            finite_vertices, ..
        } => finite_vertices.clone(),
        Region::Empty => Vec::new(),
    };
    let lines: Vec<geometry::HalfPlane> = s
        .units
        .iter()
        .filter(|u| u[0] != 0.0 || u[1] != 0.0)
        .map(|&u| {
            let [a, b, c] = scaled(u);
            geometry::HalfPlane {
                normal: [a, b],
                offset: c,
            }
        })
        .collect();
    // The foot of the perpendicular from the origin: every line shows, parallel or not.
    points.extend(lines.iter().map(|h| {
        let [a, b] = h.normal;
        let k = -h.offset / (a * a + b * b);
        [k * a, k * b]
    }));
    if lines.len() <= FRAMING_CROSSINGS {
        for (i, h) in lines.iter().enumerate() {
            points.extend(lines[i + 1..].iter().filter_map(|g| h.crossing(g)));
        }
    }
    points.retain(|p| p[0].is_finite() && p[1].is_finite());
    if points.is_empty() {
        points.push([0.0, 0.0]);
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &points {
        x0 = x0.min(p[0]);
        x1 = x1.max(p[0]);
        y0 = y0.min(p[1]);
        y1 = y1.max(p[1]);
    }
    let span = (x1 - x0).max(y1 - y0);
    let scale = x0.abs().max(x1.abs()).max(y0.abs()).max(y1.abs());
    // Room around the points; a single point gets a view its own size (or 1 at 0).
    let pad = if span > 1e-9 * scale {
        0.35 * span
    } else if scale > 0.0 {
        0.5 * scale
    } else {
        1.0
    };
    [x0 - pad, x1 + pad, y0 - pad, y1 + pad]
}
