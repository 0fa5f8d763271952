//! Plane geometry for decision regions: lines, half-planes, convex polygons.
//!
//! A region where every hidden unit has the wanted sign is an intersection of open
//! half-planes. Its closure is found exactly by clipping a box that is certainly large
//! enough (it holds every crossing of two boundary lines and a point of every line), one
//! half-plane at a time; the region is unbounded exactly when the result still touches
//! the box.

/// A point (x1, x2).
pub type Point = [f64; 2];

/// The closed half-plane n·p + c ≤ 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HalfPlane {
    /// Normal n; points into the side where n·p + c grows.
    pub normal: [f64; 2],
    /// Offset c.
    pub offset: f64,
}

impl HalfPlane {
    fn value(&self, p: Point) -> f64 {
        self.normal[0] * p[0] + self.normal[1] * p[1] + self.offset
    }

    fn is_degenerate(&self) -> bool {
        self.normal == [0.0, 0.0]
    }

    /// The point of the boundary line n·p + c = 0 nearest the origin.
    fn foot(&self) -> Point {
        let n2 = self.normal[0] * self.normal[0] + self.normal[1] * self.normal[1];
        let t = -self.offset / n2;
        [t * self.normal[0], t * self.normal[1]]
    }

    /// Where this boundary line crosses another's, if they are not parallel.
    pub fn crossing(&self, other: &HalfPlane) -> Option<Point> {
        let [a1, b1] = self.normal;
        let [a2, b2] = other.normal;
        let det = a1 * b2 - a2 * b1;
        if det == 0.0 {
            return None;
        }
        let (c1, c2) = (self.offset, other.offset);
        Some([(b1 * c2 - b2 * c1) / det, (a2 * c1 - a1 * c2) / det])
    }
}

/// The region's closure, clipped as described in the module docs.
#[derive(Debug, Clone, PartialEq)]
pub enum Region {
    /// No point satisfies every strict inequality (area 0).
    Empty,
    /// A convex polygon, vertices counter-clockwise from the lowest-leftmost.
    Bounded(Vec<Point>),
    /// Unbounded; `finite_vertices` are its corners that are not at infinity, in
    /// counter-clockwise order, and `clipped` its part inside the clipping box.
    Unbounded {
        /// Corners of the region itself.
        finite_vertices: Vec<Point>,
        /// The region cut off by the clipping box, counter-clockwise.
        clipped: Vec<Point>,
    },
}

/// Intersects the open half-planes n·p + c < 0.
pub fn intersect(half_planes: &[HalfPlane]) -> Region {
    // A unit with both weights zero constrains nothing or everything.
    if half_planes
        .iter()
        .any(|h| h.is_degenerate() && h.offset >= 0.0)
    {
        return Region::Empty;
    }
    let lines: Vec<&HalfPlane> = half_planes.iter().filter(|h| !h.is_degenerate()).collect();

    let mut reach: f64 = 1.0;
    for (i, h) in lines.iter().enumerate() {
        reach = reach.max(norm_inf(h.foot()));
        for g in &lines[i + 1..] {
            if let Some(p) = h.crossing(g) {
                reach = reach.max(norm_inf(p));
            }
        }
    }
    let r = 2.0 * reach + 1.0;
    let mut polygon = vec![[-r, -r], [r, -r], [r, r], [-r, r]];
    for h in &lines {
        polygon = clip(&polygon, h);
        if polygon.is_empty() {
            return Region::Empty;
        }
    }
    let polygon = tidy(polygon);
    if polygon.len() < 3 || area(&polygon) <= 1e-12 * r * r {
        return Region::Empty;
    }
    let on_box = |p: &Point| norm_inf(*p) >= r * (1.0 - 1e-12);
    if polygon.iter().any(on_box) {
        let finite = polygon.iter().copied().filter(|p| !on_box(p)).collect();
        Region::Unbounded {
            finite_vertices: start_lowest_left(finite),
            clipped: polygon,
        }
    } else {
        Region::Bounded(start_lowest_left(polygon))
    }
}

fn norm_inf(p: Point) -> f64 {
    p[0].abs().max(p[1].abs())
}

/// Sutherland–Hodgman: keeps the part of a convex polygon where h(p) ≤ 0.
fn clip(polygon: &[Point], h: &HalfPlane) -> Vec<Point> {
    let mut out = Vec::with_capacity(polygon.len() + 1);
    for (i, &p) in polygon.iter().enumerate() {
        let q = polygon[(i + 1) % polygon.len()];
        let (hp, hq) = (h.value(p), h.value(q));
        if hp <= 0.0 {
            out.push(p);
        }
        if (hp < 0.0 && hq > 0.0) || (hp > 0.0 && hq < 0.0) {
            let t = hp / (hp - hq);
            out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
        }
    }
    out
}

/// Drops repeated and collinear vertices that clipping leaves behind.
fn tidy(polygon: Vec<Point>) -> Vec<Point> {
    let mut points: Vec<Point> = Vec::with_capacity(polygon.len());
    for p in polygon {
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    let mut changed = true;
    while changed && points.len() >= 3 {
        changed = false;
        let n = points.len();
        for i in 0..n {
            let (a, b, c) = (points[(i + n - 1) % n], points[i], points[(i + 1) % n]);
            let cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
            if cross.abs() <= 1e-12 * (norm_inf(a) + norm_inf(b) + norm_inf(c) + 1.0).powi(2) {
                points.remove(i);
                changed = true;
                break;
            }
        }
    }
    points
}

/// Rotates a counter-clockwise polygon to start at its lowest-leftmost vertex, so the
/// listing is the same whatever order the units came in.
fn start_lowest_left(mut polygon: Vec<Point>) -> Vec<Point> {
    let start = polygon
        .iter()
        .enumerate()
        .min_by(|(_, p), (_, q)| {
            (p[0], p[1])
                .partial_cmp(&(q[0], q[1]))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map_or(0, |(i, _)| i);
    polygon.rotate_left(start);
    polygon
}

/// The part of a convex polygon inside the box [x0, x1] × [y0, y1].
pub fn clip_to_box(polygon: &[Point], [x0, x1, y0, y1]: [f64; 4]) -> Vec<Point> {
    let sides = [
        HalfPlane {
            normal: [-1.0, 0.0],
            offset: x0,
        },
        HalfPlane {
            normal: [1.0, 0.0],
            offset: -x1,
        },
        HalfPlane {
            normal: [0.0, -1.0],
            offset: y0,
        },
        HalfPlane {
            normal: [0.0, 1.0],
            offset: -y1,
        },
    ];
    sides.iter().fold(polygon.to_vec(), |p, side| {
        if p.is_empty() { p } else { clip(&p, side) }
    })
}

/// The piece of the line a·x1 + b·x2 + c = 0 inside the box, if it crosses it.
pub fn line_in_box(a: f64, b: f64, c: f64, view: [f64; 4]) -> Option<(Point, Point)> {
    let [x0, x1, y0, y1] = view;
    let line = HalfPlane {
        normal: [a, b],
        offset: c,
    };
    if line.is_degenerate() {
        return None;
    }
    // A stretch of the line long enough to cross the whole box, then Liang–Barsky.
    let foot = line.foot();
    let reach = norm_inf(foot) + norm_inf([x0, y0]) + norm_inf([x1, y1]) + 1.0;
    let n = (a * a + b * b).sqrt();
    let along = [-b / n * reach, a / n * reach];
    let p = [foot[0] - along[0], foot[1] - along[1]];
    let d = [2.0 * along[0], 2.0 * along[1]];
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (pk, qk) in [
        (-d[0], p[0] - x0),
        (d[0], x1 - p[0]),
        (-d[1], p[1] - y0),
        (d[1], y1 - p[1]),
    ] {
        if pk == 0.0 {
            if qk < 0.0 {
                return None;
            }
            continue;
        }
        let r = qk / pk;
        if pk < 0.0 {
            t0 = t0.max(r);
        } else {
            t1 = t1.min(r);
        }
    }
    (t0 < t1).then(|| {
        (
            [p[0] + t0 * d[0], p[1] + t0 * d[1]],
            [p[0] + t1 * d[0], p[1] + t1 * d[1]],
        )
    })
}

/// The shoelace formula; positive for counter-clockwise vertices.
pub fn area(polygon: &[Point]) -> f64 {
    let n = polygon.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let (p, q) = (polygon[i], polygon[(i + 1) % n]);
            p[0] * q[1] - q[0] * p[1]
        })
        .sum();
    twice / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn below(a: f64, b: f64, c: f64) -> HalfPlane {
        HalfPlane {
            normal: [a, b],
            offset: c,
        }
    }

    fn homework_square() -> Vec<HalfPlane> {
        vec![
            below(1.0, 0.0, -1.0),
            below(0.0, 1.0, -1.0),
            below(-1.0, 0.0, -1.0),
            below(0.0, -1.0, -1.0),
        ]
    }

    #[test]
    fn square_is_found_exactly_counter_clockwise() {
        let Region::Bounded(v) = intersect(&homework_square()) else {
            panic!("bounded")
        };
        assert_eq!(v, vec![[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]]);
        assert_eq!(area(&v), 4.0);
    }

    #[test]
    fn order_of_units_does_not_change_the_answer() {
        let mut units = homework_square();
        units.reverse();
        assert_eq!(intersect(&units), intersect(&homework_square()));
    }

    #[test]
    fn triangle_area() {
        // x1 > 0, x2 > 0, x1 + x2 < 2
        let r = intersect(&[
            below(-1.0, 0.0, 0.0),
            below(0.0, -1.0, 0.0),
            below(1.0, 1.0, -2.0),
        ]);
        let Region::Bounded(v) = r else {
            panic!("bounded")
        };
        assert_eq!(v, vec![[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]]);
        assert_eq!(area(&v), 2.0);
    }

    #[test]
    fn open_sides_make_it_unbounded() {
        // x1 < 1 and x2 < 1: a quadrant with one corner
        let r = intersect(&[below(1.0, 0.0, -1.0), below(0.0, 1.0, -1.0)]);
        let Region::Unbounded {
            finite_vertices, ..
        } = r
        else {
            panic!("unbounded")
        };
        assert_eq!(finite_vertices, vec![[1.0, 1.0]]);
        // a far-away strip 1000 < x1 < 1001 has no corners at all
        let strip = intersect(&[below(1.0, 0.0, -1001.0), below(-1.0, 0.0, 1000.0)]);
        assert!(
            matches!(strip, Region::Unbounded { ref finite_vertices, .. } if finite_vertices.is_empty())
        );
    }

    #[test]
    fn lines_are_cut_to_the_view() {
        let view = [-2.0, 2.0, -2.0, 2.0];
        let (p, q) = line_in_box(1.0, 0.0, -1.0, view).unwrap();
        let mut ys = [p[1], q[1]];
        ys.sort_by(f64::total_cmp);
        assert_eq!((p[0], q[0]), (1.0, 1.0));
        assert_eq!(ys, [-2.0, 2.0]);
        assert_eq!(line_in_box(1.0, 0.0, -5.0, view), None);
        let (p, q) = line_in_box(1.0, 1.0, 0.0, view).unwrap();
        assert!((p[0] + p[1]).abs() < 1e-12 && (q[0] + q[1]).abs() < 1e-12);
    }

    #[test]
    fn empty_and_degenerate_units() {
        // x1 < -1 and x1 > 1
        assert_eq!(
            intersect(&[below(1.0, 0.0, 1.0), below(-1.0, 0.0, 1.0)]),
            Region::Empty
        );
        // touching: x1 < 0 and x1 > 0 leaves only a line, area 0
        assert_eq!(
            intersect(&[below(1.0, 0.0, 0.0), below(-1.0, 0.0, 0.0)]),
            Region::Empty
        );
        // zero weights: z = c everywhere; c < 0 is always satisfied, c ≥ 0 never
        let mut square = homework_square();
        square.push(below(0.0, 0.0, -3.0));
        assert_eq!(intersect(&square), intersect(&homework_square()));
        square.push(below(0.0, 0.0, 0.0));
        assert_eq!(intersect(&square), Region::Empty);
        assert!(matches!(
            intersect(&[below(0.0, 0.0, -1.0)]),
            Region::Unbounded { .. }
        ));
    }
}
