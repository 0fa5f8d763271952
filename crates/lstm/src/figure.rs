//! The figure of an LSTM trace: h_t and c_t over t, one pair of curves per state unit.

use nnhw_core::Figure;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{Root, chart, color, fail, finite_range, legend, render, thin};

/// Longest trace whose steps are marked.
const MARKED_STEPS: usize = 200;

use crate::trace::Trace;

/// h (solid, as reported) and c (dashed) against t.
pub fn states(trace: &Trace) -> Option<Figure> {
    let svg = render(|root| draw(root, trace))?;
    Some(Figure {
        name: "states".into(),
        caption: "h_t (solid) and c_t (dashed) over t".into(),
        svg,
    })
}

fn draw(root: &Root<'_>, trace: &Trace) -> Result<(), String> {
    let steps = trace.steps.len();
    let values = trace
        .h
        .iter()
        .flatten()
        .chain(trace.steps.iter().flat_map(|s| s.c.iter()));
    let (low, high) = values.fold((-1.0_f64, 1.0_f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let pad = 0.1 * (high - low);
    let mut chart = chart(
        root,
        "LSTM states",
        finite_range(-0.5, (steps as f64 - 0.5).max(0.5))?,
        finite_range(low - pad, high + pad)?,
    )?;
    chart
        .configure_mesh()
        .x_desc("t")
        .y_desc("value")
        .draw()
        .map_err(fail)?;
    let hidden = trace.h.first().map_or(0, Vec::len);
    for j in 0..hidden {
        let style = color(j).stroke_width(2);
        let h: Vec<(f64, f64)> = trace
            .h
            .iter()
            .enumerate()
            .map(|(t, h)| (t as f64, h[j]))
            .collect();
        let c: Vec<(f64, f64)> = trace
            .steps
            .iter()
            .enumerate()
            .map(|(t, s)| (t as f64, s.c[j]))
            .collect();
        let suffix = if hidden == 1 {
            String::new()
        } else {
            format!("[{j}]")
        };
        chart
            .draw_series(LineSeries::new(thin(&h), style))
            .map_err(fail)?
            .label(format!("h{suffix}"))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
        // A marker per step helps on short traces and is a smear on long ones.
        if h.len() <= MARKED_STEPS {
            chart
                .draw_series(h.iter().map(|&p| Circle::new(p, 4, style.filled())))
                .map_err(fail)?;
        }
        chart
            .draw_series(DashedLineSeries::new(
                thin(&c),
                6,
                4,
                color(j).stroke_width(1),
            ))
            .map_err(fail)?
            .label(format!("c{suffix}"))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], color(j)));
    }
    legend(&mut chart)
}
