//! Where a function of the plane is positive, as filled polygons: marching squares (the
//! `contour` crate) with linear interpolation, so the boundary is a smooth line rather
//! than a staircase of cells, and the SVG holds a few polygons rather than thousands of
//! rectangles.

use std::ops::Range;

/// Grid points per side sampled by [`positive`].
pub const SAMPLES: usize = 121;

/// The region of `x × y` where `f` is positive: outer rings and holes, as polygons in the
/// plane's coordinates. Empty when `f` is nowhere positive (or the contour fails).
pub fn positive(f: impl Fn(f64, f64) -> f64, x: Range<f64>, y: Range<f64>) -> Regions {
    let n = SAMPLES;
    let (dx, dy) = (
        (x.end - x.start) / (n - 1) as f64,
        (y.end - y.start) / (n - 1) as f64,
    );
    let mut values = Vec::with_capacity(n * n);
    for j in 0..n {
        for i in 0..n {
            values.push(f(x.start + i as f64 * dx, y.start + j as f64 * dy));
        }
    }
    // A value exactly at the threshold counts as inside for marching squares; a hair
    // above zero keeps "positive" strict, as the classifier's own rule is.
    let threshold = f64::MIN_POSITIVE;
    // contour puts sample i at i + 0.5 (pixel centres, as d3-contour does): shift back.
    let builder = contour::ContourBuilder::new(n, n, true)
        .x_origin(x.start - 0.5 * dx)
        .y_origin(y.start - 0.5 * dy)
        .x_step(dx)
        .y_step(dy);
    let Ok(contours) = builder.contours(&values, &[threshold]) else {
        return Regions::default();
    };
    let mut regions = Regions::default();
    for contour in contours {
        for polygon in contour.geometry() {
            // The outer rim of the grid lies half a step outside the view.
            let ring = |r: &geo_types::LineString<f64>| {
                r.0.iter()
                    .map(|c| (c.x.clamp(x.start, x.end), c.y.clamp(y.start, y.end)))
                    .collect()
            };
            regions.outer.push(ring(polygon.exterior()));
            regions.holes.extend(polygon.interiors().iter().map(ring));
        }
    }
    regions
}

/// Polygons of a region: fill the outer rings, then the holes in the background colour.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Regions {
    /// Outer rings.
    pub outer: Vec<Vec<(f64, f64)>>,
    /// Holes inside them.
    pub holes: Vec<Vec<(f64, f64)>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disc_comes_out_as_one_smooth_ring() {
        let r = positive(|x, y| 1.0 - x * x - y * y, -2.0..2.0, -2.0..2.0);
        assert_eq!(r.outer.len(), 1);
        assert!(r.holes.is_empty());
        for &(x, y) in &r.outer[0] {
            let radius = (x * x + y * y).sqrt();
            assert!((radius - 1.0).abs() < 0.01, "{radius}");
        }
    }

    #[test]
    fn nowhere_positive_is_empty() {
        let r = positive(|_, _| -1.0, 0.0..1.0, 0.0..1.0);
        assert!(r.outer.is_empty());
    }
}
