//! Exact half-plane intersection: every decision (is a point outside a line, are two lines
//! parallel, which way does the boundary turn) is made in rational arithmetic on the
//! units' weights as given, so no epsilon can call a thin, far or tiny region empty.
//!
//! Every f64 is a dyadic rational, so each weight converts exactly (num-rational), and the
//! region's corners are rationals in them. The intersection is the sort-by-angle and
//! deque algorithm (O(n log n) after sorting), run on closed half-planes inside a box
//! that provably holds every crossing of two unit lines, so touching the box means the
//! region is unbounded. Only the results — corners and area — are rounded to f64, once.
//! A crate of exact predicates for f64 (Shewchuk's) decides orientation but not the
//! positions of constructed crossings, so rationals are used throughout.

use std::cmp::Ordering;
use std::collections::VecDeque;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

/// An exact rational.
pub type Q = BigRational;
/// An exact point.
pub type QPoint = [Q; 2];

/// The closed half-plane a·x + b·y + c ≤ 0; `unit` says which unit's it is (`None` for
/// a side of the enclosing box).
#[derive(Debug, Clone)]
pub struct QHalfPlane {
    a: Q,
    b: Q,
    c: Q,
    /// Direction along the line with the allowed side on its left: (−b, a).
    d: QPoint,
    /// Which unit it belongs to.
    pub unit: Option<usize>,
}

/// The exact value of a finite f64.
pub fn rational(x: f64) -> Q {
    Q::from_float(x).unwrap_or_else(Q::zero)
}

impl QHalfPlane {
    /// a·x + b·y + c ≤ 0.
    pub fn new(a: Q, b: Q, c: Q, unit: Option<usize>) -> QHalfPlane {
        let d = [-b.clone(), a.clone()];
        QHalfPlane { a, b, c, d, unit }
    }

    /// a·x + b·y + c at `p`, exactly.
    fn value(&self, p: &QPoint) -> Q {
        &self.a * &p[0] + &self.b * &p[1] + &self.c
    }

    /// Strictly on the forbidden side.
    fn excludes(&self, p: &QPoint) -> bool {
        self.value(p).is_positive()
    }
}

fn cross(u: &QPoint, v: &QPoint) -> Q {
    &u[0] * &v[1] - &u[1] * &v[0]
}

fn dot(u: &QPoint, v: &QPoint) -> Q {
    &u[0] * &v[0] + &u[1] * &v[1]
}

/// Where two lines cross; `None` when they are parallel.
pub fn crossing(l: &QHalfPlane, m: &QHalfPlane) -> Option<QPoint> {
    let det = &l.a * &m.b - &m.a * &l.b;
    if det.is_zero() {
        return None;
    }
    Some([
        (&l.b * &m.c - &m.b * &l.c) / &det,
        (&m.a * &l.c - &l.a * &m.c) / &det,
    ])
}

/// Orders directions by angle in [0, 2π), exactly.
fn by_angle(u: &QPoint, v: &QPoint) -> Ordering {
    let half =
        |d: &QPoint| u8::from(!(d[1].is_positive() || (d[1].is_zero() && d[0].is_positive())));
    half(u).cmp(&half(v)).then_with(|| {
        let c = cross(u, v);
        if c.is_positive() {
            Ordering::Less
        } else if c.is_negative() {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    })
}

/// A power of two larger than every coordinate of every crossing of two of these lines.
///
/// Write each coefficient as m·2^e with m odd. A crossing is (b₁c₂ − b₂c₁, a₂c₁ − a₁c₂)
/// over a₁b₂ − a₂b₁; the numerators are below 2·4^(h+1) when every coefficient is below
/// 2^(h+1), and a nonzero denominator is a multiple of 4^l when every a and b is a
/// multiple of 2^l. So every coordinate is below 2^(2h + 3 − 2l).
pub fn enclosing(lines: &[(f64, f64, f64)]) -> Q {
    let (mut high, mut low) = (i64::MIN, i64::MAX);
    for &(a, b, c) in lines {
        for (x, normal) in [(a, true), (b, true), (c, false)] {
            if x == 0.0 {
                continue;
            }
            let (top, bottom) = bits(x);
            high = high.max(top);
            if normal {
                low = low.min(bottom);
            }
        }
    }
    if high == i64::MIN || low == i64::MAX {
        return Q::from_integer(BigInt::from(1));
    }
    let exponent = (2 * high + 4 - 2 * low).max(1);
    Q::from_integer(BigInt::from(1) << exponent as usize)
}

/// For a nonzero finite f64: the exponents of its highest and lowest set bits.
fn bits(x: f64) -> (i64, i64) {
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let (mantissa, exponent) = if biased == 0 {
        (bits & ((1 << 52) - 1), -1074)
    } else {
        ((bits & ((1 << 52) - 1)) | (1 << 52), biased - 1075)
    };
    let top = 63 - i64::from(mantissa.leading_zeros()) + exponent;
    let bottom = i64::from(mantissa.trailing_zeros()) + exponent;
    (top, bottom)
}

/// The four sides of the box |x| ≤ r, |y| ≤ r.
pub fn box_sides(r: &Q) -> Vec<QHalfPlane> {
    let (one, zero) = (Q::from_integer(BigInt::from(1)), Q::zero());
    vec![
        QHalfPlane::new(one.clone(), zero.clone(), -r.clone(), None),
        QHalfPlane::new(-one.clone(), zero.clone(), -r.clone(), None),
        QHalfPlane::new(zero.clone(), one.clone(), -r.clone(), None),
        QHalfPlane::new(zero, -one, -r.clone(), None),
    ]
}

/// A corner of the intersection and the two lines that meet there.
#[derive(Debug, Clone)]
pub struct Corner {
    /// Where.
    pub at: QPoint,
    /// The units whose lines meet there (`None` for a side of the box).
    pub units: [Option<usize>; 2],
}

/// The intersection of closed half-planes, which must include a bounding box: its
/// corners counter-clockwise, each once, none where the boundary runs straight on;
/// empty when it has no interior.
pub fn intersect(mut lines: Vec<QHalfPlane>) -> Vec<Corner> {
    lines.sort_by(|l, m| by_angle(&l.d, &m.d));
    let mut dq: VecDeque<QHalfPlane> = VecDeque::with_capacity(lines.len());
    let outside = |h: &QHalfPlane, l: &QHalfPlane, m: &QHalfPlane| {
        crossing(l, m).is_some_and(|p| h.excludes(&p))
    };
    for h in lines {
        while dq.len() >= 2 && outside(&h, &dq[dq.len() - 1], &dq[dq.len() - 2]) {
            dq.pop_back();
        }
        while dq.len() >= 2 && outside(&h, &dq[0], &dq[1]) {
            dq.pop_front();
        }
        if let Some(last) = dq.back()
            && cross(&h.d, &last.d).is_zero()
        {
            if dot(&h.d, &last.d).is_negative() {
                // Opposite sides with nothing between: the region is at most a line.
                return Vec::new();
            }
            // The same direction: keep the tighter of the two.
            let point = on(last);
            if h.excludes(&point)
                && let Some(back) = dq.back_mut()
            {
                *back = h;
            }
            continue;
        }
        dq.push_back(h);
    }
    while dq.len() > 2 && outside(&dq[0], &dq[dq.len() - 1], &dq[dq.len() - 2]) {
        dq.pop_back();
    }
    while dq.len() > 2 && outside(&dq[dq.len() - 1], &dq[0], &dq[1]) {
        dq.pop_front();
    }
    if dq.len() < 3 {
        return Vec::new();
    }
    let n = dq.len();
    let mut corners: Vec<Corner> = Vec::with_capacity(n);
    for i in 0..n {
        let (l, m) = (&dq[i], &dq[(i + 1) % n]);
        let Some(at) = crossing(l, m) else {
            return Vec::new();
        };
        if corners.last().is_none_or(|c| c.at != at) {
            corners.push(Corner {
                at,
                units: [l.unit, m.unit],
            });
        }
    }
    while corners.len() > 1 && corners[0].at == corners[corners.len() - 1].at {
        corners.pop();
    }
    // Convex and counter-clockwise: three corners not on one line enclose an area.
    let corners = straighten(corners);
    if corners.len() < 3 {
        return Vec::new();
    }
    corners
}

/// A point on the line.
fn on(l: &QHalfPlane) -> QPoint {
    if l.a.is_zero() {
        [Q::zero(), -&l.c / &l.b]
    } else {
        [-&l.c / &l.a, Q::zero()]
    }
}

/// Drops corners where the boundary runs straight on (a line through an edge's middle).
fn straighten(mut corners: Vec<Corner>) -> Vec<Corner> {
    let mut i = 0;
    while corners.len() >= 3 && i < corners.len() {
        let n = corners.len();
        let (p, q, r) = (
            &corners[(i + n - 1) % n].at,
            &corners[i].at,
            &corners[(i + 1) % n].at,
        );
        let u = [&q[0] - &p[0], &q[1] - &p[1]];
        let v = [&r[0] - &q[0], &r[1] - &q[1]];
        if cross(&u, &v).is_zero() {
            corners.remove(i);
        } else {
            i += 1;
        }
    }
    corners
}

/// The area of a convex polygon: each triangle of a fan from the first corner computed
/// exactly and rounded, the (positive) pieces added with Neumaier's compensated sum, so
/// the result is within a couple of ulps. (An exact sum of the pieces would carry a
/// denominator as long as all theirs together: quadratic in the number of corners.)
pub fn area(corners: &[Corner]) -> f64 {
    let two = Q::from_integer(BigInt::from(2));
    let first = &corners[0].at;
    let (mut sum, mut compensation) = (0.0_f64, 0.0_f64);
    for pair in corners[1..].windows(2) {
        let (p, q) = (&pair[0].at, &pair[1].at);
        let u = [&p[0] - &first[0], &p[1] - &first[1]];
        let v = [&q[0] - &first[0], &q[1] - &first[1]];
        let piece = to_f64(&(cross(&u, &v) / &two));
        let t = sum + piece;
        if t.is_infinite() {
            return t;
        }
        compensation += if sum.abs() >= piece.abs() {
            (sum - t) + piece
        } else {
            (piece - t) + sum
        };
        sum = t;
    }
    sum + compensation
}

/// A rational rounded to the nearest f64 (±inf beyond f64's range).
pub fn to_f64(q: &Q) -> f64 {
    q.to_f64().unwrap_or(if q.is_negative() {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_of_a_float() {
        assert_eq!(bits(1.0), (0, 0));
        assert_eq!(bits(3.0), (1, 0));
        assert_eq!(bits(0.5), (-1, -1));
        assert_eq!(bits(5e-324), (-1074, -1074));
        assert_eq!(bits(f64::MAX), (1023, 971));
    }

    #[test]
    fn the_box_holds_every_crossing() {
        let r = enclosing(&[(1.0, 0.0, -1.0), (0.0, 1.0, -1.0)]);
        assert!(r > Q::from_integer(BigInt::from(1)));
        let lines = [(1e-300, 1e-300, 1e300), (1e-300, -1e-300, 5.0)];
        let r = enclosing(&lines);
        let l = QHalfPlane::new(rational(1e-300), rational(1e-300), rational(1e300), None);
        let m = QHalfPlane::new(rational(1e-300), rational(-1e-300), rational(5.0), None);
        let p = crossing(&l, &m).unwrap();
        assert!(p[0].abs() < r && p[1].abs() < r);
    }
}
