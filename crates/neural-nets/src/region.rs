//! The region where every hidden unit has the wanted sign: an intersection of open
//! half-planes n_j·p + c_j < 0, decided exactly ([`crate::exact`]).
//!
//! The open region is non-empty exactly when the closed half-planes meet in a polygon of
//! positive area; it is unbounded exactly when that polygon, computed inside a box that
//! holds every crossing of two unit lines, touches the box. Both are decided in rational
//! arithmetic, so a 0.001 × 10⁹ rectangle, a unit square at (10¹², 10¹²) or weights of
//! 5e-324 come out as what they are. Corners and the area are rounded to f64 once; an
//! area beyond f64's range is infinite, and the report says so.

use crate::exact::{self, Corner, QHalfPlane, box_sides, enclosing, rational, to_f64};
use crate::geometry::{HalfPlane, Point, norm_inf};

/// What the solver of a decision region found, shared by its report and its figure:
/// each unit's (a, b, c), the side wanted, the region and its area.
pub(crate) struct Solution {
    pub units: Vec<[f64; 3]>,
    pub wanted: &'static str,
    pub region: Region,
    pub area: f64,
}

/// The region's closure.
#[derive(Debug, Clone, PartialEq)]
pub enum Region {
    /// No point satisfies every strict inequality (area 0).
    Empty,
    /// A convex polygon.
    Bounded {
        /// Corners counter-clockwise from the lowest-leftmost.
        vertices: Vec<Point>,
        /// Its area, computed exactly and rounded once (inf when beyond f64).
        area: f64,
    },
    /// Unbounded; `finite_vertices` are its corners in counter-clockwise order along its
    /// boundary, and `clipped` its part inside a box around them (for drawing).
    Unbounded {
        /// Corners of the region itself.
        finite_vertices: Vec<Point>,
        /// The region cut off by the box, counter-clockwise (for drawing).
        clipped: Vec<Point>,
    },
}

/// Intersects the open half-planes n·p + c < 0.
pub fn intersect(half_planes: &[HalfPlane]) -> Region {
    let mut lines = Vec::with_capacity(half_planes.len() + 4);
    let mut coefficients = Vec::with_capacity(half_planes.len());
    for (j, h) in half_planes.iter().enumerate() {
        let [a, b] = h.normal;
        if a == 0.0 && b == 0.0 {
            // z = c everywhere: all of the plane (c < 0) or none of it.
            if h.offset < 0.0 {
                continue;
            }
            return Region::Empty;
        }
        coefficients.push((a, b, h.offset));
        lines.push(QHalfPlane::new(
            rational(a),
            rational(b),
            rational(h.offset),
            Some(j),
        ));
    }
    let far = enclosing(&coefficients);
    let mut enclosed = lines.clone();
    enclosed.extend(box_sides(&far));
    let corners = exact::intersect(enclosed);
    if corners.is_empty() {
        return Region::Empty;
    }
    let on_box = |c: &Corner| c.units.iter().any(Option::is_none);
    if !corners.iter().any(on_box) {
        let area = exact::area(&corners);
        let vertices = corners.iter().map(point).collect();
        return Region::Bounded {
            vertices: start_lowest_left(vertices),
            area,
        };
    }
    // Walk the boundary from just after a box corner, so the region's own corners come
    // as one chain in counter-clockwise order.
    let n = corners.len();
    let start = corners.iter().position(on_box).unwrap_or(0);
    let finite_vertices: Vec<Point> = (1..=n)
        .map(|k| &corners[(start + k) % n])
        .filter(|c| !on_box(c))
        .map(point)
        .collect();
    Region::Unbounded {
        clipped: drawn(lines, half_planes, &finite_vertices),
        finite_vertices,
    }
}

fn point(c: &Corner) -> Point {
    [to_f64(&c.at[0]), to_f64(&c.at[1])]
}

/// The unbounded region cut to a box that holds its corners and every line's point
/// nearest the origin, for the figure.
fn drawn(mut lines: Vec<QHalfPlane>, half_planes: &[HalfPlane], corners: &[Point]) -> Vec<Point> {
    let reach = half_planes
        .iter()
        .filter(|h| !h.is_degenerate())
        .map(HalfPlane::foot)
        .chain(corners.iter().copied())
        .map(norm_inf)
        .filter(|r| r.is_finite())
        .fold(1.0_f64, f64::max);
    let r = (2.0 * reach + 1.0).min(f64::MAX / 4.0);
    lines.extend(box_sides(&rational(r)));
    exact::intersect(lines).iter().map(point).collect()
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
            Region::Bounded { area, .. } => area,
            other => panic!("not bounded: {other:?}"),
        }
    }

    #[test]
    fn square_is_found_exactly_counter_clockwise() {
        let Region::Bounded { vertices, area } = intersect(&homework_square()) else {
            panic!("bounded")
        };
        assert_eq!(
            vertices,
            vec![[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]]
        );
        assert_eq!(area, 4.0);
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
        let Region::Bounded { vertices, area } = r else {
            panic!("bounded")
        };
        assert_eq!(vertices, vec![[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]]);
        assert_eq!(area, 2.0);
    }

    #[test]
    fn far_crossings_of_redundant_units_do_not_shrink_the_answer() {
        // A redundant unit nearly parallel to x1 crosses the others far away.
        let mut units = homework_square();
        units.push(below(1.0, 1e-6, -2.0));
        assert_eq!(bounded_area(&units), 4.0);
        // A redundant unit through an edge adds no corner.
        units.push(below(1.0, 0.0, -1.0));
        let Region::Bounded { vertices, .. } = intersect(&units) else {
            panic!("bounded")
        };
        assert_eq!(vertices.len(), 4);
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

    #[test]
    fn extreme_regions_are_what_they_are() {
        // |x1|, |x2| < 1e200: bounded, its area 4e400 beyond f64.
        let huge = intersect(&[
            below(1.0, 0.0, -1e200),
            below(0.0, 1.0, -1e200),
            below(-1.0, 0.0, -1e200),
            below(0.0, -1.0, -1e200),
        ]);
        assert!(matches!(huge, Region::Bounded { area, .. } if area == f64::INFINITY));
        // Weights of 5e-324 make the same square, bounded, area 4.
        let t = 5e-324;
        assert_eq!(
            bounded_area(&[
                below(t, 0.0, -t),
                below(0.0, t, -t),
                below(-t, 0.0, -t),
                below(0.0, -t, -t)
            ]),
            4.0
        );
        // A 0.001 × 1e9 rectangle.
        assert_eq!(
            bounded_area(&[
                below(1.0, 0.0, -0.001),
                below(-1.0, 0.0, 0.0),
                below(0.0, 1.0, -1e9),
                below(0.0, -1.0, 0.0)
            ]),
            0.001 * 1e9
        );
        // A unit square at (1e12, 1e12).
        assert_eq!(
            bounded_area(&[
                below(1.0, 0.0, -1e12 - 1.0),
                below(-1.0, 0.0, 1e12),
                below(0.0, 1.0, -1e12 - 1.0),
                below(0.0, -1.0, 1e12)
            ]),
            1.0
        );
        // A half-strip 1e-4 wide beside a redundant far-away unit: unbounded, not empty.
        let strip = intersect(&[
            below(1.0, 0.0, -1e-4),
            below(-1.0, 0.0, 0.0),
            below(0.0, -1.0, 0.0),
            below(1.0, 0.0, -1e12),
        ]);
        assert!(matches!(strip, Region::Unbounded { .. }), "{strip:?}");
        // Tilted by 1e-9, that far unit does close the strip, at x2 ≈ 1e21.
        let closed = bounded_area(&[
            below(1.0, 0.0, -1e-4),
            below(-1.0, 0.0, 0.0),
            below(0.0, -1.0, 0.0),
            below(1.0, 1e-9, -1e12),
        ]);
        assert!((closed / 1e17 - 1.0).abs() < 1e-9, "{closed}");
    }

    #[test]
    fn many_units_stay_fast() {
        // A polygon of 600 tangent lines around the unit circle: every unit a corner.
        let n = 600;
        let units: Vec<HalfPlane> = (0..n)
            .map(|k| {
                let t = std::f64::consts::TAU * k as f64 / n as f64;
                below(t.cos(), t.sin(), -1.0)
            })
            .collect();
        let start = std::time::Instant::now();
        let Region::Bounded { vertices, area } = intersect(&units) else {
            panic!("bounded")
        };
        assert_eq!(vertices.len(), n);
        assert!((area - std::f64::consts::PI).abs() < 1e-4, "{area}");
        // Not a timing test: a generous bound that only a cubic search would break.
        assert!(start.elapsed().as_secs() < 60);
    }
}
