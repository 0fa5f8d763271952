//! Whether every word of a figure can be read: measured on the geometry resvg lays out
//! (text with DejaVu Sans, as a browser here does), not on where nnhw meant to put it.
//!
//! A text's box is its layout box: the advance of its glyphs by the font's ascent and
//! descent, what a browser's `getBBox` gives. It is at fault when
//! - another text's box overlaps it;
//! - a mark (a filled shape smaller than 30 × 30 px: a marker, an arrowhead) overlaps it;
//! - a line crosses it whose colour is not the text's own, or two lines do (a label may
//!   sit on its own arrow, one line of its colour; the pieces of one dashed line are one
//!   line).
//!
//! Very light strokes and fills (the grid, white grounds) are background and ignored.

use resvg::usvg;
use usvg::tiny_skia_path::PathSegment;

type Point = (f32, f32);

/// A text's box, shrunk by half a pixel so neighbours that only touch are not faults: a
/// rectangle in the text's own coordinates and the transform that places it (a label
/// along a sloping arrow is turned).
struct Word {
    text: String,
    color: (u8, u8, u8),
    rect: [f32; 4],
    ts: usvg::Transform,
}

impl Word {
    /// Its corners on the canvas, the box grown by `by` pixels first.
    fn corners(&self, by: f32) -> [Point; 4] {
        let [l, t, r, b] = self.rect;
        let scale = self.ts.get_scale().0.max(1e-6);
        let g = by / scale;
        [
            (l - g, t - g),
            (r + g, t - g),
            (r + g, b + g),
            (l - g, b + g),
        ]
        .map(|(x, y)| {
            let mut p = usvg::tiny_skia_path::Point::from_xy(x, y);
            self.ts.map_point(&mut p);
            (p.x, p.y)
        })
    }

    /// The axis-aligned box around it, for messages.
    fn bounds(&self) -> [f32; 4] {
        self.corners(0.0)
            .iter()
            .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |r, &(x, y)| {
                [r[0].min(x), r[1].min(y), r[2].max(x), r[3].max(y)]
            })
    }
}

/// Whether two convex outlines overlap: no edge normal of either separates them.
fn convex_overlap(a: &[Point], b: &[Point]) -> bool {
    let normals = |ps: &[Point]| -> Vec<Point> {
        (0..ps.len())
            .map(|i| {
                let (p, q) = (ps[i], ps[(i + 1) % ps.len()]);
                (q.1 - p.1, p.0 - q.0)
            })
            .filter(|n| n.0 != 0.0 || n.1 != 0.0)
            .collect()
    };
    let span = |ps: &[Point], n: Point| {
        ps.iter()
            .map(|p| p.0 * n.0 + p.1 * n.1)
            .fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)))
    };
    !normals(a).into_iter().chain(normals(b)).any(|n| {
        let ((a0, a1), (b0, b1)) = (span(a, n), span(b, n));
        a1 <= b0 || b1 <= a0
    })
}

fn rect_outline(r: [f32; 4]) -> [Point; 4] {
    [(r[0], r[1]), (r[2], r[1]), (r[2], r[3]), (r[0], r[3])]
}

/// One straight stretch of a stroke.
struct Stroke {
    color: (u8, u8, u8),
    half_width: f32,
    from: Point,
    to: Point,
}

fn light((r, g, b): (u8, u8, u8)) -> bool {
    r.min(g).min(b) >= 200
}

fn rgb(paint: &usvg::Paint) -> Option<(u8, u8, u8)> {
    match paint {
        usvg::Paint::Color(c) => Some((c.red, c.green, c.blue)),
        _ => None,
    }
}

/// The path's outline as straight pieces in canvas pixels (curves sampled).
fn pieces(path: &usvg::Path) -> Vec<(Point, Point)> {
    let ts = path.abs_transform();
    let map = |p: usvg::tiny_skia_path::Point| {
        let mut q = p;
        ts.map_point(&mut q);
        (q.x, q.y)
    };
    let mut out = Vec::new();
    let (mut start, mut at) = ((0.0, 0.0), (0.0, 0.0));
    for segment in path.data().segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                at = map(p);
                start = at;
            }
            PathSegment::LineTo(p) => {
                let q = map(p);
                out.push((at, q));
                at = q;
            }
            PathSegment::QuadTo(c, p) => {
                let (c, q, p0) = (map(c), map(p), at);
                let mut prev = at;
                for i in 1..=8 {
                    let t = i as f32 / 8.0;
                    let u = 1.0 - t;
                    let next = (
                        u * u * p0.0 + 2.0 * u * t * c.0 + t * t * q.0,
                        u * u * p0.1 + 2.0 * u * t * c.1 + t * t * q.1,
                    );
                    out.push((prev, next));
                    prev = next;
                }
                at = q;
            }
            PathSegment::CubicTo(c1, c2, p) => {
                let (c1, c2, q, p0) = (map(c1), map(c2), map(p), at);
                let mut prev = at;
                for i in 1..=8 {
                    let t = i as f32 / 8.0;
                    let u = 1.0 - t;
                    let f = |a: f32, b: f32, c: f32, d: f32| {
                        u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
                    };
                    let next = (f(p0.0, c1.0, c2.0, q.0), f(p0.1, c1.1, c2.1, q.1));
                    out.push((prev, next));
                    prev = next;
                }
                at = q;
            }
            PathSegment::Close => {
                out.push((at, start));
                at = start;
            }
        }
    }
    out
}

/// The straight line a piece lies on, so that the dashes of one line count once: its
/// direction in degrees (mod 180) and its distance from the origin.
fn line_of(a: Point, b: Point) -> (f32, f32) {
    let angle = (b.1 - a.1).atan2(b.0 - a.0);
    let angle = angle.rem_euclid(std::f32::consts::PI);
    let offset = -angle.sin() * a.0 + angle.cos() * a.1;
    (angle.to_degrees(), offset)
}

/// The area the pieces enclose once closed (shoelace, about the first point).
fn area(outline: &[(Point, Point)]) -> f32 {
    let Some(&(o, _)) = outline.first() else {
        return 0.0;
    };
    0.5 * outline
        .iter()
        .map(|(a, b)| (a.0 - o.0) * (b.1 - o.1) - (b.0 - o.0) * (a.1 - o.1))
        .sum::<f32>()
        .abs()
}

/// The distance from `p` to the line through `a` and `b` (to `a` if they coincide).
fn distance(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = (dx * dx + dy * dy).sqrt();
    if length < 1e-3 {
        return ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt();
    }
    ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / length
}

fn collect(
    group: &usvg::Group,
    opacity: f32,
    words: &mut Vec<Word>,
    strokes: &mut Vec<Stroke>,
    marks: &mut Vec<[f32; 4]>,
) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect(g, opacity * g.opacity().get(), words, strokes, marks),
            usvg::Node::Text(t) => {
                let b = t.bounding_box();
                let text: String = t.chunks().iter().map(|c| c.text()).collect();
                let color = t
                    .chunks()
                    .iter()
                    .flat_map(|c| c.spans())
                    .find_map(|s| s.fill().and_then(|f| rgb(f.paint())))
                    .unwrap_or((0, 0, 0));
                if !text.trim().is_empty() {
                    words.push(Word {
                        text: text.trim().to_string(),
                        color,
                        rect: [
                            b.left() + 0.5,
                            b.top() + 0.5,
                            b.right() - 0.5,
                            b.bottom() - 0.5,
                        ],
                        ts: t.abs_transform(),
                    });
                }
            }
            usvg::Node::Path(p) if p.is_visible() => {
                if let Some(stroke) = p.stroke()
                    && let Some(color) = rgb(stroke.paint())
                    && !light(color)
                {
                    let scale = p.abs_transform().get_scale().0;
                    for (from, to) in pieces(p) {
                        strokes.push(Stroke {
                            color,
                            half_width: 0.5 * stroke.width().get() * scale,
                            from,
                            to,
                        });
                    }
                }
                // A faint fill (a box's tint) is ground, not a mark.
                if let Some(fill) = p.fill()
                    && let Some(color) = rgb(fill.paint())
                    && !light(color)
                    && fill.opacity().get() * opacity >= 0.5
                {
                    let b = p.abs_bounding_box();
                    // A `<line>` has SVG's default black fill but nothing to fill.
                    if area(&pieces(p)) >= 1.0 && b.width() * b.height() < 900.0 {
                        marks.push([b.left(), b.top(), b.right(), b.bottom()]);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Every text of the figure that cannot be read cleanly, and why.
pub fn faults(tree: &usvg::Tree) -> Vec<String> {
    let (mut words, mut strokes, mut marks) = (Vec::new(), Vec::new(), Vec::new());
    collect(tree.root(), 1.0, &mut words, &mut strokes, &mut marks);
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for other in &words[i + 1..] {
            if convex_overlap(&word.corners(0.0), &other.corners(0.0)) {
                found.push(format!(
                    "text {:?} overlaps text {:?}",
                    word.text, other.text
                ));
            }
        }
        let outline = word.corners(0.0);
        let holds = |m: [f32; 4]| {
            outline
                .iter()
                .all(|&(x, y)| m[0] <= x && x <= m[2] && m[1] <= y && y <= m[3])
        };
        if let Some(m) = marks
            .iter()
            .find(|&&m| convex_overlap(&outline, &rect_outline(m)) && !holds(m))
        {
            found.push(format!(
                "a marker or arrowhead at {:?} overlaps text {:?} at {:?}",
                m.map(|v| v.round()),
                word.text,
                word.bounds().map(|v| v.round())
            ));
        }
        // The distinct lines through the box, by colour: a piece whose ends lie within
        // 2.5 px of a line already found, in its colour, is more of that line.
        let mut lines: Vec<&Stroke> = Vec::new();
        for s in &strokes {
            if !convex_overlap(&word.corners(s.half_width), &[s.from, s.to]) {
                continue;
            }
            let same = |l: &&Stroke| {
                l.color == s.color
                    && distance(s.from, l.from, l.to) <= 2.5
                    && distance(s.to, l.from, l.to) <= 2.5
            };
            if !lines.iter().any(same) {
                lines.push(s);
            }
        }
        let foreign = lines.iter().filter(|l| l.color != word.color).count();
        if foreign > 0 || lines.len() > 1 {
            let described: Vec<String> = lines
                .iter()
                .map(|l| {
                    let (r, g, b) = l.color;
                    let (a, o) = line_of(l.from, l.to);
                    format!("#{r:02X}{g:02X}{b:02X} at {a:.0}°, {o:.0} px")
                })
                .collect();
            found.push(format!(
                "text {:?} at {:?} is crossed by {} line(s), {foreign} of another colour: {}",
                word.text,
                word.bounds().map(|v| v.round()),
                lines.len(),
                described.join("; ")
            ));
        }
    }
    found
}
