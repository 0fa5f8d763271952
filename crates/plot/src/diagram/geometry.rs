//! Where a diagram's nodes go and how big they are, in CSS pixels: one copy, shared by
//! the drawing and the label placement.

use super::{Node, Shape};
use crate::Root;
use crate::style::{px, text};

/// Text line height inside boxes: a line's box in the figures' font, and a pixel.
pub(super) const LINE: f64 = (crate::metrics::ASCENT + crate::metrics::DESCENT) * text::BODY + 1.0;
/// An operation's radius when its name is one symbol.
const DISC: f64 = 19.0;

type Point = (f64, f64);

/// Half width and half height of `node`'s outline.
pub(super) fn half_size(node: &Node) -> Point {
    // The first line is the bold name.
    let widest = node
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| crate::metrics::width(l, text::BODY, i == 0))
        .fold(0.0, f64::max);
    match node.shape {
        // The ellipse through the corners of the text's box grown by 4 px: √2 times its
        // half sizes.
        Shape::Disc => {
            // An ellipse 10 px wider than the text each side, as tall as it must be to
            // pass outside the text box's corners.
            let (a, b) = (0.5 * widest + 3.0, 0.5 * LINE + 3.0);
            let hw = DISC.max(a + 12.0);
            (hw, DISC.max(b / (1.0 - (a / hw).powi(2)).sqrt()))
        }
        Shape::Box => (
            0.5 * (widest + 14.0),
            0.5 * (LINE * node.lines.len() as f64 + 8.0),
        ),
        Shape::Unit { lines } => (
            0.5 * (widest + 14.0),
            0.5 * (LINE * node.lines.len().max(lines) as f64 + 8.0),
        ),
    }
}

/// The area's size in CSS pixels.
pub(super) fn size(area: &Root<'_>) -> Point {
    let (w, h) = area.dim_in_pixel();
    let unit = f64::from(px(1.0));
    (f64::from(w) / unit, f64::from(h) / unit)
}

/// Each node's centre: the caller's grid scaled to an area `w` × `h`. Each column is as
/// wide as its widest node and the room left is shared equally between the gaps, so a
/// column of narrow inputs leaves more room for the arrows (and their labels) than one
/// of wide boxes would.
pub(super) fn centres(nodes: &[Node], (w, h): Point) -> Vec<Point> {
    let rows = nodes.iter().map(|n| n.at.1).fold(0.0, f64::max);
    let half_h = nodes.iter().map(|n| half_size(n).1).fold(0.0, f64::max);
    let share = |v: f64, of: f64| if of > 0.0 { v / of } else { 0.5 };
    let mut columns: Vec<f64> = nodes.iter().map(|n| n.at.0).collect();
    columns.sort_by(f64::total_cmp);
    columns.dedup();
    let widths: Vec<f64> = columns
        .iter()
        .map(|&c| {
            nodes
                .iter()
                .filter(|n| n.at.0 == c)
                .map(|n| 2.0 * half_size(n).0)
                .fold(0.0, f64::max)
        })
        .collect();
    let gaps = columns.len().saturating_sub(1).max(1) as f64;
    let gap = ((w - 32.0 - widths.iter().sum::<f64>()) / gaps).max(0.0);
    let mut x = 16.0;
    let mut middles = Vec::with_capacity(columns.len());
    for width in &widths {
        middles.push(x + 0.5 * width);
        x += width + gap;
    }
    if columns.len() == 1 {
        middles[0] = 0.5 * w;
    }
    nodes
        .iter()
        .map(|n| {
            let column = columns.iter().position(|&c| c == n.at.0).unwrap_or(0);
            (
                middles[column],
                8.0 + half_h + share(n.at.1, rows) * (h - 16.0 - 2.0 * half_h),
            )
        })
        .collect()
}

/// Every arrow `(from, to)`: from outline to outline. A [`Shape::Unit`]'s arrows meet
/// its sides at ports spread evenly over the middle 90% of the side, in the order of the
/// nodes at their other ends, top first: arrows into one unit arrive apart, so each has
/// room for its label near its head.
pub(super) fn segments(
    nodes: &[Node],
    centres: &[Point],
    arrows: &[(usize, usize)],
) -> Vec<(Point, Point)> {
    let mut ends: Vec<(Point, Point)> = arrows
        .iter()
        .map(|&(from, to)| segment(nodes, centres, from, to))
        .collect();
    // (node, arrow, whether the node is the arrow's head) for every Unit end.
    for (k, node) in nodes.iter().enumerate() {
        if !matches!(node.shape, Shape::Unit { .. }) {
            continue;
        }
        let (hw, hh) = half_size(node);
        for incoming in [true, false] {
            let mut mine: Vec<(usize, f64)> = arrows
                .iter()
                .enumerate()
                .filter(|&(_, &(f, t))| if incoming { t == k } else { f == k })
                .map(|(i, &(f, t))| (i, centres[if incoming { f } else { t }].1))
                .collect();
            mine.sort_by(|a, b| a.1.total_cmp(&b.1));
            let n = mine.len() as f64;
            for (rank, &(i, _)) in mine.iter().enumerate() {
                let y = centres[k].1 - 0.9 * hh + 1.8 * hh * (rank as f64 + 0.5) / n;
                let x = centres[k].0 + if incoming { -hw - 3.0 } else { hw + 3.0 };
                if incoming {
                    ends[i].1 = (x, y);
                } else {
                    ends[i].0 = (x, y);
                }
            }
        }
    }
    ends
}

/// The arrow from node `from` to node `to`: from outline to outline.
pub(super) fn segment(nodes: &[Node], centres: &[Point], from: usize, to: usize) -> (Point, Point) {
    let (a, b) = (centres[from], centres[to]);
    (boundary(a, b, &nodes[from]), boundary(b, a, &nodes[to]))
}

/// Where the segment from `centre` toward `other` leaves the node's outline, plus a small
/// gap so an arrowhead does not touch it.
fn boundary(centre: Point, other: Point, node: &Node) -> Point {
    let (hw, hh) = half_size(node);
    let (dx, dy) = (other.0 - centre.0, other.1 - centre.1);
    let length = crate::length(dx, dy);
    if length == 0.0 {
        return centre;
    }
    let s = match node.shape {
        // The ellipse (x/hw)² + (y/hh)² = 1 along the direction (dx, dy).
        Shape::Disc => 1.0 / ((dx / hw).powi(2) + (dy / hh).powi(2)).sqrt(),
        Shape::Box => {
            let sx = if dx == 0.0 {
                f64::INFINITY
            } else {
                hw / dx.abs()
            };
            let sy = if dy == 0.0 {
                f64::INFINITY
            } else {
                hh / dy.abs()
            };
            sx.min(sy)
        }
        Shape::Unit { .. } if dx != 0.0 => {
            // Through the side facing the other node, at most 70% of the way to a corner.
            let s = hw / dx.abs();
            let y = (s * dy).clamp(-0.7 * hh, 0.7 * hh);
            let (px, py) = (centre.0 + hw * dx.signum(), centre.1 + y);
            let (ex, ey) = (other.0 - px, other.1 - py);
            let l = crate::length(ex, ey).max(1e-9);
            return (px + 3.0 * ex / l, py + 3.0 * ey / l);
        }
        Shape::Unit { .. } => hh / dy.abs().max(1e-9),
    };
    let s = s + 3.0 / length;
    (centre.0 + s * dx, centre.1 + s * dy)
}
