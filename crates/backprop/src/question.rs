//! The figure that poses 3.1 and 3.2: three layers of a network in the notation of
//! section 3, with names only. It holds no number, so no spec's network can put an
//! answer in it; the formulas it sets up are the question.

use nnhw_core::Figure;
use nnhw_plot::diagram::{self, Edge, Node, Shape};
use nnhw_plot::plotters::style::RGBColor;
use nnhw_plot::{Entry, Style, color, figure_labelled, palette};

/// Units the notation does not name.
const OTHER: RGBColor = RGBColor(150, 150, 150);

/// Units per layer: enough to show that k and j are one unit among several.
const UNITS: usize = 3;
/// The named unit's row in each layer.
const NAMED: usize = 1;

/// Layers l − 1, l and l + 1: unit k of layer l − 1 with aₖˡ⁻¹, unit j of layer l with
/// zⱼˡ, aⱼˡ, bⱼˡ and δⱼˡ, unit k of layer l + 1 with zₖˡ⁺¹ and δₖˡ⁺¹; the weight wⱼₖˡ
/// from k to j and the weights wₖⱼˡ⁺¹ from j on.
pub fn layers(title: &str) -> Option<Figure> {
    let named = [
        (vec!["unit k, layer l − 1", "aₖˡ⁻¹"], palette::HIDDEN),
        (
            vec![
                "unit j, layer l",
                "zⱼˡ, bⱼˡ",
                "aⱼˡ = f(zⱼˡ)",
                "δⱼˡ = ∂C/∂zⱼˡ",
            ],
            palette::HIDDEN,
        ),
        (
            vec!["unit k, layer l + 1", "zₖˡ⁺¹, bₖˡ⁺¹", "δₖˡ⁺¹"],
            palette::HIDDEN,
        ),
    ];
    let mut nodes = Vec::new();
    for (layer, (lines, c)) in named.iter().enumerate() {
        for unit in 0..UNITS {
            let (lines, c) = if unit == NAMED {
                (lines.iter().map(|l| l.to_string()).collect(), *c)
            } else {
                (vec![" ".repeat(6)], OTHER)
            };
            nodes.push(Node {
                at: (layer as f64, unit as f64),
                lines,
                shape: Shape::Box,
                color: c,
            });
        }
    }
    let index = |layer: usize, unit: usize| layer * UNITS + unit;
    let faint = Style::line(OTHER).width(1.0);
    // Weights are named here, not signed: colours of their own, not the signed pair.
    let (into_j, out_of_j) = (
        Style::line(color(4)).width(2.2),
        Style::line(color(5)).width(2.2),
    );
    let mut edges = Vec::new();
    for layer in 1..named.len() {
        for to in 0..UNITS {
            for from in 0..UNITS {
                // Only the arrows that touch unit j: the sum into it and the fan out
                // of it; the rest would cross the named weights and say nothing.
                let (label, style) = match (layer, from, to) {
                    (1, NAMED, NAMED) => (Some("wⱼₖˡ"), into_j),
                    (2, NAMED, NAMED) => (Some("wₖⱼˡ⁺¹"), out_of_j),
                    (2, NAMED, _) => (None, out_of_j.width(1.4)),
                    (1, _, NAMED) => (None, faint),
                    _ => continue,
                };
                edges.push(Edge {
                    from: index(layer - 1, from),
                    to: index(layer, to),
                    label: label.map(String::from),
                    label_at: 0.5,
                    style,
                });
            }
        }
    }
    // The faint arrows first, so the named ones are drawn over them.
    edges.sort_by_key(|e| e.style.color != OTHER);
    let legend = [
        Entry::series(
            "wⱼₖˡ: from unit k of layer l − 1 to unit j of layer l",
            into_j,
        ),
        Entry::series(
            "wₖⱼˡ⁺¹: from unit j of layer l to unit k of layer l + 1",
            out_of_j,
        ),
        Entry::area("other units", OTHER, 0.3),
    ];
    let svg = figure_labelled(
        title,
        "the notation of section 3: names only, no numbers",
        &legend,
        |area, labels| diagram::draw(area, &nodes, &edges, labels),
    )?;
    Some(Figure {
        name: "question-layers".into(),
        caption: "three layers of the network in the notation of section 3: aₖˡ⁻¹, wⱼₖˡ, zⱼˡ, aⱼˡ, bⱼˡ, δⱼˡ and wₖⱼˡ⁺¹"
            .into(),
        svg,
    })
}
