//! Plane geometry primitives: half-planes, their boundary lines, convex polygons.

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
    /// n·p + c.
    pub fn value(&self, p: Point) -> f64 {
        self.normal[0] * p[0] + self.normal[1] * p[1] + self.offset
    }

    /// True when n = 0: the "line" is all or nothing.
    pub fn is_degenerate(&self) -> bool {
        self.normal == [0.0, 0.0]
    }

    /// The point of the boundary line n·p + c = 0 nearest the origin.
    pub fn foot(&self) -> Point {
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

/// max(|x1|, |x2|).
pub fn norm_inf(p: Point) -> f64 {
    p[0].abs().max(p[1].abs())
}

/// Sutherland–Hodgman: keeps the part of a convex polygon where h(p) ≤ 0.
pub fn clip(polygon: &[Point], h: &HalfPlane) -> Vec<Point> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
