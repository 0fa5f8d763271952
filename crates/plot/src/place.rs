//! Where labels go: after a figure is drawn, each label is put at the nearest spot where
//! it covers no line of another colour, no two lines, no marker, arrowhead, box or other
//! text ([`crate::scene`] reads all of those back from the drawing). A label on an arrow
//! may sit on its own arrow, on a white ground; a label of a point sits beside it, with a
//! thin leader when it had to move away. Greedy, the labels with the fewest clean spots
//! first.

use plotters::prelude::*;

use crate::metrics;
use crate::scene::{Piece, Point, Rect, Rgb, Scene};
use crate::style::{SCALE, text};

/// Where a label wants to be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spot {
    /// Beside `point` (a marker, a state), at least `gap` pixels from it.
    Near {
        /// The point, in canvas pixels.
        point: Point,
        /// Least distance from it.
        gap: f64,
    },
    /// On the arrow from `from` to `to` (canvas pixels), nearest `prefer` (0 at the tail,
    /// 1 at the head), kept off both ends where arrows bunch.
    Along {
        /// The tail.
        from: Point,
        /// The head.
        to: Point,
        /// The wished-for spot.
        prefer: f64,
    },
}

/// One label.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Its text, one line.
    pub text: String,
    /// Its colour: the colour of what it labels.
    pub color: RGBColor,
    /// Its size in CSS pixels.
    pub size: f64,
    /// Bold.
    pub bold: bool,
    /// Where it wants to be.
    pub spot: Spot,
    /// Left out, rather than drawn over something, when no clean spot is found.
    pub optional: bool,
}

/// The labels of one figure, placed once everything else is drawn.
#[derive(Debug, Default, Clone)]
pub struct Labels {
    labels: Vec<Label>,
}

impl Labels {
    /// A label beside `point` (canvas pixels), `gap` pixels clear of it.
    pub fn near(&mut self, text: impl Into<String>, color: RGBColor, point: Point, gap: f64) {
        self.push(text.into(), color, Spot::Near { point, gap });
    }

    /// A label on the arrow `from` → `to` (canvas pixels), nearest `prefer` along it.
    pub fn along(&mut self, text: impl Into<String>, color: RGBColor, from: Point, to: Point, prefer: f64) {
        self.push(text.into(), color, Spot::Along { from, to, prefer });
    }

    /// Marks the label given last as one to leave out when it has no clean spot (one of
    /// many words on a crowded plane).
    pub fn optional(&mut self) {
        if let Some(last) = self.labels.last_mut() {
            last.optional = true;
        }
    }

    fn push(&mut self, text: String, color: RGBColor, spot: Spot) {
        self.labels.push(Label {
            text: crate::style::printable(&text),
            color,
            size: text::BODY,
            bold: false,
            spot,
            optional: false,
        });
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// A label where it goes.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    label: Label,
    rect: Rect,
    ground: bool,
    leader: Option<(Point, Point)>,
}

fn rgb(c: RGBColor) -> Rgb {
    (c.0, c.1, c.2)
}

fn overlap(a: Rect, b: Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn inside(a: Rect, b: Rect) -> bool {
    b[0] <= a[0] && a[2] <= b[2] && b[1] <= a[1] && a[3] <= b[3]
}

/// Whether the segment `a`–`b` passes through `r` grown by `grow` (Liang–Barsky).
pub(crate) fn crosses(r: Rect, grow: f64, a: Point, b: Point) -> bool {
    let [x0, y0, x1, y1] = [r[0] - grow, r[1] - grow, r[2] + grow, r[3] + grow];
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - x0), (dx, x1 - a.0), (-dy, a.1 - y0), (dy, y1 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

/// Whether piece `p` lies on the line through `a` and `b` (within a pixel and a degree).
fn on_line(p: &Piece, a: Point, b: Point) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = crate::length(dx, dy);
    if length == 0.0 {
        return false;
    }
    let distance = |q: Point| ((q.0 - a.0) * dy - (q.1 - a.1) * dx).abs() / length;
    distance(p.from) <= 1.5 && distance(p.to) <= 1.5
}

/// Clear space kept between a label and lines, in pixels.
const AIR: f64 = 2.0;

/// How badly `rect` sits: 0 when clean.
fn badness(
    rect: Rect,
    label: &Label,
    pieces: &[&Piece],
    scene: &Scene,
    placed: &[Placed],
    bounds: Rect,
) -> f64 {
    let mut bad = 0.0;
    if !inside(rect, bounds) {
        bad += 1000.0;
    }
    let grown = [rect[0] - AIR, rect[1] - AIR, rect[2] + AIR, rect[3] + AIR];
    bad += 100.0 * scene.words.iter().filter(|&&w| overlap(grown, w)).count() as f64;
    bad += 100.0 * scene.marks.iter().filter(|&&m| overlap(grown, m)).count() as f64;
    bad += 100.0 * scene.blocks.iter().filter(|&&b| overlap(grown, b)).count() as f64;
    for other in placed {
        if overlap(grown, other.rect) {
            bad += 100.0;
        }
        if let Some((a, b)) = other.leader
            && crosses(rect, AIR, a, b)
        {
            bad += 50.0;
        }
    }
    let own = match label.spot {
        Spot::Along { from, to, .. } => Some((from, to)),
        Spot::Near { .. } => None,
    };
    for p in pieces {
        if !crosses(rect, p.half_width + AIR, p.from, p.to) {
            continue;
        }
        let mine = own.is_some_and(|(a, b)| p.color == rgb(label.color) && on_line(p, a, b));
        if !mine {
            bad += 50.0;
        }
    }
    bad
}

/// The candidate centres of a label `w` × `h`, each with how far it is from where the
/// label wants to be (in pixels), and whether it sits on its own arrow.
fn candidates(spot: Spot, w: f64, h: f64) -> Vec<(Point, f64, bool)> {
    let mut out = Vec::new();
    match spot {
        Spot::Near { point, gap } => {
            for (ring, extra) in [0.0, 5.0, 12.0, 22.0, 36.0, 55.0, 80.0].iter().enumerate() {
                for k in 0..16 {
                    // Upper right first, then round both ways: matplotlib's habit.
                    let turn: i32 = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8][k];
                    let a = std::f64::consts::FRAC_PI_4 - f64::from(turn) * std::f64::consts::PI / 8.0;
                    let (dx, dy) = (a.cos(), -a.sin());
                    let scale = dx.abs().max(dy.abs());
                    let r = gap + extra;
                    let centre = (
                        point.0 + r * dx + dx / scale * 0.5 * w,
                        point.1 + r * dy + dy / scale * 0.5 * h,
                    );
                    out.push((centre, r + 2.0 * f64::from(turn.abs()) + ring as f64, false));
                }
            }
        }
        Spot::Along { from, to, prefer } => {
            let length = crate::length(to.0 - from.0, to.1 - from.1);
            let (ux, uy) = if length > 0.0 {
                ((to.0 - from.0) / length, (to.1 - from.1) / length)
            } else {
                (1.0, 0.0)
            };
            // Off the line by half the label's extent across it, plus air.
            let across = 0.5 * (w * uy.abs() + h * ux.abs()) + 2.0 * AIR;
            for i in 0..=76 {
                let t = 0.12 + 0.01 * f64::from(i);
                let at = (from.0 + t * (to.0 - from.0), from.1 + t * (to.1 - from.1));
                let cost = (t - prefer).abs() * length;
                out.push((at, cost, true));
                for (side, far) in [(1.0, 1.0), (-1.0, 1.0), (1.0, 1.4), (-1.0, 1.4)] {
                    let off = far * across;
                    let beside = (at.0 - side * uy * off, at.1 + side * ux * off);
                    out.push((beside, cost + 40.0 * far, false));
                }
            }
            // Level with the head, just before its arrowhead, as a port is labelled: where
            // arrows into one box arrive apart.
            // Or level with the tail, just after it.
            if ux.abs() > 0.3 {
                let back = 0.5 * w + 11.0;
                let at = (to.0 - ux.signum() * back, to.1);
                out.push((at, 60.0 + (1.0 - prefer) * length, false));
                let at = (from.0 + ux.signum() * (0.5 * w + 4.0), from.1);
                out.push((at, 60.0 + prefer * length, false));
            }
        }
    }
    out
}

/// One label's size, spots and the pieces of the drawing near them.
struct Options<'s> {
    w: f64,
    h: f64,
    spots: Vec<(Point, f64, bool)>,
    pieces: Vec<&'s Piece>,
}

impl<'s> Options<'s> {
    fn new(label: &Label, scene: &'s Scene) -> Self {
        let w = metrics::width(&label.text, label.size, label.bold) + 4.0;
        let h = metrics::height(label.size) + 1.0;
        let spots = candidates(label.spot, w, h);
        // Only pieces near some spot can matter.
        let reach = spots.iter().fold(
            [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
            |r, &((x, y), _, _)| [r[0].min(x - w), r[1].min(y - h), r[2].max(x + w), r[3].max(y + h)],
        );
        let pieces = scene
            .pieces
            .iter()
            .filter(|p| crosses(reach, p.half_width, p.from, p.to))
            .collect();
        Options { w, h, spots, pieces }
    }

    fn rect(&self, (x, y): Point) -> Rect {
        [x - 0.5 * self.w, y - 0.5 * self.h, x + 0.5 * self.w, y + 0.5 * self.h]
    }
}

/// Places every label on what `scene` holds, inside `bounds`: the labels with the fewest
/// clean spots on the drawing alone first (ties in the order given), each at its best
/// spot given those already placed.
fn place(labels: &Labels, scene: &Scene, bounds: Rect) -> Vec<Placed> {
    let options: Vec<Options<'_>> = labels.labels.iter().map(|l| Options::new(l, scene)).collect();
    let clean = |i: usize| {
        let o = &options[i];
        o.spots
            .iter()
            .filter(|&&(c, _, _)| badness(o.rect(c), &labels.labels[i], &o.pieces, scene, &[], bounds) == 0.0)
            .count()
    };
    let mut order: Vec<(bool, usize, usize)> = (0..options.len())
        .map(|i| (labels.labels[i].optional, clean(i), i))
        .collect();
    order.sort();
    // Each label at its best spot given those placed so far; then twice more, each at
    // its best given all the others, which undoes a poor early choice.
    let best = |i: usize, others: &[Placed]| -> Option<(Placed, f64)> {
        let (label, o) = (&labels.labels[i], &options[i]);
        let (rect, score, cost, on) = o
            .spots
            .iter()
            .map(|&(c, cost, on)| {
                let rect = o.rect(c);
                let mut bad = badness(rect, label, &o.pieces, scene, others, bounds);
                if let Some((a, b)) = leader(label.spot, rect, cost) {
                    let struck = |r: &Rect| crosses(*r, AIR, a, b);
                    bad += 50.0
                        * (scene.words.iter().filter(|r| struck(r)).count()
                            + others.iter().filter(|p| struck(&p.rect)).count())
                            as f64;
                }
                (rect, bad + cost * 1e-3, cost, on)
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        if label.optional && score >= 1.0 {
            return None;
        }
        let placed = Placed {
            label: label.clone(),
            rect,
            ground: on,
            leader: leader(label.spot, rect, cost),
        };
        Some((placed, score))
    };
    let mut placed: Vec<(usize, Placed)> = Vec::new();
    for &(_, _, i) in &order {
        let others: Vec<Placed> = placed.iter().map(|(_, p)| p.clone()).collect();
        if let Some((p, _)) = best(i, &others) {
            placed.push((i, p));
        }
    }
    for _ in 0..2 {
        for k in 0..placed.len() {
            let others: Vec<Placed> = placed
                .iter()
                .enumerate()
                .filter(|&(m, _)| m != k)
                .map(|(_, (_, p))| p.clone())
                .collect();
            if let Some((p, _)) = best(placed[k].0, &others) {
                placed[k].1 = p;
            }
        }
    }
    let placed: Vec<Placed> = placed.into_iter().map(|(_, p)| p).collect();
    placed
}

/// The thin line from a point to its label at `rect`, when the label had to move more
/// than a little away (`cost` is how far it moved).
fn leader(spot: Spot, rect: Rect, cost: f64) -> Option<(Point, Point)> {
    match spot {
        Spot::Near { point, gap } if cost > gap + 14.0 => {
            let centre = (0.5 * (rect[0] + rect[2]), 0.5 * (rect[1] + rect[3]));
            let grown = [rect[0] - AIR, rect[1] - AIR, rect[2] + AIR, rect[3] + AIR];
            Some((point, edge_towards(grown, centre, point)))
        }
        _ => None,
    }
}

/// Where the segment from `centre` to `point` leaves `rect`.
fn edge_towards(rect: Rect, centre: Point, point: Point) -> Point {
    let (dx, dy) = (point.0 - centre.0, point.1 - centre.1);
    let sx = if dx == 0.0 { f64::MAX } else { 0.5 * (rect[2] - rect[0]) / dx.abs() };
    let sy = if dy == 0.0 { f64::MAX } else { 0.5 * (rect[3] - rect[1]) / dy.abs() };
    let s = sx.min(sy).min(1.0);
    (centre.0 + s * dx, centre.1 + s * dy)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Places `labels` on `svg` (plotters' drawing) inside `bounds`, as SVG elements.
pub(crate) fn render(labels: &Labels, svg: &str, bounds: Rect) -> String {
    if labels.is_empty() {
        return String::new();
    }
    let scene = Scene::read(svg);
    let u = |v: f64| (v * SCALE).round() as i64;
    let mut out = String::new();
    for p in place(labels, &scene, bounds) {
        let [l, t, r, b] = p.rect;
        if let Some((a, e)) = p.leader {
            out.push_str(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"10\"/>\n",
                u(a.0),
                u(a.1),
                u(e.0),
                u(e.1),
                hex(crate::style::lighter(p.label.color)),
            ));
        }
        if p.ground {
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#FFFFFF\" opacity=\"0.92\"/>\n",
                u(l),
                u(t),
                u(r - l),
                u(b - t)
            ));
        }
        let baseline = metrics::baseline_for_centre(0.5 * (t + b), p.label.size);
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"{}\" font-size=\"{}\" fill=\"{}\"{}>{}</text>\n",
            u(0.5 * (l + r)),
            u(baseline),
            metrics::FAMILY,
            u(p.label.size),
            hex(p.label.color),
            if p.label.bold { " font-weight=\"bold\"" } else { "" },
            escape(&p.label.text)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene_with_line() -> Scene {
        Scene {
            pieces: vec![Piece {
                from: (0.0, 100.0),
                to: (400.0, 100.0),
                half_width: 1.0,
                color: (200, 0, 0),
            }],
            ..Scene::default()
        }
    }

    #[test]
    fn a_point_label_keeps_off_a_line_of_another_colour() {
        let mut labels = Labels::default();
        labels.near("o₁ = 0.5", RGBColor(0, 0, 200), (200.0, 100.0), 6.0);
        let placed = place(&labels, &scene_with_line(), [0.0, 0.0, 400.0, 300.0]);
        let r = placed[0].rect;
        assert!(!crosses(r, 1.0, (0.0, 100.0), (400.0, 100.0)), "{r:?}");
        assert!(r[3] <= 100.0 || r[1] >= 100.0);
        assert!(placed[0].leader.is_none(), "it fits next to the point");
    }

    #[test]
    fn an_arrow_label_sits_on_its_own_arrow_away_from_others() {
        let mut scene = scene_with_line();
        // A second arrow of the same colour crossing the first at x = 200.
        scene.pieces.push(Piece {
            from: (200.0, 0.0),
            to: (200.0, 200.0),
            half_width: 1.0,
            color: (200, 0, 0),
        });
        let mut labels = Labels::default();
        labels.along("−1", RGBColor(200, 0, 0), (0.0, 100.0), (400.0, 100.0), 0.5);
        let placed = place(&labels, &scene, [0.0, 0.0, 400.0, 300.0]);
        let r = placed[0].rect;
        assert!(placed[0].ground);
        assert!(!crosses(r, 1.0, (200.0, 0.0), (200.0, 200.0)), "{r:?}");
        assert!(r[1] < 100.0 && r[3] > 100.0, "on its arrow: {r:?}");
    }

    #[test]
    fn labels_do_not_overlap_each_other() {
        let mut labels = Labels::default();
        for _ in 0..3 {
            labels.near("label", RGBColor(0, 0, 0), (100.0, 100.0), 4.0);
        }
        let placed = place(&labels, &Scene::default(), [0.0, 0.0, 400.0, 300.0]);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!overlap(a.rect, b.rect));
            }
        }
    }
}
