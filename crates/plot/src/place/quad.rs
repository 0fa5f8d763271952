//! A label's box, which may lie along a sloping arrow: its corners, and whether it meets
//! a segment, another box or a rectangle (by separating axes: two convex shapes are apart
//! exactly when some edge's normal separates their projections).

use crate::scene::{Point, Rect};

/// A rectangle turned by `angle` (radians, clockwise on the canvas) about its centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Quad {
    /// Its centre.
    pub centre: Point,
    /// Half its width and half its height, before turning.
    pub half: (f64, f64),
    /// How far it is turned.
    pub angle: f64,
}

impl Quad {
    /// The axis-aligned rectangle `r`.
    pub fn from_rect(r: Rect) -> Quad {
        Quad {
            centre: (0.5 * (r[0] + r[2]), 0.5 * (r[1] + r[3])),
            half: (0.5 * (r[2] - r[0]), 0.5 * (r[3] - r[1])),
            angle: 0.0,
        }
    }

    /// Its own two directions: along and across.
    fn axes(&self) -> [Point; 2] {
        let (s, c) = self.angle.sin_cos();
        [(c, s), (-s, c)]
    }

    /// Its corners.
    pub fn corners(&self) -> [Point; 4] {
        let [u, v] = self.axes();
        let (a, b) = self.half;
        let at = |i: f64, j: f64| {
            (
                self.centre.0 + i * a * u.0 + j * b * v.0,
                self.centre.1 + i * a * u.1 + j * b * v.1,
            )
        };
        [at(-1.0, -1.0), at(1.0, -1.0), at(1.0, 1.0), at(-1.0, 1.0)]
    }

    /// The same grown by `by` on every side.
    pub fn grown(&self, by: f64) -> Quad {
        Quad {
            half: (self.half.0 + by, self.half.1 + by),
            ..*self
        }
    }

    /// The axis-aligned rectangle around it.
    pub fn bounds(&self) -> Rect {
        self.corners()
            .iter()
            .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |r, &(x, y)| {
                [r[0].min(x), r[1].min(y), r[2].max(x), r[3].max(y)]
            })
    }

    /// Whether it lies wholly inside `r`.
    pub fn inside(&self, r: Rect) -> bool {
        self.corners()
            .iter()
            .all(|&(x, y)| r[0] <= x && x <= r[2] && r[1] <= y && y <= r[3])
    }

    /// Whether it and the segment `a`–`b` share a point.
    pub fn meets_segment(&self, a: Point, b: Point) -> bool {
        let mine = self.corners();
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut axes = self.axes().to_vec();
        if dx != 0.0 || dy != 0.0 {
            axes.push((-dy, dx));
        }
        !axes.iter().any(|&axis| apart(axis, &mine, &[a, b]))
    }

    /// Whether it and `other` overlap.
    pub fn meets(&self, other: &Quad) -> bool {
        let (mine, theirs) = (self.corners(), other.corners());
        let axes = self.axes().into_iter().chain(other.axes());
        !axes.into_iter().any(|axis| apart(axis, &mine, &theirs))
    }
}

/// Whether `axis` separates the two point sets (touching counts as apart).
fn apart(axis: Point, a: &[Point], b: &[Point]) -> bool {
    let span = |ps: &[Point]| {
        ps.iter()
            .map(|p| p.0 * axis.0 + p.1 * axis.1)
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)))
    };
    let ((a0, a1), (b0, b1)) = (span(a), span(b));
    a1 <= b0 || b1 <= a0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_turned_box_meets_what_crosses_it_and_not_what_passes_its_corner() {
        let level = Quad::from_rect([0.0, 0.0, 10.0, 4.0]);
        assert!(level.meets_segment((5.0, -5.0), (5.0, 10.0)));
        assert!(!level.meets_segment((11.0, -5.0), (11.0, 10.0)));
        // Turned 45°: the corner of its bounding box is empty.
        let turned = Quad {
            centre: (0.0, 0.0),
            half: (10.0, 1.0),
            angle: std::f64::consts::FRAC_PI_4,
        };
        assert!(!turned.meets_segment((5.0, -6.0), (6.0, -5.0)));
        assert!(turned.meets_segment((-5.0, 5.0), (5.0, -5.0)));
        assert!(turned.meets(&Quad::from_rect([-1.0, -1.0, 1.0, 1.0])));
        assert!(!turned.meets(&Quad::from_rect([4.0, -8.0, 6.0, -6.0])));
        let b = turned.bounds();
        assert!((b[2] - (10.0 + 1.0) / 2f64.sqrt()).abs() < 1e-9);
        assert!(turned.inside([-10.0, -10.0, 10.0, 10.0]));
    }
}
