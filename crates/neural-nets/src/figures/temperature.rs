//! 1.4: o₂ = 1/(1 + e^(β·gap)) against the gap f(u₁) − f(u₂), one curve per β, with the
//! floor on o₂ and the largest gap each β allows.

use nnhw_core::Figure;
use nnhw_core::numerics::sigmoid;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{
    Axis, Dash, Entry, Marker, Root, Style, axes, chart, figure, finite_range, mesh, short,
};

/// How the named curves are drawn: each differs from every other in colour, stroke and
/// marker, so no two can be confused in print or in grey. nnhw-plot has three strokes
/// (solid, dashed, dotted); a dotted stroke's dots grow with its width, so fine, medium
/// and coarse dots are three patterns.
const LOOKS: [(Dash, f64, Marker, bool); 5] = [
    (Dash::Solid, 2.0, Marker::Circle, false),
    (Dash::Dashed, 2.0, Marker::Square, false),
    (Dash::Dotted, 2.0, Marker::Triangle, false),
    (Dash::Dotted, 4.0, Marker::Diamond, false),
    (Dash::Dotted, 1.25, Marker::Circle, true),
];
/// Curves named one by one in the legend: one per look.
const NAMED: usize = LOOKS.len();
/// Markers along each named curve: enough to tell the curve by, few enough that they do
/// not bury it.
const MARKS: usize = 3;
/// Most curves drawn (evenly chosen among the βs): more is a grey wash and a huge file.
const MAX_CURVES: usize = 40;

/// The figure for `betas`, their largest gaps, and the floor `min_o2`.
pub(crate) fn inverse_temperature(
    title: &str,
    betas: &[f64],
    max_gaps: &[f64],
    min_o2: f64,
) -> Option<Figure> {
    let mut legend: Vec<Entry> = betas
        .iter()
        .zip(max_gaps)
        .take(NAMED)
        .enumerate()
        .map(|(k, (&beta, &gap))| {
            Entry::series(
                format!("β = {}: gap ≤ {}", short(beta, 6), short(gap, 6)),
                look(k),
            )
        })
        .collect();
    if betas.len() > NAMED {
        legend.push(Entry::series(
            format!("… {} more β (some drawn)", betas.len() - NAMED),
            Style::line(nnhw_plot::color(7)).width(1.0),
        ));
    }
    legend.push(Entry::series(
        format!("o₂ = {} (the floor)", short(min_o2, 6)),
        floor_style(),
    ));
    let svg = figure(
        title,
        "o₂ against the gap f(u₁) − f(u₂): each β allows the gap up to the floor",
        &legend,
        |area| draw(area, betas, max_gaps, min_o2),
    )?;
    Some(Figure {
        name: "o2".into(),
        caption: "o2 against the gap f(u1) − f(u2) for each β".into(),
        svg,
    })
}

fn floor_style() -> Style {
    Style::line(nnhw_plot::style::INK)
        .width(1.5)
        .dash(Dash::Dashed)
}

/// Named curve k.
fn look(k: usize) -> Style {
    let (dash, width, marker, hollow) = LOOKS[k % LOOKS.len()];
    let style = Style::line(nnhw_plot::color(k))
        .dash(dash)
        .width(width)
        .marker(marker);
    if hollow { style.hollow() } else { style }
}

fn draw(
    area: &Root<'_>,
    betas: &[f64],
    max_gaps: &[f64],
    min_o2: f64,
) -> Result<(), nnhw_plot::Error> {
    let gap_end = 1.25 * max_gaps.iter().copied().fold(0.0, f64::max);
    let o2_floor = (min_o2 / 20.0).max(1e-300);
    let mut chart = chart(
        area,
        finite_range(0.0, gap_end)?,
        finite_range(o2_floor, 1.0)?.log_scale(),
    )?;
    mesh(
        &mut chart,
        Axis::new("gap f(u₁) − f(u₂)"),
        Axis::new("o₂ (log scale)"),
    )?;
    nnhw_plot::axes::log_minor_ticks(&mut chart, o2_floor..1.0)?;
    let every = betas.len().div_ceil(MAX_CURVES).max(1);
    let named = betas.len().min(NAMED);
    for (k, (&beta, &max_gap)) in betas.iter().zip(max_gaps).enumerate() {
        if k >= NAMED && k % every != 0 {
            continue;
        }
        let style = if k < NAMED {
            look(k)
        } else {
            Style::line(nnhw_plot::color(7)).width(1.0)
        };
        let curve = framed(beta, gap_end, o2_floor);
        axes::line(&mut chart, &curve, &style)?;
        if k >= NAMED {
            continue;
        }
        // A few markers, each curve's shifted along it so markers of curves meeting
        // near the origin do not stack.
        // None beside the floor's own marker, which would hide it.
        let phase = (k as f64 + 0.5) / named as f64;
        let near_floor = |gap: f64| (gap - max_gap).abs() < 0.08 * curve_end(&curve);
        let marks: Vec<(f64, f64)> = (0..MARKS)
            .filter_map(|m| {
                let at = (m as f64 + phase) / MARKS as f64 * (curve.len() - 1) as f64;
                curve.get(at as usize).copied()
            })
            .filter(|&(gap, _)| !near_floor(gap))
            .collect();
        axes::marks(&mut chart, &marks, &style)?;
        // Where the curve meets the floor: the largest gap this β allows. A thin solid
        // guide: a dotted one is an SVG element per dot.
        axes::line(
            &mut chart,
            &[(max_gap, o2_floor), (max_gap, min_o2)],
            &Style::line(nnhw_plot::style::lighter(style.color)).width(1.0),
        )?;
        axes::marks(&mut chart, &[(max_gap, min_o2)], &style)?;
    }
    axes::line(
        &mut chart,
        &[(0.0, min_o2), (gap_end, min_o2)],
        &floor_style(),
    )?;
    Ok(())
}

fn curve_end(curve: &[(f64, f64)]) -> f64 {
    curve.last().map_or(0.0, |p| p.0)
}

/// o₂ = σ(−β·gap) from gap 0 to where it leaves the frame: the right edge at `gap_end`,
/// or the bottom at `o2_floor`, reached exactly rather than at the last sample above it.
fn framed(beta: f64, gap_end: f64, o2_floor: f64) -> Vec<(f64, f64)> {
    const SAMPLES: usize = 300;
    // σ(−β·gap) = floor where β·gap = ln(1/floor − 1).
    let bottom = (1.0 / o2_floor - 1.0).ln() / beta;
    let end = if bottom.is_finite() && bottom > 0.0 {
        gap_end.min(bottom)
    } else {
        gap_end
    };
    (0..=SAMPLES)
        .map(|i| {
            let gap = end * i as f64 / SAMPLES as f64;
            (gap, sigmoid(-beta * gap).max(o2_floor))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_curve_differs_from_every_other_in_colour_stroke_and_marker() {
        let styles: Vec<Style> = (0..NAMED).map(look).collect();
        for (k, a) in styles.iter().enumerate() {
            for b in &styles[k + 1..] {
                assert_ne!(a.color, b.color, "{a:?} / {b:?}");
                // A dotted stroke's pattern scales with its width.
                assert_ne!((a.dash, a.width.to_bits()), (b.dash, b.width.to_bits()));
                assert_ne!((a.marker, a.hollow), (b.marker, b.hollow));
            }
            assert_ne!(a.marker, Marker::None);
            assert_ne!(a.dash, Dash::None);
            // Nor is any curve the floor's look.
            assert_ne!(a.color, floor_style().color);
        }
    }

    #[test]
    fn each_curve_runs_to_the_frame() {
        let (gap_end, floor) = (11.5, 0.0005);
        // A gentle β leaves by the right edge, a steep one by the bottom, exactly there.
        let gentle = framed(0.5, gap_end, floor);
        let &(gap, o2) = gentle.last().unwrap();
        assert_eq!(gap, gap_end);
        assert!(o2 > floor);
        for beta in [1.0, 2.0, 10.0, 1e6] {
            let curve = framed(beta, gap_end, floor);
            let &(gap, o2) = curve.last().unwrap();
            assert!(gap < gap_end);
            assert!(
                (o2 - floor).abs() <= 1e-9 * floor,
                "β = {beta}: ends at {o2}"
            );
            assert!((sigmoid(-beta * gap) - floor).abs() <= 1e-9 * floor);
            assert_eq!(curve[0], (0.0, 0.5));
        }
    }
}
