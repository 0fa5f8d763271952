//! 1.1: the network as the homework draws it, with numbers: each input's value, each
//! unit's z and f(z), the softmax outputs, and the weights on the arrows.

use nnhw_core::Figure;
use nnhw_core::network::{LayerTrace, Network};
use nnhw_plot::diagram::{self, fits};
use nnhw_plot::{Dash, Entry, Style, color, figure, short, subscript, superscript};

/// Most arrows between two layers that carry their weight as a label.
const MAX_LABELLED: usize = 16;
/// Most dashes the negative weights' arrows may take before they are drawn solid.
const MAX_DASHES: usize = 600;

/// The figure; `o` is the softmax output when the network ends in one. `None` when the
/// network is too big to draw as boxes.
pub(crate) fn network(
    title: &str,
    x: &[f64],
    net: &Network,
    traces: &[LayerTrace],
    o: Option<&[f64]>,
) -> Option<Figure> {
    let mut sizes = vec![x.len()];
    sizes.extend(traces.iter().map(|t| t.z.len()));
    if !fits(&sizes) {
        return None;
    }
    let depth = traces.len();
    // The homework names a two-layer network's pre-activations z and u; deeper ones get
    // the layer as a superscript.
    let name = |l: usize, j: usize| match (depth, l) {
        (_, 0) => format!("x{}", subscript(j + 1)),
        (2, 1) => format!("z{}", subscript(j + 1)),
        (2, _) => format!("u{}", subscript(j + 1)),
        _ => format!("z{}{}", superscript(l as i32), subscript(j + 1)),
    };
    let unit = |l: usize, j: usize| {
        if l == 0 {
            return (
                vec![format!("{} = {}", name(0, j), short(x[j], 4))],
                color(7),
            );
        }
        let layer = &net.layers[l - 1];
        let trace = &traces[l - 1];
        let n = name(l, j);
        let mut lines = vec![format!("{n} = {}", short(trace.z[j], 4))];
        // An identity layer's f(z) is z again; saying so twice is noise.
        if let Some(f) = activation(layer.activation.name()) {
            // Room for f(z₁) in full on a two-layer network; deeper ones are too crowded.
            let f = if depth <= 2 { format!("{f}({n})") } else { f };
            lines.push(format!("{f} = {}", short(trace.a[j], 4)));
        }
        if l == depth
            && let Some(o) = o
        {
            lines.push(format!("o{} = {}", subscript(j + 1), short(o[j], 7)));
        }
        (lines, if l == depth { color(2) } else { color(3) })
    };
    // Past 16 arrows between two layers their labels pile up: the colour and dash say
    // the sign, and the report has the numbers.
    let labelled = sizes
        .windows(2)
        .all(|pair| pair[0] * pair[1] <= MAX_LABELLED);
    let edge = |l: usize, j: usize, k: usize| {
        let w = net.layers[l - 1].weights[(j, k)];
        // A zero weight carries nothing: leaving it out keeps the diagram readable.
        (w != 0.0).then(|| (labelled.then(|| short(w, 4)), weight_style(w)))
    };
    let (nodes, mut edges) = diagram::network(&sizes, unit, edge)?;
    // Each dash is an SVG element: a dense network draws negative weights solid too.
    let dashed = diagram::dashes(&nodes, &edges) <= MAX_DASHES;
    if !dashed {
        for e in &mut edges {
            e.style = e.style.dash(Dash::Solid);
        }
    }
    let negative = if dashed {
        weight_style(-1.0)
    } else {
        weight_style(-1.0).dash(Dash::Solid)
    };
    let legend = [
        Entry::series("positive weight", weight_style(1.0)),
        Entry::series("negative weight", negative),
    ];
    let subtitle = match o {
        Some(_) => "each unit's z and f(z), then the softmax o; zero weights are not drawn",
        None => "every unit's z and f(z); zero weights are not drawn",
    };
    let svg = figure(title, subtitle, &legend, |area| {
        diagram::draw(area, &nodes, &edges)
    })?;
    Some(Figure {
        name: "network".into(),
        caption: "the network with every unit's z and f(z) and the outputs".into(),
        svg,
    })
}

fn weight_style(w: f64) -> Style {
    if w > 0.0 {
        Style::line(color(0)).width(1.5)
    } else {
        Style::line(color(1)).width(1.5).dash(Dash::Dashed)
    }
}

/// The activation's name as the homework writes it; `None` for the identity.
fn activation(name: &str) -> Option<String> {
    match name {
        "relu" => Some("ReLU".into()),
        "sigmoid" => Some("σ".into()),
        "identity" | "linear" | "none" => None,
        other => Some(other.into()),
    }
}
