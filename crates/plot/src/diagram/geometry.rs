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
        Shape::Disc => (DISC.max(0.5 * widest + 10.0), DISC),
        Shape::Box => (
            0.5 * (widest + 14.0),
            0.5 * (LINE * node.lines.len() as f64 + 8.0),
        ),
    }
}

/// The area's size in CSS pixels.
pub(super) fn size(area: &Root<'_>) -> Point {
    let (w, h) = area.dim_in_pixel();
    let unit = f64::from(px(1.0));
    (f64::from(w) / unit, f64::from(h) / unit)
}

/// Each node's centre: the caller's grid scaled to an area `w` × `h`.
pub(super) fn centres(nodes: &[Node], (w, h): Point) -> Vec<Point> {
    let columns = nodes.iter().map(|n| n.at.0).fold(0.0, f64::max);
    let rows = nodes.iter().map(|n| n.at.1).fold(0.0, f64::max);
    let half_w = nodes.iter().map(|n| half_size(n).0).fold(0.0, f64::max);
    let half_h = nodes.iter().map(|n| half_size(n).1).fold(0.0, f64::max);
    let share = |v: f64, of: f64| if of > 0.0 { v / of } else { 0.5 };
    nodes
        .iter()
        .map(|n| {
            (
                16.0 + half_w + share(n.at.0, columns) * (w - 32.0 - 2.0 * half_w),
                8.0 + half_h + share(n.at.1, rows) * (h - 16.0 - 2.0 * half_h),
            )
        })
        .collect()
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
    };
    let s = s + 3.0 / length;
    (centre.0 + s * dx, centre.1 + s * dy)
}
