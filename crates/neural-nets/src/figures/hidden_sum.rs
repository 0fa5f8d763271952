//! 1.3: each output o_k against the hidden sum s = Σⱼ f(zⱼ), with the sums the spec asks
//! about marked and o₁ written beside them.

use nnhw_core::Figure;
use nnhw_plot::{
    Axis, Entry, Labels, Marker, Root, Style, axes, chart, figure_labelled, finite_range, mesh,
    on_canvas, short, subscript,
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
    let svg = figure_labelled(title, &subtitle, &legend, |area, labels| {
        draw(area, labels, sums, &outputs, count)
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
    labels: &mut Labels,
    sums: &[f64],
    outputs: &impl Fn(f64) -> Vec<f64>,
    count: usize,
) -> Result<(), nnhw_plot::Error> {
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
    // Each marker's o₁ beside it, clear of every curve and of the other labels.
    for &(s, o1) in &marked {
        let at = on_canvas(&chart, (s, o1));
        labels.near(
            format!("o₁ = {}", short(o1, 4)),
            nnhw_plot::color(0),
            at,
            nnhw_plot::mark::MARKER_RADIUS + 3.0,
        );
    }
    Ok(())
}
