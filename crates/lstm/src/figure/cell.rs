//! The question figure of both kinds: the LSTM cell with its parameters. xₜ and hₜ₋₁
//! feed the three σ gates and the tanh candidate, each drawn with its weights and bias
//! (their shapes, for a wider LSTM); the cell state runs along the top from cₜ₋₁ through
//! the forget gate's product and the sum to cₜ, and hₜ leaves through tanh and the output
//! gate's product. It shows params only: no state, gate value or trace.

use nnhw_core::Figure;
use nnhw_core::format::{count, number};
use nnhw_plot::diagram::{self, Edge, Node, Shape};
use nnhw_plot::plotters::style::RGBColor;
use nnhw_plot::{Dash, Style, color, figure_labelled};

use crate::model::Gate;
use crate::question::{gates, is_scalar};
use crate::spec::Setup;

/// Inputs and the previous state: given, not computed.
const GIVEN: RGBColor = RGBColor(100, 100, 100);

/// Longest number written in full in a gate's box; a longer one is rounded (the
/// statement has it whole), so the boxes stay narrow enough for the arrows between.
const DIGITS: usize = 8;

/// `= v` with the report's digits and a real minus sign, or `≈ v` to 4 significant
/// digits when that is too long for the box.
fn shown(v: f64) -> String {
    let full = number(v);
    if full.chars().count() <= DIGITS {
        format!("= {}", full.replace('-', "−"))
    } else {
        format!("≈ {}", nnhw_plot::short(v, 4))
    }
}

/// The lines of a gate's box: what it computes, then its three parameters, by value for
/// a scalar LSTM and by shape for a wider one (the statement has their values).
fn gate_lines(letter: &str, heading: &str, gate: &Gate, scalar: bool) -> Vec<String> {
    let (wh, wx, b) = (
        format!("W^{{{letter},h}}"),
        format!("W^{{{letter},x}}"),
        format!("b_{letter}"),
    );
    let mut lines = vec![heading.to_string()];
    if scalar {
        for (name, v) in [
            (wh, gate.wh.row(0)[0]),
            (wx, gate.wx.row(0)[0]),
            (b, gate.b[0]),
        ] {
            lines.push(format!("{name} {}", shown(v)));
        }
    } else {
        lines.push(format!("{wh}: {}×{}", gate.wh.rows(), gate.wh.cols()));
        lines.push(format!("{wx}: {}×{}", gate.wx.rows(), gate.wx.cols()));
        lines.push(format!("{b}: {}", count(gate.b.len(), "entry", "entries")));
    }
    lines
}

/// The cell with its parameters, for the statement of `lstm.states` and `lstm.info`.
pub fn cell(title: &str, setup: &Setup) -> Option<Figure> {
    let scalar = is_scalar(setup);
    let (given, sigma, candidate, new) = (GIVEN, color(0), color(2), color(3));
    let boxed = |at: (f64, f64), lines: Vec<String>, color: RGBColor| Node {
        at,
        lines,
        shape: Shape::Box,
        color,
    };
    let op = |at: (f64, f64), symbol: &str| Node {
        at,
        lines: vec![symbol.to_string()],
        shape: Shape::Disc,
        color: nnhw_plot::style::INK,
    };
    // The grid: given values in column 0; the four gates stacked in column 1, each a
    // unit whose arrows come in at its left side and leave at its right, so no arrow
    // crosses a gate's text; then the products and the sum, then cₜ, tanh and hₜ. The
    // gates are four lines tall at 18 px: stacked, they need the whole height of the
    // plot, so the figure has no legend (each box's bold heading names it).
    let unit = |at: (f64, f64), lines: Vec<String>, color: RGBColor| Node {
        at,
        lines,
        shape: Shape::Unit { lines: 1 },
        color,
    };
    let mut nodes = vec![
        boxed((0.0, 0.0), vec!["cₜ₋₁".into()], given),
        boxed((0.0, 2.1), vec!["hₜ₋₁".into()], given),
        boxed((0.0, 3.0), vec!["xₜ".into()], given),
    ];
    let headings = [
        "fₜ: forget, σ",
        "iₜ: input, σ",
        "oₜ: output, σ",
        "candidate, tanh",
    ];
    // Drawn top to bottom as f, i, candidate, o: the candidate beside i, whose product
    // it shares, and o at the bottom, level with its product and hₜ.
    let rows = [0.95, 2.05, 4.25, 3.15];
    for (((letter, gate), heading), row) in gates(setup).into_iter().zip(headings).zip(rows) {
        let shade = if letter == "c" { candidate } else { sigma };
        nodes.push(unit(
            (1.0, row),
            gate_lines(letter, heading, gate, scalar),
            shade,
        ));
    }
    nodes.extend([
        op((2.0, 0.0), "×"),
        op((2.0, 2.6), "×"),
        op((3.0, 0.0), "+"),
        boxed((4.0, 0.0), vec!["cₜ".into()], new),
        op((4.0, 2.1), "tanh"),
        op((4.0, 4.25), "×"),
        boxed((5.0, 4.25), vec!["hₜ".into()], new),
    ]);
    // Nodes 3 to 6 are the gates f, i, o and the candidate.
    let arrows = [
        (0, 7),
        (3, 7),
        (7, 9),
        (4, 8),
        (6, 8),
        (8, 9),
        (9, 10),
        (10, 11),
        (11, 12),
        (5, 12),
        (12, 13),
    ];
    let ink = |from: usize, to: usize, style: Style| Edge {
        from,
        to,
        label: None,
        label_at: 0.5,
        style,
    };
    let mut edges: Vec<Edge> = arrows
        .into_iter()
        .map(|(from, to)| ink(from, to, Style::line(nnhw_plot::style::INK).width(1.5)))
        .collect();
    // hₜ₋₁'s arrows solid and xₜ's dashed, so each can be followed where they cross.
    for gate in 3..=6 {
        edges.push(ink(1, gate, Style::line(GIVEN).width(1.25)));
        edges.push(ink(
            2,
            gate,
            Style::line(GIVEN).width(1.25).dash(Dash::Dashed),
        ));
    }
    let subtitle = if scalar {
        "each gate with its weights on hₜ₋₁ and xₜ and its bias"
    } else {
        "each gate with the shapes of its weights and its bias"
    };
    let svg = figure_labelled(title, subtitle, &[], |area, labels| {
        diagram::draw(area, &nodes, &edges, labels)
    })?;
    Some(Figure {
        name: "question-cell".into(),
        caption: "the LSTM cell: xₜ and hₜ₋₁ into the gates f, i, o and the tanh candidate, \
                  each with its parameters; cₜ₋₁ to cₜ, and hₜ"
            .into(),
        svg,
    })
}
