//! Section 3's figures: σ and σ′, and the loss over SGD steps.

use nnhw_core::Figure;
use nnhw_core::numerics::Activation;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{Root, chart, color, fail, finite_range, legend, render, thin};

/// σ and σ′ over a range covering `z`, with the spec's points marked.
pub fn sigmoid(z: &[f64]) -> Option<Figure> {
    let svg = render(|root| draw_sigmoid(root, z))?;
    Some(Figure {
        name: "sigmoid".into(),
        caption: "σ(z) and σ′(z); σ′ vanishes as |z| grows".into(),
        svg,
    })
}

fn draw_sigmoid(root: &Root<'_>, z: &[f64]) -> Result<(), String> {
    let reach = z.iter().map(|v| v.abs()).fold(6.0, f64::max);
    let mut chart = chart(
        root,
        "σ and its derivative",
        finite_range(-reach, reach)?,
        -0.05..1.05,
    )?;
    chart.configure_mesh().x_desc("z").draw().map_err(fail)?;
    const SAMPLES: usize = 400;
    let grid = |f: fn(f64) -> f64| {
        (0..=SAMPLES)
            .map(move |i| {
                let v = -reach + 2.0 * reach * i as f64 / SAMPLES as f64;
                (v, f(v))
            })
            .collect::<Vec<_>>()
    };
    type Curve = (&'static str, fn(f64) -> f64);
    let curves: [Curve; 2] = [
        ("σ(z)", |v| Activation::Sigmoid.apply(v)),
        ("σ′(z)", |v| Activation::Sigmoid.derivative(v)),
    ];
    for (k, (label, f)) in curves.into_iter().enumerate() {
        let style = color(k).stroke_width(2);
        chart
            .draw_series(LineSeries::new(grid(f), style))
            .map_err(fail)?
            .label(label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
    }
    chart
        .draw_series(
            z.iter().map(|&v| {
                Circle::new((v, Activation::Sigmoid.derivative(v)), 4, color(1).filled())
            }),
        )
        .map_err(fail)?;
    legend(&mut chart)
}

/// The loss after each SGD step.
pub fn loss(losses: &[f64]) -> Option<Figure> {
    let svg = render(|root| draw_loss(root, losses))?;
    Some(Figure {
        name: "loss".into(),
        caption: "the loss C after each SGD step".into(),
        svg,
    })
}

fn draw_loss(root: &Root<'_>, losses: &[f64]) -> Result<(), String> {
    let high = losses.iter().copied().fold(0.0, f64::max);
    let steps = losses.len() as f64;
    let mut chart = chart(
        root,
        "Loss per SGD step",
        finite_range(0.5, steps.max(1.0) + 0.5)?,
        finite_range(0.0, (1.1 * high).max(1e-12))?,
    )?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("C")
        .draw()
        .map_err(fail)?;
    let style = color(0).stroke_width(2);
    chart
        .draw_series(LineSeries::new(
            thin(
                &losses
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| ((i + 1) as f64, c))
                    .collect::<Vec<_>>(),
            ),
            style,
        ))
        .map_err(fail)?
        .label("C after the step")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
    legend(&mut chart)
}
