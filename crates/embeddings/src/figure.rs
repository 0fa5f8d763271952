//! The embedding plane: every word where its embedding puts it (seen filled, unseen
//! hollow, coloured by the class of the sentences it appears in) over the regions the
//! first trial's trained embedding network assigns to each class.

use nnhw_core::Figure;
use nnhw_core::network::Network;
use nnhw_plot::plotters::prelude::*;
use nnhw_plot::{Root, chart, color, fail, finite_range, legend, render};

use crate::experiment::margin;
use crate::spec::Setup;

/// The figure, for 2-d embeddings `vectors` (those the network read).
pub fn plane(setup: &Setup, vectors: &[Vec<f64>], network: &Network) -> Option<Figure> {
    let svg = render(|root| draw(root, setup, vectors, network))?;
    Some(Figure {
        name: "plane".into(),
        caption: "the embedding plane: words, and the trained embedding network's decision regions"
            .into(),
        svg,
    })
}

/// The class of the sentences a word appears in, if they agree.
fn word_class(setup: &Setup, w: usize) -> Option<usize> {
    let labels: Vec<usize> = setup
        .train
        .iter()
        .chain(&setup.test)
        .filter(|e| e.words.contains(&w))
        .map(|e| e.label)
        .collect();
    match labels.first() {
        Some(&l) if labels.iter().all(|&m| m == l) => Some(l),
        _ => None,
    }
}

fn draw(
    root: &Root<'_>,
    setup: &Setup,
    vectors: &[Vec<f64>],
    network: &Network,
) -> Result<(), String> {
    let xs = vectors.iter().map(|v| v[0]);
    let ys = vectors.iter().map(|v| v[1]);
    let bounds = |it: &mut dyn Iterator<Item = f64>| {
        it.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
    };
    let (x0, x1) = bounds(&mut xs.into_iter());
    let (y0, y1) = bounds(&mut ys.into_iter());
    let pad = 0.25 * (x1 - x0).max(y1 - y0).max(0.1);
    let (x0, x1, y0, y1) = (x0 - pad, x1 + pad, y0 - pad, y1 + pad);
    let mut chart = chart(
        root,
        "Embedding plane",
        finite_range(x0, x1)?,
        finite_range(y0, y1)?,
    )?;
    chart
        .configure_mesh()
        .x_desc("embedding[0]")
        .y_desc("embedding[1]")
        .draw()
        .map_err(fail)?;
    const CELLS: usize = 80;
    let (dx, dy) = ((x1 - x0) / CELLS as f64, (y1 - y0) / CELLS as f64);
    let mut cells = Vec::with_capacity(CELLS * CELLS);
    for i in 0..CELLS {
        for j in 0..CELLS {
            let (cx, cy) = (x0 + (i as f64 + 0.5) * dx, y0 + (j as f64 + 0.5) * dy);
            let class = usize::from(margin(network, &[cx, cy]) > 0.0);
            cells.push(Rectangle::new(
                [
                    (x0 + i as f64 * dx, y0 + j as f64 * dy),
                    (x0 + (i + 1) as f64 * dx, y0 + (j + 1) as f64 * dy),
                ],
                color(class).mix(0.12).filled(),
            ));
        }
    }
    chart.draw_series(cells).map_err(fail)?;
    for class in 0..2 {
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
            .map_err(fail)?
            .label(format!("region the network calls class {class}"))
            .legend(move |(x, y)| {
                Rectangle::new(
                    [(x, y - 6), (x + 16, y + 6)],
                    color(class).mix(0.3).filled(),
                )
            });
    }
    let seen = setup.seen();
    for (w, word) in setup.words.iter().enumerate() {
        let at = (vectors[w][0], vectors[w][1]);
        let c = word_class(setup, w).map_or(color(7), color);
        let style = if seen[w] {
            c.filled()
        } else {
            c.stroke_width(2)
        };
        chart
            .draw_series([Circle::new(at, 6, style)])
            .map_err(fail)?;
        let label = if seen[w] {
            word.clone()
        } else {
            format!("{word} (unseen)")
        };
        chart
            .draw_series([Text::new(
                label,
                (at.0 + 0.01 * (x1 - x0), at.1 + 0.01 * (y1 - y0)),
                ("sans-serif", 14).into_font().color(&c),
            )])
            .map_err(fail)?;
    }
    legend(&mut chart)
}
