//! Section 3's diagrams: the network of 3.1/3.2 with δ per unit and ∂C/∂w per weight,
//! and the computational graph of 3.4 with each value's data and grad, micrograd style.
//! The numbers are the solvers' own (their forward and backward passes); this module only
//! lays them out. A network too large for a diagram draws nothing. The same graph poses
//! 3.4 and 3.5 with the given numbers alone.

use nnhw_core::Figure;
use nnhw_core::network::{Gradients, LayerTrace, Network};
use nnhw_plot::diagram::{self, Edge, Node, Shape};
use nnhw_plot::plotters::style::RGBColor;
use nnhw_plot::{Dash, Entry, Style, color, figure_labelled, palette, subscript, superscript};

use crate::figures::short;
use crate::statements::simple::Numbers;

/// Inputs and targets: given, not computed.
const GIVEN: RGBColor = palette::INPUT;

/// A weight's arrow: colour and dash by the sign of its gradient (the legend names
/// them), width by its size against the `largest`. Without `dashes` every arrow is solid.
fn gradient_style(g: f64, largest: f64, dashes: bool) -> Style {
    let share = if largest > 0.0 {
        g.abs() / largest
    } else {
        0.0
    };
    let width = 1.2 + 2.3 * share;
    let style = if g == 0.0 {
        Style::line(GIVEN).dash(Dash::Dotted)
    } else {
        Style::signed(g)
    };
    style
        .dash(if dashes { style.dash } else { Dash::Solid })
        .width(width)
}

/// Most dashes the arrows may take: plotters writes each dash as its own element, and
/// a figure must stay under 100 KB. Past it every arrow is drawn solid, told apart by
/// colour alone (only dense diagrams, far beyond the homework's, get there).
const MOST_DASHES: usize = 650;

/// Whether every weight's gradient can be written on its arrow: a third column leaves no
/// room between the boxes, and past 16 arrows between two layers the labels pile up.
fn labelled(sizes: &[usize]) -> bool {
    sizes.len() <= 3 && sizes.windows(2).all(|w| w[0] * w[1] <= 16)
}

/// 3.1/3.2: the network with each unit's z, a and δ = ∂C/∂z, the targets on the outputs,
/// and ∂C/∂w on each weight's arrow (colour and dash by sign, width by size). `None` when
/// the network does not fit a diagram.
pub fn network(
    title: &str,
    network: &Network,
    x: &[f64],
    target: &[f64],
    traces: &[LayerTrace],
    g: &Gradients,
) -> Option<Figure> {
    let sizes: Vec<usize> = std::iter::once(x.len())
        .chain(network.layers.iter().map(|l| l.units()))
        .collect();
    if !diagram::fits(&sizes) {
        return None;
    }
    let depth = network.layers.len();
    let tallest = sizes[1..].iter().copied().max().unwrap_or(1);
    let gradient = |l: usize, j: usize, k: usize| g.weights[l - 1][(j, k)];
    let largest = g
        .weights
        .iter()
        .flat_map(|w| (0..w.nrows()).flat_map(move |j| (0..w.ncols()).map(move |k| w[(j, k)])))
        .fold(0.0, |m: f64, v| m.max(v.abs()));
    let unit = |l: usize, j: usize| -> (Vec<String>, RGBColor) {
        let j1 = subscript(j + 1);
        if l == 0 {
            return (vec![format!("x{j1}"), short(x[j])], GIVEN);
        }
        let (z, a) = (traces[l - 1].z[j], traces[l - 1].a[j]);
        let delta = g.delta[l - 1][(0, j)];
        let bias = network.layers[l - 1].bias[j];
        let up = superscript(l as i32);
        let tint = if l == depth {
            palette::OUTPUT
        } else {
            palette::HIDDEN
        };
        // Tall layers keep one line, δ, so their boxes still fit one above the other.
        if tallest > 4 {
            return (vec![format!("δ{j1}{up} = {}", short(delta))], tint);
        }
        // One short quantity a line, so the boxes stay narrow and the arrows between
        // them have room for their labels.
        let mut lines = vec![
            format!("z{j1}{up} = {}", short(z)),
            format!("b = {}", short(bias)),
            format!("a = {}", short(a)),
        ];
        if l == depth {
            lines.push(format!("t = {}", short(target[j])));
        }
        lines.push(format!("δ = {}", short(delta)));
        (lines, tint)
    };
    let with_labels = labelled(&sizes);
    let edge = |l: usize, j: usize, k: usize| {
        let dw = gradient(l, j, k);
        Some((
            with_labels.then(|| short(dw)),
            gradient_style(dw, largest, true),
        ))
    };
    let (nodes, mut edges) = diagram::network(&sizes, unit, edge)?;
    let dashes = diagram::dashes(&nodes, &edges) <= MOST_DASHES;
    if !dashes {
        for e in &mut edges {
            e.style = e.style.dash(Dash::Solid);
        }
    }
    let signs: Vec<RGBColor> = edges.iter().map(|e| e.style.color).collect();
    let mut legend: Vec<Entry> = [
        (
            palette::POSITIVE,
            "∂C/∂w > 0",
            gradient_style(1.0, 2.0, dashes),
        ),
        (
            palette::NEGATIVE,
            "∂C/∂w < 0",
            gradient_style(-1.0, 2.0, dashes),
        ),
        (GIVEN, "∂C/∂w = 0", gradient_style(0.0, 2.0, dashes)),
    ]
    .into_iter()
    .filter(|(c, ..)| signs.contains(c))
    .map(|(_, label, style)| Entry::series(label, style))
    .collect();
    if depth > 1 {
        legend.push(Entry::area("hidden unit", palette::HIDDEN, 0.3));
    }
    let output = if tallest <= 4 {
        "output unit, with its target t"
    } else {
        "output unit"
    };
    legend.push(Entry::area(output, palette::OUTPUT, 0.3));
    let subtitle = if with_labels {
        "δ = ∂C/∂z = ∂C/∂b per unit; ∂C/∂w on each weight, arrow width ∝ |∂C/∂w|"
    } else {
        "δ = ∂C/∂z = ∂C/∂b per unit; each weight's arrow has width ∝ |∂C/∂w|"
    };
    let svg = figure_labelled(title, subtitle, &legend, |area, labels| {
        diagram::draw(area, &nodes, &edges, labels)
    })?;
    Some(Figure {
        name: "network".into(),
        caption: "the network with δ = ∂C/∂z per unit and ∂C/∂w per weight, from the backward pass"
            .into(),
        svg,
    })
}

/// Every value of the two-weight network's forward and backward pass (3.4).
#[derive(Debug, Clone, Copy)]
pub struct Pass {
    /// The example: input and target.
    pub x: f64,
    /// See `x`.
    pub t: f64,
    /// The parameters.
    pub w1: f64,
    /// See `w1`.
    pub w2: f64,
    /// See `w1`.
    pub b: f64,
    /// The forward pass: z₁, a₁, z₂, y and the loss C.
    pub z1: f64,
    /// See `z1`.
    pub a1: f64,
    /// See `z1`.
    pub z2: f64,
    /// See `z1`.
    pub y: f64,
    /// See `z1`.
    pub cost: f64,
    /// The backward pass: δ¹ = ∂C/∂z₁, δ² = ∂C/∂z₂, ∂C/∂w₁, ∂C/∂w₂, ∂C/∂b.
    pub delta1: f64,
    /// See `delta1`.
    pub delta2: f64,
    /// See `delta1`.
    pub dw1: f64,
    /// See `delta1`.
    pub dw2: f64,
    /// See `delta1`.
    pub db: f64,
    /// The gradients of the values that are not parameters: ∂C/∂x, ∂C/∂a₁, ∂C/∂y, ∂C/∂t.
    pub dx: f64,
    /// See `dx`.
    pub da1: f64,
    /// See `dx`.
    pub dy: f64,
    /// See `dx`.
    pub dt: f64,
}

/// What a computational graph shows.
#[derive(Debug, Clone, Copy)]
pub enum Graph<'a> {
    /// The question: the given numbers on x, t, w₁, w₂ and b (and η in the subtitle for
    /// SGD), every computed value left as its bare name.
    Question(Numbers, Option<f64>),
    /// The solution: every value's data and grad.
    Solution(&'a Pass),
}

/// A given number in a question's box, in full: the statement's own digits, not the
/// diagrams' four significant ones.
fn exactly(v: f64) -> String {
    nnhw_core::format::number(v).replace('-', "−")
}

/// 3.4: the computational graph, values as boxes (data, grad = ∂C/∂value), operations as
/// discs, arrows forward. The chain is too long for one row at a readable size, so it
/// runs right along the top and back left along the bottom. A question's graph draws the
/// same boxes with the given numbers only.
pub fn graph(title: &str, mode: Graph<'_>) -> Option<Figure> {
    let solved = match mode {
        Graph::Solution(p) => Some(p),
        Graph::Question(..) => None,
    };
    // Two lines, the name with its data and then its grad, so that seven columns of
    // boxes and operations fit across the figure.
    let lines = |name: &str, data_grad: Option<(f64, f64)>| match data_grad {
        Some((data, grad)) => vec![
            format!("{name} = {}", short(data)),
            format!("∇ {}", short(grad)),
        ],
        None => vec![name.to_string()],
    };
    // An input or a parameter: its number in a question, its data and grad in a solution.
    let given = |name: &str, value: f64, grad: fn(&Pass) -> f64| match solved {
        Some(p) => lines(name, Some((value, grad(p)))),
        None => vec![format!("{name} = {}", exactly(value))],
    };
    // A computed value: left to compute in a question.
    let computed = |name: &str, data_grad: fn(&Pass) -> (f64, f64)| match solved {
        Some(p) => lines(name, Some(data_grad(p))),
        None => vec![format!("{name} = ?")],
    };
    let n = match mode {
        Graph::Solution(p) => Numbers {
            x: p.x,
            t: p.t,
            w1: p.w1,
            w2: p.w2,
            b: p.b,
        },
        Graph::Question(n, _) => n,
    };
    let value = |lines: Vec<String>, at: (f64, f64), color: RGBColor| Node {
        at,
        lines,
        shape: Shape::Box,
        color,
    };
    let op = |symbol: &str, at: (f64, f64)| Node {
        at,
        lines: vec![symbol.to_string()],
        shape: Shape::Disc,
        color: nnhw_plot::style::INK,
    };
    // Given values grey, as a network's inputs; what is computed purple and the loss
    // green, as a network's hidden units and outputs; parameters in a colour of their own.
    let (parameter, computed_color, loss) = (color(4), palette::HIDDEN, palette::OUTPUT);
    // In a solution every grad is the solver's own (Simple::pass).
    let nodes = vec![
        value(given("x", n.x, |p| p.dx), (0.0, 0.0), GIVEN),
        value(given("w₁", n.w1, |p| p.dw1), (0.0, 1.0), parameter),
        op("×", (0.5, 0.5)),
        value(
            computed("z₁", |p| (p.z1, p.delta1)),
            (1.0, 0.5),
            computed_color,
        ),
        op("ReLU", (1.5, 0.5)),
        value(
            computed("a₁", |p| (p.a1, p.da1)),
            (2.0, 0.5),
            computed_color,
        ),
        value(given("w₂", n.w2, |p| p.dw2), (2.0, 1.5), parameter),
        op("×", (2.5, 1.0)),
        value(given("b", n.b, |p| p.db), (3.0, 0.5), parameter),
        op("+", (3.0, 1.5)),
        value(
            computed("z₂", |p| (p.z2, p.delta2)),
            (3.0, 2.5),
            computed_color,
        ),
        op("σ", (2.5, 2.5)),
        value(computed("y", |p| (p.y, p.dy)), (2.0, 2.5), computed_color),
        value(given("t", n.t, |p| p.dt), (2.0, 3.5), GIVEN),
        op("½(y−t)²", (1.5, 3.0)),
        value(computed("C", |p| (p.cost, 1.0)), (1.0, 3.0), loss),
    ];
    let arrows = [
        (0, 2),
        (1, 2),
        (2, 3),
        (3, 4),
        (4, 5),
        (5, 7),
        (6, 7),
        (7, 9),
        (8, 9),
        (9, 10),
        (10, 11),
        (11, 12),
        (12, 14),
        (13, 14),
        (14, 15),
    ];
    let edges: Vec<Edge> = arrows
        .into_iter()
        .map(|(from, to)| Edge {
            from,
            to,
            label: None,
            label_at: 0.5,
            style: Style::line(nnhw_plot::style::INK).width(1.5),
        })
        .collect();
    let computed_entry = if solved.is_some() {
        "computed value"
    } else {
        "value to compute"
    };
    let legend = [
        Entry::area("parameter", parameter, 0.3),
        Entry::area("input, target", GIVEN, 0.3),
        Entry::area(computed_entry, computed_color, 0.3),
        Entry::area("loss", loss, 0.3),
    ];
    let (name, subtitle, caption) = match mode {
        Graph::Solution(_) => (
            "graph",
            "each value = its data (forward); ∇ its grad ∂C/∂value (backward)".to_string(),
            "the computational graph: each value's data (forward) and grad ∂C/∂value (backward)",
        ),
        Graph::Question(_, eta) => (
            "question-graph",
            match eta {
                Some(eta) => format!(
                    "given: x, t, w₁, w₂, b and the learning rate η = {}; ○ operations",
                    exactly(eta)
                ),
                None => "given: x, t, w₁, w₂ and b; ○ operations".to_string(),
            },
            "the computational graph with the given input, target and parameters; the values it computes are left to compute",
        ),
    };
    let svg = figure_labelled(title, &subtitle, &legend, |area, labels| {
        diagram::draw(area, &nodes, &edges, labels)
    })?;
    Some(Figure {
        name: name.into(),
        caption: caption.into(),
        svg,
    })
}
