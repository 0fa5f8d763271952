//! The region where every hidden unit has the wanted sign: an intersection of open
//! half-planes n_j·p + c_j < 0.
//!
//! Each half-plane is first scaled so its normal's larger component is ±1, so neither
//! tiny nor huge weights overflow. Boundedness is decided from the normals alone: the
//! region (if not empty) is unbounded exactly when some direction d has n_j·d ≤ 0 for
//! every j, that is when the normals leave an angular gap of at least π.
//!
//! A bounded region is the convex hull of its corners: the crossings of two boundary lines
//! that satisfy every constraint, each computed straight from its two lines, so a corner
//! carries one rounding rather than one per clipping step. An unbounded region is clipped
//! to a box that holds every crossing; that shows whether it is empty and in what order
//! its finite corners come, which are then snapped to the exact crossings.

use std::f64::consts::PI;

use crate::geometry::{HalfPlane, Point, area, clip, norm_inf};

/// Relative tolerance for "on the line" and "the same point".
const RELATIVE: f64 = 1e-12;

/// The region's closure.
#[derive(Debug, Clone, PartialEq)]
pub enum Region {
    /// No point satisfies every strict inequality (area 0).
    Empty,
    /// A convex polygon, vertices counter-clockwise from the lowest-leftmost.
    Bounded(Vec<Point>),
    /// Unbounded; `finite_vertices` are its corners in counter-clockwise order along its
    /// boundary, and `clipped` its part inside a box that holds every corner.
    Unbounded {
        /// Corners of the region itself.
        finite_vertices: Vec<Point>,
        /// The region cut off by the box, counter-clockwise (for drawing).
        clipped: Vec<Point>,
    },
}

/// Intersects the open half-planes n·p + c < 0.
pub fn intersect(half_planes: &[HalfPlane]) -> Region {
    let mut lines = Vec::with_capacity(half_planes.len());
    for h in half_planes {
        match normalize(h) {
            Constraint::Always => {}
            Constraint::Never => return Region::Empty,
            Constraint::Line(line) => lines.push(line),
        }
    }
    if has_recession_direction(&lines) {
        unbounded(&lines)
    } else {
        bounded(&lines)
    }
}

enum Constraint {
    Always,
    Never,
    Line(HalfPlane),
}

/// Scales n·p + c < 0 so that max(|n1|, |n2|) = 1. A unit with both weights zero is
/// z = c everywhere: all (c < 0) or nothing (c ≥ 0); so is a line scaled out to infinity.
fn normalize(h: &HalfPlane) -> Constraint {
    let scale = h.normal[0].abs().max(h.normal[1].abs());
    if scale == 0.0 {
        return if h.offset < 0.0 {
            Constraint::Always
        } else {
            Constraint::Never
        };
    }
    let offset = h.offset / scale;
    if offset == f64::INFINITY {
        Constraint::Never
    } else if offset == f64::NEG_INFINITY {
        Constraint::Always
    } else {
        Constraint::Line(HalfPlane {
            normal: [h.normal[0] / scale, h.normal[1] / scale],
            offset,
        })
    }
}

/// Whether the normals fit in a closed half-circle, leaving the region a direction to run off in.
fn has_recession_direction(lines: &[HalfPlane]) -> bool {
    let mut angles: Vec<f64> = lines
        .iter()
        .map(|l| l.normal[1].atan2(l.normal[0]))
        .collect();
    if angles.is_empty() {
        return true;
    }
    angles.sort_by(f64::total_cmp);
    let wrap = angles[0] + 2.0 * PI - angles[angles.len() - 1];
    let widest = angles.windows(2).map(|w| w[1] - w[0]).fold(wrap, f64::max);
    widest >= PI * (1.0 - RELATIVE)
}

fn tolerance(line: &HalfPlane, p: Point) -> f64 {
    RELATIVE * (line.offset.abs() + 2.0 * norm_inf(p))
}

fn satisfies_all(p: Point, lines: &[HalfPlane]) -> bool {
    lines.iter().all(|l| l.value(p) <= tolerance(l, p))
}

fn same_point(p: Point, q: Point) -> bool {
    norm_inf([p[0] - q[0], p[1] - q[1]]) <= RELATIVE * (1.0 + norm_inf(p).max(norm_inf(q)))
}

/// Every finite crossing of two boundary lines that lies in the region's closure, once.
fn corners(lines: &[HalfPlane]) -> Vec<Point> {
    let mut found: Vec<Point> = Vec::new();
    for (i, a) in lines.iter().enumerate() {
        for b in &lines[i + 1..] {
            let Some(p) = a.crossing(b) else { continue };
            if p[0].is_finite()
                && p[1].is_finite()
                && satisfies_all(p, lines)
                && !found.iter().any(|&q| same_point(p, q))
            {
                found.push(p);
            }
        }
    }
    found
}

fn bounded(lines: &[HalfPlane]) -> Region {
    let mut points = corners(lines);
    if points.len() < 3 {
        return Region::Empty;
    }
    let n = points.len() as f64;
    let centre = [
        points.iter().map(|p| p[0]).sum::<f64>() / n,
        points.iter().map(|p| p[1]).sum::<f64>() / n,
    ];
    let angle = |p: &Point| (p[1] - centre[1]).atan2(p[0] - centre[0]);
    points.sort_by(|p, q| angle(p).total_cmp(&angle(q)));
    let polygon = drop_collinear(points, true);
    let extent = polygon
        .iter()
        .flat_map(|p| {
            polygon
                .iter()
                .map(move |q| norm_inf([p[0] - q[0], p[1] - q[1]]))
        })
        .fold(0.0, f64::max);
    if polygon.len() < 3 || area(&polygon) <= RELATIVE * extent * extent {
        return Region::Empty;
    }
    Region::Bounded(start_lowest_left(polygon))
}

fn unbounded(lines: &[HalfPlane]) -> Region {
    let exact = corners(lines);
    let mut reach: f64 = 1.0;
    for p in lines
        .iter()
        .map(HalfPlane::foot)
        .chain(exact.iter().copied())
    {
        reach = reach.max(norm_inf(p));
    }
    let r = (2.0 * reach + 1.0).min(f64::MAX / 4.0);
    let mut polygon = vec![[-r, -r], [r, -r], [r, r], [-r, r]];
    for line in lines {
        polygon = clip(&polygon, line);
        if polygon.is_empty() {
            return Region::Empty;
        }
    }
    // An open region is non-empty exactly when its closure has an interior point; the
    // mean of a convex polygon's vertices is one whenever there is any.
    let n = polygon.len() as f64;
    let centre = [
        polygon.iter().map(|p| p[0] / n).sum::<f64>(),
        polygon.iter().map(|p| p[1] / n).sum::<f64>(),
    ];
    if lines
        .iter()
        .any(|l| -l.value(centre) <= tolerance(l, centre))
    {
        return Region::Empty;
    }
    let on_box = |p: &Point| norm_inf(*p) >= r * (1.0 - RELATIVE);
    // Walk the boundary from just after a box corner, so the finite corners come as one
    // chain in counter-clockwise order; then replace each by its exact crossing.
    let start = polygon.iter().position(on_box).unwrap_or(0);
    let chain: Vec<Point> = (1..=polygon.len())
        .map(|k| polygon[(start + k) % polygon.len()])
        .filter(|p| !on_box(p))
        .map(|p| {
            exact
                .iter()
                .copied()
                .min_by(|a, b| distance(*a, p).total_cmp(&distance(*b, p)))
                .filter(|&q| distance(q, p) <= 1e-6 * r)
                .unwrap_or(p)
        })
        .collect();
    let mut finite: Vec<Point> = Vec::with_capacity(chain.len());
    for p in chain {
        if !finite.iter().any(|&q| same_point(p, q)) {
            finite.push(p);
        }
    }
    Region::Unbounded {
        finite_vertices: drop_collinear(finite, false),
        clipped: polygon,
    }
}

fn distance(p: Point, q: Point) -> f64 {
    norm_inf([p[0] - q[0], p[1] - q[1]])
}

/// Drops vertices where the boundary goes straight on (a redundant line through an edge);
/// `closed` says whether the first and last vertices are neighbours.
fn drop_collinear(mut points: Vec<Point>, closed: bool) -> Vec<Point> {
    let straight = |a: Point, b: Point, c: Point| {
        let (u, v) = ([b[0] - a[0], b[1] - a[1]], [c[0] - b[0], c[1] - b[1]]);
        let cross = u[0] * v[1] - u[1] * v[0];
        cross.abs() <= RELATIVE * norm_inf(u) * norm_inf(v) * 4.0
    };
    let mut i = if closed { 0 } else { 1 };
    while points.len() >= 3 && i < points.len() {
        let n = points.len();
        if !closed && i + 1 >= n {
            break;
        }
        let (a, b, c) = (points[(i + n - 1) % n], points[i], points[(i + 1) % n]);
        if straight(a, b, c) {
            points.remove(i);
        } else {
            i += 1;
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
        .min_by(|(_, p), (_, q)| p[0].total_cmp(&q[0]).then(p[1].total_cmp(&q[1])))
        .map_or(0, |(i, _)| i);
    polygon.rotate_left(start);
    polygon
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

    fn bounded_area(units: &[HalfPlane]) -> f64 {
        match intersect(units) {
            Region::Bounded(v) => area(&v),
            other => panic!("not bounded: {other:?}"),
        }
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
    fn far_crossings_of_redundant_units_do_not_shrink_the_answer() {
        // A redundant unit nearly parallel to x1 crosses the others far away.
        let mut units = homework_square();
        units.push(below(1.0, 1e-6, -2.0));
        assert_eq!(bounded_area(&units), 4.0);
        // A redundant unit through an edge adds no corner.
        units.push(below(1.0, 0.0, -1.0));
        let Region::Bounded(v) = intersect(&units) else {
            panic!("bounded")
        };
        assert_eq!(v.len(), 4);
    }

    #[test]
    fn small_or_far_regions_keep_their_area() {
        // x1 > 1000, x2 > 1000, x1 + x2 < 2000.001: legs 0.001, area 5e-7.
        let tiny = bounded_area(&[
            below(-1.0, 0.0, 1000.0),
            below(0.0, -1.0, 1000.0),
            below(1.0, 1.0, -2000.001),
        ]);
        assert!((tiny - 5e-7).abs() < 1e-15, "{tiny}");
        // legs of 1 near (1e6, 1e6): area 0.5
        let far = bounded_area(&[
            below(-1.0, 0.0, 1e6),
            below(0.0, -1.0, 1e6),
            below(1.0, 1.0, -2e6 - 1.0),
        ]);
        assert_eq!(far, 0.5);
    }

    #[test]
    fn scaling_every_weight_changes_nothing() {
        for scale in [1e-200, 1e-3, 1e3, 1e300] {
            let units: Vec<HalfPlane> = homework_square()
                .iter()
                .map(|h| below(h.normal[0] * scale, h.normal[1] * scale, h.offset * scale))
                .collect();
            assert_eq!(bounded_area(&units), 4.0, "scale {scale}");
        }
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
        // a wedge with a flat top: x2 > |x1| and x2 > 1 has corners (-1, 1) and (1, 1)
        let wedge = intersect(&[
            below(-1.0, -1.0, 0.0),
            below(1.0, -1.0, 0.0),
            below(0.0, -1.0, 1.0),
        ]);
        let Region::Unbounded {
            finite_vertices, ..
        } = wedge
        else {
            panic!("unbounded")
        };
        assert_eq!(finite_vertices, vec![[-1.0, 1.0], [1.0, 1.0]]);
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
        // a ray: x2 ≤ 0, x2 ≥ 0, x1 ≤ 0 has no interior
        assert_eq!(
            intersect(&[
                below(0.0, 1.0, 0.0),
                below(0.0, -1.0, 0.0),
                below(1.0, 0.0, 0.0)
            ]),
            Region::Empty
        );
        // a bounded triangle squeezed to a point
        assert_eq!(
            intersect(&[
                below(-1.0, 0.0, 0.0),
                below(0.0, -1.0, 0.0),
                below(1.0, 1.0, 0.0)
            ]),
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
