//! Drawing a [`Style`]: its marker as one plotters element, and its line solid, dashed
//! or dotted. The legend swatches use the same two functions as the data, so a legend
//! always looks like what it names.

use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};

use crate::style::{Dash, Marker, Style, px};
use crate::{Error, Root};

/// Marker radius in CSS pixels.
pub const MARKER_RADIUS: f64 = 4.5;

/// One marker of `style` at `at`.
pub struct Mark<C> {
    at: C,
    style: Style,
}

impl<C> Mark<C> {
    /// A marker at `at`.
    pub fn new(at: C, style: Style) -> Self {
        Mark { at, style }
    }
}

impl<'a, C: 'a> PointCollection<'a, C> for &'a Mark<C> {
    type Point = &'a C;
    type IntoIter = std::iter::Once<&'a C>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<C, DB: DrawingBackend> Drawable<DB> for Mark<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some((x, y)) = points.next() else {
            return Ok(());
        };
        let r = px(MARKER_RADIUS);
        let fill = !self.style.hollow;
        // Hollow markers get a white face so a line under them does not show through.
        let face = if fill {
            self.style.color.filled()
        } else {
            WHITE.filled()
        };
        let edge = self.style.color.stroke_width(px(1.5) as u32);
        let outline: Vec<BackendCoord> = match self.style.marker {
            Marker::None => return Ok(()),
            // A filled marker is one element; a hollow one adds its coloured edge.
            Marker::Circle if fill => return backend.draw_circle((x, y), r as u32, &face, true),
            Marker::Circle => {
                backend.draw_circle((x, y), r as u32, &face, true)?;
                return backend.draw_circle((x, y), r as u32, &edge, false);
            }
            Marker::Square => {
                let s = (r as f64 * 0.9) as i32;
                vec![
                    (x - s, y - s),
                    (x + s, y - s),
                    (x + s, y + s),
                    (x - s, y + s),
                ]
            }
            Marker::Triangle => {
                let s = (r as f64 * 1.2) as i32;
                vec![(x, y - s), (x + s, y + s * 7 / 10), (x - s, y + s * 7 / 10)]
            }
            Marker::Diamond => {
                let s = (r as f64 * 1.25) as i32;
                vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
            }
        };
        backend.fill_polygon(outline.iter().copied(), &face)?;
        if fill {
            return Ok(());
        }
        let mut closed = outline.clone();
        closed.push(outline[0]);
        backend.draw_path(closed, &edge)
    }
}

/// Dash and gap lengths in CSS pixels.
pub(crate) fn dash_pattern(dash: Dash, width: f64) -> (f64, f64) {
    match dash {
        Dash::Dashed => (7.0, 4.0),
        _ => (width.max(1.0), 2.5 * width.max(1.0)),
    }
}

/// The polyline through `points` in `style`'s stroke (no markers).
pub fn path_element<C: Clone + 'static>(points: Vec<C>, style: &Style) -> Option<PathKind<C>> {
    let stroke = style.stroke();
    Some(match style.dash {
        Dash::None => return None,
        Dash::Solid => PathKind::Solid(PathElement::new(points, stroke)),
        dash => {
            let (on, off) = dash_pattern(dash, style.width);
            PathKind::Dashed(Dashed {
                points,
                on: f64::from(px(on)),
                off: f64::from(px(off)),
                stroke,
            })
        }
    })
}

/// A solid or dashed path.
pub enum PathKind<C: Clone + 'static> {
    /// Solid.
    Solid(PathElement<C>),
    /// Dashed or dotted.
    Dashed(Dashed<C>),
}

/// Most dashes one path is drawn with. plotters' SVG backend has no dash pattern, so
/// every dash is an element of its own; past this many the dashes lengthen instead, so a
/// long dotted curve stays a few kilobytes.
pub const MAX_DASHES: f64 = 120.0;

/// A dashed or dotted polyline, its pattern stretched to at most [`MAX_DASHES`] dashes.
pub struct Dashed<C> {
    points: Vec<C>,
    on: f64,
    off: f64,
    stroke: ShapeStyle,
}

impl<'a, C: 'a> PointCollection<'a, C> for &'a Dashed<C> {
    type Point = &'a C;
    type IntoIter = std::slice::Iter<'a, C>;
    fn point_iter(self) -> Self::IntoIter {
        self.points.iter()
    }
}

impl<C, DB: DrawingBackend> Drawable<DB> for Dashed<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let points: Vec<(f64, f64)> = points.map(|(x, y)| (f64::from(x), f64::from(y))).collect();
        let length: f64 = points
            .windows(2)
            .map(|w| crate::length(w[1].0 - w[0].0, w[1].1 - w[0].1))
            .sum();
        let period = self.on + self.off;
        if period <= 0.0 || length <= 0.0 {
            return Ok(());
        }
        let stretch = (length / (period * MAX_DASHES)).max(1.0);
        let (on, off) = (self.on * stretch, self.off * stretch);
        // Walk the polyline, switching between drawing and skipping every on / off.
        let mut dash: Vec<BackendCoord> = Vec::new();
        let mut drawing = true;
        let mut left = on;
        let round = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
        if let Some(&first) = points.first() {
            dash.push(round(first));
        }
        for w in points.windows(2) {
            let (mut from, to) = (w[0], w[1]);
            let mut segment = crate::length(to.0 - from.0, to.1 - from.1);
            while segment > left {
                let t = left / segment;
                let at = (from.0 + t * (to.0 - from.0), from.1 + t * (to.1 - from.1));
                if drawing {
                    dash.push(round(at));
                    backend.draw_path(std::mem::take(&mut dash), &self.stroke)?;
                } else {
                    dash.push(round(at));
                }
                segment -= left;
                from = at;
                drawing = !drawing;
                left = if drawing { on } else { off };
            }
            left -= segment;
            if drawing {
                dash.push(round(to));
            }
        }
        if drawing && dash.len() > 1 {
            backend.draw_path(dash, &self.stroke)?;
        }
        Ok(())
    }
}

/// Draws `points` as `style` says (line, then markers) on a drawing area in its own
/// coordinates.
pub fn draw_on_area(
    area: &Root<'_>,
    points: &[(i32, i32)],
    style: &Style,
    markers: bool,
) -> Result<(), Error> {
    match path_element(points.to_vec(), style) {
        Some(PathKind::Solid(p)) => area.draw(&p)?,
        Some(PathKind::Dashed(p)) => area.draw(&p)?,
        None => {}
    }
    if markers {
        for &p in points {
            area.draw(&Mark::new(p, *style))?;
        }
    }
    Ok(())
}
