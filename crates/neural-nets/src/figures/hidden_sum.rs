//! 1.3: each output o_k against the hidden sum s = Σⱼ f(zⱼ), with the sums the spec asks
//! about marked and o₁ written beside them.

use nnhw_core::Figure;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::plotters::style::text_anchor::{HPos, VPos};
use nnhw_plot::style::{text, text_style};
use nnhw_plot::{
    Axis, Entry, Marker, Root, Style, axes, chart, fail, figure, finite_range, mesh, short,
    subscript,
};

/// Outputs drawn as curves; asked sums marked and labelled.
const MAX_CURVES: usize = 6;
const MAX_MARKED: usize = 12;

/// The figure: `outputs(s)` is the network's o at hidden sum s.
pub(crate) fn hidden_sum(
    title: &str,
    sums: &[f64],
    outputs: impl Fn(f64) -> Vec<f64>,
) -> Option<Figure> {
    let count = outputs(sums.first().copied().unwrap_or(0.0))
        .len()
        .min(MAX_CURVES);
    let legend: Vec<Entry> = (0..count)
        .map(|k| Entry::series(format!("o{}", subscript(k + 1)), curve_style(k)))
        .chain(std::iter::once(Entry::series(
            "o₁ at an asked sum",
            Style::series(0)
                .dash(nnhw_plot::Dash::None)
                .marker(Marker::Circle),
        )))
        .collect();
    let subtitle = if sums.len() > MAX_MARKED {
        format!(
            "each output against the hidden sum s; the first {MAX_MARKED} of {} asked sums marked",
            sums.len()
        )
    } else {
        "each output against the hidden sum s = Σⱼ f(zⱼ), with the asked sums marked".to_string()
    };
    let svg = figure(title, &subtitle, &legend, |area| {
        draw(area, sums, &outputs, count)
    })?;
    Some(Figure {
        name: "o1".into(),
        caption: "o1 against the hidden sum, with the asked sums marked".into(),
        svg,
    })
}

fn curve_style(k: usize) -> Style {
    Style::series(k).marker(Marker::None)
}

fn draw(
    area: &Root<'_>,
    sums: &[f64],
    outputs: &impl Fn(f64) -> Vec<f64>,
    count: usize,
) -> Result<(), String> {
    let (lo, hi) = sums
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &s| {
            (lo.min(s), hi.max(s))
        });
    let pad = (0.3 * (hi - lo)).max(2.0);
    let (s0, s1) = (lo - pad, hi + pad);
    let mut chart = chart(area, finite_range(s0, s1)?, -0.05..1.08)?; // 1.13 tall
    mesh(&mut chart, Axis::new("hidden sum s"), Axis::new("output"))?;
    const SAMPLES: usize = 300;
    let grid: Vec<(f64, Vec<f64>)> = (0..=SAMPLES)
        .map(|i| {
            let s = s0 + (s1 - s0) * i as f64 / SAMPLES as f64;
            (s, outputs(s))
        })
        .collect();
    for k in 0..count {
        let curve: Vec<(f64, f64)> = grid.iter().map(|(s, o)| (*s, o[k])).collect();
        axes::line(&mut chart, &curve, &curve_style(k))?;
    }
    let marked: Vec<(f64, f64)> = sums
        .iter()
        .take(MAX_MARKED)
        .map(|&s| (s, outputs(s)[0]))
        .collect();
    for &(s, o1) in &marked {
        axes::line(
            &mut chart,
            &[(s, -0.05), (s, o1)],
            // A thin solid guide: a dotted one is an SVG element per dot.
            &Style::line(nnhw_plot::style::lighter(nnhw_plot::color(7))).width(1.0),
        )?;
    }
    axes::marks(&mut chart, &marked, &Style::series(0))?;
    // Above the point on the side the curve falls away from: upper left of a rising
    // curve, upper right of a falling one, so the label never sits on o₁.
    let nudge = 1e-6 * (s1 - s0);
    let (w, h) = nnhw_plot::axes::plot_size(area);
    // Eight pixels in data units along each axis (SVG collapses padding spaces).
    let (gap_s, gap_o) = (
        f64::from(nnhw_plot::px(8.0)) / w * (s1 - s0),
        f64::from(nnhw_plot::px(8.0)) / h * 1.13,
    );
    // A label that would overlap one already placed is left out; its marker stays.
    let mut placed: Vec<[f64; 4]> = Vec::new();
    let mut labels = Vec::new();
    for &(s, o1) in &marked {
        let rising = outputs(s + nudge)[0] >= outputs(s - nudge)[0];
        let text = format!("o₁ = {}", short(o1, 4));
        let width = 0.6 * text::BODY * text.chars().count() as f64 * gap_s / 8.0;
        let height = 20.0 * gap_o / 8.0;
        let (anchor, x, left) = if rising {
            (HPos::Right, s - gap_s, s - gap_s - width)
        } else {
            (HPos::Left, s + gap_s, s + gap_s)
        };
        let bottom = o1 + gap_o;
        let area = [left, left + width, bottom, bottom + height];
        let clear = placed
            .iter()
            .all(|p| area[1] < p[0] || p[1] < area[0] || area[3] < p[2] || p[3] < area[2]);
        if clear && area[0] >= s0 && area[1] <= s1 {
            placed.push(area);
            labels.push(Text::new(
                text,
                (x, bottom),
                text_style(text::BODY, nnhw_plot::color(0), anchor, VPos::Bottom),
            ));
        }
    }
    chart.draw_series(labels).map_err(fail)?;
    Ok(())
}
