//! 1.1: the network as the homework draws it. Solved, with numbers: each input's value,
//! each unit's z and f(z), the softmax outputs, and the weights on the arrows. Posed (the
//! question figure), with the given numbers only: the inputs, the weights on the arrows,
//! each unit's bias and activation.

use nnhw_core::Figure;
use nnhw_core::network::{LayerTrace, Network};
use nnhw_plot::diagram::{self, fits};
use nnhw_plot::plotters::style::RGBColor;
use nnhw_plot::{Dash, Entry, Style, figure_labelled, palette, short, subscript, superscript};

/// Most arrows between two layers that carry their weight as a label.
const MAX_LABELLED: usize = 16;
/// Most dashes the negative weights' arrows may take before they are drawn solid.
const MAX_DASHES: usize = 600;

/// What the diagram says of each unit.
pub(crate) enum Shown<'a> {
    /// The solution: every unit's z and f(z), and the softmax `o` when there is one.
    Solved {
        /// The input.
        x: &'a [f64],
        /// Each layer's z and f(z).
        traces: &'a [LayerTrace],
        /// The softmax output, when the network ends in one.
        o: Option<&'a [f64]>,
    },
    /// The question: nothing computed, only what the spec gives.
    Posed(Posed),
}

/// A question figure's words: what its inputs and units are called and what it says.
pub(crate) struct Posed {
    /// Each input's box, one line: `x₁ = 3`, or just `x₁` when no value is given.
    pub inputs: Vec<String>,
    /// Each layer's bias names, the first layer first: `W₀₁`.
    pub biases: Vec<Vec<String>>,
    /// Whether each unit's activation is a line of its box (no for the bare zⱼ of 1.2).
    pub activations: bool,
    /// Says what is given.
    pub subtitle: String,
    /// Says what the figure shows.
    pub caption: String,
}

/// Each unit's bias by its name in the statement: a two-layer network's are the
/// homework's W₀ⱼ and V₀ₖ, any other's section 3's bˡⱼ. A unit is named by its bias
/// rather than by a number, which could read as an answer.
pub(crate) fn bias_names(net: &Network) -> Vec<Vec<String>> {
    let depth = net.layers.len();
    net.layers
        .iter()
        .enumerate()
        .map(|(l, layer)| {
            (1..=layer.units())
                .map(|j| match (depth, l) {
                    (2, 0) => format!("W₀{}", subscript(j)),
                    (2, _) => format!("V₀{}", subscript(j)),
                    _ => format!("b{}{}", superscript(l as i32 + 1), subscript(j)),
                })
                .collect()
        })
        .collect()
}

/// The figure. `None` when the network is too big to draw as boxes.
pub(crate) fn network(title: &str, net: &Network, shown: &Shown<'_>) -> Option<Figure> {
    let inputs = net.layers.first().map_or(0, |l| l.inputs());
    let mut sizes = vec![inputs];
    sizes.extend(net.layers.iter().map(|l| l.units()));
    if !fits(&sizes) {
        return None;
    }
    let depth = net.layers.len();
    // Each unit's bias name, once for the figure.
    let names = bias_names(net);
    let unit = |l: usize, j: usize| -> (Vec<String>, RGBColor) {
        let tint = if l == 0 {
            palette::INPUT
        } else if l == depth {
            palette::OUTPUT
        } else {
            palette::HIDDEN
        };
        let lines = match shown {
            Shown::Solved { x, traces, o } => solved_lines(net, &names, x, traces, *o, l, j),
            Shown::Posed(posed) => posed_lines(net, posed, l, j),
        };
        (lines, tint)
    };
    // Past 16 arrows between two layers their labels pile up, and a solved network of
    // four columns or more leaves too little room between its boxes: the colour and dash
    // say the sign, and the question figure (and the report) has the numbers.
    let solved = matches!(shown, Shown::Solved { .. });
    let labelled = sizes
        .windows(2)
        .all(|pair| pair[0] * pair[1] <= MAX_LABELLED)
        && !(solved && depth > 2);
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
    let (name, subtitle, caption) = match shown {
        Shown::Solved { o: Some(_), .. } if labelled => (
            "network",
            "each unit's z and f(z), then the softmax o; zero weights are not drawn",
            "the network with every unit's z and f(z) and the outputs",
        ),
        Shown::Solved { o: None, .. } if labelled => (
            "network",
            "every unit's z and f(z); zero weights are not drawn",
            "the network with every unit's z and f(z) and the outputs",
        ),
        Shown::Solved { .. } => (
            "network",
            "each unit's z and f(z); weights by sign, their values in the question's figure",
            "the network with every unit's z and f(z) and the outputs",
        ),
        Shown::Posed(posed) => (
            "question-network",
            posed.subtitle.as_str(),
            posed.caption.as_str(),
        ),
    };
    let svg = figure_labelled(title, subtitle, &legend, |area, labels| {
        diagram::draw(area, &nodes, &edges, labels)
    })?;
    Some(Figure {
        name: name.into(),
        caption: caption.into(),
        svg,
    })
}

/// Unit j of column l with its computed values.
fn solved_lines(
    net: &Network,
    names: &[Vec<String>],
    x: &[f64],
    traces: &[LayerTrace],
    o: Option<&[f64]>,
    l: usize,
    j: usize,
) -> Vec<String> {
    let depth = traces.len();
    // The homework names a two-layer network's pre-activations z and u; deeper ones get
    // the layer as a superscript.
    let name = |l: usize, j: usize| match (depth, l) {
        (_, 0) => format!("x{}", subscript(j + 1)),
        (2, 1) => format!("z{}", subscript(j + 1)),
        (2, _) => format!("u{}", subscript(j + 1)),
        _ => format!("z{}{}", superscript(l as i32), subscript(j + 1)),
    };
    if l == 0 {
        return vec![format!("{} = {}", name(0, j), short(x[j], 4))];
    }
    let layer = &net.layers[l - 1];
    let trace = &traces[l - 1];
    let n = name(l, j);
    let mut lines = vec![format!("{n} = {}", short(trace.z[j], 4))];
    // The bias, so z = Σ w·x + b checks by hand: under the homework's name on its
    // two-layer network, as b on a deeper one (whose unit name carries the layer).
    let bias = match names.get(l - 1).and_then(|layer| layer.get(j)) {
        Some(name) if depth <= 2 => name.clone(),
        _ => "b".into(),
    };
    lines.push(format!("{bias} = {}", short(layer.bias[j], 4)));
    // An identity layer's f(z) is z again; saying so twice is noise.
    if let Some(f) = activation(layer.activation.name()) {
        // Room for f(z₁) in full on a two-layer network; deeper ones are too crowded
        // for more than the function's name.
        let f = if depth <= 2 { format!("{f}({n})") } else { f };
        lines.push(format!("{f} = {}", short(trace.a[j], 4)));
    }
    if l == depth
        && let Some(o) = o
    {
        lines.push(format!("o{} = {}", subscript(j + 1), short(o[j], 7)));
    }
    lines
}

/// Unit j of column l with what the spec gives of it: its bias and activation.
fn posed_lines(net: &Network, posed: &Posed, l: usize, j: usize) -> Vec<String> {
    if l == 0 {
        return vec![posed.inputs.get(j).cloned().unwrap_or_default()];
    }
    let layer = &net.layers[l - 1];
    let name = posed
        .biases
        .get(l - 1)
        .and_then(|names| names.get(j))
        .map_or("bias", String::as_str);
    let mut lines = vec![format!("{name} = {}", short(layer.bias[j], 4))];
    if posed.activations {
        // The question names every activation, the identity too: it is a given.
        lines.push(activation(layer.activation.name()).unwrap_or_else(|| "identity".into()));
    }
    lines
}

fn weight_style(w: f64) -> Style {
    Style::signed(w).width(1.5)
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
