//! 1.4: o₂ = 1/(1 + e^(β·gap)) against the gap f(u₁) − f(u₂), one curve per β, with the
//! floor on o₂ and the largest gap each β allows.

use nnhw_core::Figure;
use nnhw_core::numerics::sigmoid;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{
    Axis, Dash, Entry, Marker, Root, Style, axes, chart, figure, finite_range, mesh, short,
};

/// Curves named one by one in the legend.
const NAMED: usize = 7;
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
                Style::series(k).marker(Marker::None),
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

fn draw(area: &Root<'_>, betas: &[f64], max_gaps: &[f64], min_o2: f64) -> Result<(), String> {
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
    const SAMPLES: usize = 300;
    let every = betas.len().div_ceil(MAX_CURVES).max(1);
    for (k, (&beta, &max_gap)) in betas.iter().zip(max_gaps).enumerate() {
        if k >= NAMED && k % every != 0 {
            continue;
        }
        let style = if k < NAMED {
            Style::series(k).marker(Marker::None)
        } else {
            Style::line(nnhw_plot::color(7)).width(1.0)
        };
        let curve: Vec<(f64, f64)> = (0..=SAMPLES)
            .map(|i| {
                let gap = gap_end * i as f64 / SAMPLES as f64;
                (gap, sigmoid(-beta * gap))
            })
            .take_while(|&(_, o2)| o2 >= o2_floor)
            .collect();
        axes::line(&mut chart, &curve, &style)?;
        // Where the curve meets the floor: the largest gap this β allows.
        let meet = style.marker(Marker::Circle);
        if k < NAMED {
            // A thin solid guide: a dotted one is an SVG element per dot.
            axes::line(
                &mut chart,
                &[(max_gap, o2_floor), (max_gap, min_o2)],
                &Style::line(nnhw_plot::style::lighter(style.color)).width(1.0),
            )?;
            axes::marks(&mut chart, &[(max_gap, min_o2)], &meet)?;
        }
    }
    axes::line(
        &mut chart,
        &[(0.0, min_o2), (gap_end, min_o2)],
        &floor_style(),
    )?;
    Ok(())
}
