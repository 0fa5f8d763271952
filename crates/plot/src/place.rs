//! Where labels go: after a figure is drawn, each label is put at the nearest spot where
//! it covers no line of another colour, no two lines, no marker, arrowhead, box or other
//! text ([`crate::scene`] reads all of those back from the drawing). A label of an arrow
//! sits beside it and turned along it (or on it, on a white ground, when nothing beside
//! is clear); a label of a point sits beside the point, with a thin leader when it had
//! to move away. Greedy, the labels with the fewest clean spots
//! first.

mod quad;

use plotters::prelude::*;

use crate::metrics;
use crate::scene::{Piece, Point, Rect, Rgb, Scene};
use crate::style::{SCALE, text};
use quad::Quad;

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
    /// 1 at the head), kept off its very ends.
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
    pub fn along(
        &mut self,
        text: impl Into<String>,
        color: RGBColor,
        from: Point,
        to: Point,
        prefer: f64,
    ) {
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
    quad: Quad,
    ground: bool,
    leader: Option<(Point, Point)>,
}

fn rgb(c: RGBColor) -> Rgb {
    (c.0, c.1, c.2)
}

/// Whether the segment `a`–`b` passes through `r` grown by `grow` (Liang–Barsky).
pub(crate) fn crosses(r: Rect, grow: f64, a: Point, b: Point) -> bool {
    let [x0, y0, x1, y1] = [r[0] - grow, r[1] - grow, r[2] + grow, r[3] + grow];
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
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

/// How badly a label at `q` sits: 0 when clean.
fn badness(q: Quad, label: &Label, near: &Scene, placed: &[Placed], bounds: Rect) -> f64 {
    let mut bad = 0.0;
    if !q.inside(bounds) {
        bad += 1000.0;
    }
    let grown = q.grown(AIR);
    // What cannot touch the label's box, grown by the widest stroke, is passed over
    // before the exact test.
    let around = q.grown(AIR + 4.0).bounds();
    let near_box =
        |r: &Rect| r[0] < around[2] && around[0] < r[2] && r[1] < around[3] && around[1] < r[3];
    let covers = |rects: &[Rect]| {
        rects
            .iter()
            .filter(|r| near_box(r) && grown.meets(&Quad::from_rect(**r)))
            .count() as f64
    };
    bad += 100.0 * (covers(&near.words) + covers(&near.marks) + covers(&near.blocks));
    for other in placed {
        if grown.meets(&other.quad) {
            bad += 100.0;
        }
        if let Some((a, b)) = other.leader
            && grown.meets_segment(a, b)
        {
            bad += 50.0;
        }
    }
    let own = match label.spot {
        Spot::Along { from, to, .. } => Some((from, to)),
        Spot::Near { .. } => None,
    };
    for p in &near.pieces {
        let span = [
            p.from.0.min(p.to.0),
            p.from.1.min(p.to.1),
            p.from.0.max(p.to.0),
            p.from.1.max(p.to.1),
        ];
        // Closed intervals: a level or upright piece has a span of no width.
        if !(span[0] <= around[2]
            && around[0] <= span[2]
            && span[1] <= around[3]
            && around[1] <= span[3])
        {
            continue;
        }
        if !q.grown(p.half_width + AIR).meets_segment(p.from, p.to) {
            continue;
        }
        let mine = own.is_some_and(|(a, b)| p.color == rgb(label.color) && on_line(p, a, b));
        if !mine {
            bad += 50.0;
        }
    }
    bad
}

/// One place a label may go: its centre, how far that is from where the label wants to
/// be (in pixels), whether it sits on its own arrow, and its turn (radians).
type Candidate = (Point, f64, bool, f64);

/// Steepest an arrow's label turns with it: text steeper than this is hard to read, so on
/// a steeper arrow it stays level.
const MOST_TURN: f64 = std::f64::consts::FRAC_PI_3;

/// Where a label `w` × `h` may go.
fn candidates(spot: Spot, w: f64, h: f64) -> Vec<Candidate> {
    let mut out = Vec::new();
    match spot {
        Spot::Near { point, gap } => {
            for (ring, extra) in [0.0, 5.0, 12.0, 22.0, 36.0, 55.0, 80.0].iter().enumerate() {
                for k in 0..16 {
                    // Upper right first, then round both ways: matplotlib's habit.
                    let turn: i32 = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8][k];
                    let a =
                        std::f64::consts::FRAC_PI_4 - f64::from(turn) * std::f64::consts::PI / 8.0;
                    let (dx, dy) = (a.cos(), -a.sin());
                    let scale = dx.abs().max(dy.abs());
                    let r = gap + extra;
                    let centre = (
                        point.0 + r * dx + dx / scale * 0.5 * w,
                        point.1 + r * dy + dy / scale * 0.5 * h,
                    );
                    let cost = r + 2.0 * f64::from(turn.abs()) + ring as f64;
                    out.push((centre, cost, false, 0.0));
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
            // Along the arrow, read left to right; level on a steep one.
            let mut slope = uy.atan2(ux);
            if slope > std::f64::consts::FRAC_PI_2 {
                slope -= std::f64::consts::PI;
            } else if slope <= -std::f64::consts::FRAC_PI_2 {
                slope += std::f64::consts::PI;
            }
            let turn = if slope.abs() <= MOST_TURN { slope } else { 0.0 };
            // Turned along the arrow first; level as well, for a stretch where only a
            // level label fits.
            let turns: &[(f64, f64)] = if turn == 0.0 {
                &[(0.0, 0.0)]
            } else {
                &[(turn, 0.0), (0.0, 15.0)]
            };
            for &(turn, turned_cost) in turns {
                // Off the line by half the label's extent across it, plus air.
                let (st, ct) = turn.sin_cos();
                let across = 0.5 * (w * (uy * ct - ux * st).abs() + h * (ux * ct + uy * st).abs())
                    + 1.5 * AIR;
                for i in 0..=88 {
                    let t = 0.06 + 0.01 * f64::from(i);
                    let at = (from.0 + t * (to.0 - from.0), from.1 + t * (to.1 - from.1));
                    // Beside the arrow and parallel to it first: on it, the arrow would
                    // run through the text (a minus sign on a dashed arrow reads as a dash).
                    let cost = (t - prefer).abs() * length + turned_cost;
                    out.push((at, cost + 30.0, true, turn));
                    for (side, far, extra) in [
                        (1.0, 1.0, 0.0),
                        (-1.0, 1.0, 0.0),
                        (1.0, 1.5, 25.0),
                        (-1.0, 1.5, 25.0),
                    ] {
                        let off = far * across;
                        let beside = (at.0 - side * uy * off, at.1 + side * ux * off);
                        out.push((beside, cost + extra, false, turn));
                    }
                }
            }
            // Level with the head, just before its arrowhead, as a port is labelled (where
            // arrows into one box arrive apart), or level with the tail, just after it.
            if ux.abs() > 0.3 {
                let back = 0.5 * w + 11.0;
                let at = (to.0 - ux.signum() * back, to.1);
                out.push((at, 60.0 + (1.0 - prefer) * length, false, 0.0));
                let at = (from.0 + ux.signum() * (0.5 * w + 4.0), from.1);
                out.push((at, 60.0 + prefer * length, false, 0.0));
            }
        }
    }
    out
}

/// One label's size, its candidates cheapest first, and what of the drawing lies near
/// any of them.
struct Options {
    w: f64,
    h: f64,
    spots: Vec<Candidate>,
    near: Scene,
}

impl Options {
    fn new(label: &Label, scene: &Scene) -> Self {
        let w = metrics::width(&label.text, label.size, label.bold) + 4.0;
        let h = metrics::height(label.size) + 1.0;
        let mut spots = candidates(label.spot, w, h);
        spots.sort_by(|a, b| a.1.total_cmp(&b.1));
        let r = w.max(h);
        let reach = spots.iter().fold(
            [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
            |b, &((x, y), ..)| {
                [
                    b[0].min(x - r),
                    b[1].min(y - r),
                    b[2].max(x + r),
                    b[3].max(y + r),
                ]
            },
        );
        let touches =
            |q: &Rect| q[0] < reach[2] && reach[0] < q[2] && q[1] < reach[3] && reach[1] < q[3];
        let near = Scene {
            pieces: scene
                .pieces
                .iter()
                .filter(|p| crosses(reach, p.half_width, p.from, p.to))
                .copied()
                .collect(),
            marks: scene.marks.iter().filter(|r| touches(r)).copied().collect(),
            blocks: scene
                .blocks
                .iter()
                .filter(|r| touches(r))
                .copied()
                .collect(),
            words: scene.words.iter().filter(|r| touches(r)).copied().collect(),
        };
        Options { w, h, spots, near }
    }

    fn quad(&self, centre: Point, angle: f64) -> Quad {
        Quad {
            centre,
            half: (0.5 * self.w, 0.5 * self.h),
            angle,
        }
    }
}

/// Places every label on what `scene` holds, inside `bounds`: the labels with the fewest
/// clean spots on the drawing alone first (ties in the order given), each at its best
/// spot given those already placed.
fn place(labels: &Labels, scene: &Scene, bounds: Rect) -> Vec<Placed> {
    // How many clean spots a label has on the drawing alone, counting to 8: what orders
    // the labels, most constrained first.
    let clean_spots = |label: &Label, o: &Options| {
        o.spots
            .iter()
            .filter(|&&(c, _, _, a)| badness(o.quad(c, a), label, &o.near, &[], bounds) == 0.0)
            .take(8)
            .count()
    };
    // A number with no clean spot is tried with three significant digits, then two: a
    // figure rounds, the report has every digit.
    let mut chosen: Vec<(Label, Options, usize)> = Vec::new();
    for label in &labels.labels {
        let o = Options::new(label, scene);
        let mut best = (label.clone(), o, 0);
        best.2 = clean_spots(&best.0, &best.1);
        if best.2 == 0
            && let Ok(v) = label.text.replace('−', "-").parse::<f64>()
        {
            for digits in [3, 2] {
                let shorter = Label {
                    text: crate::style::short(v, digits),
                    ..label.clone()
                };
                if shorter.text.chars().count() >= best.0.text.chars().count() {
                    continue;
                }
                let o = Options::new(&shorter, scene);
                let n = clean_spots(&shorter, &o);
                if n > 0 {
                    best = (shorter, o, n);
                    break;
                }
            }
        }
        chosen.push(best);
    }
    let labels: Vec<Label> = chosen.iter().map(|(l, _, _)| l.clone()).collect();
    let clean: Vec<usize> = chosen.iter().map(|(_, _, n)| *n).collect();
    let options: Vec<Options> = chosen.into_iter().map(|(_, o, _)| o).collect();
    let mut order: Vec<(bool, usize, usize)> = (0..options.len())
        .map(|i| (labels[i].optional, clean[i], i))
        .collect();
    order.sort();
    // Each label at its best spot given those placed so far; then twice more, each at
    // its best given all the others, which undoes a poor early choice.
    let best = |i: usize, others: &[Placed]| -> Option<Placed> {
        let (label, o) = (&labels[i], &options[i]);
        // Cheapest first: the first clean spot is the best one.
        let mut found: Option<(Quad, f64, f64, bool)> = None;
        for &(c, cost, on, a) in &o.spots {
            let quad = o.quad(c, a);
            let mut bad = badness(quad, label, &o.near, others, bounds);
            if let Some((a, b)) = leader(label.spot, quad, cost) {
                let struck = |q: &Quad| q.grown(AIR).meets_segment(a, b);
                bad += 50.0
                    * (o.near
                        .words
                        .iter()
                        .filter(|&&r| struck(&Quad::from_rect(r)))
                        .count()
                        + others.iter().filter(|p| struck(&p.quad)).count())
                        as f64;
            }
            let score = bad + cost * 1e-3;
            if found.is_none_or(|f| score < f.1) {
                found = Some((quad, score, cost, on));
            }
            if bad == 0.0 {
                break;
            }
        }
        let (quad, score, cost, on) = found?;
        if label.optional && score >= 1.0 {
            return None;
        }
        Some(Placed {
            label: label.clone(),
            quad,
            ground: on,
            leader: leader(label.spot, quad, cost),
        })
    };
    let mut placed: Vec<(usize, Placed)> = Vec::new();
    for &(_, _, i) in &order {
        let others: Vec<Placed> = placed.iter().map(|(_, p)| p.clone()).collect();
        if let Some(p) = best(i, &others) {
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
            if let Some(p) = best(placed[k].0, &others) {
                placed[k].1 = p;
            }
        }
    }
    placed.into_iter().map(|(_, p)| p).collect()
}

/// The thin line from a point to its label at `rect`, when the label had to move more
/// than a little away (`cost` is how far it moved).
fn leader(spot: Spot, quad: Quad, cost: f64) -> Option<(Point, Point)> {
    match spot {
        Spot::Near { point, gap } if cost > gap + 14.0 => {
            let rect = quad.bounds();
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
    let sx = if dx == 0.0 {
        f64::MAX
    } else {
        0.5 * (rect[2] - rect[0]) / dx.abs()
    };
    let sy = if dy == 0.0 {
        f64::MAX
    } else {
        0.5 * (rect[3] - rect[1]) / dy.abs()
    };
    let s = sx.min(sy).min(1.0);
    (centre.0 + s * dx, centre.1 + s * dy)
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
        let Quad {
            centre,
            half,
            angle,
        } = p.quad;
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
        // A label along a sloping arrow turns with it about its centre.
        let turn = if angle == 0.0 {
            String::new()
        } else {
            format!(
                " transform=\"rotate({:.2}, {}, {})\"",
                angle.to_degrees(),
                u(centre.0),
                u(centre.1)
            )
        };
        if p.ground {
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#FFFFFF\" opacity=\"0.92\"{turn}/>\n",
                u(centre.0 - half.0),
                u(centre.1 - half.1),
                u(2.0 * half.0),
                u(2.0 * half.1)
            ));
        }
        let baseline = metrics::baseline_for_centre(centre.1, p.label.size);
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"{}\" font-size=\"{}\" fill=\"{}\"{}{turn}>{}</text>\n",
            u(centre.0),
            u(baseline),
            metrics::FAMILY,
            u(p.label.size),
            hex(p.label.color),
            if p.label.bold { " font-weight=\"bold\"" } else { "" },
            crate::escape(&p.label.text)
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
        let r = placed[0].quad.bounds();
        assert!(!crosses(r, 1.0, (0.0, 100.0), (400.0, 100.0)), "{r:?}");
        assert!(r[3] <= 100.0 || r[1] >= 100.0);
        assert!(placed[0].leader.is_none(), "it fits next to the point");
    }

    #[test]
    fn an_arrow_label_sits_beside_its_own_arrow_away_from_others() {
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
        let r = placed[0].quad.bounds();
        assert!(!placed[0].ground, "beside, not on, its arrow");
        assert!(!crosses(r, 1.0, (200.0, 0.0), (200.0, 200.0)), "{r:?}");
        // Right above or below its arrow, level with it, not across the crossing one.
        assert_eq!(placed[0].quad.angle, 0.0);
        assert!(
            r[3] <= 100.0 && r[3] > 90.0 || r[1] >= 100.0 && r[1] < 110.0,
            "{r:?}"
        );
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
                assert!(!a.quad.meets(&b.quad));
            }
        }
    }
}
