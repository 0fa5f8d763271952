//! SVG figures for section 1, drawn with plotters.

use nnhw_core::Figure;
use nnhw_core::format::number;
use nnhw_core::numerics::sigmoid;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::plotters::style::text_anchor::{HPos, Pos, VPos};
use nnhw_plot::{Root, chart, color, fail, finite_range, legend, render};

use crate::decision_region::Solution;
use crate::equation;
use crate::geometry::{self, Point};
use crate::region::Region;

/// Boundary lines with labels, an arrow toward each unit's positive side, and the region
/// shaded with its area in the legend.
pub(crate) fn decision_region(s: &Solution, view: Option<[f64; 4]>) -> Option<Figure> {
    let view = view.unwrap_or_else(|| auto_view(s));
    let svg = render(|root| draw_region(root, s, view))?;
    Some(Figure {
        name: "region".into(),
        caption: "decision boundaries, each unit's positive side, and the region".into(),
        svg,
    })
}

fn draw_region(root: &Root<'_>, s: &Solution, view: [f64; 4]) -> Result<(), String> {
    let [x0, x1, y0, y1] = view;
    let mut chart = chart(
        root,
        "Decision boundaries",
        finite_range(x0, x1)?,
        finite_range(y0, y1)?,
    )?;
    chart
        .configure_mesh()
        .x_desc("x1")
        .y_desc("x2")
        .draw()
        .map_err(fail)?;

    let shaded: Vec<Point> = match &s.region {
        Region::Empty => Vec::new(),
        Region::Bounded { vertices, .. } => geometry::clip_to_box(vertices, view),
        Region::Unbounded { clipped, .. } => geometry::clip_to_box(clipped, view),
    };
    let region_label = format!("all z {}: area = {}", s.wanted, number(s.area));
    let fill = BLUE.mix(0.18);
    chart
        .draw_series(std::iter::once(Polygon::new(
            shaded.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
            fill.filled(),
        )))
        .map_err(fail)?
        .label(region_label)
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 16, y + 6)], fill.filled()));

    let arrow_length = 0.08 * (x1 - x0).max(y1 - y0);
    for (j, &[a, b, c]) in s.units.iter().enumerate() {
        let Some(text) = equation::line(a, b, c) else {
            continue;
        };
        let Some((p, q)) = geometry::line_in_box(a, b, c, view) else {
            continue;
        };
        let color = color(j);
        let style = color.stroke_width(2);
        chart
            .draw_series(LineSeries::new([(p[0], p[1]), (q[0], q[1])], style))
            .map_err(fail)?
            .label(format!("z{} = 0: {text}", j + 1))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
        // Arrow from a point on the line toward z_j > 0, that is along (a, b).
        let n = (a * a + b * b).sqrt();
        let (ux, uy) = (a / n, b / n);
        let t = 0.3 + 0.4 * (j as f64 + 0.5) / s.units.len() as f64;
        let base = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]));
        let tip = (base.0 + arrow_length * ux, base.1 + arrow_length * uy);
        let head = 0.35 * arrow_length;
        let back = (tip.0 - head * ux, tip.1 - head * uy);
        let (px, py) = (-uy * head * 0.5, ux * head * 0.5);
        let arrow = [
            vec![base, tip],
            vec![(back.0 + px, back.1 + py), tip, (back.0 - px, back.1 - py)],
        ];
        chart
            .draw_series(arrow.into_iter().map(|pts| PathElement::new(pts, style)))
            .map_err(fail)?;
        // Anchor the label on the side of the tip the arrow points to, so it never
        // covers the arrow.
        let horizontal = match ux {
            u if u > 0.3 => HPos::Left,
            u if u < -0.3 => HPos::Right,
            _ => HPos::Center,
        };
        let vertical = match uy {
            u if u > 0.3 => VPos::Bottom,
            u if u < -0.3 => VPos::Top,
            _ => VPos::Center,
        };
        let font = ("sans-serif", 14)
            .into_font()
            .color(&color)
            .pos(Pos::new(horizontal, vertical));
        let label_at = (tip.0 + 0.2 * head * ux, tip.1 + 0.2 * head * uy);
        chart
            .draw_series(std::iter::once(Text::new(
                format!("z{} > 0", j + 1),
                label_at,
                font,
            )))
            .map_err(fail)?;
    }
    legend(&mut chart)
}

/// A view that shows the region's corners and every crossing of two boundaries, with room
/// around them.
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
        .map(|&[a, b, c]| geometry::HalfPlane {
            normal: [a, b],
            offset: c,
        })
        .collect();
    for (i, h) in lines.iter().enumerate() {
        points.extend(lines[i + 1..].iter().filter_map(|g| h.crossing(g)));
    }
    points.push([0.0, 0.0]);
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &points {
        x0 = x0.min(p[0]);
        x1 = x1.max(p[0]);
        y0 = y0.min(p[1]);
        y1 = y1.max(p[1]);
    }
    let pad = 0.6 * (x1 - x0).max(y1 - y0).max(2.0);
    [x0 - pad, x1 + pad, y0 - pad, y1 + pad]
}

/// o2 against the gap f(u1) − f(u2), one curve per β, with the min_o2 line.
pub(crate) fn inverse_temperature(betas: &[f64], max_gaps: &[f64], min_o2: f64) -> Option<Figure> {
    let svg = render(|root| draw_temperature(root, betas, max_gaps, min_o2))?;
    Some(Figure {
        name: "o2".into(),
        caption: "o2 against the gap f(u1) − f(u2) for each β".into(),
        svg,
    })
}

fn draw_temperature(
    root: &Root<'_>,
    betas: &[f64],
    max_gaps: &[f64],
    min_o2: f64,
) -> Result<(), String> {
    let gap_end = 1.25 * max_gaps.iter().copied().fold(0.0, f64::max);
    let o2_floor = (min_o2 / 20.0).max(1e-300);
    let mut chart = chart(
        root,
        "o2 = 1/(1 + e^(β·gap))",
        finite_range(0.0, gap_end)?,
        finite_range(o2_floor, 1.0)?.log_scale(),
    )?;
    chart
        .configure_mesh()
        .x_desc("gap f(u1) − f(u2)")
        .y_desc("o2 (log scale)")
        .draw()
        .map_err(fail)?;
    const SAMPLES: usize = 400;
    for (k, (&beta, &max_gap)) in betas.iter().zip(max_gaps).enumerate() {
        let color = color(k);
        let style = color.stroke_width(2);
        let curve = (0..=SAMPLES)
            .map(|i| {
                let gap = gap_end * i as f64 / SAMPLES as f64;
                (gap, sigmoid(-beta * gap))
            })
            .take_while(|&(_, o2)| o2 >= o2_floor);
        chart
            .draw_series(LineSeries::new(curve, style))
            .map_err(fail)?
            .label(format!("β = {}: gap ≤ {}", number(beta), number(max_gap)))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
        chart
            .draw_series(DashedLineSeries::new(
                [(max_gap, o2_floor), (max_gap, min_o2)],
                4,
                4,
                color.stroke_width(1),
            ))
            .map_err(fail)?;
    }
    chart
        .draw_series(DashedLineSeries::new(
            [(0.0, min_o2), (gap_end, min_o2)],
            6,
            4,
            BLACK.stroke_width(1),
        ))
        .map_err(fail)?
        .label(format!("min o2 = {}", number(min_o2)))
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLACK));
    legend(&mut chart)
}
