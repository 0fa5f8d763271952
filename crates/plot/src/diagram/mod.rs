//! Boxes and arrows: a network's units with their values, or a computational graph's
//! nodes with value and gradient. The caller places each node on a grid of columns and
//! rows (a layer, a depth); this module scales the grid to the area ([`geometry`]), sizes
//! each box to its text, draws every arrow from box edge to box edge, then the nodes, and
//! gives each arrow's label to the figure's [`Labels`], which puts it on its arrow where
//! no other arrow, box or label is.

mod geometry;
mod machine;

pub use machine::{MAX_STATES, MachineState, Transition, draw_machine};

use geometry::{centres, half_size};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::mark::{PathKind, path_element};
use crate::style::{Dash, INK, Style, bold_style, px, text, text_style};
use crate::{Error, Labels, Root};

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A box with its lines of text inside: a unit, a value.
    Box,
    /// An operation, micrograd style: a circle around a symbol (×), an oval around a
    /// longer name (ReLU), with its one line of text.
    Disc,
    /// A network's unit: a box whose arrows come in at its left side and leave at its
    /// right, so that in a tall layer no arrow cuts across the boxes above or below; at
    /// least `lines` lines tall, so that every unit of a network is one size and a unit
    /// of few lines still spreads its arrows apart.
    Unit {
        /// Least height, in lines of text.
        lines: usize,
    },
}

/// One node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Column (left to right) and row (top to bottom) on the caller's grid; fractions
    /// allowed.
    pub at: (f64, f64),
    /// Its text, one entry per line; the first is its name.
    pub lines: Vec<String>,
    /// Its shape.
    pub shape: Shape,
    /// Border and title colour.
    pub color: RGBColor,
}

/// One arrow.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index of the node it leaves.
    pub from: usize,
    /// Index of the node it enters.
    pub to: usize,
    /// Text written on it.
    pub label: Option<String>,
    /// Where along the arrow the label would best sit, 0 at the tail and 1 at the head;
    /// it moves from there to keep clear of boxes, other labels and other arrows.
    pub label_at: f64,
    /// Colour, width and dash.
    pub style: Style,
}

/// Draws `nodes` and `edges` filling `area`: arrows, then nodes; the arrows' labels go to
/// `labels`.
pub fn draw(
    area: &Root<'_>,
    nodes: &[Node],
    edges: &[Edge],
    labels: &mut Labels,
) -> Result<(), Error> {
    let centres = centres(nodes, geometry::size(area));
    let edges: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.from < nodes.len() && e.to < nodes.len())
        .collect();
    let arrows: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
    let segments: Vec<Segment> = geometry::segments(nodes, &centres, &arrows);
    for (edge, &(tail, head)) in edges.iter().zip(&segments) {
        arrow(area, tail, head, &edge.style)?;
    }
    let origin = crate::origin(area);
    let on_canvas = |(x, y): (f64, f64)| (origin.0 + x, origin.1 + y);
    for (edge, &(tail, head)) in edges.iter().zip(&segments) {
        if let Some(label) = &edge.label {
            labels.along(
                label.clone(),
                edge.style.color,
                on_canvas(tail),
                on_canvas(head),
                edge.label_at,
            );
        }
    }
    for (node, &(x, y)) in nodes.iter().zip(&centres) {
        let (hw, hh) = half_size(node);
        match node.shape {
            Shape::Disc => {
                // An ellipse as wide as its text: "×" is a circle, "ReLU" an oval.
                let outline: Vec<(i32, i32)> = (0..64)
                    .map(|k| {
                        let a = std::f64::consts::TAU * f64::from(k) / 64.0;
                        (px(x + hw * a.cos()), px(y + hh * a.sin()))
                    })
                    .collect();
                let mut closed = outline.clone();
                closed.push(outline[0]);
                area.draw(&Polygon::new(outline, WHITE.filled()))?;
                area.draw(&PathElement::new(
                    closed,
                    node.color.stroke_width(px(1.5) as u32),
                ))?;
            }
            Shape::Box | Shape::Unit { .. } => {
                let corners = [(px(x - hw), px(y - hh)), (px(x + hw), px(y + hh))];
                area.draw(&Rectangle::new(corners, WHITE.filled()))?;
                area.draw(&Rectangle::new(corners, node.color.mix(0.08).filled()))?;
                area.draw(&Rectangle::new(
                    corners,
                    node.color.stroke_width(px(1.5) as u32),
                ))?;
            }
        }
        let top = y - 0.5 * geometry::LINE * (node.lines.len() as f64 - 1.0);
        for (i, line) in node.lines.iter().enumerate() {
            let style = if i == 0 {
                bold_style(text::BODY, node.color, HPos::Center, VPos::Center)
            } else {
                text_style(text::BODY, INK, HPos::Center, VPos::Center)
            };
            area.draw(&Text::new(
                line.clone(),
                (px(x), px(top + i as f64 * geometry::LINE)),
                style,
            ))?;
        }
    }
    Ok(())
}

/// An arrow from tail to head, in CSS pixels.
type Segment = ((f64, f64), (f64, f64));

/// About how many SVG elements the dashed and dotted arrows take (plotters writes each
/// dash as its own line) on a plot band of the usual size: a caller keeps a figure under
/// its size budget by drawing solid when this is large.
pub fn dashes(nodes: &[Node], edges: &[Edge]) -> usize {
    const NOMINAL: (f64, f64) = (720.0, 480.0);
    let centres = centres(nodes, NOMINAL);
    let count: f64 = edges
        .iter()
        .filter(|e| e.from < nodes.len() && e.to < nodes.len())
        .map(|e| {
            let (tail, head) = geometry::segment(nodes, &centres, e.from, e.to);
            let (on, off) = crate::mark::dash_pattern(e.style.dash, e.style.width);
            match e.style.dash {
                Dash::Dashed | Dash::Dotted => {
                    crate::length(head.0 - tail.0, head.1 - tail.1) / (on + off)
                }
                _ => 0.0,
            }
        })
        .sum();
    count.ceil() as usize
}

/// A line from `tail` to `head` (CSS pixels) with a filled arrowhead at `head`.
fn arrow(area: &Root<'_>, tail: (f64, f64), head: (f64, f64), style: &Style) -> Result<(), Error> {
    let (dx, dy) = (head.0 - tail.0, head.1 - tail.1);
    let length = crate::length(dx, dy);
    if length < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / length, dy / length);
    let size = 9.0;
    let back = (head.0 - size * ux, head.1 - size * uy);
    let points = vec![(px(tail.0), px(tail.1)), (px(back.0), px(back.1))];
    match path_element(points, style) {
        Some(PathKind::Solid(p)) => area.draw(&p)?,
        Some(PathKind::Dashed(p)) => area.draw(&p)?,
        None => {}
    }
    let (nx, ny) = (-uy * size * 0.45, ux * size * 0.45);
    let head_points = vec![
        (px(head.0), px(head.1)),
        (px(back.0 + nx), px(back.1 + ny)),
        (px(back.0 - nx), px(back.1 - ny)),
    ];
    area.draw(&Polygon::new(head_points, style.color.filled()))
        .map_err(Error::from)
}

/// Most units in one layer, and most layers, a network diagram draws: past that the
/// boxes no longer fit on the canvas.
pub const MAX_UNITS_PER_LAYER: usize = 8;
/// See [`MAX_UNITS_PER_LAYER`].
pub const MAX_LAYERS: usize = 5;

/// Whether a network of these layer sizes (inputs first) fits in a diagram.
pub fn fits(sizes: &[usize]) -> bool {
    sizes.len() <= MAX_LAYERS
        && sizes
            .iter()
            .all(|&n| (1..=MAX_UNITS_PER_LAYER).contains(&n))
}

/// A layered network: `sizes[l]` units in column `l`, each unit's lines from `unit(l, j)`,
/// and an arrow from unit k of layer l − 1 to unit j of layer l wherever `edge(l, j, k)`
/// gives a label and style. `None` when the network does not [`fit`](fits).
pub fn network(
    sizes: &[usize],
    unit: impl Fn(usize, usize) -> (Vec<String>, RGBColor),
    edge: impl Fn(usize, usize, usize) -> Option<(Option<String>, Style)>,
) -> Option<(Vec<Node>, Vec<Edge>)> {
    if !fits(sizes) {
        return None;
    }
    let tallest = sizes.iter().copied().max().unwrap_or(1) as f64;
    let mut units = Vec::new();
    for (l, &n) in sizes.iter().enumerate() {
        for j in 0..n {
            units.push((l, j, unit(l, j)));
        }
    }
    // Every unit as tall as the tallest, but no taller than lets the tallest layer stand
    // apart on a plot band of the usual height (about 440 px, 10 px between boxes).
    let fit = ((440.0 / tallest - 18.0) / geometry::LINE).floor().max(1.0) as usize;
    let most_lines = units
        .iter()
        .map(|(_, _, (lines, _))| lines.len())
        .max()
        .unwrap_or(1)
        .min(fit);
    let mut nodes = Vec::new();
    let mut first = Vec::new();
    for (l, j, (lines, color)) in units {
        let n = sizes[l];
        if j == 0 {
            first.push(nodes.len());
        }
        // A short layer spreads over the tallest one's height, each unit in the middle of
        // its share: arrows fan out less steeply than from a bunch in the middle.
        let row = if n == 1 {
            0.5 * (tallest - 1.0)
        } else {
            j as f64 * (tallest - 1.0) / (n as f64 - 1.0)
        };
        nodes.push(Node {
            at: (l as f64, row),
            lines,
            shape: Shape::Unit { lines: most_lines },
            color,
        });
    }
    let mut edges = Vec::new();
    for l in 1..sizes.len() {
        for j in 0..sizes[l] {
            for k in 0..sizes[l - 1] {
                if let Some((label, style)) = edge(l, j, k) {
                    edges.push(Edge {
                        from: first[l - 1] + k,
                        to: first[l] + j,
                        label,
                        // Near the head, where the arrows into a unit arrive apart.
                        label_at: 0.72,
                        style,
                    });
                }
            }
        }
    }
    Some((nodes, edges))
}
