//! Where each arrow's label goes: a spot along its arrow where the label's white ground
//! covers no box, no other label, and as few other arrows as it can, near where the
//! caller would like it. Greedy, twice over (the second pass sees every other label in
//! place); a handful of arrows per figure makes anything cleverer pointless.

use super::geometry::{CHAR, half_size};
use super::{Edge, Node, Segment};

type Point = (f64, f64);
/// (left, top, right, bottom).
type Rect = (f64, f64, f64, f64);

/// A label's white ground is one line tall.
const HALF_HEIGHT: f64 = 9.0;

/// Half the width of `label`'s white ground.
pub(super) fn half_width(label: &str) -> f64 {
    0.5 * CHAR * label.chars().count() as f64 + 3.0
}

fn overlap(a: Rect, b: Rect) -> f64 {
    let w = (a.2.min(b.2) - a.0.max(b.0)).max(0.0);
    let h = (a.3.min(b.3) - a.1.max(b.1)).max(0.0);
    w * h
}

/// Whether the segment `p`–`q` passes through `r` (sampled finely enough for labels).
fn crosses(r: Rect, p: Point, q: Point) -> bool {
    (0..=40).any(|i| {
        let t = f64::from(i) / 40.0;
        let (x, y) = (p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1));
        (r.0..=r.2).contains(&x) && (r.1..=r.3).contains(&y)
    })
}

/// Each edge's label centre, `None` for an edge without a label.
pub(super) fn place(
    nodes: &[Node],
    centres: &[Point],
    edges: &[&Edge],
    segments: &[Segment],
) -> Vec<Option<Point>> {
    let boxes: Vec<Rect> = nodes
        .iter()
        .zip(centres)
        .map(|(n, &(x, y))| {
            let (hw, hh) = half_size(n);
            (x - hw - 2.0, y - hh - 2.0, x + hw + 2.0, y + hh + 2.0)
        })
        .collect();
    let labelled: Vec<usize> = (0..edges.len())
        .filter(|&i| edges[i].label.is_some())
        .collect();
    let at = |i: usize, t: f64| {
        let (tail, head) = segments[i];
        (
            tail.0 + t * (head.0 - tail.0),
            tail.1 + t * (head.1 - tail.1),
        )
    };
    // A little air around each label, so neighbours do not touch.
    let rect_at = |i: usize, t: f64| {
        let (x, y) = at(i, t);
        let hw = edges[i].label.as_deref().map_or(0.0, half_width) + 2.0;
        let hh = HALF_HEIGHT + 2.0;
        (x - hw, y - hh, x + hw, y + hh)
    };
    let cost = |i: usize, t: f64, others: &[Rect]| {
        let r = rect_at(i, t);
        let on_boxes: f64 = boxes.iter().map(|&b| overlap(r, b)).sum();
        let on_labels: f64 = others.iter().map(|&p| overlap(r, p)).sum();
        let hidden = segments
            .iter()
            .enumerate()
            .filter(|&(j, &(p, q))| j != i && crosses(r, p, q))
            .count() as f64;
        // Boxes and other labels must stay readable; hiding a stretch of another arrow
        // under the label's ground is the lesser harm; then the wished-for spot.
        10.0 * (on_boxes + on_labels) + 150.0 * hidden + 40.0 * (t - edges[i].label_at).abs()
    };
    // Away from the ends, where the arrows of one unit bunch together.
    let candidates: Vec<f64> = (0..=20).map(|k| 0.2 + 0.03 * f64::from(k)).collect();
    let mut chosen: Vec<Option<f64>> = vec![None; edges.len()];
    for _ in 0..2 {
        for &i in &labelled {
            let others: Vec<Rect> = labelled
                .iter()
                .filter(|&&j| j != i)
                .filter_map(|&j| chosen[j].map(|t| rect_at(j, t)))
                .collect();
            let best = candidates
                .iter()
                .copied()
                .min_by(|&a, &b| cost(i, a, &others).total_cmp(&cost(i, b, &others)))
                .unwrap_or(0.5);
            chosen[i] = Some(best);
        }
    }
    chosen
        .into_iter()
        .enumerate()
        .map(|(i, t)| t.map(|t| at(i, t)))
        .collect()
}
